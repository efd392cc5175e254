"""How complete the dataset is, and how well it is sourced, member by member."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sanctions_gap.coverage import SOURCE_COLUMNS
from sanctions_gap.render.view import Cell, Column, View
from sanctions_gap.render.views.common import percent, plural

if TYPE_CHECKING:  # the reports are only annotations here: no import cost at run time
    from sanctions_gap.coverage import CoverageReport, SourceQuality


def coverage_view(report: CoverageReport) -> View:
    """Per member: recorded, inherited, not applicable and unknown cells; sources; review age."""
    rows = tuple(
        (
            Cell(m.member),
            Cell(str(m.records), m.records),
            Cell(str(m.with_url), m.with_url),
            Cell(str(m.citation_only), m.citation_only),
            Cell(str(m.recorded), m.recorded),
            Cell(str(m.inherited), m.inherited),
            Cell(str(m.not_applicable), m.not_applicable),
            Cell(str(m.unknown), m.unknown, "bold red" if m.unknown else "green"),
            Cell(", ".join(m.unknown_categories)),
            Cell(m.reviewed.isoformat()),
            Cell(str(m.age_days), m.age_days),
            *_quality_cells(m.quality),
        )
        for m in report.members
    )
    cells = len(report.members) * len(report.categories)
    summary = (
        f"{plural(report.unknown_cells, 'unknown cell')} of {cells} "
        f"({plural(len(report.members), 'member')} x "
        f"{plural(len(report.categories), 'category')}), as of {report.as_of.isoformat()}",
        "Cells: Own = own records, Inh. = inherited only, N/A = not applicable, Unk. = unknown. "
        "Records citing a URL or only citations, review dates and their age, sources by kind: "
        "--format csv, json or markdown.",
    )
    quality: tuple[str, ...] = ()
    if report.dated is not None and report.dated_official is not None:
        share = report.dated_official / report.dated if report.dated else None
        quality = (
            f"official sources: {report.dated_official} of {plural(report.dated, 'dated record')}"
            f" ({percent(share)}). Off. = dated records with an official source, Weak = records "
            "resting only on state-affiliated or other sources",
        )
    return View(
        title="Dataset coverage",
        columns=(
            Column("member", "Member"),
            Column("records", "Records", numeric=True),
            Column("with_url", "URL", numeric=True, in_table=False),
            Column("citation_only", "Cit.", numeric=True, in_table=False),
            Column("recorded", "Own", numeric=True),
            Column("inherited", "Inh.", numeric=True),
            Column("not_applicable", "N/A", numeric=True),
            Column("unknown", "Unk.", numeric=True),
            Column("unknown_categories", "Unknown categories", wrap=True),
            Column("reviewed", "Reviewed", in_table=False),
            Column("age_days", "Age", numeric=True, in_table=False),
            *(_QUALITY_COLUMNS if report.dated is not None else ()),
        ),
        rows=rows,
        payload=report.to_dict(),
        summary=summary + quality,
        context=report.context,
    )


_QUALITY_COLUMNS = (
    Column("dated", "Dated", numeric=True, in_table=False),
    Column("dated_official", "Official", numeric=True, in_table=False),
    Column("official_share", "Off.", numeric=True),
    Column("waived", "Waived", numeric=True, in_table=False),
    Column("weak_only", "Weak", numeric=True),
    *(
        Column(f"sources_{kind}", f"Sources: {kind}", numeric=True, in_table=False)
        for kind in SOURCE_COLUMNS
    ),
    Column("oldest_confirmed", "Oldest confirmed", in_table=False),
)


def _quality_cells(quality: SourceQuality | None) -> tuple[Cell, ...]:
    """The source-quality cells of a coverage row (empty where there is no `sources.yaml`)."""
    if quality is None:
        return ()
    share = quality.official_share
    return (
        Cell(str(quality.dated), quality.dated),
        Cell(str(quality.dated_official), quality.dated_official),
        Cell(percent(share), share, "green" if share is not None and share >= 0.85 else "red"),
        Cell(str(quality.waived), quality.waived),
        Cell(str(quality.weak_only), quality.weak_only, "bold red" if quality.weak_only else None),
        *(Cell(str(quality.sources[kind]), quality.sources[kind]) for kind in SOURCE_COLUMNS),
        Cell(quality.oldest_confirmed.isoformat() if quality.oldest_confirmed else ""),
    )
