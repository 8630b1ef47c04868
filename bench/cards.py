"""The cost of the social cards at scale: drawing them all, then a rebuild that draws none.

    python bench/cards.py [--posts 1000] [--pillars 5] [--processes 1]

Takes the posts and pillars of the benchmark's corpus (tests/support/sites.py,
``make_plan``, the titles ``bench/run.py`` builds), and times, in a temporary
folder, what the extension does at ``build-finished`` (``card_pages.sync_cards``):

- a clean pass: every card drawn (Pillow, Inter, pyphen) and written as PNG;
- a no-change pass: the same cards named again (digests) and found on disk,
  none drawn;
- one post retitled: its card drawn, the old one removed.

It prints the seconds of each pass (wall and CPU, drawing processes included)
and the CPU time per card drawn.  The cards are
drawn without Sphinx, so the figure is theirs alone; a whole build with
cards off is ``-D editorial_social_cards=0``.  Timings on a shared machine are
noisy: repeat, compare medians.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(PROJECT / "_ext"), str(PROJECT / "tests")]

from editorial.card_pages import Card, sync_cards  # noqa: E402  (after the path above)
from editorial.cards import CardText  # noqa: E402
from support.sites import make_plan  # noqa: E402

SITE_NAME = "Leadership technique"


def planned(posts: int, pillars: int) -> dict[str, CardText]:
    """docname -> what its card shows, for every post and pillar of the corpus."""
    plan = make_plan(posts, pillars, seed=0)
    pillar_titles = {pillar.slug: pillar.title for pillar in plan.pillars}
    texts = {f"pillars/{pillar.slug}": CardText(pillar.title, "Pilier", SITE_NAME, "fr") for pillar in plan.pillars}
    for post in plan.posts:
        texts[f"posts/{post.slug}"] = CardText(post.title, pillar_titles[post.pillar], SITE_NAME, "fr")
    return texts


def wanted(texts: dict[str, CardText]) -> dict[str, CardText]:
    """File name -> what it shows, as ``card_pages.draw_cards`` names them."""
    cards = (Card.of(docname, text) for docname, text in texts.items())
    return {card.file_name: card.text for card in cards}


def _cpu_seconds() -> float:
    """User and system time of this process and of the drawing processes it waited for."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def timed_pass(label: str, folder: Path, texts: dict[str, CardText], processes: int) -> None:
    start, cpu_start = time.perf_counter(), _cpu_seconds()
    done = sync_cards(folder, wanted(texts), processes)
    seconds, cpu = time.perf_counter() - start, _cpu_seconds() - cpu_start
    per_card = f"{1000 * cpu / done.drawn:.1f} ms CPU per card drawn" if done.drawn else "no card drawn"
    print(
        f"{label:<26} {seconds:7.2f} s wall {cpu:7.2f} s CPU   "
        f"{done.drawn:5d} drawn, {done.kept:5d} kept, {done.removed} removed; {per_card}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--pillars", type=int, default=5)
    parser.add_argument("--processes", type=int, default=1, help="as sphinx-build -j N (default 1)")
    options = parser.parse_args()
    texts = planned(options.posts, options.pillars)
    print(f"Social cards of {options.posts} posts and {options.pillars} pillars, {options.processes} process(es)")
    with tempfile.TemporaryDirectory(prefix="cards-bench-") as temporary:
        folder = Path(temporary) / "_images" / "social"
        timed_pass("clean (every card drawn)", folder, texts, options.processes)
        timed_pass("no change (cache hits)", folder, texts, options.processes)
        first_post = next(docname for docname in texts if docname.startswith("posts/"))
        texts[first_post] = texts[first_post]._replace(title=texts[first_post].title + " (revu)")
        timed_pass("one post retitled", folder, texts, options.processes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
