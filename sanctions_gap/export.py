"""Write the tidy tables (records, the level panel) as CSV or JSON, streamed chunk by chunk.

Memory stays bounded by one chunk of rows, whatever the size of the output: the panel is
computed and written a few members and categories at a time.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal, TextIO

from sanctions_gap.dataset import Dataset, DateBasis
from sanctions_gap.frame import Frequency, level_panel, records_frame
from sanctions_gap.render.csv import neutralise

if TYPE_CHECKING:
    import pandas as pd

ExportFormat = Literal["csv", "json"]

CHUNK_ROWS = 100_000
"""About how many panel rows are computed and written at once."""


def write_records(dataset: Dataset, out: TextIO, fmt: ExportFormat) -> int:
    """Every record, one row each (JSON lists its sources and addresses as arrays)."""
    frame = records_frame(dataset)
    if fmt == "csv":
        out.write(frame_to_csv(frame))
        return len(frame)
    rows = []
    for row in _rows(frame):
        row["sources"] = row["sources"].split(" | ") if row["sources"] else []
        row["urls"] = row["urls"].split(" | ") if row["urls"] else []
        rows.append(row)
    _write_json_list(out, iter(rows))
    return len(rows)


def write_panel(
    dataset: Dataset,
    out: TextIO,
    fmt: ExportFormat,
    *,
    start: dt.date,
    end: dt.date,
    freq: Frequency,
    basis: DateBasis,
) -> int:
    """The level panel, computed and written a chunk at a time; returns the rows written."""
    count = 0

    def frames() -> Iterator[pd.DataFrame]:
        nonlocal count
        for members, categories in _chunks(dataset, start, end, freq):
            frame = level_panel(
                dataset,
                members=members,
                categories=categories,
                start=start,
                end=end,
                freq=freq,
                basis=basis,
            )
            count += len(frame)
            yield frame

    if fmt == "csv":
        for position, frame in enumerate(frames()):
            out.write(frame_to_csv(frame, header=position == 0))
    else:
        _write_json_list(out, (row for frame in frames() for row in _rows(frame)))
    return count


def _chunks(
    dataset: Dataset, start: dt.date, end: dt.date, freq: Frequency
) -> Iterator[tuple[list[str], list[str]]]:
    """Runs of (member, categories) in the panel's order, each about ``CHUNK_ROWS`` rows."""
    days = (end - start).days + 1
    dates = max(1, days if freq == "D" else math.ceil(days / 28))
    per_chunk = max(1, CHUNK_ROWS // dates)
    categories = list(dataset.categories)
    for member in dataset.members:
        for first in range(0, len(categories), per_chunk):
            yield [member], categories[first : first + per_chunk]


def frame_to_csv(frame: pd.DataFrame, *, header: bool = True) -> str:
    """CSV (with or without the header row); text cells neutralised against formula injection."""
    import pandas as pd

    safe = frame.copy()
    for column in safe.columns:
        if pd.api.types.is_string_dtype(safe[column]) or safe[column].dtype == object:
            safe[column] = safe[column].map(neutralise, na_action="ignore")
    return str(safe.to_csv(index=False, header=header, lineterminator="\n", date_format="%Y-%m-%d"))


def _plain(value: Any) -> Any:
    import pandas as pd

    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return value


def _rows(frame: pd.DataFrame) -> Iterator[dict[str, Any]]:
    for row in frame.itertuples(index=False, name=None):
        yield {column: _plain(value) for column, value in zip(frame.columns, row, strict=True)}


def _write_json_list(out: TextIO, rows: Iterator[dict[str, Any]]) -> None:
    """A JSON list, one object per row, written as the rows come (the same bytes as
    ``json.dumps(rows, indent=1, sort_keys=True)``)."""
    first = True
    for row in rows:
        text = json.dumps(row, ensure_ascii=False, indent=1, sort_keys=True)
        out.write(("[\n " if first else ",\n ") + text.replace("\n", "\n "))
        first = False
    out.write("[]\n" if first else "\n]\n")


def frame_to_json(frame: pd.DataFrame) -> str:
    """A JSON list with one object per row: null for missing values, ISO dates."""
    import io

    buffer = io.StringIO()
    _write_json_list(buffer, _rows(frame))
    return buffer.getvalue()
