"""Resolved speakers, stance and directness on the issue-12 gold set (28 PolNeAR dev texts read by hand).

    .venv/bin/python benchmarks/speakers.py [--data ../shared/eval/quotes/polnear/dev]
        [--gold benchmarks/gold/speakers/gold.jsonl] [--json OUT] [--errors] [--cache FILE]

Runs storyline's quote finder on each gold text (parsed as benchmarks/quotes.py parses them) and
pairs tool quotes with gold attributions one to one by content overlap, largest overlap first (a
gold attribution split into fragments offers all its fragments). Reported for the even and the odd
``index`` of the gold texts separately, and overall:

- found: gold attributions paired with a tool quote / gold attributions.
- named speaker right: of the found ones whose gold speaker is named (kind person, organisation or
  outlet), those whose tool speaker is the same name (see ``same_speaker``).
- groups kept: of the found ones whose gold speaker is a group or an unnamed individual, those the
  tool shows as such (see ``kept_as_group``); ``groups_upgraded`` counts those given a named speaker.
- denials kept: gold attributions with polarity ``denies`` whose paired tool quote says ``denies``,
  over all gold denials (a denial not found is not kept); also over the found ones.
- polarity and direct right: on all found ones.

Quote fields added for issue 12 (``polarity``, ``speaker_kind``, ``direct``) are read with defaults
(``asserts``, none, false), so the scorer runs on a Quote model with or without them.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from polnear import load  # noqa: E402

ROOT = HERE.parent
GOLD = HERE / "gold" / "speakers" / "gold.jsonl"
DEV = ROOT.parent / "shared" / "eval" / "quotes" / "polnear" / "dev"
Range = tuple[int, int]
NAMED = frozenset({"person", "organisation", "outlet"})
GROUPS = frozenset({"group", "unnamed"})
_TITLES_WORDS = (
    "the a an mr mrs ms dr rev sen senator rep gov president vice former lt gen retired "
    "speaker secretary justice judge chief del state house"
)
TITLES = frozenset(_TITLES_WORDS.split())
# capitalised words that may stand before a surname without being a first name ("But Clinton said")
_FUNCTION_WORDS = (
    "but and then when as if that this while after before so yet with for of in on at by to from "
    "said says told according like where who how why what not no also even only meanwhile however "
    "still now today here there both since because although though unlike despite during under "
    "over about until once again whether"
)
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())
SUFFIXES = frozenset({"jr", "sr", "ii", "iii"})
# a last word that names no organisation by itself ("the campaign" is not the Clinton campaign)
_GENERIC_WORDS = "campaign court administration department committee police government party office"
GENERIC = frozenset(_GENERIC_WORDS.split())


@dataclass(frozen=True)
class GoldQuote:
    file: str
    index: int
    attribution: str
    content: tuple[Range, ...]
    speaker: str
    kind: str
    polarity: str
    direct: bool


@dataclass(frozen=True)
class ToolQuote:
    content: Range
    speaker: str | None
    kind: str | None
    polarity: str = "asserts"
    direct: bool = False


def read_gold(path: Path) -> list[GoldQuote]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [
        GoldQuote(
            r["file"],
            r["index"],
            r["attribution"],
            tuple(tuple(s) for s in r["content_spans"]),
            r["speaker"],
            r["kind"],
            r["polarity"],
            r["direct"],
        )
        for r in rows
    ]


def tool_quote(quote: Any) -> ToolQuote:
    """A storyline Quote as scored; issue-12 fields read with defaults when the model lacks them."""
    return ToolQuote(
        (quote.content.start, quote.content.end),
        getattr(quote, "speaker", None),
        getattr(quote, "speaker_kind", None),
        getattr(quote, "polarity", "asserts"),
        bool(getattr(quote, "direct", False)),
    )


def _overlap(a: Range, b: Range) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def pair(gold: Sequence[GoldQuote], tool: Sequence[ToolQuote]) -> dict[int, int]:
    """Gold index -> tool index, one to one, by the overlap of the tool content with the gold
    fragments, largest first (ties: earlier gold, then earlier tool quote)."""
    candidates = sorted(
        (
            (sum(_overlap(frag, t.content) for frag in g.content), gi, ti)
            for gi, g in enumerate(gold)
            for ti, t in enumerate(tool)
        ),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for size, gi, ti in candidates:
        if size > 0 and gi not in pairs and ti not in used:
            pairs[gi] = ti
            used.add(ti)
    return pairs


def name_tokens(name: str) -> list[str]:
    """Lower case, no diacritics or punctuation, leading titles and articles dropped, suffixes
    (Jr., II) dropped: "Sen. Bernie Sanders" -> ["bernie", "sanders"]."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    plain = re.sub(r"['’]s\b", "", plain)
    tokens = [t for t in re.split(r"[^a-z0-9]+", plain) if t]
    while tokens and tokens[0] in TITLES:
        tokens.pop(0)
    return [t for t in tokens if t not in SUFFIXES]


def _core(tokens: Sequence[str]) -> list[str]:
    return [t for t in tokens if len(t) > 1]  # middle initials dropped: "John D. Podesta"


def surname_unique(surname: str, gold: Collection[str], text: str) -> bool:
    """Whether ``surname`` alone denotes the gold person (name tokens ``gold``) in ``text``: no other
    first name stands before that surname in the middle of a sentence ("President Bill Clinton",
    "the first lady, Michelle Obama" make the surname ambiguous; "Mrs. Clinton", a headline's or a
    sentence's first word, or another part of the gold name do not)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    before = re.compile(rf"\b([A-Z][a-z]+)(\.?)[ \t]+(?:[A-Z]\.\s+)?(?:\"[^\"]+\"\s+)?{re.escape(surname)}\b")
    for match in before.finditer(plain):
        word = match.group(1).lower()
        if word in gold or word in TITLES or word in FUNCTION_WORDS or match.group(2):
            continue
        if _mid_sentence(plain[: match.start()]):
            return False
    return True


def _mid_sentence(preceding: str) -> bool:
    """Whether a word after ``preceding`` stands inside a sentence: after a lower-case word, a
    title, or a comma-like mark; not at a text's, line's, sentence's or quotation's start, and not
    inside a longer capitalised name ("Washington Post Trump supporter")."""
    last = re.search(r"(\S+)[ \t]*$", preceding)
    if last is None:
        return False
    word = last.group(1)
    if word[-1] in ",;(-":
        return True
    bare = word.strip(".,;:()\"'").lower()
    return bare in TITLES or (word[0].islower() and word[-1] not in ".!?:\"'")


def same_speaker(gold: str, kind: str, tool: str | None, text: str) -> bool:
    """The tool names the gold speaker: the same tokens after ``name_tokens`` (middle initials
    aside); for a person, a surname alone when it uniquely denotes the gold person in the article
    (``surname_unique``), or the full name when the gold has only a surname; for an organisation
    or outlet, the trailing words of its name when the last word is not generic ("Post" for the
    New York Post, not "campaign" for the Clinton campaign)."""
    if not tool:
        return False
    g, t = _core(name_tokens(gold)), _core(name_tokens(tool))
    if not g or not t:
        return False
    if g == t:
        return True
    if kind == "person":
        if len(t) == 1 and len(g) > 1 and t[0] == g[-1]:
            return surname_unique(g[-1].capitalize(), _parts(g), text)
        return len(g) == 1 and t[-1] == g[0]
    return len(t) < len(g) and g[-len(t) :] == t and t[-1] not in GENERIC


def _parts(tokens: Sequence[str]) -> set[str]:
    return set(tokens) | {piece for t in tokens for piece in t.split("-")}


def _stems(name: str) -> set[str]:
    return {t.rstrip("s") for t in name_tokens(name)}


def kept_as_group(gold: GoldQuote, tool: ToolQuote) -> bool:
    """The tool shows a group or unnamed speaker as such: its speaker kind says group or unnamed,
    or (no kind given) its speaker words share a word with the gold description ("sources")."""
    if tool.kind is not None:
        return tool.kind in GROUPS
    return bool(tool.speaker) and bool(_stems(gold.speaker) & _stems(tool.speaker or ""))


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    named: int = 0
    named_right: int = 0
    groups: int = 0
    groups_kept: int = 0
    groups_upgraded: int = 0
    denials: int = 0
    denials_found: int = 0
    denials_kept: int = 0
    polarity_right: int = 0
    direct_right: int = 0

    def report(self) -> dict[str, float | int]:
        def rate(a: int, b: int) -> float:
            return round(a / b, 4) if b else 0.0

        out: dict[str, float | int] = dict(vars(self))
        out["found_rate"] = rate(self.found, self.gold)
        out["named_right_rate"] = rate(self.named_right, self.named)
        out["groups_kept_rate"] = rate(self.groups_kept, self.groups)
        out["denials_kept_rate"] = rate(self.denials_kept, self.denials)
        out["denials_kept_rate_on_found"] = rate(self.denials_kept, self.denials_found)
        out["polarity_right_rate"] = rate(self.polarity_right, self.found)
        out["direct_right_rate"] = rate(self.direct_right, self.found)
        return out


def judge(gold: GoldQuote, tool: ToolQuote | None, text: str) -> list[str]:
    """What is wrong with the tool's answer for one gold attribution (empty: all right)."""
    if tool is None:
        return ["missed"]
    wrong = []
    if gold.kind in NAMED and not same_speaker(gold.speaker, gold.kind, tool.speaker, text):
        wrong.append("speaker")
    if gold.kind in GROUPS and not kept_as_group(gold, tool):
        wrong.append("group")
    if tool.polarity != gold.polarity:
        wrong.append("polarity")
    if tool.direct != gold.direct:
        wrong.append("direct")
    return wrong


def add(tally: Tally, gold: GoldQuote, tool: ToolQuote | None, text: str) -> None:
    wrong = judge(gold, tool, text)
    tally.gold += 1
    tally.denials += gold.polarity == "denies"
    if tool is None:
        return
    tally.found += 1
    tally.named += gold.kind in NAMED
    tally.named_right += gold.kind in NAMED and "speaker" not in wrong
    tally.groups += gold.kind in GROUPS
    tally.groups_kept += gold.kind in GROUPS and "group" not in wrong
    tally.groups_upgraded += gold.kind in GROUPS and tool.kind in NAMED
    tally.denials_found += gold.polarity == "denies"
    tally.denials_kept += gold.polarity == "denies" and tool.polarity == "denies"
    tally.polarity_right += "polarity" not in wrong
    tally.direct_right += "direct" not in wrong


def score(
    gold: Sequence[GoldQuote], tool_by_file: dict[str, list[ToolQuote]], texts: dict[str, str]
) -> tuple[dict[str, Tally], list[str]]:
    """Tallies for "even", "odd" and "all", and one error line per wrong gold attribution."""
    tallies = {"even": Tally(), "odd": Tally(), "all": Tally()}
    errors: list[str] = []
    for name in sorted({g.file for g in gold}):
        records = [g for g in gold if g.file == name]
        tool = tool_by_file.get(name, [])
        pairs = pair(records, tool)
        for gi, record in enumerate(records):
            got = tool[pairs[gi]] if gi in pairs else None
            for key in ("even" if record.index % 2 == 0 else "odd", "all"):
                add(tallies[key], record, got, texts[name])
            if wrong := judge(record, got, texts[name]):
                errors.append(_error_line(record, got, wrong, texts[name]))
    return tallies, errors


def _error_line(gold: GoldQuote, tool: ToolQuote | None, wrong: list[str], text: str) -> str:
    start, end = gold.content[0][0], gold.content[-1][1]
    snippet = " ".join(text[start:end].split())[:80]
    said = "-" if tool is None else f"{tool.speaker!r} ({tool.kind}, {tool.polarity}, direct={tool.direct})"
    return (
        f"{gold.index:>2} {gold.attribution:<4} {','.join(wrong):<22} gold {gold.speaker!r} ({gold.kind}, "
        f"{gold.polarity}, direct={gold.direct}) | tool {said} | {snippet}"
    )


def run_tool(
    data: Path, names: Iterable[str], cache: Path | None
) -> tuple[dict[str, list[ToolQuote]], dict[str, str]]:
    """storyline's quotes for the named PolNeAR texts, parsed as benchmarks/quotes.py parses them."""
    from quotes import _parse
    from storyline.annotate.mentions import find_mentions
    from storyline.annotate.nlp import load_nlp
    from storyline.annotate.quotes import find_quotes

    wanted = set(names)
    docs = [d for d in load(data) if d.name in wanted]
    missing = wanted - {d.name for d in docs}
    if missing:
        raise FileNotFoundError(f"gold texts not found under {data}: {sorted(missing)[:3]} ...")
    parsed = _parse(load_nlp(), [d.text for d in docs], cache)
    tool = {
        d.name: [tool_quote(q) for q in find_quotes(doc, d.name, find_mentions(doc, d.name))]
        for d, doc in zip(docs, parsed, strict=True)
    }
    return tool, {d.name: d.text for d in docs}


def _commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    import storyline

    package = Path(storyline.__file__).resolve().parent
    if not package.is_relative_to(ROOT / "src"):  # measured on another checkout (PYTHONPATH)
        return f"storyline from {package}"
    dirty = git("status", "--porcelain", "--untracked-files=no")
    return git("rev-parse", "--short", "HEAD") + ("-dirty" if dirty else "")


def json_rows(report: dict[str, dict[str, float | int]], data: str, command: str) -> list[dict[str, Any]]:
    stamp = {"commit": _commit(), "date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}
    return [
        {
            "system": "storyline",
            "data": data,
            "metric": f"{metric}/{half}",
            "value": value,
            "command": command,
        }
        | stamp
        for half, figures in report.items()
        for metric, value in figures.items()
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--data", type=Path, default=DEV, help="the PolNeAR dev folder (text/, attributions/)"
    )
    parser.add_argument("--gold", type=Path, default=GOLD, help="the gold JSONL")
    parser.add_argument("--json", type=Path, default=None, help="write one row per figure here")
    parser.add_argument("--errors", action="store_true", help="list every wrong gold attribution")
    parser.add_argument("--cache", type=Path, default=None, help="a DocBin file to keep the parse in")
    args = parser.parse_args(argv)
    gold = read_gold(args.gold)
    tool, texts = run_tool(args.data, {g.file for g in gold}, args.cache)
    tallies, errors = score(gold, tool, texts)
    report = {half: tally.report() for half, tally in tallies.items()}
    print(json.dumps(report, indent=2))
    if args.errors:
        print("\n".join(errors))
    if args.json:
        command = " ".join(["benchmarks/speakers.py", *(argv if argv is not None else sys.argv[1:])])
        rows = json_rows(report, f"{args.gold.name} on {args.data}", command)
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
