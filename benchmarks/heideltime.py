"""HeidelTime (English, news) from the ``tilse==0.2.1`` package's jar, as a side-by-side baseline.

The jar's main class reads every ``*.txt`` under a folder whose parent folder is named by the
document creation time (``yyyy-MM-dd``) and writes ``*.txt.timeml`` beside it, in one JVM.
Benchmark-only: HeidelTime is GPL Java and never a runtime dependency of storyline.
"""

from __future__ import annotations

import html
import importlib.util
import re
import subprocess
import tempfile
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

_TAG = re.compile(
    r'<TIMEX3 [^>]*?type="(?P<type>[A-Z]+)"[^>]*?value="(?P<value>[^"]*)"[^>]*>(?P<text>.*?)</TIMEX3>'
)


def heideltime_home() -> Path:
    spec = importlib.util.find_spec("tilse")  # a namespace package: no __init__, so no origin
    for folder in (spec.submodule_search_locations or []) if spec else []:
        home = Path(folder) / "tools" / "heideltime"
        if (home / "apply-heideltime.jar").exists():
            return home
    raise SystemExit("HeidelTime needs the benchmark-only package: pip install tilse==0.2.1")


def run(texts: Sequence[str], dcts: Sequence[date]) -> tuple[list[list[tuple[int, int, str, str]]], float]:
    """HeidelTime's (start, end, value, type) mentions per text, and the wall time of the one run."""
    home = heideltime_home()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        props = root / "config.props"
        config = (home / "config.props").read_text()
        config = re.sub(
            r"(?m)^model_path = .*$", f"model_path = {home / 'english-bidirectional-distsim.tagger'}", config
        )
        props.write_text(config)
        paths = []
        for i, (text, dct) in enumerate(zip(texts, dcts, strict=True)):
            folder = root / "in" / dct.isoformat()
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{i:05d}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        started = time.perf_counter()
        subprocess.run(
            ["java", "-jar", str(home / "apply-heideltime.jar"), str(props), str(root / "in"), ".txt"],
            check=True,
            capture_output=True,
            cwd=home,
        )
        seconds = time.perf_counter() - started
        out = [_read(Path(str(p) + ".timeml"), text) for p, text in zip(paths, texts, strict=True)]
    return out, seconds


def _read(path: Path, original: str) -> list[tuple[int, int, str, str]]:
    """Mentions mapped back onto the original text: each tag's text is searched forward from the
    position its plain-text prefix suggests, since HeidelTime re-escapes and re-wraps the body."""
    if not path.exists():
        return []
    body = path.read_text(encoding="utf-8")
    body = body.split("<TimeML>", 1)[-1].rsplit("</TimeML>", 1)[0]
    found: list[tuple[int, int, str, str]] = []
    cursor = 0
    plain_before = 0
    last = 0
    for m in _TAG.finditer(body):
        plain_before += len(html.unescape(re.sub(r"<[^>]+>", "", body[last : m.start()])))
        text = html.unescape(m["text"])
        at = original.find(text, max(cursor, plain_before - 40))
        if at < 0:
            at = original.find(text, cursor)
        if at >= 0:
            found.append((at, at + len(text), m["value"], m["type"]))
            cursor = at + len(text)
        plain_before += len(text)
        last = m.end()
    return found
