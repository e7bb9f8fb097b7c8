"""`pip install .` builds the `app` package with its SQL and locale catalogues (pyproject.toml).

The build is setuptools' own build_py on a copy of the files it needs (no wheel, no network),
into a temporary folder; the built package then finds its SQL from there.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from app.core.config import QUERIES_DIR, ROOT, SQL_DIR, VIEWS_DIR

SETUPTOOLS = pytest.mark.skipif(
    importlib.util.find_spec("setuptools") is None, reason="setuptools is not installed"
)


def names(folder: Path, pattern: str) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.glob(pattern))


def test_every_app_package_is_listed_for_the_build() -> None:
    listed = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]["packages"]
    found = {
        ".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "app").rglob("__init__.py")
    }
    assert set(listed) == found | {"app.sql"}


@SETUPTOOLS
def test_the_built_package_carries_the_sql_and_the_locales(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy2(ROOT / "pyproject.toml", src)
    for name in ("app", "sql"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    lib = tmp_path / "lib"
    setup = "from setuptools import setup; setup()"
    build = subprocess.run(
        [sys.executable, "-c", setup, "-q", "build_py", "--build-lib", str(lib)],
        cwd=src,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert build.returncode == 0, build.stderr
    built = lib / "app"
    assert names(built / "sql" / "views", "*.sql") == names(VIEWS_DIR, "*.sql")
    assert names(built / "sql" / "queries", "*.sql") == names(QUERIES_DIR, "*.sql")
    assert names(built / "sql", "*.toml") == names(SQL_DIR, "*.toml")
    locales = ROOT / "app" / "locales"
    assert names(built / "locales", "*/*.toml") == names(locales, "*/*.toml") != []

    # the installed layout: config finds app/sql inside the package, not a checkout's sql/
    where = subprocess.run(
        [sys.executable, "-c", "import app.core.config as c; print(c.VIEWS_DIR)"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(lib), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()) == built / "sql" / "views"
