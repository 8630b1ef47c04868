"""Editing mistakes: one warning each, of its own kind, at its file and line; nothing lost.

In the test root ``test-editorial-bad`` each post carries one mistake, except
``correct`` and ``titre-repete-a`` (the first of two posts with one title).
"""

from __future__ import annotations

import pytest
from sphinx.testing.util import SphinxTestApp

from support.building import ROOTS, Build, RootBuild
from support.reading import audience_counts, links, only, post_files, text_of

ROOT = ROOTS / "test-editorial-bad"
#: Post slug → (front-matter key at fault, or None for a missing key; warning kind).
MISTAKES = {
    "sans-date": (None, "editorial.date"),
    "date-impossible": ("date", "editorial.date"),
    "date-en-texte": ("date", "editorial.date"),
    "pilier-inconnu": ("pillar", "editorial.pillar"),
    "audience-inconnue": ("audience", "editorial.audience"),
    "tension-inconnue": ("tensions", "editorial.tension"),
    "entree-d-ailleurs": ("start_here", "editorial.start_here"),
    "slug-divergent": ("slug", "editorial.slug"),
    "titre-repete-b": ("title", "editorial.duplicate"),
    "tensions-en-texte": ("tensions", "editorial.type"),
    "titre-different": ("title", "editorial.title"),
    "sans-resume": (None, "editorial.summary"),
}
WITHOUT_MISTAKE = ("correct", "titre-repete-a")
SLUGS = [path.stem for path in post_files(ROOT)]
UNDATED = ("sans-date", "date-impossible", "date-en-texte")


@pytest.fixture(scope="module")
def site(root_build: RootBuild) -> Build:
    return root_build("editorial-bad")


def line_of(slug: str, key: str | None) -> int:
    """Where the editor sees the mistake: the key's line, or the opening ``---``."""
    if key is None:
        return 1
    source = (ROOT / "posts" / f"{slug}.md").read_text(encoding="utf-8").splitlines()
    return next(number for number, text in enumerate(source, start=1) if text.startswith(f"{key}:"))


def post_warnings(site: Build, slug: str) -> list[tuple[int | None, str]]:
    return [(warning.line, warning.kind) for warning in site.warnings if warning.file == f"posts/{slug}.md"]


def test_the_test_root_covers_every_post() -> None:
    assert set(SLUGS) == set(MISTAKES) | set(WITHOUT_MISTAKE)


@pytest.mark.parametrize("slug", MISTAKES)
def test_each_mistake_is_one_warning_of_its_kind_at_its_line(site: Build, slug: str) -> None:
    key, kind = MISTAKES[slug]
    assert post_warnings(site, slug) == [(line_of(slug, key), kind)]


@pytest.mark.parametrize("slug", WITHOUT_MISTAKE)
def test_a_post_without_mistake_does_not_warn(site: Build, slug: str) -> None:
    assert post_warnings(site, slug) == []


def test_the_build_succeeds_and_writes_every_post(site: Build) -> None:
    assert site.statuscode == 0
    for slug in SLUGS:
        assert (site.outdir / "posts" / f"{slug}.html").is_file(), slug


def test_every_post_is_still_listed_the_undated_last(site: Build) -> None:
    listing = only(site.page("index"), ".editorial-archive")
    listed = links(listing)
    assert sorted(listed) == SLUGS
    assert set(listed[-len(UNDATED) :]) == set(UNDATED)
    for item in listing.select("li")[-len(UNDATED) :]:
        assert text_of(only(item, ".editorial-date")) == "Sans date"


def test_a_post_with_a_bad_field_still_counts_where_it_can(site: Build) -> None:
    page = site.page("pillars/terrain")
    tension = only(page, "#tension-vitesse")
    assert {"correct", "tension-inconnue", "tensions-en-texte"} <= set(links(tension))
    assert audience_counts(page) == {"CTO en poste": 2}  # correct and audience-inconnue (its known audience)


def test_a_block_of_an_unknown_pillar_says_so(site: Build) -> None:
    assert "Pilier inconnu : nulle-part" in text_of(site.page("index"))
    found = [
        (warning.file, warning.kind)
        for warning in site.warnings
        if "'nulle-part'" in warning.message and warning.file == "index.md"
    ]
    assert found == [("index.md", "editorial.pillar")]


@pytest.mark.sphinx(
    "html", testroot="editorial-bad", freshenv=True, confoverrides={"suppress_warnings": ["editorial.date"]}
)
def test_suppress_warnings_silences_only_that_kind(site: Build, app: SphinxTestApp) -> None:
    app.build()
    quiet = Build.of(app)
    assert any(warning.kind == "editorial.date" for warning in site.warnings)
    assert quiet.warnings == [warning for warning in site.warnings if warning.kind != "editorial.date"]


# The root's broken links warn too (myst, ref): silenced, so only editorial warnings remain.
@pytest.mark.sphinx(
    "html",
    testroot="editorial-bad",
    freshenv=True,
    warningiserror=True,
    confoverrides={"suppress_warnings": ["myst", "ref"]},
)
def test_editorial_warnings_fail_a_strict_build(app: SphinxTestApp) -> None:
    app.build()
    assert app.statuscode == 1
