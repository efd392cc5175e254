"""Every member's gaps against the rest of its group, ranked: who lags most."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sanctions_gap.dataset import Dataset, DateBasis, Record
from sanctions_gap.engine.assess import assess
from sanctions_gap.engine.select import check_thresholds, chosen_categories, group_members
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

    def to_dict(self) -> dict[str, Any]:
        """The report as a JSON-ready mapping."""
        return {
            "schema_version": SCHEMA_VERSION,
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
) -> GapsReport:
    """Every member's gaps against the rest of the group, ranked: most gaps first, then the
    lowest index, then the code. ``members`` is a group id, a ``CA,US`` list or codes."""
    check_thresholds(min_peers, min_share)
    codes = group_members(dataset, members)
    category_ids = chosen_categories(dataset, categories, families)
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
    assessment = assess(dataset, codes, category_ids, as_of, basis, min_peers, min_share)
    indexes = index_results(assessment)
    items: dict[int, list[GapItem]] = {row: [] for row in range(len(codes))}
    for row, cells in enumerate(assessment.cells):
        for column, cell in enumerate(cells):
            if not cell.gap:
                continue
            first = (
                dt.date.fromordinal(cell.first_peer_day)
                if cell.first_peer_day is not None
                else None
            )
            items[row].append(
                GapItem(
                    category=category_ids[column],
                    member_status=cell.answer.status,
                    member_level=cell.answer.level,
                    peers_ahead=cell.ahead,
                    share_ahead=len(cell.ahead) / cell.applicable,
                    first_peer_date=first,
                    days_open=(as_of - first).days if first is not None else None,
                    member_source=cell.answer.record,
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
