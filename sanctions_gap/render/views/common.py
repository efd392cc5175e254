"""What the views share: styles, plurals, percentages and numbers as people read them."""

from __future__ import annotations

from sanctions_gap.models import NOT_APPLICABLE, UNKNOWN

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
    return "" if value is None else f"{round(100 * value)}%"


def number(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def status_text(status: str, via: str | None) -> str:
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
