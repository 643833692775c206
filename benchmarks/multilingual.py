"""Stories across languages (issue 20) on MEANTIME: the same 120 WikiNews articles in en, es, it, nl.

    .venv/bin/python benchmarks/multilingual.py --json /tmp/figures.json --report /tmp/multilingual.json
    .venv/bin/python benchmarks/multilingual.py --corpus airbus --detect-only

Three figures:

1. **Detection**: py3langid (through ``storyline.extract.language``) on every document (title and
   text), the share given its folder's language (target 0.99); and on single sentences, where the
   too-short and unsure abstentions matter: the share answered and the share right among those
   answered, on the even-numbered documents (where ``MIN_LETTERS`` and ``MIN_CONFIDENCE`` are chosen
   with ``--fit``) and the odd-numbered ones (reported).
2. **Translation groups**: the articles of all languages briefed together, as JSON records with the
   English date line as their ``published`` date and an outlet per language; B-cubed F1 of storyline's
   stories (and events) against the groups of one document's four versions, and how many translations
   share a story with their English original.
3. **Corpus mixing**: how many stories hold articles of more than one of the four topic corpora, and the
   B-cubed F1 of the stories against the corpora.

The documents come from ``meantime.conll`` (``#begin document (corpus_X/ID)``; sentence 0 is the title,
sentence 1 the date line, the rest the body), tokens joined back with the spacing of ordinary text.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import dateparser

sys.path.insert(0, str(Path(__file__).resolve().parent))  # figures.py, when loaded by path

import storyline
from cluster_scoring import bcubed
from figures import Figure, write
from storyline.extract import language as lang

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "multilingual" / "meantime"
LANGUAGES = ("en", "es", "it", "nl")
_BEGIN = re.compile(r"#begin document \((corpus_[^/]+)/(\d+)\)")
_NO_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}»”’]|'s\b|n't\b)")
_NO_SPACE_AFTER = re.compile(r"([(\[{«“$]) ")
_ELISION = re.compile(r"\b([A-Za-z]+[’']) (?=\w)")  # Italian "l' appalto" → "l'appalto"


@dataclass(frozen=True)
class Doc:
    language: str
    corpus: str
    doc_id: str
    title: str
    date_line: str
    sentences: tuple[str, ...]

    @property
    def group(self) -> str:
        return f"{self.corpus}/{self.doc_id}"

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


def detokenize(tokens: Sequence[str]) -> str:
    text = " ".join(tokens)
    text = _NO_SPACE_BEFORE.sub(r"\1", text)
    text = _NO_SPACE_AFTER.sub(r"\1", text)
    return _ELISION.sub(r"\1", text)


def read_conll(path: Path) -> Iterator[tuple[str, str, list[str]]]:
    """(corpus, doc id, sentences) for every document of a MEANTIME ``meantime.conll``."""
    current: tuple[str, str] | None = None
    sentences: dict[int, list[str]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        begin = _BEGIN.match(line)
        if begin:
            if current:
                yield *current, [detokenize(sentences[k]) for k in sorted(sentences)]
            current, sentences = (begin[1], begin[2]), defaultdict(list)
            continue
        parts = line.split("\t")
        if current and len(parts) >= 4 and not line.startswith("#"):
            sentences[int(parts[1])].append(parts[3])
    if current:
        yield *current, [detokenize(sentences[k]) for k in sorted(sentences)]


def read_docs(root: Path, corpora: Sequence[str] | None = None) -> list[Doc]:
    docs = []
    for code in LANGUAGES:
        path = root / code / "meantime.conll"
        if not path.is_file():
            sys.exit(f"missing {path}: put ../shared beside the clone")
        for corpus, doc_id, sentences in read_conll(path):
            if corpora and corpus.removeprefix("corpus_") not in corpora:
                continue
            docs.append(Doc(code, corpus, doc_id, sentences[0], sentences[1], tuple(sentences[2:])))
    return docs


def even(doc: Doc) -> bool:
    return int(doc.doc_id) % 2 == 0


# --- 1. detection ---------------------------------------------------------------------------------


def document_detection(docs: Sequence[Doc]) -> dict[str, Any]:
    right: Counter[str] = Counter()
    wrong: list[str] = []
    for doc in docs:
        found = lang.detect_language(f"{doc.title}\n\n{doc.text}")
        if found.code == doc.language:
            right[doc.language] += 1
        else:
            wrong.append(f"{doc.language} {doc.group}: {found}")
    total = Counter(d.language for d in docs)
    per = {code: round(right[code] / total[code], 4) for code in total}
    return {"rate": round(sum(right.values()) / len(docs), 4), "per_language": per, "wrong": wrong}


def sentence_scores(docs: Sequence[Doc]) -> list[tuple[str, int, str, float]]:
    """(true language, letters, detected code, probability) for every title and body sentence."""
    rows = []
    ident = lang.identifier()
    for doc in docs:
        for sentence in (doc.title, *doc.sentences):
            letters = sum(ch.isalpha() for ch in sentence)
            code, prob = ident.classify(sentence)
            rows.append((doc.language, letters, str(code), float(prob)))
    return rows


def abstaining(
    rows: Sequence[tuple[str, int, str, float]], min_letters: int, min_conf: float
) -> dict[str, float]:
    answered = [r for r in rows if r[1] >= min_letters and r[3] >= min_conf]
    right = sum(r[0] == r[2] for r in answered)
    return {
        "sentences": len(rows),
        "answered": round(len(answered) / len(rows), 4) if rows else 0.0,
        "right_of_answered": round(right / len(answered), 4) if answered else 0.0,
        "right_of_all": round(right / len(rows), 4) if rows else 0.0,
    }


def fit(rows: Sequence[tuple[str, int, str, float]], target: float = 0.995) -> tuple[int, float]:
    """The abstention that answers most sentences while keeping ``target`` of its answers right (at
    most 1 wrong in 200); among equals, the stricter one (it abstains where that costs no answer)."""
    best: tuple[float, int, float] | None = None
    for letters in (0, 5, 10, 15, 20, 30, 40):
        for conf in (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 0.9):
            got = abstaining(rows, letters, conf)
            if got["right_of_answered"] >= target and (
                best is None or (got["answered"], letters, conf) > best
            ):
                best = (got["answered"], letters, conf)
    return (best[1], best[2]) if best else (lang.MIN_LETTERS, lang.MIN_CONFIDENCE)


# --- 2 and 3. briefing all languages together -----------------------------------------------------


def english_dates(docs: Sequence[Doc]) -> dict[str, str]:
    dates = {}
    for doc in docs:
        if doc.language == "en":
            parsed = dateparser.parse(doc.date_line, languages=["en"])
            if parsed is not None:
                dates[doc.group] = parsed.date().isoformat()
    return dates


def brief_together(docs: Sequence[Doc], workers: int) -> tuple[storyline.Brief, float]:
    dates = english_dates(docs)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "meantime.jsonl"
        records = [
            {
                "title": d.title,
                "text": d.text,
                "outlet": f"Wikinews ({d.language})",
                "published": dates.get(d.group),
            }
            for d in docs
        ]
        path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
        start = time.perf_counter()
        brief = storyline.brief([path], workers=workers)
        return brief, time.perf_counter() - start


def index_of(origin: str) -> int:
    return int(origin.rsplit("#", 1)[1])


def grouping(docs: Sequence[Doc], brief: storyline.Brief) -> dict[str, Any]:
    story_of: dict[str, str] = {}
    event_of: dict[str, str] = {}
    for story in brief.stories:
        ids = {s.article_id: index_of(s.origin) for s in story.sources}
        for index in ids.values():
            story_of[str(index)] = story.story_id
        for event in story.events:
            for article_id in event.article_ids:
                if article_id in ids:
                    event_of[str(ids[article_id])] = event.id
    items = [str(i) for i in range(len(docs))]
    missing = [i for i in items if i not in story_of]
    for i in missing:  # dropped articles count as alone
        story_of[i] = event_of[i] = f"alone-{i}"
    for i in items:
        event_of.setdefault(i, f"no-event-{i}")
    groups = {str(n): d.group for n, d in enumerate(docs)}
    corpora = {str(n): d.corpus for n, d in enumerate(docs)}
    english_story = {d.group: story_of[str(n)] for n, d in enumerate(docs) if d.language == "en"}
    with_original: Counter[str] = Counter()
    translations: Counter[str] = Counter()
    for n, d in enumerate(docs):
        if d.language != "en" and d.group in english_story:
            translations[d.language] += 1
            with_original[d.language] += story_of[str(n)] == english_story[d.group]
    mixing = [
        s.story_id for s in brief.stories if len({corpora[str(index_of(x.origin))] for x in s.sources}) > 1
    ]
    language_mix = Counter(len({docs[index_of(x.origin)].language for x in s.sources}) for s in brief.stories)
    return {
        "articles": len(docs),
        "dropped": len(missing),
        "stories": len(brief.stories),
        "stories_by_number_of_languages": dict(sorted(language_mix.items())),
        "translation_groups_story_bcubed": asdict(bcubed(groups, story_of)),
        "translation_groups_event_bcubed": asdict(bcubed(groups, event_of)),
        "translation_with_english_original": {
            code: round(with_original[code] / translations[code], 4) for code in sorted(translations)
        },
        "stories_mixing_corpora": len(mixing),
        "corpus_story_bcubed": asdict(bcubed(corpora, story_of)),
    }


def stamp() -> str:
    """The commit measured, and the uncommitted files under src/ of a shared working tree."""
    root = Path(__file__).resolve().parents[1]
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--short", "src"], cwd=root, capture_output=True, text=True)
    changed = [line[3:] for line in dirty.stdout.splitlines()]
    return head.stdout.strip() + (f" with uncommitted {', '.join(changed)}" if changed else "")


def headline(out: dict[str, Any]) -> list[Figure]:
    """The figures ``make bench`` gathers (benchmarks/figures.py's rows)."""
    data = f"MEANTIME en/es/it/nl ({out['documents']} documents)"
    found = [
        Figure("storyline", data, "language detected right (documents)", out["document_detection"]["rate"])
    ]
    odd = out["sentence_abstention"]["odd"]["with_abstention"]
    found.append(
        Figure(
            "storyline",
            data + ", odd half",
            "language right of answered (sentences)",
            odd["right_of_answered"],
        )
    )
    grouping = out.get("grouping")
    if grouping:
        found += [
            Figure(
                "storyline",
                data,
                "translation groups vs stories B-cubed F1",
                grouping["translation_groups_story_bcubed"]["f1"],
            ),
            Figure(
                "storyline",
                data,
                "translation groups vs events B-cubed F1",
                grouping["translation_groups_event_bcubed"]["f1"],
            ),
            Figure("storyline", data, "stories mixing topic corpora", grouping["stories_mixing_corpora"]),
        ]
        for code, share in grouping["translation_with_english_original"].items():
            found.append(
                Figure("storyline", data, f"{code} translations in their English original's story", share)
            )
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--corpus", action="append", help="airbus, apple, gm_chrysler_ford, stock_market")
    parser.add_argument("--detect-only", action="store_true", help="skip briefing the articles together")
    parser.add_argument("--fit", action="store_true", help="choose the abstention on the even documents")
    parser.add_argument("--workers", type=int, default=1, help="worker processes for the brief (default 1)")
    parser.add_argument(
        "--json", type=Path, help="append the headline figures to this JSON file (figures.py rows)"
    )
    parser.add_argument("--report", type=Path, help="write every figure and the misread documents here")
    args = parser.parse_args(argv)
    docs = read_docs(args.data, args.corpus)
    out: dict[str, Any] = {
        "storyline": stamp(),
        "documents": len(docs),
        "corpora": sorted({d.corpus for d in docs}),
    }
    out["document_detection"] = document_detection(docs)
    print(f"documents: {len(docs)}; language detected right: {out['document_detection']['rate']}", flush=True)
    print("  per language:", out["document_detection"]["per_language"])
    for line in out["document_detection"]["wrong"]:
        print("  wrong:", line)
    rows_even = sentence_scores([d for d in docs if even(d)])
    rows_odd = sentence_scores([d for d in docs if not even(d)])
    letters, conf = fit(rows_even) if args.fit else (lang.MIN_LETTERS, lang.MIN_CONFIDENCE)
    out["sentence_abstention"] = {"min_letters": letters, "min_confidence": conf, "fitted": args.fit}
    for name, rows in (("even (chosen on)", rows_even), ("odd (reported)", rows_odd)):
        got = abstaining(rows, letters, conf)
        bare = abstaining(rows, 0, 0.0)
        out["sentence_abstention"][name.split()[0]] = {"with_abstention": got, "always_answer": bare}
        print(f"sentences {name}: letters>={letters}, p>={conf}: {got}; always answering: {bare}")
    if not args.detect_only:
        brief, seconds = brief_together(docs, args.workers)
        out["brief_seconds"] = round(seconds, 1)
        out["grouping"] = grouping(docs, brief)
        print(f"briefed {len(docs)} articles together in {seconds:.0f} s")
        for key, value in out["grouping"].items():
            print(f"  {key}: {value}")
    if args.report:
        args.report.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.json:
        write(args.json, headline(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
