"""The issues ``validate`` found, with their files, lines and rules."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sanctions_gap.render.view import Annotation, Cell, Column, View
from sanctions_gap.render.views.common import plural

if TYPE_CHECKING:  # the reports are only annotations here: no import cost at run time
    from sanctions_gap.validate import ValidationReport


def validation_view(report: ValidationReport, repo_prefix: str = "") -> View:
    """The issues found by ``validate``; annotations point at ``repo_prefix/path``."""
    rows = tuple(
        (
            Cell(issue.path),
            Cell(str(issue.line), issue.line),
            Cell(issue.rule),
            Cell(issue.message),
        )
        for issue in report.issues
    )
    files = {issue.path for issue in report.issues}
    warned = f", {plural(len(report.warnings), 'warning')}" if report.warnings else ""
    if report.valid:
        summary = f"the dataset is valid ({plural(report.files, 'file')} read{warned})"
    else:
        summary = (
            f"{report.root}: {plural(len(report.errors), 'error')}{warned} in "
            f"{plural(len(files), 'file')}"
        )
    annotations = tuple(
        Annotation(
            issue.severity,
            f"{repo_prefix}{issue.path}",
            issue.line,
            f"sanctions-gap: {issue.rule}",
            issue.message,
        )
        for issue in report.issues
    )
    return View(
        title="Dataset issues",
        columns=(
            Column("path", "File"),
            Column("line", "Line", numeric=True),
            Column("rule", "Rule"),
            Column("message", "Message"),
        ),
        rows=rows,
        payload=report.to_dict(),
        summary=(summary,),
        annotations=annotations,
        empty="No issues: the dataset is valid.",
    )
