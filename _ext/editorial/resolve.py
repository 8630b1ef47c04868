"""Writing: fill each placeholder, and tell Sphinx which pages went stale.

``doctree-resolved`` replaces placeholders with nodes; ``env-get-updated``
compares each page's views with those it was last written with and returns
the pages whose lists changed, so an incremental build equals a clean one
without re-writing pages whose blocks did not change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from .config import build_date
from .directives import BLOCK_KIND, editorial_block, spec_of
from .domain import EditorialDomain
from .fingerprint import CatalogueInputs, FurnitureScope, build_caches, fingerprint, navigation_of
from .links import HTML_BUILDERS
from .model import BlockKind, BlockSpec
from .queries import Catalogue
from .render import Description
from .render_authors import add_author_blocks
from .render_html import HtmlPartsWriter
from .render_nodes import NodeWriter
from .series import unpublished_parts
from .views import ViewMaker

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from .model import Post


def catalogue_inputs(env: BuildEnvironment) -> CatalogueInputs:
    store = EditorialDomain.of(env)
    config = env.config
    return (
        dict(store.posts),
        dict(store.pillars),
        dict(store.blocks),
        build_date(env),
        config.editorial_show_drafts,
        config.editorial_words_per_minute,
        tuple(part.post for part in unpublished_parts(config)),
        dict(store.authors),
    )


def refresh_catalogue(app: Sphinx) -> tuple[CatalogueInputs, ViewMaker]:
    """The store's inputs and a view maker for them, rebuilt only if the store changed.

    Building the catalogue sorts every post: once per build, not once per
    written page.  The store only changes while documents are read, and
    ``stale_pages`` runs once reading is over: the pages written afterwards
    reuse the maker it left in the build's caches.
    """
    env = app.env
    caches = build_caches(app)
    inputs = catalogue_inputs(env)
    if caches.views and caches.views[0] == inputs:
        return caches.views
    store = EditorialDomain.of(env)
    today = build_date(env)
    catalogue = Catalogue.build(
        store.posts, store.pillars, today, env.config.editorial_show_drafts, store.authors.values()
    )
    caches.views = (inputs, ViewMaker(catalogue, today, env.config.editorial_words_per_minute, inputs[6]))
    return caches.views


def view_maker(app: Sphinx) -> ViewMaker:
    """The view maker of the store as ``stale_pages`` last saw it."""
    views = build_caches(app).views
    return views[1] if views else refresh_catalogue(app)[1]


#: The blocks every post gets: they read only the post, its pillar and that pillar's posts.
POST_FURNITURE = (BlockSpec(BlockKind.POST_HEADER), BlockSpec(BlockKind.POST_FOOTER))


def furniture_scopes(env: BuildEnvironment, maker: ViewMaker) -> dict[str, FurnitureScope]:
    """For each pillar slug, everything a post's header and footer may show.

    Editing one post changes one pillar's scope: the other pillars' posts
    keep their header and footer fingerprints without computing their views
    (related posts compare every post of a pillar with every other).
    """
    catalogue = maker.catalogue
    settings = (maker.today, env.config.editorial_show_drafts, maker.words_per_minute)
    slugs = {post.pillar for post in EditorialDomain.of(env).posts.values()}
    # The parts of series still to come count in their pillar's headers ("Partie 2 sur 4").
    to_come: dict[str, tuple[Post, ...]] = {}
    for post in maker.to_come:
        to_come[post.pillar] = (*to_come.get(post.pillar, ()), post)
    # Every author, in the scope of every pillar: a renamed author changes the headers of their posts.
    authors = tuple(sorted(catalogue.authors_by_id.items()))
    return {
        slug: (
            catalogue.pillars_by_slug.get(slug),
            catalogue.pillar_posts(slug) + to_come.get(slug, ()),
            settings,
            authors,
        )
        for slug in slugs
    }


def _views_fingerprint(env: BuildEnvironment, maker: ViewMaker, docname: str, scopes: dict[str, FurnitureScope]) -> str:
    store = EditorialDomain.of(env)
    blocks = store.blocks.get(docname, ())
    post = store.posts.get(docname)
    if post is None or blocks != POST_FURNITURE:
        return fingerprint([maker.view(docname, spec) for spec in blocks])
    scope = scopes.get(post.pillar)
    furniture = store.write_state.furniture
    known = furniture.get(docname)
    if known is None or known[1] != post or known[0] != scope:
        known = (scope, post, fingerprint([maker.view(docname, spec) for spec in blocks]))
        furniture[docname] = known
    return known[2]


def page_fingerprint(env: BuildEnvironment, maker: ViewMaker, docname: str, scopes: dict[str, FurnitureScope]) -> str:
    """The fingerprint of what the page's blocks and post links show (each link as the store resolves it now)."""
    store = EditorialDomain.of(env)
    links = [store.target(target) for target in store.references.get(docname, ())]
    return fingerprint((_views_fingerprint(env, maker, docname, scopes), links))


def navigation_changed(env: BuildEnvironment) -> bool:
    """Whether the navigation changed since pages were last written (and remember it).

    Every page shows the navigation (Furo's sidebar, previous and next links),
    but Sphinx re-writes only the documents it re-read: a new pillar would be
    missing from the sidebar of every other page.  The first build writes
    every page anyway.
    """
    state = EditorialDomain.of(env).write_state
    navigation = navigation_of(env)
    changed = state.navigation is not None and navigation != state.navigation
    state.navigation = navigation
    return changed


def stale_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: pages whose blocks or post links now read differently; all if the navigation changed."""
    changed_blocks = _stale_block_pages(app, env)  # run in any case: it keeps the pages' fingerprints
    if navigation_changed(env):
        return sorted(env.all_docs)
    return changed_blocks


def _stale_block_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages whose blocks or post links now read differently than when last written."""
    store = EditorialDomain.of(env)
    state = store.write_state
    dependent = sorted((set(store.blocks) | set(store.references)) & env.all_docs.keys())
    unchanged_store = catalogue_inputs(env) == state.catalogue_inputs
    if unchanged_store and all(docname in state.pages for docname in dependent):
        return []  # before building the catalogue (it sorts every post): a no-change rebuild needs none
    inputs, maker = refresh_catalogue(app)
    stale = []
    scopes = furniture_scopes(env, maker)
    for docname in dependent:
        if unchanged_store and docname in state.pages:
            continue
        page = page_fingerprint(env, maker, docname, scopes)
        if state.pages.get(docname) != page:
            stale.append(docname)
            state.pages[docname] = page
    state.keep_only(set(dependent))
    state.catalogue_inputs = inputs
    return stale


def writer_for(builder: Builder, fromdocname: str) -> NodeWriter:
    """The one choice of backend: the HTML builders get the unsearched parts as HTML, others nodes.

    Made here rather than in a ``SphinxPostTransform``: Sphinx runs post-transforms
    inside ``get_and_resolve_doctree``, before ``doctree-resolved``, where blocks are
    filled (the placeholders would still be there).
    """
    if builder.name in HTML_BUILDERS:
        return HtmlPartsWriter(builder, fromdocname)
    return NodeWriter(builder, fromdocname)


def description_of(app: Sphinx) -> Description:
    """The build's description of blocks (it keeps each post's card and list entry), in the build's caches."""
    caches = build_caches(app)
    if caches.description is None:
        caches.description = add_author_blocks(Description(bool(app.config.smartquotes), app.config.language))
    description: Description = caches.description
    return description


def fill_blocks(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """``doctree-resolved``: replace every placeholder by its block."""
    placeholders = list(doctree.findall(editorial_block))
    if not placeholders:
        return
    maker = view_maker(app)
    description = description_of(app)
    writer = writer_for(app.builder, fromdocname)
    for placeholder in placeholders:
        spec = spec_of(placeholder)
        block = writer.described(description, spec.kind, maker.view(placeholder["docname"], spec))
        for node in block:
            if isinstance(node, nodes.Element):
                node[BLOCK_KIND] = spec.kind  # not written out by any translator
        placeholder.replace_self(block)
