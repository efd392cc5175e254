"""The views: each report as a format-neutral ``View`` (its table, payload and annotations).

One module per view; ``common`` holds what they share. The names below are imported on first
use, so that a command imports only its own view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sanctions_gap.lazy import lazy_names

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

_MODULES = {
    "common": (
        "STATUS_STYLES",
        "level_style",
        "plural",
    ),
    "compare": ("compare_view",),
    "coverage": ("coverage_view",),
    "diff": ("diff_view",),
    "gaps": ("gaps_view",),
    "index": ("index_view",),
    "matrix": (
        "GLYPHS",
        "matrix_view",
    ),
    "show": ("show_view",),
    "timeline": ("timeline_view",),
    "validation": ("validation_view",),
    "vocabulary": (
        "categories_view",
        "groups_view",
        "members_view",
    ),
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


__getattr__ = lazy_names(__name__, _MODULES)
