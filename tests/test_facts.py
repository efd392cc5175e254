"""Facts about the bundled data: each a member's status in a category on a date, with its source.

The rows live in tests/facts/<member>.csv (member, category, date, status, source); each was
checked against the source it names when the record was written. Each fact is asked of
``Dataset.level`` and of the engine's own lookup (``assess``); tests/test_level_paths.py proves
the two (and the panel's) agree on every cell of the data.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from sanctions_gap.dataset import Dataset, DateBasis
from sanctions_gap.engine.assess import assess
from sanctions_gap.validate import load_dataset

from .conftest import DATA

FACTS = Path(__file__).parent / "facts"


def _facts() -> list[tuple[str, str, str, str, str]]:
    rows: list[tuple[str, str, str, str, str]] = []
    for file in sorted(FACTS.glob("*.csv")):
        with file.open(encoding="utf-8", newline="") as handle:
            rows.extend(
                (r["member"], r["category"], r["date"], r["status"], r["source"])
                for r in csv.DictReader(handle)
            )
    return rows


FACT_ROWS = _facts()


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset(DATA)


def test_there_are_enough_facts() -> None:
    # Issue 3 asks for at least 40 facts beyond the commentary's picture.
    assert len(FACT_ROWS) >= 40
    assert all(source.strip() for *_, source in FACT_ROWS)


@pytest.mark.parametrize(
    ("member", "category", "date", "status", "source"),
    FACT_ROWS,
    ids=[f"{m}-{c}-{d}" for m, c, d, *_ in FACT_ROWS],
)
def test_fact(
    dataset: Dataset, member: str, category: str, date: str, status: str, source: str
) -> None:
    on = dt.date.fromisoformat(date)
    answer = dataset.level(member, category, on)
    assert answer.status == status, f"{member} {category} on {date}: source {source}"
    # The engine reads the same histories with a search of its own: it must agree.
    cell = assess(dataset, [member], [category], on, DateBasis.EFFECTIVE, 1, 0.0).cell(0, 0)
    assert cell.answer.status == status, f"the engine, for {member} {category} on {date}"
