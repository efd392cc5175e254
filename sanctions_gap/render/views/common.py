"""What the views share: styles, plurals, percentages and numbers as people read them."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from sanctions_gap.models import NOT_APPLICABLE, UNKNOWN
from sanctions_gap.render.view import Annotation

STATUS_STYLES = {UNKNOWN: "dim italic", NOT_APPLICABLE: "dim"}


def level_style(level: float | None) -> str:
    """A heat-map colour for a normalised level: red (none) through yellow to green (full)."""
    if level is None:
        return "dim"
    if level <= 0:
        return "bold red"
    if level < 1:
        return "yellow"
    return "green"


def plural(count: int, word: str) -> str:
    """``1 gap``, ``2 gaps``."""
    if count == 1:
        return f"1 {word}"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return f"{count} {word[:-1]}ies"
    return f"{count} {word}s"


def percent(value: float | None) -> str:
    """A share as a whole percentage, or nothing."""
    return "" if value is None else f"{round(100 * value)}%"


def number(value: float | None, digits: int = 1) -> str:
    """A number for people, ``n/a`` where there is none."""
    return "n/a" if value is None else f"{value:.{digits}f}"


def status_text(status: str, via: str | None) -> str:
    """A status in words, with where it comes from: ``full (via EU)``."""
    return f"{status} (via {via})" if via else status


def bar(value: float | None, median: float | None, width: int = 20) -> str:
    """A bar of the member's index, with the peers' median marked by a `|`."""
    if value is None:
        return "?"
    filled = round(value / 100 * width)
    bar = ["█"] * filled + ["░"] * (width - filled)
    if median is not None:
        position = min(width - 1, round(median / 100 * width))
        bar[position] = "|"
    return "".join(bar)


def days_relative(days: float) -> str:
    """``3 days after``, ``1 day before``, ``on the same day as``."""
    if days == 0:
        return "on the same day as"
    amount = abs(days)
    unit = "day" if amount == 1 else "days"
    return f"{amount:g} {unit} {'after' if days > 0 else 'before'}"


INHERITED = "ᵉ"
"""Marks a status inherited from another member (France, Germany, Italy from the EU)."""
SCHEDULED = "†"
"""Marks a status that rests on a measure adopted for later (effective after the review)."""
MARKS_NOTE = (
    f"{INHERITED} inherited (for example from the EU); {SCHEDULED} adopted for later: "
    "effective after the data's review date"
)


def marked(status: str, via: str | None, scheduled: bool = False) -> str:
    """A status with its marks, for people: ``fullᵉ``, ``full†``."""
    return status + (INHERITED if via else "") + (SCHEDULED if scheduled else "")


def iso(date: dt.date | None) -> str:
    """A date as ISO text, or nothing."""
    return "" if date is None else date.isoformat()


def repo_path(prefix: str, path: str) -> str:
    """A dataset file's path as GitHub places it: the prefix and the path, one ``/`` between."""
    if not prefix:
        return path
    return f"{prefix.rstrip('/')}/{path}"


def gap_annotation(
    severity: Literal["error", "warning", "notice"],
    path: str,
    line: int,
    member: str,
    category: str,
    status: str,
    ahead: str,
    since: dt.date | None,
    days: int | None,
) -> Annotation:
    """The annotation of one gap, at the record behind the member's status."""
    when = f", since {iso(since)} ({days} days)" if since is not None else ""
    return Annotation(
        severity,
        path,
        line,
        f"{member} lags in {category}",
        f"{member} is at {status}; ahead: {ahead}{when}",
    )
