# Two commands: `make demo` and `make test`. Each sets up .venv when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: demo test lint format bench bench-quick bench-robustness clean chromium

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(DEV_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

demo: $(STAMP)
	$(BIN)/eventwire demo --db build/demo.duckdb

test: $(DEV_STAMP) chromium
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/python -m pytest -q

lint: $(DEV_STAMP)
	$(BIN)/ruff check src tests benchmarks

format: $(DEV_STAMP)
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads one).
# Only when missing; without apt or root the browser tests skip and say why.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if command -v apt-get >/dev/null 2>&1 && apt-get update -qq && \
	     DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; then \
	    echo "installed chromium for the browser tests"; \
	  else \
	    echo "could not install chromium (apt-get missing or not root): browser tests will skip"; \
	  fi; \
	fi

# Throughput: eventwire against a bare spaCy pass on 2,000 articles, 1 and 2 processes
# (docs/PERFORMANCE.md). ARTICLES=... and WORKERS=... change the run.
ARTICLES ?= 2000
WORKERS ?= 1,2
bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py --articles $(ARTICLES) --workers $(WORKERS) \
	  --json build/throughput/results.json

bench-quick: $(STAMP)
	$(BIN)/python benchmarks/throughput.py --quick

bench-robustness: $(STAMP)
	$(BIN)/python benchmarks/ingest_robustness.py

clean:
	rm -rf $(VENV) build .pytest_cache .ruff_cache
