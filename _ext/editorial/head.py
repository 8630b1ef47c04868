"""What a page's head tells browsers, crawlers and feed readers.

Every page's head links the Atom feeds: the site's, plus the pillar's on a
pillar's pages (the pillar, its archive, its posts).  A post's head gets a
description from its summary, OpenGraph article tags (sphinxext-opengraph
writes the others) and a JSON-LD ``Article``; a draft or future post gets
``noindex`` (and ``sitemap.py`` leaves it out of the sitemap).  The home page
describes the site (JSON-LD ``WebSite``), pillars and the pages listing posts
a ``CollectionPage``, a series' page a ``CreativeWorkSeries`` (its parts'
``Article`` name it in ``isPartOf``, with their ``position``), an author's
page a ``ProfilePage`` of that ``Person``; every block names the site's
publisher (name and logo) and an image.  A post's ``author`` is a ``Person``
per author it names (``authors.py``), or the site's default author
(``conf.py`` ``author``) when it names none.  A page Sphinx writes without a document (404,
search) gets from sphinxext-opengraph the tags it gives every other page.  The page
listing every post by pillar gets the script behind ``?pillar=<slug>`` links
(``assets.py``).  Every address written here (canonical, ``og:url``,
JSON-LD) is percent-encoded once, by ``site_address``.  A post's or a pillar's
JSON-LD ``image`` is its social card (``card_pages.card_url``), as its ``og:image``.
"""

from __future__ import annotations

import json
import re
from html import escape, unescape
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import urljoin, urlsplit

from docutils import nodes
from docutils.utils import new_document
from sphinx.locale import _ as sphinx_gettext

from .assets import add_pillar_filter
from .authors import authors_by_id
from .card_pages import card_url
from .config import build_date
from .domain import EditorialDomain
from .feeds import Feed, pillar_feed, site_feed, site_url, writes_feeds
from .i18n import _
from .links import HTML_BUILDERS
from .model import BlockKind
from .resolve import view_maker
from .site_address import encode_url, page_url

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from .authors import Author
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


class Site(NamedTuple):
    """What each JSON-LD block says of the site; addresses absolute, or "" where unknown."""

    name: str
    url: str
    language: str
    #: The site's default author (``conf.py`` ``author``): posts name no author of their own.
    author: str
    #: The publisher's logo: ``html_logo``, else ``html_favicon``.
    logo: str
    #: The default link-preview image (sphinxext-opengraph's ``ogp_image``).
    image: str


def _output_url(base: str, path: str) -> str:
    """The address of a file ``conf.py`` names: a URL as is, a path as Sphinx copies it."""
    if not path or urlsplit(path).scheme:
        return path
    return encode_url(urljoin(base, f"_static/{PurePosixPath(path).name}")) if base else ""


def site_of(config: Config) -> Site:
    base = site_url(config)
    image = getattr(config, "ogp_image", None) or ""
    return Site(
        name=config.project,
        url=base,
        language=config.language or "en",
        author=config.author,
        logo=_output_url(base, config.html_logo or config.html_favicon or ""),
        image=image if urlsplit(image).scheme else (encode_url(urljoin(base, image)) if image and base else ""),
    )


def _site_of_page(app: Sphinx, pagename: str) -> Site:
    """The site as a page's JSON-LD names it: the image is the page's social card where it has one."""
    site = site_of(app.config)
    card = card_url(app, pagename)
    return site._replace(image=card) if card else site


def _script(data: dict[str, Any]) -> str:
    """JSON-LD as a <script> that no title can break out of."""
    text = json.dumps(data, ensure_ascii=False, indent=1).translate(_SCRIPT_SAFE)
    return f'<script type="application/ld+json">\n{text}\n</script>'


def _publisher(site: Site) -> dict[str, Any]:
    publisher: dict[str, Any] = {"@type": "Organization", "name": site.name}
    if site.url:
        publisher["url"] = site.url
    if site.logo:
        publisher["logo"] = {"@type": "ImageObject", "url": site.logo}
    return publisher


def _common(site: Site, kind: str, url: str) -> dict[str, Any]:
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": kind}
    if url:
        data["url"] = url
    data["inLanguage"] = site.language
    if site.image:
        data["image"] = site.image
    data["publisher"] = _publisher(site)
    return data


def person(author: Author, url: str) -> dict[str, Any]:
    """A schema.org ``Person``: an author, their page (``url``), role and own addresses."""
    data: dict[str, Any] = {"@type": "Person", "name": author.name}
    if url:
        data["url"] = url
    if author.role:
        data["jobTitle"] = author.role
    if author.addresses:
        data["sameAs"] = list(author.addresses)
    return data


def article_json_ld(
    post: Post, url: str, site: Site, series: dict[str, Any] | None = None, authors: tuple[dict[str, Any], ...] = ()
) -> str:
    """A schema.org ``Article``: what search engines show of a post.

    ``series`` gives its ``isPartOf`` and ``position``; ``authors`` its ``Person``s, if it names any.
    """
    article = _common(site, "Article", url)
    article.update(series or {})
    article["headline"] = post.title
    if post.date:
        article["datePublished"] = post.date.isoformat()
        article["dateModified"] = (post.updated or post.date).isoformat()
    if post.summary:
        article["description"] = post.summary
    if url:
        article["mainEntityOfPage"] = url
    if authors:
        article["author"] = list(authors)
    elif site.author:
        # The site's editorial team, the author of every post that names none ("La rédaction").
        article["author"] = {"@type": "Organization", "name": site.author}
    return _script(article)


def profile_json_ld(site: Site, author: Author, url: str) -> str:
    """An author's page: a schema.org ``ProfilePage`` whose ``mainEntity`` is the author."""
    page = _common(site, "ProfilePage", url)
    page["name"] = author.name
    page["mainEntity"] = person(author, url)
    return _script(page)


def website_json_ld(site: Site) -> str:
    """The home page: a schema.org ``WebSite``."""
    website = _common(site, "WebSite", site.url)
    website["name"] = site.name
    return _script(website)


def collection_json_ld(site: Site, title: str, url: str) -> str:
    """A pillar, or a page listing posts: a schema.org ``CollectionPage`` of the site."""
    page = _common(site, "CollectionPage", url)
    page["name"] = title
    page["isPartOf"] = {"@type": "WebSite", "name": site.name, **({"url": site.url} if site.url else {})}
    return _script(page)


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
    authors = authors_by_id(EditorialDomain.of(app.env).authors.values())
    people = tuple(
        person(authors[key], page_url(base, app.builder, authors[key].docname) if base else "")
        for key in post.authors
        if key in authors
    )
    tags.append(article_json_ld(post, url, _site_of_page(app, post.docname), _series_of_post(app, post), people))
    return tags


def _series_of_post(app: Sphinx, post: Post) -> dict[str, Any]:
    """A part's ``isPartOf`` (its ``CreativeWorkSeries``) and ``position``; nothing for a post of no series."""
    mention = view_maker(app).series_mention(post)
    if mention is None:
        return {}
    base = site_url(app.config)
    series: dict[str, Any] = {"@type": "CreativeWorkSeries", "name": mention.link.title}
    if base:
        series["url"] = page_url(base, app.builder, mention.link.docname)
    return {"isPartOf": series, "position": mention.part}


def series_json_ld(app: Sphinx, series_id: str, url: str, site: Site) -> str:
    """A series page: a schema.org ``CreativeWorkSeries`` and its published parts (``hasPart``)."""
    view = view_maker(app).series_page(series_id)
    series = _common(site, "CreativeWorkSeries", url)
    series["name"] = view.label
    if view.summary:
        series["description"] = view.summary
    parts = []
    for part in view.parts:
        if part.item is not None:
            entry: dict[str, Any] = {"@type": "Article", "headline": part.item.title, "position": part.number}
            if site.url:
                entry["url"] = page_url(site.url, app.builder, part.item.docname)
            parts.append(entry)
    if parts:
        series["hasPart"] = parts
    return _script(series)


#: Blocks that make their page a collection: of posts, or of the authors' pages.
_COLLECTIONS = (BlockKind.POST_LIST, BlockKind.AUTHORS)


def _lists_posts(store: EditorialDomain, docname: str) -> bool:
    return docname in store.pillars or any(spec.kind in _COLLECTIONS for spec in store.blocks.get(docname, ()))


def _page_json_ld(app: Sphinx, pagename: str) -> list[str]:
    """``WebSite`` on the home page, ``CollectionPage`` on pillars and the pages listing posts."""
    site = _site_of_page(app, pagename)
    if pagename == app.config.root_doc:
        return [website_json_ld(site)]
    store = EditorialDomain.of(app.env)
    series_id = next((spec.series for spec in store.blocks.get(pagename, ()) if spec.kind == BlockKind.SERIES_PAGE), "")
    if series_id:
        return [series_json_ld(app, series_id, page_url(site.url, app.builder, pagename) if site.url else "", site)]
    author = EditorialDomain.of(app.env).authors.get(pagename)
    if author is not None:
        return [profile_json_ld(site, author, page_url(site.url, app.builder, pagename) if site.url else "")]
    if _lists_posts(EditorialDomain.of(app.env), pagename) and pagename in app.env.titles:
        url = page_url(site.url, app.builder, pagename) if site.url else ""
        return [collection_json_ld(site, app.env.titles[pagename].astext(), url)]
    return []


#: The first paragraph of a page's HTML body, and any tag inside it.
_FIRST_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.S)
_TAG = re.compile(r"<[^>]+>")


def _documentless_tags(app: Sphinx, context: dict[str, Any]) -> str:
    """OpenGraph for a page written without a document (404, search): sphinxext-opengraph
    reads only documents, so it is handed one made of the page's first paragraph,
    which becomes the page's description (the 404 page's sentence, say)."""
    # Only where the site loads sphinxext-opengraph (the extension does not require it).
    from sphinxext.opengraph import get_tags  # noqa: PLC0415

    document = new_document(context.get("pagename", ""))
    paragraph = _FIRST_PARAGRAPH.search(context.get("body") or "")
    if paragraph:
        text = " ".join(unescape(_TAG.sub(" ", paragraph[1])).split())
    else:  # the search page: its template writes the form, its body is empty
        text = _("Search every post and every pillar of the site.")
    document += nodes.paragraph(text, text)
    # The search page has no title in its context: its template writes Sphinx's word for it.
    page = {"meta": None, "metatags": "", **context, "title": context.get("title") or sphinx_gettext("Search")}
    return get_tags(
        page, document, srcdir=app.srcdir, outdir=app.outdir, config=app.config, builder=app.builder, env=app.env
    )


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
    else:
        tags.extend(_page_json_ld(app, pagename))
    if doctree is None and "sphinxext.opengraph" in app.extensions:
        tags.append(_documentless_tags(app, context))
    if tags:
        context["metatags"] = context.get("metatags", "") + "\n".join(tags) + "\n"
    if _lists_posts_by_pillar(store, pagename):
        add_pillar_filter(app)


def setup_head(app: Sphinx) -> None:
    # After sphinx-notfound-page (400) sets the 404 page's pathto, before
    # sphinxext-opengraph (500) reads the overrides and the description.
    app.connect("html-page-context", add_head_metadata, priority=450)
