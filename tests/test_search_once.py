"""The search lists each post once: as the page its words are found in, not also as a domain object.

A post is a page; the domain's objects (``get_objects``) serve cross-references
and ``objects.inv``.  Given a search priority, Sphinx's ``IndexBuilder`` would
also list each post as an object, "(Editorial post, dans …)", above the same
page found by its words.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path

from support.metadata import real_posts


def _search_index(outdir: Path) -> dict:
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def _inventory_entries(outdir: Path) -> set[tuple[str, str]]:
    """(role, docname) of every ``objects.inv`` entry (the zlib-compressed part after four header lines)."""
    data = (outdir / "objects.inv").read_bytes()
    body = zlib.decompress(data.split(b"\n", 4)[4]).decode("utf-8")
    entries = set()
    for line in body.splitlines():
        _name, role, _priority, location, *_ = line.split(" ", 4)
        entries.add((role, location.split("#")[0].removesuffix(".html").removesuffix("$")))
    return entries


def test_posts_are_not_search_objects(site_html: Path) -> None:
    index = _search_index(site_html)
    listed = [entry for entries in index["objects"].values() for entry in entries]
    assert listed == [], f"{len(listed)} objects listed beside their pages"
    assert set(real_posts()) <= set(index["docnames"]), "every post is still a page of the index"


def test_posts_stay_in_the_inventory_for_cross_references(site_html: Path) -> None:
    inventory = _inventory_entries(site_html)
    assert {docname for role, docname in inventory if role == "editorial:post"} == set(real_posts())
