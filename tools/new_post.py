"""Start a post: ``make post SLUG=mon-article PILLAR=le-role-du-cto``.

Writes ``posts/<slug>.md`` as a draft whose front matter already follows the
contract for that pillar, with the pillar's audience, tension and entry-point
ids listed in YAML comments, so that the editor picks ids instead of copying
them by hand.  The pillar is read with the extension's own front-matter
reader; the tool refuses a malformed or taken slug and an unknown pillar, and
never overwrites a file.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "_ext"))

from editorial.config import SETTINGS  # noqa: E402 - needs the path above
from editorial.frontmatter import read_front_matter  # noqa: E402
from editorial.model import Entry, Pillar, read_pillar, slugify  # noqa: E402

EXAMPLE = "make post SLUG=mon-article PILLAR=le-role-du-cto"


class Refusal(Exception):
    """A request the tool turns down, with the message the editor reads."""


def configured_folders(root: Path) -> tuple[Path, Path]:
    """The posts and pillars folders as ``conf.py`` sets them, else the extension's defaults.

    ``conf.py`` is read, not run: only plain ``name = "text"`` assignments count.
    """
    values: dict[str, object] = {setting.name: setting.default for setting in SETTINGS}
    conf = root / "conf.py"
    if conf.is_file():
        for statement in ast.parse(conf.read_text(encoding="utf-8")).body:
            if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Constant):
                for target in statement.targets:
                    if isinstance(target, ast.Name) and isinstance(statement.value.value, str):
                        values[target.id] = statement.value.value
    return root / str(values["editorial_posts_dir"]).strip("/"), root / str(values["editorial_pillars_dir"]).strip("/")


def find_pillars(pillars_dir: Path, root: Path) -> dict[str, Pillar]:
    """Every pillar page (front matter ``type: pillar``) by slug, read as the build reads it."""
    found: dict[str, Pillar] = {}
    for path in sorted(pillars_dir.rglob("*.md")):
        front_matter = read_front_matter(path.read_text(encoding="utf-8"))
        if front_matter.values.get("type") != "pillar":
            continue
        docname = path.relative_to(root).with_suffix("").as_posix()
        pillar, _problems = read_pillar(docname, front_matter.values, front_matter.lines, "")
        found.setdefault(pillar.slug, pillar)
    return found


def check_slug(slug: str) -> None:
    if not slug:
        raise Refusal(f"donne le slug de l'article : {EXAMPLE}")
    if slug != slugify(slug):
        suggestion = slugify(slug)
        hint = f" Essaie plutôt « {suggestion} »." if suggestion else ""
        raise Refusal(
            f"le slug « {slug} » n'est pas valide : il devient l'adresse de l'article, "
            f"écris-le en minuscules sans accents, mots séparés par des tirets.{hint}"
        )


def _comment_lines(entries: Iterable[tuple[Entry, str]]) -> list[str]:
    """One aligned comment line per id: the id, its label and a note."""
    listed = list(entries)
    width = max((len(entry.id) for entry, _note in listed), default=0)
    return [f"#   {entry.id.ljust(width)}  {' '.join(entry.label.split())}{note}" for entry, note in listed]


def _plain(entries: Iterable[Entry]) -> list[tuple[Entry, str]]:
    return [(entry, "") for entry in entries]


def post_text(slug: str, pillar: Pillar, day: date) -> str:
    """The draft: valid front matter with placeholders, the pillar's ids in comments."""
    title = f"Titre à écrire ({slug})"
    lines = [
        "---",
        f'title: "{title}"',
        f"date: {day.isoformat()}",
        f"pillar: {pillar.slug}",
        'summary: "Résumé à écrire : une ou deux phrases qui donnent envie de lire, reprises sur les cartes et dans les flux."',
        f"# Publics du pilier « {' '.join(pillar.title.split())} » : mets leurs ids dans audience, ex. [{', '.join(e.id for e in pillar.audiences[:2])}]",
        *_comment_lines([(entry, " (principal)") for entry in pillar.primary] + [(entry, " (secondaire)") for entry in pillar.secondary]),
        "audience: []",
        "# Tensions abordées : mets leurs ids dans tensions",
        *_comment_lines(_plain(pillar.tensions)),
        "tensions: []",
    ]
    if pillar.start_here:
        lines += [
            "# Porte d'entrée (facultatif) : décommente la ligne et garde un seul id",
            *_comment_lines(_plain(pillar.start_here)),
            f"# start_here: {pillar.start_here[0].id}",
        ]
    lines += [
        "# Passe à false (ou supprime la ligne) pour publier.",
        "draft: true",
        "---",
        "",
        f"# {title}",
        "",
        "Commence ici.",
        "Une phrase ou une proposition par ligne rend les relectures plus simples.",
        "",
    ]
    return "\n".join(lines)


def create_post(root: Path, slug: str, pillar_slug: str, day: date) -> Path:
    """Write the draft and return its path; raises ``Refusal`` instead of overwriting."""
    check_slug(slug)
    if not pillar_slug:
        raise Refusal(f"donne le pilier de l'article : {EXAMPLE}")
    posts_dir, pillars_dir = configured_folders(root)
    pillars = find_pillars(pillars_dir, root)
    pillar = pillars.get(pillar_slug)
    if pillar is None:
        known = ", ".join(sorted(pillars)) or "aucun"
        raise Refusal(f"pilier inconnu : « {pillar_slug} ». Piliers disponibles : {known}.")
    path = posts_dir / f"{slug}.md"
    try:
        with path.open("x", encoding="utf-8") as draft:  # "x": never replaces an existing file
            draft.write(post_text(slug, pillar, day))
    except FileExistsError:
        raise Refusal(f"{path.relative_to(root)} existe déjà : choisis un autre slug, rien n'a été modifié.") from None
    return path


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Crée un brouillon d'article pour un pilier.", epilog=f"Exemple : {EXAMPLE}")
    parser.add_argument("--slug", default="", help="nom du fichier et adresse de l'article, ex. mon-article")
    parser.add_argument("--pillar", default="", help="slug du pilier, ex. le-role-du-cto")
    parser.add_argument("--date", type=date.fromisoformat, default=date.today(), help="date de l'article (AAAA-MM-JJ), aujourd'hui par défaut")
    parser.add_argument("--root", type=Path, default=PROJECT, help="dossier du site (par défaut, ce dépôt)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    try:
        path = create_post(arguments.root, arguments.slug.strip(), arguments.pillar.strip(), arguments.date)
    except Refusal as refusal:
        print(f"make post : {refusal}", file=sys.stderr)
        return 1
    print(f"Brouillon créé : {path.relative_to(arguments.root)}")
    print("Écris le titre (dans title et dans le titre # du texte), le résumé et le texte,")
    print("choisis les ids dans les commentaires, puis regarde le rendu avec make livehtml.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
