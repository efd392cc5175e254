"""Each member's stringency index and the coverage it rests on, highest first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sanctions_gap.render.view import Cell, Column, View
from sanctions_gap.render.views.common import bar, number, percent, plural

if TYPE_CHECKING:  # the reports are only annotations here: no import cost at run time
    from sanctions_gap.engine import IndexReport


def index_view(report: IndexReport) -> View:
    """Each member's stringency index (0-100) and the coverage it rests on, highest first."""
    rows = tuple(
        (
            Cell(r.member),
            Cell(number(r.value), r.value),
            Cell(bar(r.value, report.median)),
            Cell(percent(r.coverage), r.coverage),
            Cell(str(r.known), r.known),
            Cell(str(r.not_applicable), r.not_applicable),
            Cell(str(r.unknown), r.unknown, "bold red" if r.unknown else None),
        )
        for r in report.results
    )
    return View(
        title=f"Stringency index on {report.as_of.isoformat()}",
        columns=(
            Column("member", "Member"),
            Column("index", "Index", numeric=True),
            Column("chart", "Index (| = median)", data=False),
            Column("coverage", "Coverage", numeric=True),
            Column("known", "Known", numeric=True),
            Column("not_applicable", "N/A", numeric=True),
            Column("unknown", "Unknown", numeric=True),
        ),
        rows=rows,
        payload=report.to_dict(),
        summary=(
            f"median index {number(report.median)} over {plural(len(rows), 'member')} "
            f"({report.date_basis.value} dates); the index is the weighted mean of the known, "
            "applicable levels (0 = none anywhere, 100 = the strongest level everywhere)",
        ),
        context=report.context,
    )
