"""The small editorial site with two authors: posts by one author, by two, by none."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_ext"))

project = "Carnet de test"
author = "La rédaction du carnet"
language = "fr"
# The engine, and the old Hugo addresses a post links (tests/test_policy.py builds it without them).
extensions = ["myst_parser", "editorial", "editorial.policy.hugo_addresses"]
exclude_patterns = ["_build"]
editorial_today = "2026-01-01"
# Absolute links (feeds) need the address of the site.
html_baseurl = "https://carnet.example.org/"
