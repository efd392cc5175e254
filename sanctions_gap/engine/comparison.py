"""Where one member lags its peers on a date, category by category: the main question."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sanctions_gap.dataset import (
    RANK_NOT_APPLICABLE,
    RANK_UNKNOWN,
    DataContext,
    Dataset,
    DateBasis,
    Record,
)
from sanctions_gap.engine.assess import Assessment, assess
from sanctions_gap.engine.select import check_thresholds, chosen_categories, peers_of
from sanctions_gap.engine.stringency import IndexResult, index_results
from sanctions_gap.engine.tidy import SCHEMA_VERSION, iso, place, rounded
from sanctions_gap.frame import DATE_DTYPE, typed_frame
from sanctions_gap.models import UNKNOWN

if TYPE_CHECKING:  # pandas is imported where a frame is built, not on the hot path
    import pandas as pd

NOTE_MEMBER_UNKNOWN = "member status unknown"
NOTE_MEMBER_NOT_APPLICABLE = "not applicable to the member"


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
    lag_days_median: int | None
    """Days the member reached its level after the median peer that reached it (whole days:
    where their number is even, the earlier of the two middle peers)."""
    note: str | None
    """Why no gap is computed, where none is."""
    member_scheduled: bool = False
    """Whether the member's status rests on a measure adopted for later: a record effective
    after its file's `reviewed` date (an as-of date in the future counts it)."""
    peers_scheduled: tuple[str, ...] = ()
    """The peers whose status rests on such a measure."""

    def to_dict(self) -> dict[str, Any]:
        """The row as a JSON-ready mapping."""
        return {
            "category": self.category,
            "label": self.label,
            "family": self.family,
            "member_status": self.member_status,
            "member_level": rounded(self.member_level),
            "member_via": self.member_via,
            "member_date": iso(self.member_date),
            "member_source": place(self.member_source),
            "peer_status": dict(sorted(self.peer_status.items())),
            "peer_level": {k: rounded(v) for k, v in sorted(self.peer_level.items())},
            "peer_via": dict(sorted(self.peer_via.items())),
            "peers_ahead": list(self.peers_ahead),
            "peers_unknown": list(self.peers_unknown),
            "peers_applicable": self.peers_applicable,
            "gap": self.gap,
            "share_ahead": rounded(self.share_ahead),
            "first_peer_date": iso(self.first_peer_date),
            "days_open": self.days_open,
            "lag_days_first": self.lag_days_first,
            "lag_days_median": self.lag_days_median,
            "note": self.note,
            "member_scheduled": self.member_scheduled,
            "peers_scheduled": list(self.peers_scheduled),
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
    "lag_days_median": "Int64",
    "note": "string",
    "member_scheduled": "bool",
    "peers_scheduled": "string",
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
    context: DataContext | None = field(default=None, compare=False)
    """What the report rests on: the tool's and the dataset's versions."""

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
            "index": rounded(self.index.value),
            "peer_median_index": rounded(self.peer_median_index),
            "coverage": rounded(self.index.coverage),
        }

    def to_dict(self) -> dict[str, Any]:
        """The report as a JSON-ready mapping (the ``compare --format json`` interface)."""
        return {
            "schema_version": SCHEMA_VERSION,
            "context": self.context.to_dict() if self.context else None,
            "member": self.member,
            "peers": list(self.peers),
            "as_of": self.as_of.isoformat(),
            "date_basis": self.date_basis.value,
            "min_peers": self.min_peers,
            "min_share": rounded(self.min_share),
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
            data["peers_scheduled"] = ",".join(row.peers_scheduled)
            records.append(data)
        return typed_frame(records, _COMPARE_ROW_DTYPES)


def compare_row(assessment: Assessment, row: int, column: int) -> CompareRow:
    """The row of one member (``row``) and category (``column``) against the rest of the group."""
    category = assessment.dataset.categories[assessment.categories[column]]
    members = assessment.members
    cell = assessment.cell(row, column)
    answer = cell.answer
    others = [p for p in range(len(members)) if p != row]
    peer_cells = {members[p]: assessment.cell(p, column) for p in others}
    lag_first: int | None = None
    lag_median: int | None = None
    note = None
    first_peer_date = days_open = None
    if answer.rank == RANK_UNKNOWN:
        note = NOTE_MEMBER_UNKNOWN
    elif answer.rank == RANK_NOT_APPLICABLE:
        note = NOTE_MEMBER_NOT_APPLICABLE
    else:
        if cell.first_peer_day is not None:
            first_peer_date = dt.date.fromordinal(cell.first_peer_day)
            days_open = (assessment.as_of - first_peer_date).days
        if answer.rank >= 1:
            lag_first, lag_median = assessment.latency(row, column)
    record = answer.record
    return CompareRow(
        category=category.id,
        label=category.label,
        family=category.family,
        member_status=answer.status,
        member_level=answer.level,
        member_via=answer.via,
        member_date=record.start(assessment.basis) if record is not None else None,
        member_source=record,
        peer_status={code: c.answer.status for code, c in peer_cells.items()},
        peer_level={code: c.answer.level for code, c in peer_cells.items()},
        peer_via={code: c.answer.via for code, c in peer_cells.items() if c.answer.via},
        peers_ahead=cell.ahead,
        peers_unknown=tuple(
            sorted(code for code, c in peer_cells.items() if c.answer.status == UNKNOWN)
        ),
        peers_applicable=cell.applicable,
        gap=cell.gap,
        share_ahead=cell.share,
        first_peer_date=first_peer_date,
        days_open=days_open,
        lag_days_first=lag_first,
        lag_days_median=lag_median,
        note=note,
        member_scheduled=assessment.dataset.scheduled(record),
        peers_scheduled=tuple(
            sorted(
                code
                for code, c in peer_cells.items()
                if assessment.dataset.scheduled(c.answer.record)
            )
        ),
    )


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
    inherited_once: bool = False,
) -> CompareReport:
    """Where ``member`` lags ``peers`` on ``as_of``, one row per category.

    ``peers`` is a list of codes (or a group id); the member itself is dropped from it. A
    category is a gap when at least ``min_peers`` applicable peers are ahead and they make up
    at least ``min_share`` of the applicable peers. With ``inherited_once``, a peer that
    inherits from another peer (France from the EU) is left out. Raises ``LookupFailed`` for
    an unknown member, category or family, and ``CompareError`` for a threshold out of range.
    """
    check_thresholds(min_peers, min_share)
    code = dataset.resolve_member(member)
    peer_codes = peers_of(dataset, code, peers, inherited_once=inherited_once)
    category_ids = chosen_categories(dataset, categories, families)
    group = (code, *peer_codes)
    assessment = assess(dataset, group, category_ids, as_of, basis, min_peers, min_share)
    rows = tuple(compare_row(assessment, 0, c) for c in range(len(category_ids)))
    indexes = index_results(assessment)
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
        context=dataset.context(),
    )
