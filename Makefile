# The two commands: `make demo` and `make test`. Each creates .venv when needed and
# reinstalls only when pyproject.toml changed (stamp files track that).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip
OUT    ?= clusternet-output

.PHONY: demo test test-all mutants bench lint format docs clean

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

demo: $(VENV)/.installed-base
	$(BIN)/clusternet demo --out $(OUT)

# `make test` skips tests marked `slow` (the long fuzz profiles among them); `make test-all` runs all.
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q -m "not slow"

test-all: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q

# Mutation testing (mutmut 3, settings in pyproject.toml [tool.mutmut]) of the kernels'
# wrappers, the analysis wrappers, measures/ and dynamics/; the score and the argued
# survivors are in docs/contributing.md. A full run takes hours on two cores:
# `make mutants MUTANTS="clusternet.measures.composite*"` runs the mutants of one module.
MUTANTS ?=
mutants: $(VENV)/.installed-test
	$(PIP) install --quiet 'mutmut>=3.3'
	$(BIN)/mutmut run $(MUTANTS)
	$(BIN)/mutmut results

# A full `make bench` starts from an empty results folder, so every table comes from one run;
# `make bench BENCH="-k pagerank"` reruns a part and keeps the rest.
bench: $(VENV)/.installed-bench
	$(if $(BENCH),,rm -rf benchmarks/results)
	cd benchmarks && ../$(BIN)/python -m pytest -q -p no:cacheprovider -o python_files='bench_*.py' \
		-o python_functions='bench_*' --benchmark-columns=min,median,max,rounds $(BENCH) .
	$(BIN)/python benchmarks/write_table.py

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# The documentation site (Sphinx, offline, strict: any warning fails), examples gallery included.
docs: $(VENV)/.installed-test
	$(BIN)/python -m sphinx -W --keep-going -n -b html docs docs/_build/html
	@echo "open docs/_build/html/index.html"

format: $(VENV)/.installed-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis .benchmarks mutants $(OUT) docs/_build \
		docs/auto_examples docs/api/generated .mypy_cache
