"""Time `sanctions-gap compare JP --vs G7` side by side with the floor, for two installs.

    python benchmarks/startup.py [--runs 21]

The floor is a Python process that imports what the tool cannot do without (typer, rich.table
and yaml) and reads every bundled YAML file with the C loader. Every command runs in a fresh
process, the commands interleaved run by run, so that a slower moment of the machine touches
all of them alike; the script prints each median and its ratio to the floor's. It times two
installs of this checkout: the editable one of the running environment (where, with
PYTHONDONTWRITEBYTECODE=1, Python compiles the package again on every run) and a wheel
installed into a temporary environment with its bytecode compiled, as pip does by default.
The dataset cache is warmed first (a fresh cache directory is used), as it is for a user after
the first run. Nothing is downloaded: the wheel is built and installed from this checkout with
the packages already here.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FLOOR = (
    "import glob, yaml, typer, rich.table\n"
    f"root = {str(DATA)!r}\n"
    "for f in sorted(glob.glob(root + '/*.yaml') + glob.glob(root + '/members/*.yaml')):\n"
    "    with open(f, encoding='utf-8') as h:\n"
    "        yaml.load(h, Loader=yaml.CSafeLoader)\n"
)
CASES = {
    "compare JP --vs G7": ["compare", "JP", "--vs", "G7"],
    "--version": ["--version"],
    "--help": ["--help"],
}


def wall(command: list[str], env: dict[str, str]) -> float:
    """Seconds one run of ``command`` takes, output discarded."""
    start = time.perf_counter()
    subprocess.run(
        command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    return time.perf_counter() - start


def wheel_install(where: Path) -> Path:
    """Build this checkout's wheel and install it, bytecode compiled, into a new environment;
    return the environment's `sanctions-gap`."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--quiet",
            "--wheel-dir",
            str(where / "wheel"),
            str(ROOT),
        ],
        check=True,
        cwd=where,
    )
    [wheel] = (where / "wheel").glob("sanctions_gap-*.whl")
    venv = where / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    compiling = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            "--quiet",
            "--compile",
            str(wheel),
        ],
        check=True,
        env=compiling,
    )
    target = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    # The dependencies come from this environment, through a path file.
    (target / "_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run(
        [str(python), "-m", "compileall", "-q", str(target / "sanctions_gap")],
        check=True,
        env=compiling,
    )
    return venv / "bin" / "sanctions-gap"


def measure(runs: int, installs: dict[str, Path], env: dict[str, str]) -> dict[str, list[float]]:
    """Interleaved runs of the floor and of every case under every install."""
    commands = {"floor": [sys.executable, "-c", FLOOR]}
    for install, tool in installs.items():
        for label, argv in CASES.items():
            commands[f"{install}: {label}"] = [str(tool), *argv]
    for command in commands.values():  # warm the file cache, the bytecode and the dataset cache
        wall(command, env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(wall(command, env))
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    print(
        f"machine: {os.cpu_count()} CPUs, {platform.machine()}, Python "
        f"{platform.python_version()}; {args.runs} interleaved runs, median wall time"
    )
    with tempfile.TemporaryDirectory() as scratch:
        env = {**os.environ, "SANCTIONS_GAP_CACHE_DIR": str(Path(scratch) / "cache")}
        installs = {
            "editable": Path(sys.executable).with_name("sanctions-gap"),
            "wheel": wheel_install(Path(scratch)),
        }
        times = measure(args.runs, installs, env)
    floor = statistics.median(times["floor"])
    print(f"{'floor (typer, rich.table, yaml + the bundled YAML)':<52} {floor * 1000:6.0f} ms")
    for name, values in times.items():
        if name == "floor":
            continue
        median = statistics.median(values)
        print(f"{name:<52} {median * 1000:6.0f} ms  {median / floor:5.2f} x floor")
    return 0


if __name__ == "__main__":
    sys.exit(main())
