"""The level of many member x category x day cells at once, as arrays, for the panel.

The levels come from ``Dataset.levels``, the one implementation of "the level on a date"; this
module only lays each history's steps out in one sorted array, so that ``np.searchsorted``
finds the step in force for every cell at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from sanctions_gap.dataset import Dataset, DateBasis
from sanctions_gap.models import UNKNOWN

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Objects = npt.NDArray[np.object_]

# A key packs a cell's member x category pair and a day (a date ordinal, below 2**20 until the
# year 2870) into one int64: one sorted array of keys holds every history's steps in order.
_DAY_SPAN = 1 << 20


@dataclass(frozen=True)
class LevelGrid:
    """Levels of members x categories x days, as arrays of shape (members, categories, days)."""

    status: Objects
    """Each cell's status (``unknown`` where no record covers it)."""
    level: Floats
    """Each cell's normalised level (NaN if unknown or not applicable)."""
    via: Objects
    """The member each cell's status is inherited from, or None."""

    @classmethod
    def build(
        cls,
        dataset: Dataset,
        members: Sequence[str],
        categories: Sequence[str],
        days: Ints,
        basis: DateBasis,
    ) -> LevelGrid:
        """Resolve every cell of the grid at once; ``days`` are date ordinals."""
        keys: list[int] = []
        statuses: list[str] = [UNKNOWN]
        levels: list[float] = [np.nan]
        vias: list[str | None] = [None]
        for pair, (member, category) in enumerate((m, c) for m in members for c in categories):
            history = dataset.levels(member, category, basis)
            keys.extend(pair * _DAY_SPAN + day for day in history.days)
            for answer in history.answers:
                statuses.append(answer.status)
                levels.append(np.nan if answer.level is None else answer.level)
                vias.append(answer.via)
        shape = (len(members), len(categories), len(days))
        pairs = np.arange(len(members) * len(categories), dtype=np.int64)
        wanted = (pairs[:, np.newaxis] * _DAY_SPAN + days[np.newaxis, :]).reshape(-1)
        sorted_keys = np.asarray(keys, dtype=np.int64)
        found = np.searchsorted(sorted_keys, wanted, side="right") - 1
        # A step counts for a cell only if it belongs to the cell's pair; step 0 is "unknown".
        owner = sorted_keys[np.maximum(found, 0)] // _DAY_SPAN if len(keys) else wanted * 0 - 1
        same_pair = (found >= 0) & (owner == wanted // _DAY_SPAN)
        step = np.where(same_pair, found + 1, 0)
        return cls(
            status=np.asarray(statuses, dtype=object)[step].reshape(shape),
            level=np.asarray(levels, dtype=np.float64)[step].reshape(shape),
            via=np.asarray(vias, dtype=object)[step].reshape(shape),
        )


def days_of(dates: npt.NDArray[np.datetime64]) -> Ints:
    """The date ordinals of an array of dates (``date.toordinal()``, as the histories use)."""
    # The ordinal of 1970-01-01 is 719163.
    return dates.astype("datetime64[D]").astype(np.int64) + 719163
