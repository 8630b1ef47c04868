"""A site where each post carries one editing mistake (and one post carries none)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_ext"))

project = "Carnet fautif"
language = "fr"
extensions = ["myst_parser", "sphinx_design", "editorial"]
exclude_patterns = ["_build"]
editorial_today = "2026-01-01"
# Absolute links (feeds) need the address of the site.
html_baseurl = "https://carnet.example.org/"
