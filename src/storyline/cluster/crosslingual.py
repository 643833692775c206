"""What a report and its translation share whatever their languages: names, figures and dates.

Word similarity between a Spanish and an English article is meaningless (they share no words), so for
pairs of articles in different languages clustering compares these marks instead:

- **names**: capitalised words ("Airbus", "Qatar", "A350", "iPod"), folded to ASCII and past
  transliteration variants (Zelenskyy, Зеленський → zelensky; París → paris); a word that opens a
  sentence or the title counts only if the text also capitalises it mid-sentence;
- **figures**: numbers read with the article's language's separators and scale words, so "$15 billion",
  "15.000 millones de $", "15 miliardi" and "$15 miljard" are all 1.5e10;
- **dates**: a day with its month in the article's language ("13 de junio", "June 13", "13 giugno") →
  "@06-13"; a year is a figure.
"""

from __future__ import annotations

import importlib.util
import re
import runpy
from collections.abc import Iterator
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

from storyline.annotate.names import fold, word_key
from storyline.bare_import import import_bare

# languages that write 1.234,5 (thousands with a point, decimals with a comma); English writes 1,234.5
_COMMA_DECIMAL = frozenset({"es", "it", "nl", "de", "fr", "pt", "ru", "uk", "tr", "pl", "da", "nb", "sv"})
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:[.,  ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?:\s*([^\W\d_]+))?")
_SCALE_ONE_BILLION = 1e9
_SCALES: dict[str, float] = {
    **dict.fromkeys(("thousand", "mila", "mille", "duizend", "tausend", "tys"), 1e3),
    **dict.fromkeys(("k",), 1e3),
    **dict.fromkeys(
        ("million", "millions", "m", "mn", "mln", "millon", "millones", "milione", "milioni", "miljoen",
         "miljoenen", "millionen", "mio", "milhao", "milhoes", "millio"),
        1e6,
    ),
    **dict.fromkeys(
        ("billion", "billions", "bn", "b", "miliardo", "miliardi", "miljard", "miljarden", "milliard",
         "milliards", "milliarde", "milliarden", "mrd", "bilhao", "bilhoes"),
        _SCALE_ONE_BILLION,
    ),
    **dict.fromkeys(
        ("trillion", "trillions", "billon", "billones", "biljoen", "bilione", "billionen", "biljoenen"), 1e12
    ),
    **dict.fromkeys(("billiarde", "billiarden", "quadrillion"), 1e15),
}  # fmt: skip
# "billion" is 10^12 in the languages of the long scale; "mil millones" (es, pt) is 10^9
_LONG_SCALE = frozenset({"billion", "billions"})
_WORD = re.compile(r"[^\W_][\w'’]*")
_ELIDED = re.compile(r"^[a-z]{1,4}['’](?=[A-Z])")  # Italian and French "l'Airbus", "dell'EADS", "d'Airbus"
_SENTENCE_END = re.compile(r"[.!?:;]\s+|\n+")
_DAY_NUMBER = r"(\d{1,2})(?:st|nd|rd|th|º|er)?"
MIN_FIGURE = 10  # smaller numbers are counts written as words as often as in figures


def _folded_name(word: str) -> str:
    """Zelenskyy, Зеленський (a soft sign folds to an apostrophe) → zelensky; l'Airbus → airbus."""
    plain = fold(re.sub(r"['’]s?$", "", _ELIDED.sub("", word)))
    return word_key(plain.replace("'", ""))


def _name_like(word: str) -> bool:
    """A capital anywhere, or a code of letters then digits: Airbus, iPod, EADS, A350 (not 13th, 15bn)."""
    if any(c.isupper() for c in word):
        return True
    return word[0].isalpha() and any(c.isdigit() for c in word)


def _sentences(text: str) -> Iterator[str]:
    start = 0
    for match in _SENTENCE_END.finditer(text):
        yield text[start : match.start() + 1]
        start = match.end()
    yield text[start:]


# how ``names`` reads one word: (its name key, or None when it is no name; its bare form in lower case;
# whether it may be capitalised only for opening a sentence)
_Reading = tuple[str | None, str, bool]


@lru_cache(maxsize=1 << 16)
def _reading(word: str, language: str | None) -> _Reading:
    """One word as ``names`` reads it, cached: a text names the same words again and again."""
    bare = _ELIDED.sub("", word)
    if not _name_like(bare):
        return None, bare.lower(), False
    key = _folded_name(word)
    if len(key) < 2 or fold(bare).lower() in _calendar_words(language):
        return "", bare.lower(), False  # name-like but no name: a month, a weekday, one letter
    return key, bare.lower(), bare[1:].islower()


@lru_cache(maxsize=1 << 16)
def _title_key(word: str) -> str | None:
    return _folded_name(word) if _name_like(word) else None


# a sentence's end (as ``_sentences`` splits) or a word: one scan of the text finds both, in order
_END_OR_WORD = re.compile(rf"({_SENTENCE_END.pattern})|({_WORD.pattern})")
# ``_reading`` by language, then word: a dict lookup per word where the cache would build a key tuple
_READINGS: dict[str | None, dict[str, _Reading]] = {}
_READINGS_MOST = 1 << 16


def names(title: str, text: str, language: str | None = None) -> dict[str, int]:
    """Folded names and how often the text names them. A sentence's first word is a name only if the text
    never writes it in lower case ("The" is, "Airbus" is not); a title's words (often all capitalised)
    add to names the text has; month and weekday words are dates, not names.

    Every word of every article is read here (about 150,000 on ECB+), so the sentences are not split
    out and read one by one: one scan finds sentence ends and words in order (a word holds no sentence
    end's character, so they are the words and the first words of ``_sentences``), and each word's
    reading is looked up in a plain dict."""
    found: dict[str, int] = {}
    doubtful: list[tuple[str, str]] = []  # (key, word) capitalised where every word may be
    lower: set[str] = set()
    readings = _READINGS.get(language)
    if readings is None or len(readings) >= _READINGS_MOST:
        readings = _READINGS[language] = {}
    opening = True
    for end, word in _END_OR_WORD.findall(text):
        if end:
            opening = True
            continue
        reading = readings.get(word)
        if reading is None:
            reading = readings[word] = _reading(word, language)
        key, bare, opening_only = reading
        if key is None:
            lower.add(bare)
        elif not key:
            pass
        elif opening and opening_only:
            doubtful.append((key, bare))
        else:
            found[key] = found.get(key, 0) + 1
        opening = False
    for key, word in doubtful:
        if word not in lower:
            found[key] = found.get(key, 0) + 1
    for key in {k for w in _WORD.findall(title) if (k := _title_key(w)) is not None}:
        if key in found:
            found[key] += 1
    return found


def _value(digits: str, language: str | None) -> float | None:
    point, group = (",", ".") if language in _COMMA_DECIMAL else (".", ",")
    text = digits.replace(" ", "").replace("\u00a0", "")
    if group in text and point not in text and not re.fullmatch(rf"\d{{1,3}}(?:\{group}\d{{3}})+", text):
        group, point = point, group  # "1.5" in a comma-decimal language: written the English way
    text = text.replace(group, "").replace(point, ".")
    try:
        return float(text)
    except ValueError:
        return None


_MONEY_BEFORE = re.compile(r"[$€£¥]\s*$")
_LETTER_SCALES = frozenset({"m", "b", "k"})  # "70m passengers", "$2 b": onto the figure or after money


def _scale(
    word: str | None, after: str, language: str | None, before: str = "", attached: bool = True
) -> float:
    if not word:
        return 1.0
    key = fold(word)
    if key in _LETTER_SCALES and not attached and not _MONEY_BEFORE.search(before):
        return 1.0  # "a wingspan of 79 m", "section 4 b"
    if key == "mil" and language in ("es", "pt"):
        return 1e9 if re.match(r"\s*(?:millones|milhoes|millon)", fold(after)) else 1e3
    if key in _LONG_SCALE and language not in (None, "en"):
        return 1e12
    return _SCALES.get(key, 1.0)


def figure_key(value: float) -> str:
    """One spelling per value: 60 → #60, 2005 → #2005, 15e9 → #1.5e+10."""
    if value == int(value) and value < 1e6:
        return f"#{int(value)}"
    return f"#{value:.3g}"


def figures(text: str, language: str | None) -> dict[str, int]:
    found: dict[str, int] = {}
    for match in _NUMBER.finditer(text):
        value = _value(match[1], language)
        if value is None:
            continue
        before = text[max(0, match.start() - 3) : match.start()]
        attached = match[2] is not None and match.start(2) == match.end(1)
        scale = _scale(match[2], text[match.end() : match.end() + 20], language, before, attached)
        if scale == 1.0 and value < MIN_FIGURE and value == int(value):
            continue
        key = figure_key(value * scale)
        found[key] = found.get(key, 0) + 1
    return found


def _dateparser_table(code: str) -> dict[str, list[str]]:
    """dateparser's words for a language (month names among them); empty for a language it lacks.

    Its table files are plain literals with no imports, so each is run on its own: importing one the
    ordinary way runs dateparser's package first (its parser, settings and language loaders: about
    0.15 s of a run) for a few lists of words. The import is the fallback should the files move."""
    spec = importlib.util.find_spec("dateparser")  # finds the package without running its __init__
    if spec is not None and spec.origin is not None and re.fullmatch(r"[a-z]{2,3}(?:-[A-Za-z0-9]+)*", code):
        path = Path(spec.origin).parent / "data" / "date_translation_data" / f"{code}.py"
        if path.is_file():
            info: dict[str, list[str]] = runpy.run_path(str(path))["info"]
            return info
    try:
        module = import_bare(f"dateparser.data.date_translation_data.{code}")  # not dateparser's parser
    except ImportError:
        return {}
    found: dict[str, list[str]] = module.info
    return found


_NAMES_OF_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                    "october", "november", "december")  # fmt: skip
_NAMES_OF_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@cache
def _calendar_words(language: str | None) -> frozenset[str]:
    """Month and weekday words of English and the language, folded: German capitalises them."""
    words: set[str] = set()
    for code in {"en", language or "en"}:
        info = _dateparser_table(code)
        for name in (*_NAMES_OF_MONTHS, *_NAMES_OF_DAYS):
            words.update(fold(w).rstrip(".") for w in info.get(name, []) if len(w) >= 3)
    return frozenset(words)


@cache
def _month_pattern(language: str | None) -> tuple[re.Pattern[str], dict[str, int]]:
    """Day-and-month in either order, with the language's month words (from dateparser's tables)."""
    months: dict[str, int] = {}
    for code in {"en", language or "en"}:
        info = _dateparser_table(code)
        for number, month in enumerate(_NAMES_OF_MONTHS, start=1):
            for word in info.get(month, []):
                if len(word) >= 3:
                    months[fold(word).rstrip(".")] = number
    words = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    year = r"(?:,?\s*(?:de\s+|del\s+)?(\d{4})\b)?"
    pattern = (
        rf"\b{_DAY_NUMBER}\.?\s*(?:de\s+|-)?({words})\b\.?{year}|\b({words})\.?\s+{_DAY_NUMBER}\b{year}"
    )
    return re.compile(pattern), months


def _day_months(text: str, language: str | None) -> Iterator[tuple[int, int, int | None]]:
    """(month, day, year if written) of every day named with its month, in the order they are written."""
    pattern, months = _month_pattern(language)
    for match in pattern.finditer(fold(text)):
        day, month, year = (match[1], match[2], match[3]) if match[1] else (match[5], match[4], match[6])
        if 1 <= int(day) <= 31:
            yield months[month], int(day), int(year) if year else None


def dates(text: str, language: str | None) -> dict[str, int]:
    found: dict[str, int] = {}
    for month, day, _ in _day_months(text, language):
        key = f"@{month:02d}-{day:02d}"
        found[key] = found.get(key, 0) + 1
    return found


def named_days(text: str, language: str | None, published: date) -> list[date]:
    """The days the text names with their month ("el 11 de diciembre"), in order, each in its written year
    or else the year that puts it closest to the publication date (a report of 25 January names last 11
    December)."""
    out = []
    for month, day, written in _day_months(text, language):
        candidates = []
        for year in (written,) if written else (published.year - 1, published.year, published.year + 1):
            try:
                candidates.append(date(year, month, day))
            except ValueError:  # 30 February
                continue
        if candidates:
            out.append(min(candidates, key=lambda d: (abs((d - published).days), d)))
    return out


def marks(title: str, text: str, language: str | None) -> dict[str, float]:
    """The article's names, figures and dates with their counts; the title's count twice (as words do)."""
    out: dict[str, float] = {}
    for part, weight in ((text, 1.0), (title, 1.0)):
        for found in (figures(part, language), dates(part, language)):
            for key, count in found.items():
                out[key] = out.get(key, 0.0) + weight * count
    for key, count in names(title, text, language).items():
        out[key] = out.get(key, 0.0) + count
    return out
