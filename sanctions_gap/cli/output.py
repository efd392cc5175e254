"""Output: messages on stderr, payloads on stdout or in a file written whole, and exit codes."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NoReturn

import typer

from sanctions_gap.errors import ExitCode, Issue
from sanctions_gap.render import Format, View

if TYPE_CHECKING:
    from rich.console import Console

    from sanctions_gap.dataset import Dataset

STEP_SUMMARY_LIMIT = 1024 * 1024
"""GitHub refuses step summaries over 1 MiB."""


def _stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, markup=False, emoji=False)


def say(message: str, style: str | None = None) -> None:
    """Print a message for people on stderr (never Rich markup: data text shows as typed).

    On a terminal (or with FORCE_COLOR) Rich styles and wraps it; in a pipe or a log it is the
    plain line, unwrapped, so that tools and CI logs see whole lines.
    """
    if not (sys.stderr.isatty() or os.environ.get("FORCE_COLOR")):
        sys.stderr.write(message + "\n")
        return
    from rich.text import Text

    _stderr().print(Text(message, style=style or ""))


def print_issues(issues: list[Issue] | tuple[Issue, ...]) -> None:
    for issue in issues:
        say(str(issue))


def load(data: Path | None) -> Dataset:
    """Load and validate the dataset (raises DataError, which the group turns into exit 2)."""
    from sanctions_gap.cli.app import SETTINGS
    from sanctions_gap.validate import load_dataset

    return load_dataset(data, cache=SETTINGS.cache)


def write_atomic(path: Path, text: str | Iterable[str]) -> None:
    """Write ``text`` (or its pieces) to ``path`` whole or not at all: a temporary file, then a
    rename."""
    directory = path.parent if str(path.parent) else Path()
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            for piece in [text] if isinstance(text, str) else text:
                handle.write(piece)
        # mkstemp makes the file private (0600); give it the permissions a plain open() would.
        umask = os.umask(0)
        os.umask(umask)
        Path(temporary).chmod(0o666 & ~umask)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def emit(view: View, fmt: Format, output: Path | None, *, summary: bool = True) -> None:
    """Render ``view`` to stdout or ``output``; the summary goes to stderr."""
    from sanctions_gap.render import render_pieces

    if output is not None:
        write_atomic(output, render_pieces(view, fmt, width=100, color=False))
    else:
        from rich.console import Console

        console = Console()
        color = console.is_terminal and not console.no_color
        for piece in render_pieces(view, fmt, width=console.width, color=color):
            sys.stdout.write(piece)
        sys.stdout.flush()
    if summary:
        for line in view.summary:
            say(line)


def fail(message: str) -> NoReturn:
    """Print an error message and exit 2."""
    say(f"error: {message}", "red")
    raise typer.Exit(int(ExitCode.ERROR))


def gap_exit(gaps: int, fail_on_gap: bool, max_gaps: int | None, exit_zero: bool) -> int:
    """The exit code for a run that found ``gaps`` gaps."""
    failing = (fail_on_gap and gaps > 0) or (max_gaps is not None and gaps > max_gaps)
    return int(ExitCode.FOUND) if failing and not exit_zero else int(ExitCode.OK)


def step_summary(view: View) -> None:
    """Append the view as Markdown to GitHub's step summary, when the run has one."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    from sanctions_gap.render import render

    text = render(view, Format.MARKDOWN)
    path = Path(target)
    used = path.stat().st_size if path.exists() else 0
    if used + len(text.encode("utf-8")) > STEP_SUMMARY_LIMIT:
        say("warning: the GitHub step summary is full; nothing appended", "yellow")
        return
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text + "\n")


def finish_gap_run(
    make_view: Callable[[Literal["error", "warning"]], View],
    gap_count: int,
    fail_on_gap: bool,
    max_gaps: int | None,
    exit_zero: bool,
    fmt: Format,
    output: Path | None,
) -> NoReturn:
    """Print a gap report, append the step summary, and exit 1 if the run fails on its gaps."""
    code = gap_exit(gap_count, fail_on_gap, max_gaps, exit_zero)
    view = make_view("error" if code == int(ExitCode.FOUND) else "warning")
    emit(view, fmt, output)
    step_summary(view)
    raise typer.Exit(code)
