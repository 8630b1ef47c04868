"""Docutils nodes from views.

Only standard nodes (containers, paragraphs, lists, rubrics, references)
with CSS classes, so every builder renders the blocks: the classes reuse
sphinx-design's card and grid styles in HTML (``_static/editorial.css``
dresses them with Furo's colours), and text or LaTeX output get plain
lists.  Titles and summaries go into Text nodes, which every writer
escapes: front matter is data, never markup.

Headings inside blocks are rubrics with a ``heading-level`` (h3 under the
page's h2 sections, h2 for the groups of a full list), so the outline a
screen reader walks through never skips a level.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from docutils import nodes

from .i18n import _, long_date, post_count, reading_time, typeset
from .links import page_reference
from .views import (
    AudienceView,
    CountedEntry,
    FooterView,
    Group,
    HeaderView,
    LabelsView,
    MissingPillarView,
    PageLink,
    PostItem,
    View,
)

if TYPE_CHECKING:
    from sphinx.builders import Builder

#: Level of the headings inside a block written under a page's h2 section.
BLOCK_HEADING_LEVEL = 3
#: Level of a heading at the rank of the page's own sections: list groups, related posts.
SECTION_HEADING_LEVEL = 2
#: sphinx-design's card, without its fixed shadow colour: editorial.css draws the border.
CARD_CLASSES = ("sd-card", "sd-sphinx-override", "sd-w-100", "editorial-card")
#: sphinx-design's class that stretches a link over its whole (positioned) card.
STRETCHED_LINK = "sd-stretched-link"

#: Renders a part of a block another way (as HTML, see ``render_html``), or
#: returns None to leave it to the nodes: (part's kind, its view) -> node.
PartRenderer = Callable[[str, View], "nodes.Node | None"]


def _container(*classes: str, children: Iterable[nodes.Node] = (), ids: list[str] | None = None) -> nodes.container:
    """A ``div``; ``is_div`` makes sphinx-design's writer leave out the class
    ``container``, whose Furo rule would zero the grid's gutters."""
    node = nodes.container(classes=list(classes), ids=ids or [], is_div=True)
    node.extend(children)
    return node


def _separated(parts: Iterable[nodes.Node], separator: str, *, classes: list[str] | None = None) -> nodes.paragraph:
    """A paragraph of parts with a separator between them."""
    paragraph = nodes.paragraph(classes=classes or [])
    for index, part in enumerate(parts):
        if index:
            paragraph += nodes.Text(separator)
        paragraph += part
    return paragraph


class Typesetting:
    """The text rules every renderer of a builder shares."""

    def __init__(self, builder: Builder, language: str | None) -> None:
        self.builder = builder
        self.language = language
        self.smartquotes = bool(builder.config.smartquotes)

    def typeset(self, text: str) -> str:
        return typeset(text, self.language) if self.smartquotes else text

    @property
    def colon(self) -> str:
        """French puts an unbreakable space before the colon."""
        return "\u00a0: " if (self.language or "").startswith("fr") else ": "


class Renderer(Typesetting):
    """Turns views into nodes for one page written by one builder."""

    def __init__(
        self, builder: Builder, fromdocname: str, language: str | None, parts: PartRenderer | None = None
    ) -> None:
        super().__init__(builder, language)
        self.fromdocname = fromdocname
        self.parts = parts

    # -- pieces ---------------------------------------------------------------

    def link(self, target: PageLink, *, classes: tuple[str, ...] = (), stretched: bool = False) -> nodes.Node:
        """A reference to a page (or an anchor in it); plain text where the builder has no URI.

        ``stretched`` makes the link cover its card, so the whole card is
        one click target while the accessible name stays the title.
        """
        title = self.typeset(target.title)
        text = nodes.inline(title, title, classes=list(classes))
        if not target.docname:
            return text
        reference = page_reference(self.builder, self.fromdocname, target.docname, target.anchor, text, title)
        if reference is None:
            return text
        if stretched:
            reference["classes"].append(STRETCHED_LINK)
        return reference

    def meta(self, item: PostItem) -> nodes.paragraph:
        parts: list[nodes.Node] = []
        if item.date:
            parts.append(nodes.inline("", long_date(item.date, self.language), classes=["editorial-date"]))
        else:
            parts.append(nodes.inline("", _("Undated"), classes=["editorial-date"]))
        parts.append(nodes.inline("", reading_time(item.minutes), classes=["editorial-reading-time"]))
        if item.draft:
            parts.append(nodes.inline("", _("Draft"), classes=["editorial-draft"]))
        return _separated(parts, " · ", classes=["editorial-meta"])

    def card(self, item: PostItem, *, with_summary: bool = True) -> nodes.container:
        """A post as a card: its title (a heading, the card's link), date, reading time, summary."""
        link = self.link(PageLink(item.docname, item.title), stretched=True)
        title = self.heading("", BLOCK_HEADING_LEVEL, classes=("sd-card-title", "editorial-card-title"), content=link)
        body = [title, self.meta(item)]
        if with_summary and item.summary:
            summary = self.typeset(item.summary)
            body.append(nodes.paragraph(summary, summary, classes=["sd-card-text", "editorial-summary"]))
        classes = [*CARD_CLASSES, "editorial-post-card"]
        if item.draft:
            classes.append("editorial-card-draft")
        card = _container(*classes, children=[_container("sd-card-body", children=body)])
        return _container("sd-col", "sd-d-flex-row", children=[card])

    def grid(self, cards: Iterable[nodes.Node], *, columns: int = 3, extra: tuple[str, ...] = ()) -> nodes.container:
        row = _container(
            "sd-row", "sd-row-cols-1", "sd-row-cols-sm-2", f"sd-row-cols-md-{columns}", "sd-g-3", children=cards
        )
        return _container(
            "sd-container-fluid", "sd-sphinx-override", "sd-mb-4", "editorial-grid", *extra, children=[row]
        )

    def post_items(self, items: tuple[PostItem, ...], classes: str) -> nodes.Node:
        """A compact list of posts: linked title, then date and reading time."""
        if not items:
            return nodes.paragraph("", _("No post yet."), classes=["editorial-empty", "no-search"])
        # "no-search": a post is found on its own page, not on every list that names it.
        listing = nodes.bullet_list(classes=["editorial-post-list", classes, "no-search"])
        for item in items:
            entry = nodes.list_item(classes=["editorial-draft-item"] if item.draft else [])
            title = nodes.paragraph(classes=["editorial-item-title"])
            title += self.link(PageLink(item.docname, item.title))
            entry += title
            entry += self.meta(item)
            if item.summary:
                summary = self.typeset(item.summary)
                entry += nodes.paragraph(summary, summary, classes=["editorial-summary"])
            listing += entry
        return listing

    def heading(
        self,
        text: str,
        level: int = BLOCK_HEADING_LEVEL,
        anchor: str = "",
        *,
        classes: tuple[str, ...] = (),
        content: nodes.Node | None = None,
    ) -> nodes.rubric:
        """A heading inside a block (``content`` replaces the text, e.g. a link)."""
        rubric = nodes.rubric(text, text, classes=["editorial-heading", *classes])
        if content is not None:
            rubric += content
        rubric["heading-level"] = level
        if anchor:
            rubric["ids"].append(anchor)
        return rubric

    # -- blocks ---------------------------------------------------------------

    def render(self, kind: str, view: View) -> list[nodes.Node]:
        if isinstance(view, MissingPillarView):
            message = _("Unknown pillar: %s") % (view.pillar or "?")
            return [nodes.paragraph(message, message, classes=["editorial-missing"])]
        if isinstance(view, HeaderView):
            return [self.header(view)]
        if isinstance(view, FooterView):
            return self.footer(view)
        if isinstance(view, AudienceView):
            return [self.audience(view)]
        if isinstance(view, LabelsView):
            return [self.labels(view, _("For whom") if kind == "audience" else _("Tensions"))]
        if kind == "latest-posts":
            return [self.latest(view)]  # type: ignore[arg-type]
        if kind == "start-here":
            return [self.start_here(view)]  # type: ignore[arg-type]
        if kind == "tensions":
            return [self.tensions(view)]  # type: ignore[arg-type]
        return [self.post_list(view)]  # type: ignore[arg-type]

    def latest(self, items: tuple[PostItem, ...]) -> nodes.Node:
        if not items:
            return nodes.paragraph("", _("No post yet."), classes=["editorial-empty", "no-search"])
        return self.grid((self.card(item) for item in items), extra=("editorial-latest", "no-search"))

    def start_here(self, groups: tuple[Group, ...]) -> nodes.Node:
        """One card per situation: its heading (the anchor ``start-<id>``), then its posts."""
        cards = []
        for group in groups:
            body: list[nodes.Node] = [self.heading(self.typeset(group.label), BLOCK_HEADING_LEVEL, group.anchor)]
            body.append(self.post_items(group.items, "editorial-start-posts"))
            card = _container(
                *CARD_CLASSES, "editorial-entry-point", children=[_container("sd-card-body", children=body)]
            )
            cards.append(_container("sd-col", "sd-d-flex-row", children=[card]))
        return self.grid(cards, extra=("editorial-start-here",))

    def audience(self, view: AudienceView) -> nodes.Node:
        def group(title: str, entries: tuple[CountedEntry, ...] | tuple[str, ...], classes: str) -> nodes.container:
            listing = nodes.bullet_list(classes=["editorial-audience-list"])
            for entry in entries:
                item = nodes.list_item()
                paragraph = nodes.paragraph()
                if isinstance(entry, CountedEntry):
                    label = self.typeset(entry.label)
                    paragraph += nodes.inline(label, label, classes=["editorial-audience-label"])
                    paragraph += nodes.Text(" ")
                    count = post_count(entry.count)
                    paragraph += nodes.inline(count, count, classes=["editorial-count"])
                else:
                    paragraph += nodes.Text(self.typeset(entry))
                item += paragraph
                listing += item
            heading = self.heading(title, BLOCK_HEADING_LEVEL)
            return _container("editorial-audience-group", classes, children=[heading, listing])

        groups = [
            group(_("Primarily"), view.primary, "editorial-primary"),
            group(_("Secondarily"), view.secondary, "editorial-secondary"),
            group(_("What this pillar is not"), view.not_for, "editorial-not-for"),
        ]
        return _container("editorial-audience", children=groups)

    def labels(self, view: LabelsView, title: str) -> nodes.Node:
        """A post's audiences or tensions as chips after their title.

        The commas between chips stay in the text (screen readers and the
        text builder need them); the stylesheet only hides them visually.
        """
        paragraph = nodes.paragraph(classes=["editorial-labels"])
        heading = nodes.inline(classes=["editorial-labels-title"])
        heading += nodes.strong(title, title)
        heading += nodes.Text(self.colon)
        paragraph += heading
        for index, target in enumerate(view.links):
            if index:
                paragraph += nodes.inline(", ", ", ", classes=["editorial-separator"])
            paragraph += self.link(target, classes=("editorial-chip",))
        return paragraph

    def tensions(self, groups: tuple[Group, ...]) -> nodes.Node:
        listing = nodes.bullet_list(classes=["editorial-tensions"])
        for group in groups:
            item = nodes.list_item(ids=[group.anchor], classes=["editorial-tension"])
            item += self.tension_label(self.typeset(group.label))
            if group.items:
                item += self.tension_posts(group.items)
            else:
                empty = _("No post addresses this tension yet.")
                item += nodes.paragraph(empty, empty, classes=["editorial-tension-posts", "editorial-empty"])
            listing += item
        return listing

    def tension_posts(self, items: tuple[PostItem, ...]) -> nodes.Node:
        """The posts that address a tension, one line of links.

        A part the search index skips inside a block it reads (the poles):
        with every post in one to three tensions, most of a pillar's links.
        """
        prerendered = self.parts("tension-posts", items) if self.parts else None
        if prerendered is not None:
            return prerendered
        links = (self.link(PageLink(post.docname, post.title)) for post in items)
        return _separated(links, " · ", classes=["editorial-tension-posts", "no-search"])

    @staticmethod
    def tension_label(label: str) -> nodes.paragraph:
        """A tension shows its two poles on either side of the arrow."""
        paragraph = nodes.paragraph(classes=["editorial-tension-label"])
        poles = [pole.strip() for pole in label.split("↔")]
        if len(poles) != 2:
            paragraph += nodes.Text(label)
            return paragraph
        paragraph += nodes.inline(poles[0], poles[0], classes=["editorial-pole"])
        paragraph += nodes.inline(" ↔ ", " ↔ ", classes=["editorial-arrow"])
        paragraph += nodes.inline(poles[1], poles[1], classes=["editorial-pole"])
        return paragraph

    def post_list(self, groups: tuple[Group, ...]) -> nodes.Node:
        """Every post of a list, grouped; the group headings sit under the page's h1."""
        block = _container("editorial-archive", "no-search")
        for group in groups:
            section = _container("editorial-archive-group", ids=[group.anchor] if group.anchor else [])
            if group.link:
                section += self.heading("", SECTION_HEADING_LEVEL, content=self.link(group.link))
            elif group.label:
                section += self.heading(self.typeset(group.label), SECTION_HEADING_LEVEL)
            elif group.anchor == "sans-pilier":
                section += self.heading(_("Other posts"), SECTION_HEADING_LEVEL)
            section += self.post_items(group.items, "editorial-archive-list")
            block += section
        return block

    def header(self, view: HeaderView) -> nodes.Node:
        parts: list[nodes.Node] = []
        if view.pillar:
            pillar = nodes.inline(classes=["editorial-header-pillar"])
            pillar += nodes.inline(_("Pillar"), _("Pillar"), classes=["editorial-header-label"])
            pillar += nodes.Text(" ")
            pillar += self.link(view.pillar, classes=("editorial-pillar-link",))
            parts.append(pillar)
        if view.date:
            published = f"{_('Published on')} {long_date(view.date, self.language)}"
            parts.append(nodes.inline(published, published, classes=["editorial-date"]))
        else:
            parts.append(nodes.inline("", _("Undated"), classes=["editorial-date"]))
        if view.updated:
            updated = f"{_('Updated on')} {long_date(view.updated, self.language)}"
            parts.append(nodes.inline(updated, updated, classes=["editorial-updated"]))
        parts.append(nodes.inline("", reading_time(view.minutes), classes=["editorial-reading-time"]))
        if view.draft:
            parts.append(nodes.inline("", _("Draft"), classes=["editorial-draft"]))
        lines: list[nodes.Node] = [_separated(parts, " · ", classes=["editorial-header-meta"])]
        if view.audiences:
            lines.append(self.labels(LabelsView(tuple(PageLink("", label) for label in view.audiences)), _("For whom")))
        if view.tensions:
            lines.append(self.labels(LabelsView(view.tensions), _("Tensions")))
        # "no-search": Sphinx's search index skips it; a post is found by its own text.
        return _container("editorial-post-header", "no-search", children=lines)

    def footer(self, view: FooterView) -> list[nodes.Node]:
        parts: list[nodes.Node] = []
        if view.related:
            parts.append(self.heading(_("Related posts"), SECTION_HEADING_LEVEL))
            parts.append(self.grid((self.card(item) for item in view.related), extra=("editorial-related",)))
        if view.previous or view.following:
            parts.append(self.neighbours(view))
        # "no-search": other posts' titles and summaries would make this post a search hit for them.
        return [_container("editorial-post-footer", "no-search", children=parts)] if parts else []

    def neighbours(self, view: FooterView) -> nodes.bullet_list:
        """The previous and next posts, each a card-like link with its direction."""
        links = nodes.bullet_list(classes=["editorial-prev-next"])
        for label, item, classes in (
            (_("Previous post"), view.previous, "editorial-previous"),
            (_("Next post"), view.following, "editorial-next"),
        ):
            if item is None:
                continue
            entry = nodes.list_item(classes=[classes])
            paragraph = nodes.paragraph()
            paragraph += nodes.inline(label, label, classes=["editorial-prev-next-label"])
            paragraph += nodes.Text(" ")
            paragraph += self.link(PageLink(item.docname, item.title), stretched=True)
            entry += paragraph
            links += entry
        return links
