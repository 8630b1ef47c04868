"""Where the extension's cost goes: one clean build of each site under cProfile, compared per function.

    python bench/profile_builds.py [--posts 1000] [--top 15] [--keep DIR]

Builds the extension site and its lean floor (bench/lean_floor.py) once
each, ``-j 1``, under ``python -m cProfile``, then prints two Markdown
tables (the ones quoted in bench/README.md):

- the extension's own functions (``_ext/editorial``), by cumulative time;
- the functions outside it (Sphinx, docutils, MyST, Furo, Jinja...) that cost
  more in the extension's build than in the lean floor's, by extra own time:
  the work the extension causes.

Profiled times are inflated by the profiler and from a single build each:
compare rows, not builds.
"""

from __future__ import annotations

import argparse
import os
import pstats
import re
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from measure import EXTENSION_DIR
from run import EXTENSION, LEAN, compile_bytecode, progress, write_sources
from support.sites import make_plan  # after run, which puts tests/ on the path

#: (file, line, function), as pstats keys its entries.
Function = tuple[str, int, str]
OWN = f"{os.sep}_ext{os.sep}editorial{os.sep}"
_ADDRESS = re.compile(r" at 0x[0-9a-f]+")


def profile_build(srcdir: Path, outdir: Path) -> pstats.Stats:
    """A clean ``-j 1`` html build of ``srcdir`` under cProfile."""
    outdir.mkdir(parents=True, exist_ok=True)
    profile = outdir / "build.prof"
    command = [
        sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "sphinx", "-q", "-b", "html", "-j", "1",
        "-d", str(outdir / "doctrees"), str(srcdir), str(outdir / "html"),
    ]  # fmt: skip
    python_path = os.pathsep.join(filter(None, [str(EXTENSION_DIR), os.environ.get("PYTHONPATH")]))
    subprocess.run(command, check=True, cwd=srcdir, env={**os.environ, "PYTHONPATH": python_path})
    return pstats.Stats(str(profile))


def _name(function: Function) -> str:
    path, line, name = function
    for marker in (OWN, f"{os.sep}site-packages{os.sep}", f"{os.sep}lib{os.sep}python3"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    return f"`{name}` ({path}:{line})" if line else f"`{name}`"


def _entries(stats: pstats.Stats) -> dict[Function, tuple[int, float, float]]:
    """function -> (calls, own seconds, cumulative seconds)."""
    raw = stats.stats  # type: ignore[attr-defined]  # pstats' documented-by-use table
    # Built-ins are keyed by their repr, which holds an address that differs from one process to the next.
    return {
        (path, line, _ADDRESS.sub("", name)): (calls, own, cumulative)
        for (path, line, name), (_p, calls, own, cumulative, _c) in raw.items()
    }


def compare(extension: pstats.Stats, lean: pstats.Stats, top: int) -> str:
    ext, base = _entries(extension), _entries(lean)
    total_ext = max(cumulative for _calls, _own, cumulative in ext.values())
    total_lean = max(cumulative for _calls, _own, cumulative in base.values())
    own = {function: entry for function, entry in ext.items() if OWN in function[0]}
    own_seconds = sum(entry[1] for entry in own.values())
    extra = {
        function: (
            calls,
            tottime - base.get(function, (0, 0.0, 0.0))[1],
            cumtime - base.get(function, (0, 0.0, 0.0))[2],
        )
        for function, (calls, tottime, cumtime) in ext.items()
        if OWN not in function[0]
    }
    caused = sum(max(0.0, entry[1]) for entry in extra.values())
    lines = [
        f"profiled build: extension {total_ext:.1f} s, lean floor {total_lean:.1f} s (difference "
        f"{total_ext - total_lean:.1f} s); own time in the extension's functions {own_seconds:.2f} s; "
        f"extra own time elsewhere (sum of the positive differences) {caused:.2f} s",
        "",
        "Extension's own functions, by cumulative time (profiled seconds):",
        "",
        "| function | calls | own s | cumulative s |",
        "| --- | ---: | ---: | ---: |",
    ]
    for function, (calls, tottime, cumtime) in sorted(own.items(), key=lambda item: -item[1][2])[:top]:
        lines.append(f"| {_name(function)} | {calls} | {tottime:.3f} | {cumtime:.3f} |")
    lines += [
        "",
        "Work outside the extension that its build does more of, by extra own time (extension − lean floor):",
        "",
        "| function | calls (ext / lean) | extra own s | extra cumulative s |",
        "| --- | ---: | ---: | ---: |",
    ]
    for function, (calls, tottime, cumtime) in sorted(extra.items(), key=lambda item: -item[1][1])[:top]:
        lines.append(
            f"| {_name(function)} | {calls} / {base.get(function, (0, 0.0, 0.0))[0]} | {tottime:.3f} | {cumtime:.3f} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--pillars", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--top", type=int, default=15, help="rows per table (default: 15)")
    parser.add_argument("--keep", type=Path, help="a folder for the sites, builds and .prof files, kept")
    args = parser.parse_args(argv)
    workdir = args.keep or Path(tempfile.mkdtemp(prefix=f"bench-profile-{args.posts}-"))
    compile_bytecode()
    sources = write_sources(make_plan(args.posts, args.pillars, args.seed), [EXTENSION, LEAN], workdir / "src")
    stats = {}
    for name in (LEAN, EXTENSION):
        progress(f"profiling the {name} build of {args.posts} posts")
        stats[name] = profile_build(sources[name], workdir / "out" / name)
    print(f"{args.posts} posts, -j 1, one clean build of each under cProfile\n")
    print(compare(stats[EXTENSION], stats[LEAN], args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
