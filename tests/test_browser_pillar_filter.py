"""The old /posts/?pillar=<slug> address, in headless Chromium: one pillar shown, the query string kept as text."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from support.browser import serve
from support.building import run_sphinx_command
from support.metadata import real_posts

pytestmark = pytest.mark.browser

PILLAR = "le-role-du-cto"
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def real_site(site_dirhtml: Path) -> Iterator[str]:
    with serve(site_dirhtml) as base:
        yield base


@pytest.fixture(scope="module")
def readers_site(readers_html: Path) -> Iterator[str]:
    with serve(readers_html) as base:
        yield base


@pytest.fixture(scope="module")
def english_readers_site(tmp_path_factory: pytest.TempPathFactory, rootdir: Path) -> Iterator[str]:
    """tests/roots/test-readers in English: the script's words follow the site's language."""
    outdir = tmp_path_factory.mktemp("readers-english")
    result = run_sphinx_command(rootdir / "test-readers", outdir, "html", "-E", "-D", "language=en")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    with serve(outdir) as base:
        yield base


def _is_page_error(message: object) -> bool:
    """A console error of the page's own making (the site has no favicon; Chromium asks anyway)."""
    return message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico")


@contextmanager
def opened(chromium, url: str, *, javascript: bool = True) -> Iterator[tuple[object, list[str]]]:
    """A page at ``url``, and the problems seen: console errors, uncaught errors, dialogs."""
    context = chromium.new_context(java_script_enabled=javascript)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if _is_page_error(message) else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    try:
        page.goto(url, wait_until="load")
        yield page, problems
    finally:
        context.close()


def _post_links(page: object, scope: str) -> set[str]:
    """The posts a reader can see in ``scope``, as their folder names."""
    hrefs = page.locator(f"{scope} .editorial-item-title a").evaluate_all(
        "links => links.filter(link => link.checkVisibility()).map(link => link.pathname)"
    )
    return {href.rstrip("/").rsplit("/", 1)[-1].removesuffix(".html") for href in hrefs}


def test_the_old_pillar_address_shows_only_that_pillar_and_a_way_back(chromium, real_site: str) -> None:
    pillar_posts = {docname.split("/")[1] for docname, values in real_posts().items() if values["pillar"] == PILLAR}
    with opened(chromium, f"{real_site}posts/?pillar={PILLAR}") as (page, problems):
        assert page.locator(".editorial-filter-heading").inner_text() == "Articles du pilier « Le rôle du CTO »"
        assert _post_links(page, f"#pilier-{PILLAR}") == pillar_posts
        back = page.locator(".editorial-filter-all")
        assert back.get_attribute("href") == "/posts/"
        back.click()
        page.wait_for_load_state("load")
        assert page.url == f"{real_site}posts/" and page.locator(".editorial-filter").count() == 0
        assert problems == []


def test_other_pillars_are_hidden(chromium, readers_site: str) -> None:
    with opened(chromium, f"{readers_site}posts/index.html?pillar=equipe") as (page, problems):
        assert page.locator("#pilier-equipe").is_visible()
        assert page.locator("#pilier-architecture").is_hidden()
        assert _post_links(page, ".editorial-archive") == {"accueillir", "deleguer"}
        assert problems == []


def test_an_unknown_pillar_shows_every_post_and_says_so(chromium, readers_site: str) -> None:
    with opened(chromium, f"{readers_site}posts/index.html?pillar=inconnu") as (page, problems):
        assert "« inconnu »" in page.locator(".editorial-filter-notice").inner_text()
        assert page.locator("#pilier-equipe").is_visible() and page.locator("#pilier-architecture").is_visible()
        assert problems == []


def test_a_hostile_query_string_is_shown_as_text(chromium, real_site: str) -> None:
    with opened(chromium, f"{real_site}posts/?pillar={HOSTILE}") as (page, problems):
        assert HOSTILE in page.locator(".editorial-filter-notice").inner_text()
        assert page.locator('img[src="x"]').count() == 0
        assert _post_links(page, ".editorial-archive") == {docname.split("/")[1] for docname in real_posts()}
        assert problems == []


def test_without_javascript_every_post_is_listed(chromium, real_site: str) -> None:
    with opened(chromium, f"{real_site}posts/?pillar={PILLAR}", javascript=False) as (page, problems):
        assert page.locator(".editorial-filter").count() == 0
        assert _post_links(page, ".editorial-archive") == {docname.split("/")[1] for docname in real_posts()}
        assert problems == []


def test_the_script_writes_the_words_of_the_site_language(chromium, english_readers_site: str) -> None:
    with opened(chromium, f"{english_readers_site}posts/index.html?pillar=equipe") as (page, problems):
        assert (
            page.locator(".editorial-filter-heading").inner_text() == "Posts of the pillar “Faire grandir une équipe”"
        )
        assert page.locator(".editorial-filter-all").inner_text() == "See all posts, every pillar"
        assert problems == []
    with opened(chromium, f"{english_readers_site}posts/index.html?pillar=inconnu") as (page, problems):
        assert (
            page.locator(".editorial-filter-notice").inner_text()
            == "No pillar matches “inconnu”: here are all the posts."
        )
        assert problems == []
