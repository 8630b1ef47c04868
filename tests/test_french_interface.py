"""Every word of the interface in French: what the theme, Sphinx and the extension show or announce.

Each built page is read as a reader and a screen reader get it: its visible
text, and the names given to controls and images (``aria-label``, the
``title`` of links, buttons and fields, ``alt``, ``placeholder``, an icon's
``<title>``).  The site's content is French, so a known English interface
word found there is the theme's or Sphinx's, left untranslated.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support.building import PROJECT

#: English interface words and phrases (Furo, Sphinx's basic theme and search, the extension).
ENGLISH_INTERFACE = re.compile(
    r"\b(?:Previous|Next|Home|On this page|Made with|Skip to content|Back to top|Toggle|Light mode|Dark mode"
    r"|Auto light|Expand|Collapse|Contents|Search|Searching|Copyright|Index|Link to this|Permalink"
    r"|Edit this page|View this page|Last updated|Please activate|Hide Search Matches|Editorial post"
    r"|Page not found|Posts|Related posts|min read|Published|Updated|Versions|Downloads)\b"
    r"|'s\b"
)
#: Elements whose ``title`` names a control rather than repeating its text.
CONTROLS = ("a", "button", "input", "select", "textarea", "label", "abbr")


def _announced(page: Path) -> list[tuple[str, str]]:
    """(where, text) for everything shown or announced on ``page``."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    found = [("<title>", soup.title.get_text() if soup.title else "")]
    for element in soup.find_all(True):
        for attribute in ("aria-label", "alt", "placeholder"):
            if element.has_attr(attribute):
                found.append((f"{element.name}[{attribute}]", element[attribute]))
        if element.name in CONTROLS and element.has_attr("title"):
            found.append((f"{element.name}[title]", element["title"]))
    found.extend(("svg <title>", title.get_text()) for title in soup.select("svg title"))
    body = soup.body
    assert body is not None, page
    for hidden in body.find_all(["script", "style", "svg"]):
        hidden.decompose()
    found.append(("text", " ".join(body.get_text(" ").split())))
    return found


def _pages(outdir: Path) -> list[Path]:
    return sorted(outdir.rglob("*.html"))


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_no_english_interface_string_on_any_page(request: pytest.FixtureRequest, builder: str) -> None:
    outdir: Path = request.getfixturevalue(f"site_{builder}")
    pages = _pages(outdir)
    assert len(pages) > 10
    english = [
        f"{page.relative_to(outdir)} {where}: {match[0]!r} in {text[max(0, match.start() - 40) : match.end() + 40]!r}"
        for page in pages
        for where, text in _announced(page)
        for match in ENGLISH_INTERFACE.finditer(text)
    ]
    assert not english, "\n".join(english[:40])


def test_the_theme_speaks_french_where_furo_writes_english(site_html: Path) -> None:
    """The French words are there, not merely the English ones gone."""
    announced = dict(_announced(site_html / "pillars" / "le-role-du-cto.html"))
    text = announced["text"]
    for words in ("Aller au contenu", "Retour en haut", "Suivant", "Précédent", "Sur cette page"):
        assert words in text, words
    labels = {text for where, text in _announced(site_html / "index.html") if "aria-label" in where}
    assert "Afficher ou masquer la navigation du site" in labels
    # Furo names an expand switch only where an entry has children (none since pillars have no archive page).
    page = (site_html / "index.html").read_text(encoding="utf-8")
    if "toctree-checkbox" in page:
        assert any(label.startswith("Afficher ou masquer les pages de la rubrique ") for label in labels)


def test_the_committed_theme_catalog_follows_its_po_file() -> None:
    """Sphinx reads the .mo; a .po edited without ``pybabel compile`` would change nothing on Read the Docs
    unless Sphinx recompiles it there, which depends on file times a checkout does not keep."""
    import gettext

    from babel.messages.pofile import read_po

    folder = PROJECT / "locales" / "fr" / "LC_MESSAGES"
    with (folder / "sphinx.po").open(encoding="utf-8") as po_file:
        written = {message.id: message.string for message in read_po(po_file) if message.id}
    with (folder / "sphinx.mo").open("rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)
    assert {english: compiled.gettext(english) for english in written} == written
