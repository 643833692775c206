"""Stories against a grouping made by reading: PolNeAR articles of three three-week windows (issue 13).

    .venv/bin/python benchmarks/story_gold.py [--cache DIR] [--errors]

The gold (``benchmarks/gold/stories/polnear_stories.tsv``, rules in its README) groups 200 articles by
what happening their title and lead report. Each window is one feed: its articles are written as one
JSONL file (title, text, outlet, publication date from PolNeAR's metadata) and ingested by the product
(``storyline.ingest``) into a SQLite store of its own. Printed: the stories the product made, then the
stories ``Clusterer()`` makes from the stored annotations with the current code (the same articles as
the product sees them, without re-annotating: with ``--cache DIR`` the stores are kept there and reused),
each with B-cubed and pairwise P/R/F1 over all 200 articles (an article the product rejected counts as
a story of its own). ``--errors`` lists every wrong merge and split with the articles' titles.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import storyline
from storyline.cluster import Clusterer
from storyline.cluster.scoring import bcubed, confusions, pairwise
from storyline.dedupe import group_duplicates
from storyline.pipeline import _days_worth_trusting
from storyline.store import open_store

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold" / "stories" / "polnear_stories.tsv"
POLNEAR = HERE.parents[1] / "shared" / "eval" / "quotes" / "polnear"


@dataclass(frozen=True)
class GoldArticle:
    window: str
    filename: str
    compartment: str
    outlet: str
    date: str
    story: str

    @property
    def key(self) -> str:
        return f"polnear:{self.filename}"


def read_gold(path: Path = GOLD) -> list[GoldArticle]:
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [
        GoldArticle(r["window"], r["filename"], r["compartment"], r["publisher"], r["date"], r["story"])
        for r in rows
    ]


def record(article: GoldArticle, root: Path = POLNEAR) -> dict[str, str]:
    """The article as a JSONL record: its first line is the title, the rest its text."""
    raw = (root / article.compartment / "text" / f"{article.filename}.txt").read_text(encoding="utf-8")
    title, _, text = raw.strip().partition("\n")
    return {
        "url": article.key, "title": title.strip(), "text": text.strip(), "outlet": article.outlet,
        "published": article.date,
    }


def ingest_window(window: str, articles: Sequence[GoldArticle], folder: Path) -> Path:
    """The window's SQLite store, ingested unless ``folder`` already holds it."""
    db = folder / f"window_{window}.db"
    if db.exists():
        return db
    feed = folder / f"window_{window}.jsonl"
    feed.write_text("".join(json.dumps(record(a)) + "\n" for a in articles), encoding="utf-8")
    storyline.ingest([str(feed)], db=str(db))
    return db


def window_stories(db: Path, window: str) -> tuple[dict[str, str], dict[str, str]]:
    """(article key → the product's story, article key → the story ``Clusterer()`` makes now)."""
    store = open_store(str(db))
    try:
        product = {
            f"polnear:{s.url.split(':', 1)[1]}" if s.url else s.origin: f"{window}/{brief.story_id}"
            for row in store.stories()
            if (brief := store.story(row.id)) is not None
            for s in brief.sources
        }
        annotated = list(store.annotations().values())
    finally:
        store.close()
    key_of = {a.article.id: a.article.url or a.article.id for a in annotated}
    groups = group_duplicates([a.article for a in annotated])
    result = Clusterer().add([_days_worth_trusting(a) for a in annotated], groups)
    now = {key_of[a]: f"{window}/{s.id}" for s in result.stories for a in s.article_ids}
    return product, now


def copies_share(predicted: dict[str, str], articles: Sequence[GoldArticle]) -> dict[str, str]:
    """An article printed twice word for word is stored once (its id is a hash of its text): each
    printing takes the story of the one kept."""
    first: dict[str, str] = {}
    out = dict(predicted)
    for article in articles:
        body = json.dumps({k: v for k, v in record(article).items() if k in ("title", "text")})
        kept = first.setdefault(body, article.key)
        if article.key not in out and kept in out:
            out[article.key] = out[kept]
    return out


def score(name: str, gold: dict[str, str], predicted: dict[str, str]) -> None:
    filled = {k: predicted.get(k, f"rejected/{k}") for k in gold}
    missing = sum(1 for k in gold if k not in predicted)
    count = len(set(filled.values()))
    print(f"  {name:<10} {count} stories ({missing} articles in none)   B-cubed {bcubed(gold, filled)}"
          f"   pairwise {pairwise(gold, filled)}")


def print_errors(gold: dict[str, str], predicted: dict[str, str], titles: dict[str, str]) -> None:
    filled = {k: predicted.get(k, f"rejected/{k}") for k in gold}
    for found in confusions(gold, filled):
        outer = filled if found.kind == "merge" else gold
        inner = gold if found.kind == "merge" else filled
        print(f"    {found.kind} {found.cluster}:")
        for part, _ in found.sizes:
            members = [k for k in sorted(gold) if outer[k] == found.cluster and inner[k] == part]
            for k in members:
                print(f"      [{part}] {titles[k][:90]}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, help="keep the windows' stores here and reuse them")
    parser.add_argument("--errors", action="store_true", help="list wrong merges and splits")
    args = parser.parse_args(argv)
    gold_articles = read_gold()
    folder = args.cache or Path(tempfile.mkdtemp(prefix="story_gold_"))
    folder.mkdir(parents=True, exist_ok=True)
    gold = {a.key: f"{a.window}/{a.story}" for a in gold_articles}
    product: dict[str, str] = {}
    now: dict[str, str] = {}
    started = time.perf_counter()
    for window in sorted({a.window for a in gold_articles}):
        members = [a for a in gold_articles if a.window == window]
        db = ingest_window(window, members, folder)
        found, clustered = window_stories(db, window)
        product.update(copies_share(found, members))
        now.update(copies_share(clustered, members))
    took = time.perf_counter() - started
    print(f"{len(gold)} articles, {len(set(gold.values()))} gold stories; {took:.0f}s")
    score("product", gold, product)
    score("clusterer", gold, now)
    if args.errors:
        titles = {a.key: f"{a.window} {a.date} {a.outlet}: {record(a)['title']}" for a in gold_articles}
        print_errors(gold, now, titles)
    return 0


if __name__ == "__main__":
    sys.exit(main())
