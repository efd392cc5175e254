"""The typed models of the dataset files: categories, groups and member records (pydantic v2)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

NOT_APPLICABLE = "not_applicable"
"""The status of a record where the category cannot apply to the member."""

UNKNOWN = "unknown"
"""What the tool says where no record covers a member, category and date."""

FAMILIES = ("financial", "trade", "energy", "transport", "diplomatic", "individuals")
"""The families that group categories, in display order."""

Family = Literal["financial", "trade", "energy", "transport", "diplomatic", "individuals"]
Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
MemberCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
Text = Annotated[str, StringConstraints(min_length=1)]
Url = Annotated[str, StringConstraints(pattern=r"^https?://[^\s]+$")]


class _Model(BaseModel):
    # Strict: a YAML number is not text, and a quoted "2022-03-01" is not a date. Unknown keys
    # are errors (a misspelt key would otherwise be lost silently). Field docstrings become
    # descriptions in the JSON Schema that `sanctions-gap schema` prints.
    model_config = ConfigDict(
        frozen=True, extra="forbid", strict=True, use_attribute_docstrings=True
    )


class Level(_Model):
    """One step of a category's ordinal scale."""

    id: Identifier
    """The level's identifier, used as `status` in member files (snake_case)."""
    description: Text
    """What counts as this level: precise enough that two careful people code alike."""


class Category(_Model):
    """One kind of measure, with its own ordinal scale of levels, weakest first."""

    id: Identifier
    """The category's stable identifier (snake_case)."""
    label: Text
    """A short human-readable name."""
    family: Family
    """The family the category belongs to."""
    description: Text
    """What the category covers."""
    levels: list[Level] = Field(min_length=2)
    """The levels, weakest first; the first is always `none`."""
    weight: float = Field(default=1.0, gt=0, le=100)
    """The category's weight in the stringency index (1 by default)."""
    not_applicable_when: Text | None = None
    """When `not_applicable` is the right status for a member."""
    opensanctions_term: Text | None = None
    """Crosswalk: the matching OpenSanctions measure term, if any."""
    gsdb_type: Text | None = None
    """Crosswalk: the matching Global Sanctions Data Base sanction type, if any."""

    @property
    def level_ids(self) -> list[str]:
        """The ids of the levels, weakest first."""
        return [level.id for level in self.levels]

    def normalised(self, status: str) -> float:
        """The level's position on the scale, from 0 (`none`) to 1 (the strongest)."""
        return self.level_ids.index(status) / (len(self.levels) - 1)


class CategoryFile(_Model):
    """The content of `categories.yaml`."""

    categories: list[Category] = Field(min_length=1)
    """The controlled vocabulary of categories."""


class Group(_Model):
    """A named group of members, such as the G7."""

    id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9+_-]*$")]
    """The group's identifier, as typed on the command line (`G7`, `G7+EU`)."""
    label: Text
    """A human-readable name."""
    description: Text | None = None
    """What the group is."""
    members: list[MemberCode] = Field(min_length=1)
    """The codes of its members."""


class GroupFile(_Model):
    """The content of `groups.yaml`."""

    groups: list[Group]
    """The named groups."""


class Source(_Model):
    """Where a record can be checked: a page the editor has read, or an official citation."""

    url: Url | None = None
    """The address of a page the editor has read (never a guessed one)."""
    citation: Text | None = None
    """An official identifier of the instrument or document (`Council Regulation (EU) 2022/334`)."""
    title: Text
    """The title of the page or document."""
    published: dt.date | None = None
    """The date the page or document shows: its publication, or its last update where it
    gives one. The evidence date of a standing absence is its latest source's date."""
    accessed: dt.date | None = None
    """The date the editor read a page that is kept current (a consolidated list, a register)
    and shows no date of its own; used as its date only where `published` is absent."""
    note: Text | None = None
    """Why the source is kept, where it is not official or professional (for example, the
    only public report of a fact)."""

    @property
    def date(self) -> dt.date | None:
        """The date the source's evidence reaches: `published`, else `accessed`."""
        return self.published if self.published is not None else self.accessed


class Exemption(_Model):
    """A carve-out from a measure."""

    scope: Text
    """What is exempted."""
    until: dt.date | None = None
    """The last day the exemption applies, if it is time-limited."""


class Measure(_Model):
    """A record: from its `effective` date on, the member's level in the category is `status`."""

    category: Identifier
    """The category's id, from `categories.yaml`."""
    status: Identifier
    """A level id of that category, or `not_applicable`."""
    effective: dt.date | None = None
    """The date the measure legally applied; absent only for a standing absence."""
    announced: dt.date | None = None
    """The date the measure was announced, kept apart from `effective`."""
    confirmed: dt.date | None = None
    """For a standing absence (no `effective`): the date the absence was last confirmed."""
    instrument: Text | None = None
    """The legal act or decision."""
    summary: Text
    """One line: what the measure does."""
    exemptions: list[Exemption] = Field(default_factory=list)
    """Carve-outs, with their end dates where they matter."""
    sources: list[Source] = Field(min_length=1)
    """At least one source for the record."""
    notes: Text | None = None
    """Free-text notes."""
    official_source_waiver: Text | None = None
    """Why the record cites no official source: the reason no official text exists (for
    example, a decision announced only at a press conference). Waives `no-official-source`."""

    @property
    def is_standing(self) -> bool:
        """Whether the record is a standing absence (it has no effective date)."""
        return self.effective is None


class Member(_Model):
    """The content of `members/<code>.yaml`: one member and its records."""

    code: MemberCode
    """ISO 3166-1 alpha-2 code (`EU` for the European Union); the file name in lower case."""
    name: Text
    """The member's name in English."""
    names: dict[str, Text] = Field(default_factory=dict)
    """The member's name in other languages, by language code (`ja`, `fr`)."""
    reviewed: dt.date
    """The date on which the records were last checked."""
    inherits: list[MemberCode] = Field(default_factory=list)
    """Members whose measures apply to this member too (France, Germany, Italy: `EU`)."""
    measures: list[Measure] = Field(default_factory=list)
    """The records, in any order."""


SourceKind = Literal["official", "professional", "news", "state_affiliated", "other"]
"""What a cited host is (see `data/README.md`, "Source kinds")."""

SOURCE_KINDS: tuple[str, ...] = ("official", "professional", "news", "state_affiliated", "other")
"""The source kinds, strongest first."""


class InstrumentPattern(_Model):
    """A pattern that recognises an official identifier of a legal instrument in a citation."""

    pattern: Text
    """A regular expression (Python syntax), searched for in the citation's text."""
    example: Text
    """A citation that the pattern recognises (a test checks that it does)."""


class SourceKindsFile(_Model):
    """The content of `sources.yaml`: the kind of every host that member files cite."""

    hosts: dict[str, SourceKind]
    """Host name (without `www.`) to its kind; an entry covers its subdomains too, and the
    longest matching entry wins (`usembassy.gov` official, `jmh.usembassy.gov` news)."""
    identifiers: list[InstrumentPattern] = Field(default_factory=list)
    """Official identifiers: a citation without URL that matches one counts as official."""
