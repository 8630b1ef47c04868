"""Sphinx configuration of the site "Leadership technique".

The site's own behaviour (post metadata, pillar blocks, feeds) lives in the
``editorial`` extension under ``_ext/``; this file only wires things together.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

from sphinx.errors import ConfigError

sys.path.insert(0, str(Path(__file__).parent / "_ext"))
from editorial.card_pages import without_opengraph_cards
from editorial.site_address import EXPECTED_FORM, SiteAddressError, normalise_site_url

# sphinxext-opengraph's own social cards (matplotlib) stay off, silently: the editorial
# extension draws each post's and pillar's card (editorial_social_cards, below).
without_opengraph_cards()

project = "Leadership technique"
author = "La rédaction"
copyright = "2025, La rédaction"
# EPUB 3 requires a version (its -W build fails without one); the site has editions, not releases.
version = release = "2025"
language = "fr"

extensions = [
    "editorial.policy.batch_gc",  # first: the garbage collector's thresholds for a batch build
    "myst_parser",
    "sphinx_design",
    "sphinxext.opengraph",
    "sphinx_sitemap",
    "notfound.extension",
    "editorial",  # brings its stylesheet and script (_ext/editorial/static/)
    # This site's policies (_ext/editorial/policy/): the engine builds without them.
    "editorial.policy.hugo_addresses",  # links pasted from the old Hugo site
    "editorial.policy.robots",  # robots.txt naming the sitemap
]

root_doc = "index"
# Only the site's pages are documents; README, tests, caches and tools are not.
include_patterns = ["index.md", "pillars/**", "posts/**", "authors/**"]
exclude_patterns = ["_build", ".venv", "**/.*"]
templates_path = ["_templates"]
# The theme's words in French (Furo ships no catalog): locales/fr/LC_MESSAGES/sphinx.po,
# read before Sphinx's own French catalog.  _templates/ sends through it the few
# labels Furo writes outside any message.
locale_dirs = ["locales"]

# -- MyST ---------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist", "attrs_inline"]
myst_heading_anchors = 3

# -- HTML ---------------------------------------------------------------------
html_theme = "furo"
html_title = "Leadership technique"
# The site's own files (its favicon, light and dark in one SVG); the blocks' style ships with the extension.
html_static_path = ["_static"]
html_favicon = "_static/favicon.svg"
html_last_updated_fmt = None
html_copy_source = False
# Furo's credit line keeps an English possessive outside its messages ("@pradyunsg's"):
# without Sphinx's part, the French catalog writes the whole line, Sphinx included.
html_show_sphinx = False
html_show_sourcelink = False
html_search_language = "fr"
# Results are titles, found by each page's own words: no page fetched afterwards for an excerpt
# (which began with the post header and moved the list as it loaded: Lighthouse's layout shift).
html_show_search_summary = False
# No general index: no page declares index entries, so it would be an empty
# "Index" page, written again by every build.
html_use_index = False

# Feeds, sitemap, canonical links and OpenGraph need the site's absolute
# address: Read the Docs gives the one of the version it builds; elsewhere
# SITE_URL (or the production address below) stands in.  Normalised once
# (final slash, lower-case host, encoded path; see editorial/site_address.py)
# and handed as is to every consumer below.
_address_setting = "READTHEDOCS_CANONICAL_URL" if os.environ.get("READTHEDOCS_CANONICAL_URL") else "SITE_URL"
deployed_url = os.environ.get(_address_setting, "").strip()
try:
    html_baseurl = normalise_site_url(deployed_url or "https://leadership-technique.readthedocs.io/fr/latest/")
except SiteAddressError as error:
    raise ConfigError(f"{_address_setting} should be {EXPECTED_FORM}: {error}") from None

# -- Head metadata, sitemap, 404 -----------------------------------------------
ogp_site_url = html_baseurl
ogp_site_name = project
ogp_type = "website"
# Link previews: one image for every page, drawn once by tools/social_card.py
# (1200 × 630, the size its width and height tags state; a test reads the PNG).
ogp_image = "_static/social-card.png"
ogp_image_alt = "Leadership technique : des repères pour celles et ceux qui portent une responsabilité technique"
ogp_custom_meta_tags = [
    '<meta property="og:locale" content="fr_FR" />',
    '<meta property="og:image:width" content="1200" />',
    '<meta property="og:image:height" content="630" />',
    '<meta name="twitter:card" content="summary_large_image" />',
]
ogp_enable_meta_description = True
# Posts and pillars name their own card instead (editorial_social_cards); sphinxext-opengraph draws none.
ogp_social_cards = {"enable": False}

sitemap_url_scheme = "{link}"
sitemap_locales = [None]
sitemap_excludes = ["search.html", "genindex.html", "404.html", "search/", "genindex/", "404/"]

# The 404 page answers for any missing address, at any depth, so its links
# are absolute paths: the deployed site's path (/fr/latest/ on Read the Docs,
# / with a custom domain), or / for a local preview served at its root.
deployed_path = urlsplit(html_baseurl).path.strip("/") if deployed_url else ""
notfound_urls_prefix = f"/{deployed_path}/" if deployed_path else "/"
notfound_context = {
    "title": "Page introuvable",
    "body": (
        "<h1>Page introuvable</h1>\n"
        "<p>La page que tu cherches n’existe pas, ou plus à cette adresse.</p>\n"
        f'<p>Repars de <a href="{notfound_urls_prefix}">l’accueil</a> '
        f'ou parcours <a href="{notfound_urls_prefix}posts/">tous les articles</a>.</p>\n'
    ),
}

# -- Editorial ----------------------------------------------------------------
editorial_posts_dir = "posts"
editorial_pillars_dir = "pillars"
editorial_latest_limit = 3
editorial_show_drafts = False
editorial_words_per_minute = 220
# The site is written in French: a build asked for another language (Read the
# Docs passes -D language=<the project's Language setting>) stops at once.
editorial_language = "fr"
# Feed entry ids (tag URIs) under a name and date chosen before launch: they
# stay the same when the site moves (readthedocs.io, then its own domain).
editorial_feed_id_authority = "leadership-technique.fr,2025"
# Each post and pillar gets its own link-preview image (1200 × 630 PNG in _images/social/,
# drawn with Pillow); False keeps the default image above on every page.
editorial_social_cards = True
