"""Characters that XML 1.0 cannot carry, taken out once, when a document is read.

Word processors write a vertical tab (U+000B) for a manual line break, and
pasted text brings NUL, escape or form-feed characters with it.  XML 1.0
forbids them (its ``Char`` production: tab, LF, CR, U+0020–U+D7FF,
U+E000–U+FFFD, U+10000–U+10FFFF): an Atom feed, a sitemap or an XHTML page
that holds one is not well-formed, and lxml refuses to write it.  Cleaning
each document's source at ``source-read`` (and ``include-read``) and each
front-matter value as it is parsed means every output (HTML pages, feeds,
JSON-LD, sitemap, search index) gets the same text.

The rule: a character that word processors use as a break (U+000B, U+000C,
U+001C–U+001F) becomes a space, so that the words on each side stay apart;
any other forbidden character is removed.  Lines never move: no line break
is added or removed, so the warning's line is the editor's line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

#: What XML 1.0 forbids, lone surrogates (from YAML escapes such as "\\ud800") included.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

#: Forbidden characters that separate words where an editor typed them: a space keeps them apart.
_BREAKS = frozenset("\x0b\x0c\x1c\x1d\x1e\x1f")


class Removed(NamedTuple):
    """One forbidden character found in a document: its code point and its line (1-based)."""

    character: str
    line: int


def code_point(character: str) -> str:
    """``"\\x0b"`` → ``"U+000B"``."""
    return f"U+{ord(character):04X}"


def _replacement(match: re.Match[str]) -> str:
    return " " if match[0] in _BREAKS else ""


def clean(text: str) -> str:
    """``text`` without the characters XML forbids (breaks become spaces)."""
    if FORBIDDEN.search(text) is None:  # the usual case: no copy
        return text
    return FORBIDDEN.sub(_replacement, text)


def clean_source(source: str, first_line: int = 1) -> tuple[str, list[Removed]]:
    """A document's text, cleaned, and what was taken out of it, line by line.

    ``first_line`` is the line of ``source``'s first character in its file.
    """
    found = [
        Removed(match[0], first_line + source.count("\n", 0, match.start())) for match in FORBIDDEN.finditer(source)
    ]
    return (FORBIDDEN.sub(_replacement, source), found) if found else (source, [])


#: A YAML escape of a lone surrogate (``"\\ud800"``), after an even run of backslashes: the
#: pure-Python loader (MyST's) builds the surrogate, libyaml (ours) refuses the whole block.
_SURROGATE_ESCAPE = re.compile(r"(?<!\\)(?P<kept>(?:\\\\)*)\\(?:u|U0000)(?P<code>[dD][89a-fA-F][0-9a-fA-F]{2})")
_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n.*?^---[ \t]*\r?$", re.S | re.M)


def clean_surrogate_escapes(source: str) -> tuple[str, list[Removed]]:
    """A document whose front matter escapes no lone surrogate, and the surrogates taken out.

    Both YAML loaders then read the block alike; the text of the scalar loses
    only the character that could not be published.
    """
    front_matter = _FRONT_MATTER.match(source)
    if front_matter is None or "\\" not in front_matter[0]:
        return source, []
    block = front_matter[0]
    found = [
        Removed(chr(int(match["code"], 16)), 1 + block.count("\n", 0, match.start()))
        for match in _SURROGATE_ESCAPE.finditer(block)
    ]
    if not found:
        return source, []
    return _SURROGATE_ESCAPE.sub(lambda match: match["kept"], block) + source[front_matter.end() :], found


def clean_value(value: object) -> tuple[object, set[str]]:
    """A parsed front-matter value (text, or lists and mappings of it), cleaned, and the characters removed.

    Lists and mappings are cleaned in place (they are the parser's fresh
    objects); YAML aliases may make them contain themselves, so the walk
    keeps track of what it has seen instead of recursing.
    """
    if isinstance(value, str):
        in_text = set(FORBIDDEN.findall(value))
        return (FORBIDDEN.sub(_replacement, value), in_text) if in_text else (value, in_text)
    found: set[str] = set()
    pending = [value]
    seen: set[int] = set()
    while pending:
        container = pending.pop()
        if id(container) not in seen:
            seen.add(id(container))
            found |= _clean_container(container, pending)
    return value, found


def _clean_container(container: object, pending: list[object]) -> set[str]:
    """Clean the text items of one list or mapping in place; its lists and mappings go to ``pending``."""
    found: set[str] = set()
    if isinstance(container, dict):
        items = list(container.items())
        if any(isinstance(key, str) and FORBIDDEN.search(key) for key, _ in items):
            container.clear()
            for key, item in items:
                cleaned_key, key_found = clean_value(key)
                found |= key_found
                container[cleaned_key] = item
        for key, item in container.items():
            if isinstance(item, str):
                container[key], item_found = clean_value(item)
                found |= item_found
            elif isinstance(item, (list, dict)):
                pending.append(item)
    elif isinstance(container, list):
        for index, item in enumerate(container):
            if isinstance(item, str):
                container[index], item_found = clean_value(item)
                found |= item_found
            elif isinstance(item, (list, dict)):
                pending.append(item)
    return found


def describe(removed: Iterable[Removed]) -> str:
    """``U+000B (lines 4, 9), U+0000 (line 12)``: each character once, in order of appearance."""
    lines_by_character: dict[str, list[int]] = {}
    for item in removed:
        lines = lines_by_character.setdefault(item.character, [])
        if item.line not in lines:
            lines.append(item.line)
    parts = []
    for character, lines in lines_by_character.items():
        where = f"line {lines[0]}" if len(lines) == 1 else "lines " + ", ".join(map(str, lines))
        parts.append(f"{code_point(character)} ({where})")
    return ", ".join(parts)
