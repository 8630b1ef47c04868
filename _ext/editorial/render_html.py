"""The heaviest blocks written straight as HTML, for html and dirhtml.

At 1,000 posts, every post's header and footer and the full lists of posts
are most of what the extension adds to a build: some 130,000 docutils nodes
created, then translated one by one.  For the page-per-document HTML
builders those blocks are written here as the very HTML the translator makes
of ``render.py``'s nodes; ``tests/test_render_html.py`` holds the two equal,
byte for byte, for every kind of block.  Every other builder gets the nodes.

Only blocks the search index skips entirely ("no-search") go this way: the
index reads nodes, and a block it should read keeps them.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.osutil import relative_uri

from .i18n import _, long_date, reading_time
from .render import BLOCK_HEADING_LEVEL, CARD_CLASSES, SECTION_HEADING_LEVEL, STRETCHED_LINK, Typesetting
from .views import FooterView, Group, HeaderView, LabelsView, PageLink, PostItem, View

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.writers.html5 import HTML5Translator

#: Builders whose translator is the plain HTML5 one these strings copy (EPUB's is XHTML).
HTML_BUILDERS = frozenset({"html", "dirhtml"})
#: Blocks written here, with the view each shows (a plain tuple: its items or groups),
#: and "tension-posts", the links under a tension, a part of the ``tensions`` block.
#: All of them "no-search", together nearly all of the extension's nodes.
HTML_KINDS: dict[str, type] = {
    "post-header": HeaderView,
    "post-footer": FooterView,
    "latest-posts": tuple,
    "post-list": tuple,
    "tension-posts": tuple,
}

#: What docutils' HTML writer encodes in text and attribute values ("@" against harvesters).
_SPECIAL_CHARACTERS = str.maketrans({"&": "&amp;", "<": "&lt;", '"': "&quot;", ">": "&gt;", "@": "&#64;"})
_ATTRIBUTE_WHITESPACE = re.compile(r"[\n\r\t\v\f]")


class prerendered_html(nodes.General, nodes.Element):  # noqa: N801 - docutils names nodes in lower case
    """A block already written as HTML (``html``); only the HTML builders get one."""


def visit_prerendered_html(translator: HTML5Translator, node: prerendered_html) -> None:
    translator.body.append(node["html"])
    raise nodes.SkipNode


def writes_html(builder_name: str, kind: str, view: View) -> bool:
    """Whether this block goes straight to HTML (anything unexpected, e.g. an unknown pillar, keeps the nodes)."""
    return builder_name in HTML_BUILDERS and kind in HTML_KINDS and type(view) is HTML_KINDS[kind]


# Cached: each title and summary is escaped wherever the post is listed
# (lists, cards, neighbours), some 75,000 times in a 1,000-post build.
@lru_cache(maxsize=16384)
def _text(text: str) -> str:
    return text.translate(_SPECIAL_CHARACTERS)


#: Each document's URI for one builder, asked once per build instead of once per link.
_target_uris: weakref.WeakKeyDictionary[Builder, dict[str, str]] = weakref.WeakKeyDictionary()


def target_uri(builder: Builder, docname: str) -> str:
    """``builder.get_target_uri(docname)``, cached: fixed for an HTML builder's lifetime."""
    uris = _target_uris.setdefault(builder, {})
    if docname not in uris:
        uris[docname] = builder.get_target_uri(docname)
    return uris[docname]


def _start(tag: str, classes: Iterable[str] = (), **attributes: str) -> str:
    """A start tag as docutils writes it: classes deduplicated, attributes sorted."""
    values = {name: value for name, value in attributes.items() if value}
    unique = list(dict.fromkeys(cls for cls in classes if cls.strip()))
    if unique:
        values["class"] = " ".join(unique)
    parts = [
        tag,
        *(f'{name}="{_text(_ATTRIBUTE_WHITESPACE.sub(" ", value))}"' for name, value in sorted(values.items())),
    ]
    return f"<{' '.join(parts)}>"


# Most tags differ only by their classes, drawn from a few dozen sets: each
# such tag is written once per build (a 1,000-post build writes ~75,000).
@lru_cache(maxsize=1024)
def _plain_start(tag: str, classes: tuple[str, ...]) -> str:
    return _start(tag, classes)


def _div(classes: Iterable[str], content: str, anchor: str = "") -> str:
    """sphinx-design's ``is_div`` container: its classes, then "docutils"."""
    start = _start("div", [*classes, "docutils"], id=anchor) if anchor else _plain_start("div", (*classes, "docutils"))
    return f"{start}\n{content}</div>\n"


def _paragraph(content: str, classes: Iterable[str] = ()) -> str:
    return f"{_plain_start('p', tuple(classes))}{content}</p>\n"


def _span(text: str, classes: Iterable[str] = ()) -> str:
    return f"{_plain_start('span', tuple(classes))}{_text(text)}</span>"


class HtmlRenderer(Typesetting):
    """Turns views into HTML for one page written by one HTML builder."""

    def __init__(self, builder: Builder, fromdocname: str, language: str | None) -> None:
        super().__init__(builder, language)
        self.fromdocname = fromdocname
        self.from_uri = target_uri(builder, fromdocname)

    def render(self, kind: str, view: View) -> prerendered_html:
        node = prerendered_html(classes=["no-search"])  # the search index skips it whole
        node["html"] = self.html(kind, view)
        return node

    def html(self, kind: str, view: View) -> str:
        if isinstance(view, HeaderView):
            return self.header(view)
        if isinstance(view, FooterView):
            return self.footer(view)
        if kind == "latest-posts":
            return self.latest(view)  # type: ignore[arg-type]
        if kind == "tension-posts":
            return self.tension_posts(view)  # type: ignore[arg-type]
        return self.post_list(view)  # type: ignore[arg-type]

    # -- pieces ---------------------------------------------------------------

    def link(self, target: PageLink, *, classes: tuple[str, ...] = (), stretched: bool = False) -> str:
        title = self.typeset(target.title)
        text = _span(title, classes)
        if not target.docname:
            return text
        if target.docname == self.fromdocname and target.anchor:
            href = f"#{target.anchor}"
        else:
            # What ``builder.get_relative_uri`` returns, from cached target URIs.
            uri = relative_uri(self.from_uri, target_uri(self.builder, target.docname))
            href = (f"{uri}#{target.anchor}" if target.anchor else uri) or "#"
        start = _start(
            "a",
            (STRETCHED_LINK, "reference", "internal") if stretched else ("reference", "internal"),
            href=href,
            title=title,
        )
        return f"{start}{text}</a>"

    def heading(
        self, text: str, level: int, *, classes: tuple[str, ...] = (), content: str = "", anchor: str = ""
    ) -> str:
        heading_classes = ("editorial-heading", *classes, "rubric")
        tag = _start(f"h{level}", heading_classes, id=anchor) if anchor else _plain_start(f"h{level}", heading_classes)
        return f"{tag}{_text(text)}{content}</h{level}>\n"

    def meta(self, item: PostItem) -> str:
        parts = [
            _span(long_date(item.date, self.language), ["editorial-date"])
            if item.date
            else _span(_("Undated"), ["editorial-date"]),
            _span(reading_time(item.minutes), ["editorial-reading-time"]),
        ]
        if item.draft:
            parts.append(_span(_("Draft"), ["editorial-draft"]))
        return _paragraph(" · ".join(parts), ["editorial-meta"])

    def card(self, item: PostItem) -> str:
        link = self.link(PageLink(item.docname, item.title), stretched=True)
        body = self.heading("", BLOCK_HEADING_LEVEL, classes=("sd-card-title", "editorial-card-title"), content=link)
        body += self.meta(item)
        if item.summary:
            body += _paragraph(_text(self.typeset(item.summary)), ["sd-card-text", "editorial-summary"])
        classes = [*CARD_CLASSES, "editorial-post-card", *(["editorial-card-draft"] if item.draft else [])]
        return _div(["sd-col", "sd-d-flex-row"], _div(classes, _div(["sd-card-body"], body)))

    def grid(self, cards: Iterable[str], *, extra: tuple[str, ...] = ()) -> str:
        row = _div(["sd-row", "sd-row-cols-1", "sd-row-cols-sm-2", "sd-row-cols-md-3", "sd-g-3"], "".join(cards))
        return _div(["sd-container-fluid", "sd-sphinx-override", "sd-mb-4", "editorial-grid", *extra], row)

    def empty(self) -> str:
        return _paragraph(_text(_("No post yet.")), ["editorial-empty", "no-search"])

    def post_items(self, items: tuple[PostItem, ...], classes: str) -> str:
        if not items:
            return self.empty()
        entries = []
        for item in items:
            entry = _paragraph(self.link(PageLink(item.docname, item.title)), ["editorial-item-title"]) + self.meta(
                item
            )
            if item.summary:
                entry += _paragraph(_text(self.typeset(item.summary)), ["editorial-summary"])
            entries.append(f"{_plain_start('li', ('editorial-draft-item',) if item.draft else ())}{entry}</li>\n")
        return f"{_plain_start('ul', ('editorial-post-list', classes, 'no-search'))}\n{''.join(entries)}</ul>\n"

    def tension_posts(self, items: tuple[PostItem, ...]) -> str:
        links = " · ".join(self.link(PageLink(item.docname, item.title)) for item in items)
        return _paragraph(links, ["editorial-tension-posts", "no-search"])

    def labels(self, view: LabelsView, title: str) -> str:
        heading = f'<span class="editorial-labels-title"><strong>{_text(title)}</strong>{_text(self.colon)}</span>'
        separator = _span(", ", ["editorial-separator"])
        chips = separator.join(self.link(target, classes=("editorial-chip",)) for target in view.links)
        return _paragraph(heading + chips, ["editorial-labels"])

    # -- blocks ---------------------------------------------------------------

    def latest(self, items: tuple[PostItem, ...]) -> str:
        if not items:
            return self.empty()
        return self.grid((self.card(item) for item in items), extra=("editorial-latest", "no-search"))

    def post_list(self, groups: tuple[Group, ...]) -> str:
        sections = []
        for group in groups:
            if group.link:
                heading = self.heading("", SECTION_HEADING_LEVEL, content=self.link(group.link))
            elif group.label:
                heading = self.heading(self.typeset(group.label), SECTION_HEADING_LEVEL)
            elif group.anchor == "sans-pilier":
                heading = self.heading(_("Other posts"), SECTION_HEADING_LEVEL)
            else:
                heading = ""
            sections.append(
                _div(
                    ["editorial-archive-group"],
                    heading + self.post_items(group.items, "editorial-archive-list"),
                    group.anchor,
                )
            )
        return _div(["editorial-archive", "no-search"], "".join(sections))

    def header(self, view: HeaderView) -> str:
        parts = []
        if view.pillar:
            label = _span(_("Pillar"), ["editorial-header-label"])
            parts.append(
                f'<span class="editorial-header-pillar">{label} {self.link(view.pillar, classes=("editorial-pillar-link",))}</span>'
            )
        if view.date:
            parts.append(_span(f"{_('Published on')} {long_date(view.date, self.language)}", ["editorial-date"]))
        else:
            parts.append(_span(_("Undated"), ["editorial-date"]))
        if view.updated:
            parts.append(_span(f"{_('Updated on')} {long_date(view.updated, self.language)}", ["editorial-updated"]))
        parts.append(_span(reading_time(view.minutes), ["editorial-reading-time"]))
        if view.draft:
            parts.append(_span(_("Draft"), ["editorial-draft"]))
        lines = _paragraph(" · ".join(parts), ["editorial-header-meta"])
        if view.audiences:
            lines += self.labels(LabelsView(tuple(PageLink("", label) for label in view.audiences)), _("For whom"))
        if view.tensions:
            lines += self.labels(LabelsView(view.tensions), _("Tensions"))
        return _div(["editorial-post-header", "no-search"], lines)

    def footer(self, view: FooterView) -> str:
        parts = ""
        if view.related:
            parts += self.heading(_("Related posts"), SECTION_HEADING_LEVEL)
            parts += self.grid((self.card(item) for item in view.related), extra=("editorial-related",))
        if view.previous or view.following:
            parts += self.neighbours(view)
        return _div(["editorial-post-footer", "no-search"], parts) if parts else ""

    def neighbours(self, view: FooterView) -> str:
        entries = []
        for label, item, classes in (
            (_("Previous post"), view.previous, "editorial-previous"),
            (_("Next post"), view.following, "editorial-next"),
        ):
            if item is None:
                continue
            link = self.link(PageLink(item.docname, item.title), stretched=True)
            entries.append(
                f"{_plain_start('li', (classes,))}<p>{_span(label, ['editorial-prev-next-label'])} {link}</p></li>\n"
            )
        return f'<ul class="editorial-prev-next simple">\n{"".join(entries)}</ul>\n'


def setup_render_html(app: Sphinx) -> None:
    # Only fill_blocks creates these nodes, and only for HTML_BUILDERS.
    app.add_node(prerendered_html, html=(visit_prerendered_html, None))
