"""A heat map's data: every member's status and level in every category on a date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sanctions_gap.dataset import DataContext, Dataset, DateBasis
from sanctions_gap.engine.assess import assess_group
from sanctions_gap.engine.select import group_members
from sanctions_gap.engine.stringency import IndexResult, index_results
from sanctions_gap.engine.tidy import SCHEMA_VERSION, rounded
from sanctions_gap.frame import frame_of

if TYPE_CHECKING:  # pandas is imported where a frame is built, not on the hot path
    import pandas as pd


@dataclass(frozen=True)
class MatrixCell:
    """A member's status in a category."""

    member: str
    category: str
    status: str
    level: float | None
    via: str | None
    scheduled: bool = False
    """Whether the status rests on a measure adopted for later (effective after the review)."""


@dataclass(frozen=True)
class MatrixReport:
    """Members x categories: statuses and levels on a date (for a heat map)."""

    members: tuple[str, ...]
    categories: tuple[str, ...]
    as_of: dt.date
    date_basis: DateBasis
    cells: tuple[MatrixCell, ...]
    """Member by member (sorted), each in `categories.yaml` order."""
    index: Mapping[str, IndexResult]
    context: DataContext | None = field(default=None, compare=False)
    """What the report rests on: the tool's and the dataset's versions."""

    def cell(self, member: str, category: str) -> MatrixCell:
        """The cell of a member and category."""
        position = self.members.index(member) * len(self.categories)
        return self.cells[position + self.categories.index(category)]

    def to_dict(self) -> dict[str, Any]:
        """The report as a JSON-ready mapping."""
        rows = []
        for member in self.members:
            cells = [self.cell(member, category) for category in self.categories]
            rows.append(
                {
                    "member": member,
                    "index": rounded(self.index[member].value),
                    "coverage": rounded(self.index[member].coverage),
                    "status": {c.category: c.status for c in cells},
                    "level": {c.category: rounded(c.level) for c in cells},
                    "via": {c.category: c.via for c in cells if c.via is not None},
                    "scheduled": [c.category for c in cells if c.scheduled],
                }
            )
        return {
            "schema_version": SCHEMA_VERSION,
            "context": self.context.to_dict() if self.context else None,
            "as_of": self.as_of.isoformat(),
            "date_basis": self.date_basis.value,
            "members": list(self.members),
            "categories": list(self.categories),
            "rows": rows,
        }

    def to_frame(self) -> pd.DataFrame:
        """The long table: member, category, status, level, via."""
        return frame_of(
            self.cells,
            {
                "member": "string",
                "category": "string",
                "status": "string",
                "level": "float64",
                "via": "string",
            },
        )


def matrix(
    dataset: Dataset,
    members: str | Iterable[str],
    as_of: dt.date,
    *,
    basis: DateBasis = DateBasis.EFFECTIVE,
    categories: Iterable[str] | None = None,
    families: Iterable[str] | None = None,
    inherited_once: bool = False,
) -> MatrixReport:
    """Members x categories on ``as_of``: each cell's status, level and where it comes from."""
    chosen = group_members(dataset, members, inherited_once=inherited_once)
    assessment = assess_group(dataset, chosen, as_of, basis, categories, families)
    codes, category_ids = assessment.members, assessment.categories
    cells = tuple(
        MatrixCell(
            member=code,
            category=category,
            status=cell.answer.status,
            level=cell.answer.level,
            via=cell.answer.via,
            scheduled=dataset.scheduled(cell.answer.record),
        )
        for code, row in zip(codes, assessment.cells, strict=True)
        for category, cell in zip(category_ids, row, strict=True)
    )
    return MatrixReport(
        members=codes,
        categories=category_ids,
        as_of=as_of,
        date_basis=basis,
        cells=cells,
        index=index_results(assessment),
        context=dataset.context(),
    )
