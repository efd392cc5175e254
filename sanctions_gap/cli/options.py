"""The options the commands share, defined once, and the parsing of their values."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from sanctions_gap.render import Format

if TYPE_CHECKING:
    from sanctions_gap.frame import Frequency

MemberArgument = Annotated[
    str, typer.Argument(metavar="MEMBER", help="A member, such as JP.", show_default=False)
]
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
        metavar="FORMAT",
        envvar="SANCTIONS_GAP_FORMAT",
        case_sensitive=False,
        help="table, csv, json, markdown, github or html.",
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write the output to this file (whole, or not at all) instead of stdout; - is stdout.",
        dir_okay=False,
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="The date to answer for (YYYY-MM-DD; default: today).",
        show_default=False,
    ),
]


PrefixOption = Annotated[
    str | None,
    typer.Option(
        "--path-prefix",
        metavar="PREFIX",
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
    str, typer.Option("--from", metavar="DATE", help="The first date (YYYY-MM-DD).")
]
ToOption = Annotated[str, typer.Option("--to", metavar="DATE", help="The later date (YYYY-MM-DD).")]
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


def parse_date(value: str, option: str) -> dt.date:
    """A date the user typed as YYYY-MM-DD; a usage error that says what is wrong otherwise."""
    text = value.strip()
    shape = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if shape is None:
        raise typer.BadParameter(
            f"{value!r} is not a date; write it as YYYY-MM-DD, such as 2022-03-21",
            param_hint=option,
        )
    year, month, day = (int(part) for part in shape.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        if not 1 <= month <= 12:
            why = f"there is no month {month}"
        else:
            last = calendar.monthrange(year, month)[1]
            why = f"{calendar.month_name[month]} {year} has {last} days"
        raise typer.BadParameter(
            f"{value} is not a date that exists ({why}); write an existing date as YYYY-MM-DD",
            param_hint=option,
        ) from None


def as_date(value: str | None, option: str = "--as-of") -> dt.date:
    """The date a user asked for, or today."""
    return parse_date(value, option) if value is not None else dt.date.today()


PeersOption = Annotated[
    str,
    typer.Option(
        "--vs",
        metavar="GROUP",
        help="The peers: a group (G7, G7+EU, coalition), member codes such as CA,US, or "
        "both (G7,KR).",
    ),
]
GroupOption = Annotated[
    str,
    typer.Option(
        "--group",
        "-g",
        metavar="GROUP",
        help="A group (G7, G7+EU, coalition), member codes such as CA,JP,US, or both.",
    ),
]
OnceOption = Annotated[
    bool,
    typer.Option(
        "--inherited-once",
        help="Leave out members that inherit from another member of the group (France, "
        "Germany and Italy when the EU is there), so that the EU counts once.",
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
    typer.Option(
        "--min-peers", metavar="N", help="A gap needs at least N peers ahead (1 or more)."
    ),
]
MinShareOption = Annotated[
    float,
    typer.Option(
        "--min-share",
        metavar="SHARE",
        help="A gap needs at least this share (0 to 1) of the applicable peers ahead.",
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
        "--max-gaps",
        metavar="N",
        help="Exit 1 when there are more than N gaps.",
        show_default=False,
    ),
]
ExitZeroOption = Annotated[
    bool, typer.Option("--exit-zero", help="Exit 0 even when --fail-on-gap or --max-gaps trip.")
]


def check_max_gaps(value: int | None) -> None:
    """Refuse a negative bar."""
    if value is not None and value < 0:
        raise typer.BadParameter(f"{value} is below 0; give 0 or more", param_hint="--max-gaps")


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
    inherited_once: bool = False,
    **thresholds: float,
) -> dict[str, Any]:
    """The keyword arguments every engine query shares: basis, categories, families, bars."""
    return {
        "basis": parse_basis(date_basis),
        "categories": category,
        "families": family,
        "inherited_once": inherited_once,
        **thresholds,
    }
