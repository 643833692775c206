"""Build a large labelled news corpus from the real ECB+ texts, for clustering at scale.

    .venv/bin/python benchmarks/generate_corpus.py --n 10000 --out /tmp/storyline_10k.jsonl

Each ECB+ topic becomes many *stories*; each story instantiates the topic's two real events (its ``ecb`` and
``ecbplus`` folders) on new dates a few weeks apart, with every name swapped for an invented one (one
mapping per story, so a story keeps its actors and two stories never share them). Each article is a real
ECB+ document of that event with its sentences reordered after the lead and its ending trimmed, published
0-2 days after the event. Some articles get syndicated copies: a new headline, a trimmed ending or an added
paragraph. Stories of one topic share their wording and differ only in names and dates, which is exactly
what text similarity alone cannot tell apart.

One JSON object a line: id, title, text, published (ISO day), outlet, event, story, copy_of (origin id or
null). Deterministic for a given --seed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from cluster_scoring import LabelledDoc, read_event_folders

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "ecbplus"
# capitalised words, and words in capitals (headlines in capitals name people too)
_CAPITALISED_TOKEN = re.compile(r"\b[A-Z][a-z][\w'’-]*|\b[A-Z]{2,}\b")
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+|$)")
_KEEP_TEXT = """The A An He She It They We I You His Her Their This That These Those But And Or If In
    On At For
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
    August September October November December Mr Mrs Ms Dr After Before When While As By With From To
    Of Its Our There Then So Not No Yes All Some One Two Three Police"""
_KEEP = frozenset(_KEEP_TEXT.split())
_SYLLABLE_TEXT = "ka lo mi ren dar vel sto bri nax tu por qel zan fi mor lek sa dun ov ira tes bel cor"
_SYLLABLES = _SYLLABLE_TEXT.split()
_ADDED = [
    "This article was first published by a partner agency and is republished with permission.",
    "Additional reporting contributed by staff writers; the story has been updated.",
    "Readers can follow further coverage of this developing story on our website.",
]
OUTLETS = [f"Outlet {k}" for k in range(40)]


@dataclass(frozen=True)
class Generated:
    id: str
    title: str
    text: str
    published: str
    outlet: str
    event: str
    story: str
    copy_of: str | None

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False)


def invented_name(rng: random.Random, used: set[str]) -> str:
    """A name no other story has used: stories must not share actors by accident."""
    while True:
        name = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(3, 5))).capitalize()
        if name not in used:
            used.add(name)
            return name


def swap_names(text: str, mapping: dict[str, str], rng: random.Random, used: set[str]) -> str:
    """Every capitalised word that is not a common word becomes this story's invented name for it."""

    def replace(match: re.Match[str]) -> str:
        word = match[0]
        if word.capitalize() in _KEEP:
            return word
        key = word.capitalize()
        if key not in mapping:
            mapping[key] = invented_name(rng, used)
        return mapping[key].upper() if word.isupper() and len(word) > 1 else mapping[key]

    return _CAPITALISED_TOKEN.sub(replace, text)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


def rewrite(doc: LabelledDoc, rng: random.Random) -> tuple[str, str]:
    """(title, text): the lead stays first, the rest is reordered, the ending trimmed."""
    body = sentences(doc.text)
    rng.shuffle(body)
    keep = max(1, round(len(body) * rng.uniform(0.7, 1.0)))
    return doc.title, "\n\n".join([doc.title, *body[:keep]])


def syndicate(original: Generated, rng: random.Random, k: int) -> Generated:
    paragraphs = original.text.split("\n\n")
    kind = rng.choice(["headline", "trim", "added"])
    title = original.title
    if kind == "headline":
        title = f"{rng.choice(['Update', 'Report', 'Latest'])}: {original.title}"
        paragraphs = [title, *paragraphs[1:]]
    elif kind == "trim" and len(paragraphs) > 3:
        paragraphs = paragraphs[: max(3, len(paragraphs) - rng.randint(1, 2))]
    else:
        paragraphs = [*paragraphs, rng.choice(_ADDED)]
    text = "\n\n".join(paragraphs)
    published = (date.fromisoformat(original.published) + timedelta(days=rng.randint(0, 1))).isoformat()
    return Generated(
        _id(text, original.id, k), title, text, published, rng.choice(OUTLETS), original.event,
        original.story, original.id,
    )


def _id(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:16]


def _shingles(doc: LabelledDoc) -> set[str]:
    words = re.findall(r"\w+", f"{doc.title} {doc.text}".lower())
    return {" ".join(words[i : i + 4]) for i in range(max(1, len(words) - 3))}


def _names(doc: LabelledDoc) -> set[str]:
    return {w for w in _CAPITALISED_TOKEN.findall(f"{doc.title} {doc.text}") if w not in _KEEP}


def distinct_texts(docs: Sequence[LabelledDoc]) -> list[LabelledDoc]:
    """One document per family of near-identical texts: ECB+ itself holds some wire copies, and two copies
    generated from them would be real duplicates that the labels call distinct. Compared exhaustively."""
    kept: list[tuple[LabelledDoc, set[str]]] = []
    for doc in docs:
        if len(_names(doc)) < 3:  # no names to swap: two stories would print the very same text
            continue
        shingles = _shingles(doc)
        if all(len(shingles & other) < 0.3 * min(len(shingles), len(other)) for _, other in kept):
            kept.append((doc, shingles))
    return [doc for doc, _ in kept]


def story_articles(
    topic: str,
    events: dict[str, list[LabelledDoc]],
    k: int,
    rng: random.Random,
    copy_rate: float,
    used: set[str],
) -> Iterator[Generated]:
    mapping: dict[str, str] = {}
    start = date(2015, 1, 1) + timedelta(days=rng.randint(0, 3 * 365))
    for e, (event, docs) in enumerate(sorted(events.items())):
        day = start + timedelta(days=e * rng.randint(5, 25))
        for d, doc in enumerate(rng.sample(docs, k=max(1, round(len(docs) * rng.uniform(0.6, 1.0))))):
            title, text = rewrite(doc, rng)
            title, text = swap_names(title, mapping, rng, used), swap_names(text, mapping, rng, used)
            published = (day + timedelta(days=rng.randint(0, 2))).isoformat()
            label = f"{event}#{k}"
            article = Generated(
                _id(text, label, d), title, text, published, rng.choice(OUTLETS), label, f"{topic}#{k}", None
            )
            yield article
            if rng.random() < copy_rate:
                for c in range(rng.randint(1, 2)):
                    yield syndicate(article, rng, c)


def generate(docs: Sequence[LabelledDoc], n: int, seed: int, copy_rate: float = 0.2) -> list[Generated]:
    rng = random.Random(seed)
    topics: dict[str, dict[str, list[LabelledDoc]]] = defaultdict(lambda: defaultdict(list))
    for doc in docs:
        topics[doc.story][doc.event].append(doc)
    for events in topics.values():
        for event, members in events.items():
            events[event] = distinct_texts(members) or members[:1]
    out: list[Generated] = []
    used: set[str] = set()
    k = 0
    while len(out) < n:
        topic = rng.choice(sorted(topics))
        out += story_articles(topic, topics[topic], k, rng, copy_rate, used)
        k += 1
    return out[:n]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    articles = generate(read_event_folders(args.data), args.n, args.seed)
    with args.out.open("w", encoding="utf-8") as handle:
        for article in articles:
            handle.write(article.to_json() + "\n")
    copies = sum(1 for a in articles if a.copy_of)
    print(f"{len(articles)} articles ({copies} syndicated copies), {len({a.event for a in articles})} events,"
          f" {len({a.story for a in articles})} stories → {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
