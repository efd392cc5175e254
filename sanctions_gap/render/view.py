"""The format-neutral shape of a command's output: a titled table, a JSON payload, annotations."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

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
    columns; CSV, JSON and Markdown always carry every column)."""


@dataclass(frozen=True)
class Cell:
    """One cell: the text people read, the value machines read, and a style hint."""

    text: str
    """What the table and Markdown show."""
    value: Scalar = None
    """What CSV holds (None is an empty cell); ``text`` where not given."""
    style: str | None = None
    """A Rich style for the terminal table (for example a heat-map colour)."""

    @property
    def data(self) -> Scalar:
        """The machine value: ``value`` if set, else the text."""
        return self.text if self.value is None and self.text else self.value


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
    empty: str = "Nothing to show."
    """What the table and Markdown say when there are no rows."""
    layout: Literal["table", "cards"] = "table"
    """How the terminal shows the rows: a table, or (for long text) one card per row."""
