"""Reading what a built site gives readers, robots and feed readers: head tags, feeds, URLs."""

from __future__ import annotations

import json
import re
import runpy
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from support.building import PROJECT
from support.reading import post_sources

#: The address Read the Docs hands the build (not conf.py's default, so a test sees it is used).
READTHEDOCS_URL = "https://example-rtd.readthedocs.io/fr/stable/"
READTHEDOCS_ENV = {"READTHEDOCS": "True", "READTHEDOCS_CANONICAL_URL": READTHEDOCS_URL}

#: tests/roots/test-readers: its html_baseurl, and which posts a reader may see (editorial_today 2026-01-01).
READERS_URL = "https://carnet.example.org/"
READERS_PUBLISHED = {"posts/accueillir", "posts/choisir-une-base", "posts/deleguer", "posts/piege-script"}
READERS_UNPUBLISHED = {"posts/brouillon", "posts/a-venir"}

_JSON_LD = re.compile(r'<script type="application/ld\+json">(?P<data>.*?)</script>', re.S)


class _HeadTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("meta", "link"):
            self.tags.append((tag, {name: value or "" for name, value in attrs}))


class _Scripts(HTMLParser):
    """The text of every <script> element, split as a browser splits them."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._inside = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.scripts[-1] += data


def scripts(page: Path) -> list[str]:
    parser = _Scripts()
    parser.feed(page.read_text(encoding="utf-8"))
    return [script.strip() for script in parser.scripts]


def head_tags(page: Path) -> list[tuple[str, dict[str, str]]]:
    """The <meta> and <link> tags of a page's head, attributes unescaped."""
    text = page.read_text(encoding="utf-8")
    parser = _HeadTags()
    parser.feed(text[: text.index("</head>")])
    return parser.tags


def meta(page: Path, key: str) -> list[str]:
    """The contents of the <meta> tags whose name or property is ``key``."""
    return [
        attrs.get("content", "")
        for tag, attrs in head_tags(page)
        if tag == "meta" and key in (attrs.get("name"), attrs.get("property"))
    ]


def links(page: Path, rel: str) -> list[dict[str, str]]:
    return [attrs for tag, attrs in head_tags(page) if tag == "link" and attrs.get("rel") == rel]


def json_ld(page: Path) -> list[dict]:
    """Every JSON-LD block of the page, parsed: a break-out would make one fail to parse."""
    return [json.loads(match["data"]) for match in _JSON_LD.finditer(page.read_text(encoding="utf-8"))]


def built_page(outdir: Path, base: str, url: str) -> Path:
    """The file a static server answers for ``url`` (query and fragment ignored)."""
    assert url.startswith(base), f"{url} is not under {base}"
    path = urlsplit(url[len(base) :]).path
    if path == "" or path.endswith("/"):
        path += "index.html"
    return outdir / path


def docname_of(outdir: Path, page: Path) -> str:
    """posts/x.html and posts/x/index.html are both the document posts/x."""
    relative = page.relative_to(outdir).with_suffix("").as_posix()
    return relative.removesuffix("/index") if relative != "index" else relative


def configured_base() -> str:
    """The html_baseurl conf.py gives a build in this test's environment."""
    return runpy.run_path(str(PROJECT / "conf.py"))["html_baseurl"]


def real_posts() -> dict[str, dict]:
    """Each real post's front matter, by docname."""
    found = {}
    for path in post_sources():
        header = path.read_text(encoding="utf-8").split("---", 2)[1]
        found[f"posts/{path.stem}"] = yaml.safe_load(header)
    return found


def is_published(front_matter: dict, today: date) -> bool:
    return not front_matter.get("draft") and front_matter["date"] <= today


def feed_links(page: Path) -> dict[str, Path]:
    """The Atom feeds a page announces (title → the file its relative href points at)."""
    return {
        attrs["title"]: (page.parent / attrs["href"]).resolve()
        for attrs in links(page, "alternate")
        if attrs.get("type") == "application/atom+xml"
    }
