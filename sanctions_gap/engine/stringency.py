"""The stringency index: each member's weighted mean level, 0 to 100, and the coverage behind it."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sanctions_gap.dataset import RANK_NOT_APPLICABLE, RANK_UNKNOWN, DataContext, Dataset, DateBasis
from sanctions_gap.engine.assess import Assessment, assess_group, weighted_index
from sanctions_gap.engine.select import group_members
from sanctions_gap.engine.tidy import SCHEMA_VERSION, rounded
from sanctions_gap.frame import DATE_DTYPE, typed_frame

if TYPE_CHECKING:  # pandas is imported where a frame is built, not on the hot path
    import pandas as pd


@dataclass(frozen=True)
class IndexResult:
    """A member's stringency index on a date: the weighted mean of its known levels, 0-100."""

    member: str
    as_of: dt.date
    date_basis: DateBasis
    value: float | None
    """The index, 0 to 100; None when no applicable category is known."""
    coverage: float
    """Known categories / the categories that can apply to the member (0 to 1)."""
    categories: int
    """How many categories were considered."""
    known: int
    """How many of them have a known level (not unknown, not not_applicable)."""
    not_applicable: int
    """How many are not applicable to the member."""
    unknown: int
    """How many are unknown."""

    def to_dict(self) -> dict[str, Any]:
        """The result as a JSON-ready mapping."""
        return {
            "schema_version": SCHEMA_VERSION,
            "member": self.member,
            "as_of": self.as_of.isoformat(),
            "date_basis": self.date_basis.value,
            "index": rounded(self.value),
            "coverage": rounded(self.coverage),
            "categories": self.categories,
            "known": self.known,
            "not_applicable": self.not_applicable,
            "unknown": self.unknown,
        }

    def to_frame(self) -> pd.DataFrame:
        """The result as a one-row table."""
        row = self.to_dict()
        del row["schema_version"]
        return typed_frame([row], {"member": "string", "as_of": DATE_DTYPE, **_INDEX_DTYPES})


_INDEX_DTYPES = {
    "date_basis": "string",
    "index": "float64",
    "coverage": "float64",
    "categories": "int64",
    "known": "int64",
    "not_applicable": "int64",
    "unknown": "int64",
}


@dataclass(frozen=True)
class IndexReport:
    """The stringency index of every member of a group on a date, highest first."""

    members: tuple[str, ...]
    as_of: dt.date
    date_basis: DateBasis
    results: tuple[IndexResult, ...]
    """Highest index first (members with no index last), then by code."""
    context: DataContext | None = field(default=None, compare=False)
    """What the report rests on: the tool's and the dataset's versions."""

    @property
    def median(self) -> float | None:
        """The median index of the group (of the members that have one)."""
        values = [r.value for r in self.results if r.value is not None]
        return statistics.median(values) if values else None

    def to_dict(self) -> dict[str, Any]:
        """The report as a JSON-ready mapping."""
        rows = []
        for result in self.results:
            row = result.to_dict()
            del row["schema_version"], row["as_of"], row["date_basis"]
            rows.append(row)
        return {
            "schema_version": SCHEMA_VERSION,
            "context": self.context.to_dict() if self.context else None,
            "members": list(self.members),
            "as_of": self.as_of.isoformat(),
            "date_basis": self.date_basis.value,
            "rows": rows,
            "summary": {"members": len(self.results), "median_index": rounded(self.median)},
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per member, highest index first."""
        dtypes = {"member": "string", **_INDEX_DTYPES}
        del dtypes["date_basis"]
        return typed_frame(self.to_dict()["rows"], dtypes)


def index_results(assessment: Assessment) -> dict[str, IndexResult]:
    """Each member's stringency index, from the levels the assessment resolved."""
    categories = assessment.dataset.categories
    weights = [categories[c].weight for c in assessment.categories]
    width = len(assessment.categories)
    results = {}
    for code, cells in zip(assessment.members, assessment.cells, strict=True):
        levels = [cell.answer.level for cell in cells]
        known = sum(1 for level in levels if level is not None)
        not_applicable = sum(1 for cell in cells if cell.answer.rank == RANK_NOT_APPLICABLE)
        applicable = width - not_applicable
        results[code] = IndexResult(
            member=code,
            as_of=assessment.as_of,
            date_basis=assessment.basis,
            value=weighted_index(levels, weights),
            # Coverage is of the categories that can apply: not applicable is a known answer.
            coverage=known / applicable if applicable else 0.0,
            categories=width,
            known=known,
            not_applicable=not_applicable,
            unknown=sum(1 for cell in cells if cell.answer.rank == RANK_UNKNOWN),
        )
    return results


def index(
    dataset: Dataset,
    member: str,
    as_of: dt.date,
    *,
    basis: DateBasis = DateBasis.EFFECTIVE,
    categories: Iterable[str] | None = None,
    families: Iterable[str] | None = None,
) -> IndexResult:
    """The member's stringency index on ``as_of``: 0-100, with the coverage it rests on."""
    code = dataset.resolve_member(member)
    return index_results(assess_group(dataset, [code], as_of, basis, categories, families))[code]


def indexes(
    dataset: Dataset,
    members: str | Iterable[str],
    as_of: dt.date,
    *,
    basis: DateBasis = DateBasis.EFFECTIVE,
    categories: Iterable[str] | None = None,
    families: Iterable[str] | None = None,
    inherited_once: bool = False,
) -> IndexReport:
    """The stringency index of every member of a group (a group id, or codes), highest first."""
    codes = group_members(dataset, members, inherited_once=inherited_once)
    assessment = assess_group(dataset, codes, as_of, basis, categories, families)
    results = index_results(assessment)
    ranked = sorted(results.values(), key=lambda r: (r.value is None, -(r.value or 0.0), r.member))
    return IndexReport(assessment.members, as_of, basis, tuple(ranked), context=dataset.context())
