"""GitHub annotations escaped as the Actions toolkit does, in every property and message, for
every command that emits them (issue 13): compare, gaps, diff, validate, the data errors of any
command, and entities.

The toolkit's rules: in a message ``%`` → ``%25``, CR → ``%0D``, LF → ``%0A``; in a property
(``file``, ``title``) also ``:`` → ``%3A`` and ``,`` → ``%2C``. ``%`` goes first, so that the
``%`` of an escape is never escaped again.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sanctions_gap.cli import app
from sanctions_gap.render import Annotation, Cell, Column, Format, View, render
from sanctions_gap.render.github import annotation_line, escape_data, escape_property

from .conftest import DATA
from .engine_fixtures import member, rec, write

runner = CliRunner()
NASTY = "a%b\rc\nd:e,f"
"""Every character the toolkit escapes, once each."""
AS_MESSAGE = "a%25b%0Dc%0Ad:e,f"
AS_PROPERTY = "a%25b%0Dc%0Ad%3Ae%2Cf"


def test_escape_data_and_property_each_character() -> None:
    assert escape_data(NASTY) == AS_MESSAGE
    assert escape_property(NASTY) == AS_PROPERTY
    # % first: an escape sequence already in the text is escaped, never left to be decoded.
    assert escape_data("%0A") == "%250A"
    assert escape_property("%3A,") == "%253A%2C"
    assert escape_data("\r\n") == "%0D%0A"
    assert escape_data("plain text") == "plain text"


def test_every_property_and_the_message_are_escaped() -> None:
    line = annotation_line(Annotation("error", NASTY, 7, NASTY, NASTY))
    assert line == f"::error file={AS_PROPERTY},line=7,title={AS_PROPERTY}::{AS_MESSAGE}"
    assert "\r" not in line and "\n" not in line


def test_file_and_line_only_where_there_are_some() -> None:
    assert annotation_line(Annotation("notice", "", 0, "t", "m")) == "::notice title=t::m"
    assert annotation_line(Annotation("warning", "x.yaml", 0, "t", "m")) == (
        "::warning file=x.yaml,title=t::m"
    )
    assert annotation_line(Annotation("warning", "x.yaml", 1, "t", "m")) == (
        "::warning file=x.yaml,line=1,title=t::m"
    )


def _view(annotations: tuple[Annotation, ...], *, annotates: bool = True) -> View:
    return View(
        title="T",
        columns=(Column("name", "Name"),),
        rows=((Cell("x"),),),
        payload={},
        summary=("50%: one, two",),
        annotations=annotations,
        annotates=annotates,
    )


def test_render_github_one_line_per_annotation_and_escaped_notice() -> None:
    both = (Annotation("warning", "p,1", 2, "t:1", "m\n1"), Annotation("error", "q", 3, "u", "n"))
    assert render(_view(both), Format.GITHUB) == (
        "::warning file=p%2C1,line=2,title=t%3A1::m%0A1\n::error file=q,line=3,title=u::n\n"
    )
    # No finding: a notice that carries the summary, escaped as a message.
    assert render(_view(()), Format.GITHUB) == "::notice title=sanctions-gap::50%25: one, two\n"
    # A view that never annotates prints its Markdown instead.
    assert render(_view((), annotates=False), Format.GITHUB) == render(
        _view((), annotates=False), Format.MARKDOWN
    )


# ---------------------------------------------------------------------- every command

PREFIX = "we%ird,pa:th\r\nx"
SHOWN = "we%25ird%2Cpa%3Ath%0D%0Ax"


@pytest.fixture(scope="module")
def lagging(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """JP at none in central_bank while AA is at full."""
    return write(
        tmp_path_factory.mktemp("lagging"),
        member("JP", rec("central_bank", "none")),
        member("AA", rec("central_bank", "full", "2022-03-01")),
    )


def _github(args: list[str], code: int = 0) -> list[str]:
    result = runner.invoke(app, [*args, "-f", "github"])
    assert result.exit_code == code, result.output
    assert result.stdout.endswith("\n")
    lines = result.stdout.split("\n")[:-1]
    assert lines and all("\r" not in line for line in lines)
    return lines


@pytest.mark.parametrize(
    "args",
    [
        ["compare", "JP", "--vs", "AA", "--as-of", "2022-03-21"],
        ["gaps", "--group", "ALL", "--as-of", "2022-03-21"],
        ["diff", "JP", "--vs", "AA", "--from", "2022-01-01", "--to", "2022-03-21"],
    ],
    ids=["compare", "gaps", "diff"],
)
def test_gap_annotations_escape_the_file_and_keep_the_message(
    lagging: Path, args: list[str]
) -> None:
    lines = _github([*args, "--data", str(lagging), "--path-prefix", PREFIX])
    text = (lagging / "members" / "jp.yaml").read_text(encoding="utf-8").splitlines()
    number = text.index("- category: central_bank") + 1
    # A prefix that ends without a slash gets one; the path is escaped whole.
    assert lines == [
        f"::warning file={SHOWN}/members/jp.yaml,line={number},title=JP lags in central_bank::"
        "JP is at none; ahead: "
        + ("AA" if args[0] == "gaps" else "AA (full)")
        + ", since 2022-03-01 (20 days)"
    ]


def test_validate_escapes_the_title_and_the_data_in_the_message(tmp_path: Path) -> None:
    root = write(
        tmp_path / "data",
        member("JP", rec("central_bank", "none")),
        member("AA", rec("central_bank", "full", "2022-03-01")),
    )
    jp = root / "members" / "jp.yaml"
    text = jp.read_text(encoding="utf-8")
    jp.write_text(text.replace("category: central_bank", "category: 50%,x:y", 1), "utf-8")
    line = text.splitlines().index("- category: central_bank") + 1
    expected = (
        f"::error file={SHOWN}/members/jp.yaml,line={line},"
        "title=sanctions-gap%3A invalid-value::category: '50%25,x:y' is not valid; expected a "
        "snake_case id such as airspace_ban"
    )
    [found] = _github(["validate", str(root), "--path-prefix", PREFIX], code=2)
    assert found == expected
    # Any command given an invalid dataset prints the same annotation before it exits 2.
    lines = _github(["compare", "JP", "--data", str(root), "--path-prefix", PREFIX], code=2)
    assert lines == [found]


def test_entities_escape_the_caption_in_the_title_and_the_message(tmp_path: Path) -> None:
    fixture = Path(__file__).parent / "fixtures" / "entities" / "entities.ftm.json"
    [line] = [
        json.loads(text)
        for text in fixture.read_text(encoding="utf-8").splitlines()
        if '"Promsvyazbank"' in text
    ]
    line["caption"] = "Prom%bank, PSB: \r\nTwo"
    export = tmp_path / "export,1:a%.ftm.json"
    export.write_text(json.dumps(line) + "\n", encoding="utf-8")
    lines = _github(["entities", "JP", "--vs", "US", "--source", str(export)])
    assert not set(str(tmp_path)) & set("%,:\r\n")
    file = f"{tmp_path}/export%2C1%3Aa%25.ftm.json"
    assert lines == [
        f"::warning file={file},line=1,title=JP does not list Prom%25bank%2C PSB%3A %0D%0ATwo::"
        "Prom%25bank, PSB: %0D%0ATwo (Company, NK-3kRqVbTnW8xLpZ2mYcHd5s) is listed by "
        "US, not by JP"
    ]


def test_bundled_data_annotations_point_at_the_record_behind_the_status() -> None:
    lines = _github(["compare", "JP", "--vs", "G7", "--as-of", "2022-03-21"])
    assert all(line.startswith("::warning file=data/members/jp.yaml,line=") for line in lines)
    text = (DATA / "members" / "jp.yaml").read_text(encoding="utf-8").splitlines()
    for found in lines:
        number = int(found.split("line=")[1].split(",")[0])
        category = found.split("title=JP lags in ")[1].split("::")[0]
        assert text[number - 1].strip() == f"- category: {category}", found
