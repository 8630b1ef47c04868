"""Incremental equals clean: whatever an editor changes, a rebuild shows it.

Hypothesis draws sequences of edits an editor makes between two ``make
html`` (add, delete or rename a post, change its date, pillar, audience,
tensions, entry point, draft flag or title, change a pillar's vocabulary,
add, remove, rename or retitle a pillar; declare or relabel a series, join
or leave one, reorder its parts; change a post's authors, rename an author or
change their role).  After each edit the site is
rebuilt in the same folder (the pickled environment reused) and built clean
in a new one; every page must read the same, whole: its sidebar, head and
footer too.  A list page that misses a new post or keeps a deleted one, a
page that keeps an old sidebar, fails here.

``EDITORIAL_PROPERTY_EXAMPLES=500 make test PYTEST_ARGS=tests/test_incremental.py``
runs a longer search locally.
"""

from __future__ import annotations

import copy
import os
import shutil
from collections.abc import Collection
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support.building import build
from support.reading import first_difference, whole_outputs
from support.sites import AuthorSource, PostSource, Site, generate_site, make_pillar

settings.register_profile(
    "editorial-incremental",
    max_examples=int(os.environ.get("EDITORIAL_PROPERTY_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)

#: Build date is 2026-01-01 (support.sites.TODAY): the last day is a future post, the one before is published today.
DAYS = ("2024-12-31", "2025-03-01", "2025-11-30", "2026-01-01", "2026-01-02")
#: Titles that tie once case is ignored, so that sorting falls back to the slug.
TITLES = ("Dire non", "dire non", "Écrire la feuille de route", "Après la levée de fonds")
EDITS_PER_SEQUENCE = 6


def _pick(keys: Collection[str], position: int) -> str | None:
    """The ``position``-th key in sorted order (wrapping), or None when empty."""
    ordered = sorted(keys)
    return ordered[position % len(ordered)] if ordered else None


def _fresh(taken: Collection[str], stem: str) -> str:
    number = 1
    while f"{stem}-{number}" in taken:
        number += 1
    return f"{stem}-{number}"


def _vocabulary(site: Site, pillar_slug: str, field: str) -> list[str]:
    """Ids a post of this pillar may use for ``field``, plus one the pillar does not know."""
    pillar = site.pillars.get(pillar_slug)
    terms = []
    if pillar is not None:
        terms = {
            "audience": pillar.primary + pillar.secondary,
            "tensions": pillar.tensions,
            "start_here": pillar.start_here,
        }[field]
    return [term_id for term_id, _label in terms] + ["inconnu"]


@dataclass(frozen=True)
class AddPost:
    pillar: int
    day: str
    title: str
    links: int

    def apply(self, site: Site) -> None:
        pillar_slug = _pick(site.pillars, self.pillar)
        slug = _fresh(site.posts, "nouvel-article")
        tensions = _vocabulary(site, pillar_slug, "tensions")[:1]
        site.posts[slug] = PostSource(
            slug, self.title, self.day, pillar_slug, tensions=tensions, links=sorted(site.posts)[: self.links]
        )


@dataclass(frozen=True)
class DeletePost:
    which: int

    def apply(self, site: Site) -> None:
        slug = _pick(site.posts, self.which)
        if slug:
            del site.posts[slug]


@dataclass(frozen=True)
class RenamePost:
    """A new file name: the slug changes, links to the old one dangle."""

    which: int

    def apply(self, site: Site) -> None:
        slug = _pick(site.posts, self.which)
        if slug:
            renamed = _fresh(site.posts, "renomme")
            site.posts[renamed] = replace(site.posts.pop(slug), slug=renamed)


@dataclass(frozen=True)
class ChangePost:
    """Set one front-matter field; vocabulary values are positions in the pillar's lists."""

    which: int
    field: str
    value: object

    def apply(self, site: Site) -> None:
        slug = _pick(site.posts, self.which)
        if slug:
            post = site.posts[slug]
            site.posts[slug] = replace(post, **{self.field: self.resolve(site, post)})

    def resolve(self, site: Site, post: PostSource) -> object:
        if self.field == "pillar":
            return _pick(site.pillars, self.value)
        if self.field == "start_here":
            known = _vocabulary(site, post.pillar, self.field)
            return None if self.value is None else known[self.value % len(known)]
        if self.field in ("audience", "tensions"):
            known = _vocabulary(site, post.pillar, self.field)
            return list(dict.fromkeys(known[position % len(known)] for position in self.value))
        return self.value


@dataclass(frozen=True)
class ChangeVocabulary:
    """Add a tension or entry point to a pillar, or remove one (``remove`` is its position)."""

    pillar: int
    field: str
    remove: int | None

    def apply(self, site: Site) -> None:
        pillar = site.pillars[_pick(site.pillars, self.pillar)]
        terms = list(getattr(pillar, self.field))
        if self.remove is None:
            new_id = _fresh({term_id for term_id, _ in terms}, "ajout")
            terms.append((new_id, f"Ajout {new_id}"))
        elif terms:
            del terms[self.remove % len(terms)]
        site.pillars[pillar.slug] = replace(pillar, **{self.field: terms})


def _series_ids(site: Site, pillar_slug: str | None) -> list[str]:
    """Series a post of this pillar may join, plus one no pillar declares."""
    pillar = site.pillars.get(pillar_slug or "")
    return [series_id for series_id, _label, _summary in (pillar.series if pillar else [])] + ["dossier-inconnu"]


@dataclass(frozen=True)
class DeclareSeries:
    """A pillar declares one more series, or renames the label of one (``relabel``)."""

    pillar: int
    relabel: bool

    def apply(self, site: Site) -> None:
        pillar = site.pillars[_pick(site.pillars, self.pillar)]
        series = list(pillar.series)
        if self.relabel and series:
            series_id, label, summary = series[0]
            series[0] = (series_id, f"{label} (suite)", summary)
        else:
            taken = {series_id for other in site.pillars.values() for series_id, _label, _summary in other.series}
            new_id = _fresh(taken, "dossier")
            series.append((new_id, f"Le dossier {new_id}", "Plusieurs parties à lire dans l'ordre."))
        site.pillars[pillar.slug] = replace(pillar, series=series)


@dataclass(frozen=True)
class JoinSeries:
    """A post joins a series of its pillar (or an unknown one) as part ``part``; ``None`` leaves its series."""

    which: int
    series: int
    part: int | None

    def apply(self, site: Site) -> None:
        slug = _pick(site.posts, self.which)
        if not slug:
            return
        post = site.posts[slug]
        if self.part is None:
            site.posts[slug] = replace(post, series=None, series_part=None)
            return
        known = _series_ids(site, post.pillar)
        site.posts[slug] = replace(post, series=known[self.series % len(known)], series_part=self.part)


@dataclass(frozen=True)
class ReorderParts:
    """Two parts of one series swap their numbers."""

    which: int

    def apply(self, site: Site) -> None:
        slug = _pick([slug for slug, post in site.posts.items() if post.series], self.which)
        if not slug:
            return
        post = site.posts[slug]
        other = next((o for o in sorted(site.posts) if o != slug and site.posts[o].series == post.series), None)
        if other is not None:
            site.posts[slug] = replace(post, series_part=site.posts[other].series_part)
            site.posts[other] = replace(site.posts[other], series_part=post.series_part)


@dataclass(frozen=True)
class AddPillar:
    def apply(self, site: Site) -> None:
        slug = _fresh(site.pillars, "nouveau-pilier")
        site.pillars[slug] = make_pillar(slug, f"Nouveau pilier {slug.rsplit('-', 1)[-1]}")


@dataclass(frozen=True)
class RemovePillar:
    """A pillar page deleted (never the last one); its posts keep naming it."""

    which: int

    def apply(self, site: Site) -> None:
        if len(site.pillars) > 1:
            del site.pillars[_pick(site.pillars, self.which)]


@dataclass(frozen=True)
class RenamePillar:
    """A new file name and slug for a pillar; its posts follow it."""

    which: int

    def apply(self, site: Site) -> None:
        slug = _pick(site.pillars, self.which)
        renamed = _fresh(site.pillars, "pilier-renomme")
        site.pillars[renamed] = replace(site.pillars.pop(slug), slug=renamed)
        for post_slug, post in site.posts.items():
            if post.pillar == slug:
                site.posts[post_slug] = replace(post, pillar=renamed)


@dataclass(frozen=True)
class RetitlePillar:
    which: int
    title: str

    def apply(self, site: Site) -> None:
        slug = _pick(site.pillars, self.which)
        site.pillars[slug] = replace(site.pillars[slug], title=self.title)


@dataclass(frozen=True)
class ChangeAuthors:
    """A post's authors: none (the site's default), one, two, or an id no author page has."""

    which: int
    authors: tuple[int, ...]

    def apply(self, site: Site) -> None:
        slug = _pick(site.posts, self.which)
        if slug:
            known = [*sorted(site.authors), "inconnu"]
            chosen = list(dict.fromkeys(known[position % len(known)] for position in self.authors))
            site.posts[slug] = replace(site.posts[slug], authors=chosen)


@dataclass(frozen=True)
class ChangeAuthor:
    """An author renamed (name and '#' title), or given another role."""

    which: int
    field: str
    value: str

    def apply(self, site: Site) -> None:
        slug = _pick(site.authors, self.which)
        if slug:
            site.authors[slug] = replace(site.authors[slug], **{self.field: self.value})


_which = st.integers(0, 11)
EDITS = st.one_of(
    st.builds(AddPost, _which, st.sampled_from(DAYS), st.sampled_from(TITLES), st.integers(0, 2)),
    st.builds(DeletePost, _which),
    st.builds(RenamePost, _which),
    st.builds(ChangePost, _which, st.just("date"), st.sampled_from(DAYS)),
    st.builds(ChangePost, _which, st.just("pillar"), _which),
    st.builds(ChangePost, _which, st.just("audience"), st.lists(_which, max_size=3)),
    st.builds(ChangePost, _which, st.just("tensions"), st.lists(_which, max_size=3)),
    st.builds(ChangePost, _which, st.just("start_here"), st.none() | _which),
    st.builds(ChangePost, _which, st.just("draft"), st.booleans()),
    st.builds(ChangePost, _which, st.just("title"), st.sampled_from(TITLES)),
    st.builds(ChangeVocabulary, _which, st.sampled_from(("tensions", "start_here")), st.none() | _which),
    st.builds(AddPillar),
    st.builds(RemovePillar, _which),
    st.builds(RenamePillar, _which),
    st.builds(RetitlePillar, _which, st.sampled_from(TITLES)),
    st.builds(DeclareSeries, _which, st.booleans()),
    st.builds(JoinSeries, _which, _which, st.none() | st.integers(1, 3)),
    st.builds(ReorderParts, _which),
    st.builds(ChangeAuthors, _which, st.lists(_which, max_size=2).map(tuple)),
    st.builds(
        ChangeAuthor, _which, st.just("name"), st.sampled_from(("Claire Martin", "Claire Martin-Roux", "Hugo B."))
    ),
    st.builds(ChangeAuthor, _which, st.just("role"), st.sampled_from(("CTO", "Head of Engineering", ""))),
)


def assert_incremental_equals_clean(incremental: Path, clean: Path) -> None:
    """Every page, feed and sitemap the clean build wrote is the same, whole, in the incremental one.

    Whole pages: the sidebar, head and footer too (a page not re-written keeps
    an old navigation).  The incremental folder may also hold pages of deleted
    posts: Sphinx never removes output files, and no list links to them.
    """
    expected = whole_outputs(clean)
    found = {name: text for name, text in whole_outputs(incremental).items() if name in expected}
    difference = first_difference(found, expected)
    assert not difference, difference


class Start:
    """The starting site, built once; each example starts from a copy at the same path.

    Sphinx refuses an environment pickled for another source folder, so the
    copy goes back where the build ran.  (A plain class: Hypothesis prints
    its short repr with a failing example, not the whole site.)
    """

    def __init__(self, root: Path) -> None:
        self.site = site = generate_site(posts=6, pillars=2, seed=5)
        # One series to start from, two parts of it already written.
        first = sorted(site.pillars)[0]
        site.pillars[first].series = [("dossier-1", "Le premier dossier", "Deux parties, dans l'ordre.")]
        for part, slug in enumerate(sorted(slug for slug, post in site.posts.items() if post.pillar == first)[:2], 1):
            site.posts[slug] = replace(site.posts[slug], series="dossier-1", series_part=part)
        # Two authors to start from, three posts naming them.
        site.authors = {
            "claire-martin": AuthorSource("claire-martin", "Claire Martin", "Ancienne CTO", "Elle écrit le pilier."),
            "hugo-bernard": AuthorSource("hugo-bernard", "Hugo Bernard", site="https://hugo.example.org/"),
        }
        for index, slug in enumerate(sorted(site.posts)[:3]):
            site.posts[slug] = replace(
                site.posts[slug],
                authors=[["claire-martin"], ["hugo-bernard", "claire-martin"], ["hugo-bernard"]][index],
            )
        self.workdir, self.template = root / "example", root / "template"
        self.site.write(self.workdir / "src")
        build(self.workdir / "src", self.workdir / "incremental")
        shutil.copytree(self.workdir, self.template)

    def __repr__(self) -> str:
        return f"<start: {self.site!r}>"

    def fresh_copy(self) -> tuple[Site, Path]:
        shutil.rmtree(self.workdir, ignore_errors=True)
        shutil.copytree(self.template, self.workdir)
        return copy.deepcopy(self.site), self.workdir


@pytest.fixture(scope="module")
def start(tmp_path_factory: pytest.TempPathFactory) -> Start:
    return Start(tmp_path_factory.mktemp("incremental"))


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # MyST's own, once per build
@settings(settings.get_profile("editorial-incremental"))
@given(edits=st.lists(EDITS, min_size=1, max_size=EDITS_PER_SEQUENCE))
def test_incremental_build_equals_clean_build(start: Start, edits: list) -> None:
    site, workdir = start.fresh_copy()
    srcdir, clean_dir = workdir / "src", workdir / "clean"
    for edit in edits:
        edit.apply(site)
        site.write(srcdir)
        incremental = build(srcdir, workdir / "incremental")
        clean = build(srcdir, clean_dir)
        assert_incremental_equals_clean(incremental.outdir, clean.outdir)
        shutil.rmtree(clean_dir)
