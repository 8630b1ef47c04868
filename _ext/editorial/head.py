"""What a page's head tells browsers, crawlers and feed readers.

Every page's head links the Atom feeds: the site's, plus the pillar's on a
pillar's pages (the pillar, its archive, its posts).  A post's head gets a
description from its summary, OpenGraph article tags (sphinxext-opengraph
writes the others) and a JSON-LD ``Article``; a draft or future post gets
``noindex`` (and ``sitemap.py`` leaves it out of the sitemap).  The page
listing every post by pillar gets the script behind ``?pillar=<slug>`` links
(``assets.py``).  Every address written here (canonical, ``og:url``,
JSON-LD) is percent-encoded once, by ``site_address``.
"""

from __future__ import annotations

import json
from html import escape
from typing import TYPE_CHECKING, Any

from .assets import add_pillar_filter
from .config import build_date
from .domain import EditorialDomain
from .feeds import Feed, pillar_feed, site_feed, site_url, writes_feeds
from .links import HTML_BUILDERS
from .model import BlockKind
from .site_address import encode_url, page_url

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

    from .model import Pillar, Post

#: Characters that could end a <script> element or open an HTML comment
#: inside it; JSON reads the escapes back as the same characters.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def _feed_link(context: dict[str, Any], feed: Feed) -> str:
    # pathto: relative on ordinary pages, absolute on the 404 page (sphinx-notfound-page).
    href = encode_url(context["pathto"](feed.path, resource=True))
    return f'<link rel="alternate" type="application/atom+xml" title="{escape(feed.title)}" href="{escape(href)}" />'


def pillar_of_page(store: EditorialDomain, docname: str) -> Pillar | None:
    """The pillar whose feed a page offers: its own, its post's, or the one it lists."""
    if docname in store.pillars:
        slug = store.pillars[docname].slug
    elif docname in store.posts:
        slug = store.posts[docname].pillar
    else:
        slug = next(
            (spec.pillar for spec in store.blocks.get(docname, ()) if spec.kind == BlockKind.POST_LIST and spec.pillar),
            "",
        )
    # The first by docname, as the catalogue picks it when two pillars share a slug.
    return next(
        (pillar for pillar in sorted(store.pillars.values(), key=lambda pillar: pillar.docname) if pillar.slug == slug),
        None,
    )


def _lists_posts_by_pillar(store: EditorialDomain, docname: str) -> bool:
    return any(
        spec.kind == BlockKind.POST_LIST and not spec.pillar and spec.group_by in ("", "pillar")
        for spec in store.blocks.get(docname, ())
    )


def article_json_ld(post: Post, url: str, language: str) -> str:
    """A schema.org ``Article`` as a <script> that no title can break out of."""
    article: dict[str, str] = {"@context": "https://schema.org", "@type": "Article", "headline": post.title}
    if post.date:
        article["datePublished"] = post.date.isoformat()
        article["dateModified"] = (post.updated or post.date).isoformat()
    if post.summary:
        article["description"] = post.summary
    if url:
        article["url"] = url
        article["mainEntityOfPage"] = url
    article["inLanguage"] = language
    text = json.dumps(article, ensure_ascii=False, indent=1).translate(_SCRIPT_SAFE)
    return f'<script type="application/ld+json">\n{text}\n</script>'


def _post_tags(app: Sphinx, post: Post, context: dict[str, Any]) -> list[str]:
    """The head tags of a post page; OpenGraph's own tags are overridden through ``meta``."""
    base = site_url(app.config)
    url = page_url(base, app.builder, post.docname) if base else ""
    # sphinxext-opengraph reads per-page overrides from the page metadata and
    # keeps a <meta name="description"> already present: a copy, not the env's.
    overrides = {"og:type": "article"}
    tags = []
    if post.summary:
        overrides["og:description"] = escape(post.summary)
        tags.append(f'<meta name="description" content="{escape(post.summary)}" />')
    context["meta"] = {**(context.get("meta") or {}), **overrides}
    if post.date:
        tags.append(f'<meta property="article:published_time" content="{post.date.isoformat()}" />')
    if post.updated:
        tags.append(f'<meta property="article:modified_time" content="{post.updated.isoformat()}" />')
    if not post.is_published(build_date(app.env)):
        tags.append('<meta name="robots" content="noindex" />')
    tags.append(article_json_ld(post, url, app.config.language or "en"))
    return tags


def _page_addresses(app: Sphinx, pagename: str, context: dict[str, Any]) -> None:
    """The canonical link and ``og:url`` of a page, percent-encoded (Sphinx and opengraph join raw paths)."""
    if context.get("pageurl"):
        context["pageurl"] = page_url(site_url(app.config), app.builder, pagename)
    if "sphinxext.opengraph" in app.extensions:
        config = app.config
        base = config.ogp_canonical_url or config.ogp_site_url or site_url(config)
        # Read from the page's metadata as an override: a copy, not the env's.
        context["meta"] = {**(context.get("meta") or {}), "og:url": escape(page_url(base, app.builder, pagename))}


def add_head_metadata(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """``html-page-context``: feed links, post metadata, the pillar filter script."""
    if app.builder.name not in HTML_BUILDERS:
        return
    _page_addresses(app, pagename, context)
    store = EditorialDomain.of(app.env)
    tags = []
    if writes_feeds(app):
        tags.append(_feed_link(context, site_feed(app.config)))
        pillar = pillar_of_page(store, pagename)
        if pillar is not None:
            tags.append(_feed_link(context, pillar_feed(app.config, pillar)))
    post = store.posts.get(pagename)
    if post is not None:
        tags.extend(_post_tags(app, post, context))
    if tags:
        context["metatags"] = context.get("metatags", "") + "\n".join(tags) + "\n"
    if _lists_posts_by_pillar(store, pagename):
        add_pillar_filter(app)


def setup_head(app: Sphinx) -> None:
    # After sphinx-notfound-page (400) sets the 404 page's pathto, before
    # sphinxext-opengraph (500) reads the overrides and the description.
    app.connect("html-page-context", add_head_metadata, priority=450)
