"""Series ("dossiers"): a pillar declares them, posts join them, and the site follows with no other edit.

``tests/roots/test-series``: the pillar "equipe" declares "recruter" (parts 1
and 2 published, part 3 a draft, part 4 dated after the build date), the
pillar "architecture" declares "choisir-sa-base" (two published parts).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support.building import PROJECT, ROOTS, Build, RootBuild, build, run_sphinx_command
from support.metadata import json_ld
from support.reading import first_difference, links, output_files, text_of
from support.sites import PillarSource, PostSource, Site, mark_newer

MARKER_START = "# Page générée par l'extension editorial"


@pytest.fixture(scope="module")
def site(root_build: RootBuild) -> Build:
    return root_build("series")


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_the_site_with_series_builds_without_any_warning(site: Build) -> None:
    assert site.warnings == []
    assert site.statuscode == 0


def test_each_series_has_its_generated_source_and_page(site: Build) -> None:
    source = (site.srcdir / "series" / "recruter.md").read_text(encoding="utf-8")
    assert source.splitlines()[1].startswith(MARKER_START)
    assert "\n# Recruter sans se presser\n" in source
    assert "```{series-page}\n:series: recruter\n```" in source
    assert (site.outdir / "series" / "choisir-sa-base.html").is_file()


def test_the_series_page_lists_its_parts_in_order_and_those_to_come(site: Build) -> None:
    page = site.page("series/recruter")
    assert page.select_one("h1").get_text().startswith("Recruter sans se presser")
    assert "de la fiche de poste au premier mois" in text_of(page.select_one(".editorial-series-summary"))
    parts = page.select("li.editorial-part")
    numbers = [text_of(part.select_one(".editorial-part-number")) for part in parts]
    assert numbers == ["Partie 1", "Partie 2", "Partie 3", "Partie 4"]
    assert links(parts[0]) == ["fiche-de-poste"]
    assert links(parts[1]) == ["entretiens"]
    assert "1er mars 2025" in text_of(parts[0]) and "min de lecture" in text_of(parts[0])
    assert [text_of(part) for part in parts[2:]] == ["Partie 3 À paraître", "Partie 4 À paraître"]
    assert [links(part) for part in parts[2:]] == [[], []]
    assert "Réussir le premier mois" not in text_of(page)


def test_a_part_says_its_place_and_links_its_series(site: Build) -> None:
    header = site.page("posts/entretiens").select_one(".editorial-series-line")
    assert text_of(header) == "Partie 2 sur 4 · Recruter sans se presser"
    assert links(header) == ["recruter"]
    assert site.page("posts/binome").select_one(".editorial-series-line") is None


def test_the_footer_leads_to_the_previous_and_next_parts(site: Build) -> None:
    first = site.page("posts/fiche-de-poste").select_one(".editorial-series-prev-next")
    assert [text_of(item) for item in first.select("li")] == ["Partie suivante Mener les entretiens"]
    second = site.page("posts/entretiens").select_one(".editorial-series-prev-next")
    # Part 3 is a draft: no next part to read yet.
    assert [links(item) for item in second.select("li")] == [["fiche-de-poste"]]
    assert site.page("posts/entretiens").select_one(".editorial-prev-next:not(.editorial-series-prev-next)")


def test_the_pillar_shows_its_series_as_cards(site: Build) -> None:
    cards = site.page("pillars/equipe").select(".editorial-series-card")
    assert [links(card) for card in cards] == [["recruter"]]
    assert "4 parties" in text_of(cards[0])
    assert "Trois temps pour recruter" in text_of(cards[0])


def test_the_sidebar_lists_the_series_under_their_pillar(site: Build) -> None:
    sidebar = _soup(site.outdir / "posts" / "binome.html").select_one(".sidebar-tree")
    pillars = {item.a.get_text(): item for item in sidebar.select("li.toctree-l1")}
    assert [link.get_text() for link in pillars["Architecture"].select(":scope > ul a")] == [
        "Choisir sa base : le dossier"
    ]
    assert [link.get_text() for link in pillars["Faire grandir une équipe"].select(":scope > ul a")] == [
        "Recruter sans se presser"
    ]


def test_json_ld_of_the_series_page_and_its_parts(site: Build) -> None:
    (series,) = json_ld(site.outdir / "series" / "recruter.html")
    assert series["@type"] == "CreativeWorkSeries"
    assert series["name"] == "Recruter sans se presser"
    assert series["url"] == "https://dossiers.example.org/series/recruter.html"
    assert series["inLanguage"] == "fr"
    assert [(part["position"], part["url"]) for part in series["hasPart"]] == [
        (1, "https://dossiers.example.org/posts/fiche-de-poste.html"),
        (2, "https://dossiers.example.org/posts/entretiens.html"),
    ]
    (article,) = json_ld(site.outdir / "posts" / "entretiens.html")
    assert article["@type"] == "Article"
    assert article["isPartOf"] == {
        "@type": "CreativeWorkSeries",
        "name": "Recruter sans se presser",
        "url": "https://dossiers.example.org/series/recruter.html",
    }
    assert article["position"] == 2
    (alone,) = json_ld(site.outdir / "posts" / "binome.html")
    assert "isPartOf" not in alone and "position" not in alone
    json.dumps(series)  # plain JSON, whole


def test_the_sitemap_lists_the_series_pages(site: Build) -> None:
    sitemap = (site.outdir / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://dossiers.example.org/series/recruter.html" in sitemap
    assert "https://dossiers.example.org/series/choisir-sa-base.html" in sitemap
    assert "premier-mois" not in sitemap


def test_dirhtml_and_text_render_the_series(root_build: RootBuild) -> None:
    dirhtml = root_build("series", "dirhtml")
    assert dirhtml.warnings == []
    page = _soup(dirhtml.outdir / "series" / "recruter" / "index.html")
    assert "../../posts/entretiens/" in [link.get("href") for link in page.select(".editorial-series-parts a")]
    text = root_build("series", "text")
    assert text.warnings == []
    series_text = (text.outdir / "series" / "recruter.txt").read_text(encoding="utf-8")
    assert "Partie 3" in series_text and "À paraître" in series_text
    assert "Partie 2 sur 4" in (text.outdir / "posts" / "entretiens.txt").read_text(encoding="utf-8")


# -- the generated sources --------------------------------------------------


def _copy_root(tmp_path: Path) -> Path:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-series", srcdir, ignore=shutil.ignore_patterns("series"))
    conf = srcdir / "conf.py"
    # The copy is no longer three folders below the project: name the extension's folder outright.
    conf.write_text(
        conf.read_text(encoding="utf-8").replace(
            'Path(__file__).resolve().parents[3] / "_ext"', repr(str(PROJECT / "_ext"))
        ),
        encoding="utf-8",
    )
    return srcdir


def test_sources_are_written_only_when_they_change_and_removed_with_their_series(tmp_path: Path) -> None:
    srcdir = _copy_root(tmp_path)
    build(srcdir, tmp_path / "out")
    page = srcdir / "series" / "choisir-sa-base.md"
    written = page.stat().st_mtime_ns
    again = build(srcdir, tmp_path / "out")
    assert page.stat().st_mtime_ns == written
    assert again.read == set()
    pillar = srcdir / "pillars" / "architecture.md"
    pillar.write_text(
        "---\ntype: pillar\ntitle: Architecture\nslug: architecture\n---\n\n# Architecture\n\nSans dossier.\n",
        encoding="utf-8",
    )
    mark_newer(pillar)
    after = build(srcdir, tmp_path / "out")
    assert not page.exists()
    assert (srcdir / "series" / "recruter.md").is_file()
    # Its parts now name an unknown series: warned, still built.
    assert {warning.file for warning in after.warnings} == {"posts/besoins.md", "posts/comparer.md"}


def test_a_file_the_extension_did_not_write_is_left_alone(tmp_path: Path) -> None:
    srcdir = _copy_root(tmp_path)
    mine = srcdir / "series" / "recruter.md"
    mine.parent.mkdir()
    mine.write_text("# Ma page à moi\n\nJe l'ai écrite.\n", encoding="utf-8")
    result = build(srcdir, tmp_path / "out")
    assert mine.read_text(encoding="utf-8") == "# Ma page à moi\n\nJe l'ai écrite.\n"
    assert [(warning.file, warning.line, warning.kind) for warning in result.warnings if "series" in warning.kind] == [
        ("series/recruter.md", 1, "editorial.series")
    ]


# -- warnings ------------------------------------------------------------------


def _bad_site() -> Site:
    site = Site()
    site.pillars["equipe"] = PillarSource(
        "equipe", "Équipe", series=[("recruter", "Recruter", "Trois temps."), ("Mon Dossier", "Mal nommé", "")]
    )
    site.pillars["zeta"] = PillarSource("zeta", "Zeta", series=[("recruter", "Recruter encore", "")])

    def post(slug: str, pillar: str = "equipe", **fields: object) -> None:
        site.posts[slug] = PostSource(slug, f"Article {slug}", "2025-01-01", pillar, **fields)  # type: ignore[arg-type]

    post("un", series="recruter", series_part=1)
    post("un-bis", series="recruter", series_part=1)
    post("trois", series="recruter", series_part=3)
    post("inconnue", series="pas-declaree", series_part=1)
    post("ailleurs", pillar="zeta", series="recruter", series_part=2)
    post("sans-numero", series="recruter")
    post("numero-faux", series="recruter", series_part=0)
    return site


def test_each_series_mistake_warns_at_its_file_and_line(tmp_path: Path) -> None:
    site = _bad_site()
    site.write(tmp_path / "src")
    result = build(tmp_path / "src", tmp_path / "out")
    found = sorted((w.file, w.line, w.kind, w.message) for w in result.warnings if w.kind == "editorial.series")
    where = [(file, line) for file, line, _kind, _message in found]
    messages = " | ".join(message for *_rest, message in found)
    assert ("posts/inconnue.md", 8) in where and "unknown series 'pas-declaree'" in messages
    assert ("posts/ailleurs.md", 8) in where and "belongs to pillar 'equipe'" in messages
    assert ("posts/un-bis.md", 9) in where and "already claimed by posts/un" in messages
    assert ("posts/trois.md", 9) in where and "part 2 is missing" in messages
    assert ("posts/sans-numero.md", 8) in where and "needs 'series_part'" in messages
    assert ("posts/numero-faux.md", 9) in where and "whole number from 1, got a number (0)" in messages
    assert "pillars/zeta.md" in [file for file, *_rest in found] and "already declared by pillars/equipe" in messages
    assert "'Mon Dossier' should be lower-case" in messages
    # Nothing lost: every post still builds, with a bad series field or not.
    for slug in site.posts:
        assert (result.outdir / "posts" / f"{slug}.html").is_file()


def test_series_with_two_processes_equal_a_serial_build(tmp_path: Path) -> None:
    srcdir = _copy_root(tmp_path)
    serial = run_sphinx_command(srcdir, tmp_path / "j1", "html", "-E", "-W", "-j", "1")
    parallel = run_sphinx_command(srcdir, tmp_path / "j2", "html", "-E", "-W", "-j", "2")
    assert serial.returncode == parallel.returncode == 0, serial.stderr + parallel.stderr
    difference = first_difference(output_files(tmp_path / "j2"), output_files(tmp_path / "j1"))
    assert not difference, difference


def test_a_part_to_come_that_changes_rewrites_the_pages_that_count_it(tmp_path: Path) -> None:
    """A draft is no document: editing it re-reads nothing, yet its series' page and parts follow."""
    srcdir = _copy_root(tmp_path)
    build(srcdir, tmp_path / "out")
    draft = srcdir / "posts" / "premier-mois.md"
    draft.write_text(draft.read_text(encoding="utf-8").replace("series_part: 3", "series_part: 5"), encoding="utf-8")
    mark_newer(draft)
    after = build(srcdir, tmp_path / "out")
    assert after.read == set()
    assert {"series/recruter", "posts/entretiens", "posts/fiche-de-poste", "pillars/equipe"} <= after.written
    assert text_of(after.page("posts/entretiens").select_one(".editorial-series-line")).startswith("Partie 2 sur 5")
    numbers = [text_of(number) for number in after.page("series/recruter").select(".editorial-part-number")]
    assert numbers == ["Partie 1", "Partie 2", "Partie 4", "Partie 5"]


def test_a_pillar_that_inherits_a_series_lists_it_in_the_sidebar_after_an_incremental_build(tmp_path: Path) -> None:
    """Two pillars declare one id: the first owns its page; when it lets go, the other lists it, unedited."""
    site = Site()
    site.pillars["alpha"] = PillarSource("alpha", "Alpha", series=[("dossier", "Le dossier d'Alpha", "")])
    site.pillars["beta"] = PillarSource("beta", "Bêta", series=[("dossier", "Le dossier de Bêta", "")])
    site.write(tmp_path / "src")
    build(tmp_path / "src", tmp_path / "incremental")
    site.pillars["alpha"].series = []
    site.write(tmp_path / "src")
    incremental = build(tmp_path / "src", tmp_path / "incremental")
    clean = build(tmp_path / "src", tmp_path / "clean")
    difference = first_difference(output_files(incremental.outdir), output_files(clean.outdir))
    assert not difference, difference
    sidebar = _soup(clean.outdir / "index.html").select_one(".sidebar-tree")
    pillars = {item.a.get_text(): item for item in sidebar.select("li.toctree-l1")}
    assert [link.get_text() for link in pillars["Bêta"].select(":scope > ul a")] == ["Le dossier de Bêta"]


def test_a_label_is_text_never_markup(tmp_path: Path) -> None:
    label = "Le *vrai* [dossier](https://exemple.org) <b>gras</b> `code` # 1"
    site = Site()
    site.pillars["alpha"] = PillarSource("alpha", "Alpha", series=[("dossier", label, "Un résumé.")])
    site.write(tmp_path / "src")
    result = build(tmp_path / "src", tmp_path / "out")
    assert result.warnings == []
    page = result.page("series/dossier")
    assert page.select_one("h1").get_text().rstrip("¶#") == label
    assert page.select_one("h1 a[href^='https'], h1 em, h1 b, h1 code") is None
