"""The gap commands of the CLI: exit codes, parity with the API, CI outputs, streams."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import sanctions_gap
from sanctions_gap.cli import app

from .conftest import ROOT

FIXTURE = Path(__file__).parent / "fixtures" / "golden"
DATA = ["--data", str(FIXTURE)]
runner = CliRunner()


def test_parity_cli_json_equals_api_to_dict() -> None:
    result = runner.invoke(
        app, ["compare", "JP", "--vs", "G7", "--as-of", "2022-03-21", "--format", "json"]
    )
    assert result.exit_code == 0
    dataset = sanctions_gap.load_dataset()
    report = sanctions_gap.compare(dataset, "JP", dataset.resolve_group("G7"), dt.date(2022, 3, 21))
    assert json.loads(result.stdout) == report.to_dict()


def test_parity_for_gaps() -> None:
    result = runner.invoke(
        app, ["gaps", *DATA, "--group", "ALL", "--as-of", "2022-03-21", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    dataset = sanctions_gap.load_dataset(FIXTURE)
    report = sanctions_gap.gaps(dataset, "ALL", dt.date(2022, 3, 21))
    assert json.loads(result.stdout) == report.to_dict()


def test_compare_json_has_the_interface_keys() -> None:
    result = runner.invoke(
        app, ["compare", "jp", "--vs", "G7", "--as-of", "2022-03-21", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["schema_version"] == 1
    assert payload["member"] == "JP"
    assert payload["peers"] == ["CA", "DE", "FR", "GB", "IT", "US"]
    assert payload["as_of"] == "2022-03-21"
    assert set(payload["summary"]) >= {"categories", "gaps", "unknown"}
    airspace = next(r for r in payload["rows"] if r["category"] == "airspace_ban")
    assert airspace["member_status"] == "none"
    assert airspace["member_level"] == 0.0
    assert airspace["gap"] is True
    assert airspace["share_ahead"] == 1.0
    assert airspace["peers_ahead"] == ["CA", "DE", "FR", "GB", "IT", "US"]
    assert airspace["peer_level"]["CA"] == 1.0
    assert (
        airspace["days_open"]
        == (dt.date(2022, 3, 21) - dt.date.fromisoformat(airspace["first_peer_date"])).days
    )
    swift = next(r for r in payload["rows"] if r["category"] == "swift_exclusion")
    assert swift["member_status"] == "not_applicable" and swift["member_level"] is None


@pytest.mark.parametrize(
    ("flags", "code"),
    [
        ([], 0),
        (["--fail-on-gap"], 1),
        (["--fail-on-gap", "--exit-zero"], 0),
        (["--max-gaps", "2"], 0),
        (["--max-gaps", "1"], 1),
        (["--max-gaps", "1", "--exit-zero"], 0),
        (["--category", "sakhalin_divestment", "--fail-on-gap"], 0),
    ],
)
def test_compare_exit_codes(flags: list[str], code: int) -> None:
    result = runner.invoke(
        app, ["compare", "AA", "--vs", "G3", *DATA, "--as-of", "2022-03-21", "-f", "csv", *flags]
    )
    assert result.exit_code == code, result.output


def test_gaps_exit_code_and_error_annotations() -> None:
    result = runner.invoke(
        app,
        ["gaps", "--group", "G3", *DATA, "--as-of", "2022-03-21", "-f", "github", "--fail-on-gap"],
    )
    assert result.exit_code == 1
    assert result.stdout.startswith("::error file=")


@pytest.mark.parametrize(
    "args",
    [
        ["compare", "XX", "--vs", "G7"],
        ["compare", "JP", "--vs", "G99"],
        ["compare", "JP", "--vs", "G7", "--category", "nope"],
        ["compare", "JP", "--vs", "G7", "--family", "nope"],
        ["compare", "JP", "--vs", "G7", "--as-of", "2022-02-30"],
        ["compare", "JP", "--vs", "G7", "--min-share", "2"],
        ["compare", "JP", "--vs", "G7", "--date-basis", "signed"],
        ["compare", "JP", "--vs", "G7", "--format", "xml"],
        ["show", "JP", "--category", "nope"],
        ["diff", "JP", "--from", "2023-01-01", "--to", "2022-01-01"],
        ["timeline", "JP", "--freq", "W"],
        ["timeline", "JP", "--from", "2030-01-01", "--as-of", "2026-01-01"],
        ["compare", "JP", "--vs", "JP"],
        ["export", "tables"],
        ["export", "records", "--format", "markdown"],
    ],
)
def test_bad_input_exits_2_without_traceback(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_unknown_member_message_lists_members() -> None:
    result = runner.invoke(app, ["compare", "XX", "--vs", "G7"])
    assert result.exit_code == 2 and result.stdout == ""
    dataset = sanctions_gap.load_dataset()
    assert result.stderr == (
        f"error: unknown member 'XX'; known members: {', '.join(dataset.members)}\n"
    )


def test_uk_is_accepted_for_gb() -> None:
    result = runner.invoke(
        app, ["compare", "uk", "--vs", "G7", "-f", "json", "--as-of", "2022-03-21"]
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout)["member"] == "GB"


def test_machine_formats_print_only_the_payload() -> None:
    # Markdown is a report for people: its summary is part of the document.
    for fmt in ("json", "csv", "github"):
        result = runner.invoke(
            app, ["compare", "JP", "--vs", "G7", "-f", fmt, "--as-of", "2022-03-21"]
        )
        assert result.exit_code == 0
        assert "gaps in" not in result.stdout  # the summary line goes to stderr
        assert "gaps in" in result.stderr


def test_empty_results_are_valid() -> None:
    args = ["compare", "BB", "--vs", "AA", *DATA, "--as-of", "2010-01-01", "--only-gaps"]
    as_json = runner.invoke(app, [*args, "-f", "json"])
    assert as_json.exit_code == 0, as_json.output
    payload = json.loads(as_json.stdout)
    assert payload["rows"] == [] and payload["member"] == "BB"
    assert payload["summary"]["categories"] == 3 and payload["summary"]["gaps"] == 0
    as_csv = runner.invoke(app, [*args, "-f", "csv"])
    assert as_csv.exit_code == 0
    comment, header = as_csv.stdout.splitlines()  # the context, the header, no row
    assert comment.startswith("# sanctions-gap") and header.startswith("category,label,")
    # No gap is still an answer: a notice, never an empty success.
    github = runner.invoke(app, [*args, "-f", "github"])
    assert github.exit_code == 0
    assert github.stdout.startswith("::notice title=sanctions-gap::BB vs AA on 2010-01-01")
    markdown = runner.invoke(app, [*args, "-f", "markdown"])
    assert markdown.exit_code == 0 and "No gaps." in markdown.stdout


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown", "github", "table"])
def test_output_is_byte_identical_across_runs(fmt: str) -> None:
    args = ["matrix", "--group", "G7+EU", "--as-of", "2023-01-01", "-f", fmt]
    first, second = runner.invoke(app, args), runner.invoke(app, args)
    # Two failed runs would print the same nothing: each must succeed and print the matrix.
    assert first.exit_code == second.exit_code == 0, first.output
    assert "JP" in first.stdout and "sberbank" in first.stdout
    assert first.stdout == second.stdout


def test_step_summary_is_appended(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("before\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = runner.invoke(app, ["compare", "AA", "--vs", "G3", *DATA, "--as-of", "2022-03-21"])
    assert result.exit_code == 0
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("before\n## AA against BB, CC on 2022-03-21")
    gaps = runner.invoke(app, ["gaps", "--group", "G3", *DATA, "--as-of", "2022-03-21"])
    assert gaps.exit_code == 0, gaps.output
    after = summary.read_text(encoding="utf-8")
    assert after.startswith(text) and after[len(text) :].startswith("## Gaps within AA, BB, CC")


def test_output_file_written_whole(tmp_path: Path) -> None:
    out = tmp_path / "jp.csv"
    result = runner.invoke(app, ["compare", "JP", "--vs", "G7", "-f", "csv", "-o", str(out)])
    assert result.exit_code == 0
    assert result.stdout == ""
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# sanctions-gap ") and lines[1].startswith("category,label,")


def test_output_not_written_when_the_run_fails(tmp_path: Path) -> None:
    out = tmp_path / "jp.csv"
    result = runner.invoke(app, ["compare", "XX", "-o", str(out)])
    assert result.exit_code == 2
    assert not out.exists()


def test_export_panel_and_records() -> None:
    records = runner.invoke(app, ["export", "records", *DATA])
    assert records.exit_code == 0
    assert records.stdout.splitlines()[0].startswith("member,category,family,status,level")
    assert "'=HYPERLINK" in records.stdout  # neutralised
    panel = runner.invoke(
        app,
        [
            "export",
            "panel",
            *DATA,
            "--from",
            "2022-02-26",
            "--as-of",
            "2022-03-01",
            "--freq",
            "D",
            "-f",
            "json",
        ],
    )
    assert panel.exit_code == 0, panel.output
    rows = json.loads(panel.stdout)
    assert len(rows) == 4 * 3 * 4  # members x categories x days
    cc = {(r["category"], r["date"]): r for r in rows if r["member"] == "CC"}
    assert cc[("airspace_ban", "2022-02-27")]["status"] == "full"
    assert cc[("airspace_ban", "2022-02-27")]["via"] is None
    assert cc[("sberbank", "2022-02-27")]["via"] == "EU"


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "sanctions_gap", *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
        check=False,
    )


def test_no_colour_when_piped_or_no_color() -> None:
    piped = _run(["compare", "JP", "--vs", "G7"])
    assert piped.returncode == 0 and "\x1b[" not in piped.stdout
    forced = _run(["compare", "JP", "--vs", "G7"], FORCE_COLOR="1")
    assert forced.returncode == 0 and "\x1b[" in forced.stdout
    plain = _run(["compare", "JP", "--vs", "G7"], FORCE_COLOR="1", NO_COLOR="1")
    assert plain.returncode == 0 and "airspace_ban" in plain.stdout
    assert "\x1b[" not in plain.stdout


def test_table_fits_80_columns() -> None:
    result = _run(["compare", "JP", "--vs", "G7", "--as-of", "2022-03-21"], COLUMNS="80")
    assert result.returncode == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_closed_pipe_prints_no_traceback() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "sanctions_gap", "export", "panel", "--freq", "D"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read().decode()
    process.wait(timeout=60)
    assert "Traceback" not in stderr


def _imports(args: list[str], **env: str) -> set[str]:
    environment = {**os.environ, **env}
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "sanctions_gap", *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
        check=False,
    )
    return {
        line.rsplit("|", 1)[1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }


@pytest.mark.parametrize("args", [["--help"], ["--version"]])
def test_help_and_version_import_neither_pandas_nor_pydantic(args: list[str]) -> None:
    modules = _imports(args)
    assert "sanctions_gap.cli" in modules
    assert not {"pandas", "pydantic", "numpy", "sanctions_gap.models"} & modules


def test_completion_imports_no_pandas_nor_the_models() -> None:
    modules = _imports(
        [], _SANCTIONS_GAP_COMPLETE="complete_bash", COMP_WORDS="sanctions-gap comp", COMP_CWORD="1"
    )
    assert "sanctions_gap.cli" in modules
    # Typer itself imports pydantic to coerce options; sanctions-gap's models stay unloaded.
    assert not {"pandas", "numpy", "sanctions_gap.models", "sanctions_gap.validate"} & modules


HEAVY = {
    "numpy",
    "pandas",
    "yaml",
    "sanctions_gap.loader",
    "sanctions_gap.panel",
    "sanctions_gap.validate.shape",
    "sanctions_gap.validate.files",
}
"""What the main job need not pay for once the dataset is cached: arrays and tables, the YAML
parser, and the pydantic checks of the files."""


def _loaded(args: list[str], **env: str) -> set[str]:
    """The modules loaded by the end of a run of the tool (its exit code must be 0)."""
    script = (
        "import json, sys\n"
        "from sanctions_gap.cli import main\n"
        f"sys.argv = ['sanctions-gap', *{args!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "sys.stderr.write(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        cwd=ROOT,
        check=True,
    )
    return set(json.loads(result.stderr.splitlines()[-1]))


def test_compare_imports_nothing_heavy_once_the_dataset_is_cached(tmp_path: Path) -> None:
    args = ["compare", "JP", "--vs", "G7", "-f", "json"]
    cold = _loaded(args, SANCTIONS_GAP_CACHE_DIR=str(tmp_path))
    # The first run validates (and so reads YAML with the pydantic checks), then keeps it.
    assert {"yaml", "sanctions_gap.validate.shape"} <= cold
    assert not {"numpy", "pandas"} & cold
    warm = _loaded(args, SANCTIONS_GAP_CACHE_DIR=str(tmp_path))
    assert "sanctions_gap.engine.comparison" in warm
    assert not HEAVY & warm, sorted(HEAVY & warm)
    uncached = _loaded(["--no-cache", *args], SANCTIONS_GAP_CACHE_DIR=str(tmp_path))
    assert "sanctions_gap.validate.shape" in uncached
