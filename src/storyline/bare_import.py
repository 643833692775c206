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


# numpy's lazily loaded submodules that SciPy's array-API layer (``scipy._lib.array_api_compat.numpy``,
# imported by ``scipy.sparse``) loads only to copy them: its ``clone_module`` asks ``hasattr(numpy, name)``
# of every name ``dir(numpy)`` lists, and so imports numpy's Fortran wrapper generator and its test
# helpers (0.15 s of CPU in a cold start) for a namespace nothing storyline runs reads them from.
NUMPY_UNREAD = ("f2py", "testing")


def import_scipy_sparse() -> ModuleType:
    """``scipy.sparse``, imported without loading ``numpy.f2py`` and ``numpy.testing`` along (see
    ``NUMPY_UNREAD``): while it imports, bare placeholder modules stand as those attributes of numpy
    (an ``import numpy.testing`` meanwhile still loads the real one, which replaces its placeholder);
    after, the placeholders leave numpy and the array-API namespace, whose own attributes of those names
    then load the real modules when first read. Already imported (SciPy's array-API layer): as usual."""
    if "scipy._lib.array_api_compat.numpy" in sys.modules:
        return importlib.import_module("scipy.sparse")
    import numpy

    placed = {
        name: ModuleType(f"numpy.{name}")
        for name in NUMPY_UNREAD
        if f"numpy.{name}" not in sys.modules and name not in vars(numpy)
    }
    for name, module in placed.items():
        setattr(numpy, name, module)
    try:
        sparse = importlib.import_module("scipy.sparse")
    except Exception:  # another SciPy that reads a placeholder as it imports: import it as usual
        _undo(numpy, placed)
        for loaded in [m for m in sys.modules if m == "scipy" or m.startswith("scipy.")]:
            del sys.modules[loaded]
        return importlib.import_module("scipy.sparse")
    _undo(numpy, placed)
    compat = sys.modules.get("scipy._lib.array_api_compat.numpy")
    if compat is not None:
        _read_through(compat, numpy, placed)
    return sparse


def _undo(numpy: ModuleType, placed: dict[str, ModuleType]) -> None:
    for name, module in placed.items():
        if vars(numpy).get(name) is module:
            delattr(numpy, name)


def _read_through(namespace: ModuleType, numpy: ModuleType, placed: dict[str, ModuleType]) -> None:
    """Take the ``placed`` placeholders out of ``namespace`` (a copy of numpy's names); reading one of
    those names there afterwards reads numpy's own (imported then) through a module ``__getattr__``."""
    taken = {name for name, module in placed.items() if vars(namespace).get(name) is module}
    if not taken:
        return
    for name in taken:
        delattr(namespace, name)
    before = vars(namespace).get("__getattr__")

    def read(name: str) -> object:
        if name in taken:
            return getattr(numpy, name)
        if before is not None:
            return before(name)
        raise AttributeError(f"module {namespace.__name__!r} has no attribute {name!r}")

    namespace.__getattr__ = read  # type: ignore[method-assign]
