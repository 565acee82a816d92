# The two commands of the README: `make run` and `make test`. Both create .venv on first use.
VENV ?= .venv
BIN := $(VENV)/bin
CORPUS := evals/corpus/releases

.PHONY: run test setup lint eval browser postgres

setup: $(VENV)/.installed

# torch first, pinned: 2.13.0 is the CPU build on this machine; a bare `torch` would pull GBs of CUDA.
$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

HOST ?= 127.0.0.1
PORT ?= 7860

# set up, ingest the bundled releases, list them, and serve the web chat (Ctrl+C stops it)
run: setup
	$(BIN)/earnings-qa ingest $(CORPUS)
	$(BIN)/earnings-qa documents
	$(BIN)/earnings-qa ui --host $(HOST) --port $(PORT)

lint: setup
	$(BIN)/ruff check .

# the tests, then the eval gate: every bundled dataset against a data home of the bundled corpus (.data/ci/eval);
# exit 1 when a case right in evals/baseline.json is not right now or a set falls below evals/datasets/thresholds.json
# the browser test (tests/test_web.py) drives Debian's Chromium; Playwright's own browser download cannot run here
browser:
	@test -x /usr/bin/chromium || { $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get install -y -qq \
		--no-install-recommends chromium; }

# the scale-out tests (tests/test_scale_out.py) start a PostgreSQL server of their own from Debian's package
postgres:
	@ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || { $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get install -y -qq \
		--no-install-recommends postgresql; }

test: setup lint browser postgres
	$(BIN)/python -m pytest
	$(BIN)/earnings-qa --home .data/ci eval

eval: setup
	$(BIN)/earnings-qa eval
