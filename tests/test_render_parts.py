"""The renderers' parts on small views built here: the terminal table's widths, the chart's axes
and lines, links in HTML and Markdown, CSV in pieces, and what the entity view leaves out."""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable
from typing import cast

import pytest
from rich.cells import cell_len

from sanctions_gap.render import Cell, Column, Format, View, render, render_pieces
from sanctions_gap.render.csv import csv_value
from sanctions_gap.render.document import (
    Chart,
    Document,
    Figure,
    Figures,
    Paragraph,
    Section,
    Series,
    Span,
    Table,
)
from sanctions_gap.render.html import esc, render_document, safe_href
from sanctions_gap.render.markdown_document import link_target, render_markdown_document
from sanctions_gap.render.svg import line_chart
from sanctions_gap.render.table import _fit, _widths, render_table

D = dt.date

# ---------------------------------------------------------------------- the terminal table


def test_fit_narrows_to_a_level_then_gives_the_spare_columns_out_one_by_one() -> None:
    # 3 x 40 > 119: every column down to 39 (117), then the 2 left over to the first two.
    assert _fit([(5, 40), (5, 40), (5, 40)], 119) == [40, 40, 39]
    # One step at a time: 40 + 40 + 41 is too wide by one, so only the widest narrows.
    assert _fit([(5, 40), (5, 40), (5, 41)], 120) == [40, 40, 40]
    # Exactly the room at the level: the level stays, nothing is left to give out (a column
    # held at its narrowest, 30, takes no spare column from the one cut to the level).
    assert _fit([(30, 40), (5, 40)], 50) == [30, 20]
    assert _fit([(10, 10), (5, 8)], 18) == [10, 8]  # everything fits at its widest
    assert _fit([(10, 10), (9, 20)], 18) is None  # even the narrowest layout is too wide


def _view(*columns: Column, rows: tuple[tuple[Cell, ...], ...]) -> View:
    return View(title="T", columns=columns, rows=rows, payload={})


def test_a_wrapping_column_narrows_to_its_longest_word_or_twelve_columns_of_its_heading() -> None:
    words = _view(
        Column("a", "Identification numbers", wrap=True),
        Column("b", "Id", wrap=True),
        Column("c", "Status"),
        rows=((Cell("ab cd ef"), Cell("abcdefghijklmnop q"), Cell("ok")),),
    )
    # A long heading may wrap down to 12 columns; a word of the cells never breaks.
    assert _widths(words, 0) == (12, 22)
    assert _widths(words, 1) == (16, 18)
    assert _widths(words, 2) == (6, 6)  # an unbreakable column: its heading or widest cell


def test_a_heading_longer_than_its_column_is_folded_never_cut() -> None:
    view = _view(
        Column("a", "A" * 30),
        Column("b", "Identifications", wrap=True),
        rows=((Cell("x" * 34), Cell("ab cd ef gh ij kl mn op qr st uv wx yz")),),
    )
    lines = render_table(view, width=50).splitlines()
    assert lines[1:3] == [" " * 36 + "Identification", "A" * 30 + " " * 6 + "s"]
    assert lines[4:] == [
        "x" * 34 + "  ab cd ef gh ij",
        " " * 36 + "kl mn op qr st",
        " " * 36 + "uv wx yz",
    ]


def test_wide_characters_in_an_unbreakable_column_stay_whole_when_there_is_room() -> None:
    view = _view(
        Column("a", "A"), Column("b", "B", wrap=True), rows=((Cell("日本語"), Cell("x y z")),)
    )
    assert render_table(view, width=50).splitlines()[3] == "日本語  x y z"


def test_colour_covers_a_cell_padded_to_its_column() -> None:
    view = _view(
        Column("a", "Name"),
        Column("b", "N", numeric=True),
        rows=((Cell("ab", style="green"), Cell("1")), (Cell("abcdef"), Cell("22"))),
    )
    assert render_table(view, width=40, color=True) == (
        "\x1b[1m    T     \x1b[0m\n"
        "\x1b[1mName  \x1b[0m\x1b[1m \x1b[0m \x1b[1m N\x1b[0m\n"
        "──────────\n"
        "\x1b[32mab    \x1b[0m   1\n"
        "abcdef  22\n"
    )


def test_cards_layout_shows_cards_even_where_a_table_would_fit() -> None:
    view = View(
        title="Cards",
        columns=(Column("a", "Name"), Column("b", "Text")),
        rows=((Cell("x"), Cell("a b")),),
        payload={},
        layout="cards",
    )
    assert render_table(view, width=40) == "Cards\n" + "─" * 40 + "\nName  x\nText  a b\n"


def test_render_pieces_passes_the_width_and_the_colour() -> None:
    # 101 characters that never break: cards at the default 100 columns, a table at 101.
    view = _view(Column("a", "A"), rows=((Cell("x" * 101, style="green"),),))
    assert list(render_pieces(view, Format.TABLE)) == [render(view, Format.TABLE, width=100)]
    assert render(view, Format.TABLE, width=100).startswith("T\n─")
    assert render(view, Format.TABLE, width=101).splitlines()[1] == "A"
    coloured = list(render_pieces(view, Format.TABLE, width=40, color=True))
    assert coloured == [render(view, Format.TABLE, width=40, color=True)]
    assert "\x1b[32m" in coloured[0]


def test_render_names_a_format_it_does_not_know() -> None:
    with pytest.raises(AssertionError, match="'pdf'"):
        render(_view(Column("a", "A"), rows=()), cast(Format, "pdf"))


# ---------------------------------------------------------------------- CSV


def test_csv_comes_in_pieces_of_20000_rows_that_join_to_the_whole() -> None:
    shared = Cell("=same")  # one cell in every row, converted once per piece
    rows = tuple((Cell(str(n), n), shared) for n in range(20_001))
    view = _view(Column("n", "N"), Column("s", "S"), rows=rows)
    pieces = list(render_pieces(view, Format.CSV))
    assert len(pieces) == 2
    assert pieces[0].startswith("n,s\n0,'=same\n1,'=same\n")
    assert pieces[0].endswith("\n19999,'=same\n") and pieces[0].count("\n") == 20_001
    assert pieces[1] == "20000,'=same\n"
    assert "".join(pieces) == render(view, Format.CSV)


class _Kind(enum.StrEnum):
    FORMULA = "=1+1"
    EMPTY = ""
    PLAIN = "plain"


def test_csv_value_neutralises_text_of_a_str_subclass() -> None:
    assert [csv_value(kind) for kind in _Kind] == ["'=1+1", "", "plain"]


# ---------------------------------------------------------------------- links and escaping


@pytest.mark.parametrize("target", [safe_href, link_target], ids=["html", "markdown"])
def test_links_only_to_web_addresses_and_anchors(target: Callable[[str], str | None]) -> None:
    for href in ("https://example.org/a", "http://example.org/a", "#timeline"):
        assert target(href) == href
    for href in ("javascript:alert(1)", "https://example.org/a b", "HTTP://example.org"):
        assert target(href) is None


def test_markdown_link_targets_escape_what_would_end_them() -> None:
    assert link_target("http://example.org/(a)|b<c>") == "http://example.org/%28a%29%7Cb%3Cc%3E"
    assert link_target("https://example.org/a\\b") == "https://example.org/a%5Cb"


def test_html_escapes_quotes_for_attributes() -> None:
    assert esc("a \"b\" 'c' <d>\ne") == "a &quot;b&quot; &#x27;c&#x27; &lt;d&gt;<br>e"


def test_html_cells_link_their_address_and_each_web_address_line() -> None:
    view = _view(
        Column("a", "A"),
        rows=(
            (Cell("the act", link="https://example.org/a?b=1&c=2"),),
            (Cell("bad", link="javascript:alert(1)"),),
            (Cell("https://example.org/x\n#top\nplain"),),
        ),
    )
    out = render(view, Format.HTML)
    assert '<td><a href="https://example.org/a?b=1&amp;c=2">the act</a></td>' in out
    assert "<td>bad</td>" in out
    lines = '<a href="https://example.org/x">https://example.org/x</a><br>#top<br>plain'
    assert f"<td>{lines}</td>" in out


def _document(footer: str = "") -> Document:
    twin = Table(
        "Caption",
        (Column("a", "A"), Column("b", "B")),
        (((), (Span("x"),)), ((Span("y"),), (Span("z"),))),
        marked=frozenset({0, 1}),
    )
    return Document(
        title="Doc",
        stamp=(Span("stamp"),),
        sections=(
            Section(
                "s",
                "Sec",
                (
                    Figures((Figure("Gaps", "3"), Figure("Index", "40.0", "of 100"))),
                    Paragraph((Span("one\ntwo"),)),
                    twin,
                ),
            ),
        ),
        generator="gen",
        footer=footer,
    )


def test_markdown_document_exactly() -> None:
    assert render_markdown_document(_document()) == (
        "# Doc\n\nstamp\n\n## Sec\n\n"
        "- **Gaps**: 3\n- **Index**: 40.0 (of 100)\n\n"
        "one two\n\n"
        "*Caption*\n\n| A | B |\n|---|---|\n|  | x |\n| **y** | z |\n"
    )
    assert render_markdown_document(_document("made by gen")).endswith("| z |\n\n_made by gen_\n")


def test_html_figures_say_their_note_only_where_they_have_one() -> None:
    out = render_document(_document())
    assert (
        '<dl class="figures"><div class="figure"><dt>Gaps</dt><dd class="value">3</dd></div>'
        '<div class="figure"><dt>Index</dt><dd class="value">40.0</dd>'
        '<dd class="note">of 100</dd></div></dl>'
    ) in out


# ---------------------------------------------------------------------- the chart

BOTTOM = 258  # the time axis: 14 above the plot, 244 the plot's height


def _chart(start: dt.date, end: dt.date, *series: Series) -> Chart:
    return Chart("t", "d", start, end, series, (), Table("c", (Column("a", "A"),), ()))


def _years(svg: str) -> list[str]:
    return re.findall(r'text-anchor="middle">(\d{4})</text>', svg)


def test_the_first_year_tick_is_the_first_1_january_of_the_timeline() -> None:
    assert _years(line_chart(_chart(D(2020, 1, 1), D(2023, 6, 1)), "c")) == [
        "2020",
        "2021",
        "2022",
        "2023",
    ]
    assert _years(line_chart(_chart(D(2020, 1, 2), D(2023, 6, 1)), "c")) == [
        "2021",
        "2022",
        "2023",
    ]


def test_under_three_years_the_axis_shows_the_first_and_last_dates() -> None:
    svg = line_chart(_chart(D(2021, 3, 5), D(2022, 12, 31)), "c")  # one 1 January: 2022
    assert _years(svg) == []
    label = f'<text class="minor" x="{{}}" y="{BOTTOM + 18}" text-anchor="{{}}">{{}}</text>'
    assert label.format(40, "start", "2021-03-05") in svg
    assert label.format(610, "end", "2022-12-31") in svg
    assert 'text-anchor="start"' not in line_chart(_chart(D(2020, 1, 1), D(2022, 1, 1)), "c")


def test_above_fourteen_years_every_other_year_is_labelled() -> None:
    fourteen = _years(line_chart(_chart(D(2010, 1, 1), D(2023, 12, 31)), "c"))
    assert fourteen == [str(year) for year in range(2010, 2024)]
    fifteen = _years(line_chart(_chart(D(2010, 1, 1), D(2024, 12, 31)), "c"))
    assert fifteen == [str(year) for year in range(2010, 2025, 2)]


def _paths(svg: str) -> list[str]:
    return re.findall(r'<path class="s\d" d="([^"]*)">', svg)


def test_a_line_steps_and_breaks_where_a_value_is_missing() -> None:
    # Ten days over 570 units: 57 a day; a value v at y = 14 + (100 - v) * 2.44.
    series = Series("A", ((D(2020, 1, 1), 10.0), (D(2020, 1, 3), None), (D(2020, 1, 5), 30.0)))
    more = Series("B", (*series.points, (D(2020, 1, 8), 40.0)))
    svg = line_chart(_chart(D(2020, 1, 1), D(2020, 1, 11), series, more), "c")
    assert _paths(svg) == [
        "M40 233.6H154M268 184.8H610",
        "M40 233.6H154M268 184.8H439V160.4H610",
    ]


def test_a_line_without_any_value_has_no_end_label() -> None:
    empty = Series("A", ((D(2020, 1, 1), None),))
    full = Series("B", ((D(2020, 1, 1), 50.0),))
    svg = line_chart(_chart(D(2020, 1, 1), D(2020, 1, 2), empty, full), "c")
    assert re.findall(r'<text class="end e(\d)"[^>]*>([^<]*)</text>', svg) == [("1", "B 50.0")]
    assert _paths(svg) == ["", "M40 136H610"]  # one day: the whole width


# ---------------------------------------------------------------------- the entity view


def test_the_entity_view_leaves_out_what_it_is_told_to() -> None:
    from sanctions_gap.entities.answer import find_entity_gaps
    from sanctions_gap.render.views.entities import entities_view

    from .test_entities_answer import FTM, setup, table_of

    selection, rule = setup()
    report = find_entity_gaps(table_of(FTM, selection, rule), selection, rule)
    assert len(report.rows) == 7
    whole = entities_view(report, source_path="x.json")
    assert len(whole.rows) == len(whole.annotations) == 7 and whole.payload == report.to_dict()
    assert entities_view(report, source_path="x", rows=False).rows == ()
    assert entities_view(report, source_path="x", rows=False).annotations == ()
    assert entities_view(report, source_path="x", annotations=False).annotations == ()
    assert entities_view(report, source_path="x", payload=False).payload == {}
    assert len(entities_view(report, source_path="x", annotations=False).rows) == 7


def test_wide_characters_are_measured_in_terminal_cells() -> None:
    # 日本語日本語 takes 12 cells: with the wrapping column's longest word (8) and the gap (2)
    # it does not fit 20 columns, so the view becomes cards rather than crop it.
    view = _view(
        Column("a", "A"),
        Column("b", "B", wrap=True),
        rows=((Cell("日本語日本語"), Cell("abcdefgh")),),
    )
    text = render_table(view, width=20)
    assert "A  日本語日本語" in text.splitlines()
    assert all(cell_len(line) <= 20 for line in text.splitlines())
