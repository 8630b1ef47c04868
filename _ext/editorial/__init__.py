"""``editorial``: posts and pillars from MyST front matter, for Sphinx.

Each post's front matter becomes a typed record in a domain; directives
build a pillar's blocks from those records; a ``{post}`` role links posts
by slug.  The extension brings its stylesheet, script and words, and the
extensions it builds on (sphinx-design); what is particular to one site
lives in ``editorial.policy``, which that site lists in ``conf.py``.
See the README for the front-matter contract.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .assets import setup_assets
from .collect import clean_included_text, collect_document, remember_front_matter
from .config import setup_config
from .directives import setup_directives
from .domain import FIND_TARGET_EVENT, EditorialDomain, PostReferenceRole
from .feeds import setup_feeds
from .fingerprint import setup_fingerprints
from .head import setup_head
from .i18n import LOCALE_DIR, MESSAGE_CATALOG
from .layout import warn_unread_post_files
from .render_html import setup_render_html
from .resolve import fill_blocks, stale_pages
from .site_address import setup_site_address
from .sitemap import setup_sitemap
from .validate import check_store

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

#: Bump with every release; a change to how pages or feed entries are rendered is one
#: (the feeds keep rendered entries between builds, keyed by it: ``feed_cache``).
__version__ = "1.1.0"

#: Bump whenever the records stored in the environment change shape.
ENV_VERSION = 5


def setup(app: Sphinx) -> ExtensionMetadata:
    # The blocks are drawn with sphinx-design's cards and grids (render.py).
    app.setup_extension("sphinx_design")
    setup_config(app)
    setup_fingerprints(app)
    setup_site_address(app)
    app.add_event(FIND_TARGET_EVENT)
    app.add_domain(EditorialDomain)
    app.add_role("post", PostReferenceRole(warn_dangling=True))
    setup_directives(app)
    setup_render_html(app)
    app.add_message_catalog(MESSAGE_CATALOG, str(LOCALE_DIR))
    app.connect("source-read", remember_front_matter)
    app.connect("include-read", clean_included_text)
    app.connect("env-before-read-docs", warn_unread_post_files)
    # After Sphinx's own collectors (priority 500): titles and word counts are ready.
    app.connect("doctree-read", collect_document, priority=600)
    app.connect("env-check-consistency", check_store)
    app.connect("env-get-updated", stale_pages)
    app.connect("doctree-resolved", fill_blocks)
    setup_feeds(app)
    setup_head(app)
    setup_sitemap(app)
    setup_assets(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,  # the domain merges what each process read
        "parallel_write_safe": True,
    }
