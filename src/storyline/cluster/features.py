"""What tells one news event from another, per article: words, actors and places, numbers, the date.

Entities come from the annotate stage's mentions. When an article carries none (a cheap path, or the
annotators did not run), capitalised phrases stand in: a rough but fast proxy for names.
"""

from __future__ import annotations

import math
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from storyline.calendar_words import BACKGROUND_DAYS, MONTH_NAMES, WEEKDAY_NAMES
from storyline.cluster.crosslingual import marks, named_days
from storyline.languages import READ_LANGUAGES
from storyline.models import AnnotatedArticle, Mention
from storyline.stop_words import ENGLISH_STOP_WORDS

_WORD = re.compile(r"[a-z][a-z'’-]*[a-z]|\d[\d,.]*\d|\d")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
# a run of capitalised words, joined by the particles names carry ("Bank of England", "Leonardo da Vinci")
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]+(?:\s+(?:of|de|da|van|von|al|bin)?\s*[A-Z][\w'’-]+)*")
_STOP = frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "told", "according", "reported", "just", "like"}
# sentence-initial and calendar words that the capitalised-phrase fallback must not take for names
_NOT_NAMES_TEXT = """the a an he she it they we i you his her their this that these those but and or if in on
    at for"""
_NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split()) | {*WEEKDAY_NAMES, *MONTH_NAMES, "mr", "mrs", "ms", "dr"}
_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART"})
# nationalities and groups ("Russian") are shared by many events: they count, but less than a name
_LABEL_WEIGHT = {"NORP": 0.5}
LEAD_WEIGHT = 2.0  # the headline and lead sentence say what the article is about


@dataclass(frozen=True)
class ArticleFeatures:
    """An article reduced to the counts that clustering compares; JSON-able through ``to_dict``."""

    article_id: str
    words: dict[str, float]
    entities: dict[str, float]
    day: int | None  # ordinal of the day its sentences put the happening on, else of its publication
    event_day: int | None  # the first, from its sentences only
    published: int | None
    length: int
    label: str
    # what translations share (names, figures, dates: ``crosslingual``), compared between articles whose
    # languages differ, where their words say nothing; None for a language unknown
    language: str | None = None
    marks: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.article_id, "w": self.words, "e": self.entities, "d": self.day,
            "s": self.event_day, "p": self.published, "n": self.length, "t": self.label,
            "l": self.language, "m": self.marks,
        }

    @staticmethod
    def from_dict(data: dict[str, object]) -> ArticleFeatures:
        language = data.get("l")  # states saved before languages were compared hold neither
        return ArticleFeatures(
            str(data["id"]), dict(data["w"]), dict(data["e"]),  # type: ignore[call-overload]
            _opt_int(data["d"]), _opt_int(data["s"]), _opt_int(data["p"]), int(data["n"]), str(data["t"]),  # type: ignore[call-overload]
            None if language is None else str(language), dict(data.get("m") or {}),  # type: ignore[call-overload]
        )


def _opt_int(value: object) -> int | None:
    return None if value is None else int(value)  # type: ignore[call-overload]


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lowercase without diacritics or possessives: Erdoğan's → erdogan."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    plain = re.sub(r"['’]s\b", "", plain)
    return " ".join(re.findall(r"[\w-]+", plain))


def _stem(word: str) -> str:
    """A crude suffix strip so that "checks", "checked" and "checking" meet; enough for matching."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=1 << 18)
def _word_key(token: str) -> str | None:
    """The counted form of a token: a stem, "#<number>", or None for a stop word."""
    if token[0].isdigit():
        return "#" + token.replace(",", "").rstrip(".")
    if token in _STOP or len(token) <= 2:
        return None
    return sys.intern(_stem(token))


def word_counts(text: str, weight: float = 1.0, into: dict[str, float] | None = None) -> dict[str, float]:
    counts: dict[str, float] = into if into is not None else {}
    for token, n in Counter(_WORD.findall(text.lower())).items():
        key = _word_key(token)
        if key is not None:
            counts[key] = counts.get(key, 0.0) + weight * n
    return counts


def _entity_keys(text: str, label: str) -> list[str]:
    """The entity's folded name, and for a person the surname too ("Reid" meets "Tara Reid")."""
    name = fold(text)
    if name.startswith("the "):
        name = name[4:]
    if not name:
        return []
    keys = [name]
    parts = name.split()
    if label == "PERSON" and len(parts) > 1:
        keys.append(parts[-1])
    return keys


def entity_counts(mentions: Iterable[Mention]) -> dict[str, float]:
    counts: dict[str, float] = {}
    for mention in mentions:
        if mention.label in _ENTITY_LABELS:
            for key in _entity_keys(mention.text, mention.label):
                counts[key] = counts.get(key, 0.0) + _LABEL_WEIGHT.get(mention.label, 1.0)
    return counts


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip(" \"'“‘(")
    return not before or before[-1] in ".!?\n:"


def capitalised_counts(text: str) -> dict[str, float]:
    """Names guessed from capitalised phrases, for articles that come without mentions."""
    counts: dict[str, float] = {}
    found = [(m[0], _sentence_initial(text, m.start())) for m in _CAPITALISED.finditer(text)]
    # a capitalised word opening a sentence is a name only if it is capitalised mid-sentence too
    mid_sentence = {phrase for phrase, initial in found if not initial}
    for phrase, initial in found:
        words = phrase.split()
        while words and (words[0].lower() in _NOT_NAMES or words[0].lower() in _STOP):
            words = words[1:]
        if initial and len(words) == 1 and phrase not in mid_sentence:
            continue
        if words:
            label = "PERSON" if len(words) in (2, 3) else "OTHER"
            for key in _entity_keys(" ".join(words), label):
                counts[key] = counts.get(key, 0.0) + 1.0
    return counts


def _day(value: str | None) -> int | None:
    match = _DAY.match(value or "")
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3])).toordinal()
    except ValueError:
        return None


def _vote(values: Iterable[str | None], keep: Callable[[int], bool] = lambda _: True) -> int | None:
    """The day named most among those ``keep`` takes, the earliest-placed counting most (a lead states
    the happening)."""
    votes: dict[int, float] = {}
    for position, value in enumerate(values):
        day = _day(value)
        if day is not None and keep(day):
            votes[day] = votes.get(day, 0.0) + 1.0 / (1.0 + position / 3.0)
    return min(votes, key=lambda d: (-votes[d], d)) if votes else None


WEEK = 7  # the reach of a weekday name, back or ahead: "Tuesday" is in the week around the telling


def event_day(annotated: AnnotatedArticle) -> int | None:
    """The day the article's sentences put its happening on; failing that, the day its dates name.

    News reports what is new: with a publication date, a day in the week around it is the happening
    when the article names one (an earlier day is background: "Clinton's last press conference was held
    on Dec. 4"), and a day further ahead is never the happening but a plan ("between now and Nov. 8");
    an earlier day dates it only when the article names no day of its week, and never one so long before
    the telling that the timeline calls it background ("after the Sept. 11, 2001, terrorist attacks" in a
    profile of 2016)."""
    published = annotated.article.published.value
    sentence_days = [s.event_date for s in annotated.sentences]
    dates = [t.value for t in sorted(annotated.times, key=lambda t: t.start) if t.type == "DATE"]
    if published is None:
        return _vote(sentence_days) or _vote(dates)
    today = published.toordinal()
    tiers: tuple[Callable[[int], bool], ...] = (
        lambda d: abs(d - today) <= WEEK,
        lambda d: today - BACKGROUND_DAYS <= d <= today,
    )
    for keep in tiers:
        for values in (sentence_days, dates):
            found = _vote(values, keep)
            if found is not None:
                return found
    return None


@lru_cache(maxsize=4096)
def _damp(count: float) -> float:
    return round(1.0 + math.log(count), 4)


def _damped(counts: dict[str, float]) -> dict[str, float]:
    """Sublinear term frequency: the tenth "police" adds less than the first."""
    return {k: _damp(v) for k, v in sorted(counts.items()) if v > 0}


_TextFeatures = tuple[dict[str, float], dict[str, float], dict[str, float]]  # words, entities, marks
# What ``_text_features`` read, by article id: what it was read from (compared on the next ask) and what
# it found. Bounded: emptied when full, so a long ingest holds no more than this many articles' texts.
_TEXT_READ: dict[str, tuple[tuple[object, ...], _TextFeatures]] = {}
_TEXT_READ_MOST = 1 << 12


def _text_features(annotated: AnnotatedArticle) -> _TextFeatures:
    """The features that depend on the article's words alone (words, entities, marks), damped; read once
    per article and text. A brief featurises an article when it is annotated and again when the story's
    dates move it (266 of ECB+'s 535 articles), and dating changes none of these: on ECB+ the second
    reading was about a third of ``article_features``' CPU. Kept by article id with the text, title,
    lead, mentions and language they came from, which must all be equal (the same objects, mostly, so
    the comparison is by identity first) for the kept reading to be used; callers get copies."""
    article = annotated.article
    language = article.language.code if article.language else None
    lead_sentence = annotated.sentences[0].text if annotated.sentences else None
    source = (article.text, article.title, lead_sentence, annotated.mentions, annotated.title_mentions,
              language)  # fmt: skip
    kept = _TEXT_READ.get(article.id)
    if kept is None or kept[0] != source:
        lead = article.title or ""
        if lead_sentence is not None:
            lead += " " + lead_sentence
        words = word_counts(article.text)
        word_counts(lead, LEAD_WEIGHT - 1.0, into=words)
        mentions = annotated.mentions
        entities = entity_counts(mentions) if mentions else capitalised_counts(article.text)
        for key, count in entity_counts(annotated.title_mentions).items():  # the headline names the event
            entities[key] = entities.get(key, 0.0) + count
        found = _damped(marks(article.title or "", article.text, language)) if language else {}
        if len(_TEXT_READ) >= _TEXT_READ_MOST:
            _TEXT_READ.clear()
        kept = _TEXT_READ[article.id] = (source, (_damped(words), _damped(entities), found))
    words, entities, found = kept[1]
    return dict(words), dict(entities), dict(found)


def article_features(annotated: AnnotatedArticle) -> ArticleFeatures:
    article = annotated.article
    words, entities, found = _text_features(annotated)
    published = article.published.value.toordinal() if article.published.value else None
    language = article.language.code if article.language else None
    stated = event_day(annotated)
    if stated is None and language is not None and language not in READ_LANGUAGES and article.published.value:
        # the time rules read English only: its translation would otherwise be dated by its publication
        # alone and fade away from its original, which the rules date by the day it names
        stated = _vote(d.isoformat() for d in named_days(article.text, language, article.published.value))
    label = article.title or (annotated.sentences[0].text if annotated.sentences else article.text[:120])
    return ArticleFeatures(
        article_id=article.id,
        words=words,
        entities=entities,
        day=stated if stated is not None else published,
        event_day=stated,
        published=published,
        length=len(article.text),
        label=label.strip()[:200],
        language=language,
        marks=found,
    )
