"""The build benchmark (bench/run.py) runs end to end on a small site.

A smoke test only: it checks what the script reports, never how fast the
builds were (timings on a shared machine prove nothing).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from support.building import PROJECT

pytestmark = pytest.mark.slow

POSTS = 100


@pytest.fixture(scope="module")
def bench_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict]:
    """``bench/run.py`` at 100 posts, each build once: its table and its JSON."""
    json_path = tmp_path_factory.mktemp("bench") / "bench.json"
    command = [
        sys.executable,
        str(PROJECT / "bench" / "run.py"),
        "--posts",
        str(POSTS),
        "--repeat",
        "1",
        "--json",
        str(json_path),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=PROJECT)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout, json.loads(json_path.read_text(encoding="utf-8"))


def test_the_table_compares_the_extension_with_its_floor(bench_run: tuple[str, dict]) -> None:
    table, _results = bench_run
    for row in (
        "clean build -j 1 (s)",
        "clean build -j 2 (s)",
        "peak memory -j 1 (MiB)",
        "extension handlers, same build",
        "no-change rebuild (s)",
        "one-post edit (date) (s)",
        "targets:",
    ):
        assert row in table
    assert "extension" in table and "floor" in table


def test_the_json_holds_every_measure_for_both_sites(bench_run: tuple[str, dict]) -> None:
    _table, results = bench_run
    assert results["posts"] == POSTS
    for site in ("extension", "floor"):
        for jobs in ("1", "2"):
            clean = results["clean"][site][jobs]
            assert len(clean["seconds"]) == len(clean["peak_rss_mib"]) == 1
            assert clean["median_peak_rss_mib"] > 0
        for kind in ("no_change", "one_post_edit"):
            assert {"median_seconds", "read", "written", "read_docnames", "written_docnames"} <= results["rebuild"][
                site
            ][kind].keys()
    assert {"clean_seconds_j1", "clean_seconds_j2", "peak_rss_j1"} <= results["ratios"].keys()
    assert {"clean_seconds_j1", "clean_cpu_seconds_j1"} <= results["paired_ratios"].keys()
    # The extension's handlers are timed inside its -j 1 builds (and nothing is, in the floor's).
    assert 0 < results["clean"]["extension"]["1"]["median_handler_share"] < 1
    assert results["clean"]["floor"]["1"]["median_handler_share"] == 0
    assert {"clean_ratio", "memory_ratio", "no_change_seconds", "one_post_edit_seconds"} <= results["targets"].keys()


def test_the_extension_site_builds_without_warning_and_lists_every_post(bench_run: tuple[str, dict]) -> None:
    _table, results = bench_run
    assert results["warnings"]["extension"] == []
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


def test_the_clean_ratio_pairs_the_builds_of_each_round() -> None:
    """A machine slowing down for one round must not move the ratio: rounds are paired,
    unlike the ratio of the two medians (here 20 / 10)."""
    sys.path.insert(0, str(PROJECT / "bench"))
    from run import median_round_ratio

    assert median_round_ratio([10.0, 20.0, 30.0], [10.0, 10.0, 30.0]) == 1.0
    assert median_round_ratio([11.0, 22.0, 33.0], [10.0, 20.0, 30.0]) == 1.1
