"""Atom feeds: one for the site, one per pillar, rewritten after every HTML build.

They are written at ``build-finished``, in the main process (so parallel
writing needs nothing from them), from the catalogue of published posts:
newest first, drafts and future posts left out.  Each entry carries the
post's full text, rendered from its resolved doctree with every link made
absolute, since a feed reader has no page to resolve relative links against.
Rewriting them on every build means they are never stale; the entry limit,
and the entries kept from the last build when nothing they are made from
changed (``feed_cache``), keep that cheap however many posts the site holds.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import urljoin, urlsplit

from docutils import nodes
from feedgen.feed import FeedGenerator
from sphinx.util.osutil import relative_uri

from .collect import domain_of
from .diagnostics import Subtype, warn
from .directives import editorial_block
from .feed_cache import EntryCache, build_digest, cache_path, entry_key
from .queries import Catalogue
from .resolve import build_date

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config

    from .model import Pillar, Post

#: Builders whose pages have a URL of their own that a feed can link to.
HTML_BUILDERS = frozenset({"html", "dirhtml"})

#: Blocks the extension adds around a post's text: page furniture, not text.
_FURNITURE = frozenset({"post-header", "post-footer"})

#: A start tag (the writer escapes ">" in attribute values), and its link attributes.
_START_TAG = re.compile(r"<[a-zA-Z][^>]*>")
_LINK_ATTRIBUTE = re.compile(r"""\s(?P<name>href|src)=(?P<quote>["'])(?P<url>.*?)(?P=quote)""", re.S)


class Feed(NamedTuple):
    """A feed: where it is written, its title, the page it follows, its posts."""

    path: str  # in the output folder, "/"-separated
    title: str
    page: str  # docname of the page the feed is the feed of
    posts: tuple[Post, ...] = ()


def site_url(config: Config) -> str:
    """The site's absolute address with a final slash, or "" when unknown."""
    base = (config.html_baseurl or "").strip()
    return base.rstrip("/") + "/" if base else ""


def writes_feeds(app: Sphinx) -> bool:
    """Feeds are written by page-per-document HTML builders, given an address."""
    return app.builder.name in HTML_BUILDERS and bool(site_url(app.config))


def site_feed(config: Config) -> Feed:
    return Feed(f"{config.editorial_feeds_dir.strip('/')}/atom.xml", config.project, config.root_doc)


def pillar_feed(config: Config, pillar: Pillar) -> Feed:
    path = f"{config.editorial_feeds_dir.strip('/')}/{pillar.slug}/atom.xml"
    return Feed(path, f"{pillar.title} – {config.project}", pillar.docname)


def _latest(posts: tuple[Post, ...], limit: int) -> tuple[Post, ...]:
    """The newest dated posts; an undated post has no place in a feed (it was warned about)."""
    dated = tuple(post for post in posts if post.date is not None)
    return dated[:limit] if limit > 0 else dated


def planned_feeds(app: Sphinx) -> list[Feed]:
    """The site's feed and one per pillar, each with its published posts."""
    store = domain_of(app.env)
    catalogue = Catalogue.build(store.posts, store.pillars, build_date(app.env), show_drafts=False)
    limit = app.config.editorial_feed_limit
    feeds = [site_feed(app.config)._replace(posts=_latest(catalogue.listed, limit))]
    for slug, pillar in sorted(catalogue.pillars_by_slug.items()):
        feeds.append(pillar_feed(app.config, pillar)._replace(posts=_latest(catalogue.pillar_posts(slug), limit)))
    return feeds


def absolute_links(html: str, page_url: str) -> str:
    """Every ``href``/``src`` of the tags in ``html`` resolved against the page's address.

    Only inside tags: a post about HTML may show ``href='x'`` in its text.
    """

    def absolute(match: re.Match[str]) -> str:
        url = urljoin(page_url, match["url"])
        return f" {match['name']}={match['quote']}{url}{match['quote']}"

    return _START_TAG.sub(lambda tag: _LINK_ATTRIBUTE.sub(absolute, tag[0]), html)


@contextmanager
def _writing_as(builder: Builder, docname: str) -> Iterator[None]:
    """The builder state ``write_doc`` sets for a page, restored afterwards."""
    target = builder.get_target_uri(docname)
    state = {
        "current_docname": docname,
        "imgpath": relative_uri(target, "_images"),
        "dlpath": relative_uri(target, "_downloads"),
        "secnumbers": builder.env.toc_secnumbers.get(docname, {}),
        "fignumbers": builder.env.toc_fignumbers.get(docname, {}),
        "add_permalinks": False,  # no "¶" after every heading in a feed reader
    }
    saved = {name: getattr(builder, name, None) for name in state}
    for name, value in state.items():
        setattr(builder, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(builder, name, value)


class FullText:
    """Each post's text as HTML with absolute links.

    Rendered at most once per build, and not at all when the entry cache
    holds it under the same inputs (see ``feed_cache``).
    """

    def __init__(self, builder: Builder, base: str, entries: EntryCache) -> None:
        self.builder = builder
        self.base = base
        self.entries = entries
        self.shared_key = build_digest(builder, base)

    def page_url(self, docname: str) -> str:
        return urljoin(self.base, self.builder.get_target_uri(docname))

    def html(self, docname: str) -> str:
        key = entry_key(self.builder, self.shared_key, docname)
        html = self.entries.get(docname, key)
        if html is None:
            html = absolute_links(self._render(docname), self.page_url(docname))
            self.entries.put(docname, key, html)
        return html

    def _render(self, docname: str) -> str:
        builder = self.builder
        doctree = builder.env.get_doctree(docname)
        _strip_furniture(doctree)  # before resolving: the blocks are never built
        doctree = builder.env.get_and_resolve_doctree(docname, builder, doctree=doctree, tags=builder.tags)
        doctree.settings = builder.docsettings
        with _writing_as(builder, docname):
            builder.post_process_images(doctree)
            visitor = builder.create_translator(doctree, builder)
            doctree.walkabout(visitor)
        return "".join(visitor.fragment)


def _strip_furniture(doctree: nodes.document) -> None:
    """Drop the H1 (the entry's title already) and the post header and footer."""
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        section.remove(section[0])
    for block in list(doctree.findall(editorial_block)):
        if block["kind"] in _FURNITURE:
            block.parent.remove(block)


def _moment(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.utc)


def entry_id(base: str, post: Post) -> str:
    """A tag URI (RFC 4151): the same under html and dirhtml, and in every version.

    Only dated posts reach a feed, so the date is there.
    """
    return f"tag:{urlsplit(base).hostname},{post.date}:{post.docname}"


def render_feed(feed: Feed, full_text: FullText, language: str, author: str, today: date) -> bytes:
    generator = FeedGenerator()
    feed_url = urljoin(full_text.base, feed.path)
    generator.id(feed_url)
    generator.title(feed.title)
    generator.link(href=full_text.page_url(feed.page), rel="alternate")
    generator.link(href=feed_url, rel="self")
    generator.language(language)
    generator.author(name=author)
    # The newest change, not the build time: a rebuild alone changes nothing.
    generator.updated(_moment(max((post.updated or post.date for post in feed.posts), default=today)))
    for post in feed.posts:
        entry = generator.add_entry(order="append")
        entry.id(entry_id(full_text.base, post))
        entry.title(post.title)
        entry.link(href=full_text.page_url(post.docname), rel="alternate")
        entry.published(_moment(post.date))
        entry.updated(_moment(post.updated or post.date))
        if post.summary:
            entry.summary(post.summary)
        entry.content(full_text.html(post.docname), type="html")
    return generator.atom_str(pretty=True)


def write_feeds(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write every feed, or say once why there are none."""
    if exception is not None or app.builder.name not in HTML_BUILDERS:
        return
    base = site_url(app.config)
    if not base:
        warn("html_baseurl is not set: Atom feeds not written (their links must be absolute)", Subtype.FEED, None)
        return
    entries = EntryCache(cache_path(app.builder))
    full_text = FullText(app.builder, base, entries)
    language = app.config.language or "en"
    author = app.config.author or app.config.project
    for feed in planned_feeds(app):
        target = Path(app.outdir, *feed.path.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(render_feed(feed, full_text, language, author, build_date(app.env)))
    entries.save()


def setup_feeds(app: Sphinx) -> None:
    app.connect("build-finished", write_feeds)
