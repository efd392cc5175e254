"""Time each stage of `sanctions-gap entities JP --vs G7 --format csv` in one run.

    python benchmarks/generate_entities.py /tmp/t1m.ftm.json --targets 1000000
    python benchmarks/entity_stages.py /tmp/t1m.ftm.json [--processes 1] [--runs 3]

The stages are the command's own, called as the command calls them: the imports, the list
selection (dataset and mapping), reading the export (two processes for a large plain file, as the
command does, unless ``--processes 1``), the answer, its view, and the CSV written to a
temporary file. Prints the median wall time of each stage over the runs, and the sum of the
stages after reading: that part runs in one process whatever reads the file, so it is a floor
for any reader (a faster scan, or DuckDB as the reader) under this design.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

STAGES = ("import", "select", "read", "answer", "view", "csv")


def run_once(path: Path, processes: int | None, out: Path) -> dict[str, float]:
    """Wall seconds of each stage of one run (the imports are timed on the first run only)."""
    marks = [time.perf_counter()]
    from sanctions_gap.cli.entities import entity_selection
    from sanctions_gap.cli.output import emit
    from sanctions_gap.entities.answer import EntityFilters, find_entity_gaps
    from sanctions_gap.entities.collect import collect
    from sanctions_gap.entities.formats import open_export
    from sanctions_gap.perf import paused_gc
    from sanctions_gap.render import Format
    from sanctions_gap.render.views.entities import entities_view

    marks.append(time.perf_counter())
    with paused_gc():  # as the command runs
        selection, rule = entity_selection("JP", "G7", None, None, None, False, "ru,suhh")
        marks.append(time.perf_counter())
        with open_export(str(path)) as export:
            table = collect(export, selection, rule, None, processes)
        marks.append(time.perf_counter())
        report = find_entity_gaps(table, selection, rule, EntityFilters(1, None, None, None), None)
        del table  # as the command frees it before the view
        marks.append(time.perf_counter())
        view = entities_view(
            report,
            source_path=str(path),
            limit=None,
            payload=False,
            rows=True,
            severity="warning",
            annotations=False,
        )
        marks.append(time.perf_counter())
        emit(view, Format.CSV, out)
        marks.append(time.perf_counter())
    return {stage: marks[i + 1] - marks[i] for i, stage in enumerate(STAGES)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--processes", type=int, choices=(1,), default=None)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="sg-stages-")) / "ours.csv"
    runs = [run_once(args.file, args.processes, out) for _ in range(args.runs)]
    median = {stage: statistics.median(run[stage] for run in runs) for stage in STAGES}
    median["import"] = runs[0]["import"]  # later runs find the modules imported
    for stage in STAGES:
        print(f"{stage:<8} {median[stage]:6.2f} s")
    after = median["answer"] + median["view"] + median["csv"]
    print(f"{'total':<8} {sum(median.values()):6.2f} s")
    print(f"after reading (answer + view + csv, one process): {after:.2f} s")
    print(f"({args.runs} runs, median; file {args.file}, {args.file.stat().st_size / 1e9:.2f} GB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
