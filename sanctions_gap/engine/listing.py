"""The records themselves: a member's own and inherited records, with instruments and sources."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sanctions_gap.dataset import DataContext, Dataset, Record, select_categories
from sanctions_gap.engine.tidy import SCHEMA_VERSION, iso
from sanctions_gap.frame import DATE_DTYPE, typed_frame

if TYPE_CHECKING:  # pandas is imported where a frame is built, not on the hot path
    import pandas as pd


@dataclass(frozen=True)
class ShowRecord:
    """A record as ``show`` lists it, with where it applies from."""

    record: Record
    via: str | None
    """The inherited member whose record this is (``EU``), or None for the member's own."""

    def to_dict(self) -> dict[str, Any]:
        """The record as a JSON-ready mapping."""
        measure = self.record.measure
        return {
            "member": self.record.member,
            "via": self.via,
            "category": measure.category,
            "status": measure.status,
            "effective": iso(measure.effective),
            "announced": iso(measure.announced),
            "confirmed": iso(measure.confirmed),
            "instrument": measure.instrument,
            "summary": measure.summary,
            "exemptions": [{"scope": e.scope, "until": iso(e.until)} for e in measure.exemptions],
            "sources": [
                {"title": s.title, "url": s.url, "citation": s.citation} for s in measure.sources
            ],
            "notes": measure.notes,
            "path": self.record.path,
            "line": self.record.line,
        }


@dataclass(frozen=True)
class ShowReport:
    """A member's records (and the records it inherits), with instruments and sources."""

    member: str
    category: str | None
    """The category asked for, where one was."""
    records: tuple[ShowRecord, ...]
    """By category (`categories.yaml` order), standing absences first, then by date."""
    categories: tuple[str, ...] | None = None
    """The categories asked for (None: all of them)."""
    context: DataContext | None = field(default=None, compare=False)
    """What the report rests on: the tool's and the dataset's versions."""

    def to_dict(self) -> dict[str, Any]:
        """The report as a JSON-ready mapping."""
        return {
            "schema_version": SCHEMA_VERSION,
            "context": self.context.to_dict() if self.context else None,
            "member": self.member,
            "category": self.category,
            "categories": None if self.categories is None else list(self.categories),
            "records": [r.to_dict() for r in self.records],
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per record; exemptions and source titles joined with `` | ``."""
        records = []
        for item in self.records:
            data = item.to_dict()
            data["exemptions"] = " | ".join(
                e["scope"] + (f" (until {e['until']})" if e["until"] else "")
                for e in data["exemptions"]
            )
            sources = data.pop("sources")
            data["sources"] = " | ".join(s["title"] for s in sources)
            data["urls"] = " | ".join(s["url"] for s in sources if s["url"])
            records.append(data)
        dtypes = {
            "member": "string",
            "via": "string",
            "category": "string",
            "status": "string",
            "effective": DATE_DTYPE,
            "announced": DATE_DTYPE,
            "confirmed": DATE_DTYPE,
            "instrument": "string",
            "summary": "string",
            "exemptions": "string",
            "notes": "string",
            "path": "string",
            "line": "int64",
            "sources": "string",
            "urls": "string",
        }
        return typed_frame(records, dtypes)


def show(dataset: Dataset, member: str, category: str | Iterable[str] | None = None) -> ShowReport:
    """The member's records, and those of the members it inherits (marked ``via``); all
    categories, or the one or several named."""
    code = dataset.resolve_member(member)
    named = [category] if isinstance(category, str) else category
    chosen = None if named is None else tuple(select_categories(dataset, named))
    sources: list[tuple[str, str | None]] = [(code, None)]
    for source, _via in sources:
        sources.extend(
            (parent, parent)
            for parent in dataset.members[source].inherits
            if parent not in {s for s, _ in sources}
        )
    order = {c: position for position, c in enumerate(dataset.categories)}
    found = [
        ShowRecord(record, via)
        for source, via in sources
        for c in dataset.categories
        if chosen is None or c in chosen
        for record in dataset.history(source, c)
    ]
    found.sort(
        key=lambda item: (
            order[item.record.measure.category],
            item.record.measure.effective is not None,
            item.record.measure.effective or dt.date.min,
            item.via or "",
            item.record.line,
        )
    )
    return ShowReport(
        member=code,
        category=chosen[0] if chosen is not None and len(chosen) == 1 else None,
        records=tuple(found),
        categories=chosen,
        context=dataset.context(),
    )
