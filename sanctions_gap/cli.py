"""The command-line interface: the only module that reads arguments, prints, or exits."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from sanctions_gap import __version__
from sanctions_gap.errors import DataError, ExitCode, Issue, SanctionsGapError
from sanctions_gap.render import Format, View

if TYPE_CHECKING:
    from rich.console import Console

    from sanctions_gap.dataset import Dataset

# NOTE: nothing at module level imports pandas, pydantic or the dataset code, so that
# `--help`, `--version` and shell completion stay fast; each command imports what it needs.

STEP_SUMMARY_LIMIT = 1024 * 1024
"""GitHub refuses step summaries over 1 MiB."""


def _stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, markup=False, emoji=False)


def say(message: str, style: str | None = None) -> None:
    """Print a message for people on stderr (never Rich markup: data text shows as typed)."""
    from rich.text import Text

    _stderr().print(Text(message, style=style or ""))


def _print_issues(issues: list[Issue] | tuple[Issue, ...]) -> None:
    for issue in issues:
        say(str(issue))


class _Group(TyperGroup):
    """Turns every error a command raises into a message and exit code 2, never a traceback."""

    # The context is typed Any: Typer's own annotation names its vendored, private click.
    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort):
            raise
        except typer.TyperException as exc:
            # Usage errors already exit 2; file errors and the like would exit 1, which is
            # reserved for findings.
            exc.exit_code = int(ExitCode.ERROR)
            raise
        except DataError as exc:
            where = f" in {exc.root}" if exc.root else ""
            say(f"error: the dataset{where} is not valid ({len(exc.issues)} issues):", "red")
            _print_issues(exc.issues)
            say("run `sanctions-gap validate` on it for details")
            ctx.exit(int(ExitCode.ERROR))
        except SanctionsGapError as exc:
            say(f"error: {exc}", "red")
            ctx.exit(int(ExitCode.ERROR))
        except BrokenPipeError:
            raise
        except OSError as exc:
            if (ctx.obj or {}).get("debug"):
                raise
            name = f" {exc.filename}" if exc.filename else ""
            say(f"error:{name}: {exc.strerror or exc}", "red")
            ctx.exit(int(ExitCode.ERROR))
        except Exception as exc:
            if (ctx.obj or {}).get("debug"):
                raise
            say(
                f"internal error: {type(exc).__name__}: {exc}; rerun with --debug for the "
                "traceback, and please report it",
                "red",
            )
            ctx.exit(int(ExitCode.ERROR))


app = typer.Typer(
    name="sanctions-gap",
    cls=_Group,
    help=(
        "Where one member's sanctions on Russia lag its partners': measure by measure, date by "
        "date.\n\nExamples:\n\n"
        "  sanctions-gap compare JP --vs G7\n\n"
        "  sanctions-gap compare JP --vs G7 --as-of 2022-03-21\n\n"
        "  sanctions-gap validate data/"
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"sanctions-gap {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a traceback when the tool itself fails.")
    ] = False,
) -> None:
    """Where one member's sanctions on Russia lag its partners'."""
    ctx.obj = {"debug": debug}


# ---------------------------------------------------------------------- shared options

DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
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
        help="Write the output to this file (whole, or not at all) instead of stdout.",
        dir_okay=False,
        show_default=False,
    ),
]
AsOfOption = Annotated[
    dt.datetime | None,
    typer.Option(
        "--as-of",
        formats=["%Y-%m-%d"],
        help="The date to answer for (YYYY-MM-DD; default: today).",
        show_default=False,
    ),
]


def as_date(value: dt.datetime | None) -> dt.date:
    """The date a user asked for, or today."""
    return value.date() if value is not None else dt.date.today()


def load(data: Path | None) -> Dataset:
    """Load and validate the dataset (raises DataError, which the group turns into exit 2)."""
    from sanctions_gap.validate import load_dataset

    return load_dataset(data)


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all: a temporary file, then a rename."""
    directory = path.parent if str(path.parent) else Path()
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def emit(view: View, fmt: Format, output: Path | None, *, summary: bool = True) -> None:
    """Render ``view`` to stdout or ``output``; the summary goes to stderr."""
    from sanctions_gap.render import render

    if output is not None:
        write_atomic(output, render(view, fmt, width=100, color=False))
    else:
        from rich.console import Console

        console = Console()
        color = console.is_terminal and not console.no_color
        sys.stdout.write(render(view, fmt, width=console.width, color=color))
        sys.stdout.flush()
    if summary:
        for line in view.summary:
            say(line)


def fail(message: str) -> NoReturn:
    """Print an error message and exit 2."""
    say(f"error: {message}", "red")
    raise typer.Exit(int(ExitCode.ERROR))


# ---------------------------------------------------------------------- data commands


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
    fmt: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            envvar="SANCTIONS_GAP_FORMAT",
            case_sensitive=False,
            help="table lists the issues; github prints ::error annotations; json, csv, markdown.",
        ),
    ] = Format.TABLE,
    output: OutputOption = None,
    prefix: Annotated[
        str | None,
        typer.Option(
            "--path-prefix",
            help="Prefix for file paths in annotations (default: the directory as given).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check a dataset: every issue, with its file and line. Exit 0 when valid, 2 when not.

    Examples:

      sanctions-gap validate

      sanctions-gap validate path/to/data --format github
    """
    from sanctions_gap.render.views import validation_view
    from sanctions_gap.validate import validate_dataset

    root = directory or data
    report = validate_dataset(root)
    if prefix is None:
        prefix = f"{root.as_posix().rstrip('/')}/" if root is not None else "data/"
    emit(validation_view(report, prefix), fmt, output)
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

    document = Member.model_json_schema()
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


def main() -> None:
    """The console-script entry point: runs the app, with no traceback on a closed pipe."""
    run(app)


def run(command: Callable[..., Any]) -> None:
    """Run ``command`` as the program; a closed stdout (``| head``) ends it quietly."""
    try:
        command(prog_name="sanctions-gap")
    except BrokenPipeError:
        # Python's documented recipe: point stdout at devnull so the exit flush cannot fail.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(int(ExitCode.OK))
