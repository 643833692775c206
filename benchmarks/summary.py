"""Summary quality on ECB+-style event folders: storyline against LexRank, TextRank, centroid, random.

    nice .venv/bin/python benchmarks/summary.py --data ../shared/eval/ecbplus [--limit N] [--json FILE]
        [--report OUT]

Each folder holds one event's documents (JSON with ``title`` = the lead sentence and ``text`` = the
rest). Every system summarizes the folder's texts in 2 sentences from the same spaCy sentences; ROUGE-1
and ROUGE-2 F1 (``rouge-score``, Porter stemming) are taken against the folder's lead sentences with
the package's multi-reference ``score_multi`` (best reference). The mean F1 over the references is
reported too. Conflicts found in each folder are listed. ``--json FILE`` appends each system's mean
ROUGE-1 and ROUGE-2 (best reference) and storyline's ROUGE-2 over LexRank's to FILE
(benchmarks/figures.py's schema); ``--report OUT`` writes the per-folder scores and conflicts. Needs
the bench packages (``make bench-install``; not runtime dependencies).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from rouge_score import rouge_scorer

sys.path.insert(0, str(Path(__file__).resolve().parent))  # figures.py, when loaded by path

from figures import Figure, write
from storyline.annotate.nlp import load_nlp
from storyline.compose.claims import tfidf_matrix
from storyline.compose.conflicts import find_conflicts
from storyline.compose.facts import build_facts
from storyline.compose.summary import summarize
from storyline.compose.words import content_stems
from storyline.models import (
    AnnotatedArticle,
    Article,
    Conflict,
    DuplicateGroup,
    Event,
    Mention,
    PublishedDate,
    Sentence,
)

LENGTH = 2
SEED = 13
SYSTEMS = ("storyline", "lexrank", "textrank", "centroid", "random")


@dataclass
class Folder:
    name: str
    articles: list[AnnotatedArticle]
    references: list[str]


def read_folder(path: Path, nlp: Any) -> Folder:
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(path.glob("*.json"))]
    texts = [d.get("text") or "" for d in docs]
    articles = [
        _annotated(f"{path.name}/{n}", text, doc)
        for n, (text, doc) in enumerate(zip(texts, nlp.pipe(texts, batch_size=16), strict=True))
    ]
    return Folder(path.name, articles, [d["title"] for d in docs if d.get("title")])


def _annotated(article_id: str, text: str, doc: Any) -> AnnotatedArticle:
    sentences = tuple(
        Sentence(article_id, s.start_char, s.end_char, s.text) for s in doc.sents if s.text.strip()
    )
    mentions = tuple(
        Mention(article_id, e.start_char, e.end_char, e.text, e.label_, "other") for e in doc.ents
    )
    article = Article(article_id, article_id, text, PublishedDate.unknown(), outlet=None)
    return AnnotatedArticle(article, sentences=sentences, mentions=mentions)


def all_sentences(folder: Folder) -> list[str]:
    return [s.text.strip() for a in folder.articles for s in a.sentences]


def storyline_summary(folder: Folder) -> list[str]:
    groups = [DuplicateGroup(a.article.id, a.article.id, (a.article.id,)) for a in folder.articles]
    facts = build_facts(folder.articles, groups)
    return [line.text for line in summarize(facts, folder.articles, sentences=LENGTH)]


def sumy_summary(kind: str) -> Callable[[Folder], list[str]]:
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    class SpacyWords:
        """sumy's tokenizer seam: sentences are already split by spaCy, words by our tokenizer."""

        language = "english"

        def to_sentences(self, paragraph: str) -> list[str]:
            return [paragraph]

        def to_words(self, sentence: str) -> list[str]:
            return [w for w in sentence.split() if any(ch.isalnum() for ch in w)]

    def run(folder: Folder) -> list[str]:
        tokenizer = SpacyWords()
        paragraphs = [
            Paragraph([SumySentence(s.text.strip(), tokenizer) for s in a.sentences])
            for a in folder.articles
            if a.sentences
        ]
        summarizer = (LexRankSummarizer if kind == "lexrank" else TextRankSummarizer)(Stemmer("english"))
        summarizer.stop_words = get_stop_words("english")
        return [str(s) for s in summarizer(ObjectDocumentModel(paragraphs), LENGTH)]

    return run


def centroid_summary(folder: Folder) -> list[str]:
    """Radev-style centroid: the sentences closest to the TF-IDF centroid of all sentences."""
    sentences = all_sentences(folder)
    matrix = tfidf_matrix(content_stems(s) for s in sentences)
    centre = matrix.sum(axis=0)
    order = np.argsort(-(matrix @ centre), kind="stable")
    return [sentences[i] for i in sorted(order[:LENGTH])]


def random_summary(folder: Folder) -> list[str]:
    sentences = all_sentences(folder)
    rng = random.Random(f"{SEED}:{folder.name}")
    return rng.sample(sentences, min(LENGTH, len(sentences)))


def score(scorer: Any, summary: Sequence[str], references: Sequence[str]) -> dict[str, float]:
    prediction = " ".join(summary)
    best = scorer.score_multi(list(references), prediction)
    each = [scorer.score(ref, prediction) for ref in references]
    return {
        "r1": best["rouge1"].fmeasure,
        "r2": best["rouge2"].fmeasure,
        "r1_mean": float(np.mean([e["rouge1"].fmeasure for e in each])),
        "r2_mean": float(np.mean([e["rouge2"].fmeasure for e in each])),
    }


def describe(conflict: Conflict) -> str:
    values = "; ".join(
        f"{v.value} ({len(v.citations)} cit.)" for v in conflict.values
    )
    return f"[{conflict.kind}] {conflict.slot}: {values}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--data", type=Path, required=True, help="folder of event folders of JSON docs")
    parser.add_argument("--limit", type=int, default=0, help="only the first N event folders")
    parser.add_argument("--json", type=Path, help="append the headline figures to this JSON file")
    parser.add_argument("--report", type=Path, help="write per-folder scores and conflicts here")
    parser.add_argument("--quiet", action="store_true", help="no per-folder lines")
    args = parser.parse_args(argv)
    folders = sorted(p for p in args.data.iterdir() if p.is_dir())
    folders = folders[: args.limit] if args.limit else folders
    systems: dict[str, Callable[[Folder], list[str]]] = {
        "storyline": storyline_summary,
        "lexrank": sumy_summary("lexrank"),
        "textrank": sumy_summary("textrank"),
        "centroid": centroid_summary,
        "random": random_summary,
    }
    report = evaluate(folders, systems, quiet=args.quiet)
    if args.report:
        args.report.write_text(json.dumps(report, indent=2), encoding="utf-8")
    if args.json:
        write(args.json, headline(report["means"], f"{args.data.name} event folders ({len(folders)})"))
    return 0


def headline(means: dict[str, dict[str, float]], data: str) -> list[Figure]:
    figures = [
        Figure(system, data, f"ROUGE-{n} F1 ({LENGTH} sentences, best reference)", m[f"r{n}"])
        for system, m in means.items()
        for n in (1, 2)
    ]
    if means["lexrank"]["r2"]:
        ratio = means["storyline"]["r2"] / means["lexrank"]["r2"]
        figures.append(Figure("storyline", data, "ROUGE-2 / LexRank's ROUGE-2", ratio))
    return figures


def evaluate(
    folders: Sequence[Path], systems: dict[str, Callable[[Folder], list[str]]], *, quiet: bool = False
) -> dict[str, Any]:
    nlp = load_nlp()
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    rows: dict[str, dict[str, dict[str, float]]] = {}
    conflicts: dict[str, list[str]] = {}
    started = time.perf_counter()
    for path in folders:
        folder = read_folder(path, nlp)
        rows[folder.name] = {k: score(scorer, run(folder), folder.references) for k, run in systems.items()}
        ids = tuple(a.article.id for a in folder.articles)
        found = find_conflicts(folder.articles, [Event(folder.name, ids, None, folder.name)])
        conflicts[folder.name] = [describe(c) for c in found]
        if not quiet:
            cells = "  ".join(f"{k} {v['r1']:.3f}/{v['r2']:.3f}" for k, v in rows[folder.name].items())
            print(f"{folder.name:12s} {cells}  conflicts={len(found)}", file=sys.stderr)
    means = {
        k: {m: float(np.mean([r[k][m] for r in rows.values()])) for m in ("r1", "r2", "r1_mean", "r2_mean")}
        for k in systems
    }
    print_table(means, len(rows), time.perf_counter() - started)
    print_conflicts(conflicts)
    return {"means": means, "folders": rows, "conflicts": conflicts}


def print_table(means: dict[str, dict[str, float]], folders: int, seconds: float) -> None:
    print(f"ROUGE F1 over {folders} event folders, {LENGTH}-sentence summaries ({seconds:.0f} s)")
    print("| system | R-1 (best ref) | R-2 (best ref) | R-1 (mean ref) | R-2 (mean ref) |")
    print("|---|---|---|---|---|")
    for name, m in means.items():
        print(f"| {name} | {m['r1']:.4f} | {m['r2']:.4f} | {m['r1_mean']:.4f} | {m['r2_mean']:.4f} |")
    ratio = means["storyline"]["r2"] / means["lexrank"]["r2"] if means["lexrank"]["r2"] else float("inf")
    print(f"storyline R-2 / LexRank R-2 = {ratio:.2f}")


def print_conflicts(conflicts: dict[str, list[str]]) -> None:
    print(f"\nConflicts per event folder ({sum(map(len, conflicts.values()))} in all)")
    for name, found in conflicts.items():
        for line in found:
            print(f"- {name}: {line}")


if __name__ == "__main__":
    raise SystemExit(main())
