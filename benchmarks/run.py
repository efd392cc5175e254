"""Time loading and the gap engine on a (generated) dataset, side by side on the same files.

    python benchmarks/generate.py /tmp/sg-bench          # 200 x 100 x 10, about 50 MB
    python benchmarks/run.py /tmp/sg-bench [--as-of 2026-11-27] [--skip-load]

Prints, in seconds: (a) PyYAML's C-accelerated safe loader reading the files alone, (b)
``load_dataset`` on the same directory (validation and line numbers), and their ratio b/a;
(c) ``gaps`` for the whole group after loading; (d) the monthly level panel of every member
and category from 2014 to the as-of date. Run it on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import yaml

from sanctions_gap.engine import gaps
from sanctions_gap.frame import level_panel
from sanctions_gap.validate import load_dataset

T = TypeVar("T")


def read_with_pyyaml(root: Path) -> int:
    """Parse every YAML file of the dataset with CSafeLoader; returns the file count."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    files = [
        root / "categories.yaml",
        root / "groups.yaml",
        *sorted((root / "members").glob("*.yaml")),
    ]
    for file in files:
        yaml.load(file.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506  # CSafeLoader is safe
    return len(files)


def timed(label: str, action: Callable[[], T]) -> tuple[float, T]:
    """Run ``action`` once, print its wall-clock time, return the time and its result."""
    start = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - start
    print(f"{label:<48} {seconds:8.2f} s", flush=True)
    return seconds, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="a dataset directory (see generate.py)")
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date(2026, 11, 27))
    parser.add_argument("--group", default="ALL", help="the group that gaps ranks (default ALL)")
    args = parser.parse_args(argv)
    root: Path = args.root
    size = sum(p.stat().st_size for p in root.rglob("*.yaml"))
    print(
        f"machine: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"{platform.machine()}; dataset {root} ({size / 1e6:.1f} MB)"
    )
    floor, _ = timed("(a) PyYAML CSafeLoader, files alone", lambda: read_with_pyyaml(root))
    loading, dataset = timed(
        "(b) load_dataset (validation + line numbers)", lambda: load_dataset(root)
    )
    print(f"{'    ratio b/a':<48} {loading / floor:8.2f}")
    print(
        f"    {len(dataset.members)} members x {len(dataset.categories)} categories, "
        f"{len(dataset.records)} records"
    )
    as_of: dt.date = args.as_of
    timed(f"(c) gaps --group {args.group} (first call)", lambda: gaps(dataset, args.group, as_of))
    timed("    gaps again (level index already built)", lambda: gaps(dataset, args.group, as_of))
    _, panel = timed(
        "(d) level_panel monthly, 2014-01 to the as-of date",
        lambda: level_panel(dataset, start=dt.date(2014, 1, 1), end=as_of, freq="MS"),
    )
    print(f"    panel rows: {len(panel)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
