"""Each block described once, as elements (``elements.py``), from its view.

The description says what a block shows, in what order, with which CSS
classes; ``render_nodes.py`` and ``render_html.py`` write it.  The classes
reuse sphinx-design's card and grid styles in HTML (``_static/editorial.css``
dresses them with Furo's colours); text or LaTeX output get plain lists.
Titles and summaries stay text, which every backend escapes: front matter is
data, never markup.

Headings inside blocks carry a level (h3 under the page's h2 sections, h2
for the groups of a full list), so the outline a screen reader walks through
never skips a level.  The parts the search index skips whole (a post's
header and footer, lists of posts, the posts under a tension) are ``Part``
elements: the HTML builders write them as HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .elements import Block, BulletList, Div, Heading, Inline, Link, ListItem, Para, Part, Span, Strong, Text
from .i18n import _, long_date, part_count, post_count, reading_time, typeset
from .model import BlockKind
from .views import (
    AudienceView,
    Byline,
    CountedTerm,
    FooterView,
    Group,
    HeaderView,
    LabelsView,
    MissingPillarView,
    PageLink,
    PillarItem,
    PostItem,
    SeriesCard,
    SeriesPageView,
    View,
)

#: Level of the headings inside a block written under a page's h2 section.
BLOCK_HEADING_LEVEL = 3
#: Level of a heading at the rank of the page's own sections: list groups, related posts.
SECTION_HEADING_LEVEL = 2
#: sphinx-design's card, without its fixed shadow colour: editorial.css draws the border.
CARD_CLASSES = ("sd-card", "sd-sphinx-override", "sd-w-100", "editorial-card")
#: sphinx-design's column holding one card.
COLUMN_CLASSES = ("sd-col", "sd-d-flex-row")
#: Most columns a card grid shows, on a wide screen.
MAX_GRID_COLUMNS = 3
#: Between the parts of a line (date · reading time · draft).
DOT = " · "

#: A block's elements, in page order.
Elements = tuple[Block, ...]

#: The blocks described as ``Part`` elements only, whatever their view (but a missing pillar's note):
#: the search index skips them whole, so the HTML builders describe them only when the page is written
#: (``render_html.html_part``).  ``tests/test_render_html.py`` holds every description of these kinds to it.
UNSEARCHED_BLOCKS = frozenset(
    {BlockKind.POST_HEADER, BlockKind.POST_FOOTER, BlockKind.LATEST_POSTS, BlockKind.POST_LIST, BlockKind.PILLARS}
)


def wholly_unsearched(kind: str, view: View) -> bool:
    """Whether the block of ``kind`` showing ``view`` is described as ``Part`` elements only."""
    return kind in UNSEARCHED_BLOCKS and not isinstance(view, MissingPillarView)


def separated(parts: Iterable[Inline], separator: str) -> tuple[Inline, ...]:
    """Parts with a separator between them: (a, sep, b, sep, c)."""
    joined: list[Inline] = []
    for part in parts:
        if joined:
            joined.append(Text(separator))
        joined.append(part)
    return tuple(joined)


def grid_columns(cards: int) -> tuple[str, ...]:
    """sphinx-design's column classes for a row of ``cards`` cards.

    One column on a phone; from the ``sm`` and ``md`` breakpoints, as many
    columns as cards up to three, so that two cards never leave a third
    column empty.  Four cards make two rows of two rather than three and a
    lone one.
    """
    columns = 2 if cards == 4 else max(1, min(cards, MAX_GRID_COLUMNS))
    if columns == 1:
        return ("sd-row-cols-1",)
    return ("sd-row-cols-1", "sd-row-cols-sm-2", f"sd-row-cols-md-{columns}")


def heading(level: int, children: tuple[Inline, ...], *, classes: tuple[str, ...] = (), anchor: str = "") -> Heading:
    return Heading(level, ("editorial-heading", *classes), children, anchor)


def post_items_of(view: View) -> tuple[PostItem, ...]:
    """The view of a list of posts (``latest-posts``), narrowed."""
    if isinstance(view, tuple) and all(isinstance(item, PostItem) for item in view):
        return tuple(item for item in view if isinstance(item, PostItem))
    raise TypeError(f"not a list of posts: {type(view).__name__}")


def groups_of(view: View) -> tuple[Group, ...]:
    """The view of grouped posts (``start-here``, ``tensions``, ``post-list``), narrowed."""
    if isinstance(view, tuple) and all(isinstance(group, Group) for group in view):
        return tuple(group for group in view if isinstance(group, Group))
    raise TypeError(f"not groups of posts: {type(view).__name__}")


class Typesetting:
    """The text rules of one build: smart quotes (``smartquotes``) and the language's colon."""

    def __init__(self, smartquotes: bool, language: str | None) -> None:
        self.language = language
        self.smartquotes = smartquotes

    def typeset(self, text: str) -> str:
        return typeset(text, self.language) if self.smartquotes else text

    @property
    def colon(self) -> str:
        """French puts an unbreakable space before the colon."""
        return "\u00a0: " if (self.language or "").startswith("fr") else ": "


class Description(Typesetting):
    """Describes blocks from their views: ``describe(kind, view)`` -> elements.

    One per build: a post's card and list entry, the same on every page that
    shows it, are described once (``cards``, ``entries``: post -> element).
    """

    def __init__(self, smartquotes: bool, language: str | None) -> None:
        super().__init__(smartquotes, language)
        self.cards: dict[PostItem, Div] = {}
        self.entries: dict[PostItem, ListItem] = {}
        #: Block kind -> its description from the view (a view type may serve several kinds).
        self.blocks: dict[str, Callable[[View], Elements]] = {
            BlockKind.POST_HEADER: self.header,
            BlockKind.POST_FOOTER: self.footer,
            BlockKind.LATEST_POSTS: self.latest,
            BlockKind.START_HERE: self.start_here,
            BlockKind.AUDIENCE: self.audience,
            BlockKind.TENSIONS: self.tensions,
            BlockKind.POST_LIST: self.post_list,
            BlockKind.PILLARS: self.pillars,
            BlockKind.SERIES: self.series_cards,
            BlockKind.SERIES_PAGE: self.series_page,
        }

    def describe(self, kind: str, view: View) -> Elements:
        if isinstance(view, MissingPillarView):
            return (self.missing_pillar(view),)
        return self.blocks[kind](view)

    # -- pieces ---------------------------------------------------------------

    def link(self, target: PageLink, *, classes: tuple[str, ...] = (), stretched: bool = False) -> Link:
        return Link(target._replace(title=self.typeset(target.title)), classes, stretched)

    def post_link(self, item: PostItem, *, stretched: bool = False) -> Link:
        return Link(PageLink(item.docname, self.typeset(item.title)), (), stretched)

    def meta(self, item: PostItem) -> Para:
        parts = [
            Span(("editorial-date",), (Text(long_date(item.date, self.language) if item.date else _("Undated")),)),
            Span(("editorial-reading-time",), (Text(reading_time(item.minutes)),)),
        ]
        if item.draft:
            parts.append(Span(("editorial-draft",), (Text(_("Draft")),)))
        return Para(("editorial-meta",), separated(parts, DOT))

    def card(self, item: PostItem) -> Div:
        """A post as a card: its title (a heading, the card's link), date, reading time, summary."""
        card = self.cards.get(item)
        if card is None:
            card = self.cards[item] = self.new_card(item)
        return card

    def new_card(self, item: PostItem) -> Div:
        title = heading(
            BLOCK_HEADING_LEVEL,
            (self.post_link(item, stretched=True),),
            classes=("sd-card-title", "editorial-card-title"),
        )
        body: list[Block] = [title, self.meta(item)]
        if item.summary:
            body.append(Para(("sd-card-text", "editorial-summary"), (Text(self.typeset(item.summary)),)))
        classes = (*CARD_CLASSES, "editorial-post-card", *(("editorial-card-draft",) if item.draft else ()))
        return Div(COLUMN_CLASSES, (Div(classes, (Div(("sd-card-body",), tuple(body)),)),))

    @staticmethod
    def grid(cards: Iterable[Div], *, extra: tuple[str, ...] = ()) -> Div:
        """The cards in a row with as many columns as cards, up to three: no empty column."""
        cards = tuple(cards)
        row = Div(("sd-row", *grid_columns(len(cards)), "sd-g-3"), cards)
        width = ("editorial-grid-single",) if len(cards) == 1 else ()
        return Div(("sd-container-fluid", "sd-sphinx-override", "sd-mb-4", "editorial-grid", *width, *extra), (row,))

    @staticmethod
    def empty() -> Para:
        return Para(("editorial-empty", "no-search"), (Text(_("No post yet.")),))

    def post_items(self, items: tuple[PostItem, ...], classes: str) -> Block:
        """A compact list of posts: linked title, then date and reading time."""
        if not items:
            return self.empty()
        # "no-search": a post is found on its own page, not on every list that names it.
        return BulletList(("editorial-post-list", classes, "no-search"), tuple(map(self.entry, items)))

    def entry(self, item: PostItem) -> ListItem:
        """A post in a list: its linked title, date and reading time, summary."""
        entry = self.entries.get(item)
        if entry is None:
            lines: list[Block] = [Para(("editorial-item-title",), (self.post_link(item),)), self.meta(item)]
            if item.summary:
                lines.append(Para(("editorial-summary",), (Text(self.typeset(item.summary)),)))
            entry = self.entries[item] = ListItem(("editorial-draft-item",) if item.draft else (), tuple(lines))
        return entry

    def labels(self, links: Iterable[Link], title: str) -> Para:
        """A post's audiences or tensions as chips after their title.

        The commas between chips stay in the text (screen readers and the
        text builder need them); the stylesheet only hides them visually.
        """
        chips: list[Inline] = [Span(("editorial-labels-title",), (Strong(title), Text(self.colon)))]
        for index, link in enumerate(links):
            if index:
                chips.append(Span(("editorial-separator",), (Text(", "),)))
            chips.append(link)
        return Para(("editorial-labels",), tuple(chips))

    def chips(self, targets: Iterable[PageLink]) -> Iterable[Link]:
        return (self.link(target, classes=("editorial-chip",)) for target in targets)

    # -- blocks ---------------------------------------------------------------

    @staticmethod
    def missing_pillar(view: MissingPillarView) -> Para:
        return Para(("editorial-missing",), (Text(_("Unknown pillar: %s") % (view.pillar or "?")),))

    def header(self, view: View) -> Elements:
        if not isinstance(view, HeaderView):
            raise TypeError(type(view).__name__)
        parts: list[Inline] = []
        if view.pillar:
            label = Span(("editorial-header-label",), (Text(_("Pillar")),))
            pillar_link = self.link(view.pillar, classes=("editorial-pillar-link",))
            parts.append(Span(("editorial-header-pillar",), (label, Text(" "), pillar_link)))
        if view.authors:
            parts.append(self.byline(view.authors))
        if view.date:
            parts.append(
                Span(("editorial-date",), (Text(f"{_('Published on')} {long_date(view.date, self.language)}"),))
            )
        else:
            parts.append(Span(("editorial-date",), (Text(_("Undated")),)))
        if view.updated:
            parts.append(
                Span(("editorial-updated",), (Text(f"{_('Updated on')} {long_date(view.updated, self.language)}"),))
            )
        parts.append(Span(("editorial-reading-time",), (Text(reading_time(view.minutes)),)))
        if view.draft:
            parts.append(Span(("editorial-draft",), (Text(_("Draft")),)))
        lines: list[Block] = [Para(("editorial-header-meta",), separated(parts, DOT))]
        if view.series:
            place = _("Part %(part)d of %(total)d") % {"part": view.series.part, "total": view.series.total}
            series_link = self.link(view.series.link, classes=("editorial-series-link",))
            lines.append(
                Para(
                    ("editorial-series-line",),
                    (Span(("editorial-series-part",), (Text(place),)), Text(DOT), series_link),
                )
            )
        if view.audiences:
            lines.append(self.labels(self.chips(PageLink("", label) for label in view.audiences), _("For whom")))
        if view.tensions:
            lines.append(self.labels(self.chips(view.tensions), _("Tensions")))
        # "no-search": Sphinx's search index skips it; a post is found by its own text.
        return (Part("post-header", (Div(("editorial-post-header", "no-search"), tuple(lines)),)),)

    def byline(self, authors: tuple[Byline, ...]) -> Span:
        """ "By Claire Martin and Hugo Bernard", each name a link to the author's page."""
        names: list[Inline] = [Text(f"{_('By')} ")]
        for index, author in enumerate(authors):
            if index:
                names.append(Text(f" {_('and')} " if index == len(authors) - 1 else ", "))
            names.append(self.link(author.link, classes=("editorial-author-link",)))
        return Span(("editorial-byline",), tuple(names))

    def footer(self, view: View) -> Elements:
        if not isinstance(view, FooterView):
            raise TypeError(type(view).__name__)
        parts: list[Block] = []
        if view.related:
            parts.append(heading(SECTION_HEADING_LEVEL, (Text(_("Related posts")),)))
            parts.append(self.grid((self.card(item) for item in view.related), extra=("editorial-related",)))
        if view.series_previous or view.series_next:
            parts.append(self.series_neighbours(view))
        if view.previous or view.following:
            parts.append(self.neighbours(view))
        # "no-search": other posts' titles and summaries would make this post a search hit for them.
        footer = (Div(("editorial-post-footer", "no-search"), tuple(parts)),) if parts else ()
        return (Part("post-footer", footer),)

    def series_neighbours(self, view: FooterView) -> BulletList:
        """The previous and next parts of the post's series, drawn as the pillar's previous and next posts."""
        return self.neighbours(
            view,
            (
                (_("Previous part"), view.series_previous, "editorial-previous"),
                (_("Next part"), view.series_next, "editorial-next"),
            ),
            ("editorial-series-prev-next",),
        )

    def neighbours(
        self,
        view: FooterView,
        directions: tuple[tuple[str, PostItem | None, str], ...] = (),
        classes: tuple[str, ...] = (),
    ) -> BulletList:
        """The previous and next posts (or ``directions``), each a card-like link with its direction."""
        entries = []
        for label, item, item_class in directions or (
            (_("Previous post"), view.previous, "editorial-previous"),
            (_("Next post"), view.following, "editorial-next"),
        ):
            if item is not None:
                line = (
                    Span(("editorial-prev-next-label",), (Text(label),)),
                    Text(" "),
                    self.post_link(item, stretched=True),
                )
                entries.append(ListItem((item_class,), (Para((), line),)))
        return BulletList(("editorial-prev-next", *classes), tuple(entries))

    def latest(self, view: View) -> Elements:
        items = post_items_of(view)
        if not items:
            return (Part("latest-posts", (self.empty(),)),)
        return (
            Part(
                "latest-posts",
                (self.grid((self.card(item) for item in items), extra=("editorial-latest", "no-search")),),
            ),
        )

    def start_here(self, view: View) -> Elements:
        """One card per situation: its heading (the anchor ``start-<id>``), then its posts."""
        cards = []
        for group in groups_of(view):
            body = (
                heading(BLOCK_HEADING_LEVEL, (Text(self.typeset(group.label)),), anchor=group.anchor),
                self.post_items(group.items, "editorial-start-posts"),
            )
            card = Div((*CARD_CLASSES, "editorial-entry-point"), (Div(("sd-card-body",), body),))
            cards.append(Div(COLUMN_CLASSES, (card,)))
        if not cards:
            return (self.empty(),)
        return (self.grid(cards, extra=("editorial-start-here",)),)

    def audience(self, view: View) -> Elements:
        if isinstance(view, LabelsView):
            return (self.labels(self.chips(view.links), _("For whom")),)
        if not isinstance(view, AudienceView):
            raise TypeError(type(view).__name__)

        def group(title: str, entries: tuple[CountedTerm, ...] | tuple[str, ...], classes: str) -> Div:
            items = []
            for entry in entries:
                if isinstance(entry, CountedTerm):
                    label = Span(("editorial-audience-label",), (Text(self.typeset(entry.label)),))
                    line: tuple[Inline, ...] = (
                        label,
                        Text(" "),
                        Span(("editorial-count",), (Text(post_count(entry.posts)),)),
                    )
                else:
                    line = (Text(self.typeset(entry)),)
                items.append(ListItem((), (Para((), line),)))
            listing = BulletList(("editorial-audience-list",), tuple(items))
            return Div(("editorial-audience-group", classes), (heading(BLOCK_HEADING_LEVEL, (Text(title),)), listing))

        groups = (
            group(_("Primarily"), view.primary, "editorial-primary"),
            group(_("Secondarily"), view.secondary, "editorial-secondary"),
            group(_("What this pillar is not"), view.not_for, "editorial-not-for"),
        )
        return (Div(("editorial-audience",), groups),)

    def tensions(self, view: View) -> Elements:
        if isinstance(view, LabelsView):
            return (self.labels(self.chips(view.links), _("Tensions")),)
        items = []
        for group in groups_of(view):
            if group.items:
                # A part the search index skips inside a block it reads (the poles):
                # with every post in one to three tensions, most of a pillar's links.
                links = separated((self.post_link(post) for post in group.items), DOT)
                posts: Block = Part("tension-posts", (Para(("editorial-tension-posts", "no-search"), links),))
            else:
                posts = Para(
                    ("editorial-tension-posts", "editorial-empty"), (Text(_("No post addresses this tension yet.")),)
                )
            items.append(
                ListItem(("editorial-tension",), (self.tension_label(self.typeset(group.label)), posts), group.anchor)
            )
        return (BulletList(("editorial-tensions",), tuple(items)),)

    @staticmethod
    def tension_label(label: str) -> Para:
        """A tension shows its two poles on either side of the arrow."""
        poles = [pole.strip() for pole in label.split("↔")]
        if len(poles) != 2:
            return Para(("editorial-tension-label",), (Text(label),))
        arrow = Span(("editorial-arrow",), (Text(" ↔ "),))
        return Para(
            ("editorial-tension-label",),
            (Span(("editorial-pole",), (Text(poles[0]),)), arrow, Span(("editorial-pole",), (Text(poles[1]),))),
        )

    def post_list(self, view: View) -> Elements:
        """Every post of a list, grouped; the group headings sit under the page's h1."""
        sections = []
        for group in groups_of(view):
            body: list[Block] = []
            if group.link:
                body.append(heading(SECTION_HEADING_LEVEL, (self.link(group.link),)))
            elif group.label:
                body.append(heading(SECTION_HEADING_LEVEL, (Text(self.typeset(group.label)),)))
            elif group.anchor == "sans-pilier":
                body.append(heading(SECTION_HEADING_LEVEL, (Text(_("Other posts")),)))
            body.append(self.post_items(group.items, "editorial-archive-list"))
            sections.append(Div(("editorial-archive-group",), tuple(body), group.anchor))
        return (Part("post-list", (Div(("editorial-archive", "no-search"), tuple(sections)),)),)

    def pillars(self, view: View) -> Elements:
        """Every pillar as a card: its title (the card's link), intention, published posts and latest date."""
        if not isinstance(view, tuple) or not all(isinstance(item, PillarItem) for item in view):
            raise TypeError(f"not a list of pillars: {type(view).__name__}")
        cards = []
        for item in (item for item in view if isinstance(item, PillarItem)):
            title = heading(
                BLOCK_HEADING_LEVEL,
                (self.link(item.link, stretched=True),),
                classes=("sd-card-title", "editorial-card-title"),
            )
            count = post_count(item.posts) if item.posts else _("No post yet.")
            counts: list[Inline] = [Span(("editorial-post-count",), (Text(count),))]
            if item.latest:
                latest = _("Latest post on %s") % long_date(item.latest, self.language)
                counts.append(Span(("editorial-date",), (Text(latest),)))
            body: list[Block] = [title, Para(("editorial-meta",), separated(counts, DOT))]
            if item.intention:
                body.append(Para(("sd-card-text", "editorial-summary"), (Text(self.typeset(item.intention)),)))
            card = Div((*CARD_CLASSES, "editorial-pillar-card"), (Div(("sd-card-body",), tuple(body)),))
            cards.append(Div(COLUMN_CLASSES, (card,)))
        # "no-search": the home page is no search hit for a pillar's intention or its posts' dates.
        return (Part("pillars", (self.grid(cards, extra=("editorial-pillars", "no-search")),)),)

    def series_page(self, view: View) -> Elements:
        """A series' summary, then its parts in order: each a post's list entry under its number,
        or its number and "to come" for a part not published yet."""
        if not isinstance(view, SeriesPageView):
            raise TypeError(type(view).__name__)
        body: list[Block] = []
        if view.summary:
            body.append(Para(("editorial-series-summary",), (Text(self.typeset(view.summary)),)))
        items = []
        for part in view.parts:
            number = Para(("editorial-part-number",), (Text(_("Part %d") % part.number),))
            if part.item is None:
                to_come = Para(("editorial-to-come",), (Text(_("To come")),))
                items.append(ListItem(("editorial-part", "editorial-part-to-come"), (number, to_come)))
            else:
                entry = self.entry(part.item)
                items.append(ListItem(("editorial-part", *entry.classes), (number, *entry.children)))
        if items:
            body.append(BulletList(("editorial-post-list", "editorial-series-parts", "no-search"), tuple(items)))
        else:
            body.append(self.empty())
        return (Div(("editorial-series",), tuple(body)),)

    def series_cards(self, view: View) -> Elements:
        """A pillar's series as cards: title (the card's link), number of parts, summary."""
        if not isinstance(view, tuple) or not all(isinstance(card, SeriesCard) for card in view):
            raise TypeError(f"not a list of series: {type(view).__name__}")
        cards = []
        for card in (card for card in view if isinstance(card, SeriesCard)):
            title = heading(
                BLOCK_HEADING_LEVEL,
                (self.link(card.link, stretched=True),),
                classes=("sd-card-title", "editorial-card-title"),
            )
            body: list[Block] = [
                title,
                Para(("editorial-meta",), (Span(("editorial-part-count",), (Text(part_count(card.parts)),)),)),
            ]
            if card.summary:
                body.append(Para(("sd-card-text", "editorial-summary"), (Text(self.typeset(card.summary)),)))
            box = Div((*CARD_CLASSES, "editorial-series-card"), (Div(("sd-card-body",), tuple(body)),))
            cards.append(Div(COLUMN_CLASSES, (box,)))
        if not cards:
            return (Para(("editorial-empty", "no-search"), (Text(_("No series yet.")),)),)
        return (self.grid(cards, extra=("editorial-series-cards",)),)
