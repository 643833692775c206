"""One fact told in four languages is one fact: MEANTIME's sentence-aligned translations (issue 20).

    .venv/bin/python benchmarks/multilingual_facts.py --cache DIR [--json FILE] [--weights 0.5,1.0]

MEANTIME holds the same 120 WikiNews articles in English, Spanish, Italian and Dutch, translated sentence
by sentence. Each document's four versions are one story here: the product's facts of that story
(``compose.facts.build_facts`` over the stored annotations, after the actors stage) are scored against
the gold that sentence i of every version is one fact and different sentences are different facts.
Only versions whose sentence count equals the English one's are scored (79 of 120 documents align in
all four languages; a version with a sentence more or less is left out, as its alignment is unknown).
A claim is mapped to the gold sentence holding its first character.

Reported for the even-numbered and the odd-numbered documents apart (``CROSS_LANGUAGE_WEIGHT`` is
chosen on the even ones with ``--weights``: the smallest weight within 0.005 of the best fact F1, since
on the plateau a larger one only adds wrong joins; reported on the odd ones), over all claims:

- fact B-cubed P / R / F1 over the claims of a document group (pooled over groups);
- translation pairs kept: aligned sentence pairs (English and another language, both claims) that land
  in one fact / all such pairs; per language;
- wrong joins: cross-language pairs in one fact that are not translations of each other / all
  cross-language pairs in facts.

The store is built once by the product (``storyline.ingest`` of the 480 documents, as
``benchmarks/multilingual.py --cache`` does) and reused; facts are recomputed in seconds.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # figures.py, when loaded by path

import storyline.compose.claims as claims_module
from cluster_scoring import bcubed
from figures import Figure, write
from multilingual import DEFAULT_DATA, Doc, cached_store, read_docs
from storyline.annotate.actors import merge_actors
from storyline.compose.facts import build_facts
from storyline.models import AnnotatedArticle
from storyline.store import open_store


def _index_of(origin: str) -> int:
    return int(origin.rsplit("#", 1)[1])


def _gold_sentence(doc: Doc, text: str, start: int) -> int | None:
    """The index of the gold sentence of ``doc`` (body sentences only) that holds offset ``start``."""
    cursor = 0
    for i, sentence in enumerate(doc.sentences):
        at = text.find(sentence, cursor)
        if at < 0:
            continue
        if at <= start < at + len(sentence):
            return i
        cursor = at + len(sentence)
    return None


def score(docs: Sequence[Doc], annotated: dict[int, AnnotatedArticle], keep: Any) -> dict[str, Any]:
    """Fact figures over the document groups ``keep`` accepts."""
    by_group: dict[str, dict[str, int]] = defaultdict(dict)
    for index, doc in enumerate(docs):
        if index in annotated and keep(doc):
            by_group[doc.group][doc.language] = index
    gold: dict[str, str] = {}
    predicted: dict[str, str] = {}
    pairs: Counter[str] = Counter()
    kept: Counter[str] = Counter()
    joined = wrong = 0
    for group, versions in sorted(by_group.items()):
        english = versions.get("en")
        if english is None:
            continue
        aligned = {
            code: i for code, i in versions.items() if len(docs[i].sentences) == len(docs[english].sentences)
        }
        articles = [annotated[i] for i in aligned.values()]
        _, merged = merge_actors(articles)
        facts = build_facts(merged, [])
        code_of = {annotated[i].article.id: (code, i) for code, i in aligned.items()}
        fact_of: dict[tuple[str, int], str] = {}
        for fact in facts:
            members: set[tuple[str, int | None]] = set()  # (language, gold sentence) of each citation
            for citation in fact.citations:
                code, i = code_of[citation.article_id]
                sentence = _gold_sentence(docs[i], annotated[i].article.text, citation.start)
                members.add((code, sentence))
                if sentence is None:
                    continue
                item = f"{group}|{code}|{citation.start}"
                gold[item] = f"{group}|{sentence}"
                predicted[item] = f"{group}|{fact.id}"
                fact_of.setdefault((code, sentence), fact.id)
            for a in members:
                for b in members:
                    if a[0] < b[0]:
                        joined += 1
                        wrong += a[1] is None or a[1] != b[1]
        for (code, sentence), fact_id in fact_of.items():
            if code == "en":
                continue
            if ("en", sentence) in fact_of:
                pairs[code] += 1
                kept[code] += fact_of[("en", sentence)] == fact_id
    scores = bcubed(gold, predicted)
    return {
        "claims": len(gold),
        "bcubed": {"P": round(scores.precision, 4), "R": round(scores.recall, 4), "F1": round(scores.f1, 4)},
        "translation_pairs_kept": round(sum(kept.values()) / max(1, sum(pairs.values())), 4),
        "per_language": {code: round(kept[code] / pairs[code], 4) for code in sorted(pairs) if pairs[code]},
        "pairs": sum(pairs.values()),
        "wrong_joins": round(wrong / joined, 4) if joined else 0.0,
        "cross_language_pairs_in_facts": joined,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, required=True, help="folder for the store (built once)")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--weights", default="", help="comma-separated CROSS_LANGUAGE_WEIGHT values to try")
    parser.add_argument("--json", type=Path, help="append the headline figures here (figures.py's schema)")
    args = parser.parse_args()
    docs = read_docs(args.data)
    args.cache.mkdir(parents=True, exist_ok=True)
    db = cached_store(docs, args.cache, args.workers)
    store = open_store(str(db))
    try:
        annotated = {_index_of(a.article.origin): a for a in store.annotations().values()}
    finally:
        store.close()
    even = lambda d: int(d.doc_id) % 2 == 0  # noqa: E731
    odd = lambda d: int(d.doc_id) % 2 == 1  # noqa: E731
    weights = [float(w) for w in args.weights.split(",") if w] or [claims_module.CROSS_LANGUAGE_WEIGHT]
    results = {}
    for weight in weights:
        claims_module.CROSS_LANGUAGE_WEIGHT = weight
        results[weight] = {"even": score(docs, annotated, even), "odd": score(docs, annotated, odd)}
        print(f"weight {weight}: even {results[weight]['even']}\n            odd  {results[weight]['odd']}")
    claims_module.CROSS_LANGUAGE_WEIGHT = 0.0
    off = {"even": score(docs, annotated, even), "odd": score(docs, annotated, odd)}
    print(f"languages never compared (weight 0): even {off['even']}")
    print(f"                                     odd  {off['odd']}")
    if args.json:
        data = "MEANTIME en+es+it+nl aligned sentences, odd docs"
        best = max(results[w]["even"]["bcubed"]["F1"] for w in weights)
        # the smallest weight within 0.005 of the best: on the plateau, the fewest wrong joins
        chosen = min(w for w in weights if results[w]["even"]["bcubed"]["F1"] >= best - 0.005)
        reported = results[chosen]["odd"]
        figures = [
            Figure("storyline", data, "fact B-cubed F1", reported["bcubed"]["F1"]),
            Figure("storyline", data, "translation pairs in one fact", reported["translation_pairs_kept"]),
            Figure("languages never compared", data, "fact B-cubed F1", off["odd"]["bcubed"]["F1"]),
        ]  # fmt: skip
        write(args.json, figures)


if __name__ == "__main__":
    main()
