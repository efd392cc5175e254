"""The views: each report as a format-neutral ``View`` (its table, payload and annotations).

One module per view; ``common`` holds what they share. The names below are imported on first
use, so that a command imports only its own view.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - for type checkers only; the imports below are lazy
    from sanctions_gap.render.views.common import STATUS_STYLES, level_style, plural
    from sanctions_gap.render.views.compare import compare_view
    from sanctions_gap.render.views.coverage import coverage_view
    from sanctions_gap.render.views.diff import diff_view
    from sanctions_gap.render.views.gaps import gaps_view
    from sanctions_gap.render.views.index import index_view
    from sanctions_gap.render.views.matrix import GLYPHS, matrix_view
    from sanctions_gap.render.views.show import show_view
    from sanctions_gap.render.views.timeline import timeline_view
    from sanctions_gap.render.views.validation import validation_view
    from sanctions_gap.render.views.vocabulary import categories_view, groups_view, members_view

_MODULE_OF = {
    "STATUS_STYLES": "common",
    "level_style": "common",
    "plural": "common",
    "compare_view": "compare",
    "coverage_view": "coverage",
    "diff_view": "diff",
    "gaps_view": "gaps",
    "index_view": "index",
    "GLYPHS": "matrix",
    "matrix_view": "matrix",
    "show_view": "show",
    "timeline_view": "timeline",
    "validation_view": "validation",
    "categories_view": "vocabulary",
    "groups_view": "vocabulary",
    "members_view": "vocabulary",
}

__all__ = [
    "GLYPHS",
    "STATUS_STYLES",
    "categories_view",
    "compare_view",
    "coverage_view",
    "diff_view",
    "gaps_view",
    "groups_view",
    "index_view",
    "level_style",
    "matrix_view",
    "members_view",
    "plural",
    "show_view",
    "timeline_view",
    "validation_view",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'sanctions_gap.render.views' has no attribute {name!r}")
    return getattr(importlib.import_module(f"sanctions_gap.render.views.{module}"), name)
