"""Render a view's annotations as GitHub Actions workflow commands, escaped as the toolkit does."""

from __future__ import annotations

from sanctions_gap.render.markdown import render_markdown
from sanctions_gap.render.view import Annotation, View


def escape_data(text: str) -> str:
    """Escape a message: ``%``, CR and LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as a message, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation_line(annotation: Annotation) -> str:
    """One ``::level file=…,line=…,title=…::message`` line (``file`` only where there is one)."""
    properties = [f"file={escape_property(annotation.path)}"] if annotation.path else []
    if annotation.line:
        properties.append(f"line={annotation.line}")
    properties.append(f"title={escape_property(annotation.title)}")
    return f"::{annotation.level} {','.join(properties)}::{escape_data(annotation.message)}"


def render_github(view: View) -> str:
    """One line per annotation. A view whose findings are annotations but has none says so in
    a notice; a view that never annotates prints its Markdown (never an empty success)."""
    if view.annotations:
        return "".join(annotation_line(a) + "\n" for a in view.annotations)
    if view.annotates:
        summary = "; ".join(view.summary) or view.empty
        return annotation_line(Annotation("notice", "", 0, "sanctions-gap", summary)) + "\n"
    return render_markdown(view)
