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

Serial builds only (Read the Docs' command has no ``-j``).  With ``-j``,
each forked worker would inherit the rare collections and keep its garbage
until it ends: at 1,000 posts, ``-j 2``'s peak memory went from 194 MiB
with the default thresholds to 268 MiB with these (``bench/README.md``).
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

#: (young, middle-aged, old): collections of each generation per collection of the next.
BUILD_THRESHOLDS = (20_000, 20, 100)


def setup(app: Sphinx) -> ExtensionMetadata:
    if app.parallel > 1:
        return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
    previous = gc.get_threshold()
    gc.set_threshold(*BUILD_THRESHOLDS)

    def restore(app: Sphinx, exception: Exception | None) -> None:
        # A process that builds more than once (tests, a preview server) gets its setting back.
        gc.set_threshold(*previous)

    app.connect("build-finished", restore, priority=1000)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
