"""Reading OpenSanctions exports: three formats, four CSV headers, gzip, stdin, broken files."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sanctions_gap.cli import app
from sanctions_gap.entities.formats import (
    FTM,
    NESTED,
    SIMPLE_CSV,
    EntityInputError,
    detect,
    open_export,
    read_entities,
    split_cell,
)

FIXTURES = Path(__file__).parent / "fixtures" / "entities"
CSV_VERSIONS = ("2021", "2022", "2023", "2025")
GAP_IDS = {
    "NK-9pLmKjHgFdSaQwErTyUiOp",  # EU only: DE, FR, IT by inheritance
    "NK-3kRqVbTnW8xLpZ2mYcHd5s",  # a Japanese referent without Japan's dataset
    "NK-7xGdQmBfWz3kPq9RtLsVa2",  # Sberbank
    "NK-6pErSoNaBcDeFgHiJkLmNo",
    "NK-4vSsLrNbQmZxCwEd6fGh7j",  # a vessel tied by a US Russia programme
    "NK-8aIrCrAfTqWeRtYuIoPaSd",
    "ca-sema-old-record-1",  # no topics: the old target flag stands in
}


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["entities", "JP", "--vs", "G7", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def gap_ids(*args: str, stdin: bytes | None = None) -> set[str]:
    import csv
    import io

    code, out, err = run(*args, "--format", "csv", stdin=stdin)
    assert code == 0, err
    return {row["id"] for row in csv.DictReader(io.StringIO(out))}


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("entities.ftm.json", FTM), ("targets.nested.json", NESTED)]
    + [(f"targets.simple.{v}.csv", SIMPLE_CSV) for v in CSV_VERSIONS],
)
def test_every_format_and_header_gives_the_same_gaps(name: str, fmt: str) -> None:
    with open_export(FIXTURES / name) as export:
        assert export.format == fmt
    assert gap_ids("--source", str(FIXTURES / name)) == GAP_IDS


def test_gzip_and_stdin(tmp_path: Path) -> None:
    assert gap_ids("--source", str(FIXTURES / "entities.ftm.json.gz")) == GAP_IDS
    raw = (FIXTURES / "entities.ftm.json").read_bytes()
    assert gap_ids("--source", "-", stdin=raw) == GAP_IDS
    assert gap_ids("--source", "-", stdin=gzip.compress(raw)) == GAP_IDS
    csv_gz = tmp_path / "targets.simple.csv.gz"
    csv_gz.write_bytes(gzip.compress((FIXTURES / "targets.simple.2021.csv").read_bytes()))
    assert gap_ids("--source", str(csv_gz)) == GAP_IDS


def test_old_header_order_is_read_by_name() -> None:
    # 2021: last_seen before first_seen; the first_seen value must come from its own column.
    with open_export(FIXTURES / "targets.simple.2021.csv") as export:
        entities = dict(read_entities(export, titles={}))
    assert all(e["first_seen"] == "2022-02-25T18:07:02" for e in entities.values())


def test_nested_quoting_in_csv_cells() -> None:
    cell = '"PUBLIC JOINT STOCK COMPANY ""SBERBANK OF RUSSIA""";Sberbank;ПАО Сбербанк'
    assert split_cell(cell) == [
        'PUBLIC JOINT STOCK COMPANY "SBERBANK OF RUSSIA"',
        "Sberbank",
        "ПАО Сбербанк",
    ]
    assert split_cell('"19 Vavilova St.; Moscow 117312";Vavilova Street 19') == [
        "19 Vavilova St.; Moscow 117312",
        "Vavilova Street 19",
    ]
    assert split_cell("") == []


def test_old_titles_map_to_dataset_ids() -> None:
    code, out, _ = run("--source", str(FIXTURES / "targets.simple.2021.csv"), "--format", "json")
    assert code == 0
    import json

    rows = {row["id"]: row for row in json.loads(out)["rows"]}
    # "UK OFSI Consolidated List of Targets" is the 2022 title of gb_hmt_sanctions.
    assert rows["NK-8aIrCrAfTqWeRtYuIoPaSd"]["listings"]["GB"]["datasets"] == ["gb_hmt_sanctions"]


def test_unknown_titles_are_a_warning() -> None:
    code, _, err = run("--source", str(FIXTURES / "targets.simple.2025.csv"))
    assert code == 0
    assert "Russian Ministry of Foreign Affairs Sanctions" in err
    assert "do not count" in err


def test_detect() -> None:
    assert detect(b'{"id":"x"}\n') == FTM
    assert detect(b'\xef\xbb\xbf"id","schema"') == SIMPLE_CSV
    assert detect(b"id,schema,name") == SIMPLE_CSV
    with pytest.raises(EntityInputError, match="line 1: not an OpenSanctions export"):
        detect(b"<?xml version='1.0'?>")
    with pytest.raises(EntityInputError, match="empty"):
        detect(b"")


# ---------------------------------------------------------------------- broken inputs: exit 2


def broken(tmp_path: Path, name: str, content: bytes) -> tuple[int, str]:
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = run("--source", str(path), "--format", "json")
    assert out == ""  # machine formats print only a payload, and there is none
    assert "Traceback" not in err
    return code, " ".join(err.split())


def ftm_lines() -> list[bytes]:
    return (FIXTURES / "entities.ftm.json").read_bytes().splitlines(keepends=True)


def test_truncated_json_names_the_line(tmp_path: Path) -> None:
    lines = ftm_lines()
    cut = b"".join(lines[:5]) + lines[5][:40]
    code, err = broken(tmp_path, "cut.json", cut)
    assert code == 2
    assert "line 6 is cut off" in err


def test_garbled_json_names_the_line(tmp_path: Path) -> None:
    lines = ftm_lines()
    lines[2] = b'{"id":"x","schema":"Person",,,}\n'
    code, err = broken(tmp_path, "garbled.json", b"".join(lines))
    assert code == 2
    assert "line 3 is not valid JSON" in err


def test_not_an_object_names_the_line(tmp_path: Path) -> None:
    lines = ftm_lines()
    lines[1] = b"[1, 2, 3]\n"
    code, err = broken(tmp_path, "list.json", b"".join(lines))
    assert code == 2
    assert "line 2: expected one entity" in err


def test_non_utf8_json_names_the_line(tmp_path: Path) -> None:
    lines = ftm_lines()
    number = next(i for i, line in enumerate(lines) if b"PUTIN" in line)
    lines[number] = lines[number].replace(b"PUTIN", b"PUT\xffN", 1)
    code, err = broken(tmp_path, "latin.json", b"".join(lines))
    assert code == 2
    assert f"line {number + 1} is not UTF-8" in err


def test_non_utf8_csv_names_the_line(tmp_path: Path) -> None:
    text = (FIXTURES / "targets.simple.2025.csv").read_bytes()
    lines = text.splitlines(keepends=True)
    lines[4] = lines[4].replace(b"Person", b"P\xe9rson", 1)
    code, err = broken(tmp_path, "latin.csv", b"".join(lines))
    assert code == 2
    assert "line 5 is not UTF-8" in err


def test_truncated_csv(tmp_path: Path) -> None:
    text = (FIXTURES / "targets.simple.2025.csv").read_bytes()
    code, err = broken(tmp_path, "cut.csv", text[: len(text) - 200])
    assert code == 2
    assert "truncated or garbled" in err
    assert "line " in err


def test_csv_without_the_needed_columns(tmp_path: Path) -> None:
    code, err = broken(tmp_path, "other.csv", b'"id","name"\n"a","b"\n')
    assert code == 2
    assert "line 1: the CSV header lacks schema, dataset" in err


def test_unknown_format(tmp_path: Path) -> None:
    code, err = broken(tmp_path, "list.xml", b"<export><sanctionEntity/></export>\n")
    assert code == 2
    assert "line 1: not an OpenSanctions export" in err


def test_truncated_gzip(tmp_path: Path) -> None:
    packed = gzip.compress((FIXTURES / "entities.ftm.json").read_bytes())
    code, err = broken(tmp_path, "cut.json.gz", packed[: len(packed) // 2])
    assert code == 2
    assert "gzip" in err


def test_missing_file() -> None:
    code, _, err = run("--source", "no/such/file.json")
    assert code == 2
    assert "No such file" in err
