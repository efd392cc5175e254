"""Reduce a stream of export entities to what the answer keeps: counted targets and designations."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sanctions_gap.entities.formats import FTM, NESTED, Export, Progress, read_entities
from sanctions_gap.entities.lists import ListSelection
from sanctions_gap.entities.russia import RussiaRule
from sanctions_gap.perf import paused_gc

NAME_PROPS = ("name", "alias", "previousName")
IDENTIFIER_PROPS = (
    "innCode",
    "ogrnCode",
    "swiftBic",
    "imoNumber",
    "leiCode",
    "registrationNumber",
    "identifier",
)
"""Strong identifiers (``identifier`` holds the untyped ones of `targets.simple.csv`)."""


@dataclass(slots=True)
class Target:
    """A sanctioned entity that one of the compared members' lists holds."""

    id: str
    caption: str
    schema: str
    line: int
    """Its line in the export."""
    datasets: tuple[str, ...]
    """Its counted datasets."""
    country_tie: bool
    """Whether a country property ties it (to Russia, by default)."""
    programmes: frozenset[str]
    """Members whose Russia programme its program keys name."""
    names: tuple[str, ...]
    birth_dates: tuple[str, ...]
    identifiers: tuple[tuple[str, str], ...]
    """(property, value) pairs of strong identifiers."""
    referents: tuple[str, ...]
    first_seen: str | None


@dataclass(slots=True)
class Designation:
    """What the `Sanction` entities of one dataset say about one entity, reduced."""

    since: str | None
    """The earliest start or listing date (None: no date known)."""
    url: str | None
    """The source URL of that earliest (or first) `Sanction`."""
    programmes: frozenset[str]
    """Members whose Russia programme it is under."""


@dataclass
class SourceInfo:
    """What was read from one export."""

    name: str
    format: str
    compressed: bool
    lines: int = 0
    entities: int = 0
    targets: int = 0
    """Sanctioned entities seen (counted or not)."""
    sanctions: int = 0
    """`Sanction` entities seen (embedded ones included)."""
    datasets: set[str] = field(default_factory=set)
    """Every dataset id the targets carry."""
    unknown_titles: set[str] = field(default_factory=set)

    def to_dict(self) -> dict[str, Any]:
        """The source as a JSON-ready mapping."""
        return {
            "name": self.name,
            "format": self.format,
            "compressed": self.compressed,
            "lines": self.lines,
            "targets": self.targets,
            "sanctions": self.sanctions,
        }


@dataclass(frozen=True)
class EntityTable:
    """The counted targets of one export and their designations, keyed by canonical id."""

    source: SourceInfo
    targets: Mapping[str, Target]
    designations: Mapping[str, Mapping[str, Designation]]
    """Per target id: per counted dataset, what its `Sanction` entities say."""
    warnings: tuple[str, ...]


def collect(
    export: Export,
    selection: ListSelection,
    rule: RussiaRule,
    progress: Progress | None = None,
) -> EntityTable:
    """Read ``export`` once and keep what the answer needs (raises ``EntityInputError``)."""
    source = SourceInfo(export.name, export.format, export.compressed)
    collector = _Collector(selection, rule, source)
    with paused_gc():
        collector.run(
            read_entities(export, progress, selection.mapping.titles, source.unknown_titles)
        )
        designations = collector.resolve()
    return EntityTable(source, collector.targets, designations, _warnings(source))


class _Collector:
    """The state of one pass over an export."""

    def __init__(self, selection: ListSelection, rule: RussiaRule, source: SourceInfo) -> None:
        self.counted = selection.counted_by
        self.rule = rule
        self.source = source
        self.targets: dict[str, Target] = {}
        self.pending: dict[str, dict[str, Designation]] = {}

    def run(self, entities: Iterable[tuple[int, dict[str, Any]]]) -> None:
        counted = self.counted
        source = self.source
        seen = source.datasets
        line = 0
        for line, entity in entities:
            schema = entity.get("schema")
            datasets = entity.get("datasets") or ()
            if schema == "Sanction":
                self.sanction(entity, datasets, None)
                continue
            props = entity.get("properties") or {}
            if not self.rule.sanctioned(props, entity.get("target")):
                continue
            source.targets += 1
            seen.update(datasets)
            mine = tuple(d for d in datasets if d in counted)
            embedded = props.get("sanctions")
            if embedded and type(embedded[0]) is dict:
                if source.format == FTM:
                    source.format = NESTED
                for sanction in embedded:
                    self.sanction(sanction, sanction.get("datasets") or (), entity["id"])
            if mine:
                self.target(entity, props, mine, line)
        source.lines = line
        source.entities = line

    def target(
        self, entity: dict[str, Any], props: dict[str, Any], datasets: tuple[str, ...], line: int
    ) -> None:
        rule = self.rule
        names = [entity.get("caption") or ""]
        for prop in NAME_PROPS:
            names.extend(props.get(prop) or ())
        self.targets[entity["id"]] = Target(
            entity["id"],
            entity.get("caption") or entity["id"],
            entity.get("schema") or "Thing",
            line,
            datasets,
            rule.country_tie(props),
            rule.programme_members(props.get("programId") or ()),
            tuple(dict.fromkeys(n for n in names if n)),
            tuple(props.get("birthDate") or ()),
            tuple((p, v) for p in IDENTIFIER_PROPS for v in props.get(p) or ()),
            tuple(entity.get("referents") or ()),
            entity.get("first_seen"),
        )

    def sanction(self, entity: dict[str, Any], datasets: Sequence[str], owner: str | None) -> None:
        self.source.sanctions += 1
        props = entity.get("properties") or {}
        mine = [d for d in datasets if d in self.counted]
        programmes = self.rule.programme_members(
            props.get("programId") or (), props.get("program") or ()
        )
        if not datasets and owner is not None:
            # A CSV sanction string names no list: its programme tells whose it is.
            mine = [f"@{member}" for member in programmes]
        if not mine:
            return
        dates = [*(props.get("startDate") or ()), *(props.get("listingDate") or ())]
        since = min(dates) if dates else None
        urls = props.get("sourceUrl")
        url = urls[0] if urls else None
        for ref in [owner] if owner is not None else props.get("entity") or ():
            per_dataset = self.pending.setdefault(ref, {})
            for dataset in mine:
                _merge(per_dataset, dataset, Designation(since, url, programmes))

    def resolve(self) -> dict[str, dict[str, Designation]]:
        """Designations by canonical id: references to a referent go to its entity."""
        targets = self.targets
        wanted = {ref for ref in self.pending if ref not in targets}
        by_referent = {}
        if wanted:
            for target in targets.values():
                for ref in target.referents:
                    if ref in wanted:
                        by_referent[ref] = target.id
        resolved: dict[str, dict[str, Designation]] = {}
        for ref, per_dataset in self.pending.items():
            canonical = ref if ref in targets else by_referent.get(ref)
            if canonical is None:
                continue
            into = resolved.setdefault(canonical, {})
            for dataset, designation in per_dataset.items():
                _merge(into, dataset, designation)
        return resolved


def _merge(into: dict[str, Designation], dataset: str, new: Designation) -> None:
    """Keep the earliest date (and its URL) and every programme of a dataset's designations."""
    old = into.get(dataset)
    if old is None:
        into[dataset] = new
        return
    if new.since is not None and (old.since is None or new.since < old.since):
        into[dataset] = Designation(new.since, new.url or old.url, old.programmes | new.programmes)
    elif new.programmes - old.programmes or (old.url is None and new.url):
        into[dataset] = Designation(old.since, old.url or new.url, old.programmes | new.programmes)


def _warnings(source: SourceInfo) -> tuple[str, ...]:
    warnings = []
    if len(source.datasets) == 1:
        [only] = source.datasets
        warnings.append(
            f"{source.name}: every target comes from one dataset ({only}): a single-source "
            "export cannot show what peers list; use the `sanctions` collection"
        )
    if source.unknown_titles:
        shown = ", ".join(sorted(source.unknown_titles)[:5])
        more = len(source.unknown_titles) - 5
        warnings.append(
            f"{source.name}: {len(source.unknown_titles)} list titles are not in the mapping and "
            f"do not count ({shown}{f', and {more} more' if more > 0 else ''}); map them with "
            "--lists FILE"
        )
    return tuple(warnings)
