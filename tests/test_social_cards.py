"""Social cards: each post and pillar shares as its own 1200 × 630 image, drawn once per content.

The real site, built as Read the Docs builds it, names on each post and pillar
its own card (``og:image``, its text alternative, size, type, a large Twitter
card, and the same image in JSON-LD), a PNG of the stated size at that very
address; other pages keep the site's default image.  A generated site shows
the cache: a rebuild with no change draws no card, a post's new title draws
its card alone, a pillar's new title its own and its posts'.  Titles break the
French way (unit tests of ``break_title``).  The text builder draws nothing.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from PIL import Image

from editorial.cards import NBSP, NNBSP, break_title, french_units
from editorial.model import same_title
from support.building import PROJECT, Build, build
from support.metadata import READTHEDOCS_URL, built_page, json_ld, meta, real_posts
from support.sites import Site, generate_site

CARDS = "_images/social/"
DEFAULT_IMAGE = f"{READTHEDOCS_URL}_static/social-card.png"
_DRAWN = re.compile(r"social cards: (?P<drawn>\d+) drawn, (?P<kept>\d+) kept, (?P<removed>\d+) removed")


def _page(outdir: Path, docname: str) -> Path:
    return outdir / ("index.html" if docname == "index" else f"{docname.removesuffix('/index')}/index.html")


def _front_matter(path: Path) -> dict[str, object]:
    front_matter: dict[str, object] = yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])
    return front_matter


def _series_labels() -> dict[str, str]:
    """docname -> label of each series the real pillars declare (their pages are generated: ``series_pages.py``)."""
    labels: dict[str, str] = {}
    for path in sorted((PROJECT / "pillars").glob("*.md")):
        for series in _front_matter(path).get("series") or []:  # type: ignore[attr-defined]
            labels.setdefault(f"series/{series['id']}", series["label"])
    return labels


def _front_matter_title(docname: str) -> str:
    if docname.startswith("series/"):
        return _series_labels()[docname]
    return str(_front_matter(PROJECT / f"{docname}.md")["title"])


# -- The real site ---------------------------------------------------------------------------------


def _card_pages() -> list[str]:
    pillars = sorted(f"pillars/{path.stem}" for path in (PROJECT / "pillars").glob("*.md"))
    return pillars + sorted(real_posts()) + sorted(_series_labels())


@pytest.mark.parametrize("docname", _card_pages())
def test_each_post_and_pillar_names_its_own_card(site_dirhtml: Path, docname: str) -> None:
    page = _page(site_dirhtml, docname)
    (image,) = meta(page, "og:image")
    assert image.startswith(f"{READTHEDOCS_URL}{CARDS}") and image.isascii(), image
    card = built_page(site_dirhtml, READTHEDOCS_URL, unquote(image))
    with Image.open(card) as drawn:
        assert (drawn.format, drawn.size) == ("PNG", (1200, 630))
    (alt,) = meta(page, "og:image:alt")
    assert same_title(alt, _front_matter_title(docname)), alt  # with French typography: « », ’
    assert meta(page, "og:image:width") == ["1200"] and meta(page, "og:image:height") == ["630"]
    assert meta(page, "og:image:type") == ["image/png"]
    assert meta(page, "twitter:card") == ["summary_large_image"]
    assert [block["image"] for block in json_ld(page)] == [image]


def test_cards_are_one_per_page_and_nothing_else(site_dirhtml: Path) -> None:
    drawn = sorted(path.name for path in (site_dirhtml / CARDS).iterdir())
    assert len(drawn) == len(_card_pages())
    assert all(name.endswith(".png") for name in drawn)


@pytest.mark.parametrize("docname", ["index", "posts/index", "404", "search"])
def test_other_pages_keep_the_default_image(site_dirhtml: Path, docname: str) -> None:
    page = _page(site_dirhtml, docname)
    assert meta(page, "og:image") == [DEFAULT_IMAGE]
    assert meta(page, "og:image:width") == ["1200"] and meta(page, "twitter:card") == ["summary_large_image"]


def test_opengraph_draws_no_card_and_says_nothing_of_matplotlib() -> None:
    """conf.py switches sphinxext-opengraph's own cards off before it is imported."""
    script = "import runpy; runpy.run_path('conf.py'); import sphinxext.opengraph as o; print(o.create_social_card)"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=PROJECT, check=True)
    assert result.stdout.strip() == "None" and "matplotlib" not in result.stdout + result.stderr


# -- Line breaking ---------------------------------------------------------------------------------


def _within(characters: int) -> Callable[[str], bool]:
    """A line's width for these tests: one unit per character."""
    return lambda line: len(line) <= characters


def test_french_punctuation_stays_with_its_word() -> None:
    units = french_units("Pourquoi dire non ? Le CTO : « porter » ; agir !")
    assert ["Pourquoi"] in units
    assert [f"non{NNBSP}?"] in units and [f"CTO{NBSP}:"] in units
    assert [f"«{NBSP}porter{NBSP}»{NNBSP};"] in units and [f"agir{NNBSP}!"] in units


def test_no_line_ends_on_a_one_letter_word_when_another_break_fits() -> None:
    lines = break_title("Le rôle du CTO face à la dette et à y revenir", _within(20), "fr")
    assert all(not re.search(r"(?:^|\s)\w$", line) for line in lines), lines
    assert lines == ["Le rôle du CTO face", "à la dette et", "à y revenir"]
    # Where keeping "à y revenir" together leaves no line that fits, a one-letter word may end one.
    assert break_title("et à y revenir", _within(10), "fr") == ["et à y", "revenir"]


def test_a_word_too_long_for_a_line_is_hyphenated_with_the_french_dictionary() -> None:
    lines = break_title("Anticonstitutionnellement organisationnelle", _within(14), "fr")
    assert all(len(line) <= 14 for line in lines), lines
    assert lines[0].endswith("-") and "".join(line.removesuffix("-") for line in lines[:-1]).startswith("Anticonsti")
    assert "".join(line.removesuffix("-") for line in lines).replace(" ", "") == (
        "Anticonstitutionnellementorganisationnelle"
    )
    # Hyphenated where French hyphenates (an-ti-cons-ti-tu-tion-nel-le-ment), never mid-syllable.
    assert lines[0] in ("Anticonstitu-", "Anticonsti-", "Anticons-")


def test_the_space_before_a_question_mark_never_breaks() -> None:
    lines = break_title("Faut-il vraiment tout déléguer ?", _within(30), "fr")
    assert lines == ["Faut-il vraiment tout", f"déléguer{NNBSP}?"]


# -- Drawn once per content ------------------------------------------------------------------------


def _drawn(result: Build) -> tuple[int, int, int]:
    (match,) = list(_DRAWN.finditer(result.status))
    return int(match["drawn"]), int(match["kept"]), int(match["removed"])


@pytest.fixture
def small_site(tmp_path: Path) -> tuple[Site, Path]:
    site = generate_site(posts=6, pillars=2, seed=3)
    site.write(tmp_path / "src")
    return site, tmp_path


def test_a_rebuild_draws_only_the_cards_whose_content_changed(small_site: tuple[Site, Path]) -> None:
    site, root = small_site
    first = build(root / "src", root / "build")
    assert _drawn(first) == (8, 0, 0)  # six posts, two pillars
    assert _drawn(build(root / "src", root / "build")) == (0, 8, 0)

    slug = sorted(site.posts)[0]
    site.posts[slug] = replace(site.posts[slug], summary="Un autre résumé, que la carte ne montre pas.")
    site.write(root / "src")
    assert _drawn(build(root / "src", root / "build")) == (0, 8, 0)

    site.posts[slug] = replace(site.posts[slug], title="Un titre tout neuf")
    site.write(root / "src")
    assert _drawn(build(root / "src", root / "build")) == (1, 7, 1)

    pillar = sorted(site.pillars)[0]
    site.pillars[pillar] = replace(site.pillars[pillar], title="Un pilier rebaptisé")
    site.write(root / "src")
    posts_of_pillar = sum(post.pillar == pillar for post in site.posts.values())
    changed = 1 + posts_of_pillar
    assert _drawn(build(root / "src", root / "build")) == (changed, 8 - changed, changed)


def test_a_card_url_is_percent_encoded_and_its_file_exists(tmp_path: Path) -> None:
    site = generate_site(posts=2, pillars=1, seed=1)
    post = next(iter(site.posts.values()))
    site.posts = {"décider-à-l'été": replace(post, slug="décider-à-l'été", title="Décider à l'été")}
    site.extra_conf = 'extensions.append("sphinxext.opengraph")\nogp_site_url = html_baseurl\n'
    site.write(tmp_path / "src")
    result = build(tmp_path / "src", tmp_path / "build")
    page = result.outdir / "posts" / "décider-à-l'été.html"
    (image,) = meta(page, "og:image")
    assert image.isascii() and "%C3%A9" in image, image
    assert (result.outdir / unquote(image.removeprefix("https://exemple.org/site/"))).is_file()
    assert meta(page, "og:image:alt") == ["Décider à l’été"]  # the title as the page shows it
    assert meta(result.outdir / "index.html", "og:image") == []  # no default image in this site


def test_switched_off_no_card_is_drawn_and_earlier_ones_go(small_site: tuple[Site, Path]) -> None:
    _site, root = small_site
    build(root / "src", root / "build")
    assert any((root / "build" / "html" / CARDS).iterdir())
    result = build(root / "src", root / "build", confoverrides={"editorial_social_cards": False})
    assert not any((result.outdir / CARDS).iterdir())
    assert all(
        '"image"' not in page.read_text(encoding="utf-8") or CARDS not in page.read_text(encoding="utf-8")
        for page in result.outdir.rglob("*.html")
    )


def test_the_text_builder_draws_no_card(small_site: tuple[Site, Path]) -> None:
    _site, root = small_site
    result = build(root / "src", root / "build", "text")
    assert result.statuscode == 0 and result.warnings == []
    assert not (result.outdir / "_images").exists()
    assert "social cards" not in result.status


def _heads(outdir: Path) -> dict[str, str]:
    """Each page's <head>, whole: the card's tags and the JSON-LD naming it."""
    return {
        page.relative_to(outdir).as_posix(): page.read_text(encoding="utf-8").split("</head>")[0]
        for page in sorted(outdir.rglob("*.html"))
    }


def test_after_retitling_the_heads_are_those_of_a_clean_build(small_site: tuple[Site, Path]) -> None:
    site, root = small_site
    site.extra_conf = 'extensions.append("sphinxext.opengraph")\nogp_site_url = html_baseurl\n'
    site.write(root / "src")
    build(root / "src", root / "build")
    pillar = sorted(site.pillars)[0]
    site.pillars[pillar] = replace(site.pillars[pillar], title="Un pilier rebaptisé")
    slug = sorted(site.posts)[-1]
    site.posts[slug] = replace(site.posts[slug], title="Un titre : tout neuf ?")
    site.write(root / "src")
    incremental = build(root / "src", root / "build")
    clean = build(root / "src", root / "clean")
    assert _heads(incremental.outdir) == _heads(clean.outdir)
    # The same cards, to the byte: a card kept from the first build shows what a clean build draws.
    cards = {path.name: path.read_bytes() for path in sorted((clean.outdir / CARDS).iterdir())}
    assert {path.name: path.read_bytes() for path in sorted((incremental.outdir / CARDS).iterdir())} == cards


def test_a_card_file_gone_from_the_output_is_drawn_again_and_its_page_written(small_site: tuple[Site, Path]) -> None:
    _site, root = small_site
    first = build(root / "src", root / "build")
    (lost,) = [path for path in (first.outdir / CARDS).iterdir() if path.name.startswith("posts-")][:1]
    lost.unlink()
    again = build(root / "src", root / "build")
    assert _drawn(again) == (1, 7, 0) and lost.is_file()
    # Its page is written again: a page kind whose head names a card is never left naming a missing file.
    assert again.written == {"posts/" + lost.name.removeprefix("posts-").rsplit("-", 1)[0]}


def test_the_cards_bench_runs_and_reports_each_pass() -> None:
    result = subprocess.run(
        [sys.executable, str(PROJECT / "bench" / "cards.py"), "--posts", "4", "--pillars", "1"],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = result.stdout.splitlines()
    assert "5 drawn,     0 kept" in lines[1] and "0 drawn,     5 kept" in lines[2], result.stdout
    assert "1 drawn,     4 kept, 1 removed" in lines[3], result.stdout
