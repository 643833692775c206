# Two entry points for a fresh machine: `make demo` and `make test`. Each builds its own venv.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit golden bench bench-install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,web,scale,fuzz]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/storyline brief examples/articles

test: $(STAMP)
	sh scripts/ensure_chromium.sh
	sh scripts/ensure_axe.sh
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/pytest

golden: $(STAMP)
	$(BIN)/python scripts/regenerate_golden.py

# Benchmarks (issue 17): `make bench` installs the `bench` extra, runs every harness in benchmarks/ on
# $(EVAL) one after another, each with `--json` into a file of its own (bench/runs/) whose figure rows are
# then appended to $(BENCH_JSON), and writes BENCHMARKS.md's table at a glance from that file. A harness
# that fails, or writes no figure rows, is reported and the rest go on; the target fails at the end if
# any did. Hours on the whole data; `make bench BENCH_ONLY="timex_halves dating_errors"` runs only the
# harnesses named. Each run's output is in bench/logs/. Figures accumulate in $(BENCH_JSON) from run to
# run (the newest of each system, data and metric is the one shown); delete the file to start afresh.
EVAL ?= ../shared/eval
BENCH_JSON ?= bench/figures.json
BENCH_ONLY ?=
BENCH_STAMP := $(VENV)/.bench-installed

# tilse==0.2.1 (HeidelTime's jar) requires old, unpinned packages but only its files are used (located
# with importlib's find_spec, which imports nothing): it goes in with --no-deps. The other bench packages
# install normally, constrained to the versions already in the venv so that none of the project's packages
# is up- or downgraded. pip freeze leaves out pip and setuptools, so sumy may lift the venv's setuptools to
# >=70: the build tool, not a pinned dependency of the project.
$(BENCH_STAMP): $(STAMP) pyproject.toml
	$(BIN)/pip freeze --exclude-editable | grep -v ' @ ' > $(VENV)/bench-constraints.txt
	$(BIN)/python -c 'import tomllib; b = tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["bench"]; print("\n".join(b))' > $(VENV)/bench-requirements.txt
	$(BIN)/pip install --quiet --no-deps $$(grep '^tilse' $(VENV)/bench-requirements.txt)
	$(BIN)/pip install --quiet -c $(VENV)/bench-constraints.txt $$(grep -v '^tilse' $(VENV)/bench-requirements.txt)
	$(BIN)/pip check | { ! grep -v -e '^tilse ' -e '^No broken requirements'; }  # tilse lacks its deps by design
	touch $(BENCH_STAMP)

bench-install: $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	@rm -rf bench/logs bench/runs; mkdir -p bench/logs bench/runs; failed=""; missing=""; n=0; \
	run() { name=$$(basename $$1 .py); \
	  case " $(BENCH_ONLY) " in *" $$name "*) ;; *) [ -z "$(BENCH_ONLY)" ] || return 0;; esac; \
	  if [ ! -f "$$1" ]; then echo "-- $$name: $$1 is missing, skipped"; missing="$$missing $$name"; return 0; fi; \
	  n=$$((n + 1)); log=bench/logs/$$n-$$name.log; out=bench/runs/$$n-$$name.json; start=$$(date +%s); \
	  echo "== $$name: $(BIN)/python $$* --json $$out"; \
	  if nice $(BIN)/python "$$@" --json $$out > $$log 2>&1 \
	    && $(BIN)/python scripts/glance.py $(BENCH_JSON) --add $$out >> $$log 2>&1; then \
	    echo "   ok in $$(( $$(date +%s) - start )) s ($$log)"; \
	  else echo "   FAILED (exit $$?) in $$(( $$(date +%s) - start )) s; the end of $$log:"; \
	    tail -n 5 $$log | sed 's/^/   | /'; failed="$$failed $$name"; fi; }; \
	prepare() { case " $(BENCH_ONLY) " in *" $$1 "*) ;; *) [ -z "$(BENCH_ONLY)" ] || return 0;; esac; \
	  shift; echo "== (input) $$*"; nice $(BIN)/python "$$@" > /dev/null || failed="$$failed $$(basename $$1 .py)"; }; \
	run benchmarks/speed.py --corpus $(EVAL)/ecbplus --repeat 3; \
	run benchmarks/components.py --repeat 3; \
	run benchmarks/annotate_work.py profile --corpus $(EVAL)/ecbplus --rounds 2; \
	run benchmarks/after_parse.py --corpus $(EVAL)/ecbplus --rounds 2; \
	run benchmarks/plain_alternative.py $(EVAL)/ecbplus --choose; \
	run benchmarks/extraction.py; \
	run benchmarks/scale_ingest.py --corpus both --repeat 2 --quality; \
	run benchmarks/timex.py --data $(EVAL)/timex/tbaq; \
	run benchmarks/timex.py --data $(EVAL)/timex/meantime; \
	run benchmarks/timex_halves.py --root $(EVAL)/timex; \
	run benchmarks/timex_errors.py --data $(EVAL)/timex/tbaq --per-group 0; \
	run benchmarks/timex_errors.py --data $(EVAL)/timex/meantime --per-group 0; \
	run benchmarks/timex_tense_ceiling.py --data $(EVAL)/timex/tbaq; \
	run benchmarks/timex_tense_ceiling.py --data $(EVAL)/timex/meantime; \
	run benchmarks/dating_errors.py --data $(EVAL)/timex/tbaq --show none --timing; \
	run benchmarks/dating_errors.py --data $(EVAL)/timex/meantime --show none; \
	run benchmarks/quotes.py --data $(EVAL)/quotes/polnear/dev; \
	run benchmarks/quotes.py --data $(EVAL)/quotes/polnear/train; \
	run benchmarks/speakers.py --data $(EVAL)/quotes/polnear/dev; \
	run benchmarks/actors.py --data $(EVAL)/timex/meantime/intra_cross-doc_annotation; \
	run benchmarks/actors.py --kinds-gold benchmarks/gold/kinds/gold.tsv --eval $(EVAL); \
	run benchmarks/clustering.py --data $(EVAL)/ecbplus; \
	run benchmarks/product_clustering.py --data $(EVAL)/ecbplus; \
	run benchmarks/story_gold.py; \
	run benchmarks/outlets.py --eval $(EVAL); \
	prepare cluster_scale benchmarks/generate_corpus.py --data $(EVAL)/ecbplus --n 10000 --out bench/corpus_10k.jsonl; \
	prepare cluster_scale benchmarks/generate_corpus.py --data $(EVAL)/ecbplus --n 100000 --out bench/corpus_100k.jsonl; \
	run benchmarks/cluster_scale.py bench/corpus_10k.jsonl bench/corpus_100k.jsonl; \
	run benchmarks/incremental.py --sizes 1000 10000 --repeat 3 --copies 2; \
	run benchmarks/summary.py --data $(EVAL)/ecbplus --quiet; \
	run benchmarks/conflicts_real.py --half report; \
	run benchmarks/conflicts_perturb.py --half even; \
	run benchmarks/semeval_timeline.py; \
	run benchmarks/timeline_reading.py score; \
	run benchmarks/multilingual.py --data $(EVAL)/multilingual/meantime; \
	run benchmarks/multilingual_actors.py --data $(EVAL)/multilingual/meantime; \
	run benchmarks/multilingual_facts.py --data $(EVAL)/multilingual/meantime --cache bench/multilingual \
	  --weights 0.5,0.75,1.0,1.5,2.0,3.0; \
	run benchmarks/hostile.py; \
	run benchmarks/web_load.py; \
	run benchmarks/fuzz.py --seconds 60; \
	if [ -f $(BENCH_JSON) ]; then $(BIN)/python scripts/glance.py $(BENCH_JSON) || failed="$$failed glance"; fi; \
	[ -z "$$missing" ] || echo "missing harnesses (skipped):$$missing"; \
	if [ -n "$$failed" ]; then echo "FAILED:$$failed"; exit 1; fi; echo "all harnesses ran; figures in $(BENCH_JSON)"

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
