"""What every store does, whatever holds it: the SQL both dialects share, written once.

A backend (:class:`~storyline.store.sqlite.SQLiteStore`, :class:`~storyline.store.postgres.PostgresStore`)
supplies a connection through ``_tx`` and ``_rows`` that takes ``?`` placeholders, and the few
statements where the dialects differ: full-text search and reading the number of events of a story.
"""

from __future__ import annotations

import hashlib
import json
import re
import weakref
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from storyline.models import AnnotatedArticle, Article, Rejection, StoryBrief
from storyline.serialize import from_jsonable, shallow, to_jsonable
from storyline.store.migrations import Dialect, migrations_for, statements

FeatureRows = tuple[Iterable[tuple[int, str]], Iterable[tuple[str, bytes, bytes, str]]]
STORIES_STALE = "stories-stale"  # state: articles were added since the stories were last composed
UPDATES = "stories-updates"  # state: how many updates of the stories were written (see ``finish_update``)


@dataclass(frozen=True)
class StoryRow:
    """One line of the story list."""

    id: str
    headline: str
    first_date: str | None
    last_date: str | None
    article_count: int
    outlet_count: int
    outlets: tuple[str, ...]
    actors: tuple[str, ...]
    event_count: int
    events: tuple[EventRow, ...] = ()


@dataclass(frozen=True)
class EventRow:
    """One event of a listed story: its id, day (when known), label and size."""

    id: str
    date: str | None
    label: str
    article_count: int


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "article", "fact", "quote"
    ref: str  # article id, or "story_id#n"
    story_id: str | None
    title: str
    snippet: str


@dataclass(frozen=True)
class LogEntry:
    """One input of the ingest log: a raw document, known by its origin and content hash."""

    key: str
    origin: str
    state: str  # "extracted", "rejected", "done"
    article_id: str | None
    record: Article | Rejection | None  # kept while the entry waits for annotation


class Cursor(Protocol):
    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


class Connection(Protocol):
    def execute(self, sql: str, params: Sequence[Any] = ...) -> Cursor: ...


FeatureRow = tuple[str, bytes, bytes, str]  # article id, term ids, weights, meta (cluster.table's stored row)


def read_features(rows: Callable[[str], list[tuple[Any, ...]]]) -> tuple[list[str], list[FeatureRow]]:
    """The clusterer's terms in id order and its feature rows, read with ``rows`` (a query → its rows)."""
    terms = [r[0] for r in rows("SELECT term FROM cluster_terms ORDER BY id")]
    found = rows("SELECT article_id, terms, weights, meta FROM cluster_features")
    return terms, [(r[0], bytes(r[1]), bytes(r[2]), r[3]) for r in found]


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def dump(record: Any) -> str:
    """``json.dumps(to_jsonable(record))``, the records' fields walked by the C encoder (see ``shallow``)."""
    return json.dumps(record, ensure_ascii=False, default=shallow)


@dataclass(frozen=True)
class EncodedAnnotation:
    """An annotated article as the store keeps it, encoded where it was annotated (a worker process, see
    ``engine.stages.annotate_and_featurise``): the article, whose columns and search text are read from
    it, and the JSON records of the article and of its annotation, exactly as ``dump`` makes them. The
    process that stores it then neither rebuilds the annotation from a pickle nor encodes it again.

    Made in the process that stores it (one worker: ``--workers 1``), it also holds the ``annotated``
    article itself, which that process may use instead of decoding ``record`` again; sent to another
    process (pickled), it carries the records only."""

    article: Article
    article_record: str
    record: str
    annotated: AnnotatedArticle | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, annotated: AnnotatedArticle) -> EncodedAnnotation:
        return cls(annotated.article, dump(annotated.article), dump(annotated), annotated)

    def __reduce__(self) -> tuple[Any, ...]:
        return (EncodedAnnotation, (self.article, self.article_record, self.record))

    def decoded(self) -> AnnotatedArticle:
        """The annotated article: the one it was made from, or decoded from its record as the store
        decodes what it keeps (``Store.annotations``), so the same object either way."""
        return self.annotated or from_jsonable(AnnotatedArticle, json.loads(self.record))


def _load_logged(record: str | None) -> Article | Rejection | None:
    if record is None:
        return None
    data = json.loads(record)
    if data.pop("_kind", "article") == "rejection":
        return from_jsonable(Rejection, data)
    return from_jsonable(Article, data)


def _dump_logged(record: Article | Rejection) -> str:
    data = to_jsonable(record)
    data["_kind"] = "rejection" if isinstance(record, Rejection) else "article"
    return json.dumps(data, ensure_ascii=False)


class Store(ABC):
    """Every stage's records, kept between runs."""

    dialect: Dialect

    @abstractmethod
    def _tx(self) -> AbstractContextManager[Connection]:
        """A transaction: committed when the block ends, rolled back when it raises."""

    @abstractmethod
    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def _put_search(self, db: Connection, row: tuple[str, str, str | None, str, str]) -> None: ...

    @abstractmethod
    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Full-text search over articles, summary facts and quotes; ``query`` is taken as plain words."""

    @abstractmethod
    def _events_sql(self) -> str:
        """SQL for the JSON text of a stored story's ``events`` list (dialects differ)."""
        ...

    # -- migrations -----------------------------------------------------------------------------

    def _migrate(self) -> None:
        with self._tx() as db:
            self._lock_migrations(db)
            db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
            done = {row[0] for row in db.execute("SELECT name FROM migrations").fetchall()}
            for name, sql in migrations_for(self.dialect):
                if name in done:
                    continue
                for statement in statements(sql):
                    db.execute(statement)
                db.execute("INSERT INTO migrations VALUES (?, ?)", (name, now()))

    def _lock_migrations(self, db: Connection) -> None:  # noqa: B027 - SQLite's write lock suffices
        """Keep two processes opening one new store from migrating it at once."""

    def applied_migrations(self) -> list[str]:
        return [r[0] for r in self._rows("SELECT name FROM migrations ORDER BY name")]

    # -- articles and annotations -----------------------------------------------------------------

    def _put_article(
        self, db: Connection, a: Article, record: str | None = None, known: bool | None = None
    ) -> bool:
        """Insert or refresh one article (``record``: its ``dump``, when made already); True when its id
        was new. ``known``: whether the store held it, its search row dropped already (``put_articles``)."""
        if known is not None:
            new = not known
        else:
            new = db.execute("SELECT 1 FROM articles WHERE id=?", (a.id,)).fetchone() is None
        published = a.published.value.isoformat() if a.published.value else None
        db.execute(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
            "outlet=excluded.outlet, title=excluded.title, published=excluded.published, "
            "record=excluded.record",
            (a.id, a.origin, a.outlet, a.title, published, dump(a) if record is None else record, now()),
        )
        if not new and known is None:  # a scan of the whole search table (only its words are indexed)
            db.execute("DELETE FROM search WHERE kind='article' AND ref=?", (a.id,))
        self._put_search(db, ("article", a.id, None, a.title or "", a.text))
        return new

    def put_articles(self, articles: Iterable[Article]) -> int:
        """Insert or refresh articles by id; returns how many ids were new."""
        batch = list(articles)
        with self._tx() as db:
            if len({a.id for a in batch}) < len(batch):  # an id twice: each refresh sees the one before
                return sum(self._put_article(db, a) for a in batch)
            known: set[str] = set()
            for part in _parts(sorted({a.id for a in batch})):
                found = db.execute(f"SELECT id FROM articles WHERE id IN ({_marks(part)})", part).fetchall()
                known.update(r[0] for r in found)
            for part in _parts(sorted(known)):
                # the refreshed articles' search rows, dropped in one scan of the search table per part (not
                # one per article): each comes back below, after the rows kept, in the order given, as
                # dropping and adding them one article at a time leaves them
                db.execute(f"DELETE FROM search WHERE kind='article' AND ref IN ({_marks(part)})", part)
            for a in batch:
                self._put_article(db, a, known=a.id in known)
            return len(batch) - len(known)

    def article_ids(self) -> set[str]:
        return {r[0] for r in self._rows("SELECT id FROM articles")}

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of ``ids`` the store holds (without reading every id of a large store)."""
        return {r[0] for r in self._where_in("SELECT id FROM articles", "id", ids)}

    def articles(self, ids: Iterable[str] | None = None) -> list[Article]:
        if ids is None:
            rows = self._rows("SELECT id, record FROM articles ORDER BY id")
        else:
            rows = sorted(self._where_in("SELECT id, record FROM articles", "id", ids))
        return [from_jsonable(Article, json.loads(r[1])) for r in rows]

    def _where_in(self, select: str, column: str, values: Iterable[str]) -> list[tuple[Any, ...]]:
        """``select`` restricted to rows whose ``column`` is one of ``values``, asked in batches."""
        wanted = sorted(set(values))
        rows: list[tuple[Any, ...]] = []
        for start in range(0, len(wanted), 500):
            part = wanted[start : start + 500]
            marks = ", ".join("?" for _ in part)
            rows.extend(self._rows(f"{select} WHERE {column} IN ({marks})", part))
        return rows

    def article(self, article_id: str) -> Article | None:
        rows = self._rows("SELECT record FROM articles WHERE id=?", (article_id,))
        return from_jsonable(Article, json.loads(rows[0][0])) if rows else None

    def _put_annotation(self, db: Connection, a: AnnotatedArticle | EncodedAnnotation) -> None:
        record = a.record if isinstance(a, EncodedAnnotation) else dump(a)
        db.execute(
            "INSERT INTO annotations VALUES (?, ?) "
            "ON CONFLICT(article_id) DO UPDATE SET record=excluded.record",
            (a.article.id, record),
        )
        db.execute("INSERT INTO pending VALUES (?) ON CONFLICT(article_id) DO NOTHING", (a.article.id,))

    def put_annotations(self, annotated: Iterable[AnnotatedArticle]) -> None:
        with self._tx() as db:
            for a in annotated:
                self._put_annotation(db, a)

    def put_annotated(self, annotated: Sequence[AnnotatedArticle | EncodedAnnotation]) -> int:
        """Articles and their annotations (or their records, encoded already) in one transaction, marking
        the stories stale; returns new ids."""
        with self._tx() as db:
            new = 0
            for a in annotated:
                encoded = a.article_record if isinstance(a, EncodedAnnotation) else None
                new += self._put_article(db, a.article, encoded)
                self._put_annotation(db, a)
            if annotated:
                self._set_state(db, STORIES_STALE, True)
            return new

    def annotations(self, ids: Iterable[str] | None = None) -> dict[str, AnnotatedArticle]:
        if ids is None:
            rows = self._rows("SELECT article_id, record FROM annotations ORDER BY article_id")
        else:
            rows = sorted(self._where_in("SELECT article_id, record FROM annotations", "article_id", ids))
        return {i: from_jsonable(AnnotatedArticle, json.loads(record)) for i, record in rows}

    def annotated_ids(self) -> set[str]:
        return {r[0] for r in self._rows("SELECT article_id FROM annotations")}

    def pending(self) -> set[str]:
        """The articles stored or annotated again since the stories were last brought up to date."""
        return {r[0] for r in self._rows("SELECT article_id FROM pending")}

    def clear_pending(self, ids: Iterable[str]) -> None:
        with self._tx() as db:
            self._clear_pending(db, ids)

    def _clear_pending(self, db: Connection, ids: Iterable[str]) -> None:
        for article_id in ids:
            db.execute("DELETE FROM pending WHERE article_id=?", (article_id,))

    def updates_written(self) -> int:
        """How many updates of the stories were written (``finish_update``); read it before an update."""
        return int(self.get_state(UPDATES) or 0)

    def finish_update(
        self,
        *,
        seen: int,
        states: dict[str, Any],
        history: Iterable[Any],
        stories: Sequence[StoryBrief],
        removed: Iterable[str],
        done: Iterable[str],
        features: FeatureRows = ((), ()),
        all_features: bool = False,
    ) -> bool:
        """Write what an update made in one transaction: a crash leaves the update wholly written or not
        at all (the pending articles then make the next update do it again). False, writing nothing, when
        another update was written since this one read ``updates_written() == seen`` (a CLI ingest beside
        the web app's): its stories would be overwritten by ones made without its articles. ``features`` are
        the clusterer's new terms and feature rows (see ``cluster_features``); with ``all_features`` they
        are all of them, and replace every kept one."""
        with self._tx() as db:
            row = db.execute("SELECT value FROM state WHERE name=?", (UPDATES,)).fetchone()
            if int(json.loads(row[0]) if row else 0) != seen:
                return False
            for name, value in states.items():
                self._set_state(db, name, value)
            self._add_history(db, history)
            self._put_features(db, *features, replace=all_features)
            self._replace_stories(db, stories, removed)
            self._clear_pending(db, done)
            self._set_state(db, UPDATES, seen + 1)
        return True

    # -- the clusterer's features (cluster.table's stored form) ----------------------------------------

    def cluster_features(self) -> tuple[list[str], list[tuple[str, bytes, bytes, str]]]:
        """The clusterer's terms in id order, and each article's row (article id, term ids, weights, meta)."""
        return read_features(self._rows)

    def features_reader(self) -> Callable[[], tuple[int, list[str], list[FeatureRow]]] | None:
        """A function that reads ``updates_written`` and ``cluster_features`` as of one moment, through a
        connection of its own, so that another thread may call it while this store writes (issue 19: an
        ingest reads the features while its batch is annotated); None when the store has none to give."""
        return None

    def _put_features(
        self, db: Connection, terms: Iterable[tuple[int, str]], rows: Iterable[tuple[str, bytes, bytes, str]],
        *, replace: bool,
    ) -> None:
        if replace:
            db.execute("DELETE FROM cluster_features")
            db.execute("DELETE FROM cluster_terms")
        for term in terms:
            db.execute("INSERT INTO cluster_terms VALUES (?, ?)", term)
        for row in rows:
            db.execute(
                "INSERT INTO cluster_features VALUES (?, ?, ?, ?) ON CONFLICT(article_id) DO UPDATE SET "
                "terms=excluded.terms, weights=excluded.weights, meta=excluded.meta",
                row,
            )

    # -- near-duplicate signatures (dedupe.near's encode_signature and band_keys) ---------------------

    def put_signatures(
        self, rows: Iterable[tuple[str, int, int, int, str, str]], bands: Mapping[str, Sequence[str]]
    ) -> None:
        """(article id, num_perm, seed, length, MinHash, fingerprint) of each article, and the keys of its
        LSH bands (article id → keys), replacing any kept."""
        with self._tx() as db:
            for row in rows:
                db.execute(
                    "INSERT INTO signatures VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(article_id) DO UPDATE SET "
                    "num_perm=excluded.num_perm, seed=excluded.seed, length=excluded.length, "
                    "minhash=excluded.minhash, fingerprint=excluded.fingerprint",
                    row,
                )
            for article_id, keys in bands.items():
                db.execute("DELETE FROM signature_bands WHERE article_id=?", (article_id,))
                for key in sorted(set(keys)):
                    db.execute("INSERT INTO signature_bands VALUES (?, ?)", (key, article_id))

    def minhashes(self, ids: Iterable[str]) -> list[tuple[str, int, int, str]]:
        """(article id, num_perm, seed, MinHash) of the signed articles among ``ids``, by id."""
        rows = self._where_in("SELECT article_id, num_perm, seed, minhash FROM signatures", "article_id", ids)
        return [(r[0], int(r[1]), int(r[2]), r[3]) for r in sorted(rows)]

    def signed(self) -> dict[str, int]:
        """Article id → the number of permutations of its MinHash, for every signed article."""
        return {r[0]: int(r[1]) for r in self._rows("SELECT article_id, num_perm FROM signatures")}

    def unbanded(self) -> set[str]:
        """The signed articles whose band keys are not kept (signed before the keys were)."""
        sql = (
            "SELECT article_id FROM signatures s WHERE NOT EXISTS "
            "(SELECT 1 FROM signature_bands b WHERE b.article_id = s.article_id)"
        )
        return {r[0] for r in self._rows(sql)}

    def band_holders(self, keys: Iterable[str]) -> list[tuple[str, str]]:
        """(band key, article id) of every kept signature that has one of ``keys``."""
        rows = self._where_in("SELECT band, article_id FROM signature_bands", "band", keys)
        return [(r[0], r[1]) for r in rows]

    def fingerprints(self, ids: Iterable[str]) -> dict[str, str]:
        rows = self._where_in("SELECT article_id, fingerprint FROM signatures", "article_id", ids)
        return {r[0]: r[1] for r in rows}

    def ranks(self) -> list[tuple[str, str | None, int]]:
        """(article id, published day, text length) of every signed article: what makes a group's origin."""
        return [
            (r[0], r[1], int(r[2]))
            for r in self._rows(
                "SELECT s.article_id, a.published, s.length "
                "FROM signatures s JOIN articles a ON a.id = s.article_id"
            )
        ]

    # -- the ingest log -----------------------------------------------------------------------------

    def log_entries(self, keys: Iterable[str]) -> dict[str, LogEntry]:
        """The logged inputs among ``keys``."""
        rows = self._where_in("SELECT key, origin, state, article_id, record FROM ingest_log", "key", keys)
        return {r[0]: LogEntry(r[0], r[1], r[2], r[3], _load_logged(r[4])) for r in rows}

    def log_extracted(self, entries: Sequence[tuple[str, str, str, Article | Rejection]]) -> None:
        """Record (key, origin, content hash, result) of freshly extracted inputs, in one transaction."""
        with self._tx() as db:
            for key, origin, content_hash, result in entries:
                db.execute(
                    "INSERT INTO ingest_log "
                    "(key, origin, state, article_id, updated_at, content_hash, record) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET state=excluded.state, "
                    "article_id=excluded.article_id, updated_at=excluded.updated_at, record=excluded.record",
                    (
                        key,
                        origin,
                        "extracted" if isinstance(result, Article) else "rejected",
                        result.id if isinstance(result, Article) else None,
                        now(),
                        content_hash,
                        _dump_logged(result),
                    ),
                )

    def log_done(self, keys: Iterable[str]) -> None:
        """Mark extracted inputs as done: their articles are stored with their annotations."""
        with self._tx() as db:
            for key in keys:
                db.execute(
                    "UPDATE ingest_log SET state='done', record=NULL, updated_at=? "
                    "WHERE key=? AND state='extracted'",
                    (now(), key),
                )

    def log_counts(self) -> dict[str, int]:
        """How many logged inputs are in each state."""
        return {r[0]: int(r[1]) for r in self._rows("SELECT state, COUNT(*) FROM ingest_log GROUP BY state")}

    # -- rejections, state, history -----------------------------------------------------------------

    def put_rejections(self, rejections: Iterable[Rejection]) -> None:
        with self._tx() as db:
            for r in rejections:
                db.execute(
                    "INSERT INTO rejections (origin, stage, reason, detail, at) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT(origin, stage, reason) DO UPDATE SET detail=excluded.detail, at=excluded.at",
                    (r.origin, r.stage, r.reason, r.detail, now()),
                )

    def rejections(self) -> list[Rejection]:
        rows = self._rows("SELECT origin, stage, reason, detail FROM rejections")
        found = [Rejection(*r) for r in rows]
        return sorted(found, key=lambda r: (r.origin, r.stage, r.reason))  # one order in any collation

    def get_state(self, name: str) -> Any:
        rows = self._rows("SELECT value FROM state WHERE name=?", (name,))
        return json.loads(rows[0][0]) if rows else None

    def _set_state(self, db: Connection, name: str, value: Any) -> None:
        db.execute(
            "INSERT INTO state VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value=excluded.value",
            (name, json.dumps(value)),
        )

    def put_state(self, name: str, value: Any) -> None:
        with self._tx() as db:
            self._set_state(db, name, value)

    def stories_stale(self) -> bool:
        """True when articles were stored after the stories were last composed (e.g. a killed run)."""
        return bool(self.get_state(STORIES_STALE))

    def add_history(self, records: Iterable[Any]) -> None:
        with self._tx() as db:
            self._add_history(db, records)

    def _add_history(self, db: Connection, records: Iterable[Any]) -> None:
        for record in records:
            db.execute("INSERT INTO history (at, record) VALUES (?, ?)", (now(), dump(record)))

    def history(self) -> list[Any]:
        return [json.loads(r[0]) for r in self._rows("SELECT record FROM history ORDER BY id")]

    # -- stories -------------------------------------------------------------------------------------

    def put_stories(self, stories: Sequence[StoryBrief]) -> None:
        """Replace the stored briefs with ``stories`` (each run recomposes every story it touched)."""
        with self._tx() as db:
            db.execute("DELETE FROM stories")
            db.execute("DELETE FROM search WHERE kind != 'article'")
            for s in stories:
                self._insert_story(db, s)
                for row in _story_search_rows(s):
                    self._put_search(db, row)
            self._set_state(db, STORIES_STALE, False)

    def _replace_stories(self, db: Connection, stories: Sequence[StoryBrief], removed: Iterable[str]) -> None:
        """Write ``stories`` over their stored briefs and drop the ``removed`` ids; the others stay."""
        gone = sorted({s.story_id for s in stories} | set(removed))
        for start in range(0, len(gone), 500):  # one pass over the search table per 500 stories
            part = gone[start : start + 500]
            marks = ", ".join("?" for _ in part)
            db.execute(f"DELETE FROM stories WHERE id IN ({marks})", part)
            db.execute(f"DELETE FROM search WHERE kind != 'article' AND story_id IN ({marks})", part)
        for s in stories:
            self._insert_story(db, s)
            for row in _story_search_rows(s):
                self._put_search(db, row)
        self._set_state(db, STORIES_STALE, False)

    def story_ids(self) -> set[str]:
        return {r[0] for r in self._rows("SELECT id FROM stories")}

    def stories(self) -> list[StoryRow]:
        rows = self._rows(
            "SELECT id, headline, first_date, last_date, article_count, outlet_count, outlets, actors, "
            f"{self._events_sql()} FROM stories ORDER BY last_date IS NULL, last_date DESC, id"
        )
        listed = []
        for r in rows:
            events = tuple(
                EventRow(e["id"], e.get("date"), e.get("label", ""), len(e.get("article_ids", ())))
                for e in json.loads(r[8] or "[]")
            )
            listed.append(
                StoryRow(
                    r[0],
                    r[1],
                    r[2],
                    r[3],
                    r[4],
                    r[5],
                    tuple(json.loads(r[6])),
                    tuple(json.loads(r[7])),
                    len(events),
                    events,
                )
            )
        return listed

    def _written(self) -> dict[str, tuple[bytes, weakref.ref[StoryBrief]]]:
        """Story id → the digest of the record this store object wrote for it, and the brief it wrote, for
        as long as its maker holds it (a brief reads back the stories its update just composed: about 0.5 s
        of CPU to decode on ECB+). Kept on the instance, made at first use (backends have their own
        ``__init__``)."""
        written: dict[str, tuple[bytes, weakref.ref[StoryBrief]]]
        written = self.__dict__.setdefault("_briefs_written", {})
        return written

    def _insert_story(self, db: Connection, s: StoryBrief) -> None:
        row = _story_row(s)
        db.execute("INSERT INTO stories VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
        self._written()[s.story_id] = (_record_digest(row[8]), weakref.ref(s))

    def story(self, story_id: str) -> StoryBrief | None:
        rows = self._rows("SELECT record FROM stories WHERE id=?", (story_id,))
        if not rows:
            return None
        record = rows[0][0]
        kept = self._written().get(story_id)
        if kept is not None and (brief := kept[1]()) is not None and kept[0] == _record_digest(record):
            return brief  # the very brief whose record is stored (a record decodes to an equal brief)
        return from_jsonable(StoryBrief, json.loads(record))

    def story_versions(self) -> dict[str, str]:
        """Story id → a digest of its stored brief, which changes exactly when the brief does: a reader
        that keeps pages can tell which stories changed without decoding a single brief."""
        rows = self._rows("SELECT id, record FROM stories")
        return {r[0]: hashlib.blake2b(r[1].encode(), digest_size=16).hexdigest() for r in rows}


_SEARCH_WORD = re.compile(r"\w+")


def search_words(query: str) -> list[str]:
    """The query's words (runs of letters and digits), so no character of it is read as search syntax:
    quotes, operators (``NEAR(``, ``-``, ``^``, ``*``, ``col:``) and control characters such as NUL."""
    return _SEARCH_WORD.findall(query)


def _story_search_rows(s: StoryBrief) -> Iterator[tuple[str, str, str | None, str, str]]:
    for n, fact in enumerate(s.summary):
        yield ("fact", f"{s.story_id}#{n}", s.story_id, s.headline, fact.text)
    for group in s.quotes:
        for q in group.quotes:
            yield ("quote", q.article_id, s.story_id, group.speaker, q.text)


def _parts(values: Sequence[str], size: int = 500) -> Iterator[Sequence[str]]:
    """``values`` in runs of ``size``: the most one ``IN (...)`` asks at once."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _marks(values: Sequence[str]) -> str:
    return ", ".join("?" for _ in values)


def _record_digest(record: str) -> bytes:
    return hashlib.blake2b(record.encode(), digest_size=16).digest()


def _story_row(s: StoryBrief) -> tuple[Any, ...]:
    dates = sorted(str(src.published.value) for src in s.sources if src.published.value)
    outlets = sorted({src.outlet for src in s.sources if src.outlet})
    actors = [a.name for a in s.actors if a.kind == "person"][:8]
    return (
        s.story_id,
        s.headline,
        dates[0] if dates else None,
        dates[-1] if dates else None,
        len(s.sources),
        len(outlets),
        json.dumps(outlets),
        json.dumps(actors),
        dump(s),
        now(),
    )
