"""Bring the stories up to date after a batch, paying only for what changed (issue 19).

Every result is the one a full recompute over the whole store gives (``full=True`` does exactly that, and
the tests compare the two); what is carried over is only what provably cannot have changed, and only when
the store's state was made by the same code (``code_fingerprint``: otherwise the update is a full one):

* dedupe: each article's signature and the keys of its LSH bands are kept in the store; copies among the
  articles already grouped do not change when others arrive, so only the candidate pairs that hold a new
  article are checked, and they are found by looking its band keys up (not by an LSH of every signature);
* cluster: the store keeps every article's features, one row each, written once, so only new (or
  re-annotated) articles are read and featurised, and only their rows are written; the rest of the
  clusterer's state (clusters, ids) is one small value. The clustering itself runs over all features
  (its TF-IDF weights are corpus-wide);
* dating: completing dates is a function of one story's articles alone, so a story whose articles did
  not change since its dating changed nothing is not dated again;
* actors and compose: actors are merged within each story, so a brief is a function of its story, its
  events, its duplicate groups, its articles and the settings; a story whose digest of those (and whose
  articles) did not change keeps its stored brief, and only changed rows are written.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from storyline.annotate.story_dating import days_worth_trusting
from storyline.cluster import Clusterer
from storyline.cluster.clusterer import READABLE_VERSIONS
from storyline.cluster.features import ArticleFeatures, article_features
from storyline.cluster.table import FeatureTable
from storyline.config import Settings
from storyline.dedupe.near import (
    Signature,
    band_keys,
    decode_fingerprint,
    decode_minhash,
    encode_signature,
    groups_of,
    join_copies,
    lsh_pairs,
    rank,
)
from storyline.engine import Engine
from storyline.engine.stages import signatures_on
from storyline.errors import StoreError
from storyline.models import AnnotatedArticle, DuplicateGroup, Event, Story, StoryBrief
from storyline.pipeline.stories_on import compose_on, date_on, story_inputs
from storyline.progress import Reporter, StageClock
from storyline.store import Store

CLUSTER_STATE = "clusterer"
COMPOSED_WITH = "stories-composed-with"  # state: the settings the stored stories were composed with
DUPLICATES = "duplicate-groups"  # state: the copy groups of the signed articles, and the settings they need
DATED = "stories-dated"  # state: digests of the article sets whose dating from the story changed nothing
COMPOSED_FROM = "stories-composed-from"  # state: story id → digest of what its stored brief was composed from
MADE_BY = "stories-made-by"  # state: the fingerprint of the code that made the stored state and briefs
# What turns stored annotations into stories and briefs: a change to any of these files (a new release, a
# developer's edit) makes the next update a full one, since features, copy groups, datings and briefs
# kept from before were made by other code.
_MAKERS = ("cluster", "dedupe", "compose", "annotate", "models.py", "text.py", "calendar_words.py",
           "stop_words.py", "languages.py")  # fmt: skip


@dataclass(frozen=True)
class StoriesUpdate:
    """What an update did: the briefs it composed, and every story of the store after it."""

    composed: list[StoryBrief]
    stories: list[Story]


def compose_settings(settings: Settings) -> dict[str, Any]:
    """The settings a composed story depends on: a change to any of them composes the stories again."""
    names = ("summary_sentences", "summary_words", "near_duplicate_threshold", "minhash_permutations")
    return {name: getattr(settings, name) for name in names}


@cache
def code_fingerprint() -> str:
    """A digest of the source of every module in ``_MAKERS``, read once per process (a few ms)."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha1()
    for name in _MAKERS:
        path = root / name
        for source in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(str(source.relative_to(root)).encode())
            digest.update(source.read_bytes())
    return digest.hexdigest()


def made_by_other_code(store: Store) -> bool:
    """Whether the store's stories were made by other code than this process runs."""
    return bool(store.get_state(MADE_BY) != code_fingerprint())


class _Annotations:
    """The store's annotations, read (and decoded) only when asked for, once each; ``known``: some of them
    in hand already (annotated in this process), never read."""

    def __init__(self, store: Store, known: Mapping[str, AnnotatedArticle] | None = None) -> None:
        self.store = store
        self.loaded: dict[str, AnnotatedArticle] = dict(known or {})

    def get(self, ids: Iterable[str]) -> dict[str, AnnotatedArticle]:
        wanted = list(dict.fromkeys(ids))
        missing = [i for i in wanted if i not in self.loaded]
        if missing:
            self.loaded.update(self.store.annotations(missing))
        return {i: self.loaded[i] for i in wanted}


class FeaturePrefetch:
    """The clusterer's stored features read and decoded on a thread, through a connection of their own,
    while this process does something else (``ingest`` starts one before annotating its batch, when the
    main process mostly waits for its workers): the update then finds them loaded. They are used only if
    no update was written between the read and the update's start (the count of updates written is read
    in the same snapshot), and only by a store that gives a second connection (``features_reader``)."""

    def __init__(self, store: Store) -> None:
        self._found: tuple[int, FeatureTable] | BaseException | None = None
        self._thread: threading.Thread | None = None
        read = store.features_reader()
        if read is None or made_by_other_code(store):  # a full update featurises every article again
            return

        def run() -> None:
            try:
                seen, terms, rows = read()
                self._found = (seen, FeatureTable.from_stored(terms, rows))
            except BaseException as exc:  # raised again where the features are asked for
                self._found = exc

        self._thread = threading.Thread(target=run, name="storyline-features", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        """Block until the read is done (an update does this itself when it asks for the table)."""
        if self._thread is not None:
            self._thread.join()

    def table(self, seen: int) -> FeatureTable | None:
        """The features read, if the store had written ``seen`` updates then (once: the clusterer that
        takes them adds to them); else None, and the update reads them itself."""
        if self._thread is None:
            return None
        self._thread.join()
        found, self._found = self._found, None
        if isinstance(found, BaseException):
            raise found
        return found[1] if found is not None and found[0] == seen else None


ATTEMPTS = 3  # an update that finds another written meanwhile starts again from what that one wrote


def update(
    store: Store, settings: Settings, reporter: Reporter, clock: StageClock, engine: Engine, *,
    full: bool = False, prefetch: FeaturePrefetch | None = None,
    features: Mapping[str, ArticleFeatures] | None = None,
    signatures: Mapping[str, Signature] | None = None,
    annotated: Mapping[str, AnnotatedArticle] | None = None,
) -> StoriesUpdate:
    """Dedupe, cluster, date from the story, merge actors and compose what the articles stored since the
    last update (the store's ``pending`` list) changed; with ``full``, everything, from scratch. What it
    makes is written in one transaction, unless another update (another process's) was written since it
    began: then it starts again from that one's state, so neither drops the other's articles.
    ``annotated``: annotations as stored in this run, used instead of decoding them from the store."""
    for _ in range(ATTEMPTS):
        done = _update_once(store, settings, reporter, clock, engine, full=full, prefetch=prefetch,
                            features=features or {}, signatures=signatures or {}, annotated=annotated or {})
        if done is not None:
            return done
    raise StoreError(f"the stories were updated by another process {ATTEMPTS} times during this update")


def _update_once(
    store: Store, settings: Settings, reporter: Reporter, clock: StageClock, engine: Engine, *, full: bool,
    prefetch: FeaturePrefetch | None = None, features: Mapping[str, ArticleFeatures],
    signatures: Mapping[str, Signature], annotated: Mapping[str, AnnotatedArticle],
) -> StoriesUpdate | None:
    with clock("store"):
        seen = store.updates_written()
        ids = sorted(store.annotated_ids())
        full = full or made_by_other_code(store)
        changed = set(ids) if full else store.pending()
        started = set(changed)
        cache = _Annotations(store, {i: a for i, a in annotated.items() if i in changed})
    if not ids:
        store.put_stories([])
        store.clear_pending(started)
        return StoriesUpdate([], [])
    with clock("dedupe"):
        groups = duplicate_groups(store, settings, engine, ids, changed, full=full, signed=signatures)
    with clock("cluster"):
        clusterer = _clusterer(store, full=full, table=prefetch.table(seen) if prefetch else None)
        known = clusterer.article_ids()
        todo = [i for i in ids if i not in known or i in changed]
        # the features computed where the articles were annotated (the same as from their stored annotation)
        loaded = cache.get(i for i in todo if i not in features)
        result = clusterer.add_features(
            [features.get(i) or article_features(days_worth_trusting(loaded[i])) for i in todo], groups
        )
        history = list(result.history)
    with clock("dating"):
        redated, dated, refeatured = _date(
            store, cache, result.stories, changed, engine, settings.spacy_model, full=full
        )
    if redated:
        with clock("store"):
            store.put_annotations(redated)
            store.put_articles(a.article for a in redated)
            cache.loaded.update({a.article.id: a for a in redated})
            changed |= {a.article.id for a in redated}
        with clock("cluster"):  # their new dates give their events a day
            result = clusterer.add_features([refeatured[a.article.id] for a in redated], groups)
            history += result.history
    with clock("compose"):
        composed, digests = _compose(store, cache, result.events, result.stories, groups, changed, settings,
                                     reporter, engine, full=full)
    with clock("store"):
        states = {
            CLUSTER_STATE: clusterer.to_state(), DATED: sorted(dated), COMPOSED_FROM: digests,
            COMPOSED_WITH: compose_settings(settings), MADE_BY: code_fingerprint(),
        }  # fmt: skip
        written = store.finish_update(
            seen=seen, states=states, history=[change.to_dict() for change in history], stories=composed,
            removed=store.story_ids() - {s.id for s in result.stories},
            done=started | {a.article.id for a in redated},  # see ``_date`` for the redated
            features=clusterer.features.unsaved(), all_features=full,
        )
    return StoriesUpdate(composed, result.stories) if written else None


# --- dedupe -----------------------------------------------------------------------------------------


def duplicate_groups(
    store: Store, settings: Settings, engine: Engine, ids: Sequence[str], changed: set[str], *, full: bool,
    signed: Mapping[str, Signature] | None = None,
) -> list[DuplicateGroup]:
    """The copy groups of every stored article; only the new and changed articles are signed (those in
    ``signed``, signed where they were annotated, are not signed again)."""
    num_perm, threshold = settings.minhash_permutations, settings.near_duplicate_threshold
    stored = {i for i, n in store.signed().items() if n == num_perm}
    to_sign = [i for i in ids if i not in stored or i in changed]
    fresh = _fresh_signatures(store, settings, engine, to_sign, signed or {})
    encoded = {s.article_id: encode_signature(s) for s in fresh}
    kept = store.get_state(DUPLICATES)
    before = store.fingerprints(i for i in encoded if i in stored)
    usable = (
        not full
        and isinstance(kept, dict)
        and kept.get("settings") == [threshold, num_perm]
        and kept.get("count") == len(stored)
        and all(before.get(i, e[4]) == e[4] for i, e in encoded.items())  # re-signed, the same text
    )
    bands = {s.article_id: band_keys(s.minhash) for s in fresh} | _late_bands(store, stored - encoded.keys())
    store.put_signatures([(i, *e) for i, e in encoded.items()], bands)
    if usable:
        new = [s for s in fresh if s.article_id not in stored]
        pairs = _banded_pairs(store, new, stored)
        prints = {s.article_id: s.fingerprint for s in new}
        prints |= _fingerprints(store, {i for pair in pairs for i in pair} - prints.keys())
        partition = join_copies(kept["groups"], ids, pairs, prints.__getitem__, threshold=threshold)
    else:
        everyone = fresh + _signatures(store, [i for i in ids if i not in encoded])
        prints = {s.article_id: s.fingerprint for s in everyone}
        partition = join_copies([], ids, lsh_pairs(everyone), prints.__getitem__, threshold=threshold)
    store.put_state(DUPLICATES, {"settings": [threshold, num_perm], "count": len(ids),
                                 "groups": [g for g in partition if len(g) > 1]})
    ranks = {i: rank(published, length, i) for i, published, length in store.ranks()}
    return groups_of(partition, ranks)


def _fresh_signatures(
    store: Store, settings: Settings, engine: Engine, ids: Sequence[str], signed: Mapping[str, Signature]
) -> list[Signature]:
    """The signatures of ``ids``, in order: those ``signed`` already (of this many permutations), the others
    signed now on ``engine``, from the stored articles."""
    num_perm = settings.minhash_permutations
    have = {i: s for i in ids if (s := signed.get(i)) is not None and len(s.minhash) == num_perm}
    rest = [i for i in ids if i not in have]
    have |= {s.article_id: s for s in signatures_on(engine, store.articles(rest), settings)} if rest else {}
    return [have[i] for i in ids if i in have]


def _late_bands(store: Store, signed: set[str]) -> dict[str, list[str]]:
    """The band keys of the ``signed`` articles whose keys the store lacks (signed before it kept them)."""
    late = store.unbanded() & signed
    return {i: band_keys(decode_minhash(seed, m)) for i, _, seed, m in store.minhashes(late)} if late else {}


def _banded_pairs(store: Store, new: Sequence[Signature], known: set[str]) -> list[tuple[str, str]]:
    """Every pair of a new article and a known or new one that share an LSH band, from the store's band
    keys (the new ones' written already): the pairs ``lsh_pairs`` gives, without reading every MinHash."""
    keys = {s.article_id: band_keys(s.minhash) for s in new}
    holders: dict[str, list[str]] = {}
    for key, holder in store.band_holders({k for ks in keys.values() for k in ks}):
        holders.setdefault(key, []).append(holder)
    allowed = known | keys.keys()
    pairs = {
        (min(other, article_id), max(other, article_id))
        for article_id, ks in keys.items() for key in ks for other in holders.get(key, ())
        if other != article_id and other in allowed
    }  # fmt: skip
    return sorted(pairs)


def _fingerprints(store: Store, ids: Iterable[str]) -> dict[str, Any]:
    return {i: decode_fingerprint(text) for i, text in store.fingerprints(ids).items()}


def _signatures(store: Store, ids: Sequence[str]) -> list[Signature]:
    """Stored signatures, whole (a full regrouping checks every candidate pair)."""
    wanted = set(ids)
    prints = _fingerprints(store, ids)
    ranks = {i: rank(p, n, i) for i, p, n in store.ranks() if i in wanted}
    return [Signature(i, prints[i], decode_minhash(seed, minhash), ranks[i]) for i, _, seed, minhash in
            store.minhashes(wanted)]  # fmt: skip


# --- cluster and dating -------------------------------------------------------------------------------


def _clusterer(store: Store, *, full: bool, table: FeatureTable | None = None) -> Clusterer:
    """The store's clusterer, so that ids keep their meaning (a fresh one when its state is unusable), with
    the features the store keeps (``table`` when they were read already; none for a full update: it
    featurises every article again)."""
    state = store.get_state(CLUSTER_STATE)
    if not isinstance(state, dict) or state.get("version") not in READABLE_VERSIONS:
        return Clusterer()
    if full:
        return Clusterer.from_state(state)
    return Clusterer.from_state(state, table if table is not None else FeatureTable.from_stored(
        *store.cluster_features()))


def _members_digest(article_ids: Iterable[str]) -> str:
    return hashlib.sha1("\n".join(sorted(article_ids)).encode()).hexdigest()


def _date(
    store: Store, cache: _Annotations, stories: Sequence[Story], changed: set[str], engine: Engine,
    model: str, *, full: bool,
) -> tuple[list[AnnotatedArticle], set[str], dict[str, ArticleFeatures]]:
    """Dates completed from the story (on ``engine``), in the stories whose articles changed since their
    last dating; the digests of the stories whose dating changes nothing now (a story with a redated
    article is left out, so the next update dates it again, as a full recompute would); and the redated
    articles' clustering features, computed where they were dated."""
    clean = set() if full else set(store.get_state(DATED) or ())
    keys = {s.id: _members_digest(s.article_ids) for s in stories}
    todo = [s for s in stories if keys[s.id] not in clean or changed.intersection(s.article_ids)]
    annotated = cache.get(i for s in todo for i in s.article_ids)
    redated, features = date_on(engine, annotated, [s.article_ids for s in todo], model)
    moved = {a.article.id for a in redated}
    dated = {keys[s.id] for s in stories if not moved.intersection(s.article_ids)}
    return redated, dated, features


# --- actors and compose ------------------------------------------------------------------------------


def _story_digest(story: Story, events: Mapping[str, Event], groups: Mapping[str, DuplicateGroup]) -> str:
    """What a story's brief is composed from, besides its articles' annotations and the settings."""
    own_groups = sorted({groups[a].id: groups[a] for a in story.article_ids if a in groups}.items())
    parts = [repr(story), *(repr(events[e]) for e in story.event_ids), repr(own_groups)]
    return hashlib.sha1("\n".join(parts).encode()).hexdigest()


def _compose(
    store: Store,
    cache: _Annotations,
    events: Sequence[Event],
    stories: Sequence[Story],
    groups: Sequence[DuplicateGroup],
    changed: set[str],
    settings: Settings,
    reporter: Reporter,
    engine: Engine,
    *,
    full: bool,
) -> tuple[list[StoryBrief], dict[str, str]]:
    """The briefs of the stories whose inputs changed (composed on ``engine``), and every story's digest."""
    by_event = {e.id: e for e in events}
    by_article = {a: g for g in groups for a in g.article_ids}
    digests = {s.id: _story_digest(s, by_event, by_article) for s in stories}
    before: dict[str, str] = {}
    if not full and store.get_state(COMPOSED_WITH) == compose_settings(settings):
        before = store.get_state(COMPOSED_FROM) or {}
    present = store.story_ids()
    todo = [
        s for s in stories
        if s.id not in present or before.get(s.id) != digests[s.id] or changed.intersection(s.article_ids)
    ]
    annotated = cache.get(a for s in todo for a in s.article_ids)
    inputs = [story_inputs(s, by_event, annotated, by_article) for s in todo]
    return compose_on(engine, inputs, settings, reporter.stage("compose", len(todo))), digests
