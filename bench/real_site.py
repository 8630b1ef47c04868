"""``make html`` of the real site with several ``SPHINXOPTS``, from clean each time.

    python bench/real_site.py [--repeat 3] [--options "-j 1" "-j 2" "-j auto"]

Answers whether ``-j`` pays on the real site (a dozen pages): the builds
alternate between the options, each from an empty build folder (what ``make
clean`` leaves), into a temporary folder rather than the project's
``_build``.  Also checks that every option writes the same pages.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def make_html(builddir: Path, options: str) -> float:
    shutil.rmtree(builddir, ignore_errors=True)
    command = ["make", "-C", str(PROJECT), "html", f"BUILDDIR={builddir}", f"SPHINXOPTS={options}"]
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def differing_pages(first: Path, second: Path) -> list[str]:
    """HTML pages that differ between two builds (or exist in only one)."""
    pages = {page.relative_to(first) for page in first.rglob("*.html")} | {
        page.relative_to(second) for page in second.rglob("*.html")
    }
    return sorted(
        str(page)
        for page in pages
        if not (
            (first / page).exists()
            and (second / page).exists()
            and filecmp.cmp(first / page, second / page, shallow=False)
        )
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--options", nargs="+", default=["-j 1", "-j 2", "-j auto"])
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="bench-make-"))
    try:
        seconds: dict[str, list[float]] = {options: [] for options in args.options}
        for round_number in range(args.repeat):
            order = args.options if round_number % 2 == 0 else args.options[::-1]
            for options in order:
                seconds[options].append(make_html(workdir / options.replace(" ", ""), options))
        reference = workdir / args.options[0].replace(" ", "") / "html"
        print(f"make html from clean, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}, median of {args.repeat}")
        for options, runs in seconds.items():
            differing = differing_pages(reference, workdir / options.replace(" ", "") / "html")
            runs_text = ", ".join(f"{run:.1f}" for run in runs)
            print(
                f'  SPHINXOPTS="{options}": {statistics.median(runs):6.2f} s  ({runs_text}); pages differing from "{args.options[0]}": {differing or "none"}'
            )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
