"""The gap engine: compare a member with its peers, rank a group's gaps, index, diff, show."""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import numpy.typing as npt

from sanctions_gap.dataset import Dataset, DateBasis, Record
from sanctions_gap.errors import LookupFailed, SanctionsGapError
from sanctions_gap.frame import (
    DATE_DTYPE,
    RANK_NOT_APPLICABLE,
    RANK_UNKNOWN,
    Frequency,
    Ints,
    LevelGrid,
    LevelIndex,
    date_of,
    day_of,
    level_index,
    level_panel,
    select_categories,
    select_members,
)
from sanctions_gap.models import FAMILIES, UNKNOWN
from sanctions_gap.perf import paused_gc

if TYPE_CHECKING:  # pandas is imported where a frame is built, not on the hot path
    import pandas as pd

SCHEMA_VERSION = 1
"""The version of the JSON shape of every report; raised only when a key changes meaning."""

NOTE_MEMBER_UNKNOWN = "member status unknown"
NOTE_MEMBER_NOT_APPLICABLE = "not applicable to the member"

_NO_DAY = np.iinfo(np.int64).max
"""Where a day is expected: there is none."""


class CompareError(SanctionsGapError, ValueError):
    """An option of a comparison is out of range (for example ``min_share`` above 1)."""


# ---------------------------------------------------------------------- JSON helpers


def _iso(date: dt.date | None) -> str | None:
    return None if date is None else date.isoformat()


def _round(value: float | None) -> float | None:
    if value is None or math.isnan(value):
        return None
    return round(float(value), 4)


def _source(record: Record | None) -> dict[str, Any] | None:
    return None if record is None else {"path": record.path, "line": record.line}


# ---------------------------------------------------------------------- report objects


@dataclass(frozen=True)
class IndexResult:
    """A member's stringency index on a date: the weighted mean of its known levels, 0-100."""

    member: str
    as_of: dt.date
    date_basis: DateBasis
    value: float | None
    """The index, 0 to 100; None when no applicable category is known."""
    coverage: float
    """Known categories / the categories that can apply to the member (0 to 1)."""
    categories: int
    """How many categories were considered."""
    known: int
    """How many of them have a known level (not unknown, not not_applicable)."""
    not_applicable: int
    """How many are not applicable to the member."""
    unknown: int
    """How many are unknown."""

    def to_dict(self) -> dict[str, Any]:
        """The result as a JSON-ready mapping."""
        return {
            "schema_version": SCHEMA_VERSION,
            "member": self.member,
            "as_of": self.as_of.isoformat(),
            "date_basis": self.date_basis.value,
            "index": _round(self.value),
            "coverage": _round(self.coverage),
            "categories": self.categories,
            "known": self.known,
            "not_applicable": self.not_applicable,
            "unknown": self.unknown,
        }

    def to_frame(self) -> pd.DataFrame:
        """The result as a one-row table."""
        import pandas as pd

        row = self.to_dict()
        del row["schema_version"]
        frame = pd.DataFrame([row])
        return frame.astype(
            {
                "member": "string",
                "as_of": DATE_DTYPE,
                "date_basis": "string",
                "index": "float64",
                "coverage": "float64",
                "categories": "int64",
                "known": "int64",
                "not_applicable": "int64",
                "unknown": "int64",
            }
        )


@dataclass(frozen=True)
class IndexReport:
    """The stringency index of every member of a group on a date, highest first."""

    members: tuple[str, ...]
    as_of: dt.date
    date_basis: DateBasis
    results: tuple[IndexResult, ...]
    """Highest index first (members with no index last), then by code."""

    @property
    def median(self) -> float | None:
        """The median index of the group (of the members that have one)."""
        values = [r.value for r in self.results if r.value is not None]
        return statistics.median(values) if values else None

    def to_dict(self) -> dict[str, Any]:
        """The report as a JSON-ready mapping."""
        rows = []
        for result in self.results:
            row = result.to_dict()
            del row["schema_version"], row["as_of"], row["date_basis"]
            rows.append(row)
        return {
            "schema_version": SCHEMA_VERSION,
            "members": list(self.members),
            "as_of": self.as_of.isoformat(),
            "date_basis": self.date_basis.value,
            "rows": rows,
            "summary": {"members": len(self.results), "median_index": _round(self.median)},
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per member, highest index first."""
        return _frame(
            self.to_dict()["rows"],
            {
                "member": "string",
                "index": "float64",
                "coverage": "float64",
                "categories": "int64",
                "known": "int64",
                "not_applicable": "int64",
                "unknown": "int64",
            },
        )


@dataclass(frozen=True)
class CompareRow:
    """One category of a comparison: the member's status, its peers', and whether it lags."""

    category: str
    label: str
    family: str
    member_status: str
    """A level id, ``not_applicable`` or ``unknown``."""
    member_level: float | None
    """The normalised level (0-1), or None when not applicable or unknown."""
    member_via: str | None
    """The member the status is inherited from (``EU``), or None for the member's own."""
    member_date: dt.date | None
    """When the record that sets the member's status starts to count: its effective date, or
    its announced date on the announced basis (None for a standing absence)."""
    member_source: Record | None
    """The record that sets the member's status (its file and line point annotations at it)."""
    peer_status: Mapping[str, str]
    peer_level: Mapping[str, float | None]
    peer_via: Mapping[str, str]
    """Only the peers whose status is inherited, with the member it comes from."""
    peers_ahead: tuple[str, ...]
    """Applicable peers with a higher level than the member's, sorted."""
    peers_unknown: tuple[str, ...]
    """Peers whose status is unknown: reported, never counted as 0."""
    peers_applicable: int
    """Peers with a known level (neither unknown nor not applicable)."""
    gap: bool
    share_ahead: float | None
    """``len(peers_ahead) / peers_applicable``; None when the member's level is not known."""
    first_peer_date: dt.date | None
    """When the gap began: the earliest start of an ahead peer's spell above the member."""
    days_open: int | None
    """Days from ``first_peer_date`` to the comparison date."""
    lag_days_first: int | None
    """Days the member reached its level after the first peer did (negative if it led)."""
    lag_days_median: float | None
    """Days the member reached its level after the median peer that reached it."""
    note: str | None
    """Why no gap is computed, where none is."""

    def to_dict(self) -> dict[str, Any]:
        """The row as a JSON-ready mapping."""
        return {
            "category": self.category,
            "label": self.label,
            "family": self.family,
            "member_status": self.member_status,
            "member_level": _round(self.member_level),
            "member_via": self.member_via,
            "member_date": _iso(self.member_date),
            "member_source": _source(self.member_source),
            "peer_status": dict(sorted(self.peer_status.items())),
            "peer_level": {k: _round(v) for k, v in sorted(self.peer_level.items())},
            "peer_via": dict(sorted(self.peer_via.items())),
            "peers_ahead": list(self.peers_ahead),
            "peers_unknown": list(self.peers_unknown),
            "peers_applicable": self.peers_applicable,
            "gap": self.gap,
            "share_ahead": _round(self.share_ahead),
            "first_peer_date": _iso(self.first_peer_date),
            "days_open": self.days_open,
            "lag_days_first": self.lag_days_first,
            "lag_days_median": _round(self.lag_days_median),
            "note": self.note,
        }


_COMPARE_ROW_DTYPES = {
    "category": "string",
    "label": "string",
    "family": "string",
    "member_status": "string",
    "member_level": "float64",
    "member_via": "string",
    "member_date": DATE_DTYPE,
    "path": "string",
    "line": "Int64",
    "peers_ahead": "string",
    "peers_unknown": "string",
    "peers_applicable": "int64",
    "gap": "bool",
    "share_ahead": "float64",
    "first_peer_date": DATE_DTYPE,
    "days_open": "Int64",
    "lag_days_first": "Int64",
    "lag_days_median": "float64",
    "note": "string",
}


@dataclass(frozen=True)
class CompareReport:
    """Where a member lags its peers on a date, category by category."""

    member: str
    peers: tuple[str, ...]
    as_of: dt.date
    date_basis: DateBasis
    min_peers: int
    min_share: float
    rows: tuple[CompareRow, ...]
    """One row per category, in `categories.yaml` order."""
    index: IndexResult
    """The member's stringency index."""
    peer_index: Mapping[str, IndexResult]
    """Each peer's stringency index."""

    @property
    def gaps(self) -> tuple[CompareRow, ...]:
        """The rows that are gaps."""
        return tuple(row for row in self.rows if row.gap)

    @property
    def peer_median_index(self) -> float | None:
        """The median of the peers' indexes (those that have one)."""
        values = [r.value for r in self.peer_index.values() if r.value is not None]
        return statistics.median(values) if values else None

    @property
    def unknown(self) -> int:
        """Cells (the member's or a peer's) whose status is unknown."""
        return sum((row.member_status == UNKNOWN) + len(row.peers_unknown) for row in self.rows)

    def summary(self) -> dict[str, Any]:
        """The headline numbers, JSON-ready."""
        return {
            "categories": len(self.rows),
            "gaps": len(self.gaps),
            "unknown": self.unknown,
            "index": _round(self.index.value),
            "peer_median_index": _round(self.peer_median_index),
            "coverage": _round(self.index.coverage),
        }

    def to_dict(self) -> dict[str, Any]:
        """The report as a JSON-ready mapping (the ``compare --format json`` interface)."""
        return {
            "schema_version": SCHEMA_VERSION,
            "member": self.member,
            "peers": list(self.peers),
            "as_of": self.as_of.isoformat(),
            "date_basis": self.date_basis.value,
            "min_peers": self.min_peers,
            "min_share": _round(self.min_share),
            "rows": [row.to_dict() for row in self.rows],
            "summary": self.summary(),
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per category; peer lists joined with commas."""
        records = []
        for row in self.rows:
            data = row.to_dict()
            source = data.pop("member_source") or {}
            for key in ("peer_status", "peer_level", "peer_via"):
                del data[key]
            data["path"] = source.get("path")
            data["line"] = source.get("line")
            data["peers_ahead"] = ",".join(row.peers_ahead)
            data["peers_unknown"] = ",".join(row.peers_unknown)
            records.append(data)
        return _frame(records, _COMPARE_ROW_DTYPES)


@dataclass(frozen=True)
class GapItem:
    """One category in which a member of a group lags the rest of the group."""

    category: str
    member_status: str
    member_level: float | None
    peers_ahead: tuple[str, ...]
    share_ahead: float
    first_peer_date: dt.date | None
    days_open: int | None
    member_source: Record | None = field(default=None, compare=False)
    """The record that sets the member's status (annotations point at its file and line)."""

    def to_dict(self) -> dict[str, Any]:
        """The item as a JSON-ready mapping."""
        return {
            "category": self.category,
            "member_status": self.member_status,
            "member_level": _round(self.member_level),
            "peers_ahead": list(self.peers_ahead),
            "share_ahead": _round(self.share_ahead),
            "first_peer_date": _iso(self.first_peer_date),
            "days_open": self.days_open,
        }


@dataclass(frozen=True)
class GapsEntry:
    """A member of a group and its gaps against the rest of the group."""

    rank: int
    """1 for the member that lags most."""
    member: str
    index: float | None
    coverage: float
    unknown: int
    """Categories in which the member's status is unknown."""
    items: tuple[GapItem, ...]
    """The gap categories, in `categories.yaml` order."""

    def to_dict(self) -> dict[str, Any]:
        """The entry as a JSON-ready mapping."""
        return {
            "rank": self.rank,
            "member": self.member,
            "gaps": len(self.items),
            "index": _round(self.index),
            "coverage": _round(self.coverage),
            "unknown": self.unknown,
            "categories": [item.to_dict() for item in self.items],
        }


@dataclass(frozen=True)
class GapsReport:
    """Every member's gaps against the rest of its group, ranked: most gaps first."""

    members: tuple[str, ...]
    as_of: dt.date
    date_basis: DateBasis
    min_peers: int
    min_share: float
    categories: tuple[str, ...]
    entries: tuple[GapsEntry, ...]
    """Ranked: most gaps first, then lowest index, then code."""

    def to_dict(self) -> dict[str, Any]:
        """The report as a JSON-ready mapping."""
        return {
            "schema_version": SCHEMA_VERSION,
            "members": list(self.members),
            "as_of": self.as_of.isoformat(),
            "date_basis": self.date_basis.value,
            "min_peers": self.min_peers,
            "min_share": _round(self.min_share),
            "categories": len(self.categories),
            "entries": [entry.to_dict() for entry in self.entries],
            "summary": {
                "members": len(self.entries),
                "gaps": sum(len(entry.items) for entry in self.entries),
            },
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per member and gap; a member without gaps has one row with no category."""
        records: list[dict[str, Any]] = []
        for entry in self.entries:
            head = {
                "rank": entry.rank,
                "member": entry.member,
                "gaps": len(entry.items),
                "index": entry.index,
                "coverage": entry.coverage,
            }
            if not entry.items:
                records.append({**head, "category": None})
            for item in entry.items:
                data = item.to_dict()
                data["peers_ahead"] = ",".join(item.peers_ahead)
                records.append({**head, **data})
        return _frame(
            records,
            {
                "rank": "int64",
                "member": "string",
                "gaps": "int64",
                "index": "float64",
                "coverage": "float64",
                "category": "string",
                "member_status": "string",
                "member_level": "float64",
                "peers_ahead": "string",
                "share_ahead": "float64",
                "first_peer_date": DATE_DTYPE,
                "days_open": "Int64",
            },
        )


@dataclass(frozen=True)
class MatrixCell:
    """A member's status in a category."""

    member: str
    category: str
    status: str
    level: float | None
    via: str | None


@dataclass(frozen=True)
class MatrixReport:
    """Members x categories: statuses and levels on a date (for a heat map)."""

    members: tuple[str, ...]
    categories: tuple[str, ...]
    as_of: dt.date
    date_basis: DateBasis
    cells: tuple[MatrixCell, ...]
    """Member by member (sorted), each in `categories.yaml` order."""
    index: Mapping[str, IndexResult]

    def cell(self, member: str, category: str) -> MatrixCell:
        """The cell of a member and category."""
        position = self.members.index(member) * len(self.categories)
        return self.cells[position + self.categories.index(category)]

    def to_dict(self) -> dict[str, Any]:
        """The report as a JSON-ready mapping."""
        rows = []
        for member in self.members:
            cells = [self.cell(member, category) for category in self.categories]
            rows.append(
                {
                    "member": member,
                    "index": _round(self.index[member].value),
                    "coverage": _round(self.index[member].coverage),
                    "status": {c.category: c.status for c in cells},
                    "level": {c.category: _round(c.level) for c in cells},
                    "via": {c.category: c.via for c in cells if c.via is not None},
                }
            )
        return {
            "schema_version": SCHEMA_VERSION,
            "as_of": self.as_of.isoformat(),
            "date_basis": self.date_basis.value,
            "members": list(self.members),
            "categories": list(self.categories),
            "rows": rows,
        }

    def to_frame(self) -> pd.DataFrame:
        """The long table: member, category, status, level, via."""
        return _frame_of(
            self.cells,
            {
                "member": "string",
                "category": "string",
                "status": "string",
                "level": "float64",
                "via": "string",
            },
        )


@dataclass(frozen=True)
class TimelinePoint:
    """The member's index and its peers' median index on one date of a timeline."""

    date: dt.date
    index: float | None
    peer_median_index: float | None
    gaps: int
    """How many categories are gaps on that date."""


@dataclass(frozen=True)
class GapEvent:
    """A gap opened or closed: the first date of the timeline on which the change shows."""

    date: dt.date
    category: str
    change: Literal["opened", "closed"]


@dataclass(frozen=True)
class TimelineReport:
    """A member against its peers over time: indexes, gaps opened and closed, latencies."""

    member: str
    peers: tuple[str, ...]
    start: dt.date
    end: dt.date
    freq: str
    date_basis: DateBasis
    points: tuple[TimelinePoint, ...]
    events: tuple[GapEvent, ...]
    """Changes between consecutive dates of the timeline, by date then category."""
    open_at_start: tuple[str, ...]
    """The gaps already open on the first date."""
    latency: tuple[CompareRow, ...]
    """The comparison on the last date: each row's ``lag_days_first`` and ``lag_days_median``."""

    def to_dict(self) -> dict[str, Any]:
        """The report as a JSON-ready mapping."""
        return {
            "schema_version": SCHEMA_VERSION,
            "member": self.member,
            "peers": list(self.peers),
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "freq": self.freq,
            "date_basis": self.date_basis.value,
            "points": [
                {
                    "date": p.date.isoformat(),
                    "index": _round(p.index),
                    "peer_median_index": _round(p.peer_median_index),
                    "gaps": p.gaps,
                }
                for p in self.points
            ],
            "events": [
                {"date": e.date.isoformat(), "category": e.category, "change": e.change}
                for e in self.events
            ],
            "open_at_start": list(self.open_at_start),
            "latency": [
                {
                    "category": row.category,
                    "member_status": row.member_status,
                    "lag_days_first": row.lag_days_first,
                    "lag_days_median": _round(row.lag_days_median),
                }
                for row in self.latency
                if row.lag_days_first is not None
            ],
        }

    def to_frame(self) -> pd.DataFrame:
        """The points: date, index, peer_median_index, gaps."""
        return _frame_of(
            self.points,
            {
                "date": DATE_DTYPE,
                "index": "float64",
                "peer_median_index": "float64",
                "gaps": "int64",
            },
        )


@dataclass(frozen=True)
class DiffItem:
    """A category whose gap opened, closed or stayed open between two dates."""

    category: str
    change: Literal["opened", "closed", "still_open"]
    before: CompareRow
    after: CompareRow

    def to_dict(self) -> dict[str, Any]:
        """The item as a JSON-ready mapping."""
        return {
            "category": self.category,
            "change": self.change,
            "member_status_from": self.before.member_status,
            "member_status_to": self.after.member_status,
            "peers_ahead_from": list(self.before.peers_ahead),
            "peers_ahead_to": list(self.after.peers_ahead),
            "first_peer_date": _iso(self.after.first_peer_date),
            "days_open": self.after.days_open,
        }


@dataclass(frozen=True)
class DiffReport:
    """Gaps opened and closed between two dates, and those still open."""

    member: str
    peers: tuple[str, ...]
    start: dt.date
    end: dt.date
    before: CompareReport
    after: CompareReport
    items: tuple[DiffItem, ...] = field(default=())
    """Opened, closed and still open, in `categories.yaml` order."""

    def of(self, change: str) -> tuple[DiffItem, ...]:
        """The items of one kind of change."""
        return tuple(item for item in self.items if item.change == change)

    def to_dict(self) -> dict[str, Any]:
        """The report as a JSON-ready mapping."""
        return {
            "schema_version": SCHEMA_VERSION,
            "member": self.member,
            "peers": list(self.peers),
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "date_basis": self.after.date_basis.value,
            "opened": [item.to_dict() for item in self.of("opened")],
            "closed": [item.to_dict() for item in self.of("closed")],
            "still_open": [item.to_dict() for item in self.of("still_open")],
            "summary": {
                "gaps_from": len(self.before.gaps),
                "gaps_to": len(self.after.gaps),
                "opened": len(self.of("opened")),
                "closed": len(self.of("closed")),
                "still_open": len(self.of("still_open")),
            },
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per changed or still-open category."""
        records = []
        for item in self.items:
            data = item.to_dict()
            for key in ("peers_ahead_from", "peers_ahead_to"):
                data[key] = ",".join(data[key])
            records.append(data)
        return _frame(
            records,
            {
                "category": "string",
                "change": "string",
                "member_status_from": "string",
                "member_status_to": "string",
                "peers_ahead_from": "string",
                "peers_ahead_to": "string",
                "first_peer_date": DATE_DTYPE,
                "days_open": "Int64",
            },
        )


@dataclass(frozen=True)
class ShowRecord:
    """A record as ``show`` lists it, with where it applies from."""

    record: Record
    via: str | None
    """The inherited member whose record this is (``EU``), or None for the member's own."""

    def to_dict(self) -> dict[str, Any]:
        """The record as a JSON-ready mapping."""
        measure = self.record.measure
        return {
            "member": self.record.member,
            "via": self.via,
            "category": measure.category,
            "status": measure.status,
            "effective": _iso(measure.effective),
            "announced": _iso(measure.announced),
            "confirmed": _iso(measure.confirmed),
            "instrument": measure.instrument,
            "summary": measure.summary,
            "exemptions": [{"scope": e.scope, "until": _iso(e.until)} for e in measure.exemptions],
            "sources": [
                {"title": s.title, "url": s.url, "citation": s.citation} for s in measure.sources
            ],
            "notes": measure.notes,
            "path": self.record.path,
            "line": self.record.line,
        }


@dataclass(frozen=True)
class ShowReport:
    """A member's records (and the records it inherits), with instruments and sources."""

    member: str
    category: str | None
    records: tuple[ShowRecord, ...]
    """By category (`categories.yaml` order), standing absences first, then by date."""

    def to_dict(self) -> dict[str, Any]:
        """The report as a JSON-ready mapping."""
        return {
            "schema_version": SCHEMA_VERSION,
            "member": self.member,
            "category": self.category,
            "records": [r.to_dict() for r in self.records],
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per record; exemptions and source titles joined with `` | ``."""
        records = []
        for item in self.records:
            data = item.to_dict()
            data["exemptions"] = " | ".join(
                e["scope"] + (f" (until {e['until']})" if e["until"] else "")
                for e in data["exemptions"]
            )
            sources = data.pop("sources")
            data["sources"] = " | ".join(s["title"] for s in sources)
            data["urls"] = " | ".join(s["url"] for s in sources if s["url"])
            records.append(data)
        dtypes = {
            "member": "string",
            "via": "string",
            "category": "string",
            "status": "string",
            "effective": DATE_DTYPE,
            "announced": DATE_DTYPE,
            "confirmed": DATE_DTYPE,
            "instrument": "string",
            "summary": "string",
            "exemptions": "string",
            "notes": "string",
            "path": "string",
            "line": "int64",
            "sources": "string",
            "urls": "string",
        }
        return _frame(records, dtypes)


def _frame_of(items: Sequence[object], dtypes: dict[str, str]) -> pd.DataFrame:
    """A frame with one row per item and a column per attribute named in ``dtypes``."""
    return _frame([{name: getattr(item, name) for name in dtypes} for item in items], dtypes)


def _frame(records: list[dict[str, Any]], dtypes: dict[str, str]) -> pd.DataFrame:
    import pandas as pd

    frame = pd.DataFrame(records, columns=list(dtypes))
    for column, dtype in dtypes.items():
        if dtype == DATE_DTYPE:
            frame[column] = pd.to_datetime(frame[column]).astype(DATE_DTYPE)
    return frame.astype(dtypes)


# ---------------------------------------------------------------------- the assessment


@dataclass(frozen=True)
class _Assessment:
    """Each member of a group against the rest of the group, on one date (arrays, not rows).

    Arrays are indexed [member, category] in the order of ``members`` and ``categories``; a
    rank is a level's position on its scale (see ``frame.RANK_UNKNOWN``).
    """

    index: LevelIndex
    members: tuple[str, ...]
    categories: tuple[str, ...]
    as_of: dt.date
    record: Ints
    via: Ints
    rank: Ints
    level: npt.NDArray[np.float64]
    ahead: Ints
    """How many other members have a higher level."""
    applicable: Ints
    """How many other members have a known level."""
    gap: npt.NDArray[np.bool_]
    first_peer_day: Ints
    """The start of the gap (``_NO_DAY`` where no member is ahead)."""
    reached: Ints
    """[member, category, k]: the first day the member's level was at least k (or ``_NO_DAY``)."""
    ahead_of: Mapping[tuple[int, int], tuple[str, ...]]
    """(category position, rank): the members above that rank, sorted."""


def _assess(
    dataset: Dataset,
    members: Sequence[str],
    categories: Sequence[str],
    as_of: dt.date,
    basis: DateBasis,
    min_peers: int,
    min_share: float,
) -> _Assessment:
    index = level_index(dataset, basis)
    today = day_of(as_of)
    grid = LevelGrid.build(dataset, members, categories, np.asarray([today], dtype=np.int64), basis)
    rank = grid.rank[:, :, 0]
    spells, reached = _spells(index, members, categories, today)
    width = rank.shape[1]
    ahead = np.zeros(rank.shape, dtype=np.int64)
    first_peer_day = np.full(rank.shape, _NO_DAY, dtype=np.int64)
    ahead_of: dict[tuple[int, int], tuple[str, ...]] = {}
    codes = np.asarray(members, dtype=object)
    known = rank >= 0
    for column in range(width):
        ranks = rank[:, column]
        for k in np.unique(ranks[ranks >= 0]):
            above = ranks > k
            rows = ranks == k
            ahead[rows, column] = int(above.sum())
            if above.any():
                first_peer_day[rows, column] = spells[above, column, k].min()
                ahead_of[(column, int(k))] = tuple(sorted(codes[above]))
    applicable = known.sum(axis=0)[np.newaxis, :] - known.astype(np.int64)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(applicable > 0, ahead / np.maximum(applicable, 1), 0.0)
    gap = known & (ahead >= min_peers) & (share >= min_share)
    return _Assessment(
        index=index,
        members=tuple(members),
        categories=tuple(categories),
        as_of=as_of,
        record=grid.record[:, :, 0],
        via=grid.via[:, :, 0],
        rank=rank,
        level=grid.level[:, :, 0],
        ahead=ahead,
        applicable=applicable,
        gap=gap,
        first_peer_day=first_peer_day,
        reached=reached,
        ahead_of=ahead_of,
    )


def _spells(
    index: LevelIndex,
    members: Sequence[str],
    categories: Sequence[str],
    today: int,
) -> tuple[Ints, Ints]:
    """Per [member, category, k]: the start of the current spell above rank k, and the first
    day at rank k or more (both ``_NO_DAY`` where there is none), up to ``today``.

    A level changes only on a start day of the member's records or an inherited member's, so
    the level is resolved on those days alone (``events``), all at once.
    """
    member_at = {code: position for position, code in enumerate(index.member_codes)}
    category_at = {c: position for position, c in enumerate(index.category_ids)}
    width = len(index.category_ids)
    wanted = np.full(width, -1, dtype=np.int64)
    wanted[[category_at[c] for c in categories]] = np.arange(len(categories))
    owner_parts, column_parts, day_parts = [], [], []
    for row, code in enumerate(members):
        for source in index.ancestors(member_at[code]):
            begin = index.pair_starts[source * width]
            end = index.pair_starts[(source + 1) * width]
            positions = index.key_records[begin:end]
            column = wanted[index.key_pairs[begin:end] - source * width]
            days = index.start[positions]
            keep = (column >= 0) & (days <= today)
            owner_parts.append(np.full(int(keep.sum()), row, dtype=np.int64))
            column_parts.append(column[keep])
            day_parts.append(days[keep])
    levels = int(max((index.scale[category_at[c]] for c in categories), default=1))
    shape = (len(members), len(categories), levels)
    spell = np.full(shape, _NO_DAY, dtype=np.int64)
    reached = np.full(shape, _NO_DAY, dtype=np.int64)
    if not owner_parts or not sum(len(part) for part in owner_parts):
        return spell, reached
    owner = np.concatenate(owner_parts)
    column = np.concatenate(column_parts)
    day = np.concatenate(day_parts)
    group = owner * len(categories) + column
    group, day = _unique_pairs(group, day)
    member_positions = np.asarray([member_at[m] for m in members], dtype=np.int64)
    category_positions = np.asarray([category_at[c] for c in categories], dtype=np.int64)
    _record, _via, rank = index.resolve(
        member_positions[group // len(categories)], category_positions[group % len(categories)], day
    )
    groups = len(members) * len(categories)
    first = np.searchsorted(group, np.arange(groups), side="left")
    after = np.searchsorted(group, np.arange(groups), side="right")
    has_events = after > first
    position = np.arange(len(group), dtype=np.int64)
    for k in range(levels):
        last_low = np.full(groups, -1, dtype=np.int64)
        np.maximum.at(last_low, group, np.where(rank <= k, position, -1))
        # The spell above k starts just after the last event at or below k; with no such
        # event it starts at the first event (before any record the level is at most none).
        start = np.where(last_low < first, first, last_low + 1)
        valid = has_events & (start < after)
        spell[:, :, k] = np.where(valid, day[np.minimum(start, len(day) - 1)], _NO_DAY).reshape(
            shape[:2]
        )
        first_high = np.full(groups, len(group), dtype=np.int64)
        np.minimum.at(first_high, group, np.where(rank >= k, position, len(group)))
        found = first_high < len(group)
        reached[:, :, k] = np.where(
            found, day[np.minimum(first_high, len(day) - 1)], _NO_DAY
        ).reshape(shape[:2])
    return spell, reached


def _unique_pairs(group: Ints, day: Ints) -> tuple[Ints, Ints]:
    order = np.lexsort((day, group))
    group, day = group[order], day[order]
    keep = np.ones(len(group), dtype=np.bool_)
    keep[1:] = (group[1:] != group[:-1]) | (day[1:] != day[:-1])
    return group[keep], day[keep]


def _indexes(dataset: Dataset, assessment: _Assessment, basis: DateBasis) -> dict[str, IndexResult]:
    """Each member's stringency index, from the levels already resolved."""
    weights = np.asarray(
        [dataset.categories[c].weight for c in assessment.categories], dtype=np.float64
    )
    level = assessment.level
    known = ~np.isnan(level)
    weight_known = (weights[np.newaxis, :] * known).sum(axis=1)
    total = np.where(known, level * weights[np.newaxis, :], 0.0).sum(axis=1)
    width = len(assessment.categories)
    results = {}
    for row, code in enumerate(assessment.members):
        count = int(known[row].sum())
        value = 100.0 * float(total[row]) / float(weight_known[row]) if count else None
        not_applicable = int((assessment.rank[row] == RANK_NOT_APPLICABLE).sum())
        applicable = width - not_applicable
        results[code] = IndexResult(
            member=code,
            as_of=assessment.as_of,
            date_basis=basis,
            value=value,
            # Coverage is of the categories that can apply: not applicable is a known answer.
            coverage=count / applicable if applicable else 0.0,
            categories=width,
            known=count,
            not_applicable=not_applicable,
            unknown=int((assessment.rank[row] == RANK_UNKNOWN).sum()),
        )
    return results


def _record(dataset: Dataset, assessment: _Assessment, row: int, column: int) -> Record | None:
    """The record that sets a member's status in a category (its own or an inherited one)."""
    position = int(assessment.record[row, column])
    return dataset.records[position] if position >= 0 else None


def _compare_row(dataset: Dataset, assessment: _Assessment, row: int, column: int) -> CompareRow:
    """The row of one member (``row``) and category (``column``) against the rest of the group."""
    index = assessment.index
    category = dataset.categories[assessment.categories[column]]
    members = assessment.members
    rank = int(assessment.rank[row, column])
    record = _record(dataset, assessment, row, column)
    status = record.measure.status if record is not None else UNKNOWN
    level = _level(assessment, row, column)
    others = [p for p in range(len(members)) if p != row]
    peer_status = {members[p]: _status(dataset, assessment, p, column) for p in others}
    peer_level = {members[p]: _level(assessment, p, column) for p in others}
    peer_via = {
        members[p]: index.member_codes[int(assessment.via[p, column])]
        for p in others
        if assessment.via[p, column] >= 0
    }
    peers_unknown = tuple(sorted(members[p] for p in others if assessment.rank[p, column] == -2))
    via_at = int(assessment.via[row, column])
    peers_ahead: tuple[str, ...] = ()
    share: float | None = None
    first_peer_date = days_open = lag_first = None
    lag_median: float | None = None
    note = None
    if rank == RANK_UNKNOWN:
        note = NOTE_MEMBER_UNKNOWN
    elif rank == RANK_NOT_APPLICABLE:
        note = NOTE_MEMBER_NOT_APPLICABLE
    else:
        peers_ahead = assessment.ahead_of.get((column, rank), ())
        applicable = int(assessment.applicable[row, column])
        share = len(peers_ahead) / applicable if applicable else 0.0
        first_day = int(assessment.first_peer_day[row, column])
        if first_day != _NO_DAY:
            first_peer_date = date_of(first_day)
            days_open = (assessment.as_of - first_peer_date).days
        if rank >= 1:
            lag_first, lag_median = _latency(assessment, row, column, rank, others)
    return CompareRow(
        category=category.id,
        label=category.label,
        family=category.family,
        member_status=status,
        member_level=level,
        member_via=index.member_codes[via_at] if via_at >= 0 else None,
        member_date=record.start(index.basis) if record is not None else None,
        member_source=record,
        peer_status=peer_status,
        peer_level=peer_level,
        peer_via=peer_via,
        peers_ahead=peers_ahead,
        peers_unknown=peers_unknown,
        peers_applicable=int(assessment.applicable[row, column]),
        gap=bool(assessment.gap[row, column]),
        share_ahead=share,
        first_peer_date=first_peer_date,
        days_open=days_open,
        lag_days_first=lag_first,
        lag_days_median=lag_median,
        note=note,
    )


def _latency(
    assessment: _Assessment, row: int, column: int, rank: int, others: list[int]
) -> tuple[int | None, float | None]:
    """Days the member reached its level after the first and the median peer that did."""
    mine = int(assessment.reached[row, column, rank])
    days = [
        int(assessment.reached[p, column, rank])
        for p in others
        if assessment.rank[p, column] != RANK_NOT_APPLICABLE
        and assessment.reached[p, column, rank] != _NO_DAY
    ]
    if mine == _NO_DAY or not days:
        return None, None
    return mine - min(days), float(statistics.median(mine - day for day in days))


def _status(dataset: Dataset, assessment: _Assessment, row: int, column: int) -> str:
    record = _record(dataset, assessment, row, column)
    return record.measure.status if record is not None else UNKNOWN


def _level(assessment: _Assessment, row: int, column: int) -> float | None:
    value = float(assessment.level[row, column])
    return None if math.isnan(value) else value


# ---------------------------------------------------------------------- options


def _check_thresholds(min_peers: int, min_share: float) -> None:
    if min_peers < 1:
        raise CompareError(f"min_peers must be at least 1, not {min_peers}")
    if not 0.0 <= min_share <= 1.0:
        raise CompareError(f"min_share must be between 0 and 1, not {min_share}")


def _peers(dataset: Dataset, member: str, peers: str | Iterable[str]) -> list[str]:
    """The peers' codes without the member itself; at least one must remain."""
    codes = [p for p in _group(dataset, peers) if p != member]
    if not codes:
        raise CompareError(f"no peers to compare {member} with: name at least one other member")
    return codes


def _group(dataset: Dataset, members: str | Iterable[str]) -> list[str]:
    """Member codes, sorted: a group id or ``CA,US`` list, or an iterable of codes."""
    if isinstance(members, str):
        return dataset.resolve_group(members)
    return select_members(dataset, members)


def _select_categories(
    dataset: Dataset, categories: Iterable[str] | None, families: Iterable[str] | None
) -> list[str]:
    """Category ids in `categories.yaml` order, filtered by ids and by families."""
    selected = select_categories(dataset, categories)
    if families is not None:
        chosen = set()
        for family in families:
            if family.strip().lower() not in FAMILIES:
                raise LookupFailed(
                    f"unknown family {family!r}; known families: {', '.join(FAMILIES)}"
                )
            chosen.add(family.strip().lower())
        selected = [c for c in selected if dataset.categories[c].family in chosen]
    return selected


# ---------------------------------------------------------------------- the public API


def compare(
    dataset: Dataset,
    member: str,
    peers: str | Iterable[str],
    as_of: dt.date,
    *,
    basis: DateBasis = DateBasis.EFFECTIVE,
    min_peers: int = 1,
    min_share: float = 0.0,
    categories: Iterable[str] | None = None,
    families: Iterable[str] | None = None,
) -> CompareReport:
    """Where ``member`` lags ``peers`` on ``as_of``, one row per category.

    ``peers`` is a list of codes (or a group id); the member itself is dropped from it. A
    category is a gap when at least ``min_peers`` applicable peers are ahead and they make up
    at least ``min_share`` of the applicable peers. Raises ``LookupFailed`` for an unknown
    member, category or family, and ``CompareError`` for a threshold out of range.
    """
    _check_thresholds(min_peers, min_share)
    code = dataset.resolve_member(member)
    peer_codes = _peers(dataset, code, peers)
    category_ids = _select_categories(dataset, categories, families)
    group = (code, *peer_codes)
    assessment = _assess(dataset, group, category_ids, as_of, basis, min_peers, min_share)
    rows = tuple(_compare_row(dataset, assessment, 0, c) for c in range(len(category_ids)))
    indexes = _indexes(dataset, assessment, basis)
    return CompareReport(
        member=code,
        peers=tuple(peer_codes),
        as_of=as_of,
        date_basis=basis,
        min_peers=min_peers,
        min_share=min_share,
        rows=rows,
        index=indexes[code],
        peer_index={p: indexes[p] for p in peer_codes},
    )


def index(
    dataset: Dataset,
    member: str,
    as_of: dt.date,
    *,
    basis: DateBasis = DateBasis.EFFECTIVE,
    categories: Iterable[str] | None = None,
    families: Iterable[str] | None = None,
) -> IndexResult:
    """The member's stringency index on ``as_of``: 0-100, with the coverage it rests on."""
    code = dataset.resolve_member(member)
    category_ids = _select_categories(dataset, categories, families)
    assessment = _assess(dataset, (code,), category_ids, as_of, basis, 1, 0.0)
    return _indexes(dataset, assessment, basis)[code]


def indexes(
    dataset: Dataset,
    members: str | Iterable[str],
    as_of: dt.date,
    *,
    basis: DateBasis = DateBasis.EFFECTIVE,
    categories: Iterable[str] | None = None,
    families: Iterable[str] | None = None,
) -> IndexReport:
    """The stringency index of every member of a group (a group id, or codes), highest first."""
    codes = _group(dataset, members)
    category_ids = _select_categories(dataset, categories, families)
    assessment = _assess(dataset, codes, category_ids, as_of, basis, 1, 0.0)
    results = _indexes(dataset, assessment, basis)
    ranked = sorted(
        (results[code] for code in codes),
        key=lambda r: (r.value is None, -(r.value or 0.0), r.member),
    )
    return IndexReport(tuple(codes), as_of, basis, tuple(ranked))


def gaps(
    dataset: Dataset,
    members: str | Iterable[str],
    as_of: dt.date,
    *,
    basis: DateBasis = DateBasis.EFFECTIVE,
    min_peers: int = 1,
    min_share: float = 0.0,
    categories: Iterable[str] | None = None,
    families: Iterable[str] | None = None,
) -> GapsReport:
    """Every member's gaps against the rest of the group, ranked: most gaps first, then the
    lowest index, then the code. ``members`` is a group id, a ``CA,US`` list or codes."""
    _check_thresholds(min_peers, min_share)
    codes = _group(dataset, members)
    category_ids = _select_categories(dataset, categories, families)
    # A large group makes many small items; see paused_gc for why the collector waits.
    with paused_gc():
        return _gaps(dataset, codes, category_ids, as_of, basis, min_peers, min_share)


def _gaps(
    dataset: Dataset,
    codes: list[str],
    category_ids: list[str],
    as_of: dt.date,
    basis: DateBasis,
    min_peers: int,
    min_share: float,
) -> GapsReport:
    assessment = _assess(dataset, codes, category_ids, as_of, basis, min_peers, min_share)
    indexes = _indexes(dataset, assessment, basis)
    items: dict[int, list[GapItem]] = {row: [] for row in range(len(codes))}
    for row, column in zip(*np.nonzero(assessment.gap), strict=True):
        rank = int(assessment.rank[row, column])
        first_day = int(assessment.first_peer_day[row, column])
        first = date_of(first_day) if first_day != _NO_DAY else None
        peers_ahead = assessment.ahead_of.get((int(column), rank), ())
        items[int(row)].append(
            GapItem(
                category=category_ids[column],
                member_status=_status(dataset, assessment, int(row), int(column)),
                member_level=_level(assessment, int(row), int(column)),
                peers_ahead=peers_ahead,
                share_ahead=len(peers_ahead) / int(assessment.applicable[row, column]),
                first_peer_date=first,
                days_open=(as_of - first).days if first is not None else None,
                member_source=_record(dataset, assessment, int(row), int(column)),
            )
        )

    def order(row: int) -> tuple[int, float, str]:
        value = indexes[codes[row]].value
        return (-len(items[row]), math.inf if value is None else value, codes[row])

    entries = []
    for rank_, row in enumerate(sorted(items, key=order), start=1):
        result = indexes[codes[row]]
        entries.append(
            GapsEntry(
                rank=rank_,
                member=codes[row],
                index=result.value,
                coverage=result.coverage,
                unknown=result.unknown,
                items=tuple(items[row]),
            )
        )
    return GapsReport(
        members=tuple(codes),
        as_of=as_of,
        date_basis=basis,
        min_peers=min_peers,
        min_share=min_share,
        categories=tuple(category_ids),
        entries=tuple(entries),
    )


def matrix(
    dataset: Dataset,
    members: str | Iterable[str],
    as_of: dt.date,
    *,
    basis: DateBasis = DateBasis.EFFECTIVE,
    categories: Iterable[str] | None = None,
    families: Iterable[str] | None = None,
) -> MatrixReport:
    """Members x categories on ``as_of``: each cell's status, level and where it comes from."""
    codes = _group(dataset, members)
    category_ids = _select_categories(dataset, categories, families)
    assessment = _assess(dataset, codes, category_ids, as_of, basis, 1, 0.0)
    member_codes = assessment.index.member_codes
    cells = tuple(
        MatrixCell(
            member=code,
            category=category,
            status=_status(dataset, assessment, row, column),
            level=_level(assessment, row, column),
            via=(
                member_codes[int(assessment.via[row, column])]
                if assessment.via[row, column] >= 0
                else None
            ),
        )
        for row, code in enumerate(codes)
        for column, category in enumerate(category_ids)
    )
    return MatrixReport(
        members=tuple(codes),
        categories=tuple(category_ids),
        as_of=as_of,
        date_basis=basis,
        cells=cells,
        index=_indexes(dataset, assessment, basis),
    )


def timeline(
    dataset: Dataset,
    member: str,
    peers: str | Iterable[str],
    *,
    start: dt.date,
    end: dt.date,
    freq: Frequency = "MS",
    basis: DateBasis = DateBasis.EFFECTIVE,
    min_peers: int = 1,
    min_share: float = 0.0,
    categories: Iterable[str] | None = None,
    families: Iterable[str] | None = None,
) -> TimelineReport:
    """The member's index and its peers' median over time, gaps opened and closed, and each
    category's adoption latency on ``end``. Dates: every day (``"D"``) or month start (``"MS"``)
    from ``start`` to ``end``."""
    import pandas as pd

    _check_thresholds(min_peers, min_share)
    code = dataset.resolve_member(member)
    peer_codes = _peers(dataset, code, peers)
    category_ids = _select_categories(dataset, categories, families)
    group = sorted({code, *peer_codes})
    panel = level_panel(
        dataset,
        members=group,
        categories=category_ids,
        start=start,
        end=end,
        freq=freq,
        basis=basis,
    )
    width = len(category_ids)
    dates = [stamp.date() for stamp in pd.date_range(start, end, freq=freq)]
    level = panel["level"].to_numpy(dtype=np.float64).reshape(len(group), width, len(dates))
    weights = np.asarray([dataset.categories[c].weight for c in category_ids], dtype=np.float64)
    known = ~np.isnan(level)
    weighted = np.where(known, level, 0.0) * weights[np.newaxis, :, np.newaxis]
    weight_known = (known * weights[np.newaxis, :, np.newaxis]).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        indexes = np.where(weight_known > 0, 100.0 * weighted.sum(axis=1) / weight_known, np.nan)
    row = group.index(code)
    others = [p for p in range(len(group)) if p != row]
    mine = level[row]
    peers_level = level[others]
    ahead = (peers_level > mine[np.newaxis]).sum(axis=0)
    applicable = (~np.isnan(peers_level)).sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(applicable > 0, ahead / np.maximum(applicable, 1), 0.0)
    gap = ~np.isnan(mine) & (ahead >= min_peers) & (share >= min_share)
    points = []
    for t, date in enumerate(dates):
        peer_values = [float(v) for v in indexes[others, t] if not np.isnan(v)]
        value = float(indexes[row, t])
        points.append(
            TimelinePoint(
                date=date,
                index=None if math.isnan(value) else value,
                peer_median_index=statistics.median(peer_values) if peer_values else None,
                gaps=int(gap[:, t].sum()),
            )
        )
    events: list[GapEvent] = []
    for t in range(1, len(dates)):
        for column in np.flatnonzero(gap[:, t] != gap[:, t - 1]):
            change: Literal["opened", "closed"] = "opened" if gap[column, t] else "closed"
            events.append(GapEvent(dates[t], category_ids[column], change))
    open_at_start = tuple(category_ids[c] for c in np.flatnonzero(gap[:, 0])) if dates else ()
    final = compare(
        dataset,
        code,
        peer_codes,
        end,
        basis=basis,
        min_peers=min_peers,
        min_share=min_share,
        categories=category_ids,
    )
    return TimelineReport(
        member=code,
        peers=tuple(peer_codes),
        start=start,
        end=end,
        freq=freq,
        date_basis=basis,
        points=tuple(points),
        events=tuple(events),
        open_at_start=open_at_start,
        latency=final.rows,
    )


def diff(
    dataset: Dataset,
    member: str,
    peers: str | Iterable[str],
    start: dt.date,
    end: dt.date,
    *,
    basis: DateBasis = DateBasis.EFFECTIVE,
    min_peers: int = 1,
    min_share: float = 0.0,
    categories: Iterable[str] | None = None,
    families: Iterable[str] | None = None,
) -> DiffReport:
    """The gaps opened and closed between ``start`` and ``end``, and those still open."""
    options: dict[str, Any] = {
        "basis": basis,
        "min_peers": min_peers,
        "min_share": min_share,
        "categories": categories if categories is None else list(categories),
        "families": families if families is None else list(families),
    }
    before = compare(dataset, member, peers, start, **options)
    after = compare(dataset, member, peers, end, **options)
    items = []
    for old, new in zip(before.rows, after.rows, strict=True):
        if old.gap and new.gap:
            items.append(DiffItem(new.category, "still_open", old, new))
        elif new.gap:
            items.append(DiffItem(new.category, "opened", old, new))
        elif old.gap:
            items.append(DiffItem(new.category, "closed", old, new))
    return DiffReport(
        member=after.member,
        peers=after.peers,
        start=start,
        end=end,
        before=before,
        after=after,
        items=tuple(items),
    )


def show(dataset: Dataset, member: str, category: str | None = None) -> ShowReport:
    """The member's records, and those of the members it inherits (marked ``via``)."""
    code = dataset.resolve_member(member)
    wanted = dataset.resolve_category(category).id if category is not None else None
    sources: list[tuple[str, str | None]] = [(code, None)]
    for source, _via in sources:
        sources.extend(
            (parent, parent)
            for parent in dataset.members[source].inherits
            if parent not in {s for s, _ in sources}
        )
    order = {c: position for position, c in enumerate(dataset.categories)}
    found = [
        ShowRecord(record, via)
        for source, via in sources
        for c in dataset.categories
        if wanted is None or c == wanted
        for record in dataset.history(source, c)
    ]
    found.sort(
        key=lambda item: (
            order[item.record.measure.category],
            item.record.measure.effective is not None,
            item.record.measure.effective or dt.date.min,
            item.via or "",
            item.record.line,
        )
    )
    return ShowReport(member=code, category=wanted, records=tuple(found))
