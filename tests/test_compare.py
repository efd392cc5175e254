"""The gap engine: thresholds, shares, dates, latency, unknowns, indexes, and invariants."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanctions_gap.dataset import Dataset, DateBasis
from sanctions_gap.engine import (
    CompareError,
    CompareReport,
    compare,
    diff,
    gaps,
    index,
    matrix,
    show,
    timeline,
)
from sanctions_gap.errors import LookupFailed
from sanctions_gap.validate import load_dataset

from .conftest import DATA
from .engine_fixtures import CATEGORIES, build, day, member, rec, write

AS_OF = dt.date(2022, 5, 1)


def row(report: CompareReport, category: str) -> Any:
    return next(r for r in report.rows if r.category == category)


@pytest.fixture
def central(tmp_path: Path) -> Dataset:
    """JP at none in central_bank; A full, B partial, C none, D unknown, E not applicable."""
    return build(
        tmp_path,
        member("JP", rec("central_bank", "none")),
        member("AA", rec("central_bank", "full", "2022-03-01")),
        member("BB", rec("central_bank", "partial", "2022-02-20")),
        member("CC", rec("central_bank", "none")),
        member("DD"),
        member("EE", rec("central_bank", "not_applicable")),
    )


def test_peers_ahead_share_and_first_peer_date(central: Dataset) -> None:
    report = compare(central, "JP", ["AA", "BB", "CC", "DD", "EE"], AS_OF)
    cb = row(report, "central_bank")
    assert cb.member_status == "none" and cb.member_level == 0.0
    assert cb.peers_ahead == ("AA", "BB")
    # Unknown (DD) and not applicable (EE) peers are not applicable peers: 2 of 3.
    assert cb.peers_applicable == 3
    assert cb.share_ahead == pytest.approx(2 / 3)
    assert cb.gap is True
    assert cb.first_peer_date == dt.date(2022, 2, 20)
    assert cb.days_open == (AS_OF - dt.date(2022, 2, 20)).days
    assert cb.peer_status == {
        "AA": "full",
        "BB": "partial",
        "CC": "none",
        "DD": "unknown",
        "EE": "not_applicable",
    }
    assert cb.peer_level == {"AA": 1.0, "BB": 0.5, "CC": 0.0, "DD": None, "EE": None}
    assert cb.peers_unknown == ("DD",)
    assert cb.member_source is not None and cb.member_source.path == "members/jp.yaml"


def test_thresholds(central: Dataset) -> None:
    peers = ["AA", "BB", "CC", "DD", "EE"]
    assert row(compare(central, "JP", peers, AS_OF, min_peers=2), "central_bank").gap
    assert not row(compare(central, "JP", peers, AS_OF, min_peers=3), "central_bank").gap
    assert row(compare(central, "JP", peers, AS_OF, min_share=0.66), "central_bank").gap
    assert not row(compare(central, "JP", peers, AS_OF, min_share=0.67), "central_bank").gap
    with pytest.raises(CompareError):
        compare(central, "JP", peers, AS_OF, min_peers=0)
    with pytest.raises(CompareError):
        compare(central, "JP", peers, AS_OF, min_share=1.5)


def test_unknown_peers_are_never_counted_as_none(central: Dataset) -> None:
    # Against the unknown and the not-applicable peer only, nobody is ahead and no share is
    # made up: 0 ahead of 0 applicable.
    cb = row(compare(central, "JP", ["DD", "EE"], AS_OF), "central_bank")
    assert cb.peers_ahead == () and cb.peers_applicable == 0 and cb.gap is False
    # And an unknown member is not a member at none: no gap is computed, whoever is ahead.
    cb = row(compare(central, "DD", ["AA", "BB"], AS_OF), "central_bank")
    assert cb.member_status == "unknown" and cb.member_level is None
    assert cb.gap is False and cb.share_ahead is None and cb.note == "member status unknown"
    cb = row(compare(central, "EE", ["AA"], AS_OF), "central_bank")
    assert cb.gap is False and cb.note == "not applicable to the member"


def test_summary_counts_unknown_cells(central: Dataset) -> None:
    report = compare(central, "JP", ["AA", "BB", "CC", "DD", "EE"], AS_OF)
    # 4 categories: JP is unknown in 3; of the peers, DD in 4, the others in 3 each.
    assert report.summary()["unknown"] == 3 + 4 + 3 * 4
    assert report.summary()["categories"] == 4
    assert report.summary()["gaps"] == 1


def test_member_is_dropped_from_its_peers(central: Dataset) -> None:
    report = compare(central, "jp", ["JP", "AA"], AS_OF)
    assert report.member == "JP" and report.peers == ("AA",)


def test_first_peer_date_is_start_of_current_spell_above_the_member(tmp_path: Path) -> None:
    ds = build(
        tmp_path,
        member(
            "JP",
            rec("central_bank", "none"),
            rec("central_bank", "partial", "2022-03-05"),
        ),
        member(
            "AA",
            rec("central_bank", "partial", "2022-01-01"),
            rec("central_bank", "full", "2022-03-01"),
        ),
        member(
            "BB",
            rec("central_bank", "full", "2014-01-01"),
            rec("central_bank", "none", "2015-01-01"),  # lifted, then back
            rec("central_bank", "full", "2022-04-01"),
        ),
    )
    cb = row(compare(ds, "JP", ["AA", "BB"], AS_OF), "central_bank")
    assert cb.member_status == "partial" and cb.member_date == dt.date(2022, 3, 5)
    assert cb.peers_ahead == ("AA", "BB")
    # AA has been above partial since 1 March (its partial of January was not above it);
    # BB's spell above it began again on 1 April.
    assert cb.first_peer_date == dt.date(2022, 3, 1)
    assert cb.days_open == 61
    on = dt.date(2022, 3, 20)
    cb = row(compare(ds, "JP", ["BB"], on), "central_bank")
    assert cb.peers_ahead == () and cb.first_peer_date is None and cb.days_open is None


def test_latency_behind_first_and_median_peer(tmp_path: Path) -> None:
    ds = build(
        tmp_path,
        member("JP", rec("central_bank", "full", "2022-03-10")),
        member("AA", rec("central_bank", "full", "2022-03-01")),
        member("BB", rec("central_bank", "full", "2022-03-05")),
        member("CC", rec("central_bank", "full", "2022-04-01")),
        member("DD", rec("central_bank", "partial", "2022-01-01")),  # never reached full
    )
    cb = row(compare(ds, "JP", ["AA", "BB", "CC", "DD"], AS_OF), "central_bank")
    assert cb.gap is False and cb.peers_ahead == ()
    assert cb.lag_days_first == 9
    assert cb.lag_days_median == 5  # lags 9, 5 and -22
    # The member first: a negative lag.
    early = row(compare(ds, "CC", ["DD"], AS_OF), "central_bank")
    assert early.lag_days_first is None  # DD never reached full
    first = row(compare(ds, "AA", ["BB", "CC"], AS_OF), "central_bank")
    # Two peers: the median is the earlier of the two (BB, 4 days later), in whole days.
    assert first.lag_days_first == -4 and first.lag_days_median == -4
    # At none there is no adoption to measure.
    assert (
        row(compare(ds, "DD", ["AA"], dt.date(2021, 6, 1)), "central_bank").lag_days_first is None
    )


def test_inherited_levels_compare_with_via(tmp_path: Path) -> None:
    ds = build(
        tmp_path,
        member("EU", rec("airspace_ban", "full", "2022-02-28")),
        member("DE", inherits=["EU"]),
        member("JP", rec("airspace_ban", "none")),
    )
    report = compare(ds, "JP", ["DE"], AS_OF)
    air = row(report, "airspace_ban")
    assert air.peers_ahead == ("DE",) and air.peer_via == {"DE": "EU"}
    assert air.first_peer_date == dt.date(2022, 2, 28)
    de = row(compare(ds, "DE", ["JP"], AS_OF), "airspace_ban")
    assert de.member_via == "EU" and de.member_source is not None
    assert de.member_source.path == "members/eu.yaml"


def test_index_weighted_with_coverage(tmp_path: Path) -> None:
    ds = build(
        tmp_path,
        member(
            "JP",
            rec("central_bank", "partial", "2022-01-01"),
            rec("airspace_ban", "full", "2022-01-01"),
            rec("swift_exclusion", "not_applicable"),
        ),
        member("AA"),
    )
    result = index(ds, "JP", AS_OF)
    # (0.5 x 1 + 1.0 x 2) / 3; sberbank unknown, swift not applicable.
    assert result.value == pytest.approx(100 * 2.5 / 3)
    # Coverage counts the categories that can apply: 2 known of 3 (swift is not applicable).
    assert result.coverage == pytest.approx(2 / 3) and result.known == 2
    assert result.unknown == 1 and result.not_applicable == 1
    assert index(ds, "AA", AS_OF).value is None
    assert index(ds, "JP", AS_OF, categories=["central_bank"]).value == 50.0
    assert index(ds, "JP", AS_OF, families=["transport"]).value == 100.0
    report = compare(ds, "JP", ["AA"], AS_OF)
    assert report.summary()["index"] == pytest.approx(83.3333)
    assert report.summary()["peer_median_index"] is None


def test_filters_and_lookups(central: Dataset) -> None:
    report = compare(central, "JP", ["AA"], AS_OF, families=["transport"])
    assert [r.category for r in report.rows] == ["airspace_ban"]
    report = compare(central, "JP", ["AA"], AS_OF, categories=["sberbank", "central_bank"])
    assert [r.category for r in report.rows] == ["central_bank", "sberbank"]
    with pytest.raises(LookupFailed):
        compare(central, "XX", ["AA"], AS_OF)
    with pytest.raises(LookupFailed):
        compare(central, "JP", ["XX"], AS_OF)
    with pytest.raises(LookupFailed):
        compare(central, "JP", ["AA"], AS_OF, categories=["nope"])
    with pytest.raises(LookupFailed, match="family"):
        compare(central, "JP", ["AA"], AS_OF, families=["nope"])
    with pytest.raises(LookupFailed):
        gaps(central, "NOPE", AS_OF)


def test_to_dict_is_the_json_interface(central: Dataset) -> None:
    report = compare(central, "JP", "ALL", AS_OF)
    data = json.loads(json.dumps(report.to_dict(), allow_nan=False))
    assert data["schema_version"] == 1 and data["member"] == "JP"
    assert data["peers"] == ["AA", "BB", "CC", "DD", "EE"]
    assert data["as_of"] == "2022-05-01" and data["date_basis"] == "effective"
    cb = data["rows"][0]
    for key in (
        "category",
        "member_status",
        "member_level",
        "peer_status",
        "peer_level",
        "peers_ahead",
        "gap",
        "share_ahead",
        "first_peer_date",
        "days_open",
    ):
        assert key in cb
    assert cb["share_ahead"] == 0.6667 and cb["first_peer_date"] == "2022-02-20"
    assert cb["member_source"] == {"path": "members/jp.yaml", "line": cb["member_source"]["line"]}
    assert {"categories", "gaps", "unknown", "index", "peer_median_index", "coverage"} <= set(
        data["summary"]
    )
    frame = report.to_frame()
    assert len(frame) == 4 and str(frame["first_peer_date"].dtype) == "datetime64[ns]"
    assert str(frame["days_open"].dtype) == "Int64" and str(frame["gap"].dtype) == "bool"


def test_gaps_ranks_members_against_the_rest(tmp_path: Path) -> None:
    ds = build(
        tmp_path,
        member(
            "AA",
            rec("central_bank", "full", "2022-03-01"),
            rec("airspace_ban", "full", "2022-03-01"),
        ),
        member("BB", rec("central_bank", "none"), rec("airspace_ban", "full", "2022-03-02")),
        member("CC", rec("central_bank", "none"), rec("airspace_ban", "none")),
        member("DD", rec("central_bank", "partial", "2022-03-01"), rec("airspace_ban", "none")),
    )
    report = gaps(ds, "ALL", AS_OF)
    # CC and DD lag in both categories; CC has the lower index (0 against 16.7).
    assert [e.member for e in report.entries] == ["CC", "DD", "BB", "AA"]
    assert [len(e.items) for e in report.entries] == [2, 2, 1, 0]
    assert [e.rank for e in report.entries] == [1, 2, 3, 4]
    # Every entry agrees with compare against the rest of the group.
    for entry in report.entries:
        rest = [m for m in report.members if m != entry.member]
        expected = compare(ds, entry.member, rest, AS_OF)
        assert [i.category for i in entry.items] == [r.category for r in expected.gaps]
        for item, full in zip(entry.items, expected.gaps, strict=True):
            assert (item.peers_ahead, item.share_ahead, item.days_open) == (
                full.peers_ahead,
                full.share_ahead,
                full.days_open,
            )
    data = report.to_dict()
    assert json.loads(json.dumps(data, allow_nan=False)) == data  # JSON-ready as it is
    assert data["summary"] == {"members": 4, "gaps": 5}
    assert [(e["member"], e["gaps"]) for e in data["entries"]] == [
        ("CC", 2),
        ("DD", 2),
        ("BB", 1),
        ("AA", 0),
    ]
    assert len(report.to_frame()) == 2 + 2 + 1 + 1


def test_matrix_cells(central: Dataset) -> None:
    report = matrix(central, ["JP", "AA", "EE"], AS_OF)
    assert report.members == ("AA", "EE", "JP")
    assert report.cell("AA", "central_bank").status == "full"
    assert report.cell("EE", "central_bank").level is None
    assert len(report.to_frame()) == 3 * 4
    data = report.to_dict()
    assert data["rows"][0]["status"]["central_bank"] == "full"


def test_timeline_agrees_with_compare_on_each_date(tmp_path: Path) -> None:
    ds = build(
        tmp_path,
        member(
            "EU",
            rec("central_bank", "full", "2022-02-28"),
            rec("airspace_ban", "full", "2022-02-28"),
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
            rec("central_bank", "partial", "2022-01-15"),
            rec("airspace_ban", "full", "2022-03-02"),
        ),
    )
    report = timeline(
        ds, "JP", ["EU", "DE", "US"], start=dt.date(2022, 1, 1), end=dt.date(2022, 5, 1)
    )
    assert [p.date for p in report.points] == [dt.date(2022, m, 1) for m in range(1, 6)]
    for point in report.points:
        at = compare(ds, "JP", ["EU", "DE", "US"], point.date)
        assert point.gaps == len(at.gaps)
        assert point.index == at.index.value
        assert point.peer_median_index == at.peer_median_index
    events = [(e.date, e.category, e.change) for e in report.events]
    # Events carry the day they happened, not the first month start after it.
    assert events == [
        (dt.date(2022, 1, 15), "central_bank", "opened"),
        (dt.date(2022, 2, 28), "airspace_ban", "opened"),
        (dt.date(2022, 3, 10), "central_bank", "closed"),
    ]
    assert report.open_at_start == ()
    lag = next(r for r in report.latency if r.category == "central_bank")
    assert lag.lag_days_first == (dt.date(2022, 3, 10) - dt.date(2022, 2, 28)).days
    data = report.to_dict()
    assert json.loads(json.dumps(data, allow_nan=False)) == data  # JSON-ready as it is
    assert data["events"] == [
        {"date": "2022-01-15", "category": "central_bank", "change": "opened"},
        {"date": "2022-02-28", "category": "airspace_ban", "change": "opened"},
        {"date": "2022-03-10", "category": "central_bank", "change": "closed"},
    ]
    assert data["latency"] == [
        {
            "category": "central_bank",
            "member_status": "full",
            "lag_days_first": 10,
            "lag_days_median": 10,
        }
    ]
    assert len(report.to_frame()) == 5


def test_diff_opened_closed_still_open(tmp_path: Path) -> None:
    ds = build(
        tmp_path,
        member(
            "JP",
            rec("central_bank", "none"),
            rec("central_bank", "full", "2022-03-10"),
            rec("airspace_ban", "none"),
            rec("sberbank", "none"),
        ),
        member(
            "US",
            rec("central_bank", "full", "2022-02-28"),
            rec("airspace_ban", "full", "2022-03-02"),
            rec("sberbank", "full_blocking", "2022-01-01"),
        ),
    )
    report = diff(ds, "JP", ["US"], dt.date(2022, 3, 1), dt.date(2022, 4, 1))
    assert [i.category for i in report.of("opened")] == ["airspace_ban"]
    assert [i.category for i in report.of("closed")] == ["central_bank"]
    assert [i.category for i in report.of("still_open")] == ["sberbank"]
    data = report.to_dict()
    assert data["summary"] == {
        "gaps_from": 2,
        "gaps_to": 2,
        "opened": 1,
        "closed": 1,
        "still_open": 1,
    }
    assert len(report.to_frame()) == 3


def test_show_lists_own_and_inherited_records(tmp_path: Path) -> None:
    ds = build(
        tmp_path,
        member(
            "EU",
            rec(
                "airspace_ban",
                "full",
                "2022-02-28",
                exemptions=[{"scope": "Emergency landings", "until": dt.date(2022, 12, 31)}],
            ),
        ),
        member(
            "FR",
            rec("airspace_ban", "none"),
            rec("airspace_ban", "full", "2022-02-27"),
            inherits=["EU"],
        ),
    )
    report = show(ds, "fr", "airspace_ban")
    assert [(r.record.member, r.via, r.record.measure.effective) for r in report.records] == [
        ("FR", None, None),
        ("FR", None, dt.date(2022, 2, 27)),
        ("EU", "EU", dt.date(2022, 2, 28)),
    ]
    frame = report.to_frame()
    assert frame.loc[2, "exemptions"] == "Emergency landings (until 2022-12-31)"
    assert report.to_dict()["records"][2]["path"] == "members/eu.yaml"
    assert len(show(ds, "FR").records) == 3
    with pytest.raises(LookupFailed):
        show(ds, "FR", "nope")


def test_bundled_japan_in_march_2022() -> None:
    ds = load_dataset(DATA)
    report = compare(ds, "JP", "G7", dt.date(2022, 3, 21))
    assert report.peers == ("CA", "DE", "FR", "GB", "IT", "US")
    air = row(report, "airspace_ban")
    assert air.gap and air.share_ahead == 1.0 and air.member_status == "none"
    assert not row(report, "central_bank").gap
    assert row(report, "swift_exclusion").note == "not applicable to the member"


# ---------------------------------------------------------------------- properties

STATUSES = {
    "central_bank": ["none", "partial", "full", "not_applicable", None],
    "airspace_ban": ["none", "full", "not_applicable", None],
}
"""None: no record (unknown)."""
PEERS = ("AA", "BB", "CC")
DATES = ["2022-01-10", "2022-02-01", "2022-03-01", "2022-04-01"]
ON = dt.date(2022, 5, 1)

cell = st.tuples(st.sampled_from(range(5)), st.sampled_from(DATES))
statuses = st.fixed_dictionaries({code: st.tuples(cell, cell) for code in ("JP", *PEERS)})


def _records(choice: tuple[tuple[int, str], tuple[int, str]]) -> list[dict[str, Any]]:
    records = []
    for category, (pick, date) in zip(STATUSES, choice, strict=True):
        options = STATUSES[category]
        chosen = options[pick % len(options)]
        if chosen is not None:
            records.append(rec(category, chosen, date))
    return records


def _dataset(root: Path, data: dict[str, Any]) -> Dataset:
    return build(root, *(member(code, *_records(choice)) for code, choice in data.items()))


def _gap_set(report: CompareReport) -> set[str]:
    return {r.category for r in report.gaps}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=statuses, category=st.sampled_from(list(STATUSES)), min_peers=st.integers(1, 3))
def test_raising_the_members_level_never_adds_a_gap(
    data: dict[str, Any], category: str, min_peers: int
) -> None:
    with tempfile.TemporaryDirectory() as before_dir, tempfile.TemporaryDirectory() as after_dir:
        before = compare(_dataset(Path(before_dir), data), "JP", PEERS, ON, min_peers=min_peers)
        current = row(before, category)
        if current.member_level is None:
            return  # unknown or not applicable: there is no level to raise
        levels = [s for s in STATUSES[category] if s not in (None, "not_applicable")]
        higher = levels[levels.index(current.member_status) + 1 :]
        if not higher:
            return
        records = _records(data["JP"])
        records.append(rec(category, higher[0], "2022-04-15"))
        after_ds = build(
            Path(after_dir),
            member("JP", *records),
            *(member(code, *_records(data[code])) for code in PEERS),
        )
        after = compare(after_ds, "JP", PEERS, ON, min_peers=min_peers)
        assert _gap_set(after) <= _gap_set(before)


def _comparable(report: CompareReport) -> dict[str, Any]:
    data = report.to_dict()
    for r in data["rows"]:
        r.pop("member_source")  # line numbers move when records move
    data.pop("context")  # the dataset's version is that of its files' bytes
    return data


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=statuses, seed=st.integers(0, 2**16))
def test_reordering_records_or_files_changes_nothing(data: dict[str, Any], seed: int) -> None:
    shuffler = random.Random(seed)  # noqa: S311  # shuffles test data; no security role
    files = {}
    for code, choice in data.items():
        records = _records(choice)
        # An earlier record in each category, so that order within a category matters too.
        records += [rec(r["category"], "none", "2021-06-01") for r in list(records)]
        files[code] = records
    with tempfile.TemporaryDirectory() as first_dir, tempfile.TemporaryDirectory() as second_dir:
        reference = build(Path(first_dir), *(member(c, *r) for c, r in files.items()))
        shuffled_files = {code: shuffler.sample(r, len(r)) for code, r in files.items()}
        shuffled = build(Path(second_dir), *(member(c, *r) for c, r in shuffled_files.items()))
        # The order in which files are read: the records and members in another order.
        reordered = dataclasses.replace(
            shuffled,
            records=tuple(shuffler.sample(shuffled.records, len(shuffled.records))),
            members=dict(sorted(shuffled.members.items(), reverse=True)),
        )
        for basis in DateBasis:
            expected = _comparable(compare(reference, "JP", PEERS, ON, basis=basis))
            assert _comparable(compare(shuffled, "JP", PEERS, ON, basis=basis)) == expected
            assert _comparable(compare(reordered, "JP", PEERS, ON, basis=basis)) == expected
        ranked = {**gaps(reordered, "ALL", ON).to_dict(), "context": None}
        assert ranked == {**gaps(reference, "ALL", ON).to_dict(), "context": None}


def test_fixture_categories_are_valid(tmp_path: Path) -> None:
    # The helper itself: a dataset with every category and no member records validates.
    write(tmp_path, member("JP"))
    assert len(load_dataset(tmp_path).categories) == len(CATEGORIES)
    assert day("2022-01-01") == dt.date(2022, 1, 1)
