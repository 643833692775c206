"""Event and story clustering as the product does it: `storyline brief` over a folder laid out like ECB+.

benchmarks/clustering.py scores the clustering stage alone (dates hidden, lead sentence in the text).
This harness runs the whole pipeline on the folder's JSON files as a user would (extraction keeps
`title` apart from the text, metadata dates are read, dating, dedupe, clustering, story dating), and
scores the events and stories of the resulting brief against the folders (`<topic>ecb`,
`<topic>ecbplus`: events; topics: stories) with B-cubed and pairwise P/R/F1.

    .venv/bin/python benchmarks/product_clustering.py --data ../shared/eval/ecbplus [--topics 10-16]
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

import storyline
from cluster_scoring import bcubed, pairwise

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "ecbplus"


def folders(data: Path, topics: str | None) -> list[Path]:
    found = sorted(p for p in data.iterdir() if p.is_dir() and re.fullmatch(r"\d+ecb(?:plus)?", p.name))
    if topics:
        lo, _, hi = topics.partition("-")
        wanted = range(int(lo), int(hi or lo) + 1)
        found = [p for p in found if int(re.match(r"\d+", p.name)[0]) in wanted]  # type: ignore[index]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--topics", help="a topic range such as 10-16 (default: all)")
    args = parser.parse_args()
    chosen = folders(args.data, args.topics)
    files = sorted(f for d in chosen for f in d.glob("*.json"))
    event_of = {str(f.resolve()): f.parent.name for f in files}
    started = time.perf_counter()
    brief = storyline.brief([str(f) for f in files])
    elapsed = time.perf_counter() - started
    origin = {s.article_id: str(Path(s.origin).resolve()) for story in brief.stories for s in story.sources}
    gold_events = {a: event_of[o] for a, o in origin.items()}
    gold_stories = {a: re.match(r"\d+", e)[0] for a, e in gold_events.items()}  # type: ignore[index]
    events = {a: e.id for story in brief.stories for e in story.events for a in e.article_ids}
    stories = {a: story.story_id for story in brief.stories for a in (s.article_id for s in story.sources)}
    n_events = len({e for e in events.values()})
    print(
        f"{len(files)} documents in {len(chosen)} folders; {len(origin)} articles briefed in {elapsed:.0f}s: "
        f"{n_events} events, {len(brief.stories)} stories"
    )
    print(f"  event  B-cubed {bcubed(gold_events, events)}   pairwise {pairwise(gold_events, events)}")
    print(f"  story  B-cubed {bcubed(gold_stories, stories)}   pairwise {pairwise(gold_stories, stories)}")


if __name__ == "__main__":
    main()
