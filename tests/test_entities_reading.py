"""The fast read of `entities.ftm.json`: the byte prefilter and the two processes change nothing."""

from __future__ import annotations

import importlib.util
import re
import string
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanctions_gap.entities import halves
from sanctions_gap.entities.collect import Collector, EntityTable, SourceInfo, collect
from sanctions_gap.entities.formats import EntityInputError, open_export, read_entities
from sanctions_gap.entities.lists import ListSelection, load_lists, select_lists
from sanctions_gap.entities.matching import normalise_name
from sanctions_gap.entities.russia import RussiaRule, russia_rule
from sanctions_gap.validate import default_data_dir, load_dataset

from .conftest import ROOT

FIXTURES = Path(__file__).parent / "fixtures" / "entities"


@pytest.fixture(scope="module")
def setup() -> tuple[ListSelection, RussiaRule]:
    dataset = load_dataset()
    mapping = load_lists(default_data_dir())
    inherits = {c: tuple(m.inherits) for c, m in dataset.members.items()}
    peers = ["CA", "DE", "FR", "GB", "IT", "US"]
    return select_lists(mapping, ["JP", *peers], inherits), russia_rule(mapping.programmes)


def parsed_whole(path: Path, selection: ListSelection, rule: RussiaRule) -> EntityTable:
    """The table every line parsed gives (no prefilter, one process): the reference."""
    with open_export(path) as export:
        source = SourceInfo(export.name, export.format, export.compressed)
        collector = Collector(selection, rule, source)
        collector.run(read_entities(export, titles=selection.mapping.titles))
        return EntityTable(source, collector.targets, collector.resolve(), ())


def fast(path: Path, selection: ListSelection, rule: RussiaRule, **kwargs: Any) -> EntityTable:
    with open_export(path) as export:
        return collect(export, selection, rule, **kwargs)


def same(first: EntityTable, second: EntityTable) -> None:
    assert first.source.to_dict() == second.source.to_dict()
    assert first.source.datasets == second.source.datasets
    assert list(first.targets.items()) == list(second.targets.items())
    assert {k: dict(v) for k, v in first.designations.items()} == {
        k: dict(v) for k, v in second.designations.items()
    }


def generated(tmp_path: Path, targets: int, shape: str = "real") -> Path:
    spec = importlib.util.spec_from_file_location(
        "generate_entities", ROOT / "benchmarks" / "generate_entities.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = tmp_path / f"{shape}.ftm.json"
    module.generate(path, targets, 7, shape)
    return path


@pytest.mark.parametrize("name", ["entities.ftm.json", "entities.old.ftm.json"])
def test_the_prefilter_changes_nothing_on_the_fixtures(
    name: str, setup: tuple[ListSelection, RussiaRule]
) -> None:
    selection, rule = setup
    path = FIXTURES / name
    same(fast(path, selection, rule, processes=1), parsed_whole(path, selection, rule))


@pytest.mark.parametrize("shape", ["real", "dense"])
def test_prefilter_and_halves_change_nothing_on_generated_exports(
    shape: str, tmp_path: Path, setup: tuple[ListSelection, RussiaRule], monkeypatch: Any
) -> None:
    selection, rule = setup
    path = generated(tmp_path, 3000, shape)
    whole = parsed_whole(path, selection, rule)
    same(fast(path, selection, rule, processes=1), whole)
    monkeypatch.setattr(halves, "SPLIT_FROM", 0)
    same(fast(path, selection, rule), whole)
    assert fast(path, selection, rule).source.lines == whole.source.lines


LINES = [
    # A Sanction of a list that does not count: skipped, but counted as a Sanction.
    b'{"id":"s1","caption":"P","schema":"Sanction","referents":[],"datasets":["ch_seco_sanctions"]'
    b',"properties":{"entity":["t1"],"program":["Ukraine"]},"target":false}\n',
    # A sanctioned target of lists that do not count: skipped, but counted with its datasets.
    b'{"id":"t1","caption":"A","schema":"Person","referents":[],"datasets":["ch_seco_sanctions",'
    b'"ua_nsdc_sanctions"],"properties":{"name":["A"],"topics":["sanction"],"country":["ru"]},'
    b'"target":true}\n',
    # Topics with the sanction topic but a false target flag: sanctioned all the same.
    b'{"id":"t2","caption":"B","schema":"Company","referents":[],"datasets":["au_dfat_sanctions"]'
    b',"properties":{"name":["B"],"topics":["sanction"]},"target":false}\n',
    # Not compact (spaces): parsed as a whole.
    b'{"id": "t3", "caption": "C", "schema": "Person", "referents": [], "datasets": ["eu_fsf"], '
    b'"properties": {"name": ["C"], "topics": ["sanction"], "nationality": ["ru"]}, '
    b'"target": true}\n',
    # An address of a counted list: not sanctioned, skipped.
    b'{"id":"a1","caption":"Moskva","schema":"Address","referents":[],"datasets":["eu_fsf"],'
    b'"properties":{"full":["Moskva"]},"target":false}\n',
    # Counter-sanctions: a risk topic, not the sanction topic.
    b'{"id":"t4","caption":"D","schema":"Person","referents":[],"datasets":["ru_mfa_sanctions"],'
    b'"properties":{"name":["D"],"topics":["sanction.counter"]},"target":true}\n',
    # An old target without topics, on a list that does not count.
    b'{"id":"t5","caption":"E","schema":"Person","referents":[],"datasets":["un_sc_sanctions"],'
    b'"properties":{"name":["E"],"country":["ru"]},"target":true}\n',
    # An escaped dataset id: parsed.
    b'{"id":"s2","caption":"RUS","schema":"Sanction","referents":[],"datasets":["eu\\u005ffsf"],'
    b'"properties":{"entity":["t3"],"program":["RUS"],"startDate":["2022-03-01"]},'
    b'"target":false}\n',
    # A counted target.
    b'{"id":"t6","caption":"F","schema":"Company","referents":[],"datasets":["gb_fcdo_sanctions"]'
    b',"properties":{"name":["F"],"topics":["sanction"],"country":["ru"]},"target":true}\n',
    b"\n",
]


def test_the_prefilter_on_lines_it_must_not_miss(
    tmp_path: Path, setup: tuple[ListSelection, RussiaRule]
) -> None:
    selection, rule = setup
    path = tmp_path / "lines.ftm.json"
    path.write_bytes(b"".join(LINES))
    table = fast(path, selection, rule)
    same(table, parsed_whole(path, selection, rule))
    assert set(table.targets) == {"t3", "t6"}
    assert table.designations["t3"]["eu_fsf"].since == "2022-03-01"
    assert table.source.targets == 5 and table.source.sanctions == 2
    assert table.source.lines == 9


def test_a_skippable_last_line_that_is_cut_off_is_reported(
    tmp_path: Path, setup: tuple[ListSelection, RussiaRule]
) -> None:
    selection, rule = setup
    path = tmp_path / "cut.ftm.json"
    path.write_bytes(LINES[4] + LINES[0][:-30])
    with pytest.raises(EntityInputError, match="line 2 is cut off"):
        fast(path, selection, rule)
    path.write_bytes(LINES[4] + LINES[0].rstrip(b"\n"))  # no final newline, but whole: fine
    assert fast(path, selection, rule).source.sanctions == 1


def test_a_problem_in_the_second_half_names_its_line(
    tmp_path: Path, setup: tuple[ListSelection, RussiaRule], monkeypatch: Any
) -> None:
    selection, rule = setup
    lines = (FIXTURES / "entities.ftm.json").read_bytes().splitlines(keepends=True)
    lines[-3] = b'{"id":"x","schema":"Person",,,}\n'
    path = tmp_path / "garbled.ftm.json"
    path.write_bytes(b"".join(lines))
    monkeypatch.setattr(halves, "SPLIT_FROM", 0)
    with pytest.raises(EntityInputError, match=f"line {len(lines) - 2} is not valid JSON"):
        fast(path, selection, rule)


def unicode_path(name: str) -> str:
    """``normalise_name`` as it was before its ASCII shortcut."""
    text = unicodedata.normalize("NFKD", name.casefold())
    if not text.isascii():
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(sorted(re.sub(r"[\W_]+", " ", text).split()))


@given(st.text(alphabet=string.printable + "_\x1c\x1f\x7f", max_size=40))
def test_the_ascii_shortcut_of_normalise_name(name: str) -> None:
    assert normalise_name(name) == unicode_path(name)


@given(st.text(max_size=30))
def test_normalise_name_on_any_text(name: str) -> None:
    assert normalise_name(name) == unicode_path(name)


def test_a_damaged_datasets_array_in_a_skipped_line_does_not_break_the_run(
    tmp_path: Path, setup: tuple[ListSelection, RussiaRule]
) -> None:
    selection, rule = setup
    damaged = LINES[1].replace(b'"ua_nsdc_sanctions"]', b'"ua_nsdc_sanctions",,]')
    path = tmp_path / "damaged.ftm.json"
    path.write_bytes(damaged + LINES[8])
    table = fast(path, selection, rule)
    assert table.source.targets == 2
    assert {"ch_seco_sanctions", "gb_fcdo_sanctions"} <= table.source.datasets


def test_if_the_second_process_dies_one_process_reads_the_file(
    tmp_path: Path, setup: tuple[ListSelection, RussiaRule], monkeypatch: Any
) -> None:
    import os

    selection, rule = setup
    path = FIXTURES / "entities.ftm.json"
    monkeypatch.setattr(halves, "SPLIT_FROM", 0)
    monkeypatch.setattr(halves, "_read_second", lambda *args: os._exit(1))
    same(fast(path, selection, rule), parsed_whole(path, selection, rule))
