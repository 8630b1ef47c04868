"""The store of posts and pillars, and cross-references to posts by slug.

A Sphinx ``Domain`` is the one place the records live: it is pickled with
the environment, purged per document (``clear_doc``) and merged after
parallel reads (``merge_domaindata``), which is what makes ``-j`` builds and
incremental builds equal to a clean serial build.

A link names a post by its slug; other forms of address (a site's old
addresses, say) are a policy the site opts into: an extension connected to
``editorial-find-target`` answers for the targets it recognises.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from typing import TYPE_CHECKING, Any, ClassVar, cast

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util import docname_join

from .authors import Author, check_authors
from .fingerprint import WriteState
from .links import page_reference
from .model import BlockSpec, Pillar, Post, owners_by_slug
from .series import check_series, unpublished_parts
from .validate import check_records

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

#: The event asked about a link target that is not a slug: ``(domain, target)`` ->
#: ``(docname, anchor, title)`` of the page it names, or None to pass.
FIND_TARGET_EVENT = "editorial-find-target"

PER_DOCUMENT = ("posts", "pillars", "blocks", "references", "authors")


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
    # Sphinx declares these as plain class-level dicts; ClassVar would not match its annotations.
    object_types = {"post": ObjType("post", "post")}  # noqa: RUF012
    roles = {"post": PostReferenceRole(warn_dangling=True)}  # noqa: RUF012
    dangling_warnings = {"post": "no post with slug %(target)r"}  # noqa: RUF012
    initial_data: ClassVar[dict[str, Any]] = {
        "posts": {},  # docname -> Post
        "pillars": {},  # docname -> Pillar
        "blocks": {},  # docname -> tuple[BlockSpec, ...]
        "references": {},  # docname -> link targets that may name a post
        "authors": {},  # docname -> Author (authors.py)
        "write_state": WriteState(),  # what the last write phase saw (fingerprint.WriteState), main process only
    }

    @classmethod
    def of(cls, env: BuildEnvironment) -> EditorialDomain:
        """The environment's editorial domain (Sphinx makes one per environment)."""
        return cast("EditorialDomain", env.domains[cls.name])

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
    def authors(self) -> dict[str, Author]:
        return self.data["authors"]

    @property
    def write_state(self) -> WriteState:
        return self.data["write_state"]

    def note_post(self, post: Post) -> None:
        """Store the post read from its document (reading processes: one document at a time)."""
        self.posts[post.docname] = post

    def note_pillar(self, pillar: Pillar) -> None:
        self.pillars[pillar.docname] = pillar

    def note_author(self, author: Author) -> None:
        self.authors[author.docname] = author

    def note_blocks(self, docname: str, blocks: tuple[BlockSpec, ...]) -> None:
        """The blocks a page shows, in order (they make it depend on other documents)."""
        self.blocks[docname] = blocks

    def note_references(self, docname: str, targets: tuple[str, ...]) -> None:
        """The link targets of a page that may name a post (its links follow the post's title)."""
        self.references[docname] = targets

    def check_consistency(self) -> None:
        """What one document alone cannot know (Sphinx calls it once every document is read)."""
        check_records(self.pillars.values(), self.posts.values(), self.blocks)
        check_series(
            self.pillars.values(), self.posts.values(), unpublished_parts(self.env.config), str(self.env.srcdir)
        )
        check_authors(self.authors.values(), self.posts.values())

    def clear_doc(self, docname: str) -> None:
        self._slug_index = None
        self._targets = None
        for store in PER_DOCUMENT:
            self.data[store].pop(docname, None)
        self.write_state.forget(docname)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        self._slug_index = None
        self._targets = None
        for store in PER_DOCUMENT:
            for docname in docnames:
                if docname in otherdata[store]:
                    self.data[store][docname] = otherdata[store][docname]

    #: (number of posts indexed, slug -> the post that owns it, ``model.owners_by_slug``).
    #: Scanning every post for each link cost O(posts²) at a thousand posts.
    #: Posts change only after ``clear_doc`` or ``merge_domaindata``, which drop
    #: the index; the count catches a post stored after a lookup.
    _slug_index: tuple[int, dict[str, Post]] | None = None

    def post_by_slug(self, slug: str) -> Post | None:
        if self._slug_index is None or self._slug_index[0] != len(self.posts):
            self._slug_index = (len(self.posts), owners_by_slug(self.posts.values()))
        return self._slug_index[1].get(slug)

    # -- cross-references -----------------------------------------------------

    #: (how many posts, pillars and authors the store held, target -> what ``target`` found then).
    #: A target is resolved once while the records stay the same: each resolution asks the site
    #: policies through an event, some 3,000 times as a 1,000-post build writes its pages.
    #: Dropped with the slug index; the counts catch a record stored after a lookup.
    _targets: tuple[tuple[int, int, int], dict[str, tuple[str, str, str] | None]] | None = None

    def target(self, target: str) -> tuple[str, str, str] | None:
        """Resolve a slug, or an address a site policy recognises, to (docname, anchor, title)."""
        size = (len(self.posts), len(self.pillars), len(self.authors))
        if self._targets is None or self._targets[0] != size:
            self._targets = (size, {})
        known = self._targets[1]
        if target not in known:
            known[target] = self._find_target(target)
        return known[target]

    def _find_target(self, target: str) -> tuple[str, str, str] | None:
        found = self.env.events.emit_firstresult(FIND_TARGET_EVENT, self, target)
        if found is not None:
            return found
        post = self.post_by_slug(target)
        return (post.docname, "", post.title) if post else None

    def _refnode(
        self, builder: Builder, fromdocname: str, target: str, node: pending_xref, contnode: nodes.Element
    ) -> nodes.Element | None:
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
        # Sphinx takes any element: a post the builder does not contain comes back named, not linked.
        return self._refnode(builder, fromdocname, target, node, contnode)  # type: ignore[return-value]

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
        # As in resolve_xref: a post the builder does not contain comes back named, not linked.
        return [("editorial:post", refnode)] if refnode is not None else []  # type: ignore[list-item]

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        """Posts for ``objects.inv`` (intersphinx), never as search results (priority -1).

        A post is already a page of the search index, found by its own words; an
        object of priority 0 or 1 would list it a second time.
        """
        for post in sorted(self.posts.values(), key=lambda post: post.docname):
            yield post.slug, post.title, "post", post.docname, "", -1
