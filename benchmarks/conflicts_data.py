"""Articles for the conflict benchmarks: ECB+ sub-topics and PolNeAR stories, annotated once and cached.

An ECB+ sub-topic folder (``16ecb``) is one real-world happening; its documents carry no outlet nor
date, so each document is its own outlet (its file name). A PolNeAR story is a list of files grouped by
reading (``benchmarks/gold/conflicts/stories.tsv``); its outlet and date come from PolNeAR's metadata.
"""

from __future__ import annotations

import csv
import hashlib
import json
import pickle
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from storyline.models import AnnotatedArticle, Article, PublishedDate

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
ECB = EVAL / "ecbplus"
POLNEAR = EVAL / "quotes" / "polnear"
GOLD = Path(__file__).resolve().parent / "gold" / "conflicts"
CACHE = Path("/tmp/storyline-conflicts-cache")


@dataclass(frozen=True)
class Doc:
    id: str
    outlet: str
    title: str
    text: str
    published: date | None


def ecb_docs(folder: str) -> list[Doc]:
    """The documents of one ECB+ sub-topic folder, the lead sentence (``title``) kept in the text."""
    path = ECB / folder
    if not path.is_dir():
        raise FileNotFoundError(f"{path} is missing: the benchmark needs ../shared/eval/ecbplus")
    docs = []
    for file in sorted(path.glob("*.json")):
        data = json.loads(file.read_text(encoding="utf-8"))
        title, text = str(data.get("title") or ""), str(data.get("text") or "")
        docs.append(Doc(file.stem, file.stem, title, f"{title}\n\n{text}".strip(), None))
    return docs


def polnear_meta() -> dict[str, dict[str, str]]:
    with (POLNEAR / "metadata.tsv").open(encoding="utf-8") as handle:
        return {row["filename"]: row for row in csv.DictReader(handle, delimiter="\t")}


def polnear_docs(filenames: Sequence[str]) -> list[Doc]:
    """PolNeAR articles by file name (train or dev), with their publisher and publication date."""
    meta = polnear_meta()
    docs = []
    for name in filenames:
        part = "dev" if (POLNEAR / "dev" / "text" / f"{name}.txt").exists() else "train"
        text = (POLNEAR / part / "text" / f"{name}.txt").read_text(encoding="utf-8")
        row = meta[name]
        title = text.split("\n", 1)[0].strip()
        docs.append(Doc(name, row["publisher"], title, text, date.fromisoformat(row["publication_date"])))
    return docs


def gold_stories() -> dict[str, list[str]]:
    """PolNeAR stories chosen for the conflict benchmarks: story label -> file names."""
    stories: dict[str, list[str]] = {}
    with (GOLD / "stories.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            stories.setdefault(row["story"], []).append(row["filename"])
    return stories


def to_article(doc: Doc) -> Article:
    published = PublishedDate(doc.published, "metadata", "metadata", 1.0) if doc.published else (
        PublishedDate.unknown()
    )
    return Article(doc.id, doc.id, doc.text, published, title=doc.title or None, outlet=doc.outlet)


def annotated(docs: Sequence[Doc], cache: Path | None = None) -> list[AnnotatedArticle]:
    """The storyline annotation of ``docs`` (cached in /tmp by content and by the code that annotates:
    a cache keyed by content alone served one commit's annotation to another); ``cache`` the folder."""
    from storyline.annotate.annotator import annotate_articles

    key = [(d.id, d.outlet, d.text, d.published) for d in docs]
    digest = hashlib.sha1(pickle.dumps([_code_digest(), key])).hexdigest()
    folder = cache or CACHE
    folder.mkdir(exist_ok=True)
    cached = folder / f"{digest}.pickle"
    if cached.exists():
        return list(pickle.loads(cached.read_bytes()))  # our own file, written below
    out = annotate_articles([to_article(d) for d in docs])
    cached.write_bytes(pickle.dumps(out))
    return out


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """A digest of storyline's source files as checked out (any change re-annotates: simple, never stale)."""
    import storyline

    root = Path(storyline.__file__).resolve().parent
    digest = hashlib.sha1()
    for path in sorted(root.rglob("*.py")):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
