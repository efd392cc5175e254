"""Who the peers designate and the member does not: one row per Russia-linked entity."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sanctions_gap.entities.collect import Designation, EntityTable, Target
from sanctions_gap.entities.lists import MEASURE_KINDS, ListSelection
from sanctions_gap.entities.matching import MatchIndex, PossibleMatch, normalise_name
from sanctions_gap.entities.russia import RussiaRule
from sanctions_gap.errors import SanctionsGapError
from sanctions_gap.perf import paused_gc

if TYPE_CHECKING:
    import pandas as pd

SCHEMA_VERSION = 1
ENTITY_URL = "https://www.opensanctions.org/entities/{id}/"
LICENCE = "Data: OpenSanctions, CC BY-NC 4.0 (https://www.opensanctions.org/licensing/)"
SCHEMA_GROUPS: Mapping[str, str] = {
    "Person": "people",
    "Company": "companies",
    "Organization": "companies",
    "LegalEntity": "companies",
    "PublicBody": "companies",
    "Vessel": "vessels",
    "Airplane": "aircraft",
}
"""How the gap counts group FtM schemata; any other schema counts as ``other``."""
GROUP_ORDER = ("people", "companies", "vessels", "aircraft", "other")


class EntityQueryError(SanctionsGapError, ValueError):
    """An option of the entity query is out of range (an unknown schema, min_peers < 1)."""


@dataclass(frozen=True, slots=True)
class Listing:
    """One member's listing of an entity."""

    since: str | None
    """The earliest start or listing date its `Sanction` entities give (None: unknown)."""
    kind: str
    """The strongest measure kind of the lists that hold it."""
    url: str
    """The `Sanction`'s source URL, else the list's page."""
    datasets: tuple[str, ...]
    """The member's lists that hold it."""
    via: str | None
    """The member whose lists it takes (``EU`` for France, Germany, Italy), if inherited."""

    def to_dict(self) -> dict[str, Any]:
        """The listing as a JSON-ready mapping."""
        return {
            "listed": True,
            "since": self.since,
            "kind": self.kind,
            "url": self.url,
            "datasets": list(self.datasets),
            "via": self.via,
        }


NOT_LISTED: Mapping[str, Any] = {"listed": False}


@dataclass(frozen=True, slots=True)
class EntityRow:
    """A Russia-linked entity that peers designate and the member does not."""

    id: str
    caption: str
    schema: str
    line: int
    """Its line in the export."""
    listings: Mapping[str, Listing]
    """The listing of each compared member that lists it."""
    peers: tuple[str, ...]
    """The peers that list it, sorted."""
    since: str | None
    """The earliest date a peer's listing gives."""
    tie: str
    """``country`` or ``programme``: what ties it to Russia."""
    matches: tuple[PossibleMatch, ...] = ()
    """Entities on the member's own lists that may be this one under another id."""

    @property
    def url(self) -> str:
        """The entity's page at OpenSanctions."""
        return ENTITY_URL.format(id=self.id)

    @property
    def schema_group(self) -> str:
        """people, companies, vessels, aircraft or other."""
        return SCHEMA_GROUPS.get(self.schema, "other")

    def to_dict(self, members: Iterable[str]) -> dict[str, Any]:
        """The row as a JSON-ready mapping, with a listing (or not) for every member."""
        return {
            "id": self.id,
            "caption": self.caption,
            "schema": self.schema,
            "url": self.url,
            "line": self.line,
            "peers": list(self.peers),
            "since": self.since,
            "tie": self.tie,
            "listings": {
                m: self.listings[m].to_dict() if m in self.listings else dict(NOT_LISTED)
                for m in members
            },
            "possible_matches": [match.to_dict() for match in self.matches],
        }


@dataclass(frozen=True)
class EntityReport:
    """The entity-level gaps of a member against its peers in one export."""

    member: str
    peers: tuple[str, ...]
    source: Mapping[str, Any]
    """What was read (name, format, lines, targets, sanctions)."""
    countries: tuple[str, ...]
    """The countries of the Russia-linked rule."""
    min_peers: int
    filters: Mapping[str, Any]
    """The filters given (schema, measure kinds, name, listed since), for the record."""
    rows: tuple[EntityRow, ...]
    """The gaps, most peers first, then by date, caption and id."""
    listed: Mapping[str, int]
    """Russia-linked entities each compared member lists."""
    overlap: Mapping[str, Mapping[str, int]]
    """Russia-linked entities listed by both members of each pair."""
    russia_linked: int
    """Russia-linked entities listed by at least one compared member."""
    member_only: int
    """Russia-linked entities only the member lists (some may be unmerged records)."""
    warnings: tuple[str, ...] = ()

    @property
    def members(self) -> tuple[str, ...]:
        """The member, then its peers."""
        return (self.member, *self.peers)

    def peer_counts(self) -> dict[str, int]:
        """Gap rows each peer lists."""
        counts = Counter(peer for row in self.rows for peer in row.peers)
        return {peer: counts[peer] for peer in self.peers}

    def schema_counts(self) -> dict[str, int]:
        """Gap rows by schema group."""
        counts = Counter(row.schema_group for row in self.rows)
        return {group: counts[group] for group in GROUP_ORDER}

    def summary(self) -> dict[str, Any]:
        """The headline numbers, JSON-ready."""
        return {
            "gaps": len(self.rows),
            "possible_matches": sum(1 for row in self.rows if row.matches),
            "russia_linked": self.russia_linked,
            "member_only": self.member_only,
            "listed": dict(self.listed),
            "peer_counts": self.peer_counts(),
            "schema_counts": self.schema_counts(),
            "overlap": {m: dict(row) for m, row in self.overlap.items()},
        }

    def to_dict(self) -> dict[str, Any]:
        """The report as a JSON-ready mapping (the ``entities --format json`` interface)."""
        members = self.members
        return {
            "schema_version": SCHEMA_VERSION,
            "member": self.member,
            "peers": list(self.peers),
            "source": dict(self.source),
            "countries": list(self.countries),
            "min_peers": self.min_peers,
            "filters": dict(self.filters),
            "licence": LICENCE,
            "rows": [row.to_dict(members) for row in self.rows],
            "summary": self.summary(),
            "warnings": list(self.warnings),
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per gap, with ``<member>_listed``, ``_since``, ``_kind``, ``_url`` columns."""
        import pandas as pd

        columns = _frame_columns(self.members)
        records = [_frame_record(row, self.members) for row in self.rows]
        frame = pd.DataFrame(records, columns=list(columns))
        return frame.astype(columns)


def _frame_columns(members: Iterable[str]) -> dict[str, str]:
    columns = {
        "id": "string",
        "caption": "string",
        "schema": "string",
        "peers": "string",
        "peer_count": "int64",
        "since": "string",
        "tie": "string",
        "possible_matches": "string",
        "url": "string",
    }
    for m in members:
        columns |= {f"{m}_listed": "bool", f"{m}_since": "string", f"{m}_kind": "string"}
        columns |= {f"{m}_url": "string", f"{m}_via": "string"}
    return columns


def _frame_record(row: EntityRow, members: Iterable[str]) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": row.id,
        "caption": row.caption,
        "schema": row.schema,
        "peers": ",".join(row.peers),
        "peer_count": len(row.peers),
        "since": row.since,
        "tie": row.tie,
        "possible_matches": ",".join(m.id for m in row.matches) or None,
        "url": row.url,
    }
    for m in members:
        listing = row.listings.get(m)
        record[f"{m}_listed"] = listing is not None
        record[f"{m}_since"] = listing.since if listing else None
        record[f"{m}_kind"] = listing.kind if listing else None
        record[f"{m}_url"] = listing.url if listing else None
        record[f"{m}_via"] = listing.via if listing else None
    return record


# ---------------------------------------------------------------------- assessing each entity


@dataclass
class _Assessor:
    """Who lists each target, and whether it is Russia-linked, with per-combination caching."""

    selection: ListSelection
    rule: RussiaRule
    compared: frozenset[str] = field(init=False)
    _combos: dict[tuple[str, ...], dict[str, list[tuple[str, str | None]]]] = field(
        init=False, default_factory=dict
    )
    _bases: dict[
        int, tuple[Listing, tuple[str, ...], dict[tuple[str | None, str | None], Listing]]
    ] = field(init=False, default_factory=dict)
    """By the id of a (cached, never freed) pairs list: the undated listing, the designation
    keys to look up, and the dated listings made so far."""
    _members: dict[int, frozenset[str]] = field(init=False, default_factory=dict)
    """The listing members of each (cached) combination, by its id."""

    def __post_init__(self) -> None:
        self.compared = frozenset(self.selection.members)

    def lists_of(self, target: Target) -> dict[str, list[tuple[str, str | None]]]:
        """Per listing member: its (dataset, inherited from) pairs that hold the target."""
        combo = self._combos.get(target.datasets)
        if combo is None:
            combo = {}
            for dataset in target.datasets:
                for member, via in self.selection.counted_by[dataset]:
                    combo.setdefault(member, []).append((dataset, via))
            self._combos[target.datasets] = combo
            self._members[id(combo)] = frozenset(combo)
        return combo

    def members_of(self, lists: dict[str, list[tuple[str, str | None]]]) -> frozenset[str]:
        """The listing members of a combination ``lists_of`` made."""
        return self._members[id(lists)]

    def tie(self, target: Target, designations: Mapping[str, Designation]) -> str | None:
        """``country``, ``programme`` or None (not Russia-linked)."""
        if target.country_tie:
            return "country"
        compared = self.compared
        if not compared.isdisjoint(target.programmes):
            return "programme"
        for designation in designations.values():
            if not compared.isdisjoint(designation.programmes):
                return "programme"
        return None

    def listing(
        self,
        member: str,
        pairs: list[tuple[str, str | None]],
        designations: Mapping[str, Designation],
    ) -> Listing:
        """The member's listing: earliest date, strongest kind, a source link."""
        made = self._bases.get(id(pairs))
        if made is None:
            # Dates a CSV sanction string gives, attributed by its programme (ours or inherited).
            owners = {member, *(via for _, via in pairs if via)}
            keys = (*(d for d, _ in pairs), *(f"@{owner}" for owner in owners))
            made = self._bases[id(pairs)] = (self._base(member, pairs), keys, {})
        base, keys, dated = made
        if not designations:
            return base
        since = url = None
        for key in keys:
            found = designations.get(key)
            if found is None:
                continue
            if found.since is not None and (since is None or found.since < since):
                since, url = found.since, found.url or url
            elif url is None:
                url = found.url
        if since is None and url is None:
            return base
        listing = dated.get((since, url))
        if listing is None:
            listing = dated[since, url] = Listing(
                since, base.kind, url or base.url, base.datasets, base.via
            )
        return listing

    def _base(self, member: str, pairs: list[tuple[str, str | None]]) -> Listing:
        """The listing before any `Sanction` is read: no date, the list's page as link."""
        kind = min((self.selection.kinds[d] for d, _ in pairs), key=MEASURE_KINDS.index)
        url = self.selection.mapping.url(pairs[0][0])
        return Listing(None, kind, url, tuple(d for d, _ in pairs), pairs[0][1])


def assess(
    table: EntityTable, selection: ListSelection, rule: RussiaRule
) -> Iterator[tuple[Target, dict[str, list[tuple[str, str | None]]], str]]:
    """Each Russia-linked target with its listing members' lists and its tie."""
    assessor = _Assessor(selection, rule)
    empty: Mapping[str, Designation] = {}
    designations = table.designations
    for target in table.targets.values():
        lists = assessor.lists_of(target)
        if not lists:
            continue
        tie = assessor.tie(target, designations.get(target.id, empty))
        if tie is not None:
            yield target, lists, tie


# ---------------------------------------------------------------------- the query


@dataclass(frozen=True)
class EntityFilters:
    """Which gaps to show: at least ``min_peers`` peers, and optional narrower filters."""

    min_peers: int = 1
    schemata: tuple[str, ...] | None = None
    """FtM schemata (``Vessel``) or groups (``people``, ``companies``, ``vessels``,
    ``aircraft``, ``other``)."""
    name: str | None = None
    """A normalised substring of one of the entity's names."""
    listed_since: dt.date | None = None
    """Only entities a peer lists on or after this date (by the earliest known date)."""

    def check(self) -> None:
        """Refuse out-of-range options."""
        if self.min_peers < 1:
            raise EntityQueryError(f"min_peers must be at least 1, not {self.min_peers}")
        known = {*SCHEMA_GROUPS, *GROUP_ORDER}
        for schema in self.schemata or ():
            if schema not in known:
                raise EntityQueryError(
                    f"unknown schema {schema!r}; use {', '.join(GROUP_ORDER)} or an FtM "
                    f"schema ({', '.join(SCHEMA_GROUPS)})"
                )

    def to_dict(self) -> dict[str, Any]:
        """The filters as a JSON-ready mapping."""
        return {
            "schema": list(self.schemata) if self.schemata else None,
            "name": self.name,
            "listed_since": self.listed_since.isoformat() if self.listed_since else None,
        }

    def keeps(self, target: Target, since: str | None) -> bool:
        """Whether a gap passes the schema, name and date filters."""
        if self.schemata is not None:
            group = SCHEMA_GROUPS.get(target.schema, "other")
            if target.schema not in self.schemata and group not in self.schemata:
                return False
        if self.listed_since is not None and (
            since is None or since[:10] < self.listed_since.isoformat()
        ):
            return False
        if self.name:
            wanted = normalise_name(self.name)
            return any(wanted in normalise_name(n) for n in target.names)
        return True


def find_entity_gaps(
    table: EntityTable,
    selection: ListSelection,
    rule: RussiaRule,
    filters: EntityFilters | None = None,
    measure_kinds: Iterable[str] | None = None,
) -> EntityReport:
    """The Russia-linked entities that at least ``min_peers`` peers list and the member does not."""
    filters = filters or EntityFilters()
    filters.check()
    with paused_gc():  # many small acyclic objects: see sanctions_gap.perf
        return _find(table, selection, rule, filters, measure_kinds)


def _find(
    table: EntityTable,
    selection: ListSelection,
    rule: RussiaRule,
    filters: EntityFilters,
    measure_kinds: Iterable[str] | None,
) -> EntityReport:
    member = selection.members[0]
    assessor = _Assessor(selection, rule)
    designations = table.designations
    combos: Counter[frozenset[str]] = Counter()
    own: list[Target] = []
    rows: list[EntityRow] = []
    empty: Mapping[str, Designation] = {}
    for target in table.targets.values():
        lists = assessor.lists_of(target)
        if member in lists:
            own.append(target)  # Russia-linked or not: a possible match under another id
        mine = designations.get(target.id, empty)
        tie = assessor.tie(target, mine) if lists else None
        if tie is None:
            continue
        combos[assessor.members_of(lists)] += 1
        if member in lists or len(lists) < filters.min_peers:
            continue
        listings = {m: assessor.listing(m, pairs, mine) for m, pairs in lists.items()}
        dates = [listing.since for listing in listings.values() if listing.since]
        since = min(dates) if dates else None
        if filters.keeps(target, since):
            row = EntityRow(
                target.id, target.caption, target.schema, target.line, listings,
                tuple(sorted(listings)), since, tie,
            )  # fmt: skip
            rows.append(row)
    rows = _with_matches(rows, own, table)
    rows.sort(key=lambda r: (-len(r.peers), r.since or "9999", r.caption.casefold(), r.id))
    return _report(table, selection, rule, filters, measure_kinds, rows, combos)


def _with_matches(rows: list[EntityRow], own: list[Target], table: EntityTable) -> list[EntityRow]:
    """The rows, each with the member's entities that may be it under another id."""
    if not own or not rows:
        return rows
    index = MatchIndex(own)
    targets = table.targets
    result = []
    for row in rows:
        matches = index.matches(targets[row.id])
        if matches:
            row = EntityRow(
                row.id, row.caption, row.schema, row.line, row.listings, row.peers, row.since,
                row.tie, matches,
            )  # fmt: skip
        result.append(row)
    return result


def _report(
    table: EntityTable,
    selection: ListSelection,
    rule: RussiaRule,
    filters: EntityFilters,
    measure_kinds: Iterable[str] | None,
    rows: list[EntityRow],
    combos: Counter[frozenset[str]],
) -> EntityReport:
    members = selection.members
    listed = {m: sum(n for combo, n in combos.items() if m in combo) for m in members}
    overlap = {
        a: {b: sum(n for combo, n in combos.items() if a in combo and b in combo) for b in members}
        for a in members
    }
    shown = filters.to_dict() | {
        "measure_kinds": sorted(measure_kinds) if measure_kinds is not None else None
    }
    return EntityReport(
        member=members[0],
        peers=tuple(members[1:]),
        source=table.source.to_dict(),
        countries=tuple(sorted(rule.countries)),
        min_peers=filters.min_peers,
        filters=shown,
        rows=tuple(rows),
        listed=listed,
        overlap=overlap,
        russia_linked=sum(combos.values()),
        member_only=combos[frozenset({members[0]})],
        warnings=table.warnings,
    )
