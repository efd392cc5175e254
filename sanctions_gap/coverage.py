"""Measure how complete the dataset itself is: recorded, unknown and not-applicable cells."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sanctions_gap.dataset import Dataset
from sanctions_gap.models import NOT_APPLICABLE, UNKNOWN

RECORDED = "recorded"
INHERITED = "inherited"


@dataclass(frozen=True)
class CoverageCell:
    """One member x category cell of the coverage grid."""

    member: str
    """The member's code."""
    category: str
    """The category's id."""
    state: str
    """`recorded` (own records), `inherited` (only through an inherited member),
    `not_applicable` (the latest status), or `unknown` (no record at all)."""
    records: int
    """How many of the member's own records the category has."""


@dataclass(frozen=True)
class MemberCoverage:
    """The coverage of one member's file."""

    member: str
    """The member's code."""
    path: str
    """The member's file."""
    reviewed: dt.date
    """The file's `reviewed` date."""
    age_days: int
    """Days from `reviewed` to the date of the report."""
    records: int
    """How many records the file holds."""
    with_url: int
    """Records that cite at least one URL."""
    citation_only: int
    """Records whose sources are citations only."""
    recorded: int
    """Categories with own records."""
    inherited: int
    """Categories covered only through inheritance."""
    not_applicable: int
    """Categories whose latest status is not applicable."""
    unknown: int
    """Categories with no record at all: the gaps in the data itself."""
    unknown_categories: tuple[str, ...]
    """The ids of those categories."""


@dataclass(frozen=True)
class CoverageReport:
    """Coverage of every member x category, for the people who keep the dataset."""

    as_of: dt.date
    """The date against which the age of each `reviewed` date is measured."""
    categories: tuple[str, ...]
    """The category ids, in vocabulary order."""
    members: tuple[MemberCoverage, ...]
    """Per-member totals, by code."""
    cells: tuple[CoverageCell, ...]
    """Every member x category cell."""

    @property
    def unknown_cells(self) -> int:
        """How many cells are unknown, over all members."""
        return sum(m.unknown for m in self.members)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "schema_version": 1,
            "as_of": self.as_of.isoformat(),
            "categories": list(self.categories),
            "members": [
                {
                    "member": m.member,
                    "path": m.path,
                    "reviewed": m.reviewed.isoformat(),
                    "age_days": m.age_days,
                    "records": m.records,
                    "with_url": m.with_url,
                    "citation_only": m.citation_only,
                    "recorded": m.recorded,
                    "inherited": m.inherited,
                    "not_applicable": m.not_applicable,
                    "unknown": m.unknown,
                    "unknown_categories": list(m.unknown_categories),
                }
                for m in self.members
            ],
            "cells": {
                member.member: {
                    cell.category: cell.state for cell in self.cells if cell.member == member.member
                }
                for member in self.members
            },
            "summary": {
                "members": len(self.members),
                "categories": len(self.categories),
                "unknown": self.unknown_cells,
            },
        }


def _has_records(dataset: Dataset, member: str, category: str, seen: tuple[str, ...]) -> bool:
    if dataset.history(member, category):
        return True
    return any(
        parent not in seen and _has_records(dataset, parent, category, (*seen, member))
        for parent in dataset.members[member].inherits
    )


def measure_coverage(dataset: Dataset, as_of: dt.date) -> CoverageReport:
    """Count, per member and category, what the dataset records and what it leaves unknown."""
    cells: list[CoverageCell] = []
    totals: list[MemberCoverage] = []
    for code, member in dataset.members.items():
        states: dict[str, int] = {RECORDED: 0, INHERITED: 0, NOT_APPLICABLE: 0, UNKNOWN: 0}
        unknown: list[str] = []
        for category in dataset.categories:
            own = dataset.history(code, category)
            if not _has_records(dataset, code, category, ()):
                state = UNKNOWN
                unknown.append(category)
            elif dataset.level(code, category, as_of).status == NOT_APPLICABLE:
                state = NOT_APPLICABLE
            else:
                state = RECORDED if own else INHERITED
            states[state] += 1
            cells.append(CoverageCell(code, category, state, len(own)))
        with_url = sum(1 for m in member.measures if any(s.url for s in m.sources))
        totals.append(
            MemberCoverage(
                member=code,
                path=dataset.files[code],
                reviewed=member.reviewed,
                age_days=(as_of - member.reviewed).days,
                records=len(member.measures),
                with_url=with_url,
                citation_only=len(member.measures) - with_url,
                recorded=states[RECORDED],
                inherited=states[INHERITED],
                not_applicable=states[NOT_APPLICABLE],
                unknown=states[UNKNOWN],
                unknown_categories=tuple(unknown),
            )
        )
    return CoverageReport(as_of, tuple(dataset.categories), tuple(totals), tuple(cells))
