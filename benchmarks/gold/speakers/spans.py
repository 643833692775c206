"""Pull PolNeAR attribution spans for the speaker gold, and join them with the annotator's judgments.

    python benchmarks/gold/speakers/spans.py show N     # the text N of the list, its attributions
    python benchmarks/gold/speakers/spans.py build      # judgments.tsv + spans -> gold.jsonl

Only spans are copied here; speaker, kind, affiliation, polarity and direct come from
``judgments.tsv``, written by reading each article (see GUIDELINES.md).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEV = HERE.parents[3] / "shared" / "eval" / "quotes" / "polnear" / "dev"
Span = tuple[int, int]


@dataclass(frozen=True)
class Attribution:
    ident: str
    content: tuple[Span, ...]
    source: Span | None
    cue: Span | None


def texts(dev: Path = DEV) -> list[Path]:
    """The gold's texts: every 3rd dev text in sorted name order, from the first."""
    return sorted((dev / "text").glob("*.txt"))[0::3]


def ann_for(text: Path, dev: Path = DEV) -> Path:
    """The first annotator's file for a text, as benchmarks/polnear.py takes it."""
    found = sorted((dev / "attributions").glob(f"{text.stem}_*.ann"))
    if not found:
        raise FileNotFoundError(f"no .ann file for {text.name} under {dev / 'attributions'}")
    return found[0]


def _spans(spec: str) -> tuple[Span, ...]:
    pairs = (piece.split() for piece in spec.split(";"))
    return tuple(sorted((int(a), int(b)) for a, b in pairs))


def read_attributions(ann: Path) -> list[Attribution]:
    spans: dict[str, tuple[Span, ...]] = {}
    out: list[Attribution] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            spans[parts[0]] = _spans(parts[1].split(" ", 1)[1])
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(arg.split(":", 1) for arg in parts[1].split()[1:])
            source, cue = spans.get(roles.get("Source", "")), spans.get(roles.get("Cue", ""))
            content = spans.get(roles.get("Content", ""), ())
            out.append(Attribution(parts[0], content, _outer(source), _outer(cue)))
    return out


def _outer(spans: tuple[Span, ...] | None) -> Span | None:
    return (spans[0][0], spans[-1][1]) if spans else None


def _cut(text: str, span: Span | None) -> str:
    return text[span[0] : span[1]] if span else ""


def show(index: int) -> None:
    text_path = texts()[index]
    text = text_path.read_text(encoding="utf-8")
    print(f"== {index} {text_path.stem}\n{text}\n")
    for att in sorted(read_attributions(ann_for(text_path)), key=lambda a: a.content):
        content = " … ".join(_cut(text, s) for s in att.content)
        print(f"{att.ident}\tCUE[{_cut(text, att.cue)}]\tSRC[{_cut(text, att.source)}]\t{content[:160]}")


def _record(index: int, text: str, att: Attribution, fields: list[str]) -> dict[str, object]:
    speaker, kind, affiliation, polarity, direct = fields[:5]
    return {
        "file": texts()[index].stem,
        "index": index,
        "attribution": att.ident,
        "content_spans": [list(s) for s in att.content],
        "content": " … ".join(_cut(text, s) for s in att.content),
        "source": _cut(text, att.source),
        "source_span": list(att.source) if att.source else None,
        "cue": _cut(text, att.cue),
        "cue_span": list(att.cue) if att.cue else None,
        "speaker": speaker,
        "kind": kind,
        "affiliation": affiliation,
        "polarity": polarity,
        "direct": direct == "1",
        "note": fields[5] if len(fields) > 5 else "",
    }


def build() -> int:
    """Join judgments.tsv (index, E id, speaker, kind, affiliation, polarity, direct[, note])."""
    rows: list[dict[str, object]] = []
    for line in (HERE / "judgments.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        index_s, ident, *fields = line.split("\t")
        if fields[0] == "skip":
            continue
        text_path = texts()[int(index_s)]
        atts = {a.ident: a for a in read_attributions(ann_for(text_path))}
        rows.append(_record(int(index_s), text_path.read_text(encoding="utf-8"), atts[ident], fields))
    with (HERE / "gold.jsonl").open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} records written to {HERE / 'gold.jsonl'}")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["show"]:
        show(int(sys.argv[2]))
    else:
        sys.exit(build())
