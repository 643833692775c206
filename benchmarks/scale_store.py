"""A store of N x K articles for the cost of an update at scale (issue 19), without annotating them all.

Used by ``benchmarks/incremental.py --copies K`` (``scaled_store``).

Building a 100k store through the product (``storyline ingest``) takes hours on this machine (about 8
articles a second), so this builder copies an up-to-date store (``STORE``, brought up to date by this
checkout: its ``stories-made-by`` fingerprint is kept) K - 1 times under new ids. Copy k of an article:

* has the id ``<id>_x<k>`` (in its article, annotation, search, signature, feature and cluster rows);
* is dated ``k x SHIFT_DAYS`` later: every full ISO date (``YYYY-MM-DD``) in its article and annotation
  records, its feature row's days and its story's first and last dates move, so copy k's stories are new
  stories, 2k years after the originals, beyond the reach of any link (events fade over 3 + 7 days,
  stories over 21 + 30); a year or a month alone is not moved. An article with no day at all (neither
  published nor stated) is compared with every other whatever its date, so its copies may link: every
  article of the benchmark's generated corpus has a day (``tests/test_update_cost.py`` dates its own);
* has its MinHash values and shingle and name hashes XOR-ed with a number of its own (and its exact-text
  hash re-made), so it is no near-duplicate of the article it copies (as a new story's report is not) and
  its LSH band keys are its own;
* keeps its words, names and vocabulary: the term statistics (document frequencies, N) grow K-fold.

The clusterer state, the copy groups, the stories (briefs copied whole, with only the story id and dates
changed inside), their search rows and the digests an update compares (``stories-dated``,
``stories-composed-from``) are copied or re-made so the store is what an update would have left. The
copies' briefs still cite the originals' article ids: they are never read by an update that does not
touch them (the measured batch lands in the originals' years). So the built store measures what an
update pays for the store's size (reading ids, signatures and features, the clustering pass over every
feature, the digests of every story, the writes); it is not a corpus to score. A final update with
nothing pending settles it (re-composing the few stories the clustering of the whole gives otherwise:
the terms' weights change with N); its cost is reported.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import time
import zlib
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from storyline.cluster import Clusterer
from storyline.cluster.table import FeatureTable
from storyline.config import load_settings
from storyline.dedupe.near import (
    band_keys,
    decode_fingerprint,
    decode_minhash,
    groups_of,
    rank,
)
from storyline.pipeline.run import update_stories
from storyline.pipeline.update import (
    CLUSTER_STATE,
    COMPOSED_FROM,
    DATED,
    DUPLICATES,
    _members_digest,
    _story_digest,
)
from storyline.progress import Silent
from storyline.store import open_store

SHIFT_DAYS = 728  # 104 weeks: weekdays stay what they were
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
ORIGINAL = "NOT LIKE '%\\_x%' ESCAPE '\\'"  # SQL: an id of the store copied, not of a copy


def _shift_dates(text: str, days: int) -> str:
    def moved(match: re.Match[str]) -> str:
        try:
            day = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return match[0]
        return (day + timedelta(days=days)).isoformat()

    return _ISO.sub(moved, text)


def _b64_uint(array: np.ndarray) -> str:
    import base64

    return base64.b64encode(array.tobytes()).decode("ascii")


def _copy_signature(
    row: tuple[str, int, int, int, str, str], k: int, suffix: str
) -> tuple[tuple[str, int, int, int, str, str], list[str]]:
    """The copy's signature row (its hashes XOR-ed with a number of copy k's) and its band keys."""
    article_id, num_perm, seed, length, minhash, fingerprint = row
    mask = zlib.crc32(f"copy {k}".encode())
    m = decode_minhash(seed, minhash)
    values = np.bitwise_xor(np.asarray(m.hashvalues, dtype=np.uint64), np.uint64(mask))
    scheme = minhash.split(" ")[0]
    print_ = decode_fingerprint(fingerprint)
    shingles = np.unique(np.bitwise_xor(print_.shingles, np.uint32(mask)))
    names = np.unique(np.bitwise_xor(print_.names, np.uint32(mask)))
    exact = zlib.crc32((print_.exact + suffix).encode())
    text = f"{_b64_uint(shingles.astype(np.uint32))} {_b64_uint(names.astype(np.uint32))} {exact:08x}"
    copied = decode_minhash(seed, f"{scheme} {_b64_uint(values)}")
    row = (article_id + suffix, num_perm, seed, length, f"{scheme} {_b64_uint(values)}", text)
    return row, band_keys(copied)


def build(source: Path, out: Path, copies: int) -> dict[str, float]:
    started = time.perf_counter()
    for suffix in ("-wal", "-shm"):  # a run cut short leaves them: SQLite would read them into the copy
        Path(str(out) + suffix).unlink(missing_ok=True)
    shutil.copy(source, out)
    db = sqlite3.connect(out, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    ids = [r[0] for r in db.execute("SELECT id FROM articles ORDER BY id")]
    state = json.loads(db.execute("SELECT value FROM state WHERE name=?", (CLUSTER_STATE,)).fetchone()[0])
    kept = json.loads(db.execute("SELECT value FROM state WHERE name=?", (DUPLICATES,)).fetchone()[0])
    dated = set(json.loads(db.execute("SELECT value FROM state WHERE name=?", (DATED,)).fetchone()[0]))
    originals = {k: frozenset(v) for k, v in state["stories"].items()}
    for k in range(1, copies):
        suffix, days = f"_x{k}", k * SHIFT_DAYS
        db.execute("BEGIN")
        _copy_rows(db, suffix, days, k)
        db.execute("COMMIT")
        print(f"copy {k}: {time.perf_counter() - started:.0f} s", flush=True)
    total = len(ids) * copies
    every = ["", *(f"_x{k}" for k in range(1, copies))]  # the originals' suffix, then each copy's
    for key in ("events", "stories"):
        state[key] = {f"{i}{s}": [f"{a}{s}" for a in ms] for i, ms in state[key].items() for s in every}
    state["copy_of"] = {f"{a}{s}": f"{b}{s}" for a, b in state["copy_of"].items() for s in every}
    state["taken"] = sorted({f"{t}{s}" for t in state["taken"] for s in every})
    kept["groups"] = [[f"{a}{s}" for a in g] for g in kept["groups"] for s in every]
    kept["count"] = total
    copied_dated = sorted(
        _members_digest(f"{a}{s}" for a in members)
        for members in originals.values() if _members_digest(members) in dated
        for s in every
    )
    _put_state(db, CLUSTER_STATE, state)
    _put_state(db, DUPLICATES, kept)
    _put_state(db, DATED, copied_dated)
    db.close()
    _put_digests(out)
    return {"articles": total, "build_seconds": time.perf_counter() - started}


def _put_state(db: sqlite3.Connection, name: str, value: object) -> None:
    db.execute("UPDATE state SET value=? WHERE name=?", (json.dumps(value), name))


def _copy_rows(db: sqlite3.Connection, suffix: str, days: int, k: int) -> None:
    """Copy k of every article-level row (see the module's docstring)."""
    for table, key in (("articles", "id"), ("annotations", "article_id")):
        rows = db.execute(f"SELECT * FROM {table} WHERE {key} {ORIGINAL}").fetchall()
        for row in rows:
            values = list(row)
            old = values[0]
            values[0] = old + suffix
            record = 5 if table == "articles" else 1
            values[record] = _shift_dates(values[record].replace(f'"{old}"', f'"{old}{suffix}"'), days)
            if table == "articles":
                values[4] = _shift_dates(values[4], days) if values[4] else None
            db.execute(f"INSERT INTO {table} VALUES ({', '.join('?' for _ in values)})", values)
    db.execute(
        f"INSERT INTO search SELECT kind, ref || ?, NULL, title, body FROM search WHERE kind='article' "
        f"AND ref {ORIGINAL}", (suffix,)
    )
    db.execute(
        "INSERT INTO search SELECT kind, "
        "CASE kind WHEN 'fact' THEN replace(ref, '#', ? || '#') ELSE ref || ? END, story_id || ?, title, "
        "body "
        f"FROM search WHERE kind != 'article' AND story_id {ORIGINAL}",
        (suffix, suffix, suffix),
    )
    for signature in db.execute(f"SELECT * FROM signatures WHERE article_id {ORIGINAL}").fetchall():
        copied, keys = _copy_signature(signature, k, suffix)
        db.execute("INSERT INTO signatures VALUES (?, ?, ?, ?, ?, ?)", copied)
        for key in sorted(set(keys)):
            db.execute("INSERT INTO signature_bands VALUES (?, ?)", (key, copied[0]))
    for article_id, terms, weights, meta in db.execute(
        f"SELECT * FROM cluster_features WHERE article_id {ORIGINAL}"
    ).fetchall():
        values = json.loads(meta)
        for at in (2, 3, 4):  # day, event day, published (ordinals)
            if values[at] is not None:
                values[at] += days
        row = (article_id + suffix, terms, weights, json.dumps(values, ensure_ascii=False))
        db.execute("INSERT INTO cluster_features VALUES (?, ?, ?, ?)", row)
    for row in db.execute(f"SELECT * FROM stories WHERE id {ORIGINAL}").fetchall():
        values = list(row)
        values[8] = values[8].replace(f'"{values[0]}"', f'"{values[0]}{suffix}"', 1)
        values[0] += suffix
        values[2], values[3] = (_shift_dates(v, days) if v else v for v in (values[2], values[3]))
        db.execute(f"INSERT INTO stories VALUES ({', '.join('?' for _ in values)})", values)


def _put_digests(out: Path) -> None:
    """``stories-composed-from`` for every story, as an update computes it from the store's own rows."""
    store = open_store(str(out))
    state = store.get_state(CLUSTER_STATE)
    clusterer = Clusterer.from_state(state, FeatureTable.from_stored(*store.cluster_features()))
    partition = [list(g) for g in store.get_state(DUPLICATES)["groups"]]
    grouped = {a for g in partition for a in g}
    partition += [[a] for a in store.annotated_ids() if a not in grouped]
    groups = groups_of(partition, {i: rank(p, n, i) for i, p, n in store.ranks()})
    by_event = {e.id: e for e in clusterer.events()}
    by_article = {a: g for g in groups for a in g.article_ids}
    digests = {s.id: _story_digest(s, by_event, by_article) for s in clusterer.stories()}
    store.put_state(COMPOSED_FROM, digests)
    store.close()


def scaled_store(source: Path, out: Path, copies: int) -> dict[str, float]:
    """Build ``out``, ``copies`` times the articles of ``source`` (see the module's docstring), and settle
    it with one update; what that took."""
    report = build(source, out, copies)
    store = open_store(str(out))
    start = time.process_time()
    settled = update_stories(store, load_settings(), Silent())
    report["settle_cpu_seconds"] = time.process_time() - start
    report["settle_composed"] = len(settled.composed)
    report["stories"] = len(settled.stories)
    store.close()
    return report
