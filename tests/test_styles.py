"""The terminal's colours and styles: what each view marks, and how the table shows it (issue 13).

The golden files are rendered without colour, so they cannot see a gap that is no longer red;
these tests check the styles the views give their cells and the ANSI codes the table prints.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from sanctions_gap.dataset import Dataset
from sanctions_gap.engine import compare, diff, gaps, indexes, matrix, timeline
from sanctions_gap.render import Cell, Column, Format, View, render
from sanctions_gap.render.views import (
    compare_view,
    coverage_view,
    diff_view,
    gaps_view,
    index_view,
    level_style,
    matrix_view,
    timeline_view,
)

from .engine_fixtures import LADDER_PEERS as PEERS
from .engine_fixtures import build, ladder_members

D = dt.date
BOLD, DIM, RED, GREEN = "\x1b[1m", "\x1b[2m", "\x1b[31m", "\x1b[32m"


@pytest.fixture(scope="module")
def ladder(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return build(tmp_path_factory.mktemp("styles"), *ladder_members())


def test_compare_marks_gaps_red_and_other_statuses_by_kind(ladder: Dataset) -> None:
    report = compare(ladder, "JP", PEERS, D(2022, 6, 1), min_peers=2)
    view = compare_view(report, ladder)
    styles = {row[0].text: row[1].style for row in view.rows}
    # airspace: a gap (3 ahead); central_bank: partial, one peer ahead (no gap at 2);
    # sberbank unknown; swift not applicable.
    assert styles == {
        "central_bank": "green",
        "sberbank": "dim italic",
        "swift_exclusion": "dim",
        "airspace_ban": "bold red",
    }


def test_gaps_diff_timeline_and_index_styles(ladder: Dataset) -> None:
    ranked = gaps_view(gaps(ladder, "ALL", D(2022, 5, 1)), ladder)
    assert {r[1].text: r[2].style for r in ranked.rows} == {
        "JP": "bold red",
        "AA": "green",
        "BB": "bold red",  # BB lags AA in central_bank
        "CC": "bold red",
        "DD": "green",
        "EE": "green",
    }
    changes = diff_view(
        diff(ladder, "JP", PEERS, D(2022, 4, 30), D(2022, 6, 1), min_peers=2), ladder
    )
    assert [(r[0].text, r[1].text, r[1].style) for r in changes.rows] == [
        ("airspace_ban", "still_open", None)
    ]
    opened = diff_view(
        diff(ladder, "JP", PEERS, D(2022, 4, 30), D(2022, 5, 1), min_peers=2), ladder
    )
    assert [(r[1].text, r[1].style) for r in opened.rows] == [
        ("opened", "bold red"),
        ("still_open", None),
    ]
    closed = diff_view(diff(ladder, "JP", PEERS, D(2022, 5, 1), D(2022, 6, 1), min_peers=2), ladder)
    assert next((r[1].text, r[1].style) for r in closed.rows) == ("closed", "green")
    report = timeline(ladder, "JP", PEERS, start=D(2022, 4, 1), end=D(2022, 10, 1), min_peers=2)
    points = timeline_view(report, "points")
    assert [r[3].style for r in points.rows] == ["bold red"] * 7
    events = timeline_view(report, "events")
    assert [(r[2].text, r[2].style) for r in events.rows] == [
        ("opened", "bold red"),
        ("closed", "green"),
    ]
    quiet = timeline(ladder, "JP", ["DD"], start=D(2022, 4, 1), end=D(2022, 4, 1))
    assert [r[3].style for r in timeline_view(quiet).rows] == ["green"]
    ranking = index_view(indexes(ladder, "ALL", D(2022, 6, 1)))
    # The unknown count is red where some category is unknown, plain where none is.
    unknown = {row[0].text: (row[6].text, row[6].style) for row in ranking.rows}
    assert unknown == {
        "AA": ("1", "bold red"),
        "BB": ("2", "bold red"),
        "CC": ("2", "bold red"),
        "DD": ("4", "bold red"),
        "EE": ("2", "bold red"),
        "JP": ("1", "bold red"),
    }
    full = index_view(indexes(ladder, "ALL", D(2022, 6, 1), categories=["central_bank"]))
    assert {row[0].text: row[6].style for row in full.rows} == {
        "AA": None,
        "BB": None,
        "CC": None,
        "DD": "bold red",
        "EE": None,
        "JP": None,
    }


def test_matrix_colours_follow_the_level() -> None:
    assert [level_style(v) for v in (None, 0.0, 1 / 3, 0.5, 0.99, 1.0)] == [
        "dim",
        "bold red",
        "yellow",
        "yellow",
        "yellow",
        "green",
    ]


def test_matrix_cells_carry_their_level_style(ladder: Dataset) -> None:
    view = matrix_view(matrix(ladder, ["JP", "AA"], D(2022, 6, 1)))
    styles = {(row[0].text, i): cell.style for row in view.rows for i, cell in enumerate(row)}
    assert {style for (category, _), style in styles.items() if category == "sberbank"} >= {"dim"}
    found = {cell.style for row in view.rows for cell in row if cell.style}
    assert {"dim", "green", "yellow", "bold red"} <= found


def _sgr(text: str) -> list[tuple[str, str]]:
    """Each run of text with the SGR codes in force before it."""
    return [(m.group(1), m.group(2)) for m in re.finditer(r"((?:\x1b\[[\d;]*m)+)([^\x1b]+)", text)]


def test_the_table_prints_the_styles_in_colour() -> None:
    view = View(
        title="Title",
        columns=(Column("a", "Head"), Column("b", "Num", numeric=True)),
        rows=(
            (Cell("gap", style="bold red"), Cell("1", 1)),
            (Cell("ok", style="green"), Cell("2", 2)),
        ),
        payload={},
    )
    out = render(view, Format.TABLE, width=80, color=True)
    runs = {text.strip(): codes for codes, text in _sgr(out) if text.strip()}
    assert runs["Title"] == "\x1b[1m"  # the title, bold
    assert "\x1b[1m" in runs["Head"] and "\x1b[1m" in runs["Num"]  # headers, bold
    assert runs["gap"] == "\x1b[1;31m"
    assert runs["ok"] == GREEN
    assert "\x1b[" not in render(view, Format.TABLE, width=80, color=False)


def test_cards_print_styles_rules_and_links_in_colour() -> None:
    view = View(
        title="Cards",
        columns=(
            Column("name", "Name"),
            Column("sources", "Sources", block=True),
        ),
        rows=(
            (Cell("first"), Cell("Some source\nhttps://example.org/a b\nhttps://example.org/x")),
        ),
        payload={},
        layout="cards",
    )
    out = render(view, Format.TABLE, width=60, color=True)
    runs = [(codes, text.strip()) for codes, text in _sgr(out) if text.strip()]
    assert (BOLD, "Cards") in runs
    assert (BOLD, "Name") in runs and (BOLD, "Sources") in runs
    assert any(codes == DIM and set(text) == {"─"} for codes, text in runs)  # the rule
    # A web address on its own line is a hyperlink; text with a space is not.
    lines = out.splitlines()
    linked = next(line for line in lines if "example.org/x" in line)
    assert "\x1b]8;id=" in linked and ";https://example.org/x\x1b\\" in linked
    spaced = next(line for line in lines if "example.org/a b" in line)
    assert "\x1b]8;" not in spaced
    plain = render(view, Format.TABLE, width=60, color=False)
    assert plain.splitlines()[-2:] == ["https://example.org/a b", "https://example.org/x"]
    assert "Some source" in plain and "first" in plain


def test_cards_keep_headings_whole_and_fold_long_values() -> None:
    view = View(
        title="C",
        columns=(Column("a", "Heading with several words"),),
        rows=((Cell("x" * 70),),),
        payload={},
        layout="cards",
    )
    lines = render(view, Format.TABLE, width=40).splitlines()
    # The heading never wraps; the value folds at the edge, never cut short with an ellipsis.
    assert lines[2] == "Heading with several words  " + "x" * 12
    assert all(line == " " * 28 + "x" * len(line.strip()) for line in lines[3:])
    assert "".join(lines[2:]).count("x") == 70 and "…" not in "".join(lines)


@pytest.mark.parametrize("width", [80, 100])
@pytest.mark.parametrize("name", ["groups", "categories", "coverage", "diff", "latency", "compare"])
def test_narrow_tables_wrap_free_text_and_lose_no_word(
    ladder: Dataset, name: str, width: int
) -> None:
    from sanctions_gap.coverage import measure_coverage
    from sanctions_gap.render.views import categories_view, groups_view
    from sanctions_gap.validate import load_dataset

    from .conftest import DATA

    bundled = load_dataset(DATA)
    views = {
        "groups": lambda: groups_view(bundled),
        "categories": lambda: categories_view(bundled),
        # DD's four unknown categories do not fit on one line at 80 columns.
        "coverage": lambda: coverage_view(measure_coverage(ladder, D(2022, 6, 1))),
        # Twelve peers ahead on either date: the lists wrap.
        "diff": lambda: diff_view(
            diff(bundled, "JP", "coalition", D(2022, 1, 1), D(2022, 3, 21)), bundled
        ),
        # Twelve peers ahead of JP in some categories: the list wraps.
        "compare": lambda: compare_view(
            compare(bundled, "JP", "coalition", D(2022, 3, 21)), bundled
        ),
        # The longest category and level ids, and two columns of days.
        "latency": lambda: timeline_view(
            timeline(bundled, "JP", "coalition", start=D(2014, 1, 1), end=D(2026, 11, 1)),
            "latency",
        ),
    }
    view = views[name]()
    out = render(view, Format.TABLE, width=width)
    assert max(len(line) for line in out.splitlines()) <= width
    shown = [i for i, column in enumerate(view.columns) if column.in_table]
    words = set(out.replace(",", " ").split())
    # Every heading and every value of the columns shown: a column squeezed out of the table
    # (its heading cut to "Da", its numbers gone) fails here.
    for i in shown:
        assert set(view.columns[i].header.split()) <= words, view.columns[i].header
    for row in view.rows:
        for i in shown:
            missing = set(row[i].text.replace(",", " ").split()) - words
            assert not missing, (row[0].text, view.columns[i].key, missing)
