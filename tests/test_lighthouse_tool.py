"""``make lighthouse``'s own parts, without a browser: the local server serves as
Read the Docs does (gzip, folders, 404 page), and the verdict follows the targets."""

from __future__ import annotations

import gzip
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from support.building import PROJECT

sys.path.insert(0, str(PROJECT / "tools"))

import lighthouse


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def fetch(url: str, gzip_ok: bool = True) -> tuple[int, dict[str, str], bytes]:
    headers = {"Accept-Encoding": "gzip, deflate, br"} if gzip_ok else {}
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers), timeout=10) as response:  # noqa: S310 (http://127.0.0.1 only)
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    pages = {
        "index.html": "<p>accueil</p>" * 50,
        "posts/index.html": "<p>articles</p>" * 50,
        "404/index.html": "<p>introuvable</p>",
        "_static/site.css": "body { color: black; }\n" * 50,
        "_static/logo.png": "\x89PNG not really",
    }
    for name, text in pages.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_text_is_served_gzip_compressed(site: Path) -> None:
    with lighthouse.serve(site) as root:
        for address, original in (("", site / "index.html"), ("_static/site.css", site / "_static/site.css")):
            status, headers, body = fetch(root + address)
            assert status == 200
            assert headers["Content-Encoding"] == "gzip"
            assert gzip.decompress(body) == original.read_bytes()
        # Not to a client that does not ask, and never for images.
        assert "Content-Encoding" not in fetch(root, gzip_ok=False)[1]
        assert "Content-Encoding" not in fetch(root + "_static/logo.png")[1]


def test_folders_and_unknown_addresses_as_on_read_the_docs(site: Path) -> None:
    with lighthouse.serve(site) as root:
        status, headers, _ = fetch(root + "posts?pillar=x")
        assert (status, headers["Location"]) == (301, "/posts/?pillar=x")
        assert fetch(root + "posts/")[0] == 200
        status, _, body = fetch(root + "posts/nulle-part/")
        assert status == 404
        assert b"introuvable" in gzip.decompress(body)


def report(scores: dict[str, float], failing: dict[str, str]) -> dict:
    """A Lighthouse JSON report reduced to what the tool reads: one audit per category, failing or not."""
    return {
        "categories": {
            category: {"score": score, "auditRefs": [{"id": failing.get(category, f"{category}-ok"), "weight": 1}]}
            for category, score in scores.items()
        },
        "audits": {
            **{f"{category}-ok": {"score": 1} for category in scores},
            **{audit: {"score": 0} for audit in failing.values()},
        },
    }


def test_targets_and_failing_audits() -> None:
    perfect = {"performance": 0.96, "accessibility": 1, "best-practices": 1, "seo": 1}
    assert lighthouse.failing_audits(report(perfect, {})) == []
    result = lighthouse.Result("accueil", "mobile", {c: round(s * 100) for c, s in perfect.items()}, [])
    assert lighthouse.under_target(result) == []

    below = {**perfect, "performance": 0.94, "accessibility": 0.95}
    failing = {"performance": "largest-contentful-paint", "accessibility": "aria-required-attr"}
    assert lighthouse.failing_audits(report(below, failing)) == ["largest-contentful-paint", "aria-required-attr"]
    result = lighthouse.Result("accueil", "mobile", {c: round(s * 100) for c, s in below.items()}, [])
    assert lighthouse.under_target(result) == ["performance", "accessibility"]
    assert "94 ✗" in lighthouse.table([result])


def test_an_accepted_audit_alone_does_not_miss_the_target_but_anything_more_does() -> None:
    scores = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 63}
    alone = lighthouse.Result("recherche", "mobile", scores, ["is-crawlable"])
    more = lighthouse.Result("recherche", "mobile", scores, ["is-crawlable", "meta-description"])
    elsewhere = lighthouse.Result("accueil", "mobile", scores, ["is-crawlable"])
    assert lighthouse.under_target(alone) == []
    assert lighthouse.under_target(more) == ["seo"]
    assert lighthouse.under_target(elsewhere) == ["seo"]


def test_the_site_is_served_under_its_read_the_docs_path(site: Path) -> None:
    with lighthouse.serve(site, "/fr/latest/") as root:
        assert root.endswith("/fr/latest/")
        assert fetch(root)[0] == 200
        assert fetch(root.removesuffix("fr/latest/"))[0] == 404
