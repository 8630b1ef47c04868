"""Series ("dossiers"): which posts are the parts of which series, in order, and what is wrong with them.

A pillar declares its series in its front matter (``series: [{id, label,
summary}]``, ``model.SeriesTerm``); a post joins one with ``series: <id>``
and ``series_part: <n>``.  A post is a part of a series when its own pillar
declares it; parts are ordered by number, then by docname (two posts
claiming one number both stay, with a warning).

Parts not published yet are no documents of a production build
(``publication.py`` leaves them out before Sphinx looks for documents), yet
the series counts them ("Partie 2 sur 4") and its page shows them as "to
come": ``publication.py`` keeps their records here (``note_unpublished_parts``),
on the configuration of this build, and the catalogue's inputs include them
(``resolve.catalogue_inputs``), so the pages showing them follow their changes.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, NamedTuple

from .diagnostics import Subtype, closest_ids, warn
from .model import Pillar, Post, SeriesTerm, owners_by_slug

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from sphinx.config import Config

#: The folder of the generated series pages: ``series/<id>`` is the page of the series ``<id>``.
SERIES_FOLDER = "series"
_UNPUBLISHED = "_editorial_unpublished_parts"


def series_docname(series_id: str) -> str:
    """The document of a series' page."""
    return f"{SERIES_FOLDER}/{series_id}"


class UnpublishedPart(NamedTuple):
    """A part no reader may see yet: its file (relative to the source folder) and its record."""

    path: str
    post: Post


def note_unpublished_parts(config: Config, parts: Iterable[UnpublishedPart]) -> None:
    """Keep, for this build, the parts of series left out as drafts or future posts (sorted by docname)."""
    setattr(config, _UNPUBLISHED, tuple(sorted(parts, key=lambda part: part.post.docname)))


def unpublished_parts(config: Config) -> tuple[UnpublishedPart, ...]:
    """The parts ``note_unpublished_parts`` kept (none in a preview: drafts are documents there)."""
    parts: tuple[UnpublishedPart, ...] = getattr(config, _UNPUBLISHED, ())
    return parts


class Part(NamedTuple):
    """One part of a series: its number and post; ``published`` False for a part still to come."""

    number: int
    post: Post
    published: bool


class SeriesIndex:
    """Every declared series and its parts, from the pillars, the listed posts and the parts to come."""

    def __init__(self, pillars: Iterable[Pillar], listed: Iterable[Post], to_come: Iterable[Post] = ()) -> None:
        self.pillars_by_slug = owners_by_slug(pillars)
        #: series id -> (its declaration, the pillar declaring it): the first pillar by docname.
        self.declared: dict[str, tuple[SeriesTerm, Pillar]] = {}
        for pillar in sorted(self.pillars_by_slug.values(), key=lambda pillar: pillar.docname):
            for term in pillar.series:
                self.declared.setdefault(term.id, (term, pillar))
        found: dict[str, list[Part]] = defaultdict(list)
        for post, published in [(post, True) for post in listed] + [(post, False) for post in to_come]:
            if self.declaration(post) is not None:
                found[post.series].append(Part(post.series_part, post, published))
        self._parts = {
            series_id: tuple(sorted(parts, key=lambda part: (part.number, part.post.docname)))
            for series_id, parts in found.items()
        }

    def declaration(self, post: Post) -> SeriesTerm | None:
        """The series ``post`` is a part of: declared by its own pillar, with a part number."""
        if not post.series or post.series_part < 1:
            return None
        known = self.declared.get(post.series)
        if known is None or known[1].slug != post.pillar:
            return None
        return known[0]

    def parts(self, series_id: str) -> tuple[Part, ...]:
        return self._parts.get(series_id, ())

    def total(self, series_id: str) -> int:
        """How many parts a series has, those to come included ("Partie 2 sur 4"); never below the last number."""
        parts = self.parts(series_id)
        return max(len({part.number for part in parts}), max((part.number for part in parts), default=0))

    def of_pillar(self, pillar_slug: str) -> tuple[SeriesTerm, ...]:
        """The series a pillar declares and owns, in the order written."""
        pillar = self.pillars_by_slug.get(pillar_slug)
        if pillar is None:
            return ()
        return tuple(term for term in pillar.series if self.declared[term.id][1].docname == pillar.docname)

    def neighbours(self, post: Post) -> tuple[Post | None, Post | None]:
        """The published parts just before and after ``post`` in its series."""
        if self.declaration(post) is None:
            return None, None
        published = [part.post for part in self.parts(post.series) if part.published]
        if post not in published:
            return None, None
        index = published.index(post)
        return (published[index - 1] if index else None, published[index + 1] if index + 1 < len(published) else None)


def check_series(
    pillars: Iterable[Pillar], posts: Iterable[Post], to_come: tuple[UnpublishedPart, ...], srcdir: str
) -> None:
    """Warn, at the file and line at fault: a series declared twice, unknown, of another pillar;
    two posts claiming one part; a gap in the numbering.  In a fixed order (``-j`` warns alike)."""
    pillar_list = sorted(pillars, key=lambda pillar: pillar.docname)
    index = SeriesIndex(pillar_list, (), ())
    for pillar in pillar_list:
        for term in pillar.series:
            owner = index.declared[term.id][1]
            if owner.docname != pillar.docname:
                warn(
                    f"series {term.id!r} is already declared by {owner.docname}; its page shows that pillar's parts",
                    Subtype.SERIES,
                    (pillar.docname, pillar.line_of("series")),
                )
    locations: dict[str, tuple[str, int] | str] = {}
    members: list[Post] = []

    def locate(post: Post, key: str, path: str | None) -> tuple[str, int] | str:
        return f"{srcdir}/{path}:{post.line_of(key)}" if path else (post.docname, post.line_of(key))

    candidates: list[tuple[Post, str | None]] = [(post, None) for post in sorted(posts, key=lambda post: post.docname)]
    candidates += [(part.post, part.path) for part in to_come]
    for post, path in candidates:
        if not post.series:
            continue
        locations[post.docname] = locate(post, "series_part", path)
        if _check_membership(post, index, locate(post, "series", path)):
            members.append(post)
    _check_numbering(members, locations)


def _check_membership(post: Post, index: SeriesIndex, location: tuple[str, int] | str) -> bool:
    """Whether ``post`` is a part of its series; a warning if its series is unknown or of another pillar."""
    known = index.declared.get(post.series)
    if known is None:
        listing = ", ".join(repr(series_id) for series_id in sorted(index.declared)[:8]) or "none"
        hint = closest_ids([post.series], index.declared)
        warn(f"unknown series {post.series!r}{hint}; known series: {listing}", Subtype.SERIES, location)
        return False
    if known[1].slug != post.pillar:
        warn(
            f"series {post.series!r} belongs to pillar {known[1].slug!r}, not to this post's pillar "
            f"{post.pillar!r}: the post is no part of it",
            Subtype.SERIES,
            location,
        )
        return False
    return post.series_part >= 1


def _place(location: tuple[str, int] | str) -> str:
    """A location as an editor reads it: ``posts/x (line 4)``, or the path and line already written."""
    if isinstance(location, str):
        return location
    docname, line = location
    return f"{docname} (line {line})"


def _check_numbering(members: list[Post], locations: Mapping[str, tuple[str, int] | str]) -> None:
    by_series: dict[str, list[Post]] = defaultdict(list)
    for post in members:
        by_series[post.series].append(post)
    for series_id, posts in sorted(by_series.items()):
        ordered = sorted(posts, key=lambda post: (post.series_part, post.docname))
        free = ordered[-1].series_part + 1
        expected = 1
        for previous, post in zip([None, *ordered], ordered, strict=False):
            if previous is not None and previous.series_part == post.series_part:
                warn(
                    f"part {post.series_part} of series {series_id!r} is already claimed by "
                    f"{_place(locations[previous.docname])}; both are shown, in the order of their file names "
                    f"(the next free part is {free})",
                    Subtype.SERIES,
                    locations[post.docname],
                )
                continue
            if post.series_part > expected:
                missing = (
                    f"part {expected} is missing"
                    if post.series_part == expected + 1
                    else f"parts {expected} to {post.series_part - 1} are missing"
                )
                warn(
                    f"series {series_id!r} jumps to part {post.series_part}: {missing} (the order still holds)",
                    Subtype.SERIES,
                    locations[post.docname],
                )
            expected = post.series_part + 1
