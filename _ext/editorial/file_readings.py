"""What the extension read from source files, kept between builds by each file's ``stat``.

Before Sphinx reads any document, the extension reads some files' front
matter itself: every post (is it published?) and every page outside the
posts folder (which series does a pillar declare?).  Parsing them again at
each build was most of what the extension cost a rebuild with no change;
``stat`` is a hundred times cheaper.  A ``FileReadings`` store keeps, for
each file, what was read from it (any JSON value), under the file's
``(mtime_ns, size)`` and the extension's code (another version of the
rules reads again).  A file modified just before it was read may have
changed again within its file system's timestamp granularity: it is read
again at the next build.  A missing or unreadable store only means reading
every file again.
"""

from __future__ import annotations

import functools
import json
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

#: A file modified this close (ns) to the moment it was read may have changed again within its file system's
#: timestamp granularity (two seconds on the coarsest): its reading is not trusted, the file is read again.
RACY_NS = 2_000_000_000


@functools.cache
def _code() -> list[list[Any]]:
    """The name, mtime and size of each module of the extension (as JSON reads it back); once per process."""
    modules = sorted(Path(__file__).parent.glob("*.py"))
    return [[module.name, status.st_mtime_ns, status.st_size] for module in modules if (status := module.stat())]


class FileReadings:
    """Readings of source files, kept in one JSON file: ``{"format": [layout, code], "files": {path: entry}}``.

    An entry is ``[mtime_ns, size, checked_ns, reading]``, ``path`` relative
    to the source folder and ``/``-separated, ``reading`` what the caller's
    ``read`` returned (JSON: ``None``, numbers, text, lists, mappings).
    ``layout`` is the caller's: bump it when its readings change shape.
    """

    def __init__(self, store: Path, layout: int) -> None:
        self.store = store
        self.format = [layout, _code()]
        self.entries: dict[str, list[Any]] = {}
        self.changed = False
        try:
            saved = json.loads(store.read_text(encoding="utf-8"))
            if saved.get("format") == self.format:
                self.entries = saved["files"]
        except (OSError, ValueError, AttributeError, KeyError):
            self.changed = True

    def reading(self, srcdir: Path, path: str, read: Callable[[], Any]) -> Any:
        """What ``read()`` returns for ``srcdir / path``: from the store when the file is as it was then.

        Raises ``OSError`` when the file cannot be ``stat``-ed (gone since it was listed).
        """
        checked_ns = time.time_ns()
        status = os.stat(os.path.join(srcdir, path))  # a Path per file cost as much as the stat
        entry = self.entries.get(path)
        if (
            entry is not None
            and entry[:2] == [status.st_mtime_ns, status.st_size]
            and status.st_mtime_ns + RACY_NS < entry[2]
        ):
            return entry[3]
        reading = read()
        self.entries[path] = [status.st_mtime_ns, status.st_size, checked_ns, reading]
        self.changed = True
        return reading

    def keep_only(self, paths: set[str]) -> None:
        """Forget the files that are gone."""
        for path in set(self.entries) - paths:
            del self.entries[path]
            self.changed = True

    def save(self) -> None:
        """Write the store if anything changed; a store that cannot be written is only a slower next build."""
        if not self.changed:
            return
        try:
            self.store.parent.mkdir(parents=True, exist_ok=True)
            text = json.dumps({"format": self.format, "files": self.entries}, ensure_ascii=False)
            partial = self.store.with_name(self.store.name + ".partial")
            partial.write_text(text, encoding="utf-8")
            os.replace(partial, self.store)  # never half a store: two builds may share the doctree folder
        except OSError:
            pass
