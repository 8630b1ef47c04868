"""Checks that need every document: each post against its pillar's vocabulary.

Run once all documents are read (the domain's ``check_consistency``), in the main
process, in a fixed order so that the warnings are the same with ``-j``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from .diagnostics import Subtype, closest_ids, warn
from .model import BlockSpec, Pillar, Post, owners_by_slug

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

_SHOWN = 8


def _listing(ids: list[str]) -> str:
    shown = ", ".join(repr(item) for item in ids[:_SHOWN])
    return shown + (f" and {len(ids) - _SHOWN} more" if len(ids) > _SHOWN else "")


def check_records(
    all_pillars: Iterable[Pillar], all_posts: Iterable[Post], blocks: Mapping[str, tuple[BlockSpec, ...]]
) -> None:
    """Report what one document alone cannot know: unknown pillars and ids, duplicates."""
    pillars = sorted(all_pillars, key=lambda pillar: pillar.docname)
    posts = sorted(all_posts, key=lambda post: post.docname)
    pillars_by_slug = owners_by_slug(pillars)
    _check_duplicates(pillars, posts)
    post_slugs = {post.slug for post in posts}
    for post in posts:
        _check_post(post, pillars_by_slug, post_slugs)
    for docname in sorted(blocks):
        for spec in blocks[docname]:
            if spec.pillar and spec.pillar not in pillars_by_slug:
                warn(
                    f"{spec.kind}: unknown pillar {spec.pillar!r}; known: {_listing(sorted(pillars_by_slug))}",
                    Subtype.PILLAR,
                    docname,
                )


def _slug(record: Pillar | Post) -> str:
    return record.slug


def _folded_title(record: Pillar | Post) -> str:
    return record.title.casefold()


def _check_duplicates(pillars: list[Pillar], posts: list[Post]) -> None:
    for kind, records in (("pillar", pillars), ("post", posts)):
        for key, of, consequence in (("slug", _slug, "; links by slug go there"), ("title", _folded_title, "")):
            by_value: dict[str, list[Pillar | Post]] = defaultdict(list)
            for record in records:
                by_value[of(record)].append(record)
            for same in (same for _value, same in sorted(by_value.items())):
                for record in same[1:]:
                    shown = getattr(record, key)
                    warn(
                        f"{kind} {key} {shown!r} is already used by {same[0].docname}{consequence}",
                        Subtype.DUPLICATE,
                        (record.docname, record.line_of(key)),
                    )


def _check_post(post: Post, pillars_by_slug: dict[str, Pillar], post_slugs: set[str]) -> None:
    if not post.pillar:
        return  # already reported as missing when read
    pillar = pillars_by_slug.get(post.pillar)
    location = (post.docname, post.line_of("pillar"))
    if pillar is None:
        if post.pillar in post_slugs:
            warn(
                f"pillar {post.pillar!r} is a post, not a pillar; known pillars: {_listing(sorted(pillars_by_slug))}",
                Subtype.PILLAR,
                location,
            )
        else:
            warn(
                f"unknown pillar {post.pillar!r}{closest_ids([post.pillar], pillars_by_slug)}; "
                f"known pillars: {_listing(sorted(pillars_by_slug))}",
                Subtype.PILLAR,
                location,
            )
        return
    for field, known, subtype in (
        ("audience", pillar.audiences, Subtype.AUDIENCE),
        ("tensions", pillar.tensions, Subtype.TENSION),
    ):
        known_ids = {term.id for term in known}
        unknown = [key for key in getattr(post, field) if key not in known_ids]
        if unknown:
            warn(
                f"unknown {field} id(s) {_listing(unknown)} for pillar {pillar.slug!r}"
                f"{closest_ids(unknown, known_ids)}; known: {_listing(sorted(known_ids))}",
                subtype,
                (post.docname, post.line_of(field)),
            )
    if post.start_here and post.start_here not in {term.id for term in pillar.start_here}:
        owners = sorted(
            other.slug
            for other in pillars_by_slug.values()
            if post.start_here in {term.id for term in other.start_here}
        )
        where = f"; it is an entry point of pillar {owners[0]!r}, not of {pillar.slug!r}" if owners else ""
        entry_ids = sorted(term.id for term in pillar.start_here)
        warn(
            f"unknown start_here {post.start_here!r}{where or closest_ids([post.start_here], entry_ids)}; "
            f"known: {_listing(entry_ids)}",
            Subtype.START_HERE,
            (post.docname, post.line_of("start_here")),
        )
