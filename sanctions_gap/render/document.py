"""The format-neutral shape of a report of many parts: figures, tables, a heat map, a chart.

A ``DocumentView`` is a ``View`` (its table, payload, summary and annotations serve the formats
that show one table) that also carries a ``Document``, which the HTML and Markdown renderers
lay out whole. Every text here is plain text: the renderers escape it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from sanctions_gap.render.view import Column, View


@dataclass(frozen=True)
class Span:
    """A run of text, a link where ``href`` is set."""

    text: str
    href: str | None = None
    """An ``http(s)`` address, or ``#id`` for a part of the document."""
    title: str | None = None
    """What the link leads to (a source's title), shown on hover."""
    strong: bool = False


Rich = tuple[Span, ...]
"""Text with links: the content of a paragraph or of a table cell."""


def plain(text: str) -> Rich:
    """Text without a link."""
    return (Span(text),) if text else ()


@dataclass(frozen=True)
class Figure:
    """A headline figure: a label, a value, and what it is measured against."""

    label: str
    value: str
    note: str = ""


@dataclass(frozen=True)
class Figures:
    """A row of headline figures."""

    items: tuple[Figure, ...]


@dataclass(frozen=True)
class Paragraph:
    """A paragraph."""

    spans: Rich


@dataclass(frozen=True)
class Bullets:
    """A list."""

    items: tuple[Rich, ...]


@dataclass(frozen=True)
class Table:
    """A table whose cells may hold links; the first column heads each row."""

    caption: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Rich, ...], ...]
    empty: str = "None."
    marked: frozenset[int] = frozenset()
    """The positions of rows to stand out (the report's member)."""


HeatKind = Literal["level", "unknown", "not_applicable"]

HEAT_STEPS = 5
"""The heat map's steps: a level of 0, 1/4, 1/2, 3/4 or 1 of its scale (the nearest)."""


def heat_step(level: float) -> int:
    """The step of a normalised level (0 to 1): its glyph and its colour."""
    return round(level * (HEAT_STEPS - 1))


@dataclass(frozen=True)
class HeatCell:
    """One member in one category: a glyph (never colour alone) and what explains it."""

    glyph: str
    kind: HeatKind
    level: float | None
    """The normalised level, 0 to 1, for a level; None for unknown or not applicable."""
    gap: bool
    """Whether the cell is a gap of the report's member."""
    tip: tuple[str, ...]
    """Lines that explain the cell: its level, since when, by which instrument."""


@dataclass(frozen=True)
class HeatRow:
    """One member's row of the heat map."""

    label: str
    cells: tuple[HeatCell, ...]
    total: str
    """The row's figure in the last column (the stringency index)."""
    own: bool = False
    """Whether the row is the report's member."""


@dataclass(frozen=True)
class HeatMap:
    """Members down, categories across."""

    caption: str
    """What the map shows (each renderer says how it lays it out)."""
    columns: tuple[str, ...]
    """The categories' labels, for people."""
    keys: tuple[str, ...]
    """The categories' ids."""
    total: str
    """The heading of the last column."""
    rows: tuple[HeatRow, ...]
    legend: tuple[tuple[HeatCell, str], ...]
    """A sample cell of each kind (each step, unknown, not applicable, a gap) and its meaning."""


@dataclass(frozen=True)
class Series:
    """A line of a chart, as steps: each value holds from its date until the next."""

    name: str
    points: tuple[tuple[dt.date, float | None], ...]


@dataclass(frozen=True)
class Mark:
    """A date marked on a chart's time axis."""

    date: dt.date
    label: str


@dataclass(frozen=True)
class Chart:
    """A line chart over time, from 0 to ``top``, with a table of the same numbers."""

    title: str
    desc: str
    """A sentence that says what the chart shows, for people who cannot see it."""
    start: dt.date
    end: dt.date
    series: tuple[Series, ...]
    """The member's line first, then the peers' median: the stylesheet draws them by position
    (the second dashed)."""
    marks: tuple[Mark, ...]
    twin: Table
    """The chart's numbers as a table, for screen readers and for print."""
    marks_label: str = ""
    """What the marked dates are, written beside them."""
    top: float = 100.0


Block = Figures | Paragraph | Bullets | Table | HeatMap | Chart


@dataclass(frozen=True)
class Section:
    """A titled part of the document; ``id`` is its anchor."""

    id: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Document:
    """A whole report."""

    title: str
    stamp: Rich
    """The line under the title: as of, the data's reviewed date, the tool's version."""
    sections: tuple[Section, ...]
    generator: str
    """The tool and its version, for the page's metadata."""
    footer: str = ""
    """What the document rests on (the tool's and the dataset's versions), at its end."""


@dataclass(frozen=True, kw_only=True)
class DocumentView(View):
    """A view whose HTML and Markdown are a whole document; the other formats use its table."""

    document: Document
