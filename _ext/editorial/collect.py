"""Reading: front matter → validated record → store, one document at a time.

Runs in the reading processes (parallel-safe: it only writes the current
document's entries).  Checks that need every document (unknown pillar,
unknown ids, duplicates) run once all are read, in ``validate.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from docutils import nodes
from sphinx import addnodes

from .diagnostics import Problem, warn
from .directives import editorial_block, make_block, spec_of
from .domain import EditorialDomain
from .frontmatter import FrontMatter, read_front_matter, source_for_myst
from .model import read_pillar, read_post
from .shape import Shape, footer_parent, header_place, read_shape
from .views import BlockSpec

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

_FRONT_MATTER_KEY = "editorial_front_matter"


def is_post(env: BuildEnvironment, docname: str) -> bool:
    folder = env.config.editorial_posts_dir.strip("/")
    return docname.startswith(folder + "/") and docname.rsplit("/", 1)[-1] != "index"


def domain_of(env: BuildEnvironment) -> EditorialDomain:
    return cast(EditorialDomain, env.domains["editorial"])


def remember_front_matter(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: keep the exact front matter until the doctree is read (MyST gets our reading of it)."""
    front_matter = read_front_matter(source[0])
    app.env.current_document[_FRONT_MATTER_KEY] = front_matter
    source[0] = source_for_myst(source[0], front_matter)


def _report(docname: str, front_matter: FrontMatter, problems: list[Problem]) -> None:
    if front_matter.problem and problems != [front_matter.problem]:
        return  # an unreadable block: its one warning says so, not every field it lacks as a consequence
    for problem in problems:
        warn(problem.message, problem.subtype, (docname, front_matter.line_of(problem.field)))


def _shape(env: BuildEnvironment, docname: str, doctree: nodes.document) -> Shape:
    """The page's ``#`` title and heading mistakes, reported at their lines in the file."""
    try:
        source_lines = env.doc2path(docname).read_text(encoding=env.config.source_encoding).splitlines()
    except (OSError, UnicodeDecodeError):
        source_lines = []
    shape = read_shape(doctree, source_lines)
    for problem in shape.problems:
        warn(problem.message, problem.subtype, (docname, problem.line))
    return shape


def _name_untitled(env: BuildEnvironment, docname: str, title: str) -> None:
    """A page without any heading is named by its front matter (Sphinx would say "<no title>")."""
    if title:
        node = nodes.title(title, title)
        env.titles[docname] = node
        env.longtitles[docname] = node


def _words(env: BuildEnvironment, docname: str) -> int:
    wordcount = env.metadata.get(docname, {}).get("wordcount")
    if isinstance(wordcount, dict) and isinstance(wordcount.get("words"), int):
        return wordcount["words"]
    return 0


def collect_document(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: record the page's post or pillar, blocks and post links."""
    env = app.env
    docname = env.docname
    store = domain_of(env)
    front_matter: FrontMatter = env.current_document.get(_FRONT_MATTER_KEY) or FrontMatter()
    if front_matter.problem:
        _report(docname, front_matter, [front_matter.problem])
    for line, note in front_matter.notes:
        warn(note.message, note.subtype, (docname, line))
    if is_post(env, docname):
        shape = _shape(env, docname, doctree)
        post, problems = read_post(docname, front_matter.values, front_matter.lines, shape.title, _words(env, docname))
        _report(docname, front_matter, problems)
        store.posts[docname] = post
        if shape.title_section is None:
            _name_untitled(env, docname, post.title)
        # Posts reach readers through their pillar's lists, not Furo's tree:
        # a toctree of every post costs O(posts²) at write time.
        env.metadata[docname]["orphan"] = True
        _add_post_blocks(doctree, docname, shape)
    elif front_matter.values.get("type") == "pillar":
        pillar, problems = read_pillar(docname, front_matter.values, front_matter.lines, _shape(env, docname, doctree).title)
        _report(docname, front_matter, problems)
        store.pillars[docname] = pillar
    blocks: list[BlockSpec] = []
    targets: set[str] = set()
    for node in doctree.findall(_block_or_reference):  # one walk: a post's doctree is large
        if isinstance(node, editorial_block):
            blocks.append(spec_of(node))
        elif isinstance(node, addnodes.pending_xref) and _may_name_post(node):
            targets.add(node["reftarget"])
    if blocks:
        store.blocks[docname] = tuple(blocks)
    if targets:
        store.references[docname] = tuple(sorted(targets))


def _block_or_reference(node: nodes.Node) -> bool:
    return isinstance(node, (editorial_block, addnodes.pending_xref))


def _may_name_post(node: addnodes.pending_xref) -> bool:
    return node.get("refdomain") == "editorial" or node.get("reftype") == "myst"


def _add_post_blocks(doctree: nodes.document, docname: str, shape: Shape) -> None:
    """Give every post its header (after its title) and footer (after the last words, whatever the sections)."""
    parent, index = header_place(doctree, shape)
    parent.insert(index, make_block(BlockSpec("post-header"), docname))
    footer_parent(doctree).append(make_block(BlockSpec("post-footer"), docname))
