"""Every member of a group with its gaps against the rest, ranked."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from sanctions_gap.render.view import Annotation, Cell, Column, DataTable, Scalar, View
from sanctions_gap.render.views.common import (
    gap_annotation,
    iso,
    number,
    percent,
    plural,
    repo_path,
)

if TYPE_CHECKING:  # the reports are only annotations here: no import cost at run time
    from sanctions_gap.dataset import Dataset
    from sanctions_gap.engine import GapsReport


def gaps_view(
    report: GapsReport,
    dataset: Dataset,
    *,
    repo_prefix: str = "",
    severity: Literal["error", "warning", "notice"] = "warning",
) -> View:
    """Each member of the group with its gaps against the rest, ranked: who lags most."""
    rows = tuple(
        (
            Cell(str(entry.rank), entry.rank),
            Cell(entry.member),
            Cell(str(len(entry.items)), len(entry.items), "bold red" if entry.items else "green"),
            Cell(number(entry.index), entry.index),
            Cell(percent(entry.coverage), entry.coverage),
            Cell(", ".join(item.category for item in entry.items)),
        )
        for entry in report.entries
    )
    total = sum(len(entry.items) for entry in report.entries)
    return View(
        title=f"Gaps within {', '.join(report.members)} on {report.as_of.isoformat()}",
        columns=(
            Column("rank", "Rank", numeric=True),
            Column("member", "Member"),
            Column("gaps", "Gaps", numeric=True),
            Column("index", "Index", numeric=True),
            Column("coverage", "Coverage", numeric=True),
            Column("categories", "Gap categories", wrap=True),
        ),
        rows=rows,
        payload=report.to_dict(),
        summary=(
            f"{plural(total, 'gap')} among {plural(len(report.entries), 'member')} in "
            f"{plural(len(report.categories), 'category')} on {report.as_of.isoformat()} "
            f"({report.date_basis.value} dates)",
        ),
        annotations=_annotations(report, dataset, repo_prefix, severity),
        annotates=True,
        data=_data(report),
        notes=("Members tied on gaps and index share a rank.",),
        context=report.context,
    )


def _data(report: GapsReport) -> DataTable:
    """One row per member and gap (a member without gaps: one row, no category)."""
    rows: list[tuple[Scalar, ...]] = []
    for entry in report.entries:
        head = (entry.rank, entry.member, len(entry.items), entry.index, entry.coverage)
        if not entry.items:
            rows.append((*head, None, None, None, None, None, None, None))
        rows.extend(
            (
                *head,
                item.category,
                item.member_status,
                item.member_level,
                ",".join(item.peers_ahead),
                item.share_ahead,
                iso(item.first_peer_date) or None,
                item.days_open,
            )
            for item in entry.items
        )
    columns = ("rank", "member", "gaps", "index", "coverage", "category", "member_status")
    more = ("member_level", "peers_ahead", "share_ahead", "first_peer_date", "days_open")
    return DataTable((*columns, *more), tuple(rows))


def _annotations(
    report: GapsReport,
    dataset: Dataset,
    repo_prefix: str,
    severity: Literal["error", "warning", "notice"],
) -> tuple[Annotation, ...]:
    found = []
    for entry in report.entries:
        for item in entry.items:
            record = item.member_source
            found.append(
                gap_annotation(
                    severity,
                    repo_path(repo_prefix, record.path if record else dataset.files[entry.member]),
                    record.line if record else 0,
                    entry.member,
                    item.category,
                    item.member_status,
                    ", ".join(item.peers_ahead),
                    item.first_peer_date,
                    item.days_open,
                )
            )
    return tuple(found)
