"""What the HTML pages tell browsers, crawlers and feed readers.

Every page's head links the Atom feeds: the site's, plus the pillar's on a
pillar's pages (the pillar, its archive, its posts).  A post's head gets a
description from its summary, OpenGraph article tags (sphinxext-opengraph
writes the others) and a JSON-LD ``Article``; a draft or future post gets
``noindex`` and no place in the sitemap.  ``robots.txt`` names the sitemap
at this build's own address, and the page listing every post by pillar gets
the script behind the old ``/posts/?pillar=<slug>`` links.  Every address
written here (canonical, ``og:url``, JSON-LD, sitemap) is percent-encoded
once, by ``site_address``.
"""

from __future__ import annotations

import json
import queue
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.builders.dirhtml import DirectoryHTMLBuilder

from .collect import domain_of
from .feeds import HTML_BUILDERS, Feed, pillar_feed, site_feed, site_url, writes_feeds
from .resolve import build_date
from .site_address import encode_path, encode_url, url_of
from .views import PILLAR_ANCHOR, BlockKind

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

    from .domain import EditorialDomain
    from .model import Pillar, Post

PILLAR_FILTER_SCRIPT = "pillar-filter.js"

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
        slug = next((spec.pillar for spec in store.blocks.get(docname, ()) if spec.kind == BlockKind.POST_LIST and spec.pillar), "")
    # The first by docname, as the catalogue picks it when two pillars share a slug.
    return next((pillar for pillar in sorted(store.pillars.values(), key=lambda pillar: pillar.docname) if pillar.slug == slug), None)


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
    url = url_of(base, app.builder.get_target_uri(post.docname)) if base else ""
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
    target = app.builder.get_target_uri(pagename)
    if context.get("pageurl"):
        context["pageurl"] = url_of(site_url(app.config), target)
    if "sphinxext.opengraph" in app.extensions:
        config = app.config
        base = config.ogp_canonical_url or config.ogp_site_url or site_url(config)
        # Read from the page's metadata as an override: a copy, not the env's.
        context["meta"] = {**(context.get("meta") or {}), "og:url": escape(url_of(base, target))}


def add_head_metadata(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None) -> None:
    """``html-page-context``: feed links, post metadata, the pillar filter script."""
    if app.builder.name not in HTML_BUILDERS:
        return
    _page_addresses(app, pagename, context)
    store = domain_of(app.env)
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
        # The script finds a pillar's group by this prefix and the key it normalises as model.slugify does.
        app.add_js_file(PILLAR_FILTER_SCRIPT, loading_method="defer", **{"data-anchor-prefix": PILLAR_ANCHOR.format("")})


def sitemap_link(app: Sphinx, docname: str) -> str:
    """The link sphinx-sitemap records for a page (the rule of its ``add_html_link``)."""
    if isinstance(app.builder, DirectoryHTMLBuilder):
        return app.builder.get_target_uri(docname)
    return docname + (app.config.html_file_suffix or ".html")


def _drain(links: queue.Queue) -> dict[str, str | None]:
    collected = {}
    while True:
        try:
            link, last_updated = links.get_nowait()
        except queue.Empty:
            return collected
        collected[link] = last_updated


def complete_sitemap(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``, before sphinx-sitemap writes: every published page, no draft.

    sphinx-sitemap only lists the pages written by this build (its issue #13),
    so an incremental build would shrink the sitemap to the changed pages.
    Its queue is replaced by one holding every document, sorted, minus unpublished posts.
    A build that wrote no page keeps the sitemap it finds.
    """
    links = getattr(app, "sitemap_links", None)
    if exception is not None or links is None or app.builder.name not in HTML_BUILDERS:
        return
    from sphinx_sitemap import is_excluded  # loaded, since its queue is there

    collected = _drain(links)
    if not collected and Path(app.outdir, app.config.sitemap_filename).is_file():
        # No page written: the published pages are those of the last build
        # (any change to them re-writes the lists that show them), and so is
        # its sitemap; sphinx-sitemap leaves the file alone when given nothing.
        return
    today = build_date(app.env)
    unpublished = {sitemap_link(app, post.docname) for post in domain_of(app.env).posts.values() if not post.is_published(today)}
    documents = {sitemap_link(app, docname) for docname in app.env.found_docs}
    listed = {link for link in documents if not is_excluded(link, app.config.sitemap_excludes)}
    complete: queue.Queue[tuple[str, str | None]] = queue.Queue()
    for link in sorted((listed | collected.keys()) - unpublished):
        # sphinx-sitemap glues the link to the address as it is: a path with accents is encoded here.
        complete.put((encode_path(link), collected.get(link)))
    # What sphinx-sitemap reads next (writing is over): an in-process queue, where its
    # manager's costs a round trip to another process per link, each way (~65 ms at 1,000 pages).
    app.sitemap_links = complete  # type: ignore[attr-defined]


def write_robots(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: robots.txt, naming the sitemap at its absolute address."""
    if exception is not None or app.builder.name not in HTML_BUILDERS:
        return
    lines = ["User-agent: *", "Allow: /"]
    base = site_url(app.config)
    if base and "sphinx_sitemap" in app.extensions:
        lines += ["", f"Sitemap: {url_of(base, app.config.sitemap_filename)}"]
    Path(app.outdir, "robots.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def setup_html(app: Sphinx) -> None:
    # After sphinx-notfound-page (400) sets the 404 page's pathto, before
    # sphinxext-opengraph (500) reads the overrides and the description.
    app.connect("html-page-context", add_head_metadata, priority=450)
    # Before sphinx-sitemap writes the sitemap (500).
    app.connect("build-finished", complete_sitemap, priority=450)
    app.connect("build-finished", write_robots)
