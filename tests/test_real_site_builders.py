"""Every builder on the real site: it builds with -W, and the pillar's blocks are there.

Read the Docs offers HTML, single-page HTML, EPUB and PDF (LaTeX) downloads,
and plain text is how a screen reader or a diff sees the site.  The blocks
are built from standard docutils nodes so that every writer renders them:
the pillar's audiences, tensions and entry points, and the posts listed in
them, must appear in each output, not only in HTML.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from sphinx.util.texescape import escape as tex_escape

from editorial.i18n import typeset
from support.building import PROJECT, run_sphinx_command
from support.reading import post_sources, visible_text

pytestmark = pytest.mark.slow

PILLAR = PROJECT / "pillars" / "le-role-du-cto.md"
#: Where each builder writes the pillar page ("*.tex": the one LaTeX document).
PILLAR_OUTPUT = {
    "html": "pillars/le-role-du-cto.html",
    "dirhtml": "pillars/le-role-du-cto/index.html",
    "singlehtml": "index.html",
    "epub": "pillars/le-role-du-cto.xhtml",
    "latex": "*.tex",
    "text": "pillars/le-role-du-cto.txt",
}


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])


def pillar_phrases() -> list[str]:
    """What the pillar's blocks must show, read from the sources (not from any build).

    Its vocabulary (audiences, what it is not, both poles of each tension,
    entry points) and the title of every post filed under one of its
    tensions or entry points.
    """
    pillar = front_matter(PILLAR)
    audience = pillar["audience"]
    phrases = [entry["label"] for entry in audience["primary"] + audience["secondary"]]
    phrases += audience["not_for"]
    phrases += [pole.strip() for entry in pillar["tensions"] for pole in entry["label"].split("↔")]
    phrases += [entry["label"] for entry in pillar["start_here"]]
    vocabulary = {entry["id"] for entry in pillar["tensions"] + pillar["start_here"]}
    for path in post_sources():
        post = front_matter(path)
        if post["pillar"] == pillar["slug"] and ({post.get("start_here")} | set(post.get("tensions", []))) & vocabulary:
            phrases.append(post["title"])
    return phrases


def squashed(text: str) -> str:
    """Text with spaces and quotes removed: writers wrap lines and typeset quotes their own way."""
    return re.sub(r"[\s\"'«»’~]", "", text)


def shown_text(builder: str, output: str) -> str:
    if builder in ("html", "dirhtml", "singlehtml", "epub"):
        return visible_text(output)
    return output


def built(builder: str, tmp_path: Path, site_html: Path, site_html_log: str) -> tuple[Path, str]:
    """The builder's output folder and log; html is the session's strict build."""
    if builder == "html":
        return site_html, site_html_log
    # Doctrees outside the output: EPUB would pack them (and warn about their type).
    result = run_sphinx_command(
        PROJECT, tmp_path / "out", builder, "-W", "--keep-going", "-E", doctreedir=tmp_path / "doctrees"
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return tmp_path / "out", result.stderr


@pytest.mark.parametrize("builder", PILLAR_OUTPUT)
def test_builder_renders_the_pillar_blocks_without_warning(
    builder: str, tmp_path: Path, site_html: Path, site_html_log: str
) -> None:
    outdir, log = built(builder, tmp_path, site_html, site_html_log)
    assert "WARNING" not in log and "ERROR" not in log, log
    page = next(outdir.glob(PILLAR_OUTPUT[builder]))
    text = squashed(shown_text(builder, page.read_text(encoding="utf-8")))
    for phrase in pillar_phrases():
        # The blocks typeset front-matter text as Sphinx does the page's ("l’équipe").
        expected = tex_escape(typeset(phrase, "fr")) if builder == "latex" else phrase
        assert squashed(expected) in text, f"{builder}: {phrase!r} missing from {page.name}"
