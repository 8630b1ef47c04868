"""The directives an editor writes: each leaves a placeholder for later.

A list can only be filled once every post has been read, so a directive
records what it asks for (a ``BlockSpec``) in a placeholder node; the
resolver fills it in (see ``resolve.py``), as ``sphinx.ext.todo`` does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from .model import BlockKind, BlockSpec

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx

GROUPINGS = ("pillar", "year", "none")


#: Attribute naming the kind of block a filled block's nodes were made for (feeds leave the furniture out).
BLOCK_KIND = "editorial-block"


class editorial_block(nodes.General, nodes.Element):  # noqa: N801 - docutils node naming
    """Placeholder for a block; carries its kind, options and real docname."""


def spec_of(node: editorial_block) -> BlockSpec:
    return BlockSpec(
        BlockKind(node["kind"]),
        node.get("pillar", ""),
        node.get("limit", 0),
        node.get("group_by", ""),
        node.get("series", ""),
    )


def make_block(spec: BlockSpec, docname: str) -> editorial_block:
    return editorial_block(
        "",
        kind=spec.kind,
        docname=docname,
        pillar=spec.pillar,
        limit=spec.limit,
        group_by=spec.group_by,
        series=spec.series,
    )


def _grouping(argument: str | None) -> str:
    # docutils refuses a missing argument itself, with its own message.
    return directives.choice(argument, GROUPINGS)  # type: ignore[arg-type]


class BlockDirective(SphinxDirective):
    """A directive with no content whose options become a ``BlockSpec``."""

    kind: ClassVar[BlockKind]
    has_content = False
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {"pillar": directives.unchanged_required}

    def spec(self) -> BlockSpec:
        return BlockSpec(self.kind, self.options.get("pillar", "").strip())

    def run(self) -> list[nodes.Node]:
        node = make_block(self.spec(), self.env.docname)
        self.set_source_info(node)
        return [node]


class LatestPosts(BlockDirective):
    kind = BlockKind.LATEST_POSTS
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        "pillar": directives.unchanged_required,
        "limit": directives.positive_int,
    }

    def spec(self) -> BlockSpec:
        limit = self.options.get("limit", self.config.editorial_latest_limit)
        return BlockSpec(self.kind, self.options.get("pillar", "").strip(), limit)


class StartHere(BlockDirective):
    kind = BlockKind.START_HERE


class Audience(BlockDirective):
    kind = BlockKind.AUDIENCE


class Tensions(BlockDirective):
    kind = BlockKind.TENSIONS


class PostList(BlockDirective):
    kind = BlockKind.POST_LIST
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        "pillar": directives.unchanged_required,
        "group-by": _grouping,
    }

    def spec(self) -> BlockSpec:
        return BlockSpec(self.kind, self.options.get("pillar", "").strip(), 0, self.options.get("group-by", ""))


class Pillars(BlockDirective):
    """Every pillar of the site, from their front matter: the home page's list."""

    kind = BlockKind.PILLARS
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {}

    def spec(self) -> BlockSpec:
        return BlockSpec(self.kind)


class Series(BlockDirective):
    """A pillar's series ("dossiers") as cards: title, summary, number of parts."""

    kind = BlockKind.SERIES


class SeriesPage(BlockDirective):
    """The parts of one series, in order: the body of the page ``series_pages.py`` writes for it."""

    kind = BlockKind.SERIES_PAGE
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {"series": directives.unchanged_required}

    def spec(self) -> BlockSpec:
        return BlockSpec(self.kind, series=self.options.get("series", "").strip())


class Authors(BlockDirective):
    """Every author of the site, from their pages' front matter: the authors index."""

    kind = BlockKind.AUTHORS
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {}

    def spec(self) -> BlockSpec:
        return BlockSpec(self.kind)


def _skip(translator: object, node: nodes.Node) -> None:
    raise nodes.SkipNode


def setup_directives(app: Sphinx) -> None:
    # Placeholders are replaced before writing; these visitors only guard
    # third-party builders that write unresolved doctrees.
    skipped = (_skip, None)
    app.add_node(editorial_block, html=skipped, latex=skipped, text=skipped, man=skipped, texinfo=skipped)
    for directive in (LatestPosts, StartHere, Audience, Tensions, PostList, Pillars, Series, SeriesPage, Authors):
        app.add_directive(directive.kind.value, directive)
