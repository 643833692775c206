"""Near-duplicate and syndication groups."""

from __future__ import annotations

import hashlib
import json
import pickle
import random
from datetime import date
from pathlib import Path

import pytest
from datasketch import MinHashLSH

from storyline.dedupe import band_keys, group_duplicates, group_id, group_signatures, lsh_pairs, sign_articles
from storyline.dedupe.near import _CANDIDATE_THRESHOLD, _band_ranges
from storyline.models import Article, PublishedDate

WIRE = [
    "The regional council approved a budget of 4.2 million euros for the new harbour bridge on Tuesday.",
    "Mayor Helena Varga said construction would begin in April and last about eighteen months.",
    "Opponents led by councillor Tomas Brandt argued the money should go to the northern rail line instead.",
    "The bridge will replace a ferry service that has carried commuters across the bay since 1962.",
    "Engineers from Lindqvist Partners expect the structure to carry twelve thousand vehicles a day.",
    "A public consultation drew more than 3,000 responses, most of them in favour of the project.",
]


def _article(text: str, day: int = 10, title: str | None = None) -> Article:
    digest = hashlib.sha1(text.encode()).hexdigest()[:16]
    published = PublishedDate(date(2024, 5, day), "metadata", "test", 1.0)
    return Article(id=digest, origin=f"{digest}.txt", text=text, published=published, title=title)


def _groups_of(articles: list[Article]) -> set[frozenset[str]]:
    return {frozenset(g.article_ids) for g in group_duplicates(articles)}


def test_every_article_is_in_exactly_one_group() -> None:
    articles = [_article("\n\n".join(WIRE)), _article("A different story about cats and weather today.")]
    groups = group_duplicates(articles)
    ids = [a for g in groups for a in g.article_ids]
    assert sorted(ids) == sorted(a.id for a in articles)
    assert len(groups) == 2


def test_syndicated_copy_with_trimmed_ending_and_added_paragraph_is_grouped() -> None:
    origin = _article("\n\n".join(WIRE), day=10)
    trimmed = _article("\n\n".join(WIRE[:4]), day=11)
    extended = _article("\n\n".join([*WIRE, "Reporting by our correspondent; editing by the desk."]), day=12)
    groups = group_duplicates([extended, trimmed, origin])
    assert len(groups) == 1
    assert groups[0].origin_id == origin.id
    assert groups[0].id == group_id([origin.id, trimmed.id, extended.id])


def test_same_template_with_other_names_and_figures_is_not_a_copy() -> None:
    other = [
        s.replace("Helena Varga", "Piotr Sandel")
        .replace("Tomas Brandt", "Ines Okafor")
        .replace("Lindqvist Partners", "Moravec Group")
        .replace("4.2", "7.9")
        .replace("3,000", "1,200")
        .replace("1962", "1974")
        for s in WIRE
    ]
    assert len(group_duplicates([_article("\n\n".join(WIRE)), _article("\n\n".join(other))])) == 2


def test_unrelated_articles_stay_apart() -> None:
    rng = random.Random(7)
    words = [f"w{i}" for i in range(2000)]
    texts = [" ".join(rng.choice(words) for _ in range(150)) for _ in range(20)]
    assert len(group_duplicates([_article(t) for t in texts])) == 20


def test_origin_is_earliest_then_longest() -> None:
    long_late = _article("\n\n".join(WIRE), day=12)
    short_early = _article("\n\n".join(WIRE[:5]), day=9)
    long_early = _article("\n\n".join([*WIRE, "Extra closing paragraph from the wire."]), day=9)
    (group,) = group_duplicates([long_late, short_early, long_early])
    assert group.origin_id == long_early.id


def test_group_ids_do_not_depend_on_input_order() -> None:
    articles = [_article("\n\n".join(WIRE)), _article("\n\n".join(WIRE[1:])), _article("Other text here.")]
    first = group_duplicates(articles)
    second = group_duplicates(list(reversed(articles)))
    assert first == second


@pytest.mark.parametrize("threshold", [0.0, 1.5])
def test_bad_threshold_is_rejected(threshold: float) -> None:
    with pytest.raises(ValueError, match="threshold"):
        group_duplicates([], threshold=threshold)


def _mixed_batch() -> list[Article]:
    """Copies (trimmed, extended, exact), a template with other names, and unrelated texts."""
    rng = random.Random(3)
    words = [f"w{i}" for i in range(500)]
    return [
        _article("\n\n".join(WIRE), day=10),
        _article("\n\n".join(WIRE[:4]), day=11),
        _article("\n\n".join([*WIRE, "Reporting by our correspondent."]), day=12),
        _article("\n\n".join(s.replace("Helena Varga", "Piotr Sandel").replace("4.2", "7.9") for s in WIRE)),
        *(_article(" ".join(rng.choice(words) for _ in range(80)), day=d) for d in range(1, 9)),
    ]


@pytest.mark.parametrize("chunk", [1, 3, 100])
def test_signatures_signed_in_chunks_elsewhere_group_as_one_batch(chunk: int) -> None:
    articles = _mixed_batch()
    # what an engine does: sign chunks in other processes (pickled there and back), group here
    signed = [
        s
        for start in range(0, len(articles), chunk)
        for s in pickle.loads(pickle.dumps(sign_articles(articles[start : start + chunk])))
    ]
    assert [s.article_id for s in signed] == [a.id for a in articles]
    assert group_signatures(signed) == group_duplicates(articles)
    assert len(group_duplicates(articles)) == len(articles) - 2  # the three copies are one group


def test_signatures_of_one_grouping_must_agree_on_permutations() -> None:
    articles = _mixed_batch()
    mixed = [*sign_articles(articles[:2], num_perm=64), *sign_articles(articles[2:], num_perm=128)]
    with pytest.raises(ValueError, match="num_perm"):
        group_signatures(mixed)
    with pytest.raises(ValueError, match="num_perm"):
        sign_articles(articles, num_perm=8)


def test_band_keys_propose_exactly_the_pairs_the_lsh_proposes(shared_dir: Path) -> None:
    """A store that keeps every signature's band keys finds a new article's candidates by looking its keys
    up (issue 19): on real reports and their trimmed copies, the pairs sharing a key are the LSH's."""
    texts = [
        json.loads(path.read_text(encoding="utf-8"))["text"]
        for path in sorted((shared_dir / "eval" / "ecbplus").glob("[1-4]ecb*/*.json"))
    ]
    copies = [" ".join(t.split()[: len(t.split()) * 2 // 3]) for t in texts[::3]]
    signed = sign_articles([_article(t) for t in dict.fromkeys(texts + copies)])
    holders: dict[str, set[str]] = {}
    for s in signed:
        for key in band_keys(s.minhash):
            holders.setdefault(key, set()).add(s.article_id)
    keyed = {(a, b) for ids in holders.values() for a in ids for b in ids if a < b}
    assert len(keyed) > len(copies) // 2
    assert keyed == {(min(pair), max(pair)) for pair in lsh_pairs(signed)}
    lsh = MinHashLSH(threshold=_CANDIDATE_THRESHOLD, num_perm=128)  # datasketch's own
    proposed = set()
    for s in signed:
        proposed |= {(min(other, s.article_id), max(other, s.article_id)) for other in lsh.query(s.minhash)}
        lsh.insert(s.article_id, s.minhash)
    assert keyed == proposed


@pytest.mark.parametrize("num_perm", [16, 17, 33, 64, 100, 127, 128, 129, 200, 256])
def test_band_ranges_are_datasketchs(num_perm: int) -> None:
    """The LSH's bands are chosen without SciPy (issue 19: its import cost 0.4 s of each start), and are the
    ones datasketch's own LSH chooses for lsh_pairs's threshold."""
    assert _band_ranges(num_perm) == MinHashLSH(threshold=_CANDIDATE_THRESHOLD, num_perm=num_perm).hashranges


def test_lsh_pairs_are_the_pairs_datasketchs_lsh_proposes(shared_dir: Path) -> None:
    """``lsh_pairs`` buckets the bands itself: the pairs (each once, the later article second) are those a
    ``MinHashLSH`` at the same threshold gives, queried then filled article by article."""
    from datasketch import MinHashLSH

    from storyline.dedupe.near import _CANDIDATE_THRESHOLD

    texts = [
        json.loads(path.read_text(encoding="utf-8"))["text"]
        for path in sorted((shared_dir / "eval" / "ecbplus").glob("[1-6]ecb*/*.json"))
    ]
    copies = [" ".join(t.split()[: len(t.split()) * 3 // 4]) for t in texts[::2]]
    signed = sign_articles([_article(t) for t in dict.fromkeys(copies + texts + copies[:3])])
    lsh = MinHashLSH(threshold=_CANDIDATE_THRESHOLD, num_perm=128)
    expected = []
    for s in signed:
        expected += [(str(other), s.article_id) for other in lsh.query(s.minhash)]
        lsh.insert(s.article_id, s.minhash, check_duplication=False)
    pairs = lsh_pairs(signed)
    assert len(pairs) == len(set(pairs)) > len(copies) // 2
    assert sorted(pairs) == sorted(expected)


def test_a_signature_unpickles_whole_without_datasketchs_package() -> None:
    """A worker's signatures come back pickled; unpickling a ``LeanMinHash`` by its class would import
    datasketch's package (its LSH, and SciPy's integrator and optimiser) in the process that groups."""
    import subprocess
    import sys

    signed = sign_articles(_mixed_batch()[:3], num_perm=64)
    back = pickle.loads(pickle.dumps(signed))
    for a, b in zip(signed, back, strict=True):
        assert (a.article_id, a.rank, a.fingerprint.exact) == (b.article_id, b.rank, b.fingerprint.exact)
        assert (a.fingerprint.shingles == b.fingerprint.shingles).all()
        assert (a.fingerprint.names == b.fingerprint.names).all()
        assert a.minhash == b.minhash and type(a.minhash) is type(b.minhash)
    script = (
        "import pickle, sys; import storyline.dedupe.near; pickle.loads(sys.stdin.buffer.read()); "
        "print('datasketch' in sys.modules, 'scipy.integrate' in sys.modules)"
    )
    found = subprocess.run(
        [sys.executable, "-c", script], input=pickle.dumps(signed), capture_output=True, check=True
    )
    assert found.stdout.split() == [b"False", b"False"]
