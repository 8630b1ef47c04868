"""Site policy: a ``robots.txt`` that lets every robot in and names the sitemap.

An extension the site opts into (``"editorial.policy.robots"`` in ``conf.py``'s
``extensions``): the engine writes no ``robots.txt`` of its own, since
another site may want other rules or serve its own file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..feeds import site_url
from ..links import HTML_BUILDERS
from ..site_address import url_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def write_robots(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: robots.txt, naming the sitemap at its absolute address."""
    if exception is not None or app.builder.name not in HTML_BUILDERS:
        return
    lines = ["User-agent: *", "Allow: /"]
    base = site_url(app.config)
    if base and "sphinx_sitemap" in app.extensions:
        lines += ["", f"Sitemap: {url_of(base, app.config.sitemap_filename)}"]
    Path(app.outdir, "robots.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("editorial")
    app.connect("build-finished", write_robots)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
