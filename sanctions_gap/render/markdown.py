"""Render a view as a GitHub-flavoured Markdown section, escaping text that comes from data."""

from __future__ import annotations

import re

from sanctions_gap.render.view import View

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def escape(text: str) -> str:
    """Escape Markdown and HTML syntax so that data shows as typed; newlines become spaces."""
    text = " ".join(text.splitlines())
    return _SPECIAL.sub(r"\\\1", text).replace("&", "&amp;")


def render_markdown(view: View) -> str:
    """A heading, the table (or the empty message), then the summary lines."""
    lines = [f"## {escape(view.title)}", ""]
    if view.rows:
        lines.append("| " + " | ".join(escape(c.header) for c in view.columns) + " |")
        lines.append("|" + "|".join("---:" if c.numeric else "---" for c in view.columns) + "|")
        lines.extend(
            "| " + " | ".join(escape(cell.text) for cell in row) + " |" for row in view.rows
        )
    else:
        lines.append(escape(view.empty))
    if view.summary:
        lines.append("")
        lines.extend(f"{escape(line)}  " for line in view.summary)
    return "\n".join(lines).rstrip() + "\n"
