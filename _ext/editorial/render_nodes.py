"""Elements written as docutils nodes, for every builder.

Only standard nodes (containers, paragraphs, lists, rubrics, references)
with CSS classes, so every builder renders them.  A ``div`` is sphinx-design's
``container(is_div=True)``, whose writer leaves out the class ``container``
(a Furo rule on it would zero the grid's gutters).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from docutils import nodes

from .elements import Address, Block, BulletList, Div, Element, Heading, Link, ListItem, Para, Part, Span, Strong, Text
from .links import page_reference

if TYPE_CHECKING:
    from sphinx.builders import Builder

    from .render import Description
    from .views import View

#: sphinx-design's class that stretches a link over its whole (positioned) card.
STRETCHED_LINK = "sd-stretched-link"


class NodeWriter:
    """Writes elements as nodes for one page (``fromdocname``) written by one builder."""

    def __init__(self, builder: Builder, fromdocname: str) -> None:
        self.builder = builder
        self.fromdocname = fromdocname

    def described(self, description: Description, kind: str, view: View) -> list[nodes.Node]:
        """The nodes of the block of ``kind`` showing ``view``, as ``description`` describes it."""
        return self.block(description.describe(kind, view))

    def block(self, elements: Iterable[Block]) -> list[nodes.Node]:
        """A block's nodes, in page order."""
        written: list[nodes.Node] = []
        for element in elements:
            written.extend(self.part(element) if isinstance(element, Part) else [self.node(element)])
        return written

    def part(self, part: Part) -> list[nodes.Node]:
        """A part the search index skips: here, its children as nodes."""
        return self.block(part.children)

    def children(self, node: nodes.Element, children: Iterable[Element]) -> nodes.Element:
        for child in children:
            if isinstance(child, Part):
                node.extend(self.part(child))
            else:
                node += self.node(child)
        return node

    def node(self, element: Element) -> nodes.Node:
        match element:
            case Text(text):
                return nodes.Text(text)
            case Span(classes, children):
                return self.children(nodes.inline(classes=list(classes)), children)
            case Link():
                return self.link(element)
            case Address(url, text, classes):
                content = nodes.inline(text, text, classes=list(classes))
                return nodes.reference("", "", content, refuri=url, internal=False)
            case Para(classes, children):
                return self.children(nodes.paragraph(classes=list(classes)), children)
            case Strong(text):
                return nodes.strong(text, text)
            case Div(classes, children, anchor):
                div = nodes.container(classes=list(classes), ids=[anchor] if anchor else [], is_div=True)
                return self.children(div, children)
            case ListItem(classes, children, anchor):
                return self.children(nodes.list_item(classes=list(classes), ids=[anchor] if anchor else []), children)
            case BulletList(classes, items):
                return self.children(nodes.bullet_list(classes=list(classes)), items)
            case Heading(level, classes, children, anchor):
                rubric = nodes.rubric(classes=list(classes), ids=[anchor] if anchor else [])
                rubric["heading-level"] = level
                return self.children(rubric, children)
        raise TypeError(f"not an element: {element!r}")

    def link(self, link: Link) -> nodes.Node:
        """A reference to a page (or an anchor in it); plain text where the builder has no URI."""
        target = link.target
        text = nodes.inline(target.title, target.title, classes=list(link.classes))
        if not target.docname:
            return text
        reference = page_reference(self.builder, self.fromdocname, target.docname, target.anchor, text, target.title)
        if reference is None:
            return text
        if link.stretched:
            reference["classes"].append(STRETCHED_LINK)
        return reference
