"""A run raises the garbage collector's thresholds while it works and sets them back after."""

from __future__ import annotations

import gc

from storyline.pipeline.run import COLLECT_AFTER, fewer_collections


def test_thresholds_are_raised_inside_and_restored_after() -> None:
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        with fewer_collections():
            assert gc.get_threshold() == COLLECT_AFTER
            with fewer_collections():
                assert gc.get_threshold() == COLLECT_AFTER
            assert gc.get_threshold() == COLLECT_AFTER
        assert gc.get_threshold() == (700, 10, 10)
        gc.set_threshold(50_000, 5, 100)  # a process that chose higher ones keeps them
        with fewer_collections():
            assert gc.get_threshold() == (50_000, 20, 100)
        assert gc.get_threshold() == (50_000, 5, 100)
    finally:
        gc.set_threshold(*before)
