"""What robots and lost readers get: sitemap.xml, robots.txt, the French 404 page, French search."""

from __future__ import annotations

import json
import os
import re
import urllib.request
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest
from sphinx.search.fr import SearchFrench

from browser import serve
from helpers import post_sources, visible_text
from readers import (
    READERS_PUBLISHED,
    READERS_UNPUBLISHED,
    READERS_URL,
    READTHEDOCS_URL,
    built_page,
    docname_of,
    is_published,
    real_posts,
)

_LOC = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
_HREF = re.compile(r'<a [^>]*href="([^"]+)"')


def sitemap_urls(outdir: Path) -> list[str]:
    return [loc.text or "" for loc in ElementTree.parse(outdir / "sitemap.xml").getroot().iter(_LOC)]


def test_sitemap_lists_every_published_post_at_its_read_the_docs_url(site_dirhtml: Path) -> None:
    urls = sitemap_urls(site_dirhtml)
    published = {docname for docname, values in real_posts().items() if is_published(values, date.today())}
    assert {f"{READTHEDOCS_URL}{docname}/" for docname in published} <= set(urls)
    assert len(urls) == len(set(urls))
    for url in urls:
        page = built_page(site_dirhtml, READTHEDOCS_URL, url)
        assert page.is_file(), url
        assert docname_of(site_dirhtml, page) not in {"404", "search", "genindex"}, url


def test_sitemap_leaves_out_drafts_and_future_posts(readers_html: Path) -> None:
    docnames = {docname_of(readers_html, built_page(readers_html, READERS_URL, url)) for url in sitemap_urls(readers_html)}
    assert READERS_PUBLISHED <= docnames
    assert not READERS_UNPUBLISHED & docnames


@pytest.mark.sphinx("html", testroot="readers", srcdir="readers-incremental")
def test_an_incremental_build_keeps_the_whole_sitemap(app, make_app) -> None:  # noqa: ANN001 - Sphinx's fixtures
    app.build()
    first = sitemap_urls(Path(app.outdir))
    untouched = Path(app.outdir) / "posts" / "accueillir.html"
    written = untouched.stat().st_mtime_ns
    touched = Path(app.srcdir) / "posts" / "deleguer.md"
    os.utime(touched, (touched.stat().st_atime, touched.stat().st_mtime + 10))
    again = make_app("html", srcdir=app.srcdir)
    again.build()
    assert untouched.stat().st_mtime_ns == written  # incremental: only the touched post was written
    assert sitemap_urls(Path(again.outdir)) == first


def test_robots_txt_points_at_the_absolute_sitemap(site_dirhtml: Path) -> None:
    lines = (site_dirhtml / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines
    (sitemap,) = (line.removeprefix("Sitemap: ") for line in lines if line.startswith("Sitemap: "))
    assert sitemap == f"{READTHEDOCS_URL}sitemap.xml" and built_page(site_dirhtml, READTHEDOCS_URL, sitemap).is_file()


def _not_found_links(page: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    assert '<html class="no-js" lang="fr"' in text
    body = text[text.index("<article") : text.index("</article>")]
    assert "Page introuvable" in visible_text(body)
    return _HREF.findall(body)


def test_the_404_page_on_read_the_docs_links_home_and_posts_with_absolute_paths(site_dirhtml: Path) -> None:
    prefix = "/fr/stable/"
    assert _not_found_links(site_dirhtml / "404" / "index.html") == [prefix, f"{prefix}posts/"]
    stylesheets = re.findall(r'<link rel="stylesheet"[^>]*href="([^"]+)"', (site_dirhtml / "404" / "index.html").read_text(encoding="utf-8"))
    assert stylesheets and all(href.startswith(f"{prefix}_static/") for href in stylesheets), stylesheets
    for path in (prefix, f"{prefix}posts/", *(href.split("?")[0] for href in stylesheets)):
        assert built_page(site_dirhtml, prefix, path).is_file(), path


def test_the_404_page_works_in_a_local_preview(site_html: Path) -> None:
    links = _not_found_links(site_html / "404.html")
    assert links == ["/", "/posts/"]
    with serve(site_html) as base:
        for path in links:
            with urllib.request.urlopen(base + path.lstrip("/")) as response:  # noqa: S310 - our local server
                assert response.status == 200 and "<article" in response.read().decode("utf-8")


def _search(index: dict, word: str) -> set[str]:
    """What Sphinx's search page finds for one word: its French stem, looked up in the index."""
    stem = SearchFrench({}).stem(word.lower())
    found: set[int] = set()
    for table in (index["terms"], index["titleterms"]):
        hits = table.get(stem, [])
        found.update([hits] if isinstance(hits, int) else hits)
    return {index["docnames"][number] for number in found}


@pytest.mark.parametrize("path", post_sources(), ids=lambda path: path.stem)
def test_french_search_finds_a_post_by_a_word_of_its_text(site_html: Path, path: Path) -> None:
    text = (site_html / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    body = path.read_text(encoding="utf-8").split("---", 2)[2]
    stemmer = SearchFrench({})
    # A long word the French stemmer shortens ("recrutements" → "recrut"): the index holds stems.
    word = max((word for word in re.findall(r"[^\W\d_]{8,}", body) if stemmer.stem(word.lower()) != word.lower()), key=len)
    assert word.lower() not in index["terms"]
    assert f"posts/{path.stem}" in _search(index, word), word
