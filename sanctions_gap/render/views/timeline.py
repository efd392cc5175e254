"""The member's index over time against its peers' median, with gaps opened and closed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from sanctions_gap.render.view import Cell, Column, View
from sanctions_gap.render.views.common import bar, days_relative, number

if TYPE_CHECKING:  # the reports are only annotations here: no import cost at run time
    from sanctions_gap.engine import TimelineReport

LATENCY_NOTE = (
    "After first, after median: the days the member reached its level after the first and the "
    "median peer that did (negative: before them)."
)

Part = Literal["points", "events", "latency"]
"""The tables of a timeline: the index over time, the gaps opened and closed, the latency."""


def timeline_view(report: TimelineReport, part: Part = "points") -> View:
    """One of the timeline's tables (JSON always carries all three), with the others in words."""
    columns, rows = {
        "points": _points,
        "events": _events,
        "latency": _latency,
    }[part](report)
    return View(
        title=f"{report.member} against {', '.join(report.peers)}: "
        + {"points": "index over time", "events": "gaps opened and closed", "latency": "latency"}[
            part
        ],
        columns=columns,
        rows=rows,
        payload=report.to_dict(),
        summary=_summary(report) if part == "points" else (),
        notes=(
            *((LATENCY_NOTE,) if part == "latency" else ()),
            "The other tables: --table points, events or latency (JSON carries all three).",
        ),
        empty={"points": "No dates.", "events": "No gap opened or closed.", "latency": "None."}[
            part
        ],
        context=report.context,
    )


def _points(report: TimelineReport) -> tuple[tuple[Column, ...], tuple[tuple[Cell, ...], ...]]:
    columns = (
        Column("date", "Date"),
        Column("index", report.member, numeric=True),
        Column("peer_median_index", "Peers' median", numeric=True),
        Column("gaps", "Gaps", numeric=True),
        Column("chart", f"{report.member} index (| = peers' median)", data=False),
    )
    rows = tuple(
        (
            Cell(p.date.isoformat()),
            Cell(number(p.index), p.index),
            Cell(number(p.peer_median_index), p.peer_median_index),
            Cell(str(p.gaps), p.gaps, "bold red" if p.gaps else "green"),
            Cell(bar(p.index, p.peer_median_index)),
        )
        for p in report.points
    )
    return columns, rows


def _events(report: TimelineReport) -> tuple[tuple[Column, ...], tuple[tuple[Cell, ...], ...]]:
    columns = (Column("date", "Date"), Column("category", "Category"), Column("change", "Gap"))
    rows = tuple(
        (
            Cell(e.date.isoformat()),
            Cell(e.category),
            Cell(e.change, style="bold red" if e.change == "opened" else "green"),
        )
        for e in report.events
    )
    return columns, rows


def _latency(report: TimelineReport) -> tuple[tuple[Column, ...], tuple[tuple[Cell, ...], ...]]:
    columns = (
        Column("category", "Category"),
        Column("member_status", report.member),
        # Short headings: with the longest category and level ids, the table still fits 80
        # columns; the note says what they count.
        Column("lag_days_first", "After first", numeric=True),
        Column("lag_days_median", "After median", numeric=True),
    )
    rows = tuple(
        (
            Cell(row.category),
            Cell(row.member_status),
            Cell(str(row.lag_days_first), row.lag_days_first),
            Cell(
                "" if row.lag_days_median is None else str(row.lag_days_median),
                row.lag_days_median,
            ),
        )
        for row in report.latency
        if row.lag_days_first is not None
    )
    return columns, rows


def _summary(report: TimelineReport) -> tuple[str, ...]:
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
    return (
        f"gaps open at the start ({report.start.isoformat()}): "
        + (", ".join(report.open_at_start) or "none"),
        *events,
        *latencies,
    )
