"""Reduce a stream of export entities to what the answer keeps: counted targets and designations."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sanctions_gap.entities.formats import FTM, NESTED, Export, Progress, read_entities
from sanctions_gap.entities.lists import ListSelection
from sanctions_gap.entities.prefilter import Prefilter
from sanctions_gap.entities.russia import RussiaRule
from sanctions_gap.perf import paused_gc

if TYPE_CHECKING:
    from sanctions_gap.entities.halves import Half

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
    processes: int | None = None,
) -> EntityTable:
    """Read ``export`` once and keep what the answer needs (raises ``EntityInputError``).

    A large, plain `entities.ftm.json` is read by two processes, each over half of its lines
    (``sanctions_gap.entities.halves``), unless ``processes`` is 1; the answer is the same.
    """
    from sanctions_gap.entities.halves import read_in_halves

    def make(log: bool) -> Collector:
        source = SourceInfo(export.name, export.format, export.compressed)
        return Collector(selection, rule, source, log=log)

    with paused_gc():
        collector = read_in_halves(export, make, progress) if processes != 1 else None
        if collector is None:
            collector = make(False)
            collector.read(export, progress)
        designations = collector.resolve()
    source = collector.source
    return EntityTable(source, collector.targets, designations, _warnings(source))


Logged = tuple[str, tuple[str, ...], int]
"""A designation as a collector with a log keeps it: the entity a `Sanction` points at, its
counted datasets, and the designation's index in ``Collector.made``."""


class Collector:
    """The state of one pass over an export (or over a run of its lines)."""

    def __init__(
        self, selection: ListSelection, rule: RussiaRule, source: SourceInfo, *, log: bool = False
    ) -> None:
        self.counted = selection.counted_by
        self.titles = selection.mapping.titles
        self.rule = rule
        self.source = source
        self.targets: dict[str, Target] = {}
        self.pending: dict[str, dict[str, Designation]] = {}
        self.log: list[Logged] | None = [] if log else None
        """With ``log``, designations are kept in file order rather than merged: the collector
        of the lines before can then take them as if it had read on (``take``)."""
        self.made: dict[tuple[str | None, str | None, frozenset[str]], int] = {}
        """Each distinct designation's index in ``self.made_list`` (they repeat a lot)."""
        self.made_list: list[Designation] = []
        # Values that many entities share, made once (less memory, fewer lookups).
        self._programmes: dict[tuple[tuple[str, ...], tuple[str, ...]], frozenset[str]] = {}
        self._shared: dict[object, Any] = {}

    def read(self, export: Export, progress: Progress | None = None) -> int:
        """Read the export's stream to its end; returns the number of lines read."""
        prefilter = Prefilter(self.counted) if export.format == FTM else None
        entities = read_entities(
            export, progress, self.titles, self.source.unknown_titles, prefilter
        )
        self.run(entities)
        if prefilter is None:
            return self.source.lines
        self.skipped(prefilter)
        return prefilter.read

    def run(self, entities: Iterable[tuple[int, dict[str, Any]]]) -> None:
        """Keep what the answer needs of these entities."""
        counted = self.counted
        source = self.source
        seen = source.datasets
        sanctioned = self.rule.sanctioned
        line = 0
        for line, entity in entities:
            schema = entity.get("schema")
            datasets = entity.get("datasets") or ()
            if schema == "Sanction":
                self.sanction(entity, datasets, None)
                continue
            props = entity.get("properties") or {}
            if not sanctioned(props, entity.get("target")):
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

    def skipped(self, prefilter: Prefilter) -> None:
        """Count what the prefilter skipped: `Sanction` lines and targets of other lists."""
        source = self.source
        source.sanctions += prefilter.sanctions
        source.targets += prefilter.targets
        source.datasets.update(prefilter.datasets())
        source.lines = source.entities = max(source.lines, prefilter.last)

    def target(
        self, entity: dict[str, Any], props: dict[str, Any], datasets: tuple[str, ...], line: int
    ) -> None:
        shared = self._shared
        get = props.get
        caption = entity.get("caption")
        names = [caption] if caption else []
        for prop in NAME_PROPS:
            values = get(prop)
            if values:
                names += values
        unique = dict.fromkeys(names)
        unique.pop("", None)
        identifiers: tuple[tuple[str, str], ...] = ()
        for prop in IDENTIFIER_PROPS:
            values = get(prop)
            if values:
                identifiers += tuple((prop, value) for value in values)
        keys = get("programId")
        schema = entity.get("schema") or "Thing"
        referents = entity.get("referents")
        births = get("birthDate")
        self.targets[entity["id"]] = Target(
            entity["id"],
            caption or entity["id"],
            shared.setdefault(schema, schema),
            line,
            shared.setdefault(datasets, datasets),
            self.rule.country_tie(props),
            self.programmes(tuple(keys), ()) if keys else _NO_PROGRAMMES,
            tuple(unique),
            tuple(births) if births else (),
            identifiers,
            tuple(referents) if referents else (),
            entity.get("first_seen"),
        )

    def programmes(self, keys: tuple[str, ...], programs: tuple[str, ...]) -> frozenset[str]:
        """The members whose Russia programme these keys and program texts name (cached)."""
        found = self._programmes.get((keys, programs))
        if found is None:
            found = self._programmes[keys, programs] = self.rule.programme_members(keys, programs)
        return found

    def sanction(self, entity: dict[str, Any], datasets: Sequence[str], owner: str | None) -> None:
        self.source.sanctions += 1
        counted = self.counted
        if len(datasets) == 1:
            mine = datasets if datasets[0] in counted else ()
        else:
            mine = [d for d in datasets if d in counted]
        if not mine and (datasets or owner is None):
            return
        get = (entity.get("properties") or {}).get
        keys, programs = get("programId"), get("program")
        programmes = self.programmes(
            tuple(keys) if keys else (), tuple(programs) if programs else ()
        )
        if not datasets and owner is not None:
            # A CSV sanction string names no list: its programme tells whose it is.
            mine = [f"@{member}" for member in programmes]
            if not mine:
                return
        dates = [*(get("startDate") or ()), *(get("listingDate") or ())]
        since = min(dates) if dates else None
        urls = get("sourceUrl")
        key = (since, urls[0] if urls else None, programmes)
        index = self.made.get(key)
        if index is None:
            index = self.made[key] = len(self.made_list)
            self.made_list.append(Designation(*key))
        refs = (owner,) if owner is not None else get("entity") or ()
        if self.log is not None:
            shared = tuple(mine)
            self.log.extend((ref, shared, index) for ref in refs)
        else:
            self.designate(refs, mine, self.made_list[index])

    def designate(self, refs: Iterable[str], datasets: Sequence[str], new: Designation) -> None:
        """Merge a designation of ``refs`` by ``datasets`` into what is known of them."""
        pending = self.pending
        for ref in refs:
            per_dataset = pending.get(ref)
            if per_dataset is None:
                pending[ref] = dict.fromkeys(datasets, new)
                continue
            for dataset in datasets:
                _merge(per_dataset, dataset, new)

    def take(self, half: Half, offset: int) -> None:
        """Go on with what a collector with a log kept of the ``offset`` lines after ours."""
        source = self.source
        targets = self.targets
        fields = half.targets
        for index, values in enumerate(fields):
            target = Target(*values)  # type: ignore[arg-type]
            target.line += offset
            targets[target.id] = target
            fields[index] = ()  # the tuple goes as its target comes: the half is not held twice
        made = [Designation(*d) for d in half.designations]
        for ref, datasets, index in half.log:
            self.designate((ref,), datasets, made[index])
        source.targets += half.targets_seen
        source.sanctions += half.sanctions_seen
        source.datasets |= half.datasets
        if half.format != FTM:
            source.format = half.format
        if half.lines:
            source.lines = source.entities = offset + half.lines

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
            into = resolved.get(canonical)
            if into is None:  # the first designations of the entity: taken as they are
                resolved[canonical] = per_dataset
                continue
            for dataset, designation in per_dataset.items():
                _merge(into, dataset, designation)
        return resolved


_NO_PROGRAMMES: frozenset[str] = frozenset()


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
