"""The documentation matches the code: commands, exit codes, categories."""

from __future__ import annotations

import re
import subprocess
import sys

import typer
from typer.testing import CliRunner

from sanctions_gap.cli import app
from sanctions_gap.errors import ExitCode
from sanctions_gap.validate import load_dataset

from .conftest import DATA, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
DATA_README = (DATA / "README.md").read_text(encoding="utf-8")


def command_names() -> list[str]:
    command = typer.main.get_command(app)
    return sorted(command.commands)  # type: ignore[attr-defined]  # a group has .commands


def test_every_command_has_help_and_is_documented() -> None:
    runner = CliRunner()
    for name in command_names():
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example" in result.stdout, f"{name} --help shows no example"
        assert f"`sanctions-gap {name}" in README or f"/ `{name}`" in README, name


def test_readme_exit_codes_match_the_code() -> None:
    table = dict(re.findall(r"^\| (\d) \| (.+?) \|$", README, flags=re.MULTILINE))
    assert {int(code) for code in table} == {int(code) for code in ExitCode}


def test_data_readme_coding_rules_are_current() -> None:
    dataset = load_dataset(DATA)
    for category in dataset.categories.values():
        assert f"**`{category.id}`**" in DATA_README, category.id
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "update_coding_rules.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout


def test_quick_start_comes_first() -> None:
    first_section = README.split("\n## ")[1]
    assert first_section.startswith("Quick start")
    commands = re.findall(r"```sh\n(.+?)\n```", first_section)
    assert len(commands) == 2
    assert "pip install ." in commands[0] and "compare JP --vs G7" in commands[0]
    assert "[test]" in commands[1] and "pytest" in commands[1]


def test_readme_python_examples_run() -> None:
    blocks = re.findall(r"```python\n(.+?)```", README, flags=re.DOTALL)
    assert blocks
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})  # noqa: S102 - our own documentation


def test_citation_file_names_the_current_version() -> None:
    import yaml

    from sanctions_gap import __version__

    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0"
    assert citation["version"] == __version__
    assert {"message", "title", "authors", "license"} <= set(citation)
    assert all(author.get("name") or author.get("family-names") for author in citation["authors"])
    assert "CITATION.cff" in README and "## How to cite" in README


def test_readme_names_every_member_and_group() -> None:
    dataset = load_dataset(DATA)
    readme, data_readme = " ".join(README.split()), " ".join(DATA_README.split())
    for code, member in dataset.members.items():
        assert f"`{code}` {member.name}" in readme, code
        assert f"`{code}` {member.name}" in data_readme, code
    for group in dataset.groups:
        assert f"`{group}`" in readme, group


def test_the_mutation_score_in_the_docs_is_the_measured_one() -> None:
    # docs/mutation.md is written by tools/mutation.py; docs/testing.md quotes its headline.
    report = (ROOT / "docs" / "mutation.md").read_text(encoding="utf-8")
    headline = next(line for line in report.splitlines() if line.startswith("**"))
    assert re.fullmatch(r"\*\*\d+\.\d %\*\* of \d+ mutants killed .+", headline), headline
    assert headline in (ROOT / "docs" / "testing.md").read_text(encoding="utf-8")
    score = re.match(r"\*\*\d+\.\d %\*\* of \d+ mutants killed", headline)
    assert score is not None and score.group(0) in README, "the README quotes another score"
