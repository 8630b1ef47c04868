"""The shape of a post or pillar page: one ``#`` title, and where the header and footer go.

MyST keeps no heading level on a section: an introduction followed by
``# Première partie`` and ``# Deuxième partie`` gives three sibling sections,
exactly as ``##`` headings without a ``#`` do.  The level is therefore read
from the source line of each top-level heading (ATX ``#`` or setext ``===``).
Each mistake is reported at its line in the file, front matter included.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from docutils import nodes

from .diagnostics import Subtype

_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]|$)")
_SETEXT_1 = re.compile(r" {0,3}=+[ \t]*")
_SETEXT_2 = re.compile(r" {0,3}-+[ \t]*")
#: What may stand before the title without being text a reader sees.
_INVISIBLE = (
    nodes.docinfo,
    nodes.target,
    nodes.comment,
    nodes.system_message,
    nodes.substitution_definition,
    nodes.field_list,
    nodes.Invisible,
)


class ShapeProblem(NamedTuple):
    """One mistake in the shape of a page, at its line in the source file."""

    line: int
    message: str
    subtype: Subtype = Subtype.TITLE


class Shape(NamedTuple):
    """Where a page's title is, and what is wrong with its headings."""

    #: The section of the ``#`` title; without one, the first section (a ``##``), or None.
    title_section: nodes.section | None
    #: Whether ``title_section`` holds a true ``#`` title.
    has_title: bool
    problems: tuple[ShapeProblem, ...]

    @property
    def title(self) -> str:
        """The text of the ``#`` title, or "" when the page has none."""
        if not self.has_title or self.title_section is None:
            return ""
        return _title_of(self.title_section).astext().strip()


def heading_level(source_lines: list[str], line: int | None) -> int | None:
    """The Markdown level of the heading that starts at ``line`` (1-based), if it can be read there."""
    if line is None or not 0 < line <= len(source_lines):
        return None
    atx = _ATX.match(source_lines[line - 1])
    if atx:
        return len(atx.group(1))
    for following in source_lines[line : line + 20]:  # a setext title may wrap over a few lines
        if not following.strip():
            return None
        if _SETEXT_1.fullmatch(following):
            return 1
        if _SETEXT_2.fullmatch(following):
            return 2
    return None


def read_shape(doctree: nodes.document, source_lines: list[str]) -> Shape:
    """Find the page's ``#`` title and report extra ``#``, text before it, or no title at all."""
    sections = [child for child in doctree.children if isinstance(child, nodes.section)]
    levels = [heading_level(source_lines, _line_of(section)) for section in sections]
    titles = [section for section, level in zip(sections, levels, strict=True) if level in (1, None)]
    problems: list[ShapeProblem] = []
    title: nodes.section | None
    if titles:
        title = titles[0]
        title_line = _line_of(title)
        for extra in titles[1:]:
            problems.append(ShapeProblem(_line_of(extra) or 1, _extra_title(extra, title_line)))
        problems.extend(_text_before(doctree, title))
    else:
        title = sections[0] if sections else None
        problems.append(_no_title(doctree, title, levels[0] if levels else None))
    problems.extend(_nested_titles(doctree))
    return Shape(title, bool(titles), tuple(sorted(problems)))


def _title_of(section: nodes.section) -> nodes.title:
    return next((child for child in section.children if isinstance(child, nodes.title)), nodes.title())


def _line_of(node: nodes.Element) -> int | None:
    title = _title_of(node) if isinstance(node, nodes.section) else node
    return title.line or node.line


def _extra_title(section: nodes.section, title_line: int | None) -> str:
    text = _title_of(section).astext().strip()
    where = f" (line {title_line})" if title_line else ""
    return (
        f"a second '#' heading {text!r}: a post or pillar has one '#' title{where}; "
        "write its parts as '##' (the header and footer stay around the whole text)"
    )


def _text_before(doctree: nodes.document, title: nodes.section) -> list[ShapeProblem]:
    for child in doctree.children:
        if child is title:
            return []
        if _is_text(child):
            where = f" (from line {child.line})" if child.line else ""
            message = (
                f"the '#' title comes after some text{where}: "
                "a page opens with its title (the post header goes under it)"
            )
            return [ShapeProblem(_line_of(title) or child.line or 1, message)]
    return []


def _is_text(node: nodes.Node) -> bool:
    """Whether a reader sees ``node`` as text (an HTML comment or a label is not)."""
    if isinstance(node, _INVISIBLE) or not node.astext().strip():
        return False
    return not (isinstance(node, nodes.raw) and node.astext().lstrip().startswith("<!--"))


def _no_title(doctree: nodes.document, first: nodes.section | None, level: int | None) -> ShapeProblem:
    if first is not None:
        line = _line_of(first) or 1
        return ShapeProblem(line, f"no '#' title; the first heading is a '{'#' * (level or 2)}' at line {line}")
    body = next((child for child in doctree.children if _is_text(child) and child.line), None)
    line = body.line if body is not None and body.line else 1
    return ShapeProblem(line, "no '#' title: the page has no heading at all; the front matter's title is used")


def _nested_titles(doctree: nodes.document) -> list[ShapeProblem]:
    """``#`` headings inside a directive, quote or list: MyST makes them plain headings (rubrics), never the title."""
    return [
        ShapeProblem(
            rubric.line or 1,
            f"a '#' heading {rubric.astext().strip()!r} inside a block (directive, quote, list) is not a title, "
            "only a plain heading; use '##' outside the block, or a rubric",
        )
        for rubric in doctree.findall(nodes.rubric)
        if rubric.get("level") == 1 and rubric.line
    ]


def header_place(doctree: nodes.document, shape: Shape) -> tuple[nodes.Element, int]:
    """Where the post header goes: right after the title, or at the top of the text."""
    section = shape.title_section
    if section is not None:
        title_index = next(
            (index for index, child in enumerate(section.children) if isinstance(child, nodes.title)), -1
        )
        return section, title_index + 1
    first_visible = next(
        (index for index, child in enumerate(doctree.children) if not isinstance(child, _INVISIBLE)),
        len(doctree.children),
    )
    return doctree, first_visible


def footer_parent(doctree: nodes.document) -> nodes.Element:
    """Where the post footer goes: after the last words of the text, in the innermost last section."""
    last: nodes.Element = doctree
    while last.children and isinstance(last.children[-1], nodes.section):
        last = last.children[-1]
    return last
