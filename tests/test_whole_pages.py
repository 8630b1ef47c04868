"""Incremental equals clean on whole pages: the navigation is never stale.

``test_incremental`` compares each page's head and article; here every byte
of every page is compared (Furo's sidebar, the ``<link rel="next/prev">`` of
the head, the footer's previous and next links), with the feeds and the
sitemap, after edits that change the navigation: a pillar added, removed,
renamed, or given a new title.  A page Sphinx did not re-write keeps the
old sidebar and fails here.

The sites come from ``support.sites``: edits go through ``Site`` objects and
``Site.write`` writes whatever files the generator makes (pillar pages, and
archive pages while they exist).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support.building import build, run_sphinx_command
from support.reading import first_difference, whole_outputs
from support.sites import PostSource, Site, generate_site, make_pillar

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::DeprecationWarning")]


def assert_same_whole_pages(incremental: Path, clean: Path) -> None:
    """Every file the clean build wrote is the same in the incremental one.

    Pages of removed documents stay in the incremental folder (Sphinx never
    deletes output files): only the clean build's files are compared.
    """
    expected = whole_outputs(clean)
    found = {name: text for name, text in whole_outputs(incremental).items() if name in expected}
    difference = first_difference(found, expected)
    assert not difference, difference


# -- edits that change the navigation ------------------------------------------------


def add_pillar(site: Site) -> None:
    site.pillars["pilier-ajoute"] = make_pillar("pilier-ajoute", "Un pilier ajouté")
    site.posts["dans-le-pilier-ajoute"] = PostSource(
        "dans-le-pilier-ajoute", "Dans le pilier ajouté", "2025-06-01", "pilier-ajoute"
    )


def retitle_pillar(site: Site) -> None:
    site.pillars["pilier-1"] = replace(site.pillars["pilier-1"], title="Un titre tout neuf")


def rename_pillar(site: Site) -> None:
    """A new slug (file name) for a pillar; its posts follow it."""
    site.pillars["pilier-renomme"] = replace(site.pillars.pop("pilier-2"), slug="pilier-renomme")
    for slug, post in site.posts.items():
        if post.pillar == "pilier-2":
            site.posts[slug] = replace(post, pillar="pilier-renomme")


def remove_pillar(site: Site) -> None:
    """The added pillar goes, with its posts."""
    del site.pillars["pilier-ajoute"]
    for slug in [slug for slug, post in site.posts.items() if post.pillar == "pilier-ajoute"]:
        del site.posts[slug]


NAVIGATION_EDITS: tuple[Callable[[Site], None], ...] = (add_pillar, retitle_pillar, rename_pillar, remove_pillar)


def test_navigation_edits_rebuild_every_page_they_change(tmp_path: Path) -> None:
    site = generate_site(posts=6, pillars=2, seed=5)
    srcdir = tmp_path / "src"
    site.write(srcdir)
    build(srcdir, tmp_path / "incremental")
    for edit in NAVIGATION_EDITS:
        edit(site)
        site.write(srcdir)
        incremental = build(srcdir, tmp_path / "incremental")
        clean = build(srcdir, tmp_path / "clean")
        assert_same_whole_pages(incremental.outdir, clean.outdir)
        shutil.rmtree(tmp_path / "clean")


def test_incremental_build_with_two_processes_equals_serial_clean_build(tmp_path: Path) -> None:
    """``-j 2`` after a navigation edit writes the same whole pages as a clean ``-j 1``."""
    site = generate_site(posts=12, pillars=2, seed=3)
    srcdir = tmp_path / "src"
    site.write(srcdir)
    build(srcdir, tmp_path / "j2", parallel=2)
    add_pillar(site)
    site.write(srcdir)
    parallel = build(srcdir, tmp_path / "j2", parallel=2)
    serial = build(srcdir, tmp_path / "j1", parallel=1)
    assert_same_whole_pages(parallel.outdir, serial.outdir)
    assert set(whole_outputs(serial.outdir)) <= set(whole_outputs(parallel.outdir))


# -- three pillars, one empty, one with a single post -----------------------------------

#: Each block of a pillar page (``PillarSource.page``): its section, and what the block itself is.
PILLAR_BLOCKS = {
    "a-qui-s-adresse-ce-pilier": ".editorial-audience .editorial-primary li",
    "les-grandes-tensions-du-role": ".editorial-tensions .editorial-tension",
    "ou-commencer": ".editorial-start-here .editorial-entry-point",
    "derniers-articles-du-pilier": ".editorial-latest .editorial-post-card, .editorial-empty",
}


def test_three_pillars_one_empty_one_with_a_single_post_build_without_warning(tmp_path: Path) -> None:
    site = generate_site(posts=4, pillars=1, seed=2)
    site.posts = {slug: replace(post, draft=False, links=[]) for slug, post in site.posts.items()}
    for slug, title in (("pilier-vide", "Un pilier vide"), ("pilier-seul", "Un pilier d'un article")):
        site.pillars[slug] = make_pillar(slug, title)
    site.posts["article-seul"] = PostSource("article-seul", "Le seul article", "2025-05-05", "pilier-seul")
    srcdir = tmp_path / "src"
    site.write(srcdir)
    result = run_sphinx_command(srcdir, tmp_path / "html", "html", "-W", "--keep-going", "-E")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "WARNING" not in result.stderr
    latest_limit = 3  # editorial_latest_limit's default
    for slug, posts in (("pilier-1", 4), ("pilier-seul", 1), ("pilier-vide", 0)):
        html = (tmp_path / "html" / "pillars" / f"{slug}.html").read_text(encoding="utf-8")
        page = BeautifulSoup(html, "html.parser")
        for section, block in PILLAR_BLOCKS.items():
            assert page.select(f"section#{section} {block.replace(', ', f', section#{section} ')}"), (
                f"{slug}: nothing in {section}"
            )
        latest = page.select("section#derniers-articles-du-pilier .editorial-post-card")
        assert len(latest) == min(posts, latest_limit), f"{slug}: {len(latest)} posts in its latest posts"
        empty = page.select("section#derniers-articles-du-pilier .editorial-empty")
        assert bool(empty) == (posts == 0), f"{slug}: the empty notice"
