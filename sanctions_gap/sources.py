"""Classify the sources a record cites by kind (official, professional, ...) from `sources.yaml`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlsplit

from sanctions_gap.models import Measure, Source, SourceKindsFile

OFFICIAL = "official"
WEAK_KINDS = frozenset({"state_affiliated", "other"})
"""Kinds that may never be the only support of a record."""
UNLISTED = "unlisted"
"""The kind of a URL whose host `sources.yaml` does not list."""
UNIDENTIFIED = "unidentified"
"""The kind of a citation (no URL) that names no instrument by an official identifier."""


def host_of(url: str) -> str:
    """The host of a URL in lower case, without a leading ``www.``."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


@dataclass(frozen=True)
class SourceKinds:
    """The kinds of hosts and the patterns of official identifiers, ready to classify sources."""

    hosts: Mapping[str, str]
    """Host (without ``www.``) to kind; an entry covers its subdomains."""
    patterns: tuple[str, ...]
    """Regular expressions that recognise an official identifier in a citation."""

    @classmethod
    def from_file(cls, parsed: SourceKindsFile) -> SourceKinds:
        """The classifier of a validated `sources.yaml`."""
        hosts = {host.lower().removeprefix("www."): kind for host, kind in parsed.hosts.items()}
        return cls(hosts, tuple(item.pattern for item in parsed.identifiers))

    @cached_property
    def _identifier(self) -> re.Pattern[str] | None:
        if not self.patterns:
            return None
        return re.compile("|".join(f"(?:{pattern})" for pattern in self.patterns))

    def host_kind(self, host: str) -> str | None:
        """The kind of the longest listed suffix of ``host``, or None if none is listed."""
        labels = host.split(".")
        for start in range(len(labels)):
            kind = self.hosts.get(".".join(labels[start:]))
            if kind is not None:
                return kind
        return None

    def identifies(self, citation: str) -> bool:
        """Whether ``citation`` names an instrument by an official identifier."""
        return self._identifier is not None and self._identifier.search(citation) is not None

    def kind(self, source: Source) -> str:
        """A source's kind: official where its citation names an official identifier, else its
        host's kind (``unlisted`` for an unlisted host, ``unidentified`` for a bare citation)."""
        if source.citation is not None and self.identifies(source.citation):
            return OFFICIAL
        if source.url is not None:
            return self.host_kind(host_of(source.url)) or UNLISTED
        return UNIDENTIFIED

    def kinds(self, sources: Iterable[Source]) -> list[str]:
        """The kind of each source, in order."""
        return [self.kind(source) for source in sources]

    def has_official(self, measure: Measure) -> bool:
        """Whether the record cites at least one official source."""
        return OFFICIAL in self.kinds(measure.sources)

    def weak_only(self, measure: Measure) -> bool:
        """Whether every source of the record is state-affiliated or other."""
        return all(kind in WEAK_KINDS for kind in self.kinds(measure.sources))


def evidence_date(measure: Measure) -> dt.date | None:
    """The latest date the record's sources reach (``published``, else ``accessed``)."""
    dates = [source.date for source in measure.sources if source.date is not None]
    return max(dates) if dates else None
