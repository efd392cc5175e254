"""The renderers: escaping, neutralising, and a renderer for every format."""

from __future__ import annotations

import csv
import io
import json

import pytest

from sanctions_gap.render import Annotation, Cell, Column, Format, View, render
from sanctions_gap.render.csv import neutralise
from sanctions_gap.render.github import annotation_line, escape_data, escape_property
from sanctions_gap.render.markdown import escape


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


@pytest.mark.parametrize("fmt", list(Format))
def test_every_format_renders_an_empty_view(fmt: Format) -> None:
    out = render(make_view(), fmt)
    assert isinstance(out, str)


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
