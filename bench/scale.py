"""How build cost grows with the site: the extension and the lean floor at several sizes.

    python bench/scale.py [--sizes 250 1000 4000] [--rounds 2] [--cards on|off] [--json PATH]

For each number of posts N, the site of bench/run.py (same generator, same
seed) and its lean floor are built clean at ``-j 1`` in ``--rounds``
alternated rounds (fewer than ``make bench``'s five: the growth targets
compare sizes, each a median of its own rounds), then the extension site
gets ``--rounds`` no-change rebuilds and one-post edits.  Printed per N:
clean seconds and peak memory per post (extension and lean floor), the
extension / lean floor ratio, rebuild times, and the share of each build
spent in the extension's handlers; then a text chart of milliseconds per
post against N, and PASS/FAIL for issue 16's growth targets, between the
two largest sizes:

- clean seconds per post and peak memory per post within 10 % of their value
  at the next smaller size (above it: a super-linear term; below it is the
  fixed cost spreading over more posts, and passes);
- the extension's share of the clean build (its handlers, inside the build)
  not growing with N (within 10 % of its value at the smaller size).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from measure import Build
from run import (
    EXTENSION,
    LEAN,
    RESULTS_DIR,
    cards_options,
    clean_builds,
    machine,
    post_writer,
    progress,
    rebuilds,
    round_ratios,
    warm_up,
    write_sources,
)
from support.sites import make_plan  # after run, which puts tests/ on the path

GROWTH_LIMIT = 1.10
CHART_WIDTH = 50


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 1000, 4000], help="numbers of posts")
    parser.add_argument("--rounds", type=int, default=2, help="alternated rounds per size (default: 2)")
    parser.add_argument("--pillars", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cards", choices=("on", "off"), help="social cards in the extension's builds (run.py)")
    parser.add_argument("--json", type=Path, help="default: bench/results/scale.json")
    args = parser.parse_args(argv)
    if len(args.sizes) < 2 or min(args.sizes) < 3 or args.rounds < 1:
        parser.error("need at least two sizes of 3 posts or more, and 1 round")
    args.sizes = sorted(set(args.sizes))
    return args


def _median(builds: list[Build], attribute: str) -> float:
    return statistics.median(getattr(build, attribute) for build in builds)


def measure_size(posts: int, args: argparse.Namespace, workdir: Path, options: dict[str, list[str]]) -> dict:
    plan = make_plan(posts, args.pillars, args.seed)
    sources = write_sources(plan, [EXTENSION, LEAN], workdir / "src")
    builds = clean_builds(sources, workdir / "out", [1], args.rounds, options)
    extension, lean = builds[EXTENSION][1], builds[LEAN][1]
    rebuild = rebuilds(
        plan,
        EXTENSION,
        post_writer(EXTENSION, plan),
        sources[EXTENSION],
        workdir / "out" / f"{EXTENSION}-j1",
        args.rounds,
        options[EXTENSION],
    )
    seconds, lean_seconds = _median(extension, "seconds"), _median(lean, "seconds")
    memory, lean_memory = _median(extension, "peak_rss_mib"), _median(lean, "peak_rss_mib")
    shares = [build.extension_seconds / build.seconds for build in extension if build.extension_seconds is not None]
    return {
        "posts": posts,
        "clean_seconds": round(seconds, 3),
        "lean_clean_seconds": round(lean_seconds, 3),
        "ms_per_post": round(1000 * seconds / posts, 3),
        "lean_ms_per_post": round(1000 * lean_seconds / posts, 3),
        "peak_rss_mib": round(memory, 1),
        "lean_peak_rss_mib": round(lean_memory, 1),
        "kib_per_post": round(1024 * memory / posts, 2),
        "lean_kib_per_post": round(1024 * lean_memory / posts, 2),
        "ratio_vs_lean": round_ratios([b.seconds for b in extension], [b.seconds for b in lean]),
        "handler_share": round(statistics.median(shares), 4),
        "no_change_seconds": rebuild["no_change"]["median_seconds"],
        "no_change_handler_share": rebuild["no_change"]["median_handler_share"],
        "one_post_edit_seconds": rebuild["one_post_edit"]["median_seconds"],
        "one_post_edit_handler_share": rebuild["one_post_edit"]["median_handler_share"],
        "one_post_edit_written": rebuild["one_post_edit"]["written"][0],
    }


def growth_targets(rows: list[dict]) -> dict:
    """Between the two largest sizes: per-post time and memory, and the extension's share."""
    small, large = rows[-2], rows[-1]
    checks = {}
    for key, label in (
        ("ms_per_post", "clean seconds per post"),
        ("kib_per_post", "peak memory per post"),
        ("handler_share", "extension's share of the clean build"),
    ):
        growth = large[key] / small[key] if small[key] else float("nan")
        checks[f"{label}, {large['posts']} / {small['posts']} posts"] = {
            "value": round(growth, 3),
            "limit": GROWTH_LIMIT,
            "met": growth <= GROWTH_LIMIT,
        }
    return checks


def growth_table(rows: list[dict]) -> list[str]:
    header = (
        f"{'posts':>6}{'clean s':>9}{'ms/post':>9}{'lean':>8}{'ratio':>7}{'spread':>8}{'MiB':>7}{'KiB/post':>9}"
        f"{'lean':>8}{'Δms/post':>9}{'ΔKiB/post':>10}{'share':>7}{'no-chg s':>9}{'share':>7}{'edit s':>8}{'share':>7}{'written':>8}"
    )
    lines = [header]
    for row in rows:
        ratio = row["ratio_vs_lean"]
        lines.append(
            f"{row['posts']:>6}{row['clean_seconds']:>9.1f}{row['ms_per_post']:>9.2f}{row['lean_ms_per_post']:>8.2f}"
            f"{ratio['median']:>7.3f}{ratio['spread']:>8.1%}{row['peak_rss_mib']:>7.0f}{row['kib_per_post']:>9.1f}"
            f"{row['lean_kib_per_post']:>8.1f}{_marginal(row, 'ms'):>9}{_marginal(row, 'kib'):>10}"
            f"{row['handler_share']:>7.1%}{row['no_change_seconds']:>9.2f}"
            f"{row['no_change_handler_share']:>7.1%}{row['one_post_edit_seconds']:>8.2f}"
            f"{row['one_post_edit_handler_share']:>7.1%}{row['one_post_edit_written']:>8}"
        )
    return lines


def _marginal(row: dict, unit: str) -> str:
    value = row.get(f"marginal_{unit}_per_post")
    return "" if value is None else f"{value:.2f}"


def add_marginal_costs(rows: list[dict]) -> None:
    """What each post beyond the next smaller size costs: fixed costs (start-up, theme, search index) left out."""
    for small, large in itertools.pairwise(rows):
        added = large["posts"] - small["posts"]
        large["marginal_ms_per_post"] = round(1000 * (large["clean_seconds"] - small["clean_seconds"]) / added, 3)
        large["marginal_kib_per_post"] = round(1024 * (large["peak_rss_mib"] - small["peak_rss_mib"]) / added, 2)


def chart(rows: list[dict]) -> list[str]:
    """Milliseconds per post against N, a bar per size and build (``#`` extension, ``-`` lean floor)."""
    top = max(max(row["ms_per_post"], row["lean_ms_per_post"]) for row in rows)
    lines = ["clean build, milliseconds per post (# extension, - lean floor):"]
    for row in rows:
        for key, mark in (("ms_per_post", "#"), ("lean_ms_per_post", "-")):
            bar = mark * max(1, round(CHART_WIDTH * row[key] / top))
            lines.append(f"{row['posts'] if mark == '#' else '':>6} |{bar} {row[key]:.2f}")
    return lines


def report(results: dict) -> str:
    rows = results["rows"]
    lines = [
        f"growth: sizes {', '.join(str(row['posts']) for row in rows)}; clean builds -j 1, {results['rounds']} "
        f"alternated round(s) per size (fewer than make bench's 5); load {results['machine']['load_before'][0]:.2f} "
        f"before, {results['machine']['load_after'][0]:.2f} after",
        "ratio: extension / lean floor, median of the rounds (spread: max - min over it); share: the extension's "
        "handlers in that build; Δ: cost of each post beyond the smaller size (no fixed cost)",
        "",
        *growth_table(rows),
        "",
        *chart(rows),
        "",
        f"targets (issue 16, growth within {GROWTH_LIMIT - 1:.0%}):",
    ]
    lines += [
        f"  {'PASS' if check['met'] else 'FAIL'}  {name}: x{check['value']} (target ≤ x{check['limit']})"
        for name, check in results["targets"].items()
    ]
    noisy = [str(row["posts"]) for row in rows if row["ratio_vs_lean"]["noisy"]]
    if noisy:
        lines.append(f"!!! NOISY RUN: the rounds' ratios spread more than 10 % at {', '.join(noisy)} posts !!!")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    options = {EXTENSION: cards_options(args.cards)}
    workdir = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    progress(f"generated sites and builds in {workdir}")
    try:
        warm_up([EXTENSION, LEAN], workdir / "warm-up", options)
        load_before = os.getloadavg()
        rows = []
        for posts in args.sizes:
            rows.append(measure_size(posts, args, workdir / str(posts), options))
            shutil.rmtree(workdir / str(posts), ignore_errors=True)
        add_marginal_costs(rows)
        results = {"rounds": args.rounds, "machine": machine(load_before), "rows": rows}
        results["targets"] = growth_targets(rows)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(report(results))
    json_path = args.json or RESULTS_DIR / "scale.json"
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nresults written to {json_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
