"""The report's view: a ``Briefing`` as one document, section by section, every claim sourced.

The document's other formats (table, CSV, GitHub) show the comparison's gaps, as ``compare``
does; its JSON is the briefing's.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from sanctions_gap.models import NOT_APPLICABLE, UNKNOWN
from sanctions_gap.render.document import (
    Bullets,
    Document,
    DocumentView,
    Figure,
    Figures,
    Paragraph,
    Rich,
    Section,
    Span,
    Table,
    plain,
)
from sanctions_gap.render.view import Column, View
from sanctions_gap.render.views.briefing_parts import (
    coding_rules_section,
    entities_section,
    heat_map_section,
    timeline_section,
)
from sanctions_gap.render.views.common import SCHEDULED, days_relative, number, percent, plural
from sanctions_gap.render.views.compare import compare_view

if TYPE_CHECKING:  # the reports are only annotations here: no import cost at run time
    from sanctions_gap.dataset import Dataset, Record
    from sanctions_gap.engine.briefing import Briefing
    from sanctions_gap.engine.comparison import CompareRow

OPENSANCTIONS_LICENSING = "https://www.opensanctions.org/licensing/"


def briefing_view(
    report: Briefing, dataset: Dataset, *, peers_label: str | None = None, repo_prefix: str = ""
) -> DocumentView:
    """The whole report; ``peers_label`` names the group the peers were chosen by (``G7``)."""
    base = compare_view(report.compare, dataset, only_gaps=True, repo_prefix=repo_prefix)
    member = report.member
    name = dataset.members[member].name
    peers = ", ".join(report.peers)
    against = f"the rest of {peers_label} ({peers})" if peers_label else peers
    title = f"{name} ({member}) against {against} on {report.as_of.isoformat()}"
    sections = [
        headline_section(report, dataset),
        heat_map_section(report, dataset),
        gaps_section(report, dataset),
        timeline_section(report, dataset),
        latency_section(report, dataset),
        year_section(report, dataset),
        coverage_section(report),
    ]
    if report.entities is not None:
        sections.append(entities_section(report.entities))
    sections += [
        method_section(report, peers_label),
        cite_section(report, title),
        coding_rules_section(dataset),
    ]
    headline = report.headline()
    dataset_version = headline["dataset_version"]
    stamp = (
        Span(
            f"As of {report.as_of.isoformat()} ({report.date_basis.value} dates) · data reviewed "
        ),
        Span(headline["reviewed"], strong=True),
        Span(f" ({member}'s file; the oldest in the group: {headline['reviewed_oldest']}) · "),
        Span(f"sanctions-gap {report.version}"),
        Span(f", dataset {dataset_version} · " if dataset_version else " · "),
        Span("how to cite", href="#cite"),
    )
    footer = report.context.line() if report.context else ""
    document = Document(title, stamp, tuple(sections), f"sanctions-gap {report.version}", footer)
    # The formats that show one table show the comparison's, as `compare --only-gaps` does.
    shared = {f.name: getattr(base, f.name) for f in dataclasses.fields(View)}
    shared |= {
        "title": title,
        "payload": report.to_dict(),
        "summary": (*base.summary, _year_line(report)),
    }
    return DocumentView(**shared, document=document)


def label(dataset: Dataset, category: str) -> str:
    """A category's label for people."""
    return dataset.categories[category].label


def host(url: str) -> str:
    """A web address's host, without ``www.``: the short text of a source's link."""
    name = urlsplit(url).hostname or url
    return name.removeprefix("www.")


def sources(record: Record | None) -> Rich:
    """Links to a record's sources (by host, the title on hover); a citation as text."""
    if record is None:
        return ()
    spans: list[Span] = []
    for source in record.measure.sources:
        if spans:
            spans.append(Span(", "))
        if source.url:
            spans.append(Span(host(source.url), href=source.url, title=source.title))
        else:
            spans.append(Span(source.citation or source.title))
    return tuple(spans)


def since(record: Record | None, report: Briefing) -> str:
    """From when a record counts, or that it is a standing absence and when it was confirmed."""
    if record is None:
        return ""
    start = record.start(report.date_basis)
    if start is not None:
        return f"since {start.isoformat()}"
    confirmed = record.measure.confirmed
    return "standing" + (f", confirmed {confirmed.isoformat()}" if confirmed else "")


def status_of(status: str, via: str | None, scheduled: bool = False) -> str:
    """A status as people read it: ``none``, ``full (via EU)``, ``full† (adopted for later)``."""
    shown = {UNKNOWN: "unknown", NOT_APPLICABLE: "not applicable"}.get(status, status)
    if scheduled:
        shown += f"{SCHEDULED} (adopted for later)"
    return f"{shown} (via {via})" if via else shown


def headline_section(report: Briefing, dataset: Dataset) -> Section:
    """The figures the report opens with, and where the member lags."""
    h = report.headline()
    member = report.member
    figures = Figures(
        (
            Figure(
                f"{member}'s stringency index",
                number(h["index"]),
                f"peers' median {number(h['peer_median_index'])}; 0 to 100, "
                f"{percent(h['coverage'])} of its categories known",
            ),
            Figure("Gaps now", str(h["gaps"]), f"of {plural(h['categories'], 'category')}"),
            Figure(
                "Gaps closed in the last year",
                str(h["closed_last_year"]),
                f"since {report.year_before.isoformat()}; {h['opened_last_year']} opened",
            ),
            Figure("As of", h["as_of"], f"{report.date_basis.value} dates"),
            Figure(
                "Data reviewed", h["reviewed"], f"{member}'s file; oldest {h['reviewed_oldest']}"
            ),
            Figure(
                "sanctions-gap",
                h["tool_version"],
                f"dataset {h['dataset_version']}" if h["dataset_version"] else "",
            ),
        )
    )
    gaps = report.compare.gaps
    where: list[Span] = [Span(f"Where {member} lags: " if gaps else f"{member} lags no peer.")]
    for i, row in enumerate(gaps):
        where.append(Span(("" if i == 0 else "; ") + label(dataset, row.category)))
    if gaps:
        where.append(Span(". Each gap, with the peers ahead and their sources: "))
        where.append(Span("the gap table", href="#gaps"))
        where.append(Span("."))
    unknown = report.compare.unknown
    note = (
        f"{plural(unknown, 'cell')} of the comparison {'is' if unknown == 1 else 'are'} unknown "
        "(no record): shown as unknown, never counted as none."
    )
    return Section(
        "headline", "At a glance", (figures, Paragraph(tuple(where)), Paragraph(plain(note)))
    )


def _peer_lines(report: Briefing, row: CompareRow) -> Rich:
    spans: list[Span] = []
    for peer in row.peers_ahead:
        record = report.records[(peer, row.category)]
        if spans:
            spans.append(Span("\n"))
        scheduled = peer in row.peers_scheduled
        status = status_of(row.peer_status[peer], row.peer_via.get(peer), scheduled)
        spans.append(Span(peer, strong=True))
        spans.append(Span(f": {status}, {since(record, report)} · "))
        spans.extend(sources(record))
    return tuple(spans)


def gaps_section(report: Briefing, dataset: Dataset) -> Section:
    """Each gap: the peers ahead, since when, for how long, with every source one click away."""
    member = report.member
    rows = []
    for row in report.compare.gaps:
        record = row.member_source
        summary = record.measure.summary if record else ""
        rows.append(
            (
                (Span(label(dataset, row.category), strong=True), Span(f"\n{row.category}")),
                (
                    Span(
                        status_of(row.member_status, row.member_via, row.member_scheduled),
                        strong=True,
                    ),
                    Span(f", {since(record, report)}\n{summary}\n"),
                    *sources(record),
                ),
                _peer_lines(report, row),
                plain(row.first_peer_date.isoformat() if row.first_peer_date else ""),
                plain("" if row.days_open is None else str(row.days_open)),
                plain(percent(row.share_ahead)),
            )
        )
    table = Table(
        f"{plural(len(rows), 'gap')} of {member} on {report.as_of.isoformat()}: the peers ahead, "
        "since when, and the sources of each record",
        (
            Column("category", "Category"),
            Column("member", f"{member}: level, record, sources"),
            Column("peers", "Peers ahead: level, since, sources"),
            Column("open_since", "Open since", numeric=True),
            Column("days_open", "Days open", numeric=True),
            Column("share", "Share of peers", numeric=True),
        ),
        tuple(rows),
        empty=f"{member} lags no peer on {report.as_of.isoformat()}.",
    )
    intro = Paragraph(
        plain(
            f"A gap: at least {plural(report.compare.min_peers, 'peer')} with a known level "
            f"{_is_are(report.compare.min_peers)} ahead of {member} in the category. Open "
            f"since: the day the first of them moved above {member}'s level."
        )
    )
    return Section("gaps", "The gaps, with their sources", (intro, table))


def _lag(days: float | None) -> str:
    return "" if days is None else days_relative(days)


def latency_section(report: Briefing, dataset: Dataset) -> Section:
    """For each level the member reached: how many days after the first and the median peer."""
    member = report.member
    rows = tuple(
        (
            plain(label(dataset, row.category)),
            plain(status_of(row.member_status, row.member_via)),
            plain(_lag(row.lag_days_first)),
            plain(_lag(row.lag_days_median)),
        )
        for row in report.compare.rows
        if row.lag_days_first is not None
    )
    table = Table(
        f"Days between the peers and {member} reaching {member}'s level (before: {member} led)",
        (
            Column("category", "Category"),
            Column("level", f"{member}'s level"),
            Column("first", "Against the first peer", numeric=True),
            Column("median", "Against the median peer", numeric=True),
        ),
        rows,
        empty=f"{member} has reached no level that a peer reached too.",
    )
    return Section("latency", "How long it took", (table,))


def _year_line(report: Briefing) -> str:
    counts = report.diff.to_dict()["summary"]
    return (
        f"over the last year ({report.year_before.isoformat()} to {report.as_of.isoformat()}): "
        f"{plural(counts['closed'], 'gap')} closed, {counts['opened']} opened, "
        f"{counts['still_open']} still open"
    )


def year_section(report: Briefing, dataset: Dataset) -> Section:
    """The gaps that opened and closed over the year before the date."""
    changes = tuple(item for item in report.diff.items if item.change != "still_open")
    rows = tuple(
        (
            plain(label(dataset, item.category)),
            plain(item.change),
            plain(
                f"{status_of(item.before.member_status, item.before.member_via)} → "
                f"{status_of(item.after.member_status, item.after.member_via)}"
            ),
            plain(", ".join(item.after.peers_ahead) or "none"),
        )
        for item in changes
    )
    table = Table(
        f"Gaps opened and closed from {report.year_before.isoformat()} to "
        f"{report.as_of.isoformat()}",
        (
            Column("category", "Category"),
            Column("change", "Change"),
            Column("level", f"{report.member}'s level, then → now"),
            Column("peers", "Peers ahead now"),
        ),
        rows,
        empty="No gap opened or closed over the year.",
    )
    return Section(
        "year", "The last year", (Paragraph(plain(_year_line(report).capitalize() + ".")), table)
    )


def coverage_section(report: Briefing) -> Section:
    """How complete and how well sourced the data of each member of the group is."""
    coverage = report.coverage
    rows = []
    marked = set()
    for position, m in enumerate(coverage.members):
        quality = m.quality
        share = quality.official_share if quality is not None else None
        rows.append(
            (
                plain(m.member),
                plain(str(m.records)),
                plain(str(m.recorded + m.inherited)),
                plain(str(m.not_applicable)),
                plain(
                    str(m.unknown) + (f": {', '.join(m.unknown_categories)}" if m.unknown else "")
                ),
                plain(percent(share) if share is not None else "n/a"),
                plain(m.reviewed.isoformat()),
            )
        )
        if m.member == report.member:
            marked.add(position)
    table = Table(
        f"The records behind the report, member by member, as of {coverage.as_of.isoformat()}",
        (
            Column("member", "Member"),
            Column("records", "Records", numeric=True),
            Column("known", "Categories recorded", numeric=True),
            Column("not_applicable", "Not applicable", numeric=True),
            Column("unknown", "Unknown (no record)"),
            Column("official", "Dated records with an official source", numeric=True),
            Column("reviewed", "Reviewed"),
        ),
        tuple(rows),
        marked=frozenset(marked),
    )
    note = Paragraph(
        plain(
            "Unknown means the dataset holds no record for the category: the report shows it as "
            "unknown (? in the heat map), leaves it out of the index, and never counts it as none."
        )
    )
    return Section("coverage", "What the data covers", (note, table))


def method_section(report: Briefing, peers_label: str | None = None) -> Section:
    """The method in a few lines, with a link to the coding rules, and how to get the data."""
    share = report.compare.min_share
    bar = f" making up at least {percent(share)} of those with a known level" if share else ""
    items = (
        plain(
            "Each member's level in a category on a date comes from its latest record in force "
            f"({report.date_basis.value} dates); France, Germany and Italy take the stronger of "
            "their own level and the EU's."
        ),
        plain(
            "Levels sit on each category's ordinal scale, from 0 (none) to 1 (the strongest), as "
            "in the Oxford COVID-19 Government Response Tracker; the stringency index is their "
            "weighted mean over the known, applicable categories, 0 to 100."
        ),
        plain(
            f"A category is a gap when at least {plural(report.compare.min_peers, 'peer')}"
            f"{bar} {_is_are(report.compare.min_peers)} ahead; not applicable drops a member out "
            "of a category, unknown is never counted."
        ),
        plain(
            "Latency: the days from the first (and the median) peer reaching a level to the "
            "member reaching it."
        ),
        (
            Span("Every record is dated and sourced; what each level means is set by the "),
            Span("coding rules", href="#coding-rules"),
            Span(" (the same as in data/README.md of the dataset)."),
        ),
    )
    as_of = report.as_of.isoformat()
    member, peers = report.member, peers_label or ",".join(report.peers)
    data = Paragraph(
        plain(
            f"Get the data: sanctions-gap compare {member} --vs {peers} --as-of {as_of} -f csv; "
            f"sanctions-gap report {member} --vs {peers} --as-of {as_of} -f json (everything on "
            "this page)."
        )
    )
    return Section("method", "Method", (Bullets(items), data))


def cite_section(report: Briefing, title: str) -> Section:
    """The licences, and how to cite the report."""
    h = report.headline()
    items: list[Rich] = [
        plain(
            'Data: Creative Commons Attribution 4.0 (CC BY 4.0), crediting "sanctions-gap"; '
            "code: MIT licence."
        ),
        plain(
            f"Cite as: sanctions-gap {report.version}, “{title}”, data reviewed {h['reviewed']}, "
            f"as of {h['as_of']}."
        ),
    ]
    if report.entities is not None:
        items.append(
            (
                Span("Entity-level gaps: data from OpenSanctions, CC BY-NC 4.0 (non-commercial "),
                Span("use", href=OPENSANCTIONS_LICENSING),
                Span(")."),
            )
        )
    return Section("cite", "Licence and how to cite", (Bullets(tuple(items)),))


def _is_are(count: int) -> str:
    """The verb after "at least N peers": "1 peer is", "2 peers are"."""
    return "is" if count == 1 else "are"
