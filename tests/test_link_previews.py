"""Link previews and structured data: what a shared link and a search engine show of each page.

Every page, the 404 and search pages included, names an image for link
previews (with its text alternative and size) and a large-image card; the
image is the one committed in ``_static/`` and is as large as its tags say.
JSON-LD is parsed and checked for the fields search engines require of each
type: ``Article`` on posts, ``WebSite`` on the home page, ``CollectionPage``
on pillars and the pages listing posts.
"""

from __future__ import annotations

import runpy
import struct
from pathlib import Path

import pytest

from support.building import PROJECT
from support.metadata import READTHEDOCS_URL, built_page, docname_of, json_ld, meta, real_posts

SOCIAL_CARD = PROJECT / "_static" / "social-card.png"
CONF = runpy.run_path(str(PROJECT / "conf.py"))
COLLECTIONS = ("pillars/le-role-du-cto", "posts/index")


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's header (its IHDR chunk comes first)."""
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", path
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _page(outdir: Path, docname: str) -> Path:
    return outdir / ("index.html" if docname == "index" else f"{docname.removesuffix('/index')}/index.html")


def test_the_default_image_is_a_1200_by_630_png() -> None:
    assert png_size(SOCIAL_CARD) == (1200, 630)


def test_every_page_names_a_preview_image_and_a_large_card(site_dirhtml: Path) -> None:
    # The old archive addresses are bare redirects (old_archives.py), not pages to preview.
    pages = sorted(page for page in site_dirhtml.rglob("*.html") if "archives" not in page.parts)
    assert {"404", "search", "index"} <= {docname_of(site_dirhtml, page) for page in pages}
    for page in pages:
        (image,) = meta(page, "og:image")
        assert built_page(site_dirhtml, READTHEDOCS_URL, image).is_file(), (page, image)
        size = png_size(built_page(site_dirhtml, READTHEDOCS_URL, image))
        assert [meta(page, "og:image:width"), meta(page, "og:image:height")] == [[str(size[0])], [str(size[1])]], page
        (alt,) = meta(page, "og:image:alt")
        assert alt.strip() and alt != CONF["project"], page
        assert meta(page, "twitter:card") == ["summary_large_image"], page
        assert len(meta(page, "og:title")) == 1 and len(meta(page, "og:url")) == 1, page


def test_the_404_page_has_a_description(site_dirhtml: Path) -> None:
    page = site_dirhtml / "404" / "index.html"
    (description,) = meta(page, "description")
    assert "n’existe pas" in description or "n'existe pas" in description
    assert meta(page, "og:description") == [description]


def _publisher_ok(data: dict, outdir: Path) -> None:
    publisher = data["publisher"]
    assert publisher["@type"] == "Organization" and publisher["name"] == CONF["project"]
    logo = publisher["logo"]["url"]
    assert built_page(outdir, READTHEDOCS_URL, logo).is_file(), logo
    assert built_page(outdir, READTHEDOCS_URL, data["image"]).is_file(), data["image"]


@pytest.mark.parametrize("docname", sorted(real_posts()))
def test_posts_describe_an_article_with_its_author_publisher_image_and_dates(site_dirhtml: Path, docname: str) -> None:
    (article,) = json_ld(_page(site_dirhtml, docname))
    assert article["@type"] == "Article"
    for field in ("headline", "datePublished", "dateModified", "image", "author", "publisher", "url"):
        assert article.get(field), field
    front_matter = real_posts()[docname]
    author_ids = front_matter.get("authors") or ([front_matter["author"]] if "author" in front_matter else [])
    if author_ids:  # a Person per author, with their page
        assert [(person["@type"], person["url"]) for person in article["author"]] == [
            ("Person", f"{READTHEDOCS_URL}authors/{author_id}/") for author_id in author_ids
        ]
    else:  # the site's default author, as before authors existed
        assert article["author"] == {"@type": "Organization", "name": CONF["author"]}
    _publisher_ok(article, site_dirhtml)


def test_the_home_page_describes_the_website(site_dirhtml: Path) -> None:
    (website,) = json_ld(site_dirhtml / "index.html")
    assert website["@type"] == "WebSite"
    assert website["name"] == CONF["project"] and website["url"] == READTHEDOCS_URL
    _publisher_ok(website, site_dirhtml)


@pytest.mark.parametrize("docname", COLLECTIONS)
def test_pillars_and_lists_of_posts_are_collection_pages(site_dirhtml: Path, docname: str) -> None:
    (page,) = json_ld(_page(site_dirhtml, docname))
    assert page["@type"] == "CollectionPage"
    assert page["name"] and page["url"] == f"{READTHEDOCS_URL}{docname.removesuffix('/index')}/"
    assert page["isPartOf"] == {"@type": "WebSite", "name": CONF["project"], "url": READTHEDOCS_URL}
    _publisher_ok(page, site_dirhtml)
