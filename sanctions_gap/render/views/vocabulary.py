"""The vocabulary of a dataset: its categories, groups and members."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sanctions_gap.models import plain
from sanctions_gap.render.view import Cell, Column, View
from sanctions_gap.render.views.common import plural

if TYPE_CHECKING:  # the reports are only annotations here: no import cost at run time
    from sanctions_gap.dataset import Dataset


def categories_view(dataset: Dataset) -> View:
    """The controlled vocabulary."""
    rows = tuple(
        (
            Cell(c.id),
            Cell(c.label),
            Cell(c.family),
            Cell(" < ".join(c.level_ids)),
            Cell(f"{c.weight:g}", c.weight),
        )
        for c in dataset.categories.values()
    )
    payload = {
        "schema_version": 1,
        "context": dataset.context().to_dict(),
        "categories": [plain(c) for c in dataset.categories.values()],
    }
    return View(
        title="Categories",
        columns=(
            Column("id", "Category"),
            Column("label", "Label", wrap=True),
            Column("family", "Family", in_table=False),
            Column("levels", "Levels (weakest first)", wrap=True),
            Column("weight", "Weight", numeric=True, in_table=False),
        ),
        rows=rows,
        payload=payload,
        summary=(f"{plural(len(rows), 'category')}",),
        notes=("Families and weights: --format csv, json or markdown.",),
        context=dataset.context(),
    )


def groups_view(dataset: Dataset) -> View:
    """The named groups."""
    rows = tuple(
        (Cell(g.id), Cell(g.label), Cell(", ".join(sorted(g.members))))
        for g in dataset.groups.values()
    )
    payload = {
        "schema_version": 1,
        "context": dataset.context().to_dict(),
        "groups": [plain(g) for g in dataset.groups.values()],
    }
    return View(
        title="Groups",
        columns=(
            Column("id", "Id"),
            Column("label", "Label", wrap=True),
            Column("members", "Members", wrap=True),
        ),
        rows=rows,
        payload=payload,
        summary=(f"{plural(len(rows), 'group')}",),
        context=dataset.context(),
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
        "context": dataset.context().to_dict(),
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
            Column("name", "Name", wrap=True),
            Column("inherits", "Inherits"),
            Column("reviewed", "Reviewed"),
            Column("records", "Records", numeric=True),
            Column("path", "File"),
        ),
        rows=rows,
        payload=payload,
        summary=(f"{plural(len(rows), 'member')}",),
        context=dataset.context(),
    )
