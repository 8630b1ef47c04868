"""Start a pillar: ``make pillar SLUG=mon-pilier TITLE="Mon pilier"``.

Writes ``pillars/<slug>.md``: front matter that follows the pillar contract
(``type: pillar``, its title and slug, an ``intention`` to write, empty
vocabularies with a commented example of each entry), the title, and the
sections of a pillar page with their blocks.  The slug follows ``make
post``'s rules (``editor_files``); the tool refuses an existing pillar and
never overwrites a file.  The page adds no toctree: the site's table of
contents lists the pillars.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "tools"))  # editor_files and new_post, which put _ext on the path

from editor_files import PageKind, Refusal, check_slug, configured_folders, create_or_refuse, taken, verbatim, write_new  # noqa: E402 - needs the path above
from new_post import find_pillars  # noqa: E402

EXAMPLE = 'make pillar SLUG=mon-pilier TITLE="Mon pilier"'
#: The words of ``make pillar``'s refusals.
PILLAR = PageKind("du pilier", EXAMPLE, "mon-pilier")
#: The flags the Makefile passes as ``--name=VALUE``, whose value is taken as written.
VERBATIM_FLAGS = ("--slug=", "--title=")


def check_title(title: str) -> str:
    """The title on one line, or a refusal when there is none."""
    one_line = " ".join(title.split())
    if not one_line:
        raise Refusal(f"Il manque le titre du pilier : écris par exemple {EXAMPLE}.")
    return one_line


def pillar_text(slug: str, title: str) -> str:
    """The page: valid front matter with placeholders and commented examples, then the usual sections."""
    quoted = json.dumps(title, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
    return "\n".join(
        [
            "---",
            "type: pillar",
            f"title: {quoted}",
            f"slug: {slug}",
            'intention: "Intention à écrire : en une phrase, ce que ce pilier explore et pour qui."',
            "# Publics : des ids courts (minuscules, tirets) et leur libellé, par exemple",
            "#   primary:",
            "#     - {id: cto, label: CTO en poste}",
            "#   secondary:",
            "#     - {id: tech-lead-transition, label: Tech Leads en transition}",
            "#   not_for:",
            "#     - Une méthode universelle",
            "audience:",
            "  primary: []",
            "  secondary: []",
            "  not_for: []",
            "# Tensions : deux pôles séparés par ↔, par exemple",
            '#   - {id: expertise-posture, label: "expertise ↔ posture de leader"}',
            "tensions: []",
            "# Portes d'entrée : une situation du lecteur, par exemple",
            "#   - {id: decouvrir, label: Si tu découvres le rôle}",
            "start_here: []",
            "---",
            "",
            f"# {title}",
            "",
            "## Intention du pilier",
            "",
            "Écris ici ce que ce pilier explore, pour qui, et ce qu'il ne promet pas.",
            "",
            "## À qui s'adresse ce pilier",
            "",
            "```{audience}",
            "```",
            "",
            "## Les grandes tensions",
            "",
            "```{tensions}",
            "```",
            "",
            "## Où commencer",
            "",
            "```{start-here}",
            "```",
            "",
            "## Derniers articles du pilier",
            "",
            "```{latest-posts}",
            "```",
            "",
            "## Aller plus loin",
            "",
            f"→ [Voir tous les articles du pilier « {title} »](/posts/?pillar={slug})",
            "",
        ]
    )


def create_pillar(root: Path, slug: str, title: str) -> Path:
    """Write the pillar page and return its path; raises ``Refusal`` instead of overwriting."""
    check_slug(slug, PILLAR)
    title = check_title(title)
    _posts_dir, pillars_dir = configured_folders(root)
    holder = taken(pillars_dir, slug) if pillars_dir.is_dir() else None
    same_slug = find_pillars(pillars_dir, root).pillars.get(slug)  # a page whose front matter names this slug
    if holder is None and same_slug is not None:
        holder = root / f"{same_slug.docname}.md"
    if holder is not None:
        shown = holder.relative_to(root).as_posix() + ("/" if holder.is_dir() else "")
        raise Refusal(f"Le pilier « {slug} » existe déjà : {shown} ; choisis un autre slug, rien n'a été modifié.")
    path = pillars_dir / f"{slug}.md"
    write_new(path, pillar_text(slug, title), root)
    return path


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    """The options; ``--slug=VALUE`` and ``--title=VALUE`` kept as written."""
    parsed, kept = verbatim(list(sys.argv[1:] if argv is None else argv), VERBATIM_FLAGS)
    parser = argparse.ArgumentParser(description="Crée la page d'un nouveau pilier.", epilog=f"Exemple : {EXAMPLE}")
    parser.add_argument("--slug", default="", help="nom du fichier et adresse du pilier, ex. mon-pilier")
    parser.add_argument("--title", default="", help="titre du pilier, ex. « Mon pilier »")
    parser.add_argument("--root", type=Path, default=PROJECT, help="dossier du site (par défaut, ce dépôt)")
    arguments = parser.parse_args(parsed)
    arguments.slug = kept.get("--slug=", arguments.slug)
    arguments.title = kept.get("--title=", arguments.title)
    return arguments


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    path = create_or_refuse(
        "make pillar",
        "le dossier des piliers",
        lambda: create_pillar(arguments.root, arguments.slug.strip(), arguments.title),
    )
    if isinstance(path, int):
        return path
    print(f"Pilier créé : {path.relative_to(arguments.root)}")
    print("Écris l'intention, les publics, les tensions et les portes d'entrée (des exemples sont en commentaire),")
    print("puis regarde le rendu avec make livehtml.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
