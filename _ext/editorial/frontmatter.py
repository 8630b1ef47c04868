"""Read a document's YAML front matter exactly as the editor wrote it.

MyST's copy in ``env.metadata`` is lossy: nested values become JSON text,
``true`` becomes ``'True'``, ``1.10`` becomes ``'1.1'``, and one impossible
date (``2025-02-30``) makes it drop the whole block.  We therefore parse the
source ourselves, with dates kept as text (validated later, field by field)
and the line of every key, so that each warning points at its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml
from yaml.constructor import SafeConstructor

from .diagnostics import Problem, Subtype

_FENCE = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(?P<body>.*?)^---[ \t]*\r?$", re.S | re.M)
_EMPTY_FENCE = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n---[ \t]*\r?$", re.M)

#: Line of the first front-matter key in the file (line 1 is the ``---``).
FIRST_KEY_LINE = 2
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


#: libyaml's safe loader where PyYAML has it: ten times faster than the pure
#: Python one, which cost more than the rest of the extension at 1,000 posts
#: (three parses per page).  Same constructors; only some tab-indented input
#: that the pure scanner refuses is read (as YAML allows).
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _TextDatesLoader(_SafeLoader):
    """A safe loader that leaves timestamps as strings."""


_TextDatesLoader.yaml_implicit_resolvers = {
    first_char: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first_char, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

#: What a plain scalar looks like when YAML's safe loader takes it for a date.
_TIMESTAMP_PATTERN = next(
    regexp for resolvers in yaml.SafeLoader.yaml_implicit_resolvers.values() for tag, regexp in resolvers if tag == _TIMESTAMP
)


@dataclass(frozen=True)
class FrontMatter:
    """The front matter of one document.

    ``values`` is empty when there is none or when it could not be read; in
    that case ``problem`` says why.  ``lines`` maps each top-level key to its
    line in the source file.
    """

    values: dict[str, object] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    present: bool = False
    problem: Problem | None = None
    problem_line: int = 1
    #: A plain value that YAML takes for a date but is none (``2025-02-30``): MyST's loader would fail on it.
    impossible_dates: bool = False

    def line_of(self, key: str | None) -> int:
        """The source line of ``key``, or of the opening fence."""
        if key is None:
            return self.problem_line if self.problem else 1
        return self.lines.get(key, 1)


def read_front_matter(source: str) -> FrontMatter:
    """Parse the front matter at the top of ``source``; never raises."""
    if _EMPTY_FENCE.match(source):
        return FrontMatter(present=True)
    match = _FENCE.match(source)
    if match is None:
        return FrontMatter()
    body = match.group("body")
    try:
        # One parse: the node tree gives each key's line, then the values.
        loader = _TextDatesLoader(body)
        try:
            root = loader.get_single_node()
            values = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = FIRST_KEY_LINE + mark.line if mark is not None else 1
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        return FrontMatter(
            present=True,
            problem=Problem(None, f"front matter is not valid YAML: {reason}", Subtype.FRONTMATTER),
            problem_line=line,
        )
    except (ValueError, TypeError, AttributeError, RecursionError) as error:
        # AttributeError: PyYAML's own crash on an explicit "!!timestamp" that is no date.
        return FrontMatter(
            present=True,
            problem=Problem(None, f"front matter could not be read: {error}", Subtype.FRONTMATTER),
        )
    if values is None:
        return FrontMatter(present=True)
    if not isinstance(values, dict):
        kind = type(values).__name__
        return FrontMatter(
            present=True,
            problem=Problem(
                None, f"front matter must be a mapping of keys to values, not a {kind}", Subtype.FRONTMATTER
            ),
        )
    lines: dict[str, int] = {}
    if isinstance(root, yaml.MappingNode):
        for key_node, _value_node in root.value:
            if isinstance(key_node, yaml.ScalarNode):
                lines.setdefault(str(key_node.value), FIRST_KEY_LINE + key_node.start_mark.line)
    text_keyed = {str(key): value for key, value in values.items()}
    return FrontMatter(values=text_keyed, lines=lines, present=True, impossible_dates=bool(_impossible_dates(root)))


def quote_impossible_dates(source: str) -> str:
    """``source`` with the dates YAML cannot build (``2025-02-30``) written as quoted text.

    Needed only when ``read_front_matter`` found such a date or could not
    read the block (a third YAML parse of every page otherwise).  MyST loads
    the front matter with ``yaml.safe_load``, which fails on such a
    date and drops the whole block with a ``myst.topmatter`` warning; our
    ``editorial.date`` warning already names the mistake and its line, and it
    alone should show (and obey ``suppress_warnings``).  Lines do not move.
    """
    match = _FENCE.match(source)
    if match is None:
        return source
    try:
        yaml.load(match.group("body"), Loader=_SafeLoader)  # noqa: S506 - a safe loader
        return source
    except (ValueError, AttributeError):  # an impossible date, or "!!timestamp" on no date at all
        pass
    except (yaml.YAMLError, TypeError, RecursionError):
        return source  # not a date problem: reported as editorial.frontmatter
    try:
        root = yaml.compose(match.group("body"), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return source  # input libyaml reads but the pure scanner refuses: left as written
    start = match.start("body")
    for node in sorted(_impossible_dates(root), key=lambda node: node.start_mark.index, reverse=True):
        first, last = start + node.start_mark.index, start + node.end_mark.index
        source = f'{source[:first]}"{source[first:last]}"{source[last:]}'
    return source


def _is_date(node: yaml.ScalarNode) -> bool:
    """Whether YAML's safe loader reads ``node`` as a date: tagged so, or plain and shaped like one."""
    if node.tag == _TIMESTAMP:
        return True
    plain = not node.style  # None from the Python parser, "" from libyaml
    return plain and node.tag == "tag:yaml.org,2002:str" and _TIMESTAMP_PATTERN.match(node.value) is not None


def _impossible_dates(root: yaml.Node | None) -> list[yaml.ScalarNode]:
    """Scalars that YAML reads as dates but that are none, anywhere in the tree.

    Works on a tree composed by either loader: the safe one tags them as
    timestamps, ours (dates kept as text) leaves plain strings of that shape.
    """
    constructor = SafeConstructor()
    found: list[yaml.ScalarNode] = []
    pending = [root] if root is not None else []
    seen: set[int] = set()
    while pending:
        node = pending.pop()
        if id(node) in seen:
            continue  # aliases share nodes, and may loop back to their anchor ("&a [*a]")
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode) and _is_date(node):
            try:
                constructor.construct_yaml_timestamp(yaml.ScalarNode(_TIMESTAMP, node.value))
            except (ValueError, AttributeError):
                found.append(node)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            pending.extend(item for pair in node.value for item in pair)
    return found
