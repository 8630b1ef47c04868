"""Blocks of any size: a card grid has as many columns as cards, up to three (four: two by two); an empty block says so once.

The browser half (``test_browser_block_sizes.py``) measures the same site at
390 and 1280 px; this half reads the classes the build wrote.
"""

from __future__ import annotations

import pytest

from editorial.render import grid_columns
from support.building import Build, build
from support.sites import BLOCK_SIZES, block_sizes_site

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    srcdir = tmp_path_factory.mktemp("block-sizes")
    block_sizes_site().write(srcdir)
    return build(srcdir, srcdir / "_build")


def wide_columns(row_classes: list[str]) -> int:
    """The columns a row shows on a wide screen (sphinx-design's largest ``sd-row-cols-*``)."""
    return int([name for name in row_classes if name.startswith("sd-row-cols-")][-1].rsplit("-", 1)[1])


@pytest.mark.parametrize(("cards", "columns"), [(0, 1), (1, 1), (2, 2), (3, 3), (4, 2), (5, 3), (12, 3)])
def test_a_grid_has_as_many_columns_as_cards_up_to_three(cards: int, columns: int) -> None:
    classes = grid_columns(cards)
    assert classes[0] == "sd-row-cols-1"
    assert wide_columns(list(classes)) == columns


def test_the_site_builds_without_warning(built: Build) -> None:
    assert built.warnings == []


@pytest.mark.parametrize("block", ["editorial-latest", "editorial-start-here", "editorial-related"])
def test_each_grid_of_the_site_has_one_column_per_card_up_to_three(built: Build, block: str) -> None:
    docnames = [f"pillars/{slug}" for slug in BLOCK_SIZES] + [f"posts/{slug}-1" for slug, n in BLOCK_SIZES.items() if n]
    seen = set()
    for docname in docnames:
        for grid in built.page(docname).select(f".editorial-grid.{block}"):
            row = grid.select_one(".sd-row")
            cards = len(row.find_all(class_="sd-col", recursive=False))
            assert wide_columns(row["class"]) == (2 if cards == 4 else min(cards, 3)), (docname, cards)
            assert ("editorial-grid-single" in grid["class"]) == (cards == 1), docname
            seen.add(min(cards, 3))
    assert seen >= {1, 2, 3}


def test_an_empty_pillar_shows_each_notice_once_and_no_grid(built: Build) -> None:
    page = built.page("pillars/vide")
    assert page.select(".editorial-grid") == []
    notices = [notice.get_text() for notice in page.select(".editorial-empty")]
    assert notices.count("Aucun article pour l’instant.") == 2  # entry points, latest posts
    assert notices.count("Aucun article n’aborde encore cette tension.") == 3


def test_a_tension_no_post_addresses_says_so(built: Build) -> None:
    for slug in BLOCK_SIZES:
        tensions = built.page(f"pillars/{slug}").select(".editorial-tension")
        assert "editorial-empty" in tensions[-1].select_one(".editorial-tension-posts")["class"], slug
