"""Start a post: ``make post SLUG=mon-article PILLAR=le-role-du-cto [SERIES=un-dossier]``.

Writes ``posts/<slug>.md`` as a draft whose front matter already follows the
contract for that pillar, with the pillar's audience, tension and entry-point
ids listed in YAML comments, so that the editor picks ids instead of copying
them by hand.  The pillar is read with the extension's own front-matter
reader; the tool refuses a malformed or taken slug and an unknown pillar, and
never overwrites a file.  With ``SERIES=``, the post is the next part of that
series of the pillar (``series_part`` one more than the last written, drafts
included); a series the pillar does not declare is refused.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import NamedTuple

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "tools"))  # editor_files, which puts _ext on the path

from editor_files import (  # noqa: E402 - needs the path above
    PageKind,
    Refusal,
    check_slug,
    configured_folders,
    create_or_refuse,
    suggested_slug,
    taken,
    verbatim,
    write_new,
)
from editorial.frontmatter import read_front_matter  # noqa: E402
from editorial.model import Pillar, Term, read_pillar  # noqa: E402

EXAMPLE = "make post SLUG=mon-article PILLAR=le-role-du-cto"
#: The words of ``make post``'s refusals.
POST = PageKind("de l'article", EXAMPLE, "mon-article")
#: The flags the Makefile passes as ``--name=VALUE``, whose value is taken as written.
VERBATIM_FLAGS = ("--slug=", "--pillar=", "--series=")


class PillarFiles(NamedTuple):
    """The pillar pages by slug, and the pillar-folder files that could not be read, with why."""

    pillars: dict[str, Pillar]
    unreadable: dict[str, str]


def _read_pillar_file(path: Path, root: Path) -> Pillar | str:
    """The pillar a page declares, or why it cannot be read as one (a French clause)."""
    shown = path.relative_to(root).as_posix()
    try:
        front_matter = read_front_matter(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        return f"{shown} ne se lit pas ({type(error).__name__})"
    if front_matter.problem is not None:
        return (
            f"l'en-tête de {shown} est illisible (ligne {front_matter.problem_line} : {front_matter.problem.message})"
        )
    if front_matter.values.get("type") != "pillar":
        return f"{shown} n'est pas une page de pilier (son en-tête n'a pas « type: pillar »)"
    docname = path.relative_to(root).with_suffix("").as_posix()
    return read_pillar(docname, front_matter.values, front_matter.lines, "")[0]


def find_pillars(pillars_dir: Path, root: Path) -> PillarFiles:
    """Every pillar page (front matter ``type: pillar``) by slug, read as the build reads it."""
    if not pillars_dir.is_dir():
        shown = pillars_dir.relative_to(root).as_posix()
        raise Refusal(f"Le dossier des piliers « {shown} » n'existe pas : vérifie editorial_pillars_dir dans conf.py.")
    found = PillarFiles({}, {})
    for path in sorted(pillars_dir.rglob("*.md")):
        pillar = _read_pillar_file(path, root)
        if isinstance(pillar, str):
            found.unreadable.setdefault(path.stem, pillar)
        else:
            found.pillars.setdefault(pillar.slug, pillar)
    return found


def choose_pillar(pillar_slug: str, found: PillarFiles) -> Pillar:
    """The pillar asked for, or a refusal that lists the known ones."""
    known = ", ".join(sorted(found.pillars)) or "aucun"
    if not pillar_slug:
        raise Refusal(
            f"Il manque le pilier de l'article : écris par exemple {EXAMPLE} (piliers disponibles : {known})."
        )
    pillar = found.pillars.get(pillar_slug)
    if pillar is not None:
        return pillar
    if pillar_slug in found.unreadable:
        raise Refusal(
            f"Le pilier « {pillar_slug} » ne peut pas servir : {found.unreadable[pillar_slug]} ; corrige-le, puis relance la commande."
        )
    meant = suggested_slug(pillar_slug)
    if meant in found.pillars:
        raise Refusal(
            f"« {pillar_slug} » est un pilier inconnu : tu voulais sans doute « {meant} » (piliers disponibles : {known})."
        )
    raise Refusal(f"« {pillar_slug} » est un pilier inconnu ; les piliers disponibles sont : {known}.")


def _comment_lines(terms: Iterable[tuple[Term, str]]) -> list[str]:
    """One aligned comment line per id: the id, its label and a note."""
    listed = list(terms)
    width = max((len(term.id) for term, _note in listed), default=0)
    return [f"#   {term.id.ljust(width)}  {' '.join(term.label.split())}{note}" for term, note in listed]


def _plain(terms: Iterable[Term]) -> list[tuple[Term, str]]:
    return [(term, "") for term in terms]


def choose_series(series_id: str, pillar: Pillar) -> str:
    """The series asked for, if the pillar declares it; else a refusal listing the pillar's series."""
    if not series_id or any(term.id == series_id for term in pillar.series):
        return series_id
    known = ", ".join(term.id for term in pillar.series)
    listing = f"ses dossiers sont : {known}" if known else "il n'en déclare aucun (voir series dans son en-tête)"
    raise Refusal(f"« {series_id} » n'est pas un dossier du pilier « {pillar.slug} » ; {listing}.")


def next_part(posts_dir: Path, series_id: str) -> int:
    """One more than the highest ``series_part`` of the series among the post files, drafts and future posts included."""
    highest = 0
    for path in posts_dir.rglob("*.md"):
        try:
            values = read_front_matter(path.read_text(encoding="utf-8")).values
        except (OSError, UnicodeDecodeError):
            continue
        part = values.get("series_part")
        if values.get("series") == series_id and isinstance(part, int) and not isinstance(part, bool):
            highest = max(highest, part)
    return highest + 1


def site_authors(root: Path) -> list[tuple[str, str]]:
    """(id, "name, role") of each author page in ``authors/`` (``type: author``), by id; unreadable ones skipped."""
    found = []
    for path in sorted((root / "authors").glob("*.md")):
        values = read_front_matter(path.read_text(encoding="utf-8", errors="replace")).values
        if values.get("type") == "author" and isinstance(values.get("name"), str):
            role = values.get("role")
            found.append((path.stem, f"{values['name']}, {role}" if isinstance(role, str) and role else values["name"]))
    return found


def post_text(
    slug: str,
    pillar: Pillar,
    day: date,
    series: tuple[str, int] | None = None,
    authors: list[tuple[str, str]] | None = None,
) -> str:
    """The draft: valid front matter with placeholders, the pillar's ids in comments; ``series`` (id, part);
    ``authors`` (id, who) listed in comments for an ``author:`` line."""
    title = f"Titre à écrire ({slug})"
    lines = [
        "---",
        f'title: "{title}"',
        f"date: {day.isoformat()}",
        f"pillar: {pillar.slug}",
        'summary: "Résumé à écrire : une ou deux phrases qui donnent envie de lire, reprises sur les cartes et dans les flux."',
        f"# Publics du pilier « {' '.join(pillar.title.split())} » : mets leurs ids dans audience, ex. [{', '.join(e.id for e in pillar.audiences[:2])}]",
        *_comment_lines(
            [(term, " (principal)") for term in pillar.primary] + [(term, " (secondaire)") for term in pillar.secondary]
        ),
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
    if authors:
        width = max(len(author_id) for author_id, _who in authors)
        lines += [
            "# Auteur (facultatif ; sans auteur, l'article est signé par la rédaction) : décommente la ligne,",
            "# garde un id, ou écris authors: [id, id] pour plusieurs",
            *(f"#   {author_id.ljust(width)}  {' '.join(who.split())}" for author_id, who in authors),
            f"# author: {authors[0][0]}",
        ]
    if series is not None:
        label = next((term.label for term in pillar.series if term.id == series[0]), series[0])
        lines += [
            f"# Partie {series[1]} du dossier « {' '.join(label.split())} » : change le numéro pour la placer ailleurs.",
            f"series: {series[0]}",
            f"series_part: {series[1]}",
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


def create_post(root: Path, slug: str, pillar_slug: str, day: date, series_id: str = "") -> Path:
    """Write the draft and return its path; raises ``Refusal`` instead of overwriting."""
    check_slug(slug, POST)
    posts_dir, pillars_dir = configured_folders(root)
    pillar = choose_pillar(pillar_slug, find_pillars(pillars_dir, root))
    series_id = choose_series(series_id, pillar)
    if not posts_dir.is_dir():
        shown = posts_dir.relative_to(root).as_posix()
        raise Refusal(
            f"Le dossier des articles « {shown} » n'existe pas : crée-le, ou vérifie editorial_posts_dir dans conf.py."
        )
    holder = taken(posts_dir, slug)
    if holder is not None:
        shown = holder.relative_to(root).as_posix() + ("/" if holder.is_dir() else "")
        raise Refusal(
            f"Le slug « {slug} » est déjà pris : {shown} existe déjà ; choisis un autre slug, rien n'a été modifié."
        )
    path = posts_dir / f"{slug}.md"
    series = (series_id, next_part(posts_dir, series_id)) if series_id else None
    write_new(path, post_text(slug, pillar, day, series, site_authors(root)), root)
    return path


def _day(text: str) -> date:
    """``--date``: a day written AAAA-MM-JJ that exists."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise argparse.ArgumentTypeError(f"« {text} » n'est pas une date AAAA-MM-JJ qui existe")


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    """The options; ``--slug=VALUE`` and ``--pillar=VALUE`` kept as written (argparse drops a value ``--``)."""
    given = list(sys.argv[1:] if argv is None else argv)
    parsed, kept = verbatim(given, VERBATIM_FLAGS)
    parser = argparse.ArgumentParser(
        description="Crée un brouillon d'article pour un pilier.", epilog=f"Exemple : {EXAMPLE}"
    )
    parser.add_argument("--slug", default="", help="nom du fichier et adresse de l'article, ex. mon-article")
    parser.add_argument("--pillar", default="", help="slug du pilier, ex. le-role-du-cto")
    parser.add_argument(
        "--series", default="", help="id d'un dossier du pilier : l'article en devient la partie suivante"
    )
    parser.add_argument(
        "--date", type=_day, default=date.today(), help="date de l'article (AAAA-MM-JJ), aujourd'hui par défaut"
    )
    parser.add_argument("--root", type=Path, default=PROJECT, help="dossier du site (par défaut, ce dépôt)")
    arguments = parser.parse_args(parsed)
    arguments.slug = kept.get("--slug=", arguments.slug)
    arguments.pillar = kept.get("--pillar=", arguments.pillar)
    arguments.series = kept.get("--series=", arguments.series)
    return arguments


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    path = create_or_refuse(
        "make post",
        "le dossier des articles",
        lambda: create_post(
            arguments.root, arguments.slug.strip(), arguments.pillar.strip(), arguments.date, arguments.series.strip()
        ),
    )
    if isinstance(path, int):
        return path
    print(f"Brouillon créé : {path.relative_to(arguments.root)}")
    print("Écris le titre (dans title et dans le titre # du texte), le résumé et le texte,")
    print("choisis les ids dans les commentaires, puis regarde le rendu avec make livehtml.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
