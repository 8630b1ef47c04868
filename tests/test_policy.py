"""The engine without the site's policies (``editorial.policy``): it builds, and only the policies' work is missing."""

from __future__ import annotations

import pytest

from support.building import Build, RootBuild
from support.reading import target, text_of

#: The engine alone, as another site would list it (no sphinx_design either: the engine brings it).
ENGINE_ONLY = ["myst_parser", "editorial"]
#: A post linking others by slug, by the {post} role and by old Hugo addresses.
LINKS_PAGE = "posts/deleguer-une-decision"
HUGO_PILLAR_LINK = "/posts/?pillar=equipe"


@pytest.fixture(scope="module")
def engine_only(root_build: RootBuild) -> Build:
    return root_build("editorial", extensions=ENGINE_ONLY)


@pytest.fixture(scope="module")
def readers_engine_only(root_build: RootBuild) -> Build:
    return root_build("readers", extensions=[*ENGINE_ONLY, "sphinx_sitemap"])


def test_the_engine_builds_the_test_root_without_the_policies(engine_only: Build) -> None:
    assert engine_only.statuscode == 0
    links = {
        text_of(anchor): target(anchor["href"]) for anchor in engine_only.page(LINKS_PAGE).select("section > p a[href]")
    }
    assert links["Recruter sans se presser"] == "recruter-sans-se-presser"  # {post} role
    assert links["Choisir une base de données"] == "choisir-une-base"  # [](slug)


def test_without_the_hugo_policy_an_old_pillar_address_is_a_missing_link(engine_only: Build) -> None:
    missing = [warning.message for warning in engine_only.warnings if warning.kind == "myst.xref_missing"]
    assert [message for message in missing if f"'{HUGO_PILLAR_LINK}'" in message] != [], engine_only.log
    links = {text_of(anchor): anchor for anchor in engine_only.page(LINKS_PAGE).select("section > p a[href]")}
    assert "archives/equipe" not in links["tous les articles"]["href"]  # the policy's answer (test_xref.py)


def test_without_the_robots_policy_no_robots_txt_is_written(readers_engine_only: Build) -> None:
    assert readers_engine_only.statuscode == 0
    assert (readers_engine_only.outdir / "sitemap.xml").is_file()
    assert not (readers_engine_only.outdir / "robots.txt").exists()


def test_with_the_robots_policy_robots_txt_names_the_sitemap(root_build: RootBuild) -> None:
    readers = root_build("readers")
    assert (readers.outdir / "robots.txt").read_text(encoding="utf-8") == (
        "User-agent: *\nAllow: /\n\nSitemap: https://carnet.example.org/sitemap.xml\n"
    )
