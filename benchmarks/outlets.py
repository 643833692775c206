"""Outlets and titles on the AEB pages and on the ECB+ news-please records (issue 14).

    nice .venv/bin/python benchmarks/outlets.py [--eval ../shared/eval] [--errors]

AEB: each page (with its ground-truth URL, as a fetch would know it) goes through storyline's HTML
extraction. ECB+: each JSON record (news-please's format: ``title``, ``text``, ``url``,
``source_domain``) goes through the records source and extraction.

- outlet named: the share of documents carrying a URL or a domain whose article names an outlet;
- title right: the article has a title that is the metadata's own (for AEB: equal, case and spaces
  aside, to the page's ``<title>``, ``og:title`` or first ``<h1>``, or a part of one of them split at
  a site-name separator; for ECB+: the record's ``title``) or a lead sentence marked ``Lead: ``;
  never a path or an address.
Half A / half B: the parity of the first hex digit of the SHA-1 of the document's key. The
constants (``SITE_NAME_WORDS``, ``LEAD_TITLE_CHARS``) were set before the first run; only half A's
misses were read (``--errors``) to change the rules.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import html as html_lib
import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.extract import draft_document
from storyline.extract.draft import Draft, finish
from storyline.extract.header import LEAD_MARK
from storyline.models import Article, RawDocument
from storyline.sources.documents import html_document
from storyline.sources.records import record_to_document

_META_TITLE = re.compile(
    r"<title[^>]*>(.*?)</title>|<meta[^>]+property=[\"']og:title[\"'][^>]+content=(?:\"([^\"]*)\"|'([^']*)')"
    r"|<h1[^>]*>(.*?)</h1>",
    re.IGNORECASE | re.DOTALL,
)
_SEPARATOR = re.compile(r"\s+[|–—·•-]\s+|\s*\|\s*|:\s+")
# a path or an address: no spaces and a slash, or a file name
_PATHLIKE = re.compile(r"^\S*/\S*$|^\S+\.(?:html?|txt|json|php)$", re.IGNORECASE)


@dataclass(frozen=True)
class Outcome:
    key: str
    has_address: bool
    outlet: str | None
    evidence: str
    title: str | None
    title_right: bool


def half(key: str) -> str:
    return "A" if int(hashlib.sha1(key.encode()).hexdigest()[0], 16) % 2 == 0 else "B"


def _norm(text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html_lib.unescape(text)).split()).casefold()


def page_titles(page: str) -> set[str]:
    """The page's own titles and their parts split at site-name separators."""
    found: set[str] = set()
    for match in _META_TITLE.finditer(page):
        whole = _norm(next(g for g in match.groups() if g is not None))
        found.add(whole)
        found.update(part.strip() for part in _SEPARATOR.split(whole) if part.strip())
        for separator in _SEPARATOR.finditer(whole):  # the title with a site part cut from one end
            found.update({whole[: separator.start()].strip(), whole[separator.end() :].strip()})
    return found


def _title_right(title: str | None, allowed: set[str]) -> bool:
    if not title or (_PATHLIKE.search(title) and not title.startswith(LEAD_MARK)):
        return False
    return title.startswith(LEAD_MARK) or _norm(title) in allowed


def _outcome(key: str, doc: Any, has_address: bool, allowed: set[str]) -> Outcome:
    draft = draft_document(doc) if isinstance(doc, RawDocument) else doc
    article = finish(draft) if isinstance(draft, Draft) else draft
    if not isinstance(article, Article) or not isinstance(draft, Draft):
        return Outcome(key, has_address, None, "rejected", None, False)
    right = _title_right(article.title, allowed)
    return Outcome(key, has_address, article.outlet, draft.outlet_evidence, article.title, right)


def aeb(root: Path) -> list[Outcome]:
    truth = json.loads((root / "html/aeb/ground-truth.json").read_text())
    outcomes = []
    for key in sorted(truth):
        raw = gzip.decompress((root / "html/aeb/html" / f"{key}.html.gz").read_bytes())
        url = truth[key].get("url") or None
        doc = html_document(key, raw, url=url)
        page = raw.decode("utf-8", "replace")
        outcomes.append(_outcome(key, doc, bool(url), page_titles(page)))
    return outcomes


def ecb_records(root: Path) -> list[Outcome]:
    outcomes = []
    for path in sorted((root / "ecbplus").glob("*/*.json")):
        record = json.loads(path.read_text())
        domain = record.get("source_domain") or ""
        has_address = bool(record.get("url")) or "." in domain
        doc = record_to_document(path.name, record)
        allowed = {_norm(record.get("title") or "")} - {""}
        outcomes.append(_outcome(path.stem, doc, has_address, allowed))
    return outcomes


def summary(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    addressed = [o for o in outcomes if o.has_address]
    named = [o for o in addressed if o.outlet]
    return {
        "documents": len(outcomes),
        "with_url_or_domain": len(addressed),
        "outlet_named": len(named),
        "outlet_named_share": round(len(named) / len(addressed), 4) if addressed else None,
        "outlet_evidence": dict(Counter(o.evidence.split(" (")[0] for o in outcomes).most_common()),
        "title_right": sum(o.title_right for o in outcomes),
        "title_right_share": round(sum(o.title_right for o in outcomes) / len(outcomes), 4),
        "titles_lead_marked": sum(bool(o.title and o.title.startswith(LEAD_MARK)) for o in outcomes),
    }


def report(outcomes: Sequence[Outcome], errors: bool) -> dict[str, Any]:
    result: dict[str, Any] = {
        "half_A": summary([o for o in outcomes if half(o.key) == "A"]),
        "half_B": summary([o for o in outcomes if half(o.key) == "B"]),
        "all": summary(outcomes),
    }
    if errors:
        result["errors_half_A"] = [
            {"key": o.key, "outlet": o.outlet, "evidence": o.evidence, "title": o.title}
            for o in outcomes
            if half(o.key) == "A" and ((o.has_address and not o.outlet) or not o.title_right)
        ]
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--eval", type=Path, default=Path("../shared/eval"), help="the shared eval folder")
    parser.add_argument("--errors", action="store_true", help="list half A's misses")
    args = parser.parse_args(argv)
    if not (args.eval / "html/aeb").is_dir() or not (args.eval / "ecbplus").is_dir():
        print(f"no AEB or ECB+ data under {args.eval}", file=sys.stderr)
        return 2
    result = {
        "aeb": report(aeb(args.eval), args.errors),
        "ecbplus_records": report(ecb_records(args.eval), args.errors),
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
