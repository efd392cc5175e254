"""The tidy tables: records_frame, and level_panel cell by cell against Dataset.level."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from sanctions_gap.dataset import Dataset, DateBasis
from sanctions_gap.errors import LookupFailed
from sanctions_gap.frame import PANEL_COLUMNS, RECORD_COLUMNS, level_panel, records_frame
from sanctions_gap.validate import load_dataset

from .conftest import DATA
from .engine_fixtures import build, member, rec


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    return load_dataset(DATA)


@pytest.fixture
def tricky(tmp_path: Path) -> Dataset:
    """History, lifting, standing absences, inheritance, not applicable, announced dates."""
    return build(
        tmp_path,
        member(
            "EU",
            rec("central_bank", "full", "2022-02-28"),
            rec("swift_exclusion", "partial", "2022-03-12", announced="2022-03-02"),
            rec("sberbank", "capital_market", "2014-08-01"),
            rec("sberbank", "full_blocking", "2022-06-03", announced="2022-06-03"),
        ),
        member(
            "FR",
            rec("airspace_ban", "none"),
            rec("airspace_ban", "full", "2022-02-27"),
            rec("sberbank", "correspondent_ban", "2022-03-01", announced="2022-02-25"),
            rec("swift_exclusion", "not_applicable"),
            inherits=["EU"],
        ),
        member(
            "JP",
            rec("central_bank", "none"),
            rec("central_bank", "partial", "2022-02-26"),
            rec("central_bank", "full", "2022-03-01", announced="2022-02-27"),
            rec("central_bank", "none", "2022-03-05"),  # lifted
            rec("swift_exclusion", "not_applicable"),
            rec("airspace_ban", "full", "2022-06-01", announced="2022-02-20"),
            rec("airspace_ban", "none", "2022-03-10"),
        ),
        member("DE", inherits=["EU"]),
    )


def assert_panel_matches_levels(ds: Dataset, panel: pd.DataFrame, basis: DateBasis) -> None:
    assert len(panel) > 0
    for cell in panel.to_dict("records"):
        answer = ds.level(cell["member"], cell["category"], cell["date"].date(), basis)
        level = None if pd.isna(cell["level"]) else float(cell["level"])
        via = None if pd.isna(cell["via"]) else str(cell["via"])
        assert (cell["status"], level, via) == (answer.status, answer.level, answer.via), cell


@pytest.mark.parametrize("basis", list(DateBasis))
def test_panel_equals_level_cell_by_cell_on_fixture(tricky: Dataset, basis: DateBasis) -> None:
    panel = level_panel(tricky, start=dt.date(2014, 7, 30), end=dt.date(2014, 8, 2), basis=basis)
    assert_panel_matches_levels(tricky, panel, basis)
    panel = level_panel(tricky, start=dt.date(2022, 2, 15), end=dt.date(2022, 6, 10), basis=basis)
    assert len(panel) == 4 * 4 * 116
    assert_panel_matches_levels(tricky, panel, basis)


@pytest.mark.parametrize("basis", list(DateBasis))
def test_panel_equals_level_on_bundled_data(bundled: Dataset, basis: DateBasis) -> None:
    for on in ("2014-03-17", "2018-03-26", "2022-02-24", "2022-03-21", "2026-11-27"):
        date = dt.date.fromisoformat(on)
        panel = level_panel(bundled, start=date, end=date, basis=basis)
        assert len(panel) == len(bundled.members) * len(bundled.categories)
        assert_panel_matches_levels(bundled, panel, basis)


def test_panel_monthly_selection_and_order(tricky: Dataset) -> None:
    panel = level_panel(
        tricky,
        members=["jp", "EU"],
        categories=["airspace_ban", "central_bank"],
        start=dt.date(2022, 1, 15),
        end=dt.date(2022, 4, 1),
        freq="MS",
    )
    assert list(panel["member"].unique()) == ["EU", "JP"]
    # Categories keep the order of categories.yaml, whatever order they were asked in.
    assert list(panel["category"].unique()) == ["central_bank", "airspace_ban"]
    assert sorted(set(panel["date"].dt.date)) == [
        dt.date(2022, 2, 1),
        dt.date(2022, 3, 1),
        dt.date(2022, 4, 1),
    ]
    jp = panel[(panel["member"] == "JP") & (panel["category"] == "central_bank")]
    assert list(jp["status"]) == ["none", "full", "none"]
    assert_panel_matches_levels(tricky, panel, DateBasis.EFFECTIVE)


def test_panel_dtypes(tricky: Dataset) -> None:
    panel = level_panel(tricky, start=dt.date(2022, 3, 1), end=dt.date(2022, 3, 3))
    assert list(panel.columns) == list(PANEL_COLUMNS)
    assert {c: str(t) for c, t in panel.dtypes.items()} == {
        "member": "string",
        "category": "string",
        "date": "datetime64[ns]",
        "status": "string",
        "level": "float64",
        "via": "string",
    }
    de = panel[(panel["member"] == "DE") & (panel["category"] == "central_bank")]
    assert list(de["via"]) == ["EU", "EU", "EU"]
    # Inherited on these days: DE's and FR's central_bank, DE's sberbank (FR's own
    # correspondent ban of 1 March outranks the EU's capital-market rule); 3 days each.
    inherited = panel[panel["via"].notna()]
    assert sorted(set(zip(inherited["member"], inherited["category"], strict=True))) == [
        ("DE", "central_bank"),
        ("DE", "sberbank"),
        ("FR", "central_bank"),
    ]
    assert set(inherited["via"]) == {"EU"} and len(inherited) == 9


def test_panel_refuses_unknown_names_and_frequencies(tricky: Dataset) -> None:
    with pytest.raises(LookupFailed):
        level_panel(tricky, members=["XX"], start=dt.date(2022, 1, 1), end=dt.date(2022, 1, 2))
    with pytest.raises(LookupFailed):
        level_panel(tricky, categories=["nope"], start=dt.date(2022, 1, 1), end=dt.date(2022, 1, 2))
    with pytest.raises(ValueError, match="freq"):
        level_panel(tricky, start=dt.date(2022, 1, 1), end=dt.date(2022, 1, 2), freq="W")  # type: ignore[arg-type]  # a wrong value on purpose


def test_records_frame_dtypes_order_and_values(tricky: Dataset) -> None:
    frame = records_frame(tricky)
    assert list(frame.columns) == list(RECORD_COLUMNS)
    assert {c: str(t) for c, t in frame.dtypes.items()} == RECORD_COLUMNS
    assert len(frame) == len(tricky.records)
    jp = frame[(frame["member"] == "JP") & (frame["category"] == "central_bank")]
    # The standing absence first, then by effective date.
    assert list(jp["status"]) == ["none", "partial", "full", "none"]
    assert jp["effective"].isna().tolist() == [True, False, False, False]
    # DE has no record of its own: it inherits everything.
    assert list(frame["member"].unique()) == ["EU", "FR", "JP"]
    na = frame[frame["status"] == "not_applicable"]
    assert na["level"].isna().all() and len(na) == 2
    first = frame.iloc[0]
    assert first["sources"] == "Act on central_bank | A page"
    assert first["urls"] == "https://example.org/page"
    eu = (tricky.root / "members" / "eu.yaml").read_text(encoding="utf-8").splitlines()
    assert first["path"] == "members/eu.yaml"
    assert first["line"] == eu.index("- category: central_bank") + 1
    announced = frame[frame["announced"].notna()]
    assert (announced["announced"] <= announced["effective"]).all()


def test_records_frame_of_bundled_data(bundled: Dataset) -> None:
    frame = records_frame(bundled)
    assert len(frame) == len(bundled.records)
    assert frame["member"].is_monotonic_increasing
    assert set(frame["category"]) <= set(bundled.categories)


def test_panel_with_standing_records_only(tmp_path: Path) -> None:
    ds = build(tmp_path, member("JP", rec("central_bank", "none")), member("AA"))
    panel = level_panel(ds, start=dt.date(2022, 1, 1), end=dt.date(2022, 1, 2))
    assert len(panel) == 2 * 4 * 2
    assert_panel_matches_levels(ds, panel, DateBasis.EFFECTIVE)
    empty = level_panel(ds, start=dt.date(2022, 1, 2), end=dt.date(2022, 1, 1))
    assert len(empty) == 0 and list(empty.columns) == list(PANEL_COLUMNS)
