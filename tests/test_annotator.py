"""The annotator reads the headline too: its entities name the event and count for clustering."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from storyline.annotate import dating
from storyline.annotate.annotator import annotate_articles, redate
from storyline.annotate.dating import clues_kept, read_clues
from storyline.annotate.nlp import PARSE_LOG
from storyline.annotate.timex import finder
from storyline.annotate.timex.tense import RecordedTenses
from storyline.cluster.features import article_features
from storyline.models import Article, PublishedDate


def test_headline_entities_are_annotated_and_count_for_clustering() -> None:
    text = "A strong earthquake struck the region on Monday, officials said. Rescue teams arrived at night."
    titled = Article("a", "a.txt", text, PublishedDate.unknown(), title="Earthquake hits Sumatra")
    plain = Article("b", "b.txt", text, PublishedDate.unknown())
    with_title, without = annotate_articles([titled, plain])
    assert [(m.text, m.article_id) for m in with_title.title_mentions] == [("Sumatra", "a")]
    assert without.title_mentions == ()
    start, end = with_title.title_mentions[0].start, with_title.title_mentions[0].end
    assert titled.title is not None and titled.title[start:end] == "Sumatra"
    assert "sumatra" in article_features(with_title).entities
    assert "sumatra" not in article_features(without).entities


def test_a_subheading_is_its_own_sentence_and_the_speaker_below_it_is_named() -> None:
    text = (
        "The envoy spoke first.\n\n"
        "Priorities will be 'jobs and housing': Alvarez\n\n"
        "Mayor Carmen Alvarez, meanwhile, said that the city's priorities will be “jobs and housing\".\n\n"
        '"We are ready to start,” she said.'
    )
    (annotated,) = annotate_articles([Article("c", "c.txt", text, PublishedDate.unknown())])
    starts = [s.start for s in annotated.sentences]
    assert text.index("Mayor") in starts and text.index("Priorities") in starts
    by_content = {q.content.text: q for q in annotated.quotes}
    said = next(q for t, q in by_content.items() if t.startswith("that the city"))
    assert said.source is not None and said.source.text == "Mayor Carmen Alvarez"
    assert by_content['"We are ready to start,”'].speaker == "Carmen Alvarez"


def test_a_wrapped_line_does_not_start_a_sentence() -> None:
    text = "Officials in the capital said on Monday that the\nbridge would reopen within a week."
    (annotated,) = annotate_articles([Article("d", "d.txt", text, PublishedDate.unknown())])
    assert [s.start for s in annotated.sentences] == [0]


def test_a_title_before_a_name_does_not_end_the_sentence() -> None:
    text = (
        "Two firefighters, Lt. Dana Whitlow and Capt. Rory Fenn, were hurt when the roof fell in. "
        "'Nobody expected it,' Const. Mia Ortega said. The blaze was put out by Sgt. Lee Park. "
        "The crew thanked the Lt. Then they went home."
    )
    (annotated,) = annotate_articles([Article("t", "t.txt", text, PublishedDate.unknown())])
    assert [s.text for s in annotated.sentences] == [
        "Two firefighters, Lt. Dana Whitlow and Capt. Rory Fenn, were hurt when the roof fell in.",
        "'Nobody expected it,' Const. Mia Ortega said.",
        "The blaze was put out by Sgt. Lee Park.",
        "The crew thanked the Lt.",
        "Then they went home.",
    ]


def test_a_plural_s_apostrophe_does_not_end_the_sentence() -> None:
    # the parser may cut "riders’" / "“peace of mind,” ..." there: the apostrophe is read as a closing mark
    from storyline.annotate.nlp import PARAGRAPH_BREAKS, load_nlp

    nlp = load_nlp()
    text = "The ferry kept its riders’ “peace of mind,” as one skipper put it. The ‘Bosses’ Union’ met."
    doc = nlp.get_pipe(PARAGRAPH_BREAKS)(nlp.make_doc(text))
    after = {t.text: t.is_sent_start for t in doc if t.i and doc[t.i - 1].text == "’"}
    assert after == {"“": False, "Union": None, "met": False}  # "met": lower case goes on


def test_a_quotation_opened_by_two_apostrophes_starts_its_sentence() -> None:
    # Archive text (NYT via LexisNexis) types both marks as '': the tagger reads the opening one as a
    # closing mark and the parser hung it on the sentence before, with the quote's first words cut off.
    text = (
        "She spoke to Mr. Obama. ''You can read about it,'' Mr. Obama said. ''But she has been there.''"
        "\n\nHe went on, ''She listens.'' ''It is so,'' he said."
    )
    (annotated,) = annotate_articles([Article("q", "q.txt", text, PublishedDate.unknown())])
    assert [s.text.strip() for s in annotated.sentences] == [
        "She spoke to Mr. Obama.",
        "''You can read about it,'' Mr. Obama said.",
        "''But she has been there.''",
        "He went on, ''She listens.''",
        "''It is so,'' he said.",
    ]


def test_an_attribution_after_a_quotation_closed_on_its_own_stop_is_the_same_sentence() -> None:
    text = (
        'The crowd gathered.\n\n"Power to the people!" the group shouted outside a church.\n\n'
        "“Why now?” asked the mayor. “Because.” Then it rained."
    )
    (annotated,) = annotate_articles([Article("p", "p.txt", text, PublishedDate.unknown())])
    assert [s.text.strip() for s in annotated.sentences] == [
        "The crowd gathered.",
        '"Power to the people!" the group shouted outside a church.',
        "“Why now?” asked the mayor.",
        "“Because.”",
        "Then it rained.",
    ]


def test_a_word_in_lower_case_starts_no_sentence_without_a_stop_before_it() -> None:
    text = (  # the parser cut "Welcome" / "to the new 16-inch MacBook Pro." (AppleInsider, AEB)
        "Review\n\n16-inch MacBook Pro review: The keyboard is probably enough to convince those waiting\n\n"
        "Welcome to the new 16-inch MacBook Pro. While it looks quite familiar, it moves.\n\n"
        "iPhone sales rose."
    )
    (annotated,) = annotate_articles([Article("w", "w.txt", text, PublishedDate.unknown())])
    assert [s.text.strip() for s in annotated.sentences][2:] == [
        "Welcome to the new 16-inch MacBook Pro.",
        "While it looks quite familiar, it moves.",
        "iPhone sales rose.",
    ]


def test_no_sentence_starts_after_a_dash_that_follows_a_word() -> None:
    text = (  # the parser cut the clause after the dash off as a sentence of its own (Politico, PolNeAR)
        "The two men met for an hour on Thursday.\n\nAnd soon after it was over, both men issued a "
        "statement expressing optimism about working together – Ryan saying he was “very encouraged” "
        "and Trump calling it a “great meeting.”\n\nBut those platitudes are window dressing."
    )
    (annotated,) = annotate_articles([Article("d", "d.txt", text, PublishedDate.unknown())])
    assert [s.text.strip()[:22] for s in annotated.sentences] == [
        "The two men met for an", "And soon after it was ", "But those platitudes a"
    ]


def test_redating_reads_the_tenses_the_annotator_read_and_parses_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "The minister met her counterpart on Monday. The two will meet again on Friday in Geneva."
    article = Article("t", "t.txt", text, PublishedDate(date(2022, 3, 16), "explicit", "header", 0.9))
    (annotated,) = annotate_articles([article])
    assert annotated.tenses, "the annotator keeps the tense of each span it resolved"
    monkeypatch.setattr(finder, "parse_many", _no_parse)  # a second parse would be a bug now
    moved = redate(annotated, PublishedDate(date(2022, 3, 23), "story", "peers", 0.8))
    assert [t.value for t in moved.times if t.text in ("Monday", "Friday")] == ["2022-03-21", "2022-03-25"]


def test_story_dating_reads_the_clues_the_annotator_read_even_in_another_process() -> None:
    text = "MADRID, May 3 -- Officials said on Tuesday that the bridge will reopen on Friday."
    article = Article("u", "u.txt", text, PublishedDate(date(2022, 5, 3), "explicit", "header", 0.9))
    (annotated,) = annotate_articles([article])
    kept = dating._CLUES.pop(text)  # what a process that never annotated the article would lack
    assert not clues_kept(annotated.article)
    read_clues(annotated.article, RecordedTenses(_no_tense_asked, annotated.tenses))
    assert dating._CLUES[text] == kept


def test_an_undated_article_dated_by_its_story_is_not_parsed_again(monkeypatch: pytest.MonkeyPatch) -> None:
    # undated, nothing asks a tense at first; dated later, "Monday night" asks the tense of "Monday",
    # a span the annotator had not asked (and a second parse of the sentence used to answer)
    text = "The minister met her counterpart on Monday night. The two will meet again in Geneva."
    (annotated,) = annotate_articles([Article("v", "v.txt", text, PublishedDate.unknown())])
    monkeypatch.setattr(finder, "parse_many", _no_parse)  # its tenses were all read from the first parse
    moved = redate(annotated, PublishedDate(date(2022, 3, 23), "story", "peers", 0.8))
    assert [t.value for t in moved.times if t.text == "Monday night"] == ["2022-03-21TNI"]


def test_every_text_is_parsed_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """One article under two names, a headline that is its article's whole text, a headline two
    articles share: each text is parsed once (the parse log the speed benchmark counts with)."""
    monkeypatch.setenv(PARSE_LOG, str(tmp_path))
    body = "Rescue teams reached Padang on Monday, officials said."
    short = "Earthquake hits Sumatra."
    articles = [
        Article("a", "a.txt", body, PublishedDate.unknown(), title="Quake in Padang"),
        Article("b", "b.txt", body, PublishedDate.unknown(), title="Quake in Padang"),
        Article("c", "c.txt", short, PublishedDate.unknown(), title=short),
    ]
    first, second, third = annotate_articles(articles)
    parsed = [json.loads(line) for path in tmp_path.glob("*.jsonl") for line in path.read_text().splitlines()]
    assert sorted(parsed) == sorted([body, short, "Quake in Padang"])
    assert [m.text for m in first.mentions] == [m.text for m in second.mentions] == ["Padang"]
    assert [m.text for m in third.title_mentions] == ["Sumatra"]
    assert [m.text for m in second.title_mentions] == ["Padang"]


def _no_parse(sentences: list[str]) -> list[object]:
    raise AssertionError(f"parsed again: {sentences}")


def _no_tense_asked(start: int, end: int) -> int:
    raise AssertionError(f"the tense of {start}..{end} was not kept")


def test_pres_before_a_name_does_not_end_the_sentence() -> None:
    text = "In the April issue of The Atlantic, Pres. Obama admits the military action didn't work."
    (annotated,) = annotate_articles([Article("p", "p.txt", text, PublishedDate.unknown())])
    assert [s.text for s in annotated.sentences] == [text]


def test_a_name_and_its_cue_after_a_question_closed_in_quotation_marks_are_the_same_sentence() -> None:
    # NYT, 2016-08-17: "Mr. Biden said, clutching the lectern with two hands." was a summary line
    text = (
        "Mr. Biden described himself as her ''Obama whisperer.''\n\n''She'd look at me and say, 'What did he "
        "mean by that?''' Mr. Biden said, clutching the lectern.\n\n"
        '"Is it fair?" Smith asked. "Yes!" He smiled.'
    )
    (annotated,) = annotate_articles([Article("b", "b.txt", text, PublishedDate.unknown())])
    assert [s.text.strip() for s in annotated.sentences] == [
        "Mr. Biden described himself as her ''Obama whisperer.''",
        "''She'd look at me and say, 'What did he mean by that?''' Mr. Biden said, clutching the lectern.",
        '"Is it fair?" Smith asked.',
        '"Yes!"',
        "He smiled.",
    ]
