"""Authors: one page each (``authors/<id>.md``, ``type: author``), and the checks of posts naming them.

An author's id is the file name (a slug, as a post's or a pillar's); the
front matter gives the name, role, a short bio and optional addresses
(``site``, ``linkedin``: absolute ``https`` URLs, a bad one is warned about
and dropped).  A post names its authors by id (``author`` or ``authors``);
a post naming none is by the site's default author (``conf.py`` ``author``),
shown exactly as before authors existed.  Pure, like ``model.py``: front
matter in, a record and its problems out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .diagnostics import Problem, Subtype, closest_ids, warn
from .layout import post_slug
from .model import FieldReader, check_declared_slug, file_name_problems, same_title

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from .model import Post

#: An author page's front-matter keys.
AUTHOR_KEYS = frozenset({"type", "name", "role", "bio", "site", "linkedin", "slug"})
#: The addresses an author may give, in the order pages and JSON-LD (``sameAs``) show them.
ADDRESS_KEYS = ("site", "linkedin")


@dataclass(frozen=True)
class Author:
    """An author as their page, the post headers, feeds and JSON-LD show them."""

    docname: str
    #: The id posts name them by: the file name.
    slug: str
    name: str
    role: str = ""
    bio: str = ""
    #: Absolute https addresses: their own site, their LinkedIn profile ("" when none).
    site: str = ""
    linkedin: str = ""
    lines: tuple[tuple[str, int], ...] = ()

    @property
    def addresses(self) -> tuple[str, ...]:
        """The addresses given, site first (JSON-LD ``sameAs``)."""
        return tuple(address for address in (self.site, self.linkedin) if address)

    def line_of(self, key: str | None) -> int:
        return dict(self.lines).get(key or "", 1)


def is_author_page(values: Mapping[str, object]) -> bool:
    """Whether a page's front matter declares an author (``type: author``)."""
    return values.get("type") == "author"


def _address(fields: FieldReader, key: str) -> str:
    written = fields.text(key)
    if not written:
        return ""
    parts = urlsplit(written)
    if parts.scheme == "https" and parts.hostname and not any(character.isspace() for character in written):
        return written
    fields.report(
        key, f"'{key}' should be an absolute https address (https://…), got {written[:80]!r}; left out", Subtype.AUTHOR
    )
    return ""


def read_author(
    docname: str, values: Mapping[str, object], lines: Mapping[str, int], heading: str
) -> tuple[Author, list[Problem]]:
    """Build an author record from their page's front matter and its ``#`` title (``heading``, "" if none).

    The ``#`` title is what the page shows; ``name`` is what posts, feeds and
    JSON-LD show, so both should match (a difference is a warning).
    """
    slug = post_slug(docname)
    fields = FieldReader(values)
    fields.problems.extend(file_name_problems(slug))
    fields.unknown_keys(values, AUTHOR_KEYS)
    name = fields.text("name", required=True, subtype=Subtype.AUTHOR)
    if name and heading and not same_title(name, heading):
        fields.report(
            "name",
            f"name {name!r} differs from the '#' title {heading!r}; posts and feeds show the name",
            Subtype.TITLE,
        )
    check_declared_slug(fields, slug)
    author = Author(
        docname=docname,
        slug=slug,
        name=name or heading or slug,
        role=fields.text("role"),
        bio=fields.text("bio"),
        site=_address(fields, "site"),
        linkedin=_address(fields, "linkedin"),
        lines=tuple(sorted(lines.items())),
    )
    return author, fields.problems


def authors_by_id(authors: Iterable[Author]) -> dict[str, Author]:
    """Each id and the author page that owns it: the first by docname, as ``model.owners_by_slug`` picks."""
    owners: dict[str, Author] = {}
    for author in sorted(authors, key=lambda author: author.docname):
        owners.setdefault(author.slug, author)
    return owners


def check_authors(all_authors: Iterable[Author], all_posts: Iterable[Post]) -> None:
    """Once every document is read: two author pages with one id, posts naming an unknown author."""
    authors = sorted(all_authors, key=lambda author: author.docname)
    known = authors_by_id(authors)
    for author in authors:
        owner = known[author.slug]
        if owner is not author:
            warn(
                f"author id {author.slug!r} is already used by {owner.docname}; posts naming it go there",
                Subtype.DUPLICATE,
                (author.docname, 1),
            )
    for post in sorted(all_posts, key=lambda post: post.docname):
        unknown = [author_id for author_id in post.authors if author_id not in known]
        if unknown:
            field = "authors" if "authors" in dict(post.lines) else "author"
            listing = ", ".join(repr(author_id) for author_id in unknown)
            available = ", ".join(sorted(known)) or "none (add authors/<id>.md with type: author)"
            warn(
                f"unknown author id(s) {listing}{closest_ids(unknown, known)}; known authors: {available}",
                Subtype.AUTHOR,
                (post.docname, post.line_of(field)),
            )
