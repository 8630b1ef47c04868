"""What each directive and the post pages show, read from the html build of a small site.

The test root ``test-editorial`` has two pillars.  Pillar ``equipe`` has five
published posts, two of them on the same day (2 June 2025) with titles in the
opposite order of their slugs, a draft and a post dated after the build date.
"""

from __future__ import annotations

import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from bs4 import Tag

from support.building import PROJECT, ROOTS, Build, RootBuild, build, run_sphinx_command
from support.reading import audience_counts, front_matters, links, only, published, text_of

ROOT = ROOTS / "test-editorial"
EQUIPE_NEWEST_FIRST = [
    "deleguer-une-decision",
    "onboarding",
    "binome",
    "premier-entretien-annuel",
    "recruter-sans-se-presser",
]
#: Oldest first; on the same day, title order still (so not the reverse of the lists).
EQUIPE_READING_ORDER = [
    "recruter-sans-se-presser",
    "premier-entretien-annuel",
    "onboarding",
    "binome",
    "deleguer-une-decision",
]
ARCHITECTURE_NEWEST_FIRST = ["balises", "choisir-une-base"]
TENTH_POST = """---
title: Tenir la cohérence sans tout décider
date: {day}
pillar: {pillar}
summary: "La cohérence d'une équipe ne se décrète pas : elle se tient, conversation après conversation."
audience: [{audience}]
tensions: [{tension}]
---

# Tenir la cohérence sans tout décider

Tu n'as pas besoin de trancher chaque choix pour que l'ensemble tienne debout.
Il te faut surtout quelques principes que tout le monde connaît, et le courage de les rappeler.
"""


@pytest.fixture(scope="module")
def site(root_build: RootBuild) -> Build:
    return root_build("editorial")


def latest_blocks(page: Tag) -> list[list[str]]:
    return [links(block) for block in page.select(".editorial-latest")]


def tension_posts(page: Tag) -> dict[str, list[str]]:
    """Each tension's anchor and the posts linked under it, in page order."""
    return {item["id"]: links(item) for item in page.select(".editorial-tensions > li")}


def entry_points(page: Tag) -> dict[str, list[str]]:
    """Each entry point's anchor and its posts, in page order."""
    return {heading["id"]: links(heading.parent) for heading in page.select('.editorial-start-here [id^="start-"]')}


def archive_groups(block: Tag) -> list[tuple[str, list[str]]]:
    return [(group.get("id", ""), links(group)) for group in block.select(".editorial-archive-group")]


def labels(line: Tag) -> tuple[str, list[str]]:
    """A "Pour qui" / "Tensions" line: its title and its labels."""
    title, _, listed = text_of(line).partition(" : ")
    return title, listed.split(", ")


def body_labels(page: Tag) -> dict[str, Tag]:
    """The label lines written by directives in the text (not by the post header), by title."""
    return {
        labels(line)[0]: line
        for line in page.select("p.editorial-labels")
        if not line.find_parent(class_="editorial-post-header")
    }


def test_the_site_builds_without_any_warning(site: Build) -> None:
    assert site.statuscode == 0
    assert site.warnings == []


# -- latest-posts ---------------------------------------------------------------


def test_latest_posts_lists_the_pillar_newest_first_up_to_the_limit(site: Build) -> None:
    default_limit, limit_two = latest_blocks(site.page("pillars/equipe"))
    assert default_limit == EQUIPE_NEWEST_FIRST[:3]  # same day: title order, not slug order
    assert limit_two == EQUIPE_NEWEST_FIRST[:2]
    assert latest_blocks(site.page("pillars/architecture")) == [ARCHITECTURE_NEWEST_FIRST]


def test_latest_posts_outside_a_pillar_takes_every_pillar_or_the_named_one(site: Build) -> None:
    whole_site, architecture = latest_blocks(site.page("index"))
    assert whole_site == ["deleguer-une-decision", "onboarding"]
    assert architecture == ARCHITECTURE_NEWEST_FIRST[:1]


def test_a_latest_post_shows_its_french_date_and_summary(site: Build) -> None:
    card = site.page("pillars/equipe").select(".editorial-latest .editorial-card")[0]
    summary = front_matters(ROOT)["deleguer-une-decision"]["summary"]
    assert text_of(only(card, ".editorial-date")) == "8 septembre 2025"
    assert text_of(only(card, ".editorial-summary")) == summary


# -- start-here, audience, tensions ---------------------------------------------


def test_start_here_keeps_the_pillar_order_with_the_posts_of_each_entry(site: Build) -> None:
    points = entry_points(site.page("pillars/equipe"))
    assert list(points) == ["start-debuter", "start-confirme"]  # the pillar's order, not the alphabet
    assert points["start-debuter"] == ["recruter-sans-se-presser", "onboarding"]  # reading order
    assert points["start-confirme"] == ["premier-entretien-annuel", "deleguer-une-decision"]


def test_audience_on_a_pillar_shows_three_groups_and_the_posts_for_each(site: Build) -> None:
    page = site.page("pillars/equipe")
    groups = only(page, ".editorial-audience").select(".editorial-audience-group")
    assert [text_of(group.select(".editorial-heading")[0]) for group in groups] == [
        "Principalement",
        "Secondairement",
        "Ce que ce pilier n'est pas",
    ]
    expected = {  # counted from the posts' front matter, as the editors wrote it
        label: sum(
            1 for values in published(ROOT).values() if values["pillar"] == "equipe" and audience in values["audience"]
        )
        for audience, label in (
            ("manager", "Managers en poste"),
            ("lead", "Tech Leads"),
            ("dev", "Développeurs qui encadrent"),
            ("rh", "Partenaires RH"),
        )
    }
    assert audience_counts(page) == expected
    assert list(audience_counts(page)) == list(expected)  # the pillar's order
    assert [text_of(item) for item in groups[2].select("li")] == ["Un manuel de management", "Une liste de recettes"]


def test_audience_on_a_post_says_for_whom(site: Build) -> None:
    line = body_labels(site.page("posts/deleguer-une-decision"))["Pour qui"]
    assert labels(line)[1] == ["Managers en poste", "Tech Leads", "Développeurs qui encadrent"]


def test_tensions_on_a_pillar_link_the_posts_of_each_tension(site: Build) -> None:
    assert tension_posts(site.page("pillars/equipe")) == {
        "tension-vitesse-qualite": ["deleguer-une-decision", "recruter-sans-se-presser"],
        "tension-autonomie-cadre": ["deleguer-une-decision", "onboarding"],
        "tension-individu-collectif": ["binome", "premier-entretien-annuel"],
    }


def test_tensions_on_a_post_link_to_the_pillar_tension_anchors(site: Build) -> None:
    line = body_labels(site.page("posts/deleguer-une-decision"))["Tensions"]
    assert links(line) == ["equipe#tension-autonomie-cadre", "equipe#tension-vitesse-qualite"]
    anchors = set(tension_posts(site.page("pillars/equipe")))
    assert {link.split("#")[1] for link in links(line)} <= anchors


# -- post-list ------------------------------------------------------------------


def test_post_list_groups_by_pillar_then_by_year(site: Build) -> None:
    by_pillar, by_year = site.page("posts/index").select(".editorial-archive")
    assert archive_groups(by_pillar) == [
        ("pilier-architecture", ["architecture", *ARCHITECTURE_NEWEST_FIRST]),
        ("pilier-equipe", ["equipe", *EQUIPE_NEWEST_FIRST]),
    ]
    assert archive_groups(by_year) == [
        (
            "annee-2025",
            [
                "deleguer-une-decision",
                "onboarding",
                "binome",
                "balises",
                "premier-entretien-annuel",
                "choisir-une-base",
            ],
        ),
        ("annee-2024", ["recruter-sans-se-presser"]),
    ]
    assert [text_of(group.select(".editorial-heading")[0]) for group in by_year.select(".editorial-archive-group")] == [
        "2025",
        "2024",
    ]


def test_post_list_of_one_pillar_by_year_or_not_grouped(site: Build) -> None:
    by_year, flat = site.page("pillars/archives/equipe").select(".editorial-archive")
    assert archive_groups(by_year) == [("annee-2025", EQUIPE_NEWEST_FIRST[:4]), ("annee-2024", EQUIPE_NEWEST_FIRST[4:])]
    assert links(flat) == EQUIPE_NEWEST_FIRST
    assert len(flat.select(".editorial-archive-group")) == 1


# -- post pages -----------------------------------------------------------------


def test_a_post_header_follows_the_title(site: Build) -> None:
    header = only(site.page("posts/deleguer-une-decision"), ".editorial-post-header")
    assert header.find_previous_sibling().name == "h1"
    assert links(header) == ["equipe", "equipe#tension-autonomie-cadre", "equipe#tension-vitesse-qualite"]
    text = text_of(header)
    assert "Publié le 8 septembre 2025" in text and "Mis à jour le 1er octobre 2025" in text
    assert re.search(r"\b\d+ min de lecture\b", text)
    assert "Pour qui : Managers en poste, Tech Leads, Développeurs qui encadrent" in text


def test_a_post_footer_links_its_neighbours_in_the_pillar(site: Build) -> None:
    def neighbours(slug: str) -> tuple[list[str], list[str]]:
        footer = only(site.page(f"posts/{slug}"), ".editorial-post-footer")
        previous, following = footer.select_one(".editorial-previous"), footer.select_one(".editorial-next")
        return (links(previous) if previous else [], links(following) if following else [])

    for index, slug in enumerate(EQUIPE_READING_ORDER):
        previous = EQUIPE_READING_ORDER[index - 1 : index] if index else []
        assert neighbours(slug) == (previous, EQUIPE_READING_ORDER[index + 1 : index + 2]), slug


def test_related_posts_rank_shared_tensions_then_audiences_then_recency(site: Build) -> None:
    def related(slug: str) -> list[str]:
        return links(only(site.page(f"posts/{slug}"), ".editorial-related"))

    # One shared tension beats three shared audiences; the fourth candidate is cut.
    assert related("deleguer-une-decision") == ["recruter-sans-se-presser", "onboarding", "premier-entretien-annuel"]
    # binome and premier-entretien-annuel share one audience each: the newer first.
    assert related("recruter-sans-se-presser") == ["deleguer-une-decision", "binome", "premier-entretien-annuel"]


def test_html_in_a_title_or_summary_is_shown_not_run(site: Build) -> None:
    for page in site.outdir.rglob("*.html"):
        written = page.read_text(encoding="utf-8")
        assert "<script>alert" not in written and "<b>du gras" not in written, page
    card = only(site.page("pillars/architecture"), ".editorial-latest").select(".editorial-card")[0]
    assert text_of(card.select(".editorial-card-title")[0]) == "Quand <script> s'invite dans un titre"
    summary = text_of(only(card, ".editorial-summary"))
    assert "contient <script>alert(" in summary and "</script> et <b>du gras</b>" in summary


# -- a new post changes every block, with no edit to the pillar page -------------


def with_tenth_post(tmp_path: Path, sources: list[Path], day: date, **labels: str) -> Path:
    """A copy of a site with one more post, the pillar page left as it was."""
    copy = tmp_path / "site"
    copy.mkdir()
    for source in sources:
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, copy / source.name)
    (copy / "posts" / "tenir-la-coherence.md").write_text(
        TENTH_POST.format(day=day.isoformat(), **labels), encoding="utf-8"
    )
    return copy


def assert_tenth_post_shown(before: Build, after: Build, pillar: str, audience_label: str, tension: str) -> None:
    new = "tenir-la-coherence"
    old_page, new_page = before.page(f"pillars/{pillar}"), after.page(f"pillars/{pillar}")
    assert latest_blocks(new_page)[0] == [new, *latest_blocks(old_page)[0][:-1]]
    old_tensions, new_tensions = tension_posts(old_page), tension_posts(new_page)
    assert new_tensions[f"tension-{tension}"] == [new, *old_tensions[f"tension-{tension}"]]
    assert {key: value for key, value in new_tensions.items() if new not in value} == {
        key: value for key, value in old_tensions.items() if key != f"tension-{tension}"
    }
    old_counts, new_counts = audience_counts(old_page), audience_counts(new_page)
    assert new_counts == {**old_counts, audience_label: old_counts[audience_label] + 1}
    # The pillar's archive is its group in the list of all posts (a pillar is one file).
    assert links(after.page("posts/index").select(f"#pilier-{pillar} .editorial-archive-list")[0])[0] == new
    assert new in links(after.page("posts/index"))


def test_a_new_post_changes_the_blocks_of_the_test_root(site: Build, tmp_path: Path) -> None:
    copy = with_tenth_post(
        tmp_path,
        [ROOT / "conf.py", ROOT / "index.md", ROOT / "pillars", ROOT / "posts"],
        date(2025, 12, 1),
        pillar="equipe",
        audience="rh",
        tension="individu-collectif",
    )
    after = build(copy, tmp_path / "build", freshenv=True)
    assert after.warnings == []
    assert (copy / "pillars" / "equipe.md").read_bytes() == (ROOT / "pillars" / "equipe.md").read_bytes()
    assert_tenth_post_shown(site, after, "equipe", "Partenaires RH", "individu-collectif")


@pytest.mark.slow
def test_a_tenth_post_changes_the_real_pillar_page(site_html: Path, site_html_log: str, tmp_path: Path) -> None:
    real_posts = front_matters(PROJECT)
    newest = max(values["date"] for values in real_posts.values())
    day = newest + timedelta(days=1)
    assert day <= date.today(), "the tenth post must be published today"
    sources = [
        PROJECT / name
        for name in ("conf.py", "index.md", "pillars", "posts", "authors", "_ext", "_static", "_extra", "_templates")
        if (PROJECT / name).exists()
    ]
    copy = with_tenth_post(
        tmp_path, sources, day, pillar="le-role-du-cto", audience="leader-transverse", tension="autonomie-coherence"
    )
    result = run_sphinx_command(copy, tmp_path / "html", "html", "-n", "-W", "--keep-going", "-E")
    assert result.returncode == 0, result.stderr
    assert (copy / "pillars" / "le-role-du-cto.md").read_bytes() == (
        PROJECT / "pillars" / "le-role-du-cto.md"
    ).read_bytes()
    before = Build(PROJECT, site_html, site_html_log, 0)
    after = Build(copy, tmp_path / "html", result.stderr, result.returncode)
    assert_tenth_post_shown(
        before, after, "le-role-du-cto", "Leaders techniques avec responsabilité transverse", "autonomie-coherence"
    )
