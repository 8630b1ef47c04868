"""The build benchmarks (bench/run.py, bench/scale.py) run end to end on small sites.

Smoke tests only: they check what the scripts report, never how fast the
builds were (timings on a shared machine prove nothing).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from support.building import PROJECT

pytestmark = pytest.mark.slow

POSTS = 40
SIZES = (10, 20)

sys.path.insert(0, str(PROJECT / "bench"))


def _run(script: str, json_path: Path, *arguments: str) -> tuple[str, dict]:
    command = [sys.executable, str(PROJECT / "bench" / script), *arguments, "--json", str(json_path)]
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=PROJECT)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout, json.loads(json_path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def bench_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict]:
    """``bench/run.py`` at 40 posts, one round: its table and its JSON."""
    return _run("run.py", tmp_path_factory.mktemp("bench") / "bench.json", "--posts", str(POSTS), "--repeat", "1")


@pytest.fixture(scope="module")
def scale_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict]:
    """``bench/scale.py`` at 10 and 20 posts, one round: its table and its JSON."""
    sizes = [str(size) for size in SIZES]
    return _run("scale.py", tmp_path_factory.mktemp("scale") / "scale.json", "--sizes", *sizes, "--rounds", "1")


def test_the_table_compares_the_extension_with_both_floors(bench_run: tuple[str, dict]) -> None:
    table, _results = bench_run
    for row in (
        "lean floor",
        "site floor",
        "clean build -j 1 (s)",
        "clean build -j 2 (s)",
        "peak memory -j 1 (MiB)",
        "extension handlers, same build",
        "no-change rebuild (s)",
        "one-post edit (date) (s)",
        "clean build -j 1 / lean floor",
        "clean build -j 2 / lean floor",
        "peak memory -j 1 / lean floor",
        "clean build -j 1 / site floor",
        "targets (issue 16, against the lean floor):",
    ):
        assert row in table, row
    # Each ratio with the spread of its rounds, and one line saying whether the run was noisy.
    assert table.count("(spread ") == 12
    assert "noise: every ratio" in table or "!!! NOISY RUN" in table


def test_every_target_has_a_pass_or_fail_line(bench_run: tuple[str, dict]) -> None:
    table, results = bench_run
    targets = results["targets"]
    for name in (
        "clean_j1_vs_lean_floor",
        "clean_j2_vs_lean_floor",
        "peak_memory_j1_vs_lean_floor",
        "no_change_handler_share",
        "one_post_edit_handler_share",
        "no_change_reads_and_writes_nothing",
        "one_post_edit_writes_only_the_post_and_pages_showing_it",
    ):
        check = targets[name]
        assert f"{'PASS' if check['met'] else 'FAIL'}  {name}: " in table


def test_the_json_holds_every_measure_for_each_site(bench_run: tuple[str, dict]) -> None:
    _table, results = bench_run
    assert results["posts"] == POSTS
    for site in ("extension", "lean", "floor"):
        for jobs in ("1", "2"):
            clean = results["clean"][site][jobs]
            assert len(clean["seconds"]) == len(clean["peak_rss_mib"]) == 1
            assert clean["median_peak_rss_mib"] > 0
    for site in ("extension", "lean"):
        for kind in ("no_change", "one_post_edit"):
            assert {"median_seconds", "read", "written", "read_docnames", "written_docnames"} <= results["rebuild"][
                site
            ][kind].keys()
    ratio = results["paired_ratios"]["clean_seconds_j1_vs_lean"]
    assert {"median", "rounds", "min", "max", "spread", "noisy"} <= ratio.keys()
    # The extension's handlers are timed inside its builds (and nothing is, in the floors').
    assert 0 < results["clean"]["extension"]["1"]["median_handler_share"] < 1
    assert 0 < results["rebuild"]["extension"]["no_change"]["median_handler_share"] < 1
    assert results["clean"]["lean"]["1"]["median_handler_share"] == 0


def test_the_sites_build_without_warning_and_list_every_post(bench_run: tuple[str, dict]) -> None:
    _table, results = bench_run
    assert results["warnings"] == {"extension": [], "lean": [], "floor": []}
    assert results["posts_missing_from_archives"] == []


def test_rebuilds_read_and_write_only_what_changed(bench_run: tuple[str, dict]) -> None:
    """What the probe saw: nothing for a no-change rebuild; for a date edit,
    the post read, and written with the pages that show it."""
    _table, results = bench_run
    rebuild = results["rebuild"]["extension"]
    assert rebuild["no_change"]["read_docnames"] == rebuild["no_change"]["written_docnames"] == []
    edit = rebuild["one_post_edit"]
    assert edit["read_docnames"] == [rebuild["edited_post"]]
    assert rebuild["edited_post"] in edit["written_docnames"]
    assert "posts/index" in edit["written_docnames"]  # lists every post with its date
    assert edit["written_unexplained"] == []
    # The lean floor's edit is the same edit: one post read and written.
    assert results["rebuild"]["lean"]["one_post_edit"]["read_docnames"] == [rebuild["edited_post"]]


def test_the_growth_table_has_every_size_a_chart_and_the_targets(scale_run: tuple[str, dict]) -> None:
    table, results = scale_run
    assert [row["posts"] for row in results["rows"]] == list(SIZES)
    assert "clean build, milliseconds per post (# extension, - lean floor):" in table
    for size in SIZES:
        assert f"{size:>6} |#" in table
    for name, check in results["targets"].items():
        assert f"{'PASS' if check['met'] else 'FAIL'}  {name}: " in table
    assert {"clean seconds per post", "peak memory per post", "extension's share of the clean build"} == {
        name.split(",")[0] for name in results["targets"]
    }


def test_the_clean_ratio_pairs_the_builds_of_each_round() -> None:
    """A machine slowing down for one round must not move the ratio: rounds are paired,
    unlike the ratio of the two medians (here 20 / 10)."""
    from run import median_round_ratio

    assert median_round_ratio([10.0, 20.0, 30.0], [10.0, 10.0, 30.0]) == 1.0
    assert median_round_ratio([11.0, 22.0, 33.0], [10.0, 20.0, 30.0]) == 1.1


def test_rounds_spreading_more_than_ten_percent_are_flagged() -> None:
    from run import round_ratios

    steady = round_ratios([10.5, 10.4, 10.6], [10.0, 10.0, 10.0])
    assert (steady["median"], steady["min"], steady["max"], steady["noisy"]) == (1.05, 1.04, 1.06, False)
    assert steady["spread"] == pytest.approx(0.02 / 1.05, abs=1e-4)
    assert round_ratios([10.0, 12.0, 10.5], [10.0, 10.0, 10.0])["noisy"]


def test_the_lean_floor_keeps_the_text_and_drops_the_extension() -> None:
    """Front matter kept, posts orphan, directives and the {post} role as plain text (other pages not orphan)."""
    from lean_floor import lean_text

    post = "---\ntitle: Un titre\ndate: 2024-01-02\n---\n\n# Un titre\n\nVoir {post}`autre-article`, et la suite.\n"
    assert lean_text("posts/un-titre.md", post) == (
        "---\ntitle: Un titre\ndate: 2024-01-02\norphan: true\n---\n\n# Un titre\n\nVoir autre-article, et la suite.\n"
    )
    pillar = (
        "---\ntype: pillar\n---\n\n# Pilier\n\n```{post-list}\n:pillar: p\n:group-by: year\n```\n\n"
        "→ [Tous les articles](/posts/?pillar=p)\n"
    )
    lean = lean_text("pillars/p.md", pillar)
    assert "orphan" not in lean and "{post-list}" not in lean and "?pillar=" not in lean
    assert "Ici, le bloc « post-list » de l'extension." in lean and "→ Tous les articles\n" in lean
    assert "orphan" not in lean_text("posts/index.md", "---\ntitle: Tous\n---\n\n# Tous\n")
