"""Validate a dataset directory into a ``Dataset``, collecting every issue rather than the first."""

from __future__ import annotations

import datetime as dt
import difflib
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from sanctions_gap.dataset import Dataset, Record
from sanctions_gap.errors import DataError, Issue
from sanctions_gap.loader import LineDict, LineList, RawDocument, line_of, read_document
from sanctions_gap.models import (
    NOT_APPLICABLE,
    UNKNOWN,
    Category,
    CategoryFile,
    Group,
    GroupFile,
    Measure,
    Member,
)

CATEGORIES_FILE = "categories.yaml"
GROUPS_FILE = "groups.yaml"
MEMBERS_DIR = "members"
EARLIEST = dt.date(1991, 12, 25)
"""No date in the data may come before the Russian Federation existed."""
RESERVED_LEVELS = (NOT_APPLICABLE, UNKNOWN)


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of validating a dataset: the issues, and the dataset if there were none."""

    root: Path
    """The dataset directory."""
    issues: tuple[Issue, ...]
    """Every issue found, sorted by file and line."""
    dataset: Dataset | None
    """The dataset, when it is valid."""
    files: int
    """How many files were read."""

    @property
    def valid(self) -> bool:
        """Whether the dataset has no issue."""
        return not self.issues

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary."""
        return {
            "schema_version": 1,
            "valid": self.valid,
            "files": self.files,
            "issues": [issue.to_dict() for issue in self.issues],
        }


def default_data_dir() -> Path:
    """The dataset bundled with the package (in a wheel) or beside it (in a source checkout)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "data", here.parent / "data"):
        if (candidate / CATEGORIES_FILE).is_file():
            return candidate
    return here / "data"


def load_dataset(path: str | Path | None = None) -> Dataset:
    """Load and validate a dataset directory (the bundled one by default).

    Raises ``DataError`` with every issue when the dataset is not valid.
    """
    report = validate_dataset(path)
    if report.dataset is None:
        raise DataError(list(report.issues), report.root)
    return report.dataset


def validate_dataset(path: str | Path | None = None) -> ValidationReport:
    """Read and check every file of a dataset directory."""
    root = Path(path) if path is not None else default_data_dir()
    issues: list[Issue] = []
    if not root.is_dir():
        issue = Issue(str(root), 0, "no-dataset", "not a directory; give a dataset directory")
        return ValidationReport(root, (issue,), None, 0)
    checker = _Checker(root, issues)
    dataset = checker.run()
    issues.sort()
    return ValidationReport(root, tuple(issues), None if issues else dataset, checker.files)


class _Checker:
    """One validation run: reads the files, validates the models, cross-checks them."""

    def __init__(self, root: Path, issues: list[Issue]) -> None:
        self.root = root
        self.issues = issues
        self.files = 0

    def add(self, path: str, line: int, rule: str, message: str) -> None:
        self.issues.append(Issue(path, line, rule, message))

    def read(self, name: str) -> RawDocument | None:
        file = self.root / name
        if not file.is_file():
            self.add(name, 0, "missing-file", f"the dataset has no {name}; create it")
            return None
        self.files += 1
        document, issues = read_document(file, name)
        self.issues.extend(issues)
        return document

    def run(self) -> Dataset | None:
        categories = self.check_categories(self.read(CATEGORIES_FILE))
        members_dir = self.root / MEMBERS_DIR
        member_files: list[Path] = []
        if members_dir.is_dir():
            member_files = sorted(
                p for p in members_dir.iterdir() if p.suffix in (".yaml", ".yml")
            )
        else:
            self.add(MEMBERS_DIR, 0, "missing-file", "the dataset has no members/ directory")
        if members_dir.is_dir() and not member_files:
            self.add(MEMBERS_DIR, 0, "missing-file", "members/ holds no <code>.yaml file")
        members: dict[str, Member] = {}
        records: list[Record] = []
        files: dict[str, str] = {}
        for file in member_files:
            shown = f"{MEMBERS_DIR}/{file.name}"
            parsed = self.check_member(self.read(f"{MEMBERS_DIR}/{file.name}"), categories)
            if parsed is None:
                continue
            member, member_records = parsed
            if member.code in members:
                self.add(
                    shown, 1, "duplicate-member", f"member {member.code!r} is also in {files[member.code]}"
                )
                continue
            members[member.code] = member
            files[member.code] = shown
            records.extend(member_records)
        self.check_inheritance(members, files)
        groups = self.check_groups(self.read(GROUPS_FILE), members)
        if self.issues or categories is None or groups is None:
            return None
        return Dataset(
            root=self.root,
            categories=categories,
            groups=groups,
            members=dict(sorted(members.items())),
            records=tuple(records),
            files=files,
        )

    # ------------------------------------------------------------------ shape (pydantic)

    def model(self, cls: type[BaseModel], data: Any, path: str, base: tuple[Any, ...]) -> Any:
        """Validate ``data`` as ``cls``; report each error at its line; None if invalid."""
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                loc = (*base, *error["loc"])
                rule, message = describe_error(cls, error)
                self.add(path, line_of(self.document, loc), rule, message)
            return None

    # ------------------------------------------------------------------ categories

    def check_categories(self, document: RawDocument | None) -> dict[str, Category] | None:
        if document is None:
            return None
        self.document = document.data
        path = document.path
        data = document.data
        raw = data.get("categories") if isinstance(data, LineDict) else None
        if not isinstance(raw, LineList):
            self.model(CategoryFile, data, path, ())
            return None
        found: dict[str, Category] = {}
        valid = True
        for index, item in enumerate(raw):
            category = self.model(Category, item, path, ("categories", index))
            shown = item.get("id") if isinstance(item, dict) else None
            others = {k: v for k, v in data.items() if k != "categories"}
            if others:
                self.model(CategoryFile, {**others, "categories": [{}]}, path, ())
            if category is None:
                valid = False
                continue
            line = line_of(data, ("categories", index, "id"))
            if category.id in found:
                self.add(path, line, "duplicate-category", f"category {shown!r} is defined twice")
                valid = False
                continue
            level_ids = category.level_ids
            if level_ids[0] != "none":
                self.add(
                    path,
                    line_of(data, ("categories", index, "levels", 0)),
                    "first-level-not-none",
                    f"category {category.id!r}: the first level is {level_ids[0]!r}; "
                    "the first level must be 'none'",
                )
                valid = False
            for position, level_id in enumerate(level_ids):
                where = line_of(data, ("categories", index, "levels", position))
                if level_id in level_ids[:position]:
                    self.add(
                        path,
                        where,
                        "duplicate-level",
                        f"category {category.id!r}: level {level_id!r} is listed twice",
                    )
                    valid = False
                if level_id in RESERVED_LEVELS:
                    self.add(
                        path,
                        where,
                        "reserved-level",
                        f"category {category.id!r}: {level_id!r} is reserved and cannot be a level",
                    )
                    valid = False
            found[category.id] = category
        return found if valid else None

    # ------------------------------------------------------------------ groups

    def check_groups(
        self, document: RawDocument | None, members: dict[str, Member]
    ) -> dict[str, Group] | None:
        if document is None:
            return None
        self.document = document.data
        path = document.path
        parsed = self.model(GroupFile, document.data, path, ())
        if parsed is None:
            return None
        groups: dict[str, Group] = {}
        for index, group in enumerate(parsed.groups):
            line = line_of(document.data, ("groups", index, "id"))
            if group.id.upper() in {g.upper() for g in groups}:
                self.add(path, line, "duplicate-group", f"group {group.id!r} is defined twice")
                continue
            groups[group.id] = group
            for position, code in enumerate(group.members):
                where = line_of(document.data, ("groups", index, "members", position))
                if code in group.members[:position]:
                    self.add(
                        path, where, "duplicate-group-member", f"group {group.id!r} lists {code!r} twice"
                    )
                elif code not in members and members:
                    self.add(
                        path,
                        where,
                        "unknown-member",
                        f"group {group.id!r}: unknown member {code!r}; "
                        f"members are {', '.join(sorted(members))}",
                    )
        return groups

    # ------------------------------------------------------------------ members

    def check_member(
        self, document: RawDocument | None, categories: dict[str, Category] | None
    ) -> tuple[Member, list[Record]] | None:
        if document is None:
            return None
        data = document.data
        self.document = data
        path = document.path
        raw_measures = data.get("measures", LineList())
        header = {k: v for k, v in data.items() if k != "measures"}
        member = self.model(Member, header, path, ())
        if not isinstance(raw_measures, LineList):
            member = None
            if raw_measures is not None:
                kind = type(raw_measures).__name__
                self.add(
                    path,
                    line_of(data, ("measures",)),
                    "wrong-type",
                    f"measures: expected a list of records, got a {kind}",
                )
            raw_measures = LineList()
            raw_measures.item_lines = []
        measures: list[tuple[int, Measure]] = []
        for index, item in enumerate(raw_measures):
            measure = self.model(Measure, item, path, ("measures", index))
            if measure is not None:
                measures.append((index, measure))
        if member is None:
            return None
        stem = Path(path).stem
        if stem != member.code.lower():
            self.add(
                path,
                line_of(data, ("code",)),
                "file-name-mismatch",
                f"the file is named {Path(path).name!r} but holds code {member.code!r}; "
                f"name it {member.code.lower()}.yaml",
            )
        records = [
            Record(member.code, measure, path, raw_measures.item_lines[index])
            for index, measure in measures
        ]
        for index, measure in measures:
            self.check_measure(measure, member, categories, path, ("measures", index))
        self.check_history(records)
        if len(measures) != len(raw_measures):
            return None
        member = Member.model_validate({**header, "measures": [m for _, m in measures]})
        return member, records

    def check_measure(
        self,
        measure: Measure,
        member: Member,
        categories: dict[str, Category] | None,
        path: str,
        loc: tuple[Any, ...],
    ) -> None:
        data = self.document

        def at(key: str) -> int:
            return line_of(data, (*loc, key))

        if categories is not None:
            category = categories.get(measure.category)
            if category is None:
                close = difflib.get_close_matches(measure.category, list(categories), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else "; see categories.yaml"
                self.add(
                    path,
                    at("category"),
                    "unknown-category",
                    f"unknown category {measure.category!r}{hint}",
                )
            elif measure.status not in (*category.level_ids, NOT_APPLICABLE):
                valid = ", ".join((*category.level_ids, NOT_APPLICABLE))
                self.add(
                    path,
                    at("status"),
                    "unknown-status",
                    f"status {measure.status!r} is not a level of {category.id!r}; "
                    f"use one of: {valid}",
                )
        for key in ("effective", "announced", "confirmed"):
            value = getattr(measure, key)
            if value is not None and value < EARLIEST:
                self.add(
                    path,
                    at(key),
                    "date-out-of-range",
                    f"{key} {value.isoformat()} is before {EARLIEST.isoformat()}; check the year",
                )
        if measure.is_standing:
            if measure.status not in ("none", NOT_APPLICABLE):
                self.add(
                    path,
                    at("status"),
                    "missing-effective",
                    f"a record with status {measure.status!r} needs an effective date; only "
                    "'none' or 'not_applicable' may stand without one",
                )
            elif measure.confirmed is None:
                self.add(
                    path,
                    at("status"),
                    "missing-confirmed",
                    "a standing absence (no effective date) needs 'confirmed': the date on "
                    "which the absence was last confirmed",
                )
            if measure.announced is not None:
                self.add(
                    path,
                    at("announced"),
                    "announced-without-effective",
                    "'announced' needs an 'effective' date; a standing absence has neither",
                )
        elif measure.confirmed is not None:
            self.add(
                path,
                at("confirmed"),
                "confirmed-with-effective",
                "'confirmed' is only for standing absences (records without 'effective'); "
                "delete it or the effective date",
            )
        if (
            measure.announced is not None
            and measure.effective is not None
            and measure.announced > measure.effective
        ):
            self.add(
                path,
                at("announced"),
                "announced-after-effective",
                f"announced {measure.announced.isoformat()} is after effective "
                f"{measure.effective.isoformat()}; announced must be on or before effective",
            )
        reviewed = member.reviewed
        for key in ("announced", "confirmed"):
            value = getattr(measure, key)
            if value is not None and value > reviewed:
                self.add(
                    path,
                    at(key),
                    "after-reviewed",
                    f"{key} {value.isoformat()} is after the file's reviewed date "
                    f"{reviewed.isoformat()}; a date cannot be after the last check",
                )
        if (
            measure.effective is not None
            and measure.effective > reviewed
            and (measure.announced is None or measure.announced > reviewed)
        ):
            self.add(
                path,
                at("effective"),
                "future-without-announced",
                f"effective {measure.effective.isoformat()} is after the reviewed date "
                f"{reviewed.isoformat()}; a future measure needs an 'announced' date on or "
                "before the reviewed date",
            )
        for position, source in enumerate(measure.sources):
            if source.url is None and source.citation is None:
                self.add(
                    path,
                    line_of(data, (*loc, "sources", position)),
                    "source-without-reference",
                    "a source needs a 'url' (of a page you have read) or a 'citation'",
                )
        for position, exemption in enumerate(measure.exemptions):
            if (
                exemption.until is not None
                and measure.effective is not None
                and exemption.until < measure.effective
            ):
                self.add(
                    path,
                    line_of(data, (*loc, "exemptions", position, "until")),
                    "exemption-before-effective",
                    f"exemption until {exemption.until.isoformat()} ends before the measure's "
                    f"effective date {measure.effective.isoformat()}",
                )

    def check_history(self, records: list[Record]) -> None:
        seen: dict[tuple[str, dt.date | None], Record] = {}
        for record in records:
            measure = record.measure
            key = (measure.category, measure.effective)
            first = seen.get(key)
            if first is None:
                seen[key] = record
                continue
            if measure.effective is None:
                self.add(
                    record.path,
                    record.line,
                    "duplicate-standing",
                    f"category {measure.category!r} has two standing records (the first on line "
                    f"{first.line}); keep one",
                )
            else:
                self.add(
                    record.path,
                    record.line,
                    "duplicate-effective",
                    f"category {measure.category!r} has two records effective "
                    f"{measure.effective.isoformat()} (the first on line {first.line}); "
                    "merge them or correct a date",
                )

    def check_inheritance(self, members: dict[str, Member], files: dict[str, str]) -> None:
        for code, member in members.items():
            for parent in member.inherits:
                if parent not in members:
                    line = self.inherits_line(files[code])
                    self.add(
                        files[code],
                        line,
                        "unknown-member",
                        f"inherits unknown member {parent!r}; "
                        f"members are {', '.join(sorted(members))}",
                    )
        for code in members:
            cycle = _find_cycle(code, members)
            if cycle is not None and cycle[0] == code:
                self.add(
                    files[code],
                    self.inherits_line(files[code]),
                    "inheritance-cycle",
                    f"inheritance cycle: {' -> '.join(cycle)}; a member cannot inherit from itself",
                )

    def inherits_line(self, path: str) -> int:
        # Only called for files that parsed; re-reading one small file keeps the state simple.
        document, _ = read_document(self.root / path, path)
        return line_of(document.data, ("inherits",)) if document else 1


def _find_cycle(start: str, members: dict[str, Member]) -> list[str] | None:
    """The first inheritance cycle reachable from ``start``, as a path of codes."""

    def walk(code: str, path: list[str]) -> list[str] | None:
        for parent in members[code].inherits:
            if parent == start:
                return [*path, parent]
            if parent in members and parent not in path:
                found = walk(parent, [*path, parent])
                if found is not None:
                    return found
        return None

    found = walk(start, [start])
    return found


# ---------------------------------------------------------------------- error messages


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return type(value).__name__


def _model_at(cls: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class whose field is named by the last part of ``loc``."""
    current: type[BaseModel] = cls
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(str(part))
        if info is None:
            return None
        nested = _models_in(info.annotation)
        if not nested:
            return None
        current = nested[0]
    return current


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
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


def describe_error(cls: type[BaseModel], error: Any) -> tuple[str, str]:
    """A rule id and a message, quoting the bad value and saying what is valid."""
    loc = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    names = [str(p) for p in loc if not isinstance(p, int)]
    key = names[-1] if names else "the file"
    if kind == "missing":
        return "missing-key", f"missing key {key!r}"
    if kind == "extra_forbidden":
        model = _model_at(cls, loc)
        valid = list(model.model_fields) if model else []
        close = difflib.get_close_matches(str(loc[-1]), valid, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return "unknown-key", f"unknown key {loc[-1]!r}{hint} (valid keys: {', '.join(valid)})"
    if kind == "too_short" and key == "sources":
        return "no-source", "a record needs at least one source (a url or a citation, and a title)"
    if kind == "too_short":
        return "empty-value", f"{key}: must not be empty"
    if kind.startswith("date"):
        if isinstance(value, str):
            return (
                "invalid-date",
                f"{key}: {_shown(value)} is not a valid date; write an existing date, "
                "unquoted, as YYYY-MM-DD",
            )
        return "wrong-type", f"{key}: expected a date (YYYY-MM-DD), got {_shown(value)}"
    if kind == "string_pattern_mismatch":
        hint = _PATTERN_HINTS.get(str(ctx.get("pattern")), f"text matching {ctx.get('pattern')}")
        return "invalid-value", f"{key}: {_shown(value)} is not valid; expected {hint}"
    if kind == "literal_error":
        return "invalid-value", f"{key}: {_shown(value)} is not valid; expected {ctx.get('expected')}"
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
        return "wrong-type", f"{key}: expected {expected}, got {_kind(value)} {_shown(value)}"
    message = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
    return "invalid-value", f"{key}: {message} (got {_shown(value)})"


def iter_member_files(root: Path) -> Iterator[Path]:
    """The member files of a dataset directory, sorted."""
    folder = root / MEMBERS_DIR
    if folder.is_dir():
        yield from sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))
