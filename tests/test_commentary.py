"""The picture of the March 2022 commentary, asserted on the bundled data.

Sources: the records cited in data/members/jp.yaml, us.yaml, gb.yaml and the others (for
example the US Embassy Tokyo notice of 1 March 2022 on Japan's measures against the Central
Bank of Russia, and the Japanese Ministry of Finance's announcements of April 2022 on Sberbank).
"""

from __future__ import annotations

import datetime as dt

import pytest

from sanctions_gap.dataset import Dataset, DateBasis
from sanctions_gap.validate import load_dataset

from .conftest import DATA

COMMENTARY = dt.date(2022, 3, 21)
G7_PEERS = ("CA", "DE", "FR", "GB", "IT", "US")


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset(DATA)


def level(dataset: Dataset, member: str, category: str, on: dt.date = COMMENTARY) -> float:
    value = dataset.level(member, category, on).level
    assert value is not None, f"{member} {category} is not known on {on}"
    return value


@pytest.mark.parametrize(
    "category", ["central_bank", "dual_use_exports", "leadership_asset_freeze"]
)
def test_japan_had_acted(dataset: Dataset, category: str) -> None:
    # Each at the top of its scale: the measures of late February and 1 March 2022.
    assert dataset.level("JP", category, COMMENTARY).status == "full"
    assert level(dataset, "JP", category) == 1.0


def test_putin_frozen_by_japan(dataset: Dataset) -> None:
    assert dataset.level("JP", "leadership_asset_freeze", COMMENTARY).status == "full"


def test_japan_airspace_open_then_and_now(dataset: Dataset) -> None:
    assert dataset.level("JP", "airspace_ban", COMMENTARY).status == "none"
    assert dataset.level("JP", "airspace_ban", dt.date(2026, 11, 27)).status == "none"
    for peer in G7_PEERS:
        assert dataset.level(peer, "airspace_ban", COMMENTARY).level == 1.0, peer


def test_sberbank_not_frozen_by_japan_while_us_and_uk_had_moved(dataset: Dataset) -> None:
    japan = dataset.level("JP", "sberbank", COMMENTARY)
    assert japan.status != "full_blocking"
    # The UK's correspondent-banking ban applied from 1 March 2022.
    assert level(dataset, "GB", "sberbank") > level(dataset, "JP", "sberbank")
    # The US announced its correspondent-account ban on 24 February 2022 (in force 26 March).
    us = dataset.level("US", "sberbank", COMMENTARY, DateBasis.ANNOUNCED)
    jp = dataset.level("JP", "sberbank", COMMENTARY, DateBasis.ANNOUNCED)
    assert us.level is not None and jp.level is not None and us.level > jp.level
    # Japan froze Sberbank later in 2022.
    assert dataset.level("JP", "sberbank", dt.date(2022, 12, 31)).status == "full_blocking"


def test_japanese_firms_stayed_in_sakhalin_while_exxon_and_shell_left(dataset: Dataset) -> None:
    assert dataset.level("JP", "sakhalin_divestment", COMMENTARY).status == "none"
    # Exits announced, not yet complete: partial (ExxonMobil, 1 March; Shell, 28 February 2022).
    us = dataset.level("US", "sakhalin_divestment", COMMENTARY)
    gb = dataset.level("GB", "sakhalin_divestment", COMMENTARY)
    assert (us.status, us.level) == ("partial", 0.5)
    assert (gb.status, gb.level) == ("partial", 0.5)
    assert us.record is not None and us.record.measure.effective == dt.date(2022, 3, 1)
    assert gb.record is not None and gb.record.measure.effective == dt.date(2022, 2, 28)
    assert dataset.level("JP", "sakhalin_divestment", dt.date(2026, 11, 27)).status == "none"


def test_japan_alone_expelled_no_diplomat_after_salisbury(dataset: Dataset) -> None:
    after = dt.date(2018, 6, 1)
    assert dataset.level("JP", "diplomatic_expulsions_2018", after).status == "none"
    # The records of March 2018: the UK (23 diplomats) and the US (60) at major, the others limited.
    expected = {"CA": "limited", "DE": "limited", "FR": "limited", "GB": "major"}
    expected |= {"IT": "limited", "US": "major"}
    found = {p: dataset.level(p, "diplomatic_expulsions_2018", after).status for p in G7_PEERS}
    assert found == expected


def test_japan_2014_measures_were_token(dataset: Dataset) -> None:
    end_2014 = dt.date(2014, 12, 31)
    assert dataset.level("JP", "crimea_2014_sanctions", end_2014).status == "token"
    for peer in ("US", "GB", "CA", "DE", "FR", "IT"):
        assert dataset.level(peer, "crimea_2014_sanctions", end_2014).status == "substantial", peer
