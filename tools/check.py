"""``make check``: the strict build, then every internal link, in one French summary.

The build is the one Read the Docs runs (``tools/rtd_build.py``: its command,
``-D language=fr``, its ``READTHEDOCS_*`` variables and its Python when
installed), with ``-n`` on top, from a fresh environment so that every
warning shows up again.  The link
check then reads the written pages, offline: each internal ``href`` or
``src`` must name a file that exists, and each ``#ancre`` an ``id`` in that
page.  External addresses are not fetched (``make linkcheck`` does that).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

import rtd_build

PROJECT = Path(__file__).resolve().parent.parent
LINK_ATTRIBUTES = {"a": "href", "link": "href", "img": "src", "script": "src", "iframe": "src", "source": "src"}
WARNING_LINE = re.compile(r"\b(WARNING|ERROR|CRITICAL)\b")


class BrokenLink(NamedTuple):
    page: str
    href: str
    reason: str


class _PageReader(HTMLParser):
    """Collects a page's ids and the internal addresses it points to."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.addresses: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.ids.add(values[name] or "")
        attribute = LINK_ATTRIBUTES.get(tag)
        address = values.get(attribute) if attribute else None
        if address and _is_internal(address):
            self.addresses.append(address)


def _is_internal(address: str) -> bool:
    parts = urlsplit(address)
    return not parts.scheme and not parts.netloc and not address.startswith("//")


def _read(page: Path) -> _PageReader:
    reader = _PageReader()
    reader.feed(page.read_text(encoding="utf-8", errors="replace"))
    return reader


def _target_file(site: Path, page: Path, path: str) -> Path:
    """The file an address's path names: relative to the page, or to the site's root."""
    base = site if path.startswith("/") else page.parent
    target = (base / unquote(path).lstrip("/")).resolve()
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def broken_links(site: Path, served_at: str = "/") -> tuple[int, int, list[BrokenLink]]:
    """Pages read, links checked and the broken ones, for a built site.

    ``served_at`` is the path the site is served from (``/fr/latest/`` on Read
    the Docs): an absolute path under it (the 404 page's links) names a file of the site.
    """
    site = site.resolve()
    pages = sorted(site.rglob("*.html"))
    readers = {page: _read(page) for page in pages}
    checked = 0
    broken: list[BrokenLink] = []
    for page, reader in readers.items():
        shown = page.relative_to(site).as_posix()
        for address in reader.addresses:
            checked += 1
            reason = _problem(site, page, _from_site_root(address, served_at), readers)
            if reason:
                broken.append(BrokenLink(shown, address, reason))
    return len(pages), checked, broken


def _from_site_root(address: str, served_at: str) -> str:
    """``/fr/latest/posts/`` as ``/posts/`` for a site served at ``/fr/latest/``."""
    if served_at != "/" and address.startswith(served_at):
        return "/" + address[len(served_at) :]
    return address


def _problem(site: Path, page: Path, address: str, readers: dict[Path, _PageReader]) -> str:
    parts = urlsplit(address)
    target = _target_file(site, page, parts.path) if parts.path else page
    if site not in target.parents:
        return "sort du site"
    if not target.is_file():
        return f"fichier introuvable ({target.relative_to(site).as_posix()})"
    anchor = unquote(parts.fragment)
    if anchor and target.suffix == ".html":
        ids = readers[target].ids if target in readers else _read(target).ids
        if anchor not in ids:
            return f"ancre « #{anchor} » absente de {target.relative_to(site).as_posix()}"
    return ""


class Refusal(Exception):
    """``make check`` cannot check the site: the one French sentence the editor reads."""


#: What each error that stops Sphinx before the end means, for the editor.
STOPPED_BY = {
    "ConfigError": "la configuration est refusée",
    "ExtensionError": "une extension n'a pas pu se charger ou s'est arrêtée",
    "ThemeError": "le thème n'a pas pu se charger",
    "SphinxError": "Sphinx a refusé le build",
}


def stop_reason(stderr: str) -> str:
    """Why Sphinx stopped, in a French clause with its own message.

    Sphinx prints the error as the last line of its short traceback
    (``sphinx.errors.ConfigError: …``), after its versions and last messages.
    """
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    last_error = next((line for line in reversed(lines) if re.match(r"^[\w.]+(Error|Exception|Interrupt): ", line)), "")
    if not last_error:
        return f"Sphinx s'est arrêté ({lines[-1] if lines else 'sans message'})"
    kind, _, message = last_error.partition(": ")
    kind = kind.rsplit(".", 1)[-1]
    return f"{STOPPED_BY.get(kind, f'erreur {kind}')} : {message}"


def build(outdir: Path, builder: str, python: str = sys.executable) -> tuple[int, list[str]]:
    """The strict build as Read the Docs runs it, from a fresh state; its exit code and warning lines.

    Raises ``Refusal`` when Sphinx cannot run or stops before the end (a
    configuration error, a missing extension): then no site was written to check.
    """
    outdir = outdir.resolve()
    command = rtd_build.sphinx_command(python, outdir, rtd_build.LANGUAGE, builder)
    command[-2:-2] = ["-n", "-q"]
    rtd_build.start_fresh(outdir)
    environment = {**os.environ, **rtd_build.environment(outdir, rtd_build.LANGUAGE)}
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=PROJECT, env=environment)
    except OSError as error:
        raise Refusal(
            f"Le build ne peut pas se lancer ({error.strerror or type(error).__name__}) : recrée l'environnement avec make venv, puis relance make check."
        ) from None
    if result.returncode not in (0, 1):
        raise Refusal(
            f"Le build n'a pas pu aller au bout, {stop_reason(result.stderr)} ; corrige ce point, puis relance make check."
        )
    warnings = [line for line in result.stderr.splitlines() if WARNING_LINE.search(line)]
    if result.returncode and not warnings:
        warnings = result.stderr.strip().splitlines()[-5:]
    return result.returncode, warnings


def require_sphinx() -> None:
    """Refuse before building when this Python has no Sphinx (a virtualenv made by hand, or half-installed)."""
    if importlib.util.find_spec("sphinx") is None:
        raise Refusal(
            f"Sphinx n'est pas installé pour {sys.executable} : lance make venv (ou pip install -r requirements.txt), puis make check."
        )


def _count(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count <= 1 else plural}"


def summary(returncode: int, warnings: list[str], pages: int, checked: int, broken: list[BrokenLink]) -> Iterator[str]:
    yield "Vérification du site"
    yield ""
    if returncode == 0 and not warnings:
        yield "1. Build strict (-W -n) : OK, aucun avertissement."
    else:
        yield f"1. Build strict (-W -n) : ÉCHEC, {_count(len(warnings), 'avertissement', 'avertissements')} à corriger :"
        yield from (f"   - {line}" for line in warnings)
        yield "   Le type entre crochets (ex. [editorial.date]) dit quel champ revoir : voir la section"
        yield "   « Avertissements » du README."
    if broken:
        yield f"2. Liens internes : {_count(len(broken), 'lien cassé', 'liens cassés')} sur {checked} ({_count(pages, 'page', 'pages')}) :"
        yield from (f"   - {link.page} → {link.href} : {link.reason}" for link in broken)
    else:
        yield f"2. Liens internes : OK, {checked} liens vérifiés dans {_count(pages, 'page', 'pages')}."
    yield ""
    yield "Tout est bon." if returncode == 0 and not warnings and not broken else "À corriger avant de publier."


def check(outdir: Path, builder: str, python: str = "current") -> int:
    """Build, check the links, print the summary; the exit status."""
    interpreter = rtd_build.choose_interpreter(python)
    if interpreter.executable == sys.executable:
        require_sphinx()
    if interpreter.note and python != "current":
        print(f"*** {interpreter.note} ***\n")
    returncode, warnings = build(outdir, builder, interpreter.executable)
    site = outdir / "html"
    served_at = urlsplit(rtd_build.canonical_url(rtd_build.LANGUAGE)).path
    pages, checked, broken = broken_links(site, served_at) if site.is_dir() else (0, 0, [])
    print("\n".join(summary(returncode, warnings, pages, checked, broken)))
    return 0 if returncode == 0 and not warnings and not broken else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build strict et vérification des liens internes.")
    parser.add_argument("--outdir", type=Path, default=PROJECT / "_build" / "check", help="dossier de sortie")
    parser.add_argument("--builder", default="dirhtml", help="dirhtml (comme Read the Docs) ou html")
    parser.add_argument(
        "--python",
        choices=("auto", "current"),
        default="current",
        help="auto (make check) : le Python de .readthedocs.yaml s'il est installé ; current : celui qui lance ce script",
    )
    arguments = parser.parse_args(argv)
    try:
        return check(arguments.outdir, arguments.builder, arguments.python)
    except Refusal as refusal:
        print(refusal, file=sys.stderr)
    except KeyboardInterrupt:
        print("Vérification interrompue : relance make check pour un résultat complet.", file=sys.stderr)
        return 130
    except Exception as error:
        print(
            f"make check s'est arrêté sur une erreur imprévue ({type(error).__name__} : {error}) : relance-le, et signale-la si elle revient.",
            file=sys.stderr,
        )
    return 1


if __name__ == "__main__":
    sys.exit(main())
