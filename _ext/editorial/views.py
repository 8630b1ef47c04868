"""What each block shows, as plain hashable data.

A view is computed from the catalogue for one block of one page.  The same
view feeds the renderer and the page's fingerprint: a page is re-written in
an incremental build exactly when one of its views changed, which is how
list pages never go stale and untouched pages are not re-written.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from docutils import nodes

from .authors import ADDRESS_KEYS
from .model import BlockKind, BlockSpec, Day, Pillar, Post, Term, slugify
from .queries import Catalogue, group_by_year
from .series import SeriesIndex, series_docname


class PostItem(NamedTuple):
    """A post as a list shows it."""

    docname: str
    title: str
    date: Day | None
    summary: str
    minutes: int
    draft: bool


class PageLink(NamedTuple):
    docname: str
    title: str
    anchor: str = ""


class Group(NamedTuple):
    """A titled list of posts: an entry point, a tension, a year or a pillar."""

    label: str
    anchor: str
    items: tuple[PostItem, ...]
    link: PageLink | None = None


class CountedTerm(NamedTuple):
    """A vocabulary term of a pillar and the number of its posts that use it."""

    label: str
    posts: int


class AudienceView(NamedTuple):
    primary: tuple[CountedTerm, ...]
    secondary: tuple[CountedTerm, ...]
    not_for: tuple[str, ...]


class LabelsView(NamedTuple):
    """Labels of a post's audiences or tensions, each maybe linked."""

    links: tuple[PageLink, ...]


class SeriesMention(NamedTuple):
    """A post's place in its series: "Partie 2 sur 4 · <the series' page>"."""

    link: PageLink
    part: int
    total: int


class Byline(NamedTuple):
    """An author of a post: their page, and what the post's JSON-LD says of them (role, addresses)."""

    link: PageLink
    role: str = ""
    addresses: tuple[str, ...] = ()


class HeaderView(NamedTuple):
    pillar: PageLink | None
    date: Day | None
    updated: Day | None
    minutes: int
    audiences: tuple[str, ...]
    tensions: tuple[PageLink, ...]
    draft: bool
    series: SeriesMention | None = None
    #: The post's authors, each linked to their page; none: the site's default author, not shown.
    authors: tuple[Byline, ...] = ()


class FooterView(NamedTuple):
    previous: PostItem | None
    following: PostItem | None
    related: tuple[PostItem, ...]
    #: The published parts just before and after the post in its series.
    series_previous: PostItem | None = None
    series_next: PostItem | None = None


class PartItem(NamedTuple):
    """A part of a series as its page lists it: ``item`` is None for a part still to come (no title, no link)."""

    number: int
    item: PostItem | None


class SeriesPageView(NamedTuple):
    """The page of a series: its label, summary and parts in order."""

    label: str
    summary: str
    parts: tuple[PartItem, ...]


class SeriesCard(NamedTuple):
    """A series as its pillar shows it: its page, summary and number of parts (those to come included)."""

    link: PageLink
    summary: str
    parts: int


class PillarItem(NamedTuple):
    """A pillar as the home page lists it: its page, intention, published posts and latest date."""

    link: PageLink
    intention: str
    posts: int
    latest: Day | None


class AuthorHeaderView(NamedTuple):
    """What an author page shows under its title: role, bio, their own addresses (key, URL)."""

    role: str
    bio: str
    addresses: tuple[tuple[str, str], ...]


class AuthorItem(NamedTuple):
    """An author as the authors index lists them: their page, role, bio and published posts."""

    link: PageLink
    role: str
    bio: str
    posts: int


class MissingPillarView(NamedTuple):
    """A block whose pillar could not be found: it says so instead of listing."""

    pillar: str


View = (
    tuple[PostItem, ...]
    | tuple[Group, ...]
    | tuple[PillarItem, ...]
    | AudienceView
    | LabelsView
    | HeaderView
    | FooterView
    | AuthorHeaderView
    | tuple[AuthorItem, ...]
    | MissingPillarView
    | SeriesPageView
    | tuple[SeriesCard, ...]
)

#: The blocks about authors (``author_view``).
AUTHOR_KINDS = frozenset({BlockKind.AUTHOR_HEADER, BlockKind.AUTHOR_POSTS, BlockKind.AUTHORS})
TENSION_ANCHOR = "tension-{}"
PILLAR_ANCHOR = "pilier-{}"
YEAR_ANCHOR = "annee-{}"
#: The group of undated posts in a list by year, and of posts whose pillar is unknown in a list by pillar.
UNDATED_ANCHOR = "sans-date"
ORPHAN_ANCHOR = "sans-pilier"


def key_anchor(template: str, key: str) -> str:
    """The id of a group that ``static/pillar-filter.js`` may look for: ``pilier-le-role-du-cto``.

    The key goes through ``model.slugify``, the rule the script's ``slugKey``
    applies to a ``?pillar=`` value, so ``?pillar=Le-Rôle-du-CTO`` finds it.
    """
    return template.format(slugify(key))


def anchor(template: str, entry_id: str) -> str:
    """A valid HTML id for a vocabulary entry, whose id an editor may write with spaces, capitals or accents."""
    return nodes.make_id(template.format(entry_id))


class ViewMaker:
    """Computes the views of blocks from one catalogue."""

    def __init__(
        self, catalogue: Catalogue, today: date, words_per_minute: int, to_come: tuple[Post, ...] = ()
    ) -> None:
        self.catalogue = catalogue
        #: Parts of series no reader may see yet (``series.unpublished_parts``): counted, not linked.
        self.to_come = to_come
        self._series: SeriesIndex | None = None
        self.today = today
        self.words_per_minute = max(words_per_minute, 1)
        # Each view is asked for twice in a build: for the page's fingerprint
        # (env-get-updated), then to fill the page.  Views are immutable.
        self._views: dict[tuple[str, BlockSpec], View] = {}

    @property
    def series(self) -> SeriesIndex:
        """Every series and its parts, made on first use."""
        if self._series is None:
            catalogue = self.catalogue
            self._series = SeriesIndex(catalogue.pillars_by_slug.values(), catalogue.listed, self.to_come)
        return self._series

    def item(self, post: Post) -> PostItem:
        return PostItem(
            post.docname, post.title, post.date, post.summary, self.minutes(post), not post.is_published(self.today)
        )

    def minutes(self, post: Post) -> int:
        return max(1, round(post.words / self.words_per_minute)) if post.words else 1

    def items(self, posts: tuple[Post, ...]) -> tuple[PostItem, ...]:
        return tuple(self.item(post) for post in posts)

    def context_pillar(self, docname: str, spec: BlockSpec) -> str:
        """The pillar a block is about: its option, else the page's pillar."""
        if spec.pillar:
            return spec.pillar
        for pillar in self.catalogue.pillars_by_slug.values():
            if pillar.docname == docname:
                return pillar.slug
        post = self.catalogue.posts_by_docname.get(docname)
        return post.pillar if post else ""

    def view(self, docname: str, spec: BlockSpec) -> View:
        key = (docname, spec)
        if key not in self._views:
            if spec.kind == BlockKind.SERIES_PAGE:
                self._views[key] = self.series_page(spec.series)
            else:
                make = self.author_view if spec.kind in AUTHOR_KINDS else self._make_view
                self._views[key] = make(docname, spec)
        return self._views[key]

    def _make_view(self, docname: str, spec: BlockSpec) -> View:
        post = self.catalogue.posts_by_docname.get(docname)
        if spec.kind == BlockKind.POST_HEADER and post:
            return self.header(post)
        if spec.kind == BlockKind.POST_FOOTER and post:
            return self.footer(post)
        if spec.kind == BlockKind.PILLARS:
            return self.pillars()
        if spec.kind == BlockKind.POST_LIST and not spec.pillar:
            return self.post_list(self.catalogue.listed, spec.group_by or "pillar")
        if spec.kind in (BlockKind.AUDIENCE, BlockKind.TENSIONS) and post and not spec.pillar:
            return self.post_labels(post, spec.kind)
        pillar_slug = self.context_pillar(docname, spec)
        pillar = self.catalogue.pillars_by_slug.get(pillar_slug)
        if spec.kind == BlockKind.LATEST_POSTS:
            if pillar_slug and not pillar:
                return MissingPillarView(pillar_slug)
            return self.items(self.catalogue.latest(pillar_slug or None, spec.limit))
        if pillar is None:
            return MissingPillarView(pillar_slug)
        if spec.kind == BlockKind.POST_LIST:
            return self.post_list(self.catalogue.pillar_posts(pillar.slug), spec.group_by or "year")
        if spec.kind == BlockKind.START_HERE:
            return self.start_here(pillar)
        if spec.kind == BlockKind.AUDIENCE:
            return self.audience(pillar)
        if spec.kind == BlockKind.TENSIONS:
            return self.tensions(pillar)
        return self.series_cards(pillar) if spec.kind == BlockKind.SERIES else MissingPillarView(pillar_slug)

    def series_page(self, series_id: str) -> SeriesPageView:
        """A series' parts in order; a part still to come shows its number only."""
        known = self.series.declared.get(series_id)
        if known is None:
            return SeriesPageView(series_id, "", ())
        parts = tuple(
            PartItem(part.number, self.item(part.post) if part.published else None)
            for part in self.series.parts(series_id)
        )
        return SeriesPageView(known[0].label, known[0].summary, parts)

    def series_cards(self, pillar: Pillar) -> tuple[SeriesCard, ...]:
        return tuple(
            SeriesCard(PageLink(series_docname(term.id), term.label), term.summary, self.series.total(term.id))
            for term in self.series.of_pillar(pillar.slug)
        )

    def series_mention(self, post: Post) -> SeriesMention | None:
        term = self.series.declaration(post)
        if term is None:
            return None
        return SeriesMention(
            PageLink(series_docname(term.id), term.label), post.series_part, self.series.total(term.id)
        )

    def pillars(self) -> tuple[PillarItem, ...]:
        """Every pillar, by title: the home page lists them from their front matter, not by hand."""
        items = []
        for pillar in sorted(
            self.catalogue.pillars_by_slug.values(), key=lambda pillar: (pillar.title.casefold(), pillar.slug)
        ):
            published = tuple(
                post for post in self.catalogue.pillar_posts(pillar.slug) if post.is_published(self.today)
            )
            dates = [post.date for post in published if post.date]
            link = PageLink(pillar.docname, pillar.title)
            items.append(PillarItem(link, pillar.intention, len(published), max(dates) if dates else None))
        return tuple(items)

    def start_here(self, pillar: Pillar) -> tuple[Group, ...]:
        return tuple(
            Group(
                term.label,
                anchor("start-{}", term.id),
                self.items(self.catalogue.entry_point_posts(pillar.slug, term.id)),
            )
            for term in pillar.start_here
        )

    def audience(self, pillar: Pillar) -> AudienceView:
        def counted(terms: tuple[Term, ...]) -> tuple[CountedTerm, ...]:
            return tuple(
                CountedTerm(term.label, len(self.catalogue.posts_with(pillar.slug, "audience", term.id)))
                for term in terms
            )

        return AudienceView(counted(pillar.primary), counted(pillar.secondary), pillar.not_for)

    def tensions(self, pillar: Pillar) -> tuple[Group, ...]:
        return tuple(
            Group(
                term.label,
                anchor(TENSION_ANCHOR, term.id),
                self.items(self.catalogue.posts_with(pillar.slug, "tensions", term.id)),
            )
            for term in pillar.tensions
        )

    def post_labels(self, post: Post, kind: BlockKind) -> LabelsView:
        pillar = self.catalogue.pillars_by_slug.get(post.pillar)
        if kind == BlockKind.AUDIENCE:
            labels = {term.id: term.label for term in pillar.audiences} if pillar else {}
            return LabelsView(tuple(PageLink("", labels.get(key, key)) for key in post.audience))
        return LabelsView(self.tension_links(post, pillar))

    def tension_links(self, post: Post, pillar: Pillar | None) -> tuple[PageLink, ...]:
        labels = {term.id: term.label for term in pillar.tensions} if pillar else {}
        return tuple(
            PageLink(pillar.docname, labels[key], anchor(TENSION_ANCHOR, key))
            if pillar and key in labels
            else PageLink("", key)
            for key in post.tensions
        )

    def post_list(self, posts: tuple[Post, ...], group_by: str) -> tuple[Group, ...]:
        if group_by == "none":
            return (Group("", "", self.items(posts)),)
        if group_by == "year":
            return tuple(
                Group(year, key_anchor(YEAR_ANCHOR, year) if year else UNDATED_ANCHOR, self.items(tuple(items)))
                for year, items in group_by_year(posts)
            )
        groups: list[Group] = []
        for pillar in sorted(
            self.catalogue.pillars_by_slug.values(), key=lambda pillar: (pillar.title.casefold(), pillar.slug)
        ):
            chosen = tuple(post for post in posts if post.pillar == pillar.slug)
            if chosen:
                link = PageLink(pillar.docname, pillar.title)
                groups.append(Group(pillar.title, key_anchor(PILLAR_ANCHOR, pillar.slug), self.items(chosen), link))
        orphans = tuple(post for post in posts if post.pillar not in self.catalogue.pillars_by_slug)
        if orphans:
            groups.append(Group("", ORPHAN_ANCHOR, self.items(orphans)))
        return tuple(groups)

    def header(self, post: Post) -> HeaderView:
        pillar = self.catalogue.pillars_by_slug.get(post.pillar)
        audience_labels = {term.id: term.label for term in pillar.audiences} if pillar else {}
        return HeaderView(
            PageLink(pillar.docname, pillar.title) if pillar else None,
            post.date,
            post.updated,
            self.minutes(post),
            tuple(audience_labels.get(key, key) for key in post.audience),
            self.tension_links(post, pillar),
            not post.is_published(self.today),
            self.series_mention(post),
            tuple(
                Byline(PageLink(author.docname, author.name), author.role, author.addresses)
                for author in self.catalogue.post_authors(post)
            ),
        )

    def author_view(self, docname: str, spec: BlockSpec) -> View:
        """An author page's header or posts (newest first), or the authors index."""
        catalogue = self.catalogue
        by_name = sorted(catalogue.authors_by_id.values(), key=lambda author: (author.name.casefold(), author.slug))
        if spec.kind == BlockKind.AUTHORS:
            return tuple(
                AuthorItem(
                    PageLink(author.docname, author.name),
                    author.role,
                    author.bio,
                    sum(post.is_published(self.today) for post in catalogue.author_posts(author.slug)),
                )
                for author in by_name
            )
        author = catalogue.authors_by_docname.get(docname)
        if spec.kind == BlockKind.AUTHOR_HEADER:
            if author is None:
                return AuthorHeaderView("", "", ())
            addresses = tuple((key, getattr(author, key)) for key in ADDRESS_KEYS if getattr(author, key))
            return AuthorHeaderView(author.role, author.bio, addresses)
        owner = catalogue.authors_by_id.get(author.slug) if author else None
        posts = catalogue.author_posts(author.slug) if author and owner == author else ()
        return (Group("", "", self.items(posts)),)

    def footer(self, post: Post) -> FooterView:
        previous, following = self.catalogue.neighbours(post)
        part_before, part_after = self.series.neighbours(post)
        return FooterView(
            self.item(previous) if previous else None,
            self.item(following) if following else None,
            self.items(self.catalogue.related(post)),
            self.item(part_before) if part_before else None,
            self.item(part_after) if part_after else None,
        )
