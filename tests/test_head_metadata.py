"""Head metadata: canonical URL, description, OpenGraph, JSON-LD, feed autodiscovery, noindex."""

from __future__ import annotations

from pathlib import Path

import pytest

from editorial.model import same_title
from support.metadata import (
    READERS_PUBLISHED,
    READERS_UNPUBLISHED,
    READTHEDOCS_URL,
    docname_of,
    feed_links,
    json_ld,
    links,
    meta,
    real_posts,
    scripts,
)

SITE_FEED = "Leadership technique"
PILLAR_FEED = "Le rôle du CTO – Leadership technique"
HOSTILE_TITLE = "Le piège </script><script>alert(1)</script> du titre"


def _page(outdir: Path, docname: str) -> Path:
    return outdir / ("index.html" if docname == "index" else f"{docname.removesuffix('/index')}/index.html")


@pytest.mark.parametrize("docname", sorted(real_posts()))
def test_post_head_under_dirhtml(site_dirhtml: Path, docname: str) -> None:
    page = _page(site_dirhtml, docname)
    front_matter = real_posts()[docname]
    url = f"{READTHEDOCS_URL}{docname}/"
    assert [attrs["href"] for attrs in links(page, "canonical")] == [url]
    assert meta(page, "description") == [front_matter["summary"]]
    assert meta(page, "og:description") == [front_matter["summary"]]
    assert meta(page, "og:type") == ["article"]
    assert meta(page, "og:url") == [url]
    assert meta(page, "og:locale") == ["fr_FR"]
    assert meta(page, "article:published_time") == [str(front_matter["date"])]
    assert meta(page, "robots") == []
    (article,) = json_ld(page)
    assert article["@context"] == "https://schema.org" and article["@type"] == "Article"
    assert same_title(article["headline"], front_matter["title"])
    assert article["datePublished"] == str(front_matter["date"])
    assert article["dateModified"] == str(front_matter.get("updated", front_matter["date"]))
    assert article["description"] == front_matter["summary"]
    assert article["url"] == url and article["inLanguage"] == "fr"


def test_other_pages_stay_websites_without_article_data(site_dirhtml: Path) -> None:
    for docname in ("index", "posts/index", "pillars/le-role-du-cto"):
        page = _page(site_dirhtml, docname)
        assert meta(page, "og:type") == ["website"], docname
        assert "Article" not in {data["@type"] for data in json_ld(page)}, docname
        assert meta(page, "article:published_time") == [], docname


def test_every_page_links_the_site_feed_and_its_pillar_feed(site_dirhtml: Path) -> None:
    pillar_pages = {"pillars/le-role-du-cto", *real_posts()}
    # The old archive addresses are bare redirects (old_archives.py), not pages of the site.
    pages = [
        page
        for page in site_dirhtml.rglob("*.html")
        if page.parent.name != "404" and "archives" not in page.relative_to(site_dirhtml).parts
    ]
    assert len(pages) > len(pillar_pages)
    for page in pages:
        feeds = feed_links(page)
        expected = {SITE_FEED, PILLAR_FEED} if docname_of(site_dirhtml, page) in pillar_pages else {SITE_FEED}
        assert set(feeds) == expected, page
        assert all(feed.is_file() for feed in feeds.values()), feeds


def test_json_ld_cannot_be_broken_out_of(readers_html: Path) -> None:
    page = readers_html / "posts" / "piege-script.html"
    (article,) = json_ld(page)  # parses: the title's </script> did not end the block
    assert article["headline"] == HOSTILE_TITLE
    injected = {"alert(1)", "alert(2)"}
    assert not injected & set(scripts(page)), "a title or summary opened a <script> element"
    assert meta(page, "description") == [
        "Un résumé avec </script><script>alert(2)</script> dedans, à montrer tel quel."
    ]


def test_published_posts_may_be_indexed_and_unpublished_ones_have_no_page(readers_html: Path) -> None:
    """A preview's drafts ask not to be indexed: ``test_private_drafts.py``."""
    for docname in READERS_PUBLISHED:
        assert meta(readers_html / f"{docname}.html", "robots") == [], docname
    assert not any((readers_html / f"{docname}.html").exists() for docname in READERS_UNPUBLISHED)
    assert meta(readers_html / "index.html", "robots") == []
