"""Two pillars, published posts, a draft, a future post and a hostile title: what readers and robots get."""

from __future__ import annotations

import sys
from pathlib import Path

# In place, the project is three folders up; a copy made by Sphinx's test
# fixtures finds the extension on the path conftest.py set.
sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_ext"))

project = "Carnet des lecteurs"
author = "La rédaction du carnet"
language = "fr"
extensions = ["myst_parser", "sphinxext.opengraph", "sphinx_sitemap", "editorial", "editorial.policy.robots"]
exclude_patterns = ["_build"]
html_baseurl = "https://carnet.example.org/"
ogp_site_url = html_baseurl
ogp_social_cards = {"enable": False}
sitemap_url_scheme = "{link}"
sitemap_locales = [None]
editorial_today = "2026-01-01"
