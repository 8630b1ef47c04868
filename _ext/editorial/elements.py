"""What a block is made of: a small tree that two backends write.

``render.py`` describes each block once with these elements;
``render_nodes.py`` turns them into docutils nodes (every builder) and
``render_html.py`` into the HTML the HTML5 translator would write of those
nodes (html and dirhtml).  Texts are final (typeset, translated): a backend
only escapes them.  Classes are tuples of CSS classes, written in order.
"""

from __future__ import annotations

from typing import NamedTuple, TypeAlias

from .views import PageLink


class Text(NamedTuple):
    """Plain text (docutils ``Text``)."""

    text: str


class Strong(NamedTuple):
    """Strong text (``<strong>``)."""

    text: str


class Span(NamedTuple):
    """Inline content with classes (``inline``, ``<span>``)."""

    classes: tuple[str, ...]
    children: tuple[Inline, ...]


class Link(NamedTuple):
    """A link to ``target``, its title in a span with ``classes``; plain text where the builder has no URI.

    ``target.title`` is the final text; ``stretched`` makes the link cover
    its card (sphinx-design's ``sd-stretched-link``).
    """

    target: PageLink
    classes: tuple[str, ...] = ()
    stretched: bool = False


class Address(NamedTuple):
    """A link to an address outside the site (an author's site), ``text`` in a span with ``classes``."""

    url: str
    text: str
    classes: tuple[str, ...] = ()


class Para(NamedTuple):
    """A paragraph (``<p>``)."""

    classes: tuple[str, ...]
    children: tuple[Inline, ...]


class Heading(NamedTuple):
    """A heading inside a block: a rubric with a ``heading-level`` (``<h2>``, ``<h3>``)."""

    level: int
    classes: tuple[str, ...]
    children: tuple[Inline, ...]
    id: str = ""


class Box(NamedTuple):
    """Blocks under classes and an optional id: what a ``div`` and a list item both are."""

    classes: tuple[str, ...]
    children: tuple[Block, ...]
    id: str = ""


class Div(Box):
    """A ``div`` (sphinx-design's ``container(is_div=True)``)."""


class ListItem(Box):
    """An item of a bullet list (``<li>``)."""


class BulletList(NamedTuple):
    """A bullet list (``<ul>``); "simple" when each item is at most one paragraph, as docutils decides."""

    classes: tuple[str, ...]
    items: tuple[ListItem, ...]


class Part(NamedTuple):
    """A piece the search index skips whole, named by ``kind`` ("post-header", "tension-posts").

    The HTML builders get it already written as HTML (one node instead of
    hundreds); other builders get its children as nodes.
    """

    kind: str
    children: tuple[Block, ...]


#: What a paragraph, span or heading holds.
Inline: TypeAlias = "Text | Strong | Span | Link | Address"
#: What a block, div or list item holds.
Block: TypeAlias = "Para | Heading | Div | BulletList | Part"
#: Anything a backend writes.
Element: TypeAlias = "Inline | Block | ListItem"
