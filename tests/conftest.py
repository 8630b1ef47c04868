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


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip the browser tests, with the install command, where Chromium is missing."""
    from browser import chromium_path, skip_reason

    if chromium_path() is not None:
        return
    marker = pytest.mark.skip(reason=skip_reason())
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(marker)


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:  # noqa: ANN001
    from browser import chromium_path, skip_reason

    if chromium_path() is None:
        terminalreporter.write_sep("!", skip_reason(), red=True, bold=True)


@pytest.fixture(scope="module")
def chromium():
    """A headless Chromium (Playwright ``Browser``) for one test module.

    Not for the whole session: tests that build in-process fork helper
    processes (sphinx-sitemap's multiprocessing Manager, which outlives its
    test), and a fork made while Playwright runs keeps its driver's stdin
    open, so closing Playwright at the end of the session waited forever.
    """
    from browser import CHROMIUM_ARGS, chromium_path, skip_reason
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        pytest.skip(skip_reason())
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def site_dirhtml(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site built once with dirhtml as Read the Docs builds it (strict), for read-only tests."""
    from helpers import run_sphinx
    from readers import READTHEDOCS_ENV

    outdir = tmp_path_factory.mktemp("site-dirhtml")
    result = run_sphinx(PROJECT, outdir, "dirhtml", "-n", "-W", "--keep-going", "-E", env=READTHEDOCS_ENV)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    return outdir


@pytest.fixture(scope="session")
def readers_html(tmp_path_factory: pytest.TempPathFactory, rootdir: Path) -> Path:
    """tests/roots/test-readers built once with html (strict): two pillars, a draft, a future post."""
    from helpers import run_sphinx

    outdir = tmp_path_factory.mktemp("readers-html")
    result = run_sphinx(rootdir / "test-readers", outdir, "html", "-n", "-W", "--keep-going", "-E")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    return outdir
