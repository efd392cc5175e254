"""Views and lookups whose every value is known: latency tables, summaries, suggestions, index
options (issue 13: each kills a mutant that the suite let through)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sanctions_gap.cli import app
from sanctions_gap.dataset import Dataset, DateBasis
from sanctions_gap.engine import IndexReport, diff, index, indexes, timeline
from sanctions_gap.errors import LookupFailed
from sanctions_gap.render.views import timeline_view
from sanctions_gap.validate import load_dataset

from .conftest import DATA
from .engine_fixtures import LADDER_PEERS as PEERS
from .engine_fixtures import build, ladder_members, write

D = dt.date
FIXTURE = Path(__file__).parent / "fixtures" / "golden"
runner = CliRunner()


@pytest.fixture(scope="module")
def ladder(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return build(tmp_path_factory.mktemp("views"), *ladder_members())


@pytest.fixture(scope="module")
def small() -> Dataset:
    return load_dataset(FIXTURE)


def test_timeline_latency_table(ladder: Dataset) -> None:
    report = timeline(ladder, "JP", PEERS, start=D(2022, 4, 1), end=D(2022, 6, 1))
    view = timeline_view(report, "latency")
    assert [c.key for c in view.columns] == [
        "category",
        "member_status",
        "lag_days_first",
        "lag_days_median",
    ]
    # Only the rows with a latency: JP's partial in central_bank, 92 days after both.
    assert [[(c.text, c.data) for c in row] for row in view.rows] == [
        [("central_bank", "central_bank"), ("partial", "partial"), ("92", 92), ("92", 92)]
    ]
    points = timeline_view(report)
    assert points.summary == (
        "gaps open at the start (2022-04-01): central_bank, airspace_ban",
        "central_bank: JP reached partial 92 days after the first peer and 92 days after "
        "the median peer",
    )
    assert timeline_view(report, "events").empty == "No gap opened or closed."


@pytest.mark.parametrize(
    ("command", "summary"),
    [("groups", "2 groups"), ("members", "4 members"), ("categories", "3 categories")],
)
def test_vocabulary_summaries(command: str, summary: str) -> None:
    result = runner.invoke(app, [command, "--data", str(FIXTURE)])
    assert result.exit_code == 0, result.output
    assert result.stderr == summary + "\n"


def test_suggestions_for_mistyped_names(small: Dataset) -> None:
    known = "known members: AA, BB, CC, EU"
    cases = {
        # An alpha-3 code suggests its alpha-2 code only where that member exists.
        "USA": f"unknown member 'USA'; {known}",
        "A": f"unknown member 'A' (did you mean 'AA'?); {known}",
        "bb1": f"unknown member 'bb1' (did you mean 'BB'?); {known}",
    }
    for typed, message in cases.items():
        with pytest.raises(LookupFailed) as caught:
            small.resolve_member(typed)
        assert str(caught.value) == message
    with pytest.raises(LookupFailed) as caught:
        load_dataset(DATA).resolve_member("usa")
    assert str(caught.value).startswith("unknown member 'usa' (did you mean 'US'?); known")
    with pytest.raises(LookupFailed) as caught:
        small.resolve_group("G33")
    assert str(caught.value) == (
        "unknown group or member 'G33' (did you mean 'G3'?); use a group (G3, ALL), member "
        "codes such as CA,US, or both (G7,EU)"
    )


def test_index_takes_the_basis_and_indexes_count_inherited_members(small: Dataset) -> None:
    # AA's Sberbank freeze was announced on 2022-04-08 and took effect on 2022-05-12.
    on = D(2022, 4, 10)
    assert index(small, "AA", on).value == 0.0
    announced = index(small, "AA", on, basis=DateBasis.ANNOUNCED)
    assert (announced.value, announced.date_basis) == (50.0, DateBasis.ANNOUNCED)
    # CC inherits from the EU: both are ranked unless asked to count the EU once.
    assert [r.member for r in indexes(small, ["EU", "CC"], on).results] == ["CC", "EU"]
    once = indexes(small, ["EU", "CC"], on, inherited_once=True)
    assert [r.member for r in once.results] == ["EU"]
    bare = IndexReport(("EU",), on, DateBasis.EFFECTIVE, once.results)
    assert bare.to_dict()["context"] is None
    assert once.to_dict()["context"] == small.context().to_dict()


def test_an_alpha3_code_suggests_its_own_member_before_a_close_one() -> None:
    # "deu" is as close to EU as to DE by spelling; the alpha-3 table says DE.
    with pytest.raises(LookupFailed) as caught:
        load_dataset(DATA).resolve_member("DEU")
    assert str(caught.value).startswith("unknown member 'DEU' (did you mean 'DE'?); known")


def test_indexes_rank_highest_first_and_unknown_last(ladder: Dataset) -> None:
    on = D(2022, 6, 1)
    ranked = [(r.member, r.value) for r in indexes(ladder, "ALL", on).results]
    assert ranked == [
        ("AA", 100.0),
        ("EE", 100.0),
        ("BB", 100 * 2.5 / 3),
        ("JP", 100 * 0.5 / 3),
        ("CC", 0.0),
        ("DD", None),
    ]
    transport = indexes(ladder, "ALL", on, families=["transport"])
    assert [(r.member, r.value) for r in transport.results] == [
        ("AA", 100.0),
        ("BB", 100.0),
        ("EE", 100.0),
        ("JP", 0.0),
        ("CC", None),
        ("DD", None),
    ]
    central = indexes(ladder, "ALL", on, categories=["central_bank"])
    assert [(r.member, r.value, r.categories) for r in central.results][:2] == [
        ("AA", 100.0, 1),
        ("BB", 50.0, 1),
    ]


def test_diff_lists_the_gaps_still_open_and_says_when_there_is_none(ladder: Dataset) -> None:
    report = diff(ladder, "JP", PEERS, D(2022, 4, 30), D(2022, 6, 1), min_peers=2)
    data = report.to_dict()
    assert [i["category"] for i in data["still_open"]] == ["airspace_ban"]
    assert data["opened"] == data["closed"] == []
    assert data["context"] == ladder.context().to_dict()
    bare = dataclasses.replace(report, context=None)
    assert bare.to_dict()["context"] is None


def test_diff_without_gaps_is_a_notice_and_an_empty_table(tmp_path: Path) -> None:
    root = write(tmp_path, *ladder_members())
    args = ["diff", "JP", "--vs", "DD", "--data", str(root), "--from", "2022-04-01"]
    args += ["--to", "2022-05-01"]
    github = runner.invoke(app, [*args, "-f", "github"])
    assert github.exit_code == 0, github.output
    summary = "gaps: 0 on 2022-04-01, 0 on 2022-05-01; 0 opened, 0 closed, 0 still open"
    assert github.stdout == f"::notice title=sanctions-gap::{summary}\n"
    table = runner.invoke(app, args)
    assert table.exit_code == 0, table.output
    assert table.stdout.startswith("No gap on either date.\n")
    assert table.stderr == summary + "\n"


def test_members_view_joins_every_member_inherited_from(tmp_path: Path) -> None:
    from sanctions_gap.render.views import members_view

    from .engine_fixtures import member, rec

    ds = build(
        tmp_path,
        member("EU", rec("central_bank", "full", "2022-03-01")),
        member("AA", rec("airspace_ban", "full", "2022-03-01")),
        member("XA", inherits=["EU", "AA"]),
    )
    view = members_view(ds)
    rows = {row[0].text: [cell.text for cell in row] for row in view.rows}
    assert rows["XA"] == ["XA", "Member XA", "EU, AA", "2026-11-27", "0", "members/xa.yaml"]
    assert rows["EU"][2:5] == ["", "2026-11-27", "1"]


def test_no_finding_is_a_notice_and_an_empty_table_says_so(tmp_path: Path) -> None:
    root = write(tmp_path, *ladder_members())
    data = ["--data", str(root)]
    no_gap = runner.invoke(
        app, ["gaps", "--group", "DD,EE", "--as-of", "2022-06-01", "-f", "github", *data]
    )
    assert no_gap.exit_code == 0, no_gap.output
    summary = "0 gaps among 2 members in 4 categories on 2022-06-01 (effective dates)"
    assert no_gap.stdout == f"::notice title=sanctions-gap::{summary}\n"
    valid = runner.invoke(app, ["validate", str(root), "-f", "github"])
    assert valid.exit_code == 0, valid.output
    assert valid.stdout == "::notice title=sanctions-gap::the dataset is valid (8 files read)\n"
    table = runner.invoke(app, ["validate", str(root)])
    assert table.exit_code == 0 and table.stdout.startswith("No issues: the dataset is valid.\n")
    assert table.stderr == "the dataset is valid (8 files read)\n"  # no warning: nothing said
    empty = runner.invoke(app, ["show", "DD", *data])
    assert empty.exit_code == 0, empty.output
    assert empty.stdout.startswith("No records: the status is unknown.\n")
    assert empty.stderr == "0 records\n"


def test_view_defaults_for_library_callers(ladder: Dataset) -> None:
    from sanctions_gap.engine import gaps
    from sanctions_gap.render.views import gaps_view

    view = gaps_view(gaps(ladder, ["JP", "AA"], D(2022, 6, 1)), ladder)
    # No prefix, and warnings: what the CLI passes when it is not failing the run.
    assert [(a.level, a.path) for a in view.annotations] == [
        ("warning", "members/jp.yaml"),
        ("warning", "members/jp.yaml"),
    ]


def test_validation_table_and_summary_of_an_invalid_dataset(tmp_path: Path) -> None:
    root = write(tmp_path, *ladder_members())
    (root / "members" / "extra.yaml").write_text("code: [\n", encoding="utf-8")
    jp = root / "members" / "jp.yaml"
    jp.write_text(jp.read_text(encoding="utf-8").replace("status: partial", "status: half"))
    result = runner.invoke(app, ["validate", str(root), "-f", "csv"])
    assert result.exit_code == 2
    assert result.stderr == f"{root}: 2 errors in 2 files\n"
    table = runner.invoke(app, ["validate", str(root)])
    assert table.exit_code == 2
    where = [line.split()[0] for line in table.stdout.splitlines() if "members/" in line]
    assert where[0].startswith("members/extra.yaml:") and where[1].startswith("members/jp.yaml:")


def test_coverage_without_sources_says_nothing_of_them(ladder: Dataset) -> None:
    from sanctions_gap.coverage import measure_coverage
    from sanctions_gap.render.views import coverage_view

    view = coverage_view(measure_coverage(ladder, D(2022, 6, 1)))
    assert view.summary[0] == "12 unknown cells of 24 (6 members x 4 categories), as of 2022-06-01"
    assert len(view.summary) == 2  # no line on official sources: the data has no source kinds
    unknown = {row[0].text: (row[7].text, row[7].style, row[8].text) for row in view.rows}
    assert unknown["DD"] == (
        "4",
        "bold red",
        "central_bank, sberbank, swift_exclusion, airspace_ban",
    )
    assert unknown["AA"] == ("1", "bold red", "sberbank")


def test_days_relative_in_words() -> None:
    from sanctions_gap.render.views.common import days_relative

    cases = {0: "on the same day as", 1: "1 day after", -1: "1 day before", 2: "2 days after"}
    cases |= {-3: "3 days before"}
    assert {days: days_relative(days) for days in cases} == cases


def test_timeline_summary_without_open_gaps_and_csv_keeps_the_index(ladder: Dataset) -> None:
    report = timeline(ladder, "JP", ["DD"], start=D(2022, 6, 1), end=D(2022, 6, 1))
    assert timeline_view(report).summary[0] == "gaps open at the start (2022-06-01): none"
    from sanctions_gap.render import Format, render

    full = timeline(ladder, "JP", PEERS, start=D(2022, 6, 1), end=D(2022, 6, 1))
    lines = render(timeline_view(full), Format.CSV).splitlines()
    # Peers: AA 100, BB 83.33, CC 0, EE 100 (DD has no index): the median is 91.67.
    assert lines[1:] == ["date,index,peer_median_index,gaps", "2022-06-01,16.6667,91.6667,2"]


def test_gap_annotations_point_at_the_inherited_record(tmp_path: Path) -> None:
    from sanctions_gap.engine import gaps
    from sanctions_gap.render.views import gaps_view

    from .engine_fixtures import member, rec

    ds = build(
        tmp_path,
        member("EU", rec("central_bank", "partial", "2022-03-01")),
        member("DE", inherits=["EU"]),
        member("AA", rec("central_bank", "full", "2022-03-05")),
    )
    view = gaps_view(gaps(ds, ["DE", "AA"], D(2022, 4, 1)), ds, repo_prefix="data")
    [annotation] = view.annotations
    eu = (ds.root / "members" / "eu.yaml").read_text(encoding="utf-8").splitlines()
    assert (annotation.path, annotation.line) == (
        "data/members/eu.yaml",
        eu.index("- category: central_bank") + 1,
    )
    assert annotation.message == "DE is at partial; ahead: AA, since 2022-03-05 (27 days)"


def test_library_defaults_of_the_validation_and_diff_views(tmp_path: Path, ladder: Dataset) -> None:
    from sanctions_gap.render.views import diff_view, validation_view
    from sanctions_gap.validate import validate_dataset

    root = write(tmp_path, *ladder_members())
    jp = root / "members" / "jp.yaml"
    jp.write_text(jp.read_text(encoding="utf-8").replace("status: partial", "status: half"))
    [annotation] = validation_view(validate_dataset(root)).annotations
    assert annotation.path == "members/jp.yaml"
    changes = diff(ladder, "JP", PEERS, D(2022, 4, 30), D(2022, 5, 1), min_peers=2)
    assert [a.path for a in diff_view(changes, ladder).annotations] == ["members/jp.yaml"]


def test_show_orders_by_date_and_names_the_one_category(tmp_path: Path) -> None:
    from sanctions_gap.engine import show
    from sanctions_gap.render import Format, render
    from sanctions_gap.render.views import show_view

    from .engine_fixtures import member, rec

    exemptions: list[dict[str, object]] = [{"scope": "Energy", "until": D(2022, 6, 30)}]
    exemptions.append({"scope": "Food"})
    ds = build(
        tmp_path,
        member(
            "JP",
            rec("central_bank", "full", "2022-03-01", exemptions=exemptions),
            rec("central_bank", "partial", "2014-09-24"),  # written after, dated before
            rec("central_bank", "none"),
        ),
    )
    report = show(ds, "JP", "central_bank")
    assert [r.record.measure.status for r in report.records] == ["none", "partial", "full"]
    assert report.category == "central_bank" and report.to_dict()["category"] == "central_bank"
    assert show(ds, "JP").category is None
    view = show_view(report)
    assert view.rows[2][7].text == "Energy (until 2022-06-30); Food"
    rows = render(view, Format.CSV).splitlines()
    assert ",Energy (until 2022-06-30); Food," in rows[-1]


def test_reports_without_context_say_none(ladder: Dataset) -> None:
    from sanctions_gap.engine import gaps, show

    for report in (
        gaps(ladder, "ALL", D(2022, 6, 1)),
        show(ladder, "JP"),
        diff(ladder, "JP", PEERS, D(2022, 4, 30), D(2022, 6, 1)),
    ):
        assert report.to_dict()["context"] == ladder.context().to_dict()
        assert dataclasses.replace(report, context=None).to_dict()["context"] is None


def test_coverage_styles_the_unknown_count(small: Dataset) -> None:
    from sanctions_gap.coverage import measure_coverage
    from sanctions_gap.render.views import coverage_view

    view = coverage_view(measure_coverage(small, D(2022, 3, 21)))
    styles = {row[0].text: (row[7].text, row[7].style) for row in view.rows}
    assert set(styles.values()) == {("0", "green")}  # every category recorded: green


def test_entity_views(tmp_path: Path) -> None:
    from sanctions_gap.entities.answer import EntityFilters, find_entity_gaps
    from sanctions_gap.entities.changes import compare_exports
    from sanctions_gap.render.views.entities import entities_view, entity_changes_view

    from .test_entities_answer import FIXTURES, FTM, setup, table_of

    selection, rule = setup()
    table = table_of(FTM, selection, rule)
    report = find_entity_gaps(table, selection, rule)
    view = entities_view(report, source_path="x.json")  # the library's defaults
    assert view.payload == report.to_dict() and len(view.rows) == len(report.rows) == 7
    assert {a.level for a in view.annotations} == {"warning"}
    sberbank = next(row for row in view.rows if row[1].text == "Sberbank of Russia")
    assert (sberbank[4].text, sberbank[4].data) == ("2", 2)
    assert (sberbank[6].text, sberbank[6].style) == ("≈ same name", "yellow")
    assert sberbank[6].data == "ja-mof-390a18ed80934043ab1e04f1930d730027c7327a (same name)"
    plain = next(row for row in view.rows if row[1].text == "Promsvyazbank")
    assert (plain[6].text, plain[6].style, plain[6].data) == ("", None, None)
    limited = entities_view(report, source_path="x.json", limit=2)
    assert len(limited.rows) == 2
    assert limited.summary[-1] == "showing the first 2 of 7 rows (--limit)"
    one = find_entity_gaps(table, selection, rule, EntityFilters(name="PETROV"))
    assert entities_view(one, source_path="x").summary[0] == (
        "JP vs CA, DE, FR, GB, IT, US: 1 Russia-linked entity listed by at least 1 peer and "
        "not by JP (1 person, 0 companies, 0 vessels, 0 aircraft, 0 other); 0 with a "
        "possible JP match under another id"
    )
    company = find_entity_gaps(table, selection, rule, EntityFilters(name="Promsvyazbank"))
    assert "(0 people, 1 company, 0 vessels," in entities_view(company, source_path="x").summary[0]
    none = find_entity_gaps(table, selection, rule, EntityFilters(name="zzzz"))
    empty = entities_view(none, source_path="x")
    assert empty.empty == "No gaps: JP lists every Russia-linked entity its peers list."
    assert empty.annotates is True and empty.rows == ()
    changes = compare_exports(
        table_of(FIXTURES / "entities.old.ftm.json", selection, rule), table, selection, rule
    )
    changed = entity_changes_view(changes)
    styles = {row[0].text: row[0].style for row in changed.rows}
    assert styles == {"opened": "bold red", "closed": "green", "delisted": "yellow"}
    assert changed.summary[0].endswith("1 opened, 2 closed; 2 entities delisted by a peer")
    same = entity_changes_view(compare_exports(table, table, selection, rule))
    assert same.rows == () and same.empty == "No change between the two exports."
    assert same.summary[0].endswith("0 opened, 0 closed; 0 entities delisted by a peer")


def test_words_and_numbers_for_people() -> None:
    from sanctions_gap.render.views.common import (
        gap_annotation,
        marked,
        number,
        percent,
        plural,
        repo_path,
    )

    assert [plural(n, w) for n, w in ((1, "gap"), (2, "gap"), (2, "category"), (2, "day"))] == [
        "1 gap",
        "2 gaps",
        "2 categories",
        "2 days",
    ]
    assert plural(3, "key") == "3 keys" and plural(0, "entry") == "0 entries"
    assert (number(None), number(16.666), number(2.0, 0)) == ("n/a", "16.7", "2")
    assert (percent(None), percent(2 / 3), percent(0.0)) == ("", "67%", "0%")
    assert [marked("full", "EU"), marked("full", None), marked("full", None, True)] == [
        "fullᵉ",
        "full",
        "full†",
    ]
    assert marked("none", "EU", True) == "noneᵉ†"
    assert [repo_path("", "m/a.yaml"), repo_path("data/", "m/a.yaml"), repo_path("x//", "a")] == [
        "m/a.yaml",
        "data/m/a.yaml",
        "x/a",
    ]
    plain = gap_annotation("warning", "p", 1, "JP", "c", "none", "AA", None, None)
    assert plain.message == "JP is at none; ahead: AA"


def test_compare_cells_mark_inheritance_and_later_measures(tmp_path: Path) -> None:
    from sanctions_gap.engine import compare
    from sanctions_gap.render.views import compare_view

    from .engine_fixtures import member, rec

    ds = build(
        tmp_path,
        member("EU", rec("central_bank", "partial", "2022-03-01")),
        member("DE", inherits=["EU"]),
        member("AA", rec("central_bank", "full", "2027-01-01", announced="2026-06-01")),
        member("BB", rec("central_bank", "full", "2022-03-05")),
    )
    later_aa = compare(ds, "AA", ["DE", "BB"], D(2027, 2, 1), categories=["central_bank"])
    assert compare_view(later_aa, ds).rows[0][1].text == "full†"  # the member's own mark
    report = compare(ds, "DE", ["AA", "BB"], D(2027, 2, 1), categories=["central_bank"])
    view = compare_view(report, ds)  # the library's defaults: no prefix, warnings
    [row] = view.rows
    assert [(c.text, c.data) for c in row[:3]] == [
        ("central_bank", "central_bank"),
        ("partialᵉ", "partial"),
        ("AA† BB", "AA,BB"),
    ]
    assert (row[3].text, row[3].data) == ("100%", 1.0)
    [annotation] = view.annotations
    assert (annotation.level, annotation.path) == ("warning", "members/eu.yaml")
    assert annotation.message.startswith("DE is at partial (via EU); ahead: AA (full), BB (full)")
    data = dict(zip(view.data.columns, view.data.rows[0], strict=True))  # type: ignore[union-attr]
    assert (data["peers_ahead"], data["peers_scheduled"], data["peers_unknown"]) == (
        "AA,BB",
        "AA",
        None,
    )
    assert compare_view(report, ds, only_gaps=True).empty == "No gaps."
    assert compare_view(report, ds).empty == "No categories."


def test_matrix_glyphs_one_per_step_and_the_marks(tmp_path: Path) -> None:
    from sanctions_gap.engine import matrix
    from sanctions_gap.render.views import matrix_view
    from sanctions_gap.render.views.matrix import SHADES, glyph

    from .engine_fixtures import member, rec

    steps = [glyph("x", v) for v in (0.0, 1 / 3, 0.5, 2 / 3, 1.0)]
    assert steps == list(SHADES)
    assert (glyph("not_applicable", None), glyph("unknown", None)) == ("·", "?")
    ds = build(
        tmp_path,
        member("EU", rec("central_bank", "partial", "2022-03-01")),
        member("DE", inherits=["EU"]),
        member("AA", rec("central_bank", "full", "2027-01-01", announced="2026-06-01")),
    )
    view = matrix_view(matrix(ds, "ALL", D(2027, 2, 1), categories=["central_bank"]))
    central, indexes = view.rows
    assert [(c.text, c.data, c.style) for c in central[1:]] == [
        ("●†", "full", "green"),
        ("◑ᵉ", "partial", "yellow"),
        ("◑", "partial", "yellow"),
    ]
    assert [(c.text, c.data) for c in indexes[1:]] == [("100", 100.0), ("50", 50.0), ("50", 50.0)]


def test_coverage_source_quality_cells() -> None:
    from sanctions_gap.coverage import SOURCE_COLUMNS, SourceQuality
    from sanctions_gap.render.views.coverage import _quality_cells

    def cells(
        dated: int, official: int, weak: int, oldest: dt.date | None
    ) -> list[tuple[str, str | None]]:
        quality = SourceQuality(dated, official, 0, weak, dict.fromkeys(SOURCE_COLUMNS, 1), oldest)
        found = _quality_cells(quality)
        return [
            (found[2].text, found[2].style),
            (found[4].text, found[4].style),
            (found[-1].text, None),
        ]

    # 85 % of dated records with an official source is the bar for green.
    assert cells(20, 17, 0, None) == [("85%", "green"), ("0", None), ("", None)]
    assert cells(20, 16, 2, D(2020, 1, 2)) == [
        ("80%", "red"),
        ("2", "bold red"),
        ("2020-01-02", None),
    ]
    assert cells(0, 0, 0, None)[0] == ("", "red")


def test_two_unknown_and_two_scheduled_peers_are_joined(tmp_path: Path) -> None:
    from sanctions_gap.engine import compare
    from sanctions_gap.render.views import compare_view

    from .engine_fixtures import member, rec

    ds = build(
        tmp_path,
        member("JP", rec("central_bank", "none")),
        member("AA", rec("central_bank", "full", "2027-01-01", announced="2026-06-01")),
        member("BB", rec("central_bank", "full", "2027-01-01", announced="2026-06-01")),
        member("CC"),
        member("DD"),
    )
    report = compare(ds, "JP", ["AA", "BB", "CC", "DD"], D(2027, 2, 1), categories=["central_bank"])
    view = compare_view(report, ds)
    data = dict(zip(view.data.columns, view.data.rows[0], strict=True))  # type: ignore[union-attr]
    assert (data["peers_unknown"], data["peers_scheduled"]) == ("CC,DD", "AA,BB")
    assert view.rows[0][2].text == "AA† BB†"


def test_timeline_tables_say_when_they_are_empty(ladder: Dataset) -> None:
    nothing = timeline(ladder, "JP", PEERS, start=D(2022, 4, 2), end=D(2022, 4, 20))
    assert nothing.points == () and timeline_view(nothing).empty == "No dates."
    at_none = timeline(ladder, "JP", PEERS, start=D(2022, 4, 1), end=D(2022, 5, 1))
    assert timeline_view(at_none, "latency").empty == "None."
    assert timeline_view(at_none, "latency").rows == ()


def test_bar_rounds_to_the_nearest_cell() -> None:
    from sanctions_gap.render.views.common import bar

    assert bar(97.5, None) == "█" * 20  # 19.5 cells round to 20
    assert bar(2.5, None) == "░" * 20  # 0.5 rounds to 0 (to even)
