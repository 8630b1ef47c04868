"""One base URL: the site's address normalised once, checked at config-inited, the same in every output.

``SITE_URL=https://example.org/blog`` (no final slash) once gave sitemap
entries ``https://example.org/blogindex.html`` and ``og:url``s without
``/blog``; an address that cannot be one (no scheme, a query) went through.
"""

from __future__ import annotations

import runpy
from pathlib import Path
from urllib.parse import quote, unquote
from xml.etree import ElementTree

import pytest
from sphinx.errors import ConfigError

from editorial.site_address import SiteAddressError, encode_path, encode_url, normalise_site_url, page_path
from support.building import PROJECT, build
from support.metadata import json_ld, links, meta
from support.sites import PostSource, Site, make_pillar

_LOC = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"

NORMALISED = [
    ("https://example.org/blog", "https://example.org/blog/"),  # the example: a folder gets its slash
    ("https://example.org/blog/", "https://example.org/blog/"),
    ("http://Example.ORG/blog/", "http://example.org/blog/"),  # scheme and host in lower case, path kept
    ("HTTPS://example.org", "https://example.org/"),
    ("https://example.org:8443/docs", "https://example.org:8443/docs/"),  # a port is kept
    ("https://example.org/Carnet", "https://example.org/Carnet/"),  # a path is case-sensitive
    ("  https://example.org/blog\n", "https://example.org/blog/"),  # an environment variable's stray spaces
    ("https://exemple.org/carnet-été", "https://exemple.org/carnet-%C3%A9t%C3%A9/"),
    ("https://exemple.org/carnet-%C3%A9t%C3%A9/", "https://exemple.org/carnet-%C3%A9t%C3%A9/"),  # not encoded twice
    ("https://exemple.org/100%/", "https://exemple.org/100%25/"),
    ("https://bücher.example/", "https://xn--bcher-kva.example/"),
    ("http://[::1]:8000/site", "http://[::1]:8000/site/"),
    ("https://example-rtd.readthedocs.io/fr/latest/", "https://example-rtd.readthedocs.io/fr/latest/"),
]

REFUSED = [
    ("", "empty"),
    ("example.org/blog", "http:// or https://"),  # no scheme
    ("//example.org/blog/", "http:// or https://"),
    ("localhost:8000", "http:// or https://"),
    ("ftp://example.org/", "http:// or https://"),
    ("https:example.org", "http:// or https://"),
    ("https:///blog/", "no host"),
    ("https://example.org/blog/?x=1", "query string"),
    ("https://example.org/?", "query string"),
    ("https://example.org/blog/#top", "fragment"),
    ("https://example.org/mon blog/", "whitespace"),
    ("https://example.org/a https://example.org/b", "whitespace"),
    ("https://user:secret@example.org/", "password"),
    ("https://example.org:99999/", "port"),
]


@pytest.mark.parametrize(("written", "expected"), NORMALISED)
def test_a_site_address_is_normalised_once(written: str, expected: str) -> None:
    assert normalise_site_url(written) == expected
    assert normalise_site_url(expected) == expected


@pytest.mark.parametrize(("written", "reason"), REFUSED)
def test_what_cannot_be_a_site_address_is_refused_with_its_reason(written: str, reason: str) -> None:
    with pytest.raises(SiteAddressError, match=reason):
        normalise_site_url(written)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("posts/décider-à-l'été/", "posts/d%C3%A9cider-%C3%A0-l%27%C3%A9t%C3%A9/"),
        ("posts/a(b)+c=d.html", "posts/a%28b%29%2Bc%3Dd.html"),  # as Sphinx's html builder quotes targets
        ("posts/Mon Article.html", "posts/Mon%20Article.html"),
        ("posts/pourquoi ?#1/", "posts/pourquoi%20%3F%231/"),
        ("posts/100%-vrai/", "posts/100%25-vrai/"),
        ("posts/%00/", "posts/%2500/"),  # a file named "%00.md": its "%" is a character, not an escape
        ("feeds/Équipe Tech/atom.xml", "feeds/%C3%89quipe%20Tech/atom.xml"),
        ("posts/cto-vs-lead-dev/", "posts/cto-vs-lead-dev/"),
    ],
)
def test_a_path_is_percent_encoded(path: str, expected: str) -> None:
    assert encode_path(path) == expected


class _Builder:
    """The two rules of Sphinx's page-per-document builders for a page's target."""

    def __init__(self, name: str) -> None:
        self.name = name

    def get_target_uri(self, docname: str) -> str:
        return quote(docname) + ".html" if self.name == "html" else docname + "/"


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
@pytest.mark.parametrize(
    "docname", ["posts/l'été", "posts/%00", "posts/100%-vrai", "posts/d%C3%A9j%C3%A0", "posts/simple"]
)
def test_a_page_has_one_address_whatever_the_builder(builder: str, docname: str) -> None:
    path = page_path(_Builder(builder), docname)  # type: ignore[arg-type]  # a stand-in with the one method used
    assert unquote(path) == docname + (".html" if builder == "html" else "/")
    assert path.removesuffix(".html").removesuffix("/") == quote(docname)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("../posts/décider-à-l'été/#pilier-x", "../posts/d%C3%A9cider-%C3%A0-l%27%C3%A9t%C3%A9/#pilier-x"),
        ("https://fr.wikipedia.org/wiki/Été_(saison)", "https://fr.wikipedia.org/wiki/%C3%89t%C3%A9_(saison)"),
        ("https://exemple.org/a b?q=un été&x=1#fin", "https://exemple.org/a%20b?q=un%20%C3%A9t%C3%A9&x=1#fin"),
        ("https://exemple.org/d%C3%A9j%C3%A0?q=%20", "https://exemple.org/d%C3%A9j%C3%A0?q=%20"),
        ("mailto:r%C3%A9daction@exemple.org", "mailto:r%C3%A9daction@exemple.org"),
        ("http://[fin", "http://%5Bfin"),
    ],
)
def test_a_link_is_percent_encoded_once(url: str, expected: str) -> None:
    assert encode_url(url) == expected
    assert encode_url(expected) == expected


def _conf(monkeypatch: pytest.MonkeyPatch, **environment: str) -> dict:
    for name in ("READTHEDOCS", "READTHEDOCS_CANONICAL_URL", "SITE_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(PROJECT / "conf.py"))


@pytest.mark.parametrize(
    ("environment", "base", "prefix"),
    [
        ({"SITE_URL": "https://example.org/blog"}, "https://example.org/blog/", "/blog/"),
        ({"SITE_URL": "http://Example.ORG/blog/"}, "http://example.org/blog/", "/blog/"),
        ({"SITE_URL": "https://example.org:8443"}, "https://example.org:8443/", "/"),
        (
            {"READTHEDOCS_CANONICAL_URL": "https://Example-RTD.readthedocs.io/fr/latest"},
            "https://example-rtd.readthedocs.io/fr/latest/",
            "/fr/latest/",
        ),
        ({}, "https://leadership-technique.readthedocs.io/fr/latest/", "/"),
    ],
)
def test_conf_hands_one_address_to_every_consumer(
    monkeypatch: pytest.MonkeyPatch, environment: dict, base: str, prefix: str
) -> None:
    conf = _conf(monkeypatch, **environment)
    assert conf["html_baseurl"] == base
    assert conf["ogp_site_url"] == base
    assert conf["notfound_urls_prefix"] == prefix
    assert f'href="{prefix}posts/"' in conf["notfound_context"]["body"]


@pytest.mark.parametrize(
    ("environment", "setting"),
    [
        ({"SITE_URL": "example.org/blog"}, "SITE_URL"),
        ({"SITE_URL": "https://example.org/?x=1"}, "SITE_URL"),
        ({"READTHEDOCS_CANONICAL_URL": "ftp://example.org/"}, "READTHEDOCS_CANONICAL_URL"),
    ],
)
def test_conf_stops_on_an_address_that_cannot_be_one(
    monkeypatch: pytest.MonkeyPatch, environment: dict, setting: str
) -> None:
    with pytest.raises(
        ConfigError, match=rf"^{setting} should be an absolute http\(s\) address .*'https://example.org/blog/'"
    ):
        _conf(monkeypatch, **environment)


def _site(html_baseurl: str) -> Site:
    pillar = make_pillar("le-role-du-cto", "Le rôle du CTO")
    site = Site(pillars={pillar.slug: pillar})
    site.posts["decider"] = PostSource("decider", "Décider", "2025-03-01", pillar.slug)
    site.extra_conf = (
        'extensions = [*extensions, "sphinxext.opengraph", "sphinx_sitemap", "editorial.policy.robots"]\n'
        f"html_baseurl = {html_baseurl!r}\n"
        "ogp_site_url = html_baseurl\n"
        "ogp_social_cards = {'enable': False}\n"
        'sitemap_url_scheme = "{link}"\n'
        "sitemap_locales = [None]\n"
    )
    return site


@pytest.mark.parametrize(
    ("html_baseurl", "base"),
    [
        ("https://example.org/blog", "https://example.org/blog/"),
        ("HTTP://Example.ORG/blog", "http://example.org/blog/"),
        ("https://example.org:8443/carnet-été", "https://example.org:8443/carnet-%C3%A9t%C3%A9/"),
    ],
)
def test_html_baseurl_set_directly_gives_one_base_everywhere(tmp_path: Path, html_baseurl: str, base: str) -> None:
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    _site(html_baseurl).write(srcdir)
    report = build(srcdir, tmp_path / "build")
    outdir = report.outdir
    sitemap = [loc.text or "" for loc in ElementTree.parse(outdir / "sitemap.xml").getroot().iter(_LOC)]
    assert f"{base}posts/decider.html" in sitemap and f"{base}index.html" in sitemap
    page = outdir / "posts" / "decider.html"
    assert meta(page, "og:url") == [f"{base}posts/decider.html"]
    assert [attrs["href"] for attrs in links(page, "canonical")] == [f"{base}posts/decider.html"]
    (article,) = json_ld(page)
    assert article["url"] == f"{base}posts/decider.html"
    assert f"<id>{base}feeds/atom.xml</id>" in (outdir / "feeds" / "atom.xml").read_text(encoding="utf-8")
    assert f"Sitemap: {base}sitemap.xml" in (outdir / "robots.txt").read_text(encoding="utf-8")
    for url in sitemap:
        assert url.startswith(base), url


@pytest.mark.parametrize(
    ("html_baseurl", "reason"),
    [
        ("example.org/blog", "http:// or https://"),
        ("https://example.org/blog?x=1", "query string"),
        ("ftp://example.org/", "http:// or https://"),
    ],
)
def test_a_bad_html_baseurl_stops_the_build_naming_it(tmp_path: Path, html_baseurl: str, reason: str) -> None:
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    _site(html_baseurl).write(srcdir)
    with pytest.raises(ConfigError, match=rf"^html_baseurl should be an absolute http\(s\) address .*: .*{reason}"):
        build(srcdir, tmp_path / "build")
