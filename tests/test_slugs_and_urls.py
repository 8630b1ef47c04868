"""File names that are not slugs: warned about, and every URL the site writes stays a valid URI.

``posts/décider-à-l'été.md`` once built without a word, and the sitemap,
``og:url``, JSON-LD and feed ids carried its raw accents and apostrophe.
The real site is built here with such files beside its own (a post with
accents and an apostrophe, one with spaces and capitals, one with "?", one
with "%", a pillar "Équipe Tech"), at an address given without its final
slash, as Read the Docs builds it (dirhtml) and as ``make html`` does.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree

import feedparser
import pytest

from editorial.model import file_name_problems, post_slug, slugify
from editorial.views import PILLAR_ANCHOR, key_anchor
from support.building import PROJECT, run_sphinx_command
from support.metadata import json_ld, links, meta
from support.sites import copy_real_site

SITE_URL = "https://example.org/blog"
BASE = "https://example.org/blog/"
NODE = "/usr/bin/node"
FILTER_SCRIPT = PROJECT / "_ext" / "editorial" / "static" / "pillar-filter.js"

#: Odd source file → its suggested slug.
ODD_FILES = {
    "posts/décider-à-l'été.md": "decider-a-l-ete",
    "posts/Mon Article.md": "mon-article",
    "posts/pourquoi pas ?.md": "pourquoi-pas",
    "posts/100%-vrai.md": "100-vrai",
    "pillars/Équipe Tech.md": "equipe-tech",
}
ODD_PILLAR = "Équipe Tech"

#: What a URI may hold (RFC 3986): unreserved, reserved and "%" starting an escape.
_URI = re.compile(r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*")
_LOC = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
_CONTENT_URL = re.compile(r"""\b(?:href|src)=(["'])(.*?)\1""")


def _post(title: str, pillar: str, day: str, body: str = "") -> str:
    return (
        f'---\ntitle: "{title}"\ndate: {day}\npillar: {pillar}\nsummary: "Un résumé."\naudience: [cto]\n---\n\n'
        f"# {title}\n\nUn texte court.\n{body}"
    )


_ODD_PILLAR_PAGE = """\
---
type: pillar
title: Équipe tech
orphan: true
audience:
  primary:
    - {id: cto, label: CTO}
---

# Équipe tech

```{latest-posts}
```

→ [Tous les articles du pilier](/posts/?pillar=%C3%89quipe-Tech)
"""


def _add_odd_files(srcdir: Path) -> None:
    sources = {
        "posts/décider-à-l'été.md": _post("Décider à l'été", "le-role-du-cto", "2025-10-02"),
        "posts/Mon Article.md": _post(
            "Mon article en capitales", "le-role-du-cto", "2025-10-03", "\nVoir {post}`décider-à-l'été`.\n"
        ),
        "posts/pourquoi pas ?.md": _post("Pourquoi pas", "le-role-du-cto", "2025-10-04"),
        "posts/100%-vrai.md": _post("Cent pour cent", ODD_PILLAR, "2025-10-05"),
        "posts/recruter-en-equipe.md": _post(
            "Recruter en équipe", ODD_PILLAR, "2025-10-06", "\nVoir {post}`Mon Article`.\n"
        ),
        "pillars/Équipe Tech.md": _ODD_PILLAR_PAGE,
    }
    for relative, text in sources.items():
        (srcdir / relative).write_text(text, encoding="utf-8")


@pytest.fixture(scope="module", params=["dirhtml", "html"])
def odd_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """(output folder, builder, log) of the real site plus the odd files, at ``SITE_URL`` without its slash."""
    builder = request.param
    root = tmp_path_factory.mktemp(f"odd-{builder}")
    srcdir = copy_real_site(root / "src")
    _add_odd_files(srcdir)
    environment = {"SITE_URL": SITE_URL, "READTHEDOCS": "", "READTHEDOCS_CANONICAL_URL": ""}
    result = run_sphinx_command(srcdir, root / "out", builder, "-E", "--keep-going", env=environment)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    return root / "out", builder, result.stderr


def _docname(relative: str) -> str:
    return relative.removesuffix(".md")


def _page(outdir: Path, builder: str, docname: str) -> Path:
    if builder == "html":
        return outdir / f"{docname}.html"
    return outdir / ("index.html" if docname == "index" else f"{docname.removesuffix('/index')}/index.html")


def _target(builder: str, docname: str) -> str:
    if builder == "html":
        return f"{docname}.html"
    return "" if docname == "index" else f"{docname.removesuffix('/index')}/"


def _address(builder: str, docname: str) -> str:
    return BASE + "/".join(_escaped(part) for part in _target(builder, docname).split("/"))


def _escaped(part: str) -> str:
    """The percent-encoding the test expects, written out (not the code under test)."""
    return "".join(
        char if re.fullmatch(r"[A-Za-z0-9\-._~]", char) else "".join(f"%{byte:02X}" for byte in char.encode())
        for char in part
    )


def _assert_uri(url: str, where: str) -> None:
    assert _URI.fullmatch(url), f"{where}: {url!r} is not a valid URI"


def _served_file(outdir: Path, url: str) -> Path:
    """The file a static server answers for an absolute URL under BASE."""
    assert url.startswith(BASE), url
    path = unquote(urlsplit(url).path)[len(urlsplit(BASE).path) :]
    return outdir / (path + "index.html" if path == "" or path.endswith("/") else path)


# -- warnings -----------------------------------------------------------------


@pytest.mark.parametrize(("relative", "suggestion"), sorted(ODD_FILES.items()))
def test_a_file_name_that_is_not_a_slug_is_warned_about_with_its_slug(
    odd_site: tuple[Path, str, str], relative: str, suggestion: str
) -> None:
    _outdir, _builder, log = odd_site
    found = [line for line in log.splitlines() if line.endswith("[editorial.slug]") and f"/{relative}:" in line]
    assert len(found) == 1, found
    assert f"{relative}:1: WARNING: file name " in found[0]
    assert f"rename it to '{suggestion}'" in found[0]


def test_slugs_get_no_slug_warning(odd_site: tuple[Path, str, str]) -> None:
    _outdir, _builder, log = odd_site
    warned = [line for line in log.splitlines() if line.endswith("[editorial.slug]")]
    assert len(warned) == len(ODD_FILES), warned


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("decider-a-l-ete", None),
        ("2025-bilan", None),
        ("décider-à-l'été", "decider-a-l-ete"),
        ("Mon Article", "mon-article"),
        ("mon_article", "mon-article"),
        ("Cœur d’équipe", "coeur-d-equipe"),
        ("double--tiret", "double-tiret"),
        ("-tiret-en-tete", "tiret-en-tete"),
        ("🚀", ""),
    ],
)
def test_file_name_problem_suggests_a_slug(name: str, expected: str | None) -> None:
    problems = file_name_problems(name)
    if expected is None:
        assert problems == []
        return
    (problem,) = problems
    assert problem.subtype.value == "slug" and problem.field is None
    assert (f"rename it to {expected!r}" if expected else "lower-case ASCII letters") in problem.message


@pytest.mark.parametrize(
    ("docname", "slug"),
    [
        ("posts/dire-non", "dire-non"),
        ("posts/dire-non/index", "dire-non"),
        ("pillars/Équipe Tech", "Équipe Tech"),
        ("index", "index"),
    ],
)
def test_the_slug_of_a_page_comes_from_its_docname(docname: str, slug: str) -> None:
    assert post_slug(docname) == slug


# -- every URL ----------------------------------------------------------------


def _sitemap(outdir: Path) -> list[str]:
    return [loc.text or "" for loc in ElementTree.parse(outdir / "sitemap.xml").getroot().iter(_LOC)]


def _head_urls(page: Path) -> dict[str, list[str]]:
    urls = {
        "canonical": [attrs["href"] for attrs in links(page, "canonical")],
        "og:url": meta(page, "og:url"),
        "alternate": [attrs["href"] for attrs in links(page, "alternate")],
    }
    urls["json-ld"] = [
        value for data in json_ld(page) for key, value in data.items() if key in ("url", "@id", "mainEntityOfPage")
    ]
    return urls


def _feed_urls(outdir: Path) -> list[tuple[str, str]]:
    """(where, URL) of every address in every feed: ids, links, entry texts' links."""
    found = []
    for path in sorted((outdir / "feeds").rglob("atom.xml")):
        feed = feedparser.parse(path.read_bytes())
        found += [(f"{path} id", feed.feed.id)] + [(f"{path} link", link.href) for link in feed.feed.links]
        for entry in feed.entries:
            found += [(f"{path} entry link", link.href) for link in entry.links]
            found += [
                (f"{path} content", url)
                for content in entry.content
                for _quote, url in _CONTENT_URL.findall(content.value)
            ]
    return found


def test_every_url_written_is_a_valid_uri(odd_site: tuple[Path, str, str]) -> None:
    outdir, _builder, _log = odd_site
    for url in _sitemap(outdir):
        _assert_uri(url, "sitemap")
        assert _served_file(outdir, url).is_file(), url
    (sitemap_line,) = [
        line for line in (outdir / "robots.txt").read_text(encoding="utf-8").splitlines() if line.startswith("Sitemap:")
    ]
    assert sitemap_line == f"Sitemap: {BASE}sitemap.xml"
    pages = [page for page in outdir.rglob("*.html") if "_static" not in page.parts]
    assert len(pages) > 15
    for page in pages:
        for kind, urls in _head_urls(page).items():
            for url in urls:
                _assert_uri(url, f"{page} {kind}")
                absolute = urljoin(BASE + page.relative_to(outdir).as_posix(), url)
                if kind == "alternate":
                    assert (page.parent / unquote(url)).resolve().is_file() or _served_file(
                        outdir, absolute
                    ).is_file(), (page, url)
                else:
                    assert url.startswith(BASE), (page, kind, url)
    for where, url in _feed_urls(outdir):
        _assert_uri(url, where)
        if url.startswith(BASE):
            assert _served_file(outdir, url.partition("#")[0]).is_file(), (where, url)


@pytest.mark.parametrize("relative", sorted(ODD_FILES))
def test_an_odd_page_is_at_its_encoded_address_everywhere(odd_site: tuple[Path, str, str], relative: str) -> None:
    outdir, builder, _log = odd_site
    docname = _docname(relative)
    address = _address(builder, docname)
    assert address in _sitemap(outdir)
    page = _page(outdir, builder, docname)
    urls = _head_urls(page)
    assert urls["canonical"] == [address] and urls["og:url"] == [address]
    if docname.startswith("posts/"):
        assert set(urls["json-ld"]) == {address}
    assert _served_file(outdir, address) == page


def test_feeds_name_odd_posts_by_their_encoded_addresses(odd_site: tuple[Path, str, str]) -> None:
    outdir, builder, _log = odd_site
    site_feed = feedparser.parse((outdir / "feeds" / "atom.xml").read_bytes())
    entries = {entry.title.replace("\u2019", "'"): entry for entry in site_feed.entries}
    accents = entries["Décider à l'été"]
    assert accents.link == _address(builder, "posts/décider-à-l'été")
    # The site's editorial_feed_id_authority, whatever address it is built for (test_feed_ids.py).
    assert accents.id == "tag:leadership-technique.fr,2025:posts/d%C3%A9cider-%C3%A0-l%27%C3%A9t%C3%A9"
    assert entries["Pourquoi pas"].id == "tag:leadership-technique.fr,2025:posts/pourquoi%20pas%20%3F"
    capitals_text = entries["Mon article en capitales"].content[0].value
    assert _address(builder, "posts/décider-à-l'été") in [url for _quote, url in _CONTENT_URL.findall(capitals_text)]
    pillar_feed = outdir / "feeds" / ODD_PILLAR / "atom.xml"
    assert pillar_feed.is_file()
    assert feedparser.parse(pillar_feed.read_bytes()).feed.id == f"{BASE}feeds/%C3%89quipe%20Tech/atom.xml"


# -- one rule for the keys the pages and the script share ----------------------

KEYS = [
    "le-role-du-cto",
    "Le-Rôle-du-CTO",
    "Équipe Tech",
    "ÉQUIPE   TECH",
    "équipe-tech",
    "décider-à-l'été",
    "L’équipe",
    "Cœur d’ŒUVRE",
    "Straße",
    "under_score",
    "  espaces  ",
    "tab\tet\nligne",
    "emoji 🚀 fusée",
    "🚀",
    "",
    "ﬁn ①",
    "e\u0301te\u0301",
    "日本語",
    "100 % vrai",
    "<script>alert(1)</script>",
    "2025",
]


def _node_keys(texts: list[str]) -> list[str]:
    program = (
        f"const {{ slugKey }} = require({json.dumps(str(FILTER_SCRIPT))});"
        "const texts = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(texts.map(slugKey)));"
    )
    result = subprocess.run([NODE, "-e", program], input=json.dumps(texts), capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


@pytest.mark.skipif(not Path(NODE).is_file(), reason="node is not installed at /usr/bin/node")
def test_the_script_and_the_extension_normalise_keys_alike() -> None:
    assert dict(zip(KEYS, _node_keys(KEYS), strict=True)) == {text: slugify(text) for text in KEYS}


@pytest.mark.skipif(not Path(NODE).is_file(), reason="node is not installed at /usr/bin/node")
def test_a_pillar_asked_in_any_spelling_finds_its_group(odd_site: tuple[Path, str, str]) -> None:
    outdir, builder, _log = odd_site
    listing = _page(outdir, builder, "posts/index").read_text(encoding="utf-8")
    (prefix,) = re.findall(r'<script data-anchor-prefix="([^"]*)"[^>]*pillar-filter\.js', listing)
    ids = set(re.findall(r'<div class="[^"]*editorial-archive-group[^"]*" id="([^"]*)"', listing))
    assert (
        ids
        == {key_anchor(PILLAR_ANCHOR, "le-role-du-cto"), key_anchor(PILLAR_ANCHOR, ODD_PILLAR)}
        == {"pilier-le-role-du-cto", "pilier-equipe-tech"}
    )
    asked = ["Équipe Tech", "équipe-tech", "EQUIPE TECH", "%C3%89quipe-Tech", "Le-Rôle-du-CTO", "le_role_du_cto"]
    keys = _node_keys([unquote(value) for value in asked])
    assert {prefix + key for key in keys} == ids


def test_an_old_pillar_link_in_any_spelling_reaches_its_group(odd_site: tuple[Path, str, str]) -> None:
    outdir, builder, log = odd_site
    assert "xref_missing" not in log
    page = _page(outdir, builder, f"pillars/{ODD_PILLAR}").read_text(encoding="utf-8")
    assert re.search(r'href="[^"]*posts/(?:index\.html)?#pilier-equipe-tech"', page)


@pytest.mark.browser
@pytest.mark.parametrize(
    ("asked", "shown", "hidden"),
    [
        ("%C3%89QUIPE%20Tech", "pilier-equipe-tech", "pilier-le-role-du-cto"),
        ("Le-R%C3%B4le-du-CTO", "pilier-le-role-du-cto", "pilier-equipe-tech"),
        ("le_role_du_cto", "pilier-le-role-du-cto", "pilier-equipe-tech"),
    ],
)
def test_the_page_filters_a_pillar_asked_in_any_spelling(
    chromium, odd_site: tuple[Path, str, str], asked: str, shown: str, hidden: str
) -> None:
    from support.browser import serve

    outdir, builder, _log = odd_site
    listing = "posts/" if builder == "dirhtml" else "posts/index.html"
    with serve(outdir) as base:
        context = chromium.new_context()
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        try:
            page.goto(f"{base}{listing}?pillar={asked}", wait_until="load")
            assert page.locator(f"#{shown}").is_visible() and page.locator(f"#{hidden}").is_hidden()
            assert page.locator(".editorial-filter-heading").count() == 1 and errors == []
        finally:
            context.close()
