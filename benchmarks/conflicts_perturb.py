"""Planted disagreements: change one value in one article's copy of a real multi-outlet story.

    .venv/bin/python benchmarks/conflicts_perturb.py --half odd    # ECB+ odd topics + PolNeAR half A
    .venv/bin/python benchmarks/conflicts_perturb.py --half even   # ECB+ even topics + PolNeAR half B

A sentence "another article also reports" is one whose content words (three letters or more, not
stop words) overlap a sentence of another article of the story by half or more (Jaccard), where
both sentences write the same value: a number, a weekday or month, a year, a place or a person's
surname. The planted change rewrites that value in one article's copy only: a number x becomes
round(1.5 x) + 1 (outside any hedge), a weekday moves two days on, a month two months on, a year
three years back, a place becomes a place named in no article of the set, a surname another surname.
Up to ``--per-story`` sentences per story are drawn with a seeded random generator (``--seed``).

Recall: the story as changed flags a conflict one side of which cites the changed sentence and
another side cites another article. New: conflicts the changed story flags that the
unchanged story did not and that do not cite the changed sentence (false alarms the change caused).
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from conflicts_data import ECB, annotated, ecb_docs, gold_stories, polnear_docs
from conflicts_real import flagged, story_halves
from storyline.annotate.annotator import annotate_articles
from storyline.models import AnnotatedArticle, Conflict, Sentence

_WORD = re.compile(r"[A-Za-z]{3,}")
_NUMBER = re.compile(r"(?<![\w.,-])(?<![\d,] )\d{1,3}(?:,\d{3})*(?!\d)(?![,.-]\d)(?! ?, ?\d)")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-2]\d)\b")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
PLACES = ("Lisbon", "Nairobi", "Manila", "Winnipeg", "Tbilisi", "Montevideo", "Hanoi", "Dakar")
SURNAMES = ("Okafor", "Lindqvist", "Haddad", "Moreau", "Takahashi", "Novak", "Castellanos", "Brennan")
SAME_SENTENCE = 0.5


@dataclass(frozen=True)
class Plant:
    article: int  # index of the article changed
    sentence: Sentence  # its sentence, before the change
    other: str  # id of the article whose sentence reports the same
    kind: str
    old: str
    new: str
    start: int  # article offsets of the old value
    end: int


def stories(half: str) -> list[tuple[str, list[AnnotatedArticle]]]:
    odd = half == "odd"
    out = []
    for folder in sorted(p.name for p in ECB.iterdir() if p.is_dir()):
        number = int(re.match(r"\d+", folder).group(0))  # type: ignore[union-attr]
        if (number % 2 == 1) == odd:
            out.append((folder, annotated(ecb_docs(folder))))
    halves = story_halves()
    for story, files in gold_stories().items():
        if halves[story] == ("A" if odd else "B"):
            out.append((story, annotated(polnear_docs(files))))
    return out


def _words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(text) if w.lower() not in ENGLISH_STOP_WORDS)


def shared_sentences(
    articles: Sequence[AnnotatedArticle],
) -> Iterator[tuple[int, Sentence, str, Sentence]]:
    """(article index, sentence, other article id, its sentence) for sentences two articles share."""
    words = [[(s, _words(s.text)) for s in a.sentences] for a in articles]
    for i, own in enumerate(words):
        for j, theirs in enumerate(words):
            if i == j or articles[i].article.text == articles[j].article.text:
                continue
            for s, ws in own:
                for t, wt in theirs:
                    if ws and wt and len(ws & wt) / len(ws | wt) >= SAME_SENTENCE and s.text != t.text:
                        yield i, s, articles[j].article.id, t


def candidates(articles: Sequence[AnnotatedArticle]) -> list[Plant]:
    """Every value a shared sentence writes that its counterpart writes too, with its change."""
    plants = []
    seen: set[tuple[int, int]] = set()
    by_id = {a.article.id: a for a in articles}
    for i, s, other, t in shared_sentences(articles):
        for kind, old, at in _values(articles[i], s):
            if (i, s.start + at) in seen or not _also_in(kind, old, by_id[other], t):
                continue
            seen.add((i, s.start + at))
            new = _changed(kind, old, s.start + at)
            plants.append(Plant(i, s, other, kind, old, new, s.start + at, s.start + at + len(old)))
    return plants


def _also_in(kind: str, old: str, other: AnnotatedArticle, t: Sentence) -> bool:
    """The other sentence writes the value too (a name or a place as a name or a place)."""
    if not re.search(r"(?<!\w)" + re.escape(old) + r"(?!\w)", t.text):
        return False
    if kind not in ("name", "place"):
        return True
    labels = ("PERSON",) if kind == "name" else ("GPE", "LOC")
    return any(m.label in labels and old in m.text and t.start <= m.start < t.end for m in other.mentions)


def _values(annotated_: AnnotatedArticle, s: Sentence) -> Iterator[tuple[str, str, int]]:
    for match in _NUMBER.finditer(s.text):
        if not _YEAR.fullmatch(match.group(0)):
            yield "number", match.group(0), match.start()
    for match in _YEAR.finditer(s.text):
        yield "year", match.group(0), match.start()
    for match in re.finditer(r"\b(" + "|".join(WEEKDAYS + MONTHS) + r")\b", s.text):
        yield "date", match.group(0), match.start()
    for m in annotated_.mentions:
        if s.start <= m.start and m.end <= s.end:
            if not m.text[:1].isupper() or m.start == s.start:
                continue  # a capitalised sentence opener is often a word the tagger took for a name
            if m.label in ("GPE", "LOC"):
                yield "place", m.text, m.start - s.start
            elif m.label == "PERSON":
                surname = m.text.split()[-1]
                yield "name", surname, m.end - s.start - len(surname)


def _changed(kind: str, old: str, seed: int) -> str:
    pick = random.Random(seed)
    if kind == "number":
        value = int(old.replace(",", ""))
        return f"{round(1.5 * value) + 1:,}" if "," in old else str(round(1.5 * value) + 1)
    if kind == "year":
        return str(int(old) - 3)
    if kind == "date":
        names = WEEKDAYS if old in WEEKDAYS else MONTHS
        return names[(names.index(old) + 2) % len(names)]
    return pick.choice(PLACES if kind == "place" else SURNAMES)


def planted(articles: list[AnnotatedArticle], plant: Plant) -> list[AnnotatedArticle]:
    """The story with the plant's article re-annotated from its changed text."""
    article = articles[plant.article].article
    text = article.text[: plant.start] + plant.new + article.text[plant.end :]
    changed = dataclasses.replace(article, text=text)
    (again,) = annotate_articles([changed])
    return [again if n == plant.article else a for n, a in enumerate(articles)]


def caught(conflicts: Sequence[Conflict], plant: Plant, shift: int) -> bool:
    """A conflict with one side citing the changed sentence and another the other article."""
    start, end = plant.sentence.start, plant.sentence.end + shift
    for conflict in conflicts:
        if conflict.nature != "conflict":
            continue
        sides = [[(c.article_id, c.start, c.end) for c in v.citations] for v in conflict.values]
        mine = {
            n for n, side in enumerate(sides) for a, s, e in side if a == _id(plant) and s < end and start < e
        }
        theirs = {n for n, side in enumerate(sides) for a, _, _ in side if a != _id(plant)}
        if any(x != y for x in mine for y in theirs):
            return True
    return False


_ids: dict[int, str] = {}


def _id(plant: Plant) -> str:
    return _ids[plant.article]


def _signature(conflict: Conflict) -> tuple[str, tuple[str, ...]]:
    return conflict.slot, tuple(sorted(v.value for v in conflict.values))


def run(half: str, per_story: int, seed: int) -> tuple[int, int, int, dict[str, list[int]]]:
    total = hits = new_alarms = 0
    by_kind: dict[str, list[int]] = {}
    rng = random.Random(seed)
    for name, articles in stories(half):
        plants = candidates(articles)
        if not plants:
            continue
        before = {_signature(c) for c in flagged(articles)}
        for plant in rng.sample(plants, min(per_story, len(plants))):
            _ids.clear()
            _ids.update({n: a.article.id for n, a in enumerate(articles)})
            conflicts = flagged(planted(articles, plant))
            shift = len(plant.new) - len(plant.old)
            ok = caught(conflicts, plant, shift)
            end = plant.sentence.end + shift
            extra = [
                c for c in conflicts if _signature(c) not in before and not _cites(c, _id(plant), plant, end)
            ]
            total, hits, new_alarms = total + 1, hits + ok, new_alarms + len(extra)
            by_kind.setdefault(plant.kind, [0, 0])[0] += ok
            by_kind[plant.kind][1] += 1
            mark = "caught" if ok else "MISSED"
            where = plant.sentence.text[:100]
            print(f"{name} {mark} {plant.kind}: {plant.old!r} -> {plant.new!r} in {where!r}")
            for c in extra:
                print(f"    new alarm: {c.slot}: {[v.value for v in c.values]}")
    return total, hits, new_alarms, by_kind


def _cites(conflict: Conflict, article_id: str, plant: Plant, end: int) -> bool:
    return any(
        c.article_id == article_id and c.start < end and plant.sentence.start < c.end
        for v in conflict.values
        for c in v.citations
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--half", choices=("odd", "even"), required=True)
    parser.add_argument("--per-story", type=int, default=3)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    total, hits, alarms, by_kind = run(args.half, args.per_story, args.seed)
    kinds = ", ".join(f"{k} {h}/{n}" for k, (h, n) in sorted(by_kind.items()))
    print(
        f"\n{args.half}: planted {total}, caught {hits} = {hits / max(total, 1):.3f} ({kinds}); "
        f"new alarms elsewhere {alarms}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
