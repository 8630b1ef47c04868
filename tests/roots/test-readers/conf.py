"""Two pillars, published posts, a draft, a future post and a hostile title: what readers and robots get."""

from __future__ import annotations

import sys
from pathlib import Path

# In place, the project is three folders up; a copy made by Sphinx's test
# fixtures finds the extension on the path conftest.py set, and the project from it.
sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_ext"))
import editorial  # noqa: E402

PROJECT = Path(editorial.__file__).resolve().parents[2]

project = "Carnet des lecteurs"
author = "La rédaction du carnet"
language = "fr"
extensions = ["myst_parser", "sphinx_design", "sphinxext.opengraph", "sphinx_sitemap", "editorial"]
exclude_patterns = ["_build"]
html_baseurl = "https://carnet.example.org/"
ogp_site_url = html_baseurl
html_static_path = [str(PROJECT / "_static")]
html_css_files = ["editorial.css"]
ogp_social_cards = {"enable": False}
sitemap_url_scheme = "{link}"
sitemap_locales = [None]
editorial_today = "2026-01-01"
