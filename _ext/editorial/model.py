"""The editorial records, and the rules that turn front matter into them.

Everything here is pure: a front-matter mapping goes in, a record and the
list of problems found come out.  Nothing raises on bad input; a bad field is
reported and replaced by the most useful value (an undated post stays a
post, a lone string where a list was expected becomes a one-item list), so
that nothing an editor wrote is lost.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from typing import NamedTuple, TypeVar

from .characters import clean
from .diagnostics import Problem, Subtype
from .layout import post_slug

#: A calendar day (``Post.date`` names a field, so annotations inside the record use this).
Day = date
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(r"(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")
_ID = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: What NFKD does not take apart into ASCII, spelled out before it: ligatures
#: ("cœur" gives "coeur") and typographic apostrophes (a word break, as "'").
#: ``static/pillar-filter.js``'s ``slugKey`` holds the same table.
_SPELLED_OUT = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "\u2019": "'", "\u2018": "'"})
#: A post's front-matter keys (README contract); ``type`` says what a page is.
POST_KEYS = frozenset(
    {
        "title",
        "date",
        "updated",
        "pillar",
        "summary",
        "audience",
        "tensions",
        "start_here",
        "draft",
        "slug",
        "type",
        "series",
        "series_part",
    }
    | {"author", "authors"}  # ids of author pages (``authors.py``)
)
#: A pillar's front-matter keys, and those of its ``audience`` mapping and vocabulary items.
PILLAR_KEYS = frozenset({"type", "title", "slug", "intention", "audience", "tensions", "start_here", "series"})
PILLAR_AUDIENCE_KEYS = frozenset({"primary", "secondary", "not_for"})
TERM_KEYS = frozenset({"id", "label"})
#: The keys of one series a pillar declares (``series: [{id, label, summary}]``).
SERIES_KEYS = frozenset({"id", "label", "summary"})
#: Keys that Sphinx (``orphan``, ``nosearch``/``no-search``, ``tocdepth``; ``nocomments`` for
#: older themes), MyST (``myst``, ``mystnb``, ``html_meta``, ``substitutions``), Furo
#: (``hide-toc``) and sphinxext-opengraph (``ogp_*``, ``og:*``) read from a page's front matter.
TOOL_KEYS = frozenset(
    {
        "orphan",
        "nosearch",
        "no-search",
        "tocdepth",
        "nocomments",
        "myst",
        "mystnb",
        "html_meta",
        "substitutions",
        "hide-toc",
        "ogp_disable",
        "ogp_description_length",
    }
)
TOOL_KEY_PREFIXES = ("og:",)
#: French names an editor may type for a contract key (docutils would even turn 'résumé' into a block of the page).
_FRENCH_KEYS = {
    "résumé": "summary",
    "resume": "summary",
    "titre": "title",
    "pilier": "pillar",
    "brouillon": "draft",
    "public": "audience",
    "publics": "audience",
    "mise-a-jour": "updated",
    "mis-a-jour": "updated",
}
_QUOTES = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "‘": "'", "’": "'", "\u00a0": " ", "\u202f": " "})


@dataclass(frozen=True)
class Term:
    """One item of a pillar's vocabulary: an audience, a tension or an entry point."""

    id: str
    label: str


@dataclass(frozen=True)
class SeriesTerm:
    """A series ("dossier") a pillar declares: its id (its page is ``series/<id>``), label and summary."""

    id: str
    label: str
    summary: str = ""


@dataclass(frozen=True)
class Pillar:
    """A pillar page and the vocabulary its posts may use."""

    docname: str
    slug: str
    title: str
    #: One line saying what the pillar is about, shown on the home page (``{pillars}``).
    intention: str = ""
    primary: tuple[Term, ...] = ()
    secondary: tuple[Term, ...] = ()
    not_for: tuple[str, ...] = ()
    tensions: tuple[Term, ...] = ()
    start_here: tuple[Term, ...] = ()
    lines: tuple[tuple[str, int], ...] = ()
    #: The series ("dossiers") the pillar declares, in the order written.
    series: tuple[SeriesTerm, ...] = ()

    @property
    def audiences(self) -> tuple[Term, ...]:
        return self.primary + self.secondary

    def line_of(self, key: str | None) -> int:
        return dict(self.lines).get(key or "", 1)


@dataclass(frozen=True)
class Post:
    """A post as the lists, feeds and cross-references need it."""

    docname: str
    slug: str
    title: str
    date: Day | None
    pillar: str
    summary: str = ""
    updated: Day | None = None
    audience: tuple[str, ...] = ()
    tensions: tuple[str, ...] = ()
    start_here: str | None = None
    draft: bool = False
    words: int = 0
    lines: tuple[tuple[str, int], ...] = ()
    #: The series the post is a part of ("" for none) and its part number (0 when missing or bad).
    series: str = ""
    series_part: int = 0
    #: Ids of the post's authors (``author`` or ``authors``), in order; none: the site's default author.
    authors: tuple[str, ...] = ()

    def line_of(self, key: str | None) -> int:
        return dict(self.lines).get(key or "", 1)

    def is_published(self, today: Day) -> bool:
        """Drafts and posts dated after ``today`` are not published yet."""
        return not self.draft and (self.date is None or self.date <= today)


class BlockKind(StrEnum):
    """The kinds of block: each directive's name, and the two the extension adds to every post.

    A ``str`` enum whose values are the names written in pages: a kind equals,
    hashes and (``__repr__``) prints as its string, so records stored as strings,
    the views cached by them and the fingerprints made of them stay equal.
    """

    __repr__ = str.__repr__

    POST_HEADER = "post-header"
    POST_FOOTER = "post-footer"
    LATEST_POSTS = "latest-posts"
    START_HERE = "start-here"
    AUDIENCE = "audience"
    TENSIONS = "tensions"
    POST_LIST = "post-list"
    PILLARS = "pillars"
    SERIES = "series"
    SERIES_PAGE = "series-page"
    AUTHOR_HEADER = "author-header"  # added to every author page (``authors.py``)
    AUTHOR_POSTS = "author-posts"  # added to every author page: their published posts
    AUTHORS = "authors"


class BlockSpec(NamedTuple):
    """A block as written in a page (or added to a post page by the extension)."""

    kind: BlockKind
    pillar: str = ""
    limit: int = 0
    group_by: str = ""
    #: The series a ``series-page`` block shows (its generated page names it).
    series: str = ""


RecordT = TypeVar("RecordT", Post, Pillar)


def owners_by_slug(records: Iterable[RecordT]) -> dict[str, RecordT]:
    """Each slug and the record that owns it: the first by docname, whatever the reading order.

    Two posts (or pillars) sharing a slug are warned about; links, lists and
    feeds all go to the same one, this one.
    """
    owners: dict[str, RecordT] = {}
    for record in sorted(records, key=lambda record: record.docname):
        owners.setdefault(record.slug, record)
    return owners


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens, as the ids are written ("" when none is left).

    The one rule for slugs suggested to editors and for the keys both the
    pages and ``static/pillar-filter.js`` compare (``pilier-<key>``,
    ``?pillar=``): ``"L'Équipe Cœur"`` gives ``"l-equipe-coeur"``.  The script's
    ``slugKey`` repeats it step by step; a test runs both on the same inputs.
    """
    ascii_text = unicodedata.normalize("NFKD", text.translate(_SPELLED_OUT)).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))


def file_name_problems(slug: str) -> list[Problem]:
    """A warning (or none) for a file name that is not a slug (lower-case ASCII words joined by hyphens).

    The page keeps its address, percent-encoded; the warning suggests the slug to rename it to.
    """
    if _SLUG.fullmatch(slug):
        return []
    suggestion = slugify(slug)
    advice = (
        f"rename it to {suggestion!r}" if suggestion else "rename it with lower-case ASCII letters, digits and hyphens"
    )
    return [
        Problem(
            None, f"file name {slug!r} is not a slug (lower-case ASCII words joined by hyphens); {advice}", Subtype.SLUG
        )
    ]


def same_title(first: str, second: str) -> bool:
    """Titles match whatever quotes and spaces typography put in them."""

    def normal(text: str) -> str:
        return re.sub(r"[\s\"']", "", text.translate(_QUOTES))

    return normal(first) == normal(second)


def _describe(value: object) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"a boolean ({value})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str) and not value.strip():
        return "an empty string"
    return repr(value)[:60]


class _FieldReader:
    """Reads typed fields out of a front-matter mapping, collecting problems."""

    def __init__(self, values: Mapping[str, object]) -> None:
        self.values = values
        self.problems: list[Problem] = []

    def report(self, key: str | None, message: str, subtype: Subtype) -> None:
        self.problems.append(Problem(key, message, subtype))

    def unknown_keys(
        self, mapping: Mapping[str, object], known: frozenset[str], field: str | None = None, *, tools: bool = True
    ) -> None:
        """Report each key of ``mapping`` that neither the contract nor (top level, ``tools``)
        Sphinx, MyST or the theme read.

        ``field`` is the path of a nested ``mapping`` (``audience``, ``tensions[2]``): the
        problem names the key's own path (``tensions[2].lable``), whose line the front matter knows.
        """
        for written in mapping:
            key = str(written)
            if key in known or (tools and (key in TOOL_KEYS or key.startswith(TOOL_KEY_PREFIXES))):
                continue
            where = f" in {field!r}" if field else ""
            path = f"{field}.{key}" if field else key
            self.report(
                path, f"unknown key {key[:60]!r}{where} is ignored; {_closest_key(key, known)}", Subtype.UNKNOWN_KEY
            )

    def text(self, key: str, *, required: bool = False, subtype: Subtype = Subtype.TYPE) -> str:
        value = self.values.get(key)
        if value is None and key not in self.values:
            if required:
                self.report(None, f"missing required field '{key}'", subtype)
            return ""
        if isinstance(value, str) and value.strip():
            return value.strip()
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            self.report(key, f"'{key}' should be text, got {_describe(value)}; using it as text", Subtype.TYPE)
            return str(value)
        self.report(key, f"'{key}' should be text, got {_describe(value)}", Subtype.TYPE)
        return ""

    def ids(self, key: str) -> tuple[str, ...]:
        value = self.values.get(key)
        if key not in self.values:
            return ()
        if isinstance(value, str) and value.strip():
            self.report(
                key, f"'{key}' should be a list, got the text {value!r}; reading it as a one-item list", Subtype.TYPE
            )
            return (value.strip(),)
        if not isinstance(value, list):
            self.report(key, f"'{key}' should be a list of ids, got {_describe(value)}", Subtype.TYPE)
            return ()
        found: list[str] = []
        for item in value:
            if isinstance(item, str) and item.strip():
                if item.strip() not in found:
                    found.append(item.strip())
            else:
                self.report(key, f"'{key}' should hold ids (text), found {_describe(item)}", Subtype.TYPE)
        return tuple(found)

    def day(self, key: str, *, required: bool = False) -> date | None:
        if key not in self.values:
            if required:
                self.report(None, f"missing required field '{key}' (YYYY-MM-DD); the post is listed last", Subtype.DATE)
            return None
        return self._parse_day(key, self.values[key])

    def _parse_day(self, key: str, value: object) -> date | None:
        if isinstance(value, datetime):
            value = value.isoformat()
        elif isinstance(value, date):
            return value
        if not isinstance(value, str):
            self.report(key, f"'{key}' should be a date written YYYY-MM-DD, got {_describe(value)}", Subtype.DATE)
            return None
        written = value.strip()
        if _ISO_DATE.fullmatch(written):
            try:
                return date.fromisoformat(written)
            except ValueError as error:
                self.report(key, f"'{key}' is not a real date: {written!r} ({error})", Subtype.DATE)
                return None
        stamp = _ISO_DATETIME.fullmatch(written)
        if stamp:
            try:
                day = date.fromisoformat(stamp.group(1))
            except ValueError as error:
                self.report(key, f"'{key}' is not a real date: {written!r} ({error})", Subtype.DATE)
                return None
            self.report(
                key,
                f"'{key}' should be a plain date (YYYY-MM-DD), not a date and time {written!r}; "
                f"using {day.isoformat()}",
                Subtype.DATE,
            )
            return day
        self.report(key, f"'{key}' should be written YYYY-MM-DD, got {written!r}", Subtype.DATE)
        return None

    def flag(self, key: str) -> bool:
        value = self.values.get(key, False)
        if isinstance(value, bool):
            return value
        self.report(
            key, f"'{key}' should be true or false, got {_describe(value)}; treated as true until fixed", Subtype.TYPE
        )
        return True

    def terms(self, key: str, value: object, path: str | None = None) -> tuple[Term, ...]:
        """A list of ``{id, label}`` mappings (a bare label gets a derived id).

        ``path`` locates the list under ``key``.
        """
        if value is None:
            return ()
        if not isinstance(value, list):
            self.report(key, f"'{key}' should be a list of {{id, label}}, got {_describe(value)}", Subtype.TYPE)
            return ()
        terms: list[Term] = []
        for index, item in enumerate(value, start=1):
            term = self._term(key, item, f"{path or key}[{index}]")
            if term is None:
                continue
            if any(known.id == term.id for known in terms):
                self.report(key, f"'{key}' lists the id {term.id!r} twice; keeping the first", Subtype.DUPLICATE)
                continue
            terms.append(term)
        return tuple(terms)

    def series_terms(self, key: str, value: object) -> tuple[SeriesTerm, ...]:
        """A pillar's ``series``: ``{id, label, summary}`` mappings; bad ids and repeats warn as ``series``."""
        if value is None:
            return ()
        if not isinstance(value, list):
            self.report(
                key, f"'{key}' should be a list of {{id, label, summary}}, got {_describe(value)}", Subtype.SERIES
            )
            return ()
        found: list[SeriesTerm] = []
        for index, item in enumerate(value, start=1):
            term = self._term(key, item, f"{key}[{index}]", SERIES_KEYS, Subtype.SERIES)
            if term is None:
                continue
            if not _ID.fullmatch(term.id):
                continue  # reported by _term; a bad id makes no page address
            if any(known.id == term.id for known in found):
                self.report(key, f"'{key}' declares the series {term.id!r} twice; keeping the first", Subtype.SERIES)
                continue
            summary = item.get("summary") if isinstance(item, dict) else None
            found.append(SeriesTerm(term.id, term.label, summary.strip() if isinstance(summary, str) else ""))
        return tuple(found)

    def part_number(self, key: str) -> int:
        """A ``series_part``: a whole number from 1 (0, with a warning, for anything else)."""
        value = self.values.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
            return value
        self.report(key, f"'{key}' should be a whole number from 1, got {_describe(value)}", Subtype.SERIES)
        return 0

    def _term(
        self,
        key: str,
        item: object,
        path: str,
        known_keys: frozenset[str] = TERM_KEYS,
        id_subtype: Subtype = Subtype.ID,
    ) -> Term | None:
        if isinstance(item, str) and item.strip():
            derived = slugify(item) or "entree"
            self.report(key, f"'{key}' item {item!r} has no id; using {derived!r}", Subtype.TYPE)
            return Term(derived, item.strip())
        if not isinstance(item, dict):
            self.report(key, f"'{key}' items should be {{id, label}} mappings, found {_describe(item)}", Subtype.TYPE)
            return None
        self.unknown_keys(item, known_keys, path, tools=False)
        raw_id, raw_label = item.get("id"), item.get("label")
        label = raw_label.strip() if isinstance(raw_label, str) else ""
        term_id = raw_id.strip() if isinstance(raw_id, str) else ""
        if not term_id:
            if not label:
                self.report(key, f"'{key}' item needs an id and a label, got {item!r}"[:200], Subtype.TYPE)
                return None
            term_id = slugify(label) or "entree"
            self.report(key, f"'{key}' item {label!r} has no id; using {term_id!r}", Subtype.TYPE)
        elif not _ID.fullmatch(term_id):
            self.report(
                key,
                f"'{key}' id {term_id!r} should be lower-case ASCII words joined by hyphens, e.g. {slugify(term_id)!r}",
                id_subtype,
            )
        return Term(term_id, label or term_id)

    def labels(self, key: str, value: object) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.report(key, f"'{key}' should be a list of texts, got {_describe(value)}", Subtype.TYPE)
            return ()
        return tuple(item.strip() for item in value if isinstance(item, str) and item.strip())


#: The reader of typed front-matter fields, for the records of other modules (``authors.py``).
FieldReader = _FieldReader


def _post_authors(fields: _FieldReader, values: Mapping[str, object]) -> tuple[str, ...]:
    """``author: <id>`` or ``authors: [<id>, …]``; both written: a warning, and ``authors`` wins."""
    if "author" in values and "authors" in values:
        fields.report(
            "author", "write either 'author' (one id) or 'authors' (a list), not both; using 'authors'", Subtype.AUTHOR
        )
    if "authors" in values:
        return fields.ids("authors")
    if isinstance(values.get("author"), list):
        return fields.ids("author")
    author = fields.text("author")
    return (author,) if author else ()


def _closest_key(key: str, known: frozenset[str]) -> str:
    """A hint naming the known key ``key`` was probably meant to be, or listing them all."""
    closest = _FRENCH_KEYS.get(key.lower()) or next(
        iter(difflib.get_close_matches(key.lower(), sorted(known), n=1, cutoff=0.6)), None
    )
    return f"did you mean {closest!r}?" if closest in known else f"known keys: {', '.join(sorted(known))}"


def _title_from_file_name(slug: str) -> str:
    """The last resort of a page with no title: its file name, never empty, never what XML forbids."""
    return clean(slug).strip() or ascii(slug)


def check_declared_slug(fields: _FieldReader, slug: str) -> None:
    """A ``slug:`` in the front matter that differs from the file name is reported; the file name wins."""
    declared_slug = fields.text("slug")
    if declared_slug and declared_slug != slug:
        fields.report(
            "slug", f"slug {declared_slug!r} differs from the file name {slug!r}; the file name wins", Subtype.SLUG
        )


def _page_title(
    fields: _FieldReader, values: Mapping[str, object], known_keys: frozenset[str], slug: str, heading: str
) -> str:
    """What posts and pillars check alike (file name, unknown keys, title, slug); the title shown.

    The ``#`` title wins over the front matter's, which wins over the file name.
    """
    fields.problems.extend(file_name_problems(slug))
    fields.unknown_keys(values, known_keys)
    declared_title = fields.text("title", required=True, subtype=Subtype.TITLE)
    if declared_title and heading and not same_title(declared_title, heading):
        fields.report(
            "title",
            f"title {declared_title!r} differs from the '#' title {heading!r}; the '#' title is shown",
            Subtype.TITLE,
        )
    check_declared_slug(fields, slug)
    return heading or declared_title or _title_from_file_name(slug)


def read_post(
    docname: str, values: Mapping[str, object], lines: Mapping[str, int], heading: str, words: int
) -> tuple[Post, list[Problem]]:
    """Build a post record from its front matter and its ``#`` title (``heading``, "" when there is none)."""
    slug = post_slug(docname)
    fields = _FieldReader(values)
    title = _page_title(fields, values, POST_KEYS, slug, heading)
    post = Post(
        docname=docname,
        slug=slug,
        title=title,
        date=fields.day("date", required=True),
        updated=fields.day("updated"),
        pillar=fields.text("pillar", required=True, subtype=Subtype.PILLAR),
        summary=fields.text("summary", required=True, subtype=Subtype.SUMMARY),
        audience=fields.ids("audience"),
        tensions=fields.ids("tensions"),
        start_here=fields.text("start_here") or None,
        draft=fields.flag("draft"),
        words=words,
        lines=tuple(sorted(lines.items())),
        authors=_post_authors(fields, values),
    )
    post = _with_series(post, fields)
    if post.date and post.updated and post.updated < post.date:
        fields.report("updated", f"'updated' ({post.updated}) is before 'date' ({post.date})", Subtype.DATE)
    return post, fields.problems


def _with_series(post: Post, fields: _FieldReader) -> Post:
    """The post's ``series`` and ``series_part``; one without the other warns, the post stays as it is."""
    series = fields.text("series", subtype=Subtype.SERIES) if "series" in fields.values else ""
    has_part = "series_part" in fields.values
    if series and not has_part:
        fields.report("series", f"'series: {series}' needs 'series_part' (its part number, from 1)", Subtype.SERIES)
    if has_part and not series:
        fields.report("series_part", "'series_part' without 'series': which series is it a part of?", Subtype.SERIES)
    part = fields.part_number("series_part") if has_part else 0
    return replace(post, series=series, series_part=part) if series or part else post


def read_pillar(
    docname: str, values: Mapping[str, object], lines: Mapping[str, int], heading: str
) -> tuple[Pillar, list[Problem]]:
    """Build a pillar record (its vocabulary) from its front matter."""
    file_slug = post_slug(docname)
    fields = _FieldReader(values)
    title = _page_title(fields, values, PILLAR_KEYS, file_slug, heading)
    audience = values.get("audience")
    if audience is not None and not isinstance(audience, dict):
        fields.report(
            "audience",
            f"'audience' should be a mapping with primary, secondary and not_for, got {_describe(audience)}",
            Subtype.TYPE,
        )
        audience = {}
    audience = audience or {}
    fields.unknown_keys(audience, PILLAR_AUDIENCE_KEYS, "audience", tools=False)
    pillar = Pillar(
        docname=docname,
        slug=file_slug,
        title=title,
        intention=fields.text("intention"),
        primary=fields.terms("audience", audience.get("primary"), "audience.primary"),
        secondary=fields.terms("audience", audience.get("secondary"), "audience.secondary"),
        not_for=fields.labels("audience", audience.get("not_for")),
        tensions=fields.terms("tensions", values.get("tensions")),
        start_here=fields.terms("start_here", values.get("start_here")),
        lines=tuple(sorted(lines.items())),
        series=fields.series_terms("series", values.get("series")),
    )
    shared = {term.id for term in pillar.primary} & {term.id for term in pillar.secondary}
    if shared:
        fields.report(
            "audience", f"audience ids in both primary and secondary: {', '.join(sorted(shared))}", Subtype.DUPLICATE
        )
    return pillar, fields.problems
