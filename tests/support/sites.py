"""Synthetic editorial sites, for the tests and the benchmark: one generator module.

Two shapes of site, written from the front-matter contract:

- ``Site`` (the tests): pillars and posts held as plain values that a test
  reshapes at will (add, delete and rename posts, move them between pillars,
  change a pillar's vocabulary); ``Site.write`` turns them into MyST sources
  and touches only the files whose text changed, so that Sphinx's
  incremental build sees exactly the edit and nothing else; ``raw`` sources
  hold what the contract forbids.
- ``SitePlan`` (the benchmark, ``bench/run.py``): a deterministic site of
  realistic size (600-word posts), written in two variants from one plan:
  ``extension``, as editors write it (the editorial directives, the
  ``{post}`` role and the old ``/posts/?pillar=`` link), and ``floor``, the
  same pages, front matter and text built by plain Sphinx, MyST and Furo
  (directives replaced by nothing, ``{post}`` by ``{doc}``, posts marked
  ``orphan`` so both sites have the same toctree shape).  The floor's cost
  is what the extension adds to.  Its content must not change: the
  benchmark's figures compare across runs.

Both come from seeded random generators: the same arguments write the same files.
Building them is ``support.building.build`` (tests) or ``bench/measure.py``.
"""

from __future__ import annotations

import os
import random
import shutil
import time
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

import yaml

from editorial.model import slugify

PROJECT = Path(__file__).resolve().parents[2]
BENCH_DIR = PROJECT / "bench"
#: Build date of every generated site (``editorial_today``): in a benchmark plan, every post is published.
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
extensions = ["myst_parser", "sphinx_design", "editorial", "editorial.policy.hugo_addresses"]
root_doc = "index"
include_patterns = ["index.md", "pillars/**", "posts/**", "authors/**"]
myst_enable_extensions = ["colon_fence"]
html_theme = "furo"
html_baseurl = "https://exemple.org/site/"
html_copy_source = False
editorial_today = {today!r}
"""

_WORDS = (
    "décider",
    "porter",
    "dire non",
    "la solitude",
    "la feuille de route",
    "l'équipe",
    "le board",
    "les premiers jours",
    "la dette",
    "la confiance",
    "le recrutement",
    "l'astreinte",
    "la vision",
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
    #: The series it declares: (id, label, summary).
    series: list[tuple[str, str, str]] = field(default_factory=list)

    def front_matter(self) -> dict[str, object]:
        def terms(items: list[Term]) -> list[dict[str, str]]:
            return [{"id": term_id, "label": label} for term_id, label in items]

        return {
            "type": "pillar",
            "title": self.title,
            "slug": self.slug,
            "audience": {
                "primary": terms(self.primary),
                "secondary": terms(self.secondary),
                "not_for": list(self.not_for),
            },
            "tensions": terms(self.tensions),
            "start_here": terms(self.start_here),
            **(
                {"series": [{"id": key, "label": label, "summary": summary} for key, label, summary in self.series]}
                if self.series
                else {}
            ),
        }

    def page(self) -> str:
        """The pillar page as editors write it: every block, and the link to its posts in the list of all posts."""
        return (
            f"{front_matter_block(self.front_matter())}\n# {self.title}\n\n"
            "## À qui s'adresse ce pilier\n\n```{audience}\n```\n\n"
            "## Les grandes tensions du rôle\n\n```{tensions}\n```\n\n"
            "## Où commencer\n\n```{start-here}\n```\n\n"
            "## Derniers articles du pilier\n\n```{latest-posts}\n```\n\n"
            + ("## Dossiers\n\n```{series}\n```\n\n" if self.series else "")
            + f"## Aller plus loin\n\n→ [Tous les articles du pilier](/posts/?pillar={self.slug})\n"
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
    series: str | None = None
    series_part: int | None = None
    #: Author ids: one is written ``author``, several ``authors``; none, the site's default author.
    authors: list[str] = field(default_factory=list)

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
        if self.series is not None:
            values["series"] = self.series
        if self.series_part is not None:
            values["series_part"] = self.series_part
        if len(self.authors) == 1:
            values["author"] = self.authors[0]
        elif self.authors:
            values["authors"] = list(self.authors)
        return values

    def page(self) -> str:
        """Front matter, the H1 (equal to the title), a few lines, and links by slug."""
        body = [
            "Tu prends une décision, puis une autre, et le rôle se dessine entre les deux.",
            "Ce texte regarde ce que cela change pour toi et pour l'équipe.",
        ]
        body += [f"Voir aussi {{post}}`{target}`." for target in self.links]
        return f"{front_matter_block(self.front_matter())}\n# {self.title}\n\n" + "\n".join(body) + "\n"


@dataclass
class AuthorSource:
    """An author page: ``authors/<slug>.md``."""

    slug: str
    name: str
    role: str = ""
    bio: str = ""
    site: str = ""
    linkedin: str = ""

    def page(self) -> str:
        values: dict[str, object] = {"type": "author", "name": self.name}
        values.update({key: getattr(self, key) for key in ("role", "bio", "site", "linkedin") if getattr(self, key)})
        return f"{front_matter_block(values)}\n# {self.name}\n\nUne ligne de présentation.\n"


def front_matter_block(values: dict[str, object], *, flow_lists: bool = False) -> str:
    """``---``, ``values`` as YAML in their order, ``---``: lists one item a line,
    or inline (``[a, b]``) with ``flow_lists`` as the benchmark's corpus writes them."""
    dumped = yaml.safe_dump(
        values, allow_unicode=True, sort_keys=False, default_flow_style=None if flow_lists else False, width=1000
    )
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
    #: Author pages by id; with none, the site has no authors folder.
    authors: dict[str, AuthorSource] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"<Site: {len(self.pillars)} pillars, {len(self.posts)} posts, {len(self.raw)} raw files>"

    def sources(self) -> dict[str, str]:
        """Every source file of the site: relative path → text (a pillar is one file)."""
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
        for slug, post in self.posts.items():
            files[f"posts/{slug}.md"] = post.page()
        if self.authors:
            files["index.md"] += "\n```{toctree}\n:hidden:\n:caption: Auteurs\n:glob:\n\nauthors/*\n```\n"
            files["authors/index.md"] = "# Les auteurs\n\n```{authors}\n```\n"
            for slug, author in self.authors.items():
                files[f"authors/{slug}.md"] = author.page()
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
            relative = existing.relative_to(srcdir).as_posix()
            # The series pages are the extension's (series_pages.py): it writes and deletes them.
            if relative not in wanted and not relative.startswith("series/"):
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
        # Links go to published posts only: a link to a draft warns (no page to link to in production).
        linkable = [earlier for earlier in slugs[:index] if not site.posts[earlier].draft]
        site.posts[slug] = random_post(rng, slug, pillar_list[index % pillars], linkable)
    for index, original in enumerate(rng.sample(slugs, twins), start=1):
        twin = replace(site.posts[original], slug=f"jumeau-{index:04d}", draft=False)
        site.posts[twin.slug] = twin
    return site


def copy_real_site(destination: Path) -> Path:
    """The project's site sources, without builds, tools and tests."""
    ignored = shutil.ignore_patterns(
        "_build", ".venv", ".git", "tests", "bench", ".hypothesis", ".pytest_cache", "__pycache__"
    )
    shutil.copytree(PROJECT, destination, ignore=ignored)
    return destination


# == The benchmark's corpus: a plan, written in two variants ===================

FIRST_DAY = date(2012, 1, 1)
LAST_DAY = date(2025, 12, 31)
WORDS_PER_POST = 600
REFERENCES_PER_POST = 2

PILLAR_TITLES = (
    "Le rôle du CTO",
    "Recruter et faire grandir",
    "Architecture et dette",
    "Décider sans certitude",
    "Culture et rituels d'équipe",
    "Produit et technique",
    "Sécurité et fiabilité",
    "Budget et fournisseurs",
)

WORDS = [
    "équipe",
    "décision",
    "rôle",
    "responsabilité",
    "technique",
    "organisation",
    "confiance",
    "temps",
    "produit",
    "dette",
    "architecture",
    "choix",
    "priorité",
    "roadmap",
    "client",
    "direction",
    "comité",
    "lead",
    "développeur",
    "plateforme",
    "projet",
    "risque",
    "question",
    "réponse",
    "cadre",
    "repère",
    "posture",
    "terrain",
    "réalité",
    "système",
    "migration",
    "budget",
    "recrutement",
    "entretien",
    "feedback",
    "réunion",
    "rituel",
    "objectif",
    "mesure",
    "qualité",
    "fiabilité",
    "incident",
    "astreinte",
    "livraison",
    "sprint",
    "arbitrage",
    "compromis",
    "vision",
    "stratégie",
    "urgence",
    "durée",
    "autonomie",
    "cohérence",
    "loyauté",
    "entreprise",
    "expertise",
    "leader",
    "manager",
    "solitude",
    "pression",
    "attente",
    "promesse",
    "contrat",
    "partenaire",
    "fournisseur",
    "coût",
    "valeur",
    "usage",
    "utilisateur",
    "code",
    "revue",
    "test",
    "déploiement",
    "sécurité",
    "donnée",
    "modèle",
    "service",
    "interface",
    "contrat",
    "frontière",
    "périmètre",
    "mission",
    "le",
    "la",
    "les",
    "un",
    "une",
    "des",
    "du",
    "de",
    "dans",
    "pour",
    "avec",
    "sans",
    "sur",
    "sous",
    "entre",
    "vers",
    "chez",
    "et",
    "ou",
    "mais",
    "donc",
    "car",
    "ni",
    "puis",
    "alors",
    "pourtant",
    "souvent",
    "parfois",
    "toujours",
    "jamais",
    "rarement",
    "porte",
    "décide",
    "délègue",
    "assume",
    "explique",
    "écoute",
    "tranche",
    "choisit",
    "construit",
    "protège",
    "accepte",
    "refuse",
    "négocie",
    "partage",
    "comprend",
    "prépare",
    "mesure",
    "ajuste",
    "simplifie",
    "clarifie",
    "rassure",
    "simple",
    "difficile",
    "lourd",
    "discret",
    "visible",
    "flou",
    "net",
    "solide",
    "fragile",
    "rapide",
    "lent",
    "long",
    "court",
    "nouveau",
    "ancien",
    "premier",
    "dernier",
    "vrai",
    "faux",
    "juste",
    "utile",
    "inutile",
    "collectif",
    "individuel",
]


@dataclass(frozen=True)
class PillarPlan:
    slug: str
    title: str


@dataclass(frozen=True)
class PostPlan:
    slug: str
    title: str
    day: date
    pillar: str
    summary: str
    audience: tuple[str, ...]
    tensions: tuple[str, ...]
    start_here: str | None
    body: tuple[str, ...]  # Markdown blocks; ``{references[i]}`` marks the i-th link
    references: tuple[str, ...]  # slugs of the posts this one links to


@dataclass(frozen=True)
class SitePlan:
    pillars: tuple[PillarPlan, ...]
    posts: tuple[PostPlan, ...]
    vocabulary: dict  # the project pillar's front matter, minus title and slug


@dataclass(frozen=True)
class Variant:
    """How a plan is written: with the extension's markup, or the floor's."""

    extension: bool
    posts_in_toctree: bool = False

    @property
    def name(self) -> str:
        return "extension" if self.extension else "floor"

    def block(self, kind: str, **options: object) -> str:
        if not self.extension:
            return ""
        lines = [f"```{{{kind}}}", *(f":{key.replace('_', '-')}: {value}" for key, value in options.items()), "```"]
        return "\n".join(lines) + "\n"

    def post_reference(self, slug: str) -> str:
        return f"{{post}}`{slug}`" if self.extension else f"{{doc}}`/posts/{slug}`"

    def archive_link(self, pillar: PillarPlan) -> str:
        text = f"Voir tous les articles du pilier « {pillar.title} »"
        if self.extension:
            return f"→ [{text}](/posts/?pillar={pillar.slug})"
        return f"→ {{doc}}`{text} </pillars/archives/{pillar.slug}>`"


# -- the plan -------------------------------------------------------------------


def project_vocabulary() -> dict:
    """The real pillar's audiences, tensions and entry points: the contract to follow.

    Not its series: a series id is the site's, declared by one pillar only.
    """
    source = (PROJECT / "pillars" / "le-role-du-cto.md").read_text(encoding="utf-8")
    front_matter = yaml.safe_load(source.split("---", 2)[1])
    return {key: value for key, value in front_matter.items() if key not in ("title", "slug", "series")}


def _sentence(rng: random.Random, low: int = 8, high: int = 16) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    return " ".join(words).capitalize() + "."


def _title(rng: random.Random) -> str:
    return " ".join(rng.choices(WORDS, k=rng.randint(4, 8))).capitalize()


def _paragraph(rng: random.Random) -> str:
    return "\n".join(_sentence(rng) for _ in range(rng.randint(3, 5)))


def _body(rng: random.Random) -> tuple[str, ...]:
    """About 600 words: an introduction, then sections of a few paragraphs."""
    blocks = [_paragraph(rng), _paragraph(rng)]
    words = sum(len(block.split()) for block in blocks)
    while words < WORDS_PER_POST:
        heading = f"## {_title(rng)}"
        section = [_paragraph(rng) for _ in range(rng.randint(2, 3))]
        if rng.random() < 0.3:
            section.append("\n".join(f"- {_sentence(rng, 4, 8)}" for _ in range(3)))
        blocks += [heading, *section]
        words += sum(len(block.split()) for block in section)
    return tuple(blocks)


def _with_references(rng: random.Random, body: tuple[str, ...], count: int) -> tuple[str, ...]:
    """Append a sentence naming another post to ``count`` paragraphs."""
    paragraphs = [index for index, block in enumerate(body) if not block.startswith(("#", "-"))]
    blocks = list(body)
    for number, index in enumerate(sorted(rng.sample(paragraphs, count))):
        blocks[index] += f"\nOn y revient dans {{references[{number}]}}, sur le **{rng.choice(WORDS)}**."
    return tuple(blocks)


def make_plan(posts: int, pillars: int, seed: int) -> SitePlan:
    rng = random.Random(seed)
    vocabulary = project_vocabulary()
    audience_ids = [entry["id"] for group in ("primary", "secondary") for entry in vocabulary["audience"][group]]
    tension_ids = [entry["id"] for entry in vocabulary["tensions"]]
    entry_ids = [entry["id"] for entry in vocabulary["start_here"]]
    pillar_plans = tuple(
        PillarPlan(slugify(title), title)
        for title in (
            PILLAR_TITLES[index] if index < len(PILLAR_TITLES) else f"Thème {index + 1}" for index in range(pillars)
        )
    )
    titles = [_title(rng) for _ in range(posts)]
    slugs = [f"{slugify(title)[:40].rstrip('-')}-{number:04d}" for number, title in enumerate(titles, 1)]
    span = (LAST_DAY - FIRST_DAY).days
    post_plans = []
    for number, (title, slug) in enumerate(zip(titles, slugs, strict=True)):
        references = tuple(rng.sample([other for other in slugs if other != slug], min(REFERENCES_PER_POST, posts - 1)))
        post_plans.append(
            PostPlan(
                slug=slug,
                title=title,
                day=FIRST_DAY + timedelta(days=rng.randint(0, span)),
                pillar=pillar_plans[number % pillars].slug,
                summary=_sentence(rng, 14, 24),
                audience=tuple(rng.sample(audience_ids, 3)),
                tensions=tuple(rng.sample(tension_ids, rng.randint(1, 3))),
                start_here=rng.choice(entry_ids) if rng.random() < 0.3 else None,
                body=_with_references(rng, _body(rng), len(references)),
                references=references,
            )
        )
    return SitePlan(pillar_plans, tuple(post_plans), vocabulary)


# -- the files ------------------------------------------------------------------


def post_source(post: PostPlan, variant: Variant, day: date | None = None) -> str:
    values: dict = {
        "title": post.title,
        "date": day or post.day,  # a date object: written unquoted, as editors do
        "pillar": post.pillar,
        "summary": post.summary,
        "audience": list(post.audience),
        "tensions": list(post.tensions),
    }
    if post.start_here:
        values["start_here"] = post.start_here
    if not variant.extension:
        values["orphan"] = True
    links = [variant.post_reference(slug) for slug in post.references]
    body = "\n\n".join(block.format(references=links) for block in post.body)
    return f"{front_matter_block(values, flow_lists=True)}\n# {post.title}\n\n{body}\n"


def pillar_source(pillar: PillarPlan, vocabulary: dict, variant: Variant, rng: random.Random) -> str:
    """Shaped like pillars/le-role-du-cto.md."""
    values = {"type": "pillar", "title": pillar.title, "slug": pillar.slug, **vocabulary}
    sections = [
        f"# {pillar.title}",
        f"## Intention du pilier\n\n{_paragraph(rng)}",
        f"## À qui s'adresse ce pilier\n\n{variant.block('audience')}",
        f"## Les grandes tensions\n\n{_sentence(rng)}\n\n{variant.block('tensions')}",
        f"## Où commencer\n\n{variant.block('start-here')}",
        f"## Derniers articles du pilier\n\n{variant.block('latest-posts')}",
        f"## Aller plus loin\n\n{variant.archive_link(pillar)}",
        f"```{{toctree}}\n:hidden:\n\narchives/{pillar.slug}\n```",
    ]
    return front_matter_block(values, flow_lists=True) + "\n" + "\n\n".join(sections) + "\n"


def archive_source(pillar: PillarPlan, posts: list[PostPlan], variant: Variant) -> str:
    lines = [
        f"# Tous les articles du pilier « {pillar.title} »",
        "",
        f"Chaque article de {{doc}}`/pillars/{pillar.slug}`, du plus récent au plus ancien.",
        "",
        variant.block("post-list", pillar=pillar.slug, group_by="year"),
    ]
    if variant.posts_in_toctree:
        newest_first = sorted(posts, key=lambda post: (post.day, post.slug), reverse=True)
        lines += ["```{toctree}", ":hidden:", "", *(f"/posts/{post.slug}" for post in newest_first), "```", ""]
    return "\n".join(lines)


def posts_index_source(variant: Variant) -> str:
    return (
        "# Tous les articles\n\nTous les articles du site, rangés par pilier, du plus récent au plus ancien.\n\n"
        + variant.block("post-list", group_by="pillar")
    )


def index_source(plan: SitePlan, variant: Variant) -> str:
    pillars = "\n".join(f"{{doc}}`pillars/{pillar.slug}`\n: {pillar.title}.\n" for pillar in plan.pillars)
    toctree = "\n".join(f"pillars/{pillar.slug}" for pillar in plan.pillars)
    return (
        "# Leadership technique\n\nDes cadres de réflexion et des retours de terrain.\n\n"
        f"## Les piliers\n\n{pillars}\n## Derniers articles\n\n{variant.block('latest-posts', limit=3)}\n"
        "Tous les articles sont dans {doc}`posts/index`.\n\n"
        f"```{{toctree}}\n:hidden:\n:caption: Piliers\n\n{toctree}\n```\n\n"
        "```{toctree}\n:hidden:\n:caption: Articles\n\nposts/index\n```\n"
    )


def conf_source(variant: Variant) -> str:
    """The project's conf.py, then what the benchmark changes."""
    # The floor keeps the site's garbage-collector policy, not the extension nor its other policies (which load it).
    extensions = (
        "extensions"
        if variant.extension
        else '[name for name in extensions if not name.startswith("editorial") or name == "editorial.policy.batch_gc"]'
    )
    overrides = f"""

# -- Benchmark (tests/support/sites.py) ----------------------------------------
import sys as _bench_sys

_bench_sys.path[:0] = [{str(PROJECT / "_ext")!r}, {str(BENCH_DIR)!r}]
extensions = [*{extensions}, "bench_probe"]
editorial_today = {TODAY!r}
"""
    return (PROJECT / "conf.py").read_text(encoding="utf-8") + overrides


def write_site(plan: SitePlan, variant: Variant, srcdir: Path) -> None:
    """Write every file of the site into ``srcdir`` (a new folder)."""
    rng = random.Random(f"pages-{len(plan.posts)}")  # same prose in both variants
    for folder in ("_static", "_templates", "_extra"):
        if (PROJECT / folder).is_dir():
            shutil.copytree(PROJECT / folder, srcdir / folder)
    (srcdir / "pillars" / "archives").mkdir(parents=True)
    (srcdir / "posts").mkdir()
    (srcdir / "conf.py").write_text(conf_source(variant), encoding="utf-8")
    (srcdir / "index.md").write_text(index_source(plan, variant), encoding="utf-8")
    (srcdir / "posts" / "index.md").write_text(posts_index_source(variant), encoding="utf-8")
    for pillar in plan.pillars:
        posts = [post for post in plan.posts if post.pillar == pillar.slug]
        (srcdir / "pillars" / f"{pillar.slug}.md").write_text(
            pillar_source(pillar, plan.vocabulary, variant, rng), encoding="utf-8"
        )
        (srcdir / "pillars" / "archives" / f"{pillar.slug}.md").write_text(
            archive_source(pillar, posts, variant), encoding="utf-8"
        )
    for post in plan.posts:
        (srcdir / "posts" / f"{post.slug}.md").write_text(post_source(post, variant), encoding="utf-8")


def edited_post(plan: SitePlan) -> PostPlan:
    """The post whose date the incremental benchmark edits: mid-list in the first pillar."""
    posts = sorted(
        (post for post in plan.posts if post.pillar == plan.pillars[0].slug), key=lambda post: (post.day, post.slug)
    )
    return posts[len(posts) // 2]


#: Pillars by number of posts and entry points: none, one, two, three (two related posts), many.
BLOCK_SIZES = {"vide": 0, "un": 1, "deux": 2, "trois": 3, "beaucoup": 7}


def block_sizes_site() -> Site:
    """Pillars of 0, 1, 2 and many posts and entry points, each post in every tension but the last.

    Each block then shows 0, 1, 2 or many items: the latest posts and the
    entry points of each pillar page, the related posts under each post (one
    fewer than its pillar's posts), a tension no post addresses.
    """
    site = Site()
    for slug, count in BLOCK_SIZES.items():
        pillar = make_pillar(slug, f"Pilier {slug}")
        pillar.start_here = _vocabulary(f"porte-{slug}", min(count, 4), "Si tu es dans la situation {index}")
        site.pillars[slug] = pillar
        for index in range(1, count + 1):
            post_slug = f"{slug}-{index}"
            site.posts[post_slug] = PostSource(
                slug=post_slug,
                title=f"Article {index} du pilier {slug}",
                date=f"2025-0{1 + index % 9}-1{index % 9}",
                pillar=slug,
                tensions=[term_id for term_id, _ in pillar.tensions[:-1]],
                start_here=pillar.start_here[(index - 1) % len(pillar.start_here)][0],
            )
    return site
