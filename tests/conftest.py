"""Shared fixtures: Sphinx's testing plugin with our test roots, and builds shared by several modules.

A test that builds a root for itself uses Sphinx's fixtures:
``@pytest.mark.sphinx("html", testroot="editorial", freshenv=True, confoverrides={...})``
and ``app`` (``support.building.Build.of(app)`` reads what it left).  A build
that several tests or modules read is made once per session: ``root_build``
(test roots, in-process), ``readers_html``, and the real site built as the
command line builds it (``site_html``, ``site_dirhtml``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from support.building import PROJECT, ROOTS, Build, build, run_sphinx_command

pytest_plugins = ("sphinx.testing.fixtures",)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot="x")`` finds ``tests/roots/test-x``."""
    return ROOTS


@pytest.fixture(scope="session")
def root_build(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Build]:
    """``root_build(testroot, builder="html", **confoverrides) -> Build``: ``tests/roots/test-<testroot>``
    built in-process from scratch, once per session for these parameters.

    Each build writes to its own folder, so no build overwrites the output
    another test is reading; the source folder is the root itself (read only).
    """
    builds: dict[str, Build] = {}

    def shared(testroot: str, builder: str = "html", **confoverrides: Any) -> Build:
        key = repr((testroot, builder, sorted(confoverrides.items())))
        if key not in builds:
            builddir = tmp_path_factory.mktemp(f"{testroot}-{builder}")
            builds[key] = build(
                ROOTS / f"test-{testroot}", builddir, builder, freshenv=True, confoverrides=confoverrides
            )
        return builds[key]

    return shared


@pytest.fixture(scope="session")
def site_html_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The real site built once with html, strict (-W -n) as ``make check`` builds it, for read-only tests:
    (output folder, the build's stderr)."""
    outdir = tmp_path_factory.mktemp("site-html")
    result = run_sphinx_command(PROJECT, outdir, "html", "-n", "-W", "--keep-going", "-E")
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
    from support.browser import chromium_path, skip_reason

    if chromium_path() is not None:
        return
    marker = pytest.mark.skip(reason=skip_reason())
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(marker)


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    from support.browser import chromium_path, skip_reason

    if chromium_path() is None:
        terminalreporter.write_sep("!", skip_reason(), red=True, bold=True)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """A headless Chromium (Playwright ``Browser``) for one test module.

    Not for the whole session: tests that build in-process fork helper
    processes (sphinx-sitemap's multiprocessing Manager, which outlives its
    test), and a fork made while Playwright runs keeps its driver's stdin
    open, so closing Playwright at the end of the session waited forever.
    """
    from playwright.sync_api import sync_playwright

    from support.browser import CHROMIUM_ARGS, chromium_path, skip_reason

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
    from support.metadata import READTHEDOCS_ENV

    outdir = tmp_path_factory.mktemp("site-dirhtml")
    result = run_sphinx_command(PROJECT, outdir, "dirhtml", "-n", "-W", "--keep-going", "-E", env=READTHEDOCS_ENV)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    return outdir


@pytest.fixture(scope="session")
def readers_html(tmp_path_factory: pytest.TempPathFactory, rootdir: Path) -> Path:
    """tests/roots/test-readers built once in-process with html, strict (nitpicky, no warning):
    two pillars, a draft, a future post.  Its output folder."""
    readers = build(
        rootdir / "test-readers",
        tmp_path_factory.mktemp("readers-html"),
        "html",
        freshenv=True,
        confoverrides={"nitpicky": True},
    )
    assert readers.statuscode == 0 and readers.warnings == [], readers.log[-3000:]
    return readers.outdir
