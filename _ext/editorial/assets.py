"""The stylesheet and the script the extension ships in its own ``static/``.

HTML builders (``html``, ``dirhtml``, ``singlehtml``…) copy ``static/`` into
the output's ``_static/`` beside the site's own files, so a site needs no
``html_static_path`` or ``html_css_files`` entry for the blocks to look
right.  The script (``?pillar=<slug>`` on the page listing every post by
pillar) gets from its ``<script>`` tag everything that is the extension's
rather than its own: the ids of the pillar groups and its words, translated
by the extension's message catalogue.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .i18n import _
from .views import PILLAR_ANCHOR

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC_DIR = Path(__file__).parent / "static"
STYLESHEET = "editorial.css"
PILLAR_FILTER_SCRIPT = "pillar-filter.js"
#: After the theme's stylesheets (Furo's extensions sheet is 600), which the blocks
#: restyle; before the site's ``html_css_files`` (800), which may restyle the blocks.
STYLESHEET_PRIORITY = 700


def add_static_path(app: Sphinx, config: Config) -> None:
    """``config-inited``: the extension's ``static/`` among the folders HTML builders copy.

    Here rather than at ``builder-inited``: every build then starts from the same
    configuration, which an incremental build compares with the last one's.
    First, so that a file of the same name in the site's own static path replaces the extension's.
    """
    config.html_static_path = [str(STATIC_DIR), *config.html_static_path]


def add_stylesheet(app: Sphinx) -> None:
    """``builder-inited``: the blocks' stylesheet, linked from every page of an HTML builder."""
    if app.builder.format == "html":
        app.add_css_file(STYLESHEET, priority=STYLESHEET_PRIORITY)


def pillar_filter_attributes() -> dict[str, str]:
    """The ``data-*`` attributes ``pillar-filter.js`` reads: "%s" in a text stands for the pillar."""
    return {
        # The script finds a pillar's group by this prefix and the key it normalises as model.slugify does.
        "data-anchor-prefix": PILLAR_ANCHOR.format(""),
        "data-no-match": _("No pillar matches “%s”: here are all the posts."),
        "data-pillar-heading": _("Posts of the pillar “%s”"),
        "data-show-all": _("See all posts, every pillar"),
    }


def add_pillar_filter(app: Sphinx) -> None:
    """On the page being written (``html-page-context``): the script behind ``?pillar=<slug>``."""
    # Only data-* attributes: none of them is add_js_file's own "priority", which mypy cannot tell.
    app.add_js_file(PILLAR_FILTER_SCRIPT, loading_method="defer", **pillar_filter_attributes())  # type: ignore[arg-type]


def setup_assets(app: Sphinx) -> None:
    app.connect("config-inited", add_static_path)
    app.connect("builder-inited", add_stylesheet)
