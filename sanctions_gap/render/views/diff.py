"""The gaps opened and closed between two dates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sanctions_gap.render.view import Cell, Column, View

if TYPE_CHECKING:  # the reports are only annotations here: no import cost at run time
    from sanctions_gap.engine import DiffReport


def diff_view(report: DiffReport) -> View:
    """The gaps opened and closed between two dates, and those still open."""
    rows = tuple(
        (
            Cell(item.category),
            Cell(item.change, style={"opened": "bold red", "closed": "green"}.get(item.change)),
            Cell(f"{item.before.member_status} → {item.after.member_status}"),
            Cell(
                f"{', '.join(item.before.peers_ahead) or '-'} → "
                f"{', '.join(item.after.peers_ahead) or '-'}"
            ),
            Cell(
                "" if item.after.days_open is None else str(item.after.days_open),
                item.after.days_open,
            ),
        )
        for item in report.items
    )
    counts = report.to_dict()["summary"]
    return View(
        title=(
            f"{report.member} against {', '.join(report.peers)}: "
            f"{report.start.isoformat()} to {report.end.isoformat()}"
        ),
        columns=(
            Column("category", "Category"),
            Column("change", "Change"),
            Column("member_status", f"{report.member} status"),
            Column("peers_ahead", "Peers ahead"),
            Column("days_open", "Days open", numeric=True),
        ),
        rows=rows,
        payload=report.to_dict(),
        summary=(
            f"gaps: {counts['gaps_from']} on {report.start.isoformat()}, {counts['gaps_to']} on "
            f"{report.end.isoformat()}; {counts['opened']} opened, {counts['closed']} closed, "
            f"{counts['still_open']} still open",
        ),
        empty="No gap on either date.",
    )
