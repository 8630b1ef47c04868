"""The author blocks described as elements: an author page's header and posts, the authors index.

Added to a build's ``render.Description`` (``add_author_blocks``) beside the
blocks it describes itself, with the same pieces: the posts of an author
are the look of a post list, the authors index the look of the pillars'
cards.  An author's own addresses are ``Address`` elements (outside links).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from .elements import Address, Block, Div, Inline, Para, Span, Text
from .i18n import _, post_count
from .model import BlockKind
from .render import (
    CARD_CLASSES,
    COLUMN_CLASSES,
    DOT,
    SECTION_HEADING_LEVEL,
    Description,
    Elements,
    groups_of,
    heading,
    separated,
)
from .views import AuthorHeaderView, AuthorItem, View

if TYPE_CHECKING:
    from collections.abc import Callable


def _address_label(key: str) -> str:
    return _("LinkedIn profile") if key == "linkedin" else _("Website")


def author_header(description: Description, view: View) -> Elements:
    """Under the author's name: their role, their bio, their own addresses."""
    if not isinstance(view, AuthorHeaderView):
        raise TypeError(type(view).__name__)
    lines: list[Block] = []
    if view.role:
        lines.append(Para(("editorial-author-role",), (Text(description.typeset(view.role)),)))
    if view.bio:
        lines.append(Para(("editorial-author-bio",), (Text(description.typeset(view.bio)),)))
    if view.addresses:
        links: list[Inline] = [
            Address(url, _address_label(key), ("editorial-author-address",)) for key, url in view.addresses
        ]
        lines.append(Para(("editorial-author-addresses",), separated(links, DOT)))
    return (Div(("editorial-author-header",), tuple(lines)),) if lines else ()


def author_posts(description: Description, view: View) -> Elements:
    """An author's published posts, newest first, as the list of every post shows them."""
    title = heading(SECTION_HEADING_LEVEL, (Text(_("Their posts")),), classes=("editorial-author-posts-title",))
    if not any(group.items for group in groups_of(view)):
        return (title, description.empty())
    return (title, *description.post_list(view))


def authors_index(description: Description, view: View) -> Elements:
    """Every author as a card: their name (the card's link), role, number of published posts, bio."""
    if not isinstance(view, tuple) or not all(isinstance(item, AuthorItem) for item in view):
        raise TypeError(f"not a list of authors: {type(view).__name__}")
    cards = []
    for item in (item for item in view if isinstance(item, AuthorItem)):
        # h2: the index is the page's one list, right under its title (a card's h3 would skip a level).
        title = heading(
            SECTION_HEADING_LEVEL,
            (description.link(item.link, stretched=True),),
            classes=("sd-card-title", "editorial-card-title"),
        )
        meta: list[Inline] = []
        if item.role:
            meta.append(Span(("editorial-author-role",), (Text(description.typeset(item.role)),)))
        count = post_count(item.posts) if item.posts else _("No post yet.")
        meta.append(Span(("editorial-post-count",), (Text(count),)))
        body: list[Block] = [title, Para(("editorial-meta",), separated(meta, DOT))]
        if item.bio:
            body.append(Para(("sd-card-text", "editorial-summary"), (Text(description.typeset(item.bio)),)))
        card = Div((*CARD_CLASSES, "editorial-author-card"), (Div(("sd-card-body",), tuple(body)),))
        cards.append(Div(COLUMN_CLASSES, (card,)))
    if not cards:
        return (description.empty(),)
    # "no-search": an author is found on their own page, not on the index that lists them.
    return (description.grid(cards, extra=("editorial-authors", "no-search")),)


#: Each author block kind and its description.
AUTHOR_BLOCKS: dict[BlockKind, Callable[[Description, View], Elements]] = {
    BlockKind.AUTHOR_HEADER: author_header,
    BlockKind.AUTHOR_POSTS: author_posts,
    BlockKind.AUTHORS: authors_index,
}


def add_author_blocks(description: Description) -> Description:
    """``description`` describing the author blocks too (once per build, ``resolve.description_of``)."""
    for kind, describe in AUTHOR_BLOCKS.items():
        description.blocks[kind] = partial(describe, description)
    return description
