"""Reading what a build wrote: a page's blocks as readers see them, and whole outputs compared.

Pages are BeautifulSoup ``Tag`` s (``Build.page``) or HTML files; sources are
read back for the values a test expects (front matter by slug).
"""

from __future__ import annotations

import difflib
import html
import re
from datetime import date
from pathlib import Path

import yaml
from bs4 import Tag

from support.building import PROJECT

#: ``editorial_today`` of the test roots: what is dated after it is not published.
ROOT_TODAY = date(2026, 1, 1)


# -- a page's text and blocks ------------------------------------------------------


def article_html(page: Path) -> str:
    """The page's article body, without the theme around it."""
    text = page.read_text(encoding="utf-8")
    start = text.index("<article")
    return text[start : text.index("</article>", start)]


def visible_text(fragment: str) -> str:
    """Text a reader sees in an HTML fragment, whitespace collapsed."""
    without_tags = re.sub(r"<[^>]+>", " ", fragment)
    return re.sub(r"\s+", " ", html.unescape(without_tags)).strip()


def target(href: str) -> str:
    """The slug (and ``#anchor``) a link points to, whatever the builder's URL style."""
    path, _, anchor = href.partition("#")
    slug = path.rstrip("/").rsplit("/", 1)[-1].removesuffix(".html")
    return slug + (f"#{anchor}" if anchor else "")


def links(element: Tag) -> list[str]:
    """Targets of the internal links inside ``element``, in reading order."""
    found: list[str] = []
    for anchor in element.select("a.reference.internal[href]"):
        linked = target(anchor["href"])
        if not found or found[-1] != linked:  # a card may link its title twice
            found.append(linked)
    return found


def text_of(element: Tag) -> str:
    """The text a reader sees, whitespace collapsed, apostrophes typed plain."""
    return " ".join(element.get_text().split()).replace("\u2019", "'")


def only(element: Tag, selector: str) -> Tag:
    """The one element matching ``selector`` (fails if there are none or several)."""
    matches = element.select(selector)
    assert len(matches) == 1, f"{selector}: {len(matches)} matches"
    return matches[0]


def audience_counts(page: Tag) -> dict[str, int]:
    """Each audience of a pillar's audience block and its number of posts (French site)."""
    counts = {}
    for item in page.select(".editorial-primary li, .editorial-secondary li"):
        match = re.fullmatch(r"(.+) (\d+) articles?", text_of(item))
        assert match, text_of(item)
        counts[match[1]] = int(match[2])
    return counts


# -- sources: what a test expects ---------------------------------------------------


def post_files(root: Path) -> list[Path]:
    """The post sources ``posts/<slug>.md`` of the site in ``root``, sorted."""
    return sorted(path for path in (root / "posts").glob("*.md") if path.stem != "index")


def post_sources() -> list[Path]:
    """The real site's post sources, sorted."""
    return post_files(PROJECT)


def front_matters(root: Path) -> dict[str, dict]:
    """Each post's front matter as YAML reads it, by slug: the expected values of a test."""
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1]) for path in post_files(root)}


def published(root: Path, today: date = ROOT_TODAY) -> dict[str, dict]:
    """Posts a reader sees: neither drafts nor dated after ``today``."""
    return {
        slug: values
        for slug, values in front_matters(root).items()
        if not values.get("draft") and values["date"] <= today
    }


# -- whole outputs, compared between builds -------------------------------------------

#: Sphinx's toctree navigation in the <head>, refreshed only on the pages it re-writes.
_NAVIGATION_LINKS = re.compile(r'<link rel="(?:next|prev)"[^>]*>')


def page_contents(outdir: Path) -> dict[str, str]:
    """The <head> and the article body of every HTML page, by path.

    What readers, crawlers and feed readers get from a page, without the
    toctree navigation (sidebar, next/prev): see ``whole_outputs`` for pages
    compared with their navigation.
    """
    contents = {}
    for page in sorted(outdir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        head = _NAVIGATION_LINKS.sub("", text[text.index("<head>") : text.index("</head>")])
        body = article_html(page) if "<article" in text else text  # old archive addresses: bare redirects
        contents[page.relative_to(outdir).as_posix()] = f"{head}\n{body}"
    return contents


def feeds(outdir: Path) -> dict[str, str]:
    """Every Atom feed (and any other XML file) written, by path.

    Compared as they are: a feed's <updated> is its newest post's date, not
    the build time, so nothing in it legitimately differs between builds.
    """
    return {
        path.relative_to(outdir).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted([*outdir.rglob("*.xml"), *outdir.rglob("*.atom")])
    }


#: Outputs compared whole between an incremental and a clean build: pages, feeds, sitemap.
WHOLE_OUTPUTS = (".html", ".xml", ".atom")


def whole_outputs(outdir: Path) -> dict[str, str | bytes]:
    """Every page, feed and sitemap a build wrote, whole (navigation, head, footer), by path.

    Nothing is normalised: two builds of the same sources write the same
    bytes (Furo's asset ``?v=`` hashes come from the assets, not the build).
    """
    return {
        path.relative_to(outdir).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(outdir.rglob("*"))
        if path.suffix in WHOLE_OUTPUTS and path.is_file()
    }


def output_files(outdir: Path) -> dict[str, str | bytes]:
    """Every file a build wrote, doctrees aside; text files as text (readable diffs)."""
    found: dict[str, str | bytes] = {}
    for path in sorted(outdir.rglob("*")):
        relative = path.relative_to(outdir).as_posix()
        if path.is_file() and not relative.startswith(".doctrees/"):
            content = path.read_bytes()
            found[relative] = content.decode("utf-8") if path.suffix in (".html", ".xml", ".txt", ".js") else content
    return found


def first_difference(found: dict[str, str | bytes], expected: dict[str, str | bytes]) -> str:
    """A readable report of the first output that differs from ``expected`` ("" if none)."""
    for name, wanted in expected.items():
        got = found.get(name)
        if got is None:
            return f"{name}: missing"
        if got != wanted:
            if isinstance(wanted, bytes) or isinstance(got, bytes):
                return f"{name} differs ({len(wanted)} bytes expected, {len(got)} found)"
            diff = difflib.unified_diff(wanted.splitlines(), got.splitlines(), "expected", "found", lineterm="", n=2)
            return f"{name} differs:\n" + "\n".join(list(diff)[:60])
    extra = sorted(set(found) - set(expected))
    return f"unexpected files: {extra[:10]}" if extra else ""
