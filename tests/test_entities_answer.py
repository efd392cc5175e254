"""The entity-level answer: list membership, the Russia-linked rule, matches, filters, changes."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from typer.testing import CliRunner

from sanctions_gap.cli import app
from sanctions_gap.entities.answer import EntityFilters, EntityQueryError, find_entity_gaps
from sanctions_gap.entities.changes import compare_exports
from sanctions_gap.entities.collect import EntityTable, collect
from sanctions_gap.entities.formats import open_export
from sanctions_gap.entities.lists import ListSelection, load_lists, select_lists
from sanctions_gap.entities.matching import normalise_identifier, normalise_name
from sanctions_gap.entities.russia import RussiaRule, russia_rule
from sanctions_gap.errors import DataError
from sanctions_gap.render import Format, render, render_pieces
from sanctions_gap.validate import default_data_dir, load_dataset

from .conftest import ROOT

FIXTURES = Path(__file__).parent / "fixtures" / "entities"
FTM = FIXTURES / "entities.ftm.json"
G7_PEERS = ["CA", "DE", "FR", "GB", "IT", "US"]


def setup(
    member: str = "JP", peers: list[str] = G7_PEERS, **kwargs: object
) -> tuple[ListSelection, RussiaRule]:
    dataset = load_dataset()
    mapping = load_lists(default_data_dir())
    inherits = {c: tuple(m.inherits) for c, m in dataset.members.items()}
    selection = select_lists(mapping, [member, *peers], inherits, **kwargs)  # type: ignore[arg-type]
    return selection, russia_rule(mapping.programmes)


def table_of(path: Path, selection: ListSelection, rule: RussiaRule) -> EntityTable:
    with open_export(path) as export:
        return collect(export, selection, rule)


def report(**filters: Any) -> dict[str, dict[str, Any]]:
    selection, rule = setup()
    result = find_entity_gaps(
        table_of(FTM, selection, rule), selection, rule, EntityFilters(**filters)
    )
    return {row.id: row.to_dict(result.members) for row in result.rows}


def test_the_traps_of_the_research_note() -> None:
    rows = report()
    # Putin: every G7 list, Japan's included: no gap.
    assert "Q7747" not in rows
    # The IRGC: peers list it, but it has no tie to Russia.
    assert "NK-2PacmNpiLUmoz4XD2mSt7A" not in rows
    # A Japanese id in `referents` is not a Japanese listing: still a gap.
    assert rows["NK-3kRqVbTnW8xLpZ2mYcHd5s"]["peers"] == ["CA", "US"]
    # Russia's counter-sanctions and a related party without a sanction topic are not gaps.
    assert "ru-mfa-john-doe" not in rows
    assert "NK-0oWnErOnLyNoToPiCsXyZa" not in rows
    # An old record without topics counts through its target flag.
    assert "ca-sema-old-record-1" in rows


def test_unmerged_record_is_a_possible_match_not_hidden() -> None:
    sberbank = report()["NK-7xGdQmBfWz3kPq9RtLsVa2"]
    assert sberbank["possible_matches"] == [
        {
            "id": "ja-mof-390a18ed80934043ab1e04f1930d730027c7327a",
            "caption": "Sberbank of Russia",
            "evidence": ["same name"],
        }
    ]
    rows = report()
    [vessel] = rows["NK-4vSsLrNbQmZxCwEd6fGh7j"]["possible_matches"]
    assert vessel["evidence"] == ["imoNumber IMO9384521"]
    [person] = rows["NK-6pErSoNaBcDeFgHiJkLmNo"]["possible_matches"]
    assert person["evidence"] == ["same name and birth date (1981-03-02)"]


def test_sanction_without_dates_and_a_referent_reference() -> None:
    listings = report()["NK-7xGdQmBfWz3kPq9RtLsVa2"]["listings"]
    assert isinstance(listings, dict)
    # The US Sanction has no date: listed, date unknown, the list's page as the link.
    assert listings["US"]["listed"] is True
    assert listings["US"]["since"] is None
    assert listings["US"]["url"] == "https://www.opensanctions.org/datasets/us_ofac_sdn/"
    # The UK Sanction points at a referent id of the cluster: it is resolved.
    assert listings["GB"]["since"] == "2022-04-06"
    assert listings["JP"] == {"listed": False}


def test_eu_lists_count_for_germany_france_italy() -> None:
    petrov = report()["NK-9pLmKjHgFdSaQwErTyUiOp"]
    assert petrov["peers"] == ["DE", "FR", "IT"]
    listings = petrov["listings"]
    assert isinstance(listings, dict)
    assert listings["DE"]["via"] == "EU" and listings["DE"]["since"] == "2023-06-23"


def test_programme_tie_and_tie_kinds() -> None:
    rows = report()
    assert rows["NK-4vSsLrNbQmZxCwEd6fGh7j"]["tie"] == "programme"
    assert rows["NK-7xGdQmBfWz3kPq9RtLsVa2"]["tie"] == "country"


def test_filters() -> None:
    assert set(report(schemata=("vessels",))) == {"NK-4vSsLrNbQmZxCwEd6fGh7j"}
    assert set(report(schemata=("Airplane",))) == {"NK-8aIrCrAfTqWeRtYuIoPaSd"}
    assert set(report(name="sberbank")) == {"NK-7xGdQmBfWz3kPq9RtLsVa2"}
    assert set(report(name="PETROV, ivan")) == {"NK-9pLmKjHgFdSaQwErTyUiOp"}
    assert set(report(min_peers=3)) == {"NK-9pLmKjHgFdSaQwErTyUiOp"}
    since = set(report(listed_since=dt.date(2024, 1, 1)))
    assert since == {"NK-4vSsLrNbQmZxCwEd6fGh7j"}
    with pytest.raises(EntityQueryError, match="unknown schema 'ships'"):
        report(schemata=("ships",))
    with pytest.raises(EntityQueryError, match="min_peers"):
        report(min_peers=0)


def test_summary_counts_and_overlap() -> None:
    selection, rule = setup()
    result = find_entity_gaps(table_of(FTM, selection, rule), selection, rule)
    summary = result.summary()
    assert summary["schema_counts"] == {
        "people": 2,
        "companies": 3,
        "vessels": 1,
        "aircraft": 1,
        "other": 0,
    }
    assert summary["peer_counts"]["US"] == 4
    overlap = summary["overlap"]
    assert overlap["JP"]["JP"] == result.listed["JP"] == 3
    assert all(overlap[a][b] == overlap[b][a] for a in result.members for b in result.members)
    assert result.member_only == 2


def test_measure_kinds_and_opt_in_lists() -> None:
    selection, _ = setup(kinds=["export_control"])
    assert set(selection.counted_by) == {
        "us_bis_denied",
        "us_trade_csl",
        "jp_meti_eul",
        "jp_meti_ru",
    }
    default, _ = setup()
    assert "us_ofac_cons" not in default.counted_by
    every, _ = setup(all_lists=True)
    assert "us_ofac_cons" in every.counted_by


def test_lists_of_absent_members_do_not_fail(tmp_path: Path) -> None:
    # A dataset without Australia: the mapping still names its list, and nothing fails.
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    (data / "members" / "au.yaml").unlink()
    groups = data / "groups.yaml"
    groups.write_text(groups.read_text(encoding="utf-8").replace("[AU, ", "["), encoding="utf-8")
    mapping = load_lists(data)
    assert mapping.lists["au_dfat_sanctions"].member == "AU"
    dataset = load_dataset(data)
    assert "AU" not in dataset.members
    inherits = {c: tuple(m.inherits) for c, m in dataset.members.items()}
    selection = select_lists(mapping, ["JP", *G7_PEERS], inherits)
    assert "au_dfat_sanctions" not in selection.counted_by


def test_a_user_mapping_file(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "lists:\n  - dataset: ru_mfa_sanctions\n    member: JP\n    kind: travel_ban\n",
        encoding="utf-8",
    )
    mapping = load_lists(default_data_dir(), mine)
    assert mapping.lists["ru_mfa_sanctions"].member == "JP"
    bad = tmp_path / "bad.yaml"
    bad.write_text("lists:\n  - dataset: x\n    member: Japan\n    kind: freeze\n", "utf-8")
    with pytest.raises(DataError) as caught:
        load_lists(default_data_dir(), bad)
    assert {issue.line for issue in caught.value.issues} == {3, 4}
    code = (
        CliRunner()
        .invoke(app, ["entities", "JP", "--source", str(FTM), "--lists", str(bad)])
        .exit_code
    )
    assert code == 2


def test_normalisation() -> None:
    assert normalise_name("PUTIN, Vladimir") == normalise_name("Vladimir  Putin")
    assert normalise_name("Société Générale") == "generale societe"
    assert normalise_identifier("IMO 9384521") == normalise_identifier("9384521")


def test_two_exports() -> None:
    selection, rule = setup()
    old = table_of(FIXTURES / "entities.old.ftm.json", selection, rule)
    new = table_of(FTM, selection, rule)
    changes = compare_exports(old, new, selection, rule)
    rows = {(row.change, row.id): row for row in changes.rows}
    assert set(rows) == {
        ("opened", "NK-3kRqVbTnW8xLpZ2mYcHd5s"),
        ("closed", "Q7747"),
        ("closed", "NK-5dElIsTeDpErSoNaBcDeFg"),
        ("delisted", "NK-5dElIsTeDpErSoNaBcDeFg"),
        ("delisted", "NK-9pLmKjHgFdSaQwErTyUiOp"),
    }
    assert rows[("closed", "Q7747")].date == "2022-03-01"  # Japan's own date
    assert rows[("delisted", "NK-9pLmKjHgFdSaQwErTyUiOp")].members == ("CA",)
    # Sberbank's old US record is a referent of today's cluster: the gap did not change.
    assert not any(row.id == "NK-7xGdQmBfWz3kPq9RtLsVa2" for row in changes.rows)
    assert list(changes.to_frame()["change"]) == [row.change for row in changes.rows]


# ---------------------------------------------------------------------- the CLI


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["entities", "JP", "--vs", "G7", "--source", str(FTM), *args])
    return result.exit_code, result.stdout, result.stderr


def test_json_equals_the_library() -> None:
    code, out, _ = cli("--format", "json")
    assert code == 0
    selection, rule = setup()
    expected = find_entity_gaps(table_of(FTM, selection, rule), selection, rule).to_dict()
    assert json.loads(out) == expected


def test_csv_reads_in_pandas_with_the_frame_columns() -> None:
    code, out, _ = cli("--format", "csv")
    assert code == 0
    frame = pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)
    selection, rule = setup()
    library = find_entity_gaps(table_of(FTM, selection, rule), selection, rule).to_frame()
    assert list(frame["id"]) == list(library["id"])
    assert set(library.columns) <= set(frame.columns)
    assert frame.loc[frame["id"] == "NK-9pLmKjHgFdSaQwErTyUiOp", "DE_via"].item() == "EU"
    assert library["US_listed"].dtype == bool


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "markdown", "github"])
def test_every_format(fmt: str) -> None:
    code, out, err = cli("--format", fmt)
    assert code == 0
    assert out.endswith("\n")
    assert "Data: OpenSanctions, CC BY-NC 4.0" in err
    if fmt == "github":
        assert out.count("::warning file=") == 7
        assert "title=JP does not list Sberbank of Russia" in out


def test_fail_on_gap_and_limit() -> None:
    code, out, _ = cli("--fail-on-gap", "--format", "github")
    assert code == 1
    assert out.startswith("::error ")
    assert cli("--fail-on-gap", "--exit-zero")[0] == 0
    assert cli("--max-gaps", "7")[0] == 0
    code, out, err = cli("--limit", "2", "--format", "csv")
    assert code == 0 and len(out.splitlines()) == 3
    assert "showing the first 2 of 7 rows" in err


def test_markup_in_data_is_shown_as_typed(tmp_path: Path) -> None:
    text = FTM.read_text(encoding="utf-8").replace("RA-96016", "[bold]=HYPERLINK(1)[/bold]")
    path = tmp_path / "markup.json"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["entities", "JP", "--source", str(path)])
    assert result.exit_code == 0, result.output
    assert "[bold]=HYPERLINK(1)[/bold]" in result.stdout
    csv_out = CliRunner().invoke(app, ["entities", "JP", "--source", str(path), "-f", "csv"])
    assert csv_out.exit_code == 0, csv_out.output
    assert ",[bold]=HYPERLINK(1)[/bold]," in csv_out.stdout
    assert "'[bold]" not in csv_out.stdout  # a leading [ is harmless in a spreadsheet
    formula = FTM.read_text(encoding="utf-8").replace('"caption":"RA-96016"', '"caption":"=1+1"')
    path.write_text(formula, encoding="utf-8")
    csv_out = CliRunner().invoke(app, ["entities", "JP", "--source", str(path), "-f", "csv"])
    assert csv_out.exit_code == 0, csv_out.output
    assert ",'=1+1," in csv_out.stdout


def test_bad_options_exit_2() -> None:
    assert cli("--measure-kind", "freeze")[0] == 2
    assert cli("--schema", "ships")[0] == 2
    result = CliRunner().invoke(app, ["entities", "XX", "--source", str(FTM)])
    assert result.exit_code == 2 and "unknown member" in result.stderr
    result = CliRunner().invoke(app, ["entities", "JP", "--vs", "JP", "--source", str(FTM)])
    assert result.exit_code == 2 and "no peers" in result.stderr


def test_output_file_is_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "gaps.csv"
    code, out, _ = cli("--format", "csv", "--output", str(target))
    assert code == 0 and out == ""
    assert target.read_text(encoding="utf-8").startswith("id,caption,schema,")


def test_progress_is_silent_when_stderr_is_not_a_terminal() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sanctions_gap",
            "entities",
            "JP",
            "--source",
            str(FTM),
            "-f",
            "json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "\r" not in result.stderr and "\x1b" not in result.stderr


def test_other_commands_import_nothing_of_the_entity_code() -> None:
    probe = (
        "import sys; from sanctions_gap.cli import run, app; sys.argv=['x','members'];\n"
        "try:\n    run(app)\nexcept SystemExit:\n    pass\n"
        "bad = [m for m in sys.modules if m.startswith('sanctions_gap.entities') or m == 'orjson'"
        " or m == 'sanctions_gap.render.views.entities']\n"
        "print(bad, file=sys.stderr); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("fmt", list(Format))
def test_pieces_join_to_the_whole_text(fmt: Format) -> None:
    from sanctions_gap.render.csv import csv_chunks
    from sanctions_gap.render.views.entities import entities_view

    selection, rule = setup()
    result = find_entity_gaps(table_of(FTM, selection, rule), selection, rule)
    view = entities_view(result, source_path="x.json")
    assert "".join(render_pieces(view, fmt)) == render(view, fmt)
    pieces = list(csv_chunks(view, rows=2))
    assert len(pieces) == 4 and "".join(pieces) == render(view, Format.CSV)
