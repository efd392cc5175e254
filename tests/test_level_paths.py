"""One answer to "the level on a date", whichever path asks (issue 13).

``Dataset.levels`` builds each member's history once; three paths read it: ``LevelHistory.at``
(``Dataset.level``, the timeline's track), the engine's ``assess`` (its own search, shared by a
column of members) and the panel's ``LevelGrid`` (one vectorised search for every cell). These
tests prove that the three agree on every member x category of the bundled data, on every day
on which a record starts (and the day before) and on sampled days, on both date bases.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sanctions_gap.dataset import Dataset, DateBasis, LevelAnswer
from sanctions_gap.engine.assess import assess
from sanctions_gap.panel import LevelGrid
from sanctions_gap.validate import load_dataset

from .conftest import DATA

FIRST, LAST = dt.date(2013, 1, 1), dt.date(2028, 12, 31)


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    return load_dataset(DATA)


def edge_days(dataset: Dataset) -> list[dt.date]:
    """Every day on which a record starts (effective or announced), and the day before."""
    days = {
        day + dt.timedelta(days=shift)
        for record in dataset.records
        for day in (record.measure.effective, record.measure.announced)
        if day is not None
        for shift in (-1, 0)
    }
    return sorted(days)


def as_tuple(answer: LevelAnswer) -> tuple[str, float | None, str | None]:
    return answer.status, answer.level, answer.via


def check_every_cell(dataset: Dataset, days: list[dt.date], basis: DateBasis) -> int:
    """Assert that the three paths agree on every cell; return the number of cells."""
    members, categories = list(dataset.members), list(dataset.categories)
    ordinals = np.asarray([day.toordinal() for day in days], dtype=np.int64)
    grid = LevelGrid.build(dataset, members, categories, ordinals, basis)
    checked = 0
    for d, day in enumerate(days):
        assessment = assess(dataset, members, categories, day, basis, 1, 0.0)
        for m, code in enumerate(members):
            for c, category in enumerate(categories):
                expected = dataset.level(code, category, day, basis)
                history = dataset.levels(code, category, basis)
                assert history.at_day(day.toordinal()) == expected
                cell = assessment.cell(m, c).answer
                assert cell == expected, (code, category, day, basis)
                level = grid.level[m, c, d]
                found = (
                    grid.status[m, c, d],
                    None if np.isnan(level) else float(level),
                    grid.via[m, c, d],
                )
                assert found == as_tuple(expected), (code, category, day, basis)
                checked += 1
    return checked


@pytest.mark.parametrize("basis", list(DateBasis))
def test_every_path_agrees_on_every_record_day_and_the_day_before(
    bundled: Dataset, basis: DateBasis
) -> None:
    days = edge_days(bundled)
    effective = {r.measure.effective for r in bundled.records} - {None}
    assert effective <= set(days)
    assert {day - dt.timedelta(days=1) for day in effective if day is not None} <= set(days)
    cells = check_every_cell(bundled, days, basis)
    assert cells == len(days) * len(bundled.members) * len(bundled.categories)


@settings(max_examples=25, deadline=None)
@given(
    days=st.lists(st.dates(min_value=FIRST, max_value=LAST), min_size=1, max_size=8, unique=True),
    basis=st.sampled_from(list(DateBasis)),
)
def test_every_path_agrees_on_sampled_days(
    bundled: Dataset, days: list[dt.date], basis: DateBasis
) -> None:
    check_every_cell(bundled, sorted(days), basis)
