"""Quality gate for the summary: a fixed slice of ECB+ event folders, scored with our own ROUGE-N,
must stay at or above the floors pinned in ``quality_floors/summary.json``; every line must be faithful.

Each folder's documents are summarized without their lead sentence (the ``title`` field) in two
sentences and scored against those leads (best reference, as ``rouge-score``'s ``score_multi``).
The full figures with LexRank, TextRank, centroid and random baselines come from
``benchmarks/summary.py``. Lowering a floor is an explicit, reviewed change to that file.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pytest

from compose_fixtures import annotate
from storyline.annotate.nlp import load_nlp
from storyline.compose.facts import build_facts
from storyline.compose.faithfulness import check_faithful
from storyline.compose.summary import summarize
from storyline.models import AnnotatedArticle, DuplicateGroup

ECB = Path(__file__).resolve().parents[2] / "shared" / "eval" / "ecbplus"
FLOORS = json.loads((Path(__file__).parent / "quality_floors" / "summary.json").read_text())


def rouge_n(prediction: str, reference: str, n: int) -> float:
    """ROUGE-N F1 on lower-cased alphanumeric tokens (no stemming)."""

    def grams(text: str) -> Counter[tuple[str, ...]]:
        tokens = re.findall(r"[a-z0-9]+", text.lower())
        return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))

    ours, theirs = grams(prediction), grams(reference)
    overlap = sum((ours & theirs).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(ours.values()), overlap / sum(theirs.values())
    return 2 * precision * recall / (precision + recall)


def _folder(path: Path) -> tuple[list[AnnotatedArticle], list[str]]:
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(path.glob("*.json"))]
    nlp = load_nlp()
    articles = [annotate(f"{path.name}/{n}", d.get("text") or "", nlp) for n, d in enumerate(docs)]
    return articles, [d["title"] for d in docs if d.get("title")]


def _best(prediction: str, references: Sequence[str], n: int) -> float:
    return max(rouge_n(prediction, ref, n) for ref in references)


@pytest.mark.skipif(not ECB.exists(), reason="needs ../shared/eval/ecbplus beside the clone")
def test_summary_rouge_stays_above_its_floors() -> None:
    folders = sorted(p for p in ECB.iterdir() if p.is_dir())[: FLOORS["folders"]]
    r1, r2 = [], []
    for path in folders:
        articles, references = _folder(path)
        groups = [DuplicateGroup(a.article.id, a.article.id, (a.article.id,)) for a in articles]
        lines = summarize(build_facts(articles, groups), articles, sentences=2)
        for line in lines:
            assert check_faithful(line.text, line.citations, articles) == [], line.text
        prediction = " ".join(line.text for line in lines)
        r1.append(_best(prediction, references, 1))
        r2.append(_best(prediction, references, 2))
    assert sum(r1) / len(r1) >= FLOORS["rouge1_f1"]
    assert sum(r2) / len(r2) >= FLOORS["rouge2_f1"]


def test_rouge_n_is_symmetric_f1() -> None:
    assert rouge_n("the cat sat", "the cat sat", 2) == 1.0
    assert rouge_n("a b", "c d", 1) == 0.0
    assert abs(rouge_n("a b c d", "a b", 1) - 2 / 3) < 1e-9
