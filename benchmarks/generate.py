"""Write a synthetic sanctions-gap dataset of N members x M categories x K records, for timing.

    python benchmarks/generate.py OUT_DIR [--members 200] [--categories 100] [--records 10]
                                          [--scale 1/16] [--seed 1]

Each member has, per category, a standing absence and K - 1 dated records on distinct dates
between 2014 and the review date; one member in ten inherits the first member (like FR and
the EU). The result validates. It is written only where you say, never into data/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import string
import sys
from fractions import Fraction
from pathlib import Path

REVIEWED = dt.date(2026, 11, 27)
FIRST = dt.date(2014, 1, 1)
FAMILIES = ("financial", "trade", "energy", "transport", "diplomatic", "individuals")


def member_codes(count: int) -> list[str]:
    """Two-letter codes: AA, AB, ... (the first is the one others inherit)."""
    letters = string.ascii_uppercase
    codes = ["".join(pair) for pair in itertools.product(letters, letters)]
    if count > len(codes):
        raise SystemExit(f"at most {len(codes)} members")
    return codes[:count]


def categories_yaml(count: int, rng: random.Random) -> tuple[str, list[int]]:
    lines = ["categories:"]
    sizes = []
    for number in range(count):
        size = rng.randint(2, 5)
        sizes.append(size)
        lines += [
            f"  - id: cat_{number:03d}",
            f"    label: Synthetic category {number}",
            f"    family: {FAMILIES[number % len(FAMILIES)]}",
            f"    description: A synthetic category for benchmarking, number {number}.",
            f"    weight: {rng.choice((1, 1, 1, 2))}",
            "    levels:",
            "      - id: none",
            "        description: No measure.",
        ]
        for level in range(1, size):
            lines += [f"      - id: level_{level}", f"        description: Level {level}."]
    return "\n".join(lines) + "\n", sizes


def member_yaml(
    code: str, inherits: str | None, sizes: list[int], records: int, rng: random.Random
) -> str:
    lines = [f"code: {code}", f"name: Synthetic member {code}", f"reviewed: {REVIEWED}"]
    if inherits:
        lines.append(f"inherits: [{inherits}]")
    lines.append("measures:")
    span = (REVIEWED - FIRST).days
    serial = 0
    for number, size in enumerate(sizes):
        category = f"cat_{number:03d}"
        lines += [
            f"  - category: {category}",
            "    status: none",
            f"    confirmed: {REVIEWED}",
            f"    summary: {code} had no measure in {category} before its first record.",
            "    sources:",
            f"      - citation: Synthetic register {code}-{category}",
            "        title: Synthetic register of measures",
        ]
        days = sorted(rng.sample(range(span), records - 1))
        for offset in days:
            serial += 1
            effective = FIRST + dt.timedelta(days=offset)
            announced = effective - dt.timedelta(days=rng.randint(0, 30))
            level = rng.randrange(size)
            status = "none" if level == 0 else f"level_{level}"
            lines += [
                f"  - category: {category}",
                f"    status: {status}",
                f"    announced: {max(announced, FIRST)}",
                f"    effective: {effective}",
                f"    instrument: Act {code}/{serial:05d} of {effective.year}",
                f"    summary: Measure {serial} of {code} in {category}.",
                "    sources:",
                f"      - url: https://example.org/{code.lower()}/{serial}",
                f"        title: Source {serial} of {code}",
            ]
    return "\n".join(lines) + "\n"


def generate(out: Path, members: int, categories: int, records: int, seed: int) -> int:
    """Write the dataset; returns the number of bytes written."""
    rng = random.Random(seed)  # reproducible synthetic data; no security role
    codes = member_codes(members)
    (out / "members").mkdir(parents=True, exist_ok=True)
    text, sizes = categories_yaml(categories, rng)
    written = _write(out / "categories.yaml", text)
    groups = (
        "groups:\n  - id: ALL\n    label: Every member\n    members: [" + ", ".join(codes) + "]\n"
    )
    written += _write(out / "groups.yaml", groups)
    for position, code in enumerate(codes):
        inherits = codes[0] if position and position % 10 == 0 else None
        written += _write(
            out / "members" / f"{code.lower()}.yaml",
            member_yaml(code, inherits, sizes, records, rng),
        )
    return written


def _write(path: Path, text: str) -> int:
    data = text.encode("utf-8")
    path.write_bytes(data)
    return len(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the directory to write (must not be data/)")
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument("--categories", type=int, default=100)
    parser.add_argument("--records", type=int, default=10, help="records per member and category")
    parser.add_argument("--scale", type=Fraction, default=Fraction(1), help="1/16 .. 1: of members")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if not Fraction(1, 16) <= args.scale <= 1:
        parser.error("--scale must be between 1/16 and 1")
    out: Path = args.out.resolve()
    data_dir = (Path(__file__).resolve().parent.parent / "data").resolve()
    if out == data_dir or data_dir in out.parents:
        parser.error("refusing to write into the bundled data/ directory")
    members = max(2, round(args.members * args.scale))
    size = generate(out, members, args.categories, max(2, args.records), args.seed)
    print(
        f"{out}: {members} members x {args.categories} categories x {args.records} records, "
        f"{size / 1e6:.1f} MB",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
