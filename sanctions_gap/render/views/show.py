"""The records themselves, one card each: instrument, exemptions and sources."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sanctions_gap.render.view import Cell, Column, View
from sanctions_gap.render.views.common import plural, status_text

if TYPE_CHECKING:  # the reports are only annotations here: no import cost at run time
    from sanctions_gap.engine import ShowReport


def show_view(report: ShowReport) -> View:
    """The member's records with instruments, exemptions and sources."""
    rows = []
    for item in report.records:
        record = item.record
        measure = record.measure
        confirmed = measure.confirmed.isoformat() if measure.confirmed else "?"
        when = (
            measure.effective.isoformat()
            if measure.effective
            else f"standing (confirmed {confirmed})"
        )
        exemptions = "\n".join(
            e.scope + (f" (until {e.until.isoformat()})" if e.until else "")
            for e in measure.exemptions
        )
        sources = [
            s.title
            + (f" <{s.url}>" if s.url else "")
            + (f" [{s.citation}]" if s.citation and s.citation != s.title else "")
            for s in measure.sources
        ]
        rows.append(
            (
                Cell(measure.category),
                Cell(status_text(measure.status, item.via)),
                Cell(when),
                Cell(measure.announced.isoformat() if measure.announced else ""),
                Cell(measure.instrument or ""),
                Cell(measure.summary),
                # One per line for people; "; "-separated in CSV cells.
                Cell(exemptions, exemptions.replace("\n", "; ") or None),
                Cell("\n".join(f"• {source}" for source in sources), "; ".join(sources)),
                Cell(f"{record.path}:{record.line}"),
            )
        )
    title = f"Records of {report.member}" + (f" in {report.category}" if report.category else "")
    return View(
        title=title,
        columns=(
            Column("category", "Category"),
            Column("status", "Status"),
            Column("effective", "Effective"),
            Column("announced", "Announced"),
            Column("instrument", "Instrument"),
            Column("summary", "Summary"),
            Column("exemptions", "Exemptions"),
            Column("sources", "Sources"),
            Column("location", "File"),
        ),
        rows=tuple(rows),
        payload=report.to_dict(),
        summary=(f"{plural(len(rows), 'record')}",),
        empty="No records: the status is unknown.",
        layout="cards",
    )
