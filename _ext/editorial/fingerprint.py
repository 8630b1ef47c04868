"""Incremental builds: what the extension remembers between builds, and what it keeps during one.

One word for it: a **fingerprint** is a short digest of plain data (records,
views, settings) that changes exactly when the data would read differently.

- ``WriteState`` is what the last write phase saw, kept with the environment
  (in the domain's data, so it is pickled with it): each page's fingerprint,
  each post's header-and-footer fingerprint with the scope it was made from,
  the inputs of the catalogue, and the navigation (``navigation_of``: every
  page shows it).  ``env-get-updated`` compares against it.
- ``BuildCaches`` is what one build computes once and reuses: the catalogue
  and its view maker, each page's target URI, the feeds' full texts.  It is
  created at ``builder-inited`` and dropped at ``build-finished``, on the
  Sphinx application (never pickled, never shared between two applications).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sphinx import addnodes

if TYPE_CHECKING:
    from datetime import date

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .authors import Author
    from .model import BlockSpec, Pillar, Post
    from .views import ViewMaker

#: Everything the blocks read from the store: (posts, pillars, blocks, build date, show drafts, words per minute,
#: the parts of series not published yet, the authors).
#: Compared with ``==``, never fingerprinted: a record no document re-read is the very
#: object stored last time (the environment is one pickle), so comparing is nearly
#: free where a fingerprint would repr every record of the site.
CatalogueInputs = tuple[
    dict[str, "Post"],
    dict[str, "Pillar"],
    dict[str, tuple["BlockSpec", ...]],
    "date",
    bool,
    int,
    tuple["Post", ...],
    dict[str, "Author"],
]

#: What a post's header and footer may show: its pillar, that pillar's posts, the settings, the authors by id.
FurnitureScope = tuple["Pillar | None", tuple["Post", ...], tuple["date", bool, int], tuple[tuple[str, "Author"], ...]]


#: One document of the navigation: (docname, title, section numbers, its toctrees' options and entries).
NavigationEntry = tuple[str, str, str, tuple[tuple[object, ...], ...]]
#: The site's navigation, every document of the root's toctree tree in reading order.
Navigation = tuple[NavigationEntry, ...]


def _toctrees_of(env: BuildEnvironment, docname: str) -> tuple[tuple[object, ...], ...]:
    """The options and entries of each toctree of ``docname``, in order (Sphinx keeps them in its local toc)."""
    if docname not in env.tocs:
        return ()
    found = []
    for toctree in env.tocs[docname].findall(addnodes.toctree):
        listed: list[tuple[str | None, str]] = toctree.get("entries", [])
        entries = tuple((str(title), ref) for title, ref in listed)
        options = tuple(toctree.get(name) for name in ("caption", "maxdepth", "hidden", "titlesonly", "numbered"))
        found.append((*options, entries))
    return tuple(found)


def navigation_of(env: BuildEnvironment) -> Navigation:
    """What every page's sidebar, previous and next links are made of, as plain tuples.

    Walks the toctrees from the root document (a document listed twice is
    walked once): each document's title, its section numbers and its toctrees
    (caption, depth, hidden, numbered, entries in order).  Posts are orphans,
    outside the toctree: the walk stays as small as the navigation, and two
    walks compare with ``==``.
    """
    entries: list[NavigationEntry] = []
    seen: set[str] = set()
    pending = [env.config.root_doc]
    while pending:
        docname = pending.pop()
        if docname in seen or docname not in env.all_docs:
            continue
        seen.add(docname)
        title = env.titles.get(docname)
        numbers = repr(sorted(env.toc_secnumbers.get(docname, {}).items()))
        entries.append((docname, title.astext() if title else "", numbers, _toctrees_of(env, docname)))
        pending.extend(reversed(env.toctree_includes.get(docname, ())))
    return tuple(entries)


def fingerprint(value: object) -> str:
    """A short, stable fingerprint of plain data (records, views, tuples): 32 hex digits.

    Built from ``repr``: the data must be made of values whose ``repr`` is
    stable across processes (no sets of strings, no object addresses).
    """
    return hashlib.blake2b(repr(value).encode("utf-8"), digest_size=16).hexdigest()


@dataclass
class WriteState:
    """What the last write phase saw (pickled with the environment, in the domain's data)."""

    #: docname -> fingerprint of its blocks and post links when it was last written.
    pages: dict[str, str] = field(default_factory=dict)
    #: post docname -> (its pillar's scope, the post, fingerprint of its header and footer's views).
    furniture: dict[str, tuple[FurnitureScope | None, Post, str]] = field(default_factory=dict)
    #: Everything the blocks read, as last compared.
    catalogue_inputs: CatalogueInputs | None = None
    #: The site's navigation when pages were last written (``navigation_of``).
    navigation: Navigation | None = None

    def forget(self, docname: str) -> None:
        """A document re-read or removed: its page is written again."""
        self.pages.pop(docname, None)
        self.furniture.pop(docname, None)

    def keep_only(self, docnames: set[str]) -> None:
        """Drop what is remembered of pages that no longer show blocks or post links."""
        for remembered in (self.pages, self.furniture):
            for docname in set(remembered) - docnames:
                del remembered[docname]


@dataclass
class BuildCaches:
    """What one build computes once and reuses (created at ``builder-inited``, dropped at ``build-finished``)."""

    #: The catalogue's inputs and the view maker built from them (see ``resolve.refresh_catalogue``).
    views: tuple[CatalogueInputs, ViewMaker] | None = None
    #: The feeds' full texts (``feeds.FullText``), made on first use by an HTML builder.
    full_text: Any = None
    #: The blocks' description (``render.Description``), which keeps each post's card and list entry.
    description: Any = None
    #: Whether this build read, removed or wrote any document (``feeds.note_changed_document``).
    documents_changed: bool = False


_ATTRIBUTE = "editorial_build_caches"


def build_caches(app: Sphinx) -> BuildCaches:
    """This build's caches (made here if ``builder-inited`` has not run, as in a bare test)."""
    caches = getattr(app, _ATTRIBUTE, None)
    if caches is None:
        caches = BuildCaches()
        setattr(app, _ATTRIBUTE, caches)
    return caches


def start_build(app: Sphinx) -> None:
    """``builder-inited``: a new build starts with empty caches."""
    setattr(app, _ATTRIBUTE, BuildCaches())


def end_build(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished`` (last handler): the caches go with the build."""
    if hasattr(app, _ATTRIBUTE):
        delattr(app, _ATTRIBUTE)


def setup_fingerprints(app: Sphinx) -> None:
    app.connect("builder-inited", start_build)
    app.connect("build-finished", end_build, priority=900)  # after the feeds and the sitemap
