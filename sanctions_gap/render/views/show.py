"""The records themselves, one card each: instrument, exemptions and sources."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sanctions_gap.render.view import Cell, Column, DataTable, Scalar, View
from sanctions_gap.render.views.common import iso, plural, status_text

if TYPE_CHECKING:  # the reports are only annotations here: no import cost at run time
    from sanctions_gap.engine import ShowRecord, ShowReport

DATA_COLUMNS = (
    "member",
    "via",
    "category",
    "status",
    "effective",
    "announced",
    "confirmed",
    "instrument",
    "summary",
    "exemptions",
    "path",
    "line",
    "source_title",
    "source_url",
    "source_citation",
    "source_published",
)
"""The CSV's columns: one row per source of each record, the record's fields repeated."""


def show_view(report: ShowReport) -> View:
    """The member's records with instruments, exemptions and sources."""
    named = ", ".join(report.categories) if report.categories else ""
    title = f"Records of {report.member}" + (f" in {named}" if named else "")
    return View(
        title=title,
        columns=(
            Column("category", "Category"),
            Column("status", "Status"),
            Column("effective", "Effective"),
            Column("confirmed", "Confirmed"),
            Column("announced", "Announced"),
            Column("instrument", "Instrument", wrap=True),
            Column("summary", "Summary", wrap=True),
            Column("exemptions", "Exemptions", wrap=True),
            Column("location", "File"),
            Column("sources", "Sources", wrap=True, block=True),
        ),
        rows=tuple(_cells(item) for item in report.records),
        payload=report.to_dict(),
        summary=(f"{plural(len(report.records), 'record')}",),
        empty="No records: the status is unknown.",
        layout="cards",
        data=DataTable(DATA_COLUMNS, tuple(row for item in report.records for row in _data(item))),
        context=report.context,
    )


def _cells(item: ShowRecord) -> tuple[Cell, ...]:
    record = item.record
    measure = record.measure
    sources = []
    for source in measure.sources:
        citation = (
            f" [{source.citation}]" if source.citation and source.citation != source.title else ""
        )
        published = f" ({source.published.isoformat()})" if source.published else ""
        sources.append(f"• {source.title}{citation}{published}")
        if source.url:
            sources.append(source.url)
    return (
        Cell(measure.category),
        Cell(status_text(measure.status, item.via)),
        Cell(iso(measure.effective)),
        Cell(iso(measure.confirmed)),
        Cell(iso(measure.announced)),
        Cell(measure.instrument or ""),
        Cell(measure.summary),
        Cell(_exemptions(item)),
        Cell(f"{record.path}:{record.line}"),
        Cell("\n".join(sources)),
    )


def _data(item: ShowRecord) -> list[tuple[Scalar, ...]]:
    record = item.record
    measure = record.measure
    head: tuple[Scalar, ...] = (
        record.member,
        item.via,
        measure.category,
        measure.status,
        iso(measure.effective) or None,
        iso(measure.announced) or None,
        iso(measure.confirmed) or None,
        measure.instrument,
        measure.summary,
        _exemptions(item) or None,
        record.path,
        record.line,
    )
    return [(*head, s.title, s.url, s.citation, iso(s.published) or None) for s in measure.sources]


def _exemptions(item: ShowRecord) -> str:
    return "; ".join(
        e.scope + (f" (until {e.until.isoformat()})" if e.until else "")
        for e in item.record.measure.exemptions
    )
