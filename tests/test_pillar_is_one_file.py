"""A pillar is one file (issue 14, item 1): ``pillars/<slug>.md`` is the only step.

A copy of the real site with one new pillar file, and nothing else, builds
strictly (html, and dirhtml as Read the Docs builds it); the home page lists
the new pillar from its front matter (``{pillars}``), the sidebar of every
page shows it (``index.md``'s glob toctree), its posts are in the list of all
posts with a feed, and the old archive address redirects there.  Removing a
pillar file is the only step too: its posts warn.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import pytest
from bs4 import BeautifulSoup

from support.building import run_sphinx_command
from support.metadata import READTHEDOCS_ENV
from support.sites import copy_real_site

pytestmark = pytest.mark.slow

SLUG = "decider-sans-certitude"
TITLE = "Décider sans certitude"
INTENTION = "Trancher quand les informations manquent, et l'assumer devant l'équipe."
NEW_PILLAR = f"""---
type: pillar
title: {TITLE}
slug: {SLUG}
intention: {INTENTION}
---

# {TITLE}

Ce pilier rassemble les articles sur les décisions prises sans toutes les cartes en main.

## Derniers articles du pilier

```{{latest-posts}}
```

→ [Tous les articles du pilier](/posts/?pillar={SLUG})
"""
NEW_POST = f"""---
title: Trancher sans tout savoir
date: 2025-10-01
pillar: {SLUG}
summary: Une décision attendue, des informations qui manquent.
---

# Trancher sans tout savoir

Il faut décider, et personne ne sait tout.
"""
#: Read the Docs' command (tools/rtd_build.py's ``sphinx_command``), with the French language setting.
RTD_OPTIONS = ("-T", "-W", "--keep-going", "-D", "language=fr")


class Built(NamedTuple):
    srcdir: Path
    html: Path
    dirhtml: Path


def build_both(srcdir: Path, outdir: Path) -> Built:
    """The site built strictly with html, then as Read the Docs builds it (dirhtml); both must succeed."""
    html = run_sphinx_command(srcdir, outdir / "html", "html", "-W", "--keep-going", "-n")
    assert html.returncode == 0, html.stderr[-3000:]
    dirhtml = run_sphinx_command(srcdir, outdir / "dirhtml", "dirhtml", *RTD_OPTIONS, env=READTHEDOCS_ENV)
    assert dirhtml.returncode == 0, dirhtml.stderr[-3000:]
    return Built(srcdir, outdir / "html", outdir / "dirhtml")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def one_new_file(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The real site plus ``pillars/<slug>.md``: no toctree, no archive page, no home page edited."""
    root = tmp_path_factory.mktemp("one-new-pillar")
    srcdir = copy_real_site(root / "src")
    (srcdir / "pillars" / f"{SLUG}.md").write_text(NEW_PILLAR, encoding="utf-8")
    return build_both(srcdir, root / "out")


@pytest.fixture(scope="module")
def with_a_post(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The same, plus one post of the new pillar (written as any post is)."""
    root = tmp_path_factory.mktemp("new-pillar-post")
    srcdir = copy_real_site(root / "src")
    (srcdir / "pillars" / f"{SLUG}.md").write_text(NEW_PILLAR, encoding="utf-8")
    (srcdir / "posts" / "trancher-sans-tout-savoir.md").write_text(NEW_POST, encoding="utf-8")
    return build_both(srcdir, root / "out")


def test_the_real_site_has_no_archive_source_pages() -> None:
    from support.building import PROJECT

    assert not (PROJECT / "pillars" / "archives").exists()


def test_the_home_page_lists_every_pillar_from_its_front_matter(one_new_file: Built) -> None:
    cards = soup(one_new_file.html / "index.html").select(".editorial-pillars .editorial-pillar-card")
    by_link = {card.select_one("a")["href"]: card for card in cards}
    assert list(by_link) == ["pillars/decider-sans-certitude.html", "pillars/le-role-du-cto.html"]  # by title
    new = by_link[f"pillars/{SLUG}.html"]
    assert new.select_one(".editorial-summary").get_text().strip() == INTENTION.replace("'", "’")
    assert new.select_one(".editorial-post-count").get_text() == "Aucun article pour l’instant."
    old = by_link["pillars/le-role-du-cto.html"]
    assert re.fullmatch(r"\d+ articles", old.select_one(".editorial-post-count").get_text())
    assert old.select_one(".editorial-date").get_text().startswith("Dernier article le ")


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_every_page_shows_the_new_pillar_in_its_sidebar(one_new_file: Built, builder: str) -> None:
    outdir = getattr(one_new_file, builder)
    pages = [page for page in outdir.rglob("*.html") if "archives" not in page.relative_to(outdir).parts]
    assert len(pages) > 10
    for page in pages:
        tree = soup(page).select_one(".sidebar-tree")
        assert tree is not None, page
        captions = [caption.get_text().strip() for caption in tree.select(".caption")]
        assert captions == ["Piliers", "Articles", "Auteurs"], page
        first_list = tree.select(".caption")[0].find_next_sibling("ul")
        titles = [link.get_text().strip() for link in first_list.select(":scope > li > a")]
        assert titles == [TITLE, "Le rôle du CTO"], page


def test_the_new_pillar_is_in_the_list_of_all_posts_with_a_feed(with_a_post: Built) -> None:
    index = soup(with_a_post.html / "posts" / "index.html")
    group = index.select_one(f"#pilier-{SLUG}")
    assert group is not None
    assert [link["href"] for link in group.select(".editorial-archive-list a")] == ["trancher-sans-tout-savoir.html"]
    assert (with_a_post.html / "feeds" / SLUG / "atom.xml").is_file()
    assert (with_a_post.dirhtml / "feeds" / SLUG / "atom.xml").is_file()
    home = soup(with_a_post.html / "index.html").select_one(f'.editorial-pillar-card a[href="pillars/{SLUG}.html"]')
    card = home.find_parent(class_="editorial-pillar-card")
    assert card.select_one(".editorial-post-count").get_text() == "1 article"
    assert card.select_one(".editorial-date").get_text() == "Dernier article le 1er octobre 2025"


@pytest.mark.parametrize(
    ("builder", "old_page", "target"),
    [
        ("html", "pillars/archives/{slug}.html", "../../posts/index.html?pillar={slug}#pilier-{slug}"),
        ("dirhtml", "pillars/archives/{slug}/index.html", "../../../posts/?pillar={slug}#pilier-{slug}"),
    ],
)
def test_the_old_archive_address_redirects_to_the_list_of_all_posts(
    one_new_file: Built, builder: str, old_page: str, target: str
) -> None:
    for slug in (SLUG, "le-role-du-cto"):
        page = soup(getattr(one_new_file, builder) / old_page.format(slug=slug))
        expected = target.format(slug=slug)
        assert page.select_one('meta[http-equiv="refresh"]')["content"] == f"0; url={expected}"
        assert page.select_one("body a")["href"] == expected
        assert page.select_one('meta[name="robots"]')["content"] == "noindex"
        assert page.html["lang"] == "fr"
    if builder == "dirhtml":
        canonical = soup(one_new_file.dirhtml / old_page.format(slug=SLUG)).select_one('link[rel="canonical"]')["href"]
        assert canonical == f"{READTHEDOCS_ENV['READTHEDOCS_CANONICAL_URL']}posts/?pillar={SLUG}#pilier-{SLUG}"


def test_removing_a_pillar_file_makes_its_posts_warn(tmp_path: Path) -> None:
    """The new pillar's file removed (and nothing else), the next build says which posts lost it."""
    srcdir = copy_real_site(tmp_path / "src")
    pillar = srcdir / "pillars" / f"{SLUG}.md"
    pillar.write_text(NEW_PILLAR, encoding="utf-8")
    (srcdir / "posts" / "trancher-sans-tout-savoir.md").write_text(NEW_POST, encoding="utf-8")
    before = run_sphinx_command(srcdir, tmp_path / "out", "html", "-W", "--keep-going")
    assert before.returncode == 0, before.stderr[-3000:]
    pillar.unlink()
    after = run_sphinx_command(srcdir, tmp_path / "out", "html")
    assert after.returncode == 0, after.stderr[-3000:]
    warned = re.findall(r"posts/([^/:]+)\.md:\d+: WARNING: unknown pillar '([^']+)'", after.stderr)
    assert warned == [("trancher-sans-tout-savoir", SLUG)], after.stderr
    assert "toctree" not in after.stderr  # the glob toctree needs no edit either
    sidebar = soup(tmp_path / "out" / "index.html").select_one(".sidebar-tree")
    assert f"pillars/{SLUG}.html" not in {link["href"] for link in sidebar.select("a")}


def test_make_check_passes_with_the_new_pillar_and_nothing_else(with_a_post: Built, tmp_path: Path) -> None:
    """``make check`` (strict Read the Docs build, then every internal link) on the copy."""
    import subprocess
    import sys

    check = subprocess.run(
        [
            sys.executable,
            str(with_a_post.srcdir / "tools" / "check.py"),
            "--outdir",
            str(tmp_path),
            "--python",
            "current",
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=with_a_post.srcdir,
    )
    assert check.returncode == 0, check.stdout[-2000:] + check.stderr[-2000:]


@pytest.mark.browser
def test_the_pillar_filter_shows_the_new_pillar(with_a_post: Built, chromium) -> None:
    from support.browser import serve

    with serve(with_a_post.dirhtml) as base:
        context = chromium.new_context()
        page = context.new_page()
        try:
            page.goto(f"{base}posts/?pillar={SLUG}", wait_until="load")
            assert page.locator(".editorial-filter-heading").inner_text() == f"Articles du pilier « {TITLE} »"
            assert page.locator(f"#pilier-{SLUG}").is_visible()
            assert page.locator("#pilier-le-role-du-cto").is_hidden()
            visible = page.locator(f"#pilier-{SLUG} .editorial-item-title a").evaluate_all(
                "links => links.filter(link => link.checkVisibility()).map(link => link.pathname)"
            )
            assert [href.rstrip("/").rsplit("/", 1)[-1] for href in visible] == ["trancher-sans-tout-savoir"]
        finally:
            context.close()
