"""Feed entry ids that do not depend on the address the site is served from.

A feed reader shows an entry whose id it has never seen as new: ids made
from the host of ``html_baseurl`` would show every post again the day the
site moves from ``readthedocs.io`` to its own domain.
``editorial_feed_id_authority`` names a tag URI authority chosen once.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from sphinx.errors import ConfigError

from support.building import RootBuild

AUTHORITY = "carnet.example.org,2025"
_ENTRY_ID = re.compile(r"<entry>.*?<id>(?P<id>[^<]+)</id>", re.S)


def entry_ids(outdir: Path) -> list[str]:
    return _ENTRY_ID.findall((outdir / "feeds" / "atom.xml").read_text(encoding="utf-8"))


def test_two_addresses_give_the_same_entry_ids(root_build: RootBuild) -> None:
    on_rtd = root_build(
        "editorial",
        "dirhtml",
        html_baseurl="https://carnet.readthedocs.io/fr/latest/",
        editorial_feed_id_authority=AUTHORITY,
    )
    own_domain = root_build(
        "editorial", "dirhtml", html_baseurl="https://carnet.fr/", editorial_feed_id_authority=AUTHORITY
    )

    ids = entry_ids(on_rtd.outdir)
    assert ids and ids == entry_ids(own_domain.outdir)
    assert all(re.fullmatch(rf"tag:{re.escape(AUTHORITY)}:posts/[a-z0-9-]+", entry_id) for entry_id in ids), ids
    assert "carnet.fr/" in (own_domain.outdir / "feeds" / "atom.xml").read_text(encoding="utf-8")  # links do move


def test_without_the_setting_ids_follow_the_host_and_the_post_date(root_build: RootBuild) -> None:
    ids = entry_ids(root_build("editorial", "dirhtml", html_baseurl="https://carnet.fr/").outdir)
    assert ids and all(re.fullmatch(r"tag:carnet\.fr,\d{4}-\d{2}-\d{2}:posts/[a-z0-9-]+", entry_id) for entry_id in ids)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    source = tmp_path / "src"
    source.mkdir()
    (source / "conf.py").write_text('extensions = ["myst_parser", "editorial"]\n', encoding="utf-8")
    (source / "index.md").write_text("# Accueil\n", encoding="utf-8")
    return source


@pytest.mark.parametrize(
    "given", ["example.org,2025", "example.org,2025-04", "example.org,2025-04-01", "moi@example.org,2025"]
)
def test_an_authority_and_a_date_are_taken(make_app: Any, project: Path, given: str) -> None:
    app = make_app("html", srcdir=project, confoverrides={"editorial_feed_id_authority": given})
    assert app.config.editorial_feed_id_authority == given


@pytest.mark.parametrize(
    "given",
    [
        "example.org",
        "https://example.org/",
        "example.org,25",
        "example.org,2025-13",
        "Example.org,2025",
        "localhost,2025",
        2025,
    ],
)
def test_a_malformed_authority_is_refused_before_reading(make_app: Any, project: Path, given: object) -> None:
    with pytest.raises(ConfigError, match=r"^The setting editorial_feed_id_authority should be a domain name"):
        make_app("html", srcdir=project, confoverrides={"editorial_feed_id_authority": given})
