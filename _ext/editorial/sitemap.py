"""The sitemap complete after any build, without drafts and future posts.

sphinx-sitemap writes ``sitemap.xml`` from a queue of (link, last updated)
pairs filled as pages are written; this module replaces that queue, just
before it is read, with one holding every published page of the site.
In a build that writes its pages in one process, the queue pages are put
in is an in-process one from the first page (``serial_sitemap_queue``).
"""

from __future__ import annotations

import queue
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.builders.dirhtml import DirectoryHTMLBuilder

from .config import build_date
from .domain import EditorialDomain
from .links import HTML_BUILDERS
from .site_address import encode_path

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx


def sitemap_link(app: Sphinx, docname: str) -> str:
    """The link sphinx-sitemap records for a page (the rule of its ``add_html_link``)."""
    if isinstance(app.builder, DirectoryHTMLBuilder):
        return app.builder.get_target_uri(docname)
    return docname + (app.config.html_file_suffix or ".html")


def _drain(links: queue.Queue[tuple[str, str | None]]) -> dict[str, str | None]:
    collected: dict[str, str | None] = {}
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
    # sphinx-sitemap is loaded (its queue is there), but is not a requirement of the engine.
    from sphinx_sitemap import is_excluded  # noqa: PLC0415

    collected = _drain(links)
    if not collected and Path(app.outdir, app.config.sitemap_filename).is_file():
        # No page written: the published pages are those of the last build
        # (any change to them re-writes the lists that show them), and so is
        # its sitemap; sphinx-sitemap leaves the file alone when given nothing.
        return
    today = build_date(app.env)
    unpublished = {
        sitemap_link(app, post.docname)
        for post in EditorialDomain.of(app.env).posts.values()
        if not post.is_published(today)
    }
    documents = {sitemap_link(app, docname) for docname in app.env.found_docs}
    listed = {link for link in documents if not is_excluded(link, app.config.sitemap_excludes)}
    complete: queue.Queue[tuple[str, str | None]] = queue.Queue()
    for link in sorted((listed | collected.keys()) - unpublished):
        # sphinx-sitemap glues the link to the address as it is: a path with accents is encoded here.
        complete.put((encode_path(link), collected.get(link)))
    # What sphinx-sitemap reads next (writing is over): an in-process queue, where its
    # manager's costs a round trip to another process per link, each way (~65 ms at 1,000 pages).
    app.sitemap_links = complete  # type: ignore[attr-defined]  # sphinx-sitemap's own attribute on the app


def serial_sitemap_queue(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """``html-page-context``, before sphinx-sitemap: an in-process queue when pages are written in this process.

    sphinx-sitemap's queue belongs to a ``multiprocessing`` manager, so that
    ``-j`` workers can fill it: each page written costs a round trip to the
    manager's process (2,041 pipe writes at 1,000 posts, 1.9 s of a profiled
    clean build).  Without ``-j``, nothing but this process writes pages.
    Swapped at the first page written, not before: a build that writes no
    page keeps the manager's queue, and does not wait for the manager to stop.
    """
    links = getattr(app, "sitemap_links", None)
    if links is not None and not isinstance(links, queue.Queue) and app.parallel <= 1:
        app.sitemap_links = queue.Queue()  # type: ignore[attr-defined]  # sphinx-sitemap's own attribute on the app


def setup_sitemap(app: Sphinx) -> None:
    # Before sphinx-sitemap records the page (500).
    app.connect("html-page-context", serial_sitemap_queue, priority=400)
    # Before sphinx-sitemap writes the sitemap (500).
    app.connect("build-finished", complete_sitemap, priority=450)
