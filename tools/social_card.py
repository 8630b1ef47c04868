"""Draw the site's default link-preview image, ``_static/social-card.png`` (1200 × 630).

Run once, and again only when the site's name or colours change; the PNG is
committed (``ogp_image`` in ``conf.py``).  Drawn by the Chromium the browser
tests already use (Playwright), from the favicon's mark and colours, so that
nothing else needs installing::

    .venv/bin/python tools/social_card.py
"""

from __future__ import annotations

import html
import runpy
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
OUTPUT = PROJECT / "_static" / "social-card.png"
WIDTH, HEIGHT = 1200, 630
#: The favicon's colours (_static/favicon.svg): its blue ground, its white stroke.
GROUND, INK, PALE = "#1f4e79", "#ffffff", "#e8eef5"
#: The favicon's mark, "L" and "T" in one stroke, in its 32 × 32 box.
MARK = "M9 8v16h7M19 8h7M22.5 8v16"
TAGLINE = "Des repères pour celles et ceux qui portent une responsabilité technique"


def card_html(site_name: str) -> str:
    return f"""<!doctype html><html lang="fr"><head><meta charset="utf-8"><style>
  html, body {{ margin: 0; width: {WIDTH}px; height: {HEIGHT}px; }}
  body {{ background: {GROUND}; color: {INK}; font-family: "DejaVu Sans", sans-serif;
         display: flex; flex-direction: column; justify-content: center; padding: 0 96px; box-sizing: border-box; }}
  svg {{ width: 128px; height: 128px; margin-bottom: 48px; }}
  h1 {{ font-size: 88px; line-height: 1.05; margin: 0 0 32px; font-weight: 700; }}
  p {{ font-size: 36px; line-height: 1.3; margin: 0; color: {PALE}; max-width: 900px; }}
</style></head><body>
  <svg viewBox="0 0 32 32" aria-hidden="true"><rect width="32" height="32" rx="7" fill="{PALE}"/>
    <path d="{MARK}" fill="none" stroke="{GROUND}" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/></svg>
  <h1>{html.escape(site_name)}</h1>
  <p>{html.escape(TAGLINE)}</p>
</body></html>"""


def main() -> int:
    # A development tool: Playwright and the test harness are imported when it runs.
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    sys.path.insert(0, str(PROJECT / "tests"))
    from support.browser import CHROMIUM_ARGS, chromium_path, skip_reason  # noqa: PLC0415

    executable = chromium_path()
    if executable is None:
        print(skip_reason(), file=sys.stderr)
        return 1
    site_name = runpy.run_path(str(PROJECT / "conf.py"))["project"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT}, device_scale_factor=1)
        page.set_content(card_html(site_name))
        page.screenshot(path=str(OUTPUT))
        browser.close()
    print(f"{OUTPUT.relative_to(PROJECT)}: {WIDTH} × {HEIGHT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
