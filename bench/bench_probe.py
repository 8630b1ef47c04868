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
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

LOG_VARIABLE = "BENCH_PROBE_LOG"
#: Where to write the seconds the editorial extension's handlers took (unset: not timed).
TIMES_VARIABLE = "BENCH_HANDLER_TIMES"


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


def _timed(handler: Callable[..., Any], spent: dict[str, float]) -> Callable[..., Any]:
    """``handler``, adding its time to ``spent`` (not twice when one handler runs inside another:
    the feeds resolve doctrees, which runs ``doctree-resolved`` again)."""

    def timed(*args: Any, **kwargs: Any) -> Any:
        if spent["depth"]:
            return handler(*args, **kwargs)
        spent["depth"] = 1
        started = time.perf_counter()
        try:
            return handler(*args, **kwargs)
        finally:
            spent["seconds"] += time.perf_counter() - started
            spent["depth"] = 0

    return timed


def time_editorial_handlers(app: Sphinx, path: str) -> None:
    """Time every event handler of the ``editorial`` package, and write the total at the end.

    The extension's cost measured inside the build it is part of: unlike two
    builds compared, it does not move with the speed of a shared machine.
    It sees the main process only, so it is meaningful for ``-j 1``.  It
    reaches into ``app.events.listeners``, Sphinx's internal list: a probe's
    licence, never the extension's.
    """
    spent = {"seconds": 0.0, "depth": 0}
    for listeners in app.events.listeners.values():
        for index, listener in enumerate(listeners):
            if (getattr(listener.handler, "__module__", "") or "").startswith("editorial"):
                listeners[index] = listener._replace(handler=_timed(listener.handler, spent))

    def report(app: Sphinx, exception: Exception | None) -> None:
        Path(path).write_text(f"{spent['seconds']:.6f}\n", encoding="utf-8")

    app.connect("build-finished", report, priority=999)


def setup(app: Sphinx) -> ExtensionMetadata:
    # Last, so that the list is the one other handlers left.
    app.connect("env-before-read-docs", _reading, priority=900)
    app.connect("html-page-context", _writing, priority=900)
    if os.environ.get(TIMES_VARIABLE):
        time_editorial_handlers(app, os.environ[TIMES_VARIABLE])
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
