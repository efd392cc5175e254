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


EMPTY = {
    Format.TABLE: "Nothing to show.\n",
    Format.CSV: "name,value\n",
    Format.JSON: '{\n  "a": [\n    []\n  ],\n  "b": 1\n}\n',
    Format.MARKDOWN: "## Test\n\nNothing to show.\n\none line\n",
    Format.GITHUB: "::warning file=members/jp.yaml,line=12,title=gap%3A a%2C b::50%25%0Anext\n",
}
"""A view without rows in each format: the empty message, the header, the payload, the
heading and summary, the annotations."""


@pytest.mark.parametrize("fmt", list(Format))
def test_every_format_renders_an_empty_view(fmt: Format) -> None:
    assert render(make_view(), fmt) == EMPTY[fmt]
