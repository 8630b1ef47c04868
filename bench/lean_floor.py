"""The lean floor: the extension's own sources, built by Sphinx, MyST, sphinx-design and Furo alone.

The benchmark's first floor (``tests/support/sites.py``, variant ``floor``)
is the site's ``conf.py`` minus ``editorial``: it keeps sphinxext-opengraph,
sphinx-sitemap, sphinx-notfound-page and the garbage-collector policy,
whose own cost sits in the denominator and flatters the ratio.  The lean
floor is what the site would cost with no extension of ours at all: a copy
of the extension site's very sources (front matter kept, word for word),
with

- posts marked ``orphan`` (the extension keeps them out of every toctree
  and says so to Sphinx; a plain build would warn once per post);
- the extension's directives (``{latest-posts}``, ``{post-list}`` ...)
  replaced by one plain sentence each, its ``{post}`` role by the slug as
  plain text, and the old ``/posts/?pillar=`` links by their text;
- a ``conf.py`` with only ``myst_parser``, ``sphinx_design`` and Furo, and
  the site's settings that shape Sphinx's own work (language and search
  language, MyST's syntax extensions, no copied sources, no general index).

The copy is made here, in the benchmark, from the written sources: the
corpus generator stays the one the tests use.
"""

from __future__ import annotations

import re
from pathlib import Path

from editorial.model import BlockKind

#: Block kinds an editor writes as directives (the others are added to post pages by the extension).
DIRECTIVES = tuple(kind.value for kind in BlockKind if kind not in (BlockKind.POST_HEADER, BlockKind.POST_FOOTER))

_DIRECTIVE = re.compile(
    r"^(?P<fence>`{3,}|:{3,})\{(?P<name>" + "|".join(map(re.escape, DIRECTIVES)) + r")\}[^\n]*\n.*?^(?P=fence)[ \t]*$",
    re.M | re.S,
)
_POST_ROLE = re.compile(r"\{post\}`(?P<target>[^`]*)`")
_PILLAR_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\(/posts/\?pillar=[^)]*\)")
_FRONT_MATTER_END = re.compile(r"^---[ \t]*$", re.M)

CONF = """\
# The lean floor (bench/lean_floor.py): Sphinx, MyST, sphinx-design and Furo, nothing of the site's own.
import sys

sys.path[:0] = [{bench!r}]

project = "Leadership technique"
author = "La rédaction"
copyright = "2025, La rédaction"
version = release = "2025"
language = "fr"
extensions = ["myst_parser", "sphinx_design", "bench_probe"]
root_doc = "index"
include_patterns = ["index.md", "pillars/**", "posts/**"]
exclude_patterns = ["_build", "**/.*"]
myst_enable_extensions = ["colon_fence", "deflist", "attrs_inline"]
myst_heading_anchors = 3
html_theme = "furo"
html_title = "Leadership technique"
html_last_updated_fmt = None
html_copy_source = False
html_show_sphinx = False
html_show_sourcelink = False
html_search_language = "fr"
html_show_search_summary = False
html_use_index = False
"""


def _plain_block(match: re.Match[str]) -> str:
    return f"Ici, le bloc « {match['name']} » de l'extension."


def lean_text(relative: str, text: str, posts_folder: str = "posts") -> str:
    """``text`` of the source file ``relative`` (a POSIX path) as the lean floor builds it."""
    text = _DIRECTIVE.sub(_plain_block, text)
    text = _POST_ROLE.sub(lambda match: match["target"], text)
    text = _PILLAR_LINK.sub(lambda match: match["text"], text)
    is_post = relative.startswith(f"{posts_folder}/") and relative != f"{posts_folder}/index.md"
    if is_post and text.startswith("---"):
        closing = _FRONT_MATTER_END.search(text, 3)
        if closing is not None:
            text = f"{text[: closing.start()]}orphan: true\n{text[closing.start() :]}"
    return text


def write_lean_floor(extension_srcdir: Path, srcdir: Path, bench_dir: Path) -> None:
    """Copy the Markdown sources of ``extension_srcdir`` into ``srcdir`` (a new folder), made lean."""
    for source in sorted(extension_srcdir.rglob("*.md")):
        relative = source.relative_to(extension_srcdir).as_posix()
        target = srcdir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(lean_text(relative, source.read_text(encoding="utf-8")), encoding="utf-8")
    (srcdir / "conf.py").write_text(CONF.format(bench=str(bench_dir)), encoding="utf-8")
