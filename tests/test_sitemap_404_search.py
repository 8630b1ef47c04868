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

from support.browser import serve
from support.building import PROJECT
from support.metadata import (
    READERS_PUBLISHED,
    READERS_UNPUBLISHED,
    READERS_URL,
    READTHEDOCS_URL,
    built_page,
    docname_of,
    is_published,
    real_posts,
)
from support.reading import post_sources, visible_text

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
    docnames = {
        docname_of(readers_html, built_page(readers_html, READERS_URL, url)) for url in sitemap_urls(readers_html)
    }
    assert docnames >= READERS_PUBLISHED
    assert not READERS_UNPUBLISHED & docnames


@pytest.mark.sphinx("html", testroot="readers", srcdir="readers-incremental")
def test_an_incremental_build_keeps_the_whole_sitemap(app, make_app) -> None:
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
    stylesheets = re.findall(
        r'<link rel="stylesheet"[^>]*href="([^"]+)"', (site_dirhtml / "404" / "index.html").read_text(encoding="utf-8")
    )
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
    word = max(
        (word for word in re.findall(r"[^\W\d_]{8,}", body) if stemmer.stem(word.lower()) != word.lower()), key=len
    )
    assert word.lower() not in index["terms"]
    assert f"posts/{path.stem}" in _search(index, word), word


def _site_sources() -> dict[str, str]:
    """Every page's source text, by docname (the series pages' as the build wrote them)."""
    paths = [
        path for folder in ("posts", "pillars", "series", "authors") for path in (PROJECT / folder).rglob("*.md")
    ] + [PROJECT / "index.md"]
    return {
        path.relative_to(PROJECT).with_suffix("").as_posix(): path.read_text(encoding="utf-8") for path in sorted(paths)
    }


def _indexed_stems(index: dict) -> dict[str, set[str]]:
    """The stems the search index holds for each page."""
    by_page: dict[str, set[str]] = {docname: set() for docname in index["docnames"]}
    for table in (index["terms"], index["titleterms"]):
        for stem, hits in table.items():
            for number in [hits] if isinstance(hits, int) else hits:
                by_page[index["docnames"][number]].add(stem)
    return by_page


def test_search_indexes_a_page_by_its_own_words_not_by_the_lists_it_shows(site_html: Path) -> None:
    """Lists, related posts, neighbours and post headers are skipped by the index
    ("no-search"): a title word found on every page that lists the post would
    bury the post under those pages.  So every stem indexed for a page comes
    from its own source, the extension's labels, or the title of a page its
    text links to."""
    text = (site_html / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    stemmer = SearchFrench({})
    sources = _site_sources()
    titles = {docname: re.search(r"^# (.+)$", source, re.M)[1] for docname, source in sources.items()}

    def stems(text: str) -> set[str]:
        """Stems, and the words themselves (kept as is where the stem is a stop word)."""
        words = {word.lower() for word in re.findall(r"\w+", text)}
        return words | {stemmer.stem(word) for word in words}

    # The extension's own labels ("Principalement", "Pour qui"...) belong to every page.
    labels = " ".join(
        re.findall(
            r'^msgstr "(.*)"$',
            (PROJECT / "_ext/editorial/locale/fr/LC_MESSAGES/editorial.po").read_text(encoding="utf-8"),
            re.M,
        )
    )
    indexed = _indexed_stems(index)
    assert set(indexed) == set(sources)
    # A series page shows its summary, written where its pillar declares it.
    declarations = " ".join(text for docname, text in sources.items() if docname.startswith("pillars/"))
    for docname, written in sources.items():
        source = f"{written} {declarations}" if docname.startswith("series/") else written
        linked = " ".join(title for other, title in titles.items() if other.rsplit("/", 1)[-1] in source)
        foreign = {stem.lower() for stem in indexed[docname]} - stems(f"{source} {linked} {labels}")
        assert not foreign, f"{docname} is indexed by words it does not contain: {sorted(foreign)[:12]}"
