"""The level rules of Dataset.level, on small datasets with known answers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sanctions_gap.dataset import Dataset, DateBasis
from sanctions_gap.errors import LookupFailed

from .engine_fixtures import build, day, member, rec


def status(
    ds: Dataset, code: str, category: str, on: str, basis: DateBasis = DateBasis.EFFECTIVE
) -> tuple[str, float | None, str | None]:
    answer = ds.level(code, category, day(on), basis)
    return answer.status, answer.level, answer.via


def test_history_takes_latest_record_on_or_before_the_date(tmp_path: Path) -> None:
    ds = build(
        tmp_path,
        member(
            "JP",
            rec("central_bank", "full", "2022-03-01"),  # written out of order on purpose
            rec("central_bank", "partial", "2014-09-24"),
        ),
    )
    assert status(ds, "JP", "central_bank", "2014-09-23") == ("unknown", None, None)
    assert status(ds, "JP", "central_bank", "2014-09-24") == ("partial", 0.5, None)
    assert status(ds, "JP", "central_bank", "2022-02-28") == ("partial", 0.5, None)
    assert status(ds, "JP", "central_bank", "2022-03-01") == ("full", 1.0, None)
    assert status(ds, "JP", "central_bank", "2030-01-01") == ("full", 1.0, None)


def test_a_later_weaker_record_lifts_the_measure(tmp_path: Path) -> None:
    ds = build(
        tmp_path,
        member(
            "JP",
            rec("sberbank", "full_blocking", "2022-05-12"),
            rec("sberbank", "capital_market", "2024-01-01"),
        ),
    )
    assert status(ds, "JP", "sberbank", "2023-12-31") == ("full_blocking", 1.0, None)
    level = ds.level("JP", "sberbank", day("2024-01-01")).level
    assert level == pytest.approx(1 / 3)


def test_standing_absence_holds_before_the_first_dated_record(tmp_path: Path) -> None:
    ds = build(
        tmp_path,
        member(
            "JP",
            rec("airspace_ban", "none"),
            rec("central_bank", "none"),
            rec("central_bank", "full", "2022-03-01"),
        ),
    )
    assert status(ds, "JP", "central_bank", "1995-01-01") == ("none", 0.0, None)
    assert status(ds, "JP", "central_bank", "2022-02-28") == ("none", 0.0, None)
    assert status(ds, "JP", "central_bank", "2022-03-01") == ("full", 1.0, None)
    # A standing absence alone holds on every date.
    assert status(ds, "JP", "airspace_ban", "2026-01-01") == ("none", 0.0, None)
    # No record at all: unknown, never none.
    assert status(ds, "JP", "sberbank", "2026-01-01") == ("unknown", None, None)
    answer = ds.level("JP", "sberbank", day("2026-01-01"))
    assert answer.record is None


def test_record_on_its_effective_date_counts_that_day(tmp_path: Path) -> None:
    ds = build(tmp_path, member("JP", rec("airspace_ban", "full", "2022-02-28")))
    assert status(ds, "JP", "airspace_ban", "2022-02-27")[0] == "unknown"
    assert status(ds, "JP", "airspace_ban", "2022-02-28")[0] == "full"


def test_inheritance_takes_the_stronger_level_and_says_via(tmp_path: Path) -> None:
    ds = build(
        tmp_path,
        member(
            "EU",
            rec("central_bank", "full", "2022-02-28"),
            rec("airspace_ban", "none"),
            rec("airspace_ban", "full", "2022-02-28"),
            rec("sberbank", "capital_market", "2014-08-01"),
        ),
        member(
            "FR",
            rec("airspace_ban", "none"),
            rec("airspace_ban", "full", "2022-02-27"),
            rec("sberbank", "full_blocking", "2022-01-01"),
            inherits=["EU"],
        ),
        member("DE", inherits=["EU"]),
    )
    # Inherited where the member has nothing of its own.
    assert status(ds, "DE", "central_bank", "2022-03-01") == ("full", 1.0, "EU")
    assert status(ds, "DE", "central_bank", "2022-02-27") == ("unknown", None, None)
    # Own level stronger than the inherited one: own.
    assert status(ds, "FR", "sberbank", "2022-03-01") == ("full_blocking", 1.0, None)
    # Own earlier: own; then equal levels: own kept on the tie.
    assert status(ds, "FR", "airspace_ban", "2022-02-27") == ("full", 1.0, None)
    assert status(ds, "FR", "airspace_ban", "2022-02-28") == ("full", 1.0, None)
    # Inherited stronger than own none.
    assert status(ds, "FR", "sberbank", "2021-01-01")[2] == "EU"
    record = ds.level("DE", "central_bank", day("2022-03-01")).record
    assert record is not None and record.member == "EU"


def test_inheritance_through_a_chain_names_the_origin(tmp_path: Path) -> None:
    ds = build(
        tmp_path,
        member("EU", rec("central_bank", "full", "2022-02-28")),
        member("XA", inherits=["EU"]),
        member("XB", inherits=["XA"]),
    )
    assert status(ds, "XB", "central_bank", "2022-03-01") == ("full", 1.0, "EU")


def test_not_applicable_and_unknown(tmp_path: Path) -> None:
    ds = build(
        tmp_path,
        member("EU", rec("swift_exclusion", "partial", "2022-03-12")),
        member("JP", rec("swift_exclusion", "not_applicable")),
        member("FR", rec("swift_exclusion", "not_applicable"), inherits=["EU"]),
        member("DE", rec("central_bank", "not_applicable"), inherits=["EU"]),
    )
    assert status(ds, "JP", "swift_exclusion", "2022-06-01") == ("not_applicable", None, None)
    # An inherited level outranks not_applicable; not_applicable outranks unknown.
    assert status(ds, "FR", "swift_exclusion", "2022-06-01") == ("partial", 1.0, "EU")
    assert status(ds, "FR", "swift_exclusion", "2022-03-11") == ("not_applicable", None, None)
    assert status(ds, "DE", "central_bank", "2022-06-01") == ("not_applicable", None, None)
    assert ds.level("JP", "swift_exclusion", day("2022-06-01")).rank == -1.0
    assert ds.level("JP", "central_bank", day("2022-06-01")).rank == -2.0


def test_announced_basis_counts_from_the_announcement(tmp_path: Path) -> None:
    ds = build(
        tmp_path,
        member(
            "US",
            rec("sberbank", "none"),
            rec("sberbank", "correspondent_ban", "2022-03-26", announced="2022-02-24"),
            rec("sberbank", "full_blocking", "2022-04-06"),
        ),
    )
    on = "2022-03-01"
    assert status(ds, "US", "sberbank", on)[0] == "none"
    assert status(ds, "US", "sberbank", on, DateBasis.ANNOUNCED)[0] == "correspondent_ban"
    assert status(ds, "US", "sberbank", "2022-02-23", DateBasis.ANNOUNCED)[0] == "none"
    # Without an announced date, the effective date counts on either basis.
    assert status(ds, "US", "sberbank", "2022-04-06", DateBasis.ANNOUNCED)[0] == "full_blocking"


def test_announced_basis_takes_the_latest_start(tmp_path: Path) -> None:
    # Announced long before it applied, then overtaken by a later, quicker measure.
    ds = build(
        tmp_path,
        member(
            "GB",
            rec("central_bank", "full", "2022-06-01", announced="2022-02-01"),
            rec("central_bank", "partial", "2022-03-01"),
        ),
    )
    assert status(ds, "GB", "central_bank", "2022-02-15", DateBasis.ANNOUNCED)[0] == "full"
    assert status(ds, "GB", "central_bank", "2022-03-15", DateBasis.ANNOUNCED)[0] == "partial"
    assert status(ds, "GB", "central_bank", "2022-03-15")[0] == "partial"
    assert status(ds, "GB", "central_bank", "2022-06-01")[0] == "full"


def test_unknown_names_raise_lookup_failed(tmp_path: Path) -> None:
    ds = build(tmp_path, member("JP"))
    with pytest.raises(LookupFailed, match="unknown member 'XX'"):
        ds.level("XX", "central_bank", dt.date(2022, 1, 1))
    with pytest.raises(LookupFailed, match="unknown category"):
        ds.level("JP", "nope", dt.date(2022, 1, 1))
    # Aliases and case are accepted.
    assert ds.resolve_member("jp") == "JP"
