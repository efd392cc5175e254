"""JSON-ready values for the reports' ``to_dict()``: ISO dates, rounded numbers, record places."""

from __future__ import annotations

import datetime as dt
import math

from sanctions_gap.dataset import Record

SCHEMA_VERSION = 1
"""The version of the JSON shape of every report; raised only when a key changes meaning."""


def iso(date: dt.date | None) -> str | None:
    """A date as ISO text, or None."""
    return None if date is None else date.isoformat()


def rounded(value: float | None) -> float | None:
    """A number rounded to 4 decimals for JSON, or None (also for NaN)."""
    if value is None or math.isnan(value):
        return None
    return round(float(value), 4)


def place(record: Record | None) -> dict[str, str | int] | None:
    """Where a record is: its file and line."""
    return None if record is None else {"path": record.path, "line": record.line}
