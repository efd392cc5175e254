"""Measure how complete the dataset itself is: recorded, unknown and not-applicable cells."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sanctions_gap.dataset import DataContext, Dataset
from sanctions_gap.models import NOT_APPLICABLE, SOURCE_KINDS, UNKNOWN, Member
from sanctions_gap.sources import OFFICIAL, UNIDENTIFIED, UNLISTED, SourceKinds

SOURCE_COLUMNS = (*SOURCE_KINDS, UNLISTED, UNIDENTIFIED)
"""The kinds a source can be counted under: the kinds of `sources.yaml`, then an unlisted host
and a citation that names no official identifier."""

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
    quality: SourceQuality | None = None
    """The quality of the file's sources (None where the dataset has no `sources.yaml`)."""


@dataclass(frozen=True)
class SourceQuality:
    """How well one member's records are sourced, by the kinds of `sources.yaml`."""

    dated: int
    """Records with an effective date (every one needs an official source)."""
    dated_official: int
    """Dated records that cite at least one official source."""
    waived: int
    """Dated records without one that give `official_source_waiver`."""
    weak_only: int
    """Records whose every source is state-affiliated or other."""
    sources: dict[str, int]
    """Sources by kind (see ``SOURCE_COLUMNS``)."""
    oldest_confirmed: dt.date | None
    """The oldest `confirmed` date of a standing absence: how far back the weakest claim is."""

    @property
    def official_share(self) -> float | None:
        """The share of dated records with an official source (None with no dated record)."""
        return self.dated_official / self.dated if self.dated else None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        share = self.official_share
        return {
            "dated": self.dated,
            "dated_official": self.dated_official,
            "official_share": None if share is None else round(share, 4),
            "waived": self.waived,
            "weak_only": self.weak_only,
            "sources": {kind: self.sources[kind] for kind in SOURCE_COLUMNS},
            "oldest_confirmed": (
                self.oldest_confirmed.isoformat() if self.oldest_confirmed else None
            ),
        }


def source_quality(member: Member, kinds: SourceKinds) -> SourceQuality:
    """Count one member's records by the kinds of their sources."""
    counts = dict.fromkeys(SOURCE_COLUMNS, 0)
    dated = dated_official = waived = weak_only = 0
    confirmed: list[dt.date] = []
    for measure in member.measures:
        found = kinds.kinds(measure.sources)
        for kind in found:
            counts[kind] += 1
        weak_only += kinds.weak_only(measure)
        if measure.is_standing:
            if measure.confirmed is not None:
                confirmed.append(measure.confirmed)
            continue
        dated += 1
        if OFFICIAL in found:
            dated_official += 1
        elif measure.official_source_waiver is not None:
            waived += 1
    return SourceQuality(
        dated=dated,
        dated_official=dated_official,
        waived=waived,
        weak_only=weak_only,
        sources=counts,
        oldest_confirmed=min(confirmed) if confirmed else None,
    )


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
    context: DataContext | None = field(default=None, compare=False)
    """What the report rests on: the tool's and the dataset's versions."""

    @property
    def unknown_cells(self) -> int:
        """How many cells are unknown, over all members."""
        return sum(m.unknown for m in self.members)

    @property
    def dated(self) -> int | None:
        """Dated records over all members (None without `sources.yaml`)."""
        found = [m.quality.dated for m in self.members if m.quality is not None]
        return sum(found) if found else None

    @property
    def dated_official(self) -> int | None:
        """Dated records with an official source, over all members."""
        found = [m.quality.dated_official for m in self.members if m.quality is not None]
        return sum(found) if found else None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "schema_version": 1,
            "context": self.context.to_dict() if self.context else None,
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
                    "sources": m.quality.to_dict() if m.quality else None,
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
                "dated": self.dated,
                "dated_official": self.dated_official,
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
                quality=(
                    source_quality(member, dataset.source_kinds)
                    if dataset.source_kinds is not None
                    else None
                ),
            )
        )
    return CoverageReport(
        as_of, tuple(dataset.categories), tuple(totals), tuple(cells), context=dataset.context()
    )
