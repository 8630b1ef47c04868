"""Docutils nodes from views.

Only standard nodes (containers, paragraphs, lists, rubrics, references)
with CSS classes, so every builder renders the blocks: the classes reuse
sphinx-design's card and grid styles in HTML, and text or LaTeX output get
plain lists.  Titles and summaries go into Text nodes, which every writer
escapes: front matter is data, never markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.errors import NoUri
from sphinx.util.nodes import make_refnode

from .i18n import _, long_date, post_count, reading_time, typeset
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


def _container(*classes: str, children: Iterable[nodes.Node] = (), ids: list[str] | None = None) -> nodes.container:
    node = nodes.container(classes=list(classes), ids=ids or [])
    node.extend(children)
    return node


class Renderer:
    """Turns views into nodes for one page written by one builder."""

    def __init__(self, builder: Builder, fromdocname: str, language: str | None) -> None:
        self.builder = builder
        self.fromdocname = fromdocname
        self.language = language
        self.smartquotes = bool(builder.config.smartquotes)

    def typeset(self, text: str) -> str:
        return typeset(text, self.language) if self.smartquotes else text

    # -- pieces ---------------------------------------------------------------

    def link(self, target: PageLink, *, classes: tuple[str, ...] = ()) -> nodes.Node:
        """A reference to a page (or an anchor in it); plain text where the builder has no URI."""
        title = self.typeset(target.title)
        text = nodes.inline(title, title, classes=list(classes))
        if not target.docname:
            return text
        try:
            return make_refnode(self.builder, self.fromdocname, target.docname, target.anchor, text, title)
        except NoUri:
            return text

    def meta(self, item: PostItem) -> nodes.paragraph:
        parts: list[nodes.Node] = []
        if item.date:
            parts.append(nodes.inline("", long_date(item.date, self.language), classes=["editorial-date"]))
        else:
            parts.append(nodes.inline("", _("Undated"), classes=["editorial-date"]))
        parts.append(nodes.inline("", reading_time(item.minutes), classes=["editorial-reading-time"]))
        if item.draft:
            parts.append(nodes.inline("", _("Draft"), classes=["editorial-draft"]))
        paragraph = nodes.paragraph(classes=["editorial-meta"])
        for index, part in enumerate(parts):
            if index:
                paragraph += nodes.Text(" · ")
            paragraph += part
        return paragraph

    def card(self, item: PostItem, *, with_summary: bool = True) -> nodes.container:
        title = nodes.paragraph(classes=["sd-card-title", "editorial-card-title"])
        title += self.link(PageLink(item.docname, item.title))
        body = [title, self.meta(item)]
        if with_summary and item.summary:
            summary = self.typeset(item.summary)
            body.append(nodes.paragraph(summary, summary, classes=["sd-card-text", "editorial-summary"]))
        classes = ["sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm", "editorial-card"]
        if item.draft:
            classes.append("editorial-card-draft")
        card = _container(*classes, children=[_container("sd-card-body", children=body)])
        return _container("sd-col", "sd-d-flex-row", children=[card])

    def grid(self, cards: Iterable[nodes.Node], *, columns: int = 3, extra: str = "") -> nodes.container:
        row = _container("sd-row", "sd-row-cols-1", "sd-row-cols-sm-2", f"sd-row-cols-md-{columns}", "sd-g-3", children=cards)
        return _container("sd-container-fluid", "sd-sphinx-override", "sd-mb-4", "editorial-grid", *([extra] if extra else []), children=[row])

    def post_items(self, items: tuple[PostItem, ...], classes: str) -> nodes.Node:
        """A compact list of posts: linked title, then date and reading time."""
        if not items:
            return nodes.paragraph("", _("No post yet."), classes=["editorial-empty"])
        listing = nodes.bullet_list(classes=["editorial-post-list", classes])
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

    def heading(self, text: str, level: int = 3, anchor: str = "") -> nodes.rubric:
        rubric = nodes.rubric(text, text, classes=["editorial-heading"])
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
            return nodes.paragraph("", _("No post yet."), classes=["editorial-empty"])
        return self.grid((self.card(item) for item in items), extra="editorial-latest")

    def start_here(self, groups: tuple[Group, ...]) -> nodes.Node:
        cards = []
        for group in groups:
            body: list[nodes.Node] = [self.heading(self.typeset(group.label), 3, group.anchor)]
            body.append(self.post_items(group.items, "editorial-start-posts"))
            card = _container(
                "sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm", "editorial-card", "editorial-entry-point",
                children=[_container("sd-card-body", children=body)],
            )
            cards.append(_container("sd-col", "sd-d-flex-row", children=[card]))
        return self.grid(cards, extra="editorial-start-here")

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
                    paragraph += nodes.inline(count, count, classes=["editorial-count", "sd-badge", "sd-bg-secondary", "sd-bg-text-secondary"])
                else:
                    paragraph += nodes.Text(self.typeset(entry))
                item += paragraph
                listing += item
            return _container("editorial-audience-group", classes, children=[self.heading(title, 3), listing])

        groups = [
            group(_("Primarily"), view.primary, "editorial-primary"),
            group(_("Secondarily"), view.secondary, "editorial-secondary"),
            group(_("What this pillar is not"), view.not_for, "editorial-not-for"),
        ]
        return _container("editorial-audience", children=groups)

    def labels(self, view: LabelsView, title: str) -> nodes.Node:
        paragraph = nodes.paragraph(classes=["editorial-labels"])
        paragraph += nodes.strong(title, title)
        paragraph += nodes.Text(" : " if (self.language or "").startswith("fr") else ": ")
        for index, target in enumerate(view.links):
            if index:
                paragraph += nodes.Text(", ")
            paragraph += self.link(target)
        return paragraph

    def tensions(self, groups: tuple[Group, ...]) -> nodes.Node:
        listing = nodes.bullet_list(classes=["editorial-tensions"])
        for group in groups:
            item = nodes.list_item(ids=[group.anchor], classes=["editorial-tension"])
            item += self.tension_label(self.typeset(group.label))
            if group.items:
                posts = nodes.paragraph(classes=["editorial-tension-posts"])
                for index, post in enumerate(group.items):
                    if index:
                        posts += nodes.Text(" · ")
                    posts += self.link(PageLink(post.docname, post.title))
                item += posts
            listing += item
        return listing

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
        block = _container("editorial-archive")
        for group in groups:
            section = _container("editorial-archive-group", ids=[group.anchor] if group.anchor else [])
            if group.link:
                heading = nodes.rubric("", "", classes=["editorial-heading"])
                heading["heading-level"] = 2
                heading += self.link(group.link)
                section += heading
            elif group.label:
                section += self.heading(self.typeset(group.label), 3)
            elif group.anchor == "sans-pilier":
                section += self.heading(_("Other posts"), 3)
            section += self.post_items(group.items, "editorial-archive-list")
            block += section
        return block

    def header(self, view: HeaderView) -> nodes.Node:
        lines: list[nodes.Node] = []
        first = nodes.paragraph(classes=["editorial-header-meta"])
        if view.pillar:
            first += nodes.inline(_("Pillar"), _("Pillar"), classes=["editorial-header-label"])
            first += nodes.Text(" ")
            first += self.link(view.pillar, classes=("editorial-pillar-link",))
            first += nodes.Text(" · ")
        if view.date:
            published = f"{_('Published on')} {long_date(view.date, self.language)}"
            first += nodes.inline(published, published, classes=["editorial-date"])
        else:
            first += nodes.inline("", _("Undated"), classes=["editorial-date"])
        if view.updated:
            updated = f"{_('Updated on')} {long_date(view.updated, self.language)}"
            first += nodes.Text(" · ")
            first += nodes.inline(updated, updated, classes=["editorial-updated"])
        first += nodes.Text(" · ")
        first += nodes.inline("", reading_time(view.minutes), classes=["editorial-reading-time"])
        if view.draft:
            first += nodes.Text(" · ")
            first += nodes.inline("", _("Draft"), classes=["editorial-draft"])
        lines.append(first)
        if view.audiences:
            lines.append(self.labels(LabelsView(tuple(PageLink("", label) for label in view.audiences)), _("For whom")))
        if view.tensions:
            lines.append(self.labels(LabelsView(view.tensions), _("Tensions")))
        return _container("editorial-post-header", children=lines)

    def footer(self, view: FooterView) -> list[nodes.Node]:
        parts: list[nodes.Node] = []
        if view.related:
            parts.append(self.heading(_("Related posts"), 2))
            parts.append(self.grid((self.card(item) for item in view.related), extra="editorial-related"))
        if view.previous or view.following:
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
                paragraph += self.link(PageLink(item.docname, item.title))
                entry += paragraph
                links += entry
            parts.append(links)
        return [_container("editorial-post-footer", children=parts)] if parts else []
