"""The gaps opened and closed between two dates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sanctions_gap.render.view import Cell, Column, DataTable, View
from sanctions_gap.render.views.common import iso
from sanctions_gap.render.views.compare import row_annotation

if TYPE_CHECKING:  # the reports are only annotations here: no import cost at run time
    from sanctions_gap.dataset import Dataset
    from sanctions_gap.engine import DiffReport


def diff_view(report: DiffReport, dataset: Dataset, *, repo_prefix: str = "") -> View:
    """The gaps opened and closed between two dates, and those still open; the gaps opened are
    the annotations of the github format."""
    rows = tuple(
        (
            Cell(item.category),
            Cell(item.change, style={"opened": "bold red", "closed": "green"}.get(item.change)),
            Cell(f"{item.before.member_status} → {item.after.member_status}"),
            Cell(
                f"{' '.join(item.before.peers_ahead) or '-'} → "
                f"{' '.join(item.after.peers_ahead) or '-'}"
            ),
            Cell(
                "" if item.after.days_open is None else str(item.after.days_open),
                item.after.days_open,
            ),
        )
        for item in report.items
    )
    counts = report.to_dict()["summary"]
    opened = [item.after for item in report.items if item.change == "opened"]
    return View(
        title=(
            f"{report.member} against {', '.join(report.peers)}: "
            f"{report.start.isoformat()} to {report.end.isoformat()}"
        ),
        columns=(
            Column("category", "Category"),
            Column("change", "Change"),
            Column("member_status", f"{report.member} status", wrap=True),
            Column("peers_ahead", "Peers ahead", wrap=True),
            # Left out of the terminal table: with twelve peers' codes and the longest ids it
            # no longer fit 80 columns, and lost its numbers.
            Column("days_open", "Days open", numeric=True, in_table=False),
        ),
        rows=rows,
        payload=report.to_dict(),
        summary=(
            f"gaps: {counts['gaps_from']} on {report.start.isoformat()}, {counts['gaps_to']} on "
            f"{report.end.isoformat()}; {counts['opened']} opened, {counts['closed']} closed, "
            f"{counts['still_open']} still open",
        ),
        annotations=tuple(
            row_annotation(row, report.member, dataset, repo_prefix, "warning") for row in opened
        ),
        annotates=True,
        empty="No gap on either date.",
        notes=("Days open: --format csv, json or markdown.",),
        data=_data(report),
        context=report.context,
    )


def _data(report: DiffReport) -> DataTable:
    """One row per changed or still-open category, each status and list in its own column."""
    return DataTable(
        (
            "category",
            "change",
            "member_status_from",
            "member_status_to",
            "peers_ahead_from",
            "peers_ahead_to",
            "first_peer_date",
            "days_open",
        ),
        tuple(
            (
                item.category,
                item.change,
                item.before.member_status,
                item.after.member_status,
                ",".join(item.before.peers_ahead) or None,
                ",".join(item.after.peers_ahead) or None,
                iso(item.after.first_peer_date) or None,
                item.after.days_open,
            )
            for item in report.items
        ),
    )
