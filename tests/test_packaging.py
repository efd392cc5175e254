"""The wheel ships the data: installed into a fresh environment, the tool runs from anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # No build isolation and no index: the build uses the setuptools already installed here,
    # so the test never touches the network.
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
            str(out),
            str(ROOT),
        ],
        check=True,
        cwd=out,
    )
    [built] = out.glob("sanctions_gap-*.whl")
    return built


def test_wheel_contains_the_data(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "sanctions_gap/data/categories.yaml" in names
    assert "sanctions_gap/data/groups.yaml" in names
    assert "sanctions_gap/data/members/jp.yaml" in names
    assert "sanctions_gap/cli/__init__.py" in names
    # Every package of the source tree is in the wheel (pyproject.toml lists them one by one).
    packages = {p.parent for p in (ROOT / "sanctions_gap").rglob("__init__.py")}
    for package in packages:
        shown = package.relative_to(ROOT).as_posix()
        assert f"{shown}/__init__.py" in names, f"{shown} is missing from the wheel"


def test_installed_wheel_runs_on_bundled_data(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True)
    python = env_dir / "bin" / "python"
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
            str(wheel),
        ],
        check=True,
    )
    # The dependencies come from this environment, through a path file: nothing is downloaded,
    # and this checkout's own sanctions_gap (an editable install) is not on that path.
    purelib = Path(sysconfig.get_paths()["purelib"])
    target = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    (target / "_deps.pth").write_text(f"{purelib}\n", encoding="utf-8")
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SANCTIONS_GAP_DATA")}
    where = subprocess.run(
        [str(python), "-c", "import sanctions_gap.validate as v; print(v.default_data_dir())"],
        check=True,
        capture_output=True,
        text=True,
        cwd=workdir,
        env=env,
    ).stdout.strip()
    assert Path(where).is_relative_to(target), where
    validate = subprocess.run(
        [str(env_dir / "bin" / "sanctions-gap"), "validate"],
        capture_output=True,
        text=True,
        cwd=workdir,
        env=env,
    )
    assert validate.returncode == 0, validate.stderr
    members = subprocess.run(
        [str(python), "-m", "sanctions_gap", "members", "--format", "csv"],
        capture_output=True,
        text=True,
        cwd=workdir,
        env=env,
    )
    assert members.returncode == 0, members.stderr
    assert "JP,Japan" in members.stdout
