"""Open an OpenSanctions export (file, gzip or stdin), detect its format, stream its entities."""

from __future__ import annotations

import csv
import gzip
import io
import re
import sys
import zlib
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

import orjson

from sanctions_gap.errors import SanctionsGapError

if TYPE_CHECKING:
    from sanctions_gap.entities.prefilter import Prefilter

FTM = "entities.ftm.json"
NESTED = "targets.nested.json"
SIMPLE_CSV = "targets.simple.csv"
FORMATS = (FTM, NESTED, SIMPLE_CSV)
"""The export formats read, in order of preference."""

CSV_REQUIRED = ("id", "schema", "name", "dataset")
"""Columns every header version of `targets.simple.csv` has (others are read when present)."""

CSV_MULTI = (
    "aliases",
    "birth_date",
    "countries",
    "addresses",
    "identifiers",
    "sanctions",
    "phones",
    "emails",
    "program_ids",
    "dataset",
)
"""Columns whose cells hold several values, `;`-joined with a nested CSV writer."""

PROGRESS_EVERY = 1 << 14
"""Lines between two progress reports."""

Progress = Callable[[int, int], None]
"""Called now and then with the bytes read so far and the entities seen."""

_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
csv.field_size_limit(1 << 30)  # statement-of-reasons cells can exceed csv's default of 128 KiB


class EntityInputError(SanctionsGapError):
    """An export cannot be read: unknown format, not UTF-8, truncated or garbled (with its line)."""


@dataclass
class Export:
    """An opened export: its decompressed byte stream, its format and where it came from."""

    name: str
    """The file as shown in messages (``-`` is ``<stdin>``)."""
    stream: IO[bytes]
    """The decompressed bytes."""
    format: str
    """One of ``FORMATS``."""
    size: int | None
    """The size on disk (compressed, for gzip), when known."""
    compressed: bool
    """Whether the file is gzip-compressed."""
    raw: IO[bytes] = field(repr=False)
    """The file itself, whose position tells the progress."""

    def position(self, counted: int) -> int:
        """Bytes read from the file so far (``counted`` decompressed bytes where unseekable)."""
        if self.raw.seekable():
            try:
                return self.raw.tell()
            except OSError:  # pragma: no cover - seekable but not tellable: a device
                return counted
        return counted


@contextmanager
def open_export(source: str | Path) -> Iterator[Export]:
    """Open ``source`` (``-`` for stdin), gzip or not, and detect its format."""
    name = "<stdin>" if str(source) == "-" else str(source)
    if str(source) == "-":
        raw: IO[bytes] = sys.stdin.buffer
        if not hasattr(raw, "peek"):  # a replaced stdin (as in tests) may not read ahead
            raw = io.BufferedReader(cast(io.RawIOBase, raw))
        size = None
    else:
        path = Path(source)
        raw = path.open("rb")
        size = path.stat().st_size
    try:
        head = _peek(raw, 2)
        compressed = head.startswith(b"\x1f\x8b")
        stream: IO[bytes] = (
            io.BufferedReader(gzip.GzipFile(fileobj=raw, mode="rb"), 1 << 20) if compressed else raw
        )
        try:
            start = _peek(stream, 4096)
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise EntityInputError(f"{name}: not a readable gzip file ({exc})") from None
        yield Export(name, stream, detect(start, name), size, compressed, raw)
    finally:
        if str(source) != "-":
            raw.close()


def _peek(stream: IO[bytes], count: int) -> bytes:
    """The first ``count`` bytes (or fewer), left unread."""
    peek = getattr(stream, "peek", None)
    if peek is None:  # pragma: no cover - every stream opened here is buffered
        raise EntityInputError("the input cannot be read ahead; give a file or a pipe")
    data: bytes = peek(count)
    return data[:count]


def detect(head: bytes, name: str = "the input") -> str:
    """The format of an export from its first bytes: JSON lines or the simple CSV."""
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not text:
        raise EntityInputError(f"{name}: the file is empty; expected an OpenSanctions export")
    if text.startswith(b"{"):
        return NESTED if b'"sanctions":[{' in text else FTM
    if text.startswith((b'"id"', b"id,")):
        return SIMPLE_CSV
    shown = text[:40].decode("utf-8", "backslashreplace")
    raise EntityInputError(
        f"{name}: line 1: not an OpenSanctions export (it starts with {shown!r}); expected "
        f"{', '.join(FORMATS)}, optionally gzip-compressed"
    )


def read_entities(
    export: Export,
    progress: Progress | None = None,
    titles: Mapping[str, str] | None = None,
    unknown_titles: set[str] | None = None,
    prefilter: Prefilter | None = None,
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Every entity of the export as ``(line, FtM dict)``, in file order.

    CSV rows become FtM-shaped dicts: list titles are turned into dataset ids with ``titles``
    (titles it does not know go to ``unknown_titles``), and the ``sanctions`` strings become
    embedded ``Sanction`` dicts without a dataset. With a ``prefilter``, the lines of an
    `entities.ftm.json` that it skips are neither parsed nor returned (it counts them).
    """
    try:
        if export.format == SIMPLE_CSV:
            yield from _csv_rows(export, progress, titles or {}, unknown_titles)
        elif prefilter is not None and export.format == FTM:
            lines = export.stream if progress is None else _reported(export, progress)
            yield from _parsed(export, prefilter.lines(lines))
        else:
            yield from _json_lines(export, progress)
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise EntityInputError(
            f"{export.name}: the gzip stream is cut off or damaged ({exc}); download it again"
        ) from None


def _json_lines(export: Export, progress: Progress | None) -> Iterator[tuple[int, dict[str, Any]]]:
    lines = export.stream if progress is None else _reported(export, progress)
    return _parsed(export, enumerate(lines, 1))


def _reported(export: Export, progress: Progress) -> Iterator[bytes]:
    """The lines of the file, reporting progress now and then."""
    counted = number = 0
    for number, line in enumerate(export.stream, 1):
        counted += len(line)
        if not number % PROGRESS_EVERY:
            progress(export.position(counted), number)
        yield line
    progress(export.position(counted), number)


def _parsed(
    export: Export, lines: Iterator[tuple[int, bytes]]
) -> Iterator[tuple[int, dict[str, Any]]]:
    """The entities of numbered lines (blank ones left out)."""
    loads = orjson.loads
    for number, line in lines:
        try:
            entity = loads(line)
        except orjson.JSONDecodeError as exc:
            if not line.strip():
                continue
            raise EntityInputError(_json_problem(export.name, number, line, exc)) from None
        if type(entity) is not dict or "id" not in entity:
            raise EntityInputError(
                f"{export.name}: line {number}: expected one entity (a JSON object with an "
                f"'id') per line, got {_shown(line)}"
            )
        yield number, entity


def _json_problem(name: str, number: int, line: bytes, exc: Exception) -> str:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError as bad:
        return (
            f"{name}: line {number} is not UTF-8 text (byte 0x{line[bad.start]:02x} at column "
            f"{bad.start + 1}); OpenSanctions exports are UTF-8: download the file again"
        )
    if not line.endswith(b"\n"):
        return (
            f"{name}: line {number} is cut off: the file ends in the middle of an entity "
            "(an interrupted download?); download it again"
        )
    return f"{name}: line {number} is not valid JSON ({exc}): {_shown(line)}"


def _shown(line: bytes) -> str:
    text = line.decode("utf-8", "backslashreplace").strip()
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _text_lines(export: Export, progress: Progress | None) -> Iterator[str]:
    """The lines of the file as text, refusing bytes that are not UTF-8 with their line."""
    counted = 0
    for number, line in enumerate(export.stream, 1):
        if progress is not None:
            counted += len(line)
            if not number % PROGRESS_EVERY:
                progress(export.position(counted), number)
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as bad:
            raise EntityInputError(
                f"{export.name}: line {number} is not UTF-8 text (byte 0x{line[bad.start]:02x} "
                f"at column {bad.start + 1}); save or download the file as UTF-8"
            ) from None
        yield text.removeprefix("\ufeff") if number == 1 else text
    if progress is not None:
        progress(export.position(counted), 0)


def _csv_rows(
    export: Export,
    progress: Progress | None,
    titles: Mapping[str, str],
    unknown_titles: set[str] | None,
) -> Iterator[tuple[int, dict[str, Any]]]:
    reader = csv.reader(_text_lines(export, progress), strict=True)
    try:
        header = next(reader)
        missing = [column for column in CSV_REQUIRED if column not in header]
        if missing:
            raise EntityInputError(
                f"{export.name}: line 1: the CSV header lacks {', '.join(missing)}; expected a "
                f"{SIMPLE_CSV} header such as id,schema,name,...,dataset,..."
            )
        width = len(header)
        for row in reader:
            if len(row) != width:
                if not row:
                    continue
                raise EntityInputError(
                    f"{export.name}: line {reader.line_num}: {len(row)} fields where the header "
                    f"has {width}; the file is truncated or garbled"
                )
            yield (
                reader.line_num,
                _csv_entity(dict(zip(header, row, strict=True)), titles, unknown_titles),
            )
    except csv.Error as exc:
        raise EntityInputError(
            f"{export.name}: line {reader.line_num}: not readable as CSV ({exc}); the file is "
            "truncated or garbled"
        ) from None


def split_cell(cell: str) -> list[str]:
    """The values of a multi-value cell (a nested `;` CSV: quoted where a value needs it)."""
    if not cell:
        return []
    if '"' not in cell:
        return cell.split(";")
    return next(csv.reader([cell], delimiter=";", strict=True))


def _csv_entity(
    row: dict[str, str], titles: Mapping[str, str], unknown_titles: set[str] | None
) -> dict[str, Any]:
    """An FtM-shaped entity for one CSV row (the file holds only targets)."""
    datasets = []
    for title in split_cell(row["dataset"]):
        dataset = titles.get(title)
        if dataset is not None:
            datasets.append(dataset)
        elif unknown_titles is not None:
            unknown_titles.add(title)
    props: dict[str, list[str]] = {"name": [row["name"]] if row["name"] else []}
    for column, prop in (
        ("aliases", "alias"),
        ("birth_date", "birthDate"),
        ("countries", "country"),
        ("identifiers", "identifier"),
        ("program_ids", "programId"),
    ):
        values = split_cell(row.get(column, ""))
        if values:
            props[prop] = values
    sanctions = [_csv_sanction(text) for text in split_cell(row.get("sanctions", ""))]
    return {
        "id": row["id"],
        "schema": row["schema"],
        "caption": row["name"],
        "datasets": datasets,
        "referents": [],
        "first_seen": row.get("first_seen") or None,
        "properties": {**props, "sanctions": sanctions},
        "target": True,
    }


def _csv_sanction(text: str) -> dict[str, Any]:
    """A `Sanction` from a CSV string ``program - reason - status - start - end``."""
    program = text.split(" - ", 1)[0]
    dates = _ISO_DATE.findall(text)
    props = {"program": [program]}
    if dates:
        props["startDate"] = [dates[0]]
    return {"schema": "Sanction", "datasets": [], "properties": props}
