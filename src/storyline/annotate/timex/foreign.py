"""Weekdays, relative days and relative weeks in eight languages besides English (issue 20's first
layer): es, fr, de, it, nl, ru, uk, tr, each a small table of words, resolved against the article's
date into the same TimeExpression records as the English rules.

What is read: a weekday ("el martes", "во вторник"; the most recent one on or before the article's
date, or the coming one after a "next" word or a "for" / "until" word: "el próximo martes", "para el
martes"), yesterday / today / tomorrow and the days either side ("ayer", "вчера", "dün"), and next /
last / this week ("la próxima semana").
What is not: month names and full dates, clock times, durations, and the tense of the clause (the
English rules read it; here a bare weekday is taken as past, as most weekdays in reports are).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from storyline.models import TimeExpression

__all__ = ["LANGUAGES", "find_foreign_times"]


@dataclass(frozen=True)
class _Table:
    weekdays: tuple[str, ...]  # Monday first: one regex alternative each (stems take their endings)
    days: dict[str, int]  # relative day words to their offset from the article's date
    next_words: str  # a regex alternative of "next" / "coming"
    last_words: str  # ... of "last" / "past"
    week: str  # ... of the word "week" in its forms
    this_words: str = r"(?!x)x"  # ... of "this" before a week, when the language has one


_TABLES: dict[str, _Table] = {
    "es": _Table(
        ("lunes", "martes", "mi[eé]rcoles", "jueves", "viernes", "s[aá]bado", "domingo"),
        # "la mañana", "esta mañana": the morning, not tomorrow
        {
            "anteayer": -2,
            "antier": -2,
            "ayer": -1,
            "hoy": 0,
            "pasado mañana": 2,
            "(?<!la )(?<!esta )mañana": 1,
        },
        r"pr[oó]xim[oa]|que viene|siguiente",
        r"pasad[oa]|anterior",
        "semana",
        r"esta",
    ),
    "fr": _Table(
        ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
        {"avant-hier": -2, "hier": -1, "aujourd['’]hui": 0, "après-demain": 2, "demain": 1},
        r"prochain[e]?",
        r"derni[eè]re?|pass[ée]e?",
        "semaine",
        r"cette",
    ),
    "de": _Table(
        ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag|Sonnabend", "Sonntag"),
        # case kept: "Morgen" (a noun) is the morning, "morgen" tomorrow
        {"[Vv]orgestern": -2, "[Gg]estern": -1, "[Hh]eute": 0, "[Üü]bermorgen": 2, "morgen": 1},
        r"nächste[nrm]?|kommende[nrm]?",
        r"letzte[nrm]?|vergangene[nrm]?|vorige[nrm]?",
        "Woche",
        r"diese[nrm]?",
    ),
    "it": _Table(
        ("luned[iì]", "marted[iì]", "mercoled[iì]", "gioved[iì]", "venerd[iì]", "sabato", "domenica"),
        {"l['’]altro ieri": -2, "altroieri": -2, "ieri": -1, "oggi": 0, "dopodomani": 2, "domani": 1},
        r"prossim[oa]|entrante",
        r"scors[oa]|passat[oa]",
        "settimana",
        r"questa",
    ),
    "nl": _Table(
        ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
        {"eergisteren": -2, "gisteren": -1, "vandaag": 0, "overmorgen": 2, "morgen": 1},
        r"volgende|komende",
        r"vorige|afgelopen",
        "week",
        r"deze",
    ),
    "ru": _Table(
        ("понедельник", "вторник", "сред[аыуе]", "четверг", "пятниц[аыуе]", "суббот[аыуе]", "воскресень[ея]"),
        {"позавчера": -2, "вчера": -1, "сегодня": 0, "послезавтра": 2, "завтра": 1},
        r"следующ[а-я]+|будущ[а-я]+",
        r"прошл[а-я]+",
        r"недел[а-я]",
        r"эт[а-я]+",
    ),
    "uk": _Table(
        (
            "понеділ[а-яіїє]+",
            "вівтор[а-яіїє]+",
            "серед[аиуі]",
            "четвер[а-яіїє]*",
            "п['’ʼ]ятниц[а-яіїє]",
            "субот[а-яіїє]",
            "неділ[а-яіїє]",
        ),
        {"позавчора": -2, "[ву]чора": -1, "сьогодні": 0, "післязавтра": 2, "завтра": 1},
        r"наступн[а-яіїє]+",
        r"минул[а-яіїє]+",
        r"тижн[а-яіїє]+|тиждень",
        r"ц[ьеі][а-яіїє]*",
    ),
    "tr": _Table(
        ("pazartesi", "salı", "çarşamba", "perşembe", "cuma(?!rtesi)", "cumartesi", r"pazar(?!tesi)"),
        {"evvelsi gün": -2, "dün": -1, "bugün": 0, "öbür gün": 2, "yarın": 1},
        r"gelecek|önümüzdeki",
        r"geçen|geçtiğimiz",
        r"hafta",
        r"bu",
    ),
}
LANGUAGES = frozenset(_TABLES)
_SUFFIX = {"tr": r"[a-zçğıöşü]*", "ru": "[а-я]?"}  # case endings: "salıya", "dünkü", "вторника"
# Relative days take endings in Turkish ("dünkü") but not in Russian, whose "завтра" (tomorrow) is an
# adverb: with an ending allowed it matched "завтрак" (breakfast).
_DAY_SUFFIX = {"tr": _SUFFIX["tr"]}
# Words that put a weekday ahead of the report without a "next" ("para el martes", "bis Mittwoch",
# "до вторника"): a plan or a deadline ("since"/"from" words are left out: they open past stretches too).
_AHEAD: dict[str, str] = {
    "es": r"para(?: el)?|hasta(?: el)?",
    "fr": r"pour|jusqu['’]à|d['’]ici(?: à)?",
    "de": r"für|bis(?: zum)?",
    "it": r"per|entro|fino a",
    "nl": r"tegen|tot|uiterlijk",
    "ru": r"к|до",
    "uk": r"до",
    "tr": r"(?!x)x",  # Turkish marks it with a suffix after the weekday ("salıya kadar"): not read
}


@dataclass(frozen=True)
class _Patterns:
    weekday: re.Pattern[str]
    day: re.Pattern[str]
    week: re.Pattern[str]


@cache
def _patterns(code: str) -> _Patterns:
    table = _TABLES[code]
    suffix = _SUFFIX.get(code, "")
    names = "|".join(f"(?P<d{i}>{w})" for i, w in enumerate(table.weekdays))
    cue = f"(?:(?P<next>{table.next_words})|(?P<last>{table.last_words}))"
    weekday = rf"(?:\b{cue}\s+)?\b(?:{names}){suffix}\b(?:\s+{cue.replace('?P<', '?P<after_')})?"
    days = "|".join(sorted(table.days, key=len, reverse=True))
    week = (
        rf"\b(?:(?P<next>{table.next_words})|(?P<last>{table.last_words})|(?P<this>{table.this_words}))"
        rf"\s+(?:{table.week})\b|\b(?:{table.week})\s+(?:(?P<after_next>{table.next_words})|"
        rf"(?P<after_last>{table.last_words}))\b"
    )
    flags = re.IGNORECASE if code != "de" else 0  # German nouns are capitalised: "Morgen" is morning
    return _Patterns(
        re.compile(weekday, re.IGNORECASE),
        re.compile(rf"\b(?:{days}){_DAY_SUFFIX.get(code, '')}\b", flags),
        re.compile(week, re.I),
    )


def _weekday(day: int, anchor: date, direction: int) -> date:
    """The weekday ``day`` (Monday 0): the most recent on or before ``anchor``, or after it."""
    if direction > 0:
        return anchor + timedelta(days=(day - anchor.weekday() - 1) % 7 + 1)
    back = (anchor.weekday() - day) % 7
    return anchor - timedelta(days=back + 7 if direction < 0 and back == 0 else back)


def _week(anchor: date, offset: int) -> str:
    year, week, _ = (anchor + timedelta(weeks=offset)).isocalendar()
    return f"{year}-W{week:02d}"


def _expression(article_id: str, match: re.Match[str], value: str, anchor: date) -> TimeExpression:
    return TimeExpression(
        article_id, match.start(), match.end(), match.group(0), value, "DATE", anchor.isoformat()
    )


def _direction(match: re.Match[str]) -> int:
    groups = match.groupdict()
    if groups.get("next") or groups.get("after_next"):
        return 1
    if groups.get("last") or groups.get("after_last"):
        return -1
    return 0


def find_foreign_times(
    text: str, code: str, anchor: date | None, article_id: str = ""
) -> list[TimeExpression]:
    """The weekdays, relative days and weeks of ``text`` in language ``code``, resolved against
    ``anchor`` (the article's date); none when the language has no table or the article no date."""
    if code not in _TABLES or anchor is None:
        return []
    patterns = _patterns(code)
    found: list[TimeExpression] = []
    ahead = re.compile(rf"(?<!\w)(?:{_AHEAD[code]})\s+$", re.IGNORECASE)
    for match in patterns.weekday.finditer(text):
        day = next(int(k[1:]) for k, v in match.groupdict().items() if k[:1] == "d" and k[1:].isdigit() and v)
        direction = _direction(match) or (
            1 if ahead.search(text, max(0, match.start() - 16), match.start()) else 0
        )
        value = _weekday(day, anchor, direction).isoformat()
        found.append(_expression(article_id, match, value, anchor))
    relative = {re.compile(rf"^(?:{k})", re.I): v for k, v in _TABLES[code].days.items()}
    for match in patterns.day.finditer(text):
        offset = next(v for pattern, v in relative.items() if pattern.match(match.group(0)))
        found.append(_expression(article_id, match, (anchor + timedelta(days=offset)).isoformat(), anchor))
    for match in patterns.week.finditer(text):
        found.append(_expression(article_id, match, _week(anchor, _direction(match)), anchor))
    return _without_overlaps(found)


def _without_overlaps(found: list[TimeExpression]) -> list[TimeExpression]:
    """Longest first, then in text order: "pasado mañana" is one expression, not "mañana" too."""
    kept: list[TimeExpression] = []
    for t in sorted(found, key=lambda t: (-(t.end - t.start), t.start)):
        if all(t.end <= k.start or t.start >= k.end for k in kept):
            kept.append(t)
    return sorted(kept, key=lambda t: t.start)
