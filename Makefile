# The two commands of the README: `make run` and `make test`. Both create .venv on first use.
VENV ?= .venv
BIN := $(VENV)/bin
CORPUS := evals/corpus/releases

.PHONY: run test setup lint

setup: $(VENV)/.installed

# torch first, pinned: 2.13.0 is the CPU build on this machine; a bare `torch` would pull GBs of CUDA.
$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

run: setup
	$(BIN)/earnings-qa ingest $(CORPUS)
	$(BIN)/earnings-qa documents

lint: setup
	$(BIN)/ruff check .

test: setup lint
	$(BIN)/python -m pytest
