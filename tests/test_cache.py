"""The validated-dataset cache: used only when its key matches, never trusted otherwise."""

from __future__ import annotations

import dataclasses
import json
import shutil
import typing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sanctions_gap import cache
from sanctions_gap.cli import app
from sanctions_gap.errors import DataError
from sanctions_gap.validate import load_dataset

from .conftest import DATA

runner = CliRunner()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    return root


def test_a_hit_gives_the_dataset_that_validation_gives(data: Path, tmp_path: Path) -> None:
    where = tmp_path / "cache"
    validated = load_dataset(data, cache=where)
    [file] = where.iterdir()
    cached = cache.read_cached(where, data, cache.dataset_key(data))
    assert cached is not None
    assert cached == validated
    assert cached.records == validated.records
    assert cached.source_kinds == validated.source_kinds
    assert load_dataset(data, cache=where) == validated
    assert json.loads(file.read_text(encoding="utf-8"))["key"] == cache.dataset_key(data)


def test_an_edited_file_changes_the_key(data: Path, tmp_path: Path) -> None:
    where = tmp_path / "cache"
    before = load_dataset(data, cache=where)
    jp = data / "members" / "jp.yaml"
    jp.write_text(jp.read_text(encoding="utf-8").replace("name: Japan", "name: Nippon"))
    after = load_dataset(data, cache=where)
    assert before.members["JP"].name == "Japan"
    assert after.members["JP"].name == "Nippon"


def test_a_broken_edit_is_reported_not_hidden_by_the_cache(data: Path, tmp_path: Path) -> None:
    where = tmp_path / "cache"
    load_dataset(data, cache=where)
    jp = data / "members" / "jp.yaml"
    jp.write_text(jp.read_text(encoding="utf-8").replace("code: JP", "code: jp"))
    with pytest.raises(DataError):
        load_dataset(data, cache=where)


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        '{"format": 1, "key": "another key"}',
        "[]",
        "",
    ],
)
def test_a_cache_file_that_does_not_match_is_a_miss(
    data: Path, tmp_path: Path, content: str
) -> None:
    where = tmp_path / "cache"
    where.mkdir()
    cache.cache_file(where, data).write_text(content, encoding="utf-8")
    assert cache.read_cached(where, data, cache.dataset_key(data)) is None
    assert load_dataset(data, cache=where).members["JP"].name == "Japan"


def test_a_tampered_cache_with_the_right_key_but_a_wrong_shape_is_a_miss(
    data: Path, tmp_path: Path
) -> None:
    where = tmp_path / "cache"
    load_dataset(data, cache=where)
    file = cache.cache_file(where, data)
    document = json.loads(file.read_text(encoding="utf-8"))
    document["members"][0]["unexpected"] = 1
    file.write_text(json.dumps(document), encoding="utf-8")
    assert cache.read_cached(where, data, cache.dataset_key(data)) is None


def test_an_unwritable_cache_directory_costs_only_time(data: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("", encoding="utf-8")
    assert load_dataset(data, cache=blocker / "cache").members["JP"].name == "Japan"


def test_the_cli_uses_the_cache_and_no_cache_turns_it_off(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    where = tmp_path / "user-cache"
    monkeypatch.setenv("SANCTIONS_GAP_CACHE_DIR", str(where))
    off = runner.invoke(app, ["--no-cache", "members", "--data", str(data), "-f", "csv"])
    assert off.exit_code == 0, off.output
    assert not where.exists()
    on = runner.invoke(app, ["members", "--data", str(data), "-f", "csv"])
    assert on.exit_code == 0, on.output
    assert [p.name for p in where.iterdir()] == [cache.cache_file(where, data).name]
    again = runner.invoke(app, ["members", "--data", str(data), "-f", "csv"])
    assert again.exit_code == 0
    assert again.stdout == on.stdout == off.stdout


def test_every_date_and_list_of_records_is_known_to_the_decoder() -> None:
    # A field added to a record type must be decoded too: dates from text, lists of records.
    from sanctions_gap import models

    for cls in vars(models).values():
        if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)):
            continue
        hints = typing.get_type_hints(cls)
        for field in dataclasses.fields(cls):
            shown = str(hints[field.name])
            if "datetime.date" in shown:
                assert field.name in cache.DATES.get(cls, ()), (cls.__name__, field.name)
            item = typing.get_args(hints[field.name])
            # Whole files (categories.yaml, groups.yaml) are cached as their items.
            whole_file = cls.__name__ in ("CategoryFile", "GroupFile")
            if item and dataclasses.is_dataclass(item[0]) and not whole_file:
                assert cache.NESTED.get((cls, field.name)) is item[0], (cls.__name__, field.name)
