"""Hostile front matter: the build finishes, says where, loses nothing, escapes everything.

One site holds every case side by side (a few valid posts, then one post or
pillar per mistake), built once; each case is its own test reading that
build.  For each mistake: a warning with the file, the line of the key at
fault and an ``editorial.*`` subtype; every other post still listed; and no
front-matter text ever reaches a page as markup, <head> included.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup

from support.building import Build, LocatedWarning, build
from support.sites import PillarSource, Site, generate_site, make_pillar

#: In-process builds surface MyST's and sphinx-sitemap's own deprecation warnings, by the thousand.
pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::DeprecationWarning")]

#: Markers of the payloads below: a script that runs them, or an <img src=x>, would be injected markup.
SCRIPT_MARKER = "alert("
TEXT_PAYLOADS = {
    "script": "<script>alert('editorial')</script> Décider",
    "fin-de-script": "</script><img src=x onerror=alert(1)> Décider",
    "guillemets": 'Dire "non" sans claquer la porte',
    "esperluette": "Tech & produit : R&D, Q&A, &amp; et &lt;b&gt;",
    "emoji": "🚀 Décoller sans se brûler 🔥",
    "droite-a-gauche": "قيادة تقنية \u202eeuqinhcet pihsredael",
    "dix-mille": "Très long titre " * 625,
}
WRONG_VALUES = {"nombre": "12", "liste": "[12, {a: 1}]", "dictionnaire": "{a: 1}", "null": "null", "vide": '""'}
FIELDS = ("title", "date", "updated", "pillar", "summary", "audience", "tensions", "start_here", "draft", "slug")
PILLAR = "pilier-1"


def key_line(text: str, key: str) -> int:
    """The line of the first top-level ``key:`` in a source file."""
    return next(number for number, line in enumerate(text.splitlines(), start=1) if line.startswith(f"{key}:"))


def yaml_line(key: str, value: object) -> str:
    return yaml.safe_dump({key: value}, allow_unicode=True, width=10**6).strip()


def markdown_text(text: str) -> str:
    """``text`` as a Markdown heading shows it literally (no inline HTML, no emphasis)."""
    return re.sub(r"([\\`*_<>&\[\]#])", r"\\\1", text)


@dataclass(frozen=True)
class HostilePost:
    """A post file written by hand, and what the build must say about it."""

    slug: str
    front_matter: tuple[str, ...]
    heading: str
    #: (key whose line the warning names, None for the opening fence; subtype)
    warns: tuple[tuple[str | None, str], ...] = ()
    listed: bool = True
    links: tuple[str, ...] = ()

    def source(self) -> str:
        links = "".join(f"Voir {{post}}`{target}`.\n" for target in self.links)
        return (
            "---\n"
            + "\n".join(self.front_matter)
            + f"\n---\n\n# {markdown_text(self.heading)}\n\nUn paragraphe.\n{links}"
        )

    def line_of(self, key: str | None) -> int:
        """Line of ``key`` in the file; None stands for the opening fence, line 1."""
        return 1 if key is None else key_line(self.source(), key)


def valid_fields(title: str) -> dict[str, str]:
    return {
        "title": yaml_line("title", title),
        "date": "date: 2025-06-01",
        "pillar": f"pillar: {PILLAR}",
        "summary": "summary: Un résumé.",
    }


def wrong_type_post(field: str, kind: str) -> HostilePost:
    title = f"Mauvais type {field} {kind}"
    lines = valid_fields(title)
    lines[field] = f"{field}: {WRONG_VALUES[kind]}"
    subtype = "date" if field in ("date", "updated") else "type"
    return HostilePost(
        f"type-{field.replace('_', '-')}-{kind}",
        tuple(lines.values()),
        "Titre de secours" if field == "title" else title,
        warns=((field, subtype),),
        listed=field != "draft",  # a draft flag that is not a boolean hides the post until fixed
    )


def date_post(slug: str, written: str) -> HostilePost:
    lines = valid_fields(f"Date {slug}")
    lines["date"] = f"date: {written}"
    return HostilePost(f"date-{slug}", tuple(lines.values()), f"Date {slug}", warns=(("date", "date"),))


def text_post(name: str, payload: str) -> HostilePost:
    lines = valid_fields(payload)
    lines["summary"] = yaml_line("summary", f"{payload} (résumé)")
    return HostilePost(f"texte-{name}", tuple(lines.values()), payload)


def plain_post(
    slug: str, *extra: str, pillar: str = PILLAR, links: tuple[str, ...] = (), warns: tuple = ()
) -> HostilePost:
    lines = valid_fields(slug.capitalize()) | {"pillar": f"pillar: {pillar}"}
    return HostilePost(slug, (*lines.values(), *extra), slug.capitalize(), warns=warns, links=links)


HOSTILE_POSTS = [
    HostilePost(
        "yaml-casse", ("title: Dire non: oui", "date: 2025-06-01"), "Dire non: oui", warns=(("title", "frontmatter"),)
    ),
    HostilePost("yaml-liste", ("- title", "- date"), "Une liste", warns=((None, "frontmatter"),)),
    HostilePost("yaml-scalaire", ("juste du texte",), "Un scalaire", warns=((None, "frontmatter"),)),
    HostilePost(
        "yaml-etiquette",
        ("title: Une étiquette", "date: !!timestamp bonjour"),
        "Une étiquette",
        warns=((None, "frontmatter"),),
    ),
    HostilePost(  # an impossible date and an alias that contains itself: once made the build loop forever
        "yaml-boucle",
        (
            "title: Une boucle",
            "date: 2025-02-30",
            f"pillar: {PILLAR}",
            "summary: Un résumé.",
            "tensions: &boucle [*boucle]",
        ),
        "Une boucle",
        warns=(("date", "date"), ("tensions", "type")),
    ),
    *(wrong_type_post(field, kind) for field in FIELDS for kind in WRONG_VALUES),
    date_post("impossible", "2025-02-30"),
    date_post("francaise", "30/01/2025"),
    date_post("sans-zeros", "2025-1-5"),
    date_post("avec-fuseau", "2025-01-05T10:30:00+02:00"),
    *(text_post(name, payload) for name, payload in TEXT_PAYLOADS.items()),
    plain_post(
        "ids-bizarres", "tensions: [Mon Id, MAJUSCULE, équipe]", "start_here: Porte d'entrée", pillar="pilier-bizarre"
    ),
    plain_post("pilier-est-un-article", pillar="article-0001", warns=(("pillar", "pillar"),)),
    plain_post("cycle-a", links=("cycle-b", "cycle-a")),
    plain_post("cycle-b", links=("cycle-a",)),
    plain_post(
        "mille-tensions",
        yaml_line("tensions", [f"t-{index:04d}" for index in range(2000)]),
        warns=(("tensions", "tension"),),
    ),
]
BROKEN_PILLAR = (
    "---\ntype: pillar\ntitle: Pilier cassé\naudience: [cto, lead]\ntensions: 12\nstart_here: porte\n---\n\n"
    "# Pilier cassé\n\n```{tensions}\n```\n"
)
BROKEN_PILLAR_WARNS = (("audience", "type"), ("tensions", "type"), ("start_here", "type"))


def odd_pillar() -> PillarSource:
    """Vocabulary ids with spaces, upper case and accents."""
    return PillarSource(
        "pilier-bizarre",
        "Pilier bizarre",
        primary=[("Lecteur Principal", "Lecteur principal")],
        tensions=[("Mon Id", "un ↔ deux"), ("MAJUSCULE", "haut ↔ bas"), ("équipe", "équipe ↔ entreprise")],
        start_here=[("Porte d'entrée", "Si tu arrives")],
    )


def hostile_site() -> Site:
    site = generate_site(posts=4, pillars=1, seed=11)
    for pillar in (
        odd_pillar(),
        make_pillar("pilier-vide", "Pilier vide"),
        make_pillar("pilier-jumeau", site.pillars[PILLAR].title),
    ):
        site.pillars[pillar.slug] = pillar
    site.raw = {f"posts/{post.slug}.md": post.source() for post in HOSTILE_POSTS}
    site.raw["pillars/pilier-casse.md"] = BROKEN_PILLAR
    site.extra_conf = (
        'extensions.append("sphinxext.opengraph")\nogp_site_url = html_baseurl\nogp_enable_meta_description = True\n'
    )
    return site


class InjectedMarkup(HTMLParser):
    """Elements a payload would create if a page wrote it as markup.

    A payload's ``<script>`` would start a script of its own (no attributes);
    a ``</script>`` breaking out of the JSON-LD would leave invalid JSON and an
    ``<img src=x>`` element behind.
    """

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.json_scripts: list[str] = []
        self._script_attrs: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._script_attrs = dict(attrs) if tag == "script" else None
        if tag == "img" and ("src", "x") in attrs:
            self.found.append(self.get_starttag_text() or tag)

    def handle_endtag(self, tag: str) -> None:
        self._script_attrs = None

    def handle_data(self, data: str) -> None:
        if self._script_attrs is None:
            return
        if self._script_attrs.get("type") == "application/ld+json":
            self.json_scripts.append(data)
        elif SCRIPT_MARKER in data:
            self.found.append(f"<script>{data[:80]}")


def injected_markup(page: str) -> list[str]:
    parser = InjectedMarkup()
    parser.feed(page)
    parser.close()
    for script in parser.json_scripts:
        try:
            json.loads(script)
        except ValueError:
            parser.found.append(f"broken JSON-LD: {script[:120]}")
    return parser.found


@dataclass
class HostileBuild:
    site: Site
    report: Build
    warnings: list[LocatedWarning]

    def page(self, name: str) -> str:
        return (self.report.outdir / name).read_text(encoding="utf-8")

    def warnings_for(self, path: str) -> list[LocatedWarning]:
        return [warning for warning in self.warnings if warning.path == path]

    def located(self, path: str) -> set[tuple[int, str]]:
        """(line, subtype) of each warning about the source ``path``."""
        return {(warning.line, warning.subtype) for warning in self.warnings_for(path)}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> HostileBuild:
    """The whole catalogue, built once (a crash on any case fails every test here)."""
    root = tmp_path_factory.mktemp("hostile")
    site = hostile_site()
    site.write(root / "src")
    report = build(root / "src", root / "build")
    return HostileBuild(site, report, report.located_warnings(root / "src"))


def _id(post: HostilePost) -> str:
    return post.slug


@pytest.mark.parametrize("post", [post for post in HOSTILE_POSTS if post.warns], ids=_id)
def test_mistake_is_reported_at_its_line(hostile: HostileBuild, post: HostilePost) -> None:
    found = hostile.located(f"posts/{post.slug}.md")
    for key, subtype in post.warns:
        assert (post.line_of(key), f"editorial.{subtype}") in found, found


@pytest.mark.parametrize("post", HOSTILE_POSTS, ids=_id)
def test_post_stays_listed_unless_hidden(hostile: HostileBuild, post: HostilePost) -> None:
    listed = f'href="{post.slug}.html"' in hostile.page("posts/index.html")
    assert listed == post.listed


def test_every_valid_post_stays_listed(hostile: HostileBuild) -> None:
    # The pillar's archive is its group in the list of all posts (a pillar is one file).
    index = hostile.page("posts/index.html")
    group_start = index.index(f'id="pilier-{PILLAR}"')
    published = [post.slug for post in hostile.site.posts.values() if not post.draft]
    for slug in [*published, "cycle-a", "cycle-b", "mille-tensions"]:
        assert f'href="{slug}.html"' in index[group_start:], slug


def typography_aside(text: str) -> str:
    """Text without the quotes and spaces that French typography changes."""
    return re.sub(r"[\s\"'«»“”’\u00a0\u202f]+", " ", text).strip()


@pytest.mark.parametrize("name", TEXT_PAYLOADS)
def test_hostile_text_is_shown_as_text(hostile: HostileBuild, name: str) -> None:
    """Lists show the title and the summary exactly as written, as text; nothing to warn about."""
    assert hostile.warnings_for(f"posts/texte-{name}.md") == []
    link = BeautifulSoup(hostile.page("posts/index.html"), "html.parser").find("a", href=f"texte-{name}.html")
    item = link.find_parent("li")
    summary = item.find(class_="editorial-summary")
    assert typography_aside(link.get_text()) == typography_aside(TEXT_PAYLOADS[name])
    assert typography_aside(summary.get_text()) == typography_aside(f"{TEXT_PAYLOADS[name]} (résumé)")
    assert [child.name for child in link.find_all(True)] == ["span"], "the title is one text, no element from it"


def test_no_front_matter_text_becomes_markup(hostile: HostileBuild) -> None:
    """No page (head included) or feed runs a payload: each stays text or a quoted attribute."""
    outdir = hostile.report.outdir
    assert "&lt;script&gt;alert(" in hostile.page("posts/index.html"), "the payload is listed, escaped"
    for page in sorted(outdir.rglob("*.html")):
        assert injected_markup(page.read_text(encoding="utf-8")) == [], page.relative_to(outdir)
    for feed in sorted([*outdir.rglob("*.xml"), *outdir.rglob("*.atom")]):
        assert "<script>" not in feed.read_text(encoding="utf-8"), feed.name
        for element in ElementTree.parse(feed).iter():
            if element.get("type") == "html":
                assert injected_markup(element.text or "") == [], feed.name


def test_two_thousand_unknown_tensions_warn_once(hostile: HostileBuild) -> None:
    warnings = hostile.warnings_for("posts/mille-tensions.md")
    assert [warning.subtype for warning in warnings] == ["editorial.tension"]
    assert len(warnings[0].message) < 1000


def test_post_reference_cycle_resolves_without_warning(hostile: HostileBuild) -> None:
    assert hostile.warnings_for("posts/cycle-a.md") == hostile.warnings_for("posts/cycle-b.md") == []
    assert 'href="cycle-b.html"' in hostile.page("posts/cycle-a.html")
    assert 'href="cycle-a.html"' in hostile.page("posts/cycle-b.html")


def test_odd_vocabulary_ids_are_reported_and_still_link(hostile: HostileBuild) -> None:
    source = odd_pillar().page()
    found = hostile.located("pillars/pilier-bizarre.md")
    for key in ("audience", "tensions", "start_here"):
        assert (key_line(source, key), "editorial.id") in found, found
    pillar_page = hostile.page("pillars/pilier-bizarre.html")
    post_page = hostile.page("posts/ids-bizarres.html")
    anchors = re.findall(r'href="\.\./pillars/pilier-bizarre\.html#([^"]+)"', post_page)
    assert len(anchors) == 3
    for anchor in anchors:
        assert f'id="{anchor}"' in pillar_page, anchor
    assert not re.findall(r'id="[^"]*\s[^"]*"', pillar_page), "an HTML id holds a space"


def test_broken_pillar_fields_are_reported_at_their_lines(hostile: HostileBuild) -> None:
    found = hostile.located("pillars/pilier-casse.md")
    for key, subtype in BROKEN_PILLAR_WARNS:
        assert (key_line(BROKEN_PILLAR, key), f"editorial.{subtype}") in found, found


def test_post_whose_pillar_is_a_post_is_listed_apart(hostile: HostileBuild) -> None:
    index = hostile.page("posts/index.html")
    others = index[index.index('id="sans-pilier"') :]
    assert 'href="pilier-est-un-article.html"' in others


def test_pillar_without_posts_says_so(hostile: HostileBuild) -> None:
    assert hostile.warnings_for("pillars/pilier-vide.md") == []
    assert "editorial-empty" in hostile.page("pillars/pilier-vide.html")


def test_twin_pillar_titles_are_reported_and_both_kept(hostile: HostileBuild) -> None:
    line = key_line(hostile.site.pillars["pilier-jumeau"].page(), "title")
    found = hostile.located("pillars/pilier-jumeau.md")
    assert (line, "editorial.duplicate") in found, found
    assert (hostile.report.outdir / "pillars" / "pilier-jumeau.html").is_file()
