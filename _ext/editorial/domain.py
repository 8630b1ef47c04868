"""The store of posts and pillars, and cross-references to posts by slug.

A Sphinx ``Domain`` is the one place the records live: it is pickled with
the environment, purged per document (``clear_doc``) and merged after
parallel reads (``merge_domaindata``), which is what makes ``-j`` builds and
incremental builds equal to a clean serial build.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Set
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util import docname_join

from .links import page_reference
from .model import Pillar, Post, slugify
from .views import PILLAR_ANCHOR, BlockKind, BlockSpec, key_anchor

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

#: Links pasted from the old Hugo site: /posts/<slug>/ and /posts/?pillar=<slug>.
_HUGO_POST = re.compile(r"/?posts/(?P<slug>[^/?#\s]+)/?")
_HUGO_PILLAR = re.compile(r"/?posts/?\?pillar=(?P<pillar>[^&#\s]+)")

PER_DOCUMENT = ("posts", "pillars", "blocks", "references")


class PostReferenceRole(XRefRole):
    """``{post}`slug``` or ``{post}`text <slug>```, also usable outside the domain."""

    innernodeclass = nodes.inline  # a post's name is prose, not code

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        self.name = "editorial:post"
        return super().run()


class EditorialDomain(Domain):
    """Posts and pillars by document, and the blocks each page shows."""

    name = "editorial"
    label = "Editorial"
    object_types = {"post": ObjType("post", "post")}  # noqa: RUF012
    roles = {"post": PostReferenceRole(warn_dangling=True)}  # noqa: RUF012
    dangling_warnings = {"post": "no post with slug %(target)r"}  # noqa: RUF012
    initial_data: dict[str, Any] = {  # noqa: RUF012
        "posts": {},  # docname -> Post
        "pillars": {},  # docname -> Pillar
        "blocks": {},  # docname -> tuple[BlockSpec, ...]
        "references": {},  # docname -> link targets that may name a post
        "fingerprints": {},  # docname -> fingerprint of its blocks when last written
        "furniture": {},  # post docname -> (its pillar's scope, the post, digest of its header and footer's views)
        "catalogue_inputs": None,  # everything the blocks read, as last compared (resolve.CatalogueInputs)
    }

    # -- store ----------------------------------------------------------------

    @property
    def posts(self) -> dict[str, Post]:
        return self.data["posts"]

    @property
    def pillars(self) -> dict[str, Pillar]:
        return self.data["pillars"]

    @property
    def blocks(self) -> dict[str, tuple[BlockSpec, ...]]:
        return self.data["blocks"]

    @property
    def references(self) -> dict[str, tuple[str, ...]]:
        return self.data["references"]

    @property
    def fingerprints(self) -> dict[str, str]:
        return self.data["fingerprints"]

    @property
    def furniture(self) -> dict[str, tuple[object, Post, str]]:
        return self.data["furniture"]

    def clear_doc(self, docname: str) -> None:
        self._slug_index = None
        for store in (*PER_DOCUMENT, "fingerprints", "furniture"):
            self.data[store].pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        self._slug_index = None
        for store in PER_DOCUMENT:
            for docname in docnames:
                if docname in otherdata[store]:
                    self.data[store][docname] = otherdata[store][docname]

    #: (number of posts indexed, slug -> docname of the first post by docname).
    #: Scanning every post for each link cost O(posts²) at a thousand posts.
    #: Posts change only after ``clear_doc`` or ``merge_domaindata``, which drop
    #: the index; the count catches a post stored after a lookup.
    _slug_index: tuple[int, dict[str, str]] | None = None

    def post_by_slug(self, slug: str) -> Post | None:
        if self._slug_index is None or self._slug_index[0] != len(self.posts):
            first_by_slug: dict[str, str] = {}
            for docname in sorted(self.posts):
                first_by_slug.setdefault(self.posts[docname].slug, docname)
            self._slug_index = (len(self.posts), first_by_slug)
        docname = self._slug_index[1].get(slug)
        return self.posts.get(docname) if docname is not None else None

    def archive_of(self, pillar_slug: str) -> tuple[str, str] | None:
        """The page listing all posts of a pillar (docname, anchor), if any."""
        pillar_docs = {pillar.docname for pillar in self.pillars.values()}
        key = slugify(pillar_slug)  # ?pillar=Le-Rôle-du-CTO, as the page's script reads it
        for docname in sorted(self.blocks):
            for spec in self.blocks[docname]:
                if spec.kind == BlockKind.POST_LIST and spec.pillar and slugify(spec.pillar) == key and docname not in pillar_docs:
                    return docname, ""
        for docname in sorted(self.blocks):
            if any(spec.kind == BlockKind.POST_LIST and not spec.pillar for spec in self.blocks[docname]):
                return docname, key_anchor(PILLAR_ANCHOR, pillar_slug)
        return None

    # -- cross-references -----------------------------------------------------

    def target(self, target: str) -> tuple[str, str, str] | None:
        """Resolve a slug or an old Hugo path to (docname, anchor, title)."""
        pillar_link = _HUGO_PILLAR.fullmatch(target)
        if pillar_link:
            archive = self.archive_of(unquote(pillar_link.group("pillar")))
            if archive is None:
                return None
            docname, anchor = archive
            return docname, anchor, self.env.titles[docname].astext() if docname in self.env.titles else docname
        hugo = _HUGO_POST.fullmatch(target)
        post = self.post_by_slug(hugo.group("slug") if hugo else target)
        return (post.docname, "", post.title) if post else None

    def _refnode(
        self, builder: Builder, fromdocname: str, target: str, node: pending_xref, contnode: nodes.Element
    ) -> nodes.reference | None:
        found = self.target(target)
        if found is None:
            return None
        docname, anchor, title = found
        if not node.get("refexplicit"):
            contnode = nodes.inline(title, title, classes=contnode.get("classes", []))
        # A post the builder does not contain (singlehtml, latex) is named, not linked.
        return page_reference(builder, fromdocname, docname, anchor, contnode, title) or contnode

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        return self._refnode(builder, fromdocname, target, node, contnode)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        found = self.target(target)
        if found is not None and not found[1] and docname_join(node.get("refdoc", fromdocname), target) == found[0]:
            # Also the post's document path ([](slug) beside it, /posts/<slug>/): the std
            # domain links that page already, and a second answer is "ambiguous" to MyST.
            return []
        refnode = self._refnode(builder, fromdocname, target, node, contnode)
        return [("editorial:post", refnode)] if refnode is not None else []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        for post in sorted(self.posts.values(), key=lambda post: post.docname):
            yield post.slug, post.title, "post", post.docname, "", 1

