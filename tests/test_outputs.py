"""Every output exact and readable (issue 8): machine formats that tools read as they are,
80-column tables that never split an identifier, errors that say what to do."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pandas as pd
import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from sanctions_gap.cli import app
from sanctions_gap.dataset import DateBasis
from sanctions_gap.validate import load_dataset

from .conftest import DATA, ROOT

runner = CliRunner()
GOLDEN = Path(__file__).parent / "golden"
FIXTURE = ["--data", str(Path(__file__).parent / "fixtures" / "golden")]

# Every reporting command on the bundled data, as a user would type it.
BUNDLED: dict[str, list[str]] = {
    "compare": ["compare", "JP", "--vs", "G7"],
    "compare-coalition": ["compare", "JP", "--vs", "coalition", "--as-of", "2022-03-21"],
    "compare-de": ["compare", "DE", "--vs", "G7+EU"],
    "gaps": ["gaps", "--group", "coalition"],
    "matrix": ["matrix", "--group", "coalition"],
    "index": ["index", "--group", "coalition"],
    "timeline": ["timeline", "JP", "--vs", "G7", "--from", "2022-01-01", "--as-of", "2022-12-01"],
    "timeline-events": ["timeline", "JP", "--vs", "G7", "--table", "events"],
    "timeline-latency": ["timeline", "JP", "--vs", "asia-pacific", "--table", "latency"],
    "diff": ["diff", "JP", "--vs", "G7", "--from", "2022-01-01", "--to", "2023-01-01"],
    "show": ["show", "JP", "-c", "sberbank", "-c", "airspace_ban"],
    "categories": ["categories"],
    "groups": ["groups"],
    "members": ["members"],
    "coverage": ["coverage"],
    "validate": ["validate"],
}


def invoke(args: list[str], width: int = 80) -> str:
    result = runner.invoke(app, args, env={"COLUMNS": str(width), "TERMINAL_WIDTH": str(width)})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def vocabulary() -> set[str]:
    """What must never be split across lines: category ids, level ids, member codes, rules."""
    dataset = load_dataset(DATA)
    words = set(dataset.categories)
    words |= {level for c in dataset.categories.values() for level in c.level_ids}
    words |= {"not_applicable", "unknown", "no-official-source", "confirmed-after-evidence"}
    return words


@pytest.mark.parametrize("name", sorted(BUNDLED))
def test_tables_at_80_columns_never_split_an_identifier(name: str, vocabulary: set[str]) -> None:
    text = invoke([*BUNDLED[name], "--format", "table"])
    lines = text.splitlines()
    # Web addresses are printed whole, on lines of their own (a terminal wraps them).
    assert all(len(line) <= 80 or line.startswith("http") for line in lines), name
    assert "…" not in text, f"{name}: something was cut"
    # A table too wide to fit is shown as cards rather than cropped; the tables users read
    # most must fit as tables: one rule, under the header (cards have one rule per row).
    rules = [line for line in lines if line and set(line) == {"─"}]
    assert name == "show" or len(rules) == 1, f"{name}: {len(rules)} rules"
    if name != "show":
        # Nothing cropped: the title and headers above the rule say at 80 columns the words
        # they say at 200, where everything fits.
        wide = invoke([*BUNDLED[name], "--format", "table"], width=200).splitlines()
        assert _above_rule(lines) == _above_rule(wide), name
    # A split identifier leaves a piece that starts or ends with its separator ("sovereign_",
    # "_debt_ban") or a start of it that is no identifier ("sovereign_debt_b"); a split date,
    # a piece such as "2022-03".
    for token in set(re.findall(r"[A-Za-z0-9_-]+", text)):
        if token in vocabulary or token.startswith("--") or re.fullmatch(r"-?\d+", token):
            continue
        assert not re.fullmatch(r"[_-].+|.+[_-]", token), f"{name}: a piece {token!r}"
        if "_" in token:
            starts = [word for word in vocabulary if word.startswith(token)]
            assert not starts, f"{name}: {token!r} is a piece of {starts[0]!r}"
        assert not re.fullmatch(r"\d{4}-\d{1,2}", token), f"{name}: a split date {token!r}"


def _above_rule(lines: list[str]) -> list[str]:
    """The words of the title and the headers: every line above the table's rule."""
    end = next(i for i, line in enumerate(lines) if line and set(line) == {"─"})
    return sorted(" ".join(lines[:end]).split())


def test_the_main_compare_table_fits_a_40_line_screen() -> None:
    table = invoke(["compare", "JP", "--vs", "G7"])
    # The table, its notes and its context on stdout; the headline (two lines) on stderr.
    assert len(table.splitlines()) <= 38


def test_csv_keeps_zero_as_zero_and_reads_with_the_right_dtypes() -> None:
    text = invoke(["compare", "CA", "--vs", "G7+EU", "--as-of", "2022-03-21", "-f", "csv"])
    frame = pd.read_csv(io.StringIO(text), comment="#")
    central = frame.set_index("category").loc["central_bank"]
    assert central["lag_days_first"] == 0  # a first mover: 0, not empty
    for column in ("peers_applicable",):
        assert frame[column].dtype == "int64", column
    assert frame["gap"].dtype == "bool"
    assert frame["days_open"].dtype == "float64"  # a missing value where no gap is open
    assert pd.to_datetime(frame["first_peer_date"]).notna().sum() == frame["gap"].sum()


@pytest.mark.parametrize(
    ("name", "ints"),
    [
        ("coverage", ["records", "recorded", "inherited", "not_applicable", "unknown", "age_days"]),
        ("index", ["known", "not_applicable", "unknown"]),
        ("timeline", ["gaps"]),
        ("gaps", ["rank", "gaps"]),
        ("show", ["line"]),
        ("members", ["records"]),
        ("matrix", []),
        ("diff", []),
        ("categories", []),
    ],
)
def test_every_csv_reads_in_pandas_with_its_dtypes(name: str, ints: list[str]) -> None:
    frame = pd.read_csv(io.StringIO(invoke([*BUNDLED[name], "-f", "csv"])), comment="#")
    assert len(frame) > 0
    for column in ints:
        assert frame[column].dtype == "int64", (name, column)
    for column in frame.columns:
        values = frame[column].dropna().astype(str)
        assert not values.str.contains(r"→|█|░|<https?://", regex=True).any(), (name, column)
        if column.endswith("_date") or column in ("date", "effective", "confirmed", "reviewed"):
            assert values.str.fullmatch(r"\d{4}-\d{2}-\d{2}").all(), (name, column)


def test_every_markdown_output_parses_with_tables_and_real_links() -> None:
    parser = MarkdownIt("commonmark").enable("table")
    for name, args in BUNDLED.items():
        tokens = parser.parse(invoke([*args, "-f", "markdown"]))
        kinds = {t.type for t in tokens}
        assert "heading_open" in kinds, name
        assert "table_open" in kinds or name == "validate", name
    show = parser.parse(invoke([*BUNDLED["show"], "-f", "markdown"]))
    links = [
        child.attrs.get("href")
        for token in show
        if token.children
        for child in token.children
        if child.type == "link_open"
    ]
    assert links and all(str(link).startswith("http") for link in links)


@pytest.mark.parametrize("name", sorted(BUNDLED))
def test_every_command_prints_something_in_the_github_format(name: str) -> None:
    result = runner.invoke(app, [*BUNDLED[name], "-f", "github"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip(), name
    first = result.stdout.splitlines()[0]
    assert first.startswith(("::warning", "::notice", "::error", "## ")), (name, first)


def test_diff_annotates_the_gaps_opened() -> None:
    out = invoke([*BUNDLED["diff"], "-f", "github"])
    lines = out.splitlines()
    assert lines and all(
        line.startswith("::warning file=data/members/jp.yaml,line=") for line in lines
    )
    assert any("JP lags in airspace_ban" in line for line in lines)


def test_an_invalid_dataset_gives_error_annotations_in_the_github_format(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    jp = data / "members" / "jp.yaml"
    jp.write_text(jp.read_text(encoding="utf-8").replace("code: JP", "code: jp"))
    result = runner.invoke(app, ["compare", "JP", "--data", str(data), "-f", "github"])
    assert result.exit_code == 2
    assert result.stdout.startswith("::error file=")
    assert "members/jp.yaml,line=1," in result.stdout


def test_annotation_paths_join_the_prefix_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "path" / "to" / "data"
    shutil.copytree(DATA, data)
    jp = data / "members" / "jp.yaml"
    jp.write_text(jp.read_text(encoding="utf-8").replace("code: JP", "code: jp"))
    monkeypatch.chdir(tmp_path)
    relative = runner.invoke(app, ["validate", "path/to/data", "-f", "github"])
    assert relative.exit_code == 2
    errors = [line for line in relative.stdout.splitlines() if line.startswith("::error")]
    assert errors and all("file=path/to/data/members/jp.yaml," in line for line in errors)
    prefixed = runner.invoke(
        app, ["validate", "path/to/data", "-f", "github", "--path-prefix", "foo"]
    )
    assert prefixed.exit_code == 2
    errors = [line for line in prefixed.stdout.splitlines() if line.startswith("::error")]
    assert errors and all("file=foo/members/jp.yaml," in line for line in errors)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["compare", "JP", "--as-of", "2022-02-30"],
            "2022-02-30 is not a date that exists (February 2022 has 28 days)",
        ),
        (["compare", "JP", "--as-of", "2022-13-01"], "there is no month 13"),
        (["compare", "JP", "--as-of", "21/03/2022"], "write it as YYYY-MM-DD"),
        (["compare", "JPN"], "unknown member 'JPN' (did you mean 'JP'?)"),
        (
            ["compare", "JP", "--category", "sberbnk"],
            "unknown category 'sberbnk' (did you mean 'sberbank'?)",
        ),
        (["compare", "JP", "--vs", "G8"], "unknown group or member 'G8'"),
        (["timeline", "JP", "--freq", "W"], "'W' is not a frequency"),
        (["compare", "JP", "--family", "energy", "--category", "sberbank"], "no category is left"),
        (["gaps", "--group", "JP"], "JP alone is not a group"),
        (["compare", "JP", "--min-peers", "0"], "min_peers must be at least 1"),
        (["compare", "JP", "--min-share", "1.5"], "min_share must be between 0 and 1"),
        (["compare", "JP", "--max-gaps", "-1"], "-1 is below 0"),
    ],
)
def test_bad_input_is_a_usage_error_that_says_what_to_do(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.output.split()), result.output
    assert "Traceback" not in result.output


def test_names_are_read_in_any_case_and_groups_mix_with_members() -> None:
    lower = json.loads(invoke(["compare", "jp", "--vs", "g7,kr", "-c", "Sberbank", "-f", "json"]))
    assert lower["member"] == "JP" and "KR" in lower["peers"]
    assert [r["category"] for r in lower["rows"]] == ["sberbank"]
    daily = runner.invoke(
        app,
        [
            "timeline",
            "JP",
            "--from",
            "2022-03-01",
            "--as-of",
            "2022-03-05",
            "--freq",
            "d",
            "-f",
            "json",
        ],
    )
    assert daily.exit_code == 0
    assert len(json.loads(daily.stdout)["points"]) == 5


def test_show_keeps_every_category_asked_for() -> None:
    payload = json.loads(
        invoke(["show", "JP", "-c", "sberbank", "-c", "airspace_ban", "-f", "json"])
    )
    assert {r["category"] for r in payload["records"]} == {"sberbank", "airspace_ban"}
    assert payload["categories"] == ["sberbank", "airspace_ban"]


def test_show_prints_addresses_whole_on_their_own_lines() -> None:
    text = invoke(["show", "JP", "-c", "sberbank"])
    urls = [line for line in text.splitlines() if line.startswith("http")]
    assert urls
    dataset = load_dataset(DATA)
    cited = {s.url for r in dataset.history("JP", "sberbank") for s in r.measure.sources if s.url}
    assert set(urls) == cited  # whole, never folded


def test_a_date_before_the_data_or_after_its_review_is_said() -> None:
    early = runner.invoke(app, ["compare", "JP", "--as-of", "1995-01-01"])
    assert early.exit_code == 0
    assert "is before the data's first record (2014-" in early.stderr
    late = runner.invoke(
        app, ["compare", "DE", "--vs", "G7+EU", "--as-of", "2027-06-01", "-f", "json"]
    )
    assert late.exit_code == 0, late.output
    assert "is after the data was reviewed (2026-12-01)" in late.stderr
    rows = {r["category"]: r for r in json.loads(late.stdout)["rows"]}
    assert rows["lng_import_ban"]["member_scheduled"] is True  # the EU's LNG ban of 2027
    assert "EU" in rows["lng_import_ban"]["peers_scheduled"]
    today = json.loads(invoke(["compare", "DE", "--vs", "G7+EU", "-f", "json"]))
    assert not any(r["member_scheduled"] for r in today["rows"])


def test_timeline_events_carry_their_true_dates() -> None:
    monthly = json.loads(invoke(["timeline", "JP", "--vs", "G7", "-f", "json"]))
    daily = json.loads(invoke(["timeline", "JP", "--vs", "G7", "--freq", "D", "-f", "json"]))
    assert monthly["events"] == daily["events"]
    opened = {(e["category"], e["date"]) for e in monthly["events"] if e["change"] == "opened"}
    assert ("diplomatic_expulsions_2018", "2018-03-14") in opened
    compare = json.loads(
        invoke(["compare", "JP", "--vs", "G7", "--as-of", "2018-03-21", "-f", "json"])
    )
    row = next(r for r in compare["rows"] if r["category"] == "diplomatic_expulsions_2018")
    assert row["first_peer_date"] == "2018-03-14"
    assert all(isinstance(r["lag_days_median"], int) for r in monthly["latency"])


def test_matrix_tells_the_steps_of_a_scale_apart() -> None:
    from sanctions_gap.render.views.matrix import glyph

    assert glyph("capital_market", 1 / 3) != glyph("correspondent_ban", 2 / 3)
    assert len({glyph("x", v) for v in (0.0, 1 / 3, 0.5, 2 / 3, 1.0)}) == 5


def test_tied_members_share_a_rank() -> None:
    payload = json.loads(
        invoke(["gaps", "--group", "ALL", *FIXTURE, "--as-of", "2022-03-21", "-f", "json"])
    )
    ranks = [(e["rank"], e["gaps"], e["index"]) for e in payload["entries"]]
    assert ranks[0][0] == 1
    assert [r for r, *_ in ranks[1:]] == [2, 2, 2]


def test_every_output_says_what_it_rests_on() -> None:
    context = load_dataset(DATA).context()
    for args in (BUNDLED["compare"], BUNDLED["matrix"], BUNDLED["coverage"]):
        assert json.loads(invoke([*args, "-f", "json"]))["context"] == context.to_dict()
        assert invoke([*args, "-f", "csv"]).startswith(f"# {context.line()}\n")
        assert (
            invoke([*args, "-f", "markdown"])
            .rstrip()
            .endswith(f"_{context.line()}_".replace("-", "-"))
        )
        assert context.line() in invoke(args)


def test_help_reads_plainly() -> None:
    main = invoke(["--help"])
    assert "…" not in main and "..." not in main.split("Commands:")[1]
    for command in ("compare", "timeline", "export", "diff", "show", "validate", "entities"):
        text = invoke([command, "--help"])
        assert "{" not in text.splitlines()[0], text.splitlines()[0]
        assert not re.search(r"<(str|int|float|int range|float range|path)>", text), command
        assert "00:00:00" not in text
        assert "x>=" not in text


def test_output_dash_is_stdout_and_an_unwritable_file_is_named(tmp_path: Path) -> None:
    dash = runner.invoke(app, ["members", "-o", "-", "-f", "csv"])
    assert dash.exit_code == 0 and "JP,Japan" in dash.stdout
    assert not Path("-").exists()
    blocked = tmp_path / "no-such-directory" / "out.csv"
    result = runner.invoke(app, ["members", "-o", str(blocked), "-f", "csv"])
    assert result.exit_code == 2
    assert str(blocked) in result.stderr and ".tmp" not in result.stderr
    for command in (["categories"], ["groups"], ["members"]):
        out = tmp_path / f"{command[0]}.json"
        assert runner.invoke(app, [*command, "-f", "json", "-o", str(out)]).exit_code == 0
        assert json.loads(out.read_text(encoding="utf-8"))["schema_version"] == 1


def test_piped_tables_have_no_trailing_spaces_and_no_colour_on_a_dumb_terminal() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sanctions_gap", "matrix", "--group", "G7"],
        capture_output=True,
        text=True,
        env={"TERM": "dumb", "PATH": "", "COLUMNS": "80", "FORCE_COLOR": ""},
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "\x1b[" not in result.stdout
    assert all(line == line.rstrip() for line in result.stdout.splitlines())
    assert "\n" not in result.stderr.strip()  # the summary is one whole line in a pipe


def test_export_follows_the_format_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SANCTIONS_GAP_FORMAT", "json")
    out = runner.invoke(app, ["export", "records", *FIXTURE])
    assert out.exit_code == 0
    records = json.loads(out.stdout)
    assert isinstance(records[0]["sources"], list) and isinstance(records[0]["urls"], list)
    monkeypatch.setenv("SANCTIONS_GAP_FORMAT", "markdown")
    fallback = runner.invoke(app, ["export", "records", *FIXTURE])
    assert fallback.exit_code == 0 and fallback.stdout.startswith("member,")
    assert "not a format of export" in fallback.stderr


def test_exports_stream_with_bounded_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    from sanctions_gap import export
    from sanctions_gap.export import write_panel

    # Small chunks, so that both runs below write many of them.
    monkeypatch.setattr(export, "CHUNK_ROWS", 2000)
    dataset = load_dataset(DATA)

    def peak(days: int) -> int:
        import datetime as dt

        out = _Sink()
        tracemalloc.start()
        try:
            write_panel(
                dataset,
                out,
                "json",
                start=dt.date(2022, 1, 1),
                end=dt.date(2022, 1, 1) + dt.timedelta(days=days),
                freq="D",
                basis=DateBasis.EFFECTIVE,
            )
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    short, long = peak(200), peak(1600)
    # Eight times the rows (and the bytes written); the peak follows the chunk, not the output.
    assert long < 1.5 * short


class _Sink(io.StringIO):
    """A stream that counts what it is given and keeps none of it."""

    def __init__(self) -> None:
        super().__init__()
        self.size = 0

    def write(self, text: str) -> int:
        self.size += len(text)
        return len(text)


def test_the_schema_refuses_what_validate_refuses(tmp_path: Path) -> None:
    schema = tmp_path / "member.schema.json"
    assert runner.invoke(app, ["schema", "-o", str(schema)]).exit_code == 0
    check = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    assert check is not None, "check-jsonschema (the test extra) is not installed"
    good = tmp_path / "good.yaml"
    shutil.copy(DATA / "members" / "jp.yaml", good)
    assert (
        subprocess.run([check, "--schemafile", str(schema), str(good)], check=False).returncode == 0
    )
    text = good.read_text(encoding="utf-8")
    for bad, broken in (
        ("category: central_bank", "category: centrl_bank"),
        ("status: full\n", "status: fulll\n"),
        ("status: capital_market", "status: full"),  # a level of another category
    ):
        wrong = tmp_path / "wrong.yaml"
        wrong.write_text(text.replace(bad, broken, 1), encoding="utf-8")
        result = subprocess.run(
            [check, "--schemafile", str(schema), str(wrong)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 1, (broken, result.stdout)
    for which in ("categories", "groups", "sources"):
        other = tmp_path / f"{which}.schema.json"
        assert runner.invoke(app, ["schema", which, "-o", str(other)]).exit_code == 0
        target = DATA / f"{which}.yaml"
        assert (
            subprocess.run([check, "--schemafile", str(other), str(target)], check=False).returncode
            == 0
        )
