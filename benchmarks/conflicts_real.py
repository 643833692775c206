"""Conflicts on real stories: every conflict flagged, for judging by reading, and recall of the gold.

    .venv/bin/python benchmarks/conflicts_real.py --half tune     # ECB+ odd topics, PolNeAR half A
    .venv/bin/python benchmarks/conflicts_real.py --half report   # ECB+ even topics, PolNeAR half B

Each story is one event (ECB+: a sub-topic folder; PolNeAR: a story grouped by reading), so the
figures measure the conflict finder, not the clustering. A gold line (benchmarks/gold/conflicts/
gold.tsv) is found when a flagged conflict (nature "conflict") of its kind has one side citing its
``doc_a`` and another side citing its ``doc_b``. Precision is judged by reading the listing: the
verdicts are in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conflicts_data import GOLD, annotated, ecb_docs, gold_stories, polnear_docs
from storyline.annotate.actors import merge_actors
from storyline.compose.conflicts import find_conflicts
from storyline.compose.words import NUMBER_WORDS
from storyline.models import AnnotatedArticle, Conflict, Event

ECB_TUNE = ("3ecbplus", "7ecb", "11ecbplus", "21ecb", "23ecb")
ECB_REPORT = ("4ecbplus", "10ecb", "16ecb", "20ecb", "22ecb")


def story_halves() -> dict[str, str]:
    with (GOLD / "stories.tsv").open(encoding="utf-8") as handle:
        return {row["story"]: row["half"] for row in csv.DictReader(handle, delimiter="\t")}


def stories(half: str) -> list[tuple[str, str, list[AnnotatedArticle]]]:
    """(set, story, annotated articles) of one half."""
    out = [("ecb", name, annotated(ecb_docs(name))) for name in (ECB_TUNE if half == "tune" else ECB_REPORT)]
    wanted = "A" if half == "tune" else "B"
    halves = story_halves()
    for story, files in gold_stories().items():
        if halves[story] == wanted:
            out.append(("polnear", story, annotated(polnear_docs(files))))
    return out


def flagged(articles: Sequence[AnnotatedArticle]) -> list[Conflict]:
    """The story's conflicts, its articles' mentions merged into actors first as the pipeline does."""
    _, merged = merge_actors(list(articles))
    event = Event("story", tuple(a.article.id for a in merged), None, "story")
    return find_conflicts(merged, [event])


def describe(conflict: Conflict, articles: Sequence[AnnotatedArticle]) -> str:
    text = {a.article.id: a.article.text for a in articles}
    lines = [f"  [{conflict.nature}] {conflict.slot} ({conflict.kind})"]
    for value in conflict.values:
        lines.append(f"    = {value.value}  held by {', '.join(value.holders)}")
        for c in value.citations:
            cited = " ".join(text[c.article_id][c.start : c.end].split())
            lines.append(f"      {c.article_id}: {cited[:220]}")
    return "\n".join(lines)


def gold_lines(story: str) -> list[dict[str, str]]:
    with (GOLD / "gold.tsv").open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle, delimiter="\t") if row["story"] == story]


_DOC = re.compile(r"\b(\d+_\d+)(ecb(?:plus)?)?\b")


def sides_of(line: dict[str, str]) -> tuple[set[str], set[str]]:
    """The documents holding value_a and value_b: doc_a and doc_b, and those the note lists ("also
    7_5, 7_7 (52-3)" on a's side; "also 21_9ecb (three) vs 21_6ecb (...)": before "vs" a's, after b's)."""
    suffix = re.sub(r"^\d+_\d+", "", line["doc_a"])
    note = line["note"] if line["note"].startswith("also") else ""
    a_part, _, b_part = note.partition(" vs ")
    a_docs = {m.group(1) + (m.group(2) or suffix) for m in _DOC.finditer(a_part)}
    b_docs = {m.group(1) + (m.group(2) or suffix) for m in _DOC.finditer(b_part)}
    return {line["doc_a"]} | a_docs, {line["doc_b"]} | b_docs


def found(line: dict[str, str], conflicts: Sequence[Conflict]) -> bool:
    """A conflict of the line's kind with a side holding value_a in its documents, another value_b."""
    a_docs, b_docs = sides_of(line)
    for conflict in conflicts:
        if conflict.nature != "conflict" or conflict.kind != line["kind"]:
            continue
        sides = [({c.article_id for c in v.citations}, v.value) for v in conflict.values]
        for i, (docs_i, value_i) in enumerate(sides):
            for j, (docs_j, value_j) in enumerate(sides):
                if i == j or not (docs_i & a_docs and docs_j & b_docs):
                    continue
                if _same_value(line["value_a"], value_i) and _same_value(line["value_b"], value_j):
                    return True
    return False


def _same_value(gold: str, shown: str) -> bool:
    """The gold value as read and the value the tool shows share their first number or a word."""
    numbers = _numbers(gold)
    if numbers:
        return bool(_numbers(shown)) and _numbers(shown)[0] == numbers[0]
    return bool(_words(gold) & _words(shown))


_TENS = {"twenty": "20", "thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70",
         "eighty": "80", "ninety": "90"}


def _numbers(text: str) -> list[str]:
    found = re.findall(r"[a-z]+|\d+(?:[.,-]\d+)*", text.lower())
    words = [NUMBER_WORDS.get(w) or _TENS.get(w) or w for w in found]
    return [w.replace(",", "") for w in words if w[:1].isdigit()]


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{3,}", text.lower())} - {"the", "and"}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--half", choices=("tune", "report"), required=True)
    args = parser.parse_args(argv)
    total = hits = flagged_count = updates = 0
    for kind, story, articles in stories(args.half):
        conflicts = flagged(articles)
        gold = gold_lines(story)
        got = [line for line in gold if found(line, conflicts)]
        total, hits = total + len(gold), hits + len(got)
        flagged_count += sum(c.nature == "conflict" for c in conflicts)
        updates += sum(c.nature == "update" for c in conflicts)
        print(f"== {kind} {story}: {len(articles)} articles, {len(conflicts)} flagged, "
              f"gold {len(got)}/{len(gold)}")
        for conflict in conflicts:
            print(describe(conflict, articles))
        for line in gold:
            mark = "found" if line in got else "MISSED"
            print(f"  gold {mark}: {line['slot']}: {line['value_a']} ({line['doc_a']}) vs {line['value_b']}")
    print(f"\n{args.half}: {flagged_count} conflicts and {updates} updates flagged; gold found {hits}/{total}"
          f" = {hits / total if total else 0:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
