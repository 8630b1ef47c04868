"""A rebuild does the least work that keeps every list right.

Told by Sphinx itself: the documents it reports reading ("reading
sources... name") and writing ("writing output... name").  A rebuild with no
change reads and writes nothing and leaves every list as it was (ABlog empties
its index there); editing one post re-reads only that post and re-writes only
it and the pages that show it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from support.building import Build, build
from support.reading import page_contents
from support.sites import copy_real_site, generate_site

#: In-process builds surface MyST's and sphinx-sitemap's own deprecation warnings, by the thousand.
pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::DeprecationWarning")]


def pages_linking_to(bodies: dict[str, str], docname: str) -> set[str]:
    """Documents whose article links to ``docname``'s page (lists, neighbours, related posts)."""
    target = f'{docname.rsplit("/", 1)[-1]}.html"'
    return {page.removesuffix(".html") for page, body in bodies.items() if target in body}


def changed_pages(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {page.removesuffix(".html") for page, body in after.items() if before.get(page) != body}


def assert_everything_reported(first: Build, builddir: Path) -> None:
    """A clean build reports reading and writing every document it stored: the report is read right."""
    doctrees = builddir / "doctrees"
    documents = {path.relative_to(doctrees).with_suffix("").as_posix() for path in doctrees.rglob("*.doctree")}
    assert len(documents) > 10
    assert first.read == documents, "Sphinx's report of the documents it read was not understood"
    assert first.written == documents, "Sphinx's report of the pages it wrote was not understood"


def assert_nothing_done(rebuild: Build, before: dict[str, str]) -> None:
    assert rebuild.read == set(), "a rebuild with no change re-read documents"
    assert rebuild.written == set(), "a rebuild with no change re-wrote pages"
    assert page_contents(rebuild.outdir) == before


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_real_site(tmp_path_factory.mktemp("real-site") / "src")


def test_no_change_rebuild_of_the_real_site_reads_and_writes_nothing(real_site: Path, tmp_path: Path) -> None:
    first = build(real_site, tmp_path)
    assert_everything_reported(first, tmp_path)
    before = page_contents(first.outdir)
    sitemap = (first.outdir / "sitemap.xml").read_text(encoding="utf-8")
    assert "editorial-card" in before["index.html"], "the home page lists posts"
    assert sitemap.count("<url>") == len(first.written), "every document's page (the 404 page is no document)"
    assert_nothing_done(build(real_site, tmp_path), before)
    assert (first.outdir / "sitemap.xml").read_text(encoding="utf-8") == sitemap
    (first.outdir / "sitemap.xml").unlink()
    build(real_site, tmp_path)
    assert (first.outdir / "sitemap.xml").read_text(encoding="utf-8") == sitemap, "a lost sitemap is written again"


def test_editing_one_post_rewrites_only_the_pages_that_show_it(tmp_path: Path) -> None:
    site = generate_site(posts=24, pillars=2, seed=3)
    srcdir, builddir = tmp_path / "src", tmp_path / "build"
    site.write(srcdir)
    first = build(srcdir, builddir)
    assert_everything_reported(first, builddir)
    assert_nothing_done(build(srcdir, builddir), page_contents(first.outdir))

    docname = "posts/article-0012"
    before = page_contents(first.outdir)
    site.posts["article-0012"] = replace(site.posts["article-0012"], summary="Un résumé réécrit.", date="2025-12-30")
    site.write(srcdir)
    edit = build(srcdir, builddir)
    after = page_contents(edit.outdir)

    truth = page_contents(build(srcdir, tmp_path / "clean").outdir)
    showing = pages_linking_to(before, docname) | pages_linking_to(after, docname)

    assert edit.read == {docname}
    assert changed_pages(before, truth) <= edit.written, "a page whose content changed was not re-written"
    assert edit.written <= {docname} | showing, "a page that does not show the post was re-written"
    assert {page.removesuffix(".html") for page in after} - showing - {docname}, (
        "the site needs pages that do not show the post"
    )
    assert_nothing_done(build(srcdir, builddir), after)
