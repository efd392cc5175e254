"""The report's pictures and appendices: the heat map, the timeline, entity gaps, coding rules."""

from __future__ import annotations

import bisect
import datetime as dt
from typing import TYPE_CHECKING

from sanctions_gap.models import NOT_APPLICABLE, UNKNOWN
from sanctions_gap.render.document import (
    Chart,
    HeatCell,
    HeatKind,
    HeatMap,
    HeatRow,
    Mark,
    Paragraph,
    Rich,
    Section,
    Series,
    Span,
    Table,
    heat_step,
    plain,
)
from sanctions_gap.render.view import Column
from sanctions_gap.render.views.common import INHERITED, SCHEDULED, number, plural

if TYPE_CHECKING:  # the reports are only annotations here: no import cost at run time
    from sanctions_gap.dataset import Dataset
    from sanctions_gap.engine.briefing import Briefing, Milestone
    from sanctions_gap.engine.heatmap import MatrixCell
    from sanctions_gap.engine.timelines import TimelinePoint
    from sanctions_gap.entities.answer import EntityReport

HARVEY = ("○", "◔", "◑", "◕", "●")
"""The glyph of each step of the heat map (Harvey balls): none, a quarter, ... the strongest."""
UNKNOWN_GLYPH, NOT_APPLICABLE_GLYPH = "?", "\u2013"  # an en dash
ENTITY_ROWS = 50
"""How many entity-level gaps the report lists (the counts cover all)."""


def _glyph(cell: MatrixCell) -> tuple[str, HeatKind]:
    """The glyph and the kind of a cell, with its marks (inherited, adopted for later)."""
    marks = (INHERITED if cell.via else "") + (SCHEDULED if cell.scheduled else "")
    if cell.status == UNKNOWN or (cell.level is None and cell.status != NOT_APPLICABLE):
        return UNKNOWN_GLYPH, "unknown"
    if cell.status == NOT_APPLICABLE:
        return NOT_APPLICABLE_GLYPH + marks, "not_applicable"
    return HARVEY[heat_step(cell.level or 0.0)] + marks, "level"


def _tip(report: Briefing, dataset: Dataset, member: str, category: str) -> tuple[str, ...]:
    """What a cell says on hover and focus: the level, since when, the instrument, a gap."""
    cell = report.matrix.cell(member, category)
    scale = dataset.categories[category]
    lines = [f"{member} · {scale.label}"]
    if cell.status == UNKNOWN:
        return (*lines, "Unknown: the dataset has no record for this.")
    record = report.records[(member, category)]
    if cell.status == NOT_APPLICABLE:
        lines.append("Not applicable to this member")
    else:
        position = scale.level_ids.index(cell.status)
        lines.append(f"Level: {cell.status} ({position} of {len(scale.levels) - 1})")
    if cell.via:
        lines.append(f"Inherited from {cell.via}")
    if cell.scheduled:
        lines.append("Adopted for later: effective after the data's review date")
    if record is not None:
        start = record.start(report.date_basis)
        confirmed = record.measure.confirmed
        if start is not None:
            lines.append(f"Since {start.isoformat()}")
        elif confirmed is not None:
            lines.append(f"Standing, confirmed {confirmed.isoformat()}")
        if record.measure.instrument:
            lines.append(f"Instrument: {record.measure.instrument}")
    if member == report.member:
        row = next(r for r in report.compare.rows if r.category == category)
        if row.gap:
            lines.append(f"Gap: {', '.join(row.peers_ahead)} ahead")
    return tuple(lines)


def _legend(member: str) -> tuple[tuple[HeatCell, str], ...]:
    names = (
        "none",
        "low (a quarter or a third of the scale)",
        "half of the scale",
        "high (two thirds or three quarters)",
        "the strongest level",
    )
    levels = tuple(
        (HeatCell(glyph, "level", step / 4, False, ()), text)
        for step, (glyph, text) in enumerate(zip(HARVEY, names, strict=True))
    )
    return (
        *levels,
        (HeatCell(UNKNOWN_GLYPH, "unknown", None, False, ()), "unknown (no record)"),
        (HeatCell(NOT_APPLICABLE_GLYPH, "not_applicable", None, False, ()), "not applicable"),
        (HeatCell(HARVEY[0], "level", 0.0, True, ()), f"a gap of {member}"),
        (HeatCell(HARVEY[-1] + INHERITED, "level", 1.0, False, ()), "inherited (from the EU)"),
        (
            HeatCell(HARVEY[-1] + SCHEDULED, "level", 1.0, False, ()),
            "adopted for later (effective after the data's review date)",
        ),
    )


def heat_map_section(report: Briefing, dataset: Dataset) -> Section:
    """Every member of the group in every category on the date."""
    heat = report.matrix
    gaps = {row.category for row in report.compare.gaps}
    rows = []
    for member in heat.members:
        cells = []
        for category in heat.categories:
            cell = heat.cell(member, category)
            glyph, kind = _glyph(cell)
            gap = member == report.member and category in gaps
            tip = _tip(report, dataset, member, category)
            cells.append(HeatCell(glyph, kind, cell.level, gap, tip))
        own = member == report.member
        label = f"{member} ▸" if own else member
        rows.append(HeatRow(label, tuple(cells), number(heat.index[member].value, 0), own))
    block = HeatMap(
        f"Levels on {heat.as_of.isoformat()}",
        tuple(dataset.categories[c].label for c in heat.categories),
        heat.categories,
        "Index",
        tuple(rows),
        _legend(report.member),
    )
    return Section("heatmap", "Every member, every category", (block,))


def _measures(milestones: tuple[Milestone, ...], dataset: Dataset) -> dict[dt.date, str]:
    """The member's level changes of each day, as one line."""
    days: dict[dt.date, list[str]] = {}
    for m in milestones:
        via = f" (via {m.via})" if m.via else ""
        days.setdefault(m.date, []).append(
            f"{dataset.categories[m.category].label}: {m.status}{via}"
        )
    return {day: "; ".join(found) for day, found in days.items()}


def _twin(report: Briefing, measures: dict[dt.date, str]) -> Table:
    steps = report.steps
    dates = sorted({p.date for p in steps} | set(measures))
    starts = [p.date for p in steps]
    rows = []
    for date in dates:
        point: TimelinePoint = steps[max(0, bisect.bisect_right(starts, date) - 1)]
        rows.append(
            (
                plain(date.isoformat()),
                plain(number(point.index)),
                plain(number(point.peer_median_index)),
                plain(str(point.gaps)),
                plain(measures.get(date, "")),
            )
        )
    member = report.member
    return Table(
        f"The chart's numbers: each row holds until the next; {member}'s measures on the day",
        (
            Column("date", "From"),
            Column("index", f"{member}'s index", numeric=True),
            Column("median", "Peers' median", numeric=True),
            Column("gaps", "Gaps", numeric=True),
            Column("measures", f"{member}'s levels that changed"),
        ),
        tuple(rows),
    )


def timeline_section(report: Briefing, dataset: Dataset) -> Section:
    """The member's index and its peers' median over time, drawn, and as a table."""
    member = report.member
    steps = report.steps
    timeline = report.timeline
    measures = _measures(report.milestones, dataset)
    first, last = steps[0], steps[-1]
    desc = (
        f"{member}'s stringency index went from {number(first.index)} on "
        f"{timeline.start.isoformat()} to {number(last.index)} on {timeline.end.isoformat()}; "
        f"the peers' median from {number(first.peer_median_index)} to "
        f"{number(last.peer_median_index)}."
        + (f" Red ticks under the axis mark the days of {member}'s measures." if measures else "")
        + " The table below gives every change."
    )
    chart = Chart(
        f"{member}'s stringency index against the peers' median, {timeline.start.isoformat()} "
        f"to {timeline.end.isoformat()}",
        desc,
        timeline.start,
        timeline.end,
        (
            Series(member, tuple((p.date, p.index) for p in steps)),
            Series("Peers' median", tuple((p.date, p.peer_median_index) for p in steps)),
        ),
        tuple(Mark(day, f"{day.isoformat()}: {text}") for day, text in measures.items()),
        _twin(report, measures),
        f"{member}'s measures",
    )
    return Section("timeline", "Over time", (chart,))


def entities_section(entities: EntityReport) -> Section:
    """The Russia-linked entities the peers list and the member does not (the first ones)."""
    member = entities.member
    counts = entities.schema_counts()
    rows = tuple(
        (
            (Span(row.caption, href=row.url, title="OpenSanctions"),),
            plain(row.schema),
            plain(" ".join(row.peers)),
            plain(row.since or ""),
            plain("; ".join(m.id for m in row.matches)),
        )
        for row in entities.rows[:ENTITY_ROWS]
    )
    shown = (
        f"the first {len(rows)} of {len(entities.rows)}"
        if len(entities.rows) > len(rows)
        else "all"
    )
    intro = Paragraph(
        plain(
            f"{plural(len(entities.rows), 'Russia-linked entity')} listed by at least "
            f"{plural(entities.min_peers, 'peer')} and not by {member} "
            f"({', '.join(f'{group} {n}' for group, n in counts.items())}), read from "
            f"{entities.source['name']}; {shown} below (sanctions-gap entities lists every one)."
        )
    )
    table = Table(
        f"Entities the peers list and {member} does not",
        (
            Column("entity", "Entity"),
            Column("schema", "Type"),
            Column("peers", "Peers"),
            Column("since", "Since"),
            Column("matches", f"Possible {member} match"),
        ),
        rows,
    )
    return Section("entities", "Entities the peers list", (intro, table))


def coding_rules_section(dataset: Dataset) -> Section:
    """What each level of each category means: the rules the data is coded by."""
    rows: list[tuple[Rich, ...]] = []
    for category in dataset.categories.values():
        levels = "\n".join(f"{level.id}: {level.description}" for level in category.levels)
        note = category.not_applicable_when
        rows.append(
            (
                (Span(category.label, strong=True), Span(f"\n{category.id} ({category.family})")),
                plain(category.description),
                plain(levels + (f"\nnot applicable: {note}" if note else "")),
            )
        )
    intro = Paragraph(
        plain(
            "The levels of each category, weakest first, as data/README.md of the dataset gives "
            "them; a record's status is one of them, or not applicable."
        )
    )
    table = Table(
        "Coding rules, category by category",
        (
            Column("category", "Category"),
            Column("covers", "What it covers"),
            Column("levels", "Levels, weakest first"),
        ),
        tuple(rows),
    )
    return Section("coding-rules", "Coding rules", (intro, table))
