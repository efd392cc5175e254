"""Validate a dataset directory into a ``Dataset``, collecting every issue rather than the first.

The rules are in groups: ``files`` (each file), ``records`` (each record), ``cross`` (across
records and files); ``shape`` checks each file's shape with pydantic and words its errors.
They are imported when a dataset is validated, not when this package is.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sanctions_gap.dataset import Dataset
from sanctions_gap.errors import DataError, Issue
from sanctions_gap.perf import paused_gc
from sanctions_gap.validate.context import CATEGORIES_FILE, GROUPS_FILE, MEMBERS_DIR, Run


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of validating a dataset: the issues, and the dataset if there were none."""

    root: Path
    """The dataset directory."""
    issues: tuple[Issue, ...]
    """Every issue found, sorted by file and line."""
    dataset: Dataset | None
    """The dataset, when it is valid."""
    files: int
    """How many files were read."""

    @property
    def valid(self) -> bool:
        """Whether the dataset has no error (warnings do not make it invalid)."""
        return not self.errors

    @property
    def errors(self) -> tuple[Issue, ...]:
        """The issues that make the dataset invalid."""
        return tuple(issue for issue in self.issues if issue.severity == "error")

    @property
    def warnings(self) -> tuple[Issue, ...]:
        """The issues reported as warnings."""
        return tuple(issue for issue in self.issues if issue.severity == "warning")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary."""
        return {
            "schema_version": 1,
            "context": self.dataset.context().to_dict() if self.dataset else None,
            "valid": self.valid,
            "files": self.files,
            "issues": [issue.to_dict() for issue in self.issues],
        }


def default_data_dir() -> Path:
    """The dataset bundled with the package (in a wheel) or beside it (in a source checkout)."""
    here = Path(__file__).resolve().parent.parent  # the sanctions_gap package
    for candidate in (here / "data", here.parent / "data"):
        if (candidate / CATEGORIES_FILE).is_file():
            return candidate
    return here / "data"


def load_dataset(path: str | Path | None = None, *, cache: Path | None = None) -> Dataset:
    """Load and validate a dataset directory (the bundled one by default).

    Raises ``DataError`` with every error when the dataset is not valid. With ``cache`` (a
    directory), a dataset validated before with the same files and rules is read from there
    instead of being validated again, and a newly validated one is kept there.
    """
    root = Path(path) if path is not None else default_data_dir()
    key = None
    if cache is not None and root.is_dir():
        from sanctions_gap.cache import dataset_key, read_cached

        key = dataset_key(root)
        cached = read_cached(cache, root, key)
        if cached is not None:
            return cached
    report = validate_dataset(root)
    if report.dataset is None:
        raise DataError(list(report.errors), report.root)
    if cache is not None and key is not None:
        from sanctions_gap.cache import write_cached

        write_cached(cache, root, key, report.dataset)
    return report.dataset


def validate_dataset(path: str | Path | None = None) -> ValidationReport:
    """Read and check every file of a dataset directory."""
    root = Path(path) if path is not None else default_data_dir()
    if not root.is_dir():
        issue = Issue(str(root), 0, "no-dataset", "not a directory; give a dataset directory")
        return ValidationReport(root, (issue,), None, 0)
    run = Run(root)
    with paused_gc():
        dataset = _check(run)
    issues = sorted(run.issues)
    valid = not any(issue.severity == "error" for issue in issues)
    return ValidationReport(root, tuple(issues), dataset if valid else None, run.files)


def _check(run: Run) -> Dataset | None:
    """Every rule, file by file, then across files; the dataset if there was no error."""
    from sanctions_gap.cache import data_version
    from sanctions_gap.validate.cross import check_inheritance
    from sanctions_gap.validate.files import (
        check_categories,
        check_groups,
        check_member_files,
        check_sources_file,
    )

    categories = check_categories(run, run.read(CATEGORIES_FILE))
    run.kinds = check_sources_file(run)
    members = check_member_files(run, categories, list(iter_member_files(run.root)))
    check_inheritance(run, members.members, members.files, members.known)
    groups = check_groups(run, run.read(GROUPS_FILE), members.known)
    if any(i.severity == "error" for i in run.issues) or categories is None or groups is None:
        return None
    return Dataset(
        root=run.root,
        categories=categories,
        groups=groups,
        members=dict(sorted(members.members.items())),
        records=tuple(members.records),
        files=members.files,
        source_kinds=run.kinds,
        version=data_version(run.root),
    )


def iter_member_files(root: Path) -> Iterator[Path]:
    """The member files of a dataset directory, sorted."""
    folder = root / MEMBERS_DIR
    if folder.is_dir():
        yield from sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))
