"""A worker's annotation decoded by the ingest as it arrives (issue 19) is the one the update would read
back from the store, and the ingest hands the update every annotated article, a worker's too."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

from storyline.engine.stages import Annotated, annotate_and_featurise
from storyline.models import AnnotatedArticle, Article
from storyline.pipeline.windows import KEPT, _annotated_here
from storyline.store import SQLiteStore
from storyline.store.base import EncodedAnnotation


def test_a_workers_records_decode_to_what_the_store_reads_back(
    seeds_made: tuple[Any, list[Article], list[Annotated]], tmp_path: Path
) -> None:
    settings, articles, plain = seeds_made
    sent = pickle.loads(pickle.dumps(annotate_and_featurise(articles, settings.spacy_model, encode=True)))
    coded = [item.result for item in sent if isinstance(item.result, EncodedAnnotation)]
    assert coded and all(a.annotated is None for a in coded)  # records only, as a worker's arrive
    store = SQLiteStore(tmp_path / "store.db")
    try:
        store.put_annotated(coded)
        stored = store.annotations()
    finally:
        store.close()
    kept = dict(_annotated_here(coded, KEPT))
    assert kept == stored
    assert list(kept.values()) == [i.result for i in plain if isinstance(i.result, AnnotatedArticle)]
    assert len(_annotated_here(coded, 2)) == 2
