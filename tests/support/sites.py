"""Synthetic editorial sites, written from the front-matter contract.

The incremental, parallel, rebuild-scope and hostile-input tests need sites
they can reshape at will: add, delete and rename posts, move them between
pillars, change a pillar's vocabulary.  A ``Site`` holds pillars and posts as
plain values; ``Site.write`` turns them into MyST sources and touches only the
files whose text changed, so that Sphinx's incremental build sees exactly the
edit and nothing else.  ``build`` runs Sphinx in-process (fast: no interpreter
start, no re-import of Sphinx per build).
"""

from __future__ import annotations

import difflib
import os
import random
import re
import shutil
import time
from dataclasses import dataclass, field, replace
from datetime import date
from io import StringIO
from pathlib import Path
from typing import NamedTuple

import yaml
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from helpers import article_html

PROJECT = Path(__file__).resolve().parent.parent
TODAY = "2026-01-01"

#: One vocabulary item of a pillar: (id, label).
Term = tuple[str, str]

_CONF = """\
import sys

sys.path.insert(0, {ext!r})

project = "Site de test"
author = "La rédaction"
copyright = "2025, La rédaction"
language = "fr"
extensions = ["myst_parser", "sphinx_design", "editorial"]
root_doc = "index"
include_patterns = ["index.md", "pillars/**", "posts/**"]
myst_enable_extensions = ["colon_fence"]
html_theme = "furo"
html_baseurl = "https://exemple.org/site/"
html_copy_source = False
editorial_today = {today!r}
"""

_WORDS = (
    "décider", "porter", "dire non", "la solitude", "la feuille de route", "l'équipe", "le board",
    "les premiers jours", "la dette", "la confiance", "le recrutement", "l'astreinte", "la vision",
)
_TITLE_SHAPES = (
    "Ce que {a} change à {b}",
    "{a} : ce qu'on oublie de {b}",
    "Entre {a} et {b}",
    "Pourquoi {a} précède {b}",
)


@dataclass
class PillarSource:
    """A pillar page, its vocabulary, and its archive page (all its posts)."""

    slug: str
    title: str
    primary: list[Term] = field(default_factory=list)
    secondary: list[Term] = field(default_factory=list)
    not_for: list[str] = field(default_factory=list)
    tensions: list[Term] = field(default_factory=list)
    start_here: list[Term] = field(default_factory=list)

    def front_matter(self) -> dict[str, object]:
        def terms(items: list[Term]) -> list[dict[str, str]]:
            return [{"id": term_id, "label": label} for term_id, label in items]

        return {
            "type": "pillar",
            "title": self.title,
            "slug": self.slug,
            "audience": {"primary": terms(self.primary), "secondary": terms(self.secondary), "not_for": list(self.not_for)},
            "tensions": terms(self.tensions),
            "start_here": terms(self.start_here),
        }

    def page(self) -> str:
        """The pillar page as editors write it: every block, and the old archive URL."""
        return (
            f"{front_matter_block(self.front_matter())}\n# {self.title}\n\n"
            "## À qui s'adresse ce pilier\n\n```{audience}\n```\n\n"
            "## Les grandes tensions du rôle\n\n```{tensions}\n```\n\n"
            "## Où commencer\n\n```{start-here}\n```\n\n"
            "## Derniers articles du pilier\n\n```{latest-posts}\n```\n\n"
            f"## Aller plus loin\n\n→ [Tous les articles du pilier](/posts/?pillar={self.slug})\n\n"
            f"```{{toctree}}\n:hidden:\n\narchives/{self.slug}\n```\n"
        )

    def archive(self) -> str:
        return (
            f"# Tous les articles : {self.title}\n\n"
            f"```{{post-list}}\n:pillar: {self.slug}\n:group-by: year\n```\n"
        )


@dataclass
class PostSource:
    """A post: its front matter fields, and the posts its text links to."""

    slug: str
    title: str
    date: str
    pillar: str
    summary: str = "Un résumé d'une phrase."
    audience: list[str] = field(default_factory=list)
    tensions: list[str] = field(default_factory=list)
    start_here: str | None = None
    draft: bool = False
    links: list[str] = field(default_factory=list)

    def front_matter(self) -> dict[str, object]:
        values: dict[str, object] = {
            "title": self.title,
            "date": date.fromisoformat(self.date),
            "pillar": self.pillar,
            "summary": self.summary,
            "audience": list(self.audience),
            "tensions": list(self.tensions),
        }
        if self.start_here:
            values["start_here"] = self.start_here
        if self.draft:
            values["draft"] = True
        return values

    def page(self) -> str:
        """Front matter, the H1 (equal to the title), a few lines, and links by slug."""
        body = [
            "Tu prends une décision, puis une autre, et le rôle se dessine entre les deux.",
            "Ce texte regarde ce que cela change pour toi et pour l'équipe.",
        ]
        body += [f"Voir aussi {{post}}`{target}`." for target in self.links]
        return f"{front_matter_block(self.front_matter())}\n# {self.title}\n\n" + "\n".join(body) + "\n"


def front_matter_block(values: dict[str, object]) -> str:
    dumped = yaml.safe_dump(values, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{dumped}---\n"


@dataclass(repr=False)
class Site:
    """A whole site: pillars and posts by slug, plus raw sources for odd cases.

    ``raw`` maps a source path to its exact text, for front matter the
    contract forbids (hostile input): it is written as is.
    """

    pillars: dict[str, PillarSource] = field(default_factory=dict)
    posts: dict[str, PostSource] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)
    today: str = TODAY
    extra_conf: str = ""

    def __repr__(self) -> str:
        return f"<Site: {len(self.pillars)} pillars, {len(self.posts)} posts, {len(self.raw)} raw files>"

    def sources(self) -> dict[str, str]:
        """Every source file of the site: relative path → text."""
        pillar_slugs = sorted(self.pillars)
        toctree = "\n".join(f"pillars/{slug}" for slug in pillar_slugs)
        files = {
            "conf.py": _CONF.format(ext=str(PROJECT / "_ext"), today=self.today) + self.extra_conf,
            "index.md": (
                "# Leadership technique\n\n## Derniers articles\n\n```{latest-posts}\n:limit: 3\n```\n\n"
                f"```{{toctree}}\n:hidden:\n\n{toctree}\nposts/index\n```\n"
            ),
            "posts/index.md": "# Tous les articles\n\n```{post-list}\n:group-by: pillar\n```\n",
        }
        for slug in pillar_slugs:
            files[f"pillars/{slug}.md"] = self.pillars[slug].page()
            files[f"pillars/archives/{slug}.md"] = self.pillars[slug].archive()
        for slug, post in self.posts.items():
            files[f"posts/{slug}.md"] = post.page()
        files.update(self.raw)
        return files

    def write(self, srcdir: Path) -> None:
        """Bring ``srcdir`` to this site: write what changed, remove what is gone.

        Unchanged files keep their mtime, and changed ones get an mtime later
        than any read Sphinx recorded before (see ``mark_newer``), so an
        incremental build re-reads exactly them.
        """
        wanted = self.sources()
        for existing in sorted(srcdir.rglob("*.md")):
            if existing.relative_to(srcdir).as_posix() not in wanted:
                existing.unlink()
        for relative, text in wanted.items():
            path = srcdir / relative
            if path.is_file() and path.read_text(encoding="utf-8") == text:
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            mark_newer(path)


def mark_newer(path: Path) -> None:
    """Give ``path`` an mtime, as the file system stores it, later than now.

    Sphinx records a read at ``time.time_ns()`` and re-reads a file whose
    mtime is later.  File systems store mtimes coarser than that clock (ext4's
    kernel clock ticks, one or two seconds on others), so a file written just
    after a build can look older than its last read: the edit is then missed.
    Step forward until the stored mtime is strictly later than the clock.
    """
    now = time.time_ns()
    for step in (0, 1_000_000, 10_000_000, 1_000_000_000, 2_000_000_000, 4_000_000_000):
        os.utime(path, ns=(now + step, now + step))
        if path.stat().st_mtime_ns > now:
            return
    raise OSError(f"{path}: the file system does not store an mtime later than now")


def _vocabulary(prefix: str, count: int, shape: str) -> list[Term]:
    return [(f"{prefix}-{index}", shape.format(index=index)) for index in range(1, count + 1)]


def make_pillar(slug: str, title: str) -> PillarSource:
    """A pillar with the full vocabulary shape of the real one."""
    return PillarSource(
        slug=slug,
        title=title,
        primary=_vocabulary("lecteur", 2, "Lectorat principal {index}"),
        secondary=_vocabulary("curieux", 1, "Lectorat secondaire {index}"),
        not_for=['Un guide pour "devenir CTO"'],
        tensions=_vocabulary("tension", 3, "pôle {index} ↔ pôle opposé {index}"),
        start_here=_vocabulary("porte", 2, "Si tu es dans la situation {index}"),
    )


def random_post(rng: random.Random, slug: str, pillar: PillarSource, others: list[str]) -> PostSource:
    """A post of ``pillar`` using some of its vocabulary, dated in 2024–2025."""
    a, b = rng.sample(_WORDS, 2)
    title = rng.choice(_TITLE_SHAPES).format(a=a, b=b)
    title = title[0].upper() + title[1:]
    return PostSource(
        slug=slug,
        title=f"{title} ({slug})",
        date=f"{rng.choice((2024, 2025))}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        pillar=pillar.slug,
        summary=f"Ce que {a} dit de {b}, sans recette.",
        audience=sorted(rng.sample([term_id for term_id, _ in pillar.primary + pillar.secondary], rng.randint(0, 2))),
        tensions=sorted(rng.sample([term_id for term_id, _ in pillar.tensions], rng.randint(0, 2))),
        start_here=rng.choice([None, *(term_id for term_id, _ in pillar.start_here)]),
        draft=rng.random() < 0.05,
        links=sorted(rng.sample(others, min(len(others), rng.randint(0, 2)))),
    )


def generate_site(posts: int, pillars: int = 2, seed: int = 0, twins: int = 0) -> Site:
    """A site of ``posts`` posts over ``pillars`` pillars, the same for the same seed.

    Valid, unless ``twins`` > 0: that many more posts repeat another post's
    title and date (warned as duplicate titles), so that only the slug orders
    them; a list that forgets that tie-break differs between builds.
    """
    rng = random.Random(seed)
    site = Site()
    for index in range(1, pillars + 1):
        pillar = make_pillar(f"pilier-{index}", f"Pilier numéro {index}")
        site.pillars[pillar.slug] = pillar
    pillar_list = list(site.pillars.values())
    slugs = [f"article-{index:04d}" for index in range(1, posts + 1)]
    for index, slug in enumerate(slugs):
        site.posts[slug] = random_post(rng, slug, pillar_list[index % pillars], slugs[:index])
    for index, original in enumerate(rng.sample(slugs, twins), start=1):
        twin = replace(site.posts[original], slug=f"jumeau-{index:04d}", draft=False)
        site.posts[twin.slug] = twin
    return site


_READING = re.compile(r"reading sources\.\.\. \[\s*\d+%\] (\S+)")
_WRITING = re.compile(r"writing output\.\.\. \[\s*\d+%\] (\S+)")
_WARNING = re.compile(r"(?P<path>.+?):(?P<line>\d+): WARNING: (?P<message>.*?)(?: \[(?P<subtype>[\w.]+)\])?")


def console_lines(output: str) -> list[str]:
    """Sphinx's console output as plain lines, whatever terminal it thought it had.

    Where Sphinx believes it may colour (a terminal, ``FORCE_COLOR``, or
    ``CI=true`` as on CI), progress lines end with a carriage return and an
    "erase in line" sequence instead of a newline: split on both.
    """
    return strip_colors(output).splitlines()


def _matches(pattern: re.Pattern[str], output: str) -> list[re.Match[str]]:
    return [match for line in console_lines(output) if (match := pattern.fullmatch(line.strip()))]


class LocatedWarning(NamedTuple):
    """One located warning, as Sphinx printed it."""

    path: str
    line: int
    message: str
    subtype: str


@dataclass
class BuildReport:
    """What one in-process build read, wrote and warned about."""

    outdir: Path
    status: str
    warnings: str

    @property
    def read(self) -> set[str]:
        """Documents Sphinx reports reading ("reading sources... [ 50%] posts/x")."""
        return {match[1] for match in _matches(_READING, self.status)}

    @property
    def written(self) -> set[str]:
        """Documents Sphinx reports writing ("writing output... [ 50%] posts/x")."""
        return {match[1] for match in _matches(_WRITING, self.status)}

    def located_warnings(self, srcdir: Path) -> list[LocatedWarning]:
        """Warnings that name a file and a line (path relative to ``srcdir``)."""
        return [
            LocatedWarning(Path(match["path"]).relative_to(srcdir).as_posix(), int(match["line"]), match["message"], match["subtype"] or "")
            for match in _matches(_WARNING, self.warnings)
            if Path(match["path"]).is_relative_to(srcdir)
        ]


def build(srcdir: Path, builddir: Path, builder: str = "html", **options: object) -> BuildReport:
    """Build ``srcdir`` in-process into ``builddir/<builder>`` (doctrees kept in ``builddir``).

    Building again with the same ``builddir`` is an incremental build.
    """
    app = SphinxTestApp(builder, srcdir=srcdir, builddir=builddir, status=StringIO(), warning=StringIO(), **options)
    try:
        app.build()
        return BuildReport(Path(app.outdir), app.status.getvalue(), app.warning.getvalue())
    finally:
        app.cleanup()


# -- reading what a build wrote ------------------------------------------------

#: Sphinx's toctree navigation in the <head>, refreshed only on the pages it re-writes.
_NAVIGATION_LINKS = re.compile(r'<link rel="(?:next|prev)"[^>]*>')


def page_contents(outdir: Path) -> dict[str, str]:
    """The <head> and the article body of every HTML page, by path.

    What readers, crawlers and feed readers get from a page; the toctree
    navigation (sidebar, next/prev) is left out: Sphinx refreshes it only on
    the pages it re-writes, whatever the extension does.
    """
    contents = {}
    for page in sorted(outdir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        head = _NAVIGATION_LINKS.sub("", text[text.index("<head>") : text.index("</head>")])
        contents[page.relative_to(outdir).as_posix()] = f"{head}\n{article_html(page)}"
    return contents


def feeds(outdir: Path) -> dict[str, str]:
    """Every Atom feed (and any other XML file) written, by path.

    Compared as they are: a feed's <updated> is its newest post's date, not
    the build time, so nothing in it legitimately differs between builds.
    """
    return {
        path.relative_to(outdir).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted([*outdir.rglob("*.xml"), *outdir.rglob("*.atom")])
    }


def output_files(outdir: Path) -> dict[str, str | bytes]:
    """Every file a build wrote, doctrees aside; text files as text (readable diffs)."""
    found: dict[str, str | bytes] = {}
    for path in sorted(outdir.rglob("*")):
        relative = path.relative_to(outdir).as_posix()
        if path.is_file() and not relative.startswith(".doctrees/"):
            content = path.read_bytes()
            found[relative] = content.decode("utf-8") if path.suffix in (".html", ".xml", ".txt", ".js") else content
    return found


def first_difference(found: dict[str, str | bytes], expected: dict[str, str | bytes]) -> str:
    """A readable report of the first output that differs from ``expected`` ("" if none)."""
    for name, wanted in expected.items():
        got = found.get(name)
        if got is None:
            return f"{name}: missing"
        if got != wanted:
            if isinstance(wanted, bytes) or isinstance(got, bytes):
                return f"{name} differs ({len(wanted)} bytes expected, {len(got)} found)"
            diff = difflib.unified_diff(wanted.splitlines(), got.splitlines(), "expected", "found", lineterm="", n=2)
            return f"{name} differs:\n" + "\n".join(list(diff)[:60])
    extra = sorted(set(found) - set(expected))
    return f"unexpected files: {extra[:10]}" if extra else ""


def copy_real_site(destination: Path) -> Path:
    """The project's site sources, without builds, tools and tests."""
    ignored = shutil.ignore_patterns("_build", ".venv", ".git", "tests", "bench", ".hypothesis", ".pytest_cache", "__pycache__")
    shutil.copytree(PROJECT, destination, ignore=ignored)
    return destination
