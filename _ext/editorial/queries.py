"""Questions the blocks ask of the store: which posts, in which order.

Built once per resolution pass from the plain records, so that the views of
a thousand pages cost one sort, not a thousand.  Every order is total
(date, then title, then slug), so parallel and serial builds agree.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import islice

from .authors import Author, authors_by_id
from .model import Pillar, Post, owners_by_slug


def newest_first(post: Post) -> tuple[bool, int, str, str]:
    """Sort key: newest first, undated last, then title, then slug."""
    day = -post.date.toordinal() if post.date else 0
    return (post.date is None, day, post.title.casefold(), post.slug)


def oldest_first(post: Post) -> tuple[bool, int, str, str]:
    """Sort key for reading order (previous / next): oldest first, undated last."""
    day = post.date.toordinal() if post.date else 0
    return (post.date is None, day, post.title.casefold(), post.slug)


@dataclass
class Catalogue:
    """The listed posts and the pillars, indexed for the blocks."""

    pillars_by_slug: dict[str, Pillar]
    posts_by_docname: dict[str, Post]
    posts_by_slug: dict[str, Post]
    listed: tuple[Post, ...]
    listed_by_pillar: dict[str, tuple[Post, ...]] = field(default_factory=dict)
    #: Author id -> the author page that owns it (``authors.authors_by_id``).
    authors_by_id: dict[str, Author] = field(default_factory=dict)
    #: Author page docname -> its author (a page whose id another owns lists no post).
    authors_by_docname: dict[str, Author] = field(default_factory=dict)
    # Each pillar's reading order and every post's place in it, sorted once:
    # every post's footer asks for its neighbours.
    _reading_orders: dict[str, tuple[tuple[Post, ...], dict[str, int]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    # Each pillar's tension and audience ids as bits, and its posts grouped by
    # bit pattern: ``related`` compares a post with every other of its
    # pillar, and an integer AND per pattern is much cheaper than a set
    # intersection per post.
    _label_bits: dict[str, tuple[dict[str, int], dict[tuple[int, int], tuple[int, ...]]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    # Related posts ranked once per pillar and bit pattern (posts alike rank alike).
    _ranked: dict[tuple[str, tuple[int, int], int], tuple[int, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @classmethod
    def build(
        cls,
        posts: Mapping[str, Post],
        pillars: Mapping[str, Pillar],
        today: date,
        show_drafts: bool,
        authors: Iterable[Author] = (),
    ) -> Catalogue:
        authors = tuple(authors)
        """Index the posts a reader may see (all of them when drafts are shown)."""
        ordered_posts = sorted(posts.values(), key=lambda post: post.docname)
        listed = tuple(
            sorted((post for post in ordered_posts if show_drafts or post.is_published(today)), key=newest_first)
        )
        by_pillar: dict[str, list[Post]] = defaultdict(list)
        for post in listed:
            by_pillar[post.pillar].append(post)
        posts_by_slug = owners_by_slug(ordered_posts)
        pillars_by_slug = owners_by_slug(pillars.values())
        return cls(
            pillars_by_slug=pillars_by_slug,
            posts_by_docname=dict(posts),
            posts_by_slug=posts_by_slug,
            listed=listed,
            listed_by_pillar={slug: tuple(items) for slug, items in by_pillar.items()},
            authors_by_id=authors_by_id(authors),
            authors_by_docname={author.docname: author for author in authors},
        )

    def pillar_posts(self, pillar_slug: str) -> tuple[Post, ...]:
        return self.listed_by_pillar.get(pillar_slug, ())

    def author_posts(self, author_id: str) -> tuple[Post, ...]:
        """The listed posts naming this author, newest first."""
        return tuple(post for post in self.listed if author_id in post.authors)

    def post_authors(self, post: Post) -> tuple[Author, ...]:
        """The known authors of a post, in its order (unknown ids are warned about, and left out)."""
        return tuple(self.authors_by_id[key] for key in post.authors if key in self.authors_by_id)

    def latest(self, pillar_slug: str | None, limit: int) -> tuple[Post, ...]:
        source = self.listed if pillar_slug is None else self.pillar_posts(pillar_slug)
        return source[: max(limit, 0)]

    def entry_point_posts(self, pillar_slug: str, entry_id: str) -> tuple[Post, ...]:
        """Posts that name this entry point, oldest first (reading order)."""
        chosen = [post for post in self.pillar_posts(pillar_slug) if post.start_here == entry_id]
        return tuple(sorted(chosen, key=oldest_first))

    def posts_with(self, pillar_slug: str, attribute: str, entry_id: str) -> tuple[Post, ...]:
        return tuple(post for post in self.pillar_posts(pillar_slug) if entry_id in getattr(post, attribute))

    def _reading_order(self, pillar_slug: str) -> tuple[tuple[Post, ...], dict[str, int]]:
        if pillar_slug not in self._reading_orders:
            ordered = tuple(sorted(self.pillar_posts(pillar_slug), key=oldest_first))
            self._reading_orders[pillar_slug] = (ordered, {post.docname: index for index, post in enumerate(ordered)})
        return self._reading_orders[pillar_slug]

    def neighbours(self, post: Post) -> tuple[Post | None, Post | None]:
        """The previous (older) and next (newer) listed posts of the same pillar."""
        reading_order, places = self._reading_order(post.pillar)
        index = places.get(post.docname)
        if index is None or reading_order[index] != post:
            return None, None
        previous = reading_order[index - 1] if index > 0 else None
        following = reading_order[index + 1] if index + 1 < len(reading_order) else None
        return previous, following

    def _pillar_bits(self, pillar_slug: str) -> tuple[dict[str, int], dict[tuple[int, int], tuple[int, ...]]]:
        """The bit of each tension and audience id, and each bit pattern's posts (places, newest first)."""
        if pillar_slug not in self._label_bits:
            bit_of: dict[str, int] = {}
            for post in self.pillar_posts(pillar_slug):
                for label in (*post.tensions, *post.audience):
                    bit_of.setdefault(label, len(bit_of))
            places: dict[tuple[int, int], list[int]] = defaultdict(list)
            for place, post in enumerate(self.pillar_posts(pillar_slug)):
                places[(_known_bits(post.tensions, bit_of), _known_bits(post.audience, bit_of))].append(place)
            self._label_bits[pillar_slug] = (bit_of, {pattern: tuple(found) for pattern, found in places.items()})
        return self._label_bits[pillar_slug]

    def related(self, post: Post, limit: int = 3) -> tuple[Post, ...]:
        """Posts sharing the most tensions, then the most audiences; ties go to the newest.

        Like Hugo's related content: a shared tension outranks any number of
        shared audiences, since it says what the post is about, not for whom.
        """
        candidates = self.pillar_posts(post.pillar)
        bit_of, patterns = self._pillar_bits(post.pillar)
        pattern = (_known_bits(post.tensions, bit_of), _known_bits(post.audience, bit_of))
        key = (post.pillar, pattern, limit)
        if key not in self._ranked:
            self._ranked[key] = _rank(pattern, patterns, limit + 1)
        # Ranked for the bit pattern, one more than asked: the post itself may be among them.
        chosen = [candidates[place] for place in self._ranked[key] if candidates[place].docname != post.docname]
        return tuple(chosen[:limit])


def _rank(pattern: tuple[int, int], patterns: Mapping[tuple[int, int], tuple[int, ...]], limit: int) -> tuple[int, ...]:
    """The places of the ``limit`` best matches of ``pattern``: most shared tensions, then audiences, then newest.

    Posts with the same bit pattern score the same, so each pattern is scored
    once (a pillar of 200 posts has some 140), not each post.
    """
    tensions, audiences = pattern
    by_score: dict[tuple[int, int], list[tuple[int, ...]]] = defaultdict(list)
    for (tension_bits, audience_bits), places in patterns.items():
        score = ((tensions & tension_bits).bit_count(), (audiences & audience_bits).bit_count())
        if score != (0, 0):
            by_score[score].append(places)
    ranked: list[int] = []
    for score in sorted(by_score, reverse=True):
        ranked.extend(islice(heapq.merge(*by_score[score]), limit - len(ranked)))
        if len(ranked) >= limit:
            break
    return tuple(ranked)


def _known_bits(ids: Iterable[str], bit_of: Mapping[str, int]) -> int:
    """The ids as a bit set; an id no post of the pillar has cannot be shared, and has no bit."""
    bits = 0
    for label in ids:
        if label in bit_of:
            bits |= 1 << bit_of[label]
    return bits


def group_by_year(posts: Iterable[Post]) -> list[tuple[str, list[Post]]]:
    """Consecutive posts of the same year (posts come newest first)."""
    groups: list[tuple[str, list[Post]]] = []
    for post in posts:
        year = str(post.date.year) if post.date else ""
        if not groups or groups[-1][0] != year:
            groups.append((year, []))
        groups[-1][1].append(post)
    return groups
