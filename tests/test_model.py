"""The pure parts of the extension, without Sphinx: front matter, records, queries."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editorial.diagnostics import Subtype
from editorial.frontmatter import read_front_matter
from editorial.model import Post, Term, read_pillar, read_post, same_title
from editorial.queries import Catalogue, group_by_year

TODAY = date(2026, 1, 1)

SOURCE = """---
title: Déléguer une décision
date: 2025-09-08
pillar: equipe
summary: "Déléguer, c'est accepter une autre décision."
audience: [manager, lead]
tensions:
  - autonomie-cadre
draft: false
---

# Déléguer une décision
"""

GOOD_POST = {
    "title": "Déléguer une décision",
    "date": "2025-09-08",
    "pillar": "equipe",
    "summary": "Déléguer, c'est accepter une autre décision.",
}


# -- front matter ---------------------------------------------------------------


def test_front_matter_keeps_dates_as_text_and_the_line_of_each_key() -> None:
    front_matter = read_front_matter(SOURCE)
    assert front_matter.present and front_matter.problem is None
    assert front_matter.values["date"] == "2025-09-08"
    assert front_matter.values["audience"] == ["manager", "lead"]
    assert front_matter.values["draft"] is False
    assert front_matter.line_of("title") == 2
    assert front_matter.line_of("tensions") == 7
    assert front_matter.line_of("draft") == 9


def test_front_matter_that_is_not_yaml_is_a_problem_at_its_line() -> None:
    front_matter = read_front_matter("---\ntitle: Un titre\ndate: [2025-09-08\n---\n\n# Un titre\n")
    assert front_matter.values == {}
    assert front_matter.problem is not None and front_matter.problem.subtype is Subtype.FRONTMATTER
    assert front_matter.line_of(None) >= 3


def test_a_page_without_front_matter_has_none() -> None:
    front_matter = read_front_matter("# Une page\n\n---\n\nDu texte.\n")
    assert not front_matter.present and front_matter.values == {} and front_matter.problem is None


# -- posts and pillars ------------------------------------------------------------


def test_a_good_post_becomes_a_record_without_problem() -> None:
    front_matter = read_front_matter(SOURCE)
    post, problems = read_post("posts/deleguer", front_matter.values, front_matter.lines, "Déléguer une décision", 440)
    assert problems == []
    assert post.slug == "deleguer" and post.pillar == "equipe"
    assert post.date == date(2025, 9, 8)
    assert post.audience == ("manager", "lead") and post.tensions == ("autonomie-cadre",)
    assert post.line_of("tensions") == 7


@pytest.mark.parametrize(
    ("changes", "field", "subtype"),
    [
        ({"date": None}, None, Subtype.DATE),
        ({"date": "2025-02-30"}, "date", Subtype.DATE),
        ({"date": "13/01/2025"}, "date", Subtype.DATE),
        ({"date": "2025-09-08T10:00:00"}, "date", Subtype.DATE),
        ({"updated": "2025-01-01"}, "updated", Subtype.DATE),
        ({"pillar": None}, None, Subtype.PILLAR),
        ({"summary": None}, None, Subtype.SUMMARY),
        ({"title": None}, None, Subtype.TITLE),
        ({"title": "Un autre titre"}, "title", Subtype.TITLE),
        ({"slug": "un-autre-nom"}, "slug", Subtype.SLUG),
        ({"audience": "manager"}, "audience", Subtype.TYPE),
        ({"tensions": {"id": "autonomie-cadre"}}, "tensions", Subtype.TYPE),
        ({"draft": "oui"}, "draft", Subtype.TYPE),
    ],
    ids=str,
)
def test_each_mistake_is_one_problem_of_its_kind_on_its_field(
    changes: dict, field: str | None, subtype: Subtype
) -> None:
    values = {**GOOD_POST, **changes}
    values = {key: value for key, value in values.items() if value is not None}
    post, problems = read_post("posts/deleguer", values, {}, "Déléguer une décision", 0)
    assert [(problem.field, problem.subtype) for problem in problems] == [(field, subtype)]
    assert post.slug == "deleguer"  # the record survives its mistake


def test_a_post_keeps_what_can_be_kept_from_a_bad_field() -> None:
    post, _ = read_post("posts/deleguer", {**GOOD_POST, "audience": "manager", "date": "2025-09-08T10:00"}, {}, "", 0)
    assert post.audience == ("manager",)
    assert post.date == date(2025, 9, 8)
    assert post.title == GOOD_POST["title"]  # no H1: the front matter's title


def test_an_undated_post_is_still_published() -> None:
    post, _ = read_post("posts/deleguer", {key: value for key, value in GOOD_POST.items() if key != "date"}, {}, "", 0)
    assert post.date is None and post.is_published(TODAY)


def test_titles_match_whatever_the_typography() -> None:
    assert same_title('Pourquoi le CTO n\'est pas "le meilleur"', "Pourquoi le CTO n’est pas « le meilleur »")
    assert not same_title("Recruter sans se presser", "Recruter en se pressant")


def test_a_pillar_keeps_its_vocabulary_in_the_editor_order() -> None:
    values = {
        "type": "pillar",
        "title": "Faire grandir une équipe",
        "audience": {
            "primary": [{"id": "manager", "label": "Managers"}],
            "secondary": [{"id": "dev", "label": "Développeurs"}],
            "not_for": ["Un manuel"],
        },
        "tensions": [
            {"id": "vitesse-qualite", "label": "vitesse ↔ qualité"},
            {"id": "autonomie-cadre", "label": "autonomie ↔ cadre"},
        ],
        "start_here": [{"id": "debuter", "label": "Pour tes débuts"}, {"id": "confirme", "label": "Déjà en poste"}],
    }
    pillar, problems = read_pillar("pillars/equipe", values, {}, "Faire grandir une équipe")
    assert problems == []
    assert [entry.id for entry in pillar.tensions] == ["vitesse-qualite", "autonomie-cadre"]
    assert [entry.id for entry in pillar.start_here] == ["debuter", "confirme"]
    assert pillar.audiences == (Term("manager", "Managers"), Term("dev", "Développeurs"))
    assert pillar.not_for == ("Un manuel",)


@pytest.mark.parametrize(
    ("tensions", "subtype"),
    [
        ([{"id": "vitesse", "label": "Vitesse"}, {"id": "vitesse", "label": "Encore"}], Subtype.DUPLICATE),
        ([{"id": "Vitesse Qualité", "label": "Vitesse"}], Subtype.ID),
        (["vitesse ↔ qualité"], Subtype.TYPE),
        ("vitesse", Subtype.TYPE),
    ],
)
def test_a_bad_pillar_vocabulary_is_one_problem(tensions: object, subtype: Subtype) -> None:
    _, problems = read_pillar("pillars/equipe", {"title": "Équipe", "tensions": tensions}, {}, "Équipe")
    assert [(problem.field, problem.subtype) for problem in problems] == [("tensions", subtype)]


# -- queries ----------------------------------------------------------------------


def post(slug: str, day: date | None, title: str = "", *, pillar: str = "equipe", **fields: object) -> Post:
    return Post(
        docname=f"posts/{slug}", slug=slug, title=title or slug.replace("-", " "), date=day, pillar=pillar, **fields
    )


def catalogue(*posts: Post, show_drafts: bool = False) -> Catalogue:
    return Catalogue.build({item.docname: item for item in posts}, {}, TODAY, show_drafts)


def slugs(posts: tuple[Post, ...] | list[Post]) -> list[str]:
    return [item.slug for item in posts]


def test_newest_first_then_title_then_slug_and_undated_last() -> None:
    listed = catalogue(
        post("sans-date", None, "Avant tout le monde"),
        post("zeta", date(2025, 6, 2), "Accueillir"),
        post("alpha", date(2025, 6, 2), "Travailler"),
        post("b-meme-titre", date(2025, 6, 2), "Travailler"),
        post("a-meme-titre", date(2025, 6, 2), "travailler"),
        post("recent", date(2025, 9, 8), "Zèbre"),
        post("ancien", date(2024, 1, 1), "Ancien"),
    ).listed
    assert slugs(listed) == ["recent", "zeta", "a-meme-titre", "alpha", "b-meme-titre", "ancien", "sans-date"]


def test_the_order_does_not_depend_on_the_order_posts_were_read() -> None:
    posts = [post(f"p{index}", date(2025, 1, 1 + index % 3), f"Titre {index % 2}") for index in range(9)]
    assert catalogue(*posts).listed == catalogue(*reversed(posts)).listed


def test_drafts_and_future_posts_are_listed_only_when_drafts_are_shown() -> None:
    posts = (
        post("publie", date(2025, 1, 1)),
        post("brouillon", date(2025, 1, 2), draft=True),
        post("futur", date(2026, 1, 2)),
        post("aujourd-hui", TODAY),
    )
    assert slugs(catalogue(*posts).listed) == ["aujourd-hui", "publie"]
    assert slugs(catalogue(*posts, show_drafts=True).listed) == ["futur", "aujourd-hui", "brouillon", "publie"]


def test_latest_takes_the_newest_of_a_pillar() -> None:
    books = catalogue(
        post("un", date(2025, 1, 1)),
        post("deux", date(2025, 2, 1)),
        post("trois", date(2025, 3, 1)),
        post("ailleurs", date(2025, 4, 1), pillar="architecture"),
    )
    assert slugs(books.latest("equipe", 2)) == ["trois", "deux"]
    assert slugs(books.latest(None, 2)) == ["ailleurs", "trois"]
    assert books.latest("equipe", 0) == ()


def test_entry_points_and_neighbours_follow_the_reading_order() -> None:
    first, second, third = (
        post("un", date(2025, 1, 1), start_here="debuter"),
        post("deux", date(2025, 2, 1)),
        post("trois", date(2025, 3, 1), start_here="debuter"),
    )
    books = catalogue(third, first, second, post("autre", date(2025, 1, 15), pillar="architecture"))
    assert slugs(books.entry_point_posts("equipe", "debuter")) == ["un", "trois"]
    assert books.neighbours(second) == (first, third)
    assert books.neighbours(first) == (None, second)
    assert books.neighbours(third) == (second, None)


def test_related_ranks_shared_tensions_before_shared_audiences() -> None:
    subject = post("sujet", date(2025, 9, 1), tensions=("autonomie", "vitesse"), audience=("manager", "lead", "dev"))
    one_tension = post("une-tension", date(2024, 1, 1), tensions=("vitesse",))
    three_audiences = post("trois-audiences", date(2025, 8, 1), audience=("manager", "lead", "dev"))
    tension_and_audience = post("tension-et-audience", date(2023, 1, 1), tensions=("autonomie",), audience=("dev",))
    nothing_shared = post("rien", date(2025, 8, 30), tensions=("autre",), audience=("rh",))
    books = catalogue(subject, one_tension, three_audiences, tension_and_audience, nothing_shared)
    assert slugs(books.related(subject)) == ["tension-et-audience", "une-tension", "trois-audiences"]


def test_related_ties_go_to_the_newest_and_stop_at_three() -> None:
    subject = post("sujet", date(2025, 9, 1), tensions=("vitesse",))
    others = [post(f"p-{month}", date(2025, month, 1), tensions=("vitesse",)) for month in (1, 5, 3, 7)]
    draft = post("brouillon", date(2025, 8, 1), tensions=("vitesse",), draft=True)
    books = catalogue(subject, *others, draft)
    assert slugs(books.related(subject)) == ["p-7", "p-5", "p-3"]


_LABELS = ("a", "b", "c", "d")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(1, 60),
            st.lists(st.sampled_from(_LABELS), max_size=3, unique=True),
            st.lists(st.sampled_from(_LABELS), max_size=3, unique=True),
            st.booleans(),
        ),
        min_size=1,
        max_size=25,
    ),
    st.integers(0, 5),
)
def test_related_equals_ranking_every_other_post(
    shapes: list[tuple[int, list[str], list[str], bool]], limit: int
) -> None:
    """The ranking by bit pattern gives what scoring each post one by one gives."""
    posts = [
        post(
            f"p-{index:02d}",
            date(2025, 1, 1) + timedelta(days=day),
            tensions=tuple(tensions),
            audience=tuple(audience),
            draft=draft,
        )
        for index, (day, tensions, audience, draft) in enumerate(shapes)
    ]
    books = catalogue(*posts)
    for subject in posts:
        candidates = books.pillar_posts(subject.pillar)
        scored = sorted(
            (
                -len(set(subject.tensions) & set(other.tensions)),
                -len(set(subject.audience) & set(other.audience)),
                place,
            )
            for place, other in enumerate(candidates)
            if other.docname != subject.docname
            and (set(subject.tensions) & set(other.tensions) or set(subject.audience) & set(other.audience))
        )
        assert books.related(subject, limit) == tuple(candidates[place] for *_score, place in scored[:limit])


def test_group_by_year_keeps_the_newest_first_order() -> None:
    posts = [post("a", date(2025, 9, 1)), post("b", date(2025, 1, 1)), post("c", date(2024, 5, 1)), post("d", None)]
    assert [(year, slugs(items)) for year, items in group_by_year(posts)] == [
        ("2025", ["a", "b"]),
        ("2024", ["c"]),
        ("", ["d"]),
    ]


def test_a_post_dated_today_is_published_and_tomorrow_is_not() -> None:
    today = post("jour", TODAY)
    assert today.is_published(TODAY)
    assert not replace(today, date=date(2026, 1, 2)).is_published(TODAY)
    assert not replace(today, draft=True).is_published(TODAY)
