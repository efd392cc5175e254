"""Read YAML files safely into plain Python data that remembers the line of every key and item."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sanctions_gap.errors import Issue

# NOTE: the C parser gives the same nodes and marks as the pure-Python one, several times faster;
# construction (where the line numbers are kept) is Python code in both cases.
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Files larger than this are refused rather than read into memory."""


class LineDict(dict[Any, Any]):
    """A mapping read from YAML, with the line of the mapping and of each of its keys."""

    line: int
    key_lines: dict[Any, int]


class LineList(list[Any]):
    """A sequence read from YAML, with the line of the sequence and of each of its items."""

    line: int
    item_lines: list[int]


class _LineLoader(_BaseLoader):  # type: ignore[valid-type,misc]  # chosen at import time
    """A safe loader that records line numbers and refuses duplicate keys and aliases."""

    # YAML 1.1 reads `NO`, `on` and `yes` as booleans, which would turn Norway's code into
    # False; like YAML 1.2 we read only true/false as booleans.
    yaml_implicit_resolvers: dict[Any, Any] = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        # An alias makes the constructor meet a node twice: refuse it, so that a small file
        # cannot expand into an enormous structure ("billion laughs").
        if node in self.constructed_objects:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                "YAML anchors and aliases (&name, *name, <<) are not allowed in sanctions-gap "
                "data; write the values out",
                node.start_mark,
            )
        return super().construct_object(node, deep=deep)


def _construct_mapping(loader: _LineLoader, node: Node) -> LineDict:
    if not isinstance(node, MappingNode):  # pragma: no cover - the tag resolver guarantees it
        raise yaml.constructor.ConstructorError(
            None, None, "expected a mapping", node.start_mark
        )
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                "while reading a mapping",
                node.start_mark,
                "a key must be a plain value, not a list or mapping",
                key_node.start_mark,
            ) from None
        if key in result:
            raise yaml.constructor.ConstructorError(
                "while reading a mapping",
                node.start_mark,
                f"duplicate key {key!r} (first on line {result.key_lines[key]}); "
                "keep one and delete the other",
                key_node.start_mark,
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _LineLoader, node: Node) -> LineList:
    if not isinstance(node, SequenceNode):  # pragma: no cover - the tag resolver guarantees it
        raise yaml.constructor.ConstructorError(
            None, None, "expected a sequence", node.start_mark
        )
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")


def _construct_timestamp(loader: _LineLoader, node: Node) -> Any:
    # An impossible date such as 2022-02-30 stays text, so that validation can quote it and
    # say what is wrong instead of the YAML layer failing with a bare "day is out of range".
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        assert isinstance(node, ScalarNode)  # noqa: S101 - timestamps are always scalars
        return str(node.value)


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


@dataclass(frozen=True)
class RawDocument:
    """One YAML file as read: its data (a ``LineDict`` for every valid dataset file)."""

    path: str
    """The file's path as shown in messages (relative to the dataset directory)."""
    data: Any
    """The parsed content, with line numbers on every mapping and sequence."""


def parse_text(text: str, path: str) -> tuple[RawDocument | None, list[Issue]]:
    """Parse YAML text into a document, or return the issues that stopped it."""
    try:
        # NOTE: _LineLoader derives from SafeLoader (or CSafeLoader): no tag can build an
        # arbitrary Python object or run code.
        loader = _LineLoader(text)
        try:
            data = loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        problem = exc.problem or "invalid YAML"
        context = f" ({exc.context})" if exc.context and "duplicate key" not in problem else ""
        rule = "duplicate-key" if problem.startswith("duplicate key") else "yaml-syntax"
        if "aliases" in problem:
            rule = "yaml-alias"
        return None, [Issue(path, line, rule, f"{problem}{context}")]
    except yaml.YAMLError as exc:
        # Reader errors (control characters and the like) carry a position, not a mark.
        return None, [Issue(path, 0, "yaml-syntax", f"not readable as YAML: {exc}")]
    except RecursionError:
        return None, [Issue(path, 0, "yaml-syntax", "nesting too deep to read")]
    except (ValueError, TypeError, OverflowError) as exc:
        # A scalar with an explicit tag that cannot be built, such as `!!int abc`.
        return None, [Issue(path, 0, "yaml-syntax", f"a value cannot be read: {exc}")]
    if data is None:
        return None, [Issue(path, 0, "empty-file", "the file is empty; it must hold a mapping")]
    if not isinstance(data, LineDict):
        kind = "list" if isinstance(data, list) else f"single {type(data).__name__} value"
        return None, [
            Issue(path, 1, "not-a-mapping", f"the file holds a {kind}; it must hold a mapping")
        ]
    return RawDocument(path, data), []


def read_document(file: Path, shown_as: str) -> tuple[RawDocument | None, list[Issue]]:
    """Read and parse one YAML file; a UTF-8 byte-order mark and CRLF line endings are fine."""
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            message = f"the file is {size} bytes; files over {MAX_FILE_BYTES} bytes are refused"
            return None, [Issue(shown_as, 0, "file-too-large", message)]
        raw = file.read_bytes()
    except OSError as exc:
        return None, [Issue(shown_as, 0, "unreadable", f"cannot read the file: {exc.strerror}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
        return None, [Issue(shown_as, line, "not-utf8", message + "; save it as UTF-8")]
    return parse_text(text, shown_as)


def line_of(data: Any, loc: tuple[Any, ...]) -> int:
    """The line of the deepest key or item along ``loc`` that exists in ``data``."""
    line = int(getattr(data, "line", 1))
    node = data
    for part in loc:
        if isinstance(node, LineDict) and part in node:
            line = node.key_lines[part]
            node = node[part]
        elif isinstance(node, LineList) and isinstance(part, int) and 0 <= part < len(node):
            line = node.item_lines[part]
            node = node[part]
        else:
            break
    return line
