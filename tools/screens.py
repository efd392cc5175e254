"""Regenerate `docs/screens.md`: every command's table as it reads in a real 80x40 terminal.

Each command runs in a detached tmux session of 80 columns by 40 lines (a real pseudo-terminal,
so the tool sees a terminal as a user's shell gives it), and the whole of its output, scrollback
included, is captured with `tmux capture-pane`. The page records the tool version and the
dataset version the screens were taken on.

    python tools/screens.py            # rewrite docs/screens.md
    python tools/screens.py --check    # exit 1 if any line is wider than 80 columns

Needs `tmux` and the tool installed in the environment that runs this script.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "screens.md"
WIDTH, HEIGHT = 80, 40
FIXTURE = "tests/fixtures/entities/entities.ftm.json"

SCREENS: list[tuple[str, str]] = [
    ("The main question: where Japan lags the G7", "compare JP --vs G7"),
    ("Only the gaps, on a past date", "compare JP --vs G7 --as-of 2022-03-21 --only-gaps"),
    ("Japan against the Asia-Pacific partners", "compare JP --vs asia-pacific --only-gaps"),
    ("Who lags most in the G7", "gaps --group G7"),
    ("The stringency index", "index --group G7+EU"),
    ("The heat map", "matrix --group G7+EU"),
    ("The records behind a cell", "show JP -c sberbank"),
    ("Over time", "timeline JP --vs G7 --from 2022-01-01"),
    ("Events with their true dates", "timeline JP --vs G7 --from 2022-01-01 --table events"),
    ("Adoption latency", "timeline JP --vs G7 --table latency"),
    ("What changed between two dates", "diff JP --vs G7 --from 2022-02-01 --to 2022-04-01"),
    ("Entity-level gaps (fixture export)", f"entities JP --vs G7 --source {FIXTURE}"),
    ("The dataset's coverage", "coverage"),
    ("Validation", "validate"),
    ("The vocabulary", "categories"),
    ("The groups", "groups"),
    ("The members", "members"),
]


def capture(command: str, tool: str) -> str:
    """The text of the terminal after ``command`` ran in an 80x40 tmux session."""
    session = f"screens-{os.getpid()}"
    with tempfile.TemporaryDirectory() as tmp:
        done = Path(tmp) / "done"
        shell = f"{shlex.quote(tool)} {command}; touch {shlex.quote(str(done))}; sleep 600"
        env = {"TERM": "xterm-256color", "NO_COLOR": "1", "COLUMNS": "", "LINES": ""}
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", session, "-x", str(WIDTH), "-y", str(HEIGHT)]
            + [f"-e{key}={value}" for key, value in env.items()]
            + ["sh", "-c", shell],
            check=True,
            cwd=ROOT,
        )
        try:
            deadline = time.monotonic() + 120
            while not done.exists():
                if time.monotonic() > deadline:
                    raise TimeoutError(command)
                time.sleep(0.1)
            pane = subprocess.run(
                ["tmux", "capture-pane", "-p", "-J", "-S", "-", "-t", session],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        finally:
            subprocess.run(["tmux", "kill-session", "-t", session], check=False)
    # -J joins wrapped lines back: a line longer than the terminal would show as one long line.
    return "\n".join(line.rstrip() for line in pane.rstrip().splitlines())


def page(tool: str) -> str:
    """The Markdown page of every screen."""
    version = subprocess.run([tool, "--version"], capture_output=True, text=True, check=True)
    parts = [
        "# Screens at 80 x 40",
        "",
        "Every command's table as it reads in a real terminal of 80 columns by 40 lines",
        "(tmux, `capture-pane` with the scrollback), colour off. Regenerate with",
        "`python tools/screens.py`; `--check` fails if any line but a URL (printed whole,",
        "on its own line, never folded) is wider than 80 columns.",
        f"Taken with {version.stdout.strip()} on the bundled data; the last line of each",
        "table names the dataset version and review date it shows.",
        "",
    ]
    for title, command in SCREENS:
        parts += [f"## {title}", "", f"`sanctions-gap {command}`", "", "```text"]
        parts += [capture(command, tool), "```", ""]
    return "\n".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the widths")
    args = parser.parse_args()
    tool = shutil.which("sanctions-gap", path=str(Path(sys.executable).parent)) or "sanctions-gap"
    text = page(tool)
    wide = [
        line
        for line in text.splitlines()
        if len(line) > WIDTH and not line.lstrip().startswith(("http://", "https://", "`"))
    ]
    for line in wide:
        print(f"wider than {WIDTH}: {line}", file=sys.stderr)
    if not args.check:
        PAGE.write_text(text + "\n", encoding="utf-8")
        print(f"wrote {PAGE.relative_to(ROOT)}", file=sys.stderr)
    return 1 if wide else 0


if __name__ == "__main__":
    sys.exit(main())
