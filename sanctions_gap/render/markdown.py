"""Render a view as a GitHub-flavoured Markdown section, escaping text that comes from data."""

from __future__ import annotations

import re

from sanctions_gap.render.view import Cell, View

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
_ADDRESS = re.compile(r"^https?://[^\s<>]+$")


def escape(text: str) -> str:
    """Escape Markdown and HTML syntax so that data shows as typed; newlines become spaces."""
    text = " ".join(text.splitlines())
    return _SPECIAL.sub(r"\\\1", text).replace("&", "&amp;")


def link(text: str, address: str) -> str:
    """A Markdown link whose text is escaped; an address that is not a plain web address
    (from the data, it could be anything) is shown as text instead."""
    if not _ADDRESS.match(address):
        return escape(text)
    return f"[{escape(text)}](<{address}>)"


def cell_markdown(cell: Cell) -> str:
    """A cell as Markdown: its text escaped, its link a real link, web addresses autolinked."""
    if cell.link:
        return link(cell.text, cell.link)
    return " ".join(
        f"<{line.strip()}>" if _ADDRESS.match(line.strip()) else escape(line)
        for line in cell.text.splitlines()
    )


def render_markdown(view: View) -> str:
    """A heading, the table (or the empty message), the notes and summary, then the context."""
    lines = [f"## {escape(view.title)}", ""]
    shown = [i for i, column in enumerate(view.columns) if column.data]
    if view.rows:
        lines.append("| " + " | ".join(escape(view.columns[i].header) for i in shown) + " |")
        lines.append(
            "|" + "|".join("---:" if view.columns[i].numeric else "---" for i in shown) + "|"
        )
        lines.extend(
            "| " + " | ".join(cell_markdown(row[i]) for i in shown) + " |" for row in view.rows
        )
    else:
        lines.append(escape(view.empty))
    extra = [*view.notes, *view.summary]
    if extra:
        lines.append("")
        lines.extend(f"{escape(line)}  " for line in extra)
    if view.context is not None:
        lines.append("")
        lines.append(f"_{escape(view.context.line())}_")
    return "\n".join(lines).rstrip() + "\n"
