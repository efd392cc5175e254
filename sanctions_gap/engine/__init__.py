"""The gap engine: one module per question, each returning a report object.

| question | function | module |
| --- | --- | --- |
| where does a member lag its peers? | ``compare`` | ``comparison`` |
| who lags most within a group? | ``gaps`` | ``ranking`` |
| how strict is each member? | ``index``, ``indexes`` | ``stringency`` |
| every member's level in every category | ``matrix`` | ``heatmap`` |
| how did a member move against its peers? | ``timeline`` | ``timelines`` |
| which gaps opened and closed? | ``diff`` | ``changes`` |
| what do the records say? | ``show`` | ``listing`` |
| all of it about one member, for the report | ``briefing`` | ``briefing`` |

What they share: ``assess`` (each member of a group against the rest on a date, and the rule
that makes a gap), ``select`` (peers, groups, categories, thresholds) and ``tidy`` (JSON-ready
values). Reports have ``to_dict()`` (the JSON the CLI prints) and ``to_frame()`` (pandas). The
names below are imported on first use, so that one question does not import the others.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sanctions_gap.lazy import lazy_names

if TYPE_CHECKING:  # pragma: no cover - for type checkers only; the imports below are lazy
    from sanctions_gap.engine.briefing import Briefing, Milestone, briefing
    from sanctions_gap.engine.changes import DiffItem, DiffReport, diff
    from sanctions_gap.engine.comparison import (
        NOTE_MEMBER_NOT_APPLICABLE,
        NOTE_MEMBER_UNKNOWN,
        CompareReport,
        CompareRow,
        compare,
    )
    from sanctions_gap.engine.heatmap import MatrixCell, MatrixReport, matrix
    from sanctions_gap.engine.listing import ShowRecord, ShowReport, show
    from sanctions_gap.engine.ranking import GapItem, GapsEntry, GapsReport, gaps
    from sanctions_gap.engine.select import CompareError
    from sanctions_gap.engine.stringency import IndexReport, IndexResult, index, indexes
    from sanctions_gap.engine.tidy import SCHEMA_VERSION
    from sanctions_gap.engine.timelines import GapEvent, TimelinePoint, TimelineReport, timeline

_MODULES = {
    "briefing": ("Briefing", "Milestone", "briefing"),
    "changes": ("DiffItem", "DiffReport", "diff"),
    "comparison": (
        "NOTE_MEMBER_NOT_APPLICABLE",
        "NOTE_MEMBER_UNKNOWN",
        "CompareReport",
        "CompareRow",
        "compare",
    ),
    "heatmap": ("MatrixCell", "MatrixReport", "matrix"),
    "listing": ("ShowRecord", "ShowReport", "show"),
    "ranking": ("GapItem", "GapsEntry", "GapsReport", "gaps"),
    "select": ("CompareError",),
    "stringency": ("IndexReport", "IndexResult", "index", "indexes"),
    "tidy": ("SCHEMA_VERSION",),
    "timelines": ("GapEvent", "TimelinePoint", "TimelineReport", "timeline"),
}
__all__ = [
    "NOTE_MEMBER_NOT_APPLICABLE",
    "NOTE_MEMBER_UNKNOWN",
    "SCHEMA_VERSION",
    "Briefing",
    "CompareError",
    "CompareReport",
    "CompareRow",
    "DiffItem",
    "DiffReport",
    "GapEvent",
    "GapItem",
    "GapsEntry",
    "GapsReport",
    "IndexReport",
    "IndexResult",
    "MatrixCell",
    "MatrixReport",
    "Milestone",
    "ShowRecord",
    "ShowReport",
    "TimelinePoint",
    "TimelineReport",
    "briefing",
    "compare",
    "diff",
    "gaps",
    "index",
    "indexes",
    "matrix",
    "show",
    "timeline",
]


__getattr__ = lazy_names(__name__, _MODULES)
