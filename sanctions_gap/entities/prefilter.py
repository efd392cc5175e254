"""Skip, from their bytes alone, the lines of an `entities.ftm.json` that cannot change the answer.

Most lines of a collection export are of no use to one comparison: the `Sanction` lines of lists
that do not count, addresses, identifications and links, and the targets of lists that do not
count. ``Prefilter.lines`` recognises them with a few byte searches on the compact lines that
FollowTheMoney writes (``orjson``: no spaces, ``"datasets":[...]`` before ``"properties"``,
``"target"`` last) and hands on only the others, to be parsed; what the answer reports about the
skipped ones (how many `Sanction` and sanctioned entities, which datasets) is counted here. A
line it cannot decide on for certain (another layout, an escaped dataset id, embedded entities)
is handed on, so the answer is the one a full parse gives. A skipped line is not parsed: damage
inside one (a garbled value, bytes that are not UTF-8) goes unnoticed, as it cannot change the
answer; a line without a ``"datasets"`` array, and a cut-off last line, are always parsed and
reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import orjson

_DATASETS = b'"datasets":['
_SCHEMA = b'"schema":"'
_SANCTION_TOPIC = b'"sanction"'
_TOPICS = b'"topics":['
_NOT_TARGET = b'"target":false}\n'
_SANCTION, _TARGET, _OTHER = 1, 2, 3


class Prefilter:
    """The datasets that count, and what the lines skipped so far held."""

    def __init__(self, counted: Iterable[str]) -> None:
        self.keep = frozenset(f'"{dataset}"'.encode() for dataset in counted)
        """The counted dataset ids as they appear in a ``datasets`` array, quoted."""
        self.sanctions = 0
        """`Sanction` lines skipped: none of their datasets counts."""
        self.targets = 0
        """Sanctioned entities skipped: none of their datasets counts."""
        self.arrays: set[bytes] = set()
        """The ``datasets`` arrays of those entities, as written."""
        self.last = 0
        """The number of the last line skipped."""
        self.read = 0
        """The number of lines read."""

    def datasets(self) -> set[str]:
        """The dataset ids of the sanctioned entities skipped."""
        found: set[str] = set()
        for array in self.arrays:
            try:
                found.update(orjson.loads(b"[" + array + b"]"))
            except orjson.JSONDecodeError:  # a damaged line, not parsed: take what it names
                found.update(
                    part.strip(b'"').decode(errors="replace") for part in array.split(b",")
                )
        return found

    def lines(self, lines: Iterable[bytes]) -> Iterator[tuple[int, bytes]]:
        """The lines to parse, with their numbers (from 1); the others are counted."""
        keep = self.keep
        disjoint = keep.isdisjoint
        arrays = self.arrays
        sanctions = targets = number = last = kind = 0
        line = b"\n"
        for number, line in enumerate(lines, 1):
            start = line.find(_DATASETS)
            schema = line.find(_SCHEMA, 0, start)
            if start < 0 or schema < 0:  # another layout, a blank or a broken line: parse it
                yield number, line
                continue
            end = line.find(b"]", start)
            array = line[start + 12 : end]
            if line.startswith(b'Sanction"', schema + 10):
                if array in keep or b"\\" in array:
                    yield number, line
                elif b"," in array and not disjoint(array.split(b",")):
                    yield number, line
                else:
                    sanctions += 1
                    last, kind = number, _SANCTION
                continue
            topics = line.find(_TOPICS, end)
            if topics < 0:  # no topics: the target flag says whether it is sanctioned
                if line.endswith(_NOT_TARGET):
                    last, kind = number, _OTHER
                else:
                    yield number, line
                continue
            if line.find(_SANCTION_TOPIC, topics, line.find(b"]", topics)) < 0:
                last, kind = number, _OTHER  # not sanctioned
                continue
            if array in keep or not disjoint(array.split(b",")):
                yield number, line
                continue
            properties = line.find(b"{", end)
            if b"\\" in array or line.find(b"{", properties + 1) >= 0:  # embedded entities
                yield number, line
                continue
            targets += 1
            arrays.add(array)
            last, kind = number, _TARGET
        if last == number and not line.endswith(b"\n"):
            # The last line, skipped, has no end: perhaps cut off, so the parser decides.
            sanctions -= kind == _SANCTION
            targets -= kind == _TARGET
            last -= 1
            yield number, line
        self.sanctions += sanctions
        self.targets += targets
        self.last = max(self.last, last)
        self.read = number
