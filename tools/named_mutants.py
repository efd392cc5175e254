"""Check that the suite catches the bugs issue 13 named: each is a one-line change of the code.

    python tools/named_mutants.py          # every mutant: copy the tree, change one line, test
    python tools/named_mutants.py M1 M5    # some of them

For each mutant, the project is copied (without .git, .venv and mutants/) to a temporary
directory, the one line is changed there, and the test files that should catch it run against
the copy (``PYTHONPATH`` puts the copy first); first, the same tests run on an unchanged copy
and must pass. A mutant is *caught* when a test fails; the script prints the first failing
test and exits 1 if any mutant is not caught. Not part of CI (seconds a mutant on two cores);
``docs/testing.md`` lists the tests that catch them.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
TESTS = [
    "tests/test_boundaries.py",
    "tests/test_compare.py",
    "tests/test_options.py",
    "tests/test_validate.py",
    "tests/test_render.py",
    "tests/test_annotations.py",
]


class Mutant(NamedTuple):
    name: str
    what: str
    path: str
    old: str
    new: str


MUTANTS = (
    Mutant(
        "M1",
        "the share of peers ahead over the whole group, not the applicable peers",
        "sanctions_gap/engine/assess.py",
        "applicable = known - (rank >= 0)",
        "applicable = len(members) - 1",
    ),
    Mutant(
        "M2",
        "no first_peer_date for a peer whose record takes effect on the as-of date",
        "sanctions_gap/engine/comparison.py",
        "        if cell.first_peer_day is not None:",
        "        if cell.first_peer_day is not None"
        " and cell.first_peer_day != assessment.as_of.toordinal():",
    ),
    Mutant(
        "M3",
        "a latency for a member still at none",
        "sanctions_gap/engine/comparison.py",
        "        if answer.rank >= 1:",
        "        if answer.rank >= 0:",
    ),
    Mutant(
        "M4",
        "timeline ignores --min-peers",
        "sanctions_gap/engine/timelines.py",
        "judge(ahead, applicable, self.min_peers, self.min_share)",
        "judge(ahead, applicable, 1, self.min_share)",
    ),
    Mutant(
        "M5",
        "--min-share exactly equal to the share is not enough",
        "sanctions_gap/engine/assess.py",
        "share >= min_share",
        "share > min_share",
    ),
    Mutant(
        "M6",
        "an exemption ending on the measure's effective day is refused",
        "sanctions_gap/validate/records.py",
        "until < effective:",
        "until <= effective:",
    ),
    Mutant(
        "M7",
        "% left unescaped in GitHub annotations",
        "sanctions_gap/render/github.py",
        'return text.replace("%", "%25").replace',
        "return text.replace",
    ),
    Mutant(
        "M8",
        "CR left unescaped in GitHub annotations",
        "sanctions_gap/render/github.py",
        '.replace("\\r", "%0D")',
        "",
    ),
    Mutant(
        "M9",
        "LF left unescaped in GitHub annotations",
        "sanctions_gap/render/github.py",
        '.replace("\\n", "%0A")',
        "",
    ),
    Mutant(
        "M10",
        "an annotation's file escaped as a message (its : and , left)",
        "sanctions_gap/render/github.py",
        'f"file={escape_property(annotation.path)}"',
        'f"file={escape_data(annotation.path)}"',
    ),
    Mutant(
        "M11",
        "an annotation's title escaped as a message (its : and , left)",
        "sanctions_gap/render/github.py",
        'f"title={escape_property(annotation.title)}"',
        'f"title={escape_data(annotation.title)}"',
    ),
)


def check(mutant: Mutant | None) -> str | None:
    """The first failing test with the mutant in place (none: the code as it is), or None if
    every test passes."""
    with tempfile.TemporaryDirectory(prefix="sanctions-gap-mutant-") as tmp:
        copy = Path(tmp) / "tree"
        shutil.copytree(
            ROOT, copy, ignore=shutil.ignore_patterns(".git", ".venv", "mutants", "build")
        )
        if mutant is not None:
            target = copy / mutant.path
            text = target.read_text(encoding="utf-8")
            if text.count(mutant.old) != 1:
                raise SystemExit(f"{mutant.name}: {mutant.old!r} is not once in {mutant.path}")
            target.write_text(text.replace(mutant.old, mutant.new), encoding="utf-8")
        run = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *TESTS],
            cwd=copy,
            env={**os.environ, "PYTHONPATH": str(copy)},
            capture_output=True,
            text=True,
            check=False,
        )
    if run.returncode == 0:
        return None
    failed = re.search(r"^FAILED (\S+)", run.stdout, re.MULTILINE)
    return failed.group(1) if failed else f"pytest exit {run.returncode}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="mutants to check (default: all)")
    chosen = parser.parse_args().names
    # The control: without a mutant every test passes, or no failure below would mean anything.
    if (failing := check(None)) is not None:
        raise SystemExit(f"the tests fail without a mutant: {failing}")
    missed = 0
    for mutant in MUTANTS:
        if chosen and mutant.name not in chosen:
            continue
        caught = check(mutant)
        missed += caught is None
        print(f"{mutant.name} {mutant.what}: {'caught by ' + caught if caught else 'NOT CAUGHT'}")
    raise SystemExit(1 if missed else 0)


if __name__ == "__main__":
    main()
