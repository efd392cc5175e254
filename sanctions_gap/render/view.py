"""The format-neutral shape of a command's output: a titled table, a JSON payload, annotations."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from sanctions_gap.dataset import DataContext

Scalar = str | int | float | bool | None


@dataclass(frozen=True)
class Column:
    """One column of a view's table."""

    key: str
    """The column's machine name (the CSV header)."""
    header: str
    """The column's heading for people (table and Markdown)."""
    numeric: bool = False
    """Whether the column holds numbers (right-aligned)."""
    in_table: bool = True
    """Whether the terminal table shows it (False keeps narrow tables readable at 80
    columns; CSV and Markdown carry every column with ``data``)."""
    data: bool = True
    """Whether CSV and Markdown carry it (False for what only the terminal shows, such as a
    bar chart, or a cell that joins two values that have columns of their own)."""
    wrap: bool = False
    """Whether the terminal may wrap the column's text at spaces (free text, lists of codes).
    Identifiers, statuses, rules, dates and numbers never wrap, so they are never split."""
    block: bool = False
    """In cards, a block of lines under the card's fields (sources): a line that is a web
    address is printed whole on its own line, never folded, and as a hyperlink."""


@dataclass(frozen=True)
class Cell:
    """One cell: the text people read, the value machines read, and a style hint."""

    text: str
    """What the table and Markdown show."""
    value: Scalar = None
    """What CSV holds (None is an empty cell); ``text`` where not given."""
    style: str | None = None
    """A Rich style for the terminal table (for example a heat-map colour)."""
    link: str | None = None
    """An address the text stands for: a hyperlink in the terminal (where it supports them)
    and in Markdown."""

    @property
    def data(self) -> Scalar:
        """The machine value: ``value`` if set, else the text (None for an empty cell)."""
        return self.text if self.value is None and self.text else self.value


@dataclass(frozen=True)
class DataTable:
    """A machine table that differs in shape from the table people read (one value per cell,
    for example one row per source of each record)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Scalar, ...], ...]


@dataclass(frozen=True)
class Annotation:
    """A GitHub Actions annotation pointing at a file and line."""

    level: Literal["error", "warning", "notice"]
    """The annotation's severity."""
    path: str
    """The file, relative to the repository root."""
    line: int
    """The 1-based line, or 0 for the whole file."""
    title: str
    """A short title."""
    message: str
    """The message."""


@dataclass(frozen=True)
class View:
    """What a command shows, before it is given a format."""

    title: str
    """A title for the table and the Markdown heading."""
    columns: tuple[Column, ...]
    """The table's columns."""
    rows: tuple[tuple[Cell, ...], ...]
    """The table's rows, already sorted."""
    payload: Mapping[str, Any]
    """The JSON payload (for reports: ``report.to_dict()``)."""
    summary: tuple[str, ...] = ()
    """Lines of summary for people (stderr for the table; under the Markdown table)."""
    annotations: tuple[Annotation, ...] = field(default=())
    """GitHub annotations (for ``--format github``)."""
    annotates: bool = False
    """Whether the view's findings are annotations (gaps, data issues): with none, the github
    format says so in a notice; a view that never annotates prints its Markdown table there."""
    empty: str = "Nothing to show."
    """What the table and Markdown say when there are no rows."""
    layout: Literal["table", "cards"] = "table"
    """How the terminal shows the rows: a table, or (for long text) one card per row."""
    data: DataTable | None = None
    """The CSV table where it differs from the rows people read."""
    notes: tuple[str, ...] = ()
    """Short lines that explain the table (a legend, the columns left out): under the
    terminal table and the Markdown table."""
    context: DataContext | None = None
    """What the output rests on (the tool's version, the data's version and review date):
    a caption of the table, a CSV comment, a Markdown footer; JSON payloads carry it too."""
