"""The documented rule that makes an entity "Russia-linked": a sanction topic and a Russia tie.

An entity is Russia-linked when both hold:

1. it carries a sanction topic: its ``topics`` hold ``sanction`` (not ``sanction.counter``,
   Russia's own counter-sanctions, nor ``sanction.linked``); only where an entity has no
   ``topics`` at all (files from before topics) does the old ``target`` flag stand in;
2. it has a Russia tie: one of its country properties (``country``, ``nationality``,
   ``citizenship``, ``jurisdiction``, ``mainCountry``) is ``ru`` or ``suhh`` (the Soviet Union),
   or the member or a peer designates it under a Russia sanctions programme (a program key,
   an exact program text or a text a program contains, per member, in ``data/lists.yaml``).

``--country`` replaces the countries; the programme tie then applies only if ``ru`` is among
them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sanctions_gap.entities.lists import Programme

DEFAULT_COUNTRIES = frozenset({"ru", "suhh"})
COUNTRY_PROPS = ("country", "nationality", "citizenship", "jurisdiction", "mainCountry")
SANCTION_TOPIC = "sanction"


@dataclass(frozen=True)
class RussiaRule:
    """The rule, with its countries and programmes."""

    countries: frozenset[str]
    """Country codes that tie an entity (lower case)."""
    keys: Mapping[str, str]
    """Russia program keys, with the member whose programme each is."""
    programs: Mapping[str, str]
    """Exact Russia program texts, with their member."""
    contains: tuple[tuple[str, str], ...]
    """(text, member): a program containing the text is that member's Russia programme."""

    @property
    def programme_tie(self) -> bool:
        """Whether programmes tie entities at all (only when Russia is among the countries)."""
        return "ru" in self.countries

    def sanctioned(self, props: Mapping[str, Sequence[str]], target: object) -> bool:
        """Whether the entity carries a sanction topic (or, without topics, the target flag)."""
        topics = props.get("topics")
        if topics is None:
            return target is True
        return SANCTION_TOPIC in topics

    def country_tie(self, props: Mapping[str, Sequence[str]]) -> bool:
        """Whether one of the entity's country properties is one of the countries."""
        countries = self.countries
        for prop in COUNTRY_PROPS:
            values = props.get(prop)
            if values and not countries.isdisjoint(values):
                return True
        return False

    def programme_members(
        self, keys: Iterable[str] = (), programs: Iterable[str] = ()
    ) -> frozenset[str]:
        """The members whose Russia programme these program keys and texts name."""
        if not self.programme_tie:
            return frozenset()
        found = {self.keys[key] for key in keys if key in self.keys}
        for program in programs:
            member = self.programs.get(program)
            if member is not None:
                found.add(member)
            found.update(m for text, m in self.contains if text in program)
        return frozenset(found)


def russia_rule(
    programmes: Iterable[Programme], countries: Iterable[str] = DEFAULT_COUNTRIES
) -> RussiaRule:
    """The rule for these programmes and countries."""
    keys: dict[str, str] = {}
    programs: dict[str, str] = {}
    contains: list[tuple[str, str]] = []
    for programme in programmes:
        keys.update(dict.fromkeys(programme.keys, programme.member))
        programs.update(dict.fromkeys(programme.programs, programme.member))
        contains.extend((text, programme.member) for text in programme.contains)
    codes = frozenset(c.strip().lower() for c in countries if c.strip())
    return RussiaRule(codes, keys, programs, tuple(contains))
