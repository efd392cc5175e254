"""The issues ``validate`` found, with their files, lines and rules."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sanctions_gap.render.view import Annotation, Cell, Column, View
from sanctions_gap.render.views.common import plural, repo_path

if TYPE_CHECKING:  # the reports are only annotations here: no import cost at run time
    from sanctions_gap.errors import Issue
    from sanctions_gap.validate import ValidationReport


def validation_view(report: ValidationReport, repo_prefix: str = "") -> View:
    """The issues found by ``validate``; annotations point at ``repo_prefix/path``."""
    rows = tuple(
        (
            Cell(f"{issue.path}:{issue.line}" if issue.line else issue.path),
            Cell(issue.path),
            Cell(str(issue.line), issue.line),
            Cell(issue.rule),
            Cell(issue.severity),
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
    annotations = tuple(issue_annotation(issue, repo_prefix) for issue in report.issues)
    return View(
        title="Dataset issues",
        columns=(
            Column("where", "File", data=False),
            Column("path", "File", in_table=False),
            Column("line", "Line", numeric=True, in_table=False),
            Column("rule", "Rule"),
            Column("severity", "Severity", in_table=False),
            Column("message", "Message", wrap=True),
        ),
        rows=rows,
        payload=report.to_dict(),
        summary=(summary,),
        annotations=annotations,
        annotates=True,
        empty="No issues: the dataset is valid.",
        context=report.dataset.context() if report.dataset is not None else None,
    )


def issue_annotation(issue: Issue, repo_prefix: str) -> Annotation:
    """The annotation of one issue, at its file and line in the repository."""
    return Annotation(
        issue.severity,
        repo_path(repo_prefix, issue.path),
        issue.line,
        f"sanctions-gap: {issue.rule}",
        issue.message,
    )
