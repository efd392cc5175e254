"""The `entities` command: entity-level gaps read from an OpenSanctions export."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sanctions_gap.cli.app import command
from sanctions_gap.cli.options import (
    DataOption,
    ExitZeroOption,
    FailOnGapOption,
    FormatOption,
    MaxGapsOption,
    MinPeersOption,
    OutputOption,
    PeersOption,
    parse_date,
)
from sanctions_gap.cli.output import emit, fail, load
from sanctions_gap.errors import ExitCode
from sanctions_gap.render import Format

if TYPE_CHECKING:
    from sanctions_gap.entities.answer import EntityFilters
    from sanctions_gap.entities.collect import EntityTable
    from sanctions_gap.entities.formats import Progress
    from sanctions_gap.entities.lists import ListSelection
    from sanctions_gap.entities.russia import RussiaRule

# NOTE: this module is imported whenever the CLI starts (it registers the command), so it
# imports nothing of the entity code, orjson or pandas at module level.


MemberArgument = Annotated[
    str, typer.Argument(metavar="MEMBER", help="The member to examine, such as JP.")
]

SourceOption = Annotated[
    list[str],
    typer.Option(
        "--source",
        "-s",
        metavar="FILE",
        help="An OpenSanctions export: entities.ftm.json (the `sanctions` collection), "
        "targets.nested.json or targets.simple.csv, gzip or not; - reads stdin. Give it "
        "twice (older, then newer) for the gaps opened and closed between them.",
        show_default=False,
    ),
]

SchemaOption = Annotated[
    list[str] | None,
    typer.Option(
        "--schema",
        metavar="SCHEMA",
        help="Only these (repeatable): people, companies, vessels, aircraft, other, or an "
        "FtM schema such as Vessel.",
        show_default=False,
    ),
]

MeasureKindOption = Annotated[
    list[str] | None,
    typer.Option(
        "--measure-kind",
        metavar="KIND",
        help="Count only lists of this kind (repeatable): asset_freeze, sectoral, "
        "travel_ban, export_control.",
        show_default=False,
    ),
]

AllListsOption = Annotated[
    bool,
    typer.Option(
        "--all-lists", help="Also count the opt-in lists of data/lists.yaml (non-SDN, ...)."
    ),
]

NameOption = Annotated[
    str | None,
    typer.Option(
        "--name",
        metavar="TEXT",
        help="Only entities with a name containing this (normalised).",
        show_default=False,
    ),
]

ListedSinceOption = Annotated[
    str | None,
    typer.Option(
        "--listed-since",
        metavar="DATE",
        help="Only entities a peer lists since this date (by the earliest date known).",
        show_default=False,
    ),
]

CountryOption = Annotated[
    str,
    typer.Option(
        "--country",
        metavar="CODES",
        help="The countries that tie an entity (comma-separated; with ru, Russia "
        "programmes tie it too).",
    ),
]

ListsOption = Annotated[
    Path | None,
    typer.Option(
        "--lists",
        metavar="FILE",
        help="A mapping file of your own, on top of data/lists.yaml (same layout).",
        dir_okay=False,
        show_default=False,
    ),
]

LimitOption = Annotated[
    int | None,
    typer.Option(
        "--limit",
        metavar="N",
        help="Show at most N rows (the counts cover all).",
        show_default=False,
    ),
]

ExportPrefixOption = Annotated[
    str,
    typer.Option(
        "--path-prefix",
        metavar="PREFIX",
        help="github format: prefix of the export's path in annotations.",
    ),
]


@command("entities", short_help="Entities the peers designate and MEMBER does not.")
def entities(
    member: MemberArgument,
    source: SourceOption,
    vs: PeersOption = "G7",
    min_peers: MinPeersOption = 1,
    schema: SchemaOption = None,
    measure_kind: MeasureKindOption = None,
    all_lists: AllListsOption = False,
    name: NameOption = None,
    listed_since: ListedSinceOption = None,
    country: CountryOption = "ru,suhh",
    lists: ListsOption = None,
    limit: LimitOption = None,
    fail_on_gap: FailOnGapOption = False,
    max_gaps: MaxGapsOption = None,
    exit_zero: ExitZeroOption = False,
    data: DataOption = None,
    fmt: FormatOption = Format.TABLE,
    output: OutputOption = None,
    prefix: ExportPrefixOption = "",
) -> None:
    """Which Russia-linked entities MEMBER's peers designate and MEMBER does not, read from an
    OpenSanctions export you downloaded (Data: OpenSanctions, CC BY-NC 4.0).

    Examples:

      sanctions-gap entities JP --vs G7 --source entities.ftm.json

      sanctions-gap entities JP --vs GB,US --schema vessels --source targets.simple.csv.gz -f csv

      sanctions-gap entities JP --vs G7 --source 20240101.ftm.json --source 20250101.ftm.json
    """
    from sanctions_gap.entities.answer import EntityFilters
    from sanctions_gap.perf import paused_gc

    if limit is not None and limit < 0:
        raise typer.BadParameter(f"{limit} is below 0; give 0 or more", param_hint="--limit")
    if len(source) > 2:
        raise typer.BadParameter(
            "give one export, or two (older, then newer)", param_hint="--source"
        )
    selection, rule = entity_selection(member, vs, data, lists, measure_kind, all_lists, country)
    filters = EntityFilters(
        min_peers,
        tuple(schema) if schema else None,
        name,
        parse_date(listed_since, "--listed-since") if listed_since else None,
    )
    with paused_gc():  # the answer and its view are large and acyclic: see sanctions_gap.perf
        _answer(source, selection, rule, filters, fmt, output, limit, prefix, measure_kind,
                (fail_on_gap, max_gaps, exit_zero))  # fmt: skip


def _answer(
    source: list[str],
    selection: ListSelection,
    rule: RussiaRule,
    filters: EntityFilters,
    fmt: Format,
    output: Path | None,
    limit: int | None,
    prefix: str,
    measure_kind: list[str] | None,
    gating: tuple[bool, int | None, bool],
) -> None:
    """Read the exports, answer, print, and exit 1 if the run fails on its gaps."""
    from sanctions_gap.entities.answer import find_entity_gaps
    from sanctions_gap.entities.changes import compare_exports
    from sanctions_gap.render.views.entities import entities_view, entity_changes_view

    fail_on_gap, max_gaps, exit_zero = gating
    tables = [read_export(path, selection, rule) for path in source]
    if len(tables) == 2:
        changes = compare_exports(tables[0], tables[1], selection, rule, filters)
        emit(entity_changes_view(changes), fmt, output)
        gaps = len(changes.new.rows)
    else:
        report = find_entity_gaps(tables.pop(), selection, rule, filters, measure_kind)
        # The table (every counted target and its designations) is freed here: the view and
        # its text need only the report, and a large answer's peak is then the lower.
        gaps = len(report.rows)
        failing = _failing(gaps, fail_on_gap, max_gaps) and not exit_zero
        view = entities_view(
            report,
            source_path=prefix + source[0],
            limit=limit,
            payload=fmt is Format.JSON,
            rows=fmt is not Format.JSON,
            severity="error" if failing else "warning",
            annotations=fmt is Format.GITHUB,
        )
        emit(view, fmt, output)
    if _failing(gaps, fail_on_gap, max_gaps) and not exit_zero:
        raise typer.Exit(int(ExitCode.FOUND))


def _failing(gaps: int, fail_on_gap: bool, max_gaps: int | None) -> bool:
    return (fail_on_gap and gaps > 0) or (max_gaps is not None and gaps > max_gaps)


def entity_selection(
    member: str,
    vs: str,
    data: Path | None,
    lists: Path | None,
    kinds: list[str] | None,
    all_lists: bool,
    country: str,
) -> tuple[ListSelection, RussiaRule]:
    """The lists that count and the Russia-linked rule, from the dataset and the mapping."""
    from sanctions_gap.entities.lists import LISTS_FILE, MEASURE_KINDS, load_lists, select_lists
    from sanctions_gap.entities.russia import russia_rule
    from sanctions_gap.validate import default_data_dir

    for kind in kinds or ():
        if kind not in MEASURE_KINDS:
            raise typer.BadParameter(
                f"{kind!r} is not a measure kind; use {', '.join(MEASURE_KINDS)}",
                param_hint="--measure-kind",
            )
    dataset = load(data)
    code = dataset.resolve_member(member)
    peers = [p for p in dataset.resolve_group(vs) if p != code]
    if not peers:
        fail(f"no peers to compare {code} with: name at least one other member in --vs")
    root = data if data is not None and (data / LISTS_FILE).is_file() else default_data_dir()
    mapping = load_lists(root, lists)
    inherits = {c: tuple(m.inherits) for c, m in dataset.members.items()}
    selection = select_lists(mapping, [code, *peers], inherits, kinds=kinds, all_lists=all_lists)
    return selection, russia_rule(mapping.programmes, country.split(","))


def read_export(path: str, selection: ListSelection, rule: RussiaRule) -> EntityTable:
    from sanctions_gap.entities.collect import collect
    from sanctions_gap.entities.formats import open_export

    with open_export(path) as export, _progress(export.name, export.size) as progress:
        return collect(export, selection, rule, progress)


@contextmanager
def _progress(name: str, size: int | None) -> Iterator[Progress | None]:
    """A progress bar on stderr (bytes read, entities seen), silent unless it is a terminal."""
    from rich.console import Console

    console = Console(stderr=True)
    if not console.is_terminal:
        yield None
        return
    from rich.markup import escape
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TextColumn("{task.fields[entities]} entities"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(escape(name), total=size, entities="0")
        yield lambda read, seen: bar.update(task, completed=read, entities=f"{seen:,}")
