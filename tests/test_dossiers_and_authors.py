"""Series, authors and social cards together, as a publication uses them.

The series root (two dossiers, one with a draft part and a future part)
gets the authors root's two authors; parts of both dossiers are signed by
them.  The site builds under ``-W`` with Read the Docs' command; every
structured-data block is parsed and checked against the schema.org types it
claims; every post, pillar and series page names its own 1200 × 630 PNG.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from support.building import PROJECT, ROOTS, run_sphinx_command
from support.metadata import built_page, json_ld, meta

pytestmark = pytest.mark.slow

BASE = "https://dossiers.example.org/"
#: Which author signs which post (the draft and the future part too: they stay unseen).
SIGNED = {
    "fiche-de-poste": "author: claire-martin",
    "entretiens": "authors: [hugo-bernard, claire-martin]",
    "besoins": "author: hugo-bernard",
    "periode-essai": "author: claire-martin",
}
#: The pages that get a social card.
CARDED = [
    "pillars/equipe",
    "pillars/architecture",
    "series/recruter",
    "series/choisir-sa-base",
    "posts/besoins",
    "posts/binome",
    "posts/comparer",
    "posts/entretiens",
    "posts/fiche-de-poste",
]


def _write_site(srcdir: Path, signed: dict[str, str]) -> None:
    """The series root with the authors root's authors, posts signed as ``signed`` says."""
    shutil.copytree(ROOTS / "test-series", srcdir)
    conf = srcdir / "conf.py"  # the root finds the extension from where it lies; the copy, from the project
    conf.write_text(
        re.sub(r"sys\.path\.insert\(0, .*\)", f"sys.path.insert(0, {str(PROJECT / '_ext')!r})", conf.read_text()),
        encoding="utf-8",
    )
    shutil.copytree(ROOTS / "test-authors" / "authors", srcdir / "authors")
    for slug, line in signed.items():
        path = srcdir / "posts" / f"{slug}.md"
        path.write_text(_sign(path.read_text(encoding="utf-8"), line), encoding="utf-8")
    index = srcdir / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8")
        + "\n```{toctree}\n:hidden:\n:caption: Auteurs\n:glob:\n\nauthors/index\nauthors/*\n```\n",
        encoding="utf-8",
    )


def _sign(source: str, line: str) -> str:
    head, rest = source.split("\n", 1)
    assert head == "---"
    return f"---\n{line}\n{rest}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("dossiers-authors")
    srcdir = root / "src"
    _write_site(srcdir, SIGNED)
    outdir = root / "out"
    result = run_sphinx_command(
        srcdir, outdir, "dirhtml", "-T", "-W", "--keep-going", "-D", "language=fr", env={"READTHEDOCS": ""}
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "WARNING" not in result.stderr, result.stderr
    return outdir


def _page(outdir: Path, docname: str) -> Path:
    return outdir / docname.removesuffix("/index") / "index.html"


def _one(page: Path, kind: str) -> dict[str, Any]:
    (block,) = [block for block in json_ld(page) if block["@type"] == kind]
    return block


def _assert_url(value: object, outdir: Path) -> None:
    """An absolute address of a page this build wrote."""
    assert isinstance(value, str) and value.startswith(BASE), value
    assert built_page(outdir, BASE, unquote(value)).is_file(), value


def _assert_person(person: dict[str, Any], outdir: Path) -> None:
    assert person["@type"] == "Person"
    assert isinstance(person["name"], str) and person["name"]
    _assert_url(person["url"], outdir)
    assert "/authors/" in person["url"]
    for address in person.get("sameAs", []):
        assert address.startswith("https://"), address


def test_each_part_is_an_article_of_its_series_by_its_authors(site: Path) -> None:
    expected = {
        "fiche-de-poste": ("recruter", 1, ["Claire Martin"]),
        "entretiens": ("recruter", 2, ["Hugo Bernard", "Claire Martin"]),
        "besoins": ("choisir-sa-base", 1, ["Hugo Bernard"]),
        "comparer": ("choisir-sa-base", 2, []),
    }
    for slug, (series, position, authors) in expected.items():
        page = _page(site, f"posts/{slug}")
        article = _one(page, "Article")
        assert article["isPartOf"]["@type"] == "CreativeWorkSeries"
        assert isinstance(article["isPartOf"]["name"], str) and article["isPartOf"]["name"]
        _assert_url(article["isPartOf"]["url"], site)
        assert article["isPartOf"]["url"].endswith(f"/series/{series}/")
        assert article["position"] == position and isinstance(article["position"], int)
        assert article["publisher"]["@type"] == "Organization"
        if authors:
            assert [person["name"] for person in article["author"]] == authors
            for person in article["author"]:
                _assert_person(person, site)
        else:
            assert article["author"]["@type"] == "Organization"  # the site's default author


def test_a_post_header_says_its_part_and_its_authors(site: Path) -> None:
    soup = BeautifulSoup(_page(site, "posts/entretiens").read_text(encoding="utf-8"), "html.parser")
    header = soup.select_one(".editorial-post-header")
    text = re.sub(r"\s+", " ", header.get_text(" "))
    assert "Partie 2 sur 4" in text  # the draft and the future part are counted
    assert re.search(r"Par Hugo Bernard et Claire Martin", text), text
    hrefs = [link["href"] for link in header.select("a")]
    assert any(href.endswith("series/recruter/") for href in hrefs), hrefs
    assert any(href.endswith("authors/hugo-bernard/") for href in hrefs), hrefs


def test_the_series_page_is_a_creative_work_series_of_its_published_parts(site: Path) -> None:
    series = _one(_page(site, "series/recruter"), "CreativeWorkSeries")
    _assert_url(series["url"], site)
    assert isinstance(series["name"], str) and isinstance(series["description"], str)
    parts = series["hasPart"]
    assert [(part["@type"], part["position"]) for part in parts] == [("Article", 1), ("Article", 2)]
    for part in parts:
        _assert_url(part["url"], site)


def test_an_author_page_is_a_profile_listing_published_parts_only(site: Path) -> None:
    page = _page(site, "authors/claire-martin")
    profile = _one(page, "ProfilePage")
    _assert_person(profile["mainEntity"], site)
    assert profile["publisher"]["@type"] == "Organization"
    text = page.read_text(encoding="utf-8")
    assert "posts/fiche-de-poste/" in text and "posts/entretiens/" in text
    assert "periode-essai" not in text  # a future part: not published yet


def test_the_authors_index_is_a_collection_of_the_site(site: Path) -> None:
    page = _one(_page(site, "authors/index"), "CollectionPage")
    _assert_url(page["url"], site)
    assert page["isPartOf"]["@type"] == "WebSite" and page["name"] == "Les auteurs"


@pytest.mark.parametrize("docname", CARDED)
def test_each_post_pillar_and_series_page_has_its_own_card(site: Path, docname: str) -> None:
    page = _page(site, docname)
    (image,) = meta(page, "og:image")
    assert "/_images/social/" in image, image
    with Image.open(built_page(site, BASE, unquote(image))) as card:
        assert (card.format, card.size) == ("PNG", (1200, 630))
    assert meta(page, "twitter:card") == ["summary_large_image"]
    assert meta(page, "og:image:alt") != [""]


def test_one_card_per_carded_page_and_none_for_unpublished_parts(site: Path) -> None:
    cards = sorted(path.name for path in (site / "_images" / "social").iterdir())
    assert len(cards) == len(CARDED), cards
    assert not [name for name in cards if "premier-mois" in name or "periode-essai" in name]


def test_an_id_mistyped_is_warned_with_the_id_meant_and_a_repeated_part_with_the_next_free_one(tmp_path: Path) -> None:
    typos = {
        **SIGNED,
        "fiche-de-poste": "author: claire-martn",  # one letter missing
        "binome": "tensions: [vitesse-qualit]",  # a tension mistyped
    }
    srcdir = tmp_path / "src"
    _write_site(srcdir, typos)
    periode = srcdir / "posts" / "periode-essai.md"  # a future part, its series mistyped
    periode.write_text(periode.read_text(encoding="utf-8").replace("series: recruter", "series: recrutr"), "utf-8")
    besoins = srcdir / "posts" / "besoins.md"  # claims part 2 of its series, as comparer does
    besoins.write_text(
        besoins.read_text(encoding="utf-8").replace("series_part: 1", "series_part: 2"), encoding="utf-8"
    )
    result = run_sphinx_command(srcdir, tmp_path / "out", "dirhtml", "--keep-going")
    assert result.returncode == 0, result.stderr[-3000:]
    warnings = [line for line in result.stderr.splitlines() if "WARNING" in line]

    def warned(path: str, subtype: str) -> str:
        (line,) = [line for line in warnings if f"/{path}:" in line and line.endswith(f"[editorial.{subtype}]")]
        return line

    assert "did you mean 'claire-martin'?" in warned("posts/fiche-de-poste.md", "author")
    assert "did you mean 'recruter'?" in warned("posts/periode-essai.md", "series")
    assert "did you mean 'vitesse-qualite'?" in warned("posts/binome.md", "tension")
    part = warned("posts/comparer.md", "series")
    assert "already claimed by posts/besoins (line " in part and "the next free part is 3" in part
