"""Site policy: garbage-collector thresholds for a batch build, restored when it ends.

An extension the site opts into (``"editorial.policy.batch_gc"``, first in
``conf.py``'s ``extensions``); the engine builds the same pages without it.

A Sphinx build allocates millions of objects, and most of those that
survive a moment live until the build ends (the environment, its tables
of titles, tocs and metadata).  With Python's default thresholds
(700, 10, 10) the cycle collector walks that whole heap again and again:
14 full collections in a 1,000-post clean build, 5.0 of its ~55 s.
Rarer young collections, and full ones only after 100 middle-aged ones,
cost 2.9 s in the same build, for 5 MiB more peak memory; a no-change
rebuild, which unpickles the environment, is 0.19 s faster (median of 12
paired runs).  Larger young generations were slower: each collection then
walks the doctree being built.  (Figures: ``gc.callbacks`` in builds of
bench/'s 1,000-post site; ``make bench`` measures the whole.)

Listed first, so that the other extensions' setup already runs with it.
It changes nothing Sphinx writes, only when memory is reclaimed.

These thresholds are for serial builds (Read the Docs' command has no
``-j``).  With ``-j``, each forked worker would inherit the rare collections
and keep its garbage until it ends: at 1,000 posts, ``-j 2``'s peak memory
went from 194 MiB with the default thresholds to 268 MiB with these.  A
parallel build keeps Python's thresholds; instead, before each phase that
forks workers (reading, writing), the main process collects once and
freezes what it holds (``gc.freeze``, made for servers that fork): a
worker's collections then skip the heap it inherited (the environment,
the extensions' tables) instead of walking it again and again, and do not
touch its pages, which fork shares until they are written.  At 1,000
posts, the workers' CPU time fell from 35 s to 31 s (``bench/README.md``).
Between those two points the main process goes on allocating (what each
worker read, merged; the pages it resolves for the writers to come), and
Sphinx forks a worker per chunk of documents: each worker therefore also
freezes, first thing, everything it inherited (``_freeze_inherited``).
Its collections walk only what it allocates itself, and leave the pages
it shares with the main process untouched (a collection writes to every
object it walks, which copies the page).  At 1,000 posts, the workers'
CPU time fell from 29.8 s to 27.9 s, the later reading chunks most.
The build ends by unfreezing, as it ends by restoring the thresholds.

A doctree is a cycle (each node names its parent), and Sphinx leaves each
page's doctree to the collector once the page is written.  Those of a
serial build were read in one go before writing started, so they are old:
only a full collection frees them, and the rarity of those (with these
thresholds or Python's) kept every written page, and everything its
writing attached to it, until the build ended, while the next pages took
new memory.  A full collection costs some 0.6 s at 1,000 posts.  Instead,
each page's doctree is taken apart once the page is written
(``release_written_page``: the last ``html-page-context`` handler, after
which Sphinx only renders the template from the context): plain reference
counting then frees it at once, and the pages still to write reuse its
memory.  At 1,000 posts, the peak went from 277 to 250 MiB.
"""

from __future__ import annotations

import gc
import os
from typing import TYPE_CHECKING, Any

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

#: (young, middle-aged, old): collections of each generation per collection of the next.
BUILD_THRESHOLDS = (20_000, 20, 100)


#: Whether this process is running a parallel build: the processes it forks freeze what they inherit.
_parallel_build = {"running": False}


def _freeze_inherited() -> None:
    """In a process just forked (``os.register_at_fork``), during a parallel build: freeze what it inherited."""
    if _parallel_build["running"]:
        gc.freeze()


# Once per process: a hook cannot be removed, so it asks whether a parallel build is running.
os.register_at_fork(after_in_child=_freeze_inherited)


def freeze_before_forking(*_arguments: object) -> None:
    """``env-before-read-docs`` and ``write-started`` of a parallel build: collect, then freeze what is left."""
    gc.collect()
    gc.freeze()


def unfreeze(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: what was frozen is collectable again (a process may build more than once)."""
    _parallel_build["running"] = False
    gc.unfreeze()


def release_written_page(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """``html-page-context``, last: take the page's doctree apart, so that it is freed without a full collection.

    Every element loses its children, and the document its tables of
    nodes (ids, names, references, footnotes...): no cycle through a node
    is left (the document and its transformer, which name each other, are
    all a collection still has to free).  The page's HTML is already in
    ``context``; a handler that would read the doctree after this one finds
    an empty document.
    """
    if doctree is None:
        return
    stack: list[nodes.Node] = [doctree]
    while stack:
        node = stack.pop()
        if isinstance(node, nodes.Element):
            stack.extend(node.children)
            node.children = []
    for name, table in vars(doctree).items():
        if name != "attributes" and isinstance(table, (dict, list)):
            table.clear()


def setup(app: Sphinx) -> ExtensionMetadata:
    if app.parallel > 1:
        _parallel_build["running"] = True
        app.connect("env-before-read-docs", freeze_before_forking, priority=1000)
        app.connect("write-started", freeze_before_forking, priority=1000)
        app.connect("build-finished", unfreeze, priority=1000)
        return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
    app.connect("html-page-context", release_written_page, priority=10_000)
    previous = gc.get_threshold()
    gc.set_threshold(*BUILD_THRESHOLDS)

    def restore(app: Sphinx, exception: Exception | None) -> None:
        # A process that builds more than once (tests, a preview server) gets its setting back.
        gc.set_threshold(*previous)

    app.connect("build-finished", restore, priority=1000)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
