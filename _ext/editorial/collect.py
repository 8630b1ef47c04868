"""Reading: front matter → validated record → store, one document at a time.

Runs in the reading processes (parallel-safe: it only writes the current
document's entries).  Checks that need every document (unknown pillar,
unknown ids, duplicates) run once all are read, in ``validate.py``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from .authors import is_author_page, read_author
from .characters import Removed, clean_source, clean_surrogate_escapes, clean_value, describe
from .diagnostics import Problem, Subtype, warn
from .directives import editorial_block, make_block, spec_of
from .domain import EditorialDomain
from .frontmatter import FrontMatter, read_front_matter, source_for_myst
from .layout import Place, carries_post_keys, placement, placement_problem, posts_folder
from .model import BlockKind, BlockSpec, read_pillar, read_post
from .shape import Shape, footer_parent, header_place, read_shape

if TYPE_CHECKING:
    from pathlib import Path

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

_FRONT_MATTER_KEY = "editorial_front_matter"


def is_post(env: BuildEnvironment, docname: str, front_matter: FrontMatter) -> bool:
    """Whether ``docname`` is a post, with a warning when it is not where posts live (see ``layout``)."""
    folder = posts_folder(env)
    found = placement(docname, folder)
    if found is None or found.place is Place.POSTS_INDEX:
        return False
    if found.place is Place.NESTED and not carries_post_keys(front_matter.values):
        return False  # a bundle's other page (an annex): a page, not a post
    problem = placement_problem(docname, found, folder)
    if problem:
        warn(problem, Subtype.LAYOUT, (docname, 1))
    return found.place is not Place.HUGO_LIST


def remember_front_matter(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: keep the exact front matter until the doctree is read (MyST gets our reading of it).

    Characters that XML cannot carry are taken out here, once, from the text
    and from the parsed front-matter values (YAML escapes such as ``"\\v"``),
    with one warning naming each character and its lines.
    """
    source[0], removed = clean_source(source[0])
    source[0], removed_escapes = clean_surrogate_escapes(source[0])
    removed += removed_escapes
    front_matter = read_front_matter(source[0])
    front_matter, removed_from_values = _cleaned(front_matter)
    if removed or removed_from_values:
        removed = sorted(removed + removed_from_values, key=lambda item: item.line)
        _warn_removed(removed, (docname, removed[0].line))
    app.env.current_document[_FRONT_MATTER_KEY] = front_matter
    source[0] = source_for_myst(source[0], front_matter)


def _cleaned(front_matter: FrontMatter) -> tuple[FrontMatter, list[Removed]]:
    """The front matter with its values cleaned, and what was removed, at each key's line."""
    removed: list[Removed] = []
    values: dict[str, object] = {}
    for key, value in front_matter.values.items():
        cleaned_key, found_in_key = clean_value(key)
        values[str(cleaned_key)], found = clean_value(value)
        line = front_matter.line_of(key)
        removed.extend(Removed(character, line) for character in sorted(found | found_in_key))
    if not removed:
        return front_matter, []
    lines = {str(clean_value(key)[0]): line for key, line in front_matter.lines.items()}
    return replace(front_matter, values=values, lines=lines), removed


def clean_included_text(app: Sphinx, relative_path: Path, parent_docname: str, content: list[str]) -> None:
    """``include-read``: an included file's text is cleaned like a document's, warned at its own lines."""
    content[0], removed = clean_source(content[0])
    if removed:
        _warn_removed(removed, f"{app.srcdir / relative_path}:{removed[0].line}")


def _warn_removed(removed: list[Removed], location: tuple[str, int] | str) -> None:
    count = len(removed)
    warn(
        f"removed {count} character{'s' if count > 1 else ''} that XML cannot carry: {describe(removed)}; "
        "feeds and pages cannot publish them (a vertical tab is a word processor's line break): retype the text there",
        Subtype.CHARACTER,
        location,
    )


def _clean_metadata(metadata: dict[str, object]) -> None:
    """MyST's copy of the front matter, cleaned like ours (YAML escapes give it the characters again)."""
    for key, value in metadata.items():
        if isinstance(value, str):
            metadata[key] = clean_value(value)[0]


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
    store = EditorialDomain.of(env)
    front_matter: FrontMatter = env.current_document.get(_FRONT_MATTER_KEY) or FrontMatter()
    _clean_metadata(env.metadata[docname])
    if front_matter.problem:
        _report(docname, front_matter, [front_matter.problem])
    for line, note in front_matter.notes:
        warn(note.message, note.subtype, (docname, line))
    if is_post(env, docname, front_matter):
        shape = _shape(env, docname, doctree)
        post, problems = read_post(docname, front_matter.values, front_matter.lines, shape.title, _words(env, docname))
        _report(docname, front_matter, problems)
        store.note_post(post)
        if shape.title_section is None:
            _name_untitled(env, docname, post.title)
        # Posts reach readers through their pillar's lists, not Furo's tree:
        # a toctree of every post costs O(posts²) at write time.
        env.metadata[docname]["orphan"] = True
        _add_post_blocks(doctree, docname, shape)
    elif front_matter.values.get("type") == "pillar":
        pillar, problems = read_pillar(
            docname, front_matter.values, front_matter.lines, _shape(env, docname, doctree).title
        )
        _report(docname, front_matter, problems)
        store.note_pillar(pillar)
    elif is_author_page(front_matter.values):
        shape = _shape(env, docname, doctree)
        author, problems = read_author(docname, front_matter.values, front_matter.lines, shape.title)
        _report(docname, front_matter, problems)
        store.note_author(author)
        if shape.title_section is None:
            _name_untitled(env, docname, author.name)
        _add_page_blocks(doctree, docname, shape, BlockKind.AUTHOR_HEADER, BlockKind.AUTHOR_POSTS)
    blocks: list[BlockSpec] = []
    targets: set[str] = set()
    for node in doctree.findall(_block_or_reference):  # one walk: a post's doctree is large
        if isinstance(node, editorial_block):
            blocks.append(spec_of(node))
        elif isinstance(node, addnodes.pending_xref) and _may_name_post(node):
            targets.add(node["reftarget"])
    if blocks:
        store.note_blocks(docname, tuple(blocks))
    if targets:
        store.note_references(docname, tuple(sorted(targets)))


def _block_or_reference(node: nodes.Node) -> bool:
    return isinstance(node, (editorial_block, addnodes.pending_xref))


def _may_name_post(node: addnodes.pending_xref) -> bool:
    return node.get("refdomain") == "editorial" or node.get("reftype") == "myst"


def _add_post_blocks(doctree: nodes.document, docname: str, shape: Shape) -> None:
    """Give every post its header (after its title) and footer (after the last words, whatever the sections)."""
    _add_page_blocks(doctree, docname, shape, BlockKind.POST_HEADER, BlockKind.POST_FOOTER)


def _add_page_blocks(doctree: nodes.document, docname: str, shape: Shape, header: BlockKind, footer: BlockKind) -> None:
    """A header block after the page's title and a footer block after its last words (posts, authors)."""
    parent, index = header_place(doctree, shape)
    parent.insert(index, make_block(BlockSpec(header), docname))
    footer_parent(doctree).append(make_block(BlockSpec(footer), docname))
