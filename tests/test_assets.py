"""The extension brings its own stylesheet, script and words: a site lists ``editorial`` and nothing else for them."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from support.building import PROJECT, Build, RootBuild

STATIC = PROJECT / "_ext" / "editorial" / "static"
FRENCH_PO = PROJECT / "_ext" / "editorial" / "locale" / "fr" / "LC_MESSAGES" / "editorial.po"
#: No html_static_path, html_css_files nor sphinx_design: the extension's own business.
ENGINE_ONLY = ["myst_parser", "editorial"]
#: The script's words: attribute -> English message id (the French comes from the catalogue).
SCRIPT_WORDS = {
    "data-no-match": "No pillar matches “%s”: here are all the posts.",
    "data-pillar-heading": "Posts of the pillar “%s”",
    "data-show-all": "See all posts, every pillar",
}


def engine_only(root_build: RootBuild, builder: str, **confoverrides: object) -> Build:
    return root_build("readers", builder, extensions=ENGINE_ONLY, **confoverrides)


def written_page(build: Build, docname: str) -> BeautifulSoup:
    """A whole page, head included, as html or dirhtml wrote it."""
    candidates = [
        build.outdir / f"{docname}.html",
        build.outdir / docname / "index.html",
        build.outdir / f"{docname.removesuffix('/index')}/index.html",
    ]
    page = next(path for path in candidates if path.is_file())
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def stylesheets(page: BeautifulSoup) -> list[str]:
    return [Path(link["href"].split("?")[0]).name for link in page.select('link[rel="stylesheet"]')]


def filter_script(page: BeautifulSoup) -> dict[str, str]:
    (script,) = [tag for tag in page.select("script[src]") if "pillar-filter.js" in tag["src"]]
    return dict(script.attrs)


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_the_extension_copies_its_static_files_into_static(root_build: RootBuild, builder: str) -> None:
    build = engine_only(root_build, builder)
    assert build.statuscode == 0, build.log
    for name in ("editorial.css", "pillar-filter.js"):
        assert (build.outdir / "_static" / name).read_bytes() == (STATIC / name).read_bytes(), name


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_every_page_links_the_stylesheet_after_sphinx_design_and_the_theme(root_build: RootBuild, builder: str) -> None:
    build = engine_only(root_build, builder)
    for docname in ("index", "posts/index", "posts/deleguer"):
        sheets = stylesheets(written_page(build, docname))
        # sphinx-design is the extension's to load; its cards are what editorial.css restyles.
        assert "sphinx-design.min.css" in sheets and sheets[-1] == "editorial.css", (docname, sheets)


def test_the_script_reads_the_anchor_prefix_and_its_words_from_its_tag(root_build: RootBuild) -> None:
    attributes = filter_script(written_page(engine_only(root_build, "html"), "posts/index"))
    with FRENCH_PO.open("rb") as po_file:
        french = read_po(po_file)
    assert attributes["data-anchor-prefix"] == "pilier-"
    assert {name: attributes[name] for name in SCRIPT_WORDS} == {
        name: french[message].string for name, message in SCRIPT_WORDS.items()
    }


def test_in_english_the_script_gets_english_words(root_build: RootBuild) -> None:
    attributes = filter_script(written_page(engine_only(root_build, "html", language="en"), "posts/index"))
    assert {name: attributes[name] for name in SCRIPT_WORDS} == SCRIPT_WORDS


def test_the_script_spells_out_no_word_and_no_anchor_of_the_extension() -> None:
    script = (STATIC / "pillar-filter.js").read_text(encoding="utf-8")
    assert [word for word in ("pilier", "annee", "sans-pilier", "Aucun", "Articles", "Voir") if word in script] == []
