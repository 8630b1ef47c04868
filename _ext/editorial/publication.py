"""Which posts a build publishes: drafts and future posts stay out of production.

Without ``editorial_show_drafts``, a draft (``draft: true``) or a post dated
after the build date is no document of the build at all, as if its file
were not there: no page, no search entry, no sitemap line, no inventory
entry, and a link to it warns as a link to nothing does.  Sphinx decides
which files are documents before it reads any (``exclude_patterns``), so
the decision is taken at ``config-inited``, from each post file's front
matter read by the record's own rules (``read_post``, ``Post.is_published``):
the build date and the ``draft`` flag mean here what they mean everywhere.
Previews (``-D editorial_show_drafts=1``) leave nothing out.  What each
post file says about its publication is kept between builds in the doctree
folder (``PostReadings``): a rebuild reads again only the files that changed.

Incremental builds stay right without ``make clean``: ``exclude_patterns``
is an ``env`` setting, so the day the posts left out change (a date passes,
a draft flag flips), Sphinx reads every document again and every list,
feed, sitemap and search index follows; the page a post left behind in the
output folder is deleted (Sphinx keeps pages of removed documents).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from .config import configured_today
from .diagnostics import Problem, Subtype, warn
from .file_readings import FileReadings
from .frontmatter import read_front_matter
from .layout import Place, carries_post_keys, leave_out, left_out, placement, posts_folder_of
from .links import HTML_BUILDERS
from .model import Post, read_post
from .series import UnpublishedPart, note_unpublished_parts

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.config import Config


#: Where ``leave_out_unpublished`` keeps the ``draft`` flags it could not read, for ``warn_hidden_by_a_bad_flag``.
_FLAG_PROBLEMS = "_editorial_flag_problems"

#: Places whose whole folder is the post's: left out together.
_BUNDLES = (Place.BUNDLE, Place.TRANSLATED_BUNDLE)


def _glob_escape(path: str) -> str:
    """``path`` as an ``exclude_patterns`` entry that matches only itself."""
    return "".join(f"[{character}]" if character in "*?[" else character for character in path)


def _post_files(srcdir: Path, folder: str, suffixes: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    """(path relative to the source folder, docname) of each source file under the posts folder."""
    root = srcdir / folder
    for directory, folders, files in os.walk(root):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        relative_folder = Path(directory).relative_to(srcdir).as_posix()  # once a folder: a Path a file cost 30 ms
        for name in sorted(files):
            suffix = next((suffix for suffix in suffixes if name.endswith(suffix)), None)
            if suffix is None or name.startswith("."):
                continue
            relative = f"{relative_folder}/{name}"
            yield relative, relative.removesuffix(suffix)


class PostReading(NamedTuple):
    """What deciding on a post file needs from its front matter: its ``draft`` flag, its date, the flag's problems."""

    draft: bool
    day: date | None
    flag_problems: tuple[tuple[int, Problem], ...] = ()  # (line, problem)

    def is_published(self, today: date) -> bool:
        """``Post.is_published``, on what was kept of the record: not a draft, not dated after ``today``."""
        return not self.draft and (self.day is None or self.day <= today)


def read_post_file(path: Path, docname: str) -> PostReading | None:
    """A post file's reading, by the record's own rules (``read_post``); None for a file that is no post."""
    try:
        source = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None  # Sphinx says it when it reads the file
    front_matter = read_front_matter(source)
    if not carries_post_keys(front_matter.values):
        return None
    post, problems = read_post(docname, front_matter.values, front_matter.lines, "", 0)
    flag = tuple((post.line_of("draft"), problem) for problem in problems if problem.field == "draft")
    return PostReading(post.draft, post.date, flag)


#: The readings of the last build, in the doctree folder (``file_readings.FileReadings``), a reading being
#: ``null`` or ``[draft, "YYYY-MM-DD" or null, [[line, field, message, subtype], ...]]``.  Bump the layout when
#: ``PostReading`` changes shape.
READINGS_FILE = "editorial-post-readings.json"
_READINGS_LAYOUT = 1


class PostReadings:
    """Each post file's reading, kept between builds in the doctree folder, keyed by (path, mtime_ns, size).

    Reading and parsing every post's front matter at each build was most of
    what the extension cost a no-change rebuild (0.17 s at 1,000 posts).
    """

    def __init__(self, store: Path) -> None:
        self.readings = FileReadings(store, _READINGS_LAYOUT)

    def reading(self, srcdir: Path, path: str, docname: str) -> PostReading | None:
        """``read_post_file`` of ``srcdir / path``, from the store when the file is as it was then."""
        try:
            # read_post_file is looked up at each call: the tests count the files it reads.
            return _loaded(self.readings.reading(srcdir, path, lambda: _dumped(read_post_file(srcdir / path, docname))))
        except OSError:
            return None

    def keep_only(self, paths: set[str]) -> None:
        """Forget the files that are gone."""
        self.readings.keep_only(paths)

    def save(self) -> None:
        """Write the store if anything changed."""
        self.readings.save()


def _dumped(reading: PostReading | None) -> list[Any] | None:
    if reading is None:
        return None
    day = reading.day.isoformat() if reading.day else None
    problems = [
        [line, problem.field, problem.message, problem.subtype.value] for line, problem in reading.flag_problems
    ]
    return [reading.draft, day, problems]


def _loaded(dumped: list[Any] | None) -> PostReading | None:
    if dumped is None:
        return None
    draft, day, problems = dumped
    flag = tuple((line, Problem(field, message, Subtype(subtype))) for line, field, message, subtype in problems)
    return PostReading(draft, date.fromisoformat(day) if day else None, flag)


class Unpublished(NamedTuple):
    """A post file a reader may not see yet, and what is wrong with its ``draft`` flag, if anything."""

    path: str  # relative to the source folder
    docname: str
    flag_problems: tuple[tuple[int, Problem], ...] = ()  # (line, problem): 'draft: oui' hides the post
    post: Post | None = None  # its record, read from its front matter (a series counts it)


def unpublished_posts(
    srcdir: Path, config: Config, today: date, readings: PostReadings | None = None
) -> Iterator[Unpublished]:
    """Each post file a reader may not see yet: a draft, or dated after ``today``.

    With ``readings``, files unchanged since the last build are not read again, and the store is brought up to date
    (the caller saves it).
    """
    folder = posts_folder_of(config)
    seen = set()
    for path, docname in _post_files(srcdir, folder, tuple(config.source_suffix)):
        seen.add(path)
        reading = (
            read_post_file(srcdir / path, docname) if readings is None else readings.reading(srcdir, path, docname)
        )
        if reading is not None and not reading.is_published(today):
            yield Unpublished(path, docname, reading.flag_problems, _whole_record(srcdir / path, docname))
    if readings is not None:
        readings.keep_only(seen)


def _whole_record(path: Path, docname: str) -> Post | None:
    """An unpublished post's whole record, read again at each build: a series counts its parts to come.

    Unpublished posts are the few drafts and future posts: reading them costs
    little, and keeps the readings' store small (a flag, a date).
    """
    try:
        source = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    front_matter = read_front_matter(source)
    return read_post(docname, front_matter.values, front_matter.lines, "", 0)[0]


def _pattern(path: str, docname: str, folder: str) -> str:
    """What to leave out for a post: its file, or a bundle's whole folder (its annexes are its own)."""
    found = placement(docname, folder)
    if found is not None and found.place in _BUNDLES:
        return _glob_escape(docname.rsplit("/", 1)[0]) + "/**"
    return _glob_escape(path)


def leave_out_unpublished(app: Sphinx, config: Config) -> None:
    """``config-inited``, after the settings are read: unpublished posts are no documents of this build."""
    if config.editorial_show_drafts:
        leave_out(config, {})
        note_unpublished_parts(config, ())
        return
    today = configured_today(config) or date.today()
    readings = PostReadings(Path(app.doctreedir, READINGS_FILE))
    unpublished = list(unpublished_posts(Path(app.srcdir), config, today, readings))
    readings.save()
    folder = posts_folder_of(config)
    patterns = sorted({_pattern(post.path, post.docname, folder) for post in unpublished})
    # A new list: conf.py's own is left as written.  Sorted: the same posts, the same setting.
    config.exclude_patterns = [*config.exclude_patterns, *patterns]
    leave_out(config, {post.path: post.docname for post in unpublished})
    note_unpublished_parts(
        config, (UnpublishedPart(item.path, item.post) for item in unpublished if item.post and item.post.series)
    )
    setattr(
        config,
        _FLAG_PROBLEMS,
        [(post.path, line, problem) for post in unpublished for line, problem in post.flag_problems],
    )


def warn_hidden_by_a_bad_flag(app: Sphinx) -> None:
    """``builder-inited``: a post hidden by a ``draft`` flag that is not true or false says so (it is never read)."""
    for path, line, problem in getattr(app.config, _FLAG_PROBLEMS, ()):
        warn(problem.message, problem.subtype, f"{Path(app.srcdir, path)}:{line}")


def _stale_documents(app: Sphinx) -> dict[str, str]:
    """docname -> source path of the documents this build leaves out: each post, and its bundle's annexes
    (as the last build knew them)."""
    stale = {docname: path for path, docname in left_out(app.config).items()}
    folder = posts_folder_of(app.config)
    bundles = tuple(
        docname.rsplit("/", 1)[0] + "/"
        for docname in stale
        if (found := placement(docname, folder)) is not None and found.place in _BUNDLES
    )
    for docname in app.env.all_docs:
        if bundles and docname.startswith(bundles) and docname not in stale:
            stale[docname] = Path(app.env.doc2path(docname, False)).as_posix()
    return stale


def remove_stale_pages(app: Sphinx) -> None:
    """``builder-inited``: the pages (and copied sources) that documents left out had in the output folder."""
    if app.builder.name not in HTML_BUILDERS:
        return
    builder = cast("StandaloneHTMLBuilder", app.builder)
    outdir = Path(app.outdir)
    for docname, path in _stale_documents(app).items():
        page = Path(builder.get_outfilename(docname))
        for stale in (page, outdir / "_sources" / (path + builder.config.html_sourcelink_suffix)):
            if stale.is_file() and outdir in stale.parents:
                stale.unlink()
        folder = page.parent
        while page.name == "index.html" and folder != outdir and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()  # dirhtml's posts/<slug>/, now empty
            folder = folder.parent


def setup_publication(app: Sphinx) -> None:
    # After check_settings (500), which reads editorial_show_drafts and editorial_today,
    # and after Sphinx merges the parsers' suffixes into source_suffix (800).
    app.connect("config-inited", leave_out_unpublished, priority=850)
    app.connect("builder-inited", remove_stale_pages)
    app.connect("builder-inited", warn_hidden_by_a_bad_flag)
