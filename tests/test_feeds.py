"""Atom feeds: read by a real feed reader library, newest first, published posts only, absolute links."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import feedparser
import pytest

from support.metadata import (
    READERS_PUBLISHED,
    READERS_UNPUBLISHED,
    READERS_URL,
    READTHEDOCS_URL,
    built_page,
    configured_base,
    docname_of,
    feed_links,
    is_published,
    meta,
    real_posts,
)

SITE_TITLE = "Leadership technique"
PILLAR = "le-role-du-cto"
_URL_ATTRIBUTE = re.compile(r"""\b(?:href|src)=["']([^"']*)["']""")


@pytest.fixture(params=["html", "dirhtml"])
def real_build(request: pytest.FixtureRequest) -> tuple[Path, str]:
    """The real site's output folder and address, under each HTML builder."""
    if request.param == "html":
        return request.getfixturevalue("site_html"), configured_base()
    return request.getfixturevalue("site_dirhtml"), READTHEDOCS_URL


def _pillar_page(outdir: Path) -> Path:
    return next(
        page
        for page in (outdir / "pillars" / f"{PILLAR}.html", outdir / "pillars" / PILLAR / "index.html")
        if page.is_file()
    )


def _read(feed: Path) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(feed.read_bytes())
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    return parsed


def _entry_docnames(outdir: Path, base: str, parsed: feedparser.FeedParserDict) -> list[str]:
    pages = [built_page(outdir, base, entry.link) for entry in parsed.entries]
    missing = [page for page in pages if not page.is_file()]
    assert not missing, missing
    return [docname_of(outdir, page) for page in pages]


def test_the_site_and_pillar_feeds_read_cleanly_newest_first(real_build: tuple[Path, str]) -> None:
    outdir, base = real_build
    feeds = feed_links(_pillar_page(outdir))
    site_feed = feeds.pop(SITE_TITLE)
    (pillar_feed,) = feeds.values()
    published = {docname: values for docname, values in real_posts().items() if is_published(values, date.today())}
    for feed, expected in (
        (site_feed, set(published)),
        (pillar_feed, {docname for docname, values in published.items() if values["pillar"] == PILLAR}),
    ):
        parsed = _read(feed)
        assert built_page(outdir, base, parsed.feed.link).is_file(), parsed.feed.link
        docnames = _entry_docnames(outdir, base, parsed)
        assert set(docnames) == expected  # fewer posts than the default limit: all of them
        dates = [entry.published_parsed for entry in parsed.entries]
        assert dates == sorted(dates, reverse=True)


def test_each_entry_carries_id_dates_summary_and_absolute_full_text(real_build: tuple[Path, str]) -> None:
    outdir, base = real_build
    parsed = _read(feed_links(_pillar_page(outdir))[SITE_TITLE])
    posts = real_posts()
    ids = [entry.id for entry in parsed.entries]
    assert len(set(ids)) == len(ids) and all(entry_id.startswith("tag:") for entry_id in ids)
    for entry in parsed.entries:
        page = built_page(outdir, base, entry.link)
        front_matter = posts[docname_of(outdir, page)]
        assert entry.published.startswith(str(front_matter["date"]))
        assert entry.updated.startswith(str(front_matter.get("updated", front_matter["date"])))
        assert entry.summary == front_matter["summary"] == meta(page, "description")[0]
        (content,) = entry.content
        assert content.type == "text/html" and "<h2" in content.value
        assert "editorial-post-header" not in content.value and "editorial-post-footer" not in content.value
        urls = _URL_ATTRIBUTE.findall(content.value)
        assert urls, entry.link
        for url in urls:
            assert url.startswith(("https://", "http://", "mailto:")), url
            if url.startswith(base):
                assert built_page(outdir, base, url).is_file(), url


def test_drafts_and_future_posts_stay_out_and_images_are_absolute(readers_html: Path) -> None:
    feeds = feed_links(readers_html / "pillars" / "equipe.html")
    site_feed = _read(feeds.pop("Carnet des lecteurs"))
    (pillar_feed,) = (_read(feed) for feed in feeds.values())
    assert set(_entry_docnames(readers_html, READERS_URL, site_feed)) == READERS_PUBLISHED
    assert set(_entry_docnames(readers_html, READERS_URL, pillar_feed)) == {"posts/accueillir", "posts/deleguer"}
    assert not READERS_UNPUBLISHED & set(_entry_docnames(readers_html, READERS_URL, site_feed))
    (with_image,) = (entry for entry in site_feed.entries if entry.link.endswith("choisir-une-base.html"))
    (image,) = re.findall(r'<img[^>]*src="([^"]+)"', with_image.content[0].value)
    assert built_page(readers_html, READERS_URL, image).is_file(), image


@pytest.mark.sphinx("html", testroot="readers", srcdir="readers-limit", confoverrides={"editorial_feed_limit": 2})
def test_the_limit_keeps_the_newest_entries(app) -> None:
    app.build()
    parsed = _read(Path(app.outdir) / "feeds" / "atom.xml")
    assert _entry_docnames(Path(app.outdir), READERS_URL, parsed) == ["posts/accueillir", "posts/piege-script"]


@pytest.mark.sphinx("html", testroot="readers", srcdir="readers-no-address", confoverrides={"html_baseurl": ""})
def test_without_an_address_no_feed_and_one_clear_warning(app) -> None:
    app.build()
    warnings = [line for line in app.warning.getvalue().splitlines() if "WARNING" in line]
    assert len([line for line in warnings if "[editorial.feed]" in line]) == 1, warnings
    assert "html_baseurl" in next(line for line in warnings if "[editorial.feed]" in line)
    outdir = Path(app.outdir)
    assert not (outdir / "feeds").exists()
    assert not feed_links(outdir / "posts" / "accueillir.html")
