"""The shape of each file, checked by pydantic against the record types, with helpful messages."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
import types
import typing
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter, ValidationError

from sanctions_gap.loader import line_of

if TYPE_CHECKING:
    from sanctions_gap.validate.context import Run


def check_shape(
    run: Run,
    cls: type[Any],
    data: Any,
    path: str,
    base: tuple[Any, ...],
    skip: str | None = None,
) -> Any:
    """Validate ``data`` as ``cls``; report each error at its line; None if invalid.

    Errors at the top-level key ``skip`` are left out (that key is checked elsewhere).
    """
    try:
        return adapter(cls).validate_python(data)
    except ValidationError as exc:
        errors = [
            error
            for error in exc.errors(include_url=False)
            if not (skip is not None and error["loc"][:1] == (skip,))
        ]
        # pydantic gives a key that is not text as text in `loc`; put the key back, so
        # that its line can be found.
        for error in errors:
            error["type"] = _ERROR_TYPES.get(error["type"], error["type"])
            if error["type"] == "invalid_key":
                error["loc"] = (*error["loc"][:-1], error["input"])
        misspelt = _misspelt_keys(cls, errors)
        for error in errors:
            loc = tuple(error["loc"])
            if error["type"] == "missing" and loc in misspelt:
                continue  # the unknown key's "did you mean" already says it
            rule, message = describe_error(cls, error, base)
            run.add(path, line_of(run.document, (*base, *loc)), rule, message)
        return None


# ------------------------------------------------------------------ categories


def _shown(value: Any) -> str:
    """A value as it would be written in YAML where that differs from Python, else its repr."""
    if value is None:
        text = "null"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, dt.datetime):
        text = value.isoformat(sep=" ")
    elif isinstance(value, dt.date):
        text = value.isoformat()
    else:
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def describe_got(value: Any) -> str:
    """What was found: its kind and the value itself."""
    if value is None:
        return "nothing (the value is empty)"
    return f"{_kind(value)} {_shown(value)}"


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dt.datetime):
        return "date and time"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return type(value).__name__


_ERROR_TYPES = {
    "unexpected_keyword_argument": "extra_forbidden",
    "missing_keyword_argument": "missing",
    "missing_argument": "missing",
    "dataclass_type": "model_type",
    "dataclass_args_type": "model_type",
}
"""Pydantic's error types for dataclasses, named as for models (the messages below use these)."""


_ADAPTERS: dict[type[Any], TypeAdapter[Any]] = {}
_HINTS: dict[type[Any], dict[str, Any]] = {}


def adapter(cls: type[Any]) -> TypeAdapter[Any]:
    """The pydantic validator of a record type, built on first use (building costs time)."""
    if cls not in _ADAPTERS:
        _ADAPTERS[cls] = TypeAdapter(cls)
    return _ADAPTERS[cls]


def _hints(cls: type[Any]) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls, include_extras=True)
    return _HINTS[cls]


def field_names(cls: type[Any]) -> list[str]:
    """The keys a record type accepts, in the order it declares them."""
    return [item.name for item in dataclasses.fields(cls)]


def required_fields(cls: type[Any]) -> list[str]:
    """The keys a record type requires."""
    return [
        item.name
        for item in dataclasses.fields(cls)
        if item.default is dataclasses.MISSING and item.default_factory is dataclasses.MISSING
    ]


def keys_at(data: Any, loc: tuple[Any, ...]) -> list[Any]:
    """The keys of the mapping at ``loc`` in ``data`` (none if there is no mapping there)."""
    node = data
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return []
    return list(node) if isinstance(node, dict) else []


def _model_at(cls: type[Any], loc: tuple[Any, ...]) -> type[Any] | None:
    """The record type whose field is named by the last part of ``loc``."""
    current: type[Any] = cls
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        annotation = _hints(current).get(str(part))
        if annotation is None:
            return None
        nested = _models_in(annotation)
        if not nested:
            return None
        current = nested[0]
    return current


def _models_in(annotation: Any) -> list[type[Any]]:
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        return [annotation]
    found: list[type[Any]] = []
    origin = typing.get_origin(annotation)
    if origin is not None or isinstance(annotation, types.UnionType):
        for arg in typing.get_args(annotation):
            found.extend(_models_in(arg))
    return found


_PATTERN_HINTS = {
    "^[A-Z]{2}$": "a two-letter upper-case member code such as JP or EU",
    "^https?://[^\\s]+$": "an http:// or https:// address with no spaces",
    "^[a-z][a-z0-9]*(_[a-z0-9]+)*$": "a snake_case id such as airspace_ban",
    "^[A-Za-z0-9][A-Za-z0-9+_-]*$": "letters, digits, '+', '_' or '-', such as G7+EU",
}


def _label(loc: tuple[Any, ...]) -> str:
    """The key a location names, for messages: ``sources``, or ``sources item 2``."""
    names = [str(part) for part in loc if not isinstance(part, int)]
    label = names[-1] if names else "the file"
    if loc and isinstance(loc[-1], int):
        label = f"{label} item {loc[-1] + 1}"
    return label


def _misspelt_keys(cls: type[Any], errors: list[Any]) -> set[tuple[Any, ...]]:
    """The locations of missing keys that an unknown key beside them is a misspelling of."""
    missing = {tuple(e["loc"]) for e in errors if e["type"] == "missing"}
    found: set[tuple[Any, ...]] = set()
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] != "extra_forbidden":
            continue
        model = _model_at(cls, loc)
        valid = field_names(model) if model else []
        for close in difflib.get_close_matches(str(loc[-1]), valid, n=1):
            if (*loc[:-1], close) in missing:
                found.add((*loc[:-1], close))
    return found


def _date_problem(key: str, value: Any) -> tuple[str, str]:
    """What is wrong with a value where a date is needed."""
    if isinstance(value, str):
        text = value.strip()
        try:
            date = dt.date.fromisoformat(text)
        except ValueError:
            date = None
        if date is not None and len(text) == 10:
            return (
                "quoted-date",
                f"{key}: {_shown(value)} is quoted, so it is read as text, not a date; write "
                f"it without quotes: {key}: {date.isoformat()}",
            )
        if _DATE_SHAPE.match(text):
            return (
                "invalid-date",
                f"{key}: {_shown(value)} is not a date that exists; write an existing date "
                "as YYYY-MM-DD",
            )
        return (
            "invalid-date",
            f"{key}: {_shown(value)} is not a date; write it as YYYY-MM-DD, unquoted",
        )
    if isinstance(value, dt.datetime):
        return (
            "wrong-type",
            f"{key}: expected a date (YYYY-MM-DD), got a date and time "
            f"{value.isoformat(sep=' ')}; leave the time out",
        )
    return "wrong-type", f"{key}: expected a date (YYYY-MM-DD), got {describe_got(value)}"


_DATE_SHAPE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")


def describe_error(cls: type[Any], error: Any, base: tuple[Any, ...] = ()) -> tuple[str, str]:
    """A rule id and a message, quoting the bad value and saying what is valid.

    ``error`` is one of pydantic's errors for ``cls``; ``base`` is where ``cls`` sits in the
    file (``("measures", 2)``), so that messages can name an item of a list.
    """
    loc = tuple(error["loc"])
    kind = error["type"]
    if kind == "missing":
        return _missing_key(cls, loc)
    if kind in ("extra_forbidden", "invalid_key"):
        return _unknown_key(cls, loc, kind, error.get("input"))
    return _bad_value(error, _label((*base, *loc)), base)


def _missing_key(cls: type[Any], loc: tuple[Any, ...]) -> tuple[str, str]:
    name = str(loc[-1])
    if name == "sources":
        return (
            "no-source",
            "missing key 'sources': a record needs at least one source (a url or a "
            "citation, and a title)",
        )
    model = _model_at(cls, loc)
    required = required_fields(model) if model else []
    where = f" (required here: {', '.join(required)})" if required else ""
    return "missing-key", f"missing key {name!r}; add it{where}"


def _unknown_key(cls: type[Any], loc: tuple[Any, ...], kind: str, value: Any) -> tuple[str, str]:
    model = _model_at(cls, loc)
    valid = field_names(model) if model else []
    if kind == "invalid_key":
        return (
            "unknown-key",
            f"the key {_shown(value)} is read as a {_kind(value)}, not as text; use one of "
            f"the valid keys: {', '.join(valid)}",
        )
    close = difflib.get_close_matches(str(loc[-1]), valid, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return "unknown-key", f"unknown key {loc[-1]!r}{hint} (valid keys: {', '.join(valid)})"


def _bad_value(error: Any, key: str, base: tuple[Any, ...]) -> tuple[str, str]:
    """A value of the wrong type, shape or pattern (the key exists, the value does not fit)."""
    loc = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if loc and loc[-1] == "[key]":
        parent = _label((*base, *loc[:-2]))
        return (
            "wrong-type",
            f"{parent}: the key {_shown(value)} is a {_kind(value)}; keys here must be text, "
            "such as a language code (ja, fr)",
        )
    if kind == "too_short" and key == "sources":
        return "no-source", "a record needs at least one source (a url or a citation, and a title)"
    if kind == "too_short":
        least = ctx.get("min_length", 1)
        got = ctx.get("actual_length", 0)
        return (
            "too-few",
            f"{key}: needs at least {least} item{'s' if least != 1 else ''}, got {got}",
        )
    if kind == "string_too_short":
        return (
            "empty-value",
            f"{key}: must not be empty; write the text, or delete the key if it is optional",
        )
    if kind.startswith("date"):
        return _date_problem(key, value)
    if kind == "string_pattern_mismatch":
        hint = _PATTERN_HINTS.get(str(ctx.get("pattern")), f"text matching {ctx.get('pattern')}")
        return "invalid-value", f"{key}: {_shown(value)} is not valid; expected {hint}"
    if kind == "literal_error":
        return (
            "invalid-value",
            f"{key}: {_shown(value)} is not valid; expected {ctx.get('expected')}",
        )
    expected = {
        "string_type": "text",
        "list_type": "a list",
        "dict_type": "a mapping",
        "model_type": "a mapping",
        "model_attributes_type": "a mapping",
        "float_type": "a number",
        "int_type": "a whole number",
        "bool_type": "true or false",
    }.get(kind)
    if expected is not None:
        return "wrong-type", f"{key}: expected {expected}, got {describe_got(value)}"
    message = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
    return "invalid-value", f"{key}: {message} (got {_shown(value)})"
