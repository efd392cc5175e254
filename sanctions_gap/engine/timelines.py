"""A member against its peers over time: the index, gaps opened and closed, adoption latency."""

from __future__ import annotations

import bisect
import datetime as dt
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from sanctions_gap.dataset import DataContext, Dataset, DateBasis, LevelHistory
from sanctions_gap.engine.assess import judge, weighted_index
from sanctions_gap.engine.comparison import CompareRow, compare
from sanctions_gap.engine.select import check_thresholds, chosen_categories, peers_of
from sanctions_gap.engine.tidy import SCHEMA_VERSION, rounded
from sanctions_gap.frame import DATE_DTYPE, Frequency, frame_of

if TYPE_CHECKING:  # pandas is imported where a frame is built, not on the hot path
    import pandas as pd


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
    """A gap opened or closed, on the day it did (whatever the timeline's sampling)."""

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
    """Gaps opened and closed after ``start`` up to ``end``, by date then category."""
    open_at_start: tuple[str, ...]
    """The gaps already open on the first date."""
    latency: tuple[CompareRow, ...]
    """The comparison on the last date: each row's ``lag_days_first`` and ``lag_days_median``."""
    context: DataContext | None = field(default=None, compare=False)
    """What the report rests on: the tool's and the dataset's versions."""

    def to_dict(self) -> dict[str, Any]:
        """The report as a JSON-ready mapping."""
        return {
            "schema_version": SCHEMA_VERSION,
            "context": self.context.to_dict() if self.context else None,
            "member": self.member,
            "peers": list(self.peers),
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "freq": self.freq,
            "date_basis": self.date_basis.value,
            "points": [
                {
                    "date": p.date.isoformat(),
                    "index": rounded(p.index),
                    "peer_median_index": rounded(p.peer_median_index),
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
                    "lag_days_median": row.lag_days_median,
                }
                for row in self.latency
                if row.lag_days_first is not None
            ],
        }

    def to_frame(self) -> pd.DataFrame:
        """The points: date, index, peer_median_index, gaps."""
        return frame_of(
            self.points,
            {
                "date": DATE_DTYPE,
                "index": "float64",
                "peer_median_index": "float64",
                "gaps": "int64",
            },
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
    inherited_once: bool = False,
) -> TimelineReport:
    """The member's index and its peers' median over time, gaps opened and closed, and each
    category's adoption latency on ``end``. Dates: every day (``"D"``) or month start (``"MS"``)
    from ``start`` to ``end``."""
    check_thresholds(min_peers, min_share)
    code = dataset.resolve_member(member)
    peer_codes = peers_of(dataset, code, peers, inherited_once=inherited_once)
    category_ids = chosen_categories(dataset, categories, families)
    track = Track.build(dataset, code, peer_codes, category_ids, basis, min_peers, min_share)
    dates = sample_dates(start, end, freq)
    states = [track.state_on(date.toordinal()) for date in dates]
    first = track.state_on(start.toordinal())
    open_at_start = tuple(c for c, gap in zip(category_ids, first.gaps, strict=True) if gap)
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
        points=tuple(track.point(date, state) for date, state in zip(dates, states, strict=True)),
        events=track.events(start, end, category_ids),
        open_at_start=open_at_start,
        latency=final.rows,
        context=dataset.context(),
    )


@dataclass(frozen=True)
class State:
    """The group on one day: each member's index, and the member's gaps."""

    indexes: list[float | None]
    """Each member's index, in the order of the group."""
    gaps: tuple[bool, ...]
    """For each category, whether it is a gap for the member."""


@dataclass
class Track:
    """A member and its peers over time, resolved once per day on which a level changes."""

    histories: list[list[LevelHistory]]
    """``histories[member][category]``, the group sorted by code."""
    weights: list[float]
    row: int
    """The member's position in the group."""
    min_peers: int
    min_share: float
    changes: list[int]
    """Every day on which a level of the group changes (date ordinals, sorted)."""
    states: dict[int, State] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        dataset: Dataset,
        member: str,
        peers: Iterable[str],
        categories: list[str],
        basis: DateBasis,
        min_peers: int,
        min_share: float,
    ) -> Track:
        """The track of ``member`` against ``peers`` in ``categories``."""
        group = sorted({member, *peers})
        histories = [[dataset.levels(m, c, basis) for c in categories] for m in group]
        changes = sorted({day for row in histories for history in row for day in history.days})
        weights = [dataset.categories[c].weight for c in categories]
        return cls(histories, weights, group.index(member), min_peers, min_share, changes)

    def state_on(self, day: int) -> State:
        """The state on a day: the same between two change days, so resolved once for them."""
        key = bisect.bisect_right(self.changes, day)
        if key not in self.states:
            self.states[key] = self._resolve(day)
        return self.states[key]

    def _resolve(self, day: int) -> State:
        answers = [[h.at_day(day) for h in member_rows] for member_rows in self.histories]
        indexes = [weighted_index([a.level for a in member], self.weights) for member in answers]
        gaps = []
        for column, mine in enumerate(answers[self.row]):
            ranks = [answers[p][column].rank for p in range(len(answers)) if p != self.row]
            ahead = sum(1 for rank in ranks if rank > mine.rank)
            applicable = sum(1 for rank in ranks if rank >= 0)
            _, gap = judge(ahead, applicable, self.min_peers, self.min_share)
            gaps.append(mine.rank >= 0 and gap)
        return State(indexes, tuple(gaps))

    def events(self, start: dt.date, end: dt.date, categories: list[str]) -> tuple[GapEvent, ...]:
        """The gaps opened and closed after ``start`` up to ``end``, on the days they did."""
        found = []
        previous = self.state_on(start.toordinal())
        for day in self.changes:
            if not start.toordinal() < day <= end.toordinal():
                continue
            state = self.state_on(day)
            for category, before, after in zip(categories, previous.gaps, state.gaps, strict=True):
                if before != after:
                    change: Literal["opened", "closed"] = "opened" if after else "closed"
                    found.append(GapEvent(dt.date.fromordinal(day), category, change))
            previous = state
        return tuple(found)

    def point(self, date: dt.date, state: State) -> TimelinePoint:
        """The point of a date of the timeline."""
        peer_values = [v for p, v in enumerate(state.indexes) if p != self.row and v is not None]
        return TimelinePoint(
            date=date,
            index=state.indexes[self.row],
            peer_median_index=statistics.median(peer_values) if peer_values else None,
            gaps=sum(state.gaps),
        )


def sample_dates(start: dt.date, end: dt.date, freq: Frequency) -> list[dt.date]:
    """Every day (``"D"``) or the first day of every month (``"MS"``) from start to end."""
    if freq == "D":
        return [dt.date.fromordinal(d) for d in range(start.toordinal(), end.toordinal() + 1)]
    first = start if start.day == 1 else _next_month(start)
    dates = []
    while first <= end:
        dates.append(first)
        first = _next_month(first)
    return dates


def _next_month(date: dt.date) -> dt.date:
    return dt.date(date.year + date.month // 12, date.month % 12 + 1, 1)
