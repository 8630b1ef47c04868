"""The old Hugo addresses: every link of the original page answers in the dirhtml build."""

from __future__ import annotations

import re
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from editorial.model import same_title
from support.browser import serve
from support.reading import visible_text
from test_site import NINE_SLUGS, ORIGINAL

PILLAR_URL = "/posts/?pillar=le-role-du-cto"
OLD_URLS = [f"/posts/{slug}/" for slug in sorted(NINE_SLUGS)] + [PILLAR_URL]
_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?P<url>/[^)\s]*)\)")
_CANONICAL = re.compile(r'<link rel="canonical" href="(?P<url>[^"]+)"')
_H1 = re.compile(r"<h1>(?P<title>.*?)<a class=\"headerlink\"", re.S)


def test_the_original_page_links_exactly_these_addresses() -> None:
    assert sorted(match["url"] for match in _LINK.finditer(ORIGINAL.read_text(encoding="utf-8"))) == sorted(OLD_URLS)


def test_dirhtml_writes_each_post_in_its_own_folder(site_dirhtml: Path) -> None:
    assert (site_dirhtml / "posts" / "index.html").is_file()
    for slug in NINE_SLUGS:
        assert (site_dirhtml / "posts" / slug / "index.html").is_file(), slug


@pytest.fixture(scope="module")
def dirhtml_server(site_dirhtml: Path) -> Iterator[str]:
    with serve(site_dirhtml) as base:
        yield base


def _get(base: str, url: str) -> str:
    with urllib.request.urlopen(base + url.lstrip("/")) as response:  # noqa: S310 - our local server
        assert response.status == 200, url
        return response.read().decode("utf-8")


@pytest.mark.parametrize("url", OLD_URLS)
def test_each_old_address_answers_with_its_page(dirhtml_server: str, url: str) -> None:
    page = _get(dirhtml_server, url)
    if url == PILLAR_URL:
        assert 'id="pilier-le-role-du-cto"' in page
        return
    title = visible_text(_H1.search(page)["title"])
    (link_text,) = (
        match["text"] for match in _LINK.finditer(ORIGINAL.read_text(encoding="utf-8")) if match["url"] == url
    )
    assert same_title(title, link_text), (title, link_text)
    assert _CANONICAL.search(page)["url"].endswith(url)  # the old address stays the page's own
