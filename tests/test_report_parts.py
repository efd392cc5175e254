"""The report's parts on a small hand-worked dataset: what each section says, and from what.

The dataset (``parts``), as of 2026-12-20 (every file reviewed 2026-11-27):

    EU  central_bank  partial from 2022-03-01 (announced 2022-02-20), again partial from 2023-06-01
        airspace_ban  full from 2026-03-01
        swift         partial from 2022-03-12, none from 2026-05-01
    JP  inherits EU; central_bank and airspace_ban none (standing);
        sberbank capital_market from 2026-12-20 (announced 2026-11-25: adopted for later)
    AA  central_bank full from 2022-04-01; airspace_ban full from 2022-02-28;
        swift partial from 2022-03-12; sberbank full_blocking from 2027-02-01 (announced 2026-11-01)
    BB  inherits EU; central_bank full from 2026-12-15 (announced 2026-11-20: adopted for later);
        sberbank full_blocking from 2022-06-01
    CC  central_bank none (standing); swift none from 2022-03-01, not applicable from 2026-06-01

So on 2026-12-20 JP is at partial via the EU in central_bank (AA and BB, the latter adopted for
later, ahead), at capital_market in sberbank (BB ahead), at none via the EU in swift (AA ahead),
and at full via the EU in airspace_ban (no gap).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import TypeVar

import pytest

from sanctions_gap.dataset import Dataset, DateBasis
from sanctions_gap.engine.briefing import Briefing, briefing
from sanctions_gap.entities.answer import EntityReport, EntityRow
from sanctions_gap.entities.matching import PossibleMatch
from sanctions_gap.render import Format, render
from sanctions_gap.render.document import Chart, Figures, HeatMap, Paragraph, Span, Table
from sanctions_gap.render.views.briefing import briefing_view
from sanctions_gap.render.views.briefing_parts import entities_section
from sanctions_gap.render.views.compare import compare_view

from .engine_fixtures import build, member, rec

AS_OF = dt.date(2026, 12, 20)
B = TypeVar("B")
START = dt.date(2022, 3, 1)
"""The timeline's start: the day JP's first level change takes effect."""


@pytest.fixture(scope="module")
def parts(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    root: Path = tmp_path_factory.mktemp("parts")
    return build(
        root,
        member(
            "EU",
            rec("central_bank", "partial", "2022-03-01", announced="2022-02-20"),
            rec("central_bank", "partial", "2023-06-01"),
            rec("airspace_ban", "full", "2026-03-01"),
            rec("swift_exclusion", "partial", "2022-03-12"),
            rec("swift_exclusion", "none", "2026-05-01"),
        ),
        member(
            "JP",
            rec("central_bank", "none"),
            rec("airspace_ban", "none"),
            rec("sberbank", "capital_market", "2026-12-20", announced="2026-11-25"),
            inherits=["EU"],
        ),
        member(
            "AA",
            rec("central_bank", "full", "2022-04-01"),
            rec("airspace_ban", "full", "2022-02-28"),
            rec("swift_exclusion", "partial", "2022-03-12"),
            rec("sberbank", "full_blocking", "2027-02-01", announced="2026-11-01"),
        ),
        member(
            "BB",
            rec("central_bank", "full", "2026-12-15", announced="2026-11-20"),
            rec("sberbank", "full_blocking", "2022-06-01"),
            inherits=["EU"],
        ),
        member(
            "CC",
            rec("central_bank", "none"),
            rec("swift_exclusion", "none", "2022-03-01"),
            rec("swift_exclusion", "not_applicable", "2026-06-01"),
        ),
    )


@pytest.fixture(scope="module")
def jp(parts: Dataset) -> Briefing:
    return briefing(parts, "JP", "ALL", AS_OF, start=START)


def markdown(report: Briefing, dataset: Dataset, peers_label: str | None = None) -> list[str]:
    return render(briefing_view(report, dataset, peers_label=peers_label), Format.MARKDOWN).split(
        "\n"
    )


def test_the_peers_are_the_group_less_the_member(parts: Dataset) -> None:
    assert briefing(parts, "JP", "ALL", AS_OF, start=AS_OF).peers == ("AA", "BB", "CC", "EU")
    # BB inherits from the EU, a peer too: with inherited_once it is left out, as compare does.
    once = briefing(parts, "JP", "ALL", AS_OF, start=AS_OF, inherited_once=True)
    assert once.peers == ("AA", "CC", "EU")
    assert once.matrix.members == ("AA", "CC", "EU", "JP")


def test_the_milestones_are_the_members_level_changes_in_the_timeline_by_date(
    jp: Briefing,
) -> None:
    # Not the EU's second central_bank record (2023-06-01): JP's level stays partial.
    assert [(m.date.isoformat(), m.category, m.status, m.via) for m in jp.milestones] == [
        ("2022-03-01", "central_bank", "partial", "EU"),  # on the timeline's first day
        ("2022-03-12", "swift_exclusion", "partial", "EU"),
        ("2026-03-01", "airspace_ban", "full", "EU"),
        ("2026-05-01", "swift_exclusion", "none", "EU"),
        ("2026-12-20", "sberbank", "capital_market", None),  # on its last day
    ]


def test_the_announced_basis_reaches_every_part(parts: Dataset, jp: Briefing) -> None:
    announced = briefing(
        parts, "JP", "ALL", AS_OF, basis=DateBasis.ANNOUNCED, start=dt.date(2022, 1, 1)
    )
    assert [(m.date.isoformat(), m.category) for m in announced.milestones] == [
        ("2022-02-20", "central_bank"),
        ("2022-03-12", "swift_exclusion"),
        ("2026-03-01", "airspace_ban"),
        ("2026-05-01", "swift_exclusion"),
        ("2026-11-25", "sberbank"),
    ]
    # AA's sberbank record is announced (2026-11-01) but not in force (2027-02-01).
    cell = announced.matrix.cell("AA", "sberbank")
    assert (cell.status, cell.scheduled) == ("full_blocking", True)
    assert jp.matrix.cell("AA", "sberbank").status == "unknown"
    record = announced.records[("AA", "sberbank")]
    assert record is not None and record.measure.effective == dt.date(2027, 2, 1)
    assert jp.records[("AA", "sberbank")] is None
    lines = markdown(announced, parts)
    sberbank = next(line for line in lines if line.startswith("| **Sberbank**"))
    assert "**capital\\_market† \\(adopted for later\\)**, since 2026-11-25<br>" in sberbank
    assert "**AA**: full\\_blocking† \\(adopted for later\\), since 2026-11-01 · " in sberbank
    heat = _block(announced, parts, HeatMap)
    assert heat.rows[-1].cells[1].tip[3] == "Since 2026-11-25"


def test_the_thresholds_reach_every_part(parts: Dataset) -> None:
    # Two peers making up half of those known: only central_bank (AA and BB of four).
    strict = briefing(parts, "JP", "ALL", AS_OF, min_peers=2, min_share=0.5, start=START)
    assert [row.category for row in strict.compare.gaps] == ["central_bank"]
    assert strict.steps[-1].gaps == 1
    # A year earlier only AA was ahead in central_bank; no other gap opens or closes.
    assert [(item.category, item.change) for item in strict.diff.items] == [
        ("central_bank", "opened")
    ]
    lines = markdown(strict, parts, peers_label="ALL")
    assert (
        lines[0]
        == "# Member JP \\(JP\\) against the rest of ALL \\(AA, BB, CC, EU\\) on 2026-12-20"
    )
    assert (
        "- A category is a gap when at least 2 peers making up at least 50% of those with a known "
        "level are ahead; not applicable drops a member out of a category, unknown is never "
        "counted."
    ) in lines
    assert (
        "A gap: at least 2 peers with a known level are ahead of JP in the category. Open since: "
        "the day the first of them moved above JP's level."
    ) in lines
    assert (
        "Get the data: sanctions-gap compare JP --vs ALL --as-of 2026-12-20 -f csv; sanctions-gap "
        "report JP --vs ALL --as-of 2026-12-20 -f json \\(everything on this page\\)."
    ) in lines


def test_the_gap_table_says_where_each_level_comes_from(parts: Dataset, jp: Briefing) -> None:
    lines = markdown(jp, parts)
    assert lines[0] == "# Member JP \\(JP\\) against AA, BB, CC, EU on 2026-12-20"
    source = "[example.org](https://example.org/page)"
    assert (
        "| **Central Bank of Russia**<br>central\\_bank | **partial \\(via EU\\)**, since "
        f"2023-06-01<br>partial in central\\_bank<br>Act central\\_bank 2023-06-01, {source} | "
        f"**AA**: full, since 2022-04-01 · Act central\\_bank 2022-04-01, {source}<br>"
        "**BB**: full† \\(adopted for later\\), since 2026-12-15 · Act central\\_bank "
        f"2026-12-15, {source} | 2022-04-01 | 1724 | 50% |"
    ) in lines
    assert (
        "| **Sberbank**<br>sberbank | **capital\\_market† \\(adopted for later\\)**, since "
        f"2026-12-20<br>capital\\_market in sberbank<br>Act sberbank 2026-12-20, {source} | "
        f"**BB**: full\\_blocking, since 2022-06-01 · Act sberbank 2022-06-01, {source} | "
        "2022-06-01 | 1663 | 100% |"
    ) in lines
    # Latency, and the year's changes, with the level's origin.
    assert (
        "| Central Bank of Russia | partial \\(via EU\\) | on the same day as | on the same "
        "day as |" in lines
    )
    assert (
        "| Airspace closure | full \\(via EU\\) | 1462 days after | on the same day as |" in lines
    )
    assert "| SWIFT exclusion | opened | partial \\(via EU\\) → none \\(via EU\\) | AA |" in lines
    assert "| Sberbank | opened | unknown → capital\\_market | BB |" in lines
    assert briefing_view(jp, parts).summary[-1] == (
        "over the last year (2025-12-20 to 2026-12-20): 1 gap closed, 2 opened, 1 still open"
    )


def test_the_heat_map_marks_and_explains_a_level_adopted_for_later(
    parts: Dataset, jp: Briefing
) -> None:
    lines = markdown(jp, parts)
    assert "| Central Bank of Russia | ● | ●† | ○ | ◑ | ◑ᵉ **gap** |" in lines
    assert "| Sberbank | ? | ● | ? | ? | ◔† **gap** |" in lines
    heat = _block(jp, parts, HeatMap)
    assert heat.rows[-1].label == "JP ▸"
    assert heat.rows[-1].cells[1].tip == (
        "JP · Sberbank",
        "Level: capital_market (1 of 3)",
        "Adopted for later: effective after the data's review date",
        "Since 2026-12-20",
        "Instrument: Instrument on sberbank",
        "Gap: BB ahead",
    )


def test_the_timeline_runs_to_the_last_change_and_lists_the_measures(
    parts: Dataset, jp: Briefing
) -> None:
    chart = _block(jp, parts, Chart)
    # JP's index changes on the last day (sberbank becomes known): 62.5 the day before.
    assert chart.desc == (
        "JP's stringency index went from 16.7 on 2022-03-01 to 56.7 on 2026-12-20; the peers' "
        "median from 50.0 to 71.2. Red ticks under the axis mark the days of JP's measures. The "
        "table below gives every change."
    )
    assert [_text(row[4]) for row in chart.twin.rows] == [
        "Central Bank of Russia: partial (via EU)",
        "SWIFT exclusion: partial (via EU)",
        "",
        "",
        "Airspace closure: full (via EU)",
        "SWIFT exclusion: none (via EU)",
        "",
        "Sberbank: capital_market",
    ]
    # Without a measure in the timeline, no word of red ticks.
    quiet = briefing(parts, "AA", "ALL", AS_OF, start=dt.date(2026, 12, 1))
    assert _block(quiet, parts, Chart).desc == (
        "AA's stringency index went from 100.0 on 2026-12-01 to 100.0 on 2026-12-20; the peers' "
        "median from 62.5 to 59.6. The table below gives every change."
    )


def test_the_coverage_table_names_the_unknown_categories(parts: Dataset, jp: Briefing) -> None:
    lines = markdown(jp, parts)
    # The dataset has no sources.yaml: no share of official sources to give.
    assert "| CC | 3 | 1 | 1 | 2: sberbank, airspace\\_ban | n/a | 2026-11-27 |" in lines
    assert "| **JP** | 3 | 4 | 0 | 0 | n/a | 2026-11-27 |" in lines


def test_a_member_without_gaps_or_latency_is_told_so(parts: Dataset) -> None:
    lines = markdown(briefing(parts, "AA", "ALL", AS_OF, start=AS_OF), parts)
    assert "AA lags no peer." in lines
    assert "AA lags no peer on 2026-12-20." in lines
    # CC is at none (standing) or not applicable where it is known: no level to be late to.
    cc = markdown(briefing(parts, "CC", "ALL", AS_OF, start=AS_OF), parts)
    assert "CC has reached no level that a peer reached too." in cc
    assert "| SWIFT exclusion | closed | none → not applicable | none |" in cc
    assert (
        "Get the data: sanctions-gap compare CC --vs AA,BB,EU,JP --as-of 2026-12-20 -f csv; "
        "sanctions-gap report CC --vs AA,BB,EU,JP --as-of 2026-12-20 -f json \\(everything on "
        "this page\\)."
    ) in cc


def test_a_briefing_without_its_context_leaves_the_versions_out(
    parts: Dataset, jp: Briefing
) -> None:
    bare = dataclasses.replace(jp, context=None)
    assert bare.headline()["dataset_version"] is None
    assert bare.to_dict()["context"] is None
    document = briefing_view(bare, parts).document
    assert document.footer == ""
    assert "".join(span.text for span in document.stamp) == (
        "As of 2026-12-20 (effective dates) · data reviewed 2026-11-27 (JP's file; the oldest in "
        f"the group: 2026-11-27) · sanctions-gap {jp.version} · how to cite"
    )
    figures = _block(bare, parts, Figures)
    assert (figures.items[-1].label, figures.items[-1].note) == ("sanctions-gap", "")


def test_the_reports_annotations_are_the_comparisons(parts: Dataset, jp: Briefing) -> None:
    expected = compare_view(jp.compare, parts, only_gaps=True).annotations
    assert briefing_view(jp, parts).annotations == expected
    assert [a.path for a in expected] == ["members/eu.yaml", "members/jp.yaml", "members/eu.yaml"]


def _entity(number: int, *matches: str) -> EntityRow:
    return EntityRow(
        id=f"e-{number:02d}",
        caption=f"Entity {number}",
        schema="Company",
        line=number,
        listings={},
        peers=("AA", "BB"),
        since="2022-03-01",
        tie="country",
        matches=tuple(PossibleMatch(m, f"Own {m}", ("same name",)) for m in matches),
    )


def _entities(rows: tuple[EntityRow, ...]) -> EntityReport:
    return EntityReport(
        member="JP",
        peers=("AA", "BB"),
        source={"name": "entities.ftm.json"},
        countries=("ru",),
        min_peers=1,
        filters={},
        rows=rows,
        listed={},
        overlap={},
        russia_linked=len(rows),
        member_only=0,
    )


def test_the_entity_section_lists_the_first_fifty_and_every_possible_match() -> None:
    rows = (_entity(0, "own-1", "own-2"), *(_entity(n) for n in range(1, 51)))
    section = entities_section(_entities(rows))
    intro, table = section.blocks
    assert isinstance(intro, Paragraph) and isinstance(table, Table)
    assert _text(intro.spans) == (
        "51 Russia-linked entities listed by at least 1 peer and not by JP (people 0, companies "
        "51, vessels 0, aircraft 0, other 0), read from entities.ftm.json; the first 50 of 51 "
        "below (sanctions-gap entities lists every one)."
    )
    assert len(table.rows) == 50
    assert [_text(cell) for cell in table.rows[0]] == [
        "Entity 0",
        "Company",
        "AA BB",
        "2022-03-01",
        "own-1; own-2",
    ]
    few = entities_section(_entities(rows[:2])).blocks[0]
    assert isinstance(few, Paragraph)
    assert "; all below (" in _text(few.spans)


def _text(spans: tuple[Span, ...]) -> str:
    return "".join(span.text for span in spans)


def _block(report: Briefing, dataset: Dataset, kind: type[B]) -> B:
    """The first block of a kind in the report's document."""
    document = briefing_view(report, dataset).document
    return next(b for s in document.sections for b in s.blocks if isinstance(b, kind))
