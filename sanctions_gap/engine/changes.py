"""The gaps that opened and closed between two dates, and those still open."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from sanctions_gap.dataset import DataContext, Dataset, DateBasis
from sanctions_gap.engine.comparison import CompareReport, CompareRow, compare
from sanctions_gap.engine.tidy import SCHEMA_VERSION, iso
from sanctions_gap.frame import DATE_DTYPE, typed_frame

if TYPE_CHECKING:  # pandas is imported where a frame is built, not on the hot path
    import pandas as pd


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
            "first_peer_date": iso(self.after.first_peer_date),
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
    context: DataContext | None = field(default=None, compare=False)
    """What the report rests on: the tool's and the dataset's versions."""

    def of(self, change: str) -> tuple[DiffItem, ...]:
        """The items of one kind of change."""
        return tuple(item for item in self.items if item.change == change)

    def to_dict(self) -> dict[str, Any]:
        """The report as a JSON-ready mapping."""
        return {
            "schema_version": SCHEMA_VERSION,
            "context": self.context.to_dict() if self.context else None,
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
        return typed_frame(
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
    inherited_once: bool = False,
) -> DiffReport:
    """The gaps opened and closed between ``start`` and ``end``, and those still open."""
    options: dict[str, Any] = {
        "basis": basis,
        "min_peers": min_peers,
        "min_share": min_share,
        "categories": categories if categories is None else list(categories),
        "families": families if families is None else list(families),
        "inherited_once": inherited_once,
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
        context=dataset.context(),
    )
