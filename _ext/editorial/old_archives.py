"""The old per-pillar archive addresses, each a page that redirects to the list of all posts.

A pillar used to need a hand-written archive page, ``pillars/archives/<slug>.md``,
listed in a hidden toctree of its pillar page.  A pillar is now one file: its
posts are listed, filtered and anchored, on the page of all posts
(``posts/?pillar=<slug>#pilier-<slug>``, readable without JavaScript through
the anchor).  So that links to the old address keep working, the html and
dirhtml builders write a small French page there, at ``html-collect-pages``,
that sends the reader on (meta refresh, canonical link and a visible link).
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from .domain import EditorialDomain
from .i18n import _
from .model import BlockKind
from .site_address import normalise_site_url, page_url
from .views import PILLAR_ANCHOR, key_anchor

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx

#: The old archive page of a pillar, under ``editorial_pillars_dir``.
OLD_ARCHIVE = "{pillars}/archives/{slug}"

PAGE = """<!DOCTYPE html>
<html lang="{language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={target}">
<link rel="canonical" href="{canonical}">
<title>{title}</title>
</head>
<body>
<h1>{title}</h1>
<p>{sentence} <a href="{target}">{label}</a></p>
</body>
</html>
"""


def all_posts_page(store: EditorialDomain) -> str | None:
    """The page listing every post by pillar (a ``{post-list}`` without ``:pillar:``), if the site has one."""
    for docname in sorted(store.blocks):
        if any(spec.kind == BlockKind.POST_LIST and not spec.pillar for spec in store.blocks[docname]):
            return docname
    return None


def write_old_archives(app: Sphinx, *_args: object) -> Iterator[tuple[str, dict[str, object], str]]:
    """``html-collect-pages``: one redirecting page per pillar at its old archive address.

    The pages are written here rather than through a template: they carry no
    theme, no navigation and are kept out of the search index and sitemap.
    """
    builder = app.builder
    if builder.name not in ("html", "dirhtml"):
        return iter(())
    store = EditorialDomain.of(app.env)
    target_doc = all_posts_page(store)
    if target_doc is None:
        return iter(())
    base = normalise_site_url(app.config.html_baseurl) if app.config.html_baseurl else ""
    pillars_dir = app.config.editorial_pillars_dir.strip("/")
    for pillar in sorted(store.pillars.values(), key=lambda pillar: pillar.slug):
        pagename = OLD_ARCHIVE.format(pillars=pillars_dir, slug=pillar.slug)
        if pagename in app.env.all_docs:
            continue  # a site that still writes its archive page keeps it
        query = f"?pillar={quote(pillar.slug, safe='')}#{key_anchor(PILLAR_ANCHOR, pillar.slug)}"
        target = builder.get_relative_uri(pagename, target_doc) + query
        canonical = page_url(base, builder, target_doc) + query
        page = PAGE.format(
            language=escape(app.config.language or "fr"),
            target=escape(target),
            canonical=escape(canonical if base else target),
            title=escape(_("This page has moved")),
            sentence=escape(_("The posts of the pillar “%s” are listed on the page of all posts:") % pillar.title),
            label=escape(app.env.titles[target_doc].astext() if target_doc in app.env.titles else target_doc),
        )
        outfile = builder.get_outfilename(pagename)  # type: ignore[attr-defined]  # html builders only
        Path(outfile).parent.mkdir(parents=True, exist_ok=True)
        Path(outfile).write_text(page, encoding="utf-8")
    return iter(())


def setup_old_archives(app: Sphinx) -> None:
    app.connect("html-collect-pages", write_old_archives)
