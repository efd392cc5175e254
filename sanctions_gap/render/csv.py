"""Render a view as CSV, with text cells neutralised against spreadsheet formula injection."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from sanctions_gap.render.view import Cell, Scalar, View

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")


def neutralise(value: Scalar) -> Scalar:
    """Prefix ``'`` to text that a spreadsheet would read as a formula (OWASP); numbers stay."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _cell(value: Scalar) -> str | int | float:
    if type(value) is str:  # the common case first; the same as neutralise(value) or ""
        return "'" + value if value.startswith(_FORMULA_STARTS) else value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return round(value, 4)
    return neutralise(value) or ""


def render_csv(view: View) -> str:
    """A header row of column keys, then one row per table row; valid when empty."""
    return "".join(csv_chunks(view))


def csv_chunks(view: View, rows: int = 20_000) -> Iterator[str]:
    """``render_csv`` in pieces of at most ``rows`` rows, the header first (for large views)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([column.key for column in view.columns])
    for start in range(0, len(view.rows), rows):
        # Views share cells between rows (dates, kinds, links): each is converted once per
        # piece. The piece holds its rows, so no id is reused while it is being written.
        made: dict[int, str | int | float] = {}
        writer.writerows(
            [made[key] if (key := id(cell)) in made else _made(made, key, cell) for cell in row]
            for row in view.rows[start : start + rows]
        )
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if not view.rows:
        yield buffer.getvalue()


def _made(made: dict[int, str | int | float], key: int, cell: Cell) -> str | int | float:
    value = made[key] = _cell(cell.data)
    return value
