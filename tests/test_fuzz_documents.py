"""Fuzzing whole documents: any Unicode an editor pastes, anywhere, still publishes.

Random text (control characters, lone surrogates escaped in YAML, right-to-left
text, combining marks, emoji) goes into titles, summaries, headings, body
text and the file names of posts and of their pillar, on a small site built
for real.  Whatever it holds: the build never raises, every post with valid
front matter is in the posts index and in the site feed, every feed parses,
and every URL of the sitemap is a valid URI.  CI runs a few sites;
``EDITORIAL_FUZZ_DOCUMENTS=200`` searches longer.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import feedparser
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support.building import build
from support.sites import Site, make_pillar

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::DeprecationWarning")]

FUZZ = settings(
    max_examples=int(os.environ.get("EDITORIAL_FUZZ_DOCUMENTS", "12")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=os.environ.get("EDITORIAL_FUZZ_DOCUMENTS") is None,  # CI: the same sites on every run
)

#: What editors paste: XML-forbidden controls, a Word line break, bidi marks, combining marks, emoji.
PASTED = (
    "\x00\x01\x08\x0b\x0c\x0e\x1b\x1f\x7f\x85\ufffe\uffff\ufeff"
    "\u200b\u200e\u200f\u202a\u202e\u2028\u2029\u0301\u0327"
    "éàçÉœ«»’\u00a0\u202f—–…🚀👩🏽‍💻🇫🇷قيادة"
)
#: Characters with a meaning in Markdown or YAML, and plain letters.
SYNTAX = "abcXYZ019 -_'\".,:;!?()[]{}<>&*#`~|\\/%+="
text_characters = st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(PASTED + SYNTAX)
texts = st.text(text_characters, min_size=1, max_size=40)
#: YAML escapes: lone surrogates and controls reach the parsed value, not the file.
escaped_texts = st.lists(
    st.sampled_from(["\ud800", "\udfff", "\x0b", "\x00", "\x1b", "\uffff"]) | texts, min_size=1, max_size=4
).map("".join)

#: A file name: any character a file system takes, but none that hides the file or changes its folder.
file_characters = st.characters(
    codec="utf-8", exclude_categories=("Cs",), exclude_characters="/\x00"
) | st.sampled_from("éàÉ' -_ABC🚀\u0301\u202e\x0b")
file_names = (
    st.text(file_characters, min_size=1, max_size=16)
    .map(str.strip)
    .filter(lambda name: name and not name.startswith((".", "_")) and name != "index" and len(name.encode()) < 200)
)


@st.composite
def sites(draw: st.DrawFn) -> tuple[Site, dict[str, str]]:
    """A site of one fuzzed pillar and two to four fuzzed posts; also each post's file → its pillar."""
    pillar_slug = draw(file_names)
    site = Site(pillars={pillar_slug: make_pillar(pillar_slug, "Un pilier")}, extra_conf=SITEMAP)
    names = draw(st.lists(file_names, min_size=2, max_size=4, unique_by=str.casefold))
    for day, name in enumerate(names, start=1):
        front_matter = {
            "title": draw(escaped_texts),
            "date": f"2025-03-{day:02d}",
            "pillar": pillar_slug,
            "summary": draw(escaped_texts),
        }
        heading, body, subheading = draw(texts), draw(texts), draw(texts)
        block = yaml.safe_dump(front_matter, allow_unicode=True, sort_keys=False, width=10**6)
        site.raw[f"posts/{name}.md"] = f"---\n{block}---\n\n# {heading}\n\n{body}\n\n## {subheading}\n\n{draw(texts)}\n"
    return site, {f"posts/{name}.md": pillar_slug for name in names}


SITEMAP = 'extensions.append("sphinx_sitemap")\nsitemap_url_scheme = "{link}"\n'

#: RFC 3986: unreserved, reserved and percent-encoded characters only.
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def assert_valid_uri(url: str) -> None:
    assert _URI.fullmatch(url), f"not a valid URI: {url!r}"
    assert re.search(r"%(?![0-9A-Fa-f]{2})", url) is None, f"a stray %: {url!r}"
    assert urlsplit(url).netloc, url


def check_site(outdir: Path, posts: dict[str, str], warnings: str) -> None:
    for page in outdir.rglob("*.html"):
        assert _XML_FORBIDDEN.search(page.read_text(encoding="utf-8")) is None, page
    sitemap = ElementTree.parse(outdir / "sitemap.xml")
    locations = [element.text or "" for element in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    for url in locations:
        assert_valid_uri(url)
    decoded = {unquote(urlsplit(url).path) for url in locations}
    feeds = sorted((outdir / "feeds").rglob("atom.xml"))
    assert feeds, "no feed written"
    for feed in feeds:
        parsed = feedparser.parse(feed.read_bytes())
        assert not parsed.bozo, (feed, parsed.get("bozo_exception"))
        for entry in parsed.entries:
            assert_valid_uri(entry.link)
    site_feed = feedparser.parse((outdir / "feeds" / "atom.xml").read_bytes())
    fed = {unquote(urlsplit(entry.link).path) for entry in site_feed.entries}
    listed_page = (outdir / "posts" / "index.html").read_text(encoding="utf-8")
    listed = {unquote(href) for href in re.findall(r'href="([^"#]+\.html)"', listed_page)}
    for source in posts:
        page = source.removesuffix(".md") + ".html"
        if not (outdir / page).is_file():
            # A name Sphinx's file finder skips (a line break in it): named by a warning instead.
            assert f"{source!r} carries post front matter but Sphinx does not read it" in warnings, source
            continue
        assert f"/site/{page}" in decoded, f"{page} not in the sitemap"
        assert f"/site/{page}" in fed, f"{page} not in the site feed"
        assert page.removeprefix("posts/") in listed, f"{page} not in the posts index"


@FUZZ
@given(sites())
def test_any_text_anywhere_builds_lists_and_publishes(generated: tuple[Site, dict[str, str]]) -> None:
    site, posts = generated
    with tempfile.TemporaryDirectory() as folder:
        srcdir = Path(folder) / "src"
        srcdir.mkdir()
        site.write(srcdir)
        report = build(srcdir, Path(folder) / "build", "html", freshenv=True)
        check_site(report.outdir, posts, report.log)
