"""Writing: fill each placeholder, and tell Sphinx which pages went stale.

``doctree-resolved`` replaces placeholders with nodes; ``env-get-updated``
compares each page's views with those it was last written with and returns
the pages whose lists changed, so an incremental build equals a clean one
without re-writing pages whose blocks did not change.
"""

from __future__ import annotations

import hashlib
import weakref
from datetime import date
from typing import TYPE_CHECKING

from docutils import nodes

from .collect import domain_of
from .config import configured_today
from .directives import BLOCK_KIND, editorial_block, spec_of
from .model import Pillar, Post
from .queries import Catalogue
from .render import Description
from .render_html import HtmlPartsWriter
from .render_nodes import NodeWriter
from .views import BlockSpec, ViewMaker

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

# One catalogue per environment and store state: building it sorts every
# post, and may not happen once per written page.  The store only changes
# while documents are read, and ``stale_pages`` runs once reading is over: it
# refreshes the entry, and the pages written afterwards reuse it as it is.
_makers: weakref.WeakKeyDictionary[BuildEnvironment, tuple[CatalogueInputs, ViewMaker]] = weakref.WeakKeyDictionary()

#: Everything the blocks read from the store: (posts, pillars, blocks, build date, show drafts, words per minute).
#: Compared with ``==``, never digested: a record no document re-read is the very
#: object stored last time (the environment is one pickle), so comparing is nearly
#: free where a digest would repr every record of the site.
CatalogueInputs = tuple[dict[str, Post], dict[str, Pillar], dict[str, tuple[BlockSpec, ...]], date, bool, int]


def build_date(env: BuildEnvironment) -> date:
    """The day that decides which posts are published (``editorial_today``, read at ``config-inited``)."""
    return configured_today(env.config) or date.today()


def digest(value: object) -> str:
    """A short, stable fingerprint of plain data (records, views, tuples)."""
    return hashlib.blake2b(repr(value).encode("utf-8"), digest_size=16).hexdigest()


def catalogue_inputs(env: BuildEnvironment) -> CatalogueInputs:
    store = domain_of(env)
    config = env.config
    return (
        dict(store.posts),
        dict(store.pillars),
        dict(store.blocks),
        build_date(env),
        config.editorial_show_drafts,
        config.editorial_words_per_minute,
    )


def refresh_catalogue(env: BuildEnvironment) -> tuple[CatalogueInputs, ViewMaker]:
    """The store's inputs and a view maker for them, rebuilt only if the store changed."""
    inputs = catalogue_inputs(env)
    cached = _makers.get(env)
    if cached and cached[0] == inputs:
        return cached
    store = domain_of(env)
    today = build_date(env)
    catalogue = Catalogue.build(store.posts, store.pillars, today, env.config.editorial_show_drafts)
    _makers[env] = (inputs, ViewMaker(catalogue, today, env.config.editorial_words_per_minute))
    return _makers[env]


def view_maker(env: BuildEnvironment) -> ViewMaker:
    """The view maker of the store as ``stale_pages`` last saw it (see ``_makers``)."""
    cached = _makers.get(env)
    return cached[1] if cached else refresh_catalogue(env)[1]


#: The blocks every post gets: they read only the post, its pillar and that pillar's posts.
POST_FURNITURE = (BlockSpec("post-header"), BlockSpec("post-footer"))


#: What a post's header and footer may show: its pillar, that pillar's posts, the settings.
FurnitureScope = tuple[Pillar | None, tuple[Post, ...], tuple[date, bool, int]]


def furniture_scopes(env: BuildEnvironment, maker: ViewMaker) -> dict[str, FurnitureScope]:
    """For each pillar slug, everything a post's header and footer may show.

    Editing one post changes one pillar's scope: the other pillars' posts
    keep their header and footer fingerprints without computing their views
    (related posts compare every post of a pillar with every other).
    """
    catalogue = maker.catalogue
    settings = (maker.today, env.config.editorial_show_drafts, maker.words_per_minute)
    slugs = {post.pillar for post in domain_of(env).posts.values()}
    return {slug: (catalogue.pillars_by_slug.get(slug), catalogue.pillar_posts(slug), settings) for slug in slugs}


def _views_digest(env: BuildEnvironment, maker: ViewMaker, docname: str, scopes: dict[str, FurnitureScope]) -> str:
    store = domain_of(env)
    blocks = store.blocks.get(docname, ())
    post = store.posts.get(docname)
    if post is None or blocks != POST_FURNITURE:
        return digest([maker.view(docname, spec) for spec in blocks])
    scope = scopes.get(post.pillar)
    known = store.furniture.get(docname)
    if known is None or known[1] != post or known[0] != scope:
        known = (scope, post, digest([maker.view(docname, spec) for spec in blocks]))
        store.furniture[docname] = known
    return known[2]


def page_fingerprint(env: BuildEnvironment, maker: ViewMaker, docname: str, scopes: dict[str, FurnitureScope]) -> str:
    """A digest of what the page's blocks and post links show."""
    store = domain_of(env)
    links = [store.target(target) for target in store.references.get(docname, ())]
    return digest((_views_digest(env, maker, docname, scopes), links))


def stale_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: pages whose blocks or post links now read differently."""
    store = domain_of(env)
    inputs, maker = refresh_catalogue(env)
    dependent = sorted((set(store.blocks) | set(store.references)) & env.all_docs.keys())
    unchanged_store = inputs == store.data["catalogue_inputs"]
    if unchanged_store and all(docname in store.fingerprints for docname in dependent):
        return []
    stale = []
    scopes = furniture_scopes(env, maker)
    for docname in dependent:
        if unchanged_store and docname in store.fingerprints:
            continue
        fingerprint = page_fingerprint(env, maker, docname, scopes)
        if store.fingerprints.get(docname) != fingerprint:
            stale.append(docname)
            store.fingerprints[docname] = fingerprint
    for docname in set(store.fingerprints) - set(dependent):
        del store.fingerprints[docname]
    for docname in set(store.furniture) - set(dependent):
        del store.furniture[docname]
    store.data["catalogue_inputs"] = inputs
    return stale


#: Builders whose translator is the plain HTML5 one ``render_html`` copies (EPUB's is XHTML).
HTML_BUILDERS = frozenset({"html", "dirhtml"})


def writer_for(builder: Builder, fromdocname: str) -> NodeWriter:
    """The one choice of backend: the HTML builders get the unsearched parts as HTML, others nodes.

    Made here rather than in a ``SphinxPostTransform``: Sphinx runs post-transforms
    inside ``get_and_resolve_doctree``, before ``doctree-resolved``, where blocks are
    filled (the placeholders would still be there).
    """
    if builder.name in HTML_BUILDERS:
        return HtmlPartsWriter(builder, fromdocname)
    return NodeWriter(builder, fromdocname)


#: The build's description of blocks, per builder (it keeps each post's card and list entry).
_descriptions: weakref.WeakKeyDictionary[Builder, Description] = weakref.WeakKeyDictionary()


def description_of(builder: Builder) -> Description:
    if builder not in _descriptions:
        _descriptions[builder] = Description(bool(builder.config.smartquotes), builder.config.language)
    return _descriptions[builder]


def fill_blocks(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """``doctree-resolved``: replace every placeholder by its block."""
    placeholders = list(doctree.findall(editorial_block))
    if not placeholders:
        return
    maker = view_maker(app.env)
    description = description_of(app.builder)
    writer = writer_for(app.builder, fromdocname)
    for placeholder in placeholders:
        spec = spec_of(placeholder)
        block = writer.block(description.describe(spec.kind, maker.view(placeholder["docname"], spec)))
        for node in block:
            if isinstance(node, nodes.Element):
                node[BLOCK_KIND] = spec.kind  # not written out by any translator
        placeholder.replace_self(block)
