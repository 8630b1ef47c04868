"""The project's builds run with the batch thresholds of ``editorial.policy.batch_gc``,
and a process that builds in-process gets its own setting back afterwards.

Whether they make builds faster is the benchmark's question (``make bench``),
not a unit test's.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from editorial.policy import batch_gc
from support.building import PROJECT

SENTINEL = (701, 11, 12)


@pytest.fixture
def sentinel_thresholds() -> Iterator[None]:
    saved = gc.get_threshold()
    gc.set_threshold(*SENTINEL)
    yield
    gc.set_threshold(*saved)


def _site(tmp_path: Path, index: str = "Titre\n=====\n\nTexte.\n") -> Path:
    """A source folder whose ``conf.py`` loads only the policy, with ``index.rst``."""
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text('extensions = ["editorial.policy.batch_gc"]\n', encoding="utf-8")
    (srcdir / "index.rst").write_text(index, encoding="utf-8")
    return srcdir


def test_the_project_loads_it_before_every_other_extension() -> None:
    namespace: dict[str, object] = {"__file__": str(PROJECT / "conf.py")}
    exec(compile((PROJECT / "conf.py").read_text(encoding="utf-8"), "conf.py", "exec"), namespace)  # noqa: S102 - our own conf.py
    assert namespace["extensions"][0] == "editorial.policy.batch_gc"


def test_a_build_runs_with_the_batch_thresholds_and_restores_the_previous_ones(
    tmp_path: Path, sentinel_thresholds: None
) -> None:
    srcdir = _site(tmp_path)
    seen: list[tuple[int, int, int]] = []
    app = SphinxTestApp("html", srcdir=srcdir, builddir=tmp_path / "build", status=StringIO(), warning=StringIO())
    try:
        app.connect("doctree-read", lambda app, doctree: seen.append(gc.get_threshold()))
        app.build()
    finally:
        app.cleanup()
    assert seen == [batch_gc.BUILD_THRESHOLDS]
    assert gc.get_threshold() == SENTINEL


@pytest.mark.parametrize(("parallel", "expected"), [(0, batch_gc.BUILD_THRESHOLDS), (2, SENTINEL)])
def test_only_a_serial_build_takes_the_batch_thresholds(
    tmp_path: Path, sentinel_thresholds: None, parallel: int, expected: tuple[int, int, int]
) -> None:
    """With ``-j``, forked workers would inherit rare collections and keep their garbage until they end."""
    srcdir = _site(tmp_path)
    app = SphinxTestApp(
        "html", srcdir=srcdir, builddir=tmp_path / "build", status=StringIO(), warning=StringIO(), parallel=parallel
    )
    try:
        assert gc.get_threshold() == expected  # once the extensions are set up
    finally:
        app.cleanup()


def test_a_parallel_build_freezes_its_heap_before_forking_and_unfreezes_it_at_the_end(
    tmp_path: Path, sentinel_thresholds: None
) -> None:
    """Workers' collections skip what they inherited; a later build in the process collects it again."""
    srcdir = _site(tmp_path)
    frozen: dict[str, int] = {}
    app = SphinxTestApp(
        "html", srcdir=srcdir, builddir=tmp_path / "build", status=StringIO(), warning=StringIO(), parallel=2
    )
    try:
        for event in ("env-before-read-docs", "write-started"):
            app.connect(event, lambda *_args, event=event: frozen.setdefault(event, gc.get_freeze_count()), 1001)
        app.build()
    finally:
        app.cleanup()
    assert frozen["env-before-read-docs"] > 0
    assert frozen["write-started"] > frozen["env-before-read-docs"]  # the environment read since is frozen too
    assert gc.get_freeze_count() == 0


def test_each_worker_of_a_parallel_build_freezes_what_it_inherited(tmp_path: Path, sentinel_thresholds: None) -> None:
    """The main process allocates after freezing (what workers read, pages it resolves): each worker freezes it too."""
    pages = [f"page{number}" for number in range(12)]  # enough documents for Sphinx to fork readers and writers
    toctree = "\n".join(f"   {page}" for page in pages)
    srcdir = _site(tmp_path, f"Titre\n=====\n\n.. toctree::\n\n{toctree}\n")
    for page in pages:
        (srcdir / f"{page}.rst").write_text(f"{page.title()}\n=====\n\nUn *texte*.\n", "utf-8")
    log = tmp_path / "frozen.log"
    main_process = os.getpid()
    frozen: dict[str, int] = {}

    def note(phase: str) -> None:
        if os.getpid() != main_process:  # a worker: its memory is lost with it
            with log.open("a", encoding="utf-8") as file:
                file.write(f"{phase} {gc.get_freeze_count()}\n")

    app = SphinxTestApp(
        "html", srcdir=srcdir, builddir=tmp_path / "build", status=StringIO(), warning=StringIO(), parallel=2
    )
    try:
        app.connect("env-before-read-docs", lambda *_: frozen.setdefault("read", gc.get_freeze_count()), 1001)
        app.connect("write-started", lambda *_: frozen.setdefault("write", gc.get_freeze_count()), 1001)
        app.connect("doctree-read", lambda *_: note("read"))
        app.connect("html-page-context", lambda *_: note("write"))
        app.build()
    finally:
        app.cleanup()
    seen = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    assert {phase for phase, _ in seen} == {"read", "write"}, "both phases forked workers"
    for phase, count in seen:
        assert int(count) > frozen[phase], (phase, count, frozen[phase])
    assert not batch_gc._parallel_build["running"]  # later forks of this process freeze nothing


def test_a_written_page_is_freed_by_reference_counting_alone(tmp_path: Path, sentinel_thresholds: None) -> None:
    """A serial build takes each written page's doctree apart: no full collection is needed to free its nodes."""

    def first(doctree: nodes.document) -> nodes.Node:
        return next(iter(doctree.findall(nodes.paragraph)))

    import weakref

    pages = ["index", "un", "deux", "trois"]
    toctree = "\n".join(f"   {page}" for page in pages[1:])
    srcdir = _site(tmp_path, f"Titre\n=====\n\n.. toctree::\n\n{toctree}\n")
    for page in pages[1:]:
        (srcdir / f"{page}.rst").write_text(f"{page.title()}\n=====\n\nUn *texte* [#n]_.\n\n.. [#n] Note.\n", "utf-8")
    written: list[weakref.ref[object]] = []
    emptied: list[bool] = []
    app = SphinxTestApp("html", srcdir=srcdir, builddir=tmp_path / "build", status=StringIO(), warning=StringIO())
    try:
        app.connect(
            "html-page-context", lambda *args: args[-1] is not None and written.append(weakref.ref(first(args[-1])))
        )
        app.connect(
            "html-page-context", lambda *args: args[-1] is not None and emptied.append(not args[-1].children), 10_001
        )
        gc.disable()
        try:
            app.build()
            alive = [ref for ref in written if ref() is not None]
        finally:
            gc.enable()
    finally:
        app.cleanup()
    assert len(written) == len(pages)
    assert all(emptied)
    assert len(alive) <= 1  # the last page's nodes, which the builder's writer still holds
