"""Every option of every question reaches the answer (issue 13: options passed on to the level
lookup, the categories, the families and the group were dropped by mutants unnoticed)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sanctions_gap.dataset import DataContext, Dataset, DateBasis
from sanctions_gap.engine import CompareError, compare, diff, gaps, index, indexes, matrix, timeline
from sanctions_gap.errors import LookupFailed

from .engine_fixtures import build, member, rec

D = dt.date
ANNOUNCED = DateBasis.ANNOUNCED


@pytest.fixture(scope="module")
def union(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """The EU and DE (which inherits from it), JP, and US (announced long before effective)."""
    return build(
        tmp_path_factory.mktemp("union"),
        member(
            "EU",
            rec("central_bank", "full", "2022-02-28"),
            rec("airspace_ban", "full", "2022-02-28"),
            rec("swift_exclusion", "not_applicable"),
            rec("sberbank", "not_applicable"),
        ),
        member("DE", inherits=["EU"]),
        member(
            "JP",
            rec("central_bank", "none"),
            rec("central_bank", "full", "2022-03-10"),
            rec("airspace_ban", "none"),
        ),
        member(
            "US",
            rec("central_bank", "partial", "2022-06-01", announced="2022-02-01"),
            rec("airspace_ban", "full", "2022-03-02"),
        ),
    )


def test_the_announced_basis_reaches_every_question(union: Dataset) -> None:
    on = D(2022, 2, 15)  # US announced its partial measure on 2022-02-01, effective 2022-06-01
    assert matrix(union, ["US"], on).cell("US", "central_bank").status == "unknown"
    assert matrix(union, ["US"], on, basis=ANNOUNCED).cell("US", "central_bank").status == (
        "partial"
    )
    assert index(union, "US", on).value is None
    assert index(union, "US", on, basis=ANNOUNCED).value == 50.0
    effective = gaps(union, ["JP", "US"], on)
    announced = gaps(union, ["JP", "US"], on, basis=ANNOUNCED)
    jp = {e.member: [i.category for i in e.items] for e in announced.entries}["JP"]
    assert jp == ["central_bank"] and all(not e.items for e in effective.entries)
    line = timeline(union, "JP", ["US"], start=on, end=on, freq="D", basis=ANNOUNCED)
    assert (line.points[0].gaps, line.open_at_start) == (1, ("central_bank",))
    assert timeline(union, "JP", ["US"], start=on, end=on, freq="D").points[0].gaps == 0
    # The latency on the last date too: US reached partial on its announcement (2022-02-01),
    # 37 days before JP reached it (full, 2022-03-10); on effective dates US is unknown then.
    late = timeline(union, "US", ["JP"], start=on, end=D(2022, 3, 15), basis=ANNOUNCED)
    [row] = [r for r in late.latency if r.category == "central_bank"]
    assert (row.member_status, row.lag_days_first) == ("partial", -37)
    assert [
        r.lag_days_first
        for r in timeline(union, "US", ["JP"], start=on, end=D(2022, 3, 15)).latency
        if r.category == "central_bank"
    ] == [None]


def test_categories_and_families_reach_every_question(union: Dataset) -> None:
    on = D(2022, 3, 5)
    only = ["airspace_ban"]
    assert matrix(union, "ALL", on, categories=only).categories == ("airspace_ban",)
    assert matrix(union, "ALL", on, families=["transport"]).categories == ("airspace_ban",)
    assert indexes(union, "ALL", on, families=["transport"]).results[0].categories == 1
    ranked = gaps(union, "ALL", on, categories=only)
    assert ranked.categories == ("airspace_ban",)
    assert gaps(union, "ALL", on, families=["transport"]).categories == ("airspace_ban",)
    line = timeline(union, "JP", ["US"], start=on, end=on, categories=only)
    assert [r.category for r in line.latency] == ["airspace_ban"]
    transport = timeline(union, "JP", ["US"], start=on, end=on, families=["transport"])
    assert [r.category for r in transport.latency] == ["airspace_ban"]
    # diff asks compare twice: a one-pass iterable of categories or families must serve both.
    changes = diff(union, "JP", ["US"], D(2022, 3, 1), on, categories=iter(only))
    assert [r.category for r in changes.after.rows] == ["airspace_ban"]
    assert [r.category for r in changes.before.rows] == ["airspace_ban"]
    families = diff(union, "JP", ["US"], D(2022, 3, 1), on, families=iter(["transport"]))
    assert [r.category for r in families.before.rows] == ["airspace_ban"]


def test_inherited_once_reaches_every_question_and_is_off_by_default(union: Dataset) -> None:
    on = D(2022, 3, 5)
    group = ["EU", "DE", "JP"]
    assert compare(union, "JP", ["EU", "DE"], on).peers == ("DE", "EU")
    assert compare(union, "JP", ["EU", "DE"], on, inherited_once=True).peers == ("EU",)
    assert matrix(union, group, on).members == ("DE", "EU", "JP")
    assert matrix(union, group, on, inherited_once=True).members == ("EU", "JP")
    assert gaps(union, group, on).members == ("DE", "EU", "JP")
    assert gaps(union, group, on, inherited_once=True).members == ("EU", "JP")
    assert diff(union, "JP", ["EU", "DE"], D(2022, 3, 1), on).peers == ("DE", "EU")
    assert diff(union, "JP", ["EU", "DE"], D(2022, 3, 1), on, inherited_once=True).peers == ("EU",)
    assert timeline(union, "JP", ["EU", "DE"], start=on, end=on).peers == ("DE", "EU")
    once = timeline(union, "JP", ["EU", "DE"], start=on, end=on, inherited_once=True)
    assert once.peers == ("EU",)
    with pytest.raises(CompareError, match="alone is not a group"):
        gaps(union, ["EU", "DE"], on, inherited_once=True)


def test_timeline_sampling_and_the_edges_of_its_events(union: Dataset) -> None:
    # Month starts from the first one on or after the start; the default frequency.
    report = timeline(union, "JP", ["EU"], start=D(2022, 1, 15), end=D(2022, 4, 1))
    assert [p.date for p in report.points] == [D(2022, 2, 1), D(2022, 3, 1), D(2022, 4, 1)]
    # A change on the first day is open at the start, not an event; one on the last day is.
    on_start = timeline(union, "JP", ["EU"], start=D(2022, 2, 28), end=D(2022, 3, 10), freq="D")
    assert on_start.open_at_start == ("central_bank", "airspace_ban")
    assert [(e.date, e.category, e.change) for e in on_start.events] == [
        (D(2022, 3, 10), "central_bank", "closed")
    ]
    december = timeline(union, "JP", ["EU"], start=D(2022, 11, 20), end=D(2023, 2, 1))
    assert [p.date for p in december.points] == [D(2022, 12, 1), D(2023, 1, 1), D(2023, 2, 1)]


def test_coverage_of_a_member_with_no_applicable_category(tmp_path: Path) -> None:
    ds = build(
        tmp_path,
        member("JP", *(rec(c, "not_applicable") for c in ("central_bank", "sberbank"))),
    )
    result = index(ds, "JP", D(2022, 1, 1), categories=["central_bank", "sberbank"])
    assert (result.value, result.coverage, result.not_applicable) == (None, 0.0, 2)


def test_a_record_effective_on_the_review_day_is_not_adopted_for_later(tmp_path: Path) -> None:
    ds = build(
        tmp_path,
        member("JP", rec("central_bank", "full", "2026-11-27")),  # the fixtures' review day
        member("AA", rec("central_bank", "full", "2026-11-28", announced="2026-11-01")),
    )
    row = next(
        r for r in compare(ds, "JP", ["AA"], D(2026, 12, 1)).rows if r.category == "central_bank"
    )
    assert row.member_scheduled is False and row.peers_scheduled == ("AA",)
    heat = matrix(ds, ["JP", "AA"], D(2026, 12, 1))
    assert heat.cell("AA", "central_bank").scheduled is True
    assert heat.cell("JP", "central_bank").scheduled is False


def test_the_level_of_a_day_with_two_starts_is_the_later_effective_one(tmp_path: Path) -> None:
    # On the announced basis, the lifting of 2022-03-01 and a full ban announced that day (in
    # force from 2022-06-01) start on the same day: the ban counts, the earlier steps stay.
    ds = build(
        tmp_path,
        member(
            "JP",
            rec("central_bank", "none"),
            rec("central_bank", "partial", "2021-01-01"),
            rec("central_bank", "none", "2022-03-01"),
            rec("central_bank", "full", "2022-06-01", announced="2022-03-01"),
        ),
    )
    status = {
        on: ds.level("JP", "central_bank", on, ANNOUNCED).status
        for on in (D(2020, 1, 1), D(2021, 6, 1), D(2022, 3, 15))
    }
    assert status == {D(2020, 1, 1): "none", D(2021, 6, 1): "partial", D(2022, 3, 15): "full"}
    assert ds.level("JP", "central_bank", D(2022, 3, 15)).status == "none"


def test_not_applicable_rows_point_at_their_record(union: Dataset) -> None:
    row = next(
        r for r in compare(union, "EU", ["JP"], D(2022, 3, 5)).rows if r.category == "sberbank"
    )
    assert row.member_status == "not_applicable"
    assert row.member_source is not None and row.member_source.path == "members/eu.yaml"


def test_lookup_messages(union: Dataset) -> None:
    known = "central_bank, sberbank, swift_exclusion, airspace_ban"
    with pytest.raises(LookupFailed) as caught:
        union.resolve_category("nope")
    assert str(caught.value) == f"unknown category 'nope'; known categories: {known}"
    with pytest.raises(LookupFailed) as caught:
        union.resolve_group(",")
    assert str(caught.value) == "no member in ','; name a group or member codes"
    assert union.resolve_group(",JP,,us") == ["JP", "US"]
    with pytest.raises(LookupFailed) as caught:
        compare(union, "JP", ["US"], D(2022, 1, 1), families=["nope"])
    assert str(caught.value) == (
        "unknown family 'nope'; known families: financial, trade, energy, transport, "
        "diplomatic, individuals"
    )
    with pytest.raises(CompareError) as error:
        compare(union, "JP", ["US"], D(2022, 1, 1), categories=["sberbank"], families=["transport"])
    assert str(error.value) == (
        "no category is left: the categories named are not in the families named; name "
        "categories of those families, or fewer filters"
    )
    with pytest.raises(CompareError) as error:
        compare(union, "JP", ["JP"], D(2022, 1, 1))
    assert str(error.value) == "no peers to compare JP with: name at least one other member"
    with pytest.raises(CompareError) as error:
        gaps(union, ["JP"], D(2022, 1, 1))
    assert str(error.value) == "JP alone is not a group: name a group or at least two members"


def test_data_context_in_words() -> None:
    assert DataContext("0.1.0", "", "").line() == (
        "sanctions-gap 0.1.0, dataset ?, data reviewed ?"
    )
    assert DataContext("0.1.0", "abc", "2026-11-27").line() == (
        "sanctions-gap 0.1.0, dataset abc, data reviewed 2026-11-27"
    )


def test_inherited_levels_follow_the_date_basis(tmp_path: Path) -> None:
    ds = build(
        tmp_path,
        member("EU", rec("central_bank", "full", "2022-06-01", announced="2022-03-01")),
        member("DE", inherits=["EU"]),
    )
    on = D(2022, 4, 1)
    assert ds.level("DE", "central_bank", on).status == "unknown"
    inherited = ds.level("DE", "central_bank", on, ANNOUNCED)
    assert (inherited.status, inherited.via) == ("full", "EU")


def test_members_tied_on_everything_share_the_first_rank(tmp_path: Path) -> None:
    ds = build(
        tmp_path,
        member("AA"),
        member("BB"),
        member("CC", rec("central_bank", "full", "2022-01-01")),
    )
    ranked = gaps(ds, ["AA", "BB"], D(2022, 6, 1))
    assert [(e.member, e.rank) for e in ranked.entries] == [("AA", 1), ("BB", 1)]
    three = gaps(ds, "ALL", D(2022, 6, 1))
    # No gap anywhere (AA and BB are unknown, never behind); CC has the only index (100):
    # ranked by the lowest index first, those without one last, tied with each other.
    assert [(e.member, e.rank, len(e.items)) for e in three.entries] == [
        ("CC", 1, 0),
        ("AA", 2, 0),
        ("BB", 2, 0),
    ]


def test_timeline_samples_month_starts_by_default(union: Dataset) -> None:
    report = timeline(union, "JP", ["EU"], start=D(2022, 1, 1), end=D(2022, 2, 1))
    assert report.freq == "MS" and report.to_dict()["freq"] == "MS"
    assert [p.date for p in report.points] == [D(2022, 1, 1), D(2022, 2, 1)]


def test_every_report_says_what_it_rests_on_or_none(union: Dataset) -> None:
    import dataclasses

    on = D(2022, 3, 5)
    for report in (
        compare(union, "JP", ["EU"], on),
        matrix(union, "ALL", on),
        indexes(union, "ALL", on),
        timeline(union, "JP", ["EU"], start=on, end=on),
    ):
        assert report.to_dict()["context"] == union.context().to_dict()
        assert dataclasses.replace(report, context=None).to_dict()["context"] is None
