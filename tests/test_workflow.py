"""The example GitHub Actions workflow: it parses, and every `sanctions-gap` command in it runs."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml
from typer.testing import CliRunner

from sanctions_gap.cli import app

from .conftest import DATA, ROOT

WORKFLOW = ROOT / "examples" / "github-workflow.yml"


def load_workflow() -> dict[Any, Any]:
    found = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(found, dict)
    return found


def steps() -> list[dict[str, Any]]:
    return [step for job in load_workflow()["jobs"].values() for step in job["steps"]]


def commands() -> list[list[str]]:
    """Each `sanctions-gap` command line of the workflow's scripts, without the shell's parts."""
    found = []
    for step in steps():
        for line in step.get("run", "").splitlines():
            words = shlex.split(line, comments=True)
            if words and words[0] == "sanctions-gap":
                # A redirection or a pipe ends the tool's own arguments.
                end = next((i for i, w in enumerate(words) if w in {">", ">>", "|", "2>"}), None)
                found.append(words[1:end])
    return found


def test_the_workflow_parses_and_runs_on_pull_requests() -> None:
    workflow = load_workflow()
    # PyYAML reads the key `on` as YAML 1.1's boolean true; GitHub reads it as "on".
    triggers = workflow.get("on", workflow.get(True))
    assert isinstance(triggers, dict) and "pull_request" in triggers
    assert set(workflow["jobs"]) == {"validate", "report", "gaps"}
    uses = [step["uses"] for step in steps() if "uses" in step]
    assert "actions/upload-artifact@v4" in uses
    upload = next(s for s in steps() if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "sanctions-gap-report.html"
    scripts = "\n".join(step.get("run", "") for step in steps())
    assert '>> "$GITHUB_STEP_SUMMARY"' in scripts


def test_the_workflow_runs_what_the_issue_asks_for() -> None:
    lines = [" ".join(words) for words in commands()]
    assert "validate data --format github" in lines
    assert "compare JP --vs G7 --data data --fail-on-gap --format github" in lines
    assert any(line.startswith("report JP --vs G7") and "-o " in line for line in lines)
    assert any(line.startswith("report JP") and "--format markdown" in line for line in lines)


COMMANDS = commands()


@pytest.mark.parametrize("words", COMMANDS, ids=[" ".join(w[:2]) for w in COMMANDS])
def test_every_command_and_option_in_the_workflow_exists(words: list[str]) -> None:
    group = typer.main.get_command(app)
    name = next(word for word in words if not word.startswith("-"))
    command = group.commands.get(name)  # type: ignore[attr-defined]  # a group has .commands
    assert command is not None, f"no command {name!r}"
    arguments = words[words.index(name) + 1 :]
    known = {option for param in command.params for option in (*param.opts, *param.secondary_opts)}
    for word in arguments:
        if word.startswith("-"):
            assert word.split("=", 1)[0] in known, f"{name} has no option {word}"
    # Click parses the line as the tool would: a wrong value or a missing argument fails here.
    command.make_context(name, list(arguments))


@pytest.mark.parametrize("words", COMMANDS, ids=[" ".join(w[:2]) for w in COMMANDS])
def test_every_command_in_the_workflow_runs_on_a_checkout(
    words: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The workflow runs at the root of a checkout whose data/ is the dataset.
    shutil.copytree(DATA, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = CliRunner().invoke(app, words)
    expected = {0, 1} if "--fail-on-gap" in words else {0}
    assert result.exit_code in expected, result.output
    if "-o" in words:
        assert (tmp_path / words[words.index("-o") + 1]).stat().st_size > 10_000
