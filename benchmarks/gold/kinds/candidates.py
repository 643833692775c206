"""List capitalised spans of the kinds-gold documents, with context, to save typing while annotating.

    .venv/bin/python benchmarks/gold/kinds/candidates.py ../shared/eval ecbplus/11ecb/11_1ecb.json ...

A typing aid only: it knows nothing of storyline, and every kind and actor in gold.tsv was judged
by reading the text around each span (see RULES.md). Spans are runs of capitalised words joined by
initials, "of", "the", "de", "al" and hyphens.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from texts import read_text

_SPAN = re.compile(
    r"(?:[A-Z][\w'’.-]*|[A-Z]\.)(?:\s+(?:(?:of|the|de|al|bin|van|von|and)\s+)?(?:[A-Z][\w'’.-]*|[A-Z]\.))*"
)


def main(argv: list[str]) -> int:
    root = Path(argv[0])
    for name in argv[1:]:
        text = read_text(root, name)
        print(f"## {name}")
        for match in _SPAN.finditer(text):
            before = text[max(0, match.start() - 35) : match.start()].replace("\n", " ")
            after = text[match.end() : match.end() + 35].replace("\n", " ")
            print(f"{match.start()}\t{match.end()}\t{match.group()}\t{before}[[{match.group()}]]{after}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
