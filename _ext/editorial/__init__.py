"""``editorial``: posts and pillars from MyST front matter, for Sphinx.

Each post's front matter becomes a typed record in a domain; directives
build a pillar's blocks from those records; a ``{post}`` role links posts
by slug.  The extension brings its stylesheet, script and words, and the
extensions it builds on (sphinx-design); what is particular to one site
lives in ``editorial.policy``, which that site lists in ``conf.py``.
See the README for the front-matter contract.

The data flows one way, and so do the imports (a module imports only from
the lines above its own)::

    configuration, diagnostics   config.py        the editorial_* settings, checked at config-inited
                                 diagnostics.py   warning subtypes, and the one way to warn
                                 site_address.py  the site's address, and every URL it writes
    reading a document           characters.py    what XML cannot carry, taken out once
                                 layout.py        where posts live (file or bundle), their slugs
                                 frontmatter.py   the YAML front matter, as written, line by line
                                 file_readings.py  what was read of source files, kept between builds by stat
                                 shape.py         one '#' title; where header and footer go
    records                      model.py         Post, Pillar, Term, BlockSpec: front matter -> record
                                 authors.py       Author: an author page's record; posts' author ids checked
                                 validate.py      checks across records (unknown ids, duplicates)
                                 series.py        series: their parts in order, the parts to come, their checks
    the store                    fingerprint.py   what incremental builds remember, and per-build caches
                                 links.py         a reference to a page, in any builder
                                 publication.py   drafts and future posts: no documents of a production build
                                 series_pages.py  the series pages' sources, written before documents are found
                                 domain.py        EditorialDomain: the records, {post} references
                                 directives.py    the block directives: placeholders filled later
                                 collect.py       doctree-read: a page's records and blocks into the store
    queries and views            queries.py       the catalogue: ordering, related posts, neighbours
                                 views.py         what each block shows, as plain data
    rendering                    i18n.py          the extension's words, dates, typography
                                 elements.py      the few element kinds a block is described with
                                 render.py        views -> elements: each block described once
                                 render_authors.py  the author blocks: an author's header and posts, the index
                                 render_nodes.py  elements -> docutils nodes, for every builder
                                 render_html.py   elements -> HTML, for the parts html/dirhtml skip in search
                                 resolve.py       doctree-resolved: fill blocks; env-get-updated: stale pages
    pages, feeds, head           assets.py        the stylesheet and the pillar filter's script
                                 feed_cache.py    rendered feed entries kept between builds
                                 feeds.py         the Atom feeds of the site and each pillar
                                 cards.py         a social card (link-preview PNG) drawn, French line breaks
                                 card_pages.py    which pages get a card, drawn when, named in the head
                                 head.py          head metadata: feed links, OpenGraph, JSON-LD
                                 old_archives.py  the old per-pillar archive addresses, redirected
                                 sitemap.py       the sitemap, whole after incremental builds
    site policy (opt-in)         policy/batch_gc.py        the garbage collector in a batch build
                                 policy/hugo_addresses.py  links pasted from the old Hugo site
                                 policy/robots.py          robots.txt naming the sitemap
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .assets import setup_assets
from .card_pages import setup_card_pages
from .collect import clean_included_text, collect_document, remember_front_matter
from .config import setup_config
from .directives import setup_directives
from .domain import FIND_TARGET_EVENT, EditorialDomain, PostReferenceRole
from .feeds import setup_feeds
from .fingerprint import setup_fingerprints
from .frontmatter import forget_parsed
from .head import setup_head
from .i18n import LOCALE_DIR, MESSAGE_CATALOG
from .layout import warn_unread_post_files
from .old_archives import setup_old_archives
from .publication import setup_publication
from .render_html import setup_render_html
from .resolve import fill_blocks, stale_pages
from .series_pages import setup_series_pages
from .site_address import setup_site_address
from .sitemap import setup_sitemap

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

#: Bump with every release; a change to how pages or feed entries are rendered is one
#: (the feeds keep rendered entries between builds, keyed by it: ``feed_cache``).
__version__ = "1.2.0"

#: Bump whenever the records stored in the environment change shape.
ENV_VERSION = 8


def setup(app: Sphinx) -> ExtensionMetadata:
    # The blocks are drawn with sphinx-design's cards and grids (render.py).
    app.setup_extension("sphinx_design")
    setup_config(app)
    setup_publication(app)
    setup_series_pages(app)
    setup_fingerprints(app)
    setup_site_address(app)
    app.add_event(FIND_TARGET_EVENT)
    app.add_domain(EditorialDomain)
    app.add_role("post", PostReferenceRole(warn_dangling=True))
    setup_directives(app)
    setup_render_html(app)
    app.add_message_catalog(MESSAGE_CATALOG, str(LOCALE_DIR))
    app.connect("source-read", remember_front_matter)
    app.connect("env-updated", forget_parsed)
    app.connect("include-read", clean_included_text)
    app.connect("env-before-read-docs", warn_unread_post_files)
    # After Sphinx's own collectors (priority 500): titles and word counts are ready.
    app.connect("doctree-read", collect_document, priority=600)
    app.connect("env-get-updated", stale_pages)
    app.connect("doctree-resolved", fill_blocks)
    setup_feeds(app)
    setup_card_pages(app)
    setup_head(app)
    setup_old_archives(app)
    setup_sitemap(app)
    setup_assets(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,  # the domain merges what each process read
        "parallel_write_safe": True,
    }
