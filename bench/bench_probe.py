"""Loaded only in benchmark builds: logs the documents Sphinx reads and writes.

Sphinx's console output shows them only as a progress bar.  Reads come from
``env-before-read-docs`` (main process); writes from ``html-page-context``
for pages that have a doctree, once per written page, in whichever process
writes it under ``-j`` (hence appending).  ``doctree-resolved`` would
over-count: the feeds resolve posts they do not write as pages.  The log
path comes from the environment (``BENCH_PROBE_LOG``), not from the
configuration, because a changed setting would force a full rebuild.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

LOG_VARIABLE = "BENCH_PROBE_LOG"


def _log(action: str, docnames: Iterable[str]) -> None:
    path = os.environ.get(LOG_VARIABLE)
    if path:
        with open(path, "a", encoding="utf-8") as log:
            log.writelines(f"{action} {docname}\n" for docname in docnames)


def _reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    _log("read", docnames)


def _writing(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: nodes.document | None) -> None:
    if doctree is not None:
        _log("write", [pagename])


def setup(app: Sphinx) -> ExtensionMetadata:
    # Last, so that the list is the one other handlers left.
    app.connect("env-before-read-docs", _reading, priority=900)
    app.connect("html-page-context", _writing, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
