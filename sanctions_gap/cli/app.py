"""The application: its options, error handling, and the entry point; commands register here."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

from sanctions_gap import __version__
from sanctions_gap.cli.output import print_issues, say
from sanctions_gap.errors import DataError, ExitCode, SanctionsGapError


@dataclass
class Settings:
    """The options given before the command, for the run in progress."""

    debug: bool = False
    """Show a traceback when the tool itself fails."""
    cache: Path | None = None
    """Where validated datasets are kept (None: validate on every run)."""


SETTINGS = Settings()
"""The settings of the current run (set by the app's callback before every command)."""


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
            count = len(exc.issues)
            issues = "1 issue" if count == 1 else f"{count} issues"
            say(f"error: the dataset{where} is not valid ({issues}):", "red")
            print_issues(exc.issues)
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


class Command(TyperCommand):
    """A command whose help names its arguments plainly (MEMBER, not {MEMBER} or MEMBER <str>)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, TyperArgument):
                # Typer shows an argument's Python type after its name; the help says it.
                param.display_type_rich = _no_type  # type: ignore[method-assign]

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                name = param.display_name_raw.upper()
                pieces.append(name if param.required else f"[{name}]")
        return pieces


def _no_type(ctx: Any) -> None:
    return None


COMMAND_MODULES = ("keeping", "reporting", "briefing", "exporting", "entities")
"""The modules of ``sanctions_gap.cli`` that define commands, in the order `--help` lists them."""

APP_SETTINGS: dict[str, Any] = {
    "name": "sanctions-gap",
    "cls": _Group,
    "help": (
        "Where one member's sanctions on Russia lag its partners': measure by measure, date by "
        "date.\n\nExamples:\n\n"
        "  sanctions-gap compare JP --vs G7\n\n"
        "  sanctions-gap compare JP --vs G7 --as-of 2022-03-21\n\n"
        "  sanctions-gap validate data/"
    ),
    "no_args_is_help": True,
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}
app = typer.Typer(**APP_SETTINGS)


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
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Validate the dataset on this run even if it was validated before with the "
            "same files (by default validated datasets are kept in the user's cache directory, "
            "or SANCTIONS_GAP_CACHE_DIR).",
        ),
    ] = False,
) -> None:
    """Where one member's sanctions on Russia lag its partners'."""
    ctx.obj = {"debug": debug}
    SETTINGS.debug = debug
    SETTINGS.cache = None if no_cache else cache_directory()


def command(name: str | None = None, **settings: Any) -> Callable[[Any], Any]:
    """Register a command of the app (with the plain help of ``Command``)."""
    return app.command(name, cls=Command, **settings)


def cache_directory() -> Path:
    """The user's cache directory for sanctions-gap (``SANCTIONS_GAP_CACHE_DIR`` if set)."""
    chosen = os.environ.get("SANCTIONS_GAP_CACHE_DIR")
    if chosen:
        return Path(chosen)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "sanctions-gap" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "sanctions-gap"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sanctions-gap"


def main() -> None:
    """The console-script entry point: runs the app, with no traceback on a closed pipe."""
    run(command_app(sys.argv[1:]))


def command_app(args: list[str]) -> typer.Typer:
    """The app with only the command that ``args`` name, where they name one; else the app.

    Typer builds the options of every command before it runs one; an app with the one command
    asked for (and the same options before it) saves every run that work. Anything else, such as
    `--help`, no command or a mistyped one, goes to the whole app, which lists or suggests.
    """
    # The options before a command (--debug, --no-cache, --version) take no value.
    name = next((arg for arg in args if not arg.startswith("-")), None)
    chosen = [info for info in app.registered_commands if command_name(info) == name]
    if not chosen:
        return app
    single = typer.Typer(**APP_SETTINGS)
    single.registered_callback = app.registered_callback
    single.registered_commands = chosen
    return single


def command_name(info: Any) -> str:
    """The name a registered command is invoked by (Typer's rule: the function's name)."""
    return str(info.name or info.callback.__name__.replace("_", "-"))


def run(command: Callable[..., Any]) -> None:
    """Run ``command`` as the program; a closed stdout (``| head``) ends it quietly."""
    try:
        command(prog_name="sanctions-gap")
    except BrokenPipeError:
        # Python's documented recipe: point stdout at devnull so the exit flush cannot fail.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(int(ExitCode.OK))
