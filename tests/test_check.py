"""``make check``'s internal link check, on a small hand-written site."""

from __future__ import annotations

import sys
from pathlib import Path

from support.building import PROJECT

sys.path.insert(0, str(PROJECT / "tools"))

import check


def write_site(root: Path, pages: dict[str, str]) -> Path:
    for name, body in pages.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<!DOCTYPE html><html><body>{body}</body></html>", encoding="utf-8")
    return root


def test_every_kind_of_broken_internal_link_is_reported(tmp_path: Path) -> None:
    site = write_site(
        tmp_path,
        {
            "index.html": (
                '<a href="posts/">liste</a> <a href="posts/un/#suite">ancre</a> <a href="#haut">haut</a>'
                '<a href="posts/deux/">absent</a> <a href="posts/un/#nulle-part">ancre absente</a>'
                '<a href="https://example.org/x">externe</a> <a href="mailto:a@b.c">courriel</a>'
                '<link rel="stylesheet" href="_static/manque.css?v=1"><span id="haut"></span>'
            ),
            "posts/index.html": '<a href="../">accueil</a> <a href="/posts/un/?pilier=x">absolu</a> <a href="../../hors.html">dehors</a>',
            "posts/un/index.html": '<h2 id="suite">Suite</h2><a name="ancien"></a><a href="../../index.html#haut">retour</a> <a href="#ancien">ancien</a>',
        },
    )

    pages, checked, broken = check.broken_links(site)

    assert pages == 3 and checked == 6 + 3 + 2  # the external and mailto links are not checked
    assert {(link.page, link.href) for link in broken} == {
        ("index.html", "posts/deux/"),
        ("index.html", "posts/un/#nulle-part"),
        ("index.html", "_static/manque.css?v=1"),
        ("posts/index.html", "../../hors.html"),
    }
    reasons = {link.href: link.reason for link in broken}
    assert "nulle-part" in reasons["posts/un/#nulle-part"] and "posts/un/index.html" in reasons["posts/un/#nulle-part"]


def test_the_summary_says_what_to_fix_in_french() -> None:
    broken = [check.BrokenLink("index.html", "posts/deux/", "fichier introuvable (posts/deux/index.html)")]
    warning = "posts/x.md:3: WARNING: 'date' should be written YYYY-MM-DD, got '3 mars' [editorial.date]"

    failing = "\n".join(check.summary(1, [warning], 3, 12, broken))
    passing = "\n".join(check.summary(0, [], 3, 12, []))

    assert "1 avertissement à corriger" in failing and warning in failing and "[editorial.date]" in failing
    assert "1 lien cassé sur 12 (3 pages)" in failing and "index.html → posts/deux/" in failing
    assert failing.endswith("À corriger avant de publier.")
    assert "aucun avertissement" in passing and "12 liens vérifiés dans 3 pages" in passing
    assert passing.endswith("Tout est bon.")
