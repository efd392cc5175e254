"""The heat map: categories down, members across, a glyph and a colour per level."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sanctions_gap.models import NOT_APPLICABLE, UNKNOWN
from sanctions_gap.render.view import Cell, Column, DataTable, View
from sanctions_gap.render.views.common import INHERITED, MARKS_NOTE, SCHEDULED, level_style, number

if TYPE_CHECKING:  # the reports are only annotations here: no import cost at run time
    from sanctions_gap.engine import MatrixReport

GLYPHS = {NOT_APPLICABLE: "·", UNKNOWN: "?"}
"""The glyphs of statuses that are not levels."""
SHADES = ("○", "◔", "◑", "◕", "●")
"""The glyphs of levels, by their position on the scale: none, up to a half, a half, more than
a half, the strongest (so that the steps of a four-level scale look different)."""
LEGEND = (
    "○ none  ◔ below half the scale  ◑ half  ◕ above half  ● the strongest level  "
    f"· not applicable  ? unknown; {MARKS_NOTE}"
)


def glyph(status: str, level: float | None) -> str:
    """The glyph of a status: a shade by its level, or the mark of a status that is not one."""
    if level is None:
        return GLYPHS.get(status, "?")
    if level <= 0:
        return SHADES[0]
    if level >= 1:
        return SHADES[4]
    return SHADES[1] if level < 0.5 else SHADES[2] if level == 0.5 else SHADES[3]


def matrix_view(report: MatrixReport) -> View:
    """A heat map: categories down, members across; the glyph and colour give the level."""
    rows = []
    for category in report.categories:
        cells = [Cell(category)]
        for member in report.members:
            cell = report.cell(member, category)
            text = (
                glyph(cell.status, cell.level)
                + (INHERITED if cell.via else "")
                + (SCHEDULED if cell.scheduled else "")
            )
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
        columns=(Column("category", "Category"), *(Column(m, m) for m in report.members)),
        rows=tuple(rows),
        payload=report.to_dict(),
        notes=(LEGEND,),
        data=DataTable(
            ("member", "category", "status", "level", "via", "scheduled"),
            tuple(
                (c.member, c.category, c.status, c.level, c.via, c.scheduled) for c in report.cells
            ),
        ),
        context=report.context,
    )
