"""Render a view as JSON: its payload, keys sorted, the same bytes for the same input."""

from __future__ import annotations

import json

from sanctions_gap.render.view import View


def render_json(view: View) -> str:
    """The view's payload as indented JSON with sorted keys."""
    return json.dumps(view.payload, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
