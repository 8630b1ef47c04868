"""Every warning the extension emits, in one place.

Warnings carry ``type="editorial"`` and one subtype per kind of mistake, so
``-W`` turns them into errors and ``suppress_warnings = ["editorial.date"]``
silences one kind without hiding the others.
"""

from __future__ import annotations

import difflib
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from sphinx.util import logging

if TYPE_CHECKING:
    from collections.abc import Iterable

logger = logging.getLogger("editorial")


class Subtype(StrEnum):
    """The kinds of mistakes an editor can make, as warning subtypes."""

    FRONTMATTER = "frontmatter"  # YAML that does not parse, or not a mapping
    UNKNOWN_KEY = "key"  # a front-matter key the contract does not know (a typo: 'tension')
    TYPE = "type"  # a field holds the wrong kind of value
    DATE = "date"  # missing or malformed date / updated
    TITLE = "title"  # missing title, or front matter title differs from the H1
    SUMMARY = "summary"  # missing summary
    PILLAR = "pillar"  # missing or unknown pillar
    AUDIENCE = "audience"  # unknown audience id
    TENSION = "tension"  # unknown tension id
    START_HERE = "start_here"  # unknown entry point, or one of another pillar
    SLUG = "slug"  # slug differs from the file name, or a file name that is not a slug
    ID = "id"  # a vocabulary id that is not lower-case ASCII with hyphens
    DUPLICATE = "duplicate"  # two posts or pillars share a slug or title; a key written twice
    OPTION = "option"  # a directive option with a bad value
    FEED = "feed"  # the Atom feeds cannot be written (no html_baseurl)
    CHARACTER = "character"  # a character XML cannot carry (U+000B...), taken out of the text
    LAYOUT = "layout"  # a file under the posts folder that is not where a post lives
    SERIES = "series"  # a series unknown, of another pillar, declared twice; a part missing, repeated or bad
    AUTHOR = "author"  # unknown author id, 'author' and 'authors' both, an author without name, a bad address


class Problem(NamedTuple):
    """One mistake found in a document's front matter.

    ``field`` names the front-matter key at fault so that the warning can
    point at its line; ``None`` points at the start of the front matter.
    """

    field: str | None
    message: str
    subtype: Subtype


def warn(message: str, subtype: Subtype, location: tuple[str, int | None] | str | None) -> None:
    """Emit one editorial warning through Sphinx's logger."""
    logger.warning(message, type="editorial", subtype=subtype.value, location=location)


def closest_ids(unknown: Iterable[str], known: Iterable[str]) -> str:
    """A hint for ids nobody declared: "; did you mean 'recruter'?" for each one close to a known id.

    ``unknown`` as written, ``known`` the ids declared (their order does not
    matter); "" when no known id is close (difflib's ratio below 0.6: a typo,
    a missing or doubled letter, swapped words of a slug).
    """
    choices = sorted(set(known))
    guesses = [
        f"{value!r} -> {found[0]!r}"
        for value in unknown
        if (found := difflib.get_close_matches(value, choices, n=1, cutoff=0.6))
    ]
    if not guesses:
        return ""
    if len(guesses) == 1:
        return f"; did you mean {guesses[0].split(' -> ')[1]}?"
    return f"; did you mean {', '.join(guesses)}?"
