"""The faster readings of claims, facts and actors (issue 19, one core) give exactly what the plain code
they replace gave, on the seeds as the annotator reads them: a claim's words read once for its stems,
numbers and days; ``only_claimed`` and ``trimmed`` answered once per sentence; TF-IDF's log taken of the
present cells only; a fact's clearest wording by the mean ``np.mean`` takes; the actor merge's records
copied without ``dataclasses.replace`` and its speakers found through each article's first ids; the
timeline's content words as one set difference."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.annotate import actors
from storyline.annotate.actors import merge_actors
from storyline.annotate.annotator import annotate_articles
from storyline.annotate.names import key
from storyline.compose import claims as claims_module
from storyline.compose.claims import (
    _WORD,
    MIN_CLAIM_WORDS,
    _counts,
    _normal,
    claim_stems,
    claimed_because,
    make_claims,
    only_claimed,
    similarity,
    tfidf_matrix,
    trimmed,
)
from storyline.compose.facts import clarity, clearest
from storyline.compose.timeline import STOP_WORDS, content_words
from storyline.compose.timeline import WORD as TIMELINE_WORD
from storyline.compose.words import MONTHS, NUMBER_WORDS, WEEKDAYS, WORD, content_stems, dates_in, numbers_in
from storyline.config import load_settings
from storyline.models import AnnotatedArticle, Mention, Quote, Sentence, Span
from storyline.pipeline import read_and_extract
from storyline.progress import Silent


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> list[AnnotatedArticle]:
    found, _ = read_and_extract([str(seeds_dir)], load_settings(), Silent())
    annotated = [a for a in annotate_articles(found) if isinstance(a, AnnotatedArticle)]
    assert len(annotated) >= 4
    return annotated


def _plain_numbers(text: str) -> set[str]:
    found = {n.replace(",", "") for n in re.findall(r"\d+(?:[.,:]\d+)*", text)}
    found |= {NUMBER_WORDS[w] for w in WORD.findall(text.lower()) if w in NUMBER_WORDS}
    return found


def _plain_dates(text: str) -> set[str]:
    words = {w.lower().rstrip(".") for w in WORD.findall(text)}
    return {w for w in words if w in MONTHS or w in WEEKDAYS}


def _plain_claim_stems(sentence: Sentence, title: str | None) -> tuple[str, ...] | None:
    text = sentence.text.strip()
    if len(_WORD.findall(text)) < MIN_CLAIM_WORDS or not claims_module._LETTERS.search(text):
        return None
    if not (text[-1] in ".!\"”'’)]" or len(text.split()) > 25):
        return None
    stems = content_stems(text)
    return None if title is not None and " ".join(stems) == title else stems


TEXT = st.text(alphabet=st.sampled_from("OoNnEeTtWwİiıMmAaYyFfRrDd 12.,:-’'\u0307ΣσK"), max_size=50)


@given(TEXT)
def test_numbers_and_days_from_words_read_once_are_those_of_the_text(text: str) -> None:
    words = WORD.findall(text)
    assert numbers_in(text, words) == numbers_in(text) == _plain_numbers(text)
    assert dates_in(text, words) == dates_in(text) == _plain_dates(text)


def test_a_dotted_capital_i_lowers_to_two_characters_and_is_read_from_the_lowered_text() -> None:
    text = "İone said it"  # "İ".lower() is "i" and a combining dot: "one" is a word of the lowered text
    assert numbers_in(text, WORD.findall(text)) == _plain_numbers(text) == {"1"}


def test_claims_read_each_sentence_as_the_plain_code_did(seeds: list[AnnotatedArticle]) -> None:
    seen = 0
    for annotated in seeds:
        title = _normal(annotated.article.title) if annotated.article.title else None
        for sentence in map(trimmed, annotated.sentences):
            assert claim_stems(sentence, title) == _plain_claim_stems(sentence, title)
            words = WORD.findall(sentence.text)
            assert numbers_in(sentence.text, words) == _plain_numbers(sentence.text)
            assert dates_in(sentence.text, words) == _plain_dates(sentence.text)
            seen += 1
    claims = make_claims(seeds)
    titles = {a.article.id: _normal(a.article.title) if a.article.title else None for a in seeds}
    assert seen > 60 and len(claims) > 30
    for claim in claims:
        assert claim.stems == _plain_claim_stems(claim.sentence, titles[claim.article_id])
        assert claim.numbers == frozenset(_plain_numbers(claim.text))


def test_only_claimed_is_answered_once_per_article_and_sentence(seeds: list[AnnotatedArticle]) -> None:
    reasons = 0
    for annotated in seeds:
        for sentence in map(trimmed, annotated.sentences):
            plain = claimed_because(annotated, sentence)
            assert only_claimed(annotated, sentence) == plain == only_claimed(annotated, sentence)
            reasons += plain is not None
            # another article with the same spans (a copy without its quotes) is asked afresh
            bare = dataclasses.replace(annotated, quotes=())
            assert only_claimed(bare, sentence) == claimed_because(bare, sentence)
    assert reasons > 0  # the seeds quote people: some sentences are theirs


def test_trimmed_sentences_are_cached_and_equal(seeds: list[AnnotatedArticle]) -> None:
    sentence = seeds[0].sentences[0]
    assert trimmed(sentence) is trimmed(sentence)
    assert trimmed(dataclasses.replace(sentence)) == trimmed(sentence)


def _plain_tfidf(docs: list[tuple[str, ...]]) -> np.ndarray:
    matrix = _counts(docs)
    df = (matrix > 0).sum(axis=0)
    idf = np.log((1.0 + len(docs)) / (1.0 + df)) + 1.0
    matrix = np.where(matrix > 0, 1.0 + np.log(np.maximum(matrix, 1.0)), 0.0) * idf
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.asarray(matrix / np.where(norms == 0, 1.0, norms), dtype=np.float64)


def test_tfidf_takes_the_log_of_present_cells_with_the_plain_values(seeds: list[AnnotatedArticle]) -> None:
    docs = [c.stems for c in make_claims(seeds)]
    for rows in (docs, docs[:7], [*docs, ()], [()]):
        fast, plain = tfidf_matrix(rows), _plain_tfidf(rows)
        assert fast.shape == plain.shape
        assert np.array_equal(fast, plain) and np.array_equal(np.signbit(fast), np.signbit(plain))


def _plain_clearest(members: list[int], claims: list, sims: np.ndarray, typical: np.ndarray) -> int:
    def score(i: int) -> tuple[float, str, int]:
        central = float(np.mean(sims[i, list(members)])) if len(members) > 1 else 1.0
        return (central + clarity(claims[i]) + 2.0 * float(typical[i]), claims[i].article_id,
                -claims[i].sentence.start)  # fmt: skip

    return max(members, key=score)


def test_the_clearest_wording_is_chosen_by_the_plain_mean(seeds: list[AnnotatedArticle]) -> None:
    claims = make_claims(seeds)
    lexical = tfidf_matrix(c.stems for c in claims)
    sims = similarity(lexical, claims)
    centre = lexical.sum(axis=0)
    typical = lexical @ (centre / (np.linalg.norm(centre) or 1.0))
    rng = np.random.default_rng(19)
    for size in (1, 2, 3, 8, 9, 17, 40):
        for _ in range(5):
            members = sorted(rng.choice(len(claims), size=min(size, len(claims)), replace=False).tolist())
            assert clearest(members, claims, sims, typical) == _plain_clearest(members, claims, sims, typical)
            row = sims[members[0], members]
            assert float(row.sum()) / len(members) == float(np.mean(row))


def test_records_copied_without_replace_equal_replaced_ones() -> None:
    mention = Mention("a", 0, 5, "Peskov", "PERSON", "person")
    assert actors._replaced(mention, actor_id="x") == dataclasses.replace(mention, actor_id="x")
    assert mention.actor_id is None  # the original is left as it was
    quote = Quote("a", "direct", Span(0, 3, "abc"), None, None, speaker="Peskov")
    copied = actors._replaced(quote, speaker_id="y")
    assert copied == dataclasses.replace(quote, speaker_id="y") and hash(copied) == hash(
        dataclasses.replace(quote, speaker_id="y")
    )


def test_merged_speakers_are_those_of_the_plain_scan(seeds: list[AnnotatedArticle]) -> None:
    found, merged = merge_actors(seeds)
    by_key = {key(variant): a.id for a in found for variant in a.variants}
    speakers = 0
    for article in merged:
        ids = [m.actor_id for m in article.mentions]
        for quote in article.quotes:
            plain = None
            if quote.speaker:
                wanted = key(quote.speaker)
                local = [ids[i] for i, m in enumerate(article.mentions) if key(m.text) == wanted and ids[i]]
                plain = local[0] if local else by_key.get(wanted)
            assert quote.speaker_id == plain
            speakers += plain is not None
    assert speakers > 5


def _plain_content_words(text: str) -> frozenset[str]:
    lowered = (m.group().lower() for m in TIMELINE_WORD.finditer(text))
    return frozenset(w for w in lowered if w not in STOP_WORDS)


@given(TEXT)
def test_timeline_content_words_are_those_of_the_plain_scan(text: str) -> None:
    assert content_words(text) == _plain_content_words(text)


def test_timeline_content_words_of_the_seeds(seeds: list[AnnotatedArticle]) -> None:
    for annotated in seeds:
        for sentence in annotated.sentences:
            assert content_words(sentence.text) == _plain_content_words(sentence.text)
