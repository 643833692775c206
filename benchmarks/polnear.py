"""Read PolNeAR-layout attribution data (BRAT standoff) and score predicted attributions against it.

Layout: ``DIR/text/NAME.txt`` and ``DIR/attributions/NAME_ANNOTATOR.ann``. When two annotators
marked the same text, the first ``.ann`` in sorted order is the gold, so every text counts once.

Scoring unit: one contiguous content fragment (fragments separated by white space only are
joined first). A gold attribution whose content is split ("...,” he said. “...”) gives one gold
unit per fragment, each carrying the attribution's source and cue. Predicted units are one per
``Quote``. Units are paired one-to-one by content overlap (largest overlap first); source and cue
are then judged on the paired units only, so a source counts as right only when it is the source
of the right content.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Range = tuple[int, int]

# Verbs of speech and communication (by lemma). A gold or predicted attribution is "speech" when a
# token of its cue has one of these lemmas: the subset the targets are set on.
_SPEECH_LEMMAS_WORDS = """
    say tell add state claim announce explain note write report declare insist argue ask reply
    respond answer warn comment remark assert acknowledge admit recall mention stress emphasize
    emphasise contend maintain observe predict promise repeat reiterate testify tweet concede confirm
    deny allege complain vow pledge urge quip joke shout chant whisper suggest speak tout boast
    caution counter retort lament muse exclaim proclaim brag scoff add"""
SPEECH_LEMMAS = frozenset(_SPEECH_LEMMAS_WORDS.split())


@dataclass(frozen=True)
class Unit:
    """One attribution as scored: a content fragment with its attribution's source and cue."""

    content: Range
    source: tuple[Range, ...] = ()
    cue: tuple[Range, ...] = ()


@dataclass
class Document:
    name: str
    text: str
    gold: list[Unit] = field(default_factory=list)


def _ranges(spec: str) -> tuple[Range, ...]:
    pieces = (piece.split() for piece in spec.split(";"))
    return tuple((int(a), int(b)) for a, b in pieces)


def _joined(text: str, ranges: tuple[Range, ...]) -> tuple[Range, ...]:
    """Fragments separated only by white space are one stretch of text (annotators split sentences)."""
    out: list[Range] = []
    for start, end in sorted(ranges):
        if out and not text[out[-1][1] : start].strip():
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return tuple(out)


def _read_ann(path: Path, text: str) -> list[Unit]:
    spans: dict[str, tuple[str, tuple[Range, ...]]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, spec = parts[1].split(" ", 1)
            spans[parts[0]] = (label, _joined(text, _ranges(spec)))
        elif line.startswith("E") and len(parts) >= 2:
            args = (arg.split(":", 1) for arg in parts[1].split()[1:])
            events.append({role: ref for role, ref in args})
    units: list[Unit] = []
    for event in events:
        source = spans[event["Source"]][1] if "Source" in event else ()
        cue = spans[event["Cue"]][1] if "Cue" in event else ()
        for fragment in spans[event["Content"]][1] if "Content" in event else ():
            units.append(Unit(fragment, source, cue))
    return units


def _text_for(ann: Path, text_dir: Path) -> Path | None:
    stem = ann.stem
    candidates = [stem, stem.rsplit("_", 1)[0]]
    return next((text_dir / f"{c}.txt" for c in candidates if (text_dir / f"{c}.txt").exists()), None)


def load(data: Path, limit: int | None = None) -> list[Document]:
    """The documents of a PolNeAR-layout folder, each with its gold units, in name order."""
    docs: dict[str, Document] = {}
    for ann in sorted((data / "attributions").glob("*.ann")):
        text_path = _text_for(ann, data / "text")
        if text_path is None or text_path.stem in docs:
            continue
        text = text_path.read_text(encoding="utf-8")
        docs[text_path.stem] = Document(text_path.stem, text, _read_ann(ann, text))
        if limit is not None and len(docs) >= limit:
            break
    return list(docs.values())


def _trim(text: str, span: Range) -> Range:
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _overlap(a: Range, b: Range) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def pair(gold: Sequence[Unit], pred: Sequence[Unit]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index) by content overlap, largest overlap first."""
    candidates = sorted(
        ((_overlap(g.content, p.content), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for size, gi, pi in candidates:
        if size > 0 and gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return pairs


def _same(text: str, gold: tuple[Range, ...], pred: tuple[Range, ...], exact: bool) -> bool:
    if not gold or not pred:
        return False
    p = _trim(text, (pred[0][0], pred[-1][1]))
    whole = _trim(text, (gold[0][0], gold[-1][1]))
    if exact:
        return p == whole or any(p == _trim(text, g) for g in gold)
    return any(_overlap(p, g) > 0 for g in gold)


def _exact_pairs(text: str, gold: Sequence[Unit], pred: Sequence[Unit]) -> list[tuple[int, int]]:
    """One-to-one pairs whose content spans are identical (up to surrounding white space)."""
    by_span: dict[Range, list[int]] = {}
    for gi, g in enumerate(gold):
        by_span.setdefault(_trim(text, g.content), []).append(gi)
    pairs: list[tuple[int, int]] = []
    for pi, p in enumerate(pred):
        waiting = by_span.get(_trim(text, p.content))
        if waiting:
            pairs.append((waiting.pop(0), pi))
    return pairs


class Counts:
    """Matches and denominators per (role, mode); recall and precision keep their own matches,
    since on a subset a gold unit of the subset may pair with a predicted unit outside it."""

    def __init__(self) -> None:
        self.hit_gold: dict[str, int] = {}
        self.hit_pred: dict[str, int] = {}
        self.gold: dict[str, int] = {}
        self.pred: dict[str, int] = {}

    def add(self, key: str, hits: tuple[int, int], gold: int, pred: int) -> None:
        for table, value in (
            (self.hit_gold, hits[0]),
            (self.hit_pred, hits[1]),
            (self.gold, gold),
            (self.pred, pred),
        ):
            table[key] = table.get(key, 0) + value

    def report(self) -> dict[str, dict[str, float]]:
        out: dict[str, dict[str, float]] = {}
        for key in sorted(self.gold):
            g, p = self.gold[key], self.pred[key]
            precision = self.hit_pred[key] / p if p else 0.0
            recall = self.hit_gold[key] / g if g else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            out[key] = {
                "p": round(precision, 4),
                "r": round(recall, 4),
                "f1": round(f1, 4),
                "gold": g,
                "pred": p,
            }
        return out


def _hits(right: Iterable[tuple[int, int]], kg: Sequence[bool], kp: Sequence[bool]) -> tuple[int, int]:
    pairs = list(right)
    return sum(1 for g, _ in pairs if kg[g]), sum(1 for _, p in pairs if kp[p])


def score_document(
    counts: Counts,
    text: str,
    gold: Sequence[Unit],
    pred: Sequence[Unit],
    keep: tuple[Sequence[bool], Sequence[bool]],
) -> None:
    """Add one document's figures to ``counts``, over the gold and predicted units kept by ``keep``."""
    kg, kp = keep
    pairs = pair(gold, pred)
    counts.add("content.overlap", _hits(pairs, kg, kp), sum(kg), sum(kp))
    counts.add("content.exact", _hits(_exact_pairs(text, gold, pred), kg, kp), sum(kg), sum(kp))
    for role in ("source", "cue"):
        gold_n = sum(1 for i, u in enumerate(gold) if kg[i] and getattr(u, role))
        pred_n = sum(1 for i, u in enumerate(pred) if kp[i] and getattr(u, role))
        for mode in ("exact", "overlap"):
            right = (
                (g, p)
                for g, p in pairs
                if _same(text, getattr(gold[g], role), getattr(pred[p], role), mode == "exact")
            )
            counts.add(f"{role}.{mode}", _hits(right, kg, kp), gold_n, pred_n)


def speech_flags(doc: Any, units: Sequence[Unit]) -> list[bool]:
    """For each unit, whether its cue holds a verb of speech (by the spaCy lemma in ``doc``)."""
    flags = []
    for unit in units:
        lemmas = {
            tok.lemma_.lower()
            for start, end in unit.cue
            if (span := doc.char_span(start, end, alignment_mode="expand")) is not None
            for tok in span
        }
        flags.append(bool(lemmas & SPEECH_LEMMAS))
    return flags


_WORD = re.compile(r"\w")


def nonempty(text: str, span: Range) -> bool:
    return bool(_WORD.search(text[span[0] : span[1]]))
