"""Shared fixtures: Sphinx's testing plugin with our test roots."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "_ext"))

pytest_plugins = ("sphinx.testing.fixtures",)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot="x")`` finds ``tests/roots/test-x``."""
    return PROJECT / "tests" / "roots"


@pytest.fixture(scope="session")
def site_html_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The real site built once with html, strict (-W -n), for read-only tests."""
    from helpers import run_sphinx

    outdir = tmp_path_factory.mktemp("site-html")
    result = run_sphinx(PROJECT, outdir, "html", "-n", "-W", "--keep-going", "-E")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    return outdir, result.stderr


@pytest.fixture(scope="session")
def site_html(site_html_build: tuple[Path, str]) -> Path:
    return site_html_build[0]


@pytest.fixture(scope="session")
def site_html_log(site_html_build: tuple[Path, str]) -> str:
    return site_html_build[1]
