"""Which posts a build publishes: drafts and future posts stay out of production.

Without ``editorial_show_drafts``, a draft (``draft: true``) or a post dated
after the build date is no document of the build at all, as if its file
were not there: no page, no search entry, no sitemap line, no inventory
entry, and a link to it warns as a link to nothing does.  Sphinx decides
which files are documents before it reads any (``exclude_patterns``), so
the decision is taken at ``config-inited``, from each post file's front
matter read by the record's own rules (``read_post``, ``Post.is_published``):
the build date and the ``draft`` flag mean here what they mean everywhere.
Previews (``-D editorial_show_drafts=1``) leave nothing out.

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
from typing import TYPE_CHECKING, NamedTuple, cast

from .config import configured_today
from .diagnostics import Problem, warn
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
        for name in sorted(files):
            suffix = next((suffix for suffix in suffixes if name.endswith(suffix)), None)
            if suffix is None or name.startswith("."):
                continue
            relative = Path(directory, name).relative_to(srcdir).as_posix()
            yield relative, relative.removesuffix(suffix)


class Unpublished(NamedTuple):
    """A post file a reader may not see yet, and what is wrong with its ``draft`` flag, if anything."""

    path: str  # relative to the source folder
    docname: str
    flag_problems: tuple[tuple[int, Problem], ...] = ()  # (line, problem): 'draft: oui' hides the post
    post: Post | None = None  # its record, read from its front matter (a series counts it)


def unpublished_posts(srcdir: Path, config: Config, today: date) -> Iterator[Unpublished]:
    """Each post file a reader may not see yet: a draft, or dated after ``today``."""
    folder = posts_folder_of(config)
    for path, docname in _post_files(srcdir, folder, tuple(config.source_suffix)):
        try:
            source = (srcdir / path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue  # Sphinx says it when it reads the file
        front_matter = read_front_matter(source)
        if not carries_post_keys(front_matter.values):
            continue
        post, problems = read_post(docname, front_matter.values, front_matter.lines, "", 0)
        if not post.is_published(today):
            flag = tuple((post.line_of("draft"), problem) for problem in problems if problem.field == "draft")
            yield Unpublished(path, docname, flag, post)


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
    unpublished = list(unpublished_posts(Path(app.srcdir), config, today))
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
