"""The words the extension writes follow the site's language; the French catalog is complete and compiled."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from support.building import PROJECT, Build, RootBuild
from support.reading import text_of

EXTENSION = PROJECT / "_ext" / "editorial"
FRENCH = EXTENSION / "locale" / "fr" / "LC_MESSAGES"
#: The extension's own words on a post page and a pillar page, in each language.
WORDS = {
    "en": (
        "For whom",
        "min read",
        "Related posts",
        "Previous post",
        "Published on September 8, 2025",
        "Primarily",
        "What this pillar is not",
    ),
    "fr": (
        "Pour qui",
        "min de lecture",
        "Articles liés",
        "Article précédent",
        "Publié le 8 septembre 2025",
        "Principalement",
        "Ce que ce pilier n'est pas",
    ),
}


@pytest.fixture(scope="module", params=sorted(WORDS))
def language_site(request: pytest.FixtureRequest, root_build: RootBuild) -> tuple[str, Build]:
    return request.param, root_build("editorial", language=request.param)


def pages_text(site: Build) -> str:
    return " ".join(text_of(site.page(docname)) for docname in ("posts/deleguer-une-decision", "pillars/equipe"))


def test_the_extension_writes_in_the_site_language(language_site: tuple[str, Build]) -> None:
    language, site = language_site
    text = pages_text(site)
    assert [word for word in WORDS[language] if word not in text] == []
    other_words = [word for other, words in WORDS.items() if other != language for word in words]
    assert [word for word in other_words if word in text] == []


def test_counts_agree_in_number(language_site: tuple[str, Build]) -> None:
    language, site = language_site
    counts = [text_of(count) for count in site.page("pillars/equipe").select(".editorial-count")]
    singular, plural = {"en": ("post", "posts"), "fr": ("article", "articles")}[language]
    assert counts and all(
        re.fullmatch(rf"1 {singular}|\d+ {plural}", count) and count != f"1 {plural}" for count in counts
    ), counts


def test_every_word_of_the_extension_has_a_french_translation() -> None:
    with (FRENCH / "editorial.po").open("rb") as po_file:
        catalog = read_po(po_file)
    used = set()
    for module in EXTENSION.glob("*.py"):
        used |= {match[2] for match in re.finditer(r"""\b_\((["'])(.+?)\1\)""", module.read_text(encoding="utf-8"))}
    assert used, "no message found in the extension"
    assert sorted(message for message in used if not (catalog.get(message) and catalog.get(message).string)) == []


def test_the_committed_mo_is_compiled_from_the_po(tmp_path: Path) -> None:
    with (FRENCH / "editorial.po").open("rb") as po_file:
        compiled = tmp_path / "editorial.mo"
        with compiled.open("wb") as mo_file:
            write_mo(mo_file, read_po(po_file))

    def messages(path: Path) -> dict[object, object]:
        with path.open("rb") as mo_file:
            return {message.id: message.string for message in read_mo(mo_file) if message.id}

    assert messages(FRENCH / "editorial.mo") == messages(compiled)
