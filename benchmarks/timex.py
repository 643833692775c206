"""Time-expression benchmark: storyline against HeidelTime on TimeML / MEANTIME folders.

    .venv/bin/python benchmarks/timex.py --data ../shared/eval/timex/tbaq
    .venv/bin/python benchmarks/timex.py --data ../shared/eval/timex/meantime --no-heideltime

Prints JSON: TempEval-3 relaxed/strict span P/R/F1, value F1 and type F1 for storyline and for
HeidelTime (English, news mode, each document's creation time), the time each took per document,
and document dating with the creation time hidden (storyline against the latest explicit date).
``--json FILE`` appends the headline figures to FILE (benchmarks/figures.py's schema).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from figures import Figure, write
from storyline.annotate.dating import infer_published
from storyline.annotate.nlp import load_nlp
from storyline.annotate.timex import find_times
from storyline.annotate.timex.finder import parse
from storyline.models import Article, PublishedDate
from timeml import GoldDoc, read_folder
from timex_score import Counts, Mention, score, total


def gold_mentions(doc: GoldDoc) -> list[Mention]:
    return [Mention(t.start, t.end, t.value, t.type) for t in doc.timexes]


def run_storyline(
    docs: Sequence[GoldDoc], full_parse: bool = False
) -> tuple[Counts, float, list[tuple[GoldDoc, Mention, Mention]]]:
    """Storyline's counts and wall time. By default only the sentences whose tense matters are
    parsed; ``full_parse`` parses every document whole first, as the product's annotator does."""
    parse("Warm the parser up.")  # the model loads once, outside the timed run
    started = time.perf_counter()
    if full_parse:
        nlp = load_nlp()
        parsed = nlp.pipe((d.text for d in docs), batch_size=16)
        found = [find_times(d.text, d.dct, doc=doc) for d, doc in zip(docs, parsed, strict=True)]
    else:
        found = [find_times(d.text, d.dct) for d in docs]
    seconds = time.perf_counter() - started
    counts: list[Counts] = []
    for doc, times in zip(docs, found, strict=True):
        system = [Mention(t.start, t.end, t.value, t.type) for t in times if doc.scored(t.start, t.end)]
        counts.append(score(system, gold_mentions(doc)))
    return total(counts), seconds, []


def run_heideltime(docs: Sequence[GoldDoc]) -> tuple[Counts, float]:
    import heideltime

    found, seconds = heideltime.run([d.text for d in docs], [d.dct for d in docs])
    counts = []
    for doc, mentions in zip(docs, found, strict=True):
        system = [Mention(s, e, v, t) for s, e, v, t in mentions if doc.scored(s, e)]
        counts.append(score(system, gold_mentions(doc)))
    return total(counts), seconds


_EXPLICIT = re.compile(
    r"\b(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?P<d>\d{1,2}),?\s+(?P<y>(?:19|20)\d\d)\b"
    r"|\b(?P<d2>\d{1,2})\s+(?P<mon2>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?\s+(?P<y2>(?:19|20)\d\d)\b"
    r"|\b(?P<y3>(?:19|20)\d\d)-(?P<m3>[01]\d)-(?P<d3>[0-3]\d)\b"
)
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def latest_explicit_date(text: str) -> date | None:
    """The baseline: the latest full date (with its year) written in the text."""
    days = []
    for m in _EXPLICIT.finditer(text):
        try:
            if m["y3"]:
                days.append(date(int(m["y3"]), int(m["m3"]), int(m["d3"])))
            else:
                month = _MONTHS.index((m["mon"] or m["mon2"]).lower()) + 1
                days.append(date(int(m["y"] or m["y2"]), month, int(m["d"] or m["d2"])))
        except ValueError:
            continue
    return max(days, default=None)


def hidden_text(doc: GoldDoc) -> str:
    """The text with the creation-time line blanked (same length, so nothing else moves)."""
    text = doc.text
    for start, end in doc.skip:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def run_dating(docs: Sequence[GoldDoc]) -> dict[str, dict[str, float | int]]:
    ours: list[date | None] = []
    base: list[date | None] = []
    for i, doc in enumerate(docs):
        text = hidden_text(doc)
        article = Article(id=str(i), origin=doc.name, text=text, published=PublishedDate.unknown())
        ours.append(infer_published(article).value)
        base.append(latest_explicit_date(text))
    truth = [d.dct for d in docs]
    return {"storyline": _dating_row(ours, truth), "latest_explicit_date": _dating_row(base, truth)}


def _dating_row(found: Sequence[date | None], truth: Sequence[date]) -> dict[str, float | int]:
    exact = sum(1 for f, t in zip(found, truth, strict=True) if f == t)
    near = sum(1 for f, t in zip(found, truth, strict=True) if f is not None and abs((f - t).days) <= 1)
    n = len(truth)
    dated = sum(1 for f in found if f is not None)
    return {"docs": n, "dated": dated, "exact": round(exact / n, 4), "within_1_day": round(near / n, 4)}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--data", type=Path, required=True, help="folder of .tml or MEANTIME .xml files")
    ap.add_argument("--no-heideltime", action="store_true", help="skip the HeidelTime baseline")
    ap.add_argument("--no-dating", action="store_true", help="skip document dating")
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents")
    ap.add_argument("--full-parse", action="store_true", help="parse each whole document with spaCy first")
    ap.add_argument("--part", choices=["even", "odd"], help="every other document, by file name")
    ap.add_argument("--json", type=Path, help="append the headline figures to this JSON file")
    args = ap.parse_args(argv)
    docs = read_folder(args.data)
    if args.part:
        docs = docs[(0 if args.part == "even" else 1) :: 2]
    if args.limit:
        docs = docs[: args.limit]
    if not docs:
        raise SystemExit(f"no .tml or MEANTIME .xml files under {args.data}")
    counts, seconds, _ = run_storyline(docs, args.full_parse)
    report: dict[str, object] = {"data": str(args.data), "docs": len(docs), "part": args.part or "all"}
    report["storyline"] = counts.report() | {"seconds_per_doc": round(seconds / len(docs), 5)}
    if not args.no_heideltime:
        h_counts, h_seconds = run_heideltime(docs)
        report["heideltime"] = h_counts.report() | {"seconds_per_doc": round(h_seconds / len(docs), 5)}
        report["speedup"] = round(h_seconds / seconds, 1) if seconds else None
    if not args.no_dating:
        report["dating"] = run_dating(docs)
    print(json.dumps(report, indent=2))
    if args.json:
        write(args.json, headline(report, data_label(args.data, args.part, len(docs))))
    return 0


def data_label(data: Path, part: str | None, docs: int) -> str:
    """The set measured, as figures name it: "timex/tbaq, odd half (128 docs)"."""
    half = f", {part} half" if part else ""
    return f"{data.parent.name}/{data.name}{half} ({docs} docs)"


SPAN_METRICS = {"relaxed_f1": "relaxed span F1", "strict_f1": "strict span F1", "value_f1": "value F1",
                "type_f1": "type F1", "seconds_per_doc": "seconds per document"}
DATING_METRICS = {"exact": "dating, creation time hidden: exact day",
                  "within_1_day": "dating, creation time hidden: within 1 day"}


def headline(report: dict[str, object], data: str) -> list[Figure]:
    """The headline figures of one run: span and value scores of each system, the speed-up over
    HeidelTime, and document dating against the latest-explicit-date baseline."""
    out = []
    for system in ("storyline", "heideltime"):
        scores = report.get(system)
        if isinstance(scores, dict):
            out += [Figure(system, data, name, float(scores[key])) for key, name in SPAN_METRICS.items()]
    if isinstance(report.get("speedup"), float):
        out.append(Figure("storyline", data, "speed-up over HeidelTime per document", report["speedup"]))
    dating = report.get("dating")
    for system, row in dating.items() if isinstance(dating, dict) else []:
        out += [Figure(system, data, name, float(row[key])) for key, name in DATING_METRICS.items()]
    return out


if __name__ == "__main__":
    raise SystemExit(main())
