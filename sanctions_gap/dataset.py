"""The validated dataset: categories, groups and members, and each member's level on any date."""

from __future__ import annotations

import bisect
import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from sanctions_gap.errors import LookupFailed
from sanctions_gap.models import NOT_APPLICABLE, UNKNOWN, Category, Group, Measure, Member
from sanctions_gap.sources import SourceKinds

RANK_UNKNOWN = -2
RANK_NOT_APPLICABLE = -1
"""Positions of statuses that are not levels: unknown < not applicable < every level."""

MEMBER_ALIASES: Mapping[str, str] = {"UK": "GB"}
"""Codes accepted on the command line for another member's code."""

ALPHA3: Mapping[str, str] = {
    "AUS": "AU", "CAN": "CA", "CHE": "CH", "DEU": "DE", "FRA": "FR", "GBR": "GB",
    "ITA": "IT", "JPN": "JP", "KOR": "KR", "NOR": "NO", "NZL": "NZ", "USA": "US",
}  # fmt: skip
"""ISO 3166-1 alpha-3 codes, a natural mistake, to suggest the alpha-2 code for."""


def _suggestion(direct: str | None, known: list[str], typed: str) -> str:
    """``; did you mean 'X'?`` for a mistyped name, or nothing."""
    import difflib

    if direct is not None and direct in known:
        return f" (did you mean {direct!r}?)"
    folded = {name.lower(): name for name in known}
    close = difflib.get_close_matches(typed.lower(), list(folded), n=1, cutoff=0.6)
    return f" (did you mean {folded[close[0]]!r}?)" if close else ""


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
    position: int = RANK_UNKNOWN
    """The level's position on its scale (0 for `none`); ``RANK_NOT_APPLICABLE`` (-1) or
    ``RANK_UNKNOWN`` (-2) where the status is not a level."""

    @property
    def rank(self) -> int:
        """An order in which unknown < not applicable < every level (the position)."""
        return self.position


UNKNOWN_ANSWER = LevelAnswer(UNKNOWN, None)
"""The answer where no record covers the date."""


@dataclass(frozen=True)
class DataContext:
    """What an output rests on: the tool's version, the dataset's version and review date."""

    tool_version: str
    dataset_version: str
    data_reviewed: str
    """The latest `reviewed` date of the member files (ISO)."""

    def to_dict(self) -> dict[str, str]:
        """The context as a JSON-ready mapping."""
        return {
            "tool_version": self.tool_version,
            "dataset_version": self.dataset_version,
            "data_reviewed": self.data_reviewed,
        }

    def line(self) -> str:
        """The context in words, for a caption or a comment."""
        return (
            f"sanctions-gap {self.tool_version}, dataset {self.dataset_version or '?'}, "
            f"data reviewed {self.data_reviewed or '?'}"
        )


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
    version: str = ""
    """The dataset's version: a short hash of its files' content (the same files, the same
    version), so that an output can say which data it rests on."""
    memo: dict[object, object] = field(default_factory=dict, init=False, repr=False, compare=False)
    """A cache for tables that later stages derive from the records (the engine's level index).

    The dataset never changes once loaded, so a derived table stays valid for its lifetime.
    """

    def scheduled(self, record: Record | None) -> bool:
        """Whether a record is a measure adopted for later: effective after its file's review."""
        if record is None or record.measure.effective is None:
            return False
        return record.measure.effective > self.members[record.member].reviewed

    @cached_property
    def first_date(self) -> dt.date | None:
        """The earliest date a record of the dataset starts on (announced or effective)."""
        dates = [
            d
            for record in self.records
            for d in (record.measure.announced, record.measure.effective)
            if d is not None
        ]
        return min(dates, default=None)

    @property
    def reviewed(self) -> dt.date | None:
        """The latest `reviewed` date of the member files."""
        return max((m.reviewed for m in self.members.values()), default=None)

    def context(self) -> DataContext:
        """What an output of this dataset rests on: the tool's and the dataset's versions."""
        from sanctions_gap import __version__

        reviewed = self.reviewed
        return DataContext(__version__, self.version, reviewed.isoformat() if reviewed else "")

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
        if wanted in self.members:
            return wanted
        hint = _suggestion(ALPHA3.get(wanted), list(self.members), wanted)
        known = ", ".join(self.members)
        raise LookupFailed(f"unknown member {code!r}{hint}; known members: {known}")

    def resolve_group(self, name: str) -> list[str]:
        """The members of a group by id (any case), of codes (`CA,US`), or of both (`G7,EU`)."""
        members: set[str] = set()
        for part in (p.strip() for p in name.split(",")):
            if not part:
                continue
            group = next((g for g in self.groups.values() if g.id.upper() == part.upper()), None)
            if group is not None:
                members.update(group.members)
                continue
            try:
                members.add(self.resolve_member(part))
            except LookupFailed:
                hint = _suggestion(None, [*self.groups, *self.members], part)
                raise LookupFailed(
                    f"unknown group or member {part!r}{hint}; use a group "
                    f"({', '.join(self.groups)}), member codes such as CA,US, or both (G7,EU)"
                ) from None
        if not members:
            raise LookupFailed(f"no member in {name!r}; name a group or member codes")
        return sorted(members)

    def resolve_category(self, category: str) -> Category:
        """The category with that id (any case)."""
        wanted = category.strip().lower()
        if wanted in self.categories:
            return self.categories[wanted]
        known = list(self.categories)
        hint = _suggestion(None, known, wanted)
        raise LookupFailed(
            f"unknown category {category!r}{hint}; known categories: {', '.join(known)}"
        )

    def levels(
        self, member: str, category: str, basis: DateBasis = DateBasis.EFFECTIVE
    ) -> LevelHistory:
        """The member's level in the category over time (inheritance included), built once.

        ``member`` and ``category`` must be a member code and a category id of the dataset.
        """
        key = ("sanctions_gap.dataset.LevelHistory", member, category, basis)
        found = self.memo.get(key)
        if not isinstance(found, LevelHistory):
            found = self._resolve(member, category, basis)
            self.memo[key] = found
        return found

    def _resolve(self, member: str, category: str, basis: DateBasis) -> LevelHistory:
        own = self._own_history(member, category, basis)
        parents = [(p, self.levels(p, category, basis)) for p in self.members[member].inherits]
        if not parents:
            return own
        # The level changes only on a day one of the histories changes: resolve those days.
        days = sorted({day for _, history in [(member, own), *parents] for day in history.days})
        resolved = LevelHistory([], [])
        for day in days:
            best = own.at_day(day)
            for parent, history in parents:
                inherited = history.at_day(day)
                if inherited.rank > best.rank:
                    best = LevelAnswer(
                        inherited.status,
                        inherited.level,
                        inherited.via or parent,
                        inherited.record,
                        inherited.position,
                    )
            resolved.append(day, best)
        return resolved

    def _own_history(self, member: str, category: str, basis: DateBasis) -> LevelHistory:
        standing, dated = self._histories.get((member, category), ([], []))
        scale = self.categories[category]
        history = LevelHistory([], [])
        if standing:
            # Validation allows one standing record per category; it holds before any other.
            history.append(STANDING_DAY, _answer(scale, standing[0]))
        # Sorted by start, then effective date: where two records start on one day (possible
        # under the announced basis), the later effective one counts.
        for record in sorted(dated, key=lambda r: (r.start(basis), r.measure.effective)):
            start = record.start(basis)
            if start is not None:
                history.append(start.toordinal(), _answer(scale, record))
        return history

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
        return self.levels(member, category, basis).at(on)


STANDING_DAY = 0
"""The day of a standing absence in a ``LevelHistory``: before every date (dates are ordinals)."""


@dataclass
class LevelHistory:
    """A member's level in a category as a step function: from ``days[i]`` on, ``answers[i]``.

    Days are date ordinals (``date.toordinal()``), ascending; a standing absence starts on
    ``STANDING_DAY``. Before the first day the status is unknown.
    """

    days: list[int]
    answers: list[LevelAnswer]

    def append(self, day: int, answer: LevelAnswer) -> None:
        """Add a step; a step on the day of the last one replaces it."""
        if self.days and self.days[-1] == day:
            self.answers[-1] = answer
            return
        self.days.append(day)
        self.answers.append(answer)

    def index(self, day: int) -> int:
        """The position of the step in force on ``day``, or -1 before the first."""
        return bisect.bisect_right(self.days, day) - 1

    def at_day(self, day: int) -> LevelAnswer:
        """The answer on a day given as a date ordinal."""
        position = self.index(day)
        return self.answers[position] if position >= 0 else UNKNOWN_ANSWER

    def at(self, on: dt.date) -> LevelAnswer:
        """The answer on a date."""
        return self.at_day(on.toordinal())


def _answer(category: Category, record: Record) -> LevelAnswer:
    status = record.measure.status
    if status == NOT_APPLICABLE:
        return LevelAnswer(status, None, None, record, RANK_NOT_APPLICABLE)
    position = category.level_ids.index(status)
    return LevelAnswer(status, position / (len(category.levels) - 1), None, record, position)


def select_members(dataset: Dataset, members: Iterable[str] | None) -> list[str]:
    """Member codes, sorted and without repeats: all of them, or those named (any case)."""
    if members is None:
        return list(dataset.members)
    return sorted({dataset.resolve_member(code) for code in members})


def select_categories(dataset: Dataset, categories: Iterable[str] | None) -> list[str]:
    """Category ids in `categories.yaml` order: all of them, or those named."""
    if categories is None:
        return list(dataset.categories)
    wanted = {dataset.resolve_category(category).id for category in categories}
    return [category for category in dataset.categories if category in wanted]
