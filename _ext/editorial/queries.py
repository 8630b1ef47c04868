"""Questions the blocks ask of the store: which posts, in which order.

Built once per resolution pass from the plain records, so that the views of
a thousand pages cost one sort, not a thousand.  Every order is total
(date, then title, then slug), so parallel and serial builds agree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from .model import Pillar, Post


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

    @classmethod
    def build(
        cls,
        posts: Mapping[str, Post],
        pillars: Mapping[str, Pillar],
        today: date,
        show_drafts: bool,
    ) -> Catalogue:
        """Index the posts a reader may see (all of them when drafts are shown)."""
        ordered_posts = sorted(posts.values(), key=lambda post: post.docname)
        listed = tuple(
            sorted(
                (post for post in ordered_posts if show_drafts or post.is_published(today)),
                key=newest_first,
            )
        )
        by_pillar: dict[str, list[Post]] = defaultdict(list)
        for post in listed:
            by_pillar[post.pillar].append(post)
        posts_by_slug: dict[str, Post] = {}
        for post in ordered_posts:
            posts_by_slug.setdefault(post.slug, post)
        pillars_by_slug: dict[str, Pillar] = {}
        for pillar in sorted(pillars.values(), key=lambda pillar: pillar.docname):
            pillars_by_slug.setdefault(pillar.slug, pillar)
        return cls(
            pillars_by_slug=pillars_by_slug,
            posts_by_docname=dict(posts),
            posts_by_slug=posts_by_slug,
            listed=listed,
            listed_by_pillar={slug: tuple(items) for slug, items in by_pillar.items()},
        )

    def pillar_posts(self, pillar_slug: str) -> tuple[Post, ...]:
        return self.listed_by_pillar.get(pillar_slug, ())

    def latest(self, pillar_slug: str | None, limit: int) -> tuple[Post, ...]:
        source = self.listed if pillar_slug is None else self.pillar_posts(pillar_slug)
        return source[: max(limit, 0)]

    def entry_point_posts(self, pillar_slug: str, entry_id: str) -> tuple[Post, ...]:
        """Posts that name this entry point, oldest first (reading order)."""
        chosen = [post for post in self.pillar_posts(pillar_slug) if post.start_here == entry_id]
        return tuple(sorted(chosen, key=oldest_first))

    def posts_with(self, pillar_slug: str, attribute: str, entry_id: str) -> tuple[Post, ...]:
        return tuple(post for post in self.pillar_posts(pillar_slug) if entry_id in getattr(post, attribute))

    def neighbours(self, post: Post) -> tuple[Post | None, Post | None]:
        """The previous (older) and next (newer) listed posts of the same pillar."""
        reading_order = sorted(self.pillar_posts(post.pillar), key=oldest_first)
        if post not in reading_order:
            return None, None
        index = reading_order.index(post)
        previous = reading_order[index - 1] if index > 0 else None
        following = reading_order[index + 1] if index + 1 < len(reading_order) else None
        return previous, following

    def related(self, post: Post, limit: int = 3) -> tuple[Post, ...]:
        """Posts sharing the most tensions and audiences; ties go to the newest.

        Like Hugo's related content: a shared tension weighs more than a
        shared audience, since it says what the post is about, not for whom.
        """
        tensions, audiences = set(post.tensions), set(post.audience)
        scored: list[tuple[int, tuple[bool, int, str, str], Post]] = []
        for other in self.pillar_posts(post.pillar):
            if other.docname == post.docname:
                continue
            score = 2 * len(tensions.intersection(other.tensions)) + len(audiences.intersection(other.audience))
            if score:
                scored.append((-score, newest_first(other), other))
        scored.sort(key=lambda item: (item[0], item[1]))
        return tuple(other for _score, _key, other in scored[:limit])


def group_by_year(posts: Iterable[Post]) -> list[tuple[str, list[Post]]]:
    """Consecutive posts of the same year (posts come newest first)."""
    groups: list[tuple[str, list[Post]]] = []
    for post in posts:
        year = str(post.date.year) if post.date else ""
        if not groups or groups[-1][0] != year:
            groups.append((year, []))
        groups[-1][1].append(post)
    return groups
