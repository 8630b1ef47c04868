"""``make post`` and ``make check`` refuse in one French sentence, never with a traceback.

Every refusal exits with a non-zero status and writes nothing; the sentence
says what was wrong and what to type instead.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support.building import PROJECT

sys.path.insert(0, str(PROJECT / "tools"))

import check
import new_post

PILLAR = "le-role-du-cto"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """The site's configuration, pillars and posts, so that drafts never land in the real posts/."""
    root = tmp_path / "site"
    root.mkdir()
    shutil.copy(PROJECT / "conf.py", root / "conf.py")
    for folder in ("pillars", "posts"):
        shutil.copytree(PROJECT / folder, root / folder)
    return root


def files(root: Path) -> list[Path]:
    return sorted(root.rglob("*"))


def refusal_of(site: Path, slug: str, pillar: str = PILLAR) -> str:
    """Run ``make post``'s command as the Makefile does; the single line it prints (nothing written)."""
    before = files(site)
    command = [
        sys.executable,
        str(PROJECT / "tools" / "new_post.py"),
        f"--slug={slug}",
        f"--pillar={pillar}",
        f"--root={site}",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert files(site) == before
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def refused_in_process(
    site: Path, capsys: pytest.CaptureFixture[str], slug: str = "mon-article", pillar: str = PILLAR
) -> str:
    before = files(site)
    assert new_post.main([f"--slug={slug}", f"--pillar={pillar}", "--date=2025-12-01", f"--root={site}"]) == 1
    assert files(site) == before
    error = capsys.readouterr().err.strip()
    assert "\n" not in error and "Traceback" not in error
    return error


def test_a_slug_of_two_hyphens_is_refused_in_a_sentence(site: Path) -> None:
    """The issue's example: ``make post SLUG=-- PILLAR=le-role-du-cto`` ended in a traceback."""
    message = refusal_of(site, "--")
    assert message.startswith("Le slug « -- » n'est pas valable : ")
    assert "minuscules" in message and "« mon-article »" in message


@pytest.mark.parametrize(
    ("slug", "suggestion"),
    [
        ("mon-article.md", "mon-article"),  # the other example: it suggested mon-article-md
        ("Mon-Article.MD", "mon-article"),
        ("posts/mon-article.md", "mon-article"),
        ("Été indien", "ete-indien"),
        ("mon_article", "mon-article"),
    ],
)
def test_a_slug_written_as_a_file_or_a_title_gets_the_slug_it_meant(site: Path, slug: str, suggestion: str) -> None:
    message = refusal_of(site, slug)
    assert message.startswith(f"Le slug « {slug} » n'est pas valable : ")
    assert message.endswith(f"essaie « {suggestion} ».")


@pytest.mark.parametrize("slug", ["...", "«»", "-", "—"])
def test_a_slug_of_punctuation_only_is_refused_with_an_example(site: Path, slug: str) -> None:
    assert refusal_of(site, slug).endswith("par exemple « mon-article ».")


def test_an_empty_slug_and_index_are_refused(site: Path) -> None:
    assert refusal_of(site, "").startswith("Il manque le slug de l'article : écris par exemple make post SLUG=")
    assert "réservé" in refusal_of(site, "index")


def test_a_slug_taken_by_a_page_bundle_is_refused(site: Path) -> None:
    """Hugo's ``posts/<slug>/index.md`` holds the slug's address as much as ``posts/<slug>.md``."""
    bundle = site / "posts" / "mon-article" / "index.md"
    bundle.parent.mkdir()
    bundle.write_text("---\ntitle: Ancien\n---\n# Ancien\n", encoding="utf-8")

    message = refusal_of(site, "mon-article")

    assert (
        message
        == "Le slug « mon-article » est déjà pris : posts/mon-article/ existe déjà ; choisis un autre slug, rien n'a été modifié."
    )


@pytest.mark.parametrize(
    ("pillar", "expected"),
    [
        ("archives", "pilier inconnu ; "),
        ("Le-Role-Du-CTO", "tu voulais sans doute « le-role-du-cto »"),
        ("", "Il manque le pilier"),
    ],
)
def test_an_unknown_or_missing_pillar_lists_the_known_ones(site: Path, pillar: str, expected: str) -> None:
    message = refusal_of(site, "mon-article", pillar)
    assert expected in message and PILLAR in message


def test_a_pillar_with_broken_front_matter_says_where(site: Path) -> None:
    (site / "pillars" / "equipe.md").write_text(
        "---\ntype: pillar\ntitle: [Équipe\n---\n\n# Équipe\n", encoding="utf-8"
    )

    message = refusal_of(site, "mon-article", "equipe")

    assert message.startswith(
        "Le pilier « equipe » ne peut pas servir : l'en-tête de pillars/equipe.md est illisible (ligne "
    )
    assert refusal_of(site, "mon-article", "autre").endswith(f"les piliers disponibles sont : {PILLAR}.")


def test_a_page_that_is_no_pillar_or_cannot_be_decoded_is_named(site: Path) -> None:
    (site / "pillars" / "notes.md").write_text("---\ntitle: Notes\n---\n# Notes\n", encoding="utf-8")
    (site / "pillars" / "latin.md").write_bytes("---\ntype: pillar\ntitle: Équipe\n---\n".encode("latin-1"))

    assert "n'est pas une page de pilier" in refusal_of(site, "mon-article", "notes")
    assert "pillars/latin.md ne se lit pas (UnicodeDecodeError)" in refusal_of(site, "mon-article", "latin")


@pytest.mark.parametrize(
    ("conf", "expected"),
    [
        ('editorial_posts_dir = "posts"\nhtml_theme = (\n', "Le fichier conf.py ne se lit pas (ligne "),
        (
            'editorial_posts_dir = "../ailleurs"\n',
            "Le réglage editorial_posts_dir de conf.py (« ../ailleurs ») n'est pas valable",
        ),
        ('editorial_pillars_dir = "piliers"\n', "Le dossier des piliers « piliers » n'existe pas"),
    ],
)
def test_a_configuration_the_tool_cannot_follow_is_refused(site: Path, conf: str, expected: str) -> None:
    (site / "conf.py").write_text(conf, encoding="utf-8")
    assert refusal_of(site, "mon-article").startswith(expected)


def test_a_missing_posts_folder_is_refused(site: Path) -> None:
    shutil.rmtree(site / "posts")
    assert refusal_of(site, "mon-article").startswith("Le dossier des articles « posts » n'existe pas")


def test_a_folder_it_may_not_write_in_is_refused(
    site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a read-only ``posts/`` does (permissions are ignored when the tests run as root)."""
    opened = Path.open

    def read_only(path: Path, mode: str = "r", *args: object, **kwargs: object):
        if "x" in mode:
            raise PermissionError(13, "Permission denied", str(path))
        return opened(path, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", read_only)
    message = refused_in_process(site, capsys)
    assert (
        message
        == "Je ne peux pas écrire posts/mon-article.md : tu n'as pas le droit d'écrire dans le dossier posts, rien n'a été créé."
    )


def test_an_unforeseen_error_is_one_sentence_with_its_class(
    site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> str:
        raise RuntimeError("panne")

    monkeypatch.setattr(new_post, "post_text", broken)
    message = refused_in_process(site, capsys)
    assert message.startswith("make post s'est arrêté sur une erreur imprévue (RuntimeError : panne)")


def test_a_date_that_does_not_exist_is_refused_in_french(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        new_post.main(["--slug=mon-article", f"--pillar={PILLAR}", "--date=2025-13-01", f"--root={site}"])
    assert stop.value.code == 2
    assert "« 2025-13-01 » n'est pas une date AAAA-MM-JJ qui existe" in capsys.readouterr().err


# make check ------------------------------------------------------------------------------------


def project_with(tmp_path: Path, conf: str) -> Path:
    """A one-page project whose ``conf.py`` adds ``conf`` to the extension's."""
    root = tmp_path / "projet"
    root.mkdir()
    header = f"import sys\nsys.path.insert(0, {str(PROJECT / '_ext')!r})\nextensions = ['myst_parser', 'editorial']\n"
    (root / "conf.py").write_text(header + conf, encoding="utf-8")
    (root / "index.md").write_text("# Accueil\n", encoding="utf-8")
    return root


def check_refusal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """``make check`` on the project ``check.PROJECT`` names: its single French line (no summary)."""
    assert check.main(["--outdir", str(tmp_path / "check")]) == 1
    output = capsys.readouterr()
    assert output.out == "" and "Traceback" not in output.err
    lines = output.err.strip().splitlines()
    assert len(lines) == 1, output.err
    return lines[0]


def test_check_with_a_configuration_error_says_it_in_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(check, "PROJECT", project_with(tmp_path, "editorial_today = '2025-13-01'\n"))
    message = check_refusal(tmp_path, capsys)
    assert message.startswith(
        "Le build n'a pas pu aller au bout, la configuration est refusée : The setting editorial_today should be "
    )
    assert "got '2025-13-01'" in message


def test_check_with_a_missing_extension_says_it_in_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(check, "PROJECT", project_with(tmp_path, "extensions.append('extension_absente')\n"))
    message = check_refusal(tmp_path, capsys)
    assert message.startswith(
        "Le build n'a pas pu aller au bout, une extension n'a pas pu se charger ou s'est arrêtée : "
    )
    assert "extension_absente" in message


def test_check_without_sphinx_or_python_says_how_to_install(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *args: None if name == "sphinx" else find_spec(name, *args)
    )
    assert check_refusal(tmp_path, capsys).startswith("Sphinx n'est pas installé pour ")
    monkeypatch.undo()

    monkeypatch.setattr(sys, "executable", str(tmp_path / "venv-disparu" / "python"))
    assert check_refusal(tmp_path, capsys).startswith(
        "Le build ne peut pas se lancer (No such file or directory) : recrée l'environnement avec make venv"
    )
