"""Which pages get a social card, where it lives, when it is drawn, and what their head says of it.

Every post and every pillar gets its own card (``cards.py`` draws it), named
in its head as ``og:image`` (with ``og:image:alt``, the title, its size and
type, and a large-image Twitter card) and as the ``image`` of its JSON-LD
(``head.py`` asks ``card_url``); every other page keeps the site's default
image (``ogp_image``).  ``card_texts`` is the one place that says which page
kinds have a card and what each shows: a new kind is one more loop there.

The cards live in ``_images/social/<page>-<digest>.png`` in html and dirhtml
(no other builder draws any).  The digest covers everything a card shows
(``cards.card_digest``), so the output folder is the cache: a card whose file
exists is never drawn again, a page whose card file is missing is written
again (``env-get-updated``: its head names the new file), and the missing
cards are drawn once every page is written (``build-finished``, on ``-j``'s
processes when there are several), then the files no page names any more
are removed.  ``editorial_social_cards = False`` draws none and removes
those left by an earlier build.
"""

from __future__ import annotations

import sys
import types
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from sphinx.util import logging
from sphinx.util.parallel import ParallelTasks, make_chunks, parallel_available

from .cards import HEIGHT, WIDTH, CardText, card_digest, write_card
from .domain import EditorialDomain
from .feeds import site_url
from .i18n import _
from .links import HTML_BUILDERS
from .model import BlockKind
from .site_address import url_of

if TYPE_CHECKING:
    from collections.abc import Iterable

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

#: The cards' folder in the output, "/"-separated.
CARDS_DIR = "_images/social"
#: Where the cards of this build are kept on the application (made on first use, dropped at ``build-finished``).
_ATTRIBUTE = "editorial_social_cards_plan"


class Card(NamedTuple):
    """A page's card: what it shows and the file it is drawn in (under ``CARDS_DIR``)."""

    text: CardText
    file_name: str

    @classmethod
    def of(cls, docname: str, text: CardText) -> Card:
        # The page's name keeps the folder readable; the digest alone decides the content.
        return cls(text, f"{docname.replace('/', '-')}-{card_digest(text)}.png")


def card_texts(env: BuildEnvironment) -> dict[str, CardText]:
    """What each page that has a card shows, by docname: **the** place a page kind gets a card.

    A page kind is one loop below, giving each page's title and kicker (posts
    and series pages: their pillar's title; pillars: the word "Pillar"); the site's name and
    language are added for all.
    """
    store = EditorialDomain.of(env)
    # The first pillar by docname for a slug two pillars share, as the catalogue picks it.
    pillar_titles: dict[str, str] = {}
    for pillar in sorted(store.pillars.values(), key=lambda pillar: pillar.docname):
        pillar_titles.setdefault(pillar.slug, pillar.title)
    shown: dict[str, tuple[str, str]] = {}
    for docname, pillar in store.pillars.items():
        shown[docname] = (pillar.title, _("Pillar"))
    for docname, post in store.posts.items():
        shown[docname] = (post.title, pillar_titles.get(post.pillar, ""))
    # Series pages: the label, under the title of the first pillar (by docname) that declares it.
    series_shown: dict[str, tuple[str, str]] = {}
    for pillar in sorted(store.pillars.values(), key=lambda pillar: pillar.docname):
        for term in pillar.series:
            series_shown.setdefault(term.id, (term.label, pillar.title))
    for docname, specs in store.blocks.items():
        for spec in specs:
            if spec.kind == BlockKind.SERIES_PAGE and spec.series in series_shown:
                shown[docname] = series_shown[spec.series]
    config = env.config
    return {
        docname: CardText(title, kicker, config.project, config.language or "en")
        for docname, (title, kicker) in sorted(shown.items())
        if title
    }


def draws_cards(app: Sphinx) -> bool:
    """Cards are drawn for html and dirhtml, unless ``editorial_social_cards`` is off."""
    return bool(app.config.editorial_social_cards) and app.builder.name in HTML_BUILDERS


def planned_cards(app: Sphinx) -> dict[str, Card]:
    """docname -> its card, for this build (computed once every document is read)."""
    plan: dict[str, Card] | None = getattr(app, _ATTRIBUTE, None)
    if plan is None:
        plan = {docname: Card.of(docname, text) for docname, text in card_texts(app.env).items()}
        setattr(app, _ATTRIBUTE, plan)
    return plan


def _cards_folder(app: Sphinx) -> Path:
    return Path(app.outdir, *CARDS_DIR.split("/"))


def card_url(app: Sphinx, docname: str) -> str:
    """The absolute, percent-encoded URL of the page's card, or "" if it has none."""
    if not draws_cards(app):
        return ""
    card = planned_cards(app).get(docname)
    return url_of(site_url(app.config), f"{CARDS_DIR}/{card.file_name}") if card else ""


def pages_with_new_cards(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: pages whose card has no file yet; their head must name the new one."""
    if hasattr(app, _ATTRIBUTE):
        delattr(app, _ATTRIBUTE)  # read again: titles may have changed
    if not draws_cards(app):
        return []
    folder = _cards_folder(app)
    existing = {path.name for path in folder.iterdir()} if folder.is_dir() else set()
    return sorted(docname for docname, card in planned_cards(app).items() if card.file_name not in existing)


def _stated_meta(config: Config) -> set[str]:
    """The properties and names ``ogp_custom_meta_tags`` already gives every page (not written twice)."""
    stated = set()
    for tag in getattr(config, "ogp_custom_meta_tags", ()):
        for attribute in ('property="', 'name="'):
            if attribute in tag:
                stated.add(tag.split(attribute, 1)[1].split('"', 1)[0])
    return stated


def add_card_tags(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """``html-page-context``: the page's card as its OpenGraph image.

    Through sphinxext-opengraph's per-page overrides where the site loads it;
    as tags of their own otherwise (a site without it still shares its cards).
    """
    url = card_url(app, pagename)
    if not url:
        return
    card = planned_cards(app)[pagename]
    if "sphinxext.opengraph" not in app.extensions:
        own = {
            "og:image": url,
            "og:image:alt": card.text.title,
            "og:image:width": str(WIDTH),
            "og:image:height": str(HEIGHT),
            "og:image:type": "image/png",
        }
        tags = [f'<meta property="{key}" content="{escape(value)}" />' for key, value in own.items()]
        tags.append('<meta name="twitter:card" content="summary_large_image" />')
        context["metatags"] = context.get("metatags", "") + "\n".join(tags) + "\n"
        return
    overrides = {"og:image": url, "og:image:alt": escape(card.text.title)}
    stated = _stated_meta(app.config)
    # The site's default image may already state these for every page (conf.py): the card has the same.
    for key, value in (
        ("og:image:width", str(WIDTH)),
        ("og:image:height", str(HEIGHT)),
        ("og:image:type", "image/png"),
    ):
        if key not in stated:
            overrides[key] = value
    # Read by sphinxext-opengraph as per-page overrides: a copy, not the env's metadata.
    context["meta"] = {**(context.get("meta") or {}), **overrides}
    if "twitter:card" not in stated:
        context["metatags"] = (
            context.get("metatags", "") + '<meta name="twitter:card" content="summary_large_image" />\n'
        )


def _draw(cards: Iterable[tuple[CardText, Path]]) -> None:
    for text, path in cards:
        write_card(text, path)


class CardSync(NamedTuple):
    """What bringing a cards folder up to date did: cards drawn, kept as they were, removed."""

    drawn: int
    kept: int
    removed: int


def sync_cards(folder: Path, wanted: dict[str, CardText], processes: int = 1) -> CardSync:
    """Make ``folder`` hold exactly the ``wanted`` cards (file name -> what it shows).

    A file already there is kept as is (its name says what it shows); the
    missing ones are drawn, on ``processes`` processes when there are several
    (each file is drawn by one process only: the result is the same); the
    files no longer wanted are removed.
    """
    existing = {path.name for path in folder.iterdir()} if folder.is_dir() else set()
    missing = [(wanted[name], folder / name) for name in sorted(set(wanted) - existing)]
    if len(missing) > 1 and processes > 1 and parallel_available:
        tasks = ParallelTasks(processes)
        for chunk in make_chunks(missing, processes):  # type: ignore[arg-type]  # typed for docnames, takes any list
            tasks.add_task(_draw, chunk)
        tasks.join()
    else:
        _draw(missing)
    stale = sorted(existing - set(wanted))
    for name in stale:
        (folder / name).unlink(missing_ok=True)
    return CardSync(len(missing), len(wanted) - len(missing), len(stale))


def draw_cards(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: draw the cards no earlier build drew, remove those no page names any more."""
    if exception is not None or app.builder.name not in HTML_BUILDERS:
        return
    wanted = {card.file_name: card.text for card in planned_cards(app).values()} if draws_cards(app) else {}
    done = sync_cards(_cards_folder(app), wanted, app.parallel)
    if wanted or done.removed:
        logger.info("social cards: %d drawn, %d kept, %d removed", *done)
    if hasattr(app, _ATTRIBUTE):
        delattr(app, _ATTRIBUTE)


def without_opengraph_cards() -> None:
    """Switch sphinxext-opengraph's own social cards off for good, before it is imported (``conf.py``).

    sphinxext-opengraph 0.13 imports its card module (matplotlib) when it is
    itself imported, and without matplotlib prints "matplotlib is not
    installed" on every build, whatever ``ogp_social_cards`` says.  Its place
    is taken by a module that has no cards to draw and says they are off.
    """
    stand_in = types.ModuleType("sphinxext.opengraph._social_cards", "sphinxext-opengraph's cards, switched off.")
    vars(stand_in).update(DEFAULT_SOCIAL_CONFIG={"enable": False}, create_social_card=None)
    sys.modules.setdefault(stand_in.__name__, stand_in)


def setup_card_pages(app: Sphinx) -> None:
    app.connect("env-get-updated", pages_with_new_cards)
    # Before sphinxext-opengraph (500) reads the page's overrides.
    app.connect("html-page-context", add_card_tags, priority=440)
    app.connect("build-finished", draw_cards)
