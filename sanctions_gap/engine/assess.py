"""Each member of a group against the rest of the group on one date: levels, who is ahead, gaps."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sanctions_gap.dataset import (
    RANK_NOT_APPLICABLE,
    STANDING_DAY,
    UNKNOWN_ANSWER,
    Dataset,
    DateBasis,
    LevelAnswer,
    LevelHistory,
)
from sanctions_gap.engine.select import chosen_categories


def judge(ahead: int, applicable: int, min_peers: int, min_share: float) -> tuple[float, bool]:
    """The share of applicable peers ahead, and whether that makes a gap.

    A category is a gap for a member with a known level when at least ``min_peers`` peers are
    ahead and they make up at least ``min_share`` of the peers with a known level.
    """
    share = ahead / applicable if applicable else 0.0
    return share, ahead >= min_peers and share >= min_share


def weighted_index(levels: Sequence[float | None], weights: Sequence[float]) -> float | None:
    """The stringency index, 0-100: the weighted mean of the known levels (None if none is)."""
    known = [
        (level, weight) for level, weight in zip(levels, weights, strict=True) if level is not None
    ]
    if not known:
        return None
    return 100.0 * sum(level * weight for level, weight in known) / sum(w for _, w in known)


@dataclass(frozen=True)
class Cell:
    """One member in one category on the date, against the rest of the group."""

    answer: LevelAnswer
    """The member's status, level and the record that sets it."""
    ahead: tuple[str, ...]
    """The other members with a higher level, sorted (none where the member's is not known)."""
    applicable: int
    """The other members with a known level (neither unknown nor not applicable)."""
    share: float | None
    """``len(ahead) / applicable``; None where the member's level is not known."""
    gap: bool
    """Whether the member lags in the category (see ``judge``)."""
    first_peer_day: int | None
    """When the gap began (a date ordinal): the earliest start of an ahead member's current
    spell above the member's level; None where no member is ahead."""


@dataclass(frozen=True)
class Assessment:
    """A group on one date: ``cells[row][column]`` is ``members[row]`` in ``categories[column]``."""

    dataset: Dataset
    members: tuple[str, ...]
    categories: tuple[str, ...]
    as_of: dt.date
    basis: DateBasis
    min_peers: int
    min_share: float
    cells: tuple[tuple[Cell, ...], ...]
    histories: tuple[tuple[LevelHistory, ...], ...]
    """The level history behind each cell."""

    def cell(self, row: int, column: int) -> Cell:
        """The cell of ``members[row]`` in ``categories[column]``."""
        return self.cells[row][column]

    def latency(self, row: int, column: int) -> tuple[int | None, int | None]:
        """Days the member reached its current level after the first and the median other
        member that reached it (negative where it led), in whole days; with an even number of
        them, the median is the earlier of the two middle ones. None where there is nothing
        to compare.
        """
        rank = self.cell(row, column).answer.rank
        day = self.as_of.toordinal()
        mine = reached(self.histories[row][column], day, rank)
        days = [
            found
            for other in range(len(self.members))
            if other != row
            and self.cell(other, column).answer.rank != RANK_NOT_APPLICABLE
            and (found := reached(self.histories[other][column], day, rank)) is not None
        ]
        if mine is None or not days:
            return None, None
        return mine - min(days), mine - statistics.median_low(days)


def assess(
    dataset: Dataset,
    members: Sequence[str],
    categories: Sequence[str],
    as_of: dt.date,
    basis: DateBasis,
    min_peers: int,
    min_share: float,
) -> Assessment:
    """Assess every member of ``members`` against the others in each of ``categories``."""
    day = as_of.toordinal()
    columns = []
    histories = []
    for category in categories:
        column = [dataset.levels(code, category, basis) for code in members]
        histories.append(column)
        columns.append(_assess_column(members, column, day, min_peers, min_share))
    rows = tuple(tuple(column[row] for column in columns) for row in range(len(members)))
    by_row = tuple(tuple(column[row] for column in histories) for row in range(len(members)))
    return Assessment(
        dataset, tuple(members), tuple(categories), as_of, basis, min_peers, min_share, rows, by_row
    )


def assess_group(
    dataset: Dataset,
    codes: Sequence[str],
    as_of: dt.date,
    basis: DateBasis,
    categories: Iterable[str] | None,
    families: Iterable[str] | None,
    min_peers: int = 1,
    min_share: float = 0.0,
) -> Assessment:
    """Assess members (codes, as ``select.group_members`` gives them) in the chosen categories."""
    chosen = chosen_categories(dataset, categories, families)
    return assess(dataset, codes, chosen, as_of, basis, min_peers, min_share)


def _assess_column(
    members: Sequence[str],
    histories: Sequence[LevelHistory],
    day: int,
    min_peers: int,
    min_share: float,
) -> list[Cell]:
    """The cells of one category: members of one rank share who is ahead and since when."""
    where = [history.index(day) for history in histories]
    answers = [
        history.answers[at] if at >= 0 else UNKNOWN_ANSWER
        for history, at in zip(histories, where, strict=True)
    ]
    ranks = [answer.rank for answer in answers]
    known = sum(1 for rank in ranks if rank >= 0)
    ahead_of: dict[int, tuple[str, ...]] = {}
    since: dict[int, int | None] = {}
    for rank in {rank for rank in ranks if rank >= 0}:
        above = [row for row, other in enumerate(ranks) if other > rank]
        ahead_of[rank] = tuple(sorted(members[row] for row in above))
        since[rank] = min(
            (spell_start(histories[row], where[row], rank) for row in above), default=None
        )
    cells = []
    for answer in answers:
        rank = answer.rank
        applicable = known - (rank >= 0)
        if rank < 0:
            cells.append(Cell(answer, (), applicable, None, False, None))
            continue
        ahead = ahead_of[rank]
        share, gap = judge(len(ahead), applicable, min_peers, min_share)
        cells.append(Cell(answer, ahead, applicable, share, gap, since[rank]))
    return cells


def spell_start(history: LevelHistory, position: int, rank: int) -> int:
    """The first day of the spell, up to the step at ``position``, in which the level has been
    above ``rank`` without a break (the level at ``position`` is above it)."""
    step = position
    while step >= 0 and history.answers[step].rank > rank:
        step -= 1
    return history.days[step + 1]


def reached(history: LevelHistory, day: int, rank: int) -> int | None:
    """The first day, up to ``day``, on which a dated record put the level at ``rank`` or above."""
    for start, answer in zip(history.days, history.answers, strict=True):
        if start > day:
            break
        if start != STANDING_DAY and answer.rank >= rank:
            return start
    return None
