"""Render a view as one self-contained HTML page: inline styles, no script, every data text escaped.

A plain view becomes a page with its table and summary; a ``DocumentView`` (the report) becomes
the whole document: headline figures, the heat map, tables with links, the chart as inline SVG.
Nothing on the page is fetched: no font, image, style sheet or script from anywhere.
"""

from __future__ import annotations

from html import escape

from sanctions_gap import __version__
from sanctions_gap.render.document import (
    Block,
    Bullets,
    Chart,
    Document,
    DocumentView,
    Figures,
    HeatCell,
    HeatMap,
    Paragraph,
    Rich,
    Section,
    Table,
    heat_step,
)
from sanctions_gap.render.stylesheet import DOCUMENT_STYLE, PAGE_STYLE
from sanctions_gap.render.svg import line_chart
from sanctions_gap.render.view import Cell, View

_NUM = ' class="num"'
_HEAT_HINT = (
    "members down, categories across; the darker, the stronger. Hover over a cell, or move to "
    "it with Tab, for its level, since when and by which instrument."
)
_STYLE_CLASSES = {"red": "bad", "green": "good", "yellow": "warn", "dim": "muted"}
"""The CSS class for each colour of the terminal's style hints (``bold red`` is ``bad``)."""


def esc(text: str) -> str:
    """Text as HTML: ``& < > " '`` escaped, line breaks kept."""
    return escape(text, quote=True).replace("\n", "<br>")


def safe_href(href: str) -> str | None:
    """The address if it may be a link (``http(s)``, or ``#`` within the page), else None."""
    if href.startswith(("https://", "http://", "#")) and not any(c.isspace() for c in href):
        return href
    return None


def page(title: str, style: str, body: str, generator: str) -> str:
    """A whole HTML page: the style inline, nothing fetched (the icon is an empty data URL)."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        f'<meta name="generator" content="{esc(generator)}">\n'
        '<link rel="icon" href="data:,">\n'
        f"<title>{esc(title)}</title>\n<style>{style}</style>\n</head>\n<body>\n"
        f"{body}\n</body>\n</html>\n"
    )


def render_html(view: View) -> str:
    """The view as a page: the whole document for a ``DocumentView``, else its table."""
    if isinstance(view, DocumentView):
        return render_document(view.document)
    generator = f"sanctions-gap {__version__}"
    # As in Markdown: the columns that carry data (not the terminal's bars or joined cells).
    shown = [i for i, column in enumerate(view.columns) if column.data]
    parts = [f'<header class="top"><h1>{esc(view.title)}</h1></header>', "<main>"]
    if not view.rows:
        parts.append(f"<p>{esc(view.empty)}</p>")
    elif view.layout == "cards":
        parts.extend(_card(view, row, shown) for row in view.rows)
    else:
        parts.append(_view_table(view, shown))
    parts.extend(f'<p class="summary">{esc(line)}</p>' for line in (*view.notes, *view.summary))
    parts.append("</main>")
    footer = view.context.line() if view.context is not None else generator
    parts.append(f"<footer><p>{esc(footer)}</p></footer>")
    return page(view.title, PAGE_STYLE, "\n".join(parts), generator)


def _cell_html(cell: Cell) -> str:
    """A cell's text: a link where it has one, each line that is a web address made a link."""
    href = safe_href(cell.link) if cell.link else None
    if href:
        return f'<a href="{esc(href)}">{esc(cell.text)}</a>'
    return "<br>".join(_line_html(line) for line in cell.text.splitlines())


def _line_html(line: str) -> str:
    href = safe_href(line) if line.startswith("http") else None
    return f'<a href="{esc(href)}">{esc(line)}</a>' if href else esc(line)


def _style_class(cell: Cell, numeric: bool) -> str:
    words = (cell.style or "").split()
    classes = ["num"] if numeric else []
    classes += [_STYLE_CLASSES[word] for word in words if word in _STYLE_CLASSES]
    return f' class="{" ".join(classes)}"' if classes else ""


def _view_table(view: View, shown: list[int]) -> str:
    head = "".join(
        f'<th scope="col"{_NUM if view.columns[i].numeric else ""}>{esc(view.columns[i].header)}'
        "</th>"
        for i in shown
    )
    body = "\n".join(
        "<tr>"
        + "".join(
            f"<td{_style_class(row[i], view.columns[i].numeric)}>{_cell_html(row[i])}</td>"
            for i in shown
        )
        + "</tr>"
        for row in view.rows
    )
    return (
        f'<div class="wide"><table class="data">\n<thead><tr>{head}</tr></thead>\n'
        f"<tbody>\n{body}\n</tbody>\n</table></div>"
    )


def _card(view: View, row: tuple[Cell, ...], shown: list[int]) -> str:
    items = "".join(
        f"<dt>{esc(view.columns[i].header)}</dt><dd>{_cell_html(row[i])}</dd>"
        for i in shown
        if row[i].text
    )
    return f'<article class="card"><dl>{items}</dl></article>'


# ---------------------------------------------------------------------- the report


def rich(spans: Rich) -> str:
    """Text with links; a link's address is used only where ``safe_href`` allows it."""
    out = []
    for span in spans:
        text = esc(span.text)
        if span.strong:
            text = f"<strong>{text}</strong>"
        href = safe_href(span.href) if span.href else None
        if href:
            title = f' title="{esc(span.title)}"' if span.title else ""
            text = f'<a href="{esc(href)}"{title}>{text}</a>'
        out.append(text)
    return "".join(out)


def render_document(document: Document) -> str:
    """The report as one page."""
    toc = "".join(f'<li><a href="#{esc(s.id)}">{esc(s.title)}</a></li>' for s in document.sections)
    body = [
        f'<header class="top"><h1>{esc(document.title)}</h1>',
        f'<p class="stamp">{rich(document.stamp)}</p></header>',
        f'<nav class="toc" aria-label="Contents"><ol>{toc}</ol></nav>',
        "<main>",
        *(_section(section) for section in document.sections),
        "</main>",
    ]
    if document.footer:
        body.append(f"<footer><p>{esc(document.footer)}</p></footer>")
    return page(document.title, DOCUMENT_STYLE, "\n".join(body), document.generator)


def _section(section: Section) -> str:
    ident = esc(section.id)
    blocks = "\n".join(_block(block, f"{section.id}-{i}") for i, block in enumerate(section.blocks))
    return (
        f'<section id="{ident}" aria-labelledby="{ident}-h">\n'
        f'<h2 id="{ident}-h">{esc(section.title)}</h2>\n{blocks}\n</section>'
    )


def _block(block: Block, ident: str) -> str:
    if isinstance(block, Figures):
        items = "".join(
            f'<div class="figure"><dt>{esc(f.label)}</dt><dd class="value">{esc(f.value)}</dd>'
            + (f'<dd class="note">{esc(f.note)}</dd>' if f.note else "")
            + "</div>"
            for f in block.items
        )
        return f'<dl class="figures">{items}</dl>'
    if isinstance(block, Paragraph):
        return f"<p>{rich(block.spans)}</p>"
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{rich(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, Table):
        return table(block)
    if isinstance(block, HeatMap):
        return heat_map(block)
    return chart(block, ident)


def table(block: Table) -> str:
    """A table whose first column heads the rows; cells may hold links."""
    if not block.rows:
        return f"<p>{esc(block.empty)}</p>"
    columns = block.columns
    head = "".join(
        f'<th scope="col"{_NUM if c.numeric else ""}>{esc(c.header)}</th>' for c in columns
    )
    rows = []
    for position, row in enumerate(block.rows):
        cells = []
        for i, (cell, column) in enumerate(zip(row, columns, strict=True)):
            tag = "th" if i == 0 else "td"
            scope = ' scope="row"' if i == 0 else ""
            attrs = scope + (_NUM if column.numeric else "")
            cells.append(f"<{tag}{attrs}>{rich(cell)}</{tag}>")
        marked = ' class="own"' if position in block.marked else ""
        rows.append(f"<tr{marked}>" + "".join(cells) + "</tr>")
    return (
        f'<div class="wide"><table class="data">\n<caption>{esc(block.caption)}</caption>\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody>\n</table></div>"
    )


def heat_class(cell: HeatCell) -> str:
    """The CSS classes of a heat-map cell: its colour step, or unknown or not applicable."""
    if cell.kind == "unknown":
        kind = "unknown"
    elif cell.kind == "not_applicable":
        kind = "na"
    else:
        kind = f"l{heat_step(cell.level or 0.0)}"
    return f"{kind} gap" if cell.gap else kind


def _tip(lines: tuple[str, ...]) -> str:
    return "".join(f"<span>{esc(line)}</span>" for line in lines)


def heat_map(block: HeatMap) -> str:
    """The heat map as a table: each cell a glyph on its colour, its explanation on focus."""
    head = "".join(
        f'<th scope="col" class="cat" title="{esc(key)}"><span>{esc(label)}</span></th>'
        for label, key in zip(block.columns, block.keys, strict=True)
    )
    rows = []
    for row in block.rows:
        cells = "".join(
            f'<td class="{heat_class(cell)}" tabindex="0">'
            f'<span class="g" aria-hidden="true">{esc(cell.glyph)}</span>'
            f'<span class="tip" role="tooltip">{_tip(cell.tip)}</span></td>'
            for cell in row.cells
        )
        own = ' class="own"' if row.own else ""
        rows.append(
            f'<tr{own}><th scope="row" class="member">{esc(row.label)}</th>{cells}'
            f'<td class="total">{esc(row.total)}</td></tr>'
        )
    legend = "".join(
        f'<li><span class="key {heat_class(sample)}" aria-hidden="true">{esc(sample.glyph)}'
        f"</span>{esc(text)}</li>"
        for sample, text in block.legend
    )
    return (
        f'<table class="heat">\n<caption>{esc(block.caption)}: {_HEAT_HINT}</caption>\n'
        f'<thead><tr><th scope="col" class="member">Member</th>{head}'
        f'<th scope="col" class="total">{esc(block.total)}</th></tr></thead>\n<tbody>\n'
        + "\n".join(rows)
        + f'\n</tbody>\n</table>\n<ul class="legend">{legend}</ul>'
    )


def chart(block: Chart, ident: str) -> str:
    """The chart as inline SVG, then its numbers as a table."""
    return (
        f'<figure class="chart">{line_chart(block, ident)}'
        f"<figcaption>{esc(block.desc)}</figcaption></figure>\n{table(block.twin)}"
    )
