"""The commands for the people who keep the data: validate, schema, coverage and the lists."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sanctions_gap.cli.app import command
from sanctions_gap.cli.options import (
    AsOfOption,
    DataOption,
    FormatOption,
    OutputOption,
    PrefixOption,
    as_date,
    path_prefix,
)
from sanctions_gap.cli.output import emit, load, write_atomic
from sanctions_gap.errors import ExitCode
from sanctions_gap.render import Format


@command(short_help="Check a dataset: every issue, with its file and line.")
def validate(
    directory: Annotated[
        Path | None,
        typer.Argument(
            metavar="DIR",
            help="Dataset directory (default: --data, SANCTIONS_GAP_DATA, or the bundled data).",
            show_default=False,
        ),
    ] = None,
    data: DataOption = None,
    fmt: FormatOption = Format.TABLE,
    output: OutputOption = None,
    prefix: PrefixOption = None,
) -> None:
    """Check a dataset: every issue, with its file and line. Exit 0 when valid, 2 when not.

    The table lists the issues; --format github prints ::error and ::warning annotations for
    pull requests; json, csv and markdown carry the same issues.

    Examples:

      sanctions-gap validate

      sanctions-gap validate path/to/data --format github
    """
    from sanctions_gap.render.views import validation_view
    from sanctions_gap.validate import validate_dataset

    root = directory or data
    report = validate_dataset(root)
    emit(validation_view(report, path_prefix(root, prefix)), fmt, output)
    if not report.valid:
        raise typer.Exit(int(ExitCode.ERROR))


@command(short_help="List the categories of measures and their level scales.")
def categories(
    data: DataOption = None, fmt: FormatOption = Format.TABLE, output: OutputOption = None
) -> None:
    """List the categories of measures and their level scales.

    Example: sanctions-gap categories --format json
    """
    from sanctions_gap.render.views import categories_view

    emit(categories_view(load(data, fmt)), fmt, output)


@command(short_help="List the named groups of members: G7, coalition and others.")
def groups(
    data: DataOption = None, fmt: FormatOption = Format.TABLE, output: OutputOption = None
) -> None:
    """List the named groups of members (G7, G7+EU, coalition, ...).

    Example: sanctions-gap groups
    """
    from sanctions_gap.render.views import groups_view

    emit(groups_view(load(data, fmt)), fmt, output)


@command(short_help="List the members and when their records were reviewed.")
def members(
    data: DataOption = None, fmt: FormatOption = Format.TABLE, output: OutputOption = None
) -> None:
    """List the members, what they inherit, how many records they have and when these were
    last reviewed.

    Example: sanctions-gap members
    """
    from sanctions_gap.render.views import members_view

    emit(members_view(load(data, fmt)), fmt, output)


@command(short_help="Print the JSON Schema of a dataset file, for editors.")
def schema(
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE",
            help="member (a members/<code>.yaml file), categories, groups or sources.",
        ),
    ] = "member",
    data: DataOption = None,
    output: OutputOption = None,
) -> None:
    """Print the JSON Schema of a dataset file, for validation in editors and CI: the member
    file's lists the dataset's categories and, for each, its levels.

    Examples:

      sanctions-gap schema -o member.schema.json

      sanctions-gap schema categories
    """
    import json

    from sanctions_gap.validate.schema import file_schema

    if file not in ("member", "categories", "groups", "sources"):
        raise typer.BadParameter(
            f"{file!r} is not a dataset file; use member, categories, groups or sources",
            param_hint="FILE",
        )
    dataset = load(data)
    document = file_schema(file, dataset.categories, list(dataset.members))  # type: ignore[arg-type]  # checked above
    write_atomic(output or Path("-"), json.dumps(document, indent=2, sort_keys=True) + "\n")


@command(short_help="How complete and how well sourced the dataset is.")
def coverage(
    data: DataOption = None,
    fmt: FormatOption = Format.TABLE,
    output: OutputOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Show how complete the dataset is: recorded, inherited, not applicable, unknown cells.

    Also the quality of the sources (official, professional, news, state-affiliated, other),
    the records that cite a URL or only citations, and the age of each member's review.

    Example: sanctions-gap coverage --format csv
    """
    from sanctions_gap.coverage import measure_coverage
    from sanctions_gap.render.views import coverage_view

    emit(coverage_view(measure_coverage(load(data, fmt), as_date(as_of))), fmt, output)
