"""sanctions-gap: where one member's sanctions on Russia lag its partners'."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover - for type checkers only; the imports below are lazy
    from sanctions_gap.dataset import Dataset, DateBasis, LevelAnswer
    from sanctions_gap.errors import DataError, Issue, LookupFailed
    from sanctions_gap.validate import load_dataset, validate_dataset

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
}

__all__ = [*sorted(_LAZY), "__version__"]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'sanctions_gap' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
