"""The extension's settings, declared once with their types, meaning and valid form.

Each setting names the form a valid value takes and the function that reads
it; ``check_settings`` runs them at ``config-inited``, before any document is
read, and stops the build with one ``ConfigError`` naming the setting and
that form.  ``-D name=value`` hands every value over as text: Sphinx turns
``1``/``0`` into booleans and digits into numbers, but only warns and keeps
the ``conf.py`` value for ``-D editorial_latest_limit=abc``, so the raw
override is read here rather than the value Sphinx fell back to.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from babel import Locale, UnknownLocaleError
from sphinx.errors import ConfigError

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

#: Reads a value as the extension uses it; raises ``ValueError`` if it has not the expected form.
Reader = Callable[[object], object]

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_WHOLE_NUMBER = re.compile(r"[+-]?\d+")
#: Where the build date read from ``editorial_today`` is kept (``None``: the day of the build).
_TODAY_ATTRIBUTE = "_editorial_today"


def whole_number(minimum: int, maximum: int | None = None) -> Reader:
    """An ``int`` (or its digits, as ``-D`` gives it) between ``minimum`` and ``maximum``."""

    def read(value: object) -> int:
        if isinstance(value, str) and _WHOLE_NUMBER.fullmatch(value.strip()):
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(value)
        if value < minimum or (maximum is not None and value > maximum):
            raise ValueError(value)
        return value

    return read


def flag(value: object) -> bool:
    """``True``/``False``, or ``1``/``0`` as ``-D`` gives them."""
    if isinstance(value, bool):
        return value
    if value in ("0", "1"):
        return value == "1"
    raise ValueError(value)


def day_or_empty(value: object) -> str:
    """``YYYY-MM-DD`` naming a day that exists, or empty (the day of the build)."""
    if value == "":
        return ""
    if not isinstance(value, str) or not _DAY.fullmatch(value):
        raise ValueError(value)
    date.fromisoformat(value)  # ValueError for 2025-13-01 or 2025-02-30
    return value


#: A tag URI's authority and date (RFC 4151): a domain name or an e-mail address, then the day,
#: month or year it was owned (``leadership-technique.fr,2025``).
_TAG_AUTHORITY = re.compile(
    r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+|[^@\s,:]+@[a-z0-9.-]+),\d{4}(?:-\d{2}(?:-\d{2})?)?"
)
#: A language code as Sphinx takes it: ``fr``, ``pt_BR``, ``zh_CN``.
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:[_-][A-Za-z]{2,4})?")


def tag_authority_or_empty(value: object) -> str:
    """``domain,YYYY[-MM[-DD]]`` (a tag URI's authority and date), or empty (the host of ``html_baseurl``)."""
    if value == "":
        return ""
    if not isinstance(value, str) or not _TAG_AUTHORITY.fullmatch(value):
        raise ValueError(value)
    day = value.rpartition(",")[2]
    date.fromisoformat(day + "-01-01"[len(day) - 4 :])  # ValueError for 2025-13
    return value


def language_or_empty(value: object) -> str:
    """A language code (``fr``), or empty: the site builds in any language."""
    if value == "":
        return ""
    if not isinstance(value, str) or not _LANGUAGE.fullmatch(value):
        raise ValueError(value)
    return value


def relative_folder(value: object) -> str:
    """A folder inside the project, as ``posts`` or ``blog/posts`` (a trailing ``/`` is fine)."""
    if not isinstance(value, str) or value.startswith("/") or "\\" in value:
        raise ValueError(value)
    parts = value.removesuffix("/").split("/")
    if any(part.strip() in ("", ".", "..") or part != part.strip() or ":" in part for part in parts):
        raise ValueError(value)
    return value


class Setting(NamedTuple):
    """One ``editorial_*`` value: its declaration for Sphinx and the rule a valid value follows."""

    name: str
    default: object
    types: tuple[type, ...]
    description: str
    #: The form a valid value takes, as the configuration error says it.
    expected: str
    read: Reader


_FOLDER = "a folder inside the project written with '/', such as '{}' (not empty, not absolute, no '..')"

SETTINGS = (
    Setting(
        "editorial_posts_dir",
        "posts",
        (str,),
        "Folder of the posts; the file name is the post's slug.",
        _FOLDER.format("posts"),
        relative_folder,
    ),
    Setting(
        "editorial_pillars_dir",
        "pillars",
        (str,),
        "Folder of the pillar pages (front matter `type: pillar`).",
        _FOLDER.format("pillars"),
        relative_folder,
    ),
    Setting(
        "editorial_latest_limit",
        3,
        (int,),
        "Default number of posts in `latest-posts`.",
        "a whole number of posts, 1 or more",
        whole_number(1),
    ),
    Setting(
        "editorial_show_drafts",
        False,
        (bool,),
        "List drafts and future posts too, marked as drafts (previews).",
        "True or False (1 or 0 with -D)",
        flag,
    ),
    Setting(
        "editorial_words_per_minute",
        220,
        (int,),
        "Reading speed for the reading time of posts.",
        "a whole number of words per minute from 50 to 1000",
        whole_number(50, 1000),
    ),
    Setting(
        "editorial_today",
        "",
        (str,),
        "Build date as YYYY-MM-DD (empty: today); fixes what counts as future.",
        "a day that exists, written YYYY-MM-DD such as '2026-01-01', or '' for the day of the build",
        day_or_empty,
    ),
    Setting(
        "editorial_feed_limit",
        20,
        (int,),
        "Entries per Atom feed, newest first (0: every published post).",
        "a whole number of entries, 0 (every published post) or more",
        whole_number(0),
    ),
    Setting(
        "editorial_feeds_dir",
        "feeds",
        (str,),
        "Output folder of the Atom feeds: atom.xml for the site, <pillar>/atom.xml per pillar.",
        _FOLDER.format("feeds"),
        relative_folder,
    ),
    Setting(
        "editorial_feed_id_authority",
        "",
        (str,),
        "Authority and date of the feed entries' tag URIs, as 'example.org,2025', chosen once and never changed: "
        "entry ids then stay the same whatever address the site is served from (empty: the host of html_baseurl "
        "and each post's date, which change with the address).",
        "a domain name (or e-mail address) and the year, month or day it was owned, "
        "such as 'example.org,2025' or 'example.org,2025-04-01', or ''",
        tag_authority_or_empty,
    ),
    Setting(
        "editorial_social_cards",
        True,
        (bool,),
        "Draw each post's and pillar's link-preview image (1200 x 630 PNG, _images/social/) and name it "
        "in the page's og:image; off: every page keeps the site's default image (ogp_image).",
        "True or False (1 or 0 with -D)",
        flag,
    ),
    Setting(
        "editorial_language",
        "",
        (str,),
        "The site's language (such as 'fr'): a build asked for another one (Read the Docs' -D language=...) "
        "stops at once (empty: any language).",
        "a language code such as 'fr' or 'pt_BR', or ''",
        language_or_empty,
    ),
)


def _given(config: Config, name: str) -> object:
    """The value as given: a ``-D`` override's own text, which Sphinx may have replaced."""
    override = config.overrides.get(name)
    return override if isinstance(override, str) else getattr(config, name)


def read_setting(setting: Setting, given: object) -> object:
    """The setting's value as the extension uses it; ``ConfigError`` naming the expected form."""
    try:
        return setting.read(given)
    except ValueError:
        raise ConfigError(f"The setting {setting.name} should be {setting.expected}; got {given!r}") from None


def _check_folders(config: Config) -> None:
    """The posts and the pillars need two folders, neither inside the other."""
    posts, pillars = (
        getattr(config, name).strip("/") + "/" for name in ("editorial_posts_dir", "editorial_pillars_dir")
    )
    if posts.startswith(pillars) or pillars.startswith(posts):
        raise ConfigError(
            "The settings editorial_posts_dir and editorial_pillars_dir should name two separate folders, "
            f"neither inside the other; got {posts.rstrip('/')!r} and {pillars.rstrip('/')!r}"
        )


def _language_name(code: str) -> str:
    """``French (fr)``, as Read the Docs' Language setting shows it."""
    try:
        return f"{Locale.parse(code).get_display_name('en')} ({code})"
    except (ValueError, UnknownLocaleError):
        return code


def _check_language(config: Config) -> None:
    """The site's language, not the one a build was asked for (Read the Docs' ``-D language=``)."""
    expected = config.editorial_language
    asked = config.language or "en"
    if expected and asked.replace("-", "_") != expected.replace("-", "_"):
        raise ConfigError(
            f"Ce site est écrit dans la langue {expected}, mais ce build est lancé avec language={asked} : "
            f"sur Read the Docs, règle la langue du projet dans Admin → Settings → Language : "
            f"{_language_name(expected)}, puis relance le build."
        )


def check_settings(app: Sphinx, config: Config) -> None:
    """``config-inited``: every setting read once, or the build stops before reading a document."""
    for setting in SETTINGS:
        setattr(config, setting.name, read_setting(setting, _given(config, setting.name)))
    _check_folders(config)
    _check_language(config)
    today = config.editorial_today
    setattr(config, _TODAY_ATTRIBUTE, date.fromisoformat(today) if today else None)


def configured_today(config: Config) -> date | None:
    """The day ``editorial_today`` names, read by ``check_settings`` (``None``: the day of the build)."""
    return getattr(config, _TODAY_ATTRIBUTE)


def build_date(env: BuildEnvironment) -> date:
    """The day that decides which posts are published (``editorial_today``, read at ``config-inited``)."""
    return configured_today(env.config) or date.today()


def setup_config(app: Sphinx) -> None:
    for setting in SETTINGS:
        # 'env': a change re-reads the documents, so the lists follow it.
        app.add_config_value(setting.name, setting.default, "env", types=setting.types, description=setting.description)
    # Before Sphinx's own type check (priority 800), which would fall back to conf.py's value for a bad -D number.
    app.connect("config-inited", check_settings, priority=500)
