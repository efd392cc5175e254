"""Build the format-neutral ``View`` of each report: its table, payload and annotations."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from sanctions_gap.coverage import SOURCE_COLUMNS
from sanctions_gap.models import NOT_APPLICABLE, UNKNOWN, plain
from sanctions_gap.render.view import Annotation, Cell, Column, View

if TYPE_CHECKING:  # the reports are only annotations here: no import cost at run time
    from sanctions_gap.coverage import CoverageReport, SourceQuality
    from sanctions_gap.dataset import Dataset
    from sanctions_gap.engine import (
        CompareReport,
        DiffReport,
        GapsReport,
        IndexReport,
        MatrixReport,
        ShowReport,
        TimelineReport,
    )
    from sanctions_gap.validate import ValidationReport

STATUS_STYLES = {UNKNOWN: "dim italic", NOT_APPLICABLE: "dim"}


def level_style(level: float | None) -> str:
    """A heat-map colour for a normalised level: red (none) through yellow to green (full)."""
    if level is None:
        return "dim"
    if level <= 0:
        return "bold red"
    if level < 1:
        return "yellow"
    return "green"


def plural(count: int, word: str) -> str:
    """``1 gap``, ``2 gaps``."""
    if count == 1:
        return f"1 {word}"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return f"{count} {word[:-1]}ies"
    return f"{count} {word}s"


def validation_view(report: ValidationReport, repo_prefix: str = "") -> View:
    """The issues found by ``validate``; annotations point at ``repo_prefix/path``."""
    rows = tuple(
        (
            Cell(issue.path),
            Cell(str(issue.line), issue.line),
            Cell(issue.rule),
            Cell(issue.message),
        )
        for issue in report.issues
    )
    files = {issue.path for issue in report.issues}
    warned = f", {plural(len(report.warnings), 'warning')}" if report.warnings else ""
    if report.valid:
        summary = f"the dataset is valid ({plural(report.files, 'file')} read{warned})"
    else:
        summary = (
            f"{report.root}: {plural(len(report.errors), 'error')}{warned} in "
            f"{plural(len(files), 'file')}"
        )
    annotations = tuple(
        Annotation(
            issue.severity,
            f"{repo_prefix}{issue.path}",
            issue.line,
            f"sanctions-gap: {issue.rule}",
            issue.message,
        )
        for issue in report.issues
    )
    return View(
        title="Dataset issues",
        columns=(
            Column("path", "File"),
            Column("line", "Line", numeric=True),
            Column("rule", "Rule"),
            Column("message", "Message"),
        ),
        rows=rows,
        payload=report.to_dict(),
        summary=(summary,),
        annotations=annotations,
        empty="No issues: the dataset is valid.",
    )


def categories_view(dataset: Dataset) -> View:
    """The controlled vocabulary."""
    rows = tuple(
        (
            Cell(c.id),
            Cell(c.family),
            Cell(c.label),
            Cell(" < ".join(c.level_ids)),
            Cell(f"{c.weight:g}", c.weight),
        )
        for c in dataset.categories.values()
    )
    payload = {
        "schema_version": 1,
        "categories": [plain(c) for c in dataset.categories.values()],
    }
    return View(
        title="Categories",
        columns=(
            Column("id", "Id"),
            Column("family", "Family"),
            Column("label", "Label"),
            Column("levels", "Levels (weakest first)"),
            Column("weight", "Weight", numeric=True),
        ),
        rows=rows,
        payload=payload,
        summary=(f"{plural(len(rows), 'category')}",),
    )


def groups_view(dataset: Dataset) -> View:
    """The named groups."""
    rows = tuple(
        (Cell(g.id), Cell(g.label), Cell(", ".join(sorted(g.members))))
        for g in dataset.groups.values()
    )
    payload = {
        "schema_version": 1,
        "groups": [plain(g) for g in dataset.groups.values()],
    }
    return View(
        title="Groups",
        columns=(Column("id", "Id"), Column("label", "Label"), Column("members", "Members")),
        rows=rows,
        payload=payload,
        summary=(f"{plural(len(rows), 'group')}",),
    )


def members_view(dataset: Dataset) -> View:
    """The members and their files."""
    rows = tuple(
        (
            Cell(code),
            Cell(m.name),
            Cell(", ".join(m.inherits)),
            Cell(m.reviewed.isoformat()),
            Cell(str(len(m.measures)), len(m.measures)),
            Cell(dataset.files[code]),
        )
        for code, m in dataset.members.items()
    )
    payload = {
        "schema_version": 1,
        "members": [
            {
                "code": code,
                "name": m.name,
                "names": dict(sorted(m.names.items())),
                "inherits": list(m.inherits),
                "reviewed": m.reviewed.isoformat(),
                "records": len(m.measures),
                "path": dataset.files[code],
            }
            for code, m in dataset.members.items()
        ],
    }
    return View(
        title="Members",
        columns=(
            Column("code", "Code"),
            Column("name", "Name"),
            Column("inherits", "Inherits"),
            Column("reviewed", "Reviewed"),
            Column("records", "Records", numeric=True),
            Column("path", "File"),
        ),
        rows=rows,
        payload=payload,
        summary=(f"{plural(len(rows), 'member')}",),
    )


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
        "Records: URL = cites a URL, Cit. = citations only. Cells: Own = own records, "
        "Inh. = inherited only, N/A = not applicable, Unk. = unknown. Age: days since reviewed.",
    )
    quality: tuple[str, ...] = ()
    if report.dated is not None and report.dated_official is not None:
        share = report.dated_official / report.dated if report.dated else None
        quality = (
            f"official sources: {report.dated_official} of {plural(report.dated, 'dated record')}"
            f" ({_percent(share)}). Off. = dated records with an official source, Weak = records "
            "resting only on state-affiliated or other sources",
        )
    return View(
        title="Dataset coverage",
        columns=(
            Column("member", "Member"),
            Column("records", "Records", numeric=True),
            Column("with_url", "URL", numeric=True),
            Column("citation_only", "Cit.", numeric=True),
            Column("recorded", "Own", numeric=True),
            Column("inherited", "Inh.", numeric=True),
            Column("not_applicable", "N/A", numeric=True),
            Column("unknown", "Unk.", numeric=True),
            Column("unknown_categories", "Unknown categories"),
            Column("reviewed", "Reviewed", in_table=False),
            Column("age_days", "Age", numeric=True),
            *(_QUALITY_COLUMNS if report.dated is not None else ()),
        ),
        rows=rows,
        payload=report.to_dict(),
        summary=summary + quality,
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
        Cell(_percent(share), share, "green" if share is not None and share >= 0.85 else "red"),
        Cell(str(quality.waived), quality.waived),
        Cell(str(quality.weak_only), quality.weak_only, "bold red" if quality.weak_only else None),
        *(Cell(str(quality.sources[kind]), quality.sources[kind]) for kind in SOURCE_COLUMNS),
        Cell(quality.oldest_confirmed.isoformat() if quality.oldest_confirmed else ""),
    )


# ---------------------------------------------------------------------- the gap engine's reports


def _percent(value: float | None) -> str:
    return "" if value is None else f"{round(100 * value)}%"


def _number(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def _status_text(status: str, via: str | None) -> str:
    return f"{status} (via {via})" if via else status


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
    rows = [row for row in report.rows if row.gap or not only_gaps]
    table_rows = tuple(
        (
            Cell(row.category),
            Cell(
                # The member's own date stands under its status in the table (a column of its
                # own in CSV and JSON), to keep the table within 80 columns.
                _status_text(row.member_status, row.member_via)
                + (f"\n{row.member_date.isoformat()}" if row.member_date else ""),
                row.member_status,
                "bold red" if row.gap else STATUS_STYLES.get(row.member_status, "green"),
            ),
            Cell(row.member_date.isoformat() if row.member_date else ""),
            Cell(" ".join(row.peers_ahead), ",".join(row.peers_ahead)),
            Cell(_percent(row.share_ahead), row.share_ahead),
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
        for row in rows
    )
    payload = report.to_dict()
    if only_gaps:
        payload = {**payload, "rows": [r for r in payload["rows"] if r["gap"]]}
    summary = report.summary()
    headline = (
        f"{member} vs {', '.join(report.peers)} on {report.as_of.isoformat()} "
        f"({report.date_basis.value} dates): {plural(summary['gaps'], 'gap')} in "
        f"{plural(summary['categories'], 'category')}; index {_number(summary['index'])} vs "
        f"peers' median {_number(summary['peer_median_index'])} "
        f"(coverage {_percent(summary['coverage'])}); {plural(summary['unknown'], 'unknown cell')}"
    )
    annotations = tuple(
        Annotation(
            severity,
            repo_prefix
            + (row.member_source.path if row.member_source else dataset.files[report.member]),
            row.member_source.line if row.member_source else 0,
            f"{member} lags in {row.category}",
            f"{member} is at {_status_text(row.member_status, row.member_via)}; ahead: "
            + ", ".join(f"{p} ({row.peer_status[p]})" for p in row.peers_ahead)
            + (
                f", since {row.first_peer_date.isoformat()} ({row.days_open} days)"
                if row.first_peer_date
                else ""
            ),
        )
        for row in report.gaps
    )
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
        rows=table_rows,
        payload=payload,
        summary=(headline,),
        annotations=annotations,
        empty="No gaps." if only_gaps else "No categories.",
    )


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
            Cell(_number(entry.index), entry.index),
            Cell(_percent(entry.coverage), entry.coverage),
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


GLYPHS = {"full": "●", "partial": "◐", "none": "○", NOT_APPLICABLE: "·", UNKNOWN: "?"}


def _glyph(status: str, level: float | None) -> str:
    if level is None:
        return GLYPHS[status] if status in GLYPHS else "?"
    if level >= 1:
        return GLYPHS["full"]
    return GLYPHS["partial"] if level > 0 else GLYPHS["none"]


def matrix_view(report: MatrixReport) -> View:
    """A heat map: categories down, members across; the glyph and colour give the level."""
    rows = []
    for category in report.categories:
        cells = [Cell(category)]
        for member in report.members:
            cell = report.cell(member, category)
            text = _glyph(cell.status, cell.level) + ("ᵉ" if cell.via else "")
            cells.append(Cell(text, cell.status, level_style(cell.level)))
        rows.append(tuple(cells))
    rows.append(
        (
            Cell("index (0-100)"),
            *(
                Cell(_number(report.index[m].value, 0), report.index[m].value)
                for m in report.members
            ),
        )
    )
    return View(
        title=f"Levels on {report.as_of.isoformat()}",
        columns=(
            Column("category", "Category"),
            *(Column(m, m, numeric=False) for m in report.members),
        ),
        rows=tuple(rows),
        payload=report.to_dict(),
        summary=(
            "● strongest level  ◐ partial  ○ none  · not applicable  ? unknown  "
            "ᵉ inherited (for example from the EU)",
        ),
    )


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
                Cell(_status_text(measure.status, item.via)),
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


def _bar(value: float | None, median: float | None, width: int = 20) -> str:
    """A bar of the member's index, with the peers' median marked by a `|`."""
    if value is None:
        return "?"
    filled = round(value / 100 * width)
    bar = ["█"] * filled + ["░"] * (width - filled)
    if median is not None:
        position = min(width - 1, round(median / 100 * width))
        bar[position] = "|"
    return "".join(bar)


def _days_relative(days: float) -> str:
    """``3 days after``, ``1 day before``, ``on the same day as``."""
    if days == 0:
        return "on the same day as"
    amount = abs(days)
    unit = "day" if amount == 1 else "days"
    return f"{amount:g} {unit} {'after' if days > 0 else 'before'}"


def timeline_view(report: TimelineReport) -> View:
    """The member's index over time against its peers' median, with the gaps opened and closed."""
    rows = tuple(
        (
            Cell(p.date.isoformat()),
            Cell(_number(p.index), p.index),
            Cell(_number(p.peer_median_index), p.peer_median_index),
            Cell(str(p.gaps), p.gaps, "bold red" if p.gaps else "green"),
            Cell(_bar(p.index, p.peer_median_index), None),
        )
        for p in report.points
    )
    events = tuple(f"{e.date.isoformat()}: gap {e.change} in {e.category}" for e in report.events)
    latencies = tuple(
        f"{row.category}: {report.member} reached {row.member_status} "
        f"{_days_relative(row.lag_days_first)} the first peer"
        + (
            f" and {_days_relative(row.lag_days_median)} the median peer"
            if row.lag_days_median is not None
            else ""
        )
        for row in report.latency
        if row.lag_days_first is not None
    )
    return View(
        title=f"{report.member} against {', '.join(report.peers)}: index over time",
        columns=(
            Column("date", "Date"),
            Column("index", report.member, numeric=True),
            Column("peer_median_index", "Peers' median", numeric=True),
            Column("gaps", "Gaps", numeric=True),
            Column("chart", f"{report.member} index (| = peers' median)", in_table=True),
        ),
        rows=rows,
        payload=report.to_dict(),
        summary=(
            f"gaps open at the start ({report.start.isoformat()}): "
            + (", ".join(report.open_at_start) or "none"),
            *events,
            *latencies,
        ),
    )


def diff_view(report: DiffReport) -> View:
    """The gaps opened and closed between two dates, and those still open."""
    rows = tuple(
        (
            Cell(item.category),
            Cell(item.change, style={"opened": "bold red", "closed": "green"}.get(item.change)),
            Cell(f"{item.before.member_status} → {item.after.member_status}"),
            Cell(
                f"{', '.join(item.before.peers_ahead) or '-'} → "
                f"{', '.join(item.after.peers_ahead) or '-'}"
            ),
            Cell(
                "" if item.after.days_open is None else str(item.after.days_open),
                item.after.days_open,
            ),
        )
        for item in report.items
    )
    counts = report.to_dict()["summary"]
    return View(
        title=(
            f"{report.member} against {', '.join(report.peers)}: "
            f"{report.start.isoformat()} to {report.end.isoformat()}"
        ),
        columns=(
            Column("category", "Category"),
            Column("change", "Change"),
            Column("member_status", f"{report.member} status"),
            Column("peers_ahead", "Peers ahead"),
            Column("days_open", "Days open", numeric=True),
        ),
        rows=rows,
        payload=report.to_dict(),
        summary=(
            f"gaps: {counts['gaps_from']} on {report.start.isoformat()}, {counts['gaps_to']} on "
            f"{report.end.isoformat()}; {counts['opened']} opened, {counts['closed']} closed, "
            f"{counts['still_open']} still open",
        ),
        empty="No gap on either date.",
    )


def index_view(report: IndexReport) -> View:
    """Each member's stringency index (0-100) and the coverage it rests on, highest first."""
    rows = tuple(
        (
            Cell(r.member),
            Cell(_number(r.value), r.value),
            Cell(_bar(r.value, report.median), None),
            Cell(_percent(r.coverage), r.coverage),
            Cell(str(r.known), r.known),
            Cell(str(r.not_applicable), r.not_applicable),
            Cell(str(r.unknown), r.unknown, "bold red" if r.unknown else None),
        )
        for r in report.results
    )
    return View(
        title=f"Stringency index on {report.as_of.isoformat()}",
        columns=(
            Column("member", "Member"),
            Column("index", "Index", numeric=True),
            Column("chart", "Index (| = median)"),
            Column("coverage", "Coverage", numeric=True),
            Column("known", "Known", numeric=True),
            Column("not_applicable", "N/A", numeric=True),
            Column("unknown", "Unknown", numeric=True),
        ),
        rows=rows,
        payload=report.to_dict(),
        summary=(
            f"median index {_number(report.median)} over {plural(len(rows), 'member')} "
            f"({report.date_basis.value} dates); the index is the weighted mean of the known, "
            "applicable levels (0 = none anywhere, 100 = the strongest level everywhere)",
        ),
    )
