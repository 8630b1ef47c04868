"""A deterministic synthetic site, written in two variants from one plan.

The plan (pillars, posts, dates, vocabulary, text) comes from a seeded
random generator, so two runs with the same arguments write the same files.
Each plan is written twice:

- ``extension``: the site as editors write it, with the editorial directives,
  the ``{post}`` role and the old ``/posts/?pillar=`` link;
- ``floor``: the same pages, front matter and text built by plain Sphinx,
  MyST and Furo: directives replaced by nothing, ``{post}`` by ``{doc}``,
  posts marked ``orphan`` (the extension does that itself) so both sites have
  the same toctree shape.  Its cost is what the extension adds to.
"""

from __future__ import annotations

import random
import shutil
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(PROJECT / "_ext"))

from editorial.model import slugify  # noqa: E402 - needs the path above

#: Build date of every generated site: every generated post is published.
TODAY = "2026-01-01"
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

WORDS = (
    "équipe décision rôle responsabilité technique organisation confiance temps produit dette "
    "architecture choix priorité roadmap client direction comité lead développeur plateforme "
    "projet risque question réponse cadre repère posture terrain réalité système migration "
    "budget recrutement entretien feedback réunion rituel objectif mesure qualité fiabilité "
    "incident astreinte livraison sprint arbitrage compromis vision stratégie urgence durée "
    "autonomie cohérence loyauté entreprise expertise leader manager solitude pression attente "
    "promesse contrat partenaire fournisseur coût valeur usage utilisateur code revue test "
    "déploiement sécurité donnée modèle service interface contrat frontière périmètre mission "
    "le la les un une des du de dans pour avec sans sur sous entre vers chez "
    "et ou mais donc car ni puis alors pourtant souvent parfois toujours jamais rarement "
    "porte décide délègue assume explique écoute tranche choisit construit protège accepte "
    "refuse négocie partage comprend prépare mesure ajuste simplifie clarifie rassure "
    "simple difficile lourd discret visible flou net solide fragile rapide lent long court "
    "nouveau ancien premier dernier vrai faux juste utile inutile collectif individuel"
).split()


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
    """The real pillar's audiences, tensions and entry points: the contract to follow."""
    source = (PROJECT / "pillars" / "le-role-du-cto.md").read_text(encoding="utf-8")
    front_matter = yaml.safe_load(source.split("---", 2)[1])
    return {key: value for key, value in front_matter.items() if key not in ("title", "slug")}


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
        for title in (PILLAR_TITLES[index] if index < len(PILLAR_TITLES) else f"Thème {index + 1}" for index in range(pillars))
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


def _front_matter(values: dict) -> str:
    text = yaml.safe_dump(values, allow_unicode=True, sort_keys=False, default_flow_style=None, width=1000)
    return f"---\n{text}---\n"


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
    return f"{_front_matter(values)}\n# {post.title}\n\n{body}\n"


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
    return _front_matter(values) + "\n" + "\n\n".join(sections) + "\n"


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
    """The project's conf.py, its ``_ext`` found in the project (conf.py imports from it), then the benchmark's changes."""
    # The floor keeps the site's garbage-collector policy, not the extension nor its other policies (which load it).
    extensions = "extensions" if variant.extension else '[name for name in extensions if not name.startswith("editorial") or name == "editorial.policy.batch_gc"]'
    project_ext = 'sys.path.insert(0, str(Path(__file__).parent / "_ext"))'
    conf = (PROJECT / "conf.py").read_text(encoding="utf-8")
    assert project_ext in conf, "conf.py no longer puts _ext on the path as the bench expects"
    conf = conf.replace(project_ext, f"sys.path[:0] = [{str(PROJECT / '_ext')!r}, {str(BENCH_DIR)!r}]")
    overrides = f"""

# -- Benchmark (bench/corpus.py) ------------------------------------------------
extensions = [*{extensions}, "bench_probe"]
editorial_today = {TODAY!r}
"""
    return conf + overrides


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
        (srcdir / "pillars" / f"{pillar.slug}.md").write_text(pillar_source(pillar, plan.vocabulary, variant, rng), encoding="utf-8")
        (srcdir / "pillars" / "archives" / f"{pillar.slug}.md").write_text(archive_source(pillar, posts, variant), encoding="utf-8")
    for post in plan.posts:
        (srcdir / "posts" / f"{post.slug}.md").write_text(post_source(post, variant), encoding="utf-8")


def edited_post(plan: SitePlan) -> PostPlan:
    """The post whose date the incremental benchmark edits: mid-list in the first pillar."""
    posts = sorted((post for post in plan.posts if post.pillar == plan.pillars[0].slug), key=lambda post: (post.day, post.slug))
    return posts[len(posts) // 2]

