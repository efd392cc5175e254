"""The report people share: the existing questions about one member, composed on one date.

A ``Briefing`` holds the answers of ``compare``, ``matrix`` (on the member and its peers),
``timeline``, ``diff`` (over the year before the date) and the dataset's coverage, and, where an
OpenSanctions export was read, the entity-level gaps. It adds no rule of its own: every gap,
level and latency in it comes from those questions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sanctions_gap import __version__
from sanctions_gap.coverage import CoverageReport, measure_coverage
from sanctions_gap.dataset import STANDING_DAY, DataContext, Dataset, DateBasis, Record
from sanctions_gap.engine.changes import DiffReport, diff
from sanctions_gap.engine.comparison import CompareReport, compare
from sanctions_gap.engine.heatmap import MatrixReport, matrix
from sanctions_gap.engine.select import peers_of
from sanctions_gap.engine.tidy import SCHEMA_VERSION, iso, place, rounded
from sanctions_gap.engine.timelines import TimelinePoint, TimelineReport, timeline

if TYPE_CHECKING:  # the entity answer is only passed through: no import cost at run time
    import pandas as pd

    from sanctions_gap.entities.answer import EntityReport

TIMELINE_START = dt.date(2014, 1, 1)
"""Where the report's timeline starts: before the first measures (Crimea, March 2014)."""

ENTITY_ROWS = 50
"""How many entity-level gaps the JSON of a briefing lists (the counts cover all)."""


@dataclass(frozen=True)
class Milestone:
    """A day on which the member's level in a category changed: one of its measures."""

    date: dt.date
    category: str
    status: str
    via: str | None
    """The member the level comes from (``EU``), or None for the member's own record."""
    record: Record | None


@dataclass(frozen=True)
class Briefing:
    """One member against its peers on a date, every question of the tool answered once."""

    member: str
    peers: tuple[str, ...]
    as_of: dt.date
    date_basis: DateBasis
    year_before: dt.date
    """The start of the year the ``diff`` covers (the same day a year earlier)."""
    compare: CompareReport
    matrix: MatrixReport
    """Every member of the group (the member and its peers) in every category."""
    timeline: TimelineReport
    """Day by day from ``TIMELINE_START`` to ``as_of``, so that every date in it is exact."""
    steps: tuple[TimelinePoint, ...]
    """The timeline's first point and every point where a number changes, and its last."""
    milestones: tuple[Milestone, ...]
    """The member's level changes within the timeline, by date and category order."""
    diff: DiffReport
    coverage: CoverageReport
    """The dataset's coverage, for the members of the group only."""
    records: Mapping[tuple[str, str], Record | None]
    """The record behind each cell of the heat map, by (member, category)."""
    reviewed: Mapping[str, dt.date]
    """The `reviewed` date of each member of the group's file."""
    version: str
    """The version of sanctions-gap that answered."""
    context: DataContext | None = None
    """What the briefing rests on: the tool's and the dataset's versions."""
    entities: EntityReport | None = None
    """The entity-level gaps, where an OpenSanctions export was read."""

    @property
    def group(self) -> tuple[str, ...]:
        """The member and its peers, sorted."""
        return self.matrix.members

    def headline(self) -> dict[str, Any]:
        """The figures the report opens with, JSON-ready."""
        summary = self.compare.summary()
        return {
            "index": summary["index"],
            "peer_median_index": summary["peer_median_index"],
            "coverage": summary["coverage"],
            "gaps": summary["gaps"],
            "categories": summary["categories"],
            "unknown": summary["unknown"],
            "closed_last_year": len(self.diff.of("closed")),
            "opened_last_year": len(self.diff.of("opened")),
            "as_of": self.as_of.isoformat(),
            "reviewed": self.reviewed[self.member].isoformat(),
            "reviewed_oldest": min(self.reviewed.values()).isoformat(),
            "tool_version": self.version,
            "dataset_version": self.context.dataset_version if self.context else None,
        }

    def to_dict(self) -> dict[str, Any]:
        """The briefing as a JSON-ready mapping (the ``report --format json`` interface)."""
        timeline = self.timeline.to_dict()
        timeline["points"] = [
            {
                "date": p.date.isoformat(),
                "index": rounded(p.index),
                "peer_median_index": rounded(p.peer_median_index),
                "gaps": p.gaps,
            }
            for p in self.steps
        ]
        timeline["milestones"] = [
            {
                "date": m.date.isoformat(),
                "category": m.category,
                "status": m.status,
                "via": m.via,
                "source": place(m.record),
            }
            for m in self.milestones
        ]
        entities = None
        if self.entities is not None:
            entities = self.entities.to_dict()
            entities["rows"] = entities["rows"][:ENTITY_ROWS]
        return {
            "schema_version": SCHEMA_VERSION,
            "context": self.context.to_dict() if self.context else None,
            "member": self.member,
            "peers": list(self.peers),
            "as_of": self.as_of.isoformat(),
            "date_basis": self.date_basis.value,
            "year_before": self.year_before.isoformat(),
            "headline": self.headline(),
            "reviewed": {code: iso(date) for code, date in sorted(self.reviewed.items())},
            "compare": self.compare.to_dict(),
            "matrix": self.matrix.to_dict(),
            "timeline": timeline,
            "diff": self.diff.to_dict(),
            "coverage": self.coverage.to_dict(),
            "entities": entities,
        }

    def to_frame(self) -> pd.DataFrame:
        """The comparison's table: one row per category (the report's gap table and more)."""
        return self.compare.to_frame()


def one_year_before(date: dt.date) -> dt.date:
    """The same day a year earlier (28 February for a 29 February)."""
    try:
        return date.replace(year=date.year - 1)
    except ValueError:
        return date.replace(year=date.year - 1, day=28)


def briefing(
    dataset: Dataset,
    member: str,
    peers: str | Iterable[str],
    as_of: dt.date,
    *,
    basis: DateBasis = DateBasis.EFFECTIVE,
    min_peers: int = 1,
    min_share: float = 0.0,
    start: dt.date = TIMELINE_START,
    inherited_once: bool = False,
    entities: EntityReport | None = None,
) -> Briefing:
    """Everything the report shows about ``member`` against ``peers`` on ``as_of``.

    The same peers and thresholds apply to every part (with ``inherited_once``, a peer that
    inherits from another peer is left out, as ``compare`` does); the timeline runs from
    ``start`` (or ``as_of``, if earlier) and the changes over the year before ``as_of``.
    """
    code = dataset.resolve_member(member)
    peer_codes = peers_of(dataset, code, peers, inherited_once=inherited_once)
    bars: dict[str, Any] = {"basis": basis, "min_peers": min_peers, "min_share": min_share}
    comparison = compare(dataset, code, peer_codes, as_of, **bars)
    heat = matrix(dataset, [code, *peer_codes], as_of, basis=basis)
    first = min(start, as_of)
    history = timeline(dataset, code, peer_codes, start=first, end=as_of, freq="D", **bars)
    before = one_year_before(as_of)
    changes = diff(dataset, code, peer_codes, before, as_of, **bars)
    return Briefing(
        member=code,
        peers=comparison.peers,
        as_of=as_of,
        date_basis=basis,
        year_before=before,
        compare=comparison,
        matrix=heat,
        timeline=history,
        steps=_steps(history.points),
        milestones=_milestones(dataset, code, heat.categories, basis, first, as_of),
        diff=changes,
        coverage=_group_coverage(measure_coverage(dataset, as_of), heat.members),
        records={
            (m, c): dataset.levels(m, c, basis).at(as_of).record
            for m in heat.members
            for c in heat.categories
        },
        reviewed={m: dataset.members[m].reviewed for m in heat.members},
        version=__version__,
        context=comparison.context,
        entities=entities,
    )


def _steps(points: tuple[TimelinePoint, ...]) -> tuple[TimelinePoint, ...]:
    """The first point, each point whose numbers differ from the one before, and the last."""
    kept = [
        point
        for i, point in enumerate(points)
        if i == 0
        or i == len(points) - 1
        or (point.index, point.peer_median_index, point.gaps)
        != (points[i - 1].index, points[i - 1].peer_median_index, points[i - 1].gaps)
    ]
    return tuple(kept)


def _milestones(
    dataset: Dataset,
    member: str,
    categories: tuple[str, ...],
    basis: DateBasis,
    start: dt.date,
    end: dt.date,
) -> tuple[Milestone, ...]:
    """The days between ``start`` and ``end`` on which the member's level changed."""
    first, last = start.toordinal(), end.toordinal()
    found = []
    for order, category in enumerate(categories):
        history = dataset.levels(member, category, basis)
        before = None
        for day, answer in zip(history.days, history.answers, strict=True):
            # An inherited history has a step on every day a parent's changes: keep real changes.
            if day != STANDING_DAY and first <= day <= last and answer.status != before:
                found.append((day, order, answer))
            before = answer.status
    found.sort(key=lambda item: (item[0], item[1]))
    return tuple(
        Milestone(dt.date.fromordinal(day), categories[order], a.status, a.via, a.record)
        for day, order, a in found
    )


def _group_coverage(report: CoverageReport, members: tuple[str, ...]) -> CoverageReport:
    """The coverage report cut down to the members of the group."""
    return CoverageReport(
        as_of=report.as_of,
        categories=report.categories,
        members=tuple(m for m in report.members if m.member in members),
        cells=tuple(c for c in report.cells if c.member in members),
    )
