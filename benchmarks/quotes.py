"""Quote attribution quality on PolNeAR-layout data, storyline beside textacy's direct_quotations.

    .venv/bin/python benchmarks/quotes.py --data ../shared/eval/quotes/polnear/dev

Prints JSON: for each system, P/R/F1 of content, source and cue spans (exact and overlap) over all
attributions and over those whose cue is a verb of speech, with speed in articles per second.
How units are paired and counted is described in ``benchmarks/polnear.py``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from polnear import Counts, Document, Unit, load, score_document, speech_flags
from storyline.annotate.mentions import find_mentions
from storyline.annotate.nlp import load_nlp
from storyline.annotate.quotes import find_quotes

System = Callable[[Any], list[Unit]]


def storyline_units(doc: Any) -> list[Unit]:
    quotes = find_quotes(doc, "bench", find_mentions(doc, "bench"))
    return [
        Unit(
            (q.content.start, q.content.end),
            ((q.source.start, q.source.end),) if q.source else (),
            ((q.cue.start, q.cue.end),) if q.cue else (),
        )
        for q in quotes
    ]


def _token_range(tokens: Sequence[Any]) -> tuple[tuple[int, int], ...]:
    if not tokens:
        return ()
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    return ((first.idx, last.idx + len(last)),)


def textacy_units(doc: Any) -> list[Unit]:
    from textacy.extract.triples import direct_quotations

    units: list[Unit] = []
    try:
        triples = list(direct_quotations(doc))
    except ValueError:  # textacy refuses a text with an unclosed quotation: it finds nothing there
        return units
    for triple in triples:
        content = triple.content
        units.append(
            Unit(
                (content.start_char, content.end_char), _token_range(triple.speaker), _token_range(triple.cue)
            )
        )
    return units


def evaluate(docs: Sequence[Document], parsed: Sequence[Any], system: System) -> dict[str, Any]:
    """Scores of one system over parsed documents, and its extraction speed."""
    all_counts, speech_counts = Counts(), Counts()
    started = time.perf_counter()
    predictions = [system(doc) for doc in parsed]
    elapsed = time.perf_counter() - started
    for document, doc, pred in zip(docs, parsed, predictions, strict=True):
        keep_all = ([True] * len(document.gold), [True] * len(pred))
        score_document(all_counts, document.text, document.gold, pred, keep_all)
        keep_speech = (speech_flags(doc, document.gold), speech_flags(doc, pred))
        score_document(speech_counts, document.text, document.gold, pred, keep_speech)
    return {
        "all": all_counts.report(),
        "speech_verb": speech_counts.report(),
        "extract_seconds": round(elapsed, 3),
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


def run(
    data: Path, limit: int | None = None, baseline: bool = True, cache: Path | None = None
) -> dict[str, Any]:
    docs = load(data, limit)
    nlp = load_nlp()
    started = time.perf_counter()
    parsed = _parse(nlp, [d.text for d in docs], cache)
    parse_seconds = time.perf_counter() - started
    report: dict[str, Any] = {
        "data": str(data),
        "documents": len(docs),
        "parse_seconds": round(parse_seconds, 3),
    }
    systems: dict[str, System] = {"storyline": storyline_units}
    if baseline:
        systems["textacy.direct_quotations"] = textacy_units
    for name, system in systems.items():
        result = evaluate(docs, parsed, system)
        result["articles_per_second"] = round(len(docs) / (parse_seconds + result["extract_seconds"]), 2)
        report[name] = result
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, required=True, help="a folder with text/ and attributions/")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N texts")
    parser.add_argument("--no-baseline", action="store_true", help="skip textacy")
    parser.add_argument(
        "--cache",
        type=Path,
        default=None,
        help="a DocBin file to keep the parse in between runs (speed only)",
    )
    args = parser.parse_args(argv)
    print(json.dumps(run(args.data, args.limit, not args.no_baseline, args.cache), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
