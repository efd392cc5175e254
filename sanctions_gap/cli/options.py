"""The options the commands share, defined once, and the parsing of their values."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from sanctions_gap.render import Format

if TYPE_CHECKING:
    from sanctions_gap.frame import Frequency

DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        metavar="DIR",
        envvar="SANCTIONS_GAP_DATA",
        help="Dataset directory (default: the bundled data).",
        file_okay=False,
        show_default=False,
    ),
]
FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        envvar="SANCTIONS_GAP_FORMAT",
        case_sensitive=False,
        help="Output format.",
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write the output to this file (whole, or not at all) instead of stdout.",
        dir_okay=False,
        show_default=False,
    ),
]
AsOfOption = Annotated[
    dt.datetime | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        formats=["%Y-%m-%d"],
        help="The date to answer for (YYYY-MM-DD; default: today).",
        show_default=False,
    ),
]


PrefixOption = Annotated[
    str | None,
    typer.Option(
        "--path-prefix",
        help="github format: prefix of the dataset's file paths in annotations "
        "(default: the dataset directory, relative to the current one where it can be).",
        show_default=False,
    ),
]


def path_prefix(data: Path | None, explicit: str | None) -> str:
    """The prefix that turns `members/jp.yaml` into a path GitHub can place in the repository."""
    if explicit is not None:
        return explicit
    if data is None:
        return "data/"
    try:
        shown = data.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        shown = data
    return f"{shown.as_posix().rstrip('/')}/"


FromOption = Annotated[
    dt.datetime,
    typer.Option(
        "--from", metavar="DATE", formats=["%Y-%m-%d"], help="The first date (YYYY-MM-DD)."
    ),
]
FreqOption = Annotated[
    str,
    typer.Option("--freq", metavar="FREQ", help="MS: the first day of each month; D: every day."),
]


def parse_freq(value: str) -> Frequency:
    """The sampling of a timeline or panel, from what the user typed (any case)."""
    chosen = value.strip().upper()
    if chosen == "MS":
        return "MS"
    if chosen == "D":
        return "D"
    raise typer.BadParameter(
        f"{value!r} is not a frequency; use MS (the first of each month) or D (every day)",
        param_hint="--freq",
    )


def as_date(value: dt.datetime | None) -> dt.date:
    """The date a user asked for, or today."""
    return value.date() if value is not None else dt.date.today()


PeersOption = Annotated[
    str,
    typer.Option(
        "--vs",
        metavar="GROUP",
        help="The peers: a group id (G7, G7+EU, EU-G7) or member codes such as CA,US.",
    ),
]
GroupOption = Annotated[
    str,
    typer.Option(
        "--group",
        "-g",
        metavar="GROUP",
        help="A group id (G7, G7+EU) or member codes such as CA,JP,US.",
    ),
]
BasisOption = Annotated[
    str,
    typer.Option(
        "--date-basis",
        metavar="BASIS",
        help="effective: dates the measures legally applied; announced: when announced.",
        case_sensitive=False,
    ),
]
MinPeersOption = Annotated[
    int,
    typer.Option("--min-peers", min=1, help="A gap needs at least this many peers ahead."),
]
MinShareOption = Annotated[
    float,
    typer.Option(
        "--min-share",
        min=0.0,
        max=1.0,
        help="A gap needs at least this share (0 to 1) of applicable peers ahead.",
    ),
]
CategoryOption = Annotated[
    list[str] | None,
    typer.Option(
        "--category",
        "-c",
        metavar="ID",
        help="Only this category (repeatable).",
        show_default=False,
    ),
]
FamilyOption = Annotated[
    list[str] | None,
    typer.Option(
        "--family",
        metavar="FAMILY",
        help="Only categories of this family (repeatable): financial, trade, energy, "
        "transport, diplomatic, individuals.",
        show_default=False,
    ),
]
FailOnGapOption = Annotated[
    bool, typer.Option("--fail-on-gap", help="Exit 1 when any gap remains.")
]
MaxGapsOption = Annotated[
    int | None,
    typer.Option(
        "--max-gaps", min=0, help="Exit 1 when there are more gaps than this.", show_default=False
    ),
]
ExitZeroOption = Annotated[
    bool, typer.Option("--exit-zero", help="Exit 0 even when --fail-on-gap or --max-gaps trip.")
]


def parse_basis(value: str) -> Any:
    from sanctions_gap.dataset import DateBasis

    try:
        return DateBasis(value.strip().lower())
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date basis; use effective or announced",
            param_hint="--date-basis",
        ) from None


def selection(
    date_basis: str,
    category: list[str] | None,
    family: list[str] | None,
    **thresholds: float,
) -> dict[str, Any]:
    """The keyword arguments every engine query shares: basis, categories, families, bars."""
    return {
        "basis": parse_basis(date_basis),
        "categories": category,
        "families": family,
        **thresholds,
    }
