"""Measure the mutation score of the test suite with mutmut and write docs/mutation.md.

    pip install -e '.[test,mutation]'
    python tools/mutation.py                # a fresh run (deletes mutants/ first), then the report
    python tools/mutation.py --jobs 1       # one worker (default: 2, under nice 19)
    python tools/mutation.py --rerun NAME.. # re-test some mutants (after adding tests), then report
    python tools/mutation.py --rerun-left   # re-test every mutant not killed yet, then report
    python tools/mutation.py --report-only  # rewrite the report from the results in mutants/

What is mutated and which tests run are set in pyproject.toml, ``[tool.mutmut]``. The score is
killed / all mutants: a mutant that survives, times out or no test reaches counts against it.
Each surviving mutant that is kept is explained in ``EXPLAINED`` below, and the report says
which are not. Slow (tens of minutes on two cores): not part of CI.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"
REPORT = ROOT / "docs" / "mutation.md"
TESTING = ROOT / "docs" / "testing.md"
"""Its mutation-score section is rewritten with the headline of each report."""
RUN_FILE = MUTANTS / "run.json"
VERIFIED = MUTANTS / "verified.json"
"""Survivors re-checked against whole test files (see ``verify``): name -> pytest's exit code."""
VERIFY_FILES = [
    "tests/test_boundaries.py",
    "tests/test_options.py",
    "tests/test_views.py",
    "tests/test_styles.py",
    "tests/test_tables.py",
    "tests/test_render.py",
    "tests/test_annotations.py",
    "tests/test_levels.py",
    "tests/test_compare.py",
    "tests/test_frame.py",
    "tests/test_level_paths.py",
    "tests/test_golden.py",
    "tests/test_render_parts.py",
    "tests/test_report_parts.py",
    "tests/test_report.py",
]
"""The files a survivor is re-run against. mutmut runs each mutant with the tests it saw call
the mutated function; a test that reads a dataset another test built (a module fixture, and the
level histories it caches) is not seen calling it, and so is not run."""
"""Where the run's wall time and command are kept for --report-only."""

SCORE_START, SCORE_END = "<!-- mutation-score:start -->", "<!-- mutation-score:end -->"

STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", 34: "skipped"}
STATUS |= {36: "timeout", 24: "timeout", -24: "timeout", 152: "timeout", 255: "timeout"}
STATUS |= {2: "interrupted", 37: "caught by type check", -11: "segfault", -9: "segfault"}
"""mutmut's exit codes (mutmut/stats.py); None is "not checked", anything else "suspicious"."""

CACHE = "equivalent: a cache: without it (or under another key) the same value is computed again"
NO_MEMBERLESS = (
    "equivalent: `reviewed` is None only for a dataset without members, which validation "
    "refuses (an empty members directory is an error)"
)
GAP_HAS_RECORD = (
    "equivalent: a gap is a member with a known level behind a peer; a known level always "
    "comes from a record, so the branch for a missing record is never taken"
)
GAP_HAS_PEER = (
    "equivalent: a gap has at least one peer ahead, so the day its first peer moved ahead is "
    "always set"
)
LATENCY_HAS_MEDIAN = (
    "equivalent: a latency to the first peer implies one to the median peer (both come from "
    "the same non-empty list of days)"
)
NUMPY_SAME = (
    "equivalent: numpy infers the same array (int64 keys, float64 levels, object or str "
    "statuses that pandas then turns into the `string` dtype)"
)
NO_STEPS = (
    "equivalent: with no step at all, every search finds position -1, so the cell is unknown "
    "whatever `owner` holds"
)
_REPORT = "sanctions_gap.render.views.briefing"
REPORT_EXPLAINED: dict[str, str] = {
    "sanctions_gap.engine.briefing.x__milestones__mutmut_11": (
        "equivalent: `before` is only compared with a step's status, and no status is the empty "
        "string (a level id, `not_applicable` or `unknown`): the first step differs from `None` "
        "and from `''` alike"
    ),
    "sanctions_gap.engine.briefing.x__milestones__mutmut_27": (
        "equivalent: the items are (day, category position, answer) and a history has one step "
        "a day, so no two share their first two fields: sorting the whole tuple gives the same "
        "order and never compares the answers"
    ),
    "sanctions_gap.engine.briefing.x_briefing__mutmut_8": (
        "equivalent: the peers keep the member only if it is in their group, and every "
        "question the briefing asks (compare, matrix, timeline, diff) takes the member out of "
        "its peers itself; with the member alone, compare refuses it with the same error "
        "(`no peers to compare JP with`)"
    ),
    f"{_REPORT}_parts.x__glyph__mutmut_9": (
        "equivalent: a cell's level is None only when it is unknown or not applicable (a level "
        "status always has its place on the scale), so `unknown and (None and not n/a)` and "
        "`unknown or (None and not n/a)` agree on every cell"
    ),
    **dict.fromkeys(
        [f"{_REPORT}.x__lag__mutmut_{n}" for n in (1, 3)],
        "equivalent: `_lag` is called only for a row with a latency to the first peer, and a "
        "latency to the first peer implies one to the median peer (the same non-empty list of "
        "days): it never gets None",
    ),
    f"{_REPORT}.x_since__mutmut_2": (
        "equivalent: `since` gets the record behind a gap's member level or behind a peer "
        "ahead; both are known levels, and a known level always comes from a record"
    ),
    **dict.fromkeys(
        [f"{_REPORT}.x_since__mutmut_{n}" for n in (11, 12)],
        "equivalent: a standing absence without `confirmed` is refused by validation "
        "(`missing-confirmed`), so a standing record always has its confirmed date",
    ),
    **dict.fromkeys([f"{_REPORT}.x_gaps_section__mutmut_{n}" for n in (6, 7)], GAP_HAS_RECORD),
    **dict.fromkeys([f"{_REPORT}.x_gaps_section__mutmut_{n}" for n in (42, 43)], GAP_HAS_PEER),
    **dict.fromkeys(
        [f"{_REPORT}.x_gaps_section__mutmut_{n}" for n in (45, 47)],
        "equivalent: `days_open` is set together with `first_peer_date` (comparison.py), and "
        "a gap always has the day its first peer moved ahead",
    ),
    **dict.fromkeys(
        [f"{_REPORT}_parts.x__twin__mutmut_{n}" for n in (30, 32)],
        "equivalent: `plain` gives no span for an empty text, None included: a day without a "
        "measure has an empty cell either way",
    ),
    f"{_REPORT}.x_briefing_view__mutmut_4": (
        "equivalent: `compare_view` reads the dataset only for a gap without a record behind "
        "the member's level (the file to annotate); a gap's known level always comes from a "
        "record"
    ),
    f"{_REPORT}_parts.x__legend__mutmut_67": (
        "equivalent: the gap sample of the legend is coloured as step 0 either way "
        "(`heat_class` reads `level or 0.0`); the Markdown legend shows only glyphs and words"
    ),
}
"""Survivors of the report (issue 10): ``engine.briefing`` and ``render.views.briefing*``."""
REPORT_RULES: list[tuple[str, str, str, str]] = [
    (
        r"\.render\.views\.briefing(_parts)?\.x_",
        r'Column\("\w+", ',
        r'Column\((None|"XX\w+XX"|"[A-Z_]+"), ',
        "equivalent: the key of a column of one of the report's document tables; the HTML and "
        "Markdown document renderers show a column's heading and read whether it is numeric, "
        "never its key (only CSV reads keys, of a View's columns; the report's CSV is the "
        "comparison's)",
    ),
    (
        r"\.render\.views\.briefing_parts\.x__(legend|glyph)__",
        r'(HeatCell\([^,]+, |marks, )"level"',
        r'(HeatCell\([^,]+, |marks, )(None|"XXlevelXX"|"LEVEL")([,)]|$)',
        "equivalent: the kind of a heat-map cell that holds a level: HTML reads `kind` only to "
        "tell `unknown` and `not_applicable` apart (any other kind gets the level's colour "
        "class, `l0` to `l4`); Markdown shows only the glyph and the gap",
    ),
    (
        r"\.render\.views\.briefing_parts\.x__legend__",
        r"HeatCell\(.*, False, \(\)\)",
        r"HeatCell\(.*, None, \(\)\)",
        "equivalent: None for False in a legend sample's `gap`, which both renderers only test "
        "for truth",
    ),
    (
        r"\.render\.views\.briefing_parts\.x__legend__",
        r"HeatCell\(.*, \(\)\)",
        r"HeatCell\(.*, None\)",
        "equivalent: a legend sample's tip is read by no renderer: the legend shows the "
        "sample's glyph, its colour class and its words",
    ),
]
"""Kinds of equivalent mutants in the report's code, as ``RULES`` below."""

EXPLAINED: dict[str, str] = {
    **dict.fromkeys(
        [f"sanctions_gap.dataset.x__suggestion__mutmut_{n}" for n in (13, 14, 17)],
        "equivalent: only the best match is used (`close[0]`); `n` and `cutoff` are 0.6 and "
        "at most 1 either way for the one that is read",
    ),
    **dict.fromkeys(
        [f"sanctions_gap.dataset.xǁDatasetǁlevels__mutmut_{n}" for n in (2, 3, 4, 5, 6, 15)],
        CACHE,
    ),
    **dict.fromkeys(
        [f"sanctions_gap.dataset.xǁDatasetǁcontext__mutmut_{n}" for n in (9, 10)], NO_MEMBERLESS
    ),
    **dict.fromkeys(
        [f"sanctions_gap.render.views.entities.xǁ_Cellsǁof__mutmut_{n}" for n in (2, 3)]
        + [f"sanctions_gap.render.views.entities.xǁ_Cellsǁlisting__mutmut_{n}" for n in (5, 33)],
        CACHE,
    ),
    **dict.fromkeys(
        [f"sanctions_gap.render.views.compare.x_row_annotation__mutmut_{n}" for n in (25, 27, 28)]
        + [f"sanctions_gap.render.views.gaps.x__annotations__mutmut_{n}" for n in (27, 29, 30)]
        + ["sanctions_gap.render.views.compare.x_compare_view__mutmut_113"]
        + ["sanctions_gap.render.views.gaps.x_gaps_view__mutmut_150"]
        + ["sanctions_gap.render.views.diff.x_diff_view__mutmut_135"],
        GAP_HAS_RECORD,
    ),
    **dict.fromkeys(
        [f"sanctions_gap.engine.ranking.x_gap_items__mutmut_{n}" for n in (14, 36)], GAP_HAS_PEER
    ),
    **dict.fromkeys(
        [f"sanctions_gap.render.views.timeline.x__latency__mutmut_{n}" for n in (54, 56)]
        + [f"sanctions_gap.render.views.timeline.x__summary__mutmut_{n}" for n in (8, 11)],
        LATENCY_HAS_MEDIAN,
    ),
    **dict.fromkeys(
        [f"sanctions_gap.frame.x_level_panel__mutmut_{n}" for n in (51, 53, 66, 68)]
        + [
            f"sanctions_gap.panel.xǁLevelGridǁbuild__mutmut_{n}"
            for n in (25, 27, 37, 39, 88, 90, 93, 95, 98, 100)
        ],
        NUMPY_SAME,
    ),
    **dict.fromkeys(
        [f"sanctions_gap.panel.xǁLevelGridǁbuild__mutmut_{n}" for n in (60, 61, 62, 63)], NO_STEPS
    ),
    "sanctions_gap.panel.xǁLevelGridǁbuild__mutmut_18": (
        "equivalent: a None level becomes NaN anyway in `np.asarray(levels, dtype=float64)`"
    ),
    **dict.fromkeys(
        [f"sanctions_gap.panel.xǁLevelGridǁbuild__mutmut_{n}" for n in (30, 34)],
        "equivalent: the day keys are searched element by element whatever their shape; "
        "`reshape(-2)` is read as `reshape(-1)`, and `reshape(None)` keeps the 2-D shape that "
        "the results are reshaped from anyway",
    ),
    **dict.fromkeys(
        [f"sanctions_gap.frame.x_records_frame__mutmut_{n}" for n in (59, 62, 73, 74)],
        "equivalent: pandas applies `kind` only when sorting by one column; with four columns "
        "(the last, the line, unique within a file) the order is total anyway",
    ),
    **dict.fromkeys(
        [f"sanctions_gap.engine.ranking.xǁGapsReportǁto_frame__mutmut_{n}" for n in (15, 16)],
        "equivalent: `typed_frame` keeps only the columns it is given; a missing `category` "
        "key is NA, as None is",
    ),
    "sanctions_gap.render.views.coverage.x_coverage_view__mutmut_87": (
        "equivalent: `dated` and `dated_official` are None together (no `sources.yaml`) or "
        "numbers together"
    ),
    **dict.fromkeys(
        [f"sanctions_gap.engine.assess.x_assess_group__mutmut_{n}" for n in (1, 2)],
        "equivalent: the callers that use these defaults (index, indexes, matrix) read levels "
        "only, never whether a cell is a gap",
    ),
    "sanctions_gap.engine.assess.x_reached__mutmut_9": (
        "equivalent: `return` (None) where the loop would break and then return None"
    ),
    **dict.fromkeys(
        [f"sanctions_gap.engine.ranking.x_rank_gaps__mutmut_{n}" for n in (29, 30)],
        "equivalent: the first entry always sets the rank (position 0), so its initial value "
        "is never read",
    ),
    **dict.fromkeys(
        [f"sanctions_gap.engine.timelines.x_timeline__mutmut_{n}" for n in (77, 78)],
        "equivalent: the last date's comparison gives the timeline its latency only, which "
        "does not depend on the gap rule's thresholds (min_peers, min_share)",
    ),
    **dict.fromkeys(
        [f"sanctions_gap.render.views.matrix.x_glyph__mutmut_{n}" for n in (3, 5, 6)],
        "equivalent: a status without a level is `unknown` or `not_applicable`, both in "
        "GLYPHS, so the default is never read",
    ),
    **dict.fromkeys(
        [f"sanctions_gap.render.table.x_render_table__mutmut_{n}" for n in (1, 2)],
        "equivalent: `render()` always passes `width` and `color`, so these defaults are never "
        "used",
    ),
    **dict.fromkeys(
        [
            f"sanctions_gap.render.table.x_render_table__mutmut_{n}"
            for n in (10, 11, 12, 18, 19, 20, 26, 27, 28)
        ],
        "equivalent: the console prints only `Text` objects, which Rich never parses for "
        "markup or emoji and never highlights; the option is a second guard",
    ),
    **dict.fromkeys(
        [f"sanctions_gap.render.table.x_render_table__mutmut_{n}" for n in (7, 8, 15, 16, 17)],
        "equivalent: the colour follows `color_system`, 'standard' when colour is asked for "
        "and None otherwise; `force_terminal` and `no_color` only repeat it",
    ),
    **dict.fromkeys(
        [f"sanctions_gap.render.table.x__table__mutmut_{n}" for n in (3, 10, 6, 7)],
        "equivalent: None or Rich's default for a flag that is False (`expand`, `show_edge`, "
        "`pad_edge`)",
    ),
    "sanctions_gap.render.table.x__table__mutmut_11": (
        "equivalent: Rich's default header style (`table.header`) is bold too"
    ),
    **dict.fromkeys(
        [f"sanctions_gap.render.table.x__table__mutmut_{n}" for n in (33, 35, 36, 42)],
        "equivalent: a default of `max()` over the rows; a view without rows prints its "
        "`empty` message and never builds a table, and a header is never empty",
    ),
    **dict.fromkeys(
        [f"sanctions_gap.render.table.x__table__mutmut_{n}" for n in (44, 48, 52, 54, 55, 56, 57)]
        + [f"sanctions_gap.render.table.x__table__mutmut_{n}" for n in (82, 83)],
        "equivalent: left is Rich's default and what it does with a value it does not know; "
        "no column that wraps is numeric",
    ),
    **dict.fromkeys(
        [f"sanctions_gap.render.table.x__table__mutmut_{n}" for n in (45, 49, 58, 59)]
        + ["sanctions_gap.render.table.x__print_cards__mutmut_24"],
        "equivalent: a wrapping column is at least as wide as its longest word, so no word "
        "overflows it (and Rich folds by default)",
    ),
    "sanctions_gap.render.table.x__table__mutmut_68": (
        "kept: a minimum of 13 rather than 12 columns for a wrapping column's heading changes "
        "only tables squeezed below their natural width; the 80-column tests do not squeeze one"
    ),
    **dict.fromkeys(
        [f"sanctions_gap.render.github.x_render_github__mutmut_{n}" for n in (13, 14)],
        "equivalent: None for an empty path or a line 0, both only tested for truth",
    ),
    "sanctions_gap.render.json.x_render_json__mutmut_5": (
        "equivalent: None for False in `ensure_ascii`, only tested for truth"
    ),
    "sanctions_gap.render.x_render__mutmut_18": (
        "equivalent: `assert_never` is reached by no format (the type checker proves it)"
    ),
    "sanctions_gap.render.views.common.x_days_relative__mutmut_20": (
        "equivalent: 0 days returns earlier ('on the same day as'), so `>=` and `>` agree"
    ),
    **dict.fromkeys(
        [f"sanctions_gap.render.views.common.x_plural__mutmut_{n}" for n in (7, 12)],
        "equivalent for every word the views count (gap, category, member, record, day, "
        "entry, key, ...): the letter before a final y is found either way",
    ),
    "sanctions_gap.render.views.common.x_repo_path__mutmut_4": (
        "kept: it also strips capital X from the end of a prefix; no prefix here ends in X"
    ),
    **dict.fromkeys(
        [f"sanctions_gap.engine.select.x_{f}__mutmut_1" for f in ("group_members", "peers_of")],
        "equivalent: every caller passes `inherited_once`, so the default is never used",
    ),
    "sanctions_gap.engine.select.x_whole_group__mutmut_12": (
        "equivalent: the message is for fewer than two members, so the list joined has one"
    ),
    "sanctions_gap.engine.timelines.xǁTrackǁevents__mutmut_5": (
        "equivalent: `previous` is the state on the start day, so a change on that day is "
        "never an event either way"
    ),
    "sanctions_gap.engine.timelines.x__next_month__mutmut_9": (
        "detected, not killed: the loop never reaches the end date and the time limit stops it"
    ),
    **dict.fromkeys(
        [f"sanctions_gap.engine.ranking.x_rank_gaps__mutmut_{n}" for n in (16, 18, 19)],
        "kept: ties are taken at 4 decimals (what JSON shows); another rounding changes a "
        "rank only for two members with as many gaps and indexes that differ below it",
    ),
    **dict.fromkeys(
        [f"sanctions_gap.render.views.entities.x_entities_view__mutmut_{n}" for n in (33, 42, 48)],
        "equivalent: the flags spare work a format does not use (rows for JSON, the payload "
        "for the others); building them anyway prints the same",
    ),
    "sanctions_gap.render.views.entities.x_entities_view__mutmut_6": (
        "equivalent: `rows[:None]` is every row, as `rows` is"
    ),
    **dict.fromkeys(
        [f"sanctions_gap.render.views.entities.x__row__mutmut_{n}" for n in (30, 39, 42)]
        + ["sanctions_gap.render.views.entities.xǁ_Cellsǁlisting__mutmut_17"],
        "equivalent: the cell made is the same (empty text, no value, no style) by either path",
    ),
    **dict.fromkeys(
        [f"sanctions_gap.render.views.entities.x__matrix__mutmut_{n}" for n in (7, 8)],
        "kept: the overlap matrix's columns are 5 wide until a count has 4 digits; the "
        "fixture's counts have 1",
    ),
    "sanctions_gap.render.views.coverage.x_coverage_view__mutmut_92": (
        "kept: only a dataset with `sources.yaml` and no dated record at all divides by zero "
        "here; no fixture is one"
    ),
    **dict.fromkeys(
        [f"sanctions_gap.render.views.diff.x_diff_view__mutmut_{n}" for n in (29, 31)],
        "equivalent: the machine value of a cell of a view whose CSV comes from its DataTable; "
        "no renderer reads it (the table and Markdown show the text)",
    ),
    **dict.fromkeys(
        [f"sanctions_gap.render.views.entities.x__annotation__mutmut_{n}" for n in (8, 10)]
        + [f"sanctions_gap.render.views.entities.x__row__mutmut_{n}" for n in (3, 5, 8, 10)],
        "kept: the separators between two possible matches, or two kinds of evidence; no "
        "entity of the fixture export has two",
    ),
    **dict.fromkeys(
        [f"sanctions_gap.render.views.entities.x__columns__mutmut_{n}" for n in (74, 77, 83)]
        + [f"sanctions_gap.render.views.vocabulary.x_groups_view__mutmut_{n}" for n in (44, 47, 53)]
        + [f"sanctions_gap.render.views.vocabulary.x_groups_view__mutmut_{n}" for n in (56, 59, 65)]
        + [
            f"sanctions_gap.render.views.vocabulary.x_members_view__mutmut_{n}"
            for n in (66, 69, 75)
        ],
        "kept: whether a column may wrap; at 80 and 100 columns these tables fit without "
        "wrapping it (a test checks that no word is lost at either width), so only a narrower "
        "terminal would show the difference",
    ),
    **dict.fromkeys(
        [
            f"sanctions_gap.render.views.entities.x_entity_changes_view__mutmut_{n}"
            for n in (134, 141, 142)
        ],
        "kept: the singular of 'entities delisted by a peer'; the fixture exports have 0 or 2 "
        "delistings, never 1",
    ),
    "sanctions_gap.render.views.validation.x_validation_view__mutmut_6": (
        "kept: an issue without a line (line 0) would show as `path:0`; every issue of the "
        "tests' broken datasets has a line"
    ),
    "sanctions_gap.engine.assess.x_spell_start__mutmut_6": (
        "caught, as a time-out: `step = 1` loops for ever where the level at step 1 is above "
        "`rank`, so mutmut stops the tests and records a time-out, not a failure; run against "
        "tests/test_boundaries.py alone it fails at once (IndexError)"
    ),
    "sanctions_gap.engine.stringency.x_indexes__mutmut_33": (
        "kept: it misplaces only an index strictly between 0 and 1, which needs a level "
        "weighing under 1 % of all the categories' weight; no dataset here has one"
    ),
}
"""Surviving mutants kept on purpose, by mutmut's name, with the reason (see docs/mutation.md).
Names are positional: a change to a function renames its mutants, and the report then lists
them as not explained until this table is brought up to date."""

DATA_TABLE_VIEWS = r"\.render\.views\.(compare|gaps|diff|show|matrix)\.x_"
"""The views whose CSV comes from their own DataTable: their columns' keys and their cells'
values are read by no renderer (the table and Markdown show the cells' text)."""
STYLE_WORDS = {"bold", "dim", "italic", "red", "green", "yellow"}

RULES: list[tuple[str, str, str, str]] = [
    (
        r"\.",
        r"strict=True",
        r"strict=(None|False)|, \)",
        "equivalent: the sequences zipped are built from one list and always of one length; "
        "`strict` only turns a bug elsewhere into an error",
    ),
    (
        DATA_TABLE_VIEWS,
        r'Column\("\w+"',
        r'Column\((None|"XX\w+XX"|"[A-Z_]+")[,)]',
        "equivalent: the key of a column of a view whose CSV comes from its DataTable; only "
        "the CSV renderer reads a key, and only where a view has no DataTable",
    ),
    (
        DATA_TABLE_VIEWS,
        r"Cell\(",
        r"Cell\([^,]+\), (None)?\s*[,)]",
        "equivalent: the machine value of a cell of a view whose CSV comes from its DataTable; "
        "no renderer reads it (the table and Markdown show the text)",
    ),
    (
        r"\.render\.views\.",
        r"Cell\(str\((\S+?)\), \1",
        r"Cell\(str\(\S+?\), (None)?\s*[,)]",
        "equivalent: an integer cell without its value: CSV then writes the cell's text, "
        "`str()` of the same integer, the same bytes",
    ),
    (
        r"\.render\.views\.",
        r"\.of\(str\((\S+?)\), \1",
        r"\.of\(str\(\S+?\), (None)?\s*[,)]",
        "equivalent: an integer cell without its value: CSV then writes the cell's text, "
        "`str()` of the same integer, the same bytes",
    ),
    (
        r"\.render\.views\.",
        r'Column\("\w+", .*data=False',
        r'Column\((None|"XX\w+XX"|"[A-Z_]+"), .*data=False',
        "equivalent: the key of a column that only the terminal shows (data=False); only "
        "CSV reads keys, and it leaves such columns out",
    ),
    (
        r"\.render\.views\.",
        r"(in_table|data)=False",
        r"(in_table|data)=None",
        "equivalent: None for False in a flag that is only tested for truth",
    ),
    (
        r"\.render\.views\.show\.x_show_view__",
        r"wrap=True",
        r"(wrap=(None|False)|\(\s*\)|, \)|Sources\", block)",
        "equivalent: the records are shown as cards (layout='cards'), which never read `wrap`",
    ),
]
"""Kinds of equivalent mutants: (name pattern, removed line, added line, reason)."""

CSV_CACHE = (
    "equivalent: a cache of CSV values keyed by id(), here started as None (the first row "
    "makes it {} before any read), emptied at other rows or never, never read, or written "
    "under another key: each value is computed again or kept longer, the same either way; the "
    "rows are the view's tuple, which keeps every cell alive while they are written, so no id "
    "is reused"
)
NEVER_EMPTY_COLUMN = (
    "equivalent: `_widths` is called only by `_table`, and `_table` only by `render_table` for "
    "a view with rows, so the maximum is never taken over no rows"
)
RICH_WIDTHS = (
    "equivalent: Rich reads `no_wrap` and `min_width` only where it has to shrink a table, "
    "and `_fit` has made the table fit, measuring every cell in terminal cells as Rich does "
    "(`cell_len`), with every unbreakable column as wide as its widest cell"
)
RENDER_EXPLAINED: dict[str, str] = {
    **dict.fromkeys(
        [f"sanctions_gap.render.csv.x__cell_lines__mutmut_{n}" for n in (1, 3, 4, 5, 7, 12)],
        CSV_CACHE,
    ),
    "sanctions_gap.render.csv.x_csv_value__mutmut_1": (
        'equivalent: without the fast path a str goes to `neutralise(value) or ""`, which '
        'gives the same: the text, `\'` before a formula start, "" for ""'
    ),
    "sanctions_gap.render.document.x_plain__mutmut_2": (
        'equivalent: `plain("")` gives one empty span instead of none; only the HTML and '
        "Markdown renderers read a Document, and both render an empty span as nothing (no "
        "text, no link, not strong)"
    ),
    "sanctions_gap.render.html.x__style_class__mutmut_3": (
        "equivalent: `XXXX` is no style word `_STYLE_CLASSES` maps (red, green, yellow, dim), "
        "so an unstyled cell still gets no class"
    ),
    "sanctions_gap.render.html.x_esc__mutmut_8": (
        "equivalent: `quote=True` is the default of `html.escape`"
    ),
    **dict.fromkeys(
        [f"sanctions_gap.render.svg.x__path__mutmut_{n}" for n in (2, 16)],
        "equivalent: None for False in a flag that is only tested for truth (`if drawing`)",
    ),
    **dict.fromkeys(
        [f"sanctions_gap.render.table.x__fit__mutmut_{n}" for n in (13, 16)],
        "equivalent: the default is read only where `widths` is empty, and then `at(level)` "
        "is `[]` whatever the level",
    ),
    "sanctions_gap.render.table.x__fit__mutmut_15": (
        "kept: the default is read only for a view of which the terminal shows no column: the "
        "code prints an empty table, the mutant raises ValueError; every view the tool builds "
        "shows at least one column in the terminal"
    ),
    "sanctions_gap.render.table.x__fit__mutmut_21": (
        "kept: caught, but as a time-out, not a kill: raising the level instead of lowering it "
        "never ends for a table that must narrow, as in test_render_parts.py::"
        "test_fit_narrows_to_a_level_then_gives_the_spare_columns_out_one_by_one and "
        "test_render.py::test_a_table_that_fits_is_never_cropped; mutmut stops it at its limit"
    ),
    **dict.fromkeys(
        [f"sanctions_gap.render.table.x__table__mutmut_{n}" for n in (20, 23, 24)],
        "equivalent: None for False: Rich reads `expand`, `show_edge` and `pad_edge` only for "
        "truth",
    ),
    "sanctions_gap.render.table.x__table__mutmut_27": (
        "equivalent: `expand=False` is the default of Rich's Table"
    ),
    "sanctions_gap.render.table.x__table__mutmut_28": (
        "equivalent: Rich's default header style is `table.header`, which its default theme "
        "makes bold"
    ),
    **dict.fromkeys(
        [f"sanctions_gap.render.table.x__table__mutmut_{n}" for n in (64, 65)], RICH_WIDTHS
    ),
    **dict.fromkeys(
        [f"sanctions_gap.render.table.x__widths__mutmut_{n}" for n in (6, 8, 10)],
        NEVER_EMPTY_COLUMN,
    ),
    "sanctions_gap.render.table.x__widths__mutmut_23": (
        "equivalent: the default is read only for a wrapping column none of whose cells has a "
        "word, and then 0 or 1 is below the `min(header, 12)` beside it: every wrapping "
        "column of the tool has a heading"
    ),
    "sanctions_gap.render.table.x__table__mutmut_78": (
        "equivalent: an unbreakable column is given its widest cell or heading, in terminal "
        "cells, which is the width Rich gives it without being told"
    ),
    "sanctions_gap.render.views.diff.x_diff_view__mutmut_132": GAP_HAS_RECORD,
    "sanctions_gap.render.views.entities.x__row__mutmut_21": (
        'equivalent: `of` makes `Cell(text or "", value)`, so None and "" give equal '
        "cells (under another cache key)"
    ),
    "sanctions_gap.render.views.entities.x_entities_view__mutmut_7": (
        "equivalent: with no limit, `report.rows[:None]` is every row"
    ),
    **dict.fromkeys(
        [f"sanctions_gap.render.views.entities.xǁ_Cellsǁblock__mutmut_{n}" for n in (6, 7)],
        CACHE,
    ),
}
"""Survivors of the renderers (table, SVG, HTML, CSV, Markdown documents) and the entity view."""
RENDER_RULES: list[tuple[str, str, str, str]] = []
"""Kinds of equivalent mutants in the renderers, as ``RULES`` above."""


def explain(name: str, diff: str) -> str | None:
    """Why a surviving mutant is kept, or None where it is not explained."""
    for table in (EXPLAINED, REPORT_EXPLAINED, RENDER_EXPLAINED):
        if name in table:
            return table[name]
    removed, added = changed_lines(diff)
    if len(removed) == 1 and len(added) == 1 and _style_case_only(removed[0], added[0]):
        return (
            "equivalent: a style name in capitals; Rich reads style names in any case "
            "(`Style.parse` lowers them)"
        )
    for pattern, before, after, reason in (*RULES, *REPORT_RULES, *RENDER_RULES):
        if (
            re.search(pattern, name)
            and removed
            and all(re.search(before, line) for line in removed)
            and all(re.search(after, line) for line in added)
        ):
            return reason
    return None


def _style_case_only(before: str, after: str) -> bool:
    if before == after or before.lower() != after.lower():
        return False
    changed = set(re.findall(r'"([^"]*)"', after)) - set(re.findall(r'"([^"]*)"', before))
    return bool(changed) and all(set(value.lower().split()) <= STYLE_WORDS for value in changed)


def mutmut() -> list[str]:
    found = shutil.which("mutmut", path=str(Path(sys.executable).parent))
    if found is None:
        sys.exit("mutmut is not installed: pip install -e '.[test,mutation]'")
    return [found]


def run(names: list[str], jobs: int, fresh: bool) -> None:
    """Run mutmut (fresh: from nothing) under nice 19, and keep the wall time."""
    if fresh and MUTANTS.exists():
        shutil.rmtree(MUTANTS)
    command = [*mutmut(), "run", "--max-children", str(jobs), *names]
    start = time.monotonic()
    # Other people's benchmarks share the machine: the lowest priority.
    result = subprocess.run(["nice", "-n", "19", *command], cwd=ROOT, check=False)
    seconds = time.monotonic() - start
    if result.returncode != 0:
        sys.exit(f"mutmut run failed with exit code {result.returncode}")
    previous = json.loads(RUN_FILE.read_text(encoding="utf-8")) if RUN_FILE.exists() else {}
    runs = [] if fresh else previous.get("runs", [])
    runs.append(
        {
            "command": " ".join(["nice -n 19 mutmut", *command[1:]]),
            "seconds": round(seconds),
            "finished": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "mutants": len(names) or "all",
        }
    )
    RUN_FILE.write_text(json.dumps({"runs": runs}, indent=2), encoding="utf-8")


def results(*, verified: bool = True) -> dict[str, str]:
    """Each mutant's status, from mutmut's files in mutants/ (and the re-checks, if any)."""
    statuses = {}
    for meta in sorted(MUTANTS.rglob("*.py.meta")):
        data = json.loads(meta.read_text(encoding="utf-8"))
        for name, code in data["exit_code_by_key"].items():
            statuses[name] = "not checked" if code is None else STATUS.get(code, "suspicious")
    if verified and VERIFIED.exists():
        for name, code in json.loads(VERIFIED.read_text(encoding="utf-8")).items():
            if statuses.get(name) == "survived" and code not in (0, 5):
                statuses[name] = "killed on re-check"
    return statuses


def verify(jobs: int) -> None:
    """Re-run each unexplained survivor against whole test files (``VERIFY_FILES``), in the
    mutated copy, with today's tests; keep pytest's exit code for each."""
    shutil.copytree(ROOT / "tests", MUTANTS / "tests", dirs_exist_ok=True)
    left = [
        name
        for name, status in results(verified=False).items()
        if status == "survived" and explain(name, diff_of(name)) is None
    ]
    codes: dict[str, int] = {}
    start = time.monotonic()
    pending: list[tuple[str, subprocess.Popen[bytes]]] = []
    for name in [*left, None]:
        while pending and (len(pending) >= jobs or name is None):
            done, process = pending.pop(0)
            codes[done] = process.wait()
        if name is None:
            break
        command = ["nice", "-n", "19", sys.executable, "-m", "pytest", "-x", "-q"]
        command += ["-p", "no:cacheprovider", *VERIFY_FILES]
        environment = {**os.environ, "MUTANT_UNDER_TEST": name}
        pending.append(
            (
                name,
                subprocess.Popen(
                    command,
                    cwd=MUTANTS,
                    env=environment,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                ),
            )
        )
    earlier = json.loads(VERIFIED.read_text(encoding="utf-8")) if VERIFIED.exists() else {}
    merged = {**earlier, **codes}
    VERIFIED.write_text(json.dumps(merged, indent=2, sort_keys=True), encoding="utf-8")
    previous = json.loads(RUN_FILE.read_text(encoding="utf-8")) if RUN_FILE.exists() else {}
    runs = previous.get("runs", [])
    killed = sum(1 for code in codes.values() if code not in (0, 5))
    # The survivors re-checked: mutmut's own survivors that no rule or entry explains.
    runs.append(
        {
            "command": f"python tools/mutation.py --verify (pytest -x {' '.join(VERIFY_FILES)})",
            "seconds": round(time.monotonic() - start),
            "finished": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "mutants": f"{len(codes)} unexplained survivors, {killed} killed",
        }
    )
    RUN_FILE.write_text(json.dumps({"runs": runs}, indent=2), encoding="utf-8")


def diff_of(name: str) -> str:
    """The diff of one mutant against the code, as `mutmut show` prints it."""
    import importlib

    # mutmut's own functions (imported here: CI, which type-checks this file, lacks mutmut).
    main = importlib.import_module("mutmut.__main__")
    found = main.find_mutant(name)
    return str(main.get_diff_for_mutant(name, path=found.path)).strip()


def changed_lines(diff: str) -> tuple[list[str], list[str]]:
    """The removed and the added lines of a diff, without their markers."""
    lines = [line for line in diff.splitlines() if not line.startswith(("+++", "---"))]
    return (
        [line[1:] for line in lines if line.startswith("-")],
        [line[1:] for line in lines if line.startswith("+")],
    )


def module_of(name: str) -> str:
    return re.sub(r"\.x(_|ǁ).*$", "", name)


def git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.strip()


def machine() -> str:
    cpu = "unknown CPU"
    info = Path("/proc/cpuinfo")
    if info.exists():
        for line in info.read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    from importlib.metadata import version

    return (
        f"{os.cpu_count()} cores (`nproc`), {cpu}; Python {platform.python_version()}, "
        f"mutmut {version('mutmut')}; {platform.system()} {platform.release()}"
    )


def report(statuses: dict[str, str]) -> str:
    counts = Counter(statuses.values())
    total = len(statuses)
    rechecked = counts["killed on re-check"]
    killed = counts["killed"] + counts["caught by type check"] + rechecked
    by_module: dict[str, Counter[str]] = defaultdict(Counter)
    for name, status in statuses.items():
        by_module[module_of(name)][status] += 1
    runs = json.loads(RUN_FILE.read_text(encoding="utf-8"))["runs"] if RUN_FILE.exists() else []
    commit = git("rev-parse", "--short", "HEAD")
    if git("status", "--porcelain", "--", "sanctions_gap"):
        commit += " with uncommitted changes to sanctions_gap/"
    score = 100 * killed / total if total else 0.0
    out = [
        "# Mutation score",
        "",
        "Generated by `python tools/mutation.py` (see docs/testing.md); do not edit by hand.",
        "",
        f"**{score:.1f} %** of {total} mutants killed ({killed} killed, {rechecked} of them on "
        "re-check, "
        f"{counts['survived']} survived, {counts['timeout']} timed out, "
        f"{counts['no tests']} reached by no test, {counts['suspicious']} suspicious, "
        f"{counts['not checked']} not checked), at commit `{commit}`.",
        "",
        "The score is killed / all mutants: survivors, time-outs and mutants no test reaches "
        "all count against it. *Killed on re-check*: a mutant that survived mutmut's run but "
        "fails a test when whole test files run against it (`--verify`): mutmut runs each "
        "mutant only with the tests it saw call the mutated function, and a test that reads a "
        "dataset another test of its module built (with the level histories it caches) is not "
        "seen calling it. They are listed at the end.",
        "",
        f"- Machine: {machine()}.",
    ]
    out += [
        f"- Run: `{_short(r['command'])}` ({r['mutants']} mutants), {r['seconds'] // 60} min "
        f"{r['seconds'] % 60} s wall time, finished {r['finished']}."
        for r in runs
    ]
    out += [
        "- What is mutated and which tests run: `[tool.mutmut]` in pyproject.toml.",
        "",
        "## By module",
        "",
        "| module | mutants | killed | survived | timeout | no tests | score |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for module in sorted(by_module):
        c = by_module[module]
        n = sum(c.values())
        k = c["killed"] + c["caught by type check"] + c["killed on re-check"]
        out.append(
            f"| `{module}` | {n} | {k} | {c['survived']} | {c['timeout']} | {c['no tests']} "
            f"| {100 * k / n:.1f} % |"
        )
    out += surviving(statuses)
    rechecked_names = sorted(n for n, s in statuses.items() if s == "killed on re-check")
    out += [
        "## Killed on re-check",
        "",
        ", ".join(f"`{n}`" for n in rechecked_names) or "None.",
        "",
    ]
    return "\n".join(out) + "\n"


def _short(command: str) -> str:
    """A command without the mutants it names (they can be hundreds)."""
    head, _, names = command.partition(" sanctions_gap.")
    return f"{head} NAME..." if names else head


def surviving(statuses: dict[str, str]) -> list[str]:
    """The survivors (and those no test reaches), each with its diff and, if kept, why."""
    left = sorted(n for n, s in statuses.items() if s in ("survived", "no tests", "timeout"))
    diffs = {name: diff_of(name) for name in left}
    reasons = {name: explain(name, diffs[name]) for name in left}
    explained = [n for n in left if reasons[n] is not None]
    out = [
        "",
        "## Surviving mutants",
        "",
        f"{len(left)} mutants were not killed; {len(explained)} of them are explained below "
        "(equivalent: no test can tell them from the code; kept: a change that no output "
        f"shows, left on purpose). {len(left) - len(explained)} are not explained yet.",
        "",
    ]
    for name in left:
        reason = reasons[name] or "**not explained**"
        out += [f"### `{name}` ({statuses[name]})", "", reason, "", "```diff"]
        out += [diffs[name], "```", ""]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2, help="mutmut's workers (default 2)")
    parser.add_argument("--rerun", nargs="+", metavar="NAME", help="re-test these mutants only")
    parser.add_argument(
        "--rerun-left", action="store_true", help="re-test the mutants not killed yet"
    )
    parser.add_argument(
        "--verify", action="store_true", help="re-check the unexplained survivors (see VERIFIED)"
    )
    parser.add_argument("--report-only", action="store_true", help="only rewrite the report")
    args = parser.parse_args()
    if args.verify:
        verify(args.jobs)
    elif args.rerun_left:
        # First the mutants not checked yet (those of functions changed since the last run),
        # then again the survivors, time-outs and mutants no test reached, with today's tests.
        run([], args.jobs, fresh=False)
        left = [name for name, status in results().items() if status != "killed"]
        run(left, args.jobs, fresh=False)
    elif not args.report_only:
        run(args.rerun or [], args.jobs, fresh=not args.rerun)
    statuses = results()
    if not statuses:
        sys.exit("no mutation results in mutants/: run python tools/mutation.py first")
    text = report(statuses)
    REPORT.write_text(text, encoding="utf-8")
    headline = next(line for line in text.splitlines() if line.startswith("**"))
    testing = TESTING.read_text(encoding="utf-8")
    head, rest = testing.split(SCORE_START, 1)
    _, tail = rest.split(SCORE_END, 1)
    section = f"{SCORE_START}\nLast measured: {headline} Details: `docs/mutation.md`.\n{SCORE_END}"
    TESTING.write_text(head + section + tail, encoding="utf-8")
    print(f"wrote {REPORT.relative_to(ROOT)}: {headline}")


if __name__ == "__main__":
    main()
