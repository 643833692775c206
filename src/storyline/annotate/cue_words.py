"""The words that make an attribution, one list each: verbs of speech and report, nouns for
something said and for bodies that speak as one, verbs that characterize or withhold. ``cues.py``
reads the parse with them; ``descriptions.py`` and ``mentions.py`` import them from there.
"""

from __future__ import annotations

_SPEECH_VERBS_WORDS = """
    say tell add state claim announce explain note write report declare insist argue ask reply
    respond answer warn comment remark assert acknowledge admit recall mention stress emphasize
    emphasise contend maintain observe predict promise repeat reiterate testify tweet concede confirm
    deny allege complain vow pledge urge quip joke shout chant whisper suggest tout boast caution
    counter retort lament muse exclaim proclaim brag scoff continue conclude"""
SPEECH_VERBS = frozenset(_SPEECH_VERBS_WORDS.split())

# Verbs that attribute a claim without reporting speech; they need a clausal complement to count.
_REPORT_VERBS_WORDS = """
    believe think find show reveal indicate estimate expect agree fear hope acknowledge accuse
    criticize criticise blame charge describe call predict signal worry recognize recognise
    conclude decide learn know feel doubt question rule"""
REPORT_VERBS = frozenset(_REPORT_VERBS_WORDS.split())

# Nouns for something said: when one heads the source, its owner is the speaker ("His statement").
_STATEMENT_NOUNS_WORDS = """
    statement remark comment word message post tweet letter announcement speech testimony address
    response reply answer note memo interview op-ed column essay video broadcast appeal email e-mail
    release ad advertisement notice"""
STATEMENT_NOUNS = frozenset(_STATEMENT_NOUNS_WORDS.split())

# Singular nouns for a body of people that speaks as one: "the Russian defence ministry said".
_COLLECTIVE_NOUNS_WORDS = """
    ministry government intelligence military army navy police administration office team delegation
    embassy parliament agency campaign command leadership media press service council committee
    cabinet presidency regime opposition side coalition alliance party staff establishment
    poll survey study analysis report"""
COLLECTIVE_NOUNS = frozenset(_COLLECTIVE_NOUNS_WORDS.split())

# Passive verbs that report someone's words: "X was quoted (by Y) as saying", "X was heard saying".
REPORTED_AS = frozenset({"quote", "cite", "report", "hear", "record", "overhear", "film", "tape", "see"})

# Verbs whose direct object is not what was said: the addressee or a bare pronoun ("told her", "said
# it"), or another sense of the verb ("claimed victory", "maintains a lead", "wrote a book").
NOT_SAID_OBJECT = frozenset(
    {"say", "tell", "ask", "answer", "urge", "reply", "respond", "continue", "add"}
    | {"claim", "maintain", "write"}
)

# Verbs that say something of someone in words: the object and what it is called ("described
# Trump as a fraud", "accused him of lying", "called the vote a mistake", "rejected the request").
_CHARACTERIZING_WORDS = """
    describe portray paint characterize characterise label dub brand call accuse criticize criticise
    blast slam praise hail applaud condemn denounce attack blame reject dismiss dispute refute rebuff
    rebut decry mock ridicule liken deride lambaste chide scold rebuke fault belittle disparage
    taunt recite"""
CHARACTERIZING_VERBS = frozenset(_CHARACTERIZING_WORDS.split())
# Verbs whose object is words withheld when a refusal governs them: "refused to provide an estimate",
# "declined to discuss potential appointees".
_WITHHELD_WORDS = """
    say comment discuss elaborate specify disclose detail provide give offer answer name identify
    release explain confirm reveal share address supply"""
WITHHELD_VERBS = frozenset(_WITHHELD_WORDS.split())

# Verbs of speech mostly used in another sense; they report words only beside a quotation:
# '"...," he continued' but not "forces continued to shell the city".
QUOTATION_ONLY = frozenset({"continue"})

# Objects that are no words of the speaker's: a statement named ("confirmed an earlier statement by
# Peskov") or a thing posted ("tweeting a photo of ...").
NOT_WORDS_OBJECTS = STATEMENT_NOUNS | {"photo", "picture", "image", "link", "map", "chart", "report"}
