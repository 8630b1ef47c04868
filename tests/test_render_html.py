"""The blocks written straight as HTML are the blocks the nodes make.

``render_html.py`` writes the post headers and footers and the lists of posts
as HTML for html and dirhtml, instead of docutils nodes translated one by one
(the cost of a 1,000-post build).  It is an optimisation, not a second
design: every file of a site built with it equals, byte for byte, the same
site built with the nodes everywhere.  The site covers what a block can
show: drafts (shown), an undated post, an update date, a post with no known
pillar, an empty pillar, and titles and summaries full of characters that
HTML escapes.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from editorial import render_html, resolve

from support.building import build
from support.reading import first_difference, output_files
from support.sites import front_matter_block, generate_site, make_pillar, PostSource, Site

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::DeprecationWarning")]


def every_case() -> Site:
    site = generate_site(posts=30, pillars=2, seed=11)
    site.extra_conf = "editorial_show_drafts = True\n"
    site.pillars["vide"] = make_pillar("vide", "Un pilier sans article")
    hostile = next(slug for slug, post in site.posts.items() if not post.draft)
    site.posts[hostile] = replace(
        site.posts[hostile],
        title='R&D, "guillemets" et l\'@ du <CTO>',
        summary='<script>alert("x")</script> & @moi',
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
        "```{latest-posts}\n:pillar: vide\n```\n\n```{latest-posts}\n:pillar: pilier-2\n:limit: 5\n```\n"
    )
    return site


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    srcdir = tmp_path_factory.mktemp("render-html") / "src"
    every_case().write(srcdir)
    return srcdir


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_html_blocks_equal_the_translated_nodes(sources: Path, tmp_path: Path, builder: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = build(sources, tmp_path / "fast", builder)
    assert "prerendered" not in fast.log
    with monkeypatch.context() as patch:
        patch.setattr(resolve, "writes_html", lambda *_: False)
        nodes_only = build(sources, tmp_path / "nodes", builder)
    fast_files, node_files = output_files(fast.outdir), output_files(nodes_only.outdir)
    assert "editorial-post-footer" in fast_files[f"posts/article-0003{'/index' if builder == 'dirhtml' else ''}.html"]
    assert fast_files == node_files, first_difference(fast_files, node_files)


def test_the_html_path_is_taken_for_every_kind(sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without this, the equality above would hold trivially."""
    rendered: list[str] = []
    original = render_html.HtmlRenderer.html

    def recording(self: render_html.HtmlRenderer, kind: str, view: object) -> str:
        rendered.append(kind)
        return original(self, kind, view)

    monkeypatch.setattr(render_html.HtmlRenderer, "html", recording)
    build(sources, tmp_path / "fast", "html")
    assert set(rendered) == set(render_html.HTML_KINDS)


@pytest.mark.parametrize("builder", ["text", "epub", "singlehtml"])
def test_other_builders_keep_the_nodes(sources: Path, tmp_path: Path, builder: str, monkeypatch: pytest.MonkeyPatch) -> None:
    rendered: list[str] = []
    monkeypatch.setattr(render_html.HtmlRenderer, "html", lambda self, kind, view: rendered.append(kind) or "")
    build(sources, tmp_path / builder, builder)
    assert rendered == []
