"""sanctions-gap: where one member's sanctions on Russia lag its partners'."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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
_LAZY = {
    "Dataset": "sanctions_gap.dataset",
    "DateBasis": "sanctions_gap.dataset",
    "LevelAnswer": "sanctions_gap.dataset",
    "DataError": "sanctions_gap.errors",
    "Issue": "sanctions_gap.errors",
    "LookupFailed": "sanctions_gap.errors",
    "load_dataset": "sanctions_gap.validate",
    "validate_dataset": "sanctions_gap.validate",
    "compare": "sanctions_gap.engine",
    "diff": "sanctions_gap.engine",
    "gaps": "sanctions_gap.engine",
    "index": "sanctions_gap.engine",
    "indexes": "sanctions_gap.engine",
    "matrix": "sanctions_gap.engine",
    "show": "sanctions_gap.engine",
    "timeline": "sanctions_gap.engine",
    "level_panel": "sanctions_gap.frame",
    "records_frame": "sanctions_gap.frame",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'sanctions_gap' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
