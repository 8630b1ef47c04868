"""Authors: one page each, named by posts; their pages, post headers, feeds and JSON-LD.

The root ``test-authors`` has two authors (Claire Martin with her site and
LinkedIn, Hugo Bernard without) and posts by one author, by two, by none;
Claire also signs a draft and a future post, which her page must not list.
Bad inputs are written into a copy of it, one mistake a file.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from editorial.authors import read_author
from editorial.diagnostics import Subtype
from editorial.model import read_post
from support.building import PROJECT, Build, RootBuild, build, run_sphinx_command
from support.metadata import json_ld
from support.reading import first_difference, links, text_of, whole_outputs
from support.sites import mark_newer

ROOT = PROJECT / "tests" / "roots" / "test-authors"
BASE = "https://carnet.example.org/"
CLAIRE, HUGO = "authors/claire-martin", "authors/hugo-bernard"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def site(root_build: RootBuild) -> Build:
    return root_build("authors", "html")


def _head_page(site: Build, docname: str) -> Path:
    return site.outdir / f"{docname}.html"


def test_an_author_page_lists_their_published_posts_newest_first(site: Build) -> None:
    posts = site.page(CLAIRE).select(".editorial-archive-list .editorial-item-title a")
    # Not the draft (retro-brouillon) nor the future post (a-venir), though both name her.
    assert [link.get_text() for link in posts] == [
        "Déléguer une décision",
        "Travailler en binôme",
        "Recruter sans se presser",
    ]
    hugo = site.page(HUGO).select(".editorial-archive-list .editorial-item-title a")
    assert [link.get_text() for link in hugo] == ["Déléguer une décision", "Quand <script> s’invite dans un titre"]


def test_an_author_page_shows_the_role_bio_and_their_own_addresses(site: Build) -> None:
    header = site.page(CLAIRE).select_one(".editorial-author-header")
    assert header is not None
    assert "Ancienne CTO, autrice du pilier" in text_of(header)
    assert [link["href"] for link in header.select("a")] == [
        "https://claire-martin.example.org/",
        "https://www.linkedin.com/in/claire-martin-exemple",
    ]
    assert site.page(HUGO).select(".editorial-author-header a") == []


def test_the_post_header_names_and_links_its_authors(site: Build) -> None:
    byline = site.page("posts/deleguer-une-decision").select_one(".editorial-post-header .editorial-byline")
    assert byline is not None
    assert text_of(byline) == "Par Hugo Bernard et Claire Martin"
    assert links(byline) == ["hugo-bernard", "claire-martin"]
    single = site.page("posts/binome").select_one(".editorial-byline")
    assert single is not None and text_of(single) == "Par Claire Martin"


def test_a_post_without_author_keeps_the_header_it_had(site: Build) -> None:
    header = site.page("posts/onboarding").select_one(".editorial-post-header")
    assert header is not None and header.select(".editorial-byline") == []
    (article,) = json_ld(_head_page(site, "posts/onboarding"))
    assert article["author"] == {"@type": "Organization", "name": "La rédaction du carnet"}


def test_the_authors_index_lists_every_author_with_role_and_published_posts(site: Build) -> None:
    cards = site.page("authors/index").select(".editorial-author-card")
    assert [links(card) for card in cards] == [["claire-martin"], ["hugo-bernard"]]
    assert [text_of(card.select_one(".editorial-post-count")) for card in cards] == ["3 articles", "2 articles"]
    assert "Hugo anime trois équipes produit" in text_of(cards[1])
    assert text_of(cards[1].select_one(".editorial-author-role")) == "Head of Engineering"


def test_json_ld_names_each_author_as_a_person_with_their_page(site: Build) -> None:
    (article,) = json_ld(_head_page(site, "posts/deleguer-une-decision"))
    assert article["@type"] == "Article"
    assert article["publisher"]["@type"] == "Organization"
    hugo, claire = article["author"]
    assert hugo == {
        "@type": "Person",
        "name": "Hugo Bernard",
        "url": f"{BASE}{HUGO}.html",
        "jobTitle": "Head of Engineering",
    }
    assert claire["@type"] == "Person" and claire["url"] == f"{BASE}{CLAIRE}.html"
    assert claire["sameAs"] == [
        "https://claire-martin.example.org/",
        "https://www.linkedin.com/in/claire-martin-exemple",
    ]


def test_an_author_page_is_a_profile_page_of_that_person(site: Build) -> None:
    (profile,) = json_ld(_head_page(site, CLAIRE))
    assert profile["@type"] == "ProfilePage"
    assert profile["publisher"]["@type"] == "Organization"
    person = profile["mainEntity"]
    assert person["@type"] == "Person" and person["name"] == "Claire Martin"
    assert person["url"] == profile["url"] == f"{BASE}{CLAIRE}.html"


def test_feed_entries_carry_their_authors(site: Build) -> None:
    from xml.etree import ElementTree

    feed = ElementTree.parse(site.outdir / "feeds" / "atom.xml").getroot()
    authors = {
        entry.findtext(f"{ATOM}title"): [
            (author.findtext(f"{ATOM}name"), author.findtext(f"{ATOM}uri")) for author in entry.findall(f"{ATOM}author")
        ]
        for entry in feed.findall(f"{ATOM}entry")
    }
    assert authors["Déléguer une décision"] == [
        ("Hugo Bernard", f"{BASE}{HUGO}.html"),
        ("Claire Martin", f"{BASE}{CLAIRE}.html"),
    ]
    assert authors["Accueillir un nouvel arrivant"] == []  # the feed's author, the site's default
    assert [author.findtext(f"{ATOM}name") for author in feed.findall(f"{ATOM}author")] == ["La rédaction du carnet"]


def test_the_author_pages_are_in_the_search_index(site: Build) -> None:
    index = (site.outdir / "searchindex.js").read_text(encoding="utf-8")
    assert all(f'"{docname}"' in index for docname in (CLAIRE, HUGO, "authors/index"))


@pytest.mark.parametrize("builder", ["html", "dirhtml", "text"])
def test_the_site_with_authors_builds_strictly(tmp_path: Path, builder: str) -> None:
    result = run_sphinx_command(ROOT, tmp_path / builder, builder, "-W")
    assert result.returncode == 0, result.stdout + result.stderr
    if builder == "text":
        text = (tmp_path / builder / "authors" / "claire-martin.txt").read_text(encoding="utf-8")
        assert "Ses articles" in text and "Travailler en binôme" in text
        assert "Par Hugo Bernard et Claire Martin" in re.sub(
            r"\s+", " ", (tmp_path / builder / "posts" / "deleguer-une-decision.txt").read_text(encoding="utf-8")
        )


#: One mistake each: (file, text replaced, its replacement, line of the warning, subtype, words of the message).
MISTAKES = {
    "unknown-id": ("posts/binome.md", "author: claire-martin", "author: claire-martine", 4, "author", "unknown author"),
    "both-keys": (
        "posts/balises.md",
        "author: hugo-bernard",
        "author: hugo-bernard\nauthors: [claire-martin]",
        4,
        "author",
        "not both",
    ),
    "missing-name": ("authors/hugo-bernard.md", "name: Hugo Bernard\n", "", 1, "author", "'name'"),
    "bad-url": (
        "authors/claire-martin.md",
        "site: https://claire-martin.example.org/",
        "site: claire-martin.example.org",
        6,
        "author",
        "'site' should be an absolute https address",
    ),
    "bad-linkedin": (
        "authors/claire-martin.md",
        "linkedin: https://www.linkedin.com/in/claire-martin-exemple",
        "linkedin: http://www.linkedin.com/in/claire-martin-exemple",
        7,
        "author",
        "'linkedin' should be an absolute https address",
    ),
}


@pytest.fixture(scope="module")
def bad_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    srcdir = tmp_path_factory.mktemp("authors-bad") / "src"
    shutil.copytree(ROOT, srcdir)
    for path, old, new, *_rest in MISTAKES.values():
        source = srcdir / path
        text = source.read_text(encoding="utf-8")
        assert old in text, (path, old)
        source.write_text(text.replace(old, new), encoding="utf-8")
    (srcdir / "authors" / "claire-martin.md").rename(srcdir / "authors" / "Claire_Martin.md")
    return build(srcdir, srcdir.parent / "build")


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_each_author_mistake_warns_at_its_file_and_line(bad_site: Build, mistake: str) -> None:
    path, _old, _new, line, subtype, words = MISTAKES[mistake]
    path = path.replace("claire-martin.md", "Claire_Martin.md")
    found = [
        warning
        for warning in bad_site.located_warnings()
        if (warning.path, warning.line, warning.subtype) == (path, line, f"editorial.{subtype}")
    ]
    assert [warning for warning in found if words in warning.message], bad_site.log


def test_an_author_file_name_that_is_not_a_slug_warns_and_suggests_one(bad_site: Build) -> None:
    found = [warning for warning in bad_site.located_warnings() if warning.path == "authors/Claire_Martin.md"]
    assert any(warning.subtype == "editorial.slug" and "'claire-martin'" in warning.message for warning in found)


def test_a_post_naming_an_unknown_author_still_builds_and_is_listed(bad_site: Build) -> None:
    assert bad_site.statuscode == 0
    assert (bad_site.outdir / "posts" / "binome.html").is_file()
    page = bad_site.page("posts/binome")
    assert page.select(".editorial-byline") == []  # the one author it names is unknown: the default, as before
    listed = bad_site.page("posts/index").select(".editorial-item-title a")
    assert "Travailler en binôme" in [link.get_text() for link in listed]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")
    mark_newer(path)


#: Each edit: (file, text replaced, replacement, pages that must be re-written and no other).
#: ``index`` holds the toctree of the author pages: Sphinx re-writes a toctree's parent with its pages.
EDITS = {
    # The role shows on the author's page, the authors index and the JSON-LD of their posts.
    "author-role": (
        "authors/hugo-bernard.md",
        "role: Head of Engineering",
        "role: VP Engineering",
        {HUGO, "authors/index", "posts/deleguer-une-decision", "posts/balises", "index"},
    ),
    # A post changing hands: its own page, both authors' pages, their counts on the index.
    "post-author": (
        "posts/binome.md",
        "author: claire-martin",
        "author: hugo-bernard",
        {"posts/binome", CLAIRE, HUGO, "authors/index", "index"},
    ),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_an_author_edit_rewrites_exactly_the_pages_that_show_it(tmp_path: Path, edit: str) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    build(srcdir, tmp_path / "incremental")
    path, old, new, showing = EDITS[edit]
    _edit(srcdir / path, old, new)
    incremental = build(srcdir, tmp_path / "incremental")
    assert incremental.written == showing
    clean = build(srcdir, tmp_path / "clean")
    assert not first_difference(whole_outputs(incremental.outdir), whole_outputs(clean.outdir))


def test_renaming_an_author_reads_the_same_as_a_clean_build(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    build(srcdir, tmp_path / "incremental")
    _edit(srcdir / "authors" / "claire-martin.md", "Claire Martin", "Claire Martin-Roux")
    incremental = build(srcdir, tmp_path / "incremental")
    clean = build(srcdir, tmp_path / "clean")
    assert "Par Hugo Bernard et Claire Martin-Roux" in text_of(incremental.page("posts/deleguer-une-decision"))
    feed = (incremental.outdir / "feeds" / "atom.xml").read_text(encoding="utf-8")
    assert "<name>Claire Martin-Roux</name>" in feed
    assert not first_difference(whole_outputs(incremental.outdir), whole_outputs(clean.outdir))


def test_parallel_reading_merges_the_authors(tmp_path: Path) -> None:
    serial = build(ROOT, tmp_path / "serial", freshenv=True)
    parallel = build(ROOT, tmp_path / "parallel", freshenv=True, parallel=2)
    assert not first_difference(whole_outputs(parallel.outdir), whole_outputs(serial.outdir))


@pytest.mark.parametrize(
    ("values", "authors", "subtypes"),
    [
        ({}, (), []),
        ({"author": "claire-martin"}, ("claire-martin",), []),
        ({"authors": ["hugo-bernard", "claire-martin", "hugo-bernard"]}, ("hugo-bernard", "claire-martin"), []),
        ({"authors": "claire-martin"}, ("claire-martin",), [Subtype.TYPE]),  # a lone id: a one-item list
        ({"author": ["claire-martin"]}, ("claire-martin",), []),
        ({"author": "hugo-bernard", "authors": ["claire-martin"]}, ("claire-martin",), [Subtype.AUTHOR]),
    ],
)
def test_a_post_names_its_authors_one_way(values: dict, authors: tuple[str, ...], subtypes: list[Subtype]) -> None:
    front_matter = {"title": "T", "date": "2025-01-01", "pillar": "p", "summary": "S", **values}
    post, problems = read_post("posts/t", front_matter, {}, "T", 10)
    assert post.authors == authors
    assert [problem.subtype for problem in problems] == subtypes


def test_an_author_record_keeps_only_https_addresses() -> None:
    values = {
        "type": "author",
        "name": "Claire Martin",
        "site": "https://claire.example.org/",
        "linkedin": "https://www.linkedin.com/in/x y",
    }
    author, problems = read_author("authors/claire-martin", values, {}, "Claire Martin")
    assert (author.slug, author.site, author.linkedin) == ("claire-martin", "https://claire.example.org/", "")
    assert [(problem.field, problem.subtype) for problem in problems] == [("linkedin", Subtype.AUTHOR)]
