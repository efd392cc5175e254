"""Render a view as CSV, with text cells neutralised against spreadsheet formula injection."""

from __future__ import annotations

import csv
import io

from sanctions_gap.render.view import Scalar, View

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")


def neutralise(value: Scalar) -> Scalar:
    """Prefix ``'`` to text that a spreadsheet would read as a formula (OWASP); numbers stay."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _cell(value: Scalar) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return round(value, 4)
    return neutralise(value) or ""


def render_csv(view: View) -> str:
    """A header row of column keys, then one row per table row; valid when empty."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([column.key for column in view.columns])
    writer.writerows([_cell(cell.data) for cell in row] for row in view.rows)
    return buffer.getvalue()
