"""A post has one title: extra '#', text before it, no '#' at all are reported; header and footer find their place.

The old site let a post open with an introduction and then add
``# Première partie``, ``# Deuxième partie``.  Each shape below is one post
(or pillar) of one small site, built once: a warning of subtype
``editorial.title`` at the line of what is wrong, the header right after the
true title, and the footer (related posts, previous and next) at the very end
of the text, whatever its sections.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from support.building import LocatedWarning, build
from support.sites import PostSource, Site, make_pillar

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::DeprecationWarning")]

PILLAR = "pilier-1"


def post_source(title: str, body: str, *, key_title: str | None = None) -> str:
    """A post of ``PILLAR`` with a valid front matter (7 lines) and ``body`` below it."""
    return f"---\ntitle: {key_title or title}\ndate: 2025-06-01\npillar: {PILLAR}\nsummary: Un résumé.\n---\n\n{body}"


SHAPES = {
    # The example of the issue: an introduction, then two '#' parts (one with a '##' inside).
    "plusieurs-titres": post_source(
        "Intro",
        "# Intro\n\nUne introduction.\n\n# Première partie\n\nTexte un.\n\n## Sous-partie\n\nTexte sous.\n\n"
        "# Deuxième partie\n\nTexte deux.\n",
    ),
    "texte-avant-le-titre": post_source("Le titre", "Un paragraphe avant.\n\n# Le titre\n\nTexte.\n"),
    "sans-h1": post_source(
        "Seulement des parties", "## Seulement des parties\n\nTexte.\n\n## Autre partie\n\nTexte deux.\n"
    ),
    "sans-titre": post_source("Aucun titre", "Juste du texte.\n\nEt encore du texte.\n"),
    "titre-dans-une-note": post_source(
        "Un titre", "# Un titre\n\n```{note}\n# Dans la note\n\nTexte.\n```\n\nFin du texte.\n"
    ),
    "titre-dans-une-citation": post_source(
        "Une citation", "# Une citation\n\n> # Dans la citation\n>\n> Texte cité.\n\nFin du texte.\n"
    ),
    # Not text before the title: a label and an HTML comment.
    "label-avant-le-titre": post_source("Un titre étiqueté", "(mon-label)=\n# Un titre étiqueté\n\nTexte.\n"),
    "commentaire-avant-le-titre": post_source(
        "Un titre commenté", "<!-- à relire -->\n\n# Un titre commenté\n\nTexte.\n"
    ),
    "titre-souligne": post_source(
        "Un titre souligné", "Un titre souligné\n=================\n\nTexte.\n\nUne partie\n==========\n\nTexte deux.\n"
    ),
}
PILLAR_TWO_TITLES = "pilier-deux-titres"
#: A pillar page whose "## Où commencer" was written "# Où commencer".
PILLAR_TWO_TITLES_PAGE = (
    make_pillar(PILLAR_TWO_TITLES, "Pilier à deux titres").page().replace("## Où commencer", "# Où commencer")
)
#: Slug → the (line, message fragment) of each editorial.title warning expected for it.
EXPECTED = {
    "plusieurs-titres": [(12, "'#'"), (20, "'#'")],
    "texte-avant-le-titre": [(10, "after some text (from line 8)")],
    "sans-h1": [(8, "no '#' title; the first heading is a '##' at line 8")],
    "sans-titre": [(8, "no '#' title")],
    "titre-souligne": [(13, "second '#'")],
    "label-avant-le-titre": [],
    "commentaire-avant-le-titre": [],
    "titre-dans-une-note": [(11, "inside a block")],
    "titre-dans-une-citation": [(10, "inside a block")],
}


@dataclass
class ShapeBuild:
    outdir: Path
    warnings: list[LocatedWarning]

    def titles_at(self, path: str) -> list[LocatedWarning]:
        return [warning for warning in self.warnings if warning.path == path and warning.subtype == "editorial.title"]

    def article(self, slug: str) -> Tag:
        soup = BeautifulSoup((self.outdir / "posts" / f"{slug}.html").read_text(encoding="utf-8"), "html.parser")
        article = soup.find("article")
        assert article is not None
        return article


@pytest.fixture(scope="module")
def shapes(tmp_path_factory: pytest.TempPathFactory) -> ShapeBuild:
    root = tmp_path_factory.mktemp("shapes")
    pillar = make_pillar(PILLAR, "Pilier numéro 1")
    site = Site(pillars={PILLAR: pillar})
    # Neighbours, so that every post has a footer (previous / next).
    site.posts["avant"] = PostSource("avant", "Un article plus ancien", "2025-01-01", PILLAR)
    site.posts["apres"] = PostSource("apres", "Un article plus récent", "2025-12-01", PILLAR)
    site.raw = {f"posts/{slug}.md": text for slug, text in SHAPES.items()}
    site.raw[f"pillars/{PILLAR_TWO_TITLES}.md"] = PILLAR_TWO_TITLES_PAGE
    site.write(root / "src")
    report = build(root / "src", root / "build")
    return ShapeBuild(report.outdir, report.located_warnings(root / "src"))


@pytest.mark.parametrize("slug", SHAPES)
def test_each_shape_is_reported_at_its_lines(shapes: ShapeBuild, slug: str) -> None:
    found = shapes.titles_at(f"posts/{slug}.md")
    assert [warning.line for warning in found] == [line for line, _ in EXPECTED[slug]], found
    for warning, (_line, fragment) in zip(found, EXPECTED[slug], strict=True):
        assert fragment in warning.message, warning.message
        assert "H1" not in warning.message


def test_a_pillar_with_two_titles_is_reported(shapes: ShapeBuild) -> None:
    line = PILLAR_TWO_TITLES_PAGE.splitlines().index("# Où commencer") + 1
    found = shapes.titles_at(f"pillars/{PILLAR_TWO_TITLES}.md")
    assert [warning.line for warning in found] == [line], found


def test_valid_posts_do_not_warn(shapes: ShapeBuild) -> None:
    assert [warning for warning in shapes.warnings if warning.path in ("posts/avant.md", "posts/apres.md")] == []


def block_order(article: Tag) -> list[str]:
    """The article's headings, paragraphs and editorial blocks in reading order, as short labels."""
    order = []
    for element in article.find_all(["h1", "h2", "h3", "p", "div"]):
        classes = element.get("class") or []
        if "editorial-post-header" in classes:
            order.append("HEADER")
        elif "editorial-post-footer" in classes:
            order.append("FOOTER")
        elif element.name in ("h1", "h2") or (
            element.name == "p" and not element.find_parent(class_=["editorial-post-header", "editorial-post-footer"])
        ):
            text = " ".join(element.get_text().split()).rstrip("#¶ ")
            if text:
                order.append(text)
    return order


def test_the_footer_closes_a_post_of_several_parts(shapes: ShapeBuild) -> None:
    order = block_order(shapes.article("plusieurs-titres"))
    assert order.count("HEADER") == order.count("FOOTER") == 1
    assert order.index("HEADER") == order.index("Intro") + 1, order
    assert order[-1] == "FOOTER", order
    assert order.index("Texte deux.") < order.index("FOOTER"), order


@pytest.mark.parametrize("slug", ["texte-avant-le-titre", "titre-dans-une-note"])
def test_the_header_follows_the_title_and_the_footer_ends_the_text(shapes: ShapeBuild, slug: str) -> None:
    order = block_order(shapes.article(slug))
    assert order[order.index("HEADER") - 1] in ("Le titre", "Un titre"), order
    assert order[-1] == "FOOTER", order


def test_a_post_without_heading_still_gets_header_footer_and_its_title(shapes: ShapeBuild) -> None:
    order = block_order(shapes.article("sans-titre"))
    assert order[0] == "HEADER" and order[-1] == "FOOTER", order
    listing = (shapes.outdir / "posts" / "index.html").read_text(encoding="utf-8")
    assert "Aucun titre" in listing and "&lt;no title&gt;" not in listing


def test_a_post_of_sub_sections_only_ends_with_its_footer(shapes: ShapeBuild) -> None:
    order = block_order(shapes.article("sans-h1"))
    assert order[-1] == "FOOTER" and order.index("Texte deux.") < order.index("FOOTER"), order
