"""What a regular expression cannot match without, derived from the rule itself.

``derive(source, flags)`` reads a pattern's parse tree and returns two necessary conditions of any
match: the class its first character belongs to (``first``), and clauses of literals (``clauses``):
every match holds, in its case-folded text (:func:`fold`), one literal of each clause inside a run of
letters and digits. The time finder compiles each rule behind a look-ahead for its first character
(a position that cannot start a match fails at once) and runs it only on the sentences whose words
hold a literal of each clause. Neither condition can reject a real match, so results are the same.

How the clauses are read: every node of the tree gets the set of strings it can consume when that
set is small (its "exact" set: "jan" or "jun" or "jul"), and otherwise clauses of which every match
holds one literal each. A sequence joins neighbouring exact sets into longer literals and keeps
every clause of its parts; an alternation needs, for each branch, the most selective clause of that
branch; a repeat needs what its body needs when the body must run at least once; assertions consume
nothing, and a class of more than a few characters (``\\d``, ``\\s``) is not read. A literal is then
cut to its longest run of letters and digits ("a.m." to "a", "year-ago" to "year"), which any
occurrence of it holds; a clause with a literal that has none is dropped.

Written by hand because no library reads what a Python regex requires (RE2 and Hyperscan do it for
their own dialects, which lack these rules' look-behinds); the tree comes from ``re._parser``, the
parser ``re`` itself compiles these patterns with, so both conditions are read from what runs.
Parsing every rule takes a tenth of a second, so the conditions of the English rules are kept in
``prefilter_table`` (written by ``write_table()``, checked by a test); a rule whose pattern has
changed since is derived again when first used.
"""

from __future__ import annotations

import hashlib
import pprint
import re
import re._constants as sre  # type: ignore[import-not-found]  # re's own node names, no stubs
import re._parser as sre_parse  # type: ignore[import-not-found]  # re's own parser, no stubs
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["RUN", "Clauses", "Prefilter", "derive", "fold", "key", "prefiltered", "write_table"]

Clauses = tuple[tuple[str, ...], ...]  # each match holds one literal of every clause


@dataclass(frozen=True)
class Prefilter:
    first: str  # a class every match's first character belongs to ("" when none is known)
    clauses: Clauses


# beyond this many strings an exact set stops growing and becomes a clause
_MAX_EXACT = 64
# Case folding as ``re.IGNORECASE`` compares an ASCII literal: its two cases, and the four other
# characters Unicode folds onto an ASCII letter (capital I with dot, dotless i, Kelvin sign, long s).
# One character for one, so offsets into the folded text are offsets into the text.
_FOLD = str.maketrans(
    {
        **{u: u.lower() for u in string.ascii_uppercase},
        "\u0130": "i",
        "\u0131": "i",
        "\u212a": "k",
        "\u017f": "s",
    }
)
RUN = re.compile("[a-z0-9]+")  # in folded text: the runs a literal is looked for in
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_CATEGORIES = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_WORD: r"\w"}


def fold(text: str) -> str:
    """``text`` with every character that ``re.IGNORECASE`` takes for an ASCII letter written as
    that lower-case letter; other characters are kept."""
    return text.translate(_FOLD)


def key(source: str, flags: int) -> str:
    """The name of a pattern in the table: a digest of its source and flags."""
    return hashlib.sha256(f"{flags}:{source}".encode()).hexdigest()[:16]


def prefiltered(name: str, source: str, flags: int) -> tuple[re.Pattern[str], Clauses]:
    """The rule compiled behind a look-ahead for its first character, and its clauses."""
    from storyline.annotate.timex.prefilter_table import TABLE

    digest, first, clauses = TABLE.get(name, ("", "", ()))
    found = Prefilter(first, clauses) if digest == key(source, flags) else derive(source, flags)
    wrapped = f"(?={found.first})(?:{source})" if found.first else source
    return re.compile(wrapped, flags), found.clauses


def derive(source: str, flags: int) -> Prefilter:
    tree = sre_parse.parse(source, flags)
    clauses = {_alnum(clause) for clause in _sequence(tree).needed()}
    kept = sorted((c for c in clauses if c), key=_strength, reverse=True)
    return Prefilter(_first_class(tree), tuple(kept))


def _alnum(clause: frozenset[str]) -> tuple[str, ...]:
    """Each literal cut to its longest run of letters and digits; () when one has none."""
    runs = [max(RUN.findall(literal), key=len, default="") for literal in clause]
    return () if "" in runs else tuple(sorted(set(runs)))


def _strength(clause: tuple[str, ...]) -> tuple[int, int, tuple[str, ...]]:
    """More selective first: the shortest literal longest, then the fewest literals."""
    return min(len(s) for s in clause), -len(clause), clause


# ---- literals -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Info:
    """What a node consumes: ``exact``, every string it can match, folded (None when unknown or too
    many); otherwise ``clauses``."""

    exact: frozenset[str] | None
    clauses: tuple[frozenset[str], ...] = ()

    def needed(self) -> tuple[frozenset[str], ...]:
        if self.exact is None:
            return self.clauses
        return () if "" in self.exact else (self.exact,)


_NOTHING = _Info(None)
_EMPTY = _Info(frozenset({""}))


def _sequence(items: Iterable[tuple[Any, Any]]) -> _Info:
    """Neighbouring exact sets join into longer literals; every clause of the parts is kept."""
    exact: frozenset[str] | None = frozenset({""})
    whole = True  # every item so far had an exact set: the sequence's own set is ``exact``
    clauses: list[frozenset[str]] = []
    for op, av in items:
        info = _node(op, av)
        joined = _join(exact, info.exact)
        if joined is not None:
            exact = joined
            continue
        whole = False
        clauses += _Info(exact).needed() + info.needed()
        exact = frozenset({""})
    if whole:
        return _Info(exact)
    return _Info(None, (*clauses, *_Info(exact).needed()))


def _join(left: frozenset[str] | None, right: frozenset[str] | None) -> frozenset[str] | None:
    if left is None or right is None or len(left) * len(right) > _MAX_EXACT:
        return None
    return frozenset(a + b for a in left for b in right)


def _node(op: Any, av: Any) -> _Info:
    if op is sre.LITERAL:
        return _Info(frozenset({fold(chr(av))})) if chr(av).isascii() else _NOTHING
    if op is sre.IN:
        return _charset(av)
    if op in _ZERO_WIDTH:
        return _EMPTY
    if op is sre.SUBPATTERN:
        return _sequence(av[-1])
    if op is sre.ATOMIC_GROUP:
        return _sequence(av)
    if op is sre.BRANCH:
        return _branch(av[1])
    if op in _REPEATS:
        return _repeat(av[0], av[1], _sequence(av[2]))
    return _NOTHING  # any character, a back-reference, a conditional group


def _charset(items: Sequence[tuple[Any, Any]]) -> _Info:
    """A class of a few ASCII characters is an exact set; any other class is not read."""
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < 10:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return _NOTHING
    if not all(c.isascii() for c in chars):
        return _NOTHING
    return _Info(frozenset(fold(c) for c in chars))


def _branch(alternatives: Sequence[Any]) -> _Info:
    infos = [_sequence(alt) for alt in alternatives]
    exacts = [i.exact for i in infos if i.exact is not None]
    if len(exacts) == len(infos):
        union = frozenset().union(*exacts)
        if len(union) <= _MAX_EXACT:
            return _Info(union)
    best = [max(i.needed(), key=_set_strength, default=None) for i in infos]
    if any(clause is None for clause in best):
        return _NOTHING  # a branch that needs nothing: the alternation needs nothing
    return _Info(None, (frozenset().union(*(c for c in best if c is not None)),))


def _set_strength(clause: frozenset[str]) -> tuple[int, int]:
    return min(len(s) for s in clause), -len(clause)


def _repeat(least: int, most: int, body: _Info) -> _Info:
    if least == 0:
        if most == 1 and body.exact is not None and len(body.exact) < _MAX_EXACT:
            return _Info(body.exact | {""})
        return _NOTHING
    if least == most and body.exact is not None and len(body.exact) ** least <= _MAX_EXACT:
        exact: frozenset[str] | None = frozenset({""})
        for _ in range(least):
            exact = _join(exact, body.exact)
        return _Info(exact)
    return _Info(None, body.needed())


# ---- the first character --------------------------------------------------------------------


def _first_class(tree: Any) -> str:
    """A class holding every character a match can start with, or "" when a match can be empty or
    start with anything (any character, a negated class)."""
    items, nullable = _firsts(tree)
    if items is None or nullable or not items:
        return ""
    return "(?i:[" + "".join(sorted(items)) + "])"  # every case: a rule may be case-sensitive in parts


def _firsts(items: Iterable[tuple[Any, Any]]) -> tuple[set[str] | None, bool]:
    """The class items a sequence can start with, and whether it can match the empty string."""
    found: set[str] = set()
    for op, av in items:
        first, nullable = _first_of(op, av)
        if first is None:
            return None, False
        found |= first
        if not nullable:
            return found, False
    return found, True


def _first_of(op: Any, av: Any) -> tuple[set[str] | None, bool]:
    if op is sre.LITERAL:
        return {re.escape(chr(av))}, False
    if op is sre.IN:
        return _class_items(av), False
    if op in _ZERO_WIDTH:
        return set(), True
    if op is sre.SUBPATTERN:
        return _firsts(av[-1])
    if op is sre.ATOMIC_GROUP:
        return _firsts(av)
    if op is sre.BRANCH:
        parts = [_firsts(alt) for alt in av[1]]
        if any(first is None for first, _ in parts):
            return None, False
        return set().union(*(first or set() for first, _ in parts)), any(n for _, n in parts)
    if op in _REPEATS:
        first, nullable = _firsts(av[2])
        return first, nullable or av[0] == 0
    return None, False


def _class_items(items: Sequence[tuple[Any, Any]]) -> set[str] | None:
    out: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            out.add(re.escape(chr(av)))
        elif op is sre.RANGE:
            out.add(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is sre.CATEGORY and av in _CATEGORIES:
            out.add(_CATEGORIES[av])
        else:
            return None  # a negated class or another category: anything may start a match
    return out


# ---- the table ------------------------------------------------------------------------------


def write_table(path: Path | None = None) -> None:
    """Write ``prefilter_table`` (or ``path``) from the English rules as they are now."""
    from storyline.annotate.timex.grammar import FLAGS, RULE_SOURCES

    lines = [
        '"""Each English time rule\'s first-character class and literal clauses (``prefilter.derive``),',
        "by rule, with ``prefilter.key`` of the pattern they were read from. Written by",
        "``prefilter.write_table()``; not edited by hand (a test checks it against the rules).",
        '"""',
        "",
        "TABLE: dict[str, tuple[str, str, tuple[tuple[str, ...], ...]]] = {",
    ]
    for name, source in RULE_SOURCES:
        found = derive(source, FLAGS)
        head = f"    {name!r}: "
        entry = (key(source, FLAGS), found.first, found.clauses)
        text = pprint.pformat(entry, width=108 - len(head), compact=True)
        lines.append(head + text.replace("\n", "\n" + " " * len(head)) + ",")
    lines.append("}")
    path = path or Path(__file__).with_name("prefilter_table.py")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
