"""Site policy: links pasted from the old Hugo site still find their page.

An extension the site opts into (``"editorial.policy.hugo_addresses"`` in
``conf.py``'s ``extensions``).  In a page, ``[texte](/posts/<slug>/)`` links
the post of that slug and ``[texte](/posts/?pillar=<slug>)`` the page that
lists the pillar's posts: the pillar's own archive if it has one, else the
pillar's group (``#pilier-<key>``) on the page listing every post by pillar.
Without this module those links are MyST's, which warns that nothing matches.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import unquote

from ..domain import FIND_TARGET_EVENT
from ..model import BlockKind, slugify
from ..views import PILLAR_ANCHOR, key_anchor

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

    from ..domain import EditorialDomain

#: /posts/<slug>/ and /posts/?pillar=<slug>, with or without the leading slash.
HUGO_POST = re.compile(r"/?posts/(?P<slug>[^/?#\s]+)/?")
HUGO_PILLAR = re.compile(r"/?posts/?\?pillar=(?P<pillar>[^&#\s]+)")


def archive_of(store: EditorialDomain, pillar_slug: str) -> tuple[str, str] | None:
    """The page listing all posts of a pillar, as (docname, anchor), if any."""
    pillar_docs = {pillar.docname for pillar in store.pillars.values()}
    key = slugify(pillar_slug)  # ?pillar=Le-Rôle-du-CTO, as the page's script reads it
    for docname in sorted(store.blocks):
        for spec in store.blocks[docname]:
            if (
                spec.kind == BlockKind.POST_LIST
                and spec.pillar
                and slugify(spec.pillar) == key
                and docname not in pillar_docs
            ):
                return docname, ""
    for docname in sorted(store.blocks):
        if any(spec.kind == BlockKind.POST_LIST and not spec.pillar for spec in store.blocks[docname]):
            return docname, key_anchor(PILLAR_ANCHOR, pillar_slug)
    return None


def find_hugo_target(app: Sphinx, store: EditorialDomain, target: str) -> tuple[str, str, str] | None:
    """``editorial-find-target``: (docname, anchor, title) of an old Hugo address, None for any other target."""
    pillar_link = HUGO_PILLAR.fullmatch(target)
    if pillar_link:
        archive = archive_of(store, unquote(pillar_link.group("pillar")))
        if archive is None:
            return None
        docname, anchor = archive
        titles = store.env.titles
        return docname, anchor, titles[docname].astext() if docname in titles else docname
    post_link = HUGO_POST.fullmatch(target)
    post = store.post_by_slug(post_link.group("slug")) if post_link else None
    return (post.docname, "", post.title) if post else None


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("editorial")
    app.connect(FIND_TARGET_EVENT, find_hugo_target)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
