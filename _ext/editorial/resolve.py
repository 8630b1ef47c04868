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
from .directives import BLOCK_KIND, editorial_block, spec_of
from .queries import Catalogue
from .render import Renderer
from .render_html import HtmlRenderer, writes_html
from .views import BlockSpec, ViewMaker

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .views import View

# One catalogue per environment and store state: building it sorts every
# post, and digesting the store (``catalogue_key``) reprs every record; neither
# may happen once per written page (at 1,000 posts the digest per page was
# most of the extension's cost).  The store only changes while documents are
# read, and ``stale_pages`` runs once reading is over: it refreshes the entry,
# and the pages written afterwards reuse it as it is.
_makers: weakref.WeakKeyDictionary[BuildEnvironment, tuple[str, ViewMaker]] = weakref.WeakKeyDictionary()


def build_date(env: BuildEnvironment) -> date:
    """The day that decides which posts are published (``editorial_today``)."""
    configured = env.config.editorial_today
    return date.fromisoformat(configured) if configured else date.today()


def digest(value: object) -> str:
    """A short, stable fingerprint of plain data (records, views, tuples)."""
    return hashlib.blake2b(repr(value).encode("utf-8"), digest_size=16).hexdigest()


def catalogue_key(env: BuildEnvironment) -> str:
    """A fingerprint of everything the blocks read from the store."""
    store = domain_of(env)
    return digest(
        (
            sorted(store.posts.items()),
            sorted(store.pillars.items()),
            sorted(store.blocks.items()),
            build_date(env),
            env.config.editorial_show_drafts,
            env.config.editorial_words_per_minute,
        )
    )


def refresh_catalogue(env: BuildEnvironment) -> tuple[str, ViewMaker]:
    """The store's key and a view maker for it, rebuilt only if the store changed."""
    key = catalogue_key(env)
    cached = _makers.get(env)
    if cached and cached[0] == key:
        return cached
    store = domain_of(env)
    today = build_date(env)
    catalogue = Catalogue.build(store.posts, store.pillars, today, env.config.editorial_show_drafts)
    _makers[env] = (key, ViewMaker(catalogue, today, env.config.editorial_words_per_minute))
    return _makers[env]


def view_maker(env: BuildEnvironment) -> ViewMaker:
    """The view maker of the store as ``stale_pages`` last saw it (see ``_makers``)."""
    cached = _makers.get(env)
    return cached[1] if cached else refresh_catalogue(env)[1]


#: The blocks every post gets: they read only the post, its pillar and that pillar's posts.
POST_FURNITURE = (BlockSpec("post-header"), BlockSpec("post-footer"))


def furniture_scopes(env: BuildEnvironment, maker: ViewMaker) -> dict[str, str]:
    """For each pillar slug, a digest of everything a post's header and footer may show.

    Editing one post changes one pillar's digest: the other pillars' posts
    keep their header and footer fingerprints without computing their views
    (related posts compare every post of a pillar with every other).
    """
    catalogue = maker.catalogue
    settings = (maker.today, env.config.editorial_show_drafts, maker.words_per_minute)
    slugs = {post.pillar for post in domain_of(env).posts.values()}
    return {slug: digest((catalogue.pillars_by_slug.get(slug), catalogue.pillar_posts(slug), settings)) for slug in slugs}


def _views_digest(env: BuildEnvironment, maker: ViewMaker, docname: str, scopes: dict[str, str]) -> str:
    store = domain_of(env)
    blocks = store.blocks.get(docname, ())
    post = store.posts.get(docname)
    if post is None or blocks != POST_FURNITURE:
        return digest([maker.view(docname, spec) for spec in blocks])
    inputs = digest((scopes.get(post.pillar), post))
    known = store.furniture.get(docname)
    if known is None or known[0] != inputs:
        known = (inputs, digest([maker.view(docname, spec) for spec in blocks]))
        store.furniture[docname] = known
    return known[1]


def page_fingerprint(env: BuildEnvironment, maker: ViewMaker, docname: str, scopes: dict[str, str]) -> str:
    """A digest of what the page's blocks and post links show."""
    store = domain_of(env)
    links = [store.target(target) for target in store.references.get(docname, ())]
    return digest((_views_digest(env, maker, docname, scopes), links))


def stale_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: pages whose blocks or post links now read differently."""
    store = domain_of(env)
    key, maker = refresh_catalogue(env)
    dependent = sorted((set(store.blocks) | set(store.references)) & env.all_docs.keys())
    unchanged_store = key == store.data["catalogue_key"]
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
    store.data["catalogue_key"] = key
    return stale


def fill_blocks(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """``doctree-resolved``: replace every placeholder by its block."""
    placeholders = list(doctree.findall(editorial_block))
    if not placeholders:
        return
    maker = view_maker(app.env)
    html_renderer = HtmlRenderer(app.builder, fromdocname, app.config.language)

    def html_part(kind: str, view: View) -> nodes.Node | None:
        return html_renderer.render(kind, view) if writes_html(app.builder.name, kind, view) else None

    renderer = Renderer(app.builder, fromdocname, app.config.language, parts=html_part)
    for placeholder in placeholders:
        spec = spec_of(placeholder)
        view = maker.view(placeholder["docname"], spec)
        if writes_html(app.builder.name, spec.kind, view):
            block = [html_renderer.render(spec.kind, view)]
        else:
            block = renderer.render(spec.kind, view)
        for node in block:
            if isinstance(node, nodes.Element):
                node[BLOCK_KIND] = spec.kind  # not written out by any translator
        placeholder.replace_self(block)
