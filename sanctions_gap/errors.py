"""Exit codes, the typed issues that validation collects, and the errors each stage raises."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path
from typing import Literal


class ExitCode(enum.IntEnum):
    """The process exit codes of the command-line tool (documented in README.md)."""

    OK = 0
    """The run finished; nothing it was told to fail on was found."""
    FOUND = 1
    """The check found what it was told to fail on (for example a gap with --fail-on-gap)."""
    ERROR = 2
    """Usage error, invalid data, I/O error or internal error."""


@dataclass(frozen=True, order=True)
class Issue:
    """One problem found in a dataset: where it is, which rule it breaks, and what to do."""

    path: str
    """The file, relative to the dataset directory where possible (``members/jp.yaml``)."""
    line: int
    """The 1-based line the problem is on, or 0 where it concerns the whole file."""
    rule: str
    """A stable kebab-case identifier of the rule (``unknown-category``)."""
    message: str
    """What is wrong, quoting the bad value, and what would be valid."""
    severity: Literal["error", "warning"] = "error"
    """An error makes the dataset invalid; a warning is reported and loading goes on."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        shown = "warning: " if self.severity == "warning" else ""
        return f"{where}: {shown}{self.message} [{self.rule}]"

    def to_dict(self) -> dict[str, str | int]:
        """The issue as a JSON-ready mapping."""
        return {
            "path": self.path,
            "line": self.line,
            "rule": self.rule,
            "message": self.message,
            "severity": self.severity,
        }


class SanctionsGapError(Exception):
    """Base class of every error this package raises on purpose."""


class DataError(SanctionsGapError):
    """A dataset could not be loaded: it carries every issue found, not only the first."""

    def __init__(self, issues: list[Issue], root: Path | None = None) -> None:
        self.issues = sorted(issues)
        self.root = root
        count = len(self.issues)
        super().__init__(f"{count} issue{'s' if count != 1 else ''} in the dataset")


class LookupFailed(SanctionsGapError):
    """A member, group or category named by the caller does not exist in the dataset."""
