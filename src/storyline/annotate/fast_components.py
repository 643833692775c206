"""Exact and cheaper stand-ins for two of spaCy's components: the attribute ruler and the
rule (or lookup) lemmatizer.

What they cost, and why. spaCy's ``AttributeRuler`` runs a ``Matcher`` holding every one of its
patterns (179 in ``en_core_web_sm``: a tag map, morph rules by word and tag, a few exceptions by
dependency label and a handful of two-token ones) over every token of every document: each token
starts a state per pattern, and the matcher makes a Python ``Token`` per token on the way. The rule
``Lemmatizer`` makes a Python ``Token`` per token and, for each, builds its cache key (a
``MorphAnalysis`` object for the morph key) and sets ``lemma_`` through the string store; for each
word it has not seen, it tests every candidate form against a list of known lemmas. On a one-core
ECB+ run they were 4.4 s and 2.2 s of spaCy's 31.9 s.

What these do instead. Both read and write the document as arrays (``Doc.to_array`` and
``Doc.from_array``) and decide once per distinct value:

- the ruler compiles each pattern's token specs into conditions on token attributes (a value, ``IN``,
  ``NOT_IN``, ``REGEX``: the Matcher's own semantics, values hashed as the Matcher hashes them), and
  learns, once per distinct tuple of the attributes the patterns read (here TAG, LOWER, DEP and
  IS_SPACE), which single-token patterns match. As in spaCy, every match is found on the document
  as it came in, before anything is written, and of all the rules that match a token, the one added
  last sets each attribute it names. Fixed-length patterns of several tokens are checked only where
  their first token matches. A pattern the compiler does not take (an operator, an extension
  attribute, a fuzzy or set-of-morph predicate, the sentence start) goes to a stock ``Matcher``
  holding only such patterns, whose matches are merged in the same order; a rule that sets anything
  but LEMMA, POS, TAG, MORPH or DEP (a lexical attribute, an extension) leaves the whole component
  to spaCy's own code, which also keeps its patterns, serialisation and scoring.
- the lemmatizer asks spaCy's own ``lemmatize`` once per distinct (ORTH, POS, MORPH) of the tokens
  still without a lemma: for spaCy's ``Lemmatizer`` and ``EnglishLemmatizer``, in rule or lookup
  mode, the lemma is a function of those three alone (spaCy's own cache is keyed on the same three).
  In rule mode it asks a twin of the stock object (same class, mode and tables) whose index of known
  lemmas per part of speech is a set instead of a list: ``rule_lemmatize`` only tests membership in
  it, and on the list each test scanned up to 57,528 nouns, most of the lemmatizer's cold cost. Any
  other lemmatizer class or mode, or a document made inside a memory zone (whose strings are
  transient), goes to the stock component. The tables are the ones the model was loaded with.

Why by hand: no library does this. spaCy has no vectorised path for either component (its
``Matcher`` and ``PhraseMatcher`` both work token by token from Python objects' views, and the
lemmatizer has no batch API), and the contract here is exact equality with spaCy's output, which a
different ruler or lemmatizer (a spaCy-lookups table, an edit-tree lemmatizer) would not give.

``benchmarks/components.py`` proves equality on the ECB+, seeds and PolNeAR texts and times both;
``tests/test_fast_components.py`` checks it on the seeds and on hard text. Set
``STORYLINE_STOCK_COMPONENTS=1`` to keep spaCy's own components.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

# what a long-lived process (watch, the web app) keeps learnt at most; past it, it learns anew
LEARNT_AT_MOST = 1_000_000
STOCK = "STORYLINE_STOCK_COMPONENTS"  # set (to anything but "" or "0"): keep spaCy's own components
RULER_FACTORY = "storyline_fast_attribute_ruler"
LEMMATIZER_FACTORY = "storyline_fast_lemmatizer"


def wanted() -> bool:
    """Whether the fast components are to be installed (``STORYLINE_STOCK_COMPONENTS`` unset)."""
    return os.environ.get(STOCK, "") in ("", "0")


def install(nlp: Any) -> list[str]:
    """Put the fast components in ``nlp``'s pipeline in place of every ``attribute_ruler`` and
    ``lemmatizer`` component, under the same names and at the same places; each keeps the stock
    object it replaces (its patterns, tables and cache). Returns the names replaced."""
    from spacy.language import Language
    from spacy.pipeline import AttributeRuler, Lemmatizer

    if not Language.has_factory(RULER_FACTORY):
        Language.factory(RULER_FACTORY, func=_make_ruler)
    if not Language.has_factory(LEMMATIZER_FACTORY):
        Language.factory(LEMMATIZER_FACTORY, func=_make_lemmatizer)
    replaced = []
    for name, proc in list(nlp.pipeline):
        if isinstance(proc, AttributeRuler):
            factory = RULER_FACTORY
        elif isinstance(proc, Lemmatizer):
            factory = LEMMATIZER_FACTORY
        else:
            continue
        fast = nlp.replace_pipe(name, factory)
        fast.adopt(proc)
        replaced.append(name)
    return replaced


def _make_ruler(nlp: Any, name: str) -> FastAttributeRuler:
    return FastAttributeRuler(name)


def _make_lemmatizer(nlp: Any, name: str) -> FastLemmatizer:
    return FastLemmatizer(name)


class _StandIn:
    """A component that wraps the stock one it stands in for: what it does not define (patterns,
    tables, serialisation, scoring, error handler) is the stock object's."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.stock: Any = None

    def adopt(self, stock: Any) -> None:
        self.stock = stock
        self._state = self._fingerprint()
        self._prepare()

    def _prepare(self) -> None:
        raise NotImplementedError

    def _fingerprint(self) -> tuple[Any, ...]:
        """What changes when the stock object is given other patterns or tables (``add_patterns``,
        ``initialize``, ``from_disk``...) through this one: then what was compiled is compiled anew."""
        raise NotImplementedError

    def _current(self) -> None:
        state = self._fingerprint()
        if state != self._state:
            self._state = state
            self._prepare()

    def __getattr__(self, attr: str) -> Any:
        stock = self.__dict__.get("stock")
        if stock is None:
            raise AttributeError(attr)
        return getattr(stock, attr)

    def __call__(self, doc: Any) -> Any:
        raise NotImplementedError

    def pipe(self, stream: Iterable[Any], *, batch_size: int = 128) -> Iterator[Any]:
        """As spaCy's ``Pipe.pipe``: each document in turn, errors to the error handler."""
        error_handler = self.stock.get_error_handler()
        for doc in stream:
            try:
                yield self(doc)
            except Exception as exc:
                error_handler(self.name, self, [doc], exc)


# ---------------------------------------------------------------------------------------------------
# The attribute ruler


_SETTABLE = ("LEMMA", "POS", "TAG", "MORPH", "DEP")  # token-level only: set on the token, never a lexeme


class _Unsupported(Exception):
    """A pattern the compiler leaves to spaCy's Matcher."""


class FastAttributeRuler(_StandIn):
    """spaCy's ``AttributeRuler``, the same output (see the module's docstring)."""

    def _prepare(self) -> None:
        self._plan = _RulerPlan.of(self.stock)

    def _fingerprint(self) -> tuple[Any, ...]:
        stock = self.stock
        return (id(stock.matcher), len(stock.matcher), len(stock.attrs))

    def __call__(self, doc: Any) -> Any:
        self._current()
        plan = self._plan
        if plan is None:
            return self.stock(doc)
        error_handler = self.stock.get_error_handler()
        try:
            plan.apply(doc)
            return doc
        except Exception as exc:
            return error_handler(self.name, self, [doc], exc)


class _RulerPlan:
    """The ruler's patterns compiled for the array path, and what it has learnt so far."""

    def __init__(self, stock: Any) -> None:
        from spacy.attrs import IDS
        from spacy.matcher import Matcher

        self.vocab = stock.vocab
        self.set_cols = [IDS[a] for a in _SETTABLE]
        # each rule: what it sets, as (column, value) pairs
        self.rules: list[tuple[tuple[int, int], ...]] = []
        for attrs in stock.attrs:
            col = {a: n for n, a in enumerate(self.set_cols)}
            self.rules.append(tuple((col[a], int(v)) for a, v in attrs.items()))
        self.specs: dict[tuple[tuple[int, str, Any], ...], int] = {}  # conditions -> spec number
        self.single: list[tuple[int, int]] = []  # (rule, spec)
        self.multi: list[tuple[int, tuple[int, ...], int]] = []  # (rule, specs, offset of the target)
        self.fallback = Matcher(self.vocab, validate=False)
        self.fallback_rules: dict[int, int] = {}  # match id -> rule
        for rule, index in enumerate(stock.indices):
            left = []
            for pattern in stock.matcher.get(str(rule))[1]:
                try:
                    self._compile(rule, pattern, index)
                except _Unsupported:
                    left.append(pattern)
            if left:
                key = str(rule)
                self.fallback.add(key, left)
                self.fallback_rules[self.vocab.strings.add(key)] = rule
        self.indices = list(stock.indices)
        self.attrs = sorted({a for conds in self.specs for a, _, _ in conds})
        self._index_conditions()
        self.first_bits = 0
        for _, specs, _ in self.multi:
            self.first_bits |= 1 << specs[0]
        self.by_key: dict[Any, int] = {}  # the read attributes' values -> outcome
        self.mask_by_key: dict[Any, int] = {}  # the read attributes' values -> specs matched
        self.outcome_by_mask: dict[int, int] = {}
        self.outcome_by_rules: dict[tuple[int, ...], int] = {}
        self.rules_by_mask: dict[int, tuple[int, ...]] = {}
        self.outcomes: list[tuple[int | None, ...]] = []
        self._tables: tuple[Any, Any] = (None, None)
        self._outcome(())  # outcome 0: nothing set

    @classmethod
    def of(cls, stock: Any) -> _RulerPlan | None:
        """The plan, or None when some rule sets what the array path does not write."""
        from spacy.attrs import IDS

        settable = {IDS[a] for a in _SETTABLE}
        if any(set(attrs) - settable for attrs in stock.attrs):
            return None
        return cls(stock)

    # compiling --------------------------------------------------------------------------------------

    def _compile(self, rule: int, pattern: Sequence[Any], index: int) -> None:
        if not isinstance(pattern, list) or not pattern:
            raise _Unsupported
        if not -len(pattern) <= index < len(pattern):
            raise _Unsupported  # the stock Matcher's path raises spaCy's own error on a match
        specs = tuple(self._spec(token) for token in pattern)
        if len(specs) == 1:
            self.single.append((rule, specs[0]))
        else:
            self.multi.append((rule, specs, index % len(pattern)))

    def _spec(self, token: Any) -> int:
        if not isinstance(token, dict) or not token:
            raise _Unsupported
        conditions = []
        for key, value in token.items():
            attr = _attr_id(key)
            if isinstance(value, dict):
                if not value:
                    raise _Unsupported
                for kind, operand in value.items():
                    conditions.append(self._predicate(attr, kind, operand))
            else:
                conditions.append((attr, "==", self._literal(attr, value)))
        spec = tuple(sorted(conditions, key=repr))
        return self.specs.setdefault(spec, len(self.specs))

    def _literal(self, attr: int, value: Any) -> int:
        """A value as the Matcher compares it (its ``_get_attr_values``)."""
        from spacy.attrs import ENT_IOB
        from spacy.tokens import Token

        if isinstance(value, str):
            if attr == ENT_IOB and value in Token.iob_strings():
                return int(Token.iob_strings().index(value))
            return int(self.vocab.strings.add(value))
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int):
            return value
        raise _Unsupported

    def _predicate(self, attr: int, kind: Any, operand: Any) -> tuple[int, str, Any]:
        """An ``IN``, ``NOT_IN`` or ``REGEX`` as the Matcher's ``_SetPredicate`` and
        ``_RegexPredicate`` evaluate it on a token attribute."""
        from spacy.attrs import MORPH
        from spacy.strings import get_string_id

        kind = kind.upper() if isinstance(kind, str) else kind
        if kind in ("IN", "NOT_IN") and attr != MORPH and isinstance(operand, list | tuple):
            if not all(isinstance(v, str | int) and not isinstance(v, bool) for v in operand):
                raise _Unsupported
            return (attr, kind, frozenset(get_string_id(v) for v in operand))
        if kind == "REGEX" and isinstance(operand, str):
            return (attr, kind, operand)
        raise _Unsupported

    def _index_conditions(self) -> None:
        """Per attribute read: which specs a value satisfies, from an index of the plain conditions
        and a test of the others, learnt once per value."""
        self.attr_tables: list[tuple[int, dict[int, int], list[tuple[int, list[Any]]], dict[int, int]]] = []
        everything = (1 << len(self.specs)) - 1
        for attr in self.attrs:
            free = everything
            index: dict[int, int] = {}
            tested = []
            for spec, number in self.specs.items():
                mine = [c for c in spec if c[0] == attr]
                if not mine:
                    continue
                bit = 1 << number
                free &= ~bit
                if len(mine) == 1 and mine[0][1] == "==":
                    index[mine[0][2]] = index.get(mine[0][2], 0) | bit
                elif len(mine) == 1 and mine[0][1] == "IN":
                    for v in mine[0][2]:
                        index[v] = index.get(v, 0) | bit
                else:
                    tested.append((bit, [(kind, re.compile(op) if kind == "REGEX" else op)
                                         for _, kind, op in mine]))
            self.attr_tables.append((free, index, tested, {}))

    def _attr_mask(self, n: int, value: int) -> int:
        free, index, tested, seen = self.attr_tables[n]
        mask = seen.get(value)
        if mask is None:
            mask = free | index.get(value, 0)
            for bit, conditions in tested:
                if all(self._holds(kind, op, value) for kind, op in conditions):
                    mask |= bit
            seen[value] = mask
        return int(mask)

    def _holds(self, kind: str, op: Any, value: int) -> bool:
        if kind == "==":
            return bool(value == op)
        if kind == "IN":
            return value in op
        if kind == "NOT_IN":
            return value not in op
        return bool(op.search(self.vocab.strings[value]))  # REGEX, on the attribute's string

    # learning ---------------------------------------------------------------------------------------

    def _learn(self, key: Any) -> int:
        values = (key,) if len(self.attrs) == 1 else key
        mask = -1
        for n, value in enumerate(values):
            mask &= self._attr_mask(n, value)
        self.mask_by_key[key] = mask
        outcome = self.outcome_by_mask.get(mask)
        if outcome is None:
            rules = tuple(sorted({rule for rule, spec in self.single if mask >> spec & 1}))
            self.rules_by_mask[mask] = rules
            outcome = self.outcome_by_mask[mask] = self._outcome(rules)
        self.by_key[key] = outcome
        return outcome

    def _outcome(self, rules: tuple[int, ...]) -> int:
        """The outcome of a token matched by ``rules``: per column the value of the last rule that
        sets it (spaCy applies matches sorted by rule), None where none does."""
        found = self.outcome_by_rules.get(rules)
        if found is None:
            values: list[int | None] = [None] * len(self.set_cols)
            for rule in sorted(rules):
                for col, value in self.rules[rule]:
                    values[col] = value
            found = self.outcome_by_rules[rules] = len(self.outcomes)
            self.outcomes.append(tuple(values))
        return found

    def _outcome_tables(self) -> tuple[Any, Any]:
        import numpy

        if self._tables[0] is None or len(self._tables[0]) != len(self.outcomes):  # one learnt since
            sets = numpy.array([[v is not None for v in o] for o in self.outcomes], dtype=bool)
            vals = numpy.array([[v or 0 for v in o] for o in self.outcomes], dtype=numpy.uint64)
            self._tables = (sets, vals)
        return self._tables

    # applying ---------------------------------------------------------------------------------------

    def apply(self, doc: Any) -> None:
        import numpy

        length = len(doc)
        if not length:
            return
        if len(self.by_key) > LEARNT_AT_MOST:
            self.by_key.clear()  # between documents: within one, what it learnt is read again
            self.mask_by_key.clear()
            for table in self.attr_tables:
                table[3].clear()
        width = len(self.attrs)
        array = doc.to_array(self.attrs + self.set_cols)
        if width == 0:
            keys: list[Any] = [()] * length
        elif width == 1:
            keys = array[:, 0].tolist()
        else:
            keys = list(zip(*(array[:, n].tolist() for n in range(width)), strict=True))
        by_key = self.by_key
        outcomes = [by_key.get(key) for key in keys]
        if None in outcomes:
            outcomes = [by_key[key] if key in by_key else self._learn(key) for key in keys]
        hits = self._hits(doc, keys, length) if self.multi or self.fallback_rules else {}
        for i, rules in hits.items():
            own = self.rules_by_mask[self.mask_by_key[keys[i]]]
            outcomes[i] = self._outcome(tuple(sorted(set(own) | rules)))
        if not any(outcomes):
            return  # no token matched: nothing to write
        sets, vals = self._outcome_tables()
        chosen = numpy.asarray(outcomes, dtype=numpy.intp)
        new = numpy.where(sets[chosen], vals[chosen], array[:, width:])
        doc.from_array(self.set_cols, new)

    def _hits(self, doc: Any, keys: list[Any], length: int) -> dict[int, set[int]]:
        """Rules matched by patterns of several tokens or left to the stock Matcher: token -> rules.
        All found on the document as it came in, as spaCy finds every match before writing any."""
        from spacy.errors import Errors
        from spacy.tokens import Span

        hits: dict[int, set[int]] = {}
        if self.multi:
            masks = [self.mask_by_key[key] for key in keys]
            first = self.first_bits
            for start in [i for i, m in enumerate(masks) if m & first]:
                for rule, specs, offset in self.multi:
                    end = start + len(specs)
                    if end <= length and all(masks[start + k] >> s & 1 for k, s in enumerate(specs)):
                        hits.setdefault(start + offset, set()).add(rule)
        if self.fallback_rules:
            for match_id, start, end in self.fallback(doc, allow_missing=True, as_spans=False):
                rule = self.fallback_rules[match_id]
                span = Span(doc, start, end, label=match_id)
                try:
                    token = span[self.indices[rule]]
                except IndexError:
                    raise ValueError(Errors.E1001.format(
                        patterns=self.fallback.get(span.label), span=[t.text for t in span],
                        index=self.indices[rule])) from None
                hits.setdefault(token.i, set()).add(rule)
        return hits


def _attr_id(key: Any) -> int:
    """A pattern key as the Matcher reads it; the sentence start, operators and extension attributes
    are left to the Matcher."""
    from spacy.attrs import IDS, SENT_START

    if isinstance(key, str):
        name = key.upper()
        if name in ("_", "OP", "IS_SENT_START"):
            raise _Unsupported
        attr = IDS.get("ORTH" if name == "TEXT" else name)
    elif isinstance(key, int) and not isinstance(key, bool):
        attr = key
    else:
        attr = None
    if attr is None or attr == SENT_START:
        raise _Unsupported
    return int(attr)


# ---------------------------------------------------------------------------------------------------
# The lemmatizer


class FastLemmatizer(_StandIn):
    """spaCy's rule or lookup ``Lemmatizer``, the same output (see the module's docstring)."""

    def _prepare(self) -> None:
        from spacy.lang.en.lemmatizer import EnglishLemmatizer
        from spacy.pipeline import Lemmatizer

        stock = self.stock
        kind = type(stock)
        method = getattr(kind, f"{stock.mode}_lemmatize", None)
        self._pure = (
            kind in (Lemmatizer, EnglishLemmatizer)
            and stock.mode in ("rule", "lookup")
            and getattr(stock.lemmatize, "__func__", None) is method
        )
        self._lemmas: dict[tuple[int, int, int], int] = {}  # (ORTH, POS, MORPH) -> the lemma's hash
        self._asked = _twin(stock) if self._pure and stock.mode == "rule" else stock

    def _fingerprint(self) -> tuple[Any, ...]:
        stock = self.stock
        tables = stock.lookups.tables
        return (stock.mode, stock.overwrite, id(stock.lookups), tuple(tables),
                tuple(id(stock.lookups.get_table(t)) for t in tables))

    def __call__(self, doc: Any) -> Any:
        self._current()
        stock = self.stock
        if not self._pure or stock.vocab.in_memory_zone:
            return stock(doc)
        error_handler = stock.get_error_handler()
        try:
            self._lemmatize(doc)
            return doc
        except Exception as exc:
            return error_handler(self.name, self, [doc], exc)

    def _lemmatize(self, doc: Any) -> None:
        import numpy
        from spacy.attrs import LEMMA, MORPH, ORTH, POS
        from spacy.errors import Errors

        stock = self.stock
        if not stock._validated:
            stock._validate_tables(Errors.E1004)
        if not len(doc):
            return
        array = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = array[:, 3]
        todo = numpy.arange(len(doc)) if stock.overwrite else numpy.flatnonzero(lemmas == 0)
        if not len(todo):
            return
        keys = list(zip(*(array[todo, n].tolist() for n in range(3)), strict=True))
        known = self._lemmas
        if len(known) > LEARNT_AT_MOST:
            known.clear()
        found = [known.get(key) for key in keys]
        if None in found:
            strings, lemmatize = doc.vocab.strings, self._asked.lemmatize
            for n, key in enumerate(keys):
                if found[n] is None:
                    lemma = known.get(key)
                    if lemma is None:
                        lemma = known[key] = strings.add(lemmatize(doc[int(todo[n])])[0])
                    found[n] = lemma
        lemmas[todo] = found
        doc.from_array([LEMMA], lemmas)


def _twin(stock: Any) -> Any:
    """A lemmatizer of the stock one's class, mode and tables, whose index of known lemmas per part
    of speech is a set where the stock one has a list: spaCy's ``rule_lemmatize`` only asks whether a
    form is in it (``form in index``), which on a list is a scan of up to 57,528 words (the nouns of
    ``en_core_web_sm``) for each candidate form of each new word. Same answers, a hash away."""
    from spacy.lookups import Lookups

    twin = type(stock)(stock.vocab, stock.model, name=stock.name, mode=stock.mode,
                       overwrite=stock.overwrite, scorer=stock.scorer)
    lookups = Lookups()
    for name in stock.lookups.tables:
        table = stock.lookups.get_table(name)
        if name != "lemma_index":
            lookups.set_table(name, table)
            continue
        index = lookups.add_table(name)
        for key, words in table.items():
            plain = isinstance(words, list) and all(isinstance(w, str) for w in words)
            index.set(key, frozenset(words) if plain else words)
    twin.lookups = lookups
    try:
        twin._validate_tables()
    except ValueError:  # not initialised yet: the stock one says so when asked
        return stock
    return twin
