"""Validate a dataset directory into a ``Dataset``, collecting every issue rather than the first."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import TypeAdapter, ValidationError

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
    SourceKindsFile,
)
from sanctions_gap.perf import paused_gc
from sanctions_gap.sources import OFFICIAL, UNLISTED, SourceKinds, evidence_date, host_of

CATEGORIES_FILE = "categories.yaml"
GROUPS_FILE = "groups.yaml"
SOURCES_FILE = "sources.yaml"
MEMBERS_DIR = "members"
EARLIEST = dt.date(1991, 12, 25)
"""No date in the data may come before the Russian Federation existed."""
RESERVED_LEVELS = (NOT_APPLICABLE, UNKNOWN)
_MEMBER_CODE = re.compile(r"^[A-Z]{2}$")

SOURCE_RULES: dict[str, Literal["error", "warning"]] = {
    "unknown-source-host": "warning",
    "no-official-source": "warning",
    "weak-sources-only": "warning",
    "confirmed-after-evidence": "warning",
    "needless-waiver": "warning",
}
"""The severity of each source rule (run only where the dataset has `sources.yaml`)."""


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
        """Whether the dataset has no error (warnings do not make it invalid)."""
        return not self.errors

    @property
    def errors(self) -> tuple[Issue, ...]:
        """The issues that make the dataset invalid."""
        return tuple(issue for issue in self.issues if issue.severity == "error")

    @property
    def warnings(self) -> tuple[Issue, ...]:
        """The issues reported as warnings."""
        return tuple(issue for issue in self.issues if issue.severity == "warning")

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
        raise DataError(list(report.errors), report.root)
    return report.dataset


def validate_dataset(path: str | Path | None = None) -> ValidationReport:
    """Read and check every file of a dataset directory."""
    root = Path(path) if path is not None else default_data_dir()
    issues: list[Issue] = []
    if not root.is_dir():
        issue = Issue(str(root), 0, "no-dataset", "not a directory; give a dataset directory")
        return ValidationReport(root, (issue,), None, 0)
    checker = _Checker(root, issues)
    with paused_gc():
        dataset = checker.run()
    issues.sort()
    valid = not any(issue.severity == "error" for issue in issues)
    return ValidationReport(root, tuple(issues), dataset if valid else None, checker.files)


class _Checker:
    """One validation run: reads the files, validates the models, cross-checks them."""

    def __init__(self, root: Path, issues: list[Issue]) -> None:
        self.root = root
        self.issues = issues
        self.files = 0
        self.document: Any = None
        """The data of the file being checked, for the lines of its keys and items."""
        self.member_data: dict[str, LineDict] = {}
        """The data of each member file that validated, by member code."""
        self.kinds: SourceKinds | None = None
        """The source kinds of `sources.yaml`, once read (None without one)."""

    def add(self, path: str, line: int, rule: str, message: str) -> None:
        self.issues.append(Issue(path, line, rule, message, SOURCE_RULES.get(rule, "error")))

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
        self.kinds = self.check_sources_file()
        members_dir = self.root / MEMBERS_DIR
        member_files = list(iter_member_files(self.root))
        if not members_dir.is_dir():
            self.add(
                MEMBERS_DIR,
                0,
                "missing-file",
                "the dataset has no members/ directory; create it, with one <code>.yaml file "
                "per member",
            )
        if members_dir.is_dir() and not member_files:
            self.add(
                MEMBERS_DIR,
                0,
                "missing-file",
                "members/ holds no member file; add one <code>.yaml file per member",
            )
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
                    shown,
                    line_of(self.document, ("code",)),
                    "duplicate-member",
                    f"member {member.code!r} is also in {files[member.code]}; keep one file "
                    "per member",
                )
                continue
            members[member.code] = member
            files[member.code] = shown
            self.member_data[member.code] = self.document
            records.extend(member_records)
        # Codes of every member file, valid or not: a member whose file has an error is still
        # a member, and references to it should not add a second, misleading issue.
        known = set(members) | {file.stem.upper() for file in member_files}
        self.check_inheritance(members, files, known)
        groups = self.check_groups(self.read(GROUPS_FILE), known)
        if any(i.severity == "error" for i in self.issues) or categories is None or groups is None:
            return None
        return Dataset(
            root=self.root,
            categories=categories,
            groups=groups,
            members=dict(sorted(members.items())),
            records=tuple(records),
            files=files,
            source_kinds=self.kinds,
        )

    def check_sources_file(self) -> SourceKinds | None:
        """The source kinds of `sources.yaml`, where the dataset has one (it is optional)."""
        if not (self.root / SOURCES_FILE).is_file():
            return None
        document = self.read(SOURCES_FILE)
        if document is None:
            return None
        self.document = document.data
        parsed = self.model(SourceKindsFile, document.data, document.path, ())
        if parsed is None:
            return None
        valid = True
        for index, item in enumerate(parsed.identifiers):
            where = line_of(document.data, ("identifiers", index, "pattern"))
            try:
                matches = re.search(item.pattern, item.example) is not None
            except re.error as exc:
                self.add(
                    document.path,
                    where,
                    "invalid-pattern",
                    f"the pattern {item.pattern!r} is not a valid regular expression ({exc})",
                )
                valid = False
                continue
            if not matches:
                self.add(
                    document.path,
                    where,
                    "pattern-misses-example",
                    f"the pattern {item.pattern!r} does not match its example "
                    f"{item.example!r}; correct one of them",
                )
                valid = False
        return SourceKinds.from_file(parsed) if valid else None

    # ------------------------------------------------------------------ shape (pydantic)

    def model(
        self,
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
                self.add(path, line_of(self.document, (*base, *loc)), rule, message)
            return None

    # ------------------------------------------------------------------ categories

    def check_categories(self, document: RawDocument | None) -> dict[str, Category] | None:
        if document is None:
            return None
        self.document = document.data
        path = document.path
        data = document.data
        raw = data.get("categories") if isinstance(data, LineDict) else None
        if not isinstance(raw, LineList) or not raw:
            self.model(CategoryFile, data, path, ())
            return None
        valid = True
        others = {k: v for k, v in data.items() if k != "categories"}
        if others:
            # Only the other keys (all unknown): each category is checked on its own below.
            self.model(CategoryFile, others, path, (), skip="categories")
            valid = False
        found: dict[str, Category] = {}
        first_lines: dict[str, int] = {}
        for index, item in enumerate(raw):
            category = self.model(Category, item, path, ("categories", index))
            if category is None:
                valid = False
                continue
            line = line_of(data, ("categories", index, "id"))
            if category.id in found:
                self.add(
                    path,
                    line,
                    "duplicate-category",
                    f"category {category.id!r} is defined twice (the first on line "
                    f"{first_lines[category.id]}); give each category its own id",
                )
                valid = False
                continue
            first_lines[category.id] = line
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
                    first = line_of(
                        data, ("categories", index, "levels", level_ids.index(level_id))
                    )
                    self.add(
                        path,
                        where,
                        "duplicate-level",
                        f"category {category.id!r}: level {level_id!r} is listed twice (the "
                        f"first on line {first}); give each level its own id",
                    )
                    valid = False
                if level_id in RESERVED_LEVELS:
                    self.add(
                        path,
                        where,
                        "reserved-level",
                        f"category {category.id!r}: {level_id!r} is reserved and cannot be a "
                        f"level; the reserved ids are {', '.join(RESERVED_LEVELS)}",
                    )
                    valid = False
            found[category.id] = category
        return found if valid else None

    # ------------------------------------------------------------------ groups

    def check_groups(
        self, document: RawDocument | None, members: set[str]
    ) -> dict[str, Group] | None:
        if document is None:
            return None
        self.document = document.data
        path = document.path
        parsed = self.model(GroupFile, document.data, path, ())
        if parsed is None:
            return None
        groups: dict[str, Group] = {}
        first_lines: dict[str, tuple[str, int]] = {}
        for index, group in enumerate(parsed.groups):
            line = line_of(document.data, ("groups", index, "id"))
            first = first_lines.get(group.id.upper())
            if first is not None:
                # Group ids are typed on the command line, where case does not matter.
                same = "" if first[0] == group.id else f" as {first[0]!r}, ignoring case"
                self.add(
                    path,
                    line,
                    "duplicate-group",
                    f"group {group.id!r} is defined twice (the first on line {first[1]}{same}); "
                    "give each group its own id",
                )
                continue
            first_lines[group.id.upper()] = (group.id, line)
            groups[group.id] = group
            for position, code in enumerate(group.members):
                where = line_of(document.data, ("groups", index, "members", position))
                if code in group.members[:position]:
                    self.add(
                        path,
                        where,
                        "duplicate-group-member",
                        f"group {group.id!r} lists {code!r} twice; list each member once",
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
            got = "nothing" if raw_measures is None else _got(raw_measures)
            self.add(
                path,
                line_of(data, ("measures",)),
                "wrong-type",
                f"measures: expected a list of records (each starting with '- '), got {got}; "
                "write 'measures: []' for a member with no record yet",
            )
            raw_measures = LineList()
            raw_measures.item_lines = []
        measures: list[tuple[int, Measure]] = []
        for index, item in enumerate(raw_measures):
            measure = self.model(Measure, item, path, ("measures", index))
            if measure is not None:
                measures.append((index, measure))
        # The checks below run even when the header is invalid, so that one run reports every
        # issue; each uses the header's values only where they are valid.
        stem = Path(path).stem
        code = data.get("code")
        code = code if isinstance(code, str) and _MEMBER_CODE.match(code) else None
        reviewed = data.get("reviewed")
        if not isinstance(reviewed, dt.date) or isinstance(reviewed, dt.datetime):
            reviewed = None
        if code is not None and stem != code.lower():
            self.add(
                path,
                line_of(data, ("code",)),
                "file-name-mismatch",
                f"the file is named {Path(path).name!r} but holds code {code!r}; "
                f"name it {code.lower()}.yaml",
            )
        records = [
            Record(code or stem.upper(), measure, path, raw_measures.item_lines[index])
            for index, measure in measures
        ]
        for index, measure in measures:
            self.check_measure(measure, reviewed, categories, path, ("measures", index))
        self.check_history(records)
        if member is None or len(measures) != len(raw_measures):
            return None
        member = dataclasses.replace(member, measures=[m for _, m in measures])
        return member, records

    def check_measure(
        self,
        measure: Measure,
        reviewed: dt.date | None,
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
                    f"{key} {value.isoformat()} is before {EARLIEST.isoformat()}, when the "
                    "Russian Federation came into being; check the year",
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
                    f"a standing absence (status {measure.status!r}, no effective date) needs "
                    "'confirmed': the date on which the absence was last confirmed",
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
                f"confirmed {measure.confirmed.isoformat()}: 'confirmed' is only for standing "
                "absences (records without 'effective'); delete it or the effective date",
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
        for key in ("announced", "confirmed"):
            value = getattr(measure, key)
            if value is not None and reviewed is not None and value > reviewed:
                self.add(
                    path,
                    at(key),
                    "after-reviewed",
                    f"{key} {value.isoformat()} is after the file's reviewed date "
                    f"{reviewed.isoformat()}; no date can be after the last check: correct "
                    "it, or update 'reviewed'",
                )
        # An announced date after `reviewed` is reported above; that report covers this case.
        if (
            measure.effective is not None
            and reviewed is not None
            and measure.effective > reviewed
            and measure.announced is None
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
                    "a source needs a 'url' (of a page you have read) or a 'citation' (the "
                    "official name of the instrument); it has only "
                    + ", ".join(repr(k) for k in _keys_at(data, (*loc, "sources", position))),
                )
        if self.kinds is not None:
            self.check_record_sources(measure, path, loc)
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
                    f"effective date {measure.effective.isoformat()}; an exemption must end on "
                    "or after the date the measure applies",
                )

    def check_record_sources(self, measure: Measure, path: str, loc: tuple[Any, ...]) -> None:
        """The source rules: listed hosts, an official source, no weak-only support, and a
        standing absence confirmed no later than its evidence."""
        assert self.kinds is not None  # noqa: S101 - the caller checks
        data = self.document
        kinds = self.kinds.kinds(measure.sources)
        for position, (source, kind) in enumerate(zip(measure.sources, kinds, strict=True)):
            if kind == UNLISTED and source.url is not None:
                self.add(
                    path,
                    line_of(data, (*loc, "sources", position, "url")),
                    "unknown-source-host",
                    f"the host {host_of(source.url)!r} is not in {SOURCES_FILE}; add it with "
                    "its kind (official, professional, news, state_affiliated or other)",
                )
        start = line_of(data, loc)
        official = OFFICIAL in kinds
        if measure.official_source_waiver is not None and official:
            self.add(
                path,
                line_of(data, (*loc, "official_source_waiver")),
                "needless-waiver",
                "the record cites an official source, so 'official_source_waiver' waives "
                "nothing; delete it",
            )
        elif not measure.is_standing and not official and measure.official_source_waiver is None:
            self.add(
                path,
                start,
                "no-official-source",
                f"the {measure.category} record effective "
                f"{measure.effective.isoformat() if measure.effective else '?'} cites no official "
                "source; cite the act, the official journal or the government's notice (a URL "
                "on an official host, or a citation with its official identifier), or give "
                "'official_source_waiver' with the reason no official text exists",
            )
        if all(kind in ("state_affiliated", "other") for kind in kinds):
            self.add(
                path,
                start,
                "weak-sources-only",
                f"every source of this {measure.category} record is state-affiliated media or "
                "a wiki, blog, mirror or aggregator; cite the official text or a professional "
                "or news report of it",
            )
        if measure.is_standing and measure.confirmed is not None:
            evidence = evidence_date(measure)
            if evidence is None or measure.confirmed > evidence:
                reach = (
                    f"its latest source is dated {evidence.isoformat()}"
                    if evidence is not None
                    else "no source carries a date ('published' or 'accessed')"
                )
                self.add(
                    path,
                    line_of(data, (*loc, "confirmed")),
                    "confirmed-after-evidence",
                    f"confirmed {measure.confirmed.isoformat()} claims more than the evidence: "
                    f"{reach}; set 'confirmed' to the latest source's date, or cite a later "
                    "source that shows the absence",
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

    def check_inheritance(
        self, members: dict[str, Member], files: dict[str, str], known: set[str]
    ) -> None:
        for code, member in members.items():
            data = self.member_data[code]
            for index, parent in enumerate(member.inherits):
                if parent not in known:
                    self.add(
                        files[code],
                        line_of(data, ("inherits", index)),
                        "unknown-member",
                        f"inherits unknown member {parent!r}; "
                        f"members are {', '.join(sorted(known))}",
                    )
        for code, member in members.items():
            cycle = _find_cycle(code, members)
            if cycle is None or cycle[0] != code:
                continue
            line = line_of(self.member_data[code], ("inherits", member.inherits.index(cycle[1])))
            if len(cycle) == 2:
                message = f"{code} inherits from itself; remove {code!r} from inherits"
            else:
                message = (
                    f"inheritance cycle: {' -> '.join(cycle)}; a member cannot inherit, even "
                    "through others, from itself: remove one of these inherits"
                )
            self.add(files[code], line, "inheritance-cycle", message)


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


def _got(value: Any) -> str:
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


def _keys_at(data: Any, loc: tuple[Any, ...]) -> list[Any]:
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
    return "wrong-type", f"{key}: expected a date (YYYY-MM-DD), got {_got(value)}"


_DATE_SHAPE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")


def describe_error(cls: type[Any], error: Any, base: tuple[Any, ...] = ()) -> tuple[str, str]:
    """A rule id and a message, quoting the bad value and saying what is valid.

    ``error`` is one of pydantic's errors for ``cls``; ``base`` is where ``cls`` sits in the
    file (``("measures", 2)``), so that messages can name an item of a list.
    """
    loc = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    key = _label((*base, *loc))
    if kind == "missing":
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
    if kind in ("extra_forbidden", "invalid_key"):
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
        return "wrong-type", f"{key}: expected {expected}, got {_got(value)}"
    message = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
    return "invalid-value", f"{key}: {message} (got {_shown(value)})"


def iter_member_files(root: Path) -> Iterator[Path]:
    """The member files of a dataset directory, sorted."""
    folder = root / MEMBERS_DIR
    if folder.is_dir():
        yield from sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))
