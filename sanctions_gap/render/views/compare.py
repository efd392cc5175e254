"""One member against its peers: one row per category, with who is ahead and since when."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from sanctions_gap.render.view import Annotation, Cell, Column, View
from sanctions_gap.render.views.common import STATUS_STYLES, number, percent, plural, status_text

if TYPE_CHECKING:  # the reports are only annotations here: no import cost at run time
    from sanctions_gap.dataset import Dataset
    from sanctions_gap.engine import CompareReport, CompareRow


def compare_view(
    report: CompareReport,
    dataset: Dataset,
    *,
    only_gaps: bool = False,
    repo_prefix: str = "",
    severity: Literal["error", "warning", "notice"] = "warning",
) -> View:
    """One row per category: the member's status, who is ahead, since when, for how long."""
    member = report.member
    payload = report.to_dict()
    if only_gaps:
        payload = {**payload, "rows": [r for r in payload["rows"] if r["gap"]]}
    return View(
        title=f"{member} against {', '.join(report.peers)} on {report.as_of.isoformat()}",
        columns=(
            Column("category", "Category"),
            Column("member_status", member),
            Column("member_date", f"{member} since", in_table=False),
            Column("peers_ahead", "Peers ahead"),
            Column("share_ahead", "Share", numeric=True),
            Column("first_peer_date", "Open since"),
            Column("days_open", "Days", numeric=True),
            Column("family", "Family", in_table=False),
            Column("member_level", "Level", numeric=True, in_table=False),
            Column("peer_status", "Peers", in_table=False),
            Column("peers_unknown", "Unknown peers", in_table=False),
            Column("lag_days_first", "Lag (first)", numeric=True, in_table=False),
            Column("lag_days_median", "Lag (median)", numeric=True, in_table=False),
            Column("note", "Note", in_table=False),
        ),
        rows=tuple(_cells(row) for row in report.rows if row.gap or not only_gaps),
        payload=payload,
        summary=(_headline(report),),
        annotations=tuple(
            _annotation(report, row, dataset, repo_prefix, severity) for row in report.gaps
        ),
        empty="No gaps." if only_gaps else "No categories.",
    )


def _cells(row: CompareRow) -> tuple[Cell, ...]:
    return (
        Cell(row.category),
        Cell(
            # The member's own date stands under its status in the table (a column of its
            # own in CSV and JSON), to keep the table within 80 columns.
            status_text(row.member_status, row.member_via)
            + (f"\n{row.member_date.isoformat()}" if row.member_date else ""),
            row.member_status,
            "bold red" if row.gap else STATUS_STYLES.get(row.member_status, "green"),
        ),
        Cell(row.member_date.isoformat() if row.member_date else ""),
        Cell(" ".join(row.peers_ahead), ",".join(row.peers_ahead)),
        Cell(percent(row.share_ahead), row.share_ahead),
        Cell(row.first_peer_date.isoformat() if row.first_peer_date else ""),
        Cell("" if row.days_open is None else str(row.days_open), row.days_open),
        Cell(row.family),
        Cell("" if row.member_level is None else f"{row.member_level:g}", row.member_level),
        Cell(", ".join(f"{p}={s}" for p, s in sorted(row.peer_status.items()))),
        Cell(", ".join(row.peers_unknown)),
        Cell("" if row.lag_days_first is None else str(row.lag_days_first), row.lag_days_first),
        Cell(
            "" if row.lag_days_median is None else f"{row.lag_days_median:g}",
            row.lag_days_median,
        ),
        Cell(row.note or ""),
    )


def _headline(report: CompareReport) -> str:
    summary = report.summary()
    return (
        f"{report.member} vs {', '.join(report.peers)} on {report.as_of.isoformat()} "
        f"({report.date_basis.value} dates): {plural(summary['gaps'], 'gap')} in "
        f"{plural(summary['categories'], 'category')}; index {number(summary['index'])} vs "
        f"peers' median {number(summary['peer_median_index'])} "
        f"(coverage {percent(summary['coverage'])}); {plural(summary['unknown'], 'unknown cell')}"
    )


def _annotation(
    report: CompareReport,
    row: CompareRow,
    dataset: Dataset,
    repo_prefix: str,
    severity: Literal["error", "warning", "notice"],
) -> Annotation:
    member = report.member
    record = row.member_source
    return Annotation(
        severity,
        repo_prefix + (record.path if record else dataset.files[member]),
        record.line if record else 0,
        f"{member} lags in {row.category}",
        f"{member} is at {status_text(row.member_status, row.member_via)}; ahead: "
        + ", ".join(f"{p} ({row.peer_status[p]})" for p in row.peers_ahead)
        + (
            f", since {row.first_peer_date.isoformat()} ({row.days_open} days)"
            if row.first_peer_date
            else ""
        ),
    )
