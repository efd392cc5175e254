"""Build the ``View`` of the entity-level reports: gaps in one export, changes between two."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from sanctions_gap.render.view import Annotation, Cell, Column, View

if TYPE_CHECKING:  # the reports are only annotations here: no import cost at run time
    from sanctions_gap.entities.answer import EntityReport, EntityRow, Listing
    from sanctions_gap.entities.changes import EntityChangeReport

LICENCE_LINE = "Data: OpenSanctions, CC BY-NC 4.0 (non-commercial use; opensanctions.org/licensing)"


def _plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else many or word + 's'}"


class _Cells:
    """Cells for repeated values (dates, kinds, links), made once: large answers stay fast."""

    def __init__(self, members: tuple[str, ...]) -> None:
        self.members = members
        self._made: dict[object, Cell] = {}
        self._listings: dict[object, tuple[Cell, ...]] = {}
        self._by_id: dict[int, tuple[Cell, ...]] = {}

    def of(self, text: str | None, value: str | bool | int | None = None) -> Cell:
        key = (text, value)
        cell = self._made.get(key)
        if cell is None:
            cell = self._made[key] = Cell(text or "", value)
        return cell

    def listing(self, listing: Listing | None) -> tuple[Cell, ...]:
        """A member's five cells: listed, since, kind, source, via."""
        key = None if listing is None else (listing.since, listing.kind, listing.url, listing.via)
        cells = self._listings.get(key)
        if cells is None:
            if listing is None:
                cells = (self.of("no", False), *(self.of("") for _ in range(4)))
            else:
                cells = (
                    self.of("yes", True),
                    self.of(listing.since),
                    self.of(listing.kind),
                    self.of(listing.url),
                    self.of(listing.via),
                )
            self._listings[key] = cells
        return cells

    def block(self, row: EntityRow) -> tuple[Cell, ...]:
        """Every member's five cells (the listings live as long as the report: ids are safe)."""
        cells: tuple[Cell, ...] = ()
        by_id = self._by_id
        listings = row.listings
        for member in self.members:
            listing = listings.get(member)
            five = by_id.get(id(listing))
            if five is None:
                five = by_id[id(listing)] = self.listing(listing)
            cells += five
        return cells


def _columns(report: EntityReport) -> tuple[Column, ...]:
    per_member = []
    for m in report.members:
        per_member += [
            Column(f"{m}_listed", f"{m} listed", in_table=False),
            Column(f"{m}_since", f"{m} since", in_table=False),
            Column(f"{m}_kind", f"{m} measure", in_table=False),
            Column(f"{m}_url", f"{m} source", in_table=False),
            Column(f"{m}_via", f"{m} via", in_table=False),
        ]
    return (
        Column("id", "Id", in_table=False),
        Column("caption", "Entity", wrap=True),
        Column("schema", "Type"),
        Column("peers", "Peers", wrap=True),
        Column("peer_count", "Peer count", numeric=True, in_table=False),
        Column("since", "Since"),
        Column("possible_matches", f"{report.member} match?", wrap=True),
        Column("tie", "Russia tie", in_table=False),
        Column("url", "OpenSanctions", in_table=False),
        *per_member,
    )


def _row(row: EntityRow, cells: _Cells) -> tuple[Cell, ...]:
    if row.matches:
        matches = "; ".join(f"{m.id} ({', '.join(m.evidence)})" for m in row.matches)
        # The terminal shows the evidence; the ids (long, unbreakable) are in CSV and JSON.
        shown = "; ".join(f"≈ {', '.join(m.evidence)}" for m in row.matches)
        found = Cell(shown, matches, "yellow")
    else:
        found = cells.of("")
    peers = row.peers
    return (
        Cell(row.id),
        Cell(row.caption),
        cells.of(row.schema),
        cells.of(" ".join(peers), ",".join(peers)),
        cells.of(str(len(peers)), len(peers)),
        cells.of(row.since),
        found,
        cells.of(row.tie),
        Cell(row.url),
        *cells.block(row),
    )


def _summary(report: EntityReport, shown: int) -> tuple[str, ...]:
    counts = report.schema_counts()
    summary = report.summary()
    peers = ", ".join(report.peers)
    gaps = _plural(len(report.rows), "Russia-linked entity", "Russia-linked entities")
    lines = [
        f"{report.member} vs {peers}: {gaps} "
        f"listed by at least {_plural(report.min_peers, 'peer')} and not by {report.member} "
        f"({_plural(counts['people'], 'person', 'people')}, "
        f"{_plural(counts['companies'], 'company', 'companies')}, "
        f"{_plural(counts['vessels'], 'vessel')}, {counts['aircraft']} aircraft, "
        f"{counts['other']} other); "
        f"{summary['possible_matches']} with a possible {report.member} match under another id",
        "gaps per peer: "
        + ", ".join(f"{peer} {count}" for peer, count in summary["peer_counts"].items()),
        f"{report.member_only} Russia-linked entities only {report.member} lists (some may be "
        "unmerged records of the entities above)",
        "overlap (Russia-linked entities listed by both):",
        *_matrix(report),
        f"read {report.source['name']} ({report.source['format']}): {report.source['lines']} "
        f"lines, {report.source['targets']} sanctioned entities, "
        f"{report.source['sanctions']} Sanction entities; Russia-linked: countries "
        f"{', '.join(report.countries)} or a Russia programme",
        *(f"warning: {w}" for w in report.warnings),
        LICENCE_LINE,
    ]
    if shown < len(report.rows):
        lines.append(f"showing the first {shown} of {len(report.rows)} rows (--limit)")
    return tuple(lines)


def _matrix(report: EntityReport) -> list[str]:
    members = report.members
    width = max(5, *(len(str(n)) + 1 for row in report.overlap.values() for n in row.values()))
    return ["    " + "".join(m.rjust(width) for m in members)] + [
        a.ljust(4) + "".join(str(report.overlap[a][b]).rjust(width) for b in members)
        for a in members
    ]


def _annotation(
    row: EntityRow, member: str, path: str, severity: Literal["error", "warning", "notice"]
) -> Annotation:
    listed = ", ".join(
        f"{p} ({row.listings[p].since})" if row.listings[p].since else p for p in row.peers
    )
    match = "; ".join(
        f"possible {member} match {m.id} ({', '.join(m.evidence)})" for m in row.matches
    )
    return Annotation(
        severity,
        path,
        row.line,
        f"{member} does not list {row.caption}",
        f"{row.caption} ({row.schema}, {row.id}) is listed by {listed}, not by {member}"
        + (f"; {match}" if match else ""),
    )


def entities_view(
    report: EntityReport,
    *,
    source_path: str,
    limit: int | None = None,
    payload: bool = True,
    rows: bool = True,
    severity: Literal["error", "warning", "notice"] = "warning",
    annotations: bool = True,
) -> View:
    """One row per gap entity; ``payload``, ``rows``, ``annotations`` False skip what a format
    does not use."""
    chosen = report.rows if limit is None else report.rows[:limit]
    cells = _Cells(report.members)
    return View(
        title=f"Russia-linked entities {', '.join(report.peers)} list and {report.member} does not",
        columns=_columns(report),
        rows=tuple(_row(row, cells) for row in chosen) if rows else (),
        payload=report.to_dict() if payload else {},
        summary=_summary(report, len(chosen)),
        annotations=tuple(_annotation(r, report.member, source_path, severity) for r in chosen)
        if rows and annotations
        else (),
        empty=f"No gaps: {report.member} lists every Russia-linked entity its peers list.",
        notes=(
            f"≈ a possible {report.member} listing under another id (the evidence); the ids, "
            "each member's dates, measures and sources: --format csv or json.",
        ),
        annotates=True,
    )


def entity_changes_view(report: EntityChangeReport) -> View:
    """The gaps opened and closed between two exports, and the peers' delistings."""
    style = {"opened": "bold red", "closed": "green", "delisted": "yellow"}
    rows = tuple(
        (
            Cell(row.change, style=style[row.change]),
            Cell(row.caption),
            Cell(row.id),
            Cell(row.schema),
            Cell(" ".join(row.members), ",".join(row.members)),
            Cell(row.date or ""),
            Cell(row.reason),
        )
        for row in report.rows
    )
    counts = report.counts()
    return View(
        title=f"{report.member} against {', '.join(report.peers)}: changes between two exports",
        columns=(
            Column("change", "Change"),
            Column("caption", "Entity", wrap=True),
            Column("id", "Id", in_table=False),
            Column("schema", "Type"),
            Column("members", "Peers", wrap=True),
            Column("date", "Date"),
            Column("reason", "What happened", wrap=True),
        ),
        rows=rows,
        payload=report.to_dict(),
        summary=(
            f"gaps: {len(report.old.rows)} in {report.old.source['name']}, {len(report.new.rows)} "
            f"in {report.new.source['name']}; {counts['opened']} opened, {counts['closed']} "
            f"closed; {_plural(counts['delisted'], 'entity', 'entities')} delisted by a peer",
            LICENCE_LINE,
        ),
        empty="No change between the two exports.",
    )
