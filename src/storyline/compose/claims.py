"""Claims: the sentences of a story that say something, with the words and anchors that identify them.

A claim keeps the sentence it came from (article id and offsets), its content-word stems for lexical
similarity, and its anchors: the names, numbers and dates that two reports of one fact share even when
they are worded differently. Facts, the summary and conflicts all start from claims.
"""

from __future__ import annotations

import re
import weakref
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from itertools import chain

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from storyline.annotate.timex.finder import SentenceParser, find_times_with
from storyline.annotate.timex.tense import RecordedTenses
from storyline.cluster.crosslingual import figures as crosslingual_figures
from storyline.compose.words import (
    WORD,
    content_stems,
    dates_in,
    names_in,
    numbers_in,
    stems_of,
)
from storyline.extract.header import FACT_CHECK_LABEL, dateline_lead
from storyline.models import AnnotatedArticle, Mention, Sentence, Span, TimeExpression
from storyline.text import ascii_fold

_LETTERS = re.compile(r"[A-Za-z]")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_WORD = WORD
MIN_CLAIM_WORDS = 6
# Scales the language-free overlap of two claims in two languages to the lexical similarity facts are
# grouped by (facts.SAME_FACT); chosen on the even MEANTIME documents (benchmarks/multilingual_facts.py:
# fact F1 0.707 / 0.806 / 0.823 / 0.836 / 0.837 / 0.838 at 0.5 / 0.75 / 1 / 1.5 / 2 / 3, the plateau's
# first weight kept, as a larger one only adds wrong joins); the odd documents report 0.829.
CROSS_LANGUAGE_WEIGHT = 1.5


@dataclass(frozen=True)
class Claim:
    """One sentence of one article, prepared for comparison with the others."""

    article_id: str
    outlet: str | None
    index: int  # position of the sentence in its article, 0 = lead
    sentence: Sentence
    stems: tuple[str, ...]
    names: frozenset[str]
    numbers: frozenset[str]
    dates: frozenset[str]
    published: date | None = None  # the article's publication day, when known
    language: str | None = None  # the article's language code, when detected

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def anchors(self) -> frozenset[str]:
        return self.names | self.numbers | self.dates


def keys_by_start(keyed: Iterable[tuple[int, str]]) -> Callable[[Sentence], set[str]]:
    """For each sentence of one article, the keys whose start (an offset in the article) lies in it:
    sorted by start once, each sentence's found by bisection, rather than every mention read for every
    sentence (make_claims asks of all 7,000 sentences of ECB+). A set: the order does not matter."""
    named = sorted(keyed, key=lambda pair: pair[0])
    starts = [start for start, _ in named]

    def keys(sentence: Sentence) -> set[str]:
        found = named[bisect_left(starts, sentence.start) : bisect_left(starts, sentence.end)]
        return {key for _, key in found}

    return keys


def _names_by_start(mentions: Sequence[Mention]) -> Callable[[Sentence], set[str]]:
    """The names of each sentence's mentions (an actor's id where merged), dates and numbers left out."""
    return keys_by_start(
        (m.start, m.actor_id or ascii_fold(m.text.lower())) for m in mentions
        if m.label not in ("DATE", "TIME", "CARDINAL")
    )  # fmt: skip


def article_times(annotated: AnnotatedArticle) -> tuple[TimeExpression, ...]:
    """The article's time expressions; read here when it came without any (annotated elsewhere), with
    the tenses its annotation read from the parse: a sentence is parsed again only if it has none. Read
    once per article object: claims, the timeline and aligned values each ask (an article in which the
    reading finds none was read three times over, about 0.2 s of CPU on ECB+)."""
    if annotated.times:
        return annotated.times
    kept = _TIMES.get(id(annotated))
    if kept is not None and kept[0]() is annotated:
        return kept[1]
    article = annotated.article
    tenses = RecordedTenses(SentenceParser(article.text).direction, annotated.tenses)
    found = tuple(find_times_with(article.text, article.published.value, tenses, article_id=article.id))
    if len(_TIMES) >= _CLAIMED_MOST:
        _TIMES.clear()
    _TIMES[id(annotated)] = (weakref.ref(annotated), found)
    return found


# ``article_times`` read for an article that came without any, by the article's identity (held weakly)
_TIMES: dict[int, tuple[weakref.ref[AnnotatedArticle], tuple[TimeExpression, ...]]] = {}


def _day_values(times: Sequence[TimeExpression], sentence: Sentence) -> set[str]:
    values = {
        t.value[:10] for t in times if sentence.start <= t.start < sentence.end and _DAY.match(t.value)
    }
    if sentence.event_date and _DAY.match(sentence.event_date):
        values.add(sentence.event_date[:10])
    return values


@lru_cache(maxsize=1 << 14)  # claims, the timeline and aligned values each read every sentence trimmed
def trimmed(sentence: Sentence) -> Sentence:
    """The sentence without surrounding whitespace nor the dateline that opens the article's body
    ("WASHINGTON (Reuters) - ", "BUFFALO, N.Y. — "): offsets moved to match."""
    text = sentence.text
    lead = dateline_lead(text)
    tail = len(text.rstrip())
    if lead == 0 and tail == len(text):
        return sentence
    return replace(sentence, start=sentence.start + lead, end=sentence.start + tail, text=text[lead:tail])


_CLAIM_LABEL = re.compile(r"^\s*(?:THE\s+)?CLAIMS?\s*:", re.IGNORECASE)
_MARKUP = re.compile(r"</?[a-z][\w-]*(?:\s+[\w-]+=\"[^\"]*\")*\s*/?>")  # a tag left in a text
_UNHELD = frozenset({"denies", "asks", "is_asked"})


# ``only_claimed`` asked of one sentence of one article: claims, the timeline and aligned values each ask
# of every sentence of a story. Keyed by the article's identity (held weakly: a finished story's articles
# go) and the sentence's span, the sentence itself kept to be compared.
_CLAIMED: dict[tuple[int, int, int], tuple[weakref.ref[AnnotatedArticle], Sentence, str | None]] = {}
_CLAIMED_MOST = 1 << 15


def only_claimed(annotated: AnnotatedArticle, sentence: Sentence) -> str | None:
    """Why ``sentence`` states what someone claims rather than what the article reports, or None (see
    ``claimed_because``; asked once per sentence and article object, its answer kept)."""
    key = (id(annotated), sentence.start, sentence.end)
    kept = _CLAIMED.get(key)
    if kept is not None and kept[0]() is annotated and (kept[1] is sentence or kept[1] == sentence):
        return kept[2]
    reason = claimed_because(annotated, sentence)
    if len(_CLAIMED) >= _CLAIMED_MOST:
        _CLAIMED.clear()
    _CLAIMED[key] = (weakref.ref(annotated), sentence, reason)
    return reason


def claimed_because(annotated: AnnotatedArticle, sentence: Sentence) -> str | None:
    """Why ``sentence`` states what someone claims rather than what the article reports, or None:
    a fact-check's "CLAIM:" paragraph (the claim it checks), words a quote denies or asks about, or a
    sentence of someone's quoted words whose speaker is named in another sentence (the second sentence
    of a long quotation: shown alone, the reader would take the speaker's words for the article's), or
    one that opens inside a quotation (its first words are someone's, without their opening mark), or
    an embedded post left as markup in the text.
    Such a sentence is never a summary, fact or timeline line; the quote keeps who says it."""
    text = annotated.article.text
    paragraph = text.rfind("\n\n", 0, sentence.start)
    opening = text[paragraph + 2 if paragraph >= 0 else 0 : sentence.end]
    if _CLAIM_LABEL.match(opening) and FACT_CHECK_LABEL.match(opening):
        return "fact-check claim"
    if _MARKUP.search(sentence.text):
        return "embedded post"  # <tweet author="...">...</tweet>: the poster's words, markup and all
    for quote in annotated.quotes:
        inside = quote.content.start <= sentence.start + 1 and sentence.end - 1 <= quote.content.end
        if inside and quote.polarity in _UNHELD:
            return "denied" if quote.polarity == "denies" else "asked"
        if inside and quote.direct and not any(_overlaps(s, sentence) for s in (quote.cue, quote.source)):
            return "quoted"
        if quote.direct and quote.content.start < sentence.start - 1 < quote.content.end - 2:
            return "quoted"  # it opens inside someone's words: "It's misleading ...," Axelrod tweeted
    if _unbalanced(sentence.text) and not any(_overlaps(q.cue, sentence) for q in annotated.quotes):
        # a piece of a quotation over several sentences that no cue here attributes: '"I am calling from
        # the Hillary Clinton campaign.' is a volunteer's, on the phone, not the article's
        return "quoted"
    return None


def _unbalanced(text: str) -> bool:
    """Quotation marks opened and not closed in the text, or closed and not opened."""
    doubled = text.count("''")
    plain = text.replace("''", "")
    # curly marks by their total: a closing mark typed as an opening one ("Cape Breton If Donald Trump
    # Wins“) still closes
    curly = plain.count("“") + plain.count("”")
    return curly % 2 == 1 or plain.count('"') % 2 == 1 or doubled % 2 == 1


def _overlaps(span: Span | None, sentence: Sentence) -> bool:
    return span is not None and span.start < sentence.end and sentence.start < span.end


# A sentence opening with a small word in lower case is the tail of a line cut in two (a deck or a
# subheading broken over lines), never a sentence of its own; a name in lower case ("de Blasio",
# "eBay") is not one of these words.
_CUT_OFF = re.compile(r"(?:of|and|or|but|to|for|with|by|from|at|as|on|in|which|whose|than)\s")


def claim_stems(sentence: Sentence, title: str | None) -> tuple[str, ...] | None:
    """The content stems of a sentence that states something; None for the headline repeated, a
    heading or a fragment. ``title`` is the headline as ``_normal`` gives it (read once per article)."""
    return _claim_stems(sentence.text.strip(), title)[0]


def _claim_stems(text: str, title: str | None) -> tuple[tuple[str, ...] | None, list[str]]:
    """``claim_stems`` of a stripped ``text``, and its words (``WORD.findall``), read once for both."""
    words = _WORD.findall(text)
    if len(words) < MIN_CLAIM_WORDS or not _LETTERS.search(text):
        return None, words
    # Headings and teasers end without a full stop, quote mark or closing bracket; a heading in capitals
    # may end on one ("BEST THING THAT HAPPENED TO REPUBLICANS.")
    if not (text[-1] in ".!\"”'’)]" or len(text.split()) > 25) or (text.isupper() and len(words) > 1):
        return None, words
    if _CUT_OFF.match(text):
        return None, words  # "of group's methods in disclosing information.": the tail of a cut line
    stems = stems_of(words)
    return (None if title is not None and " ".join(stems) == title else stems), words


def _normal(text: str) -> str:
    """A text as its content stems: what a headline and a sentence repeating it share."""
    return " ".join(content_stems(text))


def make_claims(articles: Sequence[AnnotatedArticle]) -> list[Claim]:
    """Every claim sentence of ``articles``, in article order then sentence order."""
    claims: list[Claim] = []
    for annotated in articles:
        article = annotated.article
        times = article_times(annotated)
        title = _normal(article.title) if article.title else None
        mention_names = _names_by_start(annotated.mentions)
        for index, sentence in enumerate(annotated.sentences):
            sentence = trimmed(sentence)
            # the words of the stripped text are those of the text: white space is in no word
            stems, words = _claim_stems(sentence.text.strip(), title)
            if stems is None or only_claimed(annotated, sentence):
                continue
            names = mention_names(sentence) or names_in(sentence.text)
            days = _day_values(times, sentence)
            claims.append(
                Claim(
                    article_id=article.id,
                    outlet=article.outlet,
                    index=index,
                    sentence=sentence,
                    stems=stems,
                    names=frozenset(names),
                    numbers=frozenset(numbers_in(sentence.text, words)),
                    dates=frozenset(days or dates_in(sentence.text, words)),
                    published=article.published.value,
                    language=article.language.code if article.language else None,
                )
            )
    return claims


def tfidf_matrix(docs: Iterable[Sequence[str]]) -> NDArray[np.float64]:
    """L2-normalised TF-IDF rows (sublinear tf, smoothed idf) for token lists; dense, claims are few.

    Weighed on the cells that hold a token only (a story's rows are claims by hundreds or thousands of
    stems, each claim a dozen: on ECB+ 98.5% of the cells are empty), then spread into the dense matrix:
    each cell is the same product of the same two numbers as weighing the whole matrix gives, the empty
    ones 0, and the norms are taken of the dense rows as before (summed in the same order, so the same to
    the last bit). Without the full-matrix passes (a comparison, a mask read twice, a product) it takes
    about 40% less CPU on ECB+'s stories (0.18 -> 0.11 s for facts' and summaries' matrices)."""
    token_lists = [list(d) for d in docs]
    cells, counts, shape = _cells(token_lists)
    df = np.bincount(cells % shape[1], minlength=shape[1])  # the rows each token is in
    idf = np.log((1.0 + len(token_lists)) / (1.0 + df)) + 1.0
    matrix = np.zeros(shape, dtype=np.float64)
    matrix.flat[cells] = (1.0 + np.log(counts)) * idf[cells % shape[1]]
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    matrix /= np.where(norms == 0, 1.0, norms)
    return matrix


def anchor_overlap(a: Claim, b: Claim, common: frozenset[str] = frozenset()) -> float:
    """Jaccard overlap of two claims' rarer names, numbers and dates (0 when neither has any)."""
    mine, theirs = a.anchors - common, b.anchors - common
    union = mine | theirs
    return len(mine & theirs) / len(union) if union else 0.0


def contradicts(a: Claim, b: Claim) -> bool:
    """Both claims state numbers (or days) and share none: they may report different values."""
    if a.numbers and b.numbers and not a.numbers & b.numbers:
        return True
    return bool(a.dates and b.dates and not a.dates & b.dates)


def common_anchors(claims: Sequence[Claim], share: float = 0.2) -> frozenset[str]:
    """Anchors in more than ``share`` of the claims ("Russia" in a story about Russia) tell nothing."""
    counts: dict[str, int] = {}
    for claim in claims:
        for anchor in claim.anchors:
            counts[anchor] = counts.get(anchor, 0) + 1
    limit = max(2.0, share * len(claims))
    return frozenset(a for a, n in counts.items() if n > limit)


def similarity(lexical: NDArray[np.float64], claims: Sequence[Claim]) -> NDArray[np.float64]:
    """Pairwise claim similarity: lexical cosine, lifted by shared rare anchors, cut by contradiction.

    Computed on whole matrices (0/1 incidence of anchors, numbers and days) rather than pair by pair:
    the same values as ``anchor_overlap`` and ``contradicts``, without a Python loop over n² pairs.
    """
    sims = lexical @ lexical.T
    n = len(claims)
    if n < 2:
        return sims
    common = common_anchors(claims)
    overlap = _jaccard([c.anchors - common for c in claims])
    lifted = np.where(sims > 0.1, np.minimum(1.0, sims + 0.3 * overlap), sims)
    against = _disagree([c.numbers for c in claims]) | _disagree([c.dates for c in claims])
    out = np.where(against, lifted * 0.4, lifted)
    out = np.where(_told_before(claims), out * 0.1, out)  # not a disagreement: another happening
    if len({c.language for c in claims if c.language}) > 1:
        out = np.where(_two_languages(claims), _across_languages(claims), out)
    np.fill_diagonal(out, np.diag(sims))
    return np.asarray(out, dtype=np.float64)


def _jaccard(sets: Sequence[frozenset[str]]) -> NDArray[np.float64]:
    """Pairwise Jaccard overlap of ``sets`` (0 where both are empty), on their incidence matrix."""
    shared, sizes = overlaps(sets)
    union = sizes[:, None] + sizes[None, :] - shared
    return np.asarray(np.divide(shared, union, out=np.zeros_like(shared), where=union > 0), dtype=np.float64)


def _two_languages(claims: Sequence[Claim]) -> NDArray[np.bool_]:
    codes = np.array([c.language for c in claims], dtype=object)
    known = codes != None  # noqa: E711 (elementwise on an object array)
    return np.asarray(known[:, None] & known[None, :] & (codes[:, None] != codes[None, :]))


def _across_languages(claims: Sequence[Claim]) -> NDArray[np.float64]:
    """Similarity of claims in two languages, whose words cannot be compared: what a sentence and its
    translation share, the actors (merged across scripts by the actors stage), the figures (read with
    each language's separators and scale words: 80,000 = 80.000) and the resolved days; their Jaccard
    overlap, times ``CROSS_LANGUAGE_WEIGHT``, cut as lexical similarity is when figures or days differ."""
    figures = [frozenset(crosslingual_figures(c.text, c.language)) for c in claims]
    overlap = _jaccard([c.names | f | c.dates for c, f in zip(claims, figures, strict=True)])
    against = _disagree(figures) | _disagree([c.dates for c in claims])
    return np.asarray(np.where(against, overlap * 0.4, overlap) * CROSS_LANGUAGE_WEIGHT, dtype=np.float64)


def _counts(rows: Sequence[Iterable[str]]) -> NDArray[np.float64]:
    """One row per token list, one column per distinct token, each cell the token's count."""
    cells, counts, shape = _cells([list(tokens) for tokens in rows])
    matrix = np.zeros(shape, dtype=np.float64)
    matrix.flat[cells] = counts
    return matrix


def _cells(
    token_lists: Sequence[Sequence[str]],
) -> tuple[NDArray[np.int64], NDArray[np.float64], tuple[int, int]]:
    """The cells of ``_counts``' matrix that hold a token (flat indices, in row order) with their counts,
    and the matrix's shape."""
    tokens = list(chain.from_iterable(token_lists))
    columns = {token: n for n, token in enumerate(dict.fromkeys(tokens))}  # numbered by first use
    width = max(len(columns), 1)
    cols = np.fromiter(map(columns.__getitem__, tokens), dtype=np.int64, count=len(tokens))
    row_of = np.repeat(np.arange(len(token_lists), dtype=np.int64), [len(t) for t in token_lists])
    counts = np.bincount(row_of * width + cols, minlength=len(token_lists) * width)  # exact in any order
    cells = np.flatnonzero(counts)
    return cells, counts[cells].astype(np.float64), (len(token_lists), width)


def overlaps(sets: Sequence[Collection[str]]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """How many values each pair of ``sets`` (each of distinct values) shares, and each one's size. A
    sparse product of their 0/1 incidence rows: whole numbers, so exactly what a dense one gives, without
    its cost (a story's claims hold thousands of distinct values, each claim a handful).

    The values are numbered by one ``dict.fromkeys`` and read through ``map`` rather than a
    ``setdefault`` per value in a comprehension (it is asked of every aligned line and, three times, of
    every claim of a story); any numbering of the columns gives the same whole-number products."""
    values = list(chain.from_iterable(sets))
    columns = {value: n for n, value in enumerate(dict.fromkeys(values))}
    cells = np.fromiter(map(columns.__getitem__, values), dtype=np.int64, count=len(values))
    starts = np.cumsum([0, *map(len, sets)])
    incidence = sp.csr_matrix((np.ones(len(cells)), cells, starts), shape=(len(sets), max(len(columns), 1)))
    return (incidence @ incidence.T).toarray(), np.diff(starts).astype(np.float64)


def _disagree(sets: Sequence[frozenset[str]]) -> NDArray[np.bool_]:
    """Pairs whose sets are both non-empty and share nothing."""
    shared, sizes = overlaps(sets)
    held = sizes > 0
    return np.asarray(held[:, None] & held[None, :] & (shared == 0))


def _told_before(claims: Sequence[Claim]) -> NDArray[np.bool_]:
    """Pairs where one claim is dated after the other's article was published (by more than a day)
    while the other names no day: an article cannot report what happened after it was written, so
    "Peskov said on Monday (the 28th)" is not what an undated line of a paper of the 13th says."""
    nan = float("nan")
    days = [[o for d in c.dates if (o := _ordinal(d)) is not None] for c in claims]
    earliest = np.array([min(ds) if ds else nan for ds in days])
    published = np.array([c.published.toordinal() if c.published else nan for c in claims])
    undated = np.array([not c.dates for c in claims])
    with np.errstate(invalid="ignore"):
        late = undated[None, :] & (earliest[:, None] > published[None, :] + 1)
    return np.asarray(late | late.T)


def _ordinal(day: str) -> float | None:
    try:
        return float(date.fromisoformat(day).toordinal())
    except ValueError:
        return None  # a month, a week or a year: too coarse to say it came after
