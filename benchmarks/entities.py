"""Time `sanctions-gap entities JP --vs G7` against a DuckDB query giving the same answer.

    pip install -e '.[bench]'                      # DuckDB, for this script only
    python benchmarks/generate_entities.py /tmp/t1m.ftm.json --targets 1000000
    python benchmarks/entities.py /tmp/t1m.ftm.json [--runs 3] [--idle] [--tool OTHER-BUILD]

Runs the command (CSV written to a file: the whole answer, every row) and the DuckDB query
(the same gap rows, peers and earliest peer dates, with the lists, inheritance and Russia
programmes taken from data/lists.yaml) alternately in fresh processes on the same file, then
prints the median and best wall time, the peak memory and the processor time of each, their
ratios, and whether the two answers agree row for row. The DuckDB query does not look for
possible matches; the command does, so the comparison is conservative.

Peak memory is that of the whole process tree: the command reads a large file in two
processes, so the peak is the largest sum, sampled every 100 ms, of the proportional set size
(shared pages split between the processes that share them) of the process and its children,
or its own maximum resident set if that is larger. ``--idle`` waits (a minute at most) before
each run until the processors have been idle for two seconds: on a shared machine, other work
skews the times, and the best run is the one it skewed least.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

PYTHON = sys.executable
TOOL = str(Path(PYTHON).with_name("sanctions-gap"))
MEMBER = "JP"


def measure(command: list[str], idle: bool = False) -> tuple[float, float, float]:
    """Wall seconds, peak MiB (the whole process tree) and processor seconds of one run."""
    if idle:
        wait_for_idle()
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]
    done = threading.Event()
    sampler = threading.Thread(target=_sample, args=(process.pid, peak, done), daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    errors = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"{command[:3]} failed ({process.returncode}): {errors}")
    cpu = usage.ru_utime + usage.ru_stime  # with the children it waited for
    return wall, max(usage.ru_maxrss, peak[0]) / 1024, cpu  # Linux reports KiB


def _sample(pid: int, peak: list[int], done: threading.Event) -> None:
    """The largest sum of the proportional set sizes (KiB) of ``pid`` and its descendants."""
    while not done.wait(0.1):
        total = sum(_pss(p) for p in _tree(pid))
        peak[0] = max(peak[0], total)


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            with open(f"/proc/{current}/task/{current}/children", encoding="ascii") as handle:
                todo.extend(int(child) for child in handle.read().split())
        except OSError:
            continue
    return found


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def wait_for_idle(share: float = 0.9, seconds: int = 2, limit: float = 60) -> None:
    """Return once the processors have been at least ``share`` idle for ``seconds`` seconds."""

    def counters() -> tuple[int, int]:
        with open("/proc/stat", encoding="ascii") as handle:
            fields = [int(x) for x in handle.readline().split()[1:]]
        return fields[3] + fields[4], sum(fields)

    calm, started = 0, time.monotonic()
    while calm < seconds and time.monotonic() - started < limit:
        idle0, total0 = counters()
        time.sleep(1)
        idle1, total1 = counters()
        calm = calm + 1 if (idle1 - idle0) >= share * max(1, total1 - total0) else 0


def duckdb_sql(path: Path, out: Path) -> str:
    """The query: the member's entity gaps against its G7 peers, as the command computes them."""
    from sanctions_gap.entities.lists import load_lists, select_lists
    from sanctions_gap.validate import default_data_dir, load_dataset

    dataset = load_dataset()
    mapping = load_lists(default_data_dir())
    peers = [p for p in dataset.resolve_group("G7") if p != MEMBER]
    inherits = {c: tuple(m.inherits) for c, m in dataset.members.items()}
    selection = select_lists(mapping, [MEMBER, *peers], inherits)
    compared = set(selection.members)
    lists = [(d, m) for d, pairs in selection.counted_by.items() for m, _ in pairs]
    keys = [(k, p.member) for p in mapping.programmes for k in p.keys if p.member in compared]
    exact = [(t, p.member) for p in mapping.programmes for t in p.programs if p.member in compared]
    contains = [
        (t, p.member) for p in mapping.programmes for t in p.contains if p.member in compared
    ]
    return f"""
    CREATE TEMP TABLE lists(dataset VARCHAR, member VARCHAR);
    INSERT INTO lists VALUES {_values(lists)};
    CREATE TEMP TABLE keys(txt VARCHAR, member VARCHAR);
    {f"INSERT INTO keys VALUES {_values(keys)};" if keys else ""}
    CREATE TEMP TABLE exact(txt VARCHAR, member VARCHAR);
    {f"INSERT INTO exact VALUES {_values(exact)};" if exact else ""}
    CREATE TEMP TABLE contained(txt VARCHAR, member VARCHAR);
    {f"INSERT INTO contained VALUES {_values(contains)};" if contains else ""}
    COPY (
    WITH src AS (
      SELECT * FROM read_json('{path}', format='newline_delimited', columns={{
        id: 'VARCHAR', caption: 'VARCHAR', schema: 'VARCHAR', datasets: 'VARCHAR[]',
        referents: 'VARCHAR[]', target: 'BOOLEAN',
        properties: 'STRUCT(topics VARCHAR[], country VARCHAR[], nationality VARCHAR[],
          citizenship VARCHAR[], jurisdiction VARCHAR[], mainCountry VARCHAR[],
          programId VARCHAR[], entity VARCHAR[], program VARCHAR[], startDate VARCHAR[],
          listingDate VARCHAR[])'}})),
    targets AS (
      SELECT id, datasets, referents, properties AS p FROM src
      WHERE schema <> 'Sanction' AND (list_contains(properties.topics, 'sanction')
        OR (properties.topics IS NULL AND target))),
    listed AS (
      SELECT DISTINCT t.id, l.member, l.dataset
      FROM (SELECT id, unnest(datasets) AS dataset FROM targets) t JOIN lists l USING (dataset)),
    refmap AS (
      SELECT id, id AS ref FROM targets WHERE id IN (SELECT id FROM listed)
      UNION ALL
      SELECT id, unnest(referents) AS ref FROM targets WHERE id IN (SELECT id FROM listed)),
    sanc AS (
      SELECT DISTINCT ON (s.id, r.id, s.dataset) r.id AS entity, s.dataset, s.since,
        s.program_id, s.program
      FROM (
        SELECT id, datasets[1] AS dataset, unnest(properties.entity) AS ref,
          least(list_min(properties.startDate), list_min(properties.listingDate)) AS since,
          properties.programId AS program_id, properties.program AS program
        FROM src WHERE schema = 'Sanction' AND datasets[1] IN (SELECT dataset FROM lists)) s
      JOIN refmap r ON r.ref = s.ref),
    russia AS (
      SELECT id FROM targets WHERE list_has_any(
        flatten([coalesce(p.country, []), coalesce(p.nationality, []),
          coalesce(p.citizenship, []), coalesce(p.jurisdiction, []),
          coalesce(p.mainCountry, [])]), ['ru', 'suhh'])
      UNION SELECT id FROM (SELECT id, unnest(p.programId) AS txt FROM targets)
        JOIN keys USING (txt)
      UNION SELECT entity FROM (SELECT entity, unnest(program_id) AS txt FROM sanc)
        JOIN keys USING (txt)
      UNION SELECT entity FROM (SELECT entity, unnest(program) AS txt FROM sanc)
        JOIN exact USING (txt)
      UNION SELECT entity FROM (SELECT entity, unnest(program) AS txt FROM sanc) s
        JOIN contained c ON contains(s.txt, c.txt)),
    gaps AS (
      SELECT l.id, string_agg(DISTINCT l.member, ',' ORDER BY l.member) AS peers
      FROM listed l
      WHERE l.id IN (SELECT id FROM russia)
        AND l.id NOT IN (SELECT id FROM listed WHERE member = '{MEMBER}')
      GROUP BY l.id)
    SELECT g.id, g.peers, min(s.since) AS since
    FROM gaps g
    LEFT JOIN listed l ON l.id = g.id AND l.member <> '{MEMBER}'
    LEFT JOIN sanc s ON s.entity = l.id AND s.dataset = l.dataset
    GROUP BY g.id, g.peers ORDER BY g.id
    ) TO '{out}' (HEADER, DELIMITER ',');
    """


def _values(rows: list[tuple[str, str]]) -> str:
    def quoted(value: str) -> str:
        return "'" + value.replace("'", "''") + "'"

    return ", ".join("(" + ", ".join(quoted(v) for v in row) + ")" for row in rows)


def answer(path: Path) -> dict[str, tuple[str, str]]:
    """id -> (peers, since) from a CSV answer."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["id"]: (row["peers"], row["since"]) for row in csv.DictReader(handle)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--idle", action="store_true", help="wait for idle processors first")
    parser.add_argument("--tool", default=TOOL, help="the sanctions-gap to time (another build)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sg-bench-"))
    ours_out, duck_out, sql_file = work / "ours.csv", work / "duck.csv", work / "query.sql"
    sql_file.write_text(duckdb_sql(args.file.resolve(), duck_out), encoding="utf-8")
    ours = [args.tool, "entities", MEMBER, "--vs", "G7", "--source", str(args.file)]
    ours += ["--format", "csv", "--output", str(ours_out)]
    duck = [
        PYTHON,
        "-c",
        "import duckdb, sys; duckdb.connect().execute(open(sys.argv[1]).read())",
        str(sql_file),
    ]
    size = args.file.stat().st_size
    print(
        f"machine: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"{platform.machine()}; file: {args.file} ({size / 1e9:.2f} GB)"
    )
    results: dict[str, list[tuple[float, float, float]]] = {"sanctions-gap": [], "duckdb": []}
    for _ in range(args.runs):
        results["sanctions-gap"].append(measure(ours, args.idle))
        results["duckdb"].append(measure(duck, args.idle))
    print(f"load average after the runs: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for name, runs in results.items():
        wall = statistics.median(r[0] for r in runs)
        best = min(r[0] for r in runs)
        peak = max(r[1] for r in runs)
        cpu = statistics.median(r[2] for r in runs)
        print(
            f"{name:<14} median {wall:6.2f} s  best {best:6.2f} s  peak {peak:7.0f} MiB  "
            f"processor {cpu:6.2f} s  ({len(runs)} runs)"
        )
    ours_runs, duck_runs = results["sanctions-gap"], results["duckdb"]
    ratio = statistics.median(r[0] for r in ours_runs) / statistics.median(r[0] for r in duck_runs)
    best_ratio = min(r[0] for r in ours_runs) / min(r[0] for r in duck_runs)
    print(f"ratio (sanctions-gap / duckdb)  {ratio:.2f} (medians), {best_ratio:.2f} (best runs)")
    a, b = answer(ours_out), answer(duck_out)
    same = a == b
    print(f"answers agree: {same} ({len(a)} gap rows from sanctions-gap, {len(b)} from duckdb)")
    if not same:
        differ = sorted(set(a) ^ set(b))[:5] or [k for k in a if a[k] != b.get(k)][:5]
        print(f"  for example: {differ}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
