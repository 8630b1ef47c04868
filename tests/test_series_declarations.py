"""The series pillars declare, read before any document and kept between builds (``series_pages.series_sources``).

A no-change rebuild must not parse the pillars' front matter again; an
edited pillar must be read again, even when edited in the same tick as its
last reading and to the same size.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from editorial import series_pages
from editorial.file_readings import FileReadings
from editorial.series_pages import DECLARATIONS_FILE, series_sources
from support.building import write_aged

CONFIG: Any = SimpleNamespace(
    editorial_posts_dir="posts", source_suffix={".md": "markdown"}, include_patterns=["**"], exclude_patterns=[]
)


def _pillar(label: str) -> str:
    return (
        "---\ntype: pillar\ntitle: Recruter\nintention: Recruter sans se tromper.\n"
        f"series:\n  - id: premiers-pas\n    label: {label}\n    summary: Trois parties.\n---\n\n# Recruter\n"
    )


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pages whose front matter was parsed (not taken from the store), in order."""
    seen: list[str] = []
    original = series_pages._declared_series

    def counting(path: Path, docname: str) -> list[list[str]] | None:
        seen.append(docname)
        return original(path, docname)

    monkeypatch.setattr(series_pages, "_declared_series", counting)
    return seen


def labels(srcdir: Path, store: Path) -> list[tuple[str, str]]:
    """One build's series pages (docname, pillar), and their titles; the store saved as the build saves it."""
    readings = FileReadings(store, 1)
    sources = series_sources(srcdir, CONFIG, readings)
    readings.save()
    return [(source.docname, source.text.split("\n\n# ", 1)[1].split("\n", 1)[0]) for source in sources]


def test_unchanged_pillars_are_not_parsed_again(tmp_path: Path, reads: list[str]) -> None:
    srcdir, store = tmp_path / "src", tmp_path / "doctrees" / DECLARATIONS_FILE
    write_aged(srcdir / "pillars" / "recruter.md", _pillar("Premiers pas"))
    write_aged(srcdir / "index.md", "# Accueil\n")
    assert labels(srcdir, store) == [("series/premiers-pas", "Premiers pas")]
    assert sorted(reads) == ["index", "pillars/recruter"]
    reads.clear()
    assert labels(srcdir, store) == [("series/premiers-pas", "Premiers pas")]
    assert reads == []


def test_an_edited_pillar_is_read_again_even_in_the_same_tick(tmp_path: Path, reads: list[str]) -> None:
    srcdir, store = tmp_path / "src", tmp_path / "doctrees" / DECLARATIONS_FILE
    path = srcdir / "pillars" / "recruter.md"
    write_aged(path, _pillar("Premiers pas"), age_ns=0)
    assert labels(srcdir, store) == [("series/premiers-pas", "Premiers pas")]
    mtime = path.stat().st_mtime_ns
    path.write_text(_pillar("Pas premiers"), encoding="utf-8")  # the same size, in the same tick
    os.utime(path, ns=(mtime, mtime))
    assert labels(srcdir, store) == [("series/premiers-pas", "Pas premiers")]
    write_aged(path, _pillar("Les premiers pas"))
    reads.clear()
    assert labels(srcdir, store) == [("series/premiers-pas", "Les premiers pas")]
    assert reads == ["pillars/recruter"]


def test_a_removed_pillar_and_a_broken_store_are_forgotten(tmp_path: Path, reads: list[str]) -> None:
    srcdir, store = tmp_path / "src", tmp_path / "doctrees" / DECLARATIONS_FILE
    write_aged(srcdir / "pillars" / "recruter.md", _pillar("Premiers pas"))
    write_aged(srcdir / "pillars" / "autre.md", _pillar("Autres pas").replace("premiers-pas", "autres-pas"))
    assert [docname for docname, _ in labels(srcdir, store)] == ["series/autres-pas", "series/premiers-pas"]
    (srcdir / "pillars" / "autre.md").unlink()
    assert labels(srcdir, store) == [("series/premiers-pas", "Premiers pas")]
    assert "autre" not in store.read_text(encoding="utf-8")
    store.write_text("{ pas du JSON", encoding="utf-8")
    reads.clear()
    assert labels(srcdir, store) == [("series/premiers-pas", "Premiers pas")]
    assert reads == ["pillars/recruter"]
