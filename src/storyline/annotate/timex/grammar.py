"""The patterns that find time expressions in English news, one named rule per shape.

Each rule is a regular expression whose named groups the resolvers in ``rules`` read. When a rule
needs words around the expression that are not part of it ("for years"), the group ``t`` marks
the expression itself.
"""

from __future__ import annotations

import re

from storyline.annotate.timex.lexicon import (
    FLOATING_HOLIDAYS,
    HOLIDAYS,
    MONTH_NAMES,
    NUMBERS,
    ORDINALS,
    PARTS_OF_DAY,
    REFS,
    SEASONS,
    SETS,
    UNITS,
    VAGUE_NUMBERS,
    WEEKDAY_NAMES,
    alternation,
)

# Month and weekday names must be capitalised: "may", "march" and "sun" are ordinary words.
_MONTH_NAMES = (
    "|".join(m.capitalize() for m in MONTH_NAMES) + "|"
    # the short forms that are words of their own ("Mar", "Sep") need their full stop; "May" has none
    r"Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.|Oct\.?|Nov\.?|Dec\.?"
)
_MONTHS_UPPER = "|".join(w for w in _MONTH_NAMES.upper().split("|") if "." not in w)
MONTH = rf"(?-i:{_MONTH_NAMES}|{_MONTHS_UPPER})(?![a-z])"
# alone, an abbreviation needs its full stop: "Jan" is a name, "Jan." a month
_MONTHS_DOTTED = _MONTH_NAMES.replace(r"\.?", r"\.")
MONTH_ALONE = rf"(?-i:{_MONTHS_DOTTED}|{_MONTHS_UPPER})(?![a-z])"
WEEKDAY = (
    "(?-i:(?:" + "|".join([*(d.capitalize() for d in WEEKDAY_NAMES), *(d.upper() for d in WEEKDAY_NAMES)])
    + r")(?![a-z])|(?:Mon|Tues|Tue|Wed|Thurs|Thu|Fri|Sat|Sun)\.)"
)
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
YEAR = r"(?:1[5-9]\d\d|20\d\d)(?![\d])"
NUM_WORDS = alternation([*NUMBERS, *VAGUE_NUMBERS])
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
NUM = (
    rf"(?:(?<![\d,.])\d{{1,3}}(?:\.\d+)?(?![\d,])|(?:{_TENS})[-\s](?:one|two|three|four|five|six|seven|eight|nine)\b|"
    rf"(?:{NUM_WORDS})\b)"
)
UNIT = rf"(?:{alternation(UNITS)})s?"
PART = alternation(k for k in PARTS_OF_DAY if k not in ("tonight", "overnight"))
EDGE = r"(?:early|late|mid-|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)"
ORD = alternation(ORDINALS)
TZ = r"(?:\s*\(?(?P<tz>(?-i:[A-Z]{2,4}T|GMT|UTC|Z))(?:\s*(?P<shift>[+-]\s*\d{1,2}))?\)?)?"

# "nineteen ninety-four", as broadcast transcripts write years
_SPELLED_YEAR = (
    rf"nineteen(?:\s+hundred)?(?:\s+and)?\s+(?P<tail>{_TENS}|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen)(?:[-\s](?P<unit>one|two|three|four|five|six|seven|"
    r"eight|nine))?"
)
_NTH = "second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
_HOLIDAY_NAMES = alternation([*HOLIDAYS, *FLOATING_HOLIDAYS, "election day"])

# compiled by the finder when first needed, each behind its prefilter (``prefilter.prefiltered``)
RULE_SOURCES: list[tuple[str, str]] = [
    ("iso", r"\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    ("slash", r"(?<![\d/])(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>\d{4}|\d\d)(?![\d/])"),
    (
        "month_day",
        rf"\b(?:(?P<wd>{WEEKDAY}),?[ \t]+)?(?:(?P<edge>{EDGE}|last|this|next)\s*)?"
        rf"(?P<mon>{MONTH})\s*(?P<d>{DAY})(?:(?:,\s*|\s+)(?P<y>{YEAR}))?",
    ),
    (
        "day_month",
        rf"\b(?:(?P<wd>{WEEKDAY}),?[ \t]+)?(?:the\s+)?(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH})"
        rf"(?:,?\s+(?P<y>{YEAR}))?",
    ),
    ("month_year", rf"\b(?:(?P<edge>{EDGE})\s*)?(?P<mon>{MONTH})\s*,?\s+(?:of\s+)?(?P<y>{YEAR})"),
    # "June last year" is one expression; in "October of next year" the month is its own expression
    # (the year after "of" is another) and takes its year from the words after
    (
        "month_rel_year",
        rf"\b(?P<t>(?P<mon>{MONTH_ALONE})(?:\s+(?P<rel>this|last|next)\s+year\b|"
        rf"(?=\s+of\s+(?P<rel_of>this|last|next)\s+year\b)))",
    ),
    (
        "month",
        rf"(?:\b(?P<pre>in|since|until|till|by|from|of|during|before|after|through|to|and|or|on)\s+)?"
        rf"(?P<t>\b(?:(?P<rel>last|next|this|early|late|mid-|mid|the\s+end\s+of|the\s+beginning\s+of|"
        rf"the\s+start\s+of|the\s+middle\s+of)\s*)?(?P<mon>{MONTH_ALONE}))",
    ),
    ("decade", r"\b(?:the\s+)?(?:(?P<edge>early|late|mid-|mid)\s*)?(?P<dec>(?:1[5-9]|20)\d0)'?s\b"),
    # "since '82": a year written with an apostrophe, after a word that takes a time
    ("year_short", r"\b(?:since|in|from|until|till|by|before|after|of)\s+(?P<t>'(?P<y>\d\d))(?![\w'])"),
    ("decade_short", r"\b(?:the\s+)?(?:(?P<edge>early|late|mid-|mid)\s*)?'(?P<dec>\d0)s\b"),
    # "the 70s and 80s": two-digit decades only after "the" (or right after one), never ages ("his 70s")
    ("decade_the", r"(?:\bthe\s+(?:(?:early|late|mid-|mid)\s*)?|(?<=0s and )|(?<=0s or ))(?P<dec>[2-9]0)s\b"),
    ("century", r"\b(?:the\s+)?(?P<c>\d{1,2})(?:st|nd|rd|th)[\s-]+century\b"),
    (
        "year",
        rf"(?<![$£€#\d.,/-])(?:\b(?P<edge>{EDGE}|pre-|post-|fiscal(?:\s+year)?|calendar|the\s+year|FY)\s*)?"
        rf"\b(?P<y>{YEAR})\b(?!\s*(?:%|percent|[.,]\d))",
    ),
    (
        "season",
        rf"\b(?:(?P<the>the)\s+)?(?:(?P<rel>this|last|next|past|coming|early|late|mid-|mid)\s*)?"
        rf"(?P<s>{alternation(SEASONS)})\b(?:\s+(?:of\s+)?(?P<y>{YEAR}))?",
    ),
    (  # "sales rose in February from the same period last year": that month, a year before
        "same_period",
        r"\bthe\s+(?:same|corresponding|comparable)\s+(?:period|month|quarter|week)\s+(?:of\s+)?"
        r"(?:(?:the\s+)?(?:last|previous|prior)\s+year|a\s+year\s+(?:ago|earlier|before))\b",
    ),
    (
        "quarter",
        rf"\b(?:the\s+|(?P<yrel2>this|last|next)\s+year's\s+)?(?:(?P<rel>latest|current|previous|past|recent|same|year-earlier|year-ago|"
        rf"comparable|prior|fiscal|corresponding)[-\s]+)*(?:(?P<ord>{ORD})[-\s]+)?(?:fiscal[-\s]+)?"
        rf"(?<!-to-)(?P<unit>quarter|half|period)\b(?!-(?:century|to-))(?:\s+of\s+(?:(?P<y>{YEAR})|(?P<yrel>this|last|next)\s+year))?",
    ),
    ("year_period", rf"\bthe\s+(?P<y>{YEAR})\s+(?:fiscal\s+)?(?:quarter|period)\b"),  # "in the 1988 period"
    (
        "year_quarter",
        rf"\b(?:the\s+)?(?P<y>{YEAR})\s+(?:fiscal\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)"
        r"[-\s]+(?:fiscal[-\s]+)?quarter\b",
    ),
    ("ordinal_months", rf"\b(?:the\s+)?(?P<ord>first|last|past)\s+(?P<num>{NUM})\s+months\b"),
    (
        "relative",
        r"\b(?:(?P<edge>early|late|earlier|later|mid-|mid|the\s+end\s+of|the\s+beginning\s+of|"
        r"the\s+start\s+of|the\s+middle\s+of|the\s+rest\s+of|the\s+remainder\s+of)\s+)?"
        r"(?P<rel>this|last|next|current|the\s+current|that)\s+(?:fiscal\s+)?(?P<unit>week|weekend|month|year|"
        r"decade|century)\b",
    ),
    # "at the beginning of the year": a part of this year, written as the year
    ("edge_of_the", r"\bthe\s+(?:beginning|start|end|middle)\s+of\s+the\s+(?P<unit>year|week)\b"),
    ("relative_in", r"\b(?P<edge>earlier|later)\s+in\s+the\s+(?P<unit>week|month|year)\b"),
    (  # market reports: "ended the day at 7,114", "for the day", "late in the day"
        "the_day",
        r"\b(?:(?:late|early|later|earlier)\s+in|for|end|ends|ended|ending|finish|finished|finishing|close|"
        r"closed|closing|start|started|starting|open|opened|opening)\s+(?P<t>the\s+(?:trading\s+)?day)\b",
    ),
    (
        "that_day",
        r"\b(?:(?:earlier|later)\s+)?(?:that|the\s+same)\s+(?:day|morning|afternoon|evening|night)\b",
    ),
    (
        "that_year",
        r"\b(?:(?:(?:earlier|later)\s+that|that|the\s+same|the\s+(?P<rel>following|previous))\s+year|"
        r"the\s+year\s+(?P<rel2>previous))\b",
    ),
    (
        "that_month",
        r"\b(?:(?:(?:earlier|later)\s+)?that|the\s+(?P<rel>following|previous|prior))\s+month\b",
    ),
    (
        "the_past_unit",
        r"\b(?P<t>the\s+(?P<rel>past|last|next|coming|previous)\s+(?P<unit>decade|century|year|month|week))\b",
    ),
    ("weekend", r"\b(?:the|this|last|next)\s+weekend\b"),
    (  # "the last week of March": a week of that month
        "week_of_month",
        rf"\bthe\s+(?P<ord>first|second|third|fourth|last|final)\s+week\s+of\s+(?P<mon>{MONTH})"
        rf"(?:,?\s+(?P<y>{YEAR}))?",
    ),
    (
        "today",
        r"\b(?:(?P<edge>earlier|later|early|late)\s+)?(?P<word>today|tonight|yesterday|tomorrow|the\s+day\s+before\s+yesterday|"
        rf"the\s+day\s+after\s+tomorrow)\b(?:\s+(?P<part>{PART})\b)?",
    ),
    # "by mid afternoon", "at mid-afternoon yesterday": that part of the day
    (
        "mid_part",
        r"\bmid[-\s]?(?P<part>morning|afternoon|evening)(?:\s+(?P<word>yesterday|today|tomorrow))?\b",
    ),
    (  # "a hearing the week of March 6": the ISO week of that day
        "week_of_day",
        rf"\bthe\s+week\s+of\s+(?P<mon>{MONTH})\s*(?P<d>{DAY})(?:,?\s+(?P<y>{YEAR}))?",
    ),
    # "it is the second day of an offensive", "suspended for a second consecutive day": the day of
    # the report
    (
        "nth_day",
        rf"\b(?:(?:the|a)\s+(?:{_NTH})\s+(?:(?:consecutive|straight)\s+)?|(?:{_NTH})\s+(?:consecutive|straight)\s+)"
        rf"(?P<unit>day|week)\b(?!-)|\b(?:{_NTH})\s+(?P<unit2>day|week)\s+in\s+a\s+row\b",
    ),
    ("this_part", rf"\b(?P<word>this|last|early\s+this|late\s+last|later\s+this)\s+(?P<part>{PART})\b"),
    (  # "the day before last Tuesday's hearing": a day from the weekday
        "day_by_weekday",
        rf"\b(?:the\s+)?day\s+(?P<side>before|after)\s+(?:(?P<rel>last|next|this)\s+)?(?P<wd>{WEEKDAY})",
    ),
    (
        "weekday",
        rf"\b(?:(?P<rel>last|next|this|early|late|the\s+previous|the\s+following|the\s+next|"
        rf"coming)\s+)?(?P<wd>{WEEKDAY})(?:\s+(?P<part>{PART}))?",
    ),
    ("year_earlier", r"\b(?:a\s+year\s+(?:earlier|ago|before)|year-(?:earlier|ago)|the\s+year-earlier)\b"),
    # "Islam will one day be the second religion": some day ahead, not a day's length
    ("one_day", r"\b(?:will|would|could|may|might|can|should|must)\s+(?P<t>(?:one|some)\s+day)\b"),
    ("ago", rf"\b(?P<num>{NUM})[\s-]+(?P<unit>{UNIT})\s+(?P<dir>ago|from\s+now|hence)\b"),
    (
        "duration",
        rf"\b(?:(?P<the>the)\s+(?:(?P<rel>past|last|next|coming|first|final|previous|following|"
        rf"preceding|latest|remaining)\s+)?)?(?P<num>{NUM})(?P<half>\s+and\s+a\s+half|\s+1/2)?[\s-]+"
        rf"(?:(?:trading|business|working|calendar|more|additional|extra|straight|consecutive|full)\s+)?(?P<unit>{UNIT})(?P<half2>\s+and\s+a\s+half)?(?:-(?P<old>long))?\b(?![-\s]old\b)",
    ),
    # "between 60 and 90 days": the first number is a duration of its own, in the unit after the second
    (
        "range_first",
        rf"\bbetween\s+(?P<t>(?P<num>\d+|{NUM_WORDS}))\s+and\s+(?:\d+|{NUM_WORDS})[\s-]+(?P<unit>{UNIT})\b",
    ),
    # "on April 24 and 25": the second day is a date of its own, in the month before it
    ("day_after_and", rf"\b(?P<mon>{MONTH})\s*{DAY}\s+(?:and|or)\s+(?P<t>(?P<d>{DAY}))(?!\s*(?:%|,\s*\d))"),
    ("range", rf"\b(?P<a>\d+|{NUM_WORDS})\s+(?:to|or|-)\s+(?P<b>\d+|{NUM_WORDS})[\s-]+(?P<unit>{UNIT})\b"),
    ("term", r"\b(?:in|for|over|of)\s+(?P<t>the\s+(?:near|short|long)\s+term)\b"),  # "in the near term"
    ("units_long", r"\b(?P<unit>years|months|weeks|days|decades)-(?:long|old)\b"),  # "a decades-long dispute"
    (  # "by year-end", "around year end": this year's end
        "year_end",
        r"\b(?P<pre>since|by|until|before|at|around|after)\s+(?P<t>(?:the\s+)?(?:year[-\s]end|year's\s+end|"
        r"end\s+of\s+the\s+year))\b",
    ),
    (
        "bare_units",
        r"\b(?P<pre>for|over|in|within|after|past|last|recent|coming|next|take|took|takes|lasted|"
        r"last)\s+(?:just\s+|only\s+|mere\s+)?(?P<t>(?P<unit>years|months|weeks|days|hours|minutes|decades))\b",
    ),
    # "over the years": a stretch of years, as long as the context makes it
    (
        "over_the_units",
        r"\b(?:over|through|throughout)\s+(?P<t>the\s+(?P<unit>years|months|weeks|decades|centuries))\b",
    ),
    (
        "the_unit",
        r"\b(?P<pre>for|during|over|throughout|in)\s+(?P<t>the\s+(?:(?P<whole>full|entire|whole|fiscal)\s+)?"
        r"(?P<unit>year|week|month|day))\b(?P<ended>\s+(?:ended|ending|that\s+ended|to\s+date))?",
    ),
    (
        "half_unit",
        r"\b(?P<t>half\s+an?\s+(?P<unit>hour|day|year|century)|an?\s+(?P<unit2>hour|day|year)\s+and\s+a\s+half)\b",
    ),
    (
        "set",
        rf"\b(?:(?P<every>every|each|per|a)\s+(?:other\s+)?(?P<unit>{alternation(UNITS)}|(?P<wd>{WEEKDAY}))"
        rf"|(?P<adv>{alternation(SETS)}))\b",
    ),
    # "Orangemen march each July": every July
    ("each_month", rf"\b(?:every|each)\s+(?:(?P<mon>{MONTH_ALONE})|(?P<s>{alternation(SEASONS)})\b)"),
    (
        "times_a",
        rf"\b(?P<n>once|twice|\w+\s+times)\s+(?:a|per|each|every)\s+(?P<unit>{alternation(UNITS)})\b",
    ),
    (
        "clock",
        rf"\b(?P<h>[012]?\d)(?::(?P<m>[0-5]\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b){TZ}",
    ),
    (
        "clock_day",
        rf"\b(?P<h>[012]?\d)(?::(?P<m>[0-5]\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b){TZ}"
        rf"(?:\s*,\s*|\s+on\s+|\s+)(?:(?P<wd>{WEEKDAY})|(?P<word>today|yesterday|tomorrow)\b|(?P<mon>{MONTH})\s*(?P<d>{DAY}))",
    ),
    (  # "12:00 UTC Monday", "16:00 UTC today"
        "clock24_day",
        r"\b(?P<h>[01]?\d|2[0-3]):?(?P<m>[0-5]\d)\s*(?P<tz>(?-i:GMT|UTC|Z|[A-Z]{2,3}T))(?:\s+on\s+|\s+)"
        rf"(?:(?P<wd>{WEEKDAY})|(?P<word>today|yesterday|tomorrow)\b|(?P<mon>{MONTH})\s*(?P<d>{DAY}))",
    ),
    ("noon_day", rf"\b(?P<w>noon|midday|midnight)(?:\s*,\s*|\s+on\s+|\s+)(?P<wd>{WEEKDAY})"),
    (
        "spelled_year",
        rf"\b(?:(?:(?P<mon>{MONTH})\s+|(?:the\s+)?(?P<s>{alternation(SEASONS)})\s+of\s+)?{_SPELLED_YEAR}"
        r"|the\s+year\s+two\s+thousand)\b",
    ),
    ("clock24", r"\b(?P<h>[01]?\d|2[0-3]):?(?P<m>[0-5]\d)\s*(?P<tz>(?-i:GMT|UTC|Z|[A-Z]{2,3}T))\b"),
    ("noon", r"\b(?P<w>noon|midday|midnight)\b"),
    ("ref", rf"\b(?P<r>{alternation(REFS)})\b"),
    # "will soon begin", "very soon", "as soon as possible"; not the conjunction "as soon as he
    # arrives" nor "soon after the attack", whose time is the event's
    ("soon", r"(?<!as\s)\b(?:very\s+soon|soon|as\s+soon\s+as\s+possible)\b(?!\s+(?:as|after)\b|-)"),
    (
        "holiday",
        rf"\b(?:(?P<rel>last|next|this)\s+)?(?P<h>{_HOLIDAY_NAMES})(?:,?\s+(?P<y>{YEAR}))?",
    ),
]

# Every rule needs one of these stems or names; sentences without any are not scanned at all. The
# stems are lower-case ASCII, \d and \s: sought without IGNORECASE in the folded text
# (``prefilter.fold``), where they match exactly where IGNORECASE would in the text, three times
# faster; the month and weekday names are sought in the text itself, as before (case-sensitive
# names, then a look-ahead under IGNORECASE).
TRIGGER_STEMS = re.compile(
    r"\d|today|tonight|yesterday|tomorrow|now|current|present|moment|recent|lately|past|future|coming|"
    r"ahead|ago|second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur|season|"
    r"spring|summer|fall|autumn|winter|noon|midnight|morning|afternoon|evening|period|half|annual|"
    r"nineteen|thousand|term|time\s+being|soon|christmas|halloween|valentine|thanksgiving|daily|nightly|weekly|monthly|yearly|hourly"
)
TRIGGER_NAMES = re.compile(rf"{MONTH}|{WEEKDAY}", re.IGNORECASE)

FLAGS = re.IGNORECASE  # the flags every rule is compiled with
