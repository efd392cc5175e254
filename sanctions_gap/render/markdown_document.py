"""Render a ``Document`` as GitHub-flavoured Markdown: the report's twin for comments and summaries.

The same sections as the HTML page, links kept; the heat map becomes a table of its glyphs
(categories down, members across, so that it reads in a pull request) with a legend; the chart
becomes its table of numbers. Data text is escaped as in ``render.markdown``.
"""

from __future__ import annotations

from sanctions_gap.render.document import (
    Block,
    Bullets,
    Chart,
    Document,
    Figures,
    HeatMap,
    Paragraph,
    Rich,
    Table,
)
from sanctions_gap.render.markdown import escape

_URL_UNSAFE = {"(": "%28", ")": "%29", "<": "%3C", ">": "%3E", "|": "%7C", "\\": "%5C", " ": "%20"}


def link_target(href: str) -> str | None:
    """An address a Markdown link can hold whole (``http(s)`` or ``#id``), or None."""
    if not href.startswith(("https://", "http://", "#")) or any(c.isspace() for c in href):
        return None
    return "".join(_URL_UNSAFE.get(c, c) for c in href)


def rich(spans: Rich, newline: str = " ") -> str:
    """Text with its links, escaped; a line break becomes ``newline``."""
    out = []
    for span in spans:
        text = newline.join(escape(part) for part in span.text.split("\n"))
        if span.strong and text:
            text = f"**{text}**"
        target = link_target(span.href) if span.href else None
        out.append(f"[{text}]({target})" if target and text else text)
    return "".join(out)


def render_markdown_document(document: Document) -> str:
    """The report in Markdown, one ``##`` heading per section."""
    lines = [f"# {escape(document.title)}", "", rich(document.stamp), ""]
    for section in document.sections:
        lines += [f"## {escape(section.title)}", ""]
        for block in section.blocks:
            lines += [*_block(block), ""]
    if document.footer:
        lines.append(f"_{escape(document.footer)}_")
    return "\n".join(lines).rstrip() + "\n"


def _block(block: Block) -> list[str]:
    if isinstance(block, Figures):
        return [
            f"- **{escape(f.label)}**: {escape(f.value)}"
            + (f" ({escape(f.note)})" if f.note else "")
            for f in block.items
        ]
    if isinstance(block, Paragraph):
        return [rich(block.spans)]
    if isinstance(block, Bullets):
        return [f"- {rich(item)}" for item in block.items]
    if isinstance(block, Table):
        return table(block)
    if isinstance(block, HeatMap):
        return heat_map(block)
    return chart(block)


def _cell(spans: Rich) -> str:
    # A line break inside a table cell would end the row: GitHub reads <br> there.
    return rich(spans, "<br>")


def table(block: Table) -> list[str]:
    """A Markdown table under its caption, in italics."""
    if not block.rows:
        return [escape(block.empty)]
    lines = [f"*{escape(block.caption)}*", ""]
    lines.append("| " + " | ".join(escape(c.header) for c in block.columns) + " |")
    lines.append("|" + "|".join("---:" if c.numeric else "---" for c in block.columns) + "|")
    for position, row in enumerate(block.rows):
        cells = [_cell(cell) for cell in row]
        if position in block.marked and cells and cells[0]:
            cells[0] = f"**{cells[0]}**"
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def heat_map(block: HeatMap) -> list[str]:
    """Categories down, members across: each cell the glyph, a gap marked in words."""
    members = [escape(row.label) for row in block.rows]
    header = [
        "Category",
        *(f"**{m}**" if r.own else m for m, r in zip(members, block.rows, strict=True)),
    ]
    lines = [f"*{escape(block.caption)}: categories down, members across*", ""]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|---|" + "|".join(":---:" for _ in block.rows) + "|")
    for column, label in enumerate(block.columns):
        cells = [escape(label)]
        for row in block.rows:
            cell = row.cells[column]
            cells.append(escape(cell.glyph) + (" **gap**" if cell.gap else ""))
        lines.append("| " + " | ".join(cells) + " |")
    lines.append(
        "| " + " | ".join([escape(block.total), *(escape(r.total) for r in block.rows)]) + " |"
    )
    legend = " · ".join(
        f"{escape(sample.glyph)}{' **gap**' if sample.gap else ''} {escape(text)}"
        for sample, text in block.legend
    )
    return [*lines, "", f"Legend: {legend}"]


def chart(block: Chart) -> list[str]:
    """A chart has no Markdown form: its description, then its numbers."""
    return [escape(block.desc), "", *table(block.twin)]
