"""The export command: the tidy tables of records and levels, for pandas, R or a spreadsheet."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated

import typer

from sanctions_gap.cli.app import command
from sanctions_gap.cli.options import (
    AsOfOption,
    BasisOption,
    DataOption,
    FreqOption,
    FromOption,
    OutputOption,
    as_date,
    parse_basis,
    parse_date,
    parse_freq,
)
from sanctions_gap.cli.output import load, open_output, say

if TYPE_CHECKING:
    from sanctions_gap.export import ExportFormat


@command(short_help="The tidy tables of records and levels, as CSV or JSON.")
def export(
    table: Annotated[
        str,
        typer.Argument(
            metavar="TABLE",
            help="records: every record; panel: member x category x date levels.",
        ),
    ] = "records",
    start: FromOption = "2014-01-01",
    end: AsOfOption = None,
    freq: FreqOption = "MS",
    date_basis: BasisOption = "effective",
    data: DataOption = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="csv or json (one object per row); default: SANCTIONS_GAP_FORMAT where it is "
            "one of these, else csv.",
            show_default=False,
        ),
    ] = None,
    output: OutputOption = None,
) -> None:
    """The tidy tables, for analysis in pandas or R, written as they are computed (memory
    stays bounded whatever the size of the table).

    Examples:

      sanctions-gap export records -o records.csv

      sanctions-gap export panel --freq D --from 2022-01-01 -o panel.csv
    """
    from sanctions_gap.export import write_panel, write_records

    if table not in ("records", "panel"):
        raise typer.BadParameter(f"{table!r} is not a table; use records or panel")
    chosen = _format(fmt)
    first, last = parse_date(start, "--from"), as_date(end)
    dataset = load(data)
    with open_output(output) as out:
        if table == "records":
            rows = write_records(dataset, out, chosen)
        else:
            rows = write_panel(
                dataset,
                out,
                chosen,
                start=first,
                end=last,
                freq=parse_freq(freq),
                basis=parse_basis(date_basis),
            )
    say(f"{rows} rows")


def _format(given: str | None) -> ExportFormat:
    """csv or json: as given, else SANCTIONS_GAP_FORMAT where that names one, else csv."""
    if given is not None:
        if given.strip().lower() not in ("csv", "json"):
            raise typer.BadParameter(f"{given!r}: export writes csv or json", param_hint="--format")
        return "json" if given.strip().lower() == "json" else "csv"
    default = os.environ.get("SANCTIONS_GAP_FORMAT", "").strip().lower()
    if default in ("csv", "json"):
        return "json" if default == "json" else "csv"
    if default:
        say(f"note: SANCTIONS_GAP_FORMAT={default} is not a format of export; writing csv")
    return "csv"
