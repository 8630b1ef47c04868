"""Fuzzing the front-matter parser and the record builders: they never raise.

Whatever an editor types between the ``---`` fences, the build must go on and
point at a line: ``read_front_matter`` (and the copy MyST gets, which it must
read as we did) on any text, ``read_post`` and ``read_pillar`` on any YAML value.  CI
runs a bounded number of cases; ``EDITORIAL_FUZZ_EXAMPLES=20000`` searches
longer.
"""

from __future__ import annotations

import os
import re
import string
from datetime import date

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from myst_parser.config.main import read_topmatter

from editorial.diagnostics import Subtype
from editorial.frontmatter import FrontMatter, read_front_matter, source_for_myst
from editorial.model import Pillar, Post, read_pillar, read_post

settings.register_profile(
    "editorial-fuzz",
    max_examples=int(os.environ.get("EDITORIAL_FUZZ_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
FUZZ = settings.get_profile("editorial-fuzz")

POST_KEYS = ("title", "date", "updated", "pillar", "summary", "audience", "tensions", "start_here", "draft", "slug")
PILLAR_KEYS = (
    "type",
    "title",
    "slug",
    "audience",
    "primary",
    "secondary",
    "not_for",
    "tensions",
    "start_here",
    "id",
    "label",
)
#: Characters that matter to YAML, plus a few an editor's keyboard or a paste brings.
YAML_CHARACTERS = (
    string.ascii_letters[:8] + string.digits + " \t\n-:,.'\"[]{}#&*!|>%@`?~\\/" + "éà«»\u202f\u00a0🚀\ufeff\r"
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(["", "  ", "2025-02-30", "2025-01-05", "30/01/2025", "2025-1-5", "2025-01-05T10:30:00+02:00"]),
    st.dates(),
    st.datetimes(),
)
values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(PILLAR_KEYS) | st.text(max_size=4), children, max_size=3)
    ),
    max_leaves=6,
)
post_mappings = st.dictionaries(st.sampled_from(POST_KEYS), values, max_size=6)
pillar_mappings = st.dictionaries(st.sampled_from(PILLAR_KEYS), values, max_size=6)
line_numbers = st.dictionaries(st.text(max_size=8) | st.sampled_from(POST_KEYS), st.integers(-5, 10_000), max_size=6)
docnames = st.text(st.characters(blacklist_characters="/", blacklist_categories=("Cs",)), min_size=1, max_size=20)


def top_level(path: str) -> str:
    """The top-level key of a problem's field (``tensions`` for ``tensions[2].label``)."""
    return re.split(r"[.\[]", path, maxsplit=1)[0]


def fenced(body: str) -> str:
    return f"---\n{body}\n---\n\n# Titre\n"


#: Values that have broken YAML readers: explicit tags, aliases, deep nesting, bad escapes.
YAML_TRAPS = (
    "!!timestamp 2025-02-30",
    "!!float deux",
    "!!int 0x",
    "!!binary é",
    "!!python/object:os.system ls",
    "!!set {a}",
    "&ancre [*ancre]",
    "*inconnue",
    "[" * 400 + "]" * 400,
    "{" * 400,
    '"\\x"',
    "? [a]",
    "|",
    ">-",
    "2025-13-45",
    "2025-02-29",
    "2024-02-29T25:61:00Z",
    "1e400",
    "-.inf",
    "~",
    "<<: {a: 1}",
    "\t- a",
    "\u202e",
)

yaml_like_text = st.lists(
    st.tuples(
        st.sampled_from((*POST_KEYS, "  -", "-", "  ", "")),
        st.text(YAML_CHARACTERS, max_size=20) | st.sampled_from(YAML_TRAPS),
    ).map(lambda pair: f"{pair[0]}: {pair[1]}" if pair[0].strip(" -") else f"{pair[0]} {pair[1]}"),
    max_size=8,
).map("\n".join)


def dumped(mapping: dict[str, object]) -> str:
    """A mapping as an editor's YAML (dates unquoted), when YAML can write it."""
    try:
        return yaml.safe_dump(mapping, allow_unicode=True, sort_keys=False)
    except yaml.YAMLError:
        return yaml.safe_dump({key: str(value) for key, value in mapping.items()}, allow_unicode=True)


def check_front_matter(source: str) -> FrontMatter:
    """Parse ``source`` and check what the rest of the extension relies on."""
    front_matter = read_front_matter(source)
    assert all(isinstance(key, str) for key in front_matter.values)
    assert all(isinstance(line, int) and line >= 2 for line in front_matter.lines.values())
    if front_matter.problem is not None:
        assert front_matter.values == {}
        assert front_matter.problem.subtype is Subtype.FRONTMATTER
        assert front_matter.problem_line >= 1
    copy = source_for_myst(source, front_matter)
    assert copy.count("\n") == source.count("\n"), "MyST's copy must keep every line where it was"
    if copy != source:
        # MyST reads our values, or nothing where we reported a problem: never a warning of its own.
        assert repr(read_topmatter(copy) or {}) == repr(front_matter.values)
    return front_matter


@settings(FUZZ)
@given(st.text(YAML_CHARACTERS, max_size=200) | st.text(max_size=200))
def test_any_text_as_front_matter_never_raises(body: str) -> None:
    check_front_matter(fenced(body))
    check_front_matter(body)


@settings(FUZZ)
@given(yaml_like_text)
# Found by this test once (each crashed or hung the build): libyaml reads a tab the pure
# scanner refuses; "!!timestamp" on no date; an alias inside itself beside an impossible date.
@example("date: 2024-02-29T25:61:00Z\npillar: ~@\t&2")
@example("title: !!timestamp bonjour")
@example("tensions: &ancre [*ancre]\ndate: 2025-13-45")
def test_yaml_like_lines_never_raise(body: str) -> None:
    check_front_matter(fenced(body))


@settings(FUZZ)
@given(post_mappings, line_numbers, docnames, st.text(max_size=30), st.integers(-10, 10**6))
def test_any_post_front_matter_gives_a_post(mapping: dict, lines: dict, slug: str, heading: str, words: int) -> None:
    post, problems = read_post(f"posts/{slug}", mapping, lines, heading, words)
    assert isinstance(post, Post) and post.slug == slug and post.title
    assert post.date is None or isinstance(post.date, date)
    assert all(isinstance(item, str) for item in post.audience + post.tensions)
    assert isinstance(post.draft, bool)
    for problem in problems:
        assert isinstance(problem.subtype, Subtype)
        assert problem.field is None or top_level(problem.field) in mapping, (
            "a warning must point at a key that is there"
        )
    hash(post)  # records are stored and fingerprinted: they must stay hashable


@settings(FUZZ)
@given(pillar_mappings, line_numbers, docnames, st.text(max_size=30))
def test_any_pillar_front_matter_gives_a_pillar(mapping: dict, lines: dict, slug: str, heading: str) -> None:
    pillar, problems = read_pillar(f"pillars/{slug}", mapping, lines, heading)
    assert isinstance(pillar, Pillar) and pillar.slug == slug and pillar.title
    assert all(
        isinstance(entry.id, str) and entry.id for entry in pillar.audiences + pillar.tensions + pillar.start_here
    )
    for problem in problems:
        assert isinstance(problem.subtype, Subtype)
        assert problem.field is None or top_level(problem.field) in mapping
    hash(pillar)


@settings(FUZZ)
@given(post_mappings)
def test_dumped_post_front_matter_reads_back_into_a_post(mapping: dict) -> None:
    """The whole path an editor's file takes: text, front matter, record."""
    front_matter = check_front_matter(fenced(dumped(mapping)))
    post, _problems = read_post("posts/article", front_matter.values, front_matter.lines, "Titre", 100)
    assert post.title == "Titre"
