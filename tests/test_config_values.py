"""Every ``editorial_*`` setting is read at ``config-inited``: a bad value stops the build at once.

Values arrive as ``-D`` gives them (text), or as ``conf.py`` writes them;
each refusal is one ``ConfigError`` naming the setting and the expected form.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sphinx.errors import ConfigError

from editorial.config import SETTINGS, build_date, configured_today
from support.building import run_sphinx_command

ROOT = Path(__file__).resolve().parent / "roots" / "test-editorial"
EXPECTED = {setting.name: setting.expected for setting in SETTINGS}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A one-page project with the extension: enough to read its configuration."""
    source = tmp_path / "src"
    source.mkdir()
    (source / "conf.py").write_text('extensions = ["myst_parser", "editorial"]\nlanguage = "fr"\n', encoding="utf-8")
    (source / "index.md").write_text("# Accueil\n", encoding="utf-8")
    return source


def start(make_app: Any, project: Path, **overrides: object) -> Any:
    return make_app("html", srcdir=project, confoverrides=overrides)


def test_an_impossible_build_date_stops_before_any_document_is_read(tmp_path: Path) -> None:
    """The issue's example: ``-D editorial_today=2025-13-01`` crashed in ``env-get-updated``."""
    result = run_sphinx_command(ROOT, tmp_path / "out", "html", "-E", "-D", "editorial_today=2025-13-01")

    assert result.returncode != 0
    assert "Configuration error" in result.stderr
    assert f"editorial_today should be {EXPECTED['editorial_today']}; got '2025-13-01'" in result.stderr
    assert "env-get-updated" not in result.stderr and "reading sources" not in result.stdout


@pytest.mark.parametrize(
    ("name", "given"),
    [
        ("editorial_today", "2025-02-30"),
        ("editorial_today", "01/03/2025"),
        ("editorial_today", "2025-3-1"),
        ("editorial_today", "demain"),
        ("editorial_latest_limit", "abc"),  # Sphinx alone warns and keeps conf.py's value
        ("editorial_latest_limit", "0"),
        ("editorial_latest_limit", "2.5"),
        ("editorial_show_drafts", "maybe"),
        ("editorial_show_drafts", "oui"),
        ("editorial_words_per_minute", "0"),
        ("editorial_words_per_minute", "-220"),
        ("editorial_words_per_minute", "100000"),
        ("editorial_feed_limit", "-1"),
        ("editorial_feed_limit", "vingt"),
        ("editorial_posts_dir", ""),
        ("editorial_posts_dir", "../posts"),
        ("editorial_pillars_dir", "/srv/pillars"),
        ("editorial_feeds_dir", "flux/../.."),
        ("editorial_feeds_dir", "/"),
    ],
)
def test_a_bad_value_from_the_command_line_names_the_setting_and_its_form(
    make_app: Any, project: Path, name: str, given: str
) -> None:
    with pytest.raises(ConfigError) as refusal:
        start(make_app, project, **{name: given})

    assert str(refusal.value) == f"The setting {name} should be {EXPECTED[name]}; got {given!r}"


@pytest.mark.parametrize(
    ("name", "given"),
    [
        ("editorial_latest_limit", True),
        ("editorial_latest_limit", 2.0),
        ("editorial_show_drafts", "False"),
        ("editorial_show_drafts", 2),
        ("editorial_today", date(2026, 1, 1)),
        ("editorial_posts_dir", None),
        ("editorial_feed_limit", None),
    ],
)
def test_a_value_of_the_wrong_type_in_conf_py_is_refused(
    make_app: Any, project: Path, name: str, given: object
) -> None:
    with pytest.raises(ConfigError, match=f"^The setting {name} should be "):
        start(make_app, project, **{name: given})


@pytest.mark.parametrize(
    ("posts", "pillars"), [("posts", "posts"), ("posts/", "posts"), ("contenu", "contenu/piliers")]
)
def test_posts_and_pillars_need_two_separate_folders(make_app: Any, project: Path, posts: str, pillars: str) -> None:
    with pytest.raises(
        ConfigError, match="editorial_posts_dir and editorial_pillars_dir should name two separate folders"
    ):
        start(make_app, project, editorial_posts_dir=posts, editorial_pillars_dir=pillars)


def test_good_values_from_the_command_line_reach_the_extension_as_numbers_flags_and_a_date(
    make_app: Any, project: Path
) -> None:
    app = start(
        make_app,
        project,
        editorial_latest_limit="5",
        editorial_show_drafts="1",
        editorial_feed_limit="0",
        editorial_words_per_minute="300",
        editorial_today="2026-02-28",
        editorial_posts_dir="blog/billets/",
    )
    config = app.config

    assert (config.editorial_latest_limit, config.editorial_show_drafts, config.editorial_feed_limit) == (5, True, 0)
    assert config.editorial_words_per_minute == 300 and config.editorial_posts_dir == "blog/billets/"
    assert configured_today(config) == build_date(app.env) == date(2026, 2, 28)
    assert "WARNING" not in app.warning.getvalue()


def test_an_empty_build_date_means_the_day_of_the_build(make_app: Any, project: Path) -> None:
    app = start(make_app, project, editorial_today="")

    assert configured_today(app.config) is None
    assert build_date(app.env) == date.today()
