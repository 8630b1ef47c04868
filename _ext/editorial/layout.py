"""Where posts live: which files under the posts folder are posts, and their slugs.

A post is ``posts/<slug>.md`` or a page bundle ``posts/<slug>/index.md``
(Hugo's shape: one folder per post, its images beside it); both are
published at ``posts/<slug>/`` by ``dirhtml``.  Anything else under the posts
folder that carries front matter is still a post (nothing an editor wrote is
lost), with a warning that says where it is published and where to move it;
a file Sphinx does not read (``.markdown``, a hidden file…) that carries post
front matter gets a warning naming it, since it cannot be published at all.
"""

from __future__ import annotations

import os
import re
import unicodedata
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .diagnostics import Subtype, warn

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

#: The page of a bundle: ``index``, or Hugo's translated ``index.fr`` (Sphinx keeps the ``.fr`` in the docname).
_BUNDLE_PAGE = re.compile(r"index(?:\.(?P<language>[a-z]{2}(?:-[a-zA-Z]{2,4})?))?")
#: Hugo's list pages: a section's or a branch bundle's ``_index.md``.
_HUGO_LIST_PAGE = re.compile(r"_index(?:\.[a-z]{2}(?:-[a-zA-Z]{2,4})?)?")
#: Keys only a post's front matter has: what makes a file a post wherever it is.
POST_ONLY_KEYS = ("date", "pillar", "summary")
#: Front matter that opens with ``---`` and names a key only a post has.
_POST_FRONT_MATTER = re.compile(
    r"\A(?:\ufeff)?---[ \t]*\r?\n(?:(?!---[ \t]*\r?$).*\r?\n)*?(?:" + "|".join(POST_ONLY_KEYS) + r")[ \t]*:", re.M
)


class Place(Enum):
    """How a document sits in the posts folder."""

    FILE = "file"  # posts/<slug>.md
    BUNDLE = "bundle"  # posts/<slug>/index.md
    TRANSLATED_BUNDLE = "translated-bundle"  # posts/<slug>/index.fr.md (Hugo's translations)
    NESTED = "nested"  # deeper: posts/2024/<slug>.md, posts/<slug>/annexe.md
    HUGO_LIST = "hugo-list"  # posts/_index.md: Hugo's list page, not a post
    POSTS_INDEX = "posts-index"  # posts/index.md: the list of every post


class Placement(NamedTuple):
    """Where a document under the posts folder sits: its slug and its place."""

    slug: str
    place: Place


def posts_folder_of(config: Config) -> str:
    """The posts folder as a docname prefix, without slashes (``"posts"``)."""
    return str(config.editorial_posts_dir).strip("/")


def posts_folder(env: BuildEnvironment) -> str:
    """The posts folder of the build ``env`` belongs to (``posts_folder_of``)."""
    return posts_folder_of(env.config)


#: Where a build keeps the post files it leaves out on purpose (``publication``): path -> docname.
_LEFT_OUT = "_editorial_left_out"


def leave_out(config: Config, files: Mapping[str, str]) -> None:
    """Note the post files (path -> docname) this build leaves out on purpose: no warning names them."""
    setattr(config, _LEFT_OUT, dict(files))


def left_out(config: Config) -> dict[str, str]:
    """The post files (path -> docname) this build leaves out on purpose; none before ``leave_out``."""
    files: dict[str, str] = getattr(config, _LEFT_OUT, {})
    return files


def placement(docname: str, folder: str) -> Placement | None:
    """Where ``docname`` sits in the posts folder ``folder``; ``None`` outside it."""
    if not docname.startswith(folder + "/"):
        return None
    parts = docname[len(folder) + 1 :].split("/")
    last = parts[-1]
    if parts == ["index"]:
        return Placement("", Place.POSTS_INDEX)
    if _HUGO_LIST_PAGE.fullmatch(last):
        return Placement(parts[-2] if len(parts) > 1 else "", Place.HUGO_LIST)
    bundle_page = _BUNDLE_PAGE.fullmatch(last)
    if len(parts) == 1:
        return Placement(last, Place.FILE)
    if len(parts) == 2 and bundle_page:
        return Placement(parts[0], Place.TRANSLATED_BUNDLE if bundle_page["language"] else Place.BUNDLE)
    return Placement(parts[-2] if bundle_page else last, Place.NESTED)


def carries_post_keys(values: Mapping[str, object]) -> bool:
    """Whether parsed front matter names a key only posts have."""
    return any(key in values for key in POST_ONLY_KEYS)


def post_slug(docname: str) -> str:
    """The slug of a post's or pillar's document: its file name, or its folder's for a bundle's ``index``."""
    parts = docname.split("/")
    if len(parts) > 1 and _BUNDLE_PAGE.fullmatch(parts[-1]):
        return parts[-2]
    return parts[-1]


def post_path(docname: str) -> str:
    """A post's docname without its bundle's ``index``: ``posts/<slug>`` in both shapes.

    What stays the same when a post moves from a file to a bundle (feed ids).
    """
    parts = docname.split("/")
    if len(parts) > 1 and _BUNDLE_PAGE.fullmatch(parts[-1]):
        return "/".join(parts[:-1])
    return docname


def placement_problem(docname: str, found: Placement, folder: str) -> str | None:
    """What to tell the editor about a document in this place, or ``None`` when it is where posts live."""
    if found.place is Place.TRANSLATED_BUNDLE:
        return (
            f"{docname}: a Hugo translation of a page bundle; this site has one language, "
            f"so it is the post {found.slug!r}: rename it to {folder}/{found.slug}/index.md"
        )
    if found.place is Place.NESTED:
        return (
            f"{docname} is published at {docname}/, not at {folder}/{found.slug}/: posts live at "
            f"{folder}/<slug>.md or {folder}/<slug>/index.md (with their images); "
            f"move it to {folder}/{found.slug}.md or {folder}/{found.slug}/index.md"
        )
    if found.place is Place.HUGO_LIST:
        return (
            f"{docname} is a Hugo list page (_index.md), not a post: the list of posts is {folder}/index.md, "
            "built from the posts' front matter; move any text worth keeping there and delete this file"
        )
    return None


def warn_unread_post_files(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs`` (every build, incremental ones too): name each post file Sphinx will not read."""
    suffixes = ", ".join(sorted(env.config.source_suffix))
    for path in unread_post_files(env):
        relative = path.relative_to(env.srcdir).as_posix()
        controls = sorted(
            {f"U+{ord(character):04X}" for character in relative if unicodedata.category(character) == "Cc"}
        )
        why = (
            f"its name holds a control character ({', '.join(controls)})"
            if controls
            else f"only {suffixes} files are read, not hidden ones, not those exclude_patterns leaves out"
        )
        warn(
            f"{relative!r} carries post front matter but Sphinx does not read it ({why}): "
            f"rename it {posts_folder(env)}/<slug>.md or {posts_folder(env)}/<slug>/index.md to publish it",
            Subtype.LAYOUT,
            f"{path}:1",  # a file, not a document: Sphinx prints a location with a line as it is
        )


def unread_post_files(env: BuildEnvironment) -> Iterator[Path]:
    """Files under the posts folder that carry post front matter but that Sphinx does not read.

    A ``.markdown`` or ``.MD`` suffix, a hidden file or folder, a file left out
    by ``exclude_patterns``: each would vanish from the site without a word.
    """
    root = Path(env.srcdir) / posts_folder(env)
    if not root.is_dir():
        return
    unpublished = left_out(env.config)
    suffixes = tuple(env.config.source_suffix)
    for directory, folders, files in os.walk(root):
        folders.sort()
        relative_folder = Path(directory).relative_to(env.srcdir).as_posix()
        for name in sorted(files):
            if _found_document(f"{relative_folder}/{name}", suffixes, env.found_docs):
                continue
            path = Path(directory, name)
            docname = env.path2doc(str(path))
            if docname is not None and docname in env.found_docs:
                continue
            if path.relative_to(env.srcdir).as_posix() in unpublished:
                continue  # a draft or a future post, left out of this build on purpose
            if _carries_post_front_matter(path):
                yield path


def _found_document(relative: str, suffixes: tuple[str, ...], found_docs: set[str]) -> bool:
    """Whether an ASCII source path is a document Sphinx found: ``path2doc``'s answer, by plain string work.

    ``path2doc`` builds and hashes ``Path`` objects, which a thousand posts a
    build made a visible share of a no-change rebuild.  Other names (NFC
    normalisation, control characters) take ``path2doc`` itself.
    """
    if not relative.isascii():
        return False
    suffix = next((suffix for suffix in suffixes if relative.endswith(suffix)), None)
    return suffix is not None and relative.removesuffix(suffix) in found_docs


def _carries_post_front_matter(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            head = file.read(8192)
    except OSError:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        text = head[: error.start].decode("utf-8")  # a cut multi-byte character, or a binary file
    return _POST_FRONT_MATTER.match(text) is not None
