"""Read the Docs' build, reproduced by ``tools/rtd_build.py``, and the guard on the site's language.

Read the Docs runs ``python -m sphinx -T -W --keep-going -b dirhtml -d _build/doctrees
-D language=<the project's Language setting> . $READTHEDOCS_OUTPUT/html``: the
``-D language=`` overrides ``conf.py``'s ``language``, so a project left on
the default English would publish the French site as English, under ``/en/latest/``.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sphinx.errors import ConfigError

from support.building import PROJECT
from support.metadata import links, meta

SCRIPT = PROJECT / "tools" / "rtd_build.py"
CANONICAL = "https://leadership-technique.readthedocs.io/fr/latest/"
FIX = "sur Read the Docs, règle la langue du projet dans Admin → Settings → Language : French (fr)"
_LOC = re.compile(r"<loc>(?P<url>[^<]+)</loc>")


def rtd_build(output: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """The script as ``make check`` runs it, on the current Python (the fast path)."""
    command = [sys.executable, str(SCRIPT), "--python", "current", "--output", str(output), *options]
    return subprocess.run(command, capture_output=True, text=True, check=False, cwd=PROJECT)


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    output = tmp_path_factory.mktemp("rtd")
    return output / "html", rtd_build(output)


def test_the_read_the_docs_build_passes_with_no_warning(
    production: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    _, result = production
    assert result.returncode == 0, result.stderr[-3000:]
    assert "WARNING" not in result.stderr and "ERROR" not in result.stderr
    assert "-T -W --keep-going -b dirhtml" in result.stderr and "-D language=fr" in result.stderr  # the command, shown


def test_the_pages_are_french_and_addressed_under_fr_latest(
    production: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    site, _ = production
    for page in (site / "index.html", site / "posts" / "index.html"):
        assert re.search(r'<html[^>]*\slang="fr"', page.read_text(encoding="utf-8")), page
        (canonical,) = links(page, "canonical")
        assert canonical["href"].startswith(CANONICAL), canonical
        assert meta(page, "og:url")[0].startswith(CANONICAL)
    sitemap = _LOC.findall((site / "sitemap.xml").read_text(encoding="utf-8"))
    assert sitemap and all(url.startswith(CANONICAL) for url in sitemap)
    feed = (site / "feeds" / "atom.xml").read_text(encoding="utf-8")
    assert f'href="{CANONICAL}' in feed and "/en/" not in feed


def test_a_build_asked_in_english_stops_with_the_one_sentence_that_names_the_fix(tmp_path: Path) -> None:
    result = rtd_build(tmp_path, "--language", "en")

    assert result.returncode == 2  # Sphinx's status for a configuration error
    assert FIX in result.stderr
    assert "reading sources" not in result.stdout and not (tmp_path / "html" / "index.html").exists()


@pytest.fixture
def french_project(tmp_path: Path) -> Path:
    source = tmp_path / "src"
    source.mkdir()
    (source / "conf.py").write_text(
        'extensions = ["myst_parser", "editorial"]\nlanguage = "fr"\neditorial_language = "fr"\n', encoding="utf-8"
    )
    (source / "index.md").write_text("# Accueil\n", encoding="utf-8")
    return source


@pytest.mark.parametrize("asked", ["en", "de", "pt_BR"])
def test_any_other_language_stops_at_config_inited(make_app: Any, french_project: Path, asked: str) -> None:
    with pytest.raises(ConfigError) as refusal:
        make_app("html", srcdir=french_project, confoverrides={"language": asked})

    message = str(refusal.value)
    assert message.count(". ") == 0 and message.endswith("puis relance le build.")  # one sentence
    assert f"language={asked}" in message and FIX in message


def test_the_site_language_and_a_site_without_the_setting_build(make_app: Any, french_project: Path) -> None:
    make_app("html", srcdir=french_project, confoverrides={"language": "fr"})
    (french_project / "conf.py").write_text('extensions = ["myst_parser", "editorial"]\n', encoding="utf-8")
    app = make_app("html", srcdir=french_project, confoverrides={"language": "en"})  # no editorial_language: any
    assert app.config.language == "en"


@pytest.mark.parametrize("given", ["français", "fr fr", "FR-fr-x", 3])
def test_a_malformed_site_language_is_refused(make_app: Any, french_project: Path, given: object) -> None:
    with pytest.raises(ConfigError, match=r"^The setting editorial_language should be "):
        make_app("html", srcdir=french_project, confoverrides={"editorial_language": given})
