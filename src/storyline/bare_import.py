"""Importing a package's module while stand-in modules hold some names in ``sys.modules``.

Some packages import all they have in their ``__init__``: datasketch its LSH (and with it SciPy's
integrator and optimiser, 0.4 s of CPU), dateparser its whole parser (0.1 s), where storyline reads one
sketch or one data table; spaCy imports its whole command line for ``spacy.info``
(``storyline.annotate.nlp``). :func:`standing_in` puts modules in ``sys.modules`` for the length of a
``with`` block and takes them out again after, so an import inside the block gets the stand-in and a
later ordinary ``import`` of that name runs as usual. :func:`import_bare` uses it to load just one
module, with bare module objects standing in for the packages above it. Not for a package some other
thread may be importing at the same moment: it would see the stand-in.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import ModuleType


@contextmanager
def standing_in() -> Iterator[Callable[[ModuleType], None]]:
    """A ``with`` block whose value puts a module in ``sys.modules`` under its ``__name__`` until the
    block ends; each leaves then, unless an import in the block put another module in its place."""
    placed: list[ModuleType] = []

    def put(module: ModuleType) -> None:
        placed.append(module)
        sys.modules[module.__name__] = module

    try:
        yield put
    finally:
        for module in placed:
            if sys.modules.get(module.__name__) is module:
                del sys.modules[module.__name__]


def import_bare(name: str) -> ModuleType:
    """Module ``name`` ("package.module"), imported with none of its packages' ``__init__`` run (or as
    usual where its top package is imported already, or is no package)."""
    parts = name.split(".")
    if parts[0] in sys.modules or len(parts) == 1:
        return importlib.import_module(name)
    with standing_in() as put:
        for depth in range(1, len(parts)):
            # each package's spec is found with the bare one above it in place (finding a module's
            # spec imports its parent package otherwise)
            spec = importlib.util.find_spec(".".join(parts[:depth]))
            if spec is None or spec.submodule_search_locations is None:
                break  # the import below raises the usual error
            put(importlib.util.module_from_spec(spec))
        return importlib.import_module(name)
