"""The words the extension writes itself, in the site's language.

Message ids are English; ``locale/<lang>/LC_MESSAGES/editorial.po`` holds the
translations (French ships with the extension) and Sphinx picks the catalog
matching the site's ``language``.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

from babel.core import UnknownLocaleError
from babel.dates import format_date
from docutils.utils.smartquotes import educate_tokens
from sphinx.locale import get_translation

MESSAGE_CATALOG = "editorial"
LOCALE_DIR = Path(__file__).parent / "locale"

_ = get_translation(MESSAGE_CATALOG)


# Cached: a 1,000-post build formats the same dates and titles thousands of
# times (lists, cards, headers), and Babel parses the locale on every call.
@lru_cache(maxsize=8192)
def long_date(day: date, language: str | None) -> str:
    """A date as readers write it: "8 septembre 2025", "September 8, 2025"."""
    locale = (language or "en").replace("-", "_")
    try:
        written = format_date(day, format="long", locale=locale)
    except (UnknownLocaleError, ValueError):
        return day.isoformat()
    if locale.startswith("fr") and day.day == 1 and written.startswith("1 "):
        # French writes the first of the month as an ordinal: "1er octobre".
        written = "1er" + written[1:]
    return written


def reading_time(minutes: int) -> str:
    return _("%d min read") % minutes


def post_count(count: int) -> str:
    return (_("%d post") if count == 1 else _("%d posts")) % count


def part_count(count: int) -> str:
    """The number of parts of a series: "1 partie", "4 parties"."""
    return (_("%d part") if count == 1 else _("%d parts")) % count


@lru_cache(maxsize=8192)
def typeset(text: str, language: str | None) -> str:
    """Front-matter text with the typography Sphinx gives the page text.

    Blocks are built after Sphinx's SmartQuotes transform has run, so labels
    and summaries need it applied here ("devenir CTO" → « devenir CTO »).
    The text is one token, never parsed as markup.
    """
    try:
        return "".join(educate_tokens([("text", text)], "qDe", language or "en"))
    except (KeyError, ValueError):
        return text
