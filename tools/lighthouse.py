"""``make lighthouse``: Lighthouse scores of the site as readers get it, mobile and desktop.

1. Build the site as Read the Docs does (dirhtml), into ``_build/lighthouse/html``
   (``build_site``, the one place that says how).
2. Serve it on 127.0.0.1 as Read the Docs serves it: text gzip-compressed
   (``Content-Encoding: gzip``), folders as ``<path>/index.html``, the 404 page
   with status 404 for any unknown address.  No internet needed.
3. Run Lighthouse (npm ``lighthouse``, pinned, installed once into
   ``_build/tools``) in Debian's Chromium (``CHROME_PATH``, default
   ``/usr/bin/chromium``), mobile then desktop preset, on each page of ``PAGES``.
4. Print one table of the four category scores, with the ids of the audits that
   cost points, and exit 1 when a score is under its target (``TARGETS``).

The JSON reports are kept in ``_build/lighthouse/reports/<page>-<preset>.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import importlib.util
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

PROJECT = Path(__file__).resolve().parent.parent
WORKDIR = PROJECT / "_build" / "lighthouse"
TOOLS = PROJECT / "_build" / "tools"
LIGHTHOUSE_VERSION = "12.8.2"  # 13.x needs Node.js 22; this machine and CI have Node.js 20
LIGHTHOUSE_CLI = TOOLS / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)

#: Page name -> address under the site's root (dirhtml addresses, as on Read the Docs).
PAGES = {
    "accueil": "",
    "pilier": "pillars/le-role-du-cto/",
    "article": "posts/dire-non-quand-tous-attendent-oui/",
    "articles": "posts/",
    # A pillar's archive: its group in the list of all posts, filtered by the script.
    "archives": "posts/?pillar=le-role-du-cto",
    # The 404 page's own address (status 200): an unknown address gets the same page with
    # status 404, which Lighthouse's SEO audit http-status-code counts against any page.
    "404": "404/",
    "recherche": "search/?q=cto",
}
PRESETS = ("mobile", "desktop")
CATEGORIES = {"performance": "Perf", "accessibility": "A11y", "best-practices": "Bonnes pr.", "seo": "SEO"}
#: The lowest score (0-100) accepted in each category.
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
#: Audits a page fails on purpose, and why: shown in the table, not counted against the targets
#: when they are all the page fails.
ACCEPTED = {
    "recherche": {
        "is-crawlable": "noindex : une page de résultats de recherche n'est pas faite pour les moteurs "
        "(Sphinx l'écrit ; Google demande de ne pas faire indexer ces pages)"
    }
}

COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


def build_site(workdir: Path = WORKDIR) -> Path:
    """Build the site as Read the Docs does; the folder of its pages.

    ``tools/rtd_build.py`` (Read the Docs' own command and environment) where the
    project has it; otherwise plain dirhtml from a fresh environment.
    """
    html = workdir / "html"
    rtd_build = PROJECT / "tools" / "rtd_build.py"
    if rtd_build.exists():
        command = [sys.executable, str(rtd_build), "--output", str(workdir), "--python", "current"]
    else:
        command = [sys.executable, "-m", "sphinx", "-b", "dirhtml", "-E", "-q"]
        command += ["-d", str(workdir / "doctrees"), str(PROJECT), str(html)]
    print("Build :", " ".join(command), flush=True)
    subprocess.run(command, cwd=PROJECT, check=True)
    return html


def site_prefix() -> str:
    """The path Read the Docs serves the site under ("/fr/latest/"), as ``tools/rtd_build.py`` builds it: the 404
    page's links are absolute paths under it."""
    rtd_build = PROJECT / "tools" / "rtd_build.py"
    if not rtd_build.exists():
        return "/"
    spec = importlib.util.spec_from_file_location("rtd_build", rtd_build)
    if spec is None or spec.loader is None:
        return "/"
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return urlsplit(module.canonical_url("fr")).path or "/"


def install_lighthouse() -> Path:
    """The pinned Lighthouse, installed with npm into ``_build/tools`` unless already there."""
    package = LIGHTHOUSE_CLI.parent.parent / "package.json"
    if package.exists() and json.loads(package.read_text(encoding="utf-8"))["version"] == LIGHTHOUSE_VERSION:
        return LIGHTHOUSE_CLI
    TOOLS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["npm", "install", "--prefix", str(TOOLS), "--no-audit", "--no-fund", f"lighthouse@{LIGHTHOUSE_VERSION}"],
        check=True,
    )
    return LIGHTHOUSE_CLI


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site as Read the Docs does: gzip for text, ``index.html`` for folders, 404 page."""

    protocol_version = "HTTP/1.1"
    #: Where the site lives on the server ("/fr/latest/" on Read the Docs): its pages link their assets under it.
    prefix = "/"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self._respond(with_body=False)

    def do_GET(self) -> None:
        self._respond(with_body=True)

    def _respond(self, *, with_body: bool) -> None:
        if not self.path.startswith(self.prefix):
            self._send_not_found(with_body)
            return
        self.path = "/" + self.path[len(self.prefix) :]
        address = urlsplit(self.path)
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            if not address.path.endswith("/"):
                query = f"?{address.query}" if address.query else ""
                self._send(301, b"", "text/plain", with_body, location=f"{self.prefix}{address.path[1:]}/{query}")
                return
            target /= "index.html"
        if not target.is_file():
            self._send_not_found(with_body)
            return
        self._send(200, target.read_bytes(), self.guess_type(str(target)), with_body)

    def _send_not_found(self, with_body: bool) -> None:
        """The site's 404 page, with its status, for any address it does not have."""
        target = Path(self.directory) / "404" / "index.html"
        if not target.is_file():
            target = Path(self.directory) / "404.html"
        body = target.read_bytes() if target.is_file() else b"Not found"
        self._send(404, body, self.guess_type(str(target)), with_body)

    def _send(self, status: int, body: bytes, content_type: str, with_body: bool, location: str = "") -> None:
        compress = (
            bool(body)
            and content_type.startswith(COMPRESSED_TYPES)
            and "gzip" in self.headers.get("Accept-Encoding", "")
        )
        if compress:
            body = gzip.compress(body, compresslevel=6)
        self.send_response(status)
        self.send_header("Content-Type", content_type + ("; charset=utf-8" if content_type.startswith("text/") else ""))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        if compress:
            self.send_header("Content-Encoding", "gzip")
        if location:
            self.send_header("Location", location)
        self.end_headers()
        if with_body:
            self.wfile.write(body)


@contextlib.contextmanager
def serve(directory: Path, prefix: str = "/") -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port) under the path ``prefix``; yields the site's root URL."""
    handler = functools.partial(type("SiteHandler", (GzipHandler,), {"prefix": prefix}), directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


class Result(NamedTuple):
    page: str
    preset: str
    scores: dict[str, int]  # category -> 0..100
    failing: list[str]  # ids of the audits that cost points


def failing_audits(report: dict) -> list[str]:
    """The audits that cost points: weighted, scored, under 1 (metrics of a performance under target only)."""
    failing = []
    for category_id, category in report["categories"].items():
        if category_id == "performance" and round(category["score"] * 100) >= TARGETS["performance"]:
            continue
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                failing.append(ref["id"])
    return failing


def run_lighthouse(cli: Path, url: str, preset: str, report_path: Path) -> dict:
    command = ["node", str(cli), url, "--quiet", "--output=json", f"--output-path={report_path}"]
    command += [f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run(command, check=True, env=env, timeout=300)
    return json.loads(report_path.read_text(encoding="utf-8"))


def measure(cli: Path, root: str, pages: dict[str, str], presets: tuple[str, ...]) -> list[Result]:
    reports = WORKDIR / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    results = []
    for page, address in pages.items():
        for preset in presets:
            print(f"Lighthouse : {page} ({preset}) {root}{address}", flush=True)
            report = run_lighthouse(cli, root + address, preset, reports / f"{page}-{preset}.json")
            if report.get("runtimeError"):
                raise SystemExit(f"Lighthouse n'a pas pu mesurer {page} ({preset}) : {report['runtimeError']}")
            scores = {category: round((report["categories"][category]["score"] or 0) * 100) for category in CATEGORIES}
            results.append(Result(page, preset, scores, failing_audits(report)))
    return results


def under_target(result: Result) -> list[str]:
    """The categories under target, unless all the page fails is accepted (``ACCEPTED``)."""
    accepted = ACCEPTED.get(result.page, {})
    if result.failing and set(result.failing) <= accepted.keys():
        return []
    return [category for category, score in result.scores.items() if score < TARGETS[category]]


def _mark(result: Result, category: str, score: int) -> str:
    if score >= TARGETS[category]:
        return ""
    return " ✗" if under_target(result) else " (accepté)"


def table(results: list[Result]) -> str:
    header = ["Page", "Profil", *CATEGORIES.values(), "Audits en échec"]
    rows = [
        [
            result.page,
            result.preset,
            *(f"{score}{_mark(result, c, score)}" for c, score in result.scores.items()),
            ", ".join(result.failing) or "-",
        ]
        for result in results
    ]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Scores Lighthouse du site, servi comme Read the Docs le sert.")
    parser.add_argument("--no-build", action="store_true", help="reprendre le dernier build (_build/lighthouse/html)")
    parser.add_argument("--page", action="append", choices=sorted(PAGES), help="une page seulement (répétable)")
    parser.add_argument("--preset", action="append", choices=PRESETS, help="un profil seulement (répétable)")
    args = parser.parse_args(argv)

    cli = install_lighthouse()
    html = WORKDIR / "html" if args.no_build else build_site()
    pages = {name: PAGES[name] for name in args.page} if args.page else PAGES
    presets = tuple(args.preset) if args.preset else PRESETS
    with serve(html, site_prefix()) as root:
        results = measure(cli, root, pages, presets)

    print()
    print(table(results))
    for page, audits in ACCEPTED.items():
        for audit, reason in audits.items():
            print(f"Accepté, {page} : {audit} — {reason}")
    targets = ", ".join(f"{CATEGORIES[c]} ≥ {score}" for c, score in TARGETS.items())
    below = [result for result in results if under_target(result)]
    if below:
        print(f"\n{len(below)} mesure(s) sous les objectifs ({targets}). Rapports : {WORKDIR / 'reports'}")
        return 1
    print(f"\nToutes les pages atteignent les objectifs ({targets}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
