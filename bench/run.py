"""Build speed of the site at scale: the editorial extension against two floors.

    python bench/run.py --posts 1000 [--pillars 5] [--repeat 5] [--cards on|off] [--json PATH]

Generates a synthetic site (tests/support/sites.py, shared with the tests) in
a temporary folder, in three variants:

- ``extension``: the site as editors write it, with the project's ``conf.py``;
- ``lean``: the lean floor (bench/lean_floor.py), the same sources built by
  Sphinx, MyST, sphinx-design and Furo alone, posts orphan, the extension's
  directives and roles replaced by plain text: **the targets' denominator**;
- ``floor``: the site floor, the project's ``conf.py`` minus ``editorial``
  (opengraph, sitemap, 404 page and the garbage-collector policy kept).

Each build is a ``python -m sphinx`` subprocess.  It measures:

- clean builds, ``-j 1`` and ``-j 2``, in ``--repeat`` alternated rounds
  (lean, extension, floor, then floor, extension, lean...): each ratio is the
  median of the rounds' ratios (the two builds of a round run back to back),
  printed with the rounds' spread; a spread over 10 % is flagged NOISY;
  peak memory (max RSS of the build's process tree) the same way;
- a no-change rebuild and a rebuild after editing one post's date, for the
  extension and the lean floor: wall time, the share of it spent in the
  extension's event handlers (bench_probe.py), documents read and written;

prints a table with PASS/FAIL per target of issue 16 and writes everything
as JSON (bench/results/ by default).  No target makes the script fail: it
measures.  ``--cards off`` (the default when the extension has the
``editorial_social_cards`` setting) builds the extension site without social
cards, ``--cards on`` with them: passed as ``-D`` to the extension's builds
only, and only when the setting exists or is asked for.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.metadata
import json
import os
import platform
import re
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path

_PROJECT = Path(__file__).resolve().parent.parent
# bench/ (measure, bench_probe), tests/ (the site generator the tests use too, support.sites), _ext/ (editorial).
sys.path[:0] = [str(_PROJECT / "bench"), str(_PROJECT / "tests"), str(_PROJECT / "_ext")]

from lean_floor import lean_text, write_lean_floor  # noqa: E402
from measure import Build, clean_build, pages_linking_to, run_build, toctree_parents  # noqa: E402
from support.sites import BENCH_DIR, PROJECT, SitePlan, Variant, edited_post, make_plan, post_source, write_site  # noqa: E402

RESULTS_DIR = PROJECT / "bench" / "results"
#: How far the benchmark moves the edited post's date (it changes place in its pillar).
DATE_SHIFT = timedelta(days=45)
UNEXPLAINED = "unexplained"
SOFTWARE = ("sphinx", "docutils", "myst-parser", "furo", "sphinx-design", "PyYAML")
EXTENSION, LEAN, SITE_FLOOR = "extension", "lean", "floor"
#: The order of a round's clean builds; odd rounds run it backwards, so the extension always follows or
#: precedes the lean floor directly.
ROUND_ORDER = (LEAN, EXTENSION, SITE_FLOOR)
FLOOR_NAMES = {LEAN: "lean floor", SITE_FLOOR: "site floor"}
#: Rounds whose ratios spread more than this (max - min, over the median) are flagged.
NOISY_SPREAD = 0.10
#: Issue 16's targets, against the lean floor (shares: of the rebuild's wall time).
TARGETS = {
    "clean_ratio": 1.05,  # extension / lean floor, clean build, -j 1 and -j 2, median of the rounds' ratios
    "memory_ratio": 1.15,  # extension / lean floor, peak RSS of the clean build
    "no_change_handler_share": 0.02,
    "one_post_edit_handler_share": 0.10,
}
CARDS_SETTING = "editorial_social_cards"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--posts", type=int, default=1000, help="number of posts (default: 1000)")
    parser.add_argument("--pillars", type=int, default=5, help="number of pillars (default: 5)")
    parser.add_argument(
        "--repeat",
        type=int,
        default=5,
        help="alternated rounds of clean builds, and rebuilds of each kind (default: 5)",
    )
    parser.add_argument(
        "--jobs", type=int, nargs="+", default=[1, 2], help="-j values of the clean builds (default: 1 2)"
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated site (default: 1)")
    parser.add_argument(
        "--no-site-floor", action="store_true", help="skip the site floor (conf.py minus editorial): lean floor only"
    )
    parser.add_argument(
        "--cards",
        choices=("on", "off"),
        help=f"social cards in the extension's builds (-D {CARDS_SETTING}); default: off where the setting exists",
    )
    parser.add_argument(
        "--posts-in-toctree",
        action="store_true",
        help="list every post in a hidden toctree of its pillar's archive page",
    )
    parser.add_argument(
        "--json", type=Path, help="where to write the results (default: bench/results/bench-<posts>[-toctree].json)"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the generated sites and builds (their folder is printed)"
    )
    args = parser.parse_args(argv)
    if args.posts < 3 or args.pillars < 1 or args.repeat < 1:
        parser.error("need at least 3 posts, 1 pillar and 1 repeat")
    return args


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def cards_options(cards: str | None) -> list[str]:
    """The ``-D`` of the extension's builds for social cards: asked for, or off where the extension has them."""
    if cards is None:
        declared = any(CARDS_SETTING in path.read_text(encoding="utf-8") for path in (PROJECT / "_ext").rglob("*.py"))
        cards = "off" if declared else None
    return [] if cards is None else ["-D", f"{CARDS_SETTING}={int(cards == 'on')}"]


def _summary(builds: list[Build]) -> dict:
    seconds = [round(build.seconds, 3) for build in builds]
    cpu_seconds = [round(build.cpu_seconds, 3) for build in builds]
    memory = [round(build.peak_rss_mib, 1) for build in builds]
    # The extension's handlers against the build they ran in (main process):
    # steady where two builds compared are not, on a machine whose speed drifts.
    shares = [
        round(build.extension_seconds / build.seconds, 4) for build in builds if build.extension_seconds is not None
    ]
    return {
        "seconds": seconds,
        "median_seconds": round(statistics.median(seconds), 3),
        "cpu_seconds": cpu_seconds,
        "median_cpu_seconds": round(statistics.median(cpu_seconds), 3),
        "peak_rss_mib": memory,
        "median_peak_rss_mib": round(statistics.median(memory), 1),
        "handler_share": shares,
        "median_handler_share": round(statistics.median(shares), 4) if shares else None,
    }


# -- clean builds -----------------------------------------------------------------


def clean_builds(
    sources: dict[str, Path], outdir: Path, jobs_values: list[int], repeat: int, options: dict[str, list[str]]
) -> dict[str, dict[int, list[Build]]]:
    """Every variant in alternated rounds (``ROUND_ORDER``, backwards every other round), each ``-j``."""
    builds: dict[str, dict[int, list[Build]]] = {name: {jobs: [] for jobs in jobs_values} for name in sources}
    names = [name for name in ROUND_ORDER if name in sources]
    for round_number in range(repeat):
        order = names if round_number % 2 == 0 else names[::-1]
        for jobs in jobs_values:
            for name in order:
                build = clean_build(sources[name], outdir / f"{name}-j{jobs}", jobs, options.get(name, []))
                builds[name][jobs].append(build)
                progress(
                    f"clean {name:9} -j {jobs}  round {round_number + 1}/{repeat}: "
                    f"{build.seconds:6.1f} s  {build.peak_rss_mib:6.0f} MiB"
                )
    return builds


# -- ratios and their noise -----------------------------------------------------------


def _ratio(numerator: float, denominator: float) -> float:
    return round(numerator / denominator, 3) if denominator else float("nan")


def median_round_ratio(numerators: Sequence[float], denominators: Sequence[float]) -> float:
    """The median of each round's ratio: numerators[i] / denominators[i], rounds paired."""
    return statistics.median(
        _ratio(numerator, denominator) for numerator, denominator in zip(numerators, denominators, strict=True)
    )


def round_ratios(numerators: Sequence[float], denominators: Sequence[float]) -> dict:
    """Each round's ratio, their median, and how far they spread: ``spread`` is (max - min) / median."""
    ratios = [_ratio(numerator, denominator) for numerator, denominator in zip(numerators, denominators, strict=True)]
    median = round(statistics.median(ratios), 4)
    spread = round((max(ratios) - min(ratios)) / median, 4) if median else float("nan")
    return {
        "median": median,
        "rounds": ratios,
        "min": min(ratios),
        "max": max(ratios),
        "spread": spread,
        "noisy": spread > NOISY_SPREAD,
    }


def paired_ratios(builds: dict[str, dict[int, list[Build]]], jobs_values: list[int]) -> dict[str, dict]:
    """``<quantity>_j<jobs>_vs_<floor>`` -> ``round_ratios`` of the extension against each floor."""
    quantities = (("clean_seconds", "seconds"), ("clean_cpu_seconds", "cpu_seconds"), ("peak_rss", "peak_rss_mib"))
    return {
        f"{quantity}_j{jobs}_vs_{floor}": round_ratios(
            [getattr(build, attribute) for build in builds[EXTENSION][jobs]],
            [getattr(build, attribute) for build in builds[floor][jobs]],
        )
        for floor in (LEAN, SITE_FLOOR)
        if floor in builds
        for jobs in jobs_values
        for quantity, attribute in quantities
    }


# -- rebuilds -----------------------------------------------------------------------


def no_change_rebuilds(srcdir: Path, outdir: Path, repeat: int, options: Sequence[str] = ()) -> list[Build]:
    return [run_build(srcdir, outdir, 1, options) for _ in range(repeat)]


def one_post_edits(
    plan: SitePlan,
    write_post: Callable[[date], str],
    srcdir: Path,
    outdir: Path,
    repeat: int,
    options: Sequence[str] = (),
) -> tuple[list[Build], list[dict[str, str]]]:
    """Move one post's date back and forth (``write_post(day)`` is its source), rebuilding after each edit.

    Also returns, for each edit, why each written page was written: a page
    that does not show the post (before or after the edit) and is not a
    toctree parent of such a page had no reason to be.
    """
    post = edited_post(plan)
    docname = f"posts/{post.slug}"
    source = srcdir / f"{docname}.md"
    html_dir = outdir / "html"
    parents = toctree_parents(srcdir)
    linking = pages_linking_to(html_dir, docname)
    builds, reasons = [], []
    for edit in range(repeat):
        day = post.day - DATE_SHIFT if edit % 2 == 0 else post.day
        source.write_text(write_post(day), encoding="utf-8")
        build = run_build(srcdir, outdir, 1, options)
        linking_now = pages_linking_to(html_dir, docname)
        reasons.append(_write_reasons(build.written, docname, linking | linking_now, parents))
        linking = linking_now
        builds.append(build)
    return builds, reasons


def _write_reasons(
    written: Sequence[str], edited: str, showing: set[str], parents: dict[str, set[str]]
) -> dict[str, str]:
    reasons = {
        docname: "edited" if docname == edited else "shows the post"
        for docname in written
        if docname == edited or docname in showing
    }
    ancestors, pending = set(), list(reasons)
    while pending:
        for parent in parents.get(pending.pop(), ()):
            if parent not in ancestors:
                ancestors.add(parent)
                pending.append(parent)
    for docname in written:
        if docname not in reasons:
            reasons[docname] = "toctree parent of a re-written page" if docname in ancestors else UNEXPLAINED
    return reasons


def _rebuild_summary(builds: list[Build]) -> dict:
    return {
        **_summary(builds),
        "read": [len(build.read) for build in builds],
        "written": [len(build.written) for build in builds],
        "read_docnames": list(builds[0].read),
        "written_docnames": list(builds[0].written),
        "warnings": sorted({line for build in builds for line in build.warnings}),
    }


def rebuilds(
    plan: SitePlan,
    name: str,
    write_post: Callable[[date], str],
    srcdir: Path,
    outdir: Path,
    repeat: int,
    options: Sequence[str] = (),
) -> dict:
    """No-change rebuilds, then one-post edits, ``repeat`` of each, on the build left in ``outdir``."""
    no_change = no_change_rebuilds(srcdir, outdir, repeat, options)
    edits, reasons = one_post_edits(plan, write_post, srcdir, outdir, repeat, options)
    unexplained = sorted({docname for edit in reasons for docname, reason in edit.items() if reason == UNEXPLAINED})
    progress(
        f"rebuild {name:9}: no change {statistics.median(b.seconds for b in no_change):.2f} s, "
        f"one-post edit {statistics.median(b.seconds for b in edits):.2f} s "
        f"({len(edits[0].read)} read, {len(edits[0].written)} written)"
    )
    return {
        "edited_post": f"posts/{edited_post(plan).slug}",
        "no_change": _rebuild_summary(no_change),
        "one_post_edit": {**_rebuild_summary(edits), "why_written": reasons[0], "written_unexplained": unexplained},
    }


def post_writer(name: str, plan: SitePlan) -> Callable[[date], str]:
    """The edited post's source on a given day, as the variant ``name`` writes it."""
    post = edited_post(plan)
    if name == LEAN:
        return lambda day: lean_text(f"posts/{post.slug}.md", post_source(post, Variant(True), day))
    return lambda day: post_source(post, Variant(name == EXTENSION), day)


# -- navigation ---------------------------------------------------------------------


def posts_missing_from_archives(plan: SitePlan, html_dir: Path) -> list[str]:
    """Posts not linked from their pillar's archive page (the way readers reach them)."""
    missing = []
    for pillar in plan.pillars:
        archive = (html_dir / "pillars" / "archives" / f"{pillar.slug}.html").read_text(encoding="utf-8")
        linked = set(re.findall(r'<a [^>]*href="\.\./\.\./posts/([^"#]+)\.html', archive))
        missing += [
            f"posts/{post.slug}" for post in plan.posts if post.pillar == pillar.slug and post.slug not in linked
        ]
    return missing


# -- targets and report -------------------------------------------------------------


def _check(value: float, limit: float, met: bool) -> dict:
    return {"value": round(value, 4), "limit": limit, "met": met}


def targets(results: dict) -> dict:
    """Issue 16's targets, each ``{"value", "limit", "met"}``."""
    rebuild = results["rebuild"][EXTENSION]
    edit, no_change = rebuild["one_post_edit"], rebuild["no_change"]
    warnings = len(results["warnings"][EXTENSION]) + len(no_change["warnings"]) + len(edit["warnings"])
    checks = {}
    for jobs in results["clean"][EXTENSION]:
        clean = results["paired_ratios"][f"clean_seconds_j{jobs}_vs_{LEAN}"]["median"]
        memory = results["paired_ratios"][f"peak_rss_j{jobs}_vs_{LEAN}"]["median"]
        checks[f"clean_j{jobs}_vs_lean_floor"] = _check(clean, TARGETS["clean_ratio"], clean <= TARGETS["clean_ratio"])
        checks[f"peak_memory_j{jobs}_vs_lean_floor"] = _check(
            memory, TARGETS["memory_ratio"], memory <= TARGETS["memory_ratio"]
        )
    for kind in ("no_change", "one_post_edit"):
        share, limit = rebuild[kind]["median_handler_share"], TARGETS[f"{kind}_handler_share"]
        checks[f"{kind}_handler_share"] = _check(share, limit, share <= limit)
    touched = max(no_change["read"] + no_change["written"])
    checks["no_change_reads_and_writes_nothing"] = _check(touched, 0, touched == 0)
    checks["one_post_edit_reads_only_the_post"] = _check(max(edit["read"]), 1, set(edit["read"]) == {1})  # documents
    unexplained = len(edit["written_unexplained"])
    checks["one_post_edit_writes_only_the_post_and_pages_showing_it"] = _check(unexplained, 0, unexplained == 0)
    checks["no_warning"] = _check(warnings, 0, warnings == 0)
    missing = len(results["posts_missing_from_archives"])
    checks["posts_missing_from_archives"] = _check(missing, 0, missing == 0)
    return checks


def _read_written(rebuild: dict) -> str:
    return f"{rebuild['read'][0]} / {rebuild['written'][0]}"


def _ratio_line(label: str, ratio: dict) -> str:
    rounds = f"{ratio['min']:.3f}–{ratio['max']:.3f}"
    flag = "   <-- NOISY" if ratio["noisy"] else ""
    return f"{label:40}{ratio['median']:8.3f}   rounds {rounds} (spread {ratio['spread']:.1%}){flag}"


def ratio_lines(results: dict) -> list[str]:
    """The extension against each floor: median of the rounds' ratios, and their spread."""
    lines = []
    for floor in (LEAN, SITE_FLOOR):
        for jobs in results["clean"][EXTENSION]:
            for quantity, label in (
                ("clean_seconds", "clean build"),
                ("clean_cpu_seconds", "  CPU time"),
                ("peak_rss", "  peak memory"),
            ):
                key = f"{quantity}_j{jobs}_vs_{floor}"
                if key in results["paired_ratios"]:
                    lines.append(
                        _ratio_line(f"{label} -j {jobs} / {FLOOR_NAMES[floor]}", results["paired_ratios"][key])
                    )
    return lines


def noise_lines(results: dict) -> list[str]:
    """A loud line per ratio whose rounds spread more than ``NOISY_SPREAD``."""
    noisy = [key for key, ratio in results["paired_ratios"].items() if ratio["noisy"]]
    if not noisy:
        return [f"noise: every ratio's rounds within {NOISY_SPREAD:.0%} of their median"]
    return [
        f"!!! NOISY RUN: {len(noisy)} ratio(s) spread more than {NOISY_SPREAD:.0%} over their rounds "
        f"({', '.join(noisy)}); run again on a quiet machine before trusting them !!!"
    ]


def target_lines(checks: dict) -> list[str]:
    return [
        f"  {'PASS' if check['met'] else 'FAIL'}  {name}: {check['value']} "
        f"(target {'≤ ' + str(check['limit']) if isinstance(check['limit'], float) else '= ' + str(check['limit'])})"
        for name, check in checks.items()
    ]


def table(results: dict) -> str:
    clean, rebuild = results["clean"], results["rebuild"]
    machine = results["machine"]
    names = [name for name in (EXTENSION, LEAN, SITE_FLOOR) if name in clean]
    lines = [
        f"{results['posts']} posts, {results['pillars']} pillars, posts in toctree: {results['posts_in_toctree']}; "
        f"{results['repeat']} alternated rounds; extension options: {' '.join(results['extension_options']) or 'none'}; "
        f"{machine['cpus']} CPUs, load {machine['load_before'][0]:.2f} before, {machine['load_after'][0]:.2f} after",
        "",
        f"{'medians':34}" + "".join(f"{FLOOR_NAMES.get(name, name):>12}" for name in names),
    ]
    for jobs in clean[EXTENSION]:
        for key, label in (
            ("median_seconds", f"clean build -j {jobs} (s)"),
            ("median_cpu_seconds", f"  CPU time -j {jobs} (s)"),
            ("median_peak_rss_mib", f"  peak memory -j {jobs} (MiB)"),
        ):
            lines.append(f"{label:34}" + "".join(f"{clean[name][jobs][key]:12.2f}" for name in names))
        share = clean[EXTENSION][jobs]["median_handler_share"]
        if jobs == "1" and share is not None:
            lines.append(f"{'  extension handlers, same build':34}{share:11.1%}")
    for kind, label in (("no_change", "no-change rebuild"), ("one_post_edit", "one-post edit (date)")):
        rebuilt = [name for name in names if name in rebuild]
        lines.append(
            f"{label + ' (s)':34}" + "".join(f"{rebuild[name][kind]['median_seconds']:12.2f}" for name in rebuilt)
        )
        lines.append(f"{'  extension handlers, same build':34}{rebuild[EXTENSION][kind]['median_handler_share']:11.1%}")
        lines.append(
            f"{'  documents read / written':34}"
            + "".join(f"{_read_written(rebuild[name][kind]):>12}" for name in rebuilt)
        )
    lines += ["", "extension / floor (median of the rounds' ratios):", *ratio_lines(results), ""]
    lines += noise_lines(results)
    lines += ["", "targets (issue 16, against the lean floor):", *target_lines(results["targets"])]
    edit = rebuild[EXTENSION]["one_post_edit"]
    lines += ["", f"one-post edit of {rebuild[EXTENSION]['edited_post']} (first edit) wrote:"]
    lines += [
        f"  {docname}: {reason}"
        for docname, reason in sorted(edit["why_written"].items(), key=lambda item: (item[1], item[0]))
    ]
    return "\n".join(lines)


# -- main -----------------------------------------------------------------------------


def compile_bytecode() -> None:
    """Installed packages come with their bytecode; the extension and the probe are compiled here,
    since Python caches nothing where PYTHONDONTWRITEBYTECODE is set (as on the benchmark machine)
    and would otherwise recompile the extension in every build (cost: bench/README.md)."""
    for folder in (PROJECT / "_ext", BENCH_DIR):
        compileall.compile_dir(folder, quiet=1)


def write_sources(
    plan: SitePlan, names: Sequence[str], workdir: Path, posts_in_toctree: bool = False
) -> dict[str, Path]:
    """Each variant's source folder under ``workdir``: the lean floor is a copy of the extension's sources."""
    sources = {name: workdir / name for name in names}
    write_site(plan, Variant(True, posts_in_toctree), sources[EXTENSION])
    if LEAN in sources:
        write_lean_floor(sources[EXTENSION], sources[LEAN], BENCH_DIR)
    if SITE_FLOOR in sources:
        write_site(plan, Variant(False, posts_in_toctree), sources[SITE_FLOOR])
    return sources


def warm_up(names: Sequence[str], workdir: Path, options: dict[str, list[str]]) -> None:
    """Build a three-post site once per variant, untimed: the first build of a
    run compiles and caches what every later one reuses, which would bias it."""
    compile_bytecode()
    sources = write_sources(make_plan(3, 1, seed=0), names, workdir / "src")
    for name, srcdir in sources.items():
        clean_build(srcdir, workdir / "out" / name, 1, options.get(name, []))


def machine(load_before: tuple[float, float, float]) -> dict:
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "versions": {name: importlib.metadata.version(name) for name in SOFTWARE},
        "load_before": [round(load, 2) for load in load_before],
        "load_after": [round(load, 2) for load in os.getloadavg()],
    }


def measure(plan: SitePlan, args: argparse.Namespace, workdir: Path) -> dict:
    names = [EXTENSION, LEAN] if args.no_site_floor else [EXTENSION, LEAN, SITE_FLOOR]
    options = {EXTENSION: cards_options(args.cards)}
    sources = write_sources(plan, names, workdir / "src", args.posts_in_toctree)
    warm_up(names, workdir / "warm-up", options)
    load_before = os.getloadavg()
    builds = clean_builds(sources, workdir / "out", args.jobs, args.repeat, options)
    rebuild_jobs = 1 if 1 in args.jobs else args.jobs[0]
    rebuild = {
        name: rebuilds(
            plan,
            name,
            post_writer(name, plan),
            sources[name],
            workdir / "out" / f"{name}-j{rebuild_jobs}",
            args.repeat,
            options.get(name, []),
        )
        for name in (EXTENSION, LEAN)
    }
    clean = {name: {str(jobs): _summary(runs) for jobs, runs in by_jobs.items()} for name, by_jobs in builds.items()}
    results = {
        "posts": args.posts,
        "pillars": args.pillars,
        "repeat": args.repeat,
        "seed": args.seed,
        "posts_in_toctree": args.posts_in_toctree,
        "extension_options": options[EXTENSION],
        "machine": machine(load_before),
        "clean": clean,
        "paired_ratios": paired_ratios(builds, args.jobs),
        "rebuild": rebuild,
        # Warnings of the clean builds of each variant, without repeats (the rebuilds' are in "rebuild").
        "warnings": {
            name: sorted({line for runs in builds[name].values() for build in runs for line in build.warnings})
            for name in names
        },
        "posts_missing_from_archives": posts_missing_from_archives(
            plan, workdir / "out" / f"{EXTENSION}-j{rebuild_jobs}" / "html"
        ),
    }
    results["targets"] = targets(results)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    plan = make_plan(args.posts, args.pillars, args.seed)
    workdir = Path(tempfile.mkdtemp(prefix=f"bench-{args.posts}-"))
    progress(f"generated sites and builds in {workdir}")
    try:
        results = measure(plan, args, workdir)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    print(table(results))
    suffix = "-toctree" if args.posts_in_toctree else ""
    json_path = args.json or RESULTS_DIR / f"bench-{args.posts}{suffix}.json"
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nresults written to {json_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
