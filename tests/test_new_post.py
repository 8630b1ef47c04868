"""``make post``: a new draft follows the contract, builds once written, and never overwrites."""

from __future__ import annotations

import re
import shutil
import sys
from datetime import date
from pathlib import Path

import pytest

from support.building import PROJECT, run_sphinx_command

sys.path.insert(0, str(PROJECT / "tools"))

import new_post
from editorial.frontmatter import read_front_matter
from editorial.model import read_pillar, read_post

PILLAR = "le-role-du-cto"
DAY = date(2025, 12, 1)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A copy of the site's sources, so that drafts never land in the real posts/."""
    source = tmp_path / "site"
    shutil.copytree(
        PROJECT,
        source,
        ignore=shutil.ignore_patterns(
            "_build", ".venv", ".git", "tests", "bench", ".hypothesis", ".pytest_cache", "__pycache__"
        ),
    )
    return source


def create(site: Path, slug: str, pillar: str = PILLAR) -> int:
    return new_post.main([f"--slug={slug}", f"--pillar={pillar}", f"--date={DAY.isoformat()}", f"--root={site}"])


def the_pillar(site: Path):
    front_matter = read_front_matter((site / "pillars" / f"{PILLAR}.md").read_text(encoding="utf-8"))
    return read_pillar(f"pillars/{PILLAR}", front_matter.values, front_matter.lines, "")[0]


def commented_ids(text: str, field: str) -> list[str]:
    """The ids listed in the comment lines (``#   id  label``) just above ``field:``."""
    above = text.split(f"\n{field}:", 1)[0].splitlines()
    ids: list[str] = []
    while above and above[-1].startswith("#   "):
        ids.insert(0, above.pop().split()[1])
    return ids


def test_a_new_post_is_a_valid_draft_of_its_pillar(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert create(site, "mon-premier-article") == 0
    path = site / "posts" / "mon-premier-article.md"
    assert "posts/mon-premier-article.md" in capsys.readouterr().out
    text = path.read_text(encoding="utf-8")
    front_matter = read_front_matter(text)
    heading = re.search(r"^# (.+)$", text.split("---", 2)[2], re.M)
    post, problems = read_post(
        "posts/mon-premier-article", front_matter.values, front_matter.lines, heading[1] if heading else "", 10
    )
    assert problems == []
    assert (post.pillar, post.date, post.draft) == (PILLAR, DAY, True)
    assert post.title == heading[1] and post.summary
    pillar = the_pillar(site)
    assert commented_ids(text, "audience") == [entry.id for entry in pillar.audiences]
    assert commented_ids(text, "tensions") == [entry.id for entry in pillar.tensions]
    assert commented_ids(text, "# start_here") == [entry.id for entry in pillar.start_here]
    assert re.search(r"^# start_here: (\S+)$", text, re.M)[1] == pillar.start_here[0].id
    # The site's authors, listed by id above a line to uncomment.
    authors = sorted(path.stem for path in (site / "authors").glob("*.md") if path.stem != "index")
    assert authors and commented_ids(text, "# author") == authors
    assert re.search(r"^# author: (\S+)$", text, re.M)[1] == authors[0]


@pytest.mark.slow
def test_the_written_post_builds_without_warning_and_shows_in_previews(site: Path, tmp_path: Path) -> None:
    assert create(site, "mon-premier-article") == 0
    path = site / "posts" / "mon-premier-article.md"
    draft = path.read_text(encoding="utf-8")
    audience, tension, entry, author = (
        commented_ids(draft, field)[0] for field in ("audience", "tensions", "# start_here", "# author")
    )
    title = "Ce que j'ai appris en disant non"
    front_matter = draft.partition("\n---\n")[0]  # the closing fence; the body is rewritten below
    front_matter = (
        front_matter.replace(re.search(r'^title: "(.+)"$', draft, re.M)[1], title)
        .replace(
            re.search(r'^summary: "(.+)"$', draft, re.M)[1],
            "Un refus bien posé protège l'équipe sans fermer la discussion.",
        )
        .replace("audience: []", f"audience: [{audience}]")
        .replace("tensions: []", f"tensions: [{tension}]")
        .replace(f"# start_here: {entry}", f"start_here: {entry}")
        .replace(re.search(r"^# author: .+$", draft, re.M)[0], f"author: {author}")
    )
    assert f"\nstart_here: {entry}\n" in front_matter + "\n"
    body = f"# {title}\n\nTu as dit non en comité.\nVoici ce que cela a changé, pour toi et pour l'équipe.\n"
    path.write_text(f"{front_matter}\n---\n\n{body}", encoding="utf-8")

    result = run_sphinx_command(
        site, tmp_path / "out", "html", "-n", "-W", "--keep-going", "-D", "editorial_show_drafts=1"
    )

    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    pillar_page = (tmp_path / "out" / "pillars" / f"{PILLAR}.html").read_text(encoding="utf-8")
    latest = pillar_page[pillar_page.index("editorial-latest") :]
    assert 'href="../posts/mon-premier-article.html"' in latest.split("</section>", 1)[0]
    post_page = (tmp_path / "out" / "posts" / "mon-premier-article.html").read_text(encoding="utf-8")
    assert f'href="../authors/{author}.html"' in post_page  # the author uncommented signs the post


def test_an_existing_slug_is_refused_and_the_file_kept(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    existing = site / "posts" / "dire-non-quand-tous-attendent-oui.md"
    before = existing.read_bytes()
    assert create(site, "dire-non-quand-tous-attendent-oui") == 1
    assert "existe déjà" in capsys.readouterr().err
    assert existing.read_bytes() == before


def test_an_unknown_pillar_is_refused_with_the_known_ones(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert create(site, "mon-article", pillar="archives") == 1
    error = capsys.readouterr().err
    assert "pilier inconnu" in error and PILLAR in error
    assert not (site / "posts" / "mon-article.md").exists()


@pytest.mark.parametrize(
    "slug", ["Mon Article", "mon_article", "../mon-article", "éte", "mon--article", "-mon-article"]
)
def test_a_malformed_slug_is_refused_with_a_suggestion(
    site: Path, slug: str, capsys: pytest.CaptureFixture[str]
) -> None:
    posts_before = sorted((site / "posts").iterdir())
    assert create(site, slug) == 1
    assert "n'est pas valable" in capsys.readouterr().err
    assert sorted((site / "posts").iterdir()) == posts_before


def test_a_missing_slug_or_pillar_says_how_to_call_it(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert create(site, "") == 1
    assert create(site, "mon-article", pillar="") == 1
    errors = capsys.readouterr().err
    assert errors.count("make post SLUG=") == 2


def test_series_makes_the_post_the_next_part_drafts_included(site: Path) -> None:
    # The real pillar's dossier has parts 1 to 3; a draft part 4 is already written.
    assert create(site, "quatrieme-partie") == 0
    draft = site / "posts" / "quatrieme-partie.md"
    draft.write_text(
        draft.read_text(encoding="utf-8").replace(
            "draft: true", "series: prendre-son-poste\nseries_part: 4\ndraft: true"
        ),
        encoding="utf-8",
    )
    argv = ["--slug=cinquieme-partie", f"--pillar={PILLAR}", "--series=prendre-son-poste", f"--root={site}"]
    assert new_post.main(argv) == 0
    text = (site / "posts" / "cinquieme-partie.md").read_text(encoding="utf-8")
    front_matter = read_front_matter(text)
    post, problems = read_post("posts/cinquieme-partie", front_matter.values, front_matter.lines, "", 10)
    assert problems == []
    assert (post.series, post.series_part) == ("prendre-son-poste", 5)
    assert "# Partie 5 du dossier « Prendre son poste de CTO »" in text  # its label, not its id


def test_an_unknown_series_is_refused_in_one_french_sentence(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--slug=un-article", f"--pillar={PILLAR}", "--series=pas-un-dossier", f"--root={site}"]
    assert new_post.main(argv) != 0
    message = capsys.readouterr().err.strip()
    assert message == (
        "« pas-un-dossier » n'est pas un dossier du pilier « le-role-du-cto » ; ses dossiers sont : prendre-son-poste."
    )
    assert not (site / "posts" / "un-article.md").exists()
