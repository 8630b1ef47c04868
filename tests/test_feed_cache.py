"""The feeds' entries are kept between builds, and never served stale.

Rendering every entry again made a no-change rebuild slow; keeping them is
only right if every edit that changes an entry renders it again.  Each test
counts the entries a rebuild renders (``FullText._translate``, whether from
the page being written or read again) and compares its feeds with those of
a clean build of the same sources.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from docutils import nodes

from editorial import feeds as feeds_module
from editorial.feed_cache import EntryCache
from editorial.feeds import FullText
from support.building import build
from support.reading import feeds
from support.sites import Site, generate_site, mark_newer

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::DeprecationWarning")]


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The docnames whose entries the builds render, in order."""
    calls: list[str] = []
    original = FullText._translate

    def counting(self: FullText, docname: str, doctree: nodes.document, **options: Any) -> str:
        calls.append(docname)
        return original(self, docname, doctree, **options)

    monkeypatch.setattr(FullText, "_translate", counting)
    yield calls


@pytest.fixture
def reread(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The docnames whose entries the builds read and resolve again (``FullText._render``), in order."""
    calls: list[str] = []
    original = FullText._render

    def recording(self: FullText, docname: str) -> str:
        calls.append(docname)
        return original(self, docname)

    monkeypatch.setattr(FullText, "_render", recording)
    yield calls


@pytest.fixture
def site() -> Site:
    return generate_site(posts=12, pillars=2, seed=5)


def published(site: Site) -> list[str]:
    return [slug for slug, post in site.posts.items() if not post.draft]


def built(site: Site, tmp_path: Path, rendered: list[str]) -> tuple[Path, Path]:
    srcdir, builddir = tmp_path / "src", tmp_path / "build"
    site.write(srcdir)
    build(srcdir, builddir)
    assert rendered, "the first build renders the entries"
    rendered.clear()
    return srcdir, builddir


def add_sentence(srcdir: Path, slug: str, sentence: str) -> None:
    """An editor's edit of a post's text, seen as newer by the next build."""
    source = srcdir / "posts" / f"{slug}.md"
    source.write_text(source.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
    mark_newer(source)


def clean_feeds(srcdir: Path, tmp_path: Path, builder: str = "html") -> dict[str, str]:
    return feeds(build(srcdir, tmp_path / f"clean-{builder}", builder).outdir)


def test_a_rebuild_with_no_change_renders_no_entry(site: Site, tmp_path: Path, rendered: list[str]) -> None:
    srcdir, builddir = built(site, tmp_path, rendered)
    before = feeds(builddir / "html")
    rebuild = build(srcdir, builddir)
    assert rendered == []
    assert feeds(rebuild.outdir) == before


def test_a_rebuild_with_no_change_leaves_the_feed_files_alone_and_writes_a_deleted_one_again(
    site: Site, tmp_path: Path, rendered: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    srcdir, builddir = built(site, tmp_path, rendered)
    before = feeds(builddir / "html")
    written: list[str] = []
    original = feeds_module.render_feed
    monkeypatch.setattr(
        feeds_module, "render_feed", lambda feed, *rest: written.append(feed.path) or original(feed, *rest)
    )
    build(srcdir, builddir)
    assert written == []
    (builddir / "html" / "feeds" / "atom.xml").unlink()
    rebuild = build(srcdir, builddir)
    assert written == ["feeds/atom.xml"]
    assert rendered == []  # its entries come from the cache
    assert feeds(rebuild.outdir) == before


def test_a_rebuild_that_changed_no_document_does_not_open_the_entries_cache(
    site: Site, tmp_path: Path, rendered: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The commonest rebuild pays for no feed: its files stand as written (a no-change rebuild's share, issue 16)."""
    srcdir, builddir = built(site, tmp_path, rendered)
    before = feeds(builddir / "html")
    opened: list[Path] = []
    original = EntryCache._load
    monkeypatch.setattr(EntryCache, "_load", staticmethod(lambda path: opened.append(path) or original(path)))
    rebuild = build(srcdir, builddir)
    assert opened == []
    assert feeds(rebuild.outdir) == before
    add_sentence(srcdir, published(site)[0], "Une phrase de plus.")
    build(srcdir, builddir)
    assert len(opened) == 1  # a document changed: each feed is looked at
    assert len(rendered) == 1  # the edited post's entry; the others come from the cache


def test_entries_of_feeds_left_alone_stay_in_the_cache(site: Site, tmp_path: Path, rendered: list[str]) -> None:
    """A build that keeps every feed file must keep their entries too: the next change renders one entry, not all."""
    srcdir, builddir = built(site, tmp_path, rendered)
    build(srcdir, builddir)
    slug = published(site)[2]
    add_sentence(srcdir, slug, "Une dernière phrase.")
    rebuild = build(srcdir, builddir)
    assert rendered == [f"posts/{slug}"]
    assert feeds(rebuild.outdir) == clean_feeds(srcdir, tmp_path)


def test_an_edited_text_reaches_the_feed_and_only_its_entry_is_rendered(
    site: Site, tmp_path: Path, rendered: list[str]
) -> None:
    srcdir, builddir = built(site, tmp_path, rendered)
    slug = published(site)[3]
    add_sentence(srcdir, slug, "Une phrase ajoutée après coup.")
    rebuild = build(srcdir, builddir)
    assert rendered == [f"posts/{slug}"]
    assert "Une phrase ajoutée après coup." in feeds(rebuild.outdir)["feeds/atom.xml"]
    assert feeds(rebuild.outdir) == clean_feeds(srcdir, tmp_path)


def test_a_renamed_post_renames_the_links_to_it_in_other_entries(
    site: Site, tmp_path: Path, rendered: list[str]
) -> None:
    linking = next(post for post in site.posts.values() if post.links and not post.draft)
    target = linking.links[0]
    srcdir, builddir = built(site, tmp_path, rendered)
    site.posts[target] = replace(site.posts[target], title="Un titre tout neuf")
    site.write(srcdir)
    rebuild = build(srcdir, builddir)
    assert f"posts/{linking.slug}" in rendered
    assert feeds(rebuild.outdir) == clean_feeds(srcdir, tmp_path)


def test_html_and_dirhtml_sharing_doctrees_keep_their_own_links(
    site: Site, tmp_path: Path, rendered: list[str]
) -> None:
    srcdir, builddir = built(site, tmp_path, rendered)
    dirhtml = build(srcdir, builddir, "dirhtml")
    assert feeds(dirhtml.outdir) == clean_feeds(srcdir, tmp_path, "dirhtml")
    assert feeds(build(srcdir, builddir).outdir) == clean_feeds(srcdir, tmp_path)


@pytest.mark.parametrize(
    "damage", ['{"format": 1, "entries": {"posts/x": 3}', '{"format": 1, "entries": [1]}', "\x00\xff", "[]"]
)
def test_a_damaged_cache_is_an_empty_one(site: Site, tmp_path: Path, rendered: list[str], damage: str) -> None:
    srcdir, builddir = built(site, tmp_path, rendered)
    entries = builddir / "doctrees" / "editorial-feed-entries-html.json"
    assert entries.is_file()
    entries.write_text(damage, encoding="utf-8")
    add_sentence(srcdir, published(site)[0], "Une phrase de plus.")  # feeds looked at again: the cache is read
    rebuild = build(srcdir, builddir)
    assert rebuild.log == ""
    assert len(rendered) == len(published(site))
    assert feeds(rebuild.outdir) == clean_feeds(srcdir, tmp_path)


def test_a_list_inside_a_post_follows_the_other_posts(site: Site, tmp_path: Path, rendered: list[str]) -> None:
    """A block in a post's text reads other posts: their changes render its entry again."""
    host, *others = published(site)
    moved = next(slug for slug in others if site.posts[slug].pillar == site.posts[host].pillar)
    site.raw[f"posts/{host}.md"] = site.posts[host].page() + "\n```{latest-posts}\n:limit: 2\n```\n"
    srcdir, builddir = built(site, tmp_path, rendered)
    site.posts[moved] = replace(site.posts[moved], date="2025-12-31")
    site.write(srcdir)
    rebuild = build(srcdir, builddir)
    assert f"posts/{host}" in rendered
    assert feeds(rebuild.outdir) == clean_feeds(srcdir, tmp_path)


def test_entries_taken_from_the_written_pages_equal_entries_read_again(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reread: list[str]
) -> None:
    """A clean build takes every entry from the page it writes; reading the post again gives the same bytes."""
    srcdir = tmp_path / "src"
    site.write(srcdir)
    captured = feeds(build(srcdir, tmp_path / "captured").outdir)
    assert reread == [], "a clean build writes every post: no entry needs reading again"
    monkeypatch.setattr(feeds_module, "capture_entry", lambda *_: None)
    read_again = feeds(build(srcdir, tmp_path / "read-again").outdir)
    assert len(set(reread)) == len(reread) > 0, "without the pages, each entry is read again, once"
    assert "<entry>" in captured["feeds/atom.xml"]
    assert captured == read_again


def test_parallel_writers_hand_their_entries_over(site: Site, tmp_path: Path, reread: list[str]) -> None:
    """Under ``-j`` each writer renders the entries of the posts it writes and hands them to the main process.

    The main process reads no post again; the feeds equal a serial build's;
    nothing handed over is left behind, and the cache keeps every entry.
    """
    srcdir = tmp_path / "src"
    site.write(srcdir)
    # More posts than one writer's chunk: several writers hand entries over.
    parallel = build(srcdir, tmp_path / "j2", parallel=2)
    assert reread == [], "every entry came from the page that was written"
    assert feeds(parallel.outdir) == clean_feeds(srcdir, tmp_path)
    handed_over = list((tmp_path / "j2" / "doctrees").glob("*.handed-over/*"))
    assert handed_over == []
    cache = EntryCache(tmp_path / "j2" / "doctrees" / "editorial-feed-entries-html.json")
    assert set(cache.stored) == {f"posts/{slug}" for slug in published(site)}
