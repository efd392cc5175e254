"""Every member's gaps against the rest of its group, ranked: who lags most."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sanctions_gap.dataset import DataContext, Dataset, DateBasis, Record
from sanctions_gap.engine.assess import Assessment, assess_group
from sanctions_gap.engine.select import check_thresholds, whole_group
from sanctions_gap.engine.stringency import index_results
from sanctions_gap.engine.tidy import SCHEMA_VERSION, iso, rounded
from sanctions_gap.frame import DATE_DTYPE, typed_frame
from sanctions_gap.perf import paused_gc

if TYPE_CHECKING:  # pandas is imported where a frame is built, not on the hot path
    import pandas as pd


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
            "member_level": rounded(self.member_level),
            "peers_ahead": list(self.peers_ahead),
            "share_ahead": rounded(self.share_ahead),
            "first_peer_date": iso(self.first_peer_date),
            "days_open": self.days_open,
        }


@dataclass(frozen=True)
class GapsEntry:
    """A member of a group and its gaps against the rest of the group."""

    rank: int
    """1 for the member that lags most; members tied on gaps and index share a rank."""
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
            "index": rounded(self.index),
            "coverage": rounded(self.coverage),
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
    context: DataContext | None = field(default=None, compare=False)
    """What the report rests on: the tool's and the dataset's versions."""

    def to_dict(self) -> dict[str, Any]:
        """The report as a JSON-ready mapping."""
        return {
            "schema_version": SCHEMA_VERSION,
            "context": self.context.to_dict() if self.context else None,
            "members": list(self.members),
            "as_of": self.as_of.isoformat(),
            "date_basis": self.date_basis.value,
            "min_peers": self.min_peers,
            "min_share": rounded(self.min_share),
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
        return typed_frame(
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
    inherited_once: bool = False,
) -> GapsReport:
    """Every member's gaps against the rest of the group, ranked: most gaps first, then the
    lowest index, then the code. ``members`` is a group id, a ``CA,US`` list or codes."""
    check_thresholds(min_peers, min_share)
    # A large group makes many small items; see paused_gc for why the collector waits.
    with paused_gc():
        codes = whole_group(dataset, members, inherited_once)
        assessment = assess_group(
            dataset, codes, as_of, basis, categories, families, min_peers, min_share
        )
        return rank_gaps(assessment)


def rank_gaps(assessment: Assessment) -> GapsReport:
    """The gaps of every member of an assessed group, ranked."""
    indexes = index_results(assessment)
    codes = assessment.members
    items = {row: gap_items(assessment, row) for row in range(len(codes))}

    def standing(row: int) -> tuple[int, float]:
        value = indexes[codes[row]].value
        rounded_value = math.inf if value is None else round(value, 4)
        return (-len(items[row]), rounded_value)

    ordered = sorted(items, key=lambda row: (*standing(row), codes[row]))
    entries = []
    rank = 0
    for position, row in enumerate(ordered):
        result = indexes[codes[row]]
        # Members with as many gaps and the same index share a rank (1, 2, 2, 4).
        if position == 0 or standing(row) != standing(ordered[position - 1]):
            rank = position + 1
        entries.append(
            GapsEntry(
                rank=rank,
                member=codes[row],
                index=result.value,
                coverage=result.coverage,
                unknown=result.unknown,
                items=items[row],
            )
        )
    return GapsReport(
        members=codes,
        as_of=assessment.as_of,
        date_basis=assessment.basis,
        min_peers=assessment.min_peers,
        min_share=assessment.min_share,
        categories=assessment.categories,
        entries=tuple(entries),
        context=assessment.dataset.context(),
    )


def gap_items(assessment: Assessment, row: int) -> tuple[GapItem, ...]:
    """The categories in which ``members[row]`` lags the rest of the group."""
    items = []
    for category, cell in zip(assessment.categories, assessment.cells[row], strict=True):
        if not cell.gap:
            continue
        day = cell.first_peer_day
        first = dt.date.fromordinal(day) if day is not None else None
        items.append(
            GapItem(
                category=category,
                member_status=cell.answer.status,
                member_level=cell.answer.level,
                peers_ahead=cell.ahead,
                share_ahead=len(cell.ahead) / cell.applicable,
                first_peer_date=first,
                days_open=(assessment.as_of - first).days if first is not None else None,
                member_source=cell.answer.record,
            )
        )
    return tuple(items)
