"""Every report's ``to_frame()``: its columns, their dtypes, and each cell equal to the report's
own values (issue 13: the tidy tables were checked for their length only)."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from sanctions_gap.dataset import Dataset, DateBasis
from sanctions_gap.engine import compare, diff, gaps, index, indexes, matrix, show, timeline
from sanctions_gap.frame import level_panel, records_frame
from sanctions_gap.panel import LevelGrid, days_of

from .engine_fixtures import LADDER_PEERS as PEERS
from .engine_fixtures import build, ladder_members, member, rec

D = dt.date


@pytest.fixture(scope="module")
def ladder(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return build(tmp_path_factory.mktemp("tables"), *ladder_members())


def plain(value: Any) -> Any:
    """A cell as plain Python: None for any missing value, dates as dates."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, np.generic):
        return value.item()
    return value


def cells(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): plain(v) for k, v in row.items()} for row in frame.to_dict("records")]


class Ordered(dict[str, str]):
    """A mapping that equals another only with the same items in the same order."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, dict) and list(self.items()) == list(other.items())

    __hash__ = None  # mutable, like dict


def dtypes(frame: pd.DataFrame) -> Ordered:
    """The columns in order, each with its dtype."""
    return Ordered((str(column), str(dtype)) for column, dtype in frame.dtypes.items())


def test_compare_frame(ladder: Dataset) -> None:
    report = compare(ladder, "JP", PEERS, D(2022, 5, 1))
    frame = report.to_frame()
    assert dtypes(frame) == {
        "category": "string",
        "label": "string",
        "family": "string",
        "member_status": "string",
        "member_level": "float64",
        "member_via": "string",
        "member_date": "datetime64[ns]",
        "path": "string",
        "line": "Int64",
        "peers_ahead": "string",
        "peers_unknown": "string",
        "peers_applicable": "int64",
        "gap": "bool",
        "share_ahead": "float64",
        "first_peer_date": "datetime64[ns]",
        "days_open": "Int64",
        "lag_days_first": "Int64",
        "lag_days_median": "Int64",
        "note": "string",
        "member_scheduled": "bool",
        "peers_scheduled": "string",
    }
    expected = []
    for row in report.rows:
        source = row.member_source
        expected.append(
            {
                "category": row.category,
                "label": row.label,
                "family": row.family,
                "member_status": row.member_status,
                "member_level": row.member_level,
                "member_via": row.member_via,
                "member_date": row.member_date,
                "path": source.path if source else None,
                "line": source.line if source else None,
                "peers_ahead": ",".join(row.peers_ahead),
                "peers_unknown": ",".join(row.peers_unknown),
                "peers_applicable": row.peers_applicable,
                "gap": row.gap,
                "share_ahead": None if row.share_ahead is None else round(row.share_ahead, 4),
                "first_peer_date": row.first_peer_date,
                "days_open": row.days_open,
                "lag_days_first": row.lag_days_first,
                "lag_days_median": row.lag_days_median,
                "note": row.note,
                "member_scheduled": row.member_scheduled,
                "peers_scheduled": ",".join(row.peers_scheduled),
            }
        )
    assert cells(frame) == expected
    # The values that the rows above carry, worked out by hand (see test_boundaries).
    central = cells(frame)[0]
    assert (central["peers_ahead"], central["peers_unknown"]) == ("AA,BB", "DD")
    assert (central["path"], central["first_peer_date"]) == ("members/jp.yaml", D(2022, 3, 1))
    assert central["line"] == report.rows[0].member_source.line  # type: ignore[union-attr]


def test_gaps_frame(ladder: Dataset) -> None:
    report = gaps(ladder, "ALL", D(2022, 5, 1))
    frame = report.to_frame()
    assert list(frame.columns) == [
        "rank",
        "member",
        "gaps",
        "index",
        "coverage",
        "category",
        "member_status",
        "member_level",
        "peers_ahead",
        "share_ahead",
        "first_peer_date",
        "days_open",
    ]
    assert dtypes(frame)["first_peer_date"] == "datetime64[ns]"
    assert dtypes(frame)["days_open"] == "Int64" and dtypes(frame)["rank"] == "int64"
    expected = []
    for entry in report.entries:
        head = {
            "rank": entry.rank,
            "member": entry.member,
            "gaps": len(entry.items),
            "index": entry.index,
            "coverage": entry.coverage,
        }
        if not entry.items:
            none = dict.fromkeys(list(frame.columns)[5:])
            expected.append({**head, **none})
        expected.extend(
            {
                **head,
                "category": item.category,
                "member_status": item.member_status,
                "member_level": item.member_level,
                "peers_ahead": ",".join(item.peers_ahead),
                "share_ahead": round(item.share_ahead, 4),
                "first_peer_date": item.first_peer_date,
                "days_open": item.days_open,
            }
            for item in entry.items
        )
    assert cells(frame) == expected
    jp = [c for c in cells(frame) if c["member"] == "JP"]
    assert [(c["category"], c["peers_ahead"]) for c in jp] == [
        ("central_bank", "AA,BB"),
        ("airspace_ban", "AA,BB,EE"),
    ]


def test_diff_frame(ladder: Dataset) -> None:
    report = diff(ladder, "JP", PEERS, D(2022, 4, 30), D(2022, 6, 1), min_peers=2)
    frame = report.to_frame()
    assert dtypes(frame) == {
        "category": "string",
        "change": "string",
        "member_status_from": "string",
        "member_status_to": "string",
        "peers_ahead_from": "string",
        "peers_ahead_to": "string",
        "first_peer_date": "datetime64[ns]",
        "days_open": "Int64",
    }
    # central_bank: one peer ahead before (no gap at 2), one after (JP at partial); airspace:
    # three peers ahead on both dates.
    assert cells(frame) == [
        {
            "category": "airspace_ban",
            "change": "still_open",
            "member_status_from": "none",
            "member_status_to": "none",
            "peers_ahead_from": "AA,BB,EE",
            "peers_ahead_to": "AA,BB,EE",
            "first_peer_date": D(2022, 2, 28),
            "days_open": 93,
        }
    ]
    opened = diff(ladder, "JP", PEERS, D(2022, 4, 30), D(2022, 5, 1), min_peers=2).to_frame()
    assert cells(opened)[0]["change"] == "opened"
    assert cells(opened)[0]["peers_ahead_from"] == "AA"
    assert cells(opened)[0]["peers_ahead_to"] == "AA,BB"


def test_timeline_index_and_matrix_frames(ladder: Dataset) -> None:
    report = timeline(ladder, "JP", PEERS, start=D(2022, 4, 1), end=D(2022, 6, 1))
    frame = report.to_frame()
    assert dtypes(frame) == {
        "date": "datetime64[ns]",
        "index": "float64",
        "peer_median_index": "float64",
        "gaps": "int64",
    }
    assert cells(frame) == [
        {"date": p.date, "index": p.index, "peer_median_index": p.peer_median_index, "gaps": p.gaps}
        for p in report.points
    ]
    result = index(ladder, "JP", D(2022, 6, 1))
    assert cells(result.to_frame()) == [
        {
            "member": "JP",
            "as_of": D(2022, 6, 1),
            "date_basis": "effective",
            "index": round(100 * 0.5 / 3, 4),
            "coverage": round(2 / 3, 4),
            "categories": 4,
            "known": 2,
            "not_applicable": 1,
            "unknown": 1,
        }
    ]
    group = indexes(ladder, "ALL", D(2022, 6, 1))
    frame = group.to_frame()
    assert list(frame.columns) == [
        "member",
        "index",
        "coverage",
        "categories",
        "known",
        "not_applicable",
        "unknown",
    ]
    assert list(frame["member"]) == [r.member for r in group.results]
    assert dtypes(frame)["known"] == "int64"
    heat = matrix(ladder, ["JP", "EE"], D(2022, 6, 1))
    assert dtypes(heat.to_frame()) == {
        "member": "string",
        "category": "string",
        "status": "string",
        "level": "float64",
        "via": "string",
    }
    assert cells(heat.to_frame())[:5] == [
        {"member": "EE", "category": c, "status": s, "level": v, "via": None}
        for c, s, v in (
            ("central_bank", "not_applicable", None),
            ("sberbank", "unknown", None),
            ("swift_exclusion", "unknown", None),
            ("airspace_ban", "full", 1.0),
        )
    ] + [
        {"member": "JP", "category": "central_bank", "status": "partial", "level": 0.5, "via": None}
    ]


def test_show_frame(tmp_path: Path) -> None:
    ds = build(
        tmp_path,
        member(
            "EU",
            rec(
                "airspace_ban",
                "full",
                "2022-02-28",
                exemptions=[
                    {"scope": "Emergency landings", "until": D(2022, 12, 31)},
                    {"scope": "Humanitarian flights"},
                ],
            ),
        ),
        member("FR", rec("airspace_ban", "none"), inherits=["EU"]),
    )
    frame = show(ds, "FR").to_frame()
    assert list(frame.columns) == [
        "member",
        "via",
        "category",
        "status",
        "effective",
        "announced",
        "confirmed",
        "instrument",
        "summary",
        "exemptions",
        "notes",
        "path",
        "line",
        "sources",
        "urls",
    ]
    assert dtypes(frame)["effective"] == "datetime64[ns]" and dtypes(frame)["line"] == "int64"
    rows = cells(frame)
    assert [(r["member"], r["via"], r["status"]) for r in rows] == [
        ("FR", None, "none"),
        ("EU", "EU", "full"),
    ]
    assert rows[0]["exemptions"] == "" and rows[0]["confirmed"] == D(2026, 11, 27)
    assert rows[1]["exemptions"] == "Emergency landings (until 2022-12-31) | Humanitarian flights"
    assert rows[1]["sources"] == "Act on airspace_ban | A page"
    assert rows[1]["urls"] == "https://example.org/page"
    assert (rows[1]["path"], rows[1]["effective"]) == ("members/eu.yaml", D(2022, 2, 28))


def test_records_frame_values(ladder: Dataset) -> None:
    frame = records_frame(ladder)
    jp = [r for r in cells(frame) if r["member"] == "JP"]
    assert [(r["category"], r["status"], r["level"], r["effective"]) for r in jp] == [
        ("central_bank", "none", 0.0, None),
        ("central_bank", "partial", 0.5, D(2022, 6, 1)),
        ("central_bank", "none", 0.0, D(2022, 9, 1)),
        ("swift_exclusion", "not_applicable", None, None),
        ("airspace_ban", "none", 0.0, None),
    ]
    assert {r["urls"] for r in jp} == {"https://example.org/page"}
    assert [r["sources"] for r in jp] == [f"Act on {r['category']} | A page" for r in jp]


def test_level_grid_shape_and_cells(ladder: Dataset) -> None:
    dates = pd.to_datetime(["2022-04-30", "2022-05-01", "2022-09-01"]).to_numpy()
    days = days_of(dates)
    assert days.dtype == np.int64
    assert list(days) == [
        D(2022, 4, 30).toordinal(),
        D(2022, 5, 1).toordinal(),
        D(2022, 9, 1).toordinal(),
    ]
    grid = LevelGrid.build(
        ladder, ["BB", "JP"], ["central_bank", "airspace_ban"], days, DateBasis.EFFECTIVE
    )
    assert grid.status.shape == grid.level.shape == grid.via.shape == (2, 2, 3)
    assert grid.level.dtype == np.float64
    assert grid.status.tolist() == [
        [["unknown", "partial", "none"], ["full", "full", "full"]],
        [["none", "none", "none"], ["none", "none", "none"]],
    ]
    assert np.isnan(grid.level[0, 0, 0]) and grid.level[0, 0, 1] == 0.5


def test_level_panel_without_any_record(tmp_path: Path) -> None:
    # No record at all: every cell unknown (the empty index of steps is handled).
    ds = build(tmp_path, member("JP"), member("AA"))
    panel = level_panel(ds, start=D(2022, 1, 1), end=D(2022, 1, 2))
    assert len(panel) == 2 * 4 * 2
    assert set(panel["status"]) == {"unknown"} and panel["level"].isna().all()
    assert panel["via"].isna().all()
    assert str(panel["member"].dtype) == "string"


def test_lists_of_two_are_joined(tmp_path: Path) -> None:
    # Two peers with measures adopted for later, two web sources: each list is joined whole.
    record = rec("central_bank", "full", "2022-03-01")
    record["sources"].append({"url": "https://example.org/second", "title": "Second page"})
    ds = build(
        tmp_path,
        member("JP", rec("central_bank", "none"), record),
        member("AA", rec("central_bank", "full", "2027-01-01", announced="2026-06-01")),
        member("BB", rec("central_bank", "full", "2027-01-01", announced="2026-06-01")),
    )
    report = compare(ds, "JP", ["AA", "BB"], D(2027, 2, 1))
    assert report.rows[0].peers_scheduled == ("AA", "BB")
    assert cells(report.to_frame())[0]["peers_scheduled"] == "AA,BB"
    urls = "https://example.org/page | https://example.org/second"
    assert cells(show(ds, "JP", "central_bank").to_frame())[1]["urls"] == urls
    frame = records_frame(ds)
    assert cells(frame[frame["member"] == "JP"])[1]["urls"] == urls
