"""Transliterated full names compared within groups of the same word count and first letters (issue 19)
join the same people as comparing every pair of the set's full names did."""

from __future__ import annotations

import itertools
import random

from storyline.annotate.actors import _contexts, _join_transliterations, _Links, transliterated
from storyline.annotate.names import key
from storyline.models import ActorKind, AnnotatedArticle, Article, Mention, PublishedDate

_SPELLINGS = [
    "Gurbanguli Berdymukhamedov", "Gurbanguly Berdimuhamedov", "Gurbanguly Berdymuhammedov",
    "Volodymyr Zelenskyy", "Volodymyr Zelensky", "Wolodymyr Selenskyj", "Dmitry Peskov", "Dmitri Peskov",
    "Mikhail Gorbachev", "Mikhail Gorbachov", "Alexei Navalny", "Aleksei Navalny", "Alexey Navalnyy",
    "Muammar Gaddafi", "Moammar Gadhafi", "Muammar Qaddafi", "Anna Ivanova", "Anna Ivanov",
]  # fmt: skip
_PLACES = ["Turkmenistan", "Kyiv", "Moscow", "Libya", "Paris"]


def _article(article_id: str, names: list[str]) -> AnnotatedArticle:
    text = ". ".join(names) + "."
    mentions, cursor = [], 0
    for name in names:
        start = text.index(name, cursor)
        kind: ActorKind = "place" if name in _PLACES else "person"
        mentions.append(
            Mention(article_id, start, start + len(name), name, "GPE" if kind == "place" else "PERSON", kind)
        )
        cursor = start + len(name)
    return AnnotatedArticle(
        Article(article_id, article_id, text, PublishedDate.unknown()), mentions=tuple(mentions)
    )


def _groups(links: _Links, keys: list[str]) -> dict[str, str]:
    return {k: links.find(k) for k in keys}


def test_names_compared_within_their_groups_join_as_every_pair_did() -> None:
    rng = random.Random(19)
    joined = 0
    for _ in range(60):
        articles = [
            _article(
                f"a{n}", rng.sample(_SPELLINGS, rng.randint(1, 4)) + rng.sample(_PLACES, rng.randint(0, 2))
            )
            for n in range(rng.randint(2, 6))
        ]
        keys = sorted({key(m.text) for a in articles for m in a.mentions})
        kinds: dict[str, ActorKind] = {
            k: "place" if any(key(p) == k for p in _PLACES) else "person" for k in keys
        }
        fast = _Links()
        _join_transliterations(fast, articles, kinds)
        plain = _Links()
        contexts = _contexts(articles)
        people = sorted(k for k in contexts if kinds.get(k) == "person" and len(k.split()) > 1)
        for a, b in itertools.combinations(people, 2):
            if plain.find(a) != plain.find(b) and transliterated(a, b) and contexts[a] & contexts[b]:
                plain.join(a, b)
        assert _groups(fast, keys) == _groups(plain, keys)
        joined += len(set(_groups(plain, keys).values())) < len(keys)
    assert joined > 10  # the draws do join spellings


def test_two_spellings_of_one_name_sharing_a_place_are_joined() -> None:
    one, other = "Gurbanguli Berdymukhamedov", "Gurbanguly Berdimuhamedov"
    articles = [_article("a1", [one, "Turkmenistan"]), _article("a2", [other, "Turkmenistan"])]
    assert key(one) != key(other)
    links = _Links()
    _join_transliterations(links, articles, {key(one): "person", key(other): "person"})
    assert links.find(key(one)) == links.find(key(other))
