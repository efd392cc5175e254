"""Serialise tidy DataFrames for people who analyse the data in pandas, R or a spreadsheet."""

from __future__ import annotations

import json
import math
from typing import Any

import pandas as pd

from sanctions_gap.render.csv import neutralise


def frame_to_csv(frame: pd.DataFrame) -> str:
    """CSV with a header row; text cells neutralised against formula injection."""
    safe = frame.copy()
    for column in safe.columns:
        if pd.api.types.is_string_dtype(safe[column]) or safe[column].dtype == object:
            safe[column] = safe[column].map(neutralise, na_action="ignore")
    return safe.to_csv(index=False, lineterminator="\n", date_format="%Y-%m-%d")


def _plain(value: Any) -> Any:
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


def frame_to_json(frame: pd.DataFrame) -> str:
    """A JSON list with one object per row: null for missing values, ISO dates."""
    rows = [
        {column: _plain(value) for column, value in zip(frame.columns, row, strict=True)}
        for row in frame.itertuples(index=False, name=None)
    ]
    return json.dumps(rows, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
