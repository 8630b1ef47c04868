"""Elements written as HTML, for html and dirhtml.

At 1,000 posts, every post's header and footer and the full lists of posts
are most of what the extension adds to a build: some 130,000 docutils nodes
created, then translated one by one.  For the page-per-document HTML
builders the ``Part`` elements (the pieces the search index skips whole) are
written here as the very HTML the HTML5 translator, with sphinx-design, makes
of ``render_nodes.py``'s nodes; ``tests/test_render_html.py`` holds the two
equal, element by element and for whole sites.  The rest of a block, and
every other builder, get nodes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.osutil import relative_uri

from .elements import Address, BulletList, Div, Element, Heading, Link, ListItem, Para, Part, Span, Strong, Text
from .render import wholly_unsearched
from .render_nodes import STRETCHED_LINK, NodeWriter

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.writers.html5 import HTML5Translator

    from .render import Description
    from .views import View

#: What docutils' HTML writer encodes in text and attribute values ("@" against harvesters).
_SPECIAL_CHARACTERS = str.maketrans({"&": "&amp;", "<": "&lt;", '"': "&quot;", ">": "&gt;", "@": "&#64;"})
_ATTRIBUTE_WHITESPACE = re.compile(r"[\n\r\t\v\f]")


class html_part(nodes.General, nodes.Element):  # noqa: N801 - lower case, as docutils names its nodes
    """A part the HTML builders write straight as HTML, linked from the page ``fromdocname``.

    It holds either its ``elements``, or a whole ``block`` the search index
    skips (``render.UNSEARCHED_BLOCKS``): (the build's ``Description``, the
    block's kind, its view), described only then.  The HTML is written when
    the page is translated (``visit_html_part``), not when its doctree is
    resolved: under ``-j`` in the worker that writes the page, not in the
    main process, which resolves every page in turn (a post's header and
    footer, a pillar's list of posts are described there, in parallel); and
    the doctree holds only shared objects rather than a text of its own.  A
    written doctree is freed by the garbage collector's rare full passes (a
    doctree is a cycle), so a text held by each one stayed in memory, some
    20 MiB at 1,000 posts.  Only the HTML builders get one.
    """


def visit_html_part(translator: HTML5Translator, node: html_part) -> None:
    if "block" in node:
        description, kind, view = node["block"]
        elements = description.describe(kind, view)
    else:
        elements = node["elements"]
    translator.body.append(HtmlWriter(translator.builder, node["fromdocname"]).html(elements))
    raise nodes.SkipNode


# Cached: each title and summary is escaped wherever the post is listed
# (lists, cards, neighbours), some 75,000 times in a 1,000-post build.
@lru_cache(maxsize=16384)
def _text(text: str) -> str:
    return text.translate(_SPECIAL_CHARACTERS)


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


def _tag(tag: str, classes: tuple[str, ...], anchor: str) -> str:
    return _start(tag, classes, id=anchor) if anchor else _plain_start(tag, classes)


@lru_cache(maxsize=1024)
def _div_start(classes: tuple[str, ...], anchor: str) -> str:
    """sphinx-design's ``is_div`` container: its classes, then "docutils"."""
    return _tag("div", (*classes, "docutils"), anchor)


@lru_cache(maxsize=256)
def _heading_start(level: int, classes: tuple[str, ...], anchor: str) -> str:
    """Sphinx's rubric with a ``heading-level``: its classes, then "rubric"."""
    return _tag(f"h{level}", (*classes, "rubric"), anchor)


def is_simple(listing: BulletList) -> bool:
    """docutils' compact list: every item at most one paragraph (it then adds the class "simple")."""
    return all(
        len(item.children) <= 1 and all(isinstance(child, Para) for child in item.children) for item in listing.items
    )


class HtmlWriter:
    """Writes elements as HTML for one page (``fromdocname``) written by an HTML builder."""

    def __init__(self, builder: Builder, fromdocname: str) -> None:
        self.fromdocname = fromdocname
        self.target_uri = builder.get_target_uri
        self.from_uri = self.target_uri(fromdocname)
        #: Element type -> its writer; a mapping, as a header alone holds some forty elements.
        self.writers: dict[type, Callable[[Any], str]] = {
            Text: self.text,
            Span: self.span,
            Para: self.para,
            Link: self.link,
            Address: self.address,
            Div: self.div,
            ListItem: self.list_item,
            BulletList: self.bullet_list,
            Heading: self.heading,
            Strong: self.strong,
            Part: self.part,
        }

    def html(self, elements: Iterable[Element]) -> str:
        # A loop, not a comprehension (a call in Python 3.11), and text inline: some 20,000
        # element lists and 13,000 texts in a 400-post build.
        written = []
        writers = self.writers
        for element in elements:
            if type(element) is Text:
                written.append(_text(element.text))
            else:
                written.append(writers[type(element)](element))
        return "".join(written)

    @staticmethod
    def text(text: Text) -> str:
        return _text(text.text)

    @staticmethod
    def strong(strong: Strong) -> str:
        return f"<strong>{_text(strong.text)}</strong>"

    def span(self, span: Span) -> str:
        return f"{_plain_start('span', span.classes)}{self.html(span.children)}</span>"

    def para(self, para: Para) -> str:
        return f"{_plain_start('p', para.classes)}{self.html(para.children)}</p>\n"

    def div(self, div: Div) -> str:
        return f"{_div_start(div.classes, div.id)}\n{self.html(div.children)}</div>\n"

    def list_item(self, item: ListItem) -> str:
        children = item.children
        if len(children) == 1 and type(children[0]) is Para:
            # docutils ends a paragraph without a newline when it is its item's only child.
            content = self.para(children[0])[:-1]
        else:
            content = self.html(children)
        return f"{_tag('li', item.classes, item.id)}{content}</li>\n"

    def bullet_list(self, listing: BulletList) -> str:
        start = _plain_start("ul", (*listing.classes, "simple") if is_simple(listing) else listing.classes)
        return f"{start}\n{self.html(listing.items)}</ul>\n"

    def heading(self, heading: Heading) -> str:
        level = heading.level
        return f"{_heading_start(level, heading.classes, heading.id)}{self.html(heading.children)}</h{level}>\n"

    def part(self, part: Part) -> str:
        return self.html(part.children)

    def link(self, link: Link) -> str:
        target = link.target
        text = f"{_plain_start('span', link.classes)}{_text(target.title)}</span>"
        if not target.docname:
            return text
        if target.docname == self.fromdocname and target.anchor:
            href = f"#{target.anchor}"
        else:
            # What ``builder.get_relative_uri`` returns.
            uri = relative_uri(self.from_uri, self.target_uri(target.docname))
            href = (f"{uri}#{target.anchor}" if target.anchor else uri) or "#"
        classes = (STRETCHED_LINK, "reference", "internal") if link.stretched else ("reference", "internal")
        return f"{_start('a', classes, href=href, title=target.title)}{text}</a>"

    @staticmethod
    def address(address: Address) -> str:
        text = f"{_plain_start('span', address.classes)}{_text(address.text)}</span>"
        return f"{_start('a', ('reference', 'external'), href=address.url)}{text}</a>"


class HtmlPartsWriter(NodeWriter):
    """Nodes, except the parts the search index skips: those as one ``html_part`` node each,
    and a block made of such parts only as one ``html_part``, described when the page is written."""

    def described(self, description: Description, kind: str, view: View) -> list[nodes.Node]:
        if not wholly_unsearched(kind, view):
            return super().described(description, kind, view)
        node = html_part(classes=["no-search"])  # the search index skips it whole
        node["block"] = (description, kind, view)
        node["fromdocname"] = self.fromdocname
        return [node]

    def part(self, part: Part) -> list[nodes.Node]:
        node = html_part(classes=["no-search"])  # the search index skips it whole
        node["elements"] = (part,)
        node["fromdocname"] = self.fromdocname
        return [node]


def setup_render_html(app: Sphinx) -> None:
    # Only HtmlPartsWriter creates these nodes, and only for the builders ``resolve.writer_for`` picks.
    app.add_node(html_part, html=(visit_html_part, None))
