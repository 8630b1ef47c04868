"""Building a site in a subprocess, and reading what it wrote."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def run_sphinx(
    srcdir: Path,
    outdir: Path,
    builder: str = "html",
    *options: str,
    env: dict[str, str] | None = None,
    doctreedir: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """``python -m sphinx`` as Read the Docs and the Makefile run it."""
    command = [sys.executable, "-m", "sphinx", "-b", builder, "-d", str(doctreedir or outdir / ".doctrees"), *options, str(srcdir), str(outdir)]
    environment = {**os.environ, **(env or {})}
    return subprocess.run(command, capture_output=True, text=True, env=environment, check=False, cwd=srcdir)


def article_html(page: Path) -> str:
    """The page's article body, without the theme around it."""
    text = page.read_text(encoding="utf-8")
    start = text.index("<article")
    return text[start : text.index("</article>", start)]


def visible_text(fragment: str) -> str:
    """Text a reader sees in an HTML fragment, whitespace collapsed."""
    without_tags = re.sub(r"<[^>]+>", " ", fragment)
    return re.sub(r"\s+", " ", html.unescape(without_tags)).strip()


def post_sources() -> list[Path]:
    return sorted(path for path in (PROJECT / "posts").glob("*.md") if path.name != "index.md")
