"""The export command: the tidy tables of records and levels, for pandas, R or a spreadsheet."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Annotated

import typer

from sanctions_gap.cli.app import app
from sanctions_gap.cli.options import (
    AsOfOption,
    BasisOption,
    DataOption,
    FreqOption,
    FromOption,
    OutputOption,
    as_date,
    parse_basis,
    parse_freq,
)
from sanctions_gap.cli.output import load, say, write_atomic


@app.command()
def export(
    table: Annotated[
        str,
        typer.Argument(help="records: every record; panel: member x category x date levels."),
    ] = "records",
    start: FromOption = dt.datetime(2014, 1, 1),
    end: AsOfOption = None,
    freq: FreqOption = "MS",
    date_basis: BasisOption = "effective",
    data: DataOption = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="csv or json (one object per row).", case_sensitive=False
        ),
    ] = "csv",
    output: OutputOption = None,
) -> None:
    """The tidy tables, for analysis in pandas or R.

    Examples:

      sanctions-gap export records -o records.csv

      sanctions-gap export panel --freq D --from 2022-01-01 -o panel.csv
    """
    from sanctions_gap.export import frame_to_csv, frame_to_json
    from sanctions_gap.frame import level_panel, records_frame

    if table not in ("records", "panel"):
        raise typer.BadParameter(f"{table!r} is not a table; use records or panel")
    if fmt.lower() not in ("csv", "json"):
        raise typer.BadParameter(f"{fmt!r}: export writes csv or json", param_hint="--format")
    dataset = load(data)
    if table == "records":
        frame = records_frame(dataset)
    else:
        frame = level_panel(
            dataset,
            start=start.date(),
            end=as_date(end),
            freq=parse_freq(freq),
            basis=parse_basis(date_basis),
        )
    text = frame_to_csv(frame) if fmt.lower() == "csv" else frame_to_json(frame)
    if output is not None:
        write_atomic(output, text)
    else:
        sys.stdout.write(text)
    say(f"{len(frame)} rows")
