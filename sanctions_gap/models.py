"""The typed records of the dataset files: categories, groups, members and their measures.

The records are frozen standard-library dataclasses, so that using a dataset costs no schema
building; ``validate`` checks the files against them with pydantic (their annotations and the
constraint markers below carry the rules), and their field docstrings become the descriptions
of the JSON Schema that `sanctions-gap schema` prints.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

NOT_APPLICABLE = "not_applicable"
"""The status of a record where the category cannot apply to the member."""

UNKNOWN = "unknown"
"""What the tool says where no record covers a member, category and date."""

FAMILIES = ("financial", "trade", "energy", "transport", "diplomatic", "individuals")
"""The families that group categories, in display order."""


class Constraint:
    """A rule on a field's value, which pydantic applies when ``validate`` checks a file.

    Pydantic calls ``__get_pydantic_core_schema__`` of each marker in an ``Annotated`` type;
    the marker adds its keywords (``pattern``, ``min_length``, ``gt``, ``le``) to the schema of
    the value. Nothing is imported until a file is checked.
    """

    def __init__(self, **rules: Any) -> None:
        self.rules = rules

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        schema = handler(source)
        schema.update(self.rules)
        return schema

    def __repr__(self) -> str:
        return f"Constraint({', '.join(f'{k}={v!r}' for k, v in self.rules.items())})"


def _fields_from_dict(cls: type, source: Any, handler: Any) -> Any:
    # Strict (see CONFIG) would also require an instance of the dataclass itself; the files
    # hold mappings, so the class accepts a mapping while every field stays strict.
    schema = handler(source)
    schema["strict"] = False
    return schema


CONFIG = {"extra": "forbid", "strict": True, "use_attribute_docstrings": True}
"""Pydantic settings of every record type: strict (a YAML number is not text, and a quoted
"2022-03-01" is not a date) and no unknown key (a misspelt key would otherwise be lost)."""

Family = Literal["financial", "trade", "energy", "transport", "diplomatic", "individuals"]
Identifier = Annotated[str, Constraint(pattern=r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
MemberCode = Annotated[str, Constraint(pattern=r"^[A-Z]{2}$")]
GroupId = Annotated[str, Constraint(pattern=r"^[A-Za-z0-9][A-Za-z0-9+_-]*$")]
Text = Annotated[str, Constraint(min_length=1)]
Url = Annotated[str, Constraint(pattern=r"^https?://[^\s]+$")]


def record_type(cls: type) -> type:
    """Make ``cls`` a frozen, keyword-only dataclass that validation can check."""
    cls.__pydantic_config__ = CONFIG  # type: ignore[attr-defined]  # read by pydantic
    cls.__get_pydantic_core_schema__ = classmethod(_fields_from_dict)  # type: ignore[attr-defined]
    return dataclass(frozen=True, kw_only=True)(cls)


@record_type
class Level:
    """One step of a category's ordinal scale."""

    id: Identifier
    """The level's identifier, used as `status` in member files (snake_case)."""
    description: Text
    """What counts as this level: precise enough that two careful people code alike."""


@record_type
class Category:
    """One kind of measure, with its own ordinal scale of levels, weakest first."""

    id: Identifier
    """The category's stable identifier (snake_case)."""
    label: Text
    """A short human-readable name."""
    family: Family
    """The family the category belongs to."""
    description: Text
    """What the category covers."""
    levels: Annotated[list[Level], Constraint(min_length=2)]
    """The levels, weakest first; the first is always `none`."""
    weight: Annotated[float, Constraint(gt=0, le=100)] = 1.0
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


@record_type
class CategoryFile:
    """The content of `categories.yaml`."""

    categories: Annotated[list[Category], Constraint(min_length=1)]
    """The controlled vocabulary of categories."""


@record_type
class Group:
    """A named group of members, such as the G7."""

    id: GroupId
    """The group's identifier, as typed on the command line (`G7`, `G7+EU`)."""
    label: Text
    """A human-readable name."""
    description: Text | None = None
    """What the group is."""
    members: Annotated[list[MemberCode], Constraint(min_length=1)]
    """The codes of its members."""


@record_type
class GroupFile:
    """The content of `groups.yaml`."""

    groups: list[Group]
    """The named groups."""


@record_type
class Source:
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


@record_type
class Exemption:
    """A carve-out from a measure."""

    scope: Text
    """What is exempted."""
    until: dt.date | None = None
    """The last day the exemption applies, if it is time-limited."""


@record_type
class Measure:
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
    exemptions: list[Exemption] = field(default_factory=list)
    """Carve-outs, with their end dates where they matter."""
    sources: Annotated[list[Source], Constraint(min_length=1)]
    """At least one source for the record."""
    notes: Text | None = None
    """Free-text notes."""
    official_source_waiver: Text | None = None
    """Why the record cites no official source: the reason no official text exists (for
    example, a company's own decision). Waives `no-official-source`."""
    official_source_pending: Text | None = None
    """Where an official text exists but no copy of it has been found: what was searched, and
    what the record rests on meanwhile. `validate` reports the record (a warning) until an
    official source is cited; it is never a waiver."""

    @property
    def is_standing(self) -> bool:
        """Whether the record is a standing absence (it has no effective date)."""
        return self.effective is None


@record_type
class Member:
    """The content of `members/<code>.yaml`: one member and its records."""

    code: MemberCode
    """ISO 3166-1 alpha-2 code (`EU` for the European Union); the file name in lower case."""
    name: Text
    """The member's name in English."""
    names: dict[str, Text] = field(default_factory=dict)
    """The member's name in other languages, by language code (`ja`, `fr`)."""
    reviewed: dt.date
    """The date on which the records were last checked."""
    inherits: list[MemberCode] = field(default_factory=list)
    """Members whose measures apply to this member too (France, Germany, Italy: `EU`)."""
    measures: list[Measure] = field(default_factory=list)
    """The records, in any order."""


SourceKind = Literal["official", "professional", "news", "state_affiliated", "other"]
"""What a cited host is (see `data/README.md`, "Source kinds")."""

SOURCE_KINDS: tuple[str, ...] = ("official", "professional", "news", "state_affiliated", "other")
"""The source kinds, strongest first."""


@record_type
class InstrumentPattern:
    """A pattern that recognises an official identifier of a legal instrument in a citation."""

    pattern: Text
    """A regular expression (Python syntax), searched for in the citation's text."""
    example: Text
    """A citation that the pattern recognises (a test checks that it does)."""


@record_type
class SourceKindsFile:
    """The content of `sources.yaml`: the kind of every host that member files cite."""

    hosts: dict[str, SourceKind]
    """Host name (without `www.`) to its kind; an entry covers its subdomains too, and the
    longest matching entry wins (`usembassy.gov` official, `jmh.usembassy.gov` news)."""
    identifiers: list[InstrumentPattern] = field(default_factory=list)
    """Official identifiers: a citation without URL that matches one counts as official."""


def plain(value: Any) -> Any:
    """A record as JSON-ready data: mappings of its fields in order, dates as ISO text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if hasattr(value, "__dataclass_fields__"):
        return {name: plain(getattr(value, name)) for name in value.__dataclass_fields__}
    return value
