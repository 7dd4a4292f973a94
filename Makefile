# The two commands: `make demo` and `make test`. Each creates .venv when needed and
# reinstalls only when pyproject.toml changed (stamp files track that).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip
OUT    ?= clusternet-output

.PHONY: demo test bench lint format docs screenshot clean

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

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q

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

# Report pages rendered in headless Chromium: the page must not widen at 600 or 1280 px;
# screenshots go to $(OUT)/screenshots. Needs chromium on the PATH (installs nothing).
screenshot: $(VENV)/.installed-test  ## report pages in headless Chromium (no widening); screenshots in $(OUT)/screenshots
	@command -v chromium >/dev/null || command -v chromium-browser >/dev/null || \
		command -v google-chrome >/dev/null || { echo "screenshot needs headless Chromium;" \
		"install it first (Debian/Ubuntu: apt-get install -y chromium)"; exit 1; }
	CLUSTERNET_SCREENSHOTS=$(abspath $(OUT))/screenshots $(BIN)/python -m pytest -q -rs \
		tests/test_report.py -k headless_browser
	@echo "screenshots in $(OUT)/screenshots"

format: $(VENV)/.installed-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis .benchmarks $(OUT) docs/_build \
		docs/auto_examples docs/api/generated .mypy_cache
