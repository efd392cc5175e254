"""sanctions-gap: where one member's sanctions on Russia lag its partners'."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sanctions_gap.lazy import lazy_names

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover - for type checkers only; the imports below are lazy
    from sanctions_gap.dataset import Dataset, DateBasis, LevelAnswer
    from sanctions_gap.engine import (
        compare,
        diff,
        gaps,
        index,
        indexes,
        matrix,
        show,
        timeline,
    )
    from sanctions_gap.errors import DataError, Issue, LookupFailed
    from sanctions_gap.frame import level_panel, records_frame
    from sanctions_gap.validate import load_dataset, validate_dataset

__all__ = [
    "DataError",
    "Dataset",
    "DateBasis",
    "Issue",
    "LevelAnswer",
    "LookupFailed",
    "__version__",
    "compare",
    "diff",
    "gaps",
    "index",
    "indexes",
    "level_panel",
    "load_dataset",
    "matrix",
    "records_frame",
    "show",
    "timeline",
    "validate_dataset",
]

# NOTE: `sanctions-gap --help` and `--version` import this package; pandas and pydantic are
# imported only when a name below is first used, so that those stay fast.
__getattr__ = lazy_names(
    __name__,
    {
        "dataset": ("Dataset", "DateBasis", "LevelAnswer"),
        "errors": ("DataError", "Issue", "LookupFailed"),
        "validate": ("load_dataset", "validate_dataset"),
        "engine": ("compare", "diff", "gaps", "index", "indexes", "matrix", "show", "timeline"),
        "frame": ("level_panel", "records_frame"),
    },
)
