"""Atom feeds: one for the site, one per pillar, checked after every HTML build.

They are written at ``build-finished``, in the main process, from the
catalogue of published posts:
newest first, drafts and future posts left out.  Each entry carries the
post's full text, rendered from its resolved doctree with every link made
absolute, since a feed reader has no page to resolve relative links against,
and the authors the post names (name, page); a post naming none is by the
feed's author, the site's default.
Every build works out each feed's inputs, so feeds are never stale; a feed
whose inputs did not change since it was written is left as it is, and the
entry limit and the entries kept from the last build (``feed_cache``) keep
the rest cheap however many posts the site holds.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import UTC, date, datetime, time
from html import escape, unescape
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast
from urllib.parse import urljoin, urlsplit

from docutils import nodes
from feedgen.version import version_str as feedgen_version
from sphinx.util.osutil import relative_uri

from .authors import authors_by_id
from .config import build_date
from .diagnostics import Subtype, warn
from .directives import BLOCK_KIND, editorial_block
from .domain import EditorialDomain
from .feed_cache import EntryCache, build_fingerprint, cache_path, entry_key
from .fingerprint import build_caches, fingerprint
from .layout import post_path
from .links import HTML_BUILDERS
from .model import BlockKind, owners_by_slug
from .queries import Catalogue
from .site_address import encode_path, encode_url, page_url, url_of

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.config import Config
    from sphinx.writers.html5 import HTML5Translator

    from .model import Pillar, Post


#: Blocks the extension adds around a post's text: page furniture, not text.
_FURNITURE = frozenset({BlockKind.POST_HEADER, BlockKind.POST_FOOTER})

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
    store = EditorialDomain.of(app.env)
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
        # Attribute values are HTML-escaped ("&amp;"): the URL is encoded as a URL, then escaped again.
        url = escape(urljoin(page_url, encode_url(unescape(match["url"]))))
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
    """Each post's text as HTML with absolute links, for one build of one builder.

    An entry is taken from the cache when nothing it is made from changed
    (see ``feed_cache``), else from the post's page as it is written
    (``capture_entry``, in the process that writes it: a ``-j`` writer hands
    it over), else, for a post this build did not write, read and resolved
    again: at most once per build in every case.
    """

    def __init__(self, builder: Builder, base: str, entries: EntryCache, feeds: list[Feed]) -> None:
        self.builder = builder
        self.base = base
        self.entries = entries
        self.feeds = feeds
        self.candidates = frozenset(post.docname for feed in feeds for post in feed.posts)
        self.shared_key = build_fingerprint(builder, base)
        self.authors = authors_by_id(EditorialDomain.of(builder.env).authors.values())

    def authors_of(self, post: Post) -> tuple[tuple[str, str], ...]:
        """The (name, page URL) of each known author of ``post``: what its entry's ``<author>`` shows."""
        return tuple(
            (self.authors[key].name, self.page_url(self.authors[key].docname))
            for key in post.authors
            if key in self.authors
        )

    def page_url(self, docname: str) -> str:
        return page_url(self.base, self.builder, docname)

    def key(self, docname: str) -> str:
        return entry_key(self.builder, self.shared_key, docname)

    def keep_entries(self, feed: Feed) -> None:
        """Keep in the cache the entries of a feed left as it was (the cache keeps what a build used)."""
        for post in feed.posts:
            self.entries.get(post.docname, self.key(post.docname))

    def html(self, docname: str) -> str:
        key = self.key(docname)
        html = self.entries.get(docname, key)
        if html is None:
            html = absolute_links(self._render(docname), self.page_url(docname))
            self.entries.put(docname, key, html)
        return html

    def capture(self, docname: str, page: nodes.document) -> None:
        """Keep the entry of a post whose page was just translated, from its doctree.

        The page itself, walked again past its H1 and furniture: no copy of
        a doctree, and its images were placed when the page was written.
        """
        key = self.key(docname)
        if self.entries.get(docname, key) is not None:
            return
        title = _title_of(page)
        html = self._translate(docname, page, skip=lambda node: node is title or _is_rendered_furniture(node))
        self.entries.put(docname, key, absolute_links(html, self.page_url(docname)))

    def _render(self, docname: str) -> str:
        builder = self.builder
        doctree = builder.env.get_doctree(docname)
        _strip_title(doctree)
        for block in list(doctree.findall(editorial_block)):  # before resolving: the blocks are never built
            if block["kind"] in _FURNITURE:
                block.parent.remove(block)
        doctree = builder.env.get_and_resolve_doctree(docname, builder, doctree=doctree, tags=builder.tags)
        with _writing_as(builder, docname):
            cast("StandaloneHTMLBuilder", builder).post_process_images(doctree)  # as write_doc_serialized does
        return self._translate(docname, doctree)

    def _translate(
        self, docname: str, doctree: nodes.document, skip: Callable[[nodes.Node], bool] | None = None
    ) -> str:
        """The HTML of ``doctree`` (its images placed), leaving out the nodes ``skip`` picks (with their children)."""
        builder = cast("StandaloneHTMLBuilder", self.builder)  # feeds come from HTML builders only
        doctree.settings = builder.docsettings
        with _writing_as(builder, docname):
            visitor = cast("HTML5Translator", builder.create_translator(doctree, builder))
            if skip is not None:
                visit = visitor.dispatch_visit

                def dispatch_visit(node: nodes.Node) -> None:
                    if skip(node):
                        raise nodes.SkipNode
                    visit(node)

                visitor.dispatch_visit = dispatch_visit  # type: ignore[method-assign]  # one translator, skipping nodes
            doctree.walkabout(visitor)
        return "".join(visitor.fragment)


def _title_of(doctree: nodes.document) -> nodes.title | None:
    """The H1: the entry's title already says it."""
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        return section[0]
    return None


def _strip_title(doctree: nodes.document) -> None:
    title = _title_of(doctree)
    if title is not None:
        title.parent.remove(title)


def _is_rendered_furniture(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Element) and node.get(BLOCK_KIND) in _FURNITURE


def full_text_of(app: Sphinx) -> FullText:
    """This build's ``FullText`` (its cache file read once), kept in the build's caches:
    filled while pages are written, used at the end."""
    caches = build_caches(app)
    if caches.full_text is None:
        entries = EntryCache(cache_path(app.builder))
        caches.full_text = FullText(app.builder, site_url(app.config), entries, planned_feeds(app))
    full_text: FullText = caches.full_text
    return full_text


def prepare_full_text(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved`` of the first post a build writes: its ``FullText``, made in the main process.

    Under ``-j`` the main process resolves each page before it forks the
    writer that writes it: each writer inherits the ``FullText`` (the cache
    read once, the feeds planned once) and hands back the entries it
    renders.  A build that writes no post never opens the cache.
    """
    if build_caches(app).full_text is None and docname in EditorialDomain.of(app.env).posts and writes_feeds(app):
        full_text_of(app).entries.discard_handed_over()


def capture_entry(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """``html-page-context``: a feed post's entry from the page just translated, in the process that writes it.

    Spares reading and resolving the post again at the end of a build; and,
    under ``-j``, the main process, which resolves every page in turn, does
    not translate the post a second time.
    """
    if doctree is None or not writes_feeds(app):
        return
    full_text = full_text_of(app)
    if pagename in full_text.candidates:
        full_text.capture(pagename, doctree)


def _moment(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def entry_id(base: str, post: Post, authority: str = "") -> str:
    """A tag URI (RFC 4151): the same under html and dirhtml, and in every version.

    With ``authority`` (``editorial_feed_id_authority``, ``example.org,2025``)
    the id is also the same whatever address the site is served from, so
    moving to a custom domain does not show every entry again as new;
    without it, the host of ``base`` and the post's date stand in.
    Only dated posts reach a feed, so the date is there.  A bundle's post
    (``posts/<slug>/index.md``) has the id it had as ``posts/<slug>.md``.
    """
    path = encode_path(post_path(post.docname))
    if authority:
        return f"tag:{authority}:{path}"
    return f"tag:{urlsplit(base).hostname},{post.date}:{path}"


class FeedSettings(NamedTuple):
    """What every feed of a build says alike, from the configuration."""

    language: str
    author: str
    id_authority: str  # editorial_feed_id_authority: "" for the host of the site's address

    @classmethod
    def of(cls, config: Config) -> FeedSettings:
        return cls(config.language or "en", config.author or config.project, config.editorial_feed_id_authority)


def feed_signature(feed: Feed, full_text: FullText, settings: FeedSettings, today: date) -> str:
    """Everything ``render_feed`` reads: the same signature, the same bytes.

    Each entry's text stands in by its cache key, which changes whenever the text would.
    """
    keys = [full_text.key(post.docname) for post in feed.posts]
    authors = [full_text.authors_of(post) for post in feed.posts]
    return fingerprint(
        (full_text.shared_key, feed, keys, settings, None if feed.posts else today, feedgen_version, authors)
    )


def render_feed(feed: Feed, full_text: FullText, settings: FeedSettings, today: date) -> bytes:
    # Imported here: feedgen and dateutil take ~50 ms to import, and a build
    # that changed no feed (most rebuilds) never needs them.
    from feedgen.feed import FeedGenerator  # noqa: PLC0415 - see above

    generator = FeedGenerator()
    feed_url = url_of(full_text.base, feed.path)
    generator.id(feed_url)
    generator.title(feed.title)
    generator.link(href=full_text.page_url(feed.page), rel="alternate")
    generator.link(href=feed_url, rel="self")
    generator.language(settings.language)
    generator.author(name=settings.author)
    # The newest change, not the build time: a rebuild alone changes nothing.
    # Only dated posts reach a feed (``planned_feeds``); "or today" says so to the type checker.
    generator.updated(_moment(max((post.updated or post.date or today for post in feed.posts), default=today)))
    for post in feed.posts:
        entry = generator.add_entry(order="append")
        entry.id(entry_id(full_text.base, post, settings.id_authority))
        entry.title(post.title)
        for name, uri in full_text.authors_of(post):  # none: the feed's author, the site's default
            entry.author(name=name, uri=uri)
        entry.link(href=full_text.page_url(post.docname), rel="alternate")
        entry.published(_moment(post.date or today))
        entry.updated(_moment(post.updated or post.date or today))
        if post.summary:
            entry.summary(post.summary)
        entry.content(full_text.html(post.docname), type="html")
    return generator.atom_str(pretty=True)


def note_changed_document(app: Sphinx, *_arguments: object) -> None:
    """``env-purge-doc`` and ``doctree-resolved``: this build read, removed or wrote a document."""
    build_caches(app).documents_changed = True


def _feeds_stand_as_written(app: Sphinx) -> bool:
    """Whether a build that read, removed and wrote no document may leave every feed file as it is.

    Nothing a feed is made from changed: the documents, the configuration
    (a change re-reads or re-writes them all) and the build date's effect on
    which posts are published (a post's day coming changes the documents
    Sphinx finds).  Only the date of a feed with no post follows the build
    date: with one, or a feed file missing, the feeds are looked at one by one.
    """
    store = EditorialDomain.of(app.env)
    today = build_date(app.env)
    fed = {post.pillar for post in store.posts.values() if post.date is not None and post.is_published(today)}
    pillars = owners_by_slug(sorted(store.pillars.values(), key=lambda pillar: pillar.docname))
    if not fed or not fed.issuperset(pillars):
        return False
    paths = [site_feed(app.config).path] + [pillar_feed(app.config, pillar).path for pillar in pillars.values()]
    return all(Path(app.outdir, *path.split("/")).is_file() for path in paths)


def write_feeds(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write every feed, or say once why there are none."""
    if exception is not None or app.builder.name not in HTML_BUILDERS:
        return
    if not writes_feeds(app):
        warn("html_baseurl is not set: Atom feeds not written (their links must be absolute)", Subtype.FEED, None)
        return
    if not build_caches(app).documents_changed and _feeds_stand_as_written(app):
        return  # not even their entries' cache is opened: a no-change rebuild's commonest case
    full_text = full_text_of(app)
    full_text.entries.take_handed_over()
    settings = FeedSettings.of(app.config)
    today = build_date(app.env)
    for feed in full_text.feeds:
        target = Path(app.outdir, *feed.path.split("/"))
        signature = feed_signature(feed, full_text, settings, today)
        if target.is_file() and full_text.entries.signed(feed.path, signature):
            full_text.keep_entries(feed)  # written last time from these very inputs
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(render_feed(feed, full_text, settings, today))
        full_text.entries.sign(feed.path, signature)
    full_text.entries.save()
    build_caches(app).full_text = None


def setup_feeds(app: Sphinx) -> None:
    app.connect("env-purge-doc", note_changed_document)
    app.connect("doctree-resolved", note_changed_document)
    app.connect("doctree-resolved", prepare_full_text)
    # Before batch_gc's release_written_page (priority 10,000) takes the doctree apart.
    app.connect("html-page-context", capture_entry, priority=900)
    app.connect("build-finished", write_feeds)
