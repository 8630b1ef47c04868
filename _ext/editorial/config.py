"""The extension's settings, declared once with their types and meaning."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class Setting(NamedTuple):
    name: str
    default: object
    types: tuple[type, ...]
    description: str


SETTINGS = (
    Setting("editorial_posts_dir", "posts", (str,), "Folder of the posts; the file name is the post's slug."),
    Setting("editorial_pillars_dir", "pillars", (str,), "Folder of the pillar pages (front matter `type: pillar`)."),
    Setting("editorial_latest_limit", 3, (int,), "Default number of posts in `latest-posts`."),
    Setting("editorial_show_drafts", False, (bool,), "List drafts and future posts too, marked as drafts (previews)."),
    Setting("editorial_words_per_minute", 220, (int,), "Reading speed for the reading time of posts."),
    Setting("editorial_today", "", (str,), "Build date as YYYY-MM-DD (empty: today); fixes what counts as future."),
    Setting("editorial_feed_limit", 20, (int,), "Entries per Atom feed, newest first (0: every published post)."),
    Setting("editorial_feeds_dir", "feeds", (str,), "Output folder of the Atom feeds: atom.xml for the site, <pillar>/atom.xml per pillar."),
)


def setup_config(app: Sphinx) -> None:
    for setting in SETTINGS:
        # 'env': a change re-reads the documents, so the lists follow it.
        app.add_config_value(setting.name, setting.default, "env", types=setting.types, description=setting.description)
