"""The member's index over time against its peers' median, with gaps opened and closed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sanctions_gap.render.view import Cell, Column, View
from sanctions_gap.render.views.common import bar, days_relative, number

if TYPE_CHECKING:  # the reports are only annotations here: no import cost at run time
    from sanctions_gap.engine import TimelineReport


def timeline_view(report: TimelineReport) -> View:
    """The member's index over time against its peers' median, with the gaps opened and closed."""
    rows = tuple(
        (
            Cell(p.date.isoformat()),
            Cell(number(p.index), p.index),
            Cell(number(p.peer_median_index), p.peer_median_index),
            Cell(str(p.gaps), p.gaps, "bold red" if p.gaps else "green"),
            Cell(bar(p.index, p.peer_median_index), None),
        )
        for p in report.points
    )
    events = tuple(f"{e.date.isoformat()}: gap {e.change} in {e.category}" for e in report.events)
    latencies = tuple(
        f"{row.category}: {report.member} reached {row.member_status} "
        f"{days_relative(row.lag_days_first)} the first peer"
        + (
            f" and {days_relative(row.lag_days_median)} the median peer"
            if row.lag_days_median is not None
            else ""
        )
        for row in report.latency
        if row.lag_days_first is not None
    )
    return View(
        title=f"{report.member} against {', '.join(report.peers)}: index over time",
        columns=(
            Column("date", "Date"),
            Column("index", report.member, numeric=True),
            Column("peer_median_index", "Peers' median", numeric=True),
            Column("gaps", "Gaps", numeric=True),
            Column("chart", f"{report.member} index (| = peers' median)", in_table=True),
        ),
        rows=rows,
        payload=report.to_dict(),
        summary=(
            f"gaps open at the start ({report.start.isoformat()}): "
            + (", ".join(report.open_at_start) or "none"),
            *events,
            *latencies,
        ),
    )
