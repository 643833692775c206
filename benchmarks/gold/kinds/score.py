"""Score storyline's kinds and variant merges against the hand-written gold (RULES.md, "Scoring").

    .venv/bin/python benchmarks/actors.py --kinds-gold benchmarks/gold/kinds/gold.tsv --eval ../shared/eval

Each set's documents are annotated and merged together; kind accuracy counts an unfound mention
wrong; variant pairs are pairs of one set's gold mentions whose texts differ (case aside).
Half A / half B: the parity of the first hex digit of the set name's SHA-1.
"""

from __future__ import annotations

import csv
import hashlib
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from texts import read_text

from storyline.annotate.actors import merge_actors
from storyline.annotate.mentions import find_mentions
from storyline.models import AnnotatedArticle, Article, Mention, PublishedDate


@dataclass(frozen=True)
class Row:
    set: str
    doc: str
    start: int
    end: int
    text: str
    kind: str
    actor: str


@dataclass(frozen=True)
class Judged:
    row: Row
    found: Mention | None
    kind: str | None  # the kind of the storyline actor the found mention belongs to


def read_gold(path: Path) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [
        Row(r["set"], r["doc"], int(r["start"]), int(r["end"]), r["text"], r["kind"], r["actor"])
        for r in rows
    ]


def half(set_name: str) -> str:
    return "A" if int(hashlib.sha1(set_name.encode()).hexdigest()[0], 16) % 2 == 0 else "B"


def _aligned(row: Row, found: Sequence[Mention]) -> Mention | None:
    holding = [m for m in found if m.start < row.end <= m.end]
    if holding:
        return holding[0]
    overlaps = [(min(row.end, m.end) - max(row.start, m.start), m) for m in found]
    best = max(overlaps, key=lambda pair: (pair[0], -pair[1].start), default=(0, None))
    return best[1] if best[0] > 0 else None


def judge_set(nlp: Any, root: Path, rows: Sequence[Row]) -> list[Judged]:
    docs = sorted({r.doc for r in rows})
    texts = [read_text(root, d) for d in docs]
    annotated = [
        AnnotatedArticle(Article(d, d, t, PublishedDate.unknown()), mentions=tuple(find_mentions(parsed, d)))
        for d, t, parsed in zip(docs, texts, nlp.pipe(texts), strict=True)
    ]
    actors, merged = merge_actors(annotated)
    kinds = {a.id: a.kind for a in actors}
    by_doc = {a.article.id: a.mentions for a in merged}
    judged = []
    for row in rows:
        found = _aligned(row, by_doc[row.doc])
        kind = kinds.get(found.actor_id) if found is not None and found.actor_id else None
        judged.append(Judged(row, found, kind))
    return judged


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def variant_pairs(judged: Sequence[Judged]) -> dict[str, Any]:
    tp = gold_pos = pred_pos = 0
    for i, a in enumerate(judged):
        for b in judged[i + 1 :]:
            if a.row.set != b.row.set or a.row.text.lower() == b.row.text.lower():
                continue
            same_gold = a.row.actor == b.row.actor
            same_ours = bool(
                a.found and b.found and a.found.actor_id and a.found.actor_id == b.found.actor_id
            )
            gold_pos += same_gold
            pred_pos += same_ours
            tp += same_gold and same_ours
    p, r = _ratio(tp, pred_pos), _ratio(tp, gold_pos)
    f1 = round(2 * p * r / (p + r), 4) if p and r else None
    return {"p": p, "r": r, "f1": f1, "gold_pairs": gold_pos, "predicted_pairs": pred_pos}


def summary(judged: Sequence[Judged]) -> dict[str, Any]:
    found = [j for j in judged if j.found is not None]
    right = sum(j.kind == j.row.kind for j in judged)
    return {
        "mentions": len(judged),
        "found": len(found),
        "kind_accuracy": _ratio(right, len(judged)),
        "kind_accuracy_found": _ratio(right, len(found)),
        "variant_merges": variant_pairs(judged),
    }


def errors(judged: Sequence[Judged]) -> list[str]:
    lines = []
    for j in judged:
        if j.kind != j.row.kind:
            got = f"{j.found.text!r} {j.kind}" if j.found is not None else "not found"
            lines.append(f"kind {j.row.set} {j.row.text!r} gold {j.row.kind}, storyline {got}")
    return lines


def variant_errors(judged: Sequence[Judged]) -> list[str]:
    """Distinct text pairs merged wrongly or missed, for reading (half A only)."""
    seen: set[str] = set()
    for i, a in enumerate(judged):
        for b in judged[i + 1 :]:
            if a.row.set != b.row.set or a.row.text.lower() == b.row.text.lower():
                continue
            same_gold = a.row.actor == b.row.actor
            same_ours = bool(
                a.found and b.found and a.found.actor_id and a.found.actor_id == b.found.actor_id
            )
            if same_gold != same_ours:
                seen.add(f"{'missed' if same_gold else 'wrong'} {a.row.set}: {a.row.text!r} / {b.row.text!r}")
    return sorted(seen)


def run(gold: Path, root: Path, nlp: Any) -> dict[str, Any]:
    by_set: dict[str, list[Row]] = defaultdict(list)
    for row in read_gold(gold):
        by_set[row.set].append(row)
    judged = {name: judge_set(nlp, root, rows) for name, rows in sorted(by_set.items())}
    halves = {h: [j for name, js in judged.items() if half(name) == h for j in js] for h in "AB"}
    every = [j for js in judged.values() for j in js]
    return {
        "gold": str(gold),
        "sets": {name: half(name) for name in judged},
        "half_A": summary(halves["A"]),
        "half_B": summary(halves["B"]),
        "all": summary(every),
        "kind_errors_half_A": errors(halves["A"]),
        "variant_errors_half_A": variant_errors(halves["A"]),
    }
