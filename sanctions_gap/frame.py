"""Tidy pandas tables of a dataset: every record, and the level panel member x category x date.

pandas and numpy are imported where a table is built, never when this module is imported: the
reports' ``to_frame()`` methods and the exports are the only paths that need them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal

from sanctions_gap.dataset import Dataset, DateBasis, select_categories, select_members
from sanctions_gap.models import NOT_APPLICABLE

if TYPE_CHECKING:  # pandas is imported where a frame is built, not on the hot path
    import pandas as pd

Frequency = Literal["D", "MS"]

DATE_DTYPE: Final = "datetime64[ns]"
"""The dtype of every date column the engine builds (NaT where there is no date)."""

RECORD_COLUMNS: dict[str, str] = {
    "member": "string",
    "category": "string",
    "family": "string",
    "status": "string",
    "level": "float64",
    "effective": DATE_DTYPE,
    "announced": DATE_DTYPE,
    "confirmed": DATE_DTYPE,
    "instrument": "string",
    "summary": "string",
    "sources": "string",
    "urls": "string",
    "path": "string",
    "line": "int64",
}
"""The columns of ``records_frame`` and their dtypes."""

PANEL_COLUMNS: dict[str, str] = {
    "member": "string",
    "category": "string",
    "date": DATE_DTYPE,
    "status": "string",
    "level": "float64",
    "via": "string",
}
"""The columns of ``level_panel`` and their dtypes."""


def typed_frame(records: list[dict[str, Any]], dtypes: dict[str, str]) -> pd.DataFrame:
    """A frame with the columns of ``dtypes``, each of its dtype (dates parsed, NaT if none)."""
    import pandas as pd

    frame = pd.DataFrame(records, columns=list(dtypes))
    for column, dtype in dtypes.items():
        if dtype == DATE_DTYPE:
            frame[column] = pd.to_datetime(frame[column]).astype(DATE_DTYPE)
    return frame.astype(dtypes)


def frame_of(items: Sequence[object], dtypes: dict[str, str]) -> pd.DataFrame:
    """A frame with one row per item and a column per attribute named in ``dtypes``."""
    return typed_frame([{name: getattr(item, name) for name in dtypes} for item in items], dtypes)


def records_frame(dataset: Dataset) -> pd.DataFrame:
    """Every record, one row each, sorted by member, category (in `categories.yaml` order), date.

    Standing absences (no effective date) come first in their category; ``level`` is NaN for
    ``not_applicable``; ``sources`` and ``urls`` join the titles and addresses with `` | ``.
    """
    order = {category: position for position, category in enumerate(dataset.categories)}
    rows = []
    for record in dataset.records:
        measure = record.measure
        category = dataset.categories[measure.category]
        status = measure.status
        rows.append(
            {
                "member": record.member,
                "category": measure.category,
                "family": category.family,
                "status": status,
                "level": None if status == NOT_APPLICABLE else category.normalised(status),
                "effective": measure.effective,
                "announced": measure.announced,
                "confirmed": measure.confirmed,
                "instrument": measure.instrument,
                "summary": measure.summary,
                "sources": " | ".join(source.title for source in measure.sources),
                "urls": " | ".join(s.url for s in measure.sources if s.url is not None),
                "path": record.path,
                "line": record.line,
                "_order": order[measure.category],
            }
        )
    frame = typed_frame(rows, {**RECORD_COLUMNS, "_order": "int64"})
    frame = frame.sort_values(
        ["member", "_order", "effective", "line"], na_position="first", kind="stable"
    )
    return frame.drop(columns="_order").reset_index(drop=True)


def level_panel(
    dataset: Dataset,
    *,
    members: Iterable[str] | None = None,
    categories: Iterable[str] | None = None,
    start: dt.date,
    end: dt.date,
    freq: Frequency = "D",
    basis: DateBasis = DateBasis.EFFECTIVE,
) -> pd.DataFrame:
    """Each member's status and level in each category on each date from ``start`` to ``end``.

    ``freq`` is ``"D"`` (every day) or ``"MS"`` (the first day of each month). The rows are
    sorted by member (code), category (in `categories.yaml` order) and date, and come from
    ``Dataset.levels`` (inheritance included): one sorted search finds the step of each cell.
    """
    import numpy as np
    import pandas as pd

    from sanctions_gap.panel import LevelGrid, days_of

    codes = select_members(dataset, members)
    category_ids = select_categories(dataset, categories)
    if freq not in ("D", "MS"):
        raise ValueError(f"freq must be 'D' or 'MS', not {freq!r}")
    dates = pd.date_range(start, end, freq=freq).astype(DATE_DTYPE)
    grid = LevelGrid.build(dataset, codes, category_ids, days_of(dates.to_numpy()), basis)
    cells = len(codes) * len(category_ids) * len(dates)
    frame = pd.DataFrame(
        {
            "member": np.repeat(np.asarray(codes, dtype=object), len(category_ids) * len(dates)),
            "category": np.tile(
                np.repeat(np.asarray(category_ids, dtype=object), len(dates)), len(codes)
            ),
            "date": np.tile(dates.to_numpy(), len(codes) * len(category_ids)),
            "status": grid.status.reshape(cells),
            "level": grid.level.reshape(cells),
            "via": grid.via.reshape(cells),
        }
    )
    return frame.astype(PANEL_COLUMNS)
