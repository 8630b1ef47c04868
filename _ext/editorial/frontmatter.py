"""Read a document's YAML front matter exactly as the editor wrote it.

MyST's copy in ``env.metadata`` is lossy: nested values become JSON text,
``true`` becomes ``'True'``, ``1.10`` becomes ``'1.1'``, and one impossible
date (``2025-02-30``) makes it drop the whole block.  We therefore parse the
source ourselves, with dates kept as text (validated later, field by field)
and the line of every key, so that each warning points at its line.

A key written twice in one mapping (an old ``date`` left further down) is
reported with both lines, and the **first** one is kept, value and line
alike: the top of the block is what an editor reads and edits, and the rest
of the extension keeps the first of anything repeated (ids, slugs, titles).
PyYAML alone would keep the last value, silently.

The front matter is read once, by this reader: MyST, which loads it again
with its own (pure Python) loader, is handed our reading (see
``source_for_myst``), so that the two never disagree on what a page says.
"""

from __future__ import annotations

import copy
import functools
import re
from dataclasses import dataclass, field, replace

import yaml

from .diagnostics import Problem, Subtype

#: Closed by ``---`` or by YAML's document end ``...``, as MyST closes it.
_FENCE = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(?P<body>.*?)^(?P<close>(?:---|\.\.\.)[ \t]*)\r?$", re.S | re.M)
_EMPTY_FENCE = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(?:---|\.\.\.)[ \t]*\r?$", re.M)
#: Fences MyST still takes for a front matter: ``----`` or ``---x`` opening (its
#: front-matter rule reads three dashes and ignores the rest of the line), a
#: closing line indented by up to three spaces or longer than three dashes.
_LOOSE_FENCE = re.compile(
    r"\A(?:\ufeff)?(?P<open>---[^\n]*?)\r?\n(?P<body>.*?)^(?P<close> {0,3}(?:-{3,}|\.\.\.)[ \t]*)\r?$", re.S | re.M
)

#: Line of the first front-matter key in the file (line 1 is the ``---``).
FIRST_KEY_LINE = 2
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


#: libyaml's safe loader where PyYAML has it: ten times faster than the pure
#: Python one, which cost more than the rest of the extension at 1,000 posts
#: (three parses per page).  Same constructors; some input that the pure
#: scanner refuses is read (tabs as separators, as YAML allows; ``|#``):
#: MyST is then handed our reading (``source_for_myst``).
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_MERGE = "tag:yaml.org,2002:merge"


class _TextDatesLoader(_SafeLoader):  # type: ignore[misc,valid-type]  # a base chosen at import: libyaml's if there
    """A safe loader that leaves timestamps as strings."""


_TextDatesLoader.yaml_implicit_resolvers = {
    first_char: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first_char, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class FrontMatter:
    """The front matter of one document.

    ``values`` is empty when there is none or when it could not be read; in
    that case ``problem`` says why.  ``lines`` maps each top-level key to its
    line in the source file, ``nested_lines`` each nested key by its path
    (``audience.primary``, ``tensions[2].label``).  ``notes`` are mistakes
    that leave the values usable (a key written twice), each with its line.
    """

    values: dict[str, object] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    present: bool = False
    problem: Problem | None = None
    problem_line: int = 1
    notes: tuple[tuple[int, Problem], ...] = ()
    nested_lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, key: str | None) -> int:
        """The source line of ``key`` (a top-level key or a nested path), or of the opening fence."""
        if key is None:
            return self.problem_line if self.problem else 1
        return self.lines.get(key) or self.nested_lines.get(key) or self.lines.get(_top_level(key), 1)


def _top_level(path: str) -> str:
    """The top-level key of a nested path: ``tensions`` for ``tensions[2].label``."""
    return re.split(r"[.\[]", path, maxsplit=1)[0]


def read_front_matter(source: str) -> FrontMatter:
    """Parse the front matter at the top of ``source``; never raises."""
    if _EMPTY_FENCE.match(source):
        return FrontMatter(present=True)
    match = _FENCE.match(source)
    if match is None:
        return _read_loose_fences(source)
    return _read_body(match.group("body"))


def _read_loose_fences(source: str) -> FrontMatter:
    """A front matter whose fences MyST accepts but the contract does not (``----``, `` ---``), or one never closed.

    Read as MyST reads it, so that the post keeps its fields, with a warning
    at the odd fence; MyST is then handed ``---`` fences (``source_for_myst``).
    """
    if not source.lstrip("\ufeff").startswith("---"):
        return FrontMatter()
    match = _LOOSE_FENCE.match(source)
    if match is None:
        message = "the front matter opened at line 1 is never closed: end it with a line '---'"
        return FrontMatter(present=True, problem=Problem(None, message, Subtype.FRONTMATTER))
    front_matter = _read_body(match.group("body"))
    opening, closing = match.group("open").strip(), match.group("close")
    if opening.lstrip("\ufeff") != "---":
        line, written = 1, opening
    else:
        line, written = source.count("\n", 0, match.start("close")) + 1, closing
    message = f"the front matter fence is written {written!r}: write '---' alone at the start of the line"
    return replace(front_matter, notes=((line, Problem(None, message, Subtype.FRONTMATTER)), *front_matter.notes))


#: Front matters parsed in this process, by their text: a post's is read at ``config-inited`` (which posts a build
#: publishes) and again when Sphinx reads the document (``source-read``, in this process or a ``-j`` worker forked
#: from it).  Enough for a site's posts.
_PARSED_BODIES = 8192


def _read_body(body: str) -> FrontMatter:
    """The text between the fences (line 2 of the file onwards), parsed once per process.

    Each call gets values of its own: their lists and mappings are cleaned in
    place later (``characters.clean_value``).  Copying them costs a tenth of
    parsing them again.
    """
    parsed = _parse_body(body)
    return replace(parsed, values=copy.deepcopy(parsed.values)) if parsed.values else parsed


def forget_parsed(*_arguments: object) -> None:
    """``env-updated``: every document is read; the parsed front matters are let go (2.4 MiB at 1,000 posts,
    memory the pages written next can reuse)."""
    _parse_body.cache_clear()


@functools.lru_cache(maxsize=_PARSED_BODIES)
def _parse_body(body: str) -> FrontMatter:
    """Parse the text between the fences: the shared reading ``_read_body`` copies."""
    try:
        # One parse: the node tree gives each key's line, then the values.
        loader = _TextDatesLoader(body)
        try:
            root = loader.get_single_node()
            nested_lines: dict[str, int] = {}
            notes = _drop_repeated_keys(root, nested_lines)
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
            present=True, problem=Problem(None, f"front matter could not be read: {error}", Subtype.FRONTMATTER)
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
    return FrontMatter(values=text_keyed, lines=lines, present=True, notes=tuple(notes), nested_lines=nested_lines)


def _drop_repeated_keys(root: yaml.Node | None, nested_lines: dict[str, int]) -> list[tuple[int, Problem]]:
    """Remove the later copies of a key written twice in any mapping of the tree (the first is kept), and report them.

    Each report is located at the copy that is ignored and names both lines.
    The line of every nested key is noted on the way, by its path.
    """
    notes: list[tuple[int, Problem]] = []
    pending: list[tuple[yaml.Node, str]] = [(root, "")] if root is not None else []
    seen: set[int] = set()
    while pending:
        node, path = pending.pop()
        if id(node) in seen:
            continue  # aliases share nodes, and may loop back to their anchor
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            pending.extend((item, f"{path}[{index}]") for index, item in enumerate(node.value, start=1))
        elif isinstance(node, yaml.MappingNode):
            kept: list[tuple[yaml.Node, yaml.Node]] = []
            first_lines: dict[tuple[str, str], int] = {}
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.tag != _MERGE:
                    line = FIRST_KEY_LINE + key_node.start_mark.line
                    identity = (key_node.tag, key_node.value)
                    if identity in first_lines:
                        notes.append((line, _repeated(key_node.value, path, first_lines[identity], line)))
                        continue
                    first_lines[identity] = line
                    key_path = f"{path}.{key_node.value}" if path else str(key_node.value)
                    if path:
                        nested_lines.setdefault(key_path, line)
                    pending.append((value_node, key_path))
                else:
                    pending.append((value_node, path))
                kept.append((key_node, value_node))
            node.value = kept
    return sorted(notes)


def _repeated(key: str, path: str, first: int, again: int) -> Problem:
    where = f" in {path!r}" if path else ""
    message = (
        f"{key!r} is written twice{where} (lines {first} and {again}); "
        f"the first (line {first}) is used, delete the other"
    )
    return Problem(path or key, message, Subtype.DUPLICATE)


def source_for_myst(source: str, front_matter: FrontMatter) -> str:
    """``source`` with a front matter MyST reads exactly as we did, every line where it was.

    MyST loads the block again with ``yaml.safe_load`` (pure Python), which
    disagrees with our reading on some input: tabs that libyaml accepts,
    keys written twice (it keeps the last), impossible dates (it fails and
    drops the block with a bare "Malformed YAML").  It gets our values
    instead, re-dumped on one line (YAML flow style; dates stay quoted text)
    and followed by blank lines, between plain ``---`` fences.  A block we
    could not read becomes ``{}``: our ``editorial.frontmatter`` warning
    already names the mistake and its line, and it alone should show (and
    obey ``suppress_warnings``).
    """
    match = _FENCE.match(source) or _LOOSE_FENCE.match(source)
    if match is None or not front_matter.present:
        return source
    body = match.group("body")
    if not body:
        return "\n" + source[match.end("close") :]  # "---" twice: MyST would warn "YAML is not a dict"
    copy = "{}\n" if front_matter.problem or not front_matter.values else _one_line(front_matter.values)
    if copy is None or copy.count("\n") > body.count("\n"):
        return source
    copy += "\n" * (body.count("\n") - copy.count("\n"))
    return "---\n" + copy + "---" + source[match.end("close") :]


def _one_line(values: dict[str, object]) -> str | None:
    """``values`` as one line of YAML, or None if YAML cannot write them.

    Non-ASCII text is escaped: a raw line separator (U+2028) inside a value
    would otherwise end MyST's line early.
    """
    try:
        return yaml.dump(
            values, Dumper=_SafeDumper, default_flow_style=True, width=2**30, allow_unicode=False, sort_keys=False
        )
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        return None
