"""The reporting commands: compare, gaps, matrix, index, show, timeline and diff."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from sanctions_gap.cli.app import app
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
    MinPeersOption,
    MinShareOption,
    OutputOption,
    PeersOption,
    PrefixOption,
    as_date,
    parse_freq,
    path_prefix,
    selection,
)
from sanctions_gap.cli.output import emit, finish_gap_run, load
from sanctions_gap.render import Format


@app.command()
def compare(
    member: Annotated[
        str, typer.Argument(metavar="MEMBER", help="The member to examine, such as JP.")
    ],
    vs: PeersOption = "G7",
    as_of: AsOfOption = None,
    date_basis: BasisOption = "effective",
    min_peers: MinPeersOption = 1,
    min_share: MinShareOption = 0.0,
    category: CategoryOption = None,
    family: FamilyOption = None,
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

    dataset = load(data)
    report = run_compare(
        dataset,
        member,
        dataset.resolve_group(vs),
        as_date(as_of),
        **selection(date_basis, category, family, min_peers=min_peers, min_share=min_share),
    )
    finish_gap_run(
        lambda severity: compare_view(
            report,
            dataset,
            only_gaps=only_gaps,
            repo_prefix=path_prefix(data, prefix),
            severity=severity,
        ),
        len(report.gaps),
        fail_on_gap,
        max_gaps,
        exit_zero,
        fmt,
        output,
    )


@app.command()
def gaps(
    group: GroupOption = "G7",
    as_of: AsOfOption = None,
    date_basis: BasisOption = "effective",
    min_peers: MinPeersOption = 1,
    min_share: MinShareOption = 0.0,
    category: CategoryOption = None,
    family: FamilyOption = None,
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

      sanctions-gap gaps --group G7+EU --as-of 2022-06-30 --format markdown
    """
    from sanctions_gap.engine import gaps as run_gaps
    from sanctions_gap.render.views import gaps_view

    dataset = load(data)
    report = run_gaps(
        dataset,
        dataset.resolve_group(group),
        as_date(as_of),
        **selection(date_basis, category, family, min_peers=min_peers, min_share=min_share),
    )
    finish_gap_run(
        lambda severity: gaps_view(
            report, dataset, repo_prefix=path_prefix(data, prefix), severity=severity
        ),
        sum(len(entry.items) for entry in report.entries),
        fail_on_gap,
        max_gaps,
        exit_zero,
        fmt,
        output,
    )


@app.command()
def matrix(
    group: GroupOption = "G7+EU",
    as_of: AsOfOption = None,
    date_basis: BasisOption = "effective",
    category: CategoryOption = None,
    family: FamilyOption = None,
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

    dataset = load(data)
    report = run_matrix(
        dataset,
        dataset.resolve_group(group),
        as_date(as_of),
        **selection(date_basis, category, family),
    )
    emit(matrix_view(report), fmt, output)


@app.command()
def index(
    group: GroupOption = "G7+EU",
    as_of: AsOfOption = None,
    date_basis: BasisOption = "effective",
    category: CategoryOption = None,
    family: FamilyOption = None,
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

    dataset = load(data)
    report = indexes(
        dataset,
        dataset.resolve_group(group),
        as_date(as_of),
        **selection(date_basis, category, family),
    )
    emit(index_view(report), fmt, output)


@app.command()
def show(
    member: Annotated[str, typer.Argument(metavar="MEMBER", help="The member, such as JP.")],
    category: Annotated[
        str | None,
        typer.Option("--category", "-c", help="Only this category.", show_default=False),
    ] = None,
    data: DataOption = None,
    fmt: FormatOption = Format.TABLE,
    output: OutputOption = None,
) -> None:
    """The records themselves: instruments, exemptions and sources.

    Examples:

      sanctions-gap show JP --category airspace_ban

      sanctions-gap show FR --format json
    """
    from sanctions_gap.engine import show as run_show
    from sanctions_gap.render.views import show_view

    emit(show_view(run_show(load(data), member, category)), fmt, output)


@app.command()
def timeline(
    member: Annotated[str, typer.Argument(metavar="MEMBER", help="The member, such as JP.")],
    vs: PeersOption = "G7",
    start: FromOption = dt.datetime(2014, 1, 1),
    end: AsOfOption = None,
    freq: FreqOption = "MS",
    date_basis: BasisOption = "effective",
    min_peers: MinPeersOption = 1,
    min_share: MinShareOption = 0.0,
    category: CategoryOption = None,
    family: FamilyOption = None,
    data: DataOption = None,
    fmt: FormatOption = Format.TABLE,
    output: OutputOption = None,
) -> None:
    """MEMBER's stringency index against its peers' median over time, gaps opened and closed,
    and each category's adoption latency.

    Examples:

      sanctions-gap timeline JP --vs G7 --from 2022-01-01 --as-of 2022-12-31

      sanctions-gap timeline JP --vs G7 --format csv -o jp-timeline.csv
    """
    from sanctions_gap.engine import timeline as run_timeline
    from sanctions_gap.render.views import timeline_view

    if start.date() > as_date(end):
        raise typer.BadParameter(
            f"{start.date().isoformat()} is after the end date {as_date(end).isoformat()}",
            param_hint="--from",
        )
    dataset = load(data)
    report = run_timeline(
        dataset,
        member,
        dataset.resolve_group(vs),
        start=start.date(),
        end=as_date(end),
        freq=parse_freq(freq),
        **selection(date_basis, category, family, min_peers=min_peers, min_share=min_share),
    )
    emit(timeline_view(report), fmt, output)


@app.command()
def diff(
    member: Annotated[str, typer.Argument(metavar="MEMBER", help="The member, such as JP.")],
    start: Annotated[
        dt.datetime,
        typer.Option("--from", metavar="DATE", formats=["%Y-%m-%d"], help="The earlier date."),
    ],
    end: Annotated[
        dt.datetime,
        typer.Option("--to", metavar="DATE", formats=["%Y-%m-%d"], help="The later date."),
    ],
    vs: PeersOption = "G7",
    date_basis: BasisOption = "effective",
    min_peers: MinPeersOption = 1,
    min_share: MinShareOption = 0.0,
    category: CategoryOption = None,
    family: FamilyOption = None,
    data: DataOption = None,
    fmt: FormatOption = Format.TABLE,
    output: OutputOption = None,
) -> None:
    """The gaps that opened and closed between two dates.

    Example:

      sanctions-gap diff JP --vs G7 --from 2022-03-21 --to 2023-03-21
    """
    from sanctions_gap.engine import diff as run_diff
    from sanctions_gap.render.views import diff_view

    if end < start:
        raise typer.BadParameter("--to must not be before --from", param_hint="--to")
    dataset = load(data)
    report = run_diff(
        dataset,
        member,
        dataset.resolve_group(vs),
        start.date(),
        end.date(),
        **selection(date_basis, category, family, min_peers=min_peers, min_share=min_share),
    )
    emit(diff_view(report), fmt, output)
