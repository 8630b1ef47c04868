"""Which posts a build leaves out, decided from readings kept between builds (``publication.PostReadings``).

A no-change rebuild must not read every post's front matter again; an edited
file must be read again, even one edited in the same second as its last
reading and to the same size (a ``draft`` flag flipped from ``true`` to
``oui``... or a date moved by a day).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from editorial import publication
from editorial.publication import READINGS_FILE, PostReadings, unpublished_posts
from support.building import AN_HOUR_NS, write_aged

TODAY = date(2026, 1, 1)
CONFIG: Any = SimpleNamespace(editorial_posts_dir="posts", source_suffix={".md": "markdown"})


def _post(day: str, draft: str = "false") -> str:
    return f"---\ntitle: Un article\ndate: {day}\npillar: equipe\nsummary: Une phrase.\ndraft: {draft}\n---\n\n# Un article\n"


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The post files read from disk (not from the store), in order."""
    seen: list[str] = []
    original = publication.read_post_file

    def counting(path: Path, docname: str) -> publication.PostReading | None:
        seen.append(docname)
        return original(path, docname)

    monkeypatch.setattr(publication, "read_post_file", counting)
    return seen


def left_out(srcdir: Path, store: Path) -> list[str]:
    """One build's decision: the docnames left out; the store saved as the build saves it."""
    readings = PostReadings(store)
    unpublished = [post.docname for post in unpublished_posts(srcdir, CONFIG, TODAY, readings)]
    readings.save()
    return unpublished


def test_an_unchanged_site_is_not_read_again(tmp_path: Path, reads: list[str]) -> None:
    srcdir, store = tmp_path / "src", tmp_path / "doctrees" / READINGS_FILE
    write_aged(srcdir / "posts" / "publie.md", _post("2025-06-01"))
    write_aged(srcdir / "posts" / "futur.md", _post("2026-06-01"))
    write_aged(srcdir / "posts" / "brouillon.md", _post("2025-06-01", draft="true"))
    assert left_out(srcdir, store) == ["posts/brouillon", "posts/futur"]
    assert sorted(reads) == ["posts/brouillon", "posts/futur", "posts/publie"]
    reads.clear()
    assert left_out(srcdir, store) == ["posts/brouillon", "posts/futur"]
    assert reads == []


def test_an_edited_file_is_read_again(tmp_path: Path, reads: list[str]) -> None:
    srcdir, store = tmp_path / "src", tmp_path / "doctrees" / READINGS_FILE
    write_aged(srcdir / "posts" / "publie.md", _post("2025-06-01"))
    write_aged(srcdir / "posts" / "autre.md", _post("2025-06-02"))
    assert left_out(srcdir, store) == []
    reads.clear()
    write_aged(srcdir / "posts" / "publie.md", _post("2025-06-01", draft="true"), age_ns=AN_HOUR_NS // 2)
    assert left_out(srcdir, store) == ["posts/publie"]
    assert reads == ["posts/publie"]


def test_a_file_edited_as_it_was_read_is_read_again(tmp_path: Path, reads: list[str]) -> None:
    """Same size, same mtime as the stored entry: trusted only if the file was older than its reading."""
    srcdir, store = tmp_path / "src", tmp_path / "doctrees" / READINGS_FILE
    path = srcdir / "posts" / "publie.md"
    write_aged(path, _post("2025-06-01"), age_ns=0)
    assert left_out(srcdir, store) == []
    mtime = path.stat().st_mtime_ns
    path.write_text(_post("2026-06-01"), encoding="utf-8")  # the same size, in the same tick
    os.utime(path, ns=(mtime, mtime))
    assert left_out(srcdir, store) == ["posts/publie"]


def test_removed_files_and_a_broken_store_are_forgotten(tmp_path: Path, reads: list[str]) -> None:
    srcdir, store = tmp_path / "src", tmp_path / "doctrees" / READINGS_FILE
    write_aged(srcdir / "posts" / "futur.md", _post("2026-06-01"))
    write_aged(srcdir / "posts" / "autre.md", _post("2026-06-02"))
    assert left_out(srcdir, store) == ["posts/autre", "posts/futur"]
    (srcdir / "posts" / "autre.md").unlink()
    assert left_out(srcdir, store) == ["posts/futur"]
    assert "autre" not in store.read_text(encoding="utf-8")
    store.write_text("{ pas du JSON", encoding="utf-8")
    reads.clear()
    assert left_out(srcdir, store) == ["posts/futur"]
    assert reads == ["posts/futur"]


def test_a_front_matter_parsed_once_gives_each_reader_values_of_its_own() -> None:
    """Publication and collect read the same text: the second must not see what the first cleaned in place."""
    from editorial.characters import clean_value
    from editorial.frontmatter import read_front_matter

    source = '---\ntitle: Un article\ntensions: ["avant\\vaprès"]\n---\n\n# Un article\n'
    first, second = read_front_matter(source), read_front_matter(source)
    assert clean_value(first.values["tensions"]) == (["avant après"], {"\v"})
    assert second.values["tensions"] == ["avant\vaprès"]
