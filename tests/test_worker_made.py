"""What a worker makes beside an annotation (issue 19): the store's records and the near-duplicate signature,
made where the article was annotated, must be exactly what the main process would make from it."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

from storyline.dedupe import sign_articles
from storyline.dedupe.near import encode_signature
from storyline.engine.stages import Annotated, annotate_and_featurise
from storyline.models import AnnotatedArticle, Article
from storyline.store import SQLiteStore
from storyline.store.base import EncodedAnnotation


def _rows(store: SQLiteStore, sql: str) -> list[tuple[object, ...]]:
    return store._rows(sql)


def test_records_encoded_where_annotated_are_those_the_store_makes(
    seeds_made: tuple[Any, list[Article], list[Annotated]], tmp_path: Path
) -> None:
    settings, articles, plain = seeds_made
    # what a worker sends back: encoded there, pickled across
    encoded = pickle.loads(pickle.dumps(annotate_and_featurise(articles, settings.spacy_model, encode=True)))
    assert all(isinstance(item.result, EncodedAnnotation) for item in encoded)
    assert [item.features for item in encoded] == [item.features for item in plain]
    stores = [SQLiteStore(tmp_path / "plain.db"), SQLiteStore(tmp_path / "encoded.db")]
    try:
        stores[0].put_annotated([i.result for i in plain if isinstance(i.result, AnnotatedArticle)])
        stores[1].put_annotated([i.result for i in encoded if isinstance(i.result, EncodedAnnotation)])
        for sql in (
            "SELECT id, origin, outlet, title, published, record FROM articles ORDER BY id",
            "SELECT article_id, record FROM annotations ORDER BY article_id",
            "SELECT * FROM search ORDER BY kind, ref",
            "SELECT article_id FROM pending ORDER BY article_id",
        ):
            assert _rows(stores[0], sql) == _rows(stores[1], sql)
        assert _rows(stores[1], "SELECT COUNT(*) FROM annotations") == [(len(articles),)]
    finally:
        for store in stores:
            store.close()


def test_signatures_signed_where_annotated_are_those_of_the_stored_articles(
    seeds_made: tuple[Any, list[Article], list[Annotated]], tmp_path: Path
) -> None:
    """The update's dedupe takes these instead of signing the stored articles again."""
    settings, articles, made = seeds_made
    done = pickle.loads(pickle.dumps(made))
    store = SQLiteStore(tmp_path / "store.db")
    try:
        store.put_annotated([i.result for i in done if isinstance(i.result, AnnotatedArticle)])
        stored = store.articles([a.id for a in articles])
    finally:
        store.close()
    again = sign_articles(stored, num_perm=settings.minhash_permutations)
    signed = {i.signature.article_id: i.signature for i in done if i.signature is not None}
    assert len(signed) == len(stored) == len(articles)
    for signature in again:
        assert encode_signature(signed[signature.article_id]) == encode_signature(signature)
        assert signed[signature.article_id].rank == signature.rank
