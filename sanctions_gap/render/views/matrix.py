"""The heat map: categories down, members across, a glyph and a colour per level."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sanctions_gap.models import NOT_APPLICABLE, UNKNOWN
from sanctions_gap.render.view import Cell, Column, View
from sanctions_gap.render.views.common import level_style, number

if TYPE_CHECKING:  # the reports are only annotations here: no import cost at run time
    from sanctions_gap.engine import MatrixReport


GLYPHS = {"full": "●", "partial": "◐", "none": "○", NOT_APPLICABLE: "·", UNKNOWN: "?"}


def _glyph(status: str, level: float | None) -> str:
    if level is None:
        return GLYPHS[status] if status in GLYPHS else "?"
    if level >= 1:
        return GLYPHS["full"]
    return GLYPHS["partial"] if level > 0 else GLYPHS["none"]


def matrix_view(report: MatrixReport) -> View:
    """A heat map: categories down, members across; the glyph and colour give the level."""
    rows = []
    for category in report.categories:
        cells = [Cell(category)]
        for member in report.members:
            cell = report.cell(member, category)
            text = _glyph(cell.status, cell.level) + ("ᵉ" if cell.via else "")
            cells.append(Cell(text, cell.status, level_style(cell.level)))
        rows.append(tuple(cells))
    rows.append(
        (
            Cell("index (0-100)"),
            *(
                Cell(number(report.index[m].value, 0), report.index[m].value)
                for m in report.members
            ),
        )
    )
    return View(
        title=f"Levels on {report.as_of.isoformat()}",
        columns=(
            Column("category", "Category"),
            *(Column(m, m, numeric=False) for m in report.members),
        ),
        rows=tuple(rows),
        payload=report.to_dict(),
        summary=(
            "● strongest level  ◐ partial  ○ none  · not applicable  ? unknown  "
            "ᵉ inherited (for example from the EU)",
        ),
    )
