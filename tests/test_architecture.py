"""The shape of the house, checked from the source (issue 17): data flows one way through stages with
one door. Every import is read with ``ast``, function-level ones included (a hidden import is still
an import)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "storyline"
STAGES = ("sources", "extract", "dedupe", "annotate", "cluster", "compose")
# what a shell (the CLI, the web app) may use: the API and the records, and the output side
SHELL_MAY_USE = ("storyline", "storyline.api", "storyline.models", "storyline.errors", "storyline.render",
                 "storyline.serialize", "storyline.progress", "storyline.languages")
# the web app fetches through the sources' one guarded fetcher, as its transport
WEB_MAY_ALSO_USE = ("storyline.sources.fetch", "storyline.sources.addresses", "storyline.sources.web",
                    "storyline.sources.decode")
STAGES_NEVER_USE = ("storyline.cli", "storyline.web", "storyline.render", "storyline.store",
                    "storyline.pipeline", "storyline.engine", "storyline.api")


def _name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(name: str) -> bool:
    relative = Path(*name.split("."))
    return (SRC / relative).with_suffix(".py").is_file() or (SRC / relative / "__init__.py").is_file()


def imports() -> dict[str, set[str]]:
    """Each module of the package → the package's modules it imports (``from a import b`` counts as
    ``a.b`` when b is a module, else as ``a``)."""
    found: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                deps |= {a.name for a in node.names if a.name.startswith("storyline")}
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("storyline"):
                module = node.module or ""
                subs = {f"{module}.{a.name}" for a in node.names if _is_module(f"{module}.{a.name}")}
                deps |= subs or {module}
        found[_name(path)] = deps - {_name(path)}
    return found


def _within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def _shell_may_use(module: str, dep: str) -> bool:
    if dep in SHELL_MAY_USE or _within(dep, ("storyline.render", "storyline.web")):
        return True  # `storyline serve` starts the web app; the web app's modules use each other
    return module != "storyline.cli" and dep in WEB_MAY_ALSO_USE


def test_shells_use_only_the_api_and_the_records() -> None:
    wrong = {}
    for module, deps in imports().items():
        if module == "storyline.cli" or _within(module, ("storyline.web",)):
            bad = sorted(d for d in deps if not _shell_may_use(module, d))
            if bad:
                wrong[module] = bad
    assert wrong == {}


def test_stages_never_reach_the_shells_the_store_or_the_run() -> None:
    wrong = {}
    for module, deps in imports().items():
        if _within(module, tuple(f"storyline.{s}" for s in STAGES)):
            bad = sorted(d for d in deps if _within(d, STAGES_NEVER_USE))
            if bad:
                wrong[module] = bad
    assert wrong == {}


def test_no_two_modules_import_each_other() -> None:
    found = imports()
    pairs = {tuple(sorted((a, b))) for a, deps in found.items() for b in deps if a in found.get(b, set())}
    assert sorted(pairs) == []


def test_the_top_level_packages_form_no_cycle() -> None:
    def top(name: str) -> str:
        return ".".join(name.split(".")[:2])

    graph: dict[str, set[str]] = {}
    for module, deps in imports().items():
        graph.setdefault(top(module), set()).update(top(d) for d in deps if top(d) != top(module))
    graph.pop("storyline", None)  # the package root re-exports the API: it sits above everything

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in graph.get(start, ()):
            if nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt})):
                return True
        return False

    assert sorted(p for p in graph if reaches(p, p, {p})) == []
