"""A module of a package, imported without running the package's ``__init__``.

Some packages import all they have in their ``__init__``: datasketch its LSH (and with it SciPy's
integrator and optimiser, 0.4 s of CPU), dateparser its whole parser (0.1 s), where storyline reads one
sketch or one data table. :func:`import_bare` loads just that module; the packages above it stand in
``sys.modules`` as bare module objects only while it loads, so a later ordinary ``import`` of a package
runs its ``__init__`` as usual (and reuses the module loaded here). Not for a package some other thread
may be importing at the same moment: it would see the bare stand-in.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from types import ModuleType


def import_bare(name: str) -> ModuleType:
    """Module ``name`` ("package.module"), imported with none of its packages' ``__init__`` run (or as
    usual where its top package is imported already, or is no package)."""
    parts = name.split(".")
    if parts[0] in sys.modules or len(parts) == 1:
        return importlib.import_module(name)
    bare: dict[str, ModuleType] = {}
    try:
        for depth in range(1, len(parts)):
            package = ".".join(parts[:depth])
            spec = importlib.util.find_spec(package)
            if spec is None or spec.submodule_search_locations is None:
                break  # the import below raises the usual error
            bare[package] = sys.modules[package] = importlib.util.module_from_spec(spec)
        return importlib.import_module(name)
    finally:
        for package, module in bare.items():
            if sys.modules.get(package) is module:
                del sys.modules[package]
