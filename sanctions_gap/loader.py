"""Read YAML files safely into plain Python data that remembers the line of every key and item."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sanctions_gap.errors import Issue

# NOTE: the C parser gives the same nodes and marks as the pure-Python one, several times faster;
# construction (where the line numbers are kept) is Python code in both cases.
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Files larger than this are refused rather than read into memory."""

ALIAS_PROBLEM = "YAML anchors and aliases (&name, *name, <<) are not allowed in sanctions-gap data"


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
    # False; like YAML 1.2 we read only true/false as booleans (added below the class).
    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        # An alias makes the constructor meet a node twice (or, for a recursive alias, meet it
        # while building it): refuse it, so that a small file cannot expand into an enormous
        # structure ("billion laughs").
        if node in self.constructed_objects or node in self.recursive_objects:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"{ALIAS_PROBLEM}; write the values out",
                node.start_mark,
            )
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, TypeError, ArithmeticError, LookupError, AttributeError):
            # A scalar with an explicit tag that cannot be built, such as `!!int abc`: give
            # the error the node's place, so that the message can point to its line.
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"the value {_quoted(node)} cannot be read as its tag {_short_tag(node.tag)} "
                "says; remove the tag and write a plain value",
                node.start_mark,
            ) from None


def _construct_mapping(loader: _LineLoader, node: Node) -> LineDict:
    if not isinstance(node, MappingNode):  # pragma: no cover - the tag resolver guarantees it
        raise yaml.constructor.ConstructorError(None, None, "expected a mapping", node.start_mark)
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
        raise yaml.constructor.ConstructorError(None, None, "expected a sequence", node.start_mark)
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_timestamp(loader: _LineLoader, node: Node) -> Any:
    # An impossible date such as 2022-02-30 stays text, so that validation can quote it and
    # say what is wrong instead of the YAML layer failing with a bare "day is out of range".
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        assert isinstance(node, ScalarNode)  # noqa: S101 - timestamps are always scalars
        return str(node.value)


_LineLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
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
        return None, [_syntax_issue(exc, text, path)]
    except yaml.reader.ReaderError as exc:
        # Control characters and the like: the reader gives a position, not a mark.
        line = text[: exc.position].count("\n") + 1
        message = (
            f"the file holds a control character (#x{exc.character:04x}), which YAML does "
            "not allow; delete it"
            if isinstance(exc.character, int)
            else f"not readable as YAML: {exc.reason}"
        )
        return None, [Issue(path, line, "yaml-syntax", message)]
    except yaml.YAMLError as exc:  # pragma: no cover - every YAML error above has a place
        return None, [Issue(path, 0, "yaml-syntax", f"not readable as YAML: {exc}")]
    except RecursionError:
        return None, [Issue(path, 0, "yaml-syntax", "nesting too deep to read; flatten the file")]
    if data is None:
        return None, [
            Issue(
                path,
                0,
                "empty-file",
                "the file is empty (or holds only comments); it must hold a mapping of keys "
                "such as 'code:'",
            )
        ]
    if not isinstance(data, LineDict):
        kind = "list" if isinstance(data, list) else f"single {_kind_of(data)}"
        return None, [
            Issue(
                path,
                int(getattr(data, "line", 1)),
                "not-a-mapping",
                f"the file holds a {kind}, not a mapping; it must hold keys such as 'code:' "
                "at the top level, not indented and with no '- ' before them",
            )
        ]
    return RawDocument(path, data), []


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false value"
    if isinstance(value, int | float):
        return f"number ({value!r})"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text value ({shown!r})"
    return f"{type(value).__name__} value"


def _quoted(node: Node) -> str:
    if not isinstance(node, ScalarNode):
        return "a list" if isinstance(node, SequenceNode) else "a mapping"
    value = str(node.value)
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


# What to do about the commonest YAML errors, by the start of PyYAML's problem text.
_SYNTAX_HINTS = {
    "mapping values are not allowed": "a ': ' inside an unquoted value, or a key indented "
    "under a value; quote the value or align the key with the keys around it",
    "did not find expected key": "a line is indented differently from the keys around it; "
    "align it with them",
    "did not find expected '-' indicator": "the line is indented like a list item but does "
    "not start with '- '; align it with the keys above it, or start a new item with '- '",
    "found undefined alias": "aliases (*name) are not allowed in sanctions-gap data; write "
    "the value out",
}

# Unclosed brackets and quotes: the place to fix is where they open, not where the parser gave up.
_OPENED = {
    "while parsing a flow sequence": "the list opened with '[' here is not closed; close it "
    "with ']' on this line or write one '- ' item per line",
    "while parsing a flow mapping": "the mapping opened with '{' here is not closed; close it "
    "with '}' on this line or write one 'key: value' per line",
    "while scanning a quoted scalar": "the quoted text that starts here has no closing quote; "
    "close it",
}


def _syntax_issue(exc: yaml.MarkedYAMLError, text: str, path: str) -> Issue:
    """An issue for a YAML error: the line to fix, what is wrong and what would be valid."""
    problem = exc.problem or "invalid YAML"
    problem_line = exc.problem_mark.line + 1 if exc.problem_mark is not None else 0
    context_line = exc.context_mark.line + 1 if exc.context_mark is not None else 0
    line = problem_line or context_line
    if problem.startswith("duplicate key"):
        return Issue(path, line, "duplicate-key", problem)
    if problem.startswith(ALIAS_PROBLEM):
        # The constructor sees the anchored node, whose mark is the anchor's; the line to fix
        # is where the alias is used.
        alias = _first_alias(text)
        if alias is not None:
            name, line = alias
            return Issue(
                path,
                line,
                "yaml-alias",
                f"the alias *{name} repeats a value marked &{name}; {ALIAS_PROBLEM}: write the "
                "value out",
            )
        return Issue(path, line, "yaml-alias", problem)
    if problem.startswith("found undefined alias"):
        hint = _SYNTAX_HINTS["found undefined alias"]
        return Issue(path, line, "yaml-alias", f"{problem}; {hint}")
    if exc.problem_mark is not None and _tab_at(text, exc.problem_mark.line):
        return Issue(
            path,
            problem_line,
            "yaml-tab",
            "a tab character indents this line; YAML indentation must use spaces, not tabs",
        )
    if exc.context in _OPENED and context_line:
        found = f"; the file goes on to line {problem_line} without it" if problem_line else ""
        return Issue(path, context_line, "yaml-syntax", f"{_OPENED[exc.context]}{found}")
    if problem == "but found another document":
        return Issue(
            path,
            line,
            "yaml-syntax",
            "a second YAML document starts here ('---'); a file holds one document: keep one",
        )
    if "cannot be read as its tag" in problem:
        return Issue(path, line, "yaml-tag", problem)
    if problem.startswith("could not determine a constructor"):
        tag = _short_tag(problem.rsplit(" ", 1)[-1].strip("'"))
        return Issue(
            path,
            line,
            "yaml-tag",
            f"the tag {tag} is not allowed: sanctions-gap data uses no tags; remove it and "
            "write a plain value",
        )
    message = f"invalid YAML: {problem}"
    if exc.context:
        where = f" that starts on line {context_line}" if context_line != line else ""
        message += f" ({exc.context}{where})"
    for start, hint in _SYNTAX_HINTS.items():
        if start in problem:
            message += f"; {hint}"
            break
    return Issue(path, line, "yaml-syntax", message)


def _first_alias(text: str) -> tuple[str, int] | None:
    """The name and line of the first alias (``*name``) in ``text``, if it parses that far."""
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            if isinstance(event, yaml.AliasEvent):
                mark = event.start_mark
                return str(event.anchor), mark.line + 1 if mark is not None else 0
    except yaml.YAMLError:
        return None
    return None


def _short_tag(tag: str) -> str:
    """A tag as written in YAML: ``!!int`` rather than ``tag:yaml.org,2002:int``."""
    return tag.replace("tag:yaml.org,2002:", "!!")


def _tab_at(text: str, index: int) -> bool:
    """Whether 0-based line ``index`` of ``text`` has a tab in its indentation."""
    lines = text.splitlines()
    if not 0 <= index < len(lines):
        return False
    line = lines[index]
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    return "\t" in indent


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
