"""The reporting commands: compare, gaps, matrix, index, show, timeline and diff."""

from __future__ import annotations

from typing import Annotated

import typer

from sanctions_gap.cli.app import command
from sanctions_gap.cli.options import (
    AsOfOption,
    BasisOption,
    CategoryOption,
    DataOption,
    ExitZeroOption,
    FailOnGapOption,
    FamilyOption,
    FormatOption,
    FreqOption,
    FromOption,
    GroupOption,
    MaxGapsOption,
    MemberArgument,
    MinPeersOption,
    MinShareOption,
    OnceOption,
    OutputOption,
    PeersOption,
    PrefixOption,
    ToOption,
    as_date,
    check_max_gaps,
    parse_date,
    parse_freq,
    path_prefix,
    selection,
)
from sanctions_gap.cli.output import emit, finish_gap_run, load, warn_about_date
from sanctions_gap.render import Format

TableOption = Annotated[
    str,
    typer.Option(
        "--table",
        metavar="TABLE",
        help="What the table, CSV and Markdown show: points (the index over time), events "
        "(gaps opened and closed, on their dates) or latency (JSON carries all three).",
    ),
]


@command(short_help="Where MEMBER lags its peers, category by category.")
def compare(
    member: MemberArgument,
    vs: PeersOption = "G7",
    as_of: AsOfOption = None,
    date_basis: BasisOption = "effective",
    min_peers: MinPeersOption = 1,
    min_share: MinShareOption = 0.0,
    category: CategoryOption = None,
    family: FamilyOption = None,
    inherited_once: OnceOption = False,
    only_gaps: Annotated[bool, typer.Option("--only-gaps", help="Show only the gaps.")] = False,
    fail_on_gap: FailOnGapOption = False,
    max_gaps: MaxGapsOption = None,
    exit_zero: ExitZeroOption = False,
    data: DataOption = None,
    fmt: FormatOption = Format.TABLE,
    output: OutputOption = None,
    prefix: PrefixOption = None,
) -> None:
    """Where MEMBER lags its peers: every category, who is ahead, since when, for how long.

    Examples:

      sanctions-gap compare JP --vs G7

      sanctions-gap compare JP --vs G7 --as-of 2022-03-21 --only-gaps

      sanctions-gap compare JP --vs GB,US --family energy --format csv -o jp.csv

      sanctions-gap compare JP --vs G7 --fail-on-gap --format github
    """
    from sanctions_gap.engine import compare as run_compare
    from sanctions_gap.render.views import compare_view

    check_max_gaps(max_gaps)
    date = as_date(as_of)
    dataset = load(data, fmt, prefix)
    report = run_compare(
        dataset,
        member,
        vs,
        date,
        **selection(
            date_basis, category, family, inherited_once, min_peers=min_peers, min_share=min_share
        ),
    )
    warn_about_date(dataset, date)
    finish_gap_run(
        lambda severity: compare_view(
            report,
            dataset,
            only_gaps=only_gaps,
            repo_prefix=path_prefix(data, prefix),
            severity=severity,
        ),
        len(report.gaps),
        (fail_on_gap, max_gaps, exit_zero),
        fmt,
        output,
    )


@command(short_help="Every member's gaps against the rest of its group, ranked.")
def gaps(
    group: GroupOption = "G7",
    as_of: AsOfOption = None,
    date_basis: BasisOption = "effective",
    min_peers: MinPeersOption = 1,
    min_share: MinShareOption = 0.0,
    category: CategoryOption = None,
    family: FamilyOption = None,
    inherited_once: OnceOption = False,
    fail_on_gap: FailOnGapOption = False,
    max_gaps: MaxGapsOption = None,
    exit_zero: ExitZeroOption = False,
    data: DataOption = None,
    fmt: FormatOption = Format.TABLE,
    output: OutputOption = None,
    prefix: PrefixOption = None,
) -> None:
    """Every member's gaps against the rest of its group, ranked: who lags most.

    Examples:

      sanctions-gap gaps --group G7

      sanctions-gap gaps --group coalition --as-of 2022-06-30 --format markdown
    """
    from sanctions_gap.engine import gaps as run_gaps
    from sanctions_gap.render.views import gaps_view

    check_max_gaps(max_gaps)
    date = as_date(as_of)
    dataset = load(data, fmt, prefix)
    report = run_gaps(
        dataset,
        group,
        date,
        **selection(
            date_basis, category, family, inherited_once, min_peers=min_peers, min_share=min_share
        ),
    )
    warn_about_date(dataset, date)
    finish_gap_run(
        lambda severity: gaps_view(
            report, dataset, repo_prefix=path_prefix(data, prefix), severity=severity
        ),
        sum(len(entry.items) for entry in report.entries),
        (fail_on_gap, max_gaps, exit_zero),
        fmt,
        output,
    )


@command(short_help="A heat map of members x categories on a date.")
def matrix(
    group: GroupOption = "G7+EU",
    as_of: AsOfOption = None,
    date_basis: BasisOption = "effective",
    category: CategoryOption = None,
    family: FamilyOption = None,
    inherited_once: OnceOption = False,
    data: DataOption = None,
    fmt: FormatOption = Format.TABLE,
    output: OutputOption = None,
) -> None:
    """A heat map of members x categories on a date.

    Examples:

      sanctions-gap matrix --group G7 --as-of 2022-03-21

      sanctions-gap matrix --format csv -o levels.csv
    """
    from sanctions_gap.engine import matrix as run_matrix
    from sanctions_gap.render.views import matrix_view

    date = as_date(as_of)
    dataset = load(data, fmt)
    report = run_matrix(
        dataset, group, date, **selection(date_basis, category, family, inherited_once)
    )
    warn_about_date(dataset, date)
    emit(matrix_view(report), fmt, output)


@command(short_help="Each member's stringency index (0-100), highest first.")
def index(
    group: GroupOption = "G7+EU",
    as_of: AsOfOption = None,
    date_basis: BasisOption = "effective",
    category: CategoryOption = None,
    family: FamilyOption = None,
    inherited_once: OnceOption = False,
    data: DataOption = None,
    fmt: FormatOption = Format.TABLE,
    output: OutputOption = None,
) -> None:
    """Each member's stringency index (0-100) and the coverage it rests on, highest first.

    Examples:

      sanctions-gap index --group G7

      sanctions-gap index --group G7+EU --as-of 2022-03-21 --family energy
    """
    from sanctions_gap.engine import indexes
    from sanctions_gap.render.views import index_view

    date = as_date(as_of)
    dataset = load(data, fmt)
    report = indexes(
        dataset, group, date, **selection(date_basis, category, family, inherited_once)
    )
    warn_about_date(dataset, date)
    emit(index_view(report), fmt, output)


@command(short_help="The records themselves: instruments and sources.")
def show(
    member: MemberArgument,
    category: CategoryOption = None,
    data: DataOption = None,
    fmt: FormatOption = Format.TABLE,
    output: OutputOption = None,
) -> None:
    """The records themselves: instruments, exemptions and sources.

    Examples:

      sanctions-gap show JP --category airspace_ban

      sanctions-gap show JP -c sberbank -c airspace_ban

      sanctions-gap show FR --format json
    """
    from sanctions_gap.engine import show as run_show
    from sanctions_gap.render.views import show_view

    emit(show_view(run_show(load(data, fmt), member, category)), fmt, output)


@command(short_help="MEMBER's index against its peers' median over time.")
def timeline(
    member: MemberArgument,
    vs: PeersOption = "G7",
    start: FromOption = "2014-01-01",
    end: AsOfOption = None,
    freq: FreqOption = "MS",
    table: TableOption = "points",
    date_basis: BasisOption = "effective",
    min_peers: MinPeersOption = 1,
    min_share: MinShareOption = 0.0,
    category: CategoryOption = None,
    family: FamilyOption = None,
    inherited_once: OnceOption = False,
    data: DataOption = None,
    fmt: FormatOption = Format.TABLE,
    output: OutputOption = None,
) -> None:
    """MEMBER's stringency index against its peers' median over time, gaps opened and closed
    (on the days they did, whatever the sampling), and each category's adoption latency.

    Examples:

      sanctions-gap timeline JP --vs G7 --from 2022-01-01 --as-of 2022-12-31

      sanctions-gap timeline JP --vs G7 --table events --format csv -o jp-events.csv
    """
    from sanctions_gap.engine import timeline as run_timeline
    from sanctions_gap.render.views import timeline_view

    first, last = parse_date(start, "--from"), as_date(end)
    if first > last:
        raise typer.BadParameter(
            f"{first.isoformat()} is after the end date {last.isoformat()}", param_hint="--from"
        )
    if table not in ("points", "events", "latency"):
        raise typer.BadParameter(
            f"{table!r} is not a table; use points, events or latency", param_hint="--table"
        )
    dataset = load(data, fmt)
    report = run_timeline(
        dataset,
        member,
        vs,
        start=first,
        end=last,
        freq=parse_freq(freq),
        **selection(
            date_basis, category, family, inherited_once, min_peers=min_peers, min_share=min_share
        ),
    )
    warn_about_date(dataset, last)
    emit(timeline_view(report, table), fmt, output)  # type: ignore[arg-type]  # checked above


@command(short_help="The gaps that opened and closed between two dates.")
def diff(
    member: MemberArgument,
    start: FromOption,
    end: ToOption,
    vs: PeersOption = "G7",
    date_basis: BasisOption = "effective",
    min_peers: MinPeersOption = 1,
    min_share: MinShareOption = 0.0,
    category: CategoryOption = None,
    family: FamilyOption = None,
    inherited_once: OnceOption = False,
    data: DataOption = None,
    fmt: FormatOption = Format.TABLE,
    output: OutputOption = None,
    prefix: PrefixOption = None,
) -> None:
    """The gaps that opened and closed between two dates (the github format annotates the
    gaps opened).

    Example:

      sanctions-gap diff JP --vs G7 --from 2022-03-21 --to 2023-03-21
    """
    from sanctions_gap.engine import diff as run_diff
    from sanctions_gap.render.views import diff_view

    first, last = parse_date(start, "--from"), parse_date(end, "--to")
    if last < first:
        raise typer.BadParameter("--to must not be before --from", param_hint="--to")
    dataset = load(data, fmt, prefix)
    report = run_diff(
        dataset,
        member,
        vs,
        first,
        last,
        **selection(
            date_basis, category, family, inherited_once, min_peers=min_peers, min_share=min_share
        ),
    )
    warn_about_date(dataset, first)
    emit(diff_view(report, dataset, repo_prefix=path_prefix(data, prefix)), fmt, output)
