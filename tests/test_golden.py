"""Golden files: every command in every format, on a small fixture dataset, byte for byte.

Refresh them on purpose with `python -m pytest tests/test_golden.py --update-golden`, then read
the diff before committing it.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sanctions_gap.cli import app

FIXTURE = Path(__file__).parent / "fixtures" / "golden"
GOLDEN = Path(__file__).parent / "golden"
FORMATS = ("table80", "table120", "csv", "json", "markdown", "github")
"""Every format; the terminal table at 80 columns (a CI log, a small terminal) and at 120."""
WIDTHS = {"table80": 80, "table120": 120}
DATA = ["--data", str(FIXTURE)]
PREFIX = ["--path-prefix", "data/"]

# Each command with the arguments that fix its answer (dates included: no "today").
COMMANDS: dict[str, list[str]] = {
    "validate": ["validate", str(FIXTURE), "--path-prefix", "data/"],
    "categories": ["categories", *DATA],
    "groups": ["groups", *DATA],
    "members": ["members", *DATA],
    "coverage": ["coverage", *DATA, "--as-of", "2024-07-01"],
    "compare": ["compare", "AA", "--vs", "ALL", *DATA, "--as-of", "2022-03-21", *PREFIX],
    "compare-announced": [
        "compare",
        "aa",
        "--vs",
        "BB,CC",
        *DATA,
        "--as-of",
        "2022-04-10",
        "--date-basis",
        "announced",
        *PREFIX,
    ],
    "gaps": ["gaps", "--group", "ALL", *DATA, "--as-of", "2022-03-21", *PREFIX],
    "index": ["index", "--group", "ALL", *DATA, "--as-of", "2022-03-21"],
    "matrix": ["matrix", "--group", "ALL", *DATA, "--as-of", "2022-03-21"],
    "show": ["show", "CC", *DATA],
    "timeline": [
        "timeline",
        "AA",
        "--vs",
        "G3",
        *DATA,
        "--from",
        "2022-01-01",
        "--as-of",
        "2022-12-01",
    ],
    "diff": ["diff", "AA", "--vs", "G3", *DATA, "--from", "2022-01-01", "--to", "2022-06-01"],
}
EXPORTS: dict[str, list[str]] = {
    "export-records": ["export", "records", *DATA],
    "export-panel": [
        "export",
        "panel",
        *DATA,
        "--from",
        "2022-01-01",
        "--as-of",
        "2022-04-01",
        "--freq",
        "MS",
    ],
}

COMMANDS["timeline-events"] = [*COMMANDS["timeline"], "--table", "events"]
COMMANDS["timeline-latency"] = [*COMMANDS["timeline"], "--table", "latency"]
COMMANDS["show-two"] = ["show", "BB", "-c", "sberbank", "-c", "airspace_ban", *DATA]


def _format_args(fmt: str) -> list[str]:
    return ["--format", "table" if fmt in WIDTHS else fmt]


CASES = [
    (name, fmt, [*args, *_format_args(fmt)]) for name, args in COMMANDS.items() for fmt in FORMATS
]
CASES += [
    (name, fmt, [*args, "--format", fmt])
    for name, args in EXPORTS.items()
    for fmt in ("csv", "json")
]
CASES += [("schema", "json", ["schema"])]

# ---------------------------------------------------------------------- the bundled data (issue 12)
# The wider coalition's questions on the bundled dataset itself, on a fixed date: these golden
# files change with the data, on purpose, so that a pull request shows what a correction does.
BUNDLED: dict[str, list[str]] = {
    "bundled-compare-jp-asia-pacific": [
        "compare",
        "JP",
        "--vs",
        "asia-pacific",
        "--as-of",
        "2026-12-01",
    ],
    "bundled-gaps-coalition": ["gaps", "--group", "coalition", "--as-of", "2026-12-01"],
}
CASES += [
    (name, fmt, [*args, *_format_args(fmt)]) for name, args in BUNDLED.items() for fmt in FORMATS
]

# ---------------------------------------------------------------------- entities (issue 11)
# The `entities` command reads composed OpenSanctions exports (tests/fixtures/entities/, no real
# data) with the bundled dataset's members, groups and inheritance. The paths are relative to
# the repository root, which the fixture at the end of this file makes the working directory,
# so that the export's name in the JSON and in the annotations is the same on every machine.
ENTITY_FIXTURES = Path("tests", "fixtures", "entities")
ENTITY_COMMANDS: dict[str, list[str]] = {
    "entities": [
        "entities",
        "JP",
        "--vs",
        "G7",
        "--source",
        str(ENTITY_FIXTURES / "entities.ftm.json"),
    ],
    "entities-changes": [
        "entities",
        "JP",
        "--vs",
        "G7",
        "--source",
        str(ENTITY_FIXTURES / "entities.old.ftm.json"),
        "--source",
        str(ENTITY_FIXTURES / "entities.ftm.json"),
    ],
}
CASES += [
    (name, fmt, [*args, *_format_args(fmt)])
    for name, args in ENTITY_COMMANDS.items()
    for fmt in FORMATS
]


# ---------------------------------------------------------------------- report, html (issue 10)
# The `report` command in every format, and `--format html` of every command above: the report's
# HTML and Markdown are whole documents; its other formats show the comparison's gaps.
REPORT_FORMATS = (*FORMATS, "html")
REPORT_COMMANDS: dict[str, list[str]] = {
    "report": ["report", "AA", "--vs", "ALL", *DATA, "--as-of", "2022-06-01", *PREFIX],
}
CASES += [
    (name, "html", [*args, "--format", "html"])
    for name, args in (COMMANDS | ENTITY_COMMANDS).items()
]
CASES += [
    (name, fmt, [*args, *_format_args(fmt)])
    for name, args in REPORT_COMMANDS.items()
    for fmt in REPORT_FORMATS
]
# The report with its entity section, on the bundled data (the entity fixtures name its lists):
# the formats that show the section (the others show the comparison, as above).
REPORT_ENTITIES = [
    "report",
    "JP",
    "--vs",
    "G7",
    "--entities",
    str(ENTITY_FIXTURES / "entities.ftm.json"),
    "--as-of",
    "2026-12-01",
]
CASES += [
    ("report-entities", fmt, [*REPORT_ENTITIES, *_format_args(fmt)])
    for fmt in ("html", "markdown", "json")
]


@pytest.mark.parametrize(("name", "fmt", "args"), CASES, ids=[f"{n}.{f}" for n, f, _ in CASES])
def test_golden(name: str, fmt: str, args: list[str], request: pytest.FixtureRequest) -> None:
    width = str(WIDTHS.get(fmt, 100))
    result = CliRunner().invoke(app, args, env={"COLUMNS": width, "TERMINAL_WIDTH": width})
    assert result.exit_code == 0, result.output
    golden = GOLDEN / f"{name}.{fmt}"
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(result.stdout, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}; run with --update-golden"
    assert result.stdout == golden.read_text(encoding="utf-8")


def test_every_command_has_a_golden_file() -> None:
    import typer

    command = typer.main.get_command(app)
    names = set(command.commands)  # type: ignore[attr-defined]  # a group has .commands
    covered = {args[0] for _, _, args in CASES}
    assert names == covered


@pytest.fixture(autouse=True)
def _at_repository_root(monkeypatch: pytest.MonkeyPatch) -> None:
    # For the entity cases' relative paths (issue 11); the other cases use absolute paths.
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)


EXPECTED_EMPTY: set[str] = set()
"""Golden files whose output is empty on purpose: none (every command prints something)."""


def test_no_golden_file_is_empty_or_stale() -> None:
    files = {path.name: path for path in GOLDEN.iterdir()}
    assert set(files) == {f"{name}.{fmt}" for name, fmt, _ in CASES}
    empty = {name for name, path in files.items() if not path.read_text(encoding="utf-8").strip()}
    assert empty == EXPECTED_EMPTY


@pytest.mark.parametrize("name", ["compare", "compare-announced"])
def test_golden_csv_keeps_every_number_of_the_json(name: str) -> None:
    # Zeros included: a 0 that turned into an empty cell would be a value lost.
    rows = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))["rows"]
    text = (GOLDEN / f"{name}.csv").read_text(encoding="utf-8").splitlines()
    table = list(csv.DictReader(line for line in text if not line.startswith("#")))
    assert [line["category"] for line in table] == [row["category"] for row in rows]
    numbers = ("member_level", "peers_applicable", "share_ahead", "days_open")
    for row, line in zip(rows, table, strict=True):
        for key in (*numbers, "lag_days_first", "lag_days_median"):
            assert line[key] == ("" if row[key] is None else str(row[key])), (key, row)
    if name == "compare":  # AA's sakhalin_divestment: no applicable peer, a share of 0
        sakhalin = next(line for line in table if line["category"] == "sakhalin_divestment")
        assert (sakhalin["peers_applicable"], sakhalin["share_ahead"]) == ("0", "0.0")
