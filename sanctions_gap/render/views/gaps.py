"""Every member of a group with its gaps against the rest, ranked."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from sanctions_gap.render.view import Annotation, Cell, Column, View
from sanctions_gap.render.views.common import number, percent, plural

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
    annotations = []
    for entry in report.entries:
        for item in entry.items:
            record = item.member_source
            annotations.append(
                Annotation(
                    severity,
                    repo_prefix + (record.path if record else dataset.files[entry.member]),
                    record.line if record else 0,
                    f"{entry.member} lags in {item.category}",
                    f"{entry.member} is at {item.member_status}; ahead: "
                    f"{', '.join(item.peers_ahead)}"
                    + (
                        f" since {item.first_peer_date.isoformat()} ({item.days_open} days)"
                        if item.first_peer_date
                        else ""
                    ),
                )
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
            Column("categories", "Gap categories"),
        ),
        rows=rows,
        payload=report.to_dict(),
        summary=(
            f"{plural(total, 'gap')} among {plural(len(report.entries), 'member')} in "
            f"{plural(len(report.categories), 'category')} on {report.as_of.isoformat()} "
            f"({report.date_basis.value} dates)",
        ),
        annotations=tuple(annotations),
    )
