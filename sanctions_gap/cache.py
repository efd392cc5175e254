"""A validated dataset kept as JSON, keyed by the content of its files and of the rules.

Reading the cache replaces parsing the YAML and validating it, which is most of a run's work.
The cache is data, never code (JSON, not pickle), and it is used only when its key matches:
the key is a hash of this package's version, of the source of the modules whose rules decide
what a valid dataset is, and of every file ``validate`` reads. Anything unexpected in a cache
file (another key, another format, a field that does not fit) makes it a miss, and the dataset
is validated as if there were no cache. Deleting the cache directory is always safe.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sanctions_gap import __version__
from sanctions_gap.dataset import Dataset, Record
from sanctions_gap.models import (
    Category,
    Exemption,
    Group,
    InstrumentPattern,
    Level,
    Measure,
    Member,
    Source,
    SourceKindsFile,
    plain,
)
from sanctions_gap.sources import SourceKinds

FORMAT = 1
"""The layout of a cache file; raised when the layout changes."""

_RULES = ("models.py", "loader.py", "sources.py", "dataset.py", "cache.py", "validate")
"""The package's modules (files or folders) whose code decides what a loaded dataset is."""

NESTED: dict[tuple[type, str], type] = {
    (Category, "levels"): Level,
    (Member, "measures"): Measure,
    (Measure, "exemptions"): Exemption,
    (Measure, "sources"): Source,
    (SourceKindsFile, "identifiers"): InstrumentPattern,
}
"""The fields that hold lists of records, with the type of their items."""

DATES: dict[type, frozenset[str]] = {
    Member: frozenset({"reviewed"}),
    Measure: frozenset({"effective", "announced", "confirmed"}),
    Exemption: frozenset({"until"}),
    Source: frozenset({"published", "accessed"}),
}
"""The fields that hold dates (ISO text in the cache)."""


def dataset_files(root: Path) -> Iterator[Path]:
    """The files a validation of ``root`` reads, in a fixed order."""
    for name in ("categories.yaml", "groups.yaml", "sources.yaml"):
        yield root / name
    members = root / "members"
    if members.is_dir():
        yield from sorted(p for p in members.iterdir() if p.suffix in (".yaml", ".yml"))


def data_version(root: Path) -> str:
    """A short hash of the content of the files ``validate`` reads: the dataset's version."""
    digest = hashlib.sha256(b"sanctions-gap dataset\n")
    for file in dataset_files(root):
        _digest_file(digest, file, file.relative_to(root).as_posix())
    return digest.hexdigest()[:12]


def dataset_key(root: Path) -> str:
    """The key of a dataset directory's content under this version of the rules."""
    digest = hashlib.sha256(f"sanctions-gap {__version__} cache {FORMAT}\n".encode())
    package = Path(__file__).resolve().parent
    for name in _RULES:
        target = package / name
        for file in sorted(target.rglob("*.py")) if target.is_dir() else [target]:
            _digest_file(digest, file, file.relative_to(package).as_posix())
    for file in dataset_files(root):
        _digest_file(digest, file, file.relative_to(root).as_posix())
    return digest.hexdigest()


def _digest_file(digest: Any, file: Path, name: str) -> None:
    try:
        content = file.read_bytes()
    except OSError:
        content = b""  # an absent file is part of the content too
        name += " (absent)"
    digest.update(f"{name}\0{len(content)}\0".encode())
    digest.update(content)


def cache_file(directory: Path, root: Path) -> Path:
    """Where the cache of the dataset at ``root`` lives: one file per dataset directory."""
    where = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:24]
    return directory / f"dataset-{where}.json"


def read_cached(directory: Path, root: Path, key: str) -> Dataset | None:
    """The cached dataset of ``root`` if its key is ``key``; None on any mismatch or fault."""
    try:
        document = json.loads(cache_file(directory, root).read_text(encoding="utf-8"))
        if document.get("format") != FORMAT or document.get("key") != key:
            return None
        return _decode(document, root)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def write_cached(directory: Path, root: Path, key: str, dataset: Dataset) -> None:
    """Keep ``dataset`` under ``key``, written whole or not at all; failures are ignored
    (a cache that cannot be written only costs time)."""
    target = cache_file(directory, root)
    try:
        document = _encode(dataset, key)
    except (KeyError, TypeError, ValueError):  # pragma: no cover - a validated dataset encodes
        return
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=".dataset-", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(document, handle, ensure_ascii=False, separators=(",", ":"))
            Path(temporary).replace(target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        return


def _encode(dataset: Dataset, key: str) -> dict[str, Any]:
    positions = {
        id(m): i for member in dataset.members.values() for i, m in enumerate(member.measures)
    }
    kinds = dataset.source_kinds
    return {
        "format": FORMAT,
        "key": key,
        "categories": [plain(c) for c in dataset.categories.values()],
        "groups": [plain(g) for g in dataset.groups.values()],
        "members": [plain(m) for m in dataset.members.values()],
        "records": [[r.member, positions[id(r.measure)], r.path, r.line] for r in dataset.records],
        "files": dict(dataset.files),
        "version": dataset.version,
        "source_kinds": (
            None
            if kinds is None
            else {"hosts": dict(kinds.hosts), "patterns": list(kinds.patterns)}
        ),
    }


def _decode(document: dict[str, Any], root: Path) -> Dataset:
    categories = [_build(Category, item) for item in document["categories"]]
    groups = [_build(Group, item) for item in document["groups"]]
    members = {m.code: m for m in (_build(Member, item) for item in document["members"])}
    records = tuple(
        Record(code, members[code].measures[index], path, line)
        for code, index, path, line in document["records"]
    )
    kinds = document["source_kinds"]
    return Dataset(
        root=root,
        categories={c.id: c for c in categories},
        groups={g.id: g for g in groups},
        members=members,
        records=records,
        files=dict(document["files"]),
        version=str(document["version"]),
        source_kinds=(
            None if kinds is None else SourceKinds(dict(kinds["hosts"]), tuple(kinds["patterns"]))
        ),
    )


def _build(cls: type[Any], data: dict[str, Any]) -> Any:
    """A record of type ``cls`` from its JSON form (the inverse of ``models.plain``)."""
    dates = DATES.get(cls, frozenset())
    values = {}
    for name, value in data.items():
        item_type = NESTED.get((cls, name))
        if item_type is not None:
            value = [_build(item_type, item) for item in value]
        elif name in dates and value is not None:
            value = dt.date.fromisoformat(value)
        values[name] = value
    return cls(**values)
