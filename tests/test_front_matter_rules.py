"""Front matter read one way: keys written twice, keys the contract does not know, and MyST reading what we read.

A key written twice is reported with both lines, and the first one is used
(its value and its line); a key unknown to the contract is reported with the
closest known key, while the keys Sphinx, MyST and the theme read pass; and
whatever YAML we accept or refuse, MyST is handed a copy it reads the same
way, so that the editor sees one warning, ours, at the right line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from myst_parser.config.main import read_topmatter

from editorial.diagnostics import Subtype
from editorial.frontmatter import read_front_matter, source_for_myst
from editorial.model import read_pillar, read_post
from support.building import LocatedWarning, build
from support.sites import Site, generate_site

GOOD = "title: Un titre\ndate: 2025-06-01\npillar: pilier-1\nsummary: Un résumé.\n"


def fenced(body: str) -> str:
    return f"---\n{body}---\n\n# Un titre\n\nDu texte.\n"


# -- keys written twice ------------------------------------------------------------


def test_a_key_written_twice_keeps_its_first_value_and_line_and_names_both() -> None:
    source = fenced(
        "title: Un titre\ndate: 2025-06-01\nsummary: Le bon résumé.\npillar: pilier-1\ndate: 2019-01-01\nsummary: Un vieux résumé.\n"
    )
    front_matter = read_front_matter(source)
    assert front_matter.values["date"] == "2025-06-01" and front_matter.values["summary"] == "Le bon résumé."
    assert front_matter.line_of("date") == 3 and front_matter.line_of("summary") == 4
    found = [(line, problem.subtype) for line, problem in front_matter.notes]
    assert found == [(6, Subtype.DUPLICATE), (7, Subtype.DUPLICATE)]
    assert "3" in front_matter.notes[0][1].message and "6" in front_matter.notes[0][1].message


@pytest.mark.parametrize(
    ("body", "line", "kept"),
    [
        (  # a pillar's audience mapping with 'primary' twice
            "audience:\n  primary:\n    - {id: cto, label: CTO}\n  primary:\n    - {id: vieux, label: Ancien}\n",
            5,
            lambda values: values["audience"]["primary"][0]["id"] == "cto",
        ),
        (  # a tension item with its label twice
            "tensions:\n  - id: vitesse\n    label: vitesse ↔ qualité\n    label: ancien libellé\n",
            5,
            lambda values: values["tensions"][0]["label"] == "vitesse ↔ qualité",
        ),
    ],
    ids=["audience-primary", "tension-label"],
)
def test_a_nested_key_written_twice_is_reported_at_its_line(body: str, line: int, kept) -> None:
    front_matter = read_front_matter(fenced(body))
    assert [(found, problem.subtype) for found, problem in front_matter.notes] == [(line, Subtype.DUPLICATE)]
    assert kept(front_matter.values)


# -- keys the contract does not know ----------------------------------------------


def test_an_unknown_post_key_names_the_closest_known_one() -> None:
    values = yaml.safe_load(GOOD) | {"tension": ["expertise-posture"]}
    _post, problems = read_post("posts/article", values, {}, "Un titre", 0)
    assert [(problem.field, problem.subtype) for problem in problems] == [("tension", Subtype.UNKNOWN_KEY)]
    assert "'tensions'" in problems[0].message


@pytest.mark.parametrize(
    ("key", "closest"), [("start-here", "start_here"), ("udpated", "updated"), ("résumé", "summary")]
)
def test_other_unknown_post_keys_name_their_closest_key(key: str, closest: str) -> None:
    _post, problems = read_post("posts/article", yaml.safe_load(GOOD) | {key: "x"}, {}, "Un titre", 0)
    assert [(problem.field, problem.subtype) for problem in problems] == [(key, Subtype.UNKNOWN_KEY)]
    assert f"'{closest}'" in problems[0].message


def test_an_unknown_pillar_key_names_the_closest_pillar_key() -> None:
    values = {"type": "pillar", "title": "Équipe", "tension": [{"id": "a", "label": "a ↔ b"}], "audiance": {}}
    _pillar, problems = read_pillar("pillars/equipe", values, {}, "Équipe")
    found = {problem.field: problem for problem in problems if problem.subtype is Subtype.UNKNOWN_KEY}
    assert set(found) == {"tension", "audiance"}
    assert "'tensions'" in found["tension"].message and "'audience'" in found["audiance"].message


def test_unknown_keys_inside_a_pillar_vocabulary_are_reported() -> None:
    values = {
        "type": "pillar",
        "title": "Équipe",
        "audience": {"primary": [{"id": "cto", "label": "CTO"}], "secundary": [{"id": "dev", "label": "Dev"}]},
        "tensions": [{"id": "vitesse", "lable": "vitesse ↔ qualité"}],
    }
    _pillar, problems = read_pillar("pillars/equipe", values, {}, "Équipe")
    found = [(problem.field, problem.message) for problem in problems if problem.subtype is Subtype.UNKNOWN_KEY]
    assert [field for field, _ in found] == ["audience.secundary", "tensions[1].lable"], found
    assert "'secondary'" in found[0][1] and "'label'" in found[1][1]


def test_an_unknown_nested_key_points_at_its_own_line() -> None:
    source = fenced(
        "type: pillar\ntitle: Un titre\naudience:\n  primary:\n    - {id: cto, label: CTO}\n  secundary: []\ntensions:\n  - id: vitesse\n    lable: vitesse\n"
    )
    front_matter = read_front_matter(source)
    _pillar, problems = read_pillar("pillars/equipe", front_matter.values, front_matter.lines, "Un titre")
    found = [
        (front_matter.line_of(problem.field), problem.field)
        for problem in problems
        if problem.subtype is Subtype.UNKNOWN_KEY
    ]
    assert found == [(7, "audience.secundary"), (10, "tensions[1].lable")]


def test_a_post_key_is_unknown_to_a_pillar() -> None:
    values = {"type": "pillar", "title": "Équipe", "summary": "Un pilier."}
    _pillar, problems = read_pillar("pillars/equipe", values, {}, "Équipe")
    assert [(problem.field, problem.subtype) for problem in problems] == [("summary", Subtype.UNKNOWN_KEY)]


@pytest.mark.parametrize(
    "key",
    ["orphan", "nosearch", "tocdepth", "nocomments", "myst", "html_meta", "substitutions", "og:image", "hide-toc"],
)
def test_keys_read_by_sphinx_myst_and_the_theme_pass(key: str) -> None:
    values = yaml.safe_load(GOOD) | {key: "x"}
    assert read_post("posts/article", values, {}, "Un titre", 0)[1] == []
    pillar = {"type": "pillar", "title": "Équipe", key: "x"}
    assert read_pillar("pillars/equipe", pillar, {}, "Équipe")[1] == []


# -- MyST reads what we read -------------------------------------------------------

#: Front matter that our reader (libyaml) accepts and MyST's (pure Python) refuses or reads otherwise.
ACCEPTED_BY_US_ONLY = {
    "tab-after-key": GOOD + "draft:\tfalse\n",
    "tab-in-a-list": GOOD + "tensions: [a,\tb]\n",
    "block-scalar-comment": GOOD + "updated: |#\n  2025-07-01\n",
    "duplicate-key": GOOD + "date: 2019-01-01\n",
    "impossible-date": GOOD.replace("2025-06-01", "2025-02-30"),
}
#: Front matter that we refuse (and report): MyST must stay silent about it.
REFUSED = {
    "python-tag": GOOD + "draft: !!python/object:os.system ls\n",
    "duplicate-anchor": GOOD + "audience: &a [x]\ntensions: &a [y]\n",
    "a-list": "- title\n- date\n",
    "broken-flow": GOOD + "tensions: [a, b\n",
}


@pytest.mark.parametrize("body", ACCEPTED_BY_US_ONLY.values(), ids=ACCEPTED_BY_US_ONLY)
def test_myst_reads_the_values_we_read(body: str) -> None:
    source = fenced(body)
    front_matter = read_front_matter(source)
    assert front_matter.problem is None
    copy = source_for_myst(source, front_matter)
    assert copy.count("\n") == source.count("\n")
    assert read_topmatter(copy) == front_matter.values


@pytest.mark.parametrize("body", REFUSED.values(), ids=REFUSED)
def test_myst_reads_nothing_where_we_report_a_problem(body: str) -> None:
    source = fenced(body)
    front_matter = read_front_matter(source)
    assert front_matter.problem is not None
    copy = source_for_myst(source, front_matter)
    assert copy.count("\n") == source.count("\n")
    assert read_topmatter(copy) == {}


#: Fences MyST takes for a front matter though they are not '---' alone: (source, line of the odd fence).
LOOSE_FENCES = {
    "four-dashes": ("----\n" + GOOD + "----\n\n# Un titre\n", 1),
    "text-after-dashes": ("---x\n" + GOOD + "---\n\n# Un titre\n", 1),
    "indented-closing": ("---\n" + GOOD + "  ---\n\n# Un titre\n", 6),
}


@pytest.mark.parametrize(("source", "line"), LOOSE_FENCES.values(), ids=LOOSE_FENCES)
def test_a_fence_myst_accepts_is_read_and_reported_at_its_line(source: str, line: int) -> None:
    front_matter = read_front_matter(source)
    assert front_matter.values == yaml.safe_load(GOOD.replace("2025-06-01", "'2025-06-01'"))
    assert [(found, problem.subtype) for found, problem in front_matter.notes] == [(line, Subtype.FRONTMATTER)]
    copy = source_for_myst(source, front_matter)
    assert copy.count("\n") == source.count("\n") and read_topmatter(copy) == front_matter.values


def test_an_empty_front_matter_is_no_front_matter_for_myst() -> None:
    source = "---\n---\n\n# Un titre\n"
    copy = source_for_myst(source, read_front_matter(source))
    assert copy.count("\n") == source.count("\n") and read_topmatter(copy) is None


def test_a_front_matter_never_closed_is_a_problem() -> None:
    front_matter = read_front_matter("---\n" + GOOD + "\n# Un titre\n\nDu texte.\n")
    assert front_matter.problem is not None and front_matter.problem.subtype is Subtype.FRONTMATTER
    assert "never closed" in front_matter.problem.message


# -- in a build --------------------------------------------------------------------

RAW_POSTS = {
    "ecrit-deux-fois": GOOD + "summary: Un vieux résumé.\ndate: 2019-01-01\n",
    "cle-inconnue": GOOD + "tension: [tension-1]\n",
    "tabulation": GOOD + "draft:\tfalse\n",
    "etiquette-python": GOOD + "draft: !!python/object:os.system ls\n",
    "quatre-tirets": GOOD,
}


@dataclass
class RulesBuild:
    outdir: Path
    warnings: list[LocatedWarning]

    def of(self, slug: str) -> list[tuple[int, str]]:
        return [(warning.line, warning.subtype) for warning in self.warnings if warning.path == f"posts/{slug}.md"]


@pytest.fixture(scope="module")
def rules(tmp_path_factory: pytest.TempPathFactory) -> RulesBuild:
    root = tmp_path_factory.mktemp("front-matter-rules")
    site: Site = generate_site(2, pillars=1)
    site.raw = {f"posts/{slug}.md": fenced(body).replace("Un titre", slug) for slug, body in RAW_POSTS.items()}
    site.raw["posts/quatre-tirets.md"] = site.raw["posts/quatre-tirets.md"].replace("---\n", "----\n", 2)
    site.raw["pillars/pilier-1.md"] = site.pillars["pilier-1"].page().replace("\ntensions:", "\ntension:", 1)
    site.write(root / "src")
    report = build(root / "src", root / "build")
    return RulesBuild(report.outdir, report.located_warnings(root / "src"))


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_each_post_warns_once_at_its_line_and_stays_listed(rules: RulesBuild) -> None:
    assert rules.of("ecrit-deux-fois") == [(6, "editorial.duplicate"), (7, "editorial.duplicate")]
    assert rules.of("cle-inconnue") == [(6, "editorial.key")]
    assert rules.of("tabulation") == []
    assert rules.of("etiquette-python") == [(6, "editorial.frontmatter")]  # not every field it then lacks
    assert rules.of("quatre-tirets") == [(1, "editorial.frontmatter")]
    listing = (rules.outdir / "posts" / "index.html").read_text(encoding="utf-8")
    for slug in RAW_POSTS:
        assert f'href="{slug}.html"' in listing, slug


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_myst_never_warns_about_the_front_matter(rules: RulesBuild) -> None:
    assert [warning for warning in rules.warnings if warning.subtype == "myst.topmatter"] == []


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_a_pillar_key_written_for_another_is_reported(rules: RulesBuild) -> None:
    found = [(warning.subtype, warning.message) for warning in rules.warnings if warning.path == "pillars/pilier-1.md"]
    assert [subtype for subtype, _ in found] == ["editorial.key"], found
    assert "'tensions'" in found[0][1]
