"""Links to pages, correct in every builder.

Posts stay out of the toctree (see ``collect.py``), so the builders that
assemble one document by following the toctree from the root (singlehtml,
latex, texinfo, man) do not contain them: a link to a post there would point
at an anchor that does not exist.  In those builders such a link becomes its
plain text, as Sphinx does when a builder has no URI for a page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.errors import NoUri
from sphinx.util.nodes import make_refnode

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

SINGLE_DOCUMENT_BUILDERS = frozenset({"singlehtml", "latex", "texinfo", "man"})


#: Builders that write a page per document with a URL of its own: blocks go to them
#: partly as HTML, feeds link to their pages, head metadata and the sitemap are theirs.
#: Their translator is the plain HTML5 one ``render_html`` copies (EPUB's is XHTML).
HTML_BUILDERS = frozenset({"html", "dirhtml"})


def assembled_docnames(env: BuildEnvironment) -> set[str]:
    """The pages a single-document builder includes: the toctree from the root."""
    included = {env.config.root_doc}
    pending = [env.config.root_doc]
    while pending:
        for child in env.toctree_includes.get(pending.pop(), ()):
            if child not in included:
                included.add(child)
                pending.append(child)
    return included


def page_reference(
    builder: Builder, fromdocname: str, docname: str, anchor: str, content: nodes.Node, title: str
) -> nodes.reference | None:
    """A reference to ``docname`` (and ``anchor``), or None where the builder cannot link it."""
    if builder.name in SINGLE_DOCUMENT_BUILDERS and docname not in assembled_docnames(builder.env):
        return None
    try:
        return make_refnode(builder, fromdocname, docname, anchor, content, title)
    except NoUri:
        return None
