# The two commands: `make demo` and `make test`. Each creates .venv when needed and
# reinstalls only when pyproject.toml changed (stamp files track that). `make help` lists
# every target.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip
OUT    ?= clusternet-output

.DEFAULT_GOAL := help
.PHONY: help demo test test-all test-slow mutants mutants-scope mutants-full mutants-mutmut bench bench-smoke lint format docs screenshot readme-commands ci clean

help:  ## list the targets
	@echo "make TARGET, where TARGET is one of:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  \1\t\2/' | expand -t 20

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed-base: pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e '.[test,lint]'
	touch $@ $(VENV)/.installed-base

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e '.[test,bench,lint]'
	touch $@ $(VENV)/.installed-test $(VENV)/.installed-base

demo: $(VENV)/.installed-base  ## the main job on the built-in default cluster (base install)
	$(BIN)/clusternet demo --out $(OUT)

# testpaths and --doctest-modules live in pyproject.toml: the tests and every docstring
# example under clusternet/ run; `slow` tests are left to test-all
test: $(VENV)/.installed-test  ## the test suite and doctests, without slow tests (< 10 min on 2 cores)
	$(BIN)/python -m pytest -q -m "not slow"

test-slow: $(VENV)/.installed-test  ## only the tests marked slow
	$(BIN)/python -m pytest -q -m slow

test-all: $(VENV)/.installed-test  ## every test, slow ones included
	$(BIN)/python -m pytest -q

# Mutation testing (tools/mutants.py; `python tools/mutants.py --list` names the modules and
# their tests): our AST mutator, a seeded sample of MUTANTS_N mutants per module, each run
# against that module's fast tests with the JIT on; the score with its 95 % Wilson interval.
# Scores and argued survivors are in docs/contributing.md. `make mutants-full` runs every
# mutant (hours); `make mutants-mutmut` runs mutmut 3 over the whole [tool.mutmut] scope.
MUTANTS ?=
MUTANTS_N ?= 20
mutants: $(VENV)/.installed-test  ## sampled mutation testing (MUTANTS="k_linalg readiness" for some)
	nice -n 10 $(BIN)/python tools/mutants.py $(MUTANTS) --n $(MUTANTS_N) --survivors --table

# One sample of MUTANTS_SCOPE mutants from every module's mutants together, scored pooled:
# the held-out estimate of the whole scope (seeds 2029-2034 are the samples recorded in
# rounds 12-16; another seed draws mutants nobody has looked at).
MUTANTS_SCOPE ?= 100
MUTANTS_SEED ?= 2029
mutants-scope: $(VENV)/.installed-test  ## one scope-wide sample, pooled score (MUTANTS_SEED=2051 for a fresh one)
	nice -n 10 $(BIN)/python tools/mutants.py --scope $(MUTANTS_SCOPE) --seed $(MUTANTS_SEED) --survivors

mutants-full: $(VENV)/.installed-test  ## every mutant of every module, no sampling (hours)
	nice -n 10 $(BIN)/python tools/mutants.py $(MUTANTS) --full --survivors --table

mutants-mutmut: $(VENV)/.installed-test  ## mutmut over the whole pyproject [tool.mutmut] scope (hours)
	$(PIP) install --quiet 'mutmut>=3.3'
	$(BIN)/mutmut run
	$(BIN)/mutmut results

# A full `make bench` first deletes every result file it writes (BENCH_KEEP stays), so every
# default table comes from one run
# (50 minutes on a quiet 2-core machine on 2026-12-05, 9 of them CELF at 100 trials on the
# weighted cascade; --durations prints each bench's
# time). Every library runs in a fresh process per round, rounds interleaved across
# libraries (benchmarks/schema.py). `make bench BENCH="-k pagerank"` reruns a part and keeps
# the rest. Opt-in parts (skipped unless named, see benchmarks/conftest.py):
# BENCH="-k ten_million" (10M firms, 5 steps x BENCH_ROUNDS fresh processes of up to 20 GB:
# 14 min at 3 rounds on 2026-12-05, more at 5) and BENCH="-k opt_in" (100k-node
# targeting, the million-firm cluster, calibration). `make bench-smoke` runs every default
# bench at its smallest sizes, 2 rounds, into a scratch folder (tables untouched).
BENCH_PYTEST = cd benchmarks && $(BENCH_ENV) ../$(BIN)/python -m pytest -q -p no:cacheprovider \
	-o python_files='bench_*.py' -o python_functions='bench_*' -o addopts='' \
	--benchmark-columns=min,median,max,rounds --durations=0
# Result files of the opt-in parts and of the profiles are kept: a plain run does not redo them.
BENCH_KEEP = scale.json calibrate.json profile_*.json
bench: $(VENV)/.installed-bench  ## benchmarks against peers; rewrites BENCHMARKS.md
	$(if $(BENCH),,find benchmarks/results -name '*.json' $(foreach f,$(BENCH_KEEP),! -name '$(f)') -delete 2>/dev/null || true)
	$(BENCH_PYTEST) $(BENCH) .
	$(BIN)/python benchmarks/write_table.py

BENCH_SMOKE_OUT ?= $(abspath $(OUT))/bench-smoke
bench-smoke: BENCH_ENV = BENCH_QUICK=1 BENCH_ROUNDS=2 BENCH_RESULTS=$(BENCH_SMOKE_OUT)
bench-smoke: $(VENV)/.installed-bench  ## every default bench at its smallest sizes, 2 rounds, results to $(OUT)/bench-smoke
	rm -rf $(BENCH_SMOKE_OUT)
	$(BENCH_PYTEST) $(BENCH) .

lint: $(VENV)/.installed-test  ## ruff (docstring rules included), ruff format --check, codespell, mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/codespell
	$(BIN)/mypy

# The documentation site (Sphinx, offline, strict: any warning fails), examples gallery included.
docs: $(VENV)/.installed-test  ## the documentation site into docs/_build/html
	$(BIN)/python -m sphinx -W --keep-going -n -b html docs docs/_build/html
	@echo "open docs/_build/html/index.html"

# Report pages rendered in headless Chromium: the page must not widen at 600 or 1280 px;
# screenshots go to $(OUT)/screenshots. Needs chromium on the PATH (installs nothing).
screenshot: $(VENV)/.installed-test  ## report pages in headless Chromium (no widening); screenshots in $(OUT)/screenshots
	@command -v chromium >/dev/null || command -v chromium-browser >/dev/null || \
		command -v google-chrome >/dev/null || { echo "screenshot needs headless Chromium;" \
		"install it first (Debian/Ubuntu: apt-get install -y chromium)"; exit 1; }
	CLUSTERNET_SCREENSHOTS=$(abspath $(OUT))/screenshots $(BIN)/python -m pytest -q -rs \
		tests/test_report.py -k headless_browser
	@echo "screenshots in $(OUT)/screenshots"

format: $(VENV)/.installed-test  ## ruff format and ruff's automatic fixes
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

readme-commands:  ## every CLI command the README names, in a fresh base-install environment
	.ci/readme_commands.sh

ci:  ## what CI runs: .ci/run (tests, slow tests, lint, README commands)
	.ci/run

clean:  ## remove the environment, caches and outputs
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis .benchmarks mutants $(OUT) docs/_build \
		docs/auto_examples docs/api/generated .mypy_cache
