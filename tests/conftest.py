"""Shared test settings: the same output whatever terminal or CI runs the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture(scope="session")
def _cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _stable_environment(monkeypatch: pytest.MonkeyPatch, _cache_dir: Path) -> None:
    # Typer forces colour under GITHUB_ACTIONS; pin the width and switch terminal features off
    # so that tests behave the same locally and in CI.
    monkeypatch.setenv("TERMINAL_WIDTH", "100")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("_TYPER_FORCE_DISABLE_TERMINAL", "1")
    for name in (
        "GITHUB_ACTIONS",
        "GITHUB_STEP_SUMMARY",
        "FORCE_COLOR",
        "SANCTIONS_GAP_DATA",
        "SANCTIONS_GAP_FORMAT",
    ):
        monkeypatch.delenv(name, raising=False)
    # The CLI keeps validated datasets in a cache: the tests' own, never the user's.
    monkeypatch.setenv("SANCTIONS_GAP_CACHE_DIR", str(_cache_dir))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite the golden files in tests/golden/ from the current output.",
    )
