"""Render a view as a Rich table; data text is never read as Rich markup."""

from __future__ import annotations

import io

from rich import box
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
    if not view.rows:
        console.print(Text(view.empty))
    elif view.layout == "cards":
        _print_cards(console, view)
    else:
        console.print(_table(view))
    for line in view.notes:
        console.print(Text(line, style="dim"))
    if view.context is not None:
        console.print(Text(view.context.line(), style="dim"))
    return "\n".join(line.rstrip() for line in buffer.getvalue().split("\n"))


def _table(view: View) -> Table:
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
    shown = [i for i, column in enumerate(view.columns) if column.in_table]
    for index in shown:
        column = view.columns[index]
        widest = max((len(row[index].text) for row in view.rows), default=0)
        if column.wrap:
            # Text that may wrap breaks at spaces; its longest word still fits whole.
            longest_word = max(
                (len(word) for row in view.rows for word in row[index].text.split()), default=0
            )
            table.add_column(
                Text(column.header),
                justify="right" if column.numeric else "left",
                overflow="fold",
                min_width=max(longest_word, min(len(column.header), 12)),
            )
        else:
            table.add_column(
                Text(column.header),
                justify="right" if column.numeric else "left",
                no_wrap=True,
                min_width=max(widest, len(column.header)),
            )
    for row in view.rows:
        # Text objects, not strings: text from the data is shown as typed, never as markup.
        table.add_row(*(_text(row[i]) for i in shown))
    return table


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
