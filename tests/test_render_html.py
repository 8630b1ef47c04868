"""The HTML backend writes what the HTML5 translator makes of the node backend's nodes.

Blocks are described once as elements (``render.py``); ``render_nodes.py``
writes them as nodes, ``render_html.py`` writes the parts the search index
skips (post headers and footers, lists of posts) as HTML for html and
dirhtml, instead of docutils nodes translated one by one (the cost of a
1,000-post build).  It is an optimisation, not a second design: each element
kind written by both backends gives the same bytes, and every file of a site
built with it equals, byte for byte, the same site built with the nodes
everywhere.  The site covers what a block can
show: drafts (shown), an undated post, an update date, a post with no known
pillar, an empty pillar, and titles and summaries full of characters that
HTML escapes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from io import StringIO
from pathlib import Path

import pytest
from docutils import nodes
from docutils.utils import new_document
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.testing.util import SphinxTestApp

from editorial import render_html, resolve
from editorial.elements import Address, Block, BulletList, Div, Heading, Link, ListItem, Para, Part, Span, Strong, Text
from editorial.render import UNSEARCHED_BLOCKS, Description, Elements, wholly_unsearched
from editorial.render_nodes import NodeWriter
from editorial.views import PageLink, View
from support.building import build
from support.reading import first_difference, output_files
from support.sites import PostSource, Site, front_matter_block, generate_site, make_pillar

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::DeprecationWarning")]


def every_case() -> Site:
    site = generate_site(posts=30, pillars=2, seed=11)
    site.extra_conf = "editorial_show_drafts = True\n"
    site.pillars["vide"] = make_pillar("vide", "Un pilier sans article")
    hostile = next(slug for slug, post in site.posts.items() if not post.draft)
    site.posts[hostile] = replace(
        site.posts[hostile], title='R&D, "guillemets" et l\'@ du <CTO>', summary='<script>alert("x")</script> & @moi'
    )
    site.posts["sans-pilier"] = PostSource("sans-pilier", "Un article sans pilier connu", "2025-03-03", "inconnu")
    updated = site.posts["article-0004"]
    values = {**updated.front_matter(), "updated": "2025-12-01"}
    site.raw["posts/article-0004.md"] = f"{front_matter_block(values)}\n# {updated.title}\n\nUn texte mis à jour.\n"
    undated = {key: value for key, value in site.posts["article-0005"].front_matter().items() if key != "date"}
    site.raw["posts/article-0005.md"] = f"{front_matter_block(undated)}\n# Un article sans date\n\nPas de date.\n"
    site.raw["posts/listes.md"] = (
        "---\norphan: true\n---\n# Listes\n\n"
        "```{post-list}\n:group-by: year\n```\n\n```{post-list}\n:group-by: none\n:pillar: pilier-1\n```\n\n"
        "```{latest-posts}\n:pillar: vide\n```\n\n```{latest-posts}\n:pillar: pilier-2\n:limit: 5\n```\n\n```{pillars}\n```\n"
    )
    return site


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    srcdir = tmp_path_factory.mktemp("render-html") / "src"
    every_case().write(srcdir)
    return srcdir


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_html_blocks_equal_the_translated_nodes(
    sources: Path, tmp_path: Path, builder: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = build(sources, tmp_path / "fast", builder)
    assert "prerendered" not in fast.log
    with monkeypatch.context() as patch:
        patch.setattr(resolve, "writer_for", NodeWriter)
        nodes_only = build(sources, tmp_path / "nodes", builder)
    fast_files, node_files = output_files(fast.outdir), output_files(nodes_only.outdir)
    assert "editorial-post-footer" in fast_files[f"posts/article-0003{'/index' if builder == 'dirhtml' else ''}.html"]
    assert fast_files == node_files, first_difference(fast_files, node_files)


def test_the_html_path_is_taken_for_every_kind(sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without this, the equality above would hold trivially."""
    written: list[tuple[str, str]] = []
    original = render_html.HtmlWriter.part

    def recording(self: render_html.HtmlWriter, part: Part) -> str:
        html = original(self, part)
        written.append((part.kind, html))
        return html

    monkeypatch.setattr(render_html.HtmlWriter, "part", recording)
    build(sources, tmp_path / "fast", "html")
    # Each kind's own markup, not only its empty notice ("No post yet.").
    marks = {
        "post-header": "editorial-post-header",
        "post-footer": "editorial-post-footer",
        "latest-posts": "editorial-latest",
        "post-list": "editorial-archive-list",
        "tension-posts": "editorial-tension-posts",
        "pillars": "editorial-pillars",
    }
    assert {kind for kind, _ in written} == set(marks)
    for kind, mark in marks.items():
        assert any(mark in html for written_kind, html in written if written_kind == kind), kind


def test_unsearched_blocks_are_parts_only(sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The kinds described where their page is written hold nothing the search index would read."""
    described: list[tuple[str, Elements]] = []
    original = Description.describe

    def recording(self: Description, kind: str, view: View) -> Elements:
        elements = original(self, kind, view)
        if wholly_unsearched(kind, view):
            described.append((kind, elements))
        return elements

    monkeypatch.setattr(Description, "describe", recording)
    build(sources, tmp_path / "nodes", "text")  # every block described, as nodes
    assert {kind for kind, _ in described} == UNSEARCHED_BLOCKS
    for kind, elements in described:
        assert elements and all(isinstance(element, Part) for element in elements), kind


def test_unsearched_blocks_are_described_only_when_their_page_is_written(
    sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Resolving a page (the main process's work under ``-j``) leaves them to the translator."""
    app = SphinxTestApp("html", srcdir=sources, builddir=tmp_path, status=StringIO(), warning=StringIO())
    try:
        app.build()
        described: list[str] = []
        original = Description.describe

        def recording(self: Description, kind: str, view: View) -> Elements:
            described.append(kind)
            return original(self, kind, view)

        monkeypatch.setattr(Description, "describe", recording)
        deferred = []
        for docname in sorted(app.env.found_docs):
            doctree = app.env.get_and_resolve_doctree(docname, app.builder)
            deferred.extend(node["block"][1] for node in doctree.findall(render_html.html_part) if "block" in node)
        assert described, "other blocks are described as their page is resolved"
        assert not set(described) & UNSEARCHED_BLOCKS
        assert set(deferred) == UNSEARCHED_BLOCKS
    finally:
        app.cleanup()


@pytest.mark.parametrize("builder", ["text", "epub", "singlehtml"])
def test_other_builders_keep_the_nodes(
    sources: Path, tmp_path: Path, builder: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    rendered: list[str] = []
    monkeypatch.setattr(render_html.HtmlWriter, "html", lambda self, elements: rendered.append(elements) or "")
    build(sources, tmp_path / builder, builder)
    assert rendered == []


# -- each element kind, both backends -------------------------------------------

HOSTILE = 'R&D, "guillemets" et l\'@ du <CTO>\n\tfin'
#: A page of the small site below, and the page the elements are written on.
OTHER, PAGE = "posts/article-0001", "posts/article-0002"

#: Blocks covering every element kind and each way a backend writes it.
ELEMENTS: dict[str, tuple[Block, ...]] = {
    "text": (Para((), (Text(HOSTILE),)),),
    "strong": (Para(("a",), (Strong(HOSTILE), Text(" : "))),),
    "span": (Para(("a", "b"), (Span(("x", "y", "x"), (Text("un "), Span((), (Text("deux"),)))),)),),
    "link": (Para((), (Link(PageLink(OTHER, HOSTILE)),)),),
    "link-plain": (Para((), (Link(PageLink("", HOSTILE), ("editorial-chip",)),)),),
    "link-stretched": (Para((), (Link(PageLink(OTHER, "Titre"), ("c",), stretched=True),)),),
    "link-anchor": (
        Para((), (Link(PageLink(OTHER, "Titre", "annee-2025")), Link(PageLink(PAGE, "Ici", "tension-x")))),
    ),
    "address": (Para((), (Address("https://exemple.org/a?b=1&c=<d>", HOSTILE, ("editorial-author-address",)),)),),
    "link-self": (Para((), (Link(PageLink(PAGE, "Ici")), Link(PageLink("index", "Accueil")))),),
    "heading": (Heading(2, ("h",), (Text(HOSTILE),)), Heading(3, (), (Link(PageLink(OTHER, "T")),), "start-x")),
    "div": (Div(("sd-row", "b"), (Para((), (Text("p"),)), Div((), (), "pilier-x")), "annee-2025"),),
    "list-simple": (BulletList(("l",), (ListItem(("i",), (Para((), (Text("a"),)),)), ListItem((), ()))),),
    "list": (BulletList(("l",), (ListItem((), (Para((), (Text("a"),)), Para(("m",), (Text("b"),))), "tension-y"),)),),
    "list-of-divs": (BulletList((), (ListItem((), (Div(("d",), (Para((), (Text("a"),)),)),)),)),),
    "part": (Part("post-header", (Div(("h", "no-search"), (Para((), (Text("a"),)),)),)), Part("post-footer", ())),
    "part-in-item": (
        BulletList((), (ListItem((), (Para((), (Text("a"),)), Part("tension-posts", (Para((), (Text("b"),)),)))),)),
    ),
}


@pytest.fixture(scope="module", params=["html", "dirhtml"])
def html_builder(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[StandaloneHTMLBuilder]:
    """A small site built once by an HTML builder, whose builder then translates tiny documents."""
    srcdir = tmp_path_factory.mktemp("elements") / "src"
    generate_site(posts=3, pillars=1).write(srcdir)
    app = SphinxTestApp(request.param, srcdir=srcdir, builddir=srcdir.parent / "build")
    app.build()
    assert isinstance(app.builder, StandaloneHTMLBuilder)  # dirhtml's is one too
    yield app.builder
    app.cleanup()


def translated(builder: StandaloneHTMLBuilder, written: list[nodes.Node]) -> str:
    """What the builder's HTML5 translator writes of ``written`` on ``PAGE``."""
    document = new_document("<elements>", builder.docsettings)
    document.extend(written)
    builder.current_docname = PAGE
    translator = builder.create_translator(document, builder)
    document.walkabout(translator)
    return "".join(translator.fragment)


@pytest.mark.parametrize("case", ELEMENTS)
def test_each_element_is_written_alike_by_both_backends(html_builder: StandaloneHTMLBuilder, case: str) -> None:
    elements = ELEMENTS[case]
    expected = translated(html_builder, NodeWriter(html_builder, PAGE).block(elements))
    assert expected.strip()
    assert render_html.HtmlWriter(html_builder, PAGE).html(elements) == expected
    assert translated(html_builder, render_html.HtmlPartsWriter(html_builder, PAGE).block(elements)) == expected
