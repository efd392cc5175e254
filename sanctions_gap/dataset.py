"""The validated dataset: categories, groups and members, and each member's level on any date."""

from __future__ import annotations

import bisect
import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from sanctions_gap.errors import LookupFailed
from sanctions_gap.models import NOT_APPLICABLE, UNKNOWN, Category, Group, Measure, Member
from sanctions_gap.sources import SourceKinds

MEMBER_ALIASES: Mapping[str, str] = {"UK": "GB"}
"""Codes accepted on the command line for another member's code."""


class DateBasis(enum.StrEnum):
    """Which date of a record decides from when it counts."""

    EFFECTIVE = "effective"
    """The date the measure legally applied (the default)."""
    ANNOUNCED = "announced"
    """The date it was announced, where the record has one; else the effective date."""


@dataclass(frozen=True)
class Record:
    """A measure record with its place: which member, which file, which line."""

    member: str
    """The code of the member whose file holds the record."""
    measure: Measure
    """The record as written."""
    path: str
    """The file, as shown in messages."""
    line: int
    """The line where the record starts."""

    def start(self, basis: DateBasis) -> dt.date | None:
        """The date from which the record counts, or None for a standing absence."""
        if basis is DateBasis.ANNOUNCED and self.measure.announced is not None:
            return self.measure.announced
        return self.measure.effective


@dataclass(frozen=True)
class LevelAnswer:
    """A member's status in a category on a date, and where it comes from."""

    status: str
    """A level id of the category, `not_applicable`, or `unknown`."""
    level: float | None
    """The normalised level (0 for `none`, 1 for the strongest); None if not a level."""
    via: str | None = None
    """The inherited member the status comes from (`EU`), or None for the member's own."""
    record: Record | None = None
    """The record that sets the status, if any."""

    @property
    def rank(self) -> float:
        """An order in which unknown < not applicable < every level."""
        if self.level is not None:
            return self.level
        return -1.0 if self.status == NOT_APPLICABLE else -2.0


@dataclass(frozen=True)
class Dataset:
    """A whole validated dataset: use ``load_dataset`` to make one."""

    root: Path
    """The dataset directory."""
    categories: Mapping[str, Category]
    """The categories by id, in the order of `categories.yaml`."""
    groups: Mapping[str, Group]
    """The groups by id, in the order of `groups.yaml`."""
    members: Mapping[str, Member]
    """The members by code, sorted by code."""
    records: tuple[Record, ...] = field(repr=False)
    """Every measure record, by member code and then file order."""
    files: Mapping[str, str] = field(repr=False)
    """The file of each member, as shown in messages."""
    source_kinds: SourceKinds | None = field(default=None, repr=False)
    """The kinds of the cited hosts (from `sources.yaml`), where the dataset has them."""
    memo: dict[object, object] = field(default_factory=dict, init=False, repr=False, compare=False)
    """A cache for tables that later stages derive from the records (the engine's level index).

    The dataset never changes once loaded, so a derived table stays valid for its lifetime.
    """

    @cached_property
    def _histories(self) -> dict[tuple[str, str], tuple[list[Record], list[Record]]]:
        """Per (member, category): the standing records and the dated ones by effective date."""
        histories: dict[tuple[str, str], tuple[list[Record], list[Record]]] = {}
        for record in self.records:
            standing, dated = histories.setdefault(
                (record.member, record.measure.category), ([], [])
            )
            (standing if record.measure.is_standing else dated).append(record)
        for _standing, dated in histories.values():
            dated.sort(key=lambda r: (r.measure.effective, r.line))
        return histories

    def history(self, member: str, category: str) -> list[Record]:
        """The member's own records of a category: standing absences first, then by date."""
        standing, dated = self._histories.get((member, category), ([], []))
        return [*standing, *dated]

    def resolve_member(self, code: str) -> str:
        """The member code for what a user typed: case-insensitive, `UK` for `GB`."""
        wanted = code.strip().upper()
        wanted = MEMBER_ALIASES.get(wanted, wanted)
        if wanted not in self.members:
            known = ", ".join(self.members)
            raise LookupFailed(f"unknown member {code!r}; known members: {known}")
        return wanted

    def resolve_group(self, name: str) -> list[str]:
        """The members of a group by id (case-insensitive), or of a list `CA,US` of codes."""
        for group_id, group in self.groups.items():
            if group_id.upper() == name.strip().upper():
                return sorted(group.members)
        if (
            "," in name
            or name.strip().upper() in self.members
            or name.strip().upper() in (MEMBER_ALIASES)
        ):
            codes = [self.resolve_member(part) for part in name.split(",") if part.strip()]
            return sorted(set(codes))
        groups = ", ".join(self.groups)
        raise LookupFailed(
            f"unknown group {name!r}; use one of {groups} or a list of member codes such as CA,US"
        )

    def resolve_category(self, category: str) -> Category:
        """The category with that id."""
        try:
            return self.categories[category.strip()]
        except KeyError:
            known = ", ".join(self.categories)
            raise LookupFailed(
                f"unknown category {category!r}; known categories: {known}"
            ) from None

    def own_level(
        self,
        member: str,
        category: str,
        on: dt.date,
        basis: DateBasis = DateBasis.EFFECTIVE,
    ) -> LevelAnswer:
        """The member's status from its own records only (no inheritance)."""
        standing, dated = self._histories.get((member, category), ([], []))
        cat = self.categories[category]
        chosen: Record | None = None
        if basis is DateBasis.EFFECTIVE:
            # Every dated record has an effective date; `or` only narrows the type.
            index = bisect.bisect_right(dated, on, key=lambda r: r.measure.effective or on)
            chosen = dated[index - 1] if index else None
        else:
            # Announced dates need not follow the effective order: take the latest start.
            started = [r for r in dated if (r.start(basis) or on) <= on]
            if started:
                chosen = max(started, key=lambda r: (r.start(basis), r.measure.effective))
        if chosen is None and standing and (not dated or _starts_after(dated, on, basis)):
            chosen = standing[0]
        if chosen is None:
            return LevelAnswer(UNKNOWN, None)
        status = chosen.measure.status
        level = None if status == NOT_APPLICABLE else cat.normalised(status)
        return LevelAnswer(status, level, None, chosen)

    def level(
        self,
        member: str,
        category: str,
        on: dt.date,
        basis: DateBasis = DateBasis.EFFECTIVE,
    ) -> LevelAnswer:
        """The member's status on a date: the stronger of its own and any inherited one."""
        member = self.resolve_member(member)
        self.resolve_category(category)
        return self._level(member, category, on, basis, ())

    def _level(
        self,
        member: str,
        category: str,
        on: dt.date,
        basis: DateBasis,
        seen: tuple[str, ...],
    ) -> LevelAnswer:
        best = self.own_level(member, category, on, basis)
        for parent in self.members[member].inherits:
            if parent in seen:  # pragma: no cover - validation refuses cycles
                continue
            inherited = self._level(parent, category, on, basis, (*seen, member))
            if inherited.rank > best.rank:
                best = LevelAnswer(
                    inherited.status, inherited.level, inherited.via or parent, inherited.record
                )
        return best


def _starts_after(dated: list[Record], on: dt.date, basis: DateBasis) -> bool:
    """Whether every dated record starts after ``on``: a standing absence holds until then."""
    return all((r.start(basis) or on) > on for r in dated)
