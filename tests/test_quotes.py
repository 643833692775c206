"""Quotes: each attribution form, speaker resolution, and the seeds' quotes with their speakers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from storyline.annotate.actors import merge_actors
from storyline.annotate.cues import SourceParts
from storyline.annotate.mentions import find_mentions
from storyline.annotate.nlp import load_nlp
from storyline.annotate.quote_marks import find_quotations
from storyline.annotate.quotes import find_quotes
from storyline.annotate.speakers import fullest_name, resolve
from storyline.compose.speakers import who_said_what
from storyline.models import Actor, AnnotatedArticle, Article, Mention, PublishedDate, Quote, Span

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture(scope="session")
def nlp() -> Any:
    return load_nlp()


def quotes_of(nlp: Any, text: str) -> list[Quote]:
    doc = nlp(text)
    return find_quotes(doc, "a1", find_mentions(doc, "a1"))


def only(quotes: list[Quote], fragment: str) -> Quote:
    found = [q for q in quotes if fragment in q.content.text]
    assert len(found) == 1, [q.content.text for q in quotes]
    return found[0]


def test_quotation_marks_pair_curly_straight_and_paragraphs() -> None:
    text = '“One,” he said, "two."\n\n“Three goes on.\n\n“And ends here.”\n\nNo “close here\n\nNext.'
    spans = [text[a:b] for a, b in find_quotations(text)]
    assert spans == ["“One,”", '"two."', "“Three goes on.\n\n“And ends here.”", "“close here"]


def test_direct_quote_after_cue_sentence(nlp: Any) -> None:
    quote = only(quotes_of(nlp, '"We are ready to talk," Maria Lopez said on Monday.'), "ready")
    assert quote.kind == "direct"
    assert quote.content.text == '"We are ready to talk,"'
    assert quote.cue is not None and quote.cue.text == "said"
    assert quote.source is not None and quote.source.text == "Maria Lopez"
    assert quote.speaker == "Maria Lopez"


def test_quote_broken_by_its_cue_gives_both_halves_one_speaker(nlp: Any) -> None:
    quotes = quotes_of(nlp, "“We are ready,” John Smith said, “to talk.”")
    assert [q.content.text for q in quotes] == ["“We are ready,”", "“to talk.”"]
    assert {q.speaker for q in quotes} == {"John Smith"}
    assert {q.cue.text for q in quotes if q.cue} == {"said"}


def test_a_quote_broken_by_a_source_before_its_cue_holds_no_source(nlp: Any) -> None:
    # NYT, 2016-02-18: the first half read "''The voters are furious,'' Mr. Gidley"
    text = (
        "Hogan Gidley spoke. ''The voters are furious,'' Mr. Gidley said, ''and they're not letting a stump "
        "speech sway their vote.''"
    )
    contents = [q.content.text for q in quotes_of(nlp, text)]
    assert contents[0] == "''The voters are furious,''"
    assert contents[1].startswith("''and they're not letting")


def test_a_cue_between_dashes_reports_the_words_between_them(nlp: Any) -> None:
    # NYT, 2016-08-17: "said" reported the whole sentence before the dash, "Mr. Biden suggested" and all
    text = (
        "Joe Biden spoke. Mr. Biden suggested Mr. Trump had demonstrated a fondness for brutal leaders like "
        "Saddam Hussein - ''He would have loved Stalin,'' Mr. Biden said twice - and repeatedly reminded the "
        "crowd of the stakes."
    )
    contents = {q.cue.text: q.content.text for q in quotes_of(nlp, text) if q.cue}
    assert contents["said"] == "''He would have loved Stalin,''"
    # a pair of dashes within one side sets off words of that side (USA Today, 2016-02-18)
    text = (
        "Walter Stone is a professor. As Election Day nears, Stone says, the number of real independents -- "
        "always exaggerated to begin with -- shrinks as those in the middle flee."
    )
    contents = [q.content.text for q in quotes_of(nlp, text)]
    assert contents[-1].startswith("the number of real independents -- always exaggerated")


def test_a_content_never_ends_on_a_conjunction(nlp: Any) -> None:
    # AP via Politico, 2016-08-17: "Ina Kirsch said she had met with Manafort twice but"
    text = (
        "Ina Kirsch spoke. She said she had met with Manafort twice but said neither Manafort nor Gates "
        "played a role in its lobbying activities."
    )
    contents = [q.content.text for q in quotes_of(nlp, text)]
    assert "she had met with Manafort twice" in contents


def test_indirect_speech_with_that(nlp: Any) -> None:
    quote = only(quotes_of(nlp, "Anna Berg said on Monday, however, that the talks would go on."), "talks")
    assert quote.kind == "indirect"
    assert quote.content.text == "that the talks would go on"
    assert quote.speaker == "Anna Berg"


def test_told_reporters(nlp: Any) -> None:
    quote = only(quotes_of(nlp, "Mayor Tom Reed told reporters the bridge would reopen in May."), "bridge")
    assert quote.content.text == "the bridge would reopen in May"
    assert quote.cue is not None and quote.cue.text == "told"
    assert quote.speaker == "Tom Reed"


def test_who_is_urged_to_act_is_part_of_what_was_urged(nlp: Any) -> None:
    # NYT, 2016-05-19 (unseen): "urged the administration to raise the cutoff" read "Proponents like
    # Mr. Eisenbrey urged to raise the cutoff", as if they meant to raise it themselves
    text = "Proponents like Mr. Eisenbrey urged the administration to raise the cutoff to $51,000."
    urged = only(quotes_of(nlp, text), "cutoff")
    assert urged.content.text == "the administration to raise the cutoff to $51,000"
    assert only(quotes_of(nlp, "The mayor asked residents to stay indoors."), "indoors").content.text == (
        "residents to stay indoors"
    )
    assert only(quotes_of(nlp, "The minister vowed to fight on."), "fight").content.text == "to fight on"


def test_words_after_a_quotations_comma_describing_its_source_are_not_said(nlp: Any) -> None:
    # HuffPost, 2016-05-19 (unseen): the apposition's comma missing, "another friend" was read as words
    # of the quotation ('Mariam Emara said “She is also a mother for three young boys,” another friend')
    text = (
        "Hamdy was also headed to Cairo, her friend said. She had been visiting her sister in Paris, per "
        "CTV News. “She is also a mother for three young boys,” another\xa0friend, Mariam Emara told CNN. "
        "“She used to give lectures.”"
    )
    quote = only(quotes_of(nlp, text), "three young boys")
    assert quote.content.text == "“She is also a mother for three young boys,”"
    assert quote.direct and quote.speaker == "Mariam Emara"


def test_a_reported_clauses_subject_the_parser_took_for_the_cues_object_is_reported(nlp: Any) -> None:
    # Breitbart and the Washington Post, 2016-05 (unseen): "Republicans suggest might be preferable",
    # "Democrats fear will hurt Clinton's chances"
    text = "They were critical of Republicans who suggest Hillary Clinton might be preferable to Trump."
    assert only(quotes_of(nlp, text), "preferable").content.text == (
        "Hillary Clinton might be preferable to Trump"
    )
    text = "Democrats fear party's split will hurt Clinton's chances against Trump."
    feared = only(quotes_of(nlp, text), "chances")
    assert feared.content.text == "party's split will hurt Clinton's chances against Trump"


def test_a_noun_the_parser_took_for_the_reported_clause_is_not_reported(nlp: Any) -> None:
    # NYT, 2016-06-08 (unseen): "Roy M. Neel said years that women in the South ..."
    text = (
        "Roy M. Neel, who managed Al Gore's 1992 presidential campaign, said in an oral history of the Bill "
        "Clinton years that women in the South particularly disliked Mrs. Clinton, because she ''appeared to "
        "be something of an affront to their sense of who they were.''"
    )
    said = only(quotes_of(nlp, text), "disliked")
    assert said.content.text == "that women in the South particularly disliked Mrs. Clinton"


def test_the_subject_a_relative_clause_leaves_out_is_put_back_in_brackets(nlp: Any) -> None:
    # Washington Post, 2016-05-05 (unseen): Who said what read "Sanders aides argue is possible"
    text = (
        "Devine said it will be difficult unless Sanders finishes on a strong streak - something Sanders "
        "aides argue is possible after Tuesday's victory."
    )
    argued = only([q for q in quotes_of(nlp, text) if q.speaker != "Devine"], "possible after")
    assert argued.content.text == "is possible after Tuesday's victory"
    assert argued.gap is not None and argued.gap.text == "something"
    text = "The Mexican government, which Trump said had sent immigrants across the border, protested."
    sent = only(quotes_of(nlp, text), "immigrants")
    assert sent.gap is not None and sent.gap.text == "The Mexican government"
    said = only(quotes_of(nlp, "Officials who said the plan would fail left early."), "plan")
    assert said.gap is None  # the officials speak: nothing is left out
    shown = _said(nlp, "The Mexican government, which Donald Trump said had sent criminals, protested.")
    assert shown == [("Donald Trump", "[The Mexican government] had sent criminals")]


def test_according_to(nlp: Any) -> None:
    quote = only(quotes_of(nlp, "According to the health ministry, 40 people were injured."), "injured")
    assert quote.content.text == "40 people were injured"
    assert quote.cue is not None and quote.cue.text == "According to"
    assert quote.source is not None and quote.source.text == "the health ministry"


def test_cue_aside_after_the_content(nlp: Any) -> None:
    text = "The city will rebuild the school before winter, the mayor, Jane Doe, said."
    quote = only(quotes_of(nlp, text), "rebuild")
    assert quote.content.text == "The city will rebuild the school before winter"
    assert quote.speaker == "Jane Doe"


def test_a_purpose_clause_with_a_speech_verb_is_no_aside(nlp: Any) -> None:
    # "to complain" hangs on the main clause but speaks for no one: the main clause is not its words
    text = (
        "PHILADELPHIA, July 29 (UPI) — Fans of the actor have taken to social media to complain about "
        "him attending the convention on Wednesday."
    )
    assert not [q.content.text for q in quotes_of(nlp, text)]


def test_mixed_quote(nlp: Any) -> None:
    quote = only(quotes_of(nlp, 'Sam Ortiz said the plan was "a disaster" for farmers.'), "disaster")
    assert quote.kind == "mixed"
    assert quote.content.text == 'the plan was "a disaster" for farmers'


def test_quote_over_several_paragraphs_is_one_content(nlp: Any) -> None:
    text = 'Lena Park said:\n\n"The first part.\n\n"And the second part."\n\nOthers disagreed.'
    quote = only(quotes_of(nlp, text), "first part")
    assert quote.content.text == '"The first part.\n\n"And the second part."'
    assert quote.speaker == "Lena Park"


def test_pronoun_resolves_to_last_named_person(nlp: Any) -> None:
    text = 'Officials met on Monday. Karl Weber spoke first.\n\n"We need more time," he said.'
    assert only(quotes_of(nlp, text), "time").speaker == "Karl Weber"


def test_description_resolves_through_a_stated_role(nlp: Any) -> None:
    text = (
        "Kremlin spokesperson Dmitry Peskov spoke on Monday.\n\n"
        "The Kremlin spokesperson said that no progress had been made."
    )
    assert only(quotes_of(nlp, text), "progress").speaker == "Dmitry Peskov"


def test_unresolvable_description_says_why(nlp: Any) -> None:
    quote = only(quotes_of(nlp, "The delegate said that the vote would be delayed again."), "vote")
    assert quote.speaker is None
    assert quote.unresolved is not None and "delegate" in quote.unresolved
    # one person described, not named, is shown as such
    quote = only(quotes_of(nlp, "A delegate said that the vote would be delayed again."), "vote")
    assert (quote.speaker, quote.speaker_kind) == ("A delegate", "unnamed")


def test_cue_inside_a_quotation_is_not_an_attribution(nlp: Any) -> None:
    quotes = quotes_of(nlp, '"I think the deal is done," Omar Hadi said.')
    assert [q.content.text for q in quotes] == ['"I think the deal is done,"']


def test_doubled_single_marks_are_quotation_marks(nlp: Any) -> None:
    text = "''We finally see some growth,'' said Anna Berg, an economist."
    assert [text[a:b] for a, b in find_quotations(text)] == ["''We finally see some growth,''"]
    quote = only(quotes_of(nlp, text), "growth")
    assert quote.kind == "direct" and quote.speaker == "Anna Berg"


def test_markup_attributes_are_not_quotations() -> None:
    assert find_quotations('<tweet id="123" author="@someone">Hello there</tweet>') == []


def test_colon_introduces_a_quotation(nlp: Any) -> None:
    text = "In an interview, Maria Lopez went even further: “This deal is dead and everyone knows it.”"
    quote = only(quotes_of(nlp, text), "deal is dead")
    assert quote.cue is not None and quote.cue.text.endswith(":")
    assert quote.speaker == "Maria Lopez"


def test_relative_pronoun_is_the_source_and_its_noun_the_speaker(nlp: Any) -> None:
    text = "Voters cheered Tom Reed, who said that taxes would fall next year."
    quote = only(quotes_of(nlp, text), "taxes")
    assert quote.source is not None and quote.source.text == "who"
    assert quote.speaker == "Tom Reed"


def test_passive_speech_verb_names_no_speaker(nlp: Any) -> None:
    quote = only(quotes_of(nlp, "Anna Berg was asked whether the plant would close this year."), "plant")
    # no source words speak; the question is put to Anna Berg, and the quote says so
    assert quote.source is None and (quote.speaker, quote.polarity) == ("Anna Berg", "is_asked")


def test_a_lone_title_in_quotes_is_not_a_quote(nlp: Any) -> None:
    quotes = quotes_of(nlp, 'Anna Berg said on "Morning Joe" that the plant would close soon.')
    assert all(q.content.text != '"Morning Joe"' for q in quotes)


def test_offsets_point_into_the_text(nlp: Any) -> None:
    text = 'Ruth Kim said that "prices will fall" soon. "Maybe not," Ben Cole told reporters.'
    for quote in quotes_of(nlp, text):
        for span in (quote.content, quote.cue, quote.source):
            assert span is None or text[span.start : span.end] == span.text


def test_quoted_as_saying_names_the_one_quoted_not_the_outlet(nlp: Any) -> None:
    text = "Maria Lopez was quoted earlier by local newspapers as saying that the bridge would reopen in May."
    quote = only(quotes_of(nlp, text), "bridge")
    assert quote.source is not None and quote.source.text == "Maria Lopez"
    assert quote.speaker == "Maria Lopez"


def test_a_statement_sent_saying_something_is_the_senders(nlp: Any) -> None:
    text = "The city council issued a statement saying that the bridge would reopen in May."
    quote = only(quotes_of(nlp, text), "bridge")
    assert quote.source is not None and quote.source.text == "The city council"


def test_a_place_in_the_speakers_apposition_is_not_the_speaker(nlp: Any) -> None:
    text = '"The harbour is open again," Tom Reed, the mayor of Portsmouth, said on Friday.'
    assert only(quotes_of(nlp, text), "harbour").speaker == "Tom Reed"
    # NER reads this name as a title; its role makes it a person, and the place stays out
    text = '"The roads are open," Yevhen Zhuk, the regional governor of Lutsk, said.'
    assert only(quotes_of(nlp, text), "roads").speaker == "Yevhen Zhuk"


def test_a_place_after_a_preposition_does_not_speak(nlp: Any) -> None:
    quote = only(quotes_of(nlp, "Officials in Oslo said that the border would stay closed."), "border")
    # the officials speak, as a group; Oslo never does
    assert (quote.speaker, quote.speaker_kind) == ("Officials in Oslo", "group")


def test_a_place_modifying_one_persons_title_does_not_speak(nlp: Any) -> None:
    text = "The Vermont senator said that taxes would rise. The former first lady and Oregon senator said so."
    assert all(q.speaker is None for q in quotes_of(nlp, text))


def test_a_surname_ner_passed_over_is_the_person_named_in_full() -> None:
    text = "Jason Chaffetz opened the hearing. Chaffetz said it was open."
    mentions = [Mention("a1", 0, 14, "Jason Chaffetz", "PERSON", "person")]
    head = (text.index("Chaffetz said"), text.index("Chaffetz said") + len("Chaffetz"))
    speaker = resolve(text, head, [], mentions, None, SourceParts(head, (head,)))
    assert speaker.name == "Jason Chaffetz"
    lowered = resolve(text.replace("Chaffetz said", "Police said"), head, [], mentions, None)
    assert lowered.name is None


def test_a_surname_two_people_share_is_the_one_named_in_full_most_often() -> None:
    text = "Ted Cruz spoke. Later Cruz left. Rafael Cruz came. Cruz stayed. Ted E. Cruz waved."
    mentions = [
        Mention("a1", text.index(name, at), text.index(name, at) + len(name), name, "PERSON", "person")
        for name, at in [
            ("Ted Cruz", 0),
            ("Cruz", 16),
            ("Rafael Cruz", 30),
            ("Cruz", 46),
            ("Ted E. Cruz", 60),
        ]
    ]
    assert fullest_name(mentions[1], mentions) == "Ted E. Cruz"
    # Rafael named last before it, but the article's Cruz is Ted: news style names a relative in full
    assert fullest_name(mentions[3], mentions) == "Ted E. Cruz"
    assert fullest_name(mentions[2], mentions) == "Rafael Cruz"


def test_a_statement_on_a_platform_is_its_owners(nlp: Any) -> None:
    text = "Anna Berg spoke on Monday. Her statement, on Facebook, said that the port would reopen on Friday."
    assert only(quotes_of(nlp, text), "port would reopen").speaker == "Anna Berg"


def test_a_statement_named_as_an_object_is_no_words_said(nlp: Any) -> None:
    text = (
        "Anna Berg said the port would reopen soon. "
        "Her statement, on Facebook, confirmed an earlier report by Karl Weber."
    )
    confirmed = only(quotes_of(nlp, text), "earlier report")
    assert confirmed.speaker is None and confirmed.unresolved == "an act, not words said"


def test_a_nationality_word_speaks_only_as_part_of_a_group(nlp: Any) -> None:
    text = "Norwegian officials said that the border would stay closed. The Norwegian said that he was tired."
    quotes = quotes_of(nlp, text)
    assert only(quotes, "border").speaker == "Norwegian officials"
    alone = only(quotes, "tired")
    assert alone.speaker is None and alone.unresolved is not None and "nationality" in alone.unresolved


def test_a_country_speaks_through_its_government(nlp: Any) -> None:
    assert only(quotes_of(nlp, "Sweden said the talks could start on Monday."), "talks").speaker == "Sweden"


def test_a_possible_act_inside_someones_words_has_no_speaker(nlp: Any) -> None:
    text = 'Omar Hadi said on Sunday that Norway could declare its "neutrality" in a peace deal.'
    quotes = quotes_of(nlp, text)
    assert {q.speaker for q in quotes if q.speaker} == {"Omar Hadi"}


def test_continue_speaks_only_beside_a_quotation(nlp: Any) -> None:
    text = "Norwegian forces continued to shell the city. The meeting came as the siege continues."
    assert all(q.speaker is None for q in quotes_of(nlp, text))
    text = 'Lena Park spoke next. "We will not stop," she continued.'
    assert only(quotes_of(nlp, text), "stop").speaker == "Lena Park"


def seed_articles(nlp: Any) -> tuple[list[Actor], list[AnnotatedArticle]]:
    articles = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = nlp(text)
        mentions = find_mentions(doc, path.stem)
        body = Article(path.stem, path.stem, text, PublishedDate.unknown())
        articles.append(
            AnnotatedArticle(
                body, mentions=tuple(mentions), quotes=tuple(find_quotes(doc, path.stem, mentions))
            )
        )
    return merge_actors(articles)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/seeds")
def test_seed_speakers_are_never_a_bare_nationality_or_a_place_beside_them(nlp: Any) -> None:
    actors, articles = seed_articles(nlp)
    kinds = {a.id: a.kind for a in actors}
    nationality_words = {m.text for a in articles for m in a.mentions if m.kind == "group"}
    groups = who_said_what(articles)
    assert groups
    for group in groups:
        assert group.speaker not in nationality_words, group
        if kinds.get(group.actor_id or "") == "place":
            # a place speaks only as the head of its source ("Turkey said"), never from a modifier
            # or a preposition ("the top official in Kryvyi Rih")
            sources = [q.source.text.strip() if q.source else "" for q in group.quotes]
            assert all(s.removeprefix("the ").startswith(group.speaker) for s in sources), sources
        # a person speaks under a full name; a one-word "person" is NER's mistake (a platform, a place)
        assert kinds.get(group.actor_id or "") != "person" or " " in group.speaker, group.speaker


SEED_QUOTES = {
    "face-to-face meetings allow for conducting talks in a more focused, tighter and meaningful": "Peskov",
    "We have now entered a period where concrete results are needed": "Erdogan",
    "Negotiations go non-stop in the format of video conferences": "Podolyak",
    "If we compare the positions of both delegations": "Slutsky",
    "It is unmistakably a Russian rocket or another munition": "Matukhin",
}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/seeds")
@pytest.mark.parametrize(("words", "speaker"), sorted(SEED_QUOTES.items()))
def test_seed_quotes_have_their_speaker(nlp: Any, words: str, speaker: str) -> None:
    found = []
    for path in sorted(SEEDS.glob("*.txt")):
        doc = nlp(path.read_text(encoding="utf-8"))
        quotes = find_quotes(doc, path.stem, find_mentions(doc, path.stem))
        found += [q for q in quotes if words in q.content.text]
    assert found, f"no quote holds {words!r}"
    # a relay ("..., TASS reported") is an attribution too; the tightest quote of the words is the speaker's
    tightest = min(found, key=lambda q: len(q.content.text))
    assert tightest.speaker is not None and tightest.speaker.endswith(speaker), [q.speaker for q in found]


def test_a_content_never_holds_its_own_cue_and_source(nlp: Any) -> None:
    # the parser can hang the cue under the relative clause at the end ("... Dorsey murdered")
    text = (
        "Families were outraged. \"I feel in some ways he is proud of what he did, '' said Marta Quill, "
        "widow of a deputy Dorsey murdered. \"He was constantly sitting there with a smirk on his face. ''"
    )
    quotes = quotes_of(nlp, text)
    for quote in quotes:
        assert quote.cue is not None
        assert not (quote.content.start <= quote.cue.start < quote.content.end), quote.content.text
    proud = only(quotes, "proud of what he did")
    assert proud.content.text == "\"I feel in some ways he is proud of what he did, ''"


def test_a_pronoun_does_not_stand_for_the_person_its_quote_speaks_of(nlp: Any) -> None:
    text = (
        "Tom Reed shot Karl Kessler, an off-duty customs agent. Reed stole Kessler's pickup truck, "
        "where he said he found Kessler's badge."
    )
    badge = only(quotes_of(nlp, text), "found Kessler's badge")
    assert badge.speaker == "Tom Reed"


def _said(nlp: Any, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    mentions = find_mentions(doc, "a1")
    article = AnnotatedArticle(
        Article("a1", "a1", text, PublishedDate.unknown()),
        mentions=tuple(mentions),
        quotes=tuple(find_quotes(doc, "a1", mentions)),
    )
    return [(g.speaker, q.text) for g in who_said_what([article]) for q in g.quotes]


def test_a_statement_told_inside_another_is_part_of_it_not_a_line_of_its_own(nlp: Any) -> None:
    text = (
        "Mayor Jennifer Roberts spoke on Sunday. Roberts said that she thinks the video should be "
        "released but that the timing matters. Justin Bamberg, a lawyer, said the videos show Scott calmly "
        "leaving his car."
    )
    said = _said(nlp, text)
    assert [speaker for speaker, _ in said] == ["Jennifer Roberts", "Justin Bamberg"], said
    assert "she thinks the video should be released" in said[0][1]


def test_an_unnamed_outer_attribution_hides_nothing(nlp: Any) -> None:
    text = (
        "The committee met on Friday. They only learned on Friday that Republicans said the timing of "
        "the news was not intentional."
    )
    assert [speaker for speaker, _ in _said(nlp, text)] == ["Republicans"]


def test_one_actor_is_one_heading_whatever_kind_each_language_gave_the_speaker() -> None:
    def article(article_id: str, text: str, kind: str) -> AnnotatedArticle:
        words = text[1 : text.index("”")]
        quote = Quote(
            article_id,
            "direct",
            Span(1, 1 + len(words), words),
            Span(len(text) - 5, len(text), "sagte"),
            None,
            speaker="Marit Lunde",
            speaker_id="actor-lunde",
            speaker_kind=kind,
            direct=True,  # type: ignore[arg-type]
        )
        body = Article(article_id, article_id, text, PublishedDate.unknown())
        return AnnotatedArticle(body, quotes=(quote,))

    articles = [
        article("de", "“Nie so ein Wind”, sagte", "organisation"),
        article("en", "“Never such wind”, sagte", "person"),
    ]
    groups = who_said_what(articles, {"actor-lunde": "person"})
    assert [(g.speaker, g.kind, len(g.quotes)) for g in groups] == [("Marit Lunde", "person", 2)]


def test_a_clause_saying_when_it_was_said_is_no_content(nlp: Any) -> None:
    # the parser hangs "after the Florida senator suspended his campaign" on "said" as a complement
    text = (
        "In a statement released shortly after the Florida senator suspended his presidential campaign, "
        "Cruz said he’s certain Rubio will continue to be “a champion for limitless opportunity in America.”"
    )
    quotes = quotes_of(nlp, text)
    assert [q.content.text for q in quotes] == [
        "he’s certain Rubio will continue to be “a champion for limitless opportunity in America.”"
    ]
    assert quotes[0].cue is not None and quotes[0].cue.text == "said"  # not "will continue to be"


def test_the_question_put_to_a_speaker_is_not_the_reply(nlp: Any) -> None:
    text = (
        "On ABC’s “Good Morning America” Tuesday, he said, “I never said I was going to pay for fees.” "
        "Asked if it had appeared he was encouraging violence with his initial statement, Trump replied, "
        "“Well, maybe so. Maybe that’s why I wouldn’t do it.”"
    )
    quotes = quotes_of(nlp, text)
    said = [q.content.text for q in quotes if q.cue is not None and q.cue.text in ("said", "replied")]
    # a show's name beside the quotation is where it was said, not words said
    assert said == [
        "“I never said I was going to pay for fees.”",
        "“Well, maybe so. Maybe that’s why I wouldn’t do it.”",
    ]


def test_a_failure_to_mention_is_one_cue(nlp: Any) -> None:
    quotes = quotes_of(nlp, "Clinton failed to mention the attack on the consulate in Benghazi.")
    assert [(q.cue.text if q.cue else None, q.content.text) for q in quotes] == [
        ("failed to mention", "the attack on the consulate in Benghazi")
    ]


def test_a_clause_with_an_expletive_subject_inherits_no_speaker(nlp: Any) -> None:
    text = (
        "Mr. Sanders is trying to scale up those proposals as a national agenda, and there is little "
        "to draw from his legislative approach to suggest that he could succeed."
    )
    quote = only(quotes_of(nlp, text), "he could succeed")
    assert quote.speaker is None and quote.source is None


def test_a_setting_before_an_aside_is_no_content_but_a_subject_is(nlp: Any) -> None:
    words = '"we have seen the seas rise faster than ever."'
    setting = quotes_of(nlp, f"During his years in office, he said, {words}")
    assert [q.content.text for q in setting] == [words]
    subject = quotes_of(nlp, '"That," he added, "promises to make life a lot more difficult for them."')
    assert len(subject) == 2 and subject[0].content.text == '"That,"'
