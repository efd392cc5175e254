"""Render a view as a Rich table; data text is never read as Rich markup."""

from __future__ import annotations

import io

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sanctions_gap.render.view import View


def render_table(view: View, *, width: int = 100, color: bool = False) -> str:
    """The table as text, with ANSI colours only when ``color`` is true."""
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
        return buffer.getvalue()
    if view.layout == "cards":
        _print_cards(console, view)
        return buffer.getvalue()
    # A light box (a rule under the header, no vertical lines) leaves the width to the data, so
    # that tables stay readable at 80 columns in CI logs.
    table = Table(
        title=Text(view.title, style="bold"),
        expand=False,
        header_style="bold",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
    )
    shown = [i for i, column in enumerate(view.columns) if column.in_table]
    for index in shown:
        column = view.columns[index]
        # Short columns (codes, dates, numbers) never wrap; long text folds into what is left.
        longest = max((len(row[index].text) for row in view.rows), default=0)
        widest = max(longest, len(column.header))
        table.add_column(
            Text(column.header),
            justify="right" if column.numeric else "left",
            overflow="fold",
            no_wrap=widest <= 12,
            min_width=widest if widest <= 12 else None,
        )
    for row in view.rows:
        # Text objects, not strings: text from the data is shown as typed, never as markup.
        table.add_row(*(Text(row[i].text, style=row[i].style or "") for i in shown))
    console.print(table)
    return buffer.getvalue()


def _print_cards(console: Console, view: View) -> None:
    """One block per row: each non-empty cell under its column's heading, for long text."""
    console.print(Text(view.title, style="bold"))
    shown = [i for i, column in enumerate(view.columns) if column.in_table]
    for row in view.rows:
        console.rule(style="dim")
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        for index in shown:
            cell = row[index]
            if cell.text:
                grid.add_row(
                    Text(view.columns[index].header), Text(cell.text, style=cell.style or "")
                )
        console.print(grid)
