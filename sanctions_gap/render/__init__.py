"""Turn a format-neutral ``View`` into text: one renderer per output format, dispatched here."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import assert_never

from sanctions_gap.render.document import DocumentView
from sanctions_gap.render.view import Annotation, Cell, Column, View

__all__ = [
    "Annotation",
    "Cell",
    "Column",
    "DocumentView",
    "Format",
    "View",
    "render",
    "render_pieces",
]


class Format(enum.StrEnum):
    """The output formats every reporting command offers."""

    TABLE = "table"
    """A Rich table for the terminal (the default)."""
    CSV = "csv"
    """Comma-separated values, cells neutralised against formula injection."""
    JSON = "json"
    """The report's JSON, with sorted keys."""
    MARKDOWN = "markdown"
    """A GitHub-flavoured Markdown table."""
    GITHUB = "github"
    """GitHub Actions workflow commands (`::warning file=…,line=…::…`)."""
    HTML = "html"
    """One self-contained HTML page (the `report` command's whole document)."""


def render(view: View, fmt: Format, *, width: int = 100, color: bool = False) -> str:
    """Render ``view`` in ``fmt``; the result always ends with a newline unless it is empty."""
    # Imports are local so that a run that prints JSON never imports Rich's table machinery.
    if fmt is Format.TABLE:
        from sanctions_gap.render.table import render_table

        return render_table(view, width=width, color=color)
    if fmt is Format.CSV:
        from sanctions_gap.render.csv import render_csv

        return render_csv(view)
    if fmt is Format.JSON:
        from sanctions_gap.render.json import render_json

        return render_json(view)
    if fmt is Format.MARKDOWN:
        if isinstance(view, DocumentView):  # the report: a whole document (issue 10)
            from sanctions_gap.render.markdown_document import render_markdown_document

            return render_markdown_document(view.document)
        from sanctions_gap.render.markdown import render_markdown

        return render_markdown(view)
    if fmt is Format.GITHUB:
        from sanctions_gap.render.github import render_github

        return render_github(view)
    if fmt is Format.HTML:
        from sanctions_gap.render.html import render_html

        return render_html(view)
    assert_never(fmt)


def render_pieces(
    view: View, fmt: Format, *, width: int = 100, color: bool = False
) -> Iterator[str]:
    """``render`` in pieces that join to the same text: CSV comes 20,000 rows at a time,
    so that a large answer is written without holding its whole text; other formats whole."""
    if fmt is Format.CSV:
        from sanctions_gap.render.csv import csv_chunks

        yield from csv_chunks(view)
        return
    yield render(view, fmt, width=width, color=color)
