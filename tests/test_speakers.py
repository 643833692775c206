"""Speakers a reader can rely on: modifiers never speak, vague sources stay groups, outlets report,
and every quote keeps its stance (asserts / denies / asks / is asked) and whether it is verbatim."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.annotate.descriptions import is_outlet
from storyline.annotate.mentions import find_mentions
from storyline.annotate.nlp import load_nlp
from storyline.annotate.quotes import find_quotes
from storyline.models import Quote

OPENING = "Senator Mary Smith spoke on Monday. "


@pytest.fixture(scope="session")
def nlp() -> Any:
    return load_nlp()


def quote_of(nlp: Any, text: str, fragment: str) -> Quote:
    doc = nlp(text)
    found = [q for q in find_quotes(doc, "a1", find_mentions(doc, "a1")) if fragment in q.content.text]
    assert len(found) == 1, [q.content.text for q in found]
    return found[0]


def who(quote: Quote) -> tuple[str | None, str | None]:
    return quote.speaker, quote.speaker_kind


def test_a_candidate_before_a_named_chairman_is_a_modifier(nlp: Any) -> None:
    text = OPENING + "Smith campaign chairman Jane Roe told reporters that the race was close."
    assert who(quote_of(nlp, text, "race was close")) == ("Jane Roe", "person")


def test_a_spokesperson_of_someone_is_unnamed_not_that_someone(nlp: Any) -> None:
    quote = quote_of(nlp, OPENING + "A Smith spokesperson said the senator would vote no.", "vote no")
    assert who(quote) == ("A Smith spokesperson", "unnamed")
    text = OPENING + '"We are not worried," another Smith spokesperson added.'
    assert who(quote_of(nlp, text, "not worried")) == ("another Smith spokesperson", "unnamed")


def test_a_campaign_is_an_organisation_and_aides_a_group(nlp: Any) -> None:
    text = OPENING + "The Smith campaign says the senator raised $2 million in March."
    assert who(quote_of(nlp, text, "raised")) == ("Smith campaign", "organisation")
    text = OPENING + "Smith aides say the senator will run again."
    assert who(quote_of(nlp, text, "run again")) == ("Smith aides", "group")


def test_people_counted_not_named_are_groups(nlp: Any) -> None:
    text = "Those close to him say that the governor will decide soon."
    assert who(quote_of(nlp, text, "decide")) == ("Those close to him", "group")


def test_vague_sources_stay_groups(nlp: Any) -> None:
    text = "A source familiar with the talks said the deal was close."
    assert who(quote_of(nlp, text, "deal")) == ("A source familiar with the talks", "group")
    assert who(quote_of(nlp, "Officials said the deal was close.", "deal")) == ("Officials", "group")


def test_a_bare_description_is_unresolved_with_a_low_confidence(nlp: Any) -> None:
    quote = quote_of(nlp, "The spokesman said the deal was close.", "deal")
    assert quote.speaker is None and quote.unresolved is not None
    assert quote.speaker_kind is None and quote.speaker_confidence < 0.5


def test_a_named_speaker_is_surer_than_one_reached_through_a_pronoun(nlp: Any) -> None:
    text = "Mary Smith said the deal was close. She said the vote would wait."
    named, pronoun = quote_of(nlp, text, "deal"), quote_of(nlp, text, "vote")
    assert named.speaker == pronoun.speaker == "Mary Smith"
    assert named.speaker_confidence > pronoun.speaker_confidence > 0.5


def test_a_pronoun_stands_for_the_subject_before_an_object_named_later(nlp: Any) -> None:
    text = 'Tom Reed is selling the car he used to hit Karl Kessler. "It is mine," he told reporters.'
    assert quote_of(nlp, text, "mine").speaker == "Tom Reed"


def test_a_surname_several_people_share_keeps_its_honorific(nlp: Any) -> None:
    text = "Bill Clinton and Hillary Clinton arrived. Mr. Clinton said the foundation would close."
    quote = quote_of(nlp, text, "foundation")
    assert quote.speaker == "Mr. Clinton" and quote.speaker_confidence < 0.5


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Mary Smith denied that she had met the lobbyist.", "denied"),
        ("Mary Smith did not confirm that she had met the lobbyist.", "did not confirm"),
        ("Mary Smith refused to say whether she had met the lobbyist.", "refused to say"),
        ("Mary Smith denied the existence of an investigation into the lobbyist.", "denied"),
    ],
)
def test_denials_are_kept_with_their_cue(nlp: Any, text: str, cue: str) -> None:
    quote = quote_of(nlp, text, "lobbyist")
    assert (quote.polarity, quote.speaker) == ("denies", "Mary Smith")
    assert quote.cue is not None and quote.cue.text == cue


def test_a_denial_denied_is_no_denial(nlp: Any) -> None:
    quote = quote_of(nlp, "Mary Smith did not deny that she had met the lobbyist.", "lobbyist")
    assert quote.polarity == "asserts"


def test_asking_and_being_asked(nlp: Any) -> None:
    text = "Reporters asked Mary Smith whether she would run again."
    assert quote_of(nlp, text, "run again").polarity == "asks"
    asked = quote_of(nlp, "Mary Smith was asked whether she would run again.", "run again")
    # the source is the one asked: the words are the question put to her, never listed as hers
    assert (asked.polarity, asked.speaker) == ("is_asked", "Mary Smith")


def test_direct_only_inside_quotation_marks(nlp: Any) -> None:
    text = 'Peter Lane said that the plan was "a disaster" for farmers. "It will fail," Lane said.'
    mixed, verbatim = quote_of(nlp, text, "disaster"), quote_of(nlp, text, "fail")
    assert (mixed.direct, mixed.kind) == (False, "mixed")
    assert (verbatim.direct, verbatim.kind) == (True, "direct")
    assert quote_of(nlp, "Peter Lane said the plan would fail.", "plan").direct is False


def test_outlets_cited_as_sources_report(nlp: Any) -> None:
    text = "According to CNN, the senator met the lobbyist twice. Reuters reported that the vote was delayed."
    assert who(quote_of(nlp, text, "lobbyist")) == ("CNN", "outlet")
    assert who(quote_of(nlp, text, "vote was delayed")) == ("Reuters", "outlet")


def test_a_relayed_quote_is_the_inner_speakers(nlp: Any) -> None:
    text = (
        'Dmitry Peskov spoke on Monday. In general, he said that "face-to-face meetings allow for '
        'conducting talks in a more focused way," TASS reported.'
    )
    doc = nlp(text)
    quotes = find_quotes(doc, "a1", find_mentions(doc, "a1"))
    tightest = min((q for q in quotes if "face-to-face" in q.content.text), key=lambda q: len(q.content.text))
    assert who(tightest) == ("Dmitry Peskov", "person")
    assert {who(q) for q in quotes} >= {("TASS", "outlet")}


def test_a_thing_posted_is_no_words_said(nlp: Any) -> None:
    quote = quote_of(nlp, "Mary Smith tweeted a photo of the crowd on Monday.", "photo")
    assert quote.speaker is None


@pytest.mark.parametrize(
    ("name", "outlet"),
    [
        ("Reuters", True),
        ("The Associated Press", True),
        ("the New York Times", True),
        ("Fox News", True),
        ("CNN", True),
        ("Judicial Watch", False),
        ("Acme Corp", False),
    ],
)
def test_outlet_names(name: str, outlet: bool) -> None:
    assert is_outlet(name) is outlet


def test_an_outlet_quoting_someone_is_not_the_speaker(nlp: Any) -> None:
    text = "TASS quoted Dmitry Peskov as saying that the talks would go on."
    assert who(quote_of(nlp, text, "talks")) == ("Dmitry Peskov", "person")
    text = 'Dmitry Peskov spoke on Monday. "It will take time," agencies cited him as saying.'
    assert who(quote_of(nlp, text, "take time")) == ("Dmitry Peskov", "person")


def test_a_lowercase_body_the_tagger_took_for_a_name_is_an_organisation(nlp: Any) -> None:
    text = "After the attack, the Russian defence ministry said that it was shifting its focus."
    assert who(quote_of(nlp, text, "shifting")) == ("Russian defence ministry", "organisation")


def test_he_added_carries_the_speaker_before_on(nlp: Any) -> None:
    text = (
        "A representative for Mr. Pinchuk said the inquiry was closed. Karl Weber watched. "
        "He added that at least 100 people had attended the dinner."
    )
    assert who(quote_of(nlp, text, "dinner")) == ("A representative for Mr. Pinchuk", "unnamed")


def test_documents_and_names_given_are_no_speakers(nlp: Any) -> None:
    text = "Douglas Schoen arranged meetings, according to reports Mr. Schoen filed as a lobbyist."
    quote = quote_of(nlp, text, "arranged")
    assert quote.speaker is None and quote.unresolved is not None and "documents" in quote.unresolved
    text = "The leaders disliked the gatherings, called the Clinton Global Initiative, that the group held."
    assert all(q.speaker is None for q in find_quotes(nlp(text), "a1", find_mentions(nlp(text), "a1")))


def test_a_message_or_a_majority_is_no_unnamed_person(nlp: Any) -> None:
    quote = quote_of(nlp, "A message said that the item was no longer in the system.", "item")
    assert quote.speaker is None
    text = "A majority of Americans say they do not trust the senator."
    assert who(quote_of(nlp, text, "trust")) == ("A majority of Americans", "group")


def test_a_show_named_after_the_verb_is_not_its_subject(nlp: Any) -> None:
    text = (
        '"There is a disconnect between the White House and frankly the president and our military," '
        'Flynn, a top surrogate, said Thursday morning on Fox News\'s "Fox and Friends."'
    )
    assert all(q.speaker != "Fox" for q in find_quotes(nlp(text), "a1", find_mentions(nlp(text), "a1")))


def test_characterizing_verbs_and_withheld_words(nlp: Any) -> None:
    text = "Newt Gingrich dismissed Estonia as being in the suburbs of St. Petersburg."
    dismissed = quote_of(nlp, text, "Estonia")
    assert (dismissed.speaker, dismissed.polarity) == ("Newt Gingrich", "asserts")  # characterizes
    mocked = quote_of(nlp, "Harry Reid mocked Romney for not releasing his full tax returns.", "Romney")
    assert (mocked.speaker, mocked.polarity) == ("Harry Reid", "asserts")
    withheld = quote_of(nlp, "Mary Smith did not supply an overall cost estimate for her plans.", "estimate")
    assert withheld.polarity == "denies"
    assert withheld.cue is not None and withheld.cue.text == "did not supply"
    belief = quote_of(nlp, "Mary Smith didn't believe those characterizations hurt the senator.", "senator")
    assert belief.polarity == "asserts"


def test_two_named_people_speaking_together_are_a_group(nlp: Any) -> None:
    text = "Mike Pence and Donald Trump said that the war was being won."
    assert who(quote_of(nlp, text, "war")) == ("Mike Pence and Donald Trump", "group")
    text = "The Europeans, who had been cut out of the talks, derided the deal as toothless."
    assert who(quote_of(nlp, text, "toothless")) == ("Europeans", "group")


def test_a_person_and_others_speaking_together_are_a_group_not_the_person(nlp: Any) -> None:
    # Washington Post, 2016-05-19 (unseen): "Sanders and his supporters argue that ..." had been
    # Bernie Sanders's alone, and read "Bernie Sanders argue that ..."
    text = (
        "Bernie Sanders spoke on Sunday. At the same time, Sanders and his supporters argue that "
        "superdelegates should consider bolting Clinton."
    )
    assert who(quote_of(nlp, text, "bolting")) == ("Bernie Sanders and his supporters", "group")


def test_a_surname_is_the_last_word_before_a_suffix(nlp: Any) -> None:
    # New York Times, 2016-05-19 (unseen): "Mr. Biden" and "Joseph R. Biden Jr." were two speakers
    text = (
        "Vice President Joseph R. Biden Jr. traveled to Ohio on Wednesday. "
        "''The middle class is getting clobbered,'' Mr. Biden told reporters."
    )
    assert who(quote_of(nlp, text, "clobbered")) == ("Joseph R. Biden Jr.", "person")


def test_a_poll_or_data_speaks_for_its_author(nlp: Any) -> None:
    text = "A recent Reuters survey of voter lists found that thousands were purged."
    assert who(quote_of(nlp, text, "purged")) == ("Reuters", "outlet")
    text = "A Bloomberg poll in June showed that 72 percent of voters were bothered."
    assert who(quote_of(nlp, text, "bothered")) == ("Bloomberg", "outlet")
    text = "State Department Refugee Processing Center data shows that few Christians arrived."
    author = ("State Department Refugee Processing Center", "organisation")
    assert who(quote_of(nlp, text, "Christians")) == author


def test_a_party_and_district_is_no_outlet(nlp: Any) -> None:
    text = '"This is a big year," said Del. Marcia Price (D-Newport News).'
    assert who(quote_of(nlp, text, "big year")) == ("Marcia Price", "person")


def test_a_headline_names_its_speaker_before_a_colon(nlp: Any) -> None:
    text = "Barack Obama on Climate Change: The Trends Are 'Terrifying.'\n\nThe president spoke on Monday."
    quote = quote_of(nlp, text, "Trends")
    assert who(quote) == ("Barack Obama", "person")
    assert quote.cue is not None and quote.cue.text == "on Climate Change:"
    text = "Poll: Wealthy Voters Abandon the Party.\n\nA poll shows it."
    doc = nlp(text)
    assert not [q for q in find_quotes(doc, "a1", find_mentions(doc, "a1")) if "Wealthy" in q.content.text]


def test_according_to_opening_a_sentence_ends_at_its_comma(nlp: Any) -> None:
    text = "According to conservative talk radio host Rush Limbaugh, the move reeks of fear and desperation."
    quote = quote_of(nlp, text, "reeks")
    assert quote.content.text == "the move reeks of fear and desperation"
    assert quote.speaker == "Rush Limbaugh"


def test_a_surname_ending_in_s_is_the_person_not_a_plural(nlp: Any) -> None:
    text = (
        "Vermont Sen. Bernie Sanders is against it. "
        "Sanders said the tax breaks used by the developers do nothing to boost the economy."
    )
    assert who(quote_of(nlp, text, "boost the economy")) == ("Bernie Sanders", "person")


def test_a_surname_read_as_a_place_is_the_person_the_article_names(nlp: Any) -> None:
    text = 'Rep. Jim Jordan spoke at the hearing. Jordan said Mills "got an immunity agreement," and left.'
    assert who(quote_of(nlp, text, "immunity agreement")) == ("Jim Jordan", "person")


def test_a_lone_surname_is_its_principal_bearer_not_the_relative_named_last(nlp: Any) -> None:
    # News style tells a relative apart by the given name ("his wife, Heidi"); the lone surname stays
    # with the person the article is about (a real Washington Post article, shortened).
    text = (
        "Ted Cruz endorses Trump. Sen. Ted Cruz (R-Tex) is endorsing Donald Trump. "
        "Trump had attacked his wife, Heidi, and his father, Rafael. Trump accused Rafael Cruz of lying "
        "and retweeted a photo of Heidi Cruz. Cruz said he would never vote for Clinton."
    )
    assert quote_of(nlp, text, "never vote").speaker == "Ted Cruz"


def test_a_lone_surname_is_the_first_named_not_the_relative_named_in_full_more_often(nlp: Any) -> None:
    # The wife is named in full at every mention, precisely because the lone surname is the congressman
    # the article introduced first (a real Politico article, shortened).
    text = (
        "Rep. Alan Grayson was phoning on behalf of his new wife, Dena Grayson. "
        "Dena Grayson is running for his House seat. Critics of Dena Grayson said she had no experience. "
        "Alan Grayson did not answer. \u201cShe is going to win,\u201d Grayson said."
    )
    assert quote_of(nlp, text, "going to win").speaker == "Alan Grayson"


def test_a_quoted_sentence_its_attribution_interrupts_is_one_line(nlp: Any) -> None:
    from datetime import date

    from storyline.annotate.annotator import annotate_each
    from storyline.compose.speakers import who_said_what
    from storyline.models import Article, PublishedDate

    text = (
        "President Barack Obama spoke to reporters on Tuesday about climate change. "
        '"My hope," he said, "is that maybe as ex-president I can have a little more influence." '
        '"We will go," said Anna Berg, the mayor. "It is time." '
        "Many of the bridges, she said, are aging and need to be repaired. "
        "Like the bridges, Ms. Berg said, the tunnels were unsafe."
    )
    article = Article("a1", "o", text, PublishedDate(date(2016, 9, 8), "stated", "test", 0.9))
    lines = {
        (group.speaker, quote.text, text[quote.content.start : quote.content.end])
        for group in who_said_what(annotate_each([article]))
        for quote in group.quotes
    }
    hope = '"My hope," he said, "is that maybe as ex-president I can have a little more influence."'
    assert lines == {
        ("Barack Obama", "My hope is that maybe as ex-president I can have a little more influence.", hope),
        # a full stop ends the first sentence before the attribution: two sentences, two lines
        ("Anna Berg", "We will go", '"We will go,"'),
        ("Anna Berg", "It is time.", '"It is time."'),
        # a paraphrase the cue interrupts (USA Today: "Many of the prisons, she said, are aging")
        (
            "Anna Berg",
            "Many of the bridges are aging and need to be repaired",
            "Many of the bridges, she said, are aging and need to be repaired",
        ),
        # an introductory phrase keeps its comma (NYT, 2016-08-01, unseen: "Like his comments about Mr.
        # Curiel, Mr. Graham said, Mr. Trump's jabs ..." read "Like his comments about Mr. Curiel Mr.")
        (
            "Anna Berg",
            "Like the bridges, the tunnels were unsafe",
            "Like the bridges, Ms. Berg said, the tunnels were unsafe",
        ),
    }


def test_a_name_modifying_a_noun_is_no_antecedent_of_a_pronoun(nlp: Any) -> None:
    # Washington Post, 2016-02-17: "she" was Clinton, from "the Clinton phone bank"
    text = (
        "Hillary Clinton's first volunteers inside the door are Eva Miller and Gloria Major. For Major, a "
        "retiree and one of the volunteers at the Clinton phone bank, making calls two nights a week is an "
        "opportunity to make a "
        'difference. "Bernie has a passionate speech that draws young people," she said.'
    )
    assert who(quote_of(nlp, text, "passionate speech")) == ("Gloria Major", "person")


def test_a_pronoun_carries_on_the_pronoun_subject_before_it(nlp: Any) -> None:
    # Washington Post, 2016-02-17: "he" was Sanders, the last name before it, in a fronted clause
    text = (
        "Across town, canvassing for the campaign, is Wayne Borders, a 33-year-old canvasser. Inspired by "
        "Sanders's progressive agenda, he is committed to the Vermont senator. "
        '"I am knocking on doors all over town," he said.'
    )
    assert who(quote_of(nlp, text, "knocking on doors")) == ("Wayne Borders", "person")


def test_an_outlets_word_that_is_a_named_persons_surname_is_that_person(nlp: Any) -> None:
    # USA Today, 2016-02-18: Michael Bloomberg's words were "Bloomberg (outlet, reporting)"
    text = (
        "Michael Bloomberg is thinking about running for president. "
        '"I am convinced that you cannot win an election unless you are a nominee," Bloomberg told New York '
        "magazine in 2013."
    )
    assert who(quote_of(nlp, text, "cannot win")) == ("Michael Bloomberg", "person")


def test_an_outlet_named_alone_still_reports(nlp: Any) -> None:
    text = OPENING + "Smith will resign next week, Bloomberg reported on Tuesday."
    assert who(quote_of(nlp, text, "resign next week"))[1] == "outlet"


def test_the_vice_president_is_not_the_president(nlp: Any) -> None:
    # NYT, 2016-08-17: Biden's words were given to "President Obama"
    text = (
        "Vice President Joseph R. Biden Jr. spoke in Scranton, where President Obama once campaigned. "
        "Mr. Trump is so reckless, the vice president said, that he would have thrown his body in front "
        "of him."
    )
    assert who(quote_of(nlp, text, "so reckless"))[0] == "Joseph R. Biden Jr."


def test_a_name_set_off_after_a_titles_phrase_is_the_title_holder(nlp: Any) -> None:
    # AP via Politico, 2016-08-17: the parser hung "Ina Kirsch" on "the European Centre"
    text = (
        "The director of the European Centre, Ina Kirsch, told the AP her group never worked with Manafort."
    )
    assert who(quote_of(nlp, text, "never worked")) == ("Ina Kirsch", "person")


def test_a_participle_after_the_object_is_the_subjects(nlp: Any) -> None:
    # NYT, 2016-08-01 (unseen): the parser hung "writing" on "attempt", which then spoke
    text = (
        "On Sunday morning Mr. Trump made a third attempt to deflect Mr. Khan's criticism, writing on "
        "Twitter that the real issue at stake in the election was terrorism."
    )
    assert who(quote_of(nlp, text, "the real issue")) == ("Trump", "person")
    text = "Officials met supporters saying the vote was rigged."  # no comma: the supporters say so
    assert quote_of(nlp, text, "the vote was rigged").speaker == "supporters"


def test_a_shows_name_in_quotation_marks_is_no_reported_clause(nlp: Any) -> None:
    # NYT, 2016-08-01 (unseen): "Meet" was read as the reported clause's verb, and the content began
    # with the show's name
    text = (
        "Mr. Khan, who had addressed the convention on Thursday, said on NBC's ''Meet the Press'' on "
        "Sunday that Mr. Trump had shown disrespect to his wife."
    )
    quote = quote_of(nlp, text, "disrespect")
    assert quote.content.text == "that Mr. Trump had shown disrespect to his wife"


def test_a_relative_clause_after_a_comma_is_not_what_was_asked(nlp: Any) -> None:
    # Washington Post, 2016-08-01 (unseen): "Donald Trump asked which would require hacking ..."
    text = (
        "The number of deleted Hillary Clinton emails that Donald Trump asked Russia to find, which would "
        "require hacking into Clinton's private email server."
    )
    assert quote_of(nlp, text, "Russia").content.text == "Russia to find"


def test_according_to_backs_the_claim_not_the_concession_after_it(nlp: Any) -> None:
    # Washington Post, 2016-08-01 (unseen): "According to Pew Research Center, although very few ..."
    text = (
        "The number of countries that have already had female leaders, according to the Pew Research "
        "Center, although very few of those women have won in presidential elections."
    )
    quote = quote_of(nlp, text, "female leaders")
    assert quote.content.text.startswith("The number of countries") and "although" not in quote.content.text


def test_a_clause_a_colon_closes_before_the_speaker_is_not_what_they_said(nlp: Any) -> None:
    # Politico, 2016-04-06 (unseen): "1,409 teachers said last July, the group polled members ..."
    text = (
        "But last July, the group polled members online ahead of the endorsement: 1,409 teachers said "
        "they wanted to endorse Sanders, while 95 members favored Clinton."
    )
    doc = nlp(text)
    found = find_quotes(doc, "a1", find_mentions(doc, "a1"))
    said = [q.content.text for q in found if q.speaker == "1,409 teachers"]
    assert said == ["they wanted to endorse Sanders"]


def test_a_name_of_the_form_x_of_y_speaks(nlp: Any) -> None:
    # Huffington Post, 2016-02-02 (unseen): "the Illinois Board of Elections, which ruled that ..." named
    # no one, nor did "Bank of America said": the parse heads such a name at its first part
    assert who(quote_of(nlp, "The Bank of America said the deal was off.", "deal")) == (
        "Bank of America",
        "organisation",
    )
    text = (
        "Sen. Ted Cruz of Texas got a favorable decision from the Illinois Board of Elections, which ruled "
        "that he met the citizenship criteria."
    )
    assert who(quote_of(nlp, text, "criteria")) == ("Illinois Board of Elections", "organisation")
    text = "They read the spokesman for the Kremlin, who said that the talks had failed."  # the spokesman
    assert quote_of(nlp, text, "talks").speaker != "Kremlin"


def test_the_subject_the_parser_hung_on_the_cue_keeps_its_phrase(nlp: Any) -> None:
    # Washington Post, 2016-02-02 (unseen): "Marco Rubio claimed has the capacity ..."
    text = "Rubio has preached unity, claiming he above all others has the capacity to bring us together."
    assert quote_of(nlp, text, "capacity").content.text.startswith("he above all others has the capacity")


def test_a_content_opening_the_body_leaves_its_dateline_out(nlp: Any) -> None:
    # Breitbart (UPI), 2016-02-02 (unseen): "Anthony Kiedis revealed LOS ANGELES, Feb. 2 (UPI) — The next ..."
    text = (
        "Red Hot Chili Peppers near album\n\nLOS ANGELES, Feb. 2 (UPI) — The next Red Hot Chili Peppers "
        "record is almost complete, frontman Anthony Kiedis recently revealed."
    )
    revealed = quote_of(nlp, text, "record").content.text
    assert revealed == "The next Red Hot Chili Peppers record is almost complete"


def test_a_surname_the_tagger_called_an_organisation_is_the_person_named_in_full(nlp: Any) -> None:
    # Huffington Post, 2016-01-19 (unseen): "Renteria told reporters" spoke as an organisation "Renteria"
    text = (
        "Amanda Renteria is the Clinton campaign’s national political director.\n\n“When this came about "
        "and [Clinton] read about it, her immediate response has been, ‘Let’s see what’s going on, and "
        "what can we do to help?’” Renteria told reporters during Tuesday’s conference call."
    )
    assert who(quote_of(nlp, text, "immediate response")) == ("Amanda Renteria", "person")
    text = "Henry Ford II ran Ford Motor Co. for years. Ford said on Monday that its profits would fall."
    assert who(quote_of(nlp, text, "profits")) == ("Ford", "organisation")  # the company's name holds it


def test_a_dateline_the_parser_took_for_the_subject_does_not_speak(nlp: Any) -> None:
    # Washington Post, 2015-11-10 (unseen): "RANGOON predicted an overwhelming victory ..."
    text = (
        "Opposition appears to win landslide in Burma\n\nRANGOON, Burma - Aung San Suu Kyi's political "
        "allies on Monday predicted that the party would win an overwhelming victory in Burma's elections."
    )
    quote = quote_of(nlp, text, "overwhelming victory")
    assert quote.speaker is not None and quote.speaker.startswith("Aung San Suu Kyi's political allies")
    assert quote.speaker_kind == "group"


def test_a_quotation_is_not_the_next_cues_and_an_after_clause_is_not_what_was_said(nlp: Any) -> None:
    # Washington Post, 2015-11-10 (unseen): Trump's quotation was also Becky Quick's, and "Donald Trump said
    # after CNBC's Becky Quick said ..." was one of his lines
    text = (
        '"I never said that. I never said that," Trump said, after CNBC\'s Becky Quick said the billionaire '
        'front-runner had derisively referred to Sen. Marco Rubio (R-Fla.) as the "personal senator" of '
        "Facebook mogul Mark Zuckerberg."
    )
    doc = nlp(text)
    said = {(q.speaker, q.content.text[:20]) for q in find_quotes(doc, "a1", find_mentions(doc, "a1"))}
    assert said == {("Trump", '"I never said that. '), ("Becky Quick", "the billionaire fron")}
