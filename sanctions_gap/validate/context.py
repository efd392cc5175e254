"""One validation run: the dataset directory, the files read, and every issue collected."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sanctions_gap.errors import Issue

if TYPE_CHECKING:  # the loader (and YAML) is imported when a file is read
    from sanctions_gap.loader import LineDict, RawDocument
    from sanctions_gap.sources import SourceKinds

CATEGORIES_FILE = "categories.yaml"
GROUPS_FILE = "groups.yaml"
SOURCES_FILE = "sources.yaml"
MEMBERS_DIR = "members"
EARLIEST = dt.date(1991, 12, 25)
"""No date in the data may come before the Russian Federation existed."""

SOURCE_RULES: dict[str, Literal["error", "warning"]] = {
    "unknown-source-host": "warning",
    "official-source-pending": "warning",
}
"""The source rules reported as warnings: the others (``no-official-source``,
``weak-sources-only``, ``confirmed-after-evidence``, ``needless-waiver``) are errors. They run
only where the dataset has `sources.yaml`."""


class Run:
    """The state of one validation run, shared by the rule groups."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.issues: list[Issue] = []
        self.files = 0
        """How many files were read."""
        self.document: Any = None
        """The data of the file being checked, for the lines of its keys and items."""
        self.member_data: dict[str, LineDict] = {}
        """The data of each member file that validated, by member code."""
        self.kinds: SourceKinds | None = None
        """The source kinds of `sources.yaml`, once read (None without one)."""

    def add(self, path: str, line: int, rule: str, message: str) -> None:
        """Record an issue (an error, or a warning for the source rules listed as such)."""
        self.issues.append(Issue(path, line, rule, message, SOURCE_RULES.get(rule, "error")))

    def read(self, name: str) -> RawDocument | None:
        """Read and parse one file of the dataset; None (with its issues) if that fails."""
        from sanctions_gap.loader import read_document

        file = self.root / name
        if not file.is_file():
            self.add(name, 0, "missing-file", f"the dataset has no {name}; create it")
            return None
        self.files += 1
        document, issues = read_document(file, name)
        self.issues.extend(issues)
        return document
