"""Every builder an editor may run writes the blocks, with working links where it has links."""

from __future__ import annotations

import posixpath

import pytest
from bs4 import BeautifulSoup

from support.building import Build, RootBuild
from support.reading import target

BUILDERS = ("html", "dirhtml", "singlehtml", "epub", "latex", "text")
#: Words of the blocks of pillar ``equipe``: audience groups, a tension, an entry point, a latest post.
PILLAR_WORDS = (
    "Principalement",
    "Secondairement",
    "Managers en poste",
    "vitesse",
    "qualité",
    "Pour tes débuts",
    "Déléguer une décision",
    "8 septembre 2025",
)
#: Words of the header and footer of post ``deleguer-une-decision``.
POST_WORDS = (
    "Pilier",
    "Faire grandir une équipe",
    "Publié le 8 septembre 2025",
    "min de lecture",
    "Pour qui",
    "Articles liés",
    "Article précédent",
)


def build(root_build: RootBuild, builder: str) -> Build:
    return root_build("editorial", builder)


@pytest.mark.parametrize("builder", BUILDERS)
def test_the_builder_writes_the_site_without_warning(root_build: RootBuild, builder: str) -> None:
    site = build(root_build, builder)
    assert site.statuscode == 0
    assert site.warnings == []


def test_text_output_has_the_blocks(root_build: RootBuild) -> None:
    site = build(root_build, "text")
    pillar = " ".join((site.outdir / "pillars" / "equipe.txt").read_text(encoding="utf-8").split())
    post = " ".join((site.outdir / "posts" / "deleguer-une-decision.txt").read_text(encoding="utf-8").split())
    assert [word for word in PILLAR_WORDS if word not in pillar] == []
    assert [word for word in POST_WORDS if word not in post] == []


def test_latex_output_has_the_blocks_with_titles_escaped(root_build: RootBuild) -> None:
    site = build(root_build, "latex")
    (document,) = site.outdir.glob("*.tex")
    written = document.read_text(encoding="utf-8")
    assert [word for word in PILLAR_WORDS if word not in written] == []
    assert "Quand \\textless{}script\\textgreater{} s’invite dans un titre" in written
    assert "<script>" not in written


def test_dirhtml_links_reach_the_pages(root_build: RootBuild) -> None:
    site = build(root_build, "dirhtml")
    page = site.outdir / "pillars" / "equipe" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    hrefs = [anchor["href"] for anchor in soup.select('[role="main"] a.reference.internal[href]')]
    assert [target(href) for href in hrefs][:1] == ["deleguer-une-decision"]  # the latest post first
    for href in hrefs:
        path = href.partition("#")[0]
        assert (site.outdir / posixpath.normpath(posixpath.join("pillars/equipe", path)) / "index.html").is_file(), href


def test_singlehtml_links_to_pillars_reach_their_section(root_build: RootBuild) -> None:
    site = build(root_build, "singlehtml")
    soup = BeautifulSoup((site.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    ids = {element["id"] for element in soup.select("[id]")}
    assert "start-debuter" in ids  # the pillar's blocks are in the single page
    pillar_links = [
        anchor["href"] for anchor in soup.select(".editorial-archive a.reference.internal[href^='#document-pillars/']")
    ]
    assert pillar_links
    assert {href[1:] for href in pillar_links} <= ids


def test_singlehtml_links_only_to_what_the_single_page_contains(root_build: RootBuild) -> None:
    """Posts are outside the toctree, so the single page names them without a dead link."""
    site = build(root_build, "singlehtml")
    soup = BeautifulSoup((site.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    ids = {element["id"] for element in soup.select("[id]")}
    internal = [anchor["href"] for anchor in soup.select("[class*='editorial-'] a.reference.internal[href^='#']")]
    assert internal
    assert [href for href in internal if href[1:] not in ids] == []
    assert "Déléguer une décision" in soup.get_text()


def test_epub_links_reach_the_post_files(root_build: RootBuild) -> None:
    site = build(root_build, "epub")
    soup = BeautifulSoup((site.outdir / "pillars" / "equipe.xhtml").read_text(encoding="utf-8"), "html.parser")
    tensions = soup.select_one("#tension-vitesse-qualite")
    assert tensions is not None
    for anchor in tensions.select("a[href]"):
        assert (site.outdir / "pillars" / anchor["href"]).resolve().is_file(), anchor["href"]
    assert list(site.outdir.glob("*.epub"))
