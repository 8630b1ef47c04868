"""Links to posts by slug: the ``{post}`` role, MyST links, old Hugo paths, ``objects.inv``."""

from __future__ import annotations

from dataclasses import replace
from io import StringIO
from pathlib import Path

import pytest
from bs4 import Tag
from sphinx.testing.util import SphinxTestApp
from sphinx.util.inventory import InventoryFile

from editorial.domain import FIND_TARGET_EVENT, EditorialDomain
from support.building import ROOTS, Build, RootBuild
from support.reading import published, target, text_of

#: A post whose first paragraph links other posts in every supported way.
LINKS_PAGE = "posts/deleguer-une-decision"


@pytest.fixture(scope="module")
def site(root_build: RootBuild) -> Build:
    return root_build("editorial")


@pytest.fixture(scope="module")
def broken(root_build: RootBuild) -> Build:
    return root_build("editorial-bad")


def text_links(page: Tag) -> dict[str, tuple[str, Tag]]:
    """The links written in the post's text: shown text → (target, link)."""
    paragraph = page.select("section > p")[0]
    return {text_of(anchor): (target(anchor["href"]), anchor) for anchor in paragraph.select("a[href]")}


def test_post_role_shows_the_post_title(site: Build) -> None:
    found = text_links(site.page(LINKS_PAGE))
    assert found["Recruter sans se presser"][0] == "recruter-sans-se-presser"


def test_post_role_with_text_shows_the_text_as_prose(site: Build) -> None:
    slug, anchor = text_links(site.page(LINKS_PAGE))["texte choisi"]
    assert slug == "binome"
    assert anchor.find("code") is None  # the same look as a post link shown by its title


def test_myst_link_by_slug_resolves_to_the_post(site: Build) -> None:
    assert text_links(site.page(LINKS_PAGE))["Choisir une base de données"][0] == "choisir-une-base"


def test_hugo_paths_resolve_to_the_post_and_to_the_pillar_archive(site: Build) -> None:
    found = text_links(site.page(LINKS_PAGE))
    assert found["l'accueil"][0] == "onboarding"
    assert found["tous les articles"][0] == "equipe"
    assert found["tous les articles"][1]["href"].endswith("archives/equipe.html")


def test_links_by_slug_are_neither_missing_nor_ambiguous(site: Build) -> None:
    assert [warning for warning in site.warnings if warning.kind.startswith(("myst.", "ref."))] == []


def test_objects_inventory_lists_every_published_post(site: Build) -> None:
    inventory = InventoryFile.loads((site.outdir / "objects.inv").read_bytes(), uri="").data["editorial:post"]
    assert set(inventory) == set(published(ROOTS / "test-editorial"))  # drafts and future posts are private
    item = inventory["deleguer-une-decision"]
    assert item.uri == "posts/deleguer-une-decision.html"
    assert item.display_name == "Déléguer une décision"


@pytest.mark.parametrize(
    ("kind", "slug"),
    [
        ("ref.post", "article-fantome"),
        ("myst.xref_missing", "autre-fantome"),
        ("myst.xref_missing", "/posts/encore-fantome/"),
    ],
)
def test_a_link_to_a_missing_post_warns_with_file_and_line(broken: Build, kind: str, slug: str) -> None:
    written = (broken.srcdir / "index.md").read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(written, start=1) if slug in text)
    found = [warning for warning in broken.warnings if slug in warning.message]
    assert [(warning.file, warning.line, warning.kind) for warning in found] == [("index.md", line, kind)]


def test_each_link_target_is_asked_of_the_site_policies_once_per_build(tmp_path: Path) -> None:
    """Resolving a target asks the policies through an event: once per target while the records stay the same."""
    asked: list[str] = []
    app = SphinxTestApp(
        "html", srcdir=ROOTS / "test-editorial", builddir=tmp_path, freshenv=True, status=StringIO(), warning=StringIO()
    )
    try:
        app.connect(FIND_TARGET_EVENT, lambda _app, _store, target: asked.append(target), priority=1)
        app.build()
        store = EditorialDomain.of(app.env)
        linked = {target for targets in store.references.values() for target in targets}
        assert len(asked) == len(set(asked)) == len(linked) > 3
        # A post read again under another title, as many records as before: its links follow the new title.
        first = next(target for target in sorted(linked) if (store.target(target) or ("",))[0] in store.posts)
        post = store.posts[store.target(first)[0]]  # type: ignore[index]  # found just above
        store.clear_doc(post.docname)
        store.note_post(replace(post, title="Un titre changé"))
        assert store.target(first) == (post.docname, "", "Un titre changé")
        assert len(asked) == len(linked) + 1
    finally:
        app.cleanup()
