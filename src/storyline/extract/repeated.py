"""The cross-document signal: a line that recurs across several articles of one outlet is its furniture.

Copies of one article (updates, syndication) share most of their lines; those are dedupe's business,
so articles sharing half their paragraphs count as one when lines are tallied. So do two editions of
one article rewritten in parts (an early and a late edition): however much was rewritten, they share
whole sentences of their bodies, where an outlet's furniture never stands.

Outlets also reuse real news: a background sentence ("Russia invaded Ukraine on Feb. 24") recurs in
many of their stories, somewhere in the body. So a line that reads as a sentence counts only when it
stands at the edge of every article holding it (the opening line, or in the tail: the last quarter,
at most four paragraphs, where "About us", promos and notices sit), or when it recurs in three
independent articles and at least half of the outlet's articles in the batch. A short line or a
heading needs only two articles.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from storyline.extract.boilerplate import SENTENCE_ENDS, mark_orphan_headings
from storyline.extract.draft import Draft, normalized
from storyline.extract.paragraphs import Paragraph

SENTENCE_WORDS = 8  # a line this long ending like a sentence is held to the stricter rule
TAIL = 4  # at most this many last paragraphs (a quarter of a short article) are its tail
COPY_SHARE = 0.5  # articles sharing this share of their lines are copies of one article
COPY_EVIDENCE_MAX = 10  # a line held by more articles than this is furniture, not a sign of copying
# Body sentences two articles share that make them editions of one article: one or two can be background
# an outlet repeats from story to story; three are a text copied and edited.
COPY_SENTENCES = 3


def _line_key(text: str) -> str:
    return normalized(text).casefold()


def _copy_groups(drafts: list[Draft], holders: dict[str, set[int]], body: set[str]) -> list[int]:
    """Union-find over drafts: those sharing at least COPY_SHARE of their lines, or COPY_SENTENCES of
    the sentences in their ``body``, are one group."""
    parent = list(range(len(drafts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    shared: dict[tuple[int, int], int] = defaultdict(int)
    sentences: dict[tuple[int, int], int] = defaultdict(int)
    for key, owners in holders.items():
        if len(owners) > COPY_EVIDENCE_MAX:  # also keeps this loop from going quadratic
            continue
        for pair in combinations(sorted(owners), 2):
            shared[pair] += 1
            sentences[pair] += key in body
    for (a, b), count in shared.items():
        lines = count >= COPY_SHARE * min(len(drafts[a].paragraphs), len(drafts[b].paragraphs))
        if lines or sentences[a, b] >= COPY_SENTENCES:
            parent[root(a)] = root(b)
    return [root(i) for i in range(len(drafts))]


def mark_outlet_repeats(drafts: list[Draft]) -> None:
    """Mark kept paragraphs repeated across independent articles of one outlet "repeated-in-outlet"."""
    holders: dict[str, set[int]] = defaultdict(set)
    inside: set[str] = set()  # lines found somewhere in the body of at least one article
    body: set[str] = set()  # the sentences among them
    for index, draft in enumerate(drafts):
        count = len(draft.paragraphs)
        tail_starts = count - min(TAIL, max(1, count // 4))
        for position, paragraph in enumerate(draft.paragraphs):
            key = _line_key(paragraph.text)
            holders[key].add(index)
            if 0 < position < tail_starts:
                inside.add(key)
                if _sentence(paragraph):
                    body.add(key)
    repeated = {key: owners for key, owners in holders.items() if len(owners) > 1}
    if not repeated:
        return
    groups = _copy_groups(drafts, repeated, body)
    independent = {key: len({groups[i] for i in owners}) for key, owners in repeated.items()}
    pervasive = max(3, (len(set(groups)) + 1) // 2)
    for draft in drafts:
        for paragraph in draft.paragraphs:
            key = _line_key(paragraph.text)
            needed = pervasive if _sentence(paragraph) and key in inside else 2
            if paragraph.kept and independent.get(key, 0) >= needed:
                paragraph.reason = "repeated-in-outlet"
        mark_orphan_headings(draft.paragraphs)


def _sentence(paragraph: Paragraph) -> bool:
    return paragraph.words >= SENTENCE_WORDS and paragraph.text.rstrip().endswith(SENTENCE_ENDS)


def mark_repeats_by_outlet(drafts: list[Draft]) -> None:
    by_outlet: dict[str, list[Draft]] = defaultdict(list)
    for draft in drafts:
        if draft.outlet_key:
            by_outlet[draft.outlet_key].append(draft)
    for group in by_outlet.values():
        if len(group) > 1:
            mark_outlet_repeats(group)
