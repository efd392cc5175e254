"""Render a view as CSV, with text cells neutralised against spreadsheet formula injection."""

from __future__ import annotations

import csv
import io
import math

from sanctions_gap.render.view import Scalar, View

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")


def neutralise(value: Scalar) -> Scalar:
    """Prefix ``'`` to text that a spreadsheet would read as a formula (OWASP); numbers stay."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def csv_value(value: Scalar) -> str | int | float:
    """A cell as CSV holds it: empty only for a missing value, numbers as numbers (0 too),
    booleans as ``true``/``false``, text neutralised."""
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
    buffer = io.StringIO()
    buffer.write(context_comment(view))
    writer = csv.writer(buffer, lineterminator="\n")
    if view.data is not None:
        writer.writerow(view.data.columns)
        writer.writerows([csv_value(value) for value in row] for row in view.data.rows)
        return buffer.getvalue()
    shown = [i for i, column in enumerate(view.columns) if column.data]
    writer.writerow([view.columns[i].key for i in shown])
    writer.writerows([csv_value(row[i].data) for i in shown] for row in view.rows)
    return buffer.getvalue()
