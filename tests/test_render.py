"""The renderers: escaping, neutralising, and a renderer for every format."""

from __future__ import annotations

import csv
import dataclasses
import io
import json

import pytest

from sanctions_gap import __version__
from sanctions_gap.render import Annotation, Cell, Column, Format, View, render
from sanctions_gap.render.csv import neutralise
from sanctions_gap.render.github import annotation_line, escape_data, escape_property
from sanctions_gap.render.markdown import escape, link


def make_view(rows: tuple[tuple[Cell, ...], ...] = ()) -> View:
    return View(
        title="Test",
        columns=(Column("name", "Name"), Column("value", "Value", numeric=True)),
        rows=rows,
        payload={"b": 1, "a": [rows and rows[0][0].text]},
        summary=("one line",),
        annotations=(Annotation("warning", "members/jp.yaml", 12, "gap: a, b", "50%\nnext"),),
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("\0x", "'\0x"),
        ("plain", "plain"),
        ("", ""),
        (None, None),
        (-2, -2),
        (1.5, 1.5),
    ],
)
def test_csv_cells_are_neutralised(value: str | int | float | None, expected: object) -> None:
    assert neutralise(value) == expected


def test_csv_keeps_numbers_as_numbers_and_neutralises_text() -> None:
    view = make_view(((Cell("=HYPERLINK()"), Cell("-3", -3)),))
    rows = list(csv.reader(io.StringIO(render(view, Format.CSV))))
    assert rows == [["name", "value"], ["'=HYPERLINK()", "-3"]]


def test_csv_is_valid_when_empty() -> None:
    assert render(make_view(), Format.CSV) == "name,value\n"


def test_github_escaping_follows_the_toolkit() -> None:
    assert escape_data("50%\nnext\r") == "50%25%0Anext%0D"
    assert escape_property("a: b, c") == "a%3A b%2C c"
    line = annotation_line(Annotation("error", "data/x,y.yaml", 3, "t: 1", "m"))
    assert line == "::error file=data/x%2Cy.yaml,line=3,title=t%3A 1::m"


def test_github_renders_one_line_per_annotation() -> None:
    out = render(make_view(), Format.GITHUB)
    assert out == "::warning file=members/jp.yaml,line=12,title=gap%3A a%2C b::50%25%0Anext\n"


def test_markdown_escapes_data() -> None:
    assert escape("a|b *c* <script>") == r"a\|b \*c\* \<script\>"
    view = make_view(((Cell("x|[y](javascript:1)"), Cell("1", 1)),))
    out = render(view, Format.MARKDOWN)
    assert r"x\|\[y\]\(javascript:1\)" in out
    assert out.startswith("## Test\n")


def test_json_is_sorted_and_deterministic() -> None:
    view = make_view(((Cell("a"), Cell("1", 1)),))
    out = render(view, Format.JSON)
    assert out == render(view, Format.JSON)
    assert json.loads(out) == {"a": ["a"], "b": 1}
    assert out.index('"a"') < out.index('"b"')


def test_table_never_reads_data_as_markup() -> None:
    view = make_view(((Cell("[bold red]boom[/]"), Cell("1", 1)),))
    out = render(view, Format.TABLE, width=80)
    assert "[bold red]boom[/]" in out
    assert "\x1b[" not in out


def test_table_colour_only_when_asked() -> None:
    view = make_view(((Cell("a", style="red"), Cell("1", 1)),))
    assert "\x1b[" in render(view, Format.TABLE, width=80, color=True)


EMPTY = {
    Format.TABLE: "Nothing to show.\n",
    Format.CSV: "name,value\n",
    Format.JSON: '{\n  "a": [\n    []\n  ],\n  "b": 1\n}\n',
    Format.MARKDOWN: "## Test\n\nNothing to show.\n\none line\n",
    Format.GITHUB: "::warning file=members/jp.yaml,line=12,title=gap%3A a%2C b::50%25%0Anext\n",
    Format.HTML: (
        '<body>\n<header class="top"><h1>Test</h1></header>\n<main>\n<p>Nothing to show.</p>\n'
        '<p class="summary">one line</p>\n</main>\n'
        f"<footer><p>sanctions-gap {__version__}</p></footer>\n"
        "</body>\n</html>\n"
    ),
}
"""A view without rows in each format: the empty message, the header, the payload, the
heading and summary, the annotations; for HTML, the page's body (its head is the style sheet)."""


@pytest.mark.parametrize("fmt", list(Format))
def test_every_format_renders_an_empty_view(fmt: Format) -> None:
    out = render(make_view(), fmt)
    if fmt is Format.HTML:
        assert out.startswith("<!DOCTYPE html>\n") and "<title>Test</title>" in out
        out = out[out.index("<body>") :]
    assert out == EMPTY[fmt]


def _wide_view(words: int) -> View:
    ids = [f"identifier_{n:02d}_" + "x" * 12 for n in range(words)]
    return View(
        title="Wide",
        columns=(*(Column(f"c{n}", f"C{n}") for n in range(words)), Column("t", "T", wrap=True)),
        rows=((*(Cell(i) for i in ids), Cell("free text that may wrap at any space")),),
        payload={},
    )


def test_a_table_that_fits_is_never_cropped() -> None:
    # Three 27-character ids and a wrapping column: 3 * 29 > 80 leaves no room, 2 fit.
    from sanctions_gap.render.table import render_table

    text = render_table(_wide_view(2), width=80)
    assert "identifier_00_" + "x" * 12 in text and "identifier_01_" + "x" * 12 in text
    assert text.splitlines()[1].split() == ["C0", "C1", "T"]
    assert all(len(line) <= 80 for line in text.splitlines())
    assert "free text that may wrap at any space" in " ".join(text.split())


def test_a_table_too_wide_for_its_ids_becomes_cards() -> None:
    from sanctions_gap.render.table import render_table

    text = render_table(_wide_view(3), width=80)
    lines = text.splitlines()
    assert all(len(line) <= 80 for line in lines)
    # One field a line: every id whole after its heading, never cut at the edge.
    for n in range(3):
        assert f"C{n}  identifier_{n:02d}_" + "x" * 12 in lines


def test_markdown_links_only_web_addresses() -> None:
    assert link("a|b", "https://example.org/x") == r"[a\|b](<https://example.org/x>)"
    assert link("click", "javascript:alert(1)") == "click"
    assert link("x", "https://example.org/a b") == "x"  # a space: not a plain address
    view = View(
        title="L",
        columns=(Column("a", "A"),),
        rows=((Cell("the *act*", link="https://example.org/act"),),),
        payload={},
    )
    assert render(view, Format.MARKDOWN) == (
        "## L\n\n| A |\n|---|\n| [the \\*act\\*](<https://example.org/act>) |\n"
    )


def _small_view() -> View:
    from sanctions_gap.dataset import DataContext

    return View(
        title="Title",
        columns=(
            Column("a", "Name"),
            Column("b", "Num", numeric=True),
            Column("c", "Text", wrap=True),
        ),
        rows=(
            (Cell("x"), Cell("1", 1), Cell("a b")),
            (Cell("long name"), Cell("22", 22), Cell("w")),
        ),
        payload={"name": "日本"},
        summary=("one", "two"),
        notes=("a note",),
        context=DataContext("0.1.0", "abc", "2026-11-27"),
    )


def test_the_table_exactly() -> None:
    # Centred title, no edges and no padding at the edges, numbers right-aligned, two spaces
    # between columns, the table only as wide as its data, then the notes and the context.
    assert render(_small_view(), Format.TABLE, width=80) == (
        "       Title\n"
        "Name       Num  Text\n"
        "────────────────────\n"
        "x            1  a b\n"
        "long name   22  w\n"
        "a note\n"
        "sanctions-gap 0.1.0, dataset abc, data reviewed 2026-11-27\n"
    )
    coloured = render(_small_view(), Format.TABLE, width=80, color=True)
    assert "\x1b[2ma note\x1b[0m\n" in coloured
    assert "\x1b[2msanctions-gap 0.1.0, dataset abc, data reviewed 2026-11-27\x1b[0m\n" in coloured
    assert "\x1b[1m       Title" in coloured
    # The width asked for, whatever the terminal says (COLUMNS is 100 in the tests).
    wide = View(
        title="W",
        columns=(Column("t", "Text", wrap=True),),
        rows=((Cell("word " * 30),),),
        payload={},
    )
    assert max(len(line) for line in render(wide, Format.TABLE, width=40).splitlines()) <= 40
    assert render(wide, Format.TABLE) == render(wide, Format.TABLE, width=100)
    assert "\x1b[" not in render(wide, Format.TABLE)


def test_table_shows_data_as_typed_without_highlighting() -> None:
    view = View(
        title="T",
        columns=(Column("a", "A"),),
        rows=((Cell("[b]x[/b] :smile: 123 True https://example.org"),),),
        payload={},
    )
    out = render(view, Format.TABLE, width=80, color=True)
    assert "[b]x[/b] :smile: 123 True https://example.org" in out
    assert "\x1b[" not in out.split("\n", 3)[3]  # the row: no colour for numbers or words


def test_a_linked_cell_keeps_its_style() -> None:
    view = View(
        title="T",
        columns=(Column("a", "A"),),
        rows=((Cell("act", style="green", link="https://example.org/act"),),),
        payload={},
    )
    out = render(view, Format.TABLE, width=80, color=True)
    assert "\x1b[32m" in out and "https://example.org/act" in out


def test_csv_values_and_json_text() -> None:
    from sanctions_gap.render.csv import csv_value

    assert [csv_value(v) for v in (float("nan"), "", None, 0, 0.0, True, 1 / 3)] == [
        "",
        "",
        "",
        0,
        0.0,
        "true",
        0.3333,
    ]
    assert '"name": "日本"' in render(_small_view(), Format.JSON)


def test_github_notice_joins_the_summary_and_markdown_escapes() -> None:
    view = dataclasses.replace(_small_view(), annotates=True)
    assert render(view, Format.GITHUB) == "::notice title=sanctions-gap::one; two\n"
    assert escape("a & b\nc") == "a &amp; b c"


def test_bar_of_an_index_and_a_median() -> None:
    from sanctions_gap.render.views.common import bar

    assert bar(50.0, 100.0) == "█" * 10 + "░" * 9 + "|"
    assert bar(100.0, None) == "█" * 20
    assert bar(25.0, 0.0) == "|" + "█" * 4 + "░" * 15
    assert bar(None, 50.0) == "?"
