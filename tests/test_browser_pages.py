"""The designed pages in a real browser: phone and desktop, light and dark.

The real site (built once per session by ``site_html``) is served locally and
opened in headless Chromium at 390 px and 1280 px, with the system colour
scheme light or dark (Furo follows ``prefers-color-scheme``).  Each page is
visited once per case; the checks then read what that visit recorded: no
horizontal scroll, every block on screen, no console error, a heading outline
without gaps, and an axe-core audit without serious or critical violations.
Screenshots go to ``_build/screenshots/<page>-<width>-<scheme>.png``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

from support.browser import serve
from support.building import PROJECT

SCREENSHOTS = PROJECT / "_build" / "screenshots"
PILLAR_SOURCE = PROJECT / "pillars" / "le-role-du-cto.md"
STYLESHEET = PROJECT / "_ext" / "editorial" / "static" / "editorial.css"

PAGES = {
    "home": "index.html",
    "pillar": "pillars/le-role-du-cto.html",
    "post": "posts/dire-non-quand-tous-attendent-oui.html",
    "posts": "posts/index.html",
    "series": "series/prendre-son-poste.html",
    "archive": "posts/index.html?pillar=le-role-du-cto",
    "author": "authors/claire-vasseur.html",
    "authors": "authors/index.html",
    "404": "404.html",
    # With a query: the results Sphinx's script writes are audited too.
    "search": "search.html?q=CTO",
}
WIDTHS = (390, 1280)
SCHEMES = ("light", "dark")

#: The blocks each page must show, as CSS selectors of their containers.
BLOCKS = {
    "home": (".editorial-latest", ".editorial-latest .editorial-card"),
    "pillar": (
        ".editorial-audience",
        ".editorial-audience-group",
        ".editorial-tension",
        ".editorial-start-here",
        ".editorial-entry-point",
        ".editorial-latest",
        ".editorial-latest .editorial-card",
        ".editorial-series-card",
    ),
    "series": (".editorial-series-summary", ".editorial-series-parts", ".editorial-part"),
    "post": (
        ".editorial-post-header",
        ".editorial-labels",
        ".editorial-post-footer",
        ".editorial-related .editorial-card",
        ".editorial-prev-next > li",
    ),
    "posts": (".editorial-archive", ".editorial-archive-group", ".editorial-archive-list > li"),
    "archive": (".editorial-archive", ".editorial-archive-list > li"),
    "author": (".editorial-author-header", ".editorial-author-address", ".editorial-archive-list > li"),
    "authors": (".editorial-authors", ".editorial-author-card"),
    "404": ("article h1",),
    "search": ("#search-results li",),
}

SERIOUS = {"serious", "critical"}

_MEASURE = """(selectors) => {
  const box = (element) => {
    const rect = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    return {left: rect.left, right: rect.right, width: rect.width, height: rect.height,
            shown: style.display !== "none" && style.visibility !== "hidden" && style.opacity !== "0"};
  };
  const blocks = {};
  for (const selector of selectors) {
    blocks[selector] = [...document.querySelectorAll(selector)].map(box);
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    viewportWidth: window.innerWidth,
    dark: matchMedia("(prefers-color-scheme: dark)").matches,
    background: getComputedStyle(document.body).backgroundColor,
    // Furo's right-hand table of contents (off-screen in its drawer below 82em, measured all the same).
    tocLinks: [...document.querySelectorAll(".toc-tree a.reference")]
      .filter((link) => getComputedStyle(link).display !== "none")
      .map((link) => [link.textContent.trim(), link.getBoundingClientRect().width, link.getBoundingClientRect().height]),
    headings: [...document.querySelectorAll("article h1, article h2, article h3, article h4, article h5, article h6")]
      .map((heading) => [Number(heading.tagName[1]), heading.textContent.trim()]),
    blocks,
  };
}"""


class Case(NamedTuple):
    page: str
    width: int
    scheme: str

    @property
    def name(self) -> str:
        return f"{self.page}-{self.width}-{self.scheme}"


class Visit(NamedTuple):
    """What one page showed in one browser setting."""

    measures: dict
    console_errors: list[str]
    violations: list[dict]
    screenshot: Path


CASES = [Case(page, width, scheme) for page in PAGES for width in WIDTHS for scheme in SCHEMES]
CASE_IDS = [case.name for case in CASES]


@pytest.fixture(scope="module")
def site_url(site_html: Path) -> Iterator[str]:
    with serve(site_html) as url:
        yield url


@pytest.fixture(scope="module")
def visit(chromium, site_url: str) -> Callable[[Case], Visit]:
    """Opens each case once and remembers what it found, for every check below."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    visits: dict[Case, Visit] = {}

    def open_case(case: Case) -> Visit:
        if case not in visits:
            visits[case] = _visit(chromium, axe, site_url, case)
        return visits[case]

    return open_case


def _visit(chromium, axe, site_url: str, case: Case) -> Visit:
    context = chromium.new_context(viewport={"width": case.width, "height": 900}, color_scheme=case.scheme)
    # Nothing is stubbed: Chromium asks for /favicon.ico only where a page names
    # no icon, and that 404 would be a console error like any failed load.
    page = context.new_page()
    console_errors: list[str] = []
    page.on("console", lambda message: console_errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: console_errors.append(str(error)))
    page.on(
        "response",
        lambda response: console_errors.append(f"{response.status} {response.url}") if response.status >= 400 else None,
    )
    try:
        page.goto(site_url + PAGES[case.page], wait_until="load")
        if case.page == "search":
            page.wait_for_selector("#search-results li")
        measures = page.evaluate(_MEASURE, list(BLOCKS[case.page]))
        screenshot = SCREENSHOTS / f"{case.name}.png"
        page.screenshot(path=str(screenshot), full_page=True)
        # target-size (WCAG 2.2 AA) is off in axe's defaults: asked for.
        results = axe.run(page, options={"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}})
    finally:
        context.close()
    return Visit(measures, console_errors, results.response["violations"], screenshot)


def _serious(violations: list[dict]) -> list[str]:
    """Serious or critical violations, every node of them: nothing is set aside."""
    return [
        f"{violation['id']} ({violation['impact']}): {node['target']} {node['html'][:120]}"
        for violation in violations
        if violation["impact"] in SERIOUS
        for node in violation["nodes"]
    ]


@pytest.mark.browser
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_page_opens_in_the_requested_scheme(visit: Callable[[Case], Visit], case: Case) -> None:
    visited = visit(case)
    assert visited.measures["dark"] is (case.scheme == "dark")
    red, green, blue = (int(value) for value in re.findall(r"\d+", visited.measures["background"])[:3])
    assert (red + green + blue < 3 * 128) is (case.scheme == "dark"), "Furo did not follow the colour scheme"
    assert visited.measures["viewportWidth"] == case.width
    assert visited.screenshot.is_file()


@pytest.mark.browser
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_no_horizontal_scroll(visit: Callable[[Case], Visit], case: Case) -> None:
    measures = visit(case).measures
    assert measures["scrollWidth"] <= measures["viewportWidth"]


@pytest.mark.browser
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_every_block_is_visible_and_inside_the_screen(visit: Callable[[Case], Visit], case: Case) -> None:
    # Furo's content column scrolls sideways on its own (overflow-x: auto), so
    # a too-wide block would not widen the document: check each box as well.
    measures = visit(case).measures
    for selector, boxes in measures["blocks"].items():
        assert boxes, f"{selector}: missing"
        for box in boxes:
            assert box["shown"] and box["width"] > 0 and box["height"] > 0, (selector, box)
            assert box["left"] >= 0 and box["right"] <= measures["viewportWidth"], (selector, box)


@pytest.mark.browser
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_no_console_error(visit: Callable[[Case], Visit], case: Case) -> None:
    errors = visit(case).console_errors
    assert not errors, "\n".join(errors)


@pytest.mark.browser
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_heading_outline_skips_no_level(visit: Callable[[Case], Visit], case: Case) -> None:
    headings = visit(case).measures["headings"]
    assert headings and headings[0][0] == 1, headings
    for (previous, _), (level, text) in itertools.pairwise(headings):
        assert level <= previous + 1, f"h{previous} then h{level} ({text!r})"


@pytest.mark.browser
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_no_serious_accessibility_violation(visit: Callable[[Case], Visit], case: Case) -> None:
    violations = _serious(visit(case).violations)
    assert not violations, "\n".join(violations)


@pytest.mark.browser
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_table_of_contents_links_are_24_px_targets(visit: Callable[[Case], Visit], case: Case) -> None:
    for text, width, height in visit(case).measures["tocLinks"]:
        assert width >= 24 and height >= 24, (text, width, height)


@pytest.mark.browser
def test_pillar_shows_one_card_per_situation_and_one_block_per_tension(visit: Callable[[Case], Visit]) -> None:
    from editorial.frontmatter import read_front_matter
    from editorial.model import read_pillar

    front_matter = read_front_matter(PILLAR_SOURCE.read_text(encoding="utf-8"))
    pillar, _ = read_pillar("pillars/le-role-du-cto", front_matter.values, front_matter.lines, "")
    blocks = visit(Case("pillar", 390, "light")).measures["blocks"]
    assert len(blocks[".editorial-entry-point"]) == len(pillar.start_here)
    assert len(blocks[".editorial-tension"]) == len(pillar.tensions)


def test_stylesheet_takes_every_colour_from_the_theme() -> None:
    """Colours come from Furo's variables, so light and dark both follow."""
    rules = re.sub(r"/\*.*?\*/", "", STYLESHEET.read_text(encoding="utf-8"), flags=re.S)
    literals = re.findall(
        r"#[0-9a-fA-F]{3,8}\b|\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(|(?<![-\w])(?:white|black)(?![-\w])",
        rules,
    )
    assert literals == []
    assert "var(--color-" in rules
