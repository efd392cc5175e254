"""Possible matches: entities on the member's lists that may be a gap entity under another id."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sanctions_gap.entities.collect import Target

_NOT_WORD = re.compile(r"[\W_]+")
_NOT_ALNUM = re.compile(r"[^0-9A-Z]")
MIN_IDENTIFIER = 6
"""Shorter identifier values (`1`, `A-12`) are too common to suggest a match."""


@dataclass(frozen=True)
class PossibleMatch:
    """An entity on the member's own lists that may be the same as a gap entity."""

    id: str
    caption: str
    evidence: tuple[str, ...]
    """Why: ``innCode 7707083893``, ``same name and birth date (1952-10-07)``, ``same name``."""

    def to_dict(self) -> dict[str, Any]:
        """The match as a JSON-ready mapping."""
        return {"id": self.id, "caption": self.caption, "evidence": list(self.evidence)}


_ASCII_WORDS = bytes(
    code + 32 if chr(code).isupper() else code if chr(code).isalnum() else 32 for code in range(128)
) + bytes(128)
"""For ASCII bytes: letters to lower case, punctuation, spaces and ``_`` to spaces (what
``casefold`` and ``_NOT_WORD`` do to ASCII text)."""


class _Marks(dict[int, int | None]):
    """A ``str.translate`` table that drops combining marks, filled in as characters come."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_MARKS = _Marks()


def normalise_name(name: str) -> str:
    """A name for comparison: case, accents, punctuation and word order do not count."""
    if name.isascii():  # the same as below, without the Unicode steps ASCII does not need
        return " ".join(sorted(name.encode().translate(_ASCII_WORDS).decode().split()))
    text = unicodedata.normalize("NFKD", name.casefold())
    if not text.isascii():
        text = text.translate(_MARKS)
    return " ".join(sorted(_NOT_WORD.sub(" ", text).split()))


def normalise_identifier(value: str) -> str:
    """An identifier for comparison: upper case, letters and digits only, no ``IMO`` prefix."""
    return _NOT_ALNUM.sub("", value.upper()).removeprefix("IMO")


def _dates_agree(first: str, second: str) -> bool:
    """Whether two dates (full or partial, such as ``1952``) can be the same day."""
    shorter, longer = sorted((first[:10], second[:10]), key=len)
    return len(shorter) >= 4 and longer.startswith(shorter)


class MatchIndex:
    """The member's listed entities, by strong identifier and by normalised name."""

    def __init__(self, targets: Iterable[Target]) -> None:
        self.by_identifier: dict[str, list[tuple[Target, str]]] = {}
        self.by_name: dict[str, list[Target]] = {}
        for target in targets:
            for prop, value in target.identifiers:
                key = normalise_identifier(value)
                if len(key) >= MIN_IDENTIFIER:
                    self.by_identifier.setdefault(key, []).append((target, prop))
            for name in {normalise_name(n) for n in target.names}:
                if name:
                    self.by_name.setdefault(name, []).append(target)

    def matches(self, target: Target) -> tuple[PossibleMatch, ...]:
        """The member's entities that share a strong identifier, or a name (and birth date)."""
        evidence: dict[str, tuple[Target, list[str]]] = {}
        for prop, value in target.identifiers:
            for other, other_prop in self.by_identifier.get(normalise_identifier(value), ()):
                shown = prop if prop == other_prop else f"{prop}/{other_prop}"
                _add(evidence, other, target, f"{shown} {value}")
        if self.by_name:
            for name in {normalise_name(n) for n in target.names}:
                for other in self.by_name.get(name, ()):
                    reason = _name_evidence(target, other)
                    if reason is not None:
                        _add(evidence, other, target, reason)
        found = (
            PossibleMatch(other.id, other.caption, tuple(dict.fromkeys(reasons)))
            for other, reasons in evidence.values()
        )
        return tuple(sorted(found, key=lambda m: m.id))


def _name_evidence(target: Target, other: Target) -> str | None:
    """People need the same name and an agreeing birth date; others the same name."""
    if target.schema == "Person" or other.schema == "Person":
        for mine in target.birth_dates:
            for theirs in other.birth_dates:
                if _dates_agree(mine, theirs):
                    return f"same name and birth date ({mine})"
        return None
    return "same name"


def _add(
    evidence: dict[str, tuple[Target, list[str]]], other: Target, target: Target, reason: str
) -> None:
    if other.id != target.id:
        evidence.setdefault(other.id, (other, []))[1].append(reason)
