"""Output: messages on stderr, payloads on stdout or in a file written whole, and exit codes."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NoReturn, TextIO

import typer

from sanctions_gap.errors import DataError, ExitCode, Issue
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


def load(data: Path | None, fmt: Format | None = None, prefix: str | None = None) -> Dataset:
    """Load and validate the dataset (raises DataError, which the group turns into exit 2).

    With the github format, the errors of an invalid dataset are also printed as ``::error``
    annotations on stdout, so that a workflow shows them where they are.
    """
    from sanctions_gap.cli.app import SETTINGS
    from sanctions_gap.validate import load_dataset

    try:
        return load_dataset(data, cache=SETTINGS.cache)
    except DataError as exc:
        if fmt is Format.GITHUB:
            from sanctions_gap.cli.options import path_prefix
            from sanctions_gap.render.github import annotation_line
            from sanctions_gap.render.views.validation import issue_annotation

            shown = path_prefix(data, prefix)
            for issue in exc.issues:
                sys.stdout.write(annotation_line(issue_annotation(issue, shown)) + "\n")
        raise


def warn_about_date(dataset: Dataset, date: dt.date) -> None:
    """Say on stderr when a date lies outside what the data covers."""
    first = dataset.first_date
    if first is not None and date < first:
        say(
            f"warning: {date.isoformat()} is before the data's first record "
            f"({first.isoformat()}): every status then is a standing absence or unknown",
            "yellow",
        )
    reviewed = dataset.reviewed
    if reviewed is not None and date > reviewed:
        say(
            f"warning: {date.isoformat()} is after the data was reviewed "
            f"({reviewed.isoformat()}): statuses count the measures adopted for later as in "
            "force (marked †), and nothing the data does not yet hold",
            "yellow",
        )


@contextmanager
def open_output(output: Path | None) -> Iterator[TextIO]:
    """A text stream to write a large output to: stdout (also for ``-``), or a temporary file
    beside ``output`` that replaces it only once everything is written."""
    if output is None or str(output) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    directory = output.parent if str(output.parent) else Path()
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(output)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
        _publish(Path(temporary), output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _publish(temporary: Path, path: Path) -> None:
    # mkstemp makes the file private (0600); give it the permissions a plain open() would.
    umask = os.umask(0)
    os.umask(umask)
    temporary.chmod(0o666 & ~umask)
    temporary.replace(path)


def write_atomic(path: Path, text: str | Iterable[str]) -> None:
    """Write ``text`` (or its pieces) to ``path`` whole or not at all: a temporary file, then a
    rename."""
    with open_output(path) as out:
        for piece in [text] if isinstance(text, str) else text:
            out.write(piece)


def emit(view: View, fmt: Format, output: Path | None, *, summary: bool = True) -> None:
    """Render ``view`` to stdout or ``output`` (``-`` is stdout), in pieces where the format
    has them (a large CSV); the summary goes to stderr."""
    from sanctions_gap.render import render_pieces

    if output is not None and str(output) != "-":
        write_atomic(output, render_pieces(view, fmt, width=100, color=False))
    else:
        from rich.console import Console

        console = Console()
        # Rich decides colour (NO_COLOR, FORCE_COLOR, a pipe); a dumb terminal gets none.
        color = console.is_terminal and not console.no_color and not console.is_dumb_terminal
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


GapBars = tuple[bool, int | None, bool]
"""--fail-on-gap, --max-gaps and --exit-zero, as a command received them."""


def gap_exit(gaps: int, bars: GapBars) -> int:
    """The exit code for a run that found ``gaps`` gaps."""
    fail_on_gap, max_gaps, exit_zero = bars
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
    bars: GapBars,
    fmt: Format,
    output: Path | None,
) -> NoReturn:
    """Print a gap report, append the step summary, and exit 1 if the run fails on its gaps."""
    code = gap_exit(gap_count, bars)
    view = make_view("error" if code == int(ExitCode.FOUND) else "warning")
    emit(view, fmt, output)
    step_summary(view)
    raise typer.Exit(code)
