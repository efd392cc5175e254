"""Two exports of different dates: the gaps that opened or closed, and what peers delisted."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from sanctions_gap.entities.answer import (
    SCHEMA_VERSION,
    EntityFilters,
    EntityReport,
    EntityRow,
    assess,
    find_entity_gaps,
)
from sanctions_gap.entities.collect import EntityTable, Target
from sanctions_gap.entities.lists import ListSelection
from sanctions_gap.entities.russia import RussiaRule

if TYPE_CHECKING:
    import pandas as pd

Change = Literal["opened", "closed", "delisted"]
CHANGE_ORDER = ("opened", "closed", "delisted")


@dataclass(frozen=True)
class EntityChange:
    """One entity whose gap opened or closed between two exports, or that a peer delisted."""

    change: Change
    id: str
    """Its id in the newer export (the older one's where it has gone)."""
    caption: str
    schema: str
    members: tuple[str, ...]
    """opened: the peers that list it now; closed: those that listed it; delisted: the peers
    that dropped it."""
    date: str | None
    """opened: the earliest peer date; closed: the member's date, if it lists it now."""
    reason: str
    """What happened, in words."""

    def to_dict(self) -> dict[str, Any]:
        """The change as a JSON-ready mapping."""
        return {
            "change": self.change,
            "id": self.id,
            "caption": self.caption,
            "schema": self.schema,
            "members": list(self.members),
            "date": self.date,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class EntityChangeReport:
    """What changed between an older and a newer export, for a member and its peers."""

    member: str
    peers: tuple[str, ...]
    old: EntityReport
    new: EntityReport
    rows: tuple[EntityChange, ...]
    """Opened, then closed, then delisted; then by caption and id."""

    def counts(self) -> dict[str, int]:
        """Rows per kind of change."""
        return {kind: sum(1 for r in self.rows if r.change == kind) for kind in CHANGE_ORDER}

    def to_dict(self) -> dict[str, Any]:
        """The report as a JSON-ready mapping."""
        return {
            "schema_version": SCHEMA_VERSION,
            "member": self.member,
            "peers": list(self.peers),
            "old": {"source": dict(self.old.source), "gaps": len(self.old.rows)},
            "new": {"source": dict(self.new.source), "gaps": len(self.new.rows)},
            "rows": [row.to_dict() for row in self.rows],
            "summary": self.counts(),
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per change; members joined with commas."""
        import pandas as pd

        records = [row.to_dict() | {"members": ",".join(row.members)} for row in self.rows]
        columns = ["change", "id", "caption", "schema", "members", "date", "reason"]
        return pd.DataFrame(records, columns=columns).astype("string")


def compare_exports(
    old: EntityTable,
    new: EntityTable,
    selection: ListSelection,
    rule: RussiaRule,
    filters: EntityFilters | None = None,
) -> EntityChangeReport:
    """The gaps opened and closed between ``old`` and ``new``, and the peers' delistings."""
    before = find_entity_gaps(old, selection, rule, filters)
    after = find_entity_gaps(new, selection, rule, filters)
    old_lists = _listed(old, selection, rule)
    new_lists = _listed(new, selection, rule)
    find = _finder(new)
    member = selection.members[0]
    rows: list[EntityChange] = []
    old_gaps = {row.id: row for row in before.rows}
    new_gaps = {row.id: row for row in after.rows}
    was_gap = {find(old.targets[i]) or i for i in old_gaps}
    rows.extend(_opened(row, member) for row in after.rows if row.id not in was_gap)
    for old_id, row in old_gaps.items():
        now = find(old.targets[old_id])
        if now is None or now not in new_gaps:
            rows.append(_closed(row, now, new, new_lists.get(now or "", {}), selection))
    for old_id, lists in old_lists.items():
        now = find(old.targets[old_id])
        dropped = tuple(p for p in lists if p != member and p not in new_lists.get(now or "", {}))
        if dropped:
            target = old.targets[old_id]
            gone = "no longer in the export" if now is None else "no longer on their lists"
            rows.append(
                EntityChange("delisted", now or old_id, target.caption, target.schema,
                             tuple(sorted(dropped)), None, gone)
            )  # fmt: skip
    rows.sort(key=lambda r: (CHANGE_ORDER.index(r.change), r.caption.casefold(), r.id))
    return EntityChangeReport(member, selection.members[1:], before, after, tuple(rows))


def _listed(
    table: EntityTable, selection: ListSelection, rule: RussiaRule
) -> dict[str, Mapping[str, object]]:
    """Each Russia-linked target's listing members."""
    return {target.id: lists for target, lists, _ in assess(table, selection, rule)}


def _finder(table: EntityTable) -> Any:
    """A function from an older export's target to its id in ``table`` (by id or referent)."""
    by_ref: dict[str, str] = {}
    for target in table.targets.values():
        for ref in target.referents:
            by_ref.setdefault(ref, target.id)

    def find(target: Target) -> str | None:
        for key in (target.id, *target.referents):
            if key in table.targets:
                return key
            if key in by_ref:
                return by_ref[key]
        return None

    return find


def _opened(row: EntityRow, member: str) -> EntityChange:
    return EntityChange(
        "opened", row.id, row.caption, row.schema, row.peers, row.since,
        f"listed by {', '.join(row.peers)}, not by {member}",
    )  # fmt: skip


def _closed(
    row: EntityRow,
    now: str | None,
    new: EntityTable,
    lists_now: Mapping[str, object],
    selection: ListSelection,
) -> EntityChange:
    member = selection.members[0]
    if member in lists_now:
        reason = f"{member} lists it now"
    elif now is None:
        reason = "no longer in the export"
    elif lists_now:
        reason = "fewer peers list it than the threshold, or a filter leaves it out"
    else:
        reason = "no peer lists it any more"
    date = None
    if member in lists_now and now is not None:
        date = _member_date(new, now, selection)
    return EntityChange("closed", now or row.id, row.caption, row.schema, row.peers, date, reason)


def _member_date(table: EntityTable, entity: str, selection: ListSelection) -> str | None:
    """The member's earliest date for the entity, from the `Sanction` entities of its lists."""
    member = selection.members[0]
    dates = [
        d.since
        for key, d in table.designations.get(entity, {}).items()
        if d.since
        and (key == f"@{member}" or any(m == member for m, _ in selection.counted_by.get(key, ())))
    ]
    return min(dates) if dates else None
