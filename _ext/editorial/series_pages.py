"""The series pages' sources, written before Sphinx looks for documents.

Each series a pillar declares gets a page, ``series/<id>``: a real source
file, as ``sphinx.ext.autosummary`` writes its stubs at ``builder-inited``,
so that the page is in every builder, the search, the sitemap and the
navigation.  The file is small: a marker line saying it is generated, front
matter naming the series, the ``#`` title (the label) and a ``series-page``
directive that fills the page from the store when it is resolved.

- A file is written only when its text differs: a build with no change
  re-reads nothing (and ``sphinx-autobuild`` does not loop).
- A generated file (one with the marker) whose series is no longer declared
  is deleted; a file without the marker is never touched (a warning says so).
- Each pillar page gets, while it is read, a hidden toctree of its series'
  pages (``add_series_toctree``): Furo's sidebar shows them under their
  pillar, and a change of series changes the navigation, which re-writes
  every page (``resolve.navigation_changed``).

Series declarations are read from the pillars' front matter, before any
document is read (pillars are few: the posts folder is not scanned).
"""

from __future__ import annotations

import functools
import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import yaml
from sphinx.util.matching import Matcher, get_matching_files

from .diagnostics import Subtype, warn
from .file_readings import FileReadings
from .frontmatter import read_front_matter
from .layout import posts_folder_of
from .model import read_pillar
from .series import SERIES_FOLDER, series_docname

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

#: The line that marks a series page as generated (a YAML comment, the front matter's first line).
MARKER = (
    "# Page générée par l'extension editorial depuis la déclaration de la série dans son pilier : ne la modifie pas."
)
_PAGES = "_editorial_series_pages"
#: Markdown punctuation a label could be read as (CommonMark lets a backslash escape any ASCII punctuation).
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


class SeriesSource(NamedTuple):
    """A series page to write: its document, its pillar's document and its text."""

    docname: str
    pillar_docname: str
    text: str


def _escaped(label: str) -> str:
    """A label as Markdown text, never markup: one line, every punctuation mark escaped."""
    return _PUNCTUATION.sub(r"\\\1", " ".join(label.split()))


def page_text(series_id: str, label: str, pillar_docname: str) -> str:
    """The source of a series page: marker, front matter, ``#`` title, the directive that fills it."""
    front_matter = yaml.safe_dump(
        {"type": "series", "series": series_id, "pillar": pillar_docname}, allow_unicode=True, sort_keys=False
    )
    return f"---\n{MARKER}\n{front_matter}---\n\n# {_escaped(label)}\n\n```{{series-page}}\n:series: {series_id}\n```\n"


def _pillar_files(srcdir: Path, config: Config) -> Iterator[tuple[str, str]]:
    """(path, docname) of each source file outside the posts and series folders, in order."""
    suffixes = tuple(config.source_suffix)
    excluded = [*config.exclude_patterns, posts_folder_of(config), SERIES_FOLDER]
    for path in sorted(get_matching_files(srcdir, config.include_patterns, excluded)):
        suffix = next((suffix for suffix in suffixes if path.endswith(suffix)), None)
        if suffix is not None:
            yield path, path.removesuffix(suffix)


#: Each page's series declarations as the last build read them, in the doctree folder (``FileReadings``): a reading
#: is ``null`` (no pillar) or ``[[id, label], ...]``.  Bump the layout when it changes shape.
DECLARATIONS_FILE = "editorial-series-declarations.json"
_DECLARATIONS_LAYOUT = 1


def _declared_series(path: Path, docname: str) -> list[list[str]] | None:
    """The ``[id, label]`` of each series the file's pillar declares, or None for a file that is no pillar."""
    try:
        source = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    if not source.startswith("---"):
        return None
    front_matter = read_front_matter(source)
    if front_matter.values.get("type") != "pillar":
        return None
    pillar = read_pillar(docname, front_matter.values, front_matter.lines, "")[0]
    return [[term.id, term.label] for term in pillar.series]


def series_sources(srcdir: Path, config: Config, readings: FileReadings | None = None) -> list[SeriesSource]:
    """One page per series id, for the first pillar (by docname) declaring it.

    The pillars are read from their front matter, before any document is read
    (their problems are warned when they are read); with ``readings``, files
    unchanged since the last build are not read again (the caller saves it).
    """
    sources: dict[str, SeriesSource] = {}
    seen = set()
    for path, docname in _pillar_files(srcdir, config):  # in order of docname
        seen.add(path)
        try:
            if readings is None:
                declared = _declared_series(srcdir / path, docname)
            else:
                declared = readings.reading(srcdir, path, functools.partial(_declared_series, srcdir / path, docname))
        except OSError:
            continue
        for series_id, label in declared or ():
            page = series_docname(series_id)
            if page not in sources:
                sources[page] = SeriesSource(page, docname, page_text(series_id, label, docname))
    if readings is not None:
        readings.keep_only(seen)
    return list(sources.values())


def _is_generated(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8", errors="replace") as file:
            return file.readline().strip() == "---" and file.readline().rstrip("\n") == MARKER
    except OSError:
        return False


def _write_if_changed(path: Path, text: str) -> None:
    """Write ``text`` atomically, and only if it differs (an unchanged file keeps its mtime)."""
    if path.is_file() and path.read_text(encoding="utf-8", errors="replace") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp") as file:
        file.write(text)
    os.replace(file.name, path)


def write_series_pages(app: Sphinx) -> None:
    """``builder-inited``: bring ``series/`` to the declared series; remember each pillar's series pages."""
    srcdir = Path(app.srcdir)
    readings = FileReadings(Path(app.doctreedir, DECLARATIONS_FILE), _DECLARATIONS_LAYOUT)
    sources = series_sources(srcdir, app.config, readings)
    readings.save()
    folder = srcdir / SERIES_FOLDER
    wanted = {source.docname: source for source in sources}
    if folder.is_dir():
        for existing in sorted(folder.glob("*.md")):
            if f"{SERIES_FOLDER}/{existing.stem}" not in wanted and _is_generated(existing):
                existing.unlink()
    pages: dict[str, tuple[str, ...]] = {}
    for source in sources:
        path = srcdir / f"{source.docname}.md"
        if path.exists() and not _is_generated(path):
            warn(
                f"{path.name} was not written by the editorial extension: it is left as it is, and the series' "
                "page is not generated; rename or delete the file",
                Subtype.SERIES,
                f"{path}:1",
            )
            continue
        _write_if_changed(path, source.text)
        pages[source.pillar_docname] = (*pages.get(source.pillar_docname, ()), source.docname)
    setattr(app.config, _PAGES, pages)


def include_series_folder(app: Sphinx, config: Config) -> None:
    """``config-inited``: the series pages are documents even where ``include_patterns`` names other folders."""
    if not Matcher(config.include_patterns)(f"{SERIES_FOLDER}/page.md"):
        config.include_patterns = [*config.include_patterns, f"{SERIES_FOLDER}/**"]


def add_series_toctree(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: a pillar page lists its series' pages in a hidden toctree (the sidebar shows them)."""
    pages: dict[str, tuple[str, ...]] = getattr(app.config, _PAGES, {})
    series = pages.get(docname)
    if not series:
        return
    entries = "\n".join(f"/{page}" for page in series)
    if app.env.doc2path(docname).suffix == ".rst":
        listed = "\n".join(f"   /{page}" for page in series)
        source[0] = source[0].rstrip("\n") + f"\n\n.. toctree::\n   :hidden:\n\n{listed}\n"
    else:
        source[0] = source[0].rstrip("\n") + f"\n\n````{{toctree}}\n:hidden:\n\n{entries}\n````\n"


#: Where the environment keeps each pillar's series pages as its toctree last listed them.
_LISTED = "editorial_series_toctrees"


def pillars_to_read_again(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: pillars whose series pages changed without their file changing.

    A pillar's toctree of series is added while it is read; the pages it lists
    can change with another file (a pillar declaring the same id, a file of
    ``series/`` taken back by the editor): the pillar is then read again.
    """
    pages: dict[str, tuple[str, ...]] = getattr(app.config, _PAGES, {})
    listed: dict[str, tuple[str, ...]] = getattr(env, _LISTED, {})
    setattr(env, _LISTED, dict(pages))
    return sorted(
        docname
        for docname in set(pages) | set(listed)
        if pages.get(docname) != listed.get(docname) and docname in env.found_docs
    )


def setup_series_pages(app: Sphinx) -> None:
    app.connect("config-inited", include_series_folder)
    app.connect("builder-inited", write_series_pages)
    # After remember_front_matter (500) read the front matter: the toctree goes at the end.
    app.connect("source-read", add_series_toctree, priority=600)
    app.connect("env-get-outdated", pillars_to_read_again)
