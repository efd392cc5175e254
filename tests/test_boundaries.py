"""Boundaries and thresholds of the gap rule, every question against ``compare`` (issue 13).

One small dataset, ``ladder``, whose every answer is worked out by hand below: a member at a
real ``none`` (a standing absence, then a lifting record back to ``none``), peers whose records
take effect on the dates asked about, peers that are unknown and not applicable, and lifts.
Each test names the one-line bug it exists to catch.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sanctions_gap.cli import app
from sanctions_gap.dataset import Dataset, DateBasis
from sanctions_gap.engine import (
    CompareReport,
    CompareRow,
    compare,
    diff,
    gaps,
    index,
    indexes,
    matrix,
    timeline,
)

from .engine_fixtures import LADDER_PEERS as PEERS
from .engine_fixtures import build, ladder_members, write

runner = CliRunner()
D = dt.date


@pytest.fixture(scope="module")
def ladder(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return build(tmp_path_factory.mktemp("ladder"), *ladder_members())


@pytest.fixture(scope="module")
def ladder_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(tmp_path_factory.mktemp("ladder-cli"), *ladder_members())


def row(report: CompareReport, category: str) -> CompareRow:
    return next(r for r in report.rows if r.category == category)


def cb(ds: Dataset, on: dt.date, peers: tuple[str, ...] = PEERS, **options: Any) -> CompareRow:
    return row(compare(ds, "JP", peers, on, **options), "central_bank")


# ---------------------------------------------------------------------- shares and thresholds


def test_share_is_of_the_applicable_peers_not_of_the_group(ladder: Dataset) -> None:
    # On 2022-04-30 only AA and CC have a known level (BB's record starts the next day, DD is
    # unknown, EE not applicable): 1 ahead of 2 applicable, not 1 of 5 peers.
    on = D(2022, 4, 30)
    central = cb(ladder, on)
    assert central.peers_ahead == ("AA",)
    assert central.peers_applicable == 2
    assert central.share_ahead == 0.5
    assert central.peers_unknown == ("BB", "DD")
    # Against AA and the unknown and not-applicable peers only: 1 of 1, never 1 of 3.
    alone = cb(ladder, on, ("AA", "DD", "EE"))
    assert (alone.share_ahead, alone.peers_applicable, alone.gap) == (1.0, 1, True)
    # The same in gaps, whose share is computed apart from compare's.
    report = gaps(ladder, ["JP", "AA", "DD", "EE"], on)
    jp = next(e for e in report.entries if e.member == "JP")
    [item] = [i for i in jp.items if i.category == "central_bank"]
    assert (item.peers_ahead, item.share_ahead) == (("AA",), 1.0)
    assert report.to_dict()["entries"][0]["categories"][0]["share_ahead"] == 1.0


def test_min_peers_one_and_two(ladder: Dataset) -> None:
    # 2022-04-30: one peer ahead (AA); 2022-05-01: two (AA, and BB on its effective day).
    assert cb(ladder, D(2022, 4, 30), min_peers=1).gap is True
    assert cb(ladder, D(2022, 4, 30), min_peers=2).gap is False
    assert cb(ladder, D(2022, 5, 1), min_peers=2).gap is True
    assert cb(ladder, D(2022, 5, 1), min_peers=3).gap is False


@pytest.mark.parametrize(
    ("min_share", "gap"),
    [
        (float(Fraction(2, 3)), True),  # exactly the share: 2 of 3 applicable peers ahead
        (math.nextafter(2 / 3, 0.0), True),  # just below
        (math.nextafter(2 / 3, 1.0), False),  # just above
        (0.66, True),
        (0.67, False),
        (0.0, True),
        (1.0, False),
    ],
)
def test_min_share_at_and_around_the_exact_share(
    ladder: Dataset, min_share: float, gap: bool
) -> None:
    central = cb(ladder, D(2022, 5, 1), min_share=min_share)
    assert central.share_ahead == 2 / 3
    assert central.gap is gap
    report = gaps(ladder, "ALL", D(2022, 5, 1), min_share=min_share)
    jp = next(e for e in report.entries if e.member == "JP")
    assert ("central_bank" in [i.category for i in jp.items]) is gap


def test_a_share_of_one_half_meets_a_bar_of_one_half_exactly(ladder: Dataset) -> None:
    assert cb(ladder, D(2022, 4, 30), min_share=0.5).gap is True
    assert cb(ladder, D(2022, 4, 30), min_share=math.nextafter(0.5, 1.0)).gap is False
    # min_share 1 is met by all applicable peers ahead (airspace on 2022-06-30: AA, BB, EE).
    air = row(compare(ladder, "JP", PEERS, D(2022, 6, 30), min_share=1.0), "airspace_ban")
    assert (air.share_ahead, air.gap) == (1.0, True)


# ---------------------------------------------------------------------- dates


def test_a_peer_whose_record_starts_on_the_date_is_ahead_since_that_day(ladder: Dataset) -> None:
    # BB's partial takes effect on 2022-05-01, the date asked about.
    central = cb(ladder, D(2022, 5, 1), ("BB", "CC", "DD", "EE"))
    assert central.peers_ahead == ("BB",)
    assert central.first_peer_date == D(2022, 5, 1)
    assert central.days_open == 0
    assert central.gap is True and central.share_ahead == 0.5
    data = central.to_dict()
    assert (data["first_peer_date"], data["days_open"]) == ("2022-05-01", 0)
    # The day before, BB is unknown: nobody is ahead, nothing is open.
    before = cb(ladder, D(2022, 4, 30), ("BB", "CC", "DD", "EE"))
    assert (before.peers_ahead, before.first_peer_date, before.days_open) == ((), None, None)
    assert before.peers_unknown == ("BB", "DD")
    # In gaps too: the item of that day carries the day and 0 days.
    report = gaps(ladder, ["JP", "BB", "CC"], D(2022, 5, 1))
    jp = next(e for e in report.entries if e.member == "JP")
    items = {i.category: (i.peers_ahead, i.first_peer_date, i.days_open) for i in jp.items}
    assert items == {
        "central_bank": (("BB",), D(2022, 5, 1), 0),
        "airspace_ban": (("BB",), D(2022, 3, 2), 60),
    }


def test_first_peer_date_is_the_earliest_ahead_peer(ladder: Dataset) -> None:
    central = cb(ladder, D(2022, 5, 1))
    assert central.peers_ahead == ("AA", "BB")
    assert central.first_peer_date == D(2022, 3, 1)
    assert central.days_open == 61
    # JP at partial from 2022-06-01: BB (partial) is no longer ahead, AA (full) still is.
    central = cb(ladder, D(2022, 6, 1))
    assert central.member_status == "partial" and central.member_date == D(2022, 6, 1)
    assert (central.peers_ahead, central.share_ahead) == (("AA",), 1 / 3)
    assert (central.first_peer_date, central.days_open) == (D(2022, 3, 1), 92)


def test_lifting_records_back_to_none(ladder: Dataset) -> None:
    # BB lifted its measure on 2022-08-01: a peer at none again, applicable but not ahead.
    central = cb(ladder, D(2022, 8, 1))
    assert central.peer_status["BB"] == "none" and central.peer_level["BB"] == 0.0
    assert central.peers_ahead == ("AA",) and central.peers_applicable == 3
    # JP lifted its own on 2022-09-01: at none again, behind AA only (BB and CC are at none).
    central = cb(ladder, D(2022, 9, 1))
    assert (central.member_status, central.member_level) == ("none", 0.0)
    assert central.member_date == D(2022, 9, 1)
    assert central.member_source is not None and central.member_source.member == "JP"
    assert (central.peers_ahead, central.share_ahead, central.gap) == (("AA",), 1 / 3, True)
    assert (central.first_peer_date, central.days_open) == (D(2022, 3, 1), 184)
    # EE lifted its airspace closure on 2022-07-01: ahead until the day before, not from then.
    assert row(compare(ladder, "JP", ["EE"], D(2022, 6, 30)), "airspace_ban").gap is True
    lifted = row(compare(ladder, "JP", ["EE"], D(2022, 7, 1)), "airspace_ban")
    assert (lifted.peers_ahead, lifted.peers_applicable, lifted.gap) == ((), 1, False)


def test_no_latency_for_a_member_at_none(ladder: Dataset) -> None:
    # A real none (a standing absence), peers that did act: there is no adoption to measure.
    standing = cb(ladder, D(2022, 5, 1))
    assert standing.member_status == "none" and standing.member_source is not None
    assert (standing.lag_days_first, standing.lag_days_median) == (None, None)
    # A none set by a dated record (the lifting of 2022-09-01): still no latency, although a
    # dated record put the member at none or above (partial, 2022-06-01) before.
    lifted = cb(ladder, D(2022, 9, 1))
    assert lifted.member_status == "none" and lifted.member_date == D(2022, 9, 1)
    assert (lifted.lag_days_first, lifted.lag_days_median) == (None, None)
    # At partial the latency is measured: AA reached partial (full) on 2022-03-01, BB on
    # 2022-05-01; JP on 2022-06-01: 92 days after the first, and after the median (the earlier
    # of the two middle ones).
    partial = cb(ladder, D(2022, 6, 1))
    assert (partial.lag_days_first, partial.lag_days_median) == (92, 92)
    # The timeline's latency table leaves the none row out, on the last date.
    report = timeline(ladder, "JP", PEERS, start=D(2022, 4, 1), end=D(2022, 9, 1))
    assert [r["category"] for r in report.to_dict()["latency"]] == []
    report = timeline(ladder, "JP", PEERS, start=D(2022, 4, 1), end=D(2022, 6, 1))
    assert report.to_dict()["latency"] == [
        {
            "category": "central_bank",
            "member_status": "partial",
            "lag_days_first": 92,
            "lag_days_median": 92,
        }
    ]


def test_announced_basis_moves_a_peer_ahead_from_its_announcement(ladder: Dataset) -> None:
    on = D(2022, 4, 25)  # BB announced on 2022-04-20, effective 2022-05-01
    effective = cb(ladder, on)
    announced = cb(ladder, on, basis=DateBasis.ANNOUNCED)
    assert effective.peer_status["BB"] == "unknown" and effective.peers_ahead == ("AA",)
    assert announced.peer_status["BB"] == "partial"
    assert announced.peers_ahead == ("AA", "BB") and announced.share_ahead == 2 / 3
    bb = row(compare(ladder, "BB", ["JP"], on, basis=DateBasis.ANNOUNCED), "central_bank")
    assert bb.member_date == D(2022, 4, 20)


# ---------------------------------------------------------------------- every question


DATES = [D(2022, 2, 27), D(2022, 4, 30), D(2022, 5, 1), D(2022, 6, 1), D(2022, 7, 1)]
DATES += [D(2022, 8, 1), D(2022, 9, 1)]
THRESHOLDS = [
    (min_peers, min_share)
    for min_peers in (1, 2)
    for min_share in (0.0, 1 / 3, 0.5, 2 / 3, math.nextafter(2 / 3, 1.0), 1.0)
]


def _gap_rows(report: CompareReport) -> dict[str, tuple[Any, ...]]:
    return {
        r.category: (r.peers_ahead, r.share_ahead, r.first_peer_date, r.days_open)
        for r in report.gaps
    }


@pytest.mark.parametrize(("min_peers", "min_share"), THRESHOLDS)
def test_gaps_agree_with_compare_for_every_member(
    ladder: Dataset, min_peers: int, min_share: float
) -> None:
    for on in DATES:
        report = gaps(ladder, "ALL", on, min_peers=min_peers, min_share=min_share)
        assert [e.member for e in sorted(report.entries, key=lambda e: e.member)] == [
            "AA",
            "BB",
            "CC",
            "DD",
            "EE",
            "JP",
        ]
        for entry in report.entries:
            rest = [m for m in report.members if m != entry.member]
            expected = compare(
                ladder, entry.member, rest, on, min_peers=min_peers, min_share=min_share
            )
            found = {
                i.category: (i.peers_ahead, i.share_ahead, i.first_peer_date, i.days_open)
                for i in entry.items
            }
            assert found == _gap_rows(expected), (on, entry.member)
            assert entry.index == expected.index.value
            assert entry.coverage == expected.index.coverage


@pytest.mark.parametrize(("min_peers", "min_share"), THRESHOLDS)
def test_timeline_and_diff_agree_with_compare_on_every_day(
    ladder: Dataset, min_peers: int, min_share: float
) -> None:
    options: dict[str, Any] = {"min_peers": min_peers, "min_share": min_share}
    start, end = D(2022, 2, 25), D(2022, 9, 3)
    report = timeline(ladder, "JP", PEERS, start=start, end=end, freq="D", **options)
    assert len(report.points) == (end - start).days + 1
    previous: set[str] | None = None
    events = []
    for point in report.points:
        at = compare(ladder, "JP", PEERS, point.date, **options)
        assert point.gaps == len(at.gaps), point.date
        assert point.index == at.index.value
        assert point.peer_median_index == at.peer_median_index
        now = set(_gap_rows(at))
        if previous is None:
            assert set(report.open_at_start) == now
        else:
            events += [(point.date, c, "opened") for c in sorted(now - previous)]
            events += [(point.date, c, "closed") for c in sorted(previous - now)]
        previous = now
    assert sorted((e.date, e.category, e.change) for e in report.events) == sorted(events)
    for before, after in itertools.pairwise(DATES):
        changes = diff(ladder, "JP", PEERS, before, after, **options)
        old = set(_gap_rows(compare(ladder, "JP", PEERS, before, **options)))
        new = set(_gap_rows(compare(ladder, "JP", PEERS, after, **options)))
        assert {i.category for i in changes.of("opened")} == new - old
        assert {i.category for i in changes.of("closed")} == old - new
        assert {i.category for i in changes.of("still_open")} == old & new


def test_timeline_events_with_min_peers_two_exactly(ladder: Dataset) -> None:
    report = timeline(ladder, "JP", PEERS, start=D(2022, 4, 1), end=D(2022, 10, 1), min_peers=2)
    # central_bank: two peers ahead only while BB is at partial and JP still at none.
    assert [(e.date, e.category, e.change) for e in report.events] == [
        (D(2022, 5, 1), "central_bank", "opened"),
        (D(2022, 6, 1), "central_bank", "closed"),
    ]
    assert report.open_at_start == ("airspace_ban",)
    assert [p.gaps for p in report.points] == [1, 2, 1, 1, 1, 1, 1]
    # With the default threshold, both gaps are open throughout and nothing changes.
    default = timeline(ladder, "JP", PEERS, start=D(2022, 4, 1), end=D(2022, 10, 1))
    assert default.events == ()
    assert default.open_at_start == ("central_bank", "airspace_ban")
    assert [p.gaps for p in default.points] == [2] * 7
    # min_peers 3: airspace has three peers ahead (AA, BB, EE) until EE lifts on 2022-07-01.
    three = timeline(ladder, "JP", PEERS, start=D(2022, 4, 1), end=D(2022, 10, 1), min_peers=3)
    assert [(e.date, e.category, e.change) for e in three.events] == [
        (D(2022, 7, 1), "airspace_ban", "closed")
    ]
    # min_share 1: the same close, for the share (2 of 3 from 2022-07-01); central_bank is
    # never a gap (1 of 2, then 2 of 3, then 1 of 3 applicable peers ahead).
    full = timeline(ladder, "JP", PEERS, start=D(2022, 4, 1), end=D(2022, 10, 1), min_share=1.0)
    assert [(e.date, e.category, e.change) for e in full.events] == [
        (D(2022, 7, 1), "airspace_ban", "closed")
    ]
    assert full.open_at_start == ("airspace_ban",)


def test_index_and_matrix_agree_with_compare(ladder: Dataset) -> None:
    for on in DATES:
        report = compare(ladder, "JP", PEERS, on)
        assert index(ladder, "JP", on) == report.index
        group = indexes(ladder, "ALL", on)
        assert {r.member: r for r in group.results} == {"JP": report.index, **report.peer_index}
        heat = matrix(ladder, "ALL", on)
        for r in report.rows:
            assert heat.cell("JP", r.category).status == r.member_status
            for peer in PEERS:
                assert heat.cell(peer, r.category).status == r.peer_status[peer]
                assert heat.cell(peer, r.category).level == r.peer_level[peer]
    # Worked out by hand on 2022-06-01: central partial (0.5, weight 1), airspace none (0,
    # weight 2), sberbank unknown, swift not applicable.
    result = index(ladder, "JP", D(2022, 6, 1))
    assert result.value == 100 * 0.5 / 3
    assert (result.known, result.unknown, result.not_applicable) == (2, 1, 1)
    assert result.coverage == 2 / 3


# ---------------------------------------------------------------------- through the CLI


def _json(args: list[str]) -> Any:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip()
    return json.loads(result.stdout)


def test_cli_timeline_with_min_peers_two(ladder_dir: Path) -> None:
    common = ["JP", "--vs", ",".join(PEERS), "--data", str(ladder_dir), "-f", "json"]
    dates = ["--from", "2022-04-01", "--as-of", "2022-10-01"]
    payload = _json(["timeline", *common, *dates, "--min-peers", "2"])
    assert payload["events"] == [
        {"date": "2022-05-01", "category": "central_bank", "change": "opened"},
        {"date": "2022-06-01", "category": "central_bank", "change": "closed"},
    ]
    assert payload["open_at_start"] == ["airspace_ban"]
    assert [p["gaps"] for p in payload["points"]] == [1, 2, 1, 1, 1, 1, 1]
    default = _json(["timeline", *common, *dates])
    assert default["events"] == [] and [p["gaps"] for p in default["points"]] == [2] * 7


def test_cli_date_basis_announced(ladder_dir: Path) -> None:
    common = ["JP", "--vs", ",".join(PEERS), "--data", str(ladder_dir), "-f", "json"]
    effective = _json(["compare", *common, "--as-of", "2022-04-25"])
    announced = _json(["compare", *common, "--as-of", "2022-04-25", "--date-basis", "announced"])
    assert (effective["date_basis"], announced["date_basis"]) == ("effective", "announced")
    central = {p["date_basis"]: p["rows"][0] for p in (effective, announced)}
    assert central["effective"]["peers_ahead"] == ["AA"]
    assert central["effective"]["peer_status"]["BB"] == "unknown"
    assert central["announced"]["peers_ahead"] == ["AA", "BB"]
    assert central["announced"]["share_ahead"] == 0.6667
    assert central["announced"]["peer_status"]["BB"] == "partial"
    bb_args = ["BB", "--vs", "JP", "--data", str(ladder_dir), "-f", "json", "-c", "central_bank"]
    bb = _json(["compare", *bb_args, "--as-of", "2022-04-25", "--date-basis", "announced"])
    assert bb["rows"][0]["member_date"] == "2022-04-20"
    # gaps, timeline and diff take the basis too.
    group = ["--group", "ALL", "--data", str(ladder_dir), "-f", "json", "--as-of", "2022-04-25"]
    assert _json(["gaps", *group, "--date-basis", "announced"])["date_basis"] == "announced"
    dates = ["--from", "2022-04-19", "--to", "2022-04-20", "--min-peers", "2"]
    changes = _json(["diff", *common, *dates, "--date-basis", "announced"])
    assert [i["category"] for i in changes["opened"]] == ["central_bank"]
    unchanged = _json(["diff", *common, *dates])
    assert unchanged["opened"] == []


def test_cli_min_share_exactly_the_share(ladder_dir: Path) -> None:
    common = ["compare", "JP", "--vs", ",".join(PEERS), "--data", str(ladder_dir), "-f", "json"]
    common += ["--as-of", "2022-04-30", "-c", "central_bank"]
    assert _json([*common, "--min-share", "0.5"])["rows"][0]["gap"] is True
    assert _json([*common, "--min-share", "0.5000001"])["rows"][0]["gap"] is False
