"""Rules across records and files: one record per date, inheritance that resolves, no cycles."""

from __future__ import annotations

import datetime as dt

from sanctions_gap.dataset import Record
from sanctions_gap.loader import line_of
from sanctions_gap.models import Member
from sanctions_gap.validate.context import Run


def check_history(run: Run, records: list[Record]) -> None:
    seen: dict[tuple[str, dt.date | None], Record] = {}
    for record in records:
        measure = record.measure
        key = (measure.category, measure.effective)
        first = seen.get(key)
        if first is None:
            seen[key] = record
            continue
        if measure.effective is None:
            run.add(
                record.path,
                record.line,
                "duplicate-standing",
                f"category {measure.category!r} has two standing records (the first on line "
                f"{first.line}); keep one",
            )
        else:
            run.add(
                record.path,
                record.line,
                "duplicate-effective",
                f"category {measure.category!r} has two records effective "
                f"{measure.effective.isoformat()} (the first on line {first.line}); "
                "merge them or correct a date",
            )


def check_inheritance(
    run: Run, members: dict[str, Member], files: dict[str, str], known: set[str]
) -> None:
    for code, member in members.items():
        data = run.member_data[code]
        for index, parent in enumerate(member.inherits):
            if parent not in known:
                run.add(
                    files[code],
                    line_of(data, ("inherits", index)),
                    "unknown-member",
                    f"inherits unknown member {parent!r}; members are {', '.join(sorted(known))}",
                )
    for code, member in members.items():
        cycle = _find_cycle(code, members)
        if cycle is None or cycle[0] != code:
            continue
        line = line_of(run.member_data[code], ("inherits", member.inherits.index(cycle[1])))
        if len(cycle) == 2:
            message = f"{code} inherits from itself; remove {code!r} from inherits"
        else:
            message = (
                f"inheritance cycle: {' -> '.join(cycle)}; a member cannot inherit, even "
                "through others, from itself: remove one of these inherits"
            )
        run.add(files[code], line, "inheritance-cycle", message)


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
