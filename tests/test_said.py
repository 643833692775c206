"""Who said what as a reader sees it: a denial reads as a denial and a paraphrase carries no quotation
marks, in Markdown, HTML and the web app alike (render/quotes.py words them all)."""

from __future__ import annotations

import dataclasses

from brief_fixture import sample_brief
from storyline.models import Brief, CitedQuote, Span, SpeakerQuotes
from storyline.render import render_html, render_markdown
from storyline.render.quotes import said_line


def _quote(text: str, cue: str, **fields: object) -> CitedQuote:
    content = Span(30, 30 + len(text), text)
    base = CitedQuote(text, "indirect", "a1", "Coastal Herald", "2024-10-14", content, None)
    return dataclasses.replace(base, cue=Span(20, 20 + len(cue), cue), **fields)  # type: ignore[arg-type]


DENIAL = _quote("that the pier was unsafe", "denied", polarity="denies", speaker_kind="person")
PARAPHRASE = _quote("the pier would reopen in May", "told", speaker_kind="person")
REFUSAL = _quote("whether the pier was insured", "refused to say", polarity="denies")
VERBATIM = _quote("We will rebuild", "said", direct=True, kind="direct")


def _brief(*groups: SpeakerQuotes) -> Brief:
    brief = sample_brief()
    return dataclasses.replace(brief, stories=(dataclasses.replace(brief.stories[0], quotes=groups),))


def test_a_denial_reads_as_a_denial() -> None:
    assert said_line("Marit Lunde", DENIAL) == "Marit Lunde denied that the pier was unsafe"
    assert said_line("Marit Lunde", REFUSAL) == "Marit Lunde refused to say whether the pier was insured"
    denied_words = dataclasses.replace(VERBATIM, polarity="denies", cue=Span(0, 6, "denied"))
    assert said_line("Marit Lunde", denied_words) == "Marit Lunde denied: “We will rebuild”"


def test_paraphrase_is_never_in_quotation_marks() -> None:
    assert said_line("Marit Lunde", PARAPHRASE) == "Marit Lunde said the pier would reopen in May"
    assert said_line("Marit Lunde", VERBATIM) == "“We will rebuild”"
    according = _quote("The pier is closed", "According to", speaker_kind="outlet")
    assert said_line("Reuters", according) == "According to Reuters, the pier is closed"
    headline = _quote("The Pier Is Closed", ":")
    assert said_line("Marit Lunde", headline) == "Marit Lunde: The Pier Is Closed"


def test_every_output_words_quotes_alike() -> None:
    brief = _brief(
        SpeakerQuotes("p1", "Marit Lunde", (DENIAL, PARAPHRASE, VERBATIM), "person"),
        SpeakerQuotes(None, "Harbour officials", (PARAPHRASE,), "group"),
    )
    text = render_markdown(brief)
    assert "- Marit Lunde denied that the pier was unsafe — Coastal Herald" in text
    assert "- Marit Lunde said the pier would reopen in May — " in text
    assert "- “We will rebuild” — " in text
    assert "**Harbour officials** *(group)*" in text
    page = render_html(brief)
    assert "Marit Lunde denied that the pier was unsafe" in page
    assert "“the pier would reopen" not in page
    assert 'Harbour officials <span class="count">(group)</span>' in page


def test_a_connective_opening_the_reported_sentence_is_dropped() -> None:
    but = _quote("But the pier is still closed", "said", speaker_kind="organisation")
    assert said_line("Harbour Board", but) == "Harbour Board said the pier is still closed"
    according = _quote("And the pier is closed", "According to", speaker_kind="outlet")
    assert said_line("Reuters", according) == "According to Reuters, the pier is closed"
    butter = _quote("Butter prices rose", "said", speaker_kind="person")  # a word, not a connective
    assert said_line("Marit Lunde", butter) == "Marit Lunde said Butter prices rose"


def test_a_cue_in_the_infinitive_reads_in_the_past() -> None:
    # "..., taking to Twitter to call Fields 'totally delusional'": the speaker called her so
    called = _quote("Fields “totally delusional” for the accusation", "to call")
    expected = "Corey Lewandowski called Fields “totally delusional” for the accusation"
    assert said_line("Corey Lewandowski", called) == expected
    denied = _quote("that the pier was unsafe", "to deny", polarity="denies")
    assert said_line("Marit Lunde", denied) == "Marit Lunde denied that the pier was unsafe"
    told = _quote("the pier would reopen", "to tell")
    assert said_line("Marit Lunde", told) == "Marit Lunde said the pier would reopen"
    # Politico, 2016-05-19 (unseen): "is reported to have called the Saudis 'free riders'" read
    # "Barack Obama to have called the Saudis ..."
    perfect = _quote("the Saudis “free riders”", "to have called")
    assert said_line("Barack Obama", perfect) == "Barack Obama called the Saudis “free riders”"


def test_a_question_put_to_the_speaker_reads_as_put_to_them() -> None:
    # "When asked whether D.C. should have a vote in the House, he said: ..."
    asked = _quote("whether D.C. should have a vote", "asked", polarity="is_asked")
    assert said_line("Donald Trump", asked) == "Donald Trump was asked whether D.C. should have a vote"
    passive = _quote("whether the pier was safe", "was asked", polarity="is_asked")
    assert said_line("Marit Lunde", passive) == "Marit Lunde was asked whether the pier was safe"


def test_a_progressive_cue_reads_in_the_past_and_an_opening_adverb_in_lower_case() -> None:
    # NYT, 2016-08-01 (unseen): "... and is saying he won't rush" read "Mr. Murdoch is said he won't rush"
    saying = _quote("he won't rush into picking a successor", "is saying")
    assert said_line("Rupert Murdoch", saying) == "Rupert Murdoch said he won't rush into picking a successor"
    # "Even if some of Fox News's programming ..., according to Brian Wieser": "Even" is only a capital
    even = _quote("Even if it drives them bananas, it is still a cash generator", "according to")
    expected = "According to Brian Wieser, even if it drives them bananas, it is still a cash generator"
    assert said_line("Brian Wieser", even) == expected
