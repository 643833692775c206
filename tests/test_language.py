"""The language of every article (issue 20): detected, or stated by metadata; shown in every output;
an article in a language storyline cannot read is grouped and shown, its quotes and dates left unread."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import storyline
from storyline.annotate.foreign_quotes import LANGUAGES as QUOTED_LANGUAGES
from storyline.annotate.foreign_quotes import find_foreign_quotes
from storyline.annotate.timex.foreign import LANGUAGES as FOREIGN_LANGUAGES
from storyline.annotate.timex.foreign import find_foreign_times
from storyline.extract import extract_article
from storyline.extract.language import (
    DATED_LANGUAGES,
    detect_language,
    html_language,
    language_label,
    not_read_note,
    reads,
)
from storyline.models import Article, Language, Mention, PublishedDate, RawDocument
from storyline.serialize import from_jsonable, to_jsonable
from storyline.sources.records import read_json

# One short news-style paragraph per language, written for these tests: a weekday, a relative date
# and one direct quote in that language's own quotation marks.
PARAGRAPHS = {
    "es": "El ministro de Exteriores dijo el martes que las conversaciones continuarán la próxima semana "
    "en Estambul. «No vamos a ceder ante la presión», afirmó ayer ante los periodistas.",
    "fr": "Le ministre des Affaires étrangères a déclaré mardi que les négociations reprendraient la "
    "semaine prochaine à Istanbul. « Nous ne céderons pas à la pression », a-t-il affirmé hier.",
    "de": "Der Außenminister sagte am Dienstag, die Gespräche würden in der kommenden Woche in Istanbul "
    "fortgesetzt. „Wir werden dem Druck nicht nachgeben“, erklärte er gestern vor Journalisten.",
    "it": "Il ministro degli Esteri ha detto martedì che i negoziati riprenderanno la settimana prossima "
    "a Istanbul. «Non cederemo alle pressioni», ha dichiarato ieri ai giornalisti.",
    "nl": "De minister van Buitenlandse Zaken zei dinsdag dat de gesprekken volgende week in Istanbul "
    "worden voortgezet. „We zullen niet zwichten voor de druk”, verklaarde hij gisteren.",
    "ru": "Министр иностранных дел заявил во вторник, что переговоры продолжатся на следующей неделе в "
    "Стамбуле. «Мы не уступим давлению», — сказал он вчера журналистам.",
    "uk": "Міністр закордонних справ заявив у вівторок, що переговори продовжаться наступного тижня в "
    "Стамбулі. «Ми не поступимося тиску», — сказав він учора журналістам.",
    "tr": "Dışişleri Bakanı salı günü yaptığı açıklamada görüşmelerin gelecek hafta İstanbul'da devam "
    "edeceğini söyledi. Bakan dün gazetecilere “Baskıya boyun eğmeyeceğiz” dedi.",
}
SPANISH_NOTE = (
    "not read: paraphrased quotes, and dates other than weekdays and relative days or weeks, "
    "need an English text"
)
# What each paragraph's dates are, read against Wednesday 30 March 2022: "Tuesday" is the day before,
# "yesterday" too, "next week" ISO week 14.
DATES = {
    "es": [("martes", "2022-03-29"), ("próxima semana", "2022-W14"), ("ayer", "2022-03-29")],
    "fr": [("mardi", "2022-03-29"), ("semaine prochaine", "2022-W14"), ("hier", "2022-03-29")],
    "de": [("Dienstag", "2022-03-29"), ("kommenden Woche", "2022-W14"), ("gestern", "2022-03-29")],
    "it": [("martedì", "2022-03-29"), ("settimana prossima", "2022-W14"), ("ieri", "2022-03-29")],
    "nl": [("dinsdag", "2022-03-29"), ("volgende week", "2022-W14"), ("gisteren", "2022-03-29")],
    "ru": [("вторник", "2022-03-29"), ("следующей неделе", "2022-W14"), ("вчера", "2022-03-29")],
    "uk": [("вівторок", "2022-03-29"), ("наступного тижня", "2022-W14"), ("учора", "2022-03-29")],
    "tr": [("salı", "2022-03-29"), ("gelecek hafta", "2022-W14"), ("dün", "2022-03-29")],
}
ENGLISH = (
    "The foreign minister said on Tuesday that the talks would resume next week in Istanbul. "
    '"We will not bow to pressure," he told reporters yesterday.'
)


@pytest.mark.parametrize("code", sorted(PARAGRAPHS))
def test_each_language_of_the_fixtures_is_detected(code: str) -> None:
    found = detect_language(PARAGRAPHS[code])
    assert (found.code, found.method) == (code, "detected")
    assert found.confidence is not None and found.confidence >= 0.5


def test_english_is_detected_and_read() -> None:
    found = detect_language(ENGLISH)
    assert found.code == "en" and found.method == "detected"
    assert not_read_note(found) is None


def test_too_short_or_unsure_a_text_gets_no_language() -> None:
    assert detect_language("(AP) 2022") == Language(None, None, "too-short")
    unsure = detect_language("Kyiv, March 29")
    assert unsure.code is None and unsure.method == "unsure"


def test_extraction_records_the_language_of_a_plain_text() -> None:
    article = extract_article(RawDocument("es.txt", "text", PARAGRAPHS["es"]))
    assert isinstance(article, Article)
    assert article.language is not None and article.language.code == "es"


def test_a_json_record_language_wins_over_detection() -> None:
    records = [{"text": ENGLISH, "lang": "de-AT"}, {"text": ENGLISH, "language": "und"}]
    docs = list(read_json("r.json", json.dumps(records).encode()))
    stated, undetermined = (extract_article(d) for d in docs if isinstance(d, RawDocument))
    assert isinstance(stated, Article) and stated.language == Language("de", None, "metadata")
    assert isinstance(undetermined, Article) and undetermined.language is not None
    assert undetermined.language.code == "en" and undetermined.language.method == "detected"


def test_the_html_lang_attribute_and_meta_name_the_language() -> None:
    assert html_language('<!doctype html><html class="x" lang="es-ES"><body>') == "es"
    assert html_language('<html><head><meta http-equiv="Content-Language" content="nl"></head>') == "nl"
    assert html_language('<html><head><meta property="og:locale" content="uk_UA"/></head>') == "uk"
    assert html_language("<html><head><title>x</title></head>") is None


def test_an_old_stored_article_without_a_language_still_loads() -> None:
    english = Language("en", 0.99, "detected")
    article = Article("a1", "x.txt", ENGLISH, PublishedDate.unknown(), language=english)
    record = to_jsonable(article)
    assert record["language"] == {"code": "en", "confidence": 0.99, "method": "detected"}
    assert from_jsonable(Article, record) == article
    del record["language"]
    old = from_jsonable(Article, record)
    assert old.language is None and reads(old)


def test_only_english_and_unknown_languages_are_read() -> None:
    def article(language: Language | None) -> Article:
        return Article("a", "o", "t", PublishedDate.unknown(), language=language)

    assert reads(article(Language("en", 0.9, "detected")))
    assert reads(article(Language(None, None, "too-short")))
    assert not reads(article(Language("es", 0.9, "detected")))
    assert not_read_note(Language("pl", 0.9, "detected")) == (
        "not read: quotes and time expressions need an English text"
    )
    assert not_read_note(Language("es", 0.9, "detected")) == SPANISH_NOTE


def test_labels_name_the_language_and_how_it_was_found() -> None:
    assert language_label(Language("es", 0.987, "detected")) == "Spanish (es, detected 0.99)"
    assert language_label(Language("uk", None, "metadata")) == "Ukrainian (uk, stated)"
    assert language_label(Language(None, None, "too-short")) == "language unknown (too short to tell)"
    assert language_label(None) == "language not recorded"


# English time rules would read these years as dates (and did, before the language gate)
SPANISH_WITH_YEARS = (
    PARAGRAPHS["es"] + " Las conversaciones de 2022 podrían continuar en 2023.\n\n"
    "El portavoz del Kremlin, Dmitri Peskov, dijo el miércoles: «No hay avances en Estambul»."
)


@pytest.fixture(scope="module")
def mixed_brief(tmp_path_factory: pytest.TempPathFactory) -> storyline.Brief:
    """An English and a Spanish report, both dated, about the same talks."""
    folder: Path = tmp_path_factory.mktemp("mixed")
    records = [
        {
            "title": "Talks to resume in Istanbul",
            "outlet": "Wire",
            "published": "2022-03-29",
            "text": ENGLISH,
        },
        {
            "title": "Las conversaciones se reanudarán en Estambul",
            "outlet": "Diario",
            "published": "2022-03-29",
            "text": SPANISH_WITH_YEARS,
        },
    ]
    (folder / "talks.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    return storyline.brief([folder])


def test_a_spanish_article_is_shown_with_what_was_not_read(mixed_brief: storyline.Brief) -> None:
    sources = {s.outlet: s for story in mixed_brief.stories for s in story.sources}
    assert sources["Diario"].language is not None and sources["Diario"].language.code == "es"
    assert sources["Diario"].not_read == SPANISH_NOTE
    assert sources["Wire"].not_read is None
    spanish_id = sources["Diario"].article_id
    spanish_quotes = [
        (s.speaker, q.text)
        for story in mixed_brief.stories
        for s in story.quotes
        for q in s.quotes
        if q.article_id == spanish_id
    ]
    # by its « » marks and "dijo"; the minister's quote names nobody, so who said what leaves it out
    assert spanish_quotes == [("Dmitri Peskov", "No hay avances en Estambul")]
    spanish_times = {
        t.text for story in mixed_brief.stories for t in story.times if t.article_id == spanish_id
    }
    assert spanish_times == {
        "martes",
        "próxima semana",
        "ayer",
        "miércoles",
    }  # the table's words, never "2022"
    english_id = sources["Wire"].article_id
    assert any(t.article_id == english_id for story in mixed_brief.stories for t in story.times)


def test_every_output_shows_each_source_language(mixed_brief: storyline.Brief) -> None:
    markdown = storyline.render_markdown(mixed_brief)
    assert "Spanish (es, detected" in markdown and "English (en, detected" in markdown
    assert f"*{SPANISH_NOTE}*" in markdown
    html = storyline.render_html(mixed_brief)
    assert "<th>Language</th>" in html and "Spanish (es, detected" in html and 'lang="es"' in html
    data = json.loads(storyline.render_json(mixed_brief))
    languages = {s["outlet"]: s["language"]["code"] for story in data["stories"] for s in story["sources"]}
    assert languages == {"Wire": "en", "Diario": "es"}


def test_a_stated_language_survives_drafting_in_a_worker() -> None:
    """Worker processes drop the page's HTML after drafting: the language it states goes on."""
    from storyline.config import load_settings
    from storyline.engine.stages import draft_documents
    from storyline.extract import finish_drafts

    page = f"<html lang='es'><head><title>t</title></head><body><article><p>{ENGLISH}</p></article></body>"
    articles, _ = finish_drafts(draft_documents([RawDocument("p.html", "html", page)]), load_settings())
    assert [a.language for a in articles] == [Language("es", None, "metadata")]


@pytest.mark.parametrize("code", sorted(PARAGRAPHS))
def test_weekdays_and_relative_dates_are_read_in_each_language(code: str) -> None:
    found = find_foreign_times(PARAGRAPHS[code], code, date(2022, 3, 30), article_id="a")
    assert [(t.text, t.value) for t in found] == DATES[code]
    assert all(PARAGRAPHS[code][t.start : t.end] == t.text and t.anchor == "2022-03-30" for t in found)


def test_the_dated_languages_are_the_tables_languages() -> None:
    assert DATED_LANGUAGES == FOREIGN_LANGUAGES == QUOTED_LANGUAGES


@pytest.mark.parametrize(
    ("code", "text", "expected"),
    [
        ("es", "Esta mañana dijo que pasado mañana", [("pasado mañana", "2022-04-01")]),  # morning
        (
            "es",
            "el martes pasado y el próximo martes",
            [("martes pasado", "2022-03-29"), ("próximo martes", "2022-04-05")],
        ),
        ("de", "Am Morgen sagte er, morgen", [("morgen", "2022-03-31")]),  # "Morgen": the morning
        (
            "fr",
            "mercredi dernier",
            [("mercredi dernier", "2022-03-23")],
        ),  # the article's weekday, a week back
        ("it", "mercoledì", [("mercoledì", "2022-03-30")]),  # a bare weekday: the article's own day
        (
            "tr",
            "Cumartesi ve cuma, dünkü toplantı",
            [("Cumartesi", "2022-03-26"), ("cuma", "2022-03-25"), ("dünkü", "2022-03-29")],
        ),
        ("es", "una reunión para el jueves", [("jueves", "2022-03-31")]),  # a plan: ahead
        ("de", "bis Freitag gesperrt", [("Freitag", "2022-04-01")]),
        ("ru", "до пятницы", [("пятницы", "2022-04-01")]),
        ("pl", "We wtorek", []),  # no table: nothing read
    ],
)
def test_foreign_dates_edge_cases(code: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert [(t.text, t.value) for t in find_foreign_times(text, code, date(2022, 3, 30))] == expected


def test_no_date_is_read_without_the_article_date() -> None:
    assert find_foreign_times(PARAGRAPHS["es"], "es", None) == []


QUOTES = {  # each paragraph's quotation and the speech verb that attributes it
    "es": ("No vamos a ceder ante la presión", "afirmó"),
    "fr": ("Nous ne céderons pas à la pression", "a-t-il affirmé"),
    "de": ("Wir werden dem Druck nicht nachgeben", "erklärte"),
    "it": ("Non cederemo alle pressioni", "ha dichiarato"),
    "nl": ("We zullen niet zwichten voor de druk", "verklaarde"),
    "ru": ("Мы не уступим давлению", "сказал"),
    "uk": ("Ми не поступимося тиску", "сказав"),
    "tr": ("Baskıya boyun eğmeyeceğiz", "dedi"),
}


@pytest.mark.parametrize("code", sorted(PARAGRAPHS))
def test_direct_quotes_are_read_by_each_language_marks_and_verbs(code: str) -> None:
    (quote,) = find_foreign_quotes(PARAGRAPHS[code], code, "a", [], [])
    assert (quote.content.text, quote.cue and quote.cue.text) == QUOTES[code]
    assert PARAGRAPHS[code][quote.content.start : quote.content.end] == quote.content.text
    assert quote.direct and quote.speaker is None and quote.unresolved


def test_the_speaker_is_the_name_beside_the_verb_never_the_verb_itself() -> None:
    text = "El portavoz del Kremlin, Dmitri Peskov, dijo el miércoles: «No hay avances», afirmó ayer."
    peskov = text.index("Dmitri Peskov")
    verb = text.index("afirmó ayer")
    mentions = [
        Mention("a", peskov, peskov + 13, "Dmitri Peskov", "PERSON", "person"),
        Mention("a", verb, verb + 11, "afirmó ayer", "ORG", "organisation"),  # an English tagger's misreading
    ]
    (quote,) = find_foreign_quotes(text, "es", "a", [], mentions)
    assert quote.speaker == "Dmitri Peskov" and quote.speaker_kind == "person"
    assert quote.source is not None and quote.source.start == peskov


def test_words_in_marks_without_a_speech_verb_are_no_quote() -> None:
    assert find_foreign_quotes("Der Film „Der Krieg“ lief am Montag im Kino.", "de", "a", [], []) == []
    assert find_foreign_quotes("«Hola», dijo.", "pl", "a", [], []) == []  # no table for the language


def test_a_feed_states_the_language_of_its_entries() -> None:
    from storyline.sources.feeds import read_feed

    rss = (
        b'<rss version="2.0"><channel><title>Diario</title><language>es-ES</language>'
        b"<item><title>t</title><description>Hello there, this is plainly English text.</description></item>"
        b"</channel></rss>"
    )
    atom = (
        b'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>X</title>'
        b'<entry><title>t</title><content type="text" xml:lang="fr">Bonjour.</content></entry></feed>'
    )
    docs = [*read_feed("a.rss", rss), *read_feed("b.atom", atom)]
    languages = [d.language if isinstance(d, RawDocument) else d for d in docs]
    assert languages == ["es-ES", "fr"]


def test_the_web_pages_show_each_source_language(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from storyline import api
    from storyline.web import create_app

    records = [
        {"title": "Talks to resume", "outlet": "Wire", "published": "2022-03-29", "text": ENGLISH},
        {
            "title": "Las conversaciones",
            "outlet": "Diario",
            "published": "2022-03-29",
            "text": SPANISH_WITH_YEARS,
        },
    ]
    (tmp_path / "talks.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    db = str(tmp_path / "stories.db")
    api.ingest([tmp_path / "talks.jsonl"], db=db)
    with TestClient(create_app(db), base_url="http://127.0.0.1:8000") as client:
        rows = client.get("/stories.json").json()["stories"]
        pages = "".join(client.get(f"/stories/{row['id']}").text for row in rows)
        assert "<th>Language</th>" in pages and "Spanish (es, detected" in pages and SPANISH_NOTE in pages
        spanish = next(s for row in rows for s in api.story(row["id"], db=db).sources if s.outlet == "Diario")
        article = client.get(f"/articles/{spanish.article_id}").text
        assert "Spanish (es, detected" in article and 'lang="es"' in article
        # a reader filters the stories by a source's language
        spanish_stories = client.get("/stories.json", params={"language": "es"}).json()["stories"]
        with_spanish = [r["id"] for r in rows if "Diario" in r["outlets"]]
        assert [r["id"] for r in spanish_stories] == with_spanish
        assert client.get("/stories.json", params={"language": "pl"}).json()["stories"] == []
        assert '<option value="es">Spanish (1)</option>' in client.get("/").text


EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "multilingual"


def test_one_fact_told_in_three_languages_is_one_fact_worded_in_english() -> None:
    """The example's storm is reported in German, English and Spanish: its lead is one fact citing the
    three reports, in English (no language holds a majority; the brief around it is English)."""
    found = storyline.brief([EXAMPLES])
    assert len(found.stories) == 1
    story = found.stories[0]
    sources = {s.article_id for s in story.sources}
    storm = [f for f in story.facts if "80" in f.text and "000" in f.text]
    assert len(storm) == 1, [f.text for f in storm]
    assert {c.article_id for c in storm[0].citations} == sources
    assert storm[0].text.startswith("Storm Elin hit")
    assert sum("Elin" in line.text for line in story.summary) == 1


def test_a_russian_relative_day_is_a_whole_word() -> None:
    """"завтра" (tomorrow) is an adverb without endings: "завтрак" (breakfast) names no day."""
    anchor = date(2018, 9, 24)
    assert find_foreign_times("В шесть лет я уже готовил завтрак для мамы.", "ru", anchor) == []
    [found] = find_foreign_times("Переговоры продолжатся завтра в Стамбуле.", "ru", anchor)
    assert (found.text, found.value) == ("завтра", "2018-09-25")


def test_the_language_model_preloaded_on_a_thread_is_the_one_every_caller_gets(monkeypatch: Any) -> None:
    """preload() starts the load on a thread; a caller that asks meanwhile waits for that one load
    (never a second), and detection reads the same as before."""
    from concurrent.futures import ThreadPoolExecutor

    from py3langid.langid import LanguageIdentifier

    from storyline.extract import language
    from storyline.extract.language import identifier, preload

    loads = []
    load = LanguageIdentifier.from_model_file

    def counted(*args: Any, **kwargs: Any) -> Any:
        loads.append(1)
        return load(*args, **kwargs)

    monkeypatch.setattr(LanguageIdentifier, "from_model_file", counted)
    language._loaded.cache_clear()  # earlier tests loaded it: this one watches a load from the start
    text = "The council met on Monday and agreed to build the new bridge over the river next year."
    preload()
    with ThreadPoolExecutor(4) as pool:
        loaded = list(pool.map(lambda _: identifier(), range(4)))
    assert all(one is loaded[0] for one in loaded) and identifier() is loaded[0]
    assert len(loads) == 1
    assert detect_language(text).code == "en"
