"""Build the format-neutral ``View`` of each report: its table, payload and annotations."""

from __future__ import annotations

from sanctions_gap.coverage import CoverageReport
from sanctions_gap.dataset import Dataset
from sanctions_gap.models import NOT_APPLICABLE, UNKNOWN
from sanctions_gap.render.view import Annotation, Cell, Column, View
from sanctions_gap.validate import ValidationReport

STATUS_STYLES = {UNKNOWN: "dim italic", NOT_APPLICABLE: "dim"}


def level_style(level: float | None) -> str:
    """A heat-map colour for a normalised level: red (none) through yellow to green (full)."""
    if level is None:
        return "dim"
    if level <= 0:
        return "bold red"
    if level < 1:
        return "yellow"
    return "green"


def plural(count: int, word: str) -> str:
    """``1 gap``, ``2 gaps``."""
    if count == 1:
        return f"1 {word}"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return f"{count} {word[:-1]}ies"
    return f"{count} {word}s"


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
    if report.valid:
        summary = f"{report.root}: valid ({plural(report.files, 'file')} read)"
    else:
        summary = (
            f"{report.root}: {plural(len(report.issues), 'issue')} in {plural(len(files), 'file')}"
        )
    annotations = tuple(
        Annotation(
            "error",
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


def categories_view(dataset: Dataset) -> View:
    """The controlled vocabulary."""
    rows = tuple(
        (
            Cell(c.id),
            Cell(c.family),
            Cell(c.label),
            Cell(" < ".join(c.level_ids)),
            Cell(f"{c.weight:g}", c.weight),
        )
        for c in dataset.categories.values()
    )
    payload = {
        "schema_version": 1,
        "categories": [c.model_dump(mode="json") for c in dataset.categories.values()],
    }
    return View(
        title="Categories",
        columns=(
            Column("id", "Id"),
            Column("family", "Family"),
            Column("label", "Label"),
            Column("levels", "Levels (weakest first)"),
            Column("weight", "Weight", numeric=True),
        ),
        rows=rows,
        payload=payload,
        summary=(f"{plural(len(rows), 'category')}",),
    )


def groups_view(dataset: Dataset) -> View:
    """The named groups."""
    rows = tuple(
        (Cell(g.id), Cell(g.label), Cell(", ".join(sorted(g.members))))
        for g in dataset.groups.values()
    )
    payload = {
        "schema_version": 1,
        "groups": [g.model_dump(mode="json") for g in dataset.groups.values()],
    }
    return View(
        title="Groups",
        columns=(Column("id", "Id"), Column("label", "Label"), Column("members", "Members")),
        rows=rows,
        payload=payload,
        summary=(f"{plural(len(rows), 'group')}",),
    )


def members_view(dataset: Dataset) -> View:
    """The members and their files."""
    rows = tuple(
        (
            Cell(code),
            Cell(m.name),
            Cell(", ".join(m.inherits)),
            Cell(m.reviewed.isoformat()),
            Cell(str(len(m.measures)), len(m.measures)),
            Cell(dataset.files[code]),
        )
        for code, m in dataset.members.items()
    )
    payload = {
        "schema_version": 1,
        "members": [
            {
                "code": code,
                "name": m.name,
                "names": dict(sorted(m.names.items())),
                "inherits": list(m.inherits),
                "reviewed": m.reviewed.isoformat(),
                "records": len(m.measures),
                "path": dataset.files[code],
            }
            for code, m in dataset.members.items()
        ],
    }
    return View(
        title="Members",
        columns=(
            Column("code", "Code"),
            Column("name", "Name"),
            Column("inherits", "Inherits"),
            Column("reviewed", "Reviewed"),
            Column("records", "Records", numeric=True),
            Column("path", "File"),
        ),
        rows=rows,
        payload=payload,
        summary=(f"{plural(len(rows), 'member')}",),
    )


def coverage_view(report: CoverageReport) -> View:
    """Per member: recorded, inherited, not applicable and unknown cells; sources; review age."""
    rows = tuple(
        (
            Cell(m.member),
            Cell(str(m.records), m.records),
            Cell(str(m.with_url), m.with_url),
            Cell(str(m.citation_only), m.citation_only),
            Cell(str(m.recorded), m.recorded),
            Cell(str(m.inherited), m.inherited),
            Cell(str(m.not_applicable), m.not_applicable),
            Cell(str(m.unknown), m.unknown, "bold red" if m.unknown else "green"),
            Cell(", ".join(m.unknown_categories)),
            Cell(m.reviewed.isoformat()),
            Cell(str(m.age_days), m.age_days),
        )
        for m in report.members
    )
    cells = len(report.members) * len(report.categories)
    summary = (
        f"{plural(report.unknown_cells, 'unknown cell')} of {cells} "
        f"({plural(len(report.members), 'member')} x "
        f"{plural(len(report.categories), 'category')}), as of {report.as_of.isoformat()}",
        "Records: URL = cites a URL, Cit. = citations only. Cells: Own = own records, "
        "Inh. = inherited only, N/A = not applicable, Unk. = unknown. Age: days since reviewed.",
    )
    return View(
        title="Dataset coverage",
        columns=(
            Column("member", "Member"),
            Column("records", "Records", numeric=True),
            Column("with_url", "URL", numeric=True),
            Column("citation_only", "Cit.", numeric=True),
            Column("recorded", "Own", numeric=True),
            Column("inherited", "Inh.", numeric=True),
            Column("not_applicable", "N/A", numeric=True),
            Column("unknown", "Unk.", numeric=True),
            Column("unknown_categories", "Unknown categories"),
            Column("reviewed", "Reviewed", in_table=False),
            Column("age_days", "Age", numeric=True),
        ),
        rows=rows,
        payload=report.to_dict(),
        summary=summary,
    )
