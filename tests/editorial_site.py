"""The editorial test roots: built in-process, read as pages, links and warnings.

Several test modules read the same build (the html build of
``tests/roots/test-editorial``), so builds without a source copy are kept
for the whole session, keyed by their parameters; each one writes to its own
folder, so no build overwrites the output another test is reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

ROOTS = Path(__file__).resolve().parent / "roots"
#: ``editorial_today`` of the test roots: what is dated after it is not published.
ROOT_TODAY = date(2026, 1, 1)

_WARNING = re.compile(r"^(?P<file>\S[^\n]*?):(?:(?P<line>\d+):)? WARNING: (?P<message>.*?)(?: \[(?P<kind>[\w.:-]+)\])?$")


class BuildWarning(NamedTuple):
    """One warning of a build: its file (relative to the source folder), line and kind."""

    file: str
    line: int | None
    kind: str
    message: str


@dataclass(frozen=True)
class Build:
    """What a finished build left: its folders, its log and its exit status."""

    srcdir: Path
    outdir: Path
    log: str
    statuscode: int

    @property
    def warnings(self) -> list[BuildWarning]:
        found = []
        for line in strip_colors(self.log).splitlines():
            match = _WARNING.match(line)
            if match:
                path = Path(match["file"])
                relative = path.relative_to(self.srcdir).as_posix() if path.is_relative_to(self.srcdir) else match["file"]
                number = int(match["line"]) if match["line"] else None
                found.append(BuildWarning(relative, number, match["kind"] or "", match["message"]))
        return found

    def page(self, docname: str) -> Tag:
        """The main content of an HTML page (without the theme around it)."""
        soup = BeautifulSoup((self.outdir / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")
        main = soup.select_one('[role="main"]')
        assert main is not None, docname
        return main


def run_build(srcdir: Path, builddir: Path, builder: str = "html", **options: Any) -> Build:
    """Build ``srcdir`` from scratch in this process (``options`` go to ``SphinxTestApp``)."""
    app = SphinxTestApp(builder, srcdir=srcdir, builddir=builddir, freshenv=True, **options)
    try:
        app.build()
        return Build(srcdir, Path(app.outdir), app.warning.getvalue(), app.statuscode)
    finally:
        app.cleanup()


_shared: dict[str, Build] = {}


def shared_build(tmp_path_factory: pytest.TempPathFactory, testroot: str, builder: str = "html", **confoverrides: Any) -> Build:
    """The build of ``tests/roots/test-<testroot>``, made once per session for these parameters."""
    key = repr((testroot, builder, sorted(confoverrides.items())))
    if key not in _shared:
        builddir = tmp_path_factory.mktemp(f"{testroot}-{builder}")
        _shared[key] = run_build(ROOTS / f"test-{testroot}", builddir, builder, confoverrides=confoverrides)
    return _shared[key]


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


def post_files(root: Path) -> list[Path]:
    return sorted(path for path in (root / "posts").glob("*.md") if path.stem != "index")


def audience_counts(page: Tag) -> dict[str, int]:
    """Each audience of a pillar's audience block and its number of posts (French site)."""
    counts = {}
    for item in page.select(".editorial-primary li, .editorial-secondary li"):
        match = re.fullmatch(r"(.+) (\d+) articles?", text_of(item))
        assert match, text_of(item)
        counts[match[1]] = int(match[2])
    return counts


def front_matters(root: Path) -> dict[str, dict]:
    """Each post's front matter as YAML reads it, by slug: the expected values of a test."""
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1]) for path in post_files(root)}


def published(root: Path, today: date = ROOT_TODAY) -> dict[str, dict]:
    """Posts a reader sees: neither drafts nor dated after ``today``."""
    return {slug: values for slug, values in front_matters(root).items() if not values.get("draft") and values["date"] <= today}
