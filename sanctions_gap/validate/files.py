"""Rules for each file: categories.yaml, groups.yaml, sources.yaml and a member file's header."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from sanctions_gap.dataset import Record
from sanctions_gap.loader import LineDict, LineList, RawDocument, line_of
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
from sanctions_gap.sources import SourceKinds
from sanctions_gap.validate.context import MEMBERS_DIR, SOURCES_FILE, Run
from sanctions_gap.validate.cross import check_history
from sanctions_gap.validate.records import check_measure
from sanctions_gap.validate.shape import check_shape, describe_got

RESERVED_LEVELS = (NOT_APPLICABLE, UNKNOWN)
_MEMBER_CODE = re.compile(r"^[A-Z]{2}$")


def check_categories(run: Run, document: RawDocument | None) -> dict[str, Category] | None:
    """The categories of `categories.yaml`, each with a valid scale; None if any is invalid."""
    if document is None:
        return None
    run.document = document.data
    path = document.path
    data = document.data
    raw = data.get("categories") if isinstance(data, LineDict) else None
    if not isinstance(raw, LineList) or not raw:
        check_shape(run, CategoryFile, data, path, ())
        return None
    valid = True
    others = {k: v for k, v in data.items() if k != "categories"}
    if others:
        # Only the other keys (all unknown): each category is checked on its own below.
        check_shape(run, CategoryFile, others, path, (), skip="categories")
        valid = False
    found: dict[str, Category] = {}
    first_lines: dict[str, int] = {}
    for index, item in enumerate(raw):
        category = check_shape(run, Category, item, path, ("categories", index))
        if category is None:
            valid = False
            continue
        line = line_of(data, ("categories", index, "id"))
        if category.id in found:
            run.add(
                path,
                line,
                "duplicate-category",
                f"category {category.id!r} is defined twice (the first on line "
                f"{first_lines[category.id]}); give each category its own id",
            )
            valid = False
            continue
        first_lines[category.id] = line
        valid = check_levels(run, category, path, index) and valid
        found[category.id] = category
    return found if valid else None


def check_levels(run: Run, category: Category, path: str, index: int) -> bool:
    """A category's scale starts at `none` and lists each level once; no reserved id."""
    valid = True
    data = run.document
    level_ids = category.level_ids
    if level_ids[0] != "none":
        run.add(
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
            first = line_of(data, ("categories", index, "levels", level_ids.index(level_id)))
            run.add(
                path,
                where,
                "duplicate-level",
                f"category {category.id!r}: level {level_id!r} is listed twice (the "
                f"first on line {first}); give each level its own id",
            )
            valid = False
        if level_id in RESERVED_LEVELS:
            run.add(
                path,
                where,
                "reserved-level",
                f"category {category.id!r}: {level_id!r} is reserved and cannot be a "
                f"level; the reserved ids are {', '.join(RESERVED_LEVELS)}",
            )
            valid = False
    return valid


# ------------------------------------------------------------------ groups


def check_groups(
    run: Run, document: RawDocument | None, members: set[str]
) -> dict[str, Group] | None:
    if document is None:
        return None
    run.document = document.data
    path = document.path
    parsed = check_shape(run, GroupFile, document.data, path, ())
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
            run.add(
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
                run.add(
                    path,
                    where,
                    "duplicate-group-member",
                    f"group {group.id!r} lists {code!r} twice; list each member once",
                )
            elif code not in members and members:
                run.add(
                    path,
                    where,
                    "unknown-member",
                    f"group {group.id!r}: unknown member {code!r}; "
                    f"members are {', '.join(sorted(members))}",
                )
    return groups


# ------------------------------------------------------------------ members


def check_sources_file(run: Run) -> SourceKinds | None:
    """The source kinds of `sources.yaml`, where the dataset has one (it is optional)."""
    if not (run.root / SOURCES_FILE).is_file():
        return None
    document = run.read(SOURCES_FILE)
    if document is None:
        return None
    run.document = document.data
    parsed = check_shape(run, SourceKindsFile, document.data, document.path, ())
    if parsed is None:
        return None
    valid = True
    for index, item in enumerate(parsed.identifiers):
        where = line_of(document.data, ("identifiers", index, "pattern"))
        try:
            matches = re.search(item.pattern, item.example) is not None
        except re.error as exc:
            run.add(
                document.path,
                where,
                "invalid-pattern",
                f"the pattern {item.pattern!r} is not a valid regular expression ({exc})",
            )
            valid = False
            continue
        if not matches:
            run.add(
                document.path,
                where,
                "pattern-misses-example",
                f"the pattern {item.pattern!r} does not match its example "
                f"{item.example!r}; correct one of them",
            )
            valid = False
    return SourceKinds.from_file(parsed) if valid else None


# ------------------------------------------------------------------ shape (pydantic)


@dataclass
class MemberFiles:
    """The member files that validated, and every member code the dataset has."""

    members: dict[str, Member] = field(default_factory=dict)
    records: list[Record] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)
    """Each member's file, as shown in messages."""
    known: set[str] = field(default_factory=set)
    """The codes of every member file, valid or not: a member whose file has an error is
    still a member, and references to it should not add a second, misleading issue."""


def check_member_files(
    run: Run, categories: dict[str, Category] | None, member_files: list[Path]
) -> MemberFiles:
    """Each member file, and one file per member."""
    folder = run.root / MEMBERS_DIR
    if not folder.is_dir():
        run.add(
            MEMBERS_DIR,
            0,
            "missing-file",
            "the dataset has no members/ directory; create it, with one <code>.yaml file "
            "per member",
        )
    elif not member_files:
        run.add(
            MEMBERS_DIR,
            0,
            "missing-file",
            "members/ holds no member file; add one <code>.yaml file per member",
        )
    found = MemberFiles(known={file.stem.upper() for file in member_files})
    for file in member_files:
        shown = f"{MEMBERS_DIR}/{file.name}"
        parsed = check_member(run, run.read(shown), categories)
        if parsed is None:
            continue
        member, member_records = parsed
        if member.code in found.members:
            run.add(
                shown,
                line_of(run.document, ("code",)),
                "duplicate-member",
                f"member {member.code!r} is also in {found.files[member.code]}; keep one file "
                "per member",
            )
            continue
        found.members[member.code] = member
        found.files[member.code] = shown
        run.member_data[member.code] = run.document
        found.records.extend(member_records)
    found.known |= set(found.members)
    return found


def check_member(
    run: Run, document: RawDocument | None, categories: dict[str, Category] | None
) -> tuple[Member, list[Record]] | None:
    if document is None:
        return None
    data = document.data
    run.document = data
    path = document.path
    raw_measures = data.get("measures", LineList())
    header = {k: v for k, v in data.items() if k != "measures"}
    member = check_shape(run, Member, header, path, ())
    if not isinstance(raw_measures, LineList):
        member = None
        got = "nothing" if raw_measures is None else describe_got(raw_measures)
        run.add(
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
        measure = check_shape(run, Measure, item, path, ("measures", index))
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
        run.add(
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
        check_measure(run, measure, reviewed, categories, path, ("measures", index))
    check_history(run, records)
    if member is None or len(measures) != len(raw_measures):
        return None
    member = dataclasses.replace(member, measures=[m for _, m in measures])
    return member, records
