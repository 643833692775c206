"""The fork server the worker pool starts from, with spaCy and the run's model already in memory.

Each worker used to import our annotators and spaCy and load the model itself: about 3 s of CPU per
worker, paid again by every worker while the main process waited. The standard library's fork server
can import modules once before it forks any worker (``set_forkserver_preload``); a worker forked from
it shares those pages. Preloading imports module names only, so the model is loaded by importing this
module in the fork server, which reads the model's name from ``STORYLINE_PRELOAD_MODEL`` (set for the
moment the server starts, never in this process's own environment afterwards). Nothing here loads
anything in the main process: it only starts the server, which loads while the main process reads
and extracts. A model that fails to load is left for the worker to load, so its error is raised where
the annotation asked for it.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from multiprocessing import forkserver

PRELOAD_MODEL = "STORYLINE_PRELOAD_MODEL"
# What every worker imports before its first chunk: the stages and their annotators (``__main__`` is
# the standard library's default); and, when a model is named, spaCy and the model (this module).
PRELOAD = ["__main__", "storyline.engine.stages"]
PRELOAD_SPACY = ["spacy", "storyline.engine.forkserver"]


def start_forkserver(model: str | None) -> None:
    """Start the fork server, preloading ``model`` too when named (no-op when it already runs: the
    server lives as long as this process, with the model of the first pool)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD + (PRELOAD_SPACY if model else []))
    before = os.environ.get(PRELOAD_MODEL)
    if model:
        os.environ[PRELOAD_MODEL] = model
    try:
        forkserver.ensure_running()
    finally:
        if before is None:
            os.environ.pop(PRELOAD_MODEL, None)
        else:
            os.environ[PRELOAD_MODEL] = before


def _load_named_model() -> None:
    """In the fork server (the only process started while ``PRELOAD_MODEL`` is set): load that model;
    anything failing is the worker's to meet again when it asks for the model."""
    model = os.environ.get(PRELOAD_MODEL)
    if model:
        from storyline.annotate.nlp import load_nlp

        with contextlib.suppress(Exception):  # the worker loads it again and raises there
            load_nlp(model)


_load_named_model()
