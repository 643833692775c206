"""Speed of the whole pipeline, against a bare spaCy pass over the same texts measured in the same run.

    python benchmarks/speed.py [--seeds DIR] [--corpus DIR] [--repeat N]

Prints JSON: cold time of `storyline brief` on the seeds (process start to output), warm time of the
same brief in-process, articles per second over the corpus (default: the 535 ECB+ documents) with the
share of time per stage, and the ratio of the pipeline's time to spaCy's.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import storyline
from storyline.annotate.nlp import load_nlp
from storyline.config import load_settings
from storyline.pipeline import ingest, read_and_extract
from storyline.progress import Silent
from storyline.store import open_store

SHARED = Path(__file__).resolve().parents[2] / "shared"


def cold_seconds(seeds: Path, repeat: int) -> float:
    exe = shutil.which("storyline", path=str(Path(sys.executable).parent)) or "storyline"
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(
            [exe, "brief", str(seeds), "--format", "json", "--quiet"], check=True, capture_output=True
        )
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def warm_seconds(seeds: Path, repeat: int) -> float:
    storyline.brief([seeds])  # loads the models once
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        storyline.brief([seeds])
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def corpus_run(corpus: Path) -> dict[str, object]:
    settings = load_settings()
    articles, _ = read_and_extract([str(corpus)], settings, Silent())
    nlp = load_nlp(settings.spacy_model)
    start = time.perf_counter()
    for _doc in nlp.pipe((a.text for a in articles), batch_size=16):
        pass
    spacy_seconds = time.perf_counter() - start
    start = time.perf_counter()
    result = ingest([str(corpus)], settings, open_store(None))
    total = time.perf_counter() - start
    return {
        "articles": len(result.article_ids),
        "stories": len(result.stories),
        "pipeline_seconds": round(total, 2),
        "articles_per_second": round(len(result.article_ids) / total, 2),
        "stage_share": {k: round(v / total, 3) for k, v in sorted(result.seconds.items())},
        "stage_seconds": {k: round(v, 2) for k, v in sorted(result.seconds.items())},
        "bare_spacy_seconds": round(spacy_seconds, 2),
        "ratio_to_bare_spacy": round(total / spacy_seconds, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=SHARED / "seeds")
    parser.add_argument("--corpus", type=Path, default=SHARED / "eval" / "ecbplus")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    report = {
        "seeds_cold_seconds": round(cold_seconds(args.seeds, args.repeat), 2),
        "seeds_warm_seconds": round(warm_seconds(args.seeds, args.repeat), 3),
        "corpus": str(args.corpus),
        **corpus_run(args.corpus),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
