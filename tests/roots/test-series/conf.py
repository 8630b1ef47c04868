"""Two pillars, two series ("dossiers"): one with a draft part and a future part, one whole."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_ext"))

project = "Carnet des dossiers"
language = "fr"
extensions = ["myst_parser", "sphinx_sitemap", "editorial"]
exclude_patterns = ["_build"]
editorial_today = "2026-01-01"
html_baseurl = "https://dossiers.example.org/"
sitemap_url_scheme = "{link}"
# The real site's theme: its sidebar shows the whole navigation on every page.
html_theme = "furo"
