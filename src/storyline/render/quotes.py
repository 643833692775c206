"""Quotes and support as a reader sees them: the same words carried by several articles shown once,
verbatim words in quotation marks and paraphrase as paraphrase ("X said that ..."), a denial as a
denial ("X denied that ..."). Markdown, HTML and the web app all word a quote here."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.models import CitedQuote, SpeakerKind

_NOT_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class ShownQuote:
    """A quote's words with every article that carries them, earliest first."""

    first: CitedQuote
    carriers: tuple[CitedQuote, ...]

    @property
    def outlets(self) -> list[str]:
        return list(dict.fromkeys(q.outlet for q in self.carriers if q.outlet))

    @property
    def article_ids(self) -> list[str]:
        return list(dict.fromkeys(q.article_id for q in self.carriers))


def shown_quotes(quotes: Sequence[CitedQuote]) -> list[ShownQuote]:
    """``quotes`` in their order, those whose words are the same (case, spacing, marks aside) merged."""
    by_words: dict[str, list[CitedQuote]] = {}
    for quote in quotes:
        words = _NOT_WORD.sub(" ", quote.text.lower()).strip()
        by_words.setdefault(f"{quote.polarity} {quote.direct} {words}", []).append(quote)
    return [ShownQuote(group[0], tuple(group)) for group in by_words.values()]


def counted(count: int, word: str, plural: str | None = None) -> str:
    """ "1 event", "3 events", "2 stories": a count with its noun in the right number (every output)."""
    return f"{count} {word}" if count == 1 else f"{count} {plural or word + 's'}"


def support(outlets: Sequence[str], origins: int) -> str:
    """ "2 outlets, 3 origins"; articles naming no outlet count by origin alone, not as 0 outlets."""
    if not outlets:
        return f"outlet unknown, {counted(origins, 'origin')}"
    return f"{counted(len(outlets), 'outlet')}, {counted(origins, 'origin')}"


# Participles and addressed forms of cues, as they read after a speaker's name: "saying" → "said".
_CUE_FORMS = {
    "saying": "said",
    "telling": "said",
    "told": "said",
    "tells": "says",
    "tell": "say",
    "adding": "added",
    "noting": "noted",
    "arguing": "argued",
    "claiming": "claimed",
    "writing": "wrote",
    "asking": "asked",
    "denying": "denied",
    "insisting": "insisted",
    "warning": "warned",
    "explaining": "explained",
    "calling": "called",
    "suggesting": "suggested",
    "declaring": "declared",
}
_SPEAKER_LABELS: dict[str, str] = {"group": "group", "unnamed": "unnamed", "outlet": "outlet, reporting"}
_LOWER_OPENERS_WORDS = """
    the a an it this that these those there we they he she his her its our their but and or so yet in on
    at for after before with as if when while no not all some both many more most one two three
    like unlike even although though because since unless until despite without under over about among
    once only just now then still also however already instead indeed perhaps rather whether what how
    why where each every any none such other another you"""
_LOWER_OPENERS = frozenset(_LOWER_OPENERS_WORDS.split())


def speaker_label(kind: SpeakerKind | None) -> str | None:
    """What a speaker's heading adds to its name: "group", "unnamed", "outlet, reporting"."""
    return _SPEAKER_LABELS.get(kind or "")


# Past forms of the cue verbs that are not the verb plus "-ed" or "-d" (a "y" after a consonant is "-ied").
_IRREGULAR_PAST = {
    "say": "said", "tell": "told", "write": "wrote", "think": "thought", "find": "found", "know": "knew",
    "feel": "felt", "speak": "spoke", "give": "gave", "hear": "heard", "admit": "admitted",
    "rebut": "rebutted", "quip": "quipped", "slam": "slammed", "brag": "bragged", "dub": "dubbed",
}


def _past(verb: str) -> str:
    """The simple past of a cue verb given in its base form: "call" → "called", "deny" → "denied"."""
    lower = verb.lower()
    if lower in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[lower]
    if lower.endswith("e"):
        return verb + "d"
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        return verb[:-1] + "ied"
    return verb + "ed"


_PASSIVE_AUX = frozenset({"is", "are", "was", "were", "be", "been", "being", "get", "got"})
_PROGRESSIVE_AUX = frozenset({"is", "are", "was", "were", "been", "'s", "'re"})


def _verb(quote: CitedQuote) -> str:
    cue = " ".join(quote.cue.text.split()) if quote.cue is not None else ""
    if not cue:
        return {"denies": "denied", "asks": "asked"}.get(quote.polarity, "said")
    words = cue.split()
    if quote.polarity == "is_asked" and not _PASSIVE_AUX.intersection(w.lower() for w in words):
        # "When asked whether ..., he said": the question was put to him ("Trump was asked whether"),
        # never "Trump asked whether"
        return f"was {words[-1].lower()}"
    if len(words) == 2 and words[0].lower() == "to":
        # a cue in the infinitive ("taking to Twitter to call Fields 'delusional'") reads in the past
        # after its speaker's name: "Lewandowski called Fields ..."
        words = [_past(words[1])]
    elif len(words) == 3 and words[0].lower() == "to" and words[1].lower() == "have":
        # the perfect infinitive ("is reported to have called the Saudis 'free riders'") names a past
        # act by its participle: "Obama called the Saudis ..."
        words = [words[2]]
    if len(words) >= 2 and words[-2].lower() in _PROGRESSIVE_AUX and words[-1].lower() in _CUE_FORMS:
        # "is saying he won't rush" reads "said he won't rush" after the name (not "is said", a passive)
        words = [*words[:-2], words[-1]]
    words[-1] = _CUE_FORMS.get(words[-1].lower(), words[-1])
    return " ".join(words)[:1].lower() + " ".join(words)[1:]


_CONNECTIVES = frozenset({"but", "and", "yet"})  # tie a sentence to the one before it, not to the claim


def _opening(text: str) -> str:
    """A paraphrase's first word lowercased after the verb when it is only a sentence's capital; a
    connective that opened the reported sentence is dropped ("But the plan is tilted toward the rich,
    the Tax Foundation said" reads "Tax Foundation said the plan is ...")."""
    first, _, rest = text.partition(" ")
    if first.lower() in _CONNECTIVES and rest.strip():
        text = rest.lstrip()
        first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first.lower() in _LOWER_OPENERS else text


def said_line(speaker: str, quote: CitedQuote) -> str:
    """How one quote reads: “verbatim words”, or “X denied that ...”, “X said ...”, “According to X,
    ...”, with the cue's own words, so a denial or a question never reads as a claim."""
    verbatim = quote.direct or quote.kind == "direct"  # a brief written before schema 1.5 has kind only
    if verbatim and quote.polarity == "asserts":
        return f"“{quote.text}”"
    verb = _verb(quote)
    if verbatim:
        return f"{speaker} {verb}: “{quote.text}”"
    if verb.lower() == "according to":
        return f"According to {speaker}, {_opening(quote.text)}"
    if verb.endswith(":"):  # a headline's "Obama on Climate Change: The Trends Are ..." keeps its case
        return f"{speaker} {verb} {quote.text}" if verb != ":" else f"{speaker}: {quote.text}"
    return f"{speaker} {verb} {_opening(quote.text)}"
