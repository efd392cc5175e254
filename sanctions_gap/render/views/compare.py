"""One member against its peers: one row per category, with who is ahead and since when."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from sanctions_gap.render.view import Annotation, Cell, Column, DataTable, Scalar, View
from sanctions_gap.render.views.common import (
    MARKS_NOTE,
    SCHEDULED,
    STATUS_STYLES,
    gap_annotation,
    iso,
    marked,
    number,
    percent,
    plural,
    repo_path,
    status_text,
)

if TYPE_CHECKING:  # the reports are only annotations here: no import cost at run time
    from sanctions_gap.dataset import Dataset
    from sanctions_gap.engine import CompareReport, CompareRow

DATA_COLUMNS = (
    "category",
    "label",
    "family",
    "gap",
    "member_status",
    "member_level",
    "member_via",
    "member_date",
    "member_scheduled",
    "peers_ahead",
    "peers_applicable",
    "share_ahead",
    "first_peer_date",
    "days_open",
    "peers_unknown",
    "peers_scheduled",
    "lag_days_first",
    "lag_days_median",
    "note",
)
"""The CSV's columns, then one ``status_<PEER>`` column per peer."""


def compare_view(
    report: CompareReport,
    dataset: Dataset,
    *,
    only_gaps: bool = False,
    repo_prefix: str = "",
    severity: Literal["error", "warning", "notice"] = "warning",
) -> View:
    """One row per category: the member's status, who is ahead, since when, for how long.

    At 80 columns the terminal shows the category, the member's status, the peers ahead and
    since when; Markdown adds the share and the days; CSV and JSON carry everything, with
    one status column per peer.
    """
    member = report.member
    rows = [row for row in report.rows if row.gap or not only_gaps]
    payload = report.to_dict()
    if only_gaps:
        payload = {**payload, "rows": [r for r in payload["rows"] if r["gap"]]}
    return View(
        title=f"{member} against {', '.join(report.peers)} on {report.as_of.isoformat()}",
        columns=(
            Column("category", "Category"),
            Column("member_status", member),
            Column("peers_ahead", "Peers ahead", wrap=True),
            Column("share_ahead", "Share", numeric=True, in_table=False),
            Column("first_peer_date", "Since"),
            Column("days_open", "Days", numeric=True, in_table=False),
        ),
        rows=tuple(_cells(row) for row in rows),
        payload=payload,
        summary=(_headline(report),),
        annotations=tuple(
            row_annotation(row, member, dataset, repo_prefix, severity) for row in report.gaps
        ),
        annotates=True,
        empty="No gaps." if only_gaps else "No categories.",
        data=DataTable(
            (*DATA_COLUMNS, *(f"status_{peer}" for peer in report.peers)),
            tuple(_data(row, report.peers) for row in rows),
        ),
        notes=(
            f"Since: when the first peer ahead moved above {member}'s level. {MARKS_NOTE}. "
            "Shares, days and each peer's status: --format csv, json or markdown.",
        ),
        context=report.context,
    )


def _cells(row: CompareRow) -> tuple[Cell, ...]:
    scheduled = set(row.peers_scheduled)
    return (
        Cell(row.category),
        Cell(
            marked(row.member_status, row.member_via, row.member_scheduled),
            row.member_status,
            "bold red" if row.gap else STATUS_STYLES.get(row.member_status, "green"),
        ),
        Cell(
            " ".join(p + (SCHEDULED if p in scheduled else "") for p in row.peers_ahead),
            ",".join(row.peers_ahead),
        ),
        Cell(percent(row.share_ahead), row.share_ahead),
        Cell(iso(row.first_peer_date)),
        Cell("" if row.days_open is None else str(row.days_open), row.days_open),
    )


def _data(row: CompareRow, peers: tuple[str, ...]) -> tuple[Scalar, ...]:
    values: dict[str, Scalar] = {
        "category": row.category,
        "label": row.label,
        "family": row.family,
        "gap": row.gap,
        "member_status": row.member_status,
        "member_level": row.member_level,
        "member_via": row.member_via,
        "member_date": iso(row.member_date) or None,
        "member_scheduled": row.member_scheduled,
        "peers_ahead": ",".join(row.peers_ahead) or None,
        "peers_applicable": row.peers_applicable,
        "share_ahead": row.share_ahead,
        "first_peer_date": iso(row.first_peer_date) or None,
        "days_open": row.days_open,
        "peers_unknown": ",".join(row.peers_unknown) or None,
        "peers_scheduled": ",".join(row.peers_scheduled) or None,
        "lag_days_first": row.lag_days_first,
        "lag_days_median": row.lag_days_median,
        "note": row.note,
    }
    return (*(values[key] for key in DATA_COLUMNS), *(row.peer_status[p] for p in peers))


def _headline(report: CompareReport) -> str:
    summary = report.summary()
    return (
        f"{report.member} vs {', '.join(report.peers)} on {report.as_of.isoformat()} "
        f"({report.date_basis.value} dates): {plural(summary['gaps'], 'gap')} in "
        f"{plural(summary['categories'], 'category')}; index {number(summary['index'])} vs "
        f"peers' median {number(summary['peer_median_index'])} "
        f"(coverage {percent(summary['coverage'])}); {plural(summary['unknown'], 'unknown cell')}"
    )


def row_annotation(
    row: CompareRow,
    member: str,
    dataset: Dataset,
    repo_prefix: str,
    severity: Literal["error", "warning", "notice"],
) -> Annotation:
    """The annotation of a gap of a comparison, at the record behind the member's status."""
    record = row.member_source
    return gap_annotation(
        severity,
        repo_path(repo_prefix, record.path if record else dataset.files[member]),
        record.line if record else 0,
        member,
        row.category,
        status_text(row.member_status, row.member_via),
        ", ".join(f"{p} ({row.peer_status[p]})" for p in row.peers_ahead),
        row.first_peer_date,
        row.days_open,
    )
