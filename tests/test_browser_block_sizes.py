"""Blocks of 0, 1, 2, 3 and many items in headless Chromium, at 390 and 1280 px.

Each card grid's first row is filled by its cards (no empty column), a
single card keeps a readable width, the filtered posts index shows one
heading, no page scrolls sideways.  Screenshots go to
``_build/screenshots/blocks-<page>-<width>.png``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from support.browser import serve
from support.building import PROJECT, build
from support.sites import BLOCK_SIZES, block_sizes_site

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore::DeprecationWarning")]

SCREENSHOTS = PROJECT / "_build" / "screenshots"
WIDTHS = (390, 1280)
PAGES = [f"pillars/{slug}" for slug in BLOCK_SIZES] + [f"posts/{slug}-1" for slug, n in BLOCK_SIZES.items() if n > 1]
#: A single card's widest box: a readable line, not the page's width.
SINGLE_CARD_MAX_WIDTH = 600

#: Per visible grid: the row's width, its first row's columns' widths, its card count.
_MEASURE = """() => ({
  scrollWidth: document.documentElement.scrollWidth,
  viewportWidth: window.innerWidth,
  grids: [...document.querySelectorAll('.editorial-grid')].filter(grid => grid.checkVisibility()).map(grid => {
    const row = grid.querySelector('.sd-row');
    const columns = [...row.children].map(column => column.getBoundingClientRect());
    const top = columns[0].top;
    return {
      rowWidth: row.getBoundingClientRect().width,
      gridWidth: grid.getBoundingClientRect().width,
      firstRow: columns.filter(box => Math.abs(box.top - top) < 1).map(box => box.width),
      cards: columns.length,
    };
  }),
})"""


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    srcdir = tmp_path_factory.mktemp("block-sizes-browser")
    block_sizes_site().write(srcdir)
    built = build(srcdir, srcdir / "_build")
    assert built.warnings == []
    with serve(built.outdir) as base:
        yield base


def measure(chromium, url: str, width: int, screenshot: str) -> dict:
    context = chromium.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(url, wait_until="load")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"blocks-{screenshot}-{width}.png"), full_page=True)
        return page.evaluate(_MEASURE)
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("docname", PAGES)
def test_each_grid_row_is_filled_by_its_cards(chromium, site_url: str, docname: str, width: int) -> None:
    measures = measure(chromium, f"{site_url}{docname}.html", width, docname.replace("/", "-"))
    assert measures["scrollWidth"] <= measures["viewportWidth"]
    for grid in measures["grids"]:
        assert sum(grid["firstRow"]) == pytest.approx(grid["rowWidth"], abs=2), (docname, grid)
        if grid["cards"] == 1:
            assert grid["gridWidth"] <= SINGLE_CARD_MAX_WIDTH, (docname, grid)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("pillar", [slug for slug, n in BLOCK_SIZES.items() if n])
def test_the_filtered_index_shows_one_heading(chromium, site_url: str, pillar: str, width: int) -> None:
    context = chromium.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{site_url}posts/?pillar={pillar}", wait_until="load")
        page.screenshot(path=str(SCREENSHOTS / f"blocks-filtered-{pillar}-{width}.png"), full_page=True)
        headings = page.locator("article h2").evaluate_all(
            "headings => headings.filter(h => h.checkVisibility()).map(h => h.textContent.trim())"
        )
        scroll = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    finally:
        context.close()
    assert headings == [f"Articles du pilier « Pilier {pillar} »"]
    assert scroll <= 0
