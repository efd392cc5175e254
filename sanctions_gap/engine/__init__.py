"""The gap engine: one module per question (compare, gaps, index, matrix, timeline, diff, show).

Each question returns a report object with ``to_dict()`` (the JSON the CLI prints) and
``to_frame()`` (a pandas table). The shared assessment is in ``assess``, the selections in
``select``, the JSON helpers in ``tidy``.
"""

# NOTE: each question's module has the question's name; importing the functions here makes
# `sanctions_gap.engine.compare` the function, as users expect, not the module.
from sanctions_gap.engine.compare import (
    NOTE_MEMBER_NOT_APPLICABLE,
    NOTE_MEMBER_UNKNOWN,
    CompareReport,
    CompareRow,
    compare,
)
from sanctions_gap.engine.diff import DiffItem, DiffReport, diff
from sanctions_gap.engine.gaps import GapItem, GapsEntry, GapsReport, gaps
from sanctions_gap.engine.index import IndexReport, IndexResult, index, indexes
from sanctions_gap.engine.matrix import MatrixCell, MatrixReport, matrix
from sanctions_gap.engine.select import CompareError
from sanctions_gap.engine.show import ShowRecord, ShowReport, show
from sanctions_gap.engine.tidy import SCHEMA_VERSION
from sanctions_gap.engine.timeline import GapEvent, TimelinePoint, TimelineReport, timeline

__all__ = [
    "NOTE_MEMBER_NOT_APPLICABLE",
    "NOTE_MEMBER_UNKNOWN",
    "SCHEMA_VERSION",
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
    "ShowRecord",
    "ShowReport",
    "TimelinePoint",
    "TimelineReport",
    "compare",
    "diff",
    "gaps",
    "index",
    "indexes",
    "matrix",
    "show",
    "timeline",
]
