"""Drafts and posts dated after the build date: no page, in no list and no count, unless previewed.

(What else they stay out of in production, and incremental builds: ``test_private_drafts.py``.)

In ``test-editorial``, ``retro-brouillon`` is a draft and ``a-venir`` is dated
2026-03-01, after the root's ``editorial_today`` (2026-01-01).
"""

from __future__ import annotations

from datetime import date

import pytest
from bs4 import Tag
from sphinx.testing.util import SphinxTestApp

from support.building import ROOTS, Build, RootBuild
from support.reading import audience_counts, front_matters, links, published, text_of

ROOT = ROOTS / "test-editorial"
DRAFT, FUTURE = "retro-brouillon", "a-venir"
AUDIENCE_LABELS = {
    "manager": "Managers en poste",
    "lead": "Tech Leads",
    "dev": "Développeurs qui encadrent",
    "rh": "Partenaires RH",
}


@pytest.fixture(scope="module")
def site(root_build: RootBuild) -> Build:
    return root_build("editorial")


@pytest.fixture(scope="module")
def preview(root_build: RootBuild) -> Build:
    return root_build("editorial", editorial_show_drafts=True)


def listed_items(page: Tag) -> list[Tag]:
    """Every post as a block shows it: the card or list item around each post's date."""
    return [
        date_line.find_parent(lambda tag: tag.name == "li" or "editorial-card" in tag.get("class", []))
        for date_line in page.select(".editorial-date")
    ]


def marked(page: Tag) -> dict[str, bool]:
    """Each listed post and whether it is marked as a draft."""
    return {links(item)[0]: item.select_one(".editorial-draft") is not None for item in listed_items(page)}


def expected_counts(posts: dict[str, dict]) -> dict[str, int]:
    return {
        label: sum(1 for values in posts.values() if values["pillar"] == "equipe" and key in values["audience"])
        for key, label in AUDIENCE_LABELS.items()
    }


def test_no_page_links_a_draft_or_a_future_post(site: Build) -> None:
    assert (
        not (site.outdir / "posts" / f"{DRAFT}.html").exists()
        and not (site.outdir / "posts" / f"{FUTURE}.html").exists()
    )
    for page in site.outdir.rglob("*.html"):
        written = page.read_text(encoding="utf-8")
        assert f"{DRAFT}.html" not in written and f"{FUTURE}.html" not in written, page


def test_drafts_and_future_posts_are_not_counted(site: Build) -> None:
    page = site.page("pillars/equipe")
    assert audience_counts(page) == expected_counts(published(ROOT))
    assert audience_counts(page) != expected_counts(front_matters(ROOT))  # the root's drafts do change counts


def test_a_preview_lists_drafts_and_future_posts_marked_as_drafts(preview: Build) -> None:
    page = preview.page("pillars/equipe")
    shown = marked(page)
    assert shown[FUTURE] and shown[DRAFT]
    assert not any(is_draft for slug, is_draft in shown.items() if slug not in (DRAFT, FUTURE))
    assert links(page.select(".editorial-latest")[0])[0] == FUTURE  # the newest date
    assert FUTURE in links(page.select_one("#tension-autonomie-cadre")) and DRAFT in links(
        page.select_one("#tension-autonomie-cadre")
    )
    assert audience_counts(page) == expected_counts(front_matters(ROOT))
    assert {DRAFT, FUTURE} <= set(marked(preview.page("posts/index")))


def test_a_previewed_draft_says_so_in_its_header(preview: Build) -> None:
    for slug in (DRAFT, FUTURE):
        assert "Brouillon" in text_of(preview.page(f"posts/{slug}").select_one(".editorial-post-header")), slug


@pytest.mark.sphinx(
    "html",
    testroot="editorial",
    freshenv=True,
    confoverrides={"editorial_today": str(front_matters(ROOT)[FUTURE]["date"])},
)
def test_a_post_is_published_on_its_date(app: SphinxTestApp) -> None:
    publication_day = front_matters(ROOT)[FUTURE]["date"]
    assert isinstance(publication_day, date)
    app.build()
    later = Build.of(app)
    shown = marked(later.page("pillars/equipe"))
    assert shown[FUTURE] is False
    assert DRAFT not in shown
