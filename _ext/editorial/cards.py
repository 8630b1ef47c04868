"""Social cards: the 1200 × 630 PNG image a shared link shows (LinkedIn, Slack, Mastodon).

A card shows a page's title, a kicker above it (the pillar), and the site's
name, in the colours of the site's favicon (``_static/favicon.svg``), with its
mark in the corner, as the site-wide image ``_static/social-card.png`` does.
It is drawn with Pillow in the Inter typeface, which the pinned package
``fontpkg-inter`` ships (SIL Open Font License 1.1).  The title is broken into
lines the French way (``break_title``): a non-breaking space before « : ; ! ? »
and after «, no line ending on a one-letter word where another break fits, and
a word wider than a line hyphenated with pyphen's dictionary of the site's
language.

Nothing here knows Sphinx: ``card_pages.py`` decides which pages get a card,
names its file after ``card_digest`` and draws it with ``write_card``.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import fontpkg
import pyphen
from PIL import Image, ImageDraw, ImageFont

from .i18n import typeset

#: The card's size in pixels, the one OpenGraph's width and height tags state.
WIDTH, HEIGHT = 1200, 630
#: Bump with any change to the drawing: every card then gets a new file name, so a new
#: URL (LinkedIn and Slack cache an image by its URL, for days).
DESIGN_VERSION = 1

#: The favicon's colours: its blue ground, its white stroke, its pale dark-mode ground.
GROUND, INK, PALE = "#1f4e79", "#ffffff", "#e8eef5"
#: The favicon's mark, "L" and "T" in one stroke, in its 32 × 32 box.
_MARK_STROKES = (((9, 8), (9, 24), (16, 24)), ((19, 8), (26, 8)), ((22.5, 8), (22.5, 24)))
_MARGIN = 80
_MARK_SIZE = 88
_KICKER_SIZE = 40
_SITE_SIZE = 34
#: Title sizes tried from the largest, and the space its lines may take (between kicker and site name).
_TITLE_SIZES = (76, 68, 60, 52, 46)
_TITLE_TOP, _TITLE_BOTTOM = 200, HEIGHT - _MARGIN - _SITE_SIZE - 36
_LINE_HEIGHT = 1.14

#: A non-breaking space, and the narrow one French sets before ; ! ? (Imprimerie nationale).
NBSP, NNBSP = "\u00a0", "\u202f"
#: Punctuation that French keeps on the line of the word before it, and the space it takes.
_STICKS_TO_PREVIOUS = {":": NBSP, "»": NBSP, ";": NNBSP, "!": NNBSP, "?": NNBSP}
_BREAKABLE_SPACE = re.compile(r"[ \t\r\n]+")
_NON_BREAKING = re.compile(f"[{NBSP}{NNBSP}]")


class CardText(NamedTuple):
    """What a card shows: everything its file name's digest covers, with the drawing's version."""

    title: str
    #: The line above the title: the pillar's title (or a word such as "Pilier" on the pillar's own page).
    kicker: str
    site_name: str
    #: The site's language: its typography and hyphenation dictionary (``fr``, ``en``...).
    language: str


def card_digest(text: CardText) -> str:
    """12 hex digits that change whenever what the card shows (or ``DESIGN_VERSION``) changes."""
    return hashlib.blake2b(repr((DESIGN_VERSION, tuple(text))).encode("utf-8"), digest_size=6).hexdigest()


# -- Line breaking ---------------------------------------------------------------------------------


def _is_french(language: str) -> bool:
    return language.replace("-", "_").lower().split("_")[0] == "fr"


def french_units(text: str) -> list[list[str]]:
    """The title's words grouped into what must (or should) stay on one line, in French.

    Each unit is a list of segments; the segments of a unit are joined by a
    space that breaks only when the unit is wider than a whole line (after a
    one-letter word: « à », « a », « y »).  Inside a segment, the spaces are
    non-breaking: before « : ; ! ? » and after «, as French typography wants
    (``"Pourquoi ?"`` gives ``"Pourquoi\\u202f?"``).
    """
    words = [word for word in _BREAKABLE_SPACE.split(text.strip()) if word]
    segments: list[str] = []
    for word in words:
        sticky = _STICKS_TO_PREVIOUS.get(word[0]) if word.strip(":;!?»") == "" else None
        if segments and sticky:
            segments[-1] = segments[-1].rstrip(NBSP + NNBSP) + sticky + word
        elif segments and segments[-1].endswith("«"):
            segments[-1] += NBSP + word
        else:
            segments.append(word)
    units: list[list[str]] = []
    glue_next = False
    for segment in segments:
        if glue_next and units:
            units[-1].append(segment)
        else:
            units.append([segment])
        bare = _NON_BREAKING.split(segment)[-1]
        glue_next = len(bare) == 1 and bare.isalpha()
    return units


def _pieces(unit: str, hyphenator: pyphen.Pyphen | None) -> list[tuple[str, str]]:
    """Every way to end a line inside ``unit``: (head as written on the line, tail), shortest head first."""
    cuts: list[tuple[str, str]] = []
    offset = 0
    for word in re.split(f"([{NBSP}{NNBSP} ])", unit):
        if hyphenator is not None and len(word) > 1 and word[0] not in "«":
            for position in hyphenator.positions(word):
                cuts.append((unit[: offset + position] + "-", unit[offset + position :]))
        for found in re.finditer("-", word[:-1]):
            cut = offset + found.end()
            cuts.append((unit[:cut], unit[cut:]))
        offset += len(word)
    return sorted(set(cuts), key=lambda cut: len(cut[0]))


def _longest_head(unit: str, fits: Callable[[str], bool], hyphenator: pyphen.Pyphen | None) -> tuple[str, str] | None:
    fitting = [cut for cut in _pieces(unit, hyphenator) if fits(cut[0])]
    return fitting[-1] if fitting else None


def _hard_cut(unit: str, fits: Callable[[str], bool]) -> tuple[str, str]:
    """The last resort for a word with no hyphenation point that fits: cut it where the line ends."""
    length = 1
    while length < len(unit) and fits(unit[: length + 1] + "-"):
        length += 1
    return (unit[:length] + "-" if length < len(unit) else unit), unit[length:]


def break_title(text: str, fits: Callable[[str], bool], language: str) -> list[str]:
    """``text`` broken into lines that each ``fits`` (a function of a line's text), in order.

    Greedy, line after line: a unit of ``french_units`` (in French; words
    elsewhere) goes on the current line if it fits there, else starts the next
    one; a unit wider than a whole line loses its preferred spaces first, then
    is hyphenated (pyphen, the language's dictionary, or the hyphens already in
    the word), as late on the line as fits; a word with no such point is cut.
    """
    hyphenator = _hyphenator(language)
    if _is_french(language):
        units = french_units(text)
    else:
        units = [[word] for word in _BREAKABLE_SPACE.split(text.strip()) if word]
    flat: list[str] = []
    for segments in units:
        joined = " ".join(segments)
        flat.extend([joined] if fits(joined) or len(segments) == 1 else segments)
    lines: list[str] = []
    line = ""
    for piece in flat:
        rest = piece
        while not fits(_joined(line, rest)):
            if line and fits(rest):
                lines.append(line)
                line = ""
                continue
            cut = _longest_head(rest, _fits_after(line, fits), hyphenator)
            if cut is None and line:
                lines.append(line)
                line = ""
                continue
            head, rest = cut or _hard_cut(rest, fits)
            lines.append(_joined(line, head))
            line = ""
        line = _joined(line, rest)
    if line:
        lines.append(line)
    return lines


def _joined(line: str, piece: str) -> str:
    return f"{line} {piece}" if line else piece


def _fits_after(line: str, fits: Callable[[str], bool]) -> Callable[[str], bool]:
    """Whether a piece fits on what is left of ``line``."""
    return lambda piece: fits(_joined(line, piece))


@lru_cache(maxsize=8)
def _hyphenator(language: str) -> pyphen.Pyphen | None:
    """pyphen's dictionary for the language (``fr`` reads ``hyph_fr.dic``), or None if it has none."""
    found = pyphen.language_fallback(language.replace("-", "_"))
    return pyphen.Pyphen(lang=found) if found else None


# -- Drawing ---------------------------------------------------------------------------------------


@lru_cache(maxsize=32)
def _font(size: int, weight: int) -> ImageFont.FreeTypeFont:
    """Inter at ``size`` pixels and ``weight`` (100-900), its optical size set for that size."""
    font = ImageFont.truetype(str(fontpkg.path("Inter", weight=weight)), size)
    values = []
    for axis in font.get_variation_axes():
        name = bytes(axis["name"]).decode("ascii", "replace").lower()
        lowest, highest = float(axis["minimum"] or 0), float(axis["maximum"] or 0)
        if name == "weight":
            values.append(float(weight))
        elif name == "optical size":
            values.append(min(max(size * 0.5, lowest), highest))
        else:
            values.append(float(axis["default"] or 0))
    font.set_variation_by_axes(values)
    return font


@lru_cache(maxsize=1)
def _mark() -> Image.Image:
    """The favicon's mark, drawn four times larger and scaled down (Pillow draws lines without anti-aliasing)."""
    scale = 4 * _MARK_SIZE / 32
    large = Image.new("RGBA", (4 * _MARK_SIZE, 4 * _MARK_SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(large)
    draw.rounded_rectangle((0, 0, large.width - 1, large.height - 1), radius=round(7 * scale), fill=PALE)
    width = round(3 * scale)
    for stroke in _MARK_STROKES:
        points = [(x * scale, y * scale) for x, y in stroke]
        draw.line(points, fill=GROUND, width=width, joint="curve")
        for x, y in (points[0], points[-1]):  # round caps, as the SVG's stroke-linecap
            draw.ellipse((x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill=GROUND)
    return large.resize((_MARK_SIZE, _MARK_SIZE), Image.Resampling.LANCZOS)


def _fits_width(font: ImageFont.FreeTypeFont, width: float) -> Callable[[str], bool]:
    return lambda line: font.getlength(line) <= width


def _fit_title(title: str, language: str) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest title size whose lines fit the card; at the smallest, lines past the last fitting one are cut."""
    width = WIDTH - 2 * _MARGIN
    for size in _TITLE_SIZES:
        font = _font(size, 700)
        lines = break_title(title, _fits_width(font, width), language)
        if len(lines) * size * _LINE_HEIGHT <= _TITLE_BOTTOM - _TITLE_TOP:
            return font, lines
    most = int((_TITLE_BOTTOM - _TITLE_TOP) // (size * _LINE_HEIGHT))
    kept = lines[:most]
    while font.getlength(kept[-1] + " …") > width and " " in kept[-1]:
        kept[-1] = kept[-1].rsplit(" ", 1)[0]
    kept[-1] = kept[-1].rstrip("-") + " …"
    return font, kept


def _shortened(text: str, font: ImageFont.FreeTypeFont, width: float) -> str:
    """One line of ``text`` no wider than ``width``, ending in "…" if it had to be cut."""
    if font.getlength(text) <= width:
        return text
    while text and font.getlength(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def draw_card(text: CardText) -> Image.Image:
    """The card as an RGB image of ``WIDTH`` × ``HEIGHT`` pixels."""
    title = typeset(text.title, text.language)
    image = Image.new("RGB", (WIDTH, HEIGHT), GROUND)
    image.paste(_mark(), (_MARGIN, _MARGIN - 8), _mark())
    draw = ImageDraw.Draw(image)
    kicker_left = _MARGIN + _MARK_SIZE + 28
    kicker_font = _font(_KICKER_SIZE, 600)
    kicker = _shortened(typeset(text.kicker, text.language), kicker_font, WIDTH - _MARGIN - kicker_left)
    draw.text((kicker_left, _MARGIN - 8 + _MARK_SIZE / 2), kicker, font=kicker_font, fill=PALE, anchor="lm")
    font, lines = _fit_title(title, text.language)
    step = font.size * _LINE_HEIGHT
    top = _TITLE_TOP + (_TITLE_BOTTOM - _TITLE_TOP - step * len(lines)) / 2
    for number, line in enumerate(lines):
        draw.text((_MARGIN, top + number * step), line, font=font, fill=INK)
    site_font = _font(_SITE_SIZE, 500)
    draw.text((_MARGIN, HEIGHT - _MARGIN), text.site_name, font=site_font, fill=PALE, anchor="ls")
    return image


def write_card(text: CardText, path: Path) -> None:
    """Draw the card and write it as a PNG at ``path``, whole or not at all (a file named after
    its digest is never drawn again, so a build stopped midway must not leave half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    draw_card(text).save(partial, format="PNG", compress_level=1)  # 2x faster than 6, 20 % larger
    os.replace(partial, path)
