"""Real-world input: characters XML cannot carry, and posts wherever an editor put them.

Each test copies the ``test-editorial`` root, adds what editors paste or
migrate (a Word line break, a Hugo page bundle, a ``.markdown`` file…) and
builds it: the build finishes, every feed and the sitemap are well-formed XML,
each post is listed, and one ``editorial.*`` warning names the file and line.
"""

from __future__ import annotations

import shutil
import zlib
from pathlib import Path
from struct import pack
from xml.etree import ElementTree

import pytest
from bs4 import Tag

from support.building import ROOTS, Build
from support.building import build as build_in_process
from support.reading import links

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

POST = """\
---
title: {title}
date: 2025-05-0{day}
pillar: equipe
summary: {summary}
---

# {heading}

{body}
"""


def post(
    title: str = "Un titre",
    summary: str = '"Un résumé."',
    body: str = "Un paragraphe.",
    day: int = 5,
    heading: str | None = None,
) -> str:
    return POST.format(title=title, summary=summary, body=body, day=day, heading=heading or title)


def build(tmp_path: Path, files: dict[str, str | bytes], builder: str = "html") -> Build:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-editorial", srcdir)
    for name, content in files.items():
        path = srcdir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return build_in_process(srcdir, tmp_path / "build", builder, freshenv=True)


def xml_outputs(site: Build) -> list[Path]:
    return sorted([*site.outdir.glob("feeds/**/*.xml"), site.outdir / "sitemap.xml"])


def assert_well_formed(site: Build) -> None:
    outputs = [path for path in xml_outputs(site) if path.exists()]
    assert any(path.parent.name == "feeds" for path in outputs), "no site feed written"
    for path in outputs:
        ElementTree.parse(path)  # raises on a character XML forbids


def warnings_of(site: Build, kind: str) -> list[tuple[str, int | None, str]]:
    return [(warning.file, warning.line, warning.message) for warning in site.warnings if warning.kind == kind]


def posts_index(site: Build) -> Tag:
    """The list of every post, by pillar (the first ``post-list`` of ``posts/index``)."""
    return site.page("posts/index").select(".editorial-archive")[0]


def listed_slugs(site: Build) -> list[str]:
    return links(posts_index(site))


def listed_hrefs(site: Build) -> list[str]:
    """Addresses of the posts listed on the posts index (the root's index page)."""
    return [anchor["href"] for anchor in posts_index(site).select("a.reference.internal")]


def feed_text(site: Build) -> str:
    return (site.outdir / "feeds" / "atom.xml").read_text(encoding="utf-8")


# -- Characters XML cannot carry ----------------------------------------------------------------

#: Where the character sits → (file content, the line it is on, the character, where its text shows).
CHARACTERS = {
    "word-line-break-in-a-paragraph": (
        post(body="Première ligne\vseconde ligne."),
        10,
        "\x0b",
        "Première ligne seconde ligne.",
    ),
    "nul-in-the-heading": (post(title='"Un titre"', heading="Un\x00 titre"), 8, "\x00", "Un titre"),
    "escape-in-a-yaml-escape": (post(summary='"Un\\e résumé."'), 5, "\x1b", "Un résumé."),
    "lone-surrogate-in-a-yaml-escape": (post(summary='"Un résumé\\ud800."'), 5, "\ud800", "Un résumé."),
    "not-a-character-in-the-title": (post(title='"Un titre\ufffe"', heading="Un titre"), 2, "\ufffe", "Un titre"),
    "form-feed-in-a-list-item": (post(body="- premier\x0cpoint\n- second point"), 10, "\x0c", "premier point"),
}


@pytest.mark.parametrize("case", CHARACTERS)
def test_a_character_xml_forbids_is_one_warning_and_the_build_publishes(tmp_path: Path, case: str) -> None:
    source, line, character, shown = CHARACTERS[case]
    site = build(tmp_path, {"posts/texte-colle.md": source})
    assert site.statuscode == 0
    found = warnings_of(site, "editorial.character")
    assert [(file, number) for file, number, _ in found] == [("posts/texte-colle.md", line)]
    assert f"U+{ord(character):04X}" in found[0][2]
    assert_well_formed(site)
    assert "texte-colle" in listed_slugs(site)
    page = (site.outdir / "posts" / "texte-colle.html").read_text(encoding="utf-8")
    assert character not in page and character not in feed_text(site)
    assert shown in page.replace("\n", " ") or shown in feed_text(site)


def test_every_character_of_a_document_is_named_in_its_one_warning(tmp_path: Path) -> None:
    source = post(body="Un\vdeux.\n\nTrois\x00quatre\v.")
    site = build(tmp_path, {"posts/texte-colle.md": source})
    ((_, line, message),) = warnings_of(site, "editorial.character")
    assert line == 10
    assert "U+000B (lines 10, 12)" in message and "U+0000 (line 12)" in message


def test_an_included_file_is_cleaned_and_named(tmp_path: Path) -> None:
    site = build(
        tmp_path,
        {"posts/avec-inclusion.md": post(body="```{include} inclus.txt\n```"), "posts/inclus.txt": "Texte\vinclus.\n"},
    )
    assert site.statuscode == 0
    assert [(Path(file).name, line) for file, line, _ in warnings_of(site, "editorial.character")] == [
        ("inclus.txt", 1)
    ]
    assert_well_formed(site)


# -- Where posts live ---------------------------------------------------------------------------


def png(width: int = 2, height: int = 2) -> bytes:
    """A small red PNG (the stdlib has no image writer)."""
    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return pack(">I", len(data)) + kind + data + pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


BUNDLE = {
    "posts/deleguer-sans-disparaitre/index.md": post(
        title="Déléguer sans disparaître",
        body="![Le schéma de la délégation](schema.png)\n\nDéléguer, c'est rester joignable.",
    ),
    "posts/deleguer-sans-disparaitre/schema.png": png(),
}


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_a_hugo_page_bundle_is_a_post_with_its_image(tmp_path: Path, builder: str) -> None:
    site = build(tmp_path, BUNDLE, builder)
    assert site.statuscode == 0
    assert site.warnings == []
    page = "posts/deleguer-sans-disparaitre/index.html"
    assert (site.outdir / page).is_file()
    assert any("deleguer-sans-disparaitre/" in href for href in listed_hrefs(site))
    text = (site.outdir / page).read_text(encoding="utf-8")
    assert "editorial-post-header" in text, "the bundle's post has no header"
    feed = feed_text(site)
    assert "<title>Déléguer sans disparaître</title>" in feed
    assert "https://carnet.example.org/_images/schema.png" in feed
    assert (site.outdir / "_images" / "schema.png").is_file()
    # Same feed id as the post had as posts/deleguer-sans-disparaitre.md.
    assert "tag:carnet.example.org,2025-05-05:posts/deleguer-sans-disparaitre</id>" in feed


def test_the_bundle_front_matter_is_checked(tmp_path: Path) -> None:
    site = build(tmp_path, {"posts/sans-pilier/index.md": post().replace("pillar: equipe\n", "pillar: inconnu\n")})
    assert [(warning.file, warning.kind) for warning in site.warnings] == [
        ("posts/sans-pilier/index.md", "editorial.pillar")
    ]


#: A post left where posts do not live → (its files, the file the warning names, the slug listed or None).
MISPLACED = {
    "hugo-translation": ({"posts/retour/index.fr.md": post(title="Retour")}, "posts/retour/index.fr.md", "index.fr"),
    "nested-year-folder": ({"posts/2024/retour.md": post(title="Retour")}, "posts/2024/retour.md", "retour"),
    "markdown-suffix": ({"posts/retour.markdown": post(title="Retour")}, "posts/retour.markdown", None),
    "upper-case-suffix": ({"posts/retour.MD": post(title="Retour")}, "posts/retour.MD", None),
    "hidden-file": ({"posts/.retour.md": post(title="Retour")}, "posts/.retour.md", None),
    "hugo-list-page": (
        {"posts/_index.md": "---\ntitle: Articles\ndate: 2024-01-01\n---\n\n# Articles\n"},
        "posts/_index.md",
        None,
    ),
}


@pytest.mark.parametrize("case", MISPLACED)
def test_a_post_file_is_never_left_out_silently(tmp_path: Path, case: str) -> None:
    files, named, listed = MISPLACED[case]
    srcdir_conf_patch = {
        "conf.py": (ROOTS / "test-editorial" / "conf.py").read_text() + 'exclude_patterns += ["**/.*"]\n'
    }
    site = build(tmp_path, {**files, **srcdir_conf_patch})
    assert site.statuscode == 0
    layout = [(file, line) for file, line, _ in warnings_of(site, "editorial.layout")]
    assert layout == [(named, 1)], site.warnings
    if listed:
        assert listed in listed_slugs(site)
    assert_well_formed(site)


def test_a_bundle_annex_without_front_matter_is_a_page_not_a_post(tmp_path: Path) -> None:
    annex = "---\norphan: true\n---\n\n# Annexe\n\nDes notes.\n"
    site = build(tmp_path, {**BUNDLE, "posts/deleguer-sans-disparaitre/annexe.md": annex})
    assert site.warnings == []
    assert "annexe" not in listed_slugs(site)
