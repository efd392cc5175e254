"""The commands for the people who keep the data: validate, schema, coverage and the lists."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from sanctions_gap.cli.app import app
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


@app.command()
def validate(
    directory: Annotated[
        Path | None,
        typer.Argument(
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


@app.command()
def categories(data: DataOption = None, fmt: FormatOption = Format.TABLE) -> None:
    """List the categories of measures and their level scales.

    Example: sanctions-gap categories --format json
    """
    from sanctions_gap.render.views import categories_view

    emit(categories_view(load(data)), fmt, None)


@app.command()
def groups(data: DataOption = None, fmt: FormatOption = Format.TABLE) -> None:
    """List the named groups of members (G7, G7+EU, ...).

    Example: sanctions-gap groups
    """
    from sanctions_gap.render.views import groups_view

    emit(groups_view(load(data)), fmt, None)


@app.command()
def members(data: DataOption = None, fmt: FormatOption = Format.TABLE) -> None:
    """List the members, what they inherit, and when their records were last reviewed.

    Example: sanctions-gap members
    """
    from sanctions_gap.render.views import members_view

    emit(members_view(load(data)), fmt, None)


@app.command()
def schema(output: OutputOption = None) -> None:
    """Print the JSON Schema of a member file, for validation in editors.

    Example: sanctions-gap schema -o member.schema.json
    """
    import json

    from sanctions_gap.models import Member
    from sanctions_gap.validate.shape import adapter

    document = adapter(Member).json_schema()
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["title"] = "sanctions-gap member file"
    text = json.dumps(document, indent=2, sort_keys=True) + "\n"
    if output is not None:
        write_atomic(output, text)
    else:
        sys.stdout.write(text)


@app.command()
def coverage(
    data: DataOption = None,
    fmt: FormatOption = Format.TABLE,
    output: OutputOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Show how complete the dataset is: recorded, inherited, not applicable, unknown cells.

    Also counts records that cite a URL and those that cite an instrument only, and the age of
    each member's `reviewed` date.

    Example: sanctions-gap coverage --format csv
    """
    from sanctions_gap.coverage import measure_coverage
    from sanctions_gap.render.views import coverage_view

    emit(coverage_view(measure_coverage(load(data), as_date(as_of))), fmt, output)
