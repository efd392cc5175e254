"""The data commands of the CLI: validate, categories, groups, members, schema, coverage."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sanctions_gap import __version__
from sanctions_gap.cli import app
from sanctions_gap.validate import validate_dataset

from .conftest import DATA

runner = CliRunner()


def copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def break_member(root: Path) -> None:
    path = root / "members" / "jp.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("category: airspace_ban", "category: airspace_bann", 1))


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"sanctions-gap {__version__}\n"


def test_no_arguments_shows_help() -> None:
    # No command is a usage error (exit 2) whose message is the help, on stderr.
    result = runner.invoke(app, [])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Usage: sanctions-gap [OPTIONS] COMMAND [ARGS]...")
    assert "compare" in result.stderr and "validate" in result.stderr


def test_validate_bundled_data_exits_0() -> None:
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.output
    report = validate_dataset(DATA)
    # categories, groups and sources, and one file per member (lists.yaml is the entities').
    files = 3 + len(list((DATA / "members").glob("*.yaml")))
    assert report.files == files and not report.errors
    warned = f", {len(report.warnings)} warnings" if report.warnings else ""
    assert result.stderr == f"the dataset is valid ({files} files read{warned})\n"


def test_validate_reports_issue_and_exits_2(tmp_path: Path) -> None:
    root = copy_data(tmp_path)
    break_member(root)
    result = runner.invoke(app, ["validate", str(root), "--format", "json"])
    assert result.exit_code == 2
    payload = json.loads(result.stdout)
    assert payload["valid"] is False
    [issue] = [i for i in payload["issues"] if i["severity"] == "error"]
    assert issue["path"] == "members/jp.yaml"
    assert issue["rule"] == "unknown-category"
    assert issue["message"] == "unknown category 'airspace_bann'; did you mean 'airspace_ban'?"
    text = (root / "members" / "jp.yaml").read_text(encoding="utf-8").splitlines()
    assert "airspace_bann" in text[issue["line"] - 1]


def test_validate_github_annotations(tmp_path: Path) -> None:
    root = copy_data(tmp_path)
    break_member(root)
    result = runner.invoke(app, ["validate", str(root), "-f", "github", "--path-prefix", "data/"])
    assert result.exit_code == 2
    [line] = [line for line in result.stdout.splitlines() if line.startswith("::error")]
    assert line.startswith("::error file=data/members/jp.yaml,line=")
    assert "title=sanctions-gap%3A unknown-category::unknown category 'airspace_bann'" in line


def test_data_option_and_environment_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_data(tmp_path)
    break_member(root)
    assert runner.invoke(app, ["members", "--data", str(root)]).exit_code == 2
    monkeypatch.setenv("SANCTIONS_GAP_DATA", str(root))
    result = runner.invoke(app, ["members"])
    assert result.exit_code == 2
    assert "unknown category 'airspace_bann'" in result.stderr
    assert result.stdout == ""


def test_invalid_data_never_prints_a_traceback(tmp_path: Path) -> None:
    root = copy_data(tmp_path)
    (root / "members" / "jp.yaml").write_bytes(b"\xff\xfe\x00garbage")
    result = runner.invoke(app, ["categories", "--data", str(root)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "members/jp.yaml:1: the file is not UTF-8" in result.stderr


def test_usage_error_exits_2() -> None:
    result = runner.invoke(app, ["validate", "--no-such-option"])
    assert result.exit_code == 2


def test_categories_json_lists_the_vocabulary() -> None:
    result = runner.invoke(app, ["categories", "-f", "json"])
    assert result.exit_code == 0
    ids = [c["id"] for c in json.loads(result.stdout)["categories"]]
    assert "airspace_ban" in ids and "crimea_2014_sanctions" in ids


def test_groups_csv() -> None:
    result = runner.invoke(app, ["groups", "-f", "csv"])
    assert result.exit_code == 0
    comment, header = result.stdout.splitlines()[:2]
    assert comment.startswith("# sanctions-gap ") and "data reviewed 2026-12-01" in comment
    assert header == "id,label,members"
    assert 'G7,Group of Seven,"CA, DE, FR, GB, IT, JP, US"' in result.stdout


def test_members_markdown() -> None:
    result = runner.invoke(app, ["members", "-f", "markdown"])
    assert result.exit_code == 0
    assert "| JP | Japan |" in result.stdout


def test_schema_is_json_schema_of_a_member_file() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["type"] == "object"
    assert {"code", "name", "reviewed"} <= set(schema["required"])
    assert schema["additionalProperties"] is False
    measure = schema["$defs"]["Measure"]
    assert "effective" in measure["properties"]
    assert measure["properties"]["summary"]["description"]


def test_coverage_counts_every_cell() -> None:
    result = runner.invoke(app, ["coverage", "-f", "json", "--as-of", "2026-12-01"])
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    members = {m["member"]: m for m in payload["members"]}
    assert set(members) == {
        *("AU", "CA", "CH", "DE", "EU", "FR", "GB", "IT", "JP", "KR", "NO", "NZ", "US"),
    }
    categories = len(payload["categories"])
    for member in members.values():
        total = (
            member["recorded"] + member["inherited"] + member["not_applicable"] + member["unknown"]
        )
        assert total == categories
        assert member["with_url"] + member["citation_only"] == member["records"]
    # France takes most categories from the EU.
    assert members["FR"]["inherited"] > members["FR"]["recorded"]


def test_output_file_is_not_written_on_failure(tmp_path: Path) -> None:
    root = copy_data(tmp_path)
    break_member(root)
    out = tmp_path / "out.json"
    result = runner.invoke(app, ["coverage", "--data", str(root), "-o", str(out)])
    assert result.exit_code == 2
    assert not out.exists()
    assert not list(tmp_path.glob(".out.json.*"))


def test_output_file_written_whole(tmp_path: Path) -> None:
    out = tmp_path / "coverage.csv"
    result = runner.invoke(app, ["coverage", "-f", "csv", "-o", str(out)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8").splitlines()[1].startswith("member,records,with_url")
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_internal_error_is_one_line_and_debug_shows_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import sanctions_gap.render.views as views

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "members_view", boom)
    result = runner.invoke(app, ["members"])
    assert result.exit_code == 2
    assert "internal error: RuntimeError: boom; rerun with --debug" in result.stderr
    assert "Traceback" not in result.output
    debug = runner.invoke(app, ["--debug", "members"])
    assert debug.exit_code == 1  # the exception itself, uncaught: Python's own exit status
    assert isinstance(debug.exception, RuntimeError) and str(debug.exception) == "boom"
