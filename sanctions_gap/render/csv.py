"""Render a view as CSV, with text cells neutralised against spreadsheet formula injection."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Iterator
from itertools import islice

from sanctions_gap.render.view import Cell, Scalar, View

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")


def neutralise(value: Scalar) -> Scalar:
    """Prefix ``'`` to text that a spreadsheet would read as a formula (OWASP); numbers stay."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def csv_value(value: Scalar) -> str | int | float:
    """A cell as CSV holds it: empty only for a missing value, numbers as numbers (0 too),
    booleans as ``true``/``false``, text neutralised."""
    if type(value) is str:  # the common case first; the same as neutralise(value) or ""
        return "'" + value if value.startswith(_FORMULA_STARTS) else value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return "" if math.isnan(value) else round(value, 4)
    return neutralise(value) or ""


def context_comment(view: View) -> str:
    """The line that says what the output rests on, as a CSV comment (read with comment="#")."""
    return "" if view.context is None else f"# {view.context.line()}\n"


def render_csv(view: View) -> str:
    """A comment with the view's context, a header row of column keys, then one row per row of
    the view's data table (or of its table); valid when empty."""
    return "".join(csv_chunks(view))


def csv_chunks(view: View, rows: int = 20_000) -> Iterator[str]:
    """``render_csv`` in pieces of at most ``rows`` rows, the comment and the header first (for
    large views, written as they are made)."""
    buffer = io.StringIO()
    buffer.write(context_comment(view))
    writer = csv.writer(buffer, lineterminator="\n")
    lines: Iterator[list[str | int | float]]
    if view.data is not None:
        writer.writerow(view.data.columns)
        lines = ([csv_value(value) for value in row] for row in view.data.rows)
    else:
        shown = [i for i, column in enumerate(view.columns) if column.data]
        writer.writerow([view.columns[i].key for i in shown])
        lines = _cell_lines(view.rows, shown, rows)
    while piece := list(islice(lines, rows)):
        writer.writerows(piece)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():  # no row: the comment and the header
        yield buffer.getvalue()


def _cell_lines(
    rows: Iterable[tuple[Cell, ...]], shown: list[int], every: int
) -> Iterator[list[str | int | float]]:
    """The CSV values of the shown cells of each row. Views share cells between rows (dates,
    kinds, links): each is converted once per ``every`` rows, while its row holds it."""
    made: dict[int, str | int | float] = {}
    for number, row in enumerate(rows):
        if number % every == 0:
            made = {}
        yield [
            made[key] if (key := id(cell)) in made else _made(made, key, cell)
            for cell in (row[i] for i in shown)
        ]


def _made(made: dict[int, str | int | float], key: int, cell: Cell) -> str | int | float:
    value = made[key] = csv_value(cell.data)
    return value
