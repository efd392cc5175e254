"""The command-line interface: the only module that reads arguments, prints, or exits."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, NoReturn

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


def _prefix(data: Path | None, explicit: str | None) -> str:
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
    prefix: PrefixOption = None,
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
    emit(validation_view(report, _prefix(root, prefix)), fmt, output)
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


# ---------------------------------------------------------------------- the gap engine

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


def _basis(value: str) -> Any:
    from sanctions_gap.dataset import DateBasis

    try:
        return DateBasis(value.strip().lower())
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date basis; use effective or announced",
            param_hint="--date-basis",
        ) from None


def _gap_exit(gaps: int, fail_on_gap: bool, max_gaps: int | None, exit_zero: bool) -> int:
    """The exit code for a run that found ``gaps`` gaps."""
    failing = (fail_on_gap and gaps > 0) or (max_gaps is not None and gaps > max_gaps)
    return int(ExitCode.FOUND) if failing and not exit_zero else int(ExitCode.OK)


def _step_summary(view: View) -> None:
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


def _selection(
    date_basis: str,
    category: list[str] | None,
    family: list[str] | None,
    **thresholds: float,
) -> dict[str, Any]:
    """The keyword arguments every engine query shares: basis, categories, families, bars."""
    return {
        "basis": _basis(date_basis),
        "categories": category,
        "families": family,
        **thresholds,
    }


def _finish_gap_run(
    make_view: Callable[[Literal["error", "warning"]], View],
    gap_count: int,
    fail_on_gap: bool,
    max_gaps: int | None,
    exit_zero: bool,
    fmt: Format,
    output: Path | None,
) -> NoReturn:
    """Print a gap report, append the step summary, and exit 1 if the run fails on its gaps."""
    code = _gap_exit(gap_count, fail_on_gap, max_gaps, exit_zero)
    view = make_view("error" if code == int(ExitCode.FOUND) else "warning")
    emit(view, fmt, output)
    _step_summary(view)
    raise typer.Exit(code)


@app.command()
def compare(
    member: Annotated[
        str, typer.Argument(metavar="MEMBER", help="The member to examine, such as JP.")
    ],
    vs: PeersOption = "G7",
    as_of: AsOfOption = None,
    date_basis: BasisOption = "effective",
    min_peers: MinPeersOption = 1,
    min_share: MinShareOption = 0.0,
    category: CategoryOption = None,
    family: FamilyOption = None,
    only_gaps: Annotated[bool, typer.Option("--only-gaps", help="Show only the gaps.")] = False,
    fail_on_gap: FailOnGapOption = False,
    max_gaps: MaxGapsOption = None,
    exit_zero: ExitZeroOption = False,
    data: DataOption = None,
    fmt: FormatOption = Format.TABLE,
    output: OutputOption = None,
    prefix: PrefixOption = None,
) -> None:
    """Where MEMBER lags its peers: every category, who is ahead, since when, for how long.

    Examples:

      sanctions-gap compare JP --vs G7

      sanctions-gap compare JP --vs G7 --as-of 2022-03-21 --only-gaps

      sanctions-gap compare JP --vs GB,US --family energy --format csv -o jp.csv

      sanctions-gap compare JP --vs G7 --fail-on-gap --format github
    """
    from sanctions_gap.engine import compare as run_compare
    from sanctions_gap.render.views import compare_view

    dataset = load(data)
    report = run_compare(
        dataset,
        member,
        dataset.resolve_group(vs),
        as_date(as_of),
        **_selection(date_basis, category, family, min_peers=min_peers, min_share=min_share),
    )
    _finish_gap_run(
        lambda severity: compare_view(
            report,
            dataset,
            only_gaps=only_gaps,
            repo_prefix=_prefix(data, prefix),
            severity=severity,
        ),
        len(report.gaps),
        fail_on_gap,
        max_gaps,
        exit_zero,
        fmt,
        output,
    )


@app.command()
def gaps(
    group: GroupOption = "G7",
    as_of: AsOfOption = None,
    date_basis: BasisOption = "effective",
    min_peers: MinPeersOption = 1,
    min_share: MinShareOption = 0.0,
    category: CategoryOption = None,
    family: FamilyOption = None,
    fail_on_gap: FailOnGapOption = False,
    max_gaps: MaxGapsOption = None,
    exit_zero: ExitZeroOption = False,
    data: DataOption = None,
    fmt: FormatOption = Format.TABLE,
    output: OutputOption = None,
    prefix: PrefixOption = None,
) -> None:
    """Every member's gaps against the rest of its group, ranked: who lags most.

    Examples:

      sanctions-gap gaps --group G7

      sanctions-gap gaps --group G7+EU --as-of 2022-06-30 --format markdown
    """
    from sanctions_gap.engine import gaps as run_gaps
    from sanctions_gap.render.views import gaps_view

    dataset = load(data)
    report = run_gaps(
        dataset,
        dataset.resolve_group(group),
        as_date(as_of),
        **_selection(date_basis, category, family, min_peers=min_peers, min_share=min_share),
    )
    _finish_gap_run(
        lambda severity: gaps_view(
            report, dataset, repo_prefix=_prefix(data, prefix), severity=severity
        ),
        sum(len(entry.items) for entry in report.entries),
        fail_on_gap,
        max_gaps,
        exit_zero,
        fmt,
        output,
    )


@app.command()
def matrix(
    group: GroupOption = "G7+EU",
    as_of: AsOfOption = None,
    date_basis: BasisOption = "effective",
    category: CategoryOption = None,
    family: FamilyOption = None,
    data: DataOption = None,
    fmt: FormatOption = Format.TABLE,
    output: OutputOption = None,
) -> None:
    """A heat map of members x categories on a date.

    Examples:

      sanctions-gap matrix --group G7 --as-of 2022-03-21

      sanctions-gap matrix --format csv -o levels.csv
    """
    from sanctions_gap.engine import matrix as run_matrix
    from sanctions_gap.render.views import matrix_view

    dataset = load(data)
    report = run_matrix(
        dataset,
        dataset.resolve_group(group),
        as_date(as_of),
        **_selection(date_basis, category, family),
    )
    emit(matrix_view(report), fmt, output)


@app.command()
def index(
    group: GroupOption = "G7+EU",
    as_of: AsOfOption = None,
    date_basis: BasisOption = "effective",
    category: CategoryOption = None,
    family: FamilyOption = None,
    data: DataOption = None,
    fmt: FormatOption = Format.TABLE,
    output: OutputOption = None,
) -> None:
    """Each member's stringency index (0-100) and the coverage it rests on, highest first.

    Examples:

      sanctions-gap index --group G7

      sanctions-gap index --group G7+EU --as-of 2022-03-21 --family energy
    """
    from sanctions_gap.engine import indexes
    from sanctions_gap.render.views import index_view

    dataset = load(data)
    report = indexes(
        dataset,
        dataset.resolve_group(group),
        as_date(as_of),
        **_selection(date_basis, category, family),
    )
    emit(index_view(report), fmt, output)


@app.command()
def show(
    member: Annotated[str, typer.Argument(metavar="MEMBER", help="The member, such as JP.")],
    category: Annotated[
        str | None,
        typer.Option("--category", "-c", help="Only this category.", show_default=False),
    ] = None,
    data: DataOption = None,
    fmt: FormatOption = Format.TABLE,
    output: OutputOption = None,
) -> None:
    """The records themselves: instruments, exemptions and sources.

    Examples:

      sanctions-gap show JP --category airspace_ban

      sanctions-gap show FR --format json
    """
    from sanctions_gap.engine import show as run_show
    from sanctions_gap.render.views import show_view

    emit(show_view(run_show(load(data), member, category)), fmt, output)


@app.command()
def timeline(
    member: Annotated[str, typer.Argument(metavar="MEMBER", help="The member, such as JP.")],
    vs: PeersOption = "G7",
    start: Annotated[
        dt.datetime,
        typer.Option(
            "--from", metavar="DATE", formats=["%Y-%m-%d"], help="First date (YYYY-MM-DD)."
        ),
    ] = dt.datetime(2014, 1, 1),
    end: AsOfOption = None,
    freq: Annotated[
        str, typer.Option("--freq", help="MS: the first of each month; D: every day.")
    ] = "MS",
    date_basis: BasisOption = "effective",
    min_peers: MinPeersOption = 1,
    min_share: MinShareOption = 0.0,
    category: CategoryOption = None,
    family: FamilyOption = None,
    data: DataOption = None,
    fmt: FormatOption = Format.TABLE,
    output: OutputOption = None,
) -> None:
    """MEMBER's stringency index against its peers' median over time, gaps opened and closed,
    and each category's adoption latency.

    Examples:

      sanctions-gap timeline JP --vs G7 --from 2022-01-01 --as-of 2022-12-31

      sanctions-gap timeline JP --vs G7 --format csv -o jp-timeline.csv
    """
    from sanctions_gap.engine import timeline as run_timeline
    from sanctions_gap.render.views import timeline_view

    if freq not in ("MS", "D"):
        raise typer.BadParameter(f"{freq!r} is not a frequency; use MS or D", param_hint="--freq")
    if start.date() > as_date(end):
        raise typer.BadParameter(
            f"{start.date().isoformat()} is after the end date {as_date(end).isoformat()}",
            param_hint="--from",
        )
    dataset = load(data)
    report = run_timeline(
        dataset,
        member,
        dataset.resolve_group(vs),
        start=start.date(),
        end=as_date(end),
        freq="MS" if freq == "MS" else "D",
        **_selection(date_basis, category, family, min_peers=min_peers, min_share=min_share),
    )
    emit(timeline_view(report), fmt, output)


@app.command()
def diff(
    member: Annotated[str, typer.Argument(metavar="MEMBER", help="The member, such as JP.")],
    start: Annotated[
        dt.datetime,
        typer.Option("--from", metavar="DATE", formats=["%Y-%m-%d"], help="The earlier date."),
    ],
    end: Annotated[
        dt.datetime,
        typer.Option("--to", metavar="DATE", formats=["%Y-%m-%d"], help="The later date."),
    ],
    vs: PeersOption = "G7",
    date_basis: BasisOption = "effective",
    min_peers: MinPeersOption = 1,
    min_share: MinShareOption = 0.0,
    category: CategoryOption = None,
    family: FamilyOption = None,
    data: DataOption = None,
    fmt: FormatOption = Format.TABLE,
    output: OutputOption = None,
) -> None:
    """The gaps that opened and closed between two dates.

    Example:

      sanctions-gap diff JP --vs G7 --from 2022-03-21 --to 2023-03-21
    """
    from sanctions_gap.engine import diff as run_diff
    from sanctions_gap.render.views import diff_view

    if end < start:
        raise typer.BadParameter("--to must not be before --from", param_hint="--to")
    dataset = load(data)
    report = run_diff(
        dataset,
        member,
        dataset.resolve_group(vs),
        start.date(),
        end.date(),
        **_selection(date_basis, category, family, min_peers=min_peers, min_share=min_share),
    )
    emit(diff_view(report), fmt, output)


@app.command()
def export(
    table: Annotated[
        str,
        typer.Argument(help="records: every record; panel: member x category x date levels."),
    ] = "records",
    start: Annotated[
        dt.datetime,
        typer.Option("--from", metavar="DATE", formats=["%Y-%m-%d"], help="panel: first date."),
    ] = dt.datetime(2014, 1, 1),
    end: AsOfOption = None,
    freq: Annotated[
        str, typer.Option("--freq", help="panel: MS (the first of each month) or D (daily).")
    ] = "MS",
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
    if freq not in ("MS", "D"):
        raise typer.BadParameter(f"{freq!r} is not a frequency; use MS or D", param_hint="--freq")
    dataset = load(data)
    if table == "records":
        frame = records_frame(dataset)
    else:
        frame = level_panel(
            dataset,
            start=start.date(),
            end=as_date(end),
            freq="MS" if freq == "MS" else "D",
            basis=_basis(date_basis),
        )
    text = frame_to_csv(frame) if fmt.lower() == "csv" else frame_to_json(frame)
    if output is not None:
        write_atomic(output, text)
    else:
        sys.stdout.write(text)
    say(f"{len(frame)} rows")


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


from sanctions_gap import cli_entities as _cli_entities  # noqa: E402,F401  # registers the entities command
