"""Sphinx configuration of the site "Leadership technique".

The site's own behaviour (post metadata, pillar blocks, feeds) lives in the
``editorial`` extension under ``_ext/``; this file only wires things together.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "Leadership technique"
author = "La rédaction"
copyright = "2025, La rédaction"
language = "fr"

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinxext.opengraph",
    "sphinx_sitemap",
    "notfound.extension",
    "editorial",
]

root_doc = "index"
# Only the site's pages are documents; README, tests, caches and tools are not.
include_patterns = ["index.md", "pillars/**", "posts/**"]
exclude_patterns = ["_build", ".venv", "**/.*"]
templates_path = ["_templates"]

# -- MyST ---------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist", "attrs_inline"]
myst_heading_anchors = 3

# -- HTML ---------------------------------------------------------------------
html_theme = "furo"
html_title = "Leadership technique"
html_static_path = ["_static"]
html_css_files = ["editorial.css"]
html_extra_path = ["_extra"]
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
html_search_language = "fr"

# Feeds, sitemap, canonical links and OpenGraph need the site's absolute
# address: Read the Docs gives the one of the version it builds; elsewhere
# SITE_URL (or the production address below) stands in.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL") or os.environ.get(
    "SITE_URL", "https://leadership-technique.readthedocs.io/fr/latest/"
)

# -- Head metadata, sitemap, 404 -----------------------------------------------
ogp_site_url = html_baseurl
ogp_site_name = project
ogp_type = "website"
ogp_custom_meta_tags = ['<meta property="og:locale" content="fr_FR" />']
ogp_enable_meta_description = True
ogp_social_cards = {"enable": False}

sitemap_url_scheme = "{link}"
sitemap_locales = [None]
sitemap_excludes = ["search.html", "genindex.html", "404.html", "search/", "genindex/", "404/"]

notfound_urls_prefix = None

# -- Editorial ----------------------------------------------------------------
editorial_posts_dir = "posts"
editorial_pillars_dir = "pillars"
editorial_latest_limit = 3
editorial_show_drafts = False
editorial_words_per_minute = 220
