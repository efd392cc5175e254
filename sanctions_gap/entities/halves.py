"""Read a large, plain `entities.ftm.json` in two processes, each over half of its lines.

Reading is bound by the processor (the prefilter's byte searches, then parsing and reducing the
lines that count), and the machines this runs on have two or more. The file is cut at a line
start near its middle; a forked process reads the second half into a collector that
logs its designations in file order, the first process reads the first half, then takes the
second half's targets (their line numbers shifted) and replays its log, which is what reading on
would have done: the answer is the same as from one pass. Compressed files and stdin cannot be
cut, and small files are not worth a process. If the second half meets a problem, the file is
read again in one process, so that the message names the right line.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING

from sanctions_gap.entities.formats import FTM, Export, Progress

if TYPE_CHECKING:
    from sanctions_gap.entities.collect import Collector, Logged, Target

SPLIT_FROM = 64 << 20
"""Files smaller than this (64 MiB) are read in one process: a fork would cost more than it
saves."""
BUFFER = 1 << 20


@dataclass
class Half:
    """What a collector with a log kept of the second half, in a form that pickles fast."""

    targets: list[tuple[object, ...]] = field(default_factory=list)
    """The ``Target`` fields, in order."""
    log: list[Logged] = field(default_factory=list)
    designations: list[tuple[str | None, str | None, frozenset[str]]] = field(default_factory=list)
    """The designations the log points at."""
    targets_seen: int = 0
    sanctions_seen: int = 0
    datasets: set[str] = field(default_factory=set)
    format: str = FTM
    lines: int = 0
    """The number of the half's last entity line (counted from the half's start)."""


def read_in_halves(
    export: Export, make: Callable[[bool], Collector], progress: Progress | None = None
) -> Collector | None:
    """A collector that has read ``export`` in two processes, or None where it cannot be cut.

    ``make(log)`` makes an empty collector (with a log for the second half).
    """
    if not _cuttable(export):
        return None
    path, size = export.name, export.size or 0
    middle = _middle(path, size)
    if middle is None:
        return None
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    second = make(True)
    child = context.Process(target=_read_second, args=(path, middle, size, second, send))
    child.daemon = True
    child.start()
    send.close()
    first = make(False)
    try:
        stream = _range(path, 0, middle)  # its own stream: progress counts the bytes it reads
        part = Export(export.name, stream, FTM, size, False, stream)
        offset = first.read(part, _doubled(progress, size))
        try:
            payload = receive.recv_bytes()
        except (EOFError, OSError):  # the second process died without a word
            payload = pickle.dumps(None)
    finally:
        receive.close()
        if child.is_alive():
            child.terminate()
        child.join()
    half = pickle.loads(payload)  # noqa: S301 - our own child process wrote it
    del payload  # before the targets are made of it: a large half is not held twice
    if not isinstance(half, Half):  # a problem in the second half: one process will name it
        return None
    first.take(half, offset)
    return first


def _cuttable(export: Export) -> bool:
    return (
        export.format == FTM
        and not export.compressed
        and export.name != "<stdin>"
        and (export.size or 0) >= SPLIT_FROM
        and (os.cpu_count() or 1) >= 2
        and "fork" in multiprocessing.get_all_start_methods()
    )


FIRST_SHARE = 0.52
"""The first process reads a little more: the second also pickles what it kept."""


def _middle(path: str, size: int) -> int | None:
    """The offset of the first line that starts after ``FIRST_SHARE`` of the file."""
    with open(path, "rb") as handle:
        handle.seek(int(size * FIRST_SHARE))
        handle.readline()
        middle = handle.tell()
    return middle if 0 < middle < size else None


class _Range(io.RawIOBase):
    """The bytes of a file from ``start`` to ``end``, read once, front to back."""

    def __init__(self, path: str, start: int, end: int) -> None:
        self._file = open(path, "rb", buffering=0)  # closed with the range
        self._file.seek(start)
        self._left = end - start

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        wanted = min(len(buffer), self._left)
        if wanted <= 0:
            return 0
        count = self._file.readinto(memoryview(buffer)[:wanted]) or 0
        self._left -= count
        return count

    def close(self) -> None:
        self._file.close()
        super().close()


def _range(path: str, start: int, end: int) -> io.BufferedReader:
    return io.BufferedReader(_Range(path, start, end), BUFFER)


def _doubled(progress: Progress | None, size: int) -> Progress | None:
    """Progress of the first half, shown for both (they go at about the same pace)."""
    if progress is None:
        return None
    return lambda read, seen: progress(min(size, 2 * read), 2 * seen)


def _read_second(path: str, start: int, end: int, second: Collector, send: Connection) -> None:
    """In the forked process: read the second half and send what was kept (or the problem)."""
    try:
        stream = _range(path, start, end)
        second.read(Export(path, stream, FTM, None, False, stream))
        payload = pickle.dumps(_half(second), protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException as exc:  # any problem at all: the parent reads the whole file again
        payload = pickle.dumps(f"{type(exc).__name__}: {exc}")
    send.send_bytes(payload)
    send.close()


def _fields(t: Target) -> tuple[object, ...]:
    return (t.id, t.caption, t.schema, t.line, t.datasets, t.country_tie, t.programmes,
            t.names, t.birth_dates, t.identifiers, t.referents, t.first_seen)  # fmt: skip


def _half(collector: Collector) -> Half:
    source = collector.source
    return Half(
        [_fields(target) for target in collector.targets.values()],
        collector.log or [],
        [(d.since, d.url, d.programmes) for d in collector.made_list],
        source.targets,
        source.sanctions,
        source.datasets,
        source.format,
        source.lines,
    )
