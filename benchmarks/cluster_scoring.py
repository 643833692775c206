"""Scoring clusters against gold labels (B-cubed and pairwise), and reading event-labelled folders.

A labelled folder is laid out like ECB+: one sub-folder per event named ``<topic>ecb`` or
``<topic>ecbplus`` (or any name; the topic is its leading digits, else the whole name), one JSON file per
document with ``title`` and ``text``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float

    def __str__(self) -> str:
        return f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f}"


def _f1(p: float, r: float) -> Scores:
    return Scores(p, r, 2 * p * r / (p + r) if p + r else 0.0)


def bcubed(gold: Mapping[str, str], predicted: Mapping[str, str]) -> Scores:
    """B-cubed precision and recall, averaged over the items of ``gold``."""
    items = sorted(gold)
    if not items:
        return Scores(1.0, 1.0, 1.0)
    both = Counter((gold[i], predicted[i]) for i in items)
    gold_sizes = Counter(gold[i] for i in items)
    pred_sizes = Counter(predicted[i] for i in items)
    precision = sum(n * n / pred_sizes[p] for (_, p), n in both.items()) / len(items)
    recall = sum(n * n / gold_sizes[g] for (g, _), n in both.items()) / len(items)
    return _f1(precision, recall)


def pairwise(gold: Mapping[str, str], predicted: Mapping[str, str]) -> Scores:
    """Precision and recall of the same-cluster pairs."""
    items = sorted(gold)

    def pairs(counts: Counter[object]) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())

    shared = pairs(Counter((gold[i], predicted[i]) for i in items))
    in_pred = pairs(Counter(predicted[i] for i in items))
    in_gold = pairs(Counter(gold[i] for i in items))
    return _f1(shared / in_pred if in_pred else 1.0, shared / in_gold if in_gold else 1.0)


@dataclass(frozen=True)
class LabelledDoc:
    id: str
    event: str
    story: str
    title: str
    text: str


def topic_of(folder: str) -> str:
    match = re.match(r"\d+", folder)
    return match[0] if match else folder


def read_event_folders(root: Path, topics: Sequence[str] | None = None) -> list[LabelledDoc]:
    """Every document under ``root``, labelled by its folder (event) and topic (story), in a fixed order."""
    docs = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        if topics is not None and topic_of(folder.name) not in topics:
            continue
        for path in sorted(folder.glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            title, text = str(data.get("title") or ""), str(data.get("text") or "")
            digest = hashlib.sha1(f"{folder.name}/{path.name}\n{title}\n{text}".encode()).hexdigest()[:16]
            docs.append(LabelledDoc(digest, folder.name, topic_of(folder.name), title, text))
    return docs


def topic_half(docs: Sequence[LabelledDoc], odd: bool) -> list[LabelledDoc]:
    """The documents of the odd- (or even-) numbered topics: two halves to check that a change is not
    fitted to some topics. Topics without a number belong to neither half."""
    return [d for d in docs if d.story.isdigit() and (int(d.story) % 2 == 1) == odd]


@dataclass(frozen=True)
class Confusion:
    """A predicted cluster that mixes gold clusters (``kind`` "merge"), or a gold cluster spread over
    several predicted ones ("split"); ``sizes`` maps each part to its number of items, largest first."""

    kind: str
    cluster: str
    sizes: tuple[tuple[str, int], ...]


def confusions(gold: Mapping[str, str], predicted: Mapping[str, str]) -> list[Confusion]:
    """Every wrong merge and split of ``predicted`` against ``gold``, merges first, each sorted."""
    out = []
    for kind, outer, inner in (("merge", predicted, gold), ("split", gold, predicted)):
        parts: dict[str, Counter[str]] = {}
        for item in sorted(gold):
            parts.setdefault(outer[item], Counter())[inner[item]] += 1
        for cluster, counts in sorted(parts.items()):
            if len(counts) > 1:
                sizes = tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
                out.append(Confusion(kind, cluster, sizes))
    return out
