"""One Sphinx build as a subprocess: wall time, peak memory, warnings, and
the documents it read and wrote (from ``bench_probe``)."""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench_probe import LOG_VARIABLE, TIMES_VARIABLE

#: The extension's folder: the project's conf.py imports ``editorial`` before the
#: benchmark's lines that follow it put this folder on ``sys.path``.
EXTENSION_DIR = Path(__file__).resolve().parent.parent / "_ext"

_WARNING = re.compile(r"\b(WARNING|ERROR|CRITICAL)\b")
_TOCTREE = re.compile(r"^```\{toctree\}\n(?P<body>.*?)^```", re.M | re.S)


@dataclass(frozen=True)
class Build:
    seconds: float
    cpu_seconds: float  # user + system, main process and -j workers: steadier than wall time on a busy machine
    peak_rss_mib: float
    warnings: tuple[str, ...]
    read: tuple[str, ...]
    written: tuple[str, ...]
    #: Seconds in the editorial extension's handlers, main process (None: not the extension's build).
    extension_seconds: float | None = None


def _probe_lines(path: Path, action: str) -> tuple[str, ...]:
    if not path.exists():
        return ()
    entries = (line.split(" ", 1) for line in path.read_text(encoding="utf-8").splitlines())
    return tuple(sorted(docname for kind, docname in entries if kind == action))


def run_build(srcdir: Path, outdir: Path, jobs: int, options: Sequence[str] = ()) -> Build:
    """``python -m sphinx -b html`` as ``make html`` runs it, measured from outside.

    ``options`` go on the command line before the folders (``-D name=value``).

    ``os.wait4`` gives the peak RSS of this one process tree (the largest of
    the main process and its ``-j`` workers), which ``RUSAGE_CHILDREN`` cannot
    once an earlier, larger build has been reaped.
    """
    outdir.mkdir(parents=True, exist_ok=True)
    probe_log = outdir / "probe.log"
    probe_log.unlink(missing_ok=True)
    command = [
        sys.executable, "-m", "sphinx", "-b", "html", "-j", str(jobs),
        "-d", str(outdir / "doctrees"), *options, str(srcdir), str(outdir / "html"),
    ]  # fmt: skip
    times = outdir / "handler-seconds.txt"
    times.unlink(missing_ok=True)
    python_path = os.pathsep.join(filter(None, [str(EXTENSION_DIR), os.environ.get("PYTHONPATH")]))
    environment = {**os.environ, "PYTHONPATH": python_path, LOG_VARIABLE: str(probe_log), TIMES_VARIABLE: str(times)}
    with (outdir / "stdout.log").open("w") as stdout, (outdir / "stderr.log").open("w") as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=stdout, stderr=stderr, env=environment, cwd=srcdir)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    errors = (outdir / "stderr.log").read_text(encoding="utf-8")
    if process.returncode != 0:
        raise RuntimeError(f"build of {srcdir} failed ({process.returncode}):\n{errors[-3000:]}")
    return Build(
        seconds=seconds,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        peak_rss_mib=usage.ru_maxrss / 1024,  # KiB on Linux
        warnings=tuple(line for line in errors.splitlines() if _WARNING.search(line)),
        read=_probe_lines(probe_log, "read"),
        written=_probe_lines(probe_log, "write"),
        extension_seconds=float(times.read_text(encoding="utf-8")) if times.exists() else None,
    )


def clean_build(srcdir: Path, outdir: Path, jobs: int, options: Sequence[str] = ()) -> Build:
    shutil.rmtree(outdir, ignore_errors=True)
    return run_build(srcdir, outdir, jobs, options)


def pages_linking_to(html_dir: Path, docname: str) -> set[str]:
    """Docnames of the written pages with a link (``<a href>``) to ``docname``."""
    slug = docname.rsplit("/", 1)[-1]
    link = re.compile(rf'<a [^>]*href="(?:[^"]*/)?{re.escape(slug)}\.html[#"]')
    return {
        page.relative_to(html_dir).with_suffix("").as_posix()
        for page in html_dir.rglob("*.html")
        if link.search(page.read_text(encoding="utf-8"))
    }


def toctree_parents(srcdir: Path) -> dict[str, set[str]]:
    """Docname → the pages whose toctree includes it, from the Markdown sources."""
    parents: dict[str, set[str]] = defaultdict(set)
    for source in srcdir.rglob("*.md"):
        docname = source.relative_to(srcdir).with_suffix("").as_posix()
        for block in _TOCTREE.finditer(source.read_text(encoding="utf-8")):
            for line in block["body"].splitlines():
                entry = line.strip()
                if entry and not entry.startswith(":"):
                    child = entry[1:] if entry.startswith("/") else posixpath.join(posixpath.dirname(docname), entry)
                    parents[posixpath.normpath(child)].add(docname)
    return parents
