"""The `report` command: one member against its peers, every question answered, in one file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from sanctions_gap.cli.app import command
from sanctions_gap.cli.options import (
    AsOfOption,
    BasisOption,
    DataOption,
    MemberArgument,
    MinPeersOption,
    MinShareOption,
    OnceOption,
    OutputOption,
    PeersOption,
    PrefixOption,
    as_date,
    parse_basis,
    path_prefix,
)
from sanctions_gap.cli.output import emit, load, warn_about_date
from sanctions_gap.render import Format

if TYPE_CHECKING:
    from pathlib import Path

    from sanctions_gap.dataset import Dataset
    from sanctions_gap.entities.answer import EntityReport

ReportFormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        case_sensitive=False,
        help="html: one self-contained page (the default); markdown: the same for GitHub "
        "comments and step summaries; json: everything in it; table, csv, github: the gaps.",
    ),
]
EntitiesOption = Annotated[
    str | None,
    typer.Option(
        "--entities",
        metavar="FILE",
        help="An OpenSanctions export, as for `entities --source`: adds the Russia-linked "
        "entities the peers list and MEMBER does not.",
        show_default=False,
    ),
]


@command(short_help="A report to share: one self-contained HTML file (or Markdown).")
def report(
    member: MemberArgument,
    vs: PeersOption = "G7",
    as_of: AsOfOption = None,
    date_basis: BasisOption = "effective",
    min_peers: MinPeersOption = 1,
    min_share: MinShareOption = 0.0,
    inherited_once: OnceOption = False,
    entities: EntitiesOption = None,
    data: DataOption = None,
    fmt: ReportFormatOption = Format.HTML,
    output: OutputOption = None,
    prefix: PrefixOption = None,
) -> None:
    """A report to share: MEMBER against its peers on one date, as one self-contained HTML
    file (or its Markdown twin): the headline, the heat map, every gap with its sources, the
    index over time, latency, last year's changes, coverage and the method.

    Examples:

      sanctions-gap report JP --vs G7 -o report.html

      sanctions-gap report JP --vs G7 --as-of 2022-03-21 --format markdown

      sanctions-gap report JP --vs G7 --entities entities.ftm.json -o report.html
    """
    from sanctions_gap.engine.briefing import briefing
    from sanctions_gap.render.views.briefing import briefing_view

    date = as_date(as_of)
    dataset = load(data, fmt, prefix)
    found = _entity_gaps(member, vs, data, entities, min_peers) if entities else None
    answer = briefing(
        dataset,
        member,
        vs,
        date,
        basis=parse_basis(date_basis),
        min_peers=min_peers,
        min_share=min_share,
        inherited_once=inherited_once,
        entities=found,
    )
    warn_about_date(dataset, date)
    view = briefing_view(
        answer, dataset, peers_label=_group_id(dataset, vs), repo_prefix=path_prefix(data, prefix)
    )
    emit(view, fmt, output)


def _group_id(dataset: Dataset, name: str) -> str | None:
    """The id of the group ``--vs`` names, or None for a list of members."""
    return next((g for g in dataset.groups if g.upper() == name.strip().upper()), None)


def _entity_gaps(
    member: str, vs: str, data: Path | None, source: str, min_peers: int
) -> EntityReport:
    """The entity-level gaps in one export, with the `entities` command's defaults."""
    # The `entities` command's own steps (its lists, Russia rule and reading), so that the
    # report's entity section is that command's answer.
    from sanctions_gap.cli.entities import entity_selection, read_export
    from sanctions_gap.entities.answer import EntityFilters, find_entity_gaps
    from sanctions_gap.perf import paused_gc

    selection, rule = entity_selection(member, vs, data, None, None, False, "ru,suhh")
    with paused_gc():  # large, acyclic structures: see sanctions_gap.perf
        table = read_export(source, selection, rule)
        return find_entity_gaps(table, selection, rule, EntityFilters(min_peers), None)
