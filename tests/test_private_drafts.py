"""Drafts and future posts stay private in production: no page, no trace, until published.

Without ``editorial_show_drafts`` a draft or a post dated after the build
date is no document of the build: no page, no search entry, no sitemap
line, no inventory entry, and a link to it warns.  A preview shows them,
marked.  When a date passes or a draft flag flips, an incremental build
gives what a clean build gives.  In ``test-readers``, ``brouillon`` is a
draft and ``a-venir`` is dated 2026-03-01, after ``editorial_today`` (2026-01-01).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from sphinx.util.inventory import InventoryFile

from support.building import ROOTS, Build, RootBuild, build
from support.metadata import READERS_PUBLISHED, READERS_UNPUBLISHED, meta
from support.reading import feeds, first_difference

_SITEMAP_LOC = re.compile(r"<loc>(?P<url>[^<]+)</loc>")
_SEARCH_INDEX = re.compile(r"^Search\.setIndex\((?P<data>.*)\)\s*$", re.S)
PRODUCTION = {"html_baseurl": "https://carnet.example.org/"}


def search_docnames(outdir: Path) -> set[str]:
    data = _SEARCH_INDEX.match((outdir / "searchindex.js").read_text(encoding="utf-8"))
    assert data is not None
    return set(json.loads(data["data"])["docnames"])


def inventory_docnames(outdir: Path) -> set[str]:
    with (outdir / "objects.inv").open("rb") as stream:
        inventory = InventoryFile.load(stream, "", lambda base, uri: uri)
    return {item.uri.split("#")[0].removesuffix(".html") for items in inventory.values() for item in items.values()}


def sitemap_docnames(outdir: Path) -> set[str]:
    urls = _SITEMAP_LOC.findall((outdir / "sitemap.xml").read_text(encoding="utf-8"))
    return {url.removeprefix("https://carnet.example.org/").removesuffix(".html") for url in urls}


def feed_text(outdir: Path) -> str:
    return "\n".join(feeds(outdir).values())


@pytest.fixture(scope="module")
def production(root_build: RootBuild) -> Build:
    return root_build("readers", "html", nitpicky=True)


@pytest.fixture(scope="module")
def preview(root_build: RootBuild) -> Build:
    return root_build("readers", "html", nitpicky=True, editorial_show_drafts=True)


def test_production_has_no_page_and_no_trace_of_unpublished_posts(production: Build) -> None:
    outdir = production.outdir
    assert production.warnings == [], production.log
    for docname in READERS_UNPUBLISHED:
        assert not (outdir / f"{docname}.html").exists(), docname
        assert not (outdir / "_sources" / f"{docname}.md.txt").exists(), docname
    slugs = {docname.rsplit("/", 1)[1] for docname in READERS_UNPUBLISHED}
    for where, docnames in (
        ("search", search_docnames(outdir)),
        ("inventory", inventory_docnames(outdir)),
        ("sitemap", sitemap_docnames(outdir)),
    ):
        assert not READERS_UNPUBLISHED & docnames, where
    assert search_docnames(outdir) >= READERS_PUBLISHED and sitemap_docnames(outdir) >= READERS_PUBLISHED
    for page in outdir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not any(f"posts/{slug}" in text or f"{slug}.html" in text for slug in slugs), page
    assert not any(f"posts/{slug}" in feed_text(outdir) for slug in slugs)


def test_a_preview_shows_them_marked_and_searchable(preview: Build) -> None:
    for docname in READERS_UNPUBLISHED:
        page = preview.page(docname)
        assert page.select_one(".editorial-post-header .editorial-draft") is not None, docname
        assert meta(preview.outdir / f"{docname}.html", "robots") == ["noindex"], docname
    assert search_docnames(preview.outdir) >= READERS_UNPUBLISHED
    assert not READERS_UNPUBLISHED & sitemap_docnames(preview.outdir)  # a preview is not indexed either


def _copy(root: str, tmp_path: Path) -> Path:
    source = tmp_path / "src"
    shutil.copytree(ROOTS / f"test-{root}", source)
    return source


def test_a_link_to_an_unpublished_post_warns_in_production_only(tmp_path: Path) -> None:
    source = _copy("readers", tmp_path)
    (source / "liens.md").write_text(
        "---\norphan: true\n---\n\n# Liens\n\nVoir {post}`brouillon` et [à venir](posts/a-venir.md).\n",
        encoding="utf-8",
    )
    published = build(source, tmp_path / "production", "html", freshenv=True)
    warned = {(warning.file, warning.message) for warning in published.warnings}
    assert ("liens.md", "no post with slug 'brouillon'") in warned, published.log
    assert any(file == "liens.md" and "posts/a-venir" in message for file, message in warned), published.log

    previewed = build(
        source, tmp_path / "preview", "html", freshenv=True, confoverrides={"editorial_show_drafts": True}
    )
    assert previewed.warnings == [], previewed.log


def pages(site: Build) -> dict[str, str]:
    """Each page's main content, by docname: what a reader sees of it."""
    documents = [path for path in site.outdir.rglob("*.html") if 'role="main"' in path.read_text(encoding="utf-8")]
    docnames = sorted(path.relative_to(site.outdir).with_suffix("").as_posix() for path in documents)
    # Old archive addresses are bare redirects (no main content): pages, not documents.
    return {docname: str(site.page(docname)) for docname in docnames if docname not in ("genindex", "search")}


def _same_as_clean(source: Path, incremental: Build, tmp_path: Path, name: str, **overrides: object) -> None:
    clean = build(source, tmp_path / name, "html", freshenv=True, confoverrides=overrides)
    for read in (pages, lambda site: feeds(site.outdir)):
        assert read(incremental) == read(clean), first_difference(read(incremental), read(clean))
    for read_docnames in (search_docnames, inventory_docnames, sitemap_docnames):
        assert read_docnames(incremental.outdir) == read_docnames(clean.outdir), read_docnames.__name__


def test_a_date_that_passes_and_a_flag_that_flips_show_everywhere_without_make_clean(tmp_path: Path) -> None:
    source = _copy("readers", tmp_path)
    builddir = tmp_path / "incremental"
    first = build(source, builddir, "html")
    assert "posts/a-venir" not in search_docnames(first.outdir)

    # The publication day of a-venir comes: it appears everywhere.
    later = build(source, builddir, "html", confoverrides={"editorial_today": "2026-03-01"})
    assert (later.outdir / "posts" / "a-venir.html").is_file()
    assert "posts/a-venir" in search_docnames(later.outdir) and "posts/a-venir" in sitemap_docnames(later.outdir)
    assert "a-venir" in feed_text(later.outdir)
    _same_as_clean(source, later, tmp_path, "clean-later", editorial_today="2026-03-01")

    # A published post goes back to draft: it disappears everywhere, its page too.
    post = source / "posts" / "deleguer.md"
    post.write_text(post.read_text(encoding="utf-8").replace("---\n", "---\ndraft: true\n", 1), encoding="utf-8")
    hidden = build(source, builddir, "html", confoverrides={"editorial_today": "2026-03-01"})
    assert not (hidden.outdir / "posts" / "deleguer.html").exists()
    assert "posts/deleguer" not in search_docnames(hidden.outdir) | sitemap_docnames(hidden.outdir)
    assert "posts/deleguer" not in feed_text(hidden.outdir)
    _same_as_clean(source, hidden, tmp_path, "clean-hidden", editorial_today="2026-03-01")


def test_a_bundle_draft_leaves_out_its_folder_and_links_to_it_warn(tmp_path: Path) -> None:
    source = _copy("readers", tmp_path)
    bundle = source / "posts" / "deleguer"
    bundle.mkdir()
    published = (source / "posts" / "deleguer.md").read_text(encoding="utf-8")
    (source / "posts" / "deleguer.md").rename(bundle / "index.md")
    (bundle / "annexe.md").write_text("---\norphan: true\n---\n\n# Annexe\n", encoding="utf-8")
    builddir = tmp_path / "out"
    first = build(source, builddir, "dirhtml")
    assert first.warnings == [], first.log
    assert (first.outdir / "posts" / "deleguer" / "annexe" / "index.html").is_file()

    (bundle / "index.md").write_text(published.replace("---\n", "---\ndraft: true\n", 1), encoding="utf-8")
    second = build(source, builddir, "dirhtml")
    assert not (second.outdir / "posts" / "deleguer").exists()  # the post's page and its annex's
    assert "posts/deleguer/annexe" not in search_docnames(second.outdir)  # the bundle is the post's, annexes too
    # choisir-une-base links {post}`deleguer`: the link to a post readers may not see warns.
    assert [(w.file, w.message) for w in second.warnings] == [
        ("posts/choisir-une-base.md", "no post with slug 'deleguer'")
    ], second.log
