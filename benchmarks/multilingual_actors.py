"""Actors across languages (issue 20) on MEANTIME: storyline's actor clusters against the entity chains
that the English, Spanish and Dutch versions of the same 120 WikiNews articles share.

    nice .venv/bin/python benchmarks/multilingual_actors.py --cache /tmp/mla.pickle --report /tmp/mla.json

**Product path.** The articles of the chosen languages (default en, es, nl: 360) are written as one
JSON Lines file, the way ``benchmarks/multilingual.py`` briefs them (title, body, the English date
line as ``published``, outlet "Wikinews (xx)"), and added with ``storyline.ingest`` to a store of
their own (extraction, language detection, annotation and the run's actor merge); each stored
article is read back with ``storyline.article`` and the stored articles, in the store's order, are
merged by ``annotate.actors.merge_actors``, as ``pipeline.run.update_stories`` merges them.
``--cache`` keeps the stored articles between runs (the actor merge is run afresh every time).
``--per-story`` merges each story's articles on their own instead, as a run that composes each story
with its own actors does.

**Gold.** ``{lang}/entities_mentions.json``: every entity mention (person, organisation, location,
product, financial; not the ``OTH`` event chains of Dutch) with its sentence, tokens, head token and
chain. The chain's number (``ORG37154720130514282`` of ``cross_intra_ORG37154720130514282``) is the
entity, the same in every language. Only body sentences count (sentence 0 is the title, 1 the date
line; neither is in the article's text). Tokens are placed in the text by joining each sentence's
tokens as ``benchmarks/multilingual.py`` does and finding each token in turn.

**Alignment.** A storyline mention is scored when its span holds the head token of a gold entity
mention of its article; when it holds several, the gold mention sharing the most characters with it
(then the shorter) is its match. Mentions that hold no gold head (names the annotators did not mark,
or NER spans that cut a name before its head) are not scored, nor are gold mentions storyline did not
find (most gold mentions are pronouns and descriptions, which storyline never names): this scores how
the mentions storyline finds are grouped, not how many it finds (``found`` in the report says how
many are scored per language).

**Scores.** B-cubed P / R / F1 of actors against chains over the scored mentions of en+es+nl, of each
language pair (en-es, en-nl, es-nl: the mentions of both languages), of each language alone, and
pairwise P / R / F1 over pairs of mentions in two different languages only. Each on the documents of
even MEANTIME number (where constants are chosen), the odd ones (reported) and all.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # sibling harnesses, when loaded by path

import storyline
from actors import bcubed, pairwise
from figures import Figure, write
from multilingual import _BEGIN, DEFAULT_DATA, Doc, detokenize, english_dates, read_docs, write_feed
from storyline.annotate.actors import merge_actors
from storyline.models import AnnotatedArticle

LANGUAGES = ("en", "es", "nl")
ENTITY_TYPES = frozenset({"PER", "ORG", "LOC", "PRO", "FIN"})
_CHAIN = re.compile(r"^(?:cross_intra_|cross_|intra_)")


@dataclass(frozen=True)
class GoldMention:
    start: int  # character offsets in the document's body text
    end: int
    head_start: int
    head_end: int
    chain: str
    text: str


def read_tokens(path: Path) -> dict[str, dict[int, list[str]]]:
    """Each document's tokens by sentence number ("corpus_airbus/100911" → {0: [...], ...})."""
    found: dict[str, dict[int, list[str]]] = {}
    current: dict[int, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        begin = _BEGIN.match(line)
        if begin:
            current = found.setdefault(f"{begin[1]}/{begin[2]}", defaultdict(list))
            continue
        parts = line.split("\t")
        if len(parts) >= 4 and not line.startswith("#"):
            current[int(parts[1])].append(parts[3])
    return found


def token_offsets(sentences: dict[int, list[str]]) -> dict[tuple[int, int], tuple[int, int]]:
    """(sentence, token) → character offsets in the body text (sentences 2 onwards joined by spaces,
    each detokenized as ``multilingual.Doc.text`` is)."""
    offsets: dict[tuple[int, int], tuple[int, int]] = {}
    base = 0
    for number in sorted(n for n in sentences if n >= 2):
        sentence = detokenize(sentences[number])
        cursor = 0
        for index, token in enumerate(sentences[number]):
            at = sentence.index(token, cursor)
            offsets[(number, index)] = (base + at, base + at + len(token))
            cursor = at + len(token)
        base += len(sentence) + 1
    return offsets


def _head(item: dict[str, Any], sentence: list[str]) -> int:
    """The gold mention's head token: the one the file names, unless it lies outside the mention (its
    number is wrong in 758 of 7378 mentions: 384 en, 93 es, 281 nl), then the token of the mention
    with the head's text, else the mention's last token."""
    span = [int(t) for t in item["tokens_number"]]
    if int(item["mention_head_id"]) in span:
        return int(item["mention_head_id"])
    same = [t for t in span if sentence[t] == item["mention_head"]]
    return same[0] if same else span[-1]


def read_gold(root: Path, code: str) -> dict[str, list[GoldMention]]:
    """The body's gold entity mentions of each document of one language."""
    tokens = read_tokens(root / code / "meantime.conll")
    offsets = {doc: token_offsets(sentences) for doc, sentences in tokens.items()}
    found: dict[str, list[GoldMention]] = defaultdict(list)
    for item in json.loads((root / code / "entities_mentions.json").read_text(encoding="utf-8")):
        doc, sent = item["conll_doc_key"], int(item["sent_id"])
        if item["mention_type"] not in ENTITY_TYPES or sent < 2:
            continue
        spans = [offsets[doc][(sent, t)] for t in item["tokens_number"]]
        head = offsets[doc][(sent, _head(item, tokens[doc][sent]))]
        chain = _CHAIN.sub("", item["coref_chain"])
        found[doc].append(GoldMention(spans[0][0], spans[-1][1], *head, chain, item["tokens_str"]))
    return found


# --- the product path ---------------------------------------------------------------------------------


Stored = tuple[list[AnnotatedArticle | None], list[list[str]]]


def _ingest(docs: Sequence[Doc], dates: dict[str, str], workers: int) -> Stored:
    """Each document as the store keeps it after ``storyline.ingest`` (None when dropped), and the
    article ids of each story the run made."""
    with tempfile.TemporaryDirectory() as tmp:
        path, db = Path(tmp) / "meantime.jsonl", str(Path(tmp) / "store.db")
        write_feed(docs, path, dates)
        result = storyline.ingest([path], db=db, workers=workers)
        found: list[AnnotatedArticle | None] = [None] * len(docs)
        for article_id in result.article_ids:
            stored = storyline.article(article_id, db=db)
            if stored is not None:
                found[int(stored.article.origin.rsplit("#", 1)[1])] = stored
        stories = [[source.article_id for source in story.sources] for story in result.stories]
        return found, stories


def annotated(docs: Sequence[Doc], dates: dict[str, str], cache: Path | None, workers: int) -> Stored:
    """The stored articles and stories, from ``cache`` when it holds these very documents."""
    digest = hashlib.sha1("\n".join(f"{d.language}{d.title}{d.text}" for d in docs).encode()).hexdigest()
    if cache is not None and cache.exists():
        kept = pickle.loads(cache.read_bytes())
        if kept.get("digest") == digest and "stories" in kept:
            return list(kept["articles"]), list(kept["stories"])
    found, stories = _ingest(docs, dates, workers)
    if cache is not None:
        cache.write_bytes(pickle.dumps({"digest": digest, "articles": found, "stories": stories}))
    return found, stories


def merged(
    found: Sequence[AnnotatedArticle | None], stories: Sequence[Sequence[str]] | None
) -> dict[str, Any]:
    """The articles after the actor merge, by article id: all stored articles merged at once in the
    store's order (``pipeline/run.py``'s ``update_stories``), or each story's articles on their own
    (``stories``), as a run that merges per story does; actor ids come from names, so one actor
    named alike in two stories keeps one id."""
    stored = sorted((a for a in found if a is not None), key=lambda a: a.article.id)
    parts = [stored] if stories is None else [[a for a in stored if a.article.id in set(s)] for s in stories]
    after: dict[str, Any] = {}
    for part in parts:
        after.update({a.article.id: a for a in merge_actors(part)[1]})
    return after


# --- alignment and scores -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    language: str
    doc: str  # corpus/number
    text: str
    chain: str
    actor: str
    gold_text: str


def _shift(article_text: str, doc: Doc) -> list[tuple[int, int]]:
    """(start in our body text, start in the stored text) of each sentence, found in turn."""
    pairs, ours, cursor = [], 0, 0
    for sentence in doc.sentences:
        at = article_text.find(sentence, cursor)
        if at >= 0:
            pairs.append((ours, at))
            cursor = at + len(sentence)
        ours += len(sentence) + 1
    return pairs


def _in_stored(offset: int, doc: Doc, shifts: list[tuple[int, int]]) -> int | None:
    for (ours, theirs), sentence in zip(shifts, doc.sentences, strict=False):
        if ours <= offset <= ours + len(sentence):
            return theirs + offset - ours
    return None


def align(doc: Doc, article: AnnotatedArticle, gold: Sequence[GoldMention]) -> list[Row]:
    """One row per storyline mention that holds a gold mention's head (module docstring)."""
    shifts = [(o, t) for o, t in _shift(article.article.text, doc)]
    placed = []
    for g in gold:
        spans = [_in_stored(x, doc, shifts) for x in (g.start, g.end, g.head_start, g.head_end)]
        if all(s is not None for s in spans):
            placed.append((g, *spans))
    rows = []
    for mention in article.mentions:
        if mention.actor_id is None:
            continue
        held = [
            (min(mention.end, end) - max(mention.start, start), -(end - start), g)
            for g, start, end, head_start, head_end in placed
            if mention.start <= head_start and head_end <= mention.end
        ]
        if held:
            g = max(held, key=lambda h: (h[0], h[1], h[2].chain))[2]
            rows.append(Row(doc.language, doc.group, mention.text, g.chain, mention.actor_id, g.text))
    return rows


def cross_language_pairwise(rows: Sequence[Row]) -> dict[str, float]:
    """Pairwise P / R / F1 over pairs of scored mentions in two different languages."""
    def pairs(label: Any) -> int:
        total = Counter(label(r) for r in rows)
        inside = Counter((label(r), r.language) for r in rows)
        return sum(n * (n - 1) // 2 for n in total.values()) - sum(n * (n - 1) // 2 for n in inside.values())

    together = pairs(lambda r: (r.chain, r.actor))
    gold, ours = pairs(lambda r: r.chain), pairs(lambda r: r.actor)
    p = together / ours if ours else 0.0
    r = together / gold if gold else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def scores(rows: Sequence[Row], languages: Sequence[str]) -> dict[str, Any]:
    out: dict[str, Any] = {"found": dict(sorted(Counter(r.language for r in rows).items()))}
    sets: list[tuple[str, Sequence[str]]] = [("+".join(languages), languages)]
    sets += [(f"{a}-{b}", (a, b)) for a, b in combinations(languages, 2)]
    sets += [(code, (code,)) for code in languages]
    for name, codes in sets:
        chosen = [r for r in rows if r.language in codes]
        if not chosen:
            continue
        gold: list[Hashable] = [r.chain for r in chosen]
        ours: list[Hashable] = [r.actor for r in chosen]
        out[name] = {"bcubed": bcubed(gold, ours), "pairwise": pairwise(gold, ours)}
        if len(codes) > 1:
            out[name]["cross_language_pairwise"] = cross_language_pairwise(chosen)
    return out


def errors(rows: Sequence[Row], limit: int) -> list[str]:
    """The largest wrong joins (one actor over several chains) and splits (one chain over actors)."""
    lines = []
    for field, other, what in (("actor", "chain", "joined"), ("chain", "actor", "split")):
        groups: dict[str, list[Row]] = defaultdict(list)
        for r in rows:
            groups[getattr(r, field)].append(r)
        ranked = []
        for label, members in groups.items():
            parts = Counter(getattr(m, other) for m in members)
            if len(parts) > 1:
                names = defaultdict(Counter)
                for m in members:
                    names[getattr(m, other)][f"{m.text} ({m.language})"] += 1
                shown = " | ".join(
                    ", ".join(n for n, _ in names[p].most_common(4)) for p, _ in parts.most_common(4)
                )
                ranked.append((len(members) - parts.most_common(1)[0][1], f"{what} {label[:18]}: {shown}"))
        lines += [text for _, text in sorted(ranked, key=lambda x: (-x[0], x[1]))[:limit]]
    return lines


def run(
    root: Path,
    languages: Sequence[str],
    cache: Path | None,
    workers: int,
    shown: int,
    per_story: bool = False,
) -> dict[str, Any]:
    every = read_docs(root, None)
    docs = [d for d in every if d.language in languages]
    started = time.perf_counter()
    found, stories = annotated(docs, english_dates(every), cache, workers)
    ingest_seconds = time.perf_counter() - started
    started = time.perf_counter()
    after = merged(found, stories if per_story else None)
    merge_seconds = time.perf_counter() - started
    gold = {code: read_gold(root, code) for code in languages}
    rows: list[Row] = []
    for doc, article in zip(docs, found, strict=True):
        if article is not None:
            rows += align(doc, after[article.article.id], gold[doc.language].get(doc.group, []))
    halves = {
        "even": [r for r in rows if int(r.doc.rsplit("/", 1)[1]) % 2 == 0],
        "odd": [r for r in rows if int(r.doc.rsplit("/", 1)[1]) % 2 == 1],
        "all": rows,
    }
    return {
        "merged": "per story" if per_story else "all stored articles at once",
        "stories": len(stories),
        "documents": len(docs),
        "dropped": sum(a is None for a in found),
        "ingest_seconds": round(ingest_seconds, 1),
        "merge_seconds": round(merge_seconds, 2),
        "halves": {name: scores(part, languages) for name, part in halves.items()},
        "errors_even_half": errors(halves["even"], shown),
    }


def headline(out: dict[str, Any], languages: Sequence[str]) -> list[Figure]:
    figures = []
    for half in ("odd", "even"):
        how = ", merged per story" if out["merged"] == "per story" else ""
        data = f"MEANTIME {'+'.join(languages)} actors{how}, {half} half"
        part = out["halves"][half]
        names = ["+".join(languages), *(f"{a}-{b}" for a, b in combinations(languages, 2))]
        for name in names:
            if name in part:
                f1 = part[name]["bcubed"]["f1"]
                figures.append(Figure("storyline", data, f"{name} actor B-cubed F1", f1))
        if "+".join(languages) in part:
            cross = part["+".join(languages)]["cross_language_pairwise"]["f1"]
            figures.append(Figure("storyline", data, "cross-language pairwise F1", cross))
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--languages", nargs="+", default=list(LANGUAGES))
    parser.add_argument("--cache", type=Path, help="keep the stored articles here between runs (speed only)")
    parser.add_argument("--workers", type=int, default=1, help="worker processes for the ingest (default 1)")
    parser.add_argument("--per-story", action="store_true", help="merge each story's articles on their own")
    parser.add_argument("--errors", type=int, default=12, help="wrong joins and splits shown (even half)")
    parser.add_argument("--json", type=Path, help="append the headline figures here (figures.py rows)")
    parser.add_argument("--report", type=Path, help="write every figure here")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"no such folder: {args.data}", file=sys.stderr)
        return 2
    out = run(args.data, args.languages, args.cache, args.workers, args.errors, args.per_story)
    for half, part in out["halves"].items():
        print(f"{half}: found {part['found']}")
        for name, got in part.items():
            if name != "found":
                cross = got.get("cross_language_pairwise")
                extra = f"; cross-language pairs {cross}" if cross else ""
                print(f"  {name}: B-cubed {got['bcubed']}{extra}")
    for line in out["errors_even_half"]:
        print(" ", line)
    if args.report:
        args.report.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.json:
        write(args.json, headline(out, args.languages))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
