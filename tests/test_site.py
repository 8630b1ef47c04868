"""The real site: it builds cleanly, and its content keeps the editors' contract."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from support.building import PROJECT, run_sphinx_command
from support.reading import article_html, post_sources, visible_text

#: The page as the editors wrote it on the Hugo site (a copy of shared/content/).
ORIGINAL = PROJECT / "tests" / "data" / "le-role-du-cto.original.md"
NINE_SLUGS = {
    "ce-que-porte-un-cto",
    "cto-pas-meilleur-developpeur",
    "responsabilite-technique-vs-organisationnelle",
    "dire-non-quand-tous-attendent-oui",
    "solitude-cto-mythe-realite",
    "ce-que-role-cto-ne-doit-pas-devenir",
    "cto-vs-lead-dev-vp-engineering-differences-role",
    "premiers-jours-cto-reussir-prise-de-poste",
    "vision-technique-roadmap-cto-strategy",
}
PILLAR_SECTIONS = [
    "Intention du pilier",
    "À qui s'adresse ce pilier",
    "Les grandes tensions du rôle",
    "Où commencer",
    "Derniers articles du pilier",
    "Aller plus loin",
]


def front_matter(path: Path) -> tuple[dict, str]:
    _, header, body = path.read_text(encoding="utf-8").split("---", 2)
    return yaml.safe_load(header), body


def test_real_site_builds_without_warning(site_html: Path, site_html_log: str) -> None:
    assert "WARNING" not in site_html_log and "ERROR" not in site_html_log, site_html_log
    assert (site_html / "pillars" / "le-role-du-cto.html").is_file()
    for slug in NINE_SLUGS:
        assert (site_html / "posts" / f"{slug}.html").is_file(), slug


def test_the_nine_posts_exist() -> None:
    assert {path.stem for path in post_sources()} >= NINE_SLUGS


@pytest.mark.parametrize("path", post_sources(), ids=lambda path: path.stem)
def test_post_follows_the_contract(path: Path) -> None:
    values, body = front_matter(path)
    for required in ("title", "date", "pillar", "summary"):
        assert values.get(required), f"{path.name}: missing {required}"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(values["date"]))
    assert (PROJECT / "pillars" / f"{values['pillar']}.md").is_file()
    heading = re.search(r"^# (.+)$", body, re.M)
    assert heading and heading.group(1).strip() == values["title"]
    words = len(re.findall(r"\w+", body))
    assert 700 <= words <= 1400, f"{path.name}: {words} words"
    assert len(set(re.findall(r"\{post\}`(?:[^`<]*<)?([a-z0-9-]+)>?`", body)) - {path.stem}) >= 2


def test_pillar_keeps_the_original_sections_in_order(site_html: Path) -> None:
    original_sections = re.findall(r"^## (.+)$", ORIGINAL.read_text(encoding="utf-8"), re.M)
    assert original_sections == PILLAR_SECTIONS
    text = visible_text(article_html(site_html / "pillars" / "le-role-du-cto.html")).replace("’", "'")
    positions = [text.find(section) for section in PILLAR_SECTIONS]
    assert -1 not in positions and positions == sorted(positions), positions
    for group in (
        "Principalement",
        "Secondairement",
        "Ce que ce pilier n'est pas",
        "Si tu découvres le rôle",
        "Si tu es déjà en poste",
        "Si tu questionnes ta posture",
    ):
        assert group in text


def test_pillar_keeps_every_sentence_of_the_original(site_html: Path) -> None:
    text = visible_text(article_html(site_html / "pillars" / "le-role-du-cto.html"))
    normal = lambda value: re.sub(r"[\s«»\"'’*]+", " ", value).strip()  # noqa: E731
    body = ORIGINAL.read_text(encoding="utf-8").split("---", 2)[2]
    for written in body.splitlines():
        line = re.sub(r"^(#+|-|→)\s*", "", written.strip()).rstrip("\\ ")
        line = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", line)
        if line and set(line) != {"-"}:
            assert normal(line) in normal(text), line


def test_readthedocs_build_uses_the_canonical_url(tmp_path: Path) -> None:
    source = tmp_path / "site"
    shutil.copytree(
        PROJECT,
        source,
        ignore=shutil.ignore_patterns("_build", ".venv", ".git", "tests", ".hypothesis", ".pytest_cache"),
    )
    canonical = "https://example-rtd.readthedocs.io/fr/stable/"
    result = run_sphinx_command(
        source,
        tmp_path / "out",
        "html",
        "-T",
        "-W",
        "--keep-going",
        env={"READTHEDOCS": "True", "READTHEDOCS_CANONICAL_URL": canonical},
        doctreedir=tmp_path / "doctrees",
    )
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "posts" / "dire-non-quand-tous-attendent-oui.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{canonical}posts/dire-non-quand-tous-attendent-oui.html"' in page
