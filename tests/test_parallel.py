"""Parallel equals serial, and a clean build is the same every time.

Read the Docs builds with several processes: each reads part of the posts
and the domain merges what they found.  A lost merge empties the lists, an
unsorted merge reorders them; both show here as a byte difference between a
``-j 1`` and a ``-j 2`` build, or between two ``-j 2`` builds in a row.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support.building import PROJECT, run_sphinx_command
from support.reading import first_difference, output_files
from support.sites import generate_site

pytestmark = pytest.mark.slow


def clean_build(srcdir: Path, outdir: Path, *options: str) -> tuple[Path, list[str]]:
    """A fresh build; its output folder and its warnings (in sorted order: processes interleave them)."""
    result = run_sphinx_command(srcdir, outdir, "html", "-E", *options)
    assert result.returncode == 0, result.stderr[-3000:]
    return outdir, sorted(line for line in result.stderr.splitlines() if "WARNING" in line)


def assert_same_output(found: Path, expected: Path) -> None:
    """Byte for byte, every file but the doctrees (feeds without their build time)."""
    difference = first_difference(output_files(found), output_files(expected))
    assert not difference, difference


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """200 posts over three pillars linking to each other, enough for real chunks per process.

    Twenty more are twins (same title and date as another post): only the
    slug orders them, so an order that hangs on merge order shows.
    """
    srcdir = tmp_path_factory.mktemp("big-site")
    generate_site(posts=200, pillars=3, seed=7, twins=20).write(srcdir)
    return srcdir


def test_real_site_with_two_processes_equals_serial_build(site_html: Path, tmp_path: Path) -> None:
    parallel, _ = clean_build(PROJECT, tmp_path / "j2", "-j", "2", "-W", "--keep-going")
    assert_same_output(parallel, site_html)
    again, _ = clean_build(PROJECT, tmp_path / "j2-again", "-j", "2", "-W", "--keep-going")
    assert_same_output(again, parallel)


def test_generated_site_with_two_processes_equals_serial_build(big_site: Path, tmp_path: Path) -> None:
    serial, serial_warnings = clean_build(big_site, tmp_path / "j1", "-j", "1")
    parallel, parallel_warnings = clean_build(big_site, tmp_path / "j2", "-j", "2")
    assert_same_output(parallel, serial)
    assert parallel_warnings == serial_warnings
    assert any("[editorial.duplicate]" in line for line in serial_warnings), "the twins are there"
    again, _ = clean_build(big_site, tmp_path / "j2-again", "-j", "2")
    assert_same_output(again, parallel)
