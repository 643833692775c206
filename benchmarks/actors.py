"""Cross-document entity clustering on MEANTIME, storyline's actors beside exact-string matching.

    .venv/bin/python benchmarks/actors.py --data ../shared/eval/timex/meantime/intra_cross-doc_annotation

Gold: every named mention (syntactic type NAM or PRE.NAM) with its entity, the entity's corpus-level
``instance_id`` when it has one, else an entity of its own document. Each topic corpus (airbus, apple,
gm, stock) is briefed and scored on its own, as a story would be; ``all`` pools the four runs. Kind
accuracy compares the actor's kind with the entity's type (PER person, ORG organisation, LOC place;
products and financial entities are not scored); a gold mention storyline did not find counts
wrong. Each gold mention takes the actor of the storyline mention that holds its last character
(its head), else of the one overlapping it most; a gold mention storyline did not find stays alone.

    .venv/bin/python benchmarks/actors.py --kinds-gold benchmarks/gold/kinds/gold.tsv --eval ../shared/eval

scores the hand-written kinds-and-variants gold instead (benchmarks/gold/kinds/RULES.md).

Baselines, measured in the same run: mentions with the same exact string are one entity, over
the gold mentions' own strings, and over the strings of the mentions storyline found.
Prints JSON: B-cubed and pairwise P/R/F1 (pairwise also over cross-document pairs only).
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.annotate.actors import merge_actors
from storyline.annotate.mentions import find_mentions
from storyline.annotate.nlp import load_nlp
from storyline.models import AnnotatedArticle, Article, Mention, PublishedDate

NAMED = ("NAM", "PRE.NAM")


GOLD_KINDS = {"PER": "person", "ORG": "organisation", "LOC": "place"}


@dataclass(frozen=True)
class GoldMention:
    doc: str
    start: int
    end: int
    text: str
    entity: str
    kind: str | None = None  # the gold kind, when the entity type is one storyline gives


@dataclass
class Document:
    name: str
    text: str
    mentions: list[GoldMention]


def _tokens(root: ET.Element) -> tuple[str, dict[str, tuple[int, int]]]:
    """The text rebuilt from the tokens (one sentence a line) and each token's offsets in it."""
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    cursor, sentence = 0, None
    for token in root.iter("token"):
        if parts:
            gap = "\n" if token.get("sentence") != sentence else " "
            parts.append(gap)
            cursor += 1
        word = token.text or ""
        offsets[token.get("t_id", "")] = (cursor, cursor + len(word))
        parts.append(word)
        cursor += len(word)
        sentence = token.get("sentence")
    return "".join(parts), offsets


def _entities(root: ET.Element, doc: str) -> dict[str, tuple[str, str | None]]:
    """Entity mention id → (cluster label, gold kind): the corpus instance, else the document's own entity."""
    entities = {
        e.get("m_id", ""): (
            e.get("instance_id") or f"{doc}#{e.get('m_id')}",
            GOLD_KINDS.get(e.get("ent_type", "")),
        )
        for e in root.iter("ENTITY")
    }
    labels: dict[str, tuple[str, str | None]] = {}
    for relation in root.iter("REFERS_TO"):
        target = relation.find("target")
        label = entities.get(target.get("m_id", "")) if target is not None else None
        if label is not None:
            for source in relation.iter("source"):
                labels[source.get("m_id", "")] = label
    return labels


def read_document(path: Path) -> Document:
    root = ET.parse(path).getroot()
    text, offsets = _tokens(root)
    labels = _entities(root, path.stem)
    mentions = []
    for mention in root.iter("ENTITY_MENTION"):
        m_id = mention.get("m_id", "")
        anchors = [offsets[a.get("t_id", "")] for a in mention.iter("token_anchor")]
        if mention.get("syntactic_type") not in NAMED or m_id not in labels or not anchors:
            continue
        start, end = min(a[0] for a in anchors), max(a[1] for a in anchors)
        entity, kind = labels[m_id]
        mentions.append(GoldMention(path.stem, start, end, text[start:end], entity, kind))
    return Document(path.stem, text, mentions)


def load(data: Path) -> dict[str, list[Document]]:
    """The documents of each topic corpus (each sub-folder of ``data``)."""
    corpora: dict[str, list[Document]] = {}
    for path in sorted(data.rglob("*.xml")):
        corpora.setdefault(path.parent.name, []).append(read_document(path))
    return corpora


def _pairs(sizes: Counter[Hashable]) -> int:
    return sum(n * (n - 1) // 2 for n in sizes.values())


def _prf(p: float, r: float) -> dict[str, float]:
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4)}


def bcubed(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> dict[str, float]:
    both = Counter(zip(gold, pred, strict=True))
    gold_sizes, pred_sizes = Counter(gold), Counter(pred)
    p = sum(both[(g, s)] / pred_sizes[s] for g, s in zip(gold, pred, strict=True)) / len(gold)
    r = sum(both[(g, s)] / gold_sizes[g] for g, s in zip(gold, pred, strict=True)) / len(gold)
    return _prf(p, r)


def pairwise(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> dict[str, float]:
    together = _pairs(Counter(zip(gold, pred, strict=True)))
    gold_pairs, pred_pairs = _pairs(Counter(gold)), _pairs(Counter(pred))
    return _prf(together / pred_pairs if pred_pairs else 0.0, together / gold_pairs if gold_pairs else 0.0)


def cross_document_pairwise(
    docs: Sequence[str], gold: Sequence[Hashable], pred: Sequence[Hashable]
) -> dict[str, float]:
    """Pairwise scores over pairs of mentions from different documents only."""

    def across(labels: Sequence[Hashable]) -> Counter[Hashable]:
        return Counter(zip(labels, docs, strict=True))

    def cross(labels: Sequence[Hashable]) -> int:
        # pairs in a cluster minus pairs inside one document of it
        return _pairs(Counter(labels)) - _pairs(across(labels))

    joint = list(zip(gold, pred, strict=True))
    together = cross(joint)
    gold_pairs, pred_pairs = cross(gold), cross(pred)
    return _prf(together / pred_pairs if pred_pairs else 0.0, together / gold_pairs if gold_pairs else 0.0)


def _aligned(gold: GoldMention, found: Sequence[Mention]) -> Mention | None:
    """The found mention holding the gold mention's last character (English names end in their
    head: "Apple's iTunes store"), else the one overlapping it most."""
    holding = [m for m in found if m.start < gold.end <= m.end]
    if holding:
        return holding[0]
    overlaps = [(min(gold.end, m.end) - max(gold.start, m.start), m) for m in found]
    best = max(overlaps, key=lambda pair: (pair[0], -pair[1].start), default=(0, None))
    return best[1] if best[0] > 0 else None


def _scores(docs: Sequence[str], gold: Sequence[Hashable], pred: Sequence[Hashable]) -> dict[str, Any]:
    return {
        "bcubed": bcubed(gold, pred),
        "pairwise": pairwise(gold, pred),
        "pairwise_cross_document": cross_document_pairwise(docs, gold, pred),
    }


def _parse(nlp: Any, texts: Sequence[str], cache: Path | None) -> list[Any]:
    """The parsed texts, read from ``cache`` (a spaCy DocBin) when it holds these very texts."""
    from spacy.tokens import DocBin

    if cache is not None and cache.exists():
        cached = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [d.text for d in cached] == list(texts):
            return cached
    parsed = list(nlp.pipe(texts))
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=parsed).to_disk(cache)
    return parsed


def annotate_corpus(nlp: Any, documents: Sequence[Document], cache: Path | None) -> tuple[list[Any], Any]:
    """storyline's actors over ``documents`` briefed together: (merged articles, actor kinds by id)."""
    annotated = []
    for document, doc in zip(documents, _parse(nlp, [d.text for d in documents], cache), strict=True):
        body = Article(document.name, document.name, document.text, PublishedDate.unknown())
        annotated.append(AnnotatedArticle(body, mentions=tuple(find_mentions(doc, document.name))))
    actors, merged = merge_actors(annotated)
    return merged, {a.id: a.kind for a in actors}


@dataclass
class Labels:
    """One row per gold mention: its document, gold entity, storyline actor, kind judgement."""

    docs: list[str]
    gold: list[str]
    ours: list[str]
    exact_gold: list[str]
    exact_ours: list[str]
    kind_right: list[bool | None]  # None when the gold entity's type is not scored


def label_corpus(documents: Sequence[Document], merged: Sequence[Any], kinds: dict[str, str]) -> Labels:
    labels = Labels([], [], [], [], [], [])
    for document, article in zip(documents, merged, strict=True):
        for index, mention in enumerate(document.mentions):
            match = _aligned(mention, article.mentions)
            alone = f"missed:{document.name}:{index}"
            actor = match.actor_id if match is not None and match.actor_id else None
            labels.docs.append(document.name)
            labels.gold.append(mention.entity)
            labels.ours.append(actor or alone)
            labels.exact_gold.append(mention.text)
            labels.exact_ours.append(match.text if match is not None else alone)
            right = None if mention.kind is None else (actor is not None and kinds.get(actor) == mention.kind)
            labels.kind_right.append(right)
    return labels


def _summary(labels: Labels, baselines: bool) -> dict[str, Any]:
    judged = [r for r in labels.kind_right if r is not None]
    found = sum(not label.startswith("missed:") for label in labels.ours)
    result: dict[str, Any] = {
        "gold_mentions": len(labels.gold),
        "gold_entities": len(set(labels.gold)),
        "found_by_storyline": found,
        "kind_accuracy": round(sum(judged) / len(judged), 4) if judged else None,
        "kind_judged": len(judged),
        "storyline": _scores(labels.docs, labels.gold, labels.ours),
    }
    if baselines:
        result["exact_string_gold_mentions"] = _scores(labels.docs, labels.gold, labels.exact_gold)
        result["exact_string_storyline_mentions"] = _scores(labels.docs, labels.gold, labels.exact_ours)
    return result


def run(data: Path, cache: Path | None = None) -> dict[str, Any]:
    corpora = load(data)
    nlp = load_nlp()
    started = time.perf_counter()
    pooled = Labels([], [], [], [], [], [])
    result: dict[str, Any] = {"data": str(data), "corpora": {}}
    for name, documents in corpora.items():
        corpus_cache = cache.with_name(f"{cache.stem}-{name}{cache.suffix}") if cache else None
        merged, kinds = annotate_corpus(nlp, documents, corpus_cache)
        labels = label_corpus(documents, merged, kinds)
        result["corpora"][name] = {"documents": len(documents), **_summary(labels, baselines=False)}
        for field in ("docs", "gold", "ours", "exact_gold", "exact_ours", "kind_right"):
            getattr(pooled, field).extend(getattr(labels, field))
    elapsed = time.perf_counter() - started
    result["all"] = _summary(pooled, baselines=True)
    result["articles_per_second"] = round(sum(len(d) for d in corpora.values()) / elapsed, 2)
    return result


def _kinds_gold(gold: Path, root: Path) -> dict[str, Any]:
    sys.path.insert(0, str(gold.parent))
    score = importlib.import_module("score")  # benchmarks/gold/kinds/score.py

    result: dict[str, Any] = score.run(gold, root, load_nlp())
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, help="MEANTIME intra_cross-doc_annotation folder")
    parser.add_argument(
        "--cache",
        type=Path,
        default=None,
        help="a DocBin file to keep the parse in between runs (speed only; one file per corpus beside it)",
    )
    parser.add_argument("--kinds-gold", type=Path, help="benchmarks/gold/kinds/gold.tsv (RULES.md there)")
    parser.add_argument("--eval", type=Path, default=Path("../shared/eval"), help="the shared eval folder")
    args = parser.parse_args(argv)
    if args.kinds_gold is not None:
        if not args.kinds_gold.is_file() or not args.eval.is_dir():
            print(f"no gold file {args.kinds_gold} or eval folder {args.eval}", file=sys.stderr)
            return 2
        print(json.dumps(_kinds_gold(args.kinds_gold, args.eval), indent=2))
        return 0
    if args.data is None or not args.data.is_dir():
        print(f"no such folder: {args.data}", file=sys.stderr)
        return 2
    print(json.dumps(run(args.data, args.cache), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
