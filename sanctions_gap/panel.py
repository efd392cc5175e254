"""The records of a dataset as sorted arrays, to find the level of many cells at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from sanctions_gap.dataset import RANK_NOT_APPLICABLE, RANK_UNKNOWN, Dataset, DateBasis
from sanctions_gap.models import NOT_APPLICABLE, UNKNOWN
from sanctions_gap.perf import paused_gc

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]

NO_RECORD = -1
"""Where a record position is expected: no record covers the cell (the status is unknown)."""

# A (pair, day) key packs the member x category pair and the day into one int64, so that one
# sorted array and np.searchsorted answer "the latest record on or before D" for every cell at
# once. Days are counted from 1970-01-01 and shifted to be non-negative.
_DAY_OFFSET = 1 << 20
_DAY_SPAN = 1 << 21


@dataclass(frozen=True)
class LevelIndex:
    """The records of a dataset as sorted arrays, for finding levels of many cells at once.

    Built once per dataset and date basis (see ``level_index``). A record *position* indexes
    ``Dataset.records``; a *pair* is ``member_position * len(categories) + category_position``.
    """

    basis: DateBasis
    member_codes: tuple[str, ...]
    """The member codes; a member's position is its index here."""
    member_codes_array: npt.NDArray[np.object_]
    category_ids: tuple[str, ...]
    """The category ids in `categories.yaml` order; a category's position is its index here."""
    keys: Ints
    """The (pair, start day) keys of the dated records, sorted (by effective date on ties)."""
    key_pairs: Ints
    """The pair of each key."""
    key_records: Ints
    """The record position of each key."""
    pair_starts: Ints
    """For each pair, the index in ``keys`` of its first dated record (length pairs + 1)."""
    standing: Ints
    """For each pair, the position of its standing record, or ``NO_RECORD``."""
    rank: Ints
    """For each record, its level's position on the scale (0 = none), or -1 if not applicable."""
    level: Floats
    """For each record, its normalised level, or NaN if not applicable."""
    status: npt.NDArray[np.object_]
    """For each record, its status."""
    start: Ints
    """For each record, the day it starts counting on (under ``basis``); 0 if it is standing."""
    parents: Ints
    """For each member, the positions of the members it inherits (-1 pads), in file order."""
    scale: Ints
    """For each category, how many levels its scale has."""

    @classmethod
    def build(cls, dataset: Dataset, basis: DateBasis) -> LevelIndex:
        """Index a dataset's records under a date basis."""
        member_codes = tuple(dataset.members)
        category_ids = tuple(dataset.categories)
        member_at = {code: position for position, code in enumerate(member_codes)}
        category_at = {category: position for position, category in enumerate(category_ids)}
        count = len(dataset.records)
        pair = np.empty(count, dtype=np.int64)
        start = np.zeros(count, dtype=np.int64)
        effective = np.zeros(count, dtype=np.int64)
        dated = np.zeros(count, dtype=np.bool_)
        rank = np.empty(count, dtype=np.int64)
        level = np.empty(count, dtype=np.float64)
        status = np.empty(count, dtype=object)
        standing = np.full(len(member_codes) * len(category_ids), NO_RECORD, dtype=np.int64)
        scales = {
            category.id: {level_id: i for i, level_id in enumerate(category.level_ids)}
            for category in dataset.categories.values()
        }
        steps = {category.id: len(category.levels) - 1 for category in dataset.categories.values()}
        for position, record in enumerate(dataset.records):
            measure = record.measure
            pair[position] = (
                member_at[record.member] * len(category_ids) + category_at[measure.category]
            )
            status[position] = measure.status
            if measure.status == NOT_APPLICABLE:
                rank[position] = RANK_NOT_APPLICABLE
                level[position] = np.nan
            else:
                rank[position] = scales[measure.category][measure.status]
                level[position] = rank[position] / steps[measure.category]
            begins = record.start(basis)
            if begins is None or measure.effective is None:
                # Validation allows one standing record per pair; keep the first, as
                # Dataset.levels does.
                if standing[pair[position]] == NO_RECORD:
                    standing[pair[position]] = position
                continue
            dated[position] = True
            start[position] = day_of(begins)
            effective[position] = day_of(measure.effective)
        positions = np.flatnonzero(dated)
        keys = pair[positions] * _DAY_SPAN + start[positions] + _DAY_OFFSET
        # Sorted by key, then effective date: where two records start on the same day (possible
        # under the announced basis), the search below lands on the later effective one, which
        # is the one Dataset.levels chooses.
        order = np.lexsort((effective[positions], keys))
        keys = keys[order]
        key_records = positions[order]
        pair_starts = np.searchsorted(
            keys, np.arange(len(standing) + 1, dtype=np.int64) * _DAY_SPAN, side="left"
        ).astype(np.int64)
        width = max((len(m.inherits) for m in dataset.members.values()), default=0)
        parents = np.full((len(member_codes), width), -1, dtype=np.int64)
        for position, code in enumerate(member_codes):
            for slot, parent in enumerate(dataset.members[code].inherits):
                parents[position, slot] = member_at[parent]
        return cls(
            basis=basis,
            member_codes=member_codes,
            member_codes_array=np.asarray(member_codes, dtype=object),
            category_ids=category_ids,
            keys=keys,
            key_pairs=keys // _DAY_SPAN,
            key_records=key_records,
            pair_starts=pair_starts,
            standing=standing,
            rank=rank,
            level=level,
            status=status,
            start=start,
            parents=parents,
            scale=np.asarray(
                [len(dataset.categories[c].levels) for c in category_ids], dtype=np.int64
            ),
        )

    def own(self, pair: Ints, day: Ints) -> Ints:
        """The record that sets each cell's status from the member's own records."""
        if not len(self.keys):
            return self.standing[pair]
        key = pair * _DAY_SPAN + np.clip(day, -_DAY_OFFSET, _DAY_OFFSET - 1) + _DAY_OFFSET
        found = np.searchsorted(self.keys, key, side="right") - 1
        safe = np.maximum(found, 0)
        hit = (found >= 0) & (found >= self.pair_starts[pair])
        # Before a pair's first dated record its standing absence holds, if it has one.
        return np.where(hit, self.key_records[safe], self.standing[pair])

    def resolve(self, member: Ints, category: Ints, day: Ints) -> tuple[Ints, Ints, Ints]:
        """For each cell: the record that sets its status, the member it comes via, its rank.

        As ``Dataset.level``: the stronger of the member's own status and each inherited one,
        parents taken in file order, the member's own kept on a tie. ``via`` is -1 for the
        member's own status.
        """
        record = self.own(member * len(self.category_ids) + category, day)
        rank = self.ranks(record)
        via = np.full(len(record), -1, dtype=np.int64)
        for slot in range(self.parents.shape[1]):
            parent = self.parents[member, slot]
            rows = np.flatnonzero(parent >= 0)
            if not len(rows):
                continue
            # Validation refuses inheritance cycles, so this recursion ends.
            got, got_via, got_rank = self.resolve(parent[rows], category[rows], day[rows])
            better = got_rank > rank[rows]
            changed = rows[better]
            record[changed] = got[better]
            rank[changed] = got_rank[better]
            via[changed] = np.where(got_via[better] >= 0, got_via[better], parent[changed])
        return record, via, rank

    def ranks(self, record: Ints) -> Ints:
        """The rank of each record position (``RANK_UNKNOWN`` where there is none)."""
        return np.where(record >= 0, self.rank[np.maximum(record, 0)], RANK_UNKNOWN)

    def levels(self, record: Ints) -> Floats:
        """The normalised level of each record position (NaN if unknown or not applicable)."""
        return np.where(record >= 0, self.level[np.maximum(record, 0)], np.nan)

    def statuses(self, record: Ints) -> npt.NDArray[np.object_]:
        """The status of each record position (``unknown`` where there is none)."""
        return np.where(record >= 0, self.status[np.maximum(record, 0)], UNKNOWN)

    def ancestors(self, member: int) -> list[int]:
        """The member and every member it inherits from, directly or not."""
        found = [member]
        for current in found:
            found.extend(int(p) for p in self.parents[current] if p >= 0 and int(p) not in found)
        return found


def level_index(dataset: Dataset, basis: DateBasis) -> LevelIndex:
    """The dataset's ``LevelIndex`` under a date basis, built on first use and then kept."""
    key = ("sanctions_gap.panel.LevelIndex", basis)
    index = dataset.memo.get(key)
    if not isinstance(index, LevelIndex):
        with paused_gc():
            index = LevelIndex.build(dataset, basis)
        dataset.memo[key] = index
    return index


@dataclass(frozen=True)
class LevelGrid:
    """Levels of members x categories x days, as arrays of shape (members, categories, days)."""

    members: tuple[str, ...]
    categories: tuple[str, ...]
    days: Ints
    """The days, counted from 1970-01-01."""
    record: Ints
    """The position of the record that sets each cell's status, or ``NO_RECORD``."""
    via: Ints
    """The position of the member the status is inherited from, or -1."""
    rank: Ints
    """The rank of each cell's status (see ``RANK_UNKNOWN``)."""
    level: Floats
    """The normalised level of each cell (NaN if unknown or not applicable)."""

    @classmethod
    def build(
        cls,
        dataset: Dataset,
        members: Sequence[str],
        categories: Sequence[str],
        days: Ints,
        basis: DateBasis,
    ) -> LevelGrid:
        """Resolve every cell of the grid at once."""
        index = level_index(dataset, basis)
        member_at = {code: position for position, code in enumerate(index.member_codes)}
        category_at = {c: position for position, c in enumerate(index.category_ids)}
        member_positions = np.asarray([member_at[m] for m in members], dtype=np.int64)
        category_positions = np.asarray([category_at[c] for c in categories], dtype=np.int64)
        shape = (len(members), len(categories), len(days))
        member, category, day = (
            axis.reshape(-1)
            for axis in np.meshgrid(member_positions, category_positions, days, indexing="ij")
        )
        record, via, rank = index.resolve(member, category, day)
        return cls(
            members=tuple(members),
            categories=tuple(categories),
            days=days,
            record=record.reshape(shape),
            via=via.reshape(shape),
            rank=rank.reshape(shape),
            level=index.levels(record).reshape(shape),
        )


_EPOCH = dt.date(1970, 1, 1)


def day_of(date: dt.date) -> int:
    """Days since 1970-01-01 (the panel's day numbers)."""
    return (date - _EPOCH).days


def days_of(dates: npt.NDArray[np.datetime64]) -> Ints:
    """The panel's day numbers of an array of dates."""
    return dates.astype("datetime64[D]").astype(np.int64)
