"""What ``make post`` and ``make pillar`` share: the refusal, the slug rules, the site's folders, the writing.

Each refusal is one French sentence the editor reads; the slug rules are the
extension's (``model.slugify``), so that a page the tools create has the
address the build gives it.
"""

from __future__ import annotations

import ast
import contextlib
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "_ext"))

from editorial.config import SETTINGS, Setting  # noqa: E402 - needs the path above
from editorial.model import slugify  # noqa: E402

#: What an editor may type after the slug by habit: the file's extension.
SOURCE_SUFFIX = re.compile(r"\.(md|markdown|rst|txt)$", re.IGNORECASE)


class Refusal(Exception):
    """A request the tool turns down, with the one French sentence the editor reads."""


class PageKind(NamedTuple):
    """The words a refusal uses for the page being created, and the command to show as an example."""

    of_page: str  # "de l'article", "du pilier"
    example: str
    placeholder: str  # a valid slug to suggest when nothing is left of the one typed


def _conf_values(conf: Path) -> dict[str, str]:
    """The plain ``name = "text"`` assignments of ``conf.py``, read without running it."""
    try:
        tree = ast.parse(conf.read_text(encoding="utf-8"))
    except SyntaxError as error:
        raise Refusal(
            f"Le fichier conf.py ne se lit pas (ligne {error.lineno} : {error.msg}) : corrige-le, puis relance la commande."
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise Refusal(f"Le fichier conf.py ne se lit pas ({error}) : vérifie-le, puis relance la commande.") from None
    values: dict[str, str] = {}
    for statement in tree.body:
        if (
            isinstance(statement, ast.Assign)
            and isinstance(statement.value, ast.Constant)
            and isinstance(statement.value.value, str)
        ):
            values.update(
                {target.id: statement.value.value for target in statement.targets if isinstance(target, ast.Name)}
            )
    return values


def configured_folders(root: Path) -> tuple[Path, Path]:
    """The posts and pillars folders as ``conf.py`` sets them, else the extension's defaults.

    ``conf.py`` is read, not run: only plain ``name = "text"`` assignments count,
    checked by the same readers as the build's.
    """
    conf = root / "conf.py"
    values = _conf_values(conf) if conf.is_file() else {}
    folders: dict[str, Path] = {}
    for setting in SETTINGS:
        if setting.name in ("editorial_posts_dir", "editorial_pillars_dir"):
            folders[setting.name] = root / _folder(setting, values.get(setting.name, str(setting.default)))
    return folders["editorial_posts_dir"], folders["editorial_pillars_dir"]


def _folder(setting: Setting, value: str) -> str:
    """A folder setting of ``conf.py``, checked as the build checks it."""
    try:
        setting.read(value)
    except ValueError:
        raise Refusal(
            f"Le réglage {setting.name} de conf.py (« {value} ») n'est pas valable : "
            f"il doit nommer un dossier du site, comme « {setting.default} » ; corrige conf.py."
        ) from None
    return value.strip("/")


def suggested_slug(slug: str) -> str:
    """The slug an editor probably meant: no folder, no extension, lower-case ASCII words."""
    return slugify(SOURCE_SUFFIX.sub("", slug.replace("\\", "/").rsplit("/", 1)[-1]))


def check_slug(slug: str, kind: PageKind) -> None:
    """Refuse a slug that cannot be a page's file name and address."""
    if not slug:
        raise Refusal(f"Il manque le slug {kind.of_page} : écris par exemple {kind.example}.")
    if slug == slugify(slug) and slug != "index":
        return
    suggestion = suggested_slug(slug)
    if slug == "index" or suggestion == "index":
        raise Refusal(
            f"Le slug « {slug} » n'est pas valable : index est réservé à la page qui liste les articles, choisis un autre nom."
        )
    if SOURCE_SUFFIX.search(slug) and suggestion:
        raise Refusal(
            f"Le slug « {slug} » n'est pas valable : écris-le sans l'extension, le fichier .md est créé pour toi ; essaie « {suggestion} »."
        )
    hint = f"essaie « {suggestion} »" if suggestion else f"par exemple « {kind.placeholder} »"
    raise Refusal(
        f"Le slug « {slug} » n'est pas valable : il devient l'adresse {kind.of_page}, "
        f"écris-le en minuscules sans accents, mots séparés par des tirets ; {hint}."
    )


def taken(folder: Path, slug: str) -> Path | None:
    """The file or page-bundle folder (Hugo's ``<folder>/<slug>/index.md``) that already holds this slug."""
    candidates = [folder / slug, *(folder / f"{slug}.{suffix}" for suffix in ("md", "rst", "ipynb"))]
    return next((path for path in candidates if path.exists()), None)


def write_new(path: Path, text: str, root: Path) -> None:
    """Write a new page; never replaces a file, never leaves half of one."""
    shown = path.relative_to(root).as_posix()
    try:
        with path.open("x", encoding="utf-8") as page:  # "x": never replaces an existing file
            page.write(text)
    except FileExistsError:
        raise Refusal(
            f"Le slug « {path.stem} » est déjà pris : {shown} existe déjà ; choisis un autre slug, rien n'a été modifié."
        ) from None
    except PermissionError:
        raise Refusal(
            f"Je ne peux pas écrire {shown} : tu n'as pas le droit d'écrire dans le dossier {path.parent.relative_to(root).as_posix()}, rien n'a été créé."
        ) from None
    except OSError as error:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)  # a page cut short by a full disk
        raise Refusal(
            f"Je ne peux pas écrire {shown} ({error.strerror or type(error).__name__}) : rien n'a été créé."
        ) from None


def verbatim(given: list[str], flags: tuple[str, ...]) -> tuple[list[str], dict[str, str]]:
    """The arguments for argparse, and the ``--name=VALUE`` ones taken as written (argparse drops a value ``--``)."""
    kept = {flag: arg.removeprefix(flag) for arg in given for flag in flags if arg.startswith(flag)}
    return [arg for arg in given if not arg.startswith(flags)], kept


def create_or_refuse(command: str, folder: str, create: Callable[[], Path]) -> Path | int:
    """The file ``create`` wrote, or the exit status after one French sentence on stderr, never a traceback.

    ``command`` is how the editor ran it (``make post``), ``folder`` what to look at after an
    interruption (``le dossier des articles``).
    """
    try:
        return create()
    except Refusal as refusal:
        print(refusal, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"Création interrompue : vérifie {folder} avant de relancer.", file=sys.stderr)
        return 130
    except Exception as error:
        print(
            f"{command} s'est arrêté sur une erreur imprévue ({type(error).__name__} : {error}) : "
            "rien n'a été écrit si aucun fichier n'est annoncé.",
            file=sys.stderr,
        )
        return 1
