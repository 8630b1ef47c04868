"""The feeds' rendered entries, kept between builds.

Rendering a post's full text for a feed resolves and translates its whole
doctree: with a hundred entries that was most of a rebuild's time, even when
nothing had changed.  An entry is reused when nothing it is made from has
changed (see ``entry_key``); anything else renders it again, so a cached feed
is byte for byte the feed a clean build writes.

The cache is a JSON file beside the doctrees, one per builder (``html`` and
``dirhtml`` share the doctree folder under ``make``, not their URLs).  A file
that is missing, unreadable or from another version is an empty cache.

An entry is rendered where its page is written: under ``-j``, in a forked
writer, whose memory the main process never sees.  Such a writer hands each
entry over in a file of its own, in a folder beside the cache
(``<cache>.handed-over/``); the main process takes them in before it writes
the feeds (``take_handed_over``).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

import sphinx

from .domain import EditorialDomain
from .fingerprint import fingerprint

if TYPE_CHECKING:
    from sphinx.builders import Builder

#: Bump when the file's layout changes.
FORMAT = 2


def build_fingerprint(builder: Builder, base: str) -> str:
    """What every entry of this build shares: software (Sphinx's and the extension's versions), configuration, titles.

    The extension's ``__version__`` stands for its renderers: a release that
    renders entries differently bumps it, and every entry is rendered again.

    Page titles stand for what a post's text may show of other pages (a
    ``{doc}`` link's text); a changed title renders every entry again.
    """
    build_info = getattr(builder, "build_info", None)
    titles = sorted((docname, title.astext()) for docname, title in builder.env.titles.items())
    # Here: the package imports this module, and is loaded whole by the time a build writes.
    from . import __version__  # noqa: PLC0415 - see above

    return fingerprint(
        (
            FORMAT,
            sphinx.__version__,
            __version__,
            builder.name,
            base,
            getattr(build_info, "config_hash", ""),
            getattr(build_info, "tags_hash", ""),
            titles,
        )
    )


def entry_key(builder: Builder, shared: str, docname: str) -> str:  # the entry's fingerprint
    """An entry's inputs: the build's, the post's read time, its blocks and links.

    The read time changes whenever Sphinx re-reads the post; the fingerprint
    ``stale_pages`` keeps changes whenever a block or ``{post}`` link in it
    would read differently.
    """
    store = EditorialDomain.of(builder.env)
    return fingerprint((shared, docname, builder.env.all_docs.get(docname), store.write_state.pages.get(docname)))


class EntryCache:
    """Rendered entries by docname, each with the key it was rendered under,
    and the signature of each feed file as last written (``feeds.feed_signature``)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.stored, self.stored_signatures = self._load(path)
        self.used: dict[str, tuple[str, str]] = {}
        self.signatures: dict[str, str] = {}
        #: The process that writes the feeds; an entry put in any other (a forked writer) is handed over.
        self.owner = os.getpid()
        self.handed_over = path.with_name(path.name + ".handed-over")

    @staticmethod
    def _load(path: Path) -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
        try:
            content = json.loads(path.read_text(encoding="utf-8"))
            if content.get("format") != FORMAT:
                return {}, {}
            entries = {str(docname): (str(key), str(html)) for docname, (key, html) in content["entries"].items()}
            return entries, {str(feed): str(signature) for feed, signature in content["feeds"].items()}
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return {}, {}

    def signed(self, feed_path: str, signature: str) -> bool:
        """Whether the feed file was last written from inputs with this signature (and keep it so)."""
        if self.stored_signatures.get(feed_path) != signature:
            return False
        self.signatures[feed_path] = signature
        return True

    def sign(self, feed_path: str, signature: str) -> None:
        self.signatures[feed_path] = signature

    def get(self, docname: str, key: str) -> str | None:
        """The entry rendered under ``key``, in this build or the last one."""
        entry = self.used.get(docname) or self.stored.get(docname)
        if entry is None or entry[0] != key:
            return None
        self.used[docname] = entry
        return entry[1]

    def put(self, docname: str, key: str, html: str) -> None:
        """Keep an entry rendered in this build; in a forked writer, hand it over to the main process."""
        self.used[docname] = (key, html)
        if os.getpid() != self.owner:
            self._hand_over(docname, key, html)

    def _hand_over(self, docname: str, key: str, html: str) -> None:
        self.handed_over.mkdir(parents=True, exist_ok=True)
        name = hashlib.sha256(docname.encode("utf-8")).hexdigest()
        partial = self.handed_over / f"{name}.partial"
        partial.write_text(json.dumps([docname, key, html], ensure_ascii=False), encoding="utf-8")
        os.replace(partial, self.handed_over / f"{name}.json")

    def discard_handed_over(self) -> None:
        """Remove what a build stopped before its end left handed over (before this build's writers start)."""
        if self.handed_over.is_dir():
            for path in self.handed_over.iterdir():
                path.unlink(missing_ok=True)

    def take_handed_over(self) -> None:
        """Put the entries forked writers handed over, and remove their files.

        A file that cannot be read (a writer stopped mid-way) is dropped: its
        entry is rendered again when a feed needs it, as for any missing entry.
        """
        if not self.handed_over.is_dir():
            return
        for path in sorted(self.handed_over.iterdir()):
            try:
                if path.suffix == ".json":
                    docname, key, html = json.loads(path.read_text(encoding="utf-8"))
                    self.used[str(docname)] = (str(key), str(html))
            except (OSError, ValueError, TypeError):
                pass
            path.unlink(missing_ok=True)

    def save(self) -> None:
        """Keep the entries and feeds this build used, and only those (the file never grows)."""
        if self.used == self.stored and self.signatures == self.stored_signatures:
            return
        content = {
            "format": FORMAT,
            "entries": {docname: list(entry) for docname, entry in sorted(self.used.items())},
            "feeds": dict(sorted(self.signatures.items())),
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(self.path.name + ".partial")
        partial.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, self.path)


def cache_path(builder: Builder) -> Path:
    return Path(builder.doctreedir) / f"editorial-feed-entries-{builder.name}.json"
