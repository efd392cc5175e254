"""Render a view as a Rich table; data text is never read as Rich markup."""

from __future__ import annotations

import io

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.style import Style
from rich.table import Table
from rich.text import Text

from sanctions_gap.render.view import Cell, View


def render_table(view: View, *, width: int = 100, color: bool = False) -> str:
    """The table as text, with ANSI colours (and hyperlinks) only when ``color`` is true.

    Identifiers, statuses, dates and numbers never wrap; only columns marked ``wrap`` break,
    and only at spaces. Lines carry no trailing spaces.
    """
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        markup=False,
    )
    table = _table(view, width) if view.rows and view.layout == "table" else None
    if not view.rows:
        console.print(Text(view.empty))
    elif table is None:
        # Cards for long text, and for a table whose unbreakable cells cannot fit the width:
        # every value stays whole, one field a line, never cropped.
        _print_cards(console, view)
    else:
        console.print(table)
    for line in view.notes:
        console.print(Text(line, style="dim"))
    if view.context is not None:
        console.print(Text(view.context.line(), style="dim"))
    return "\n".join(line.rstrip() for line in buffer.getvalue().split("\n"))


GAP = 2
"""Columns are two characters apart: one of padding, one of the box's blank separator."""


def _table(view: View, width: int) -> Table | None:
    """The view as a table ``width`` characters wide at most, or None where its unbreakable
    cells cannot fit that width (the caller shows cards: Rich would crop the table)."""
    shown = [i for i, column in enumerate(view.columns) if column.in_table]
    widths = [_widths(view, i) for i in shown]
    fitted = _fit(widths, width - GAP * (len(shown) - 1))
    if fitted is None:
        return None
    # A light box (a rule under the header, no vertical lines) leaves the width to the data, so
    # that tables stay readable at 80 columns in CI logs.
    table = Table(
        title=Text(view.title, style="bold"),
        expand=False,
        header_style="bold",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        # Two spaces between columns, not three: the width goes to the data.
        collapse_padding=True,
    )
    for index, (narrowest, _), given in zip(shown, widths, fitted, strict=True):
        column = view.columns[index]
        table.add_column(
            Text(column.header),
            justify="right" if column.numeric else "left",
            # Text that may wrap breaks at spaces; its longest word still fits whole. The
            # width is given, not left to Rich, whose shrinking can crop a table that fits.
            overflow="fold",
            no_wrap=not column.wrap,
            min_width=narrowest,
            width=given if column.wrap else None,
        )
    for row in view.rows:
        # Text objects, not strings: text from the data is shown as typed, never as markup.
        table.add_row(*(_text(row[i]) for i in shown))
    return table


def _widths(view: View, index: int) -> tuple[int, int]:
    """A column's narrowest and widest content, in terminal cells (a CJK character takes two):
    an unbreakable column is as wide as its widest cell; a wrapping one may narrow to its
    longest word (its header may wrap too)."""
    column = view.columns[index]
    header = cell_len(column.header)
    widest = max((cell_len(row[index].text) for row in view.rows), default=0)
    if not column.wrap:
        width = max(widest, header)
        return width, width
    longest_word = max(
        (cell_len(word) for row in view.rows for word in row[index].text.split()), default=0
    )
    return max(longest_word, min(header, 12)), max(widest, header)


def _fit(widths: list[tuple[int, int]], room: int) -> list[int] | None:
    """The width of each column within ``room``, or None where even the narrowest layout does
    not fit. Every column is at its widest where that fits; else the widest columns narrow
    first, down to a common level (never below a column's narrowest), as Rich would shrink
    them, but without ever giving a column less than its longest word."""

    def at(level: int) -> list[int]:
        return [max(narrowest, min(widest, level)) for narrowest, widest in widths]

    if sum(narrowest for narrowest, _ in widths) > room:
        return None
    level = max((widest for _, widest in widths), default=0)
    while sum(at(level)) > room:
        level -= 1
    given = at(level)
    # The room left over goes, a character each, to the columns cut to the level.
    spare = room - sum(given)
    for index, (_, widest) in enumerate(widths):
        if spare and given[index] < widest:
            given[index] += 1
            spare -= 1
    return given


def _text(cell: Cell) -> Text:
    style = Style.parse(cell.style) if cell.style else Style()
    if cell.link:
        style += Style(link=cell.link)
    return Text(cell.text, style=style)


def _print_cards(console: Console, view: View) -> None:
    """One block per row: each non-empty cell under its column's heading, for long text.

    A block column (sources) follows the fields, line by line; a web address is printed whole
    on a line of its own, never folded, so that it can be copied or clicked.
    """
    console.print(Text(view.title, style="bold"))
    shown = [i for i, column in enumerate(view.columns) if column.in_table]
    for row in view.rows:
        console.rule(style="dim")
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        for index in shown:
            if row[index].text and not view.columns[index].block:
                grid.add_row(Text(view.columns[index].header), _text(row[index]))
        console.print(grid)
        for index in shown:
            if row[index].text and view.columns[index].block:
                console.print(Text(view.columns[index].header, style="bold"))
                for line in row[index].text.splitlines():
                    _print_line(console, line)


def _print_line(console: Console, line: str) -> None:
    address = line.strip()
    if address.startswith(("http://", "https://")) and " " not in address:
        console.print(Text(address, style=Style(link=address)), soft_wrap=True)
    else:
        console.print(Text(line))
