# `make run` and `make test` work on a fresh clone: they create .venv and install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: install run ingest serve test browser eval latency clean loadtest bench
# the browser tests drive Debian's Chromium (never `playwright install`); CI runs as root
CHROMIUM := command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium chromium-driver)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch first, pinned, so nothing later pulls a CUDA build
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

ingest: $(STAMP)
	$(BIN)/assistant ingest corpus

serve: $(STAMP)
	HOST=$(HOST) PORT=$(PORT) $(BIN)/assistant serve

run: $(STAMP)
	$(BIN)/assistant ingest corpus || echo "ingest reported failures (see above); serving what was ingested"
	HOST=$(HOST) PORT=$(PORT) $(BIN)/assistant serve

test: $(STAMP)
	$(CHROMIUM)
	$(BIN)/python -m pytest

# the widget in headless Chromium only (tests/web/test_browser.py)
browser: $(STAMP)
	$(CHROMIUM)
	$(BIN)/python -m pytest -m browser

eval: $(STAMP)
	$(BIN)/python -m evals.run

clean:
	rm -rf data evals/results/run-*.json

latency: $(STAMP)
	$(BIN)/python -m evals.latency

# speed benchmark vs the naive LangChain pipeline; BENCH_ARGS=--quick, or e.g. BENCH_ARGS="--scale 1 --scale 100"
bench: $(STAMP)
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# 32 clients for 60 s against a real server (loopback, real model and corpus) while a document is re-ingested.
loadtest: $(STAMP)
	$(BIN)/python -m tests.prod.loadtest --clients 32 --seconds 60
