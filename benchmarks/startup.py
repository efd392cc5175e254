"""Time `sanctions-gap compare JP --vs G7` against the bare import of its own dependencies.

    python benchmarks/startup.py [--runs 15]

Runs each command alternately, side by side, in fresh processes, and prints the median wall
time of each and their ratio (the target is at most 1.3). It also checks which heavy modules
`--help`, `--version` and shell completion import.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

PYTHON = sys.executable
TOOL = str(Path(PYTHON).with_name("sanctions-gap"))
BASELINE = [PYTHON, "-c", "import pandas, typer, rich, yaml, pydantic"]
COMPARE = [TOOL, "compare", "JP", "--vs", "G7"]


def wall(command: list[str], env: dict[str, str] | None = None) -> float:
    """Seconds one run of ``command`` takes, output discarded."""
    start = time.perf_counter()
    subprocess.run(
        command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    return time.perf_counter() - start


def imported(args: list[str], env_extra: dict[str, str] | None = None) -> set[str]:
    """The top-level packages a run of the tool imports (from ``-X importtime``)."""
    env = {**os.environ, **(env_extra or {})}
    result = subprocess.run(
        [PYTHON, "-X", "importtime", "-m", "sanctions_gap", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    names = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return names


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    print(
        f"machine: {os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.machine()}"
    )
    wall(BASELINE)  # warm the file cache and the bytecode of both
    wall(COMPARE)
    base, tool = [], []
    for _ in range(args.runs):
        base.append(wall(BASELINE))
        tool.append(wall(COMPARE))
    b, t = statistics.median(base), statistics.median(tool)
    print(f"bare imports (pandas, typer, rich, yaml, pydantic)  median {b * 1000:6.0f} ms")
    print(f"sanctions-gap compare JP --vs G7                   median {t * 1000:6.0f} ms")
    print(f"ratio                                                       {t / b:6.2f}")
    heavy = {"pandas", "pydantic", "numpy"}
    complete = {
        "_SANCTIONS_GAP_COMPLETE": "complete_bash",
        "COMP_WORDS": "sanctions-gap comp",
        "COMP_CWORD": "1",
    }
    for label, argv, extra in (
        ("--help", ["--help"], None),
        ("--version", ["--version"], None),
        ("completion", [], complete),
        ("compare", ["compare", "JP", "--vs", "G7"], None),
    ):
        found = sorted(heavy & imported(argv, extra))
        print(f"{label:<12} imports: {', '.join(found) or 'none of pandas, pydantic, numpy'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
