"""Building a site, and what a build left.

One way to build in-process, ``build`` (Sphinx's ``SphinxTestApp``: no
interpreter start, no re-import of Sphinx per build); ``Build.of`` reads an
app that Sphinx's ``app`` fixture (``@pytest.mark.sphinx``) built.  Building
again into the same ``builddir`` is an incremental build.

``run_sphinx_command`` runs ``python -m sphinx`` in a subprocess, only for
the tests that must run Sphinx exactly as Read the Docs, the Makefile or an
editor's command line do (exit status, ``-W``, environment variables).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any, NamedTuple

from bs4 import BeautifulSoup, Tag
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

#: The project's root folder (conf.py, posts/, pillars/, _ext/).
PROJECT = Path(__file__).resolve().parents[2]
#: The test roots: ``tests/roots/test-<name>``, also the ``rootdir`` of ``@pytest.mark.sphinx``.
ROOTS = PROJECT / "tests" / "roots"

# "<file>:<line>: WARNING: <message> [<kind>]", line and kind optional.
_WARNING = re.compile(
    r"^(?P<file>\S[^\n]*?):(?:(?P<line>\d+):)? WARNING: (?P<message>.*?)(?: \[(?P<kind>[\w.:-]+)\])?$"
)
# The same, line required, read anywhere in a stripped line.
_LOCATED = re.compile(r"(?P<path>.+?):(?P<line>\d+): WARNING: (?P<message>.*?)(?: \[(?P<subtype>[\w.]+)\])?")
_READING = re.compile(r"reading sources\.\.\. \[\s*\d+%\] (\S+)")
_WRITING = re.compile(r"writing output\.\.\. \[\s*\d+%\] (\S+)")


class BuildWarning(NamedTuple):
    """One warning of a build: its file (relative to the source folder), line (None: none) and kind ("" : none)."""

    file: str
    line: int | None
    kind: str
    message: str


class LocatedWarning(NamedTuple):
    """One warning that names a file and a line, as Sphinx printed it (path relative to the source folder)."""

    path: str
    line: int
    message: str
    subtype: str


def console_lines(output: str) -> list[str]:
    """Sphinx's console output as plain lines, whatever terminal it thought it had.

    Where Sphinx believes it may colour (a terminal, ``FORCE_COLOR``, or
    ``CI=true`` as on CI), progress lines end with a carriage return and an
    "erase in line" sequence instead of a newline: split on both.
    """
    return strip_colors(output).splitlines()


def _matches(pattern: re.Pattern[str], output: str) -> list[re.Match[str]]:
    return [match for line in console_lines(output) if (match := pattern.fullmatch(line.strip()))]


@dataclass(frozen=True)
class Build:
    """What a finished build left: its folders, its warnings as printed (``log``),
    its exit status (0, or 1 after a warning under ``-W``) and its console output (``status``)."""

    srcdir: Path
    outdir: Path
    log: str
    statuscode: int
    status: str = ""

    @classmethod
    def of(cls, app: SphinxTestApp) -> Build:
        """What ``app`` (built, with its status and warning streams) left."""
        return cls(Path(app.srcdir), Path(app.outdir), app.warning.getvalue(), app.statuscode, app.status.getvalue())

    @property
    def warnings(self) -> list[BuildWarning]:
        """Every warning, in the order printed (file relative to ``srcdir`` where it is under it)."""
        found = []
        for line in console_lines(self.log):
            match = _WARNING.match(line)
            if match:
                path = Path(match["file"])
                relative = (
                    path.relative_to(self.srcdir).as_posix() if path.is_relative_to(self.srcdir) else match["file"]
                )
                number = int(match["line"]) if match["line"] else None
                found.append(BuildWarning(relative, number, match["kind"] or "", match["message"]))
        return found

    def located_warnings(self, srcdir: Path | None = None) -> list[LocatedWarning]:
        """Warnings that name a file under ``srcdir`` (default: the build's) and a line."""
        root = srcdir or self.srcdir
        return [
            LocatedWarning(
                Path(match["path"]).relative_to(root).as_posix(),
                int(match["line"]),
                match["message"],
                match["subtype"] or "",
            )
            for match in _matches(_LOCATED, self.log)
            if Path(match["path"]).is_relative_to(root)
        ]

    @property
    def read(self) -> set[str]:
        """Documents Sphinx reports reading ("reading sources... [ 50%] posts/x")."""
        return {match[1] for match in _matches(_READING, self.status)}

    @property
    def written(self) -> set[str]:
        """Documents Sphinx reports writing ("writing output... [ 50%] posts/x")."""
        return {match[1] for match in _matches(_WRITING, self.status)}

    def page(self, docname: str) -> Tag:
        """The main content of an HTML page (without the theme around it)."""
        soup = BeautifulSoup((self.outdir / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")
        main = soup.select_one('[role="main"]')
        assert main is not None, docname
        return main


#: The ``root_build`` fixture (conftest): ``root_build(testroot, builder="html", **confoverrides) -> Build``.
RootBuild = Callable[..., Build]


def build(srcdir: Path, builddir: Path, builder: str = "html", **options: Any) -> Build:
    """Build ``srcdir`` in-process into ``builddir/<builder>`` (doctrees kept in ``builddir``).

    ``options`` go to ``SphinxTestApp``: ``freshenv=True`` (read everything
    again), ``confoverrides={...}``, ``parallel=2``...
    """
    app = SphinxTestApp(builder, srcdir=srcdir, builddir=builddir, status=StringIO(), warning=StringIO(), **options)
    try:
        app.build()
        return Build.of(app)
    finally:
        app.cleanup()


def run_sphinx_command(
    srcdir: Path,
    outdir: Path,
    builder: str = "html",
    *options: str,
    env: dict[str, str] | None = None,
    doctreedir: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """``python -m sphinx -b <builder> [options] srcdir outdir`` as Read the Docs and the Makefile run it.

    Returns the finished process (``returncode``, ``stdout``, ``stderr`` as plain
    text: colour sequences removed, whatever terminal Sphinx believed it had, as
    under ``CI=true`` or ``FORCE_COLOR``); ``env`` is added to this process's
    environment.
    """
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        builder,
        "-d",
        str(doctreedir or outdir / ".doctrees"),
        *options,
        str(srcdir),
        str(outdir),
    ]
    environment = {**os.environ, **(env or {})}
    result = subprocess.run(command, capture_output=True, text=True, env=environment, check=False, cwd=srcdir)
    return subprocess.CompletedProcess(
        result.args, result.returncode, strip_colors(result.stdout), strip_colors(result.stderr)
    )


#: An hour, in nanoseconds: the age of a file edited long before the build.
AN_HOUR_NS = 3600 * 10**9


def write_aged(path: Path, text: str, age_ns: int = AN_HOUR_NS) -> None:
    """Write ``text`` (UTF-8) with an mtime ``age_ns`` nanoseconds in the past; 0 for a file edited just now."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    mtime = time.time_ns() - age_ns
    os.utime(path, ns=(mtime, mtime))
