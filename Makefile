# Two commands: `make run` starts the app, `make test` runs the whole suite.
# Each sets up what it needs first: the virtual environment and the built data.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
SOURCES := $(wildcard data/sources/*.csv) $(wildcard app/*.py app/*/*.py)
BUILT := data/parquet/.built
# pytest-xdist workers for `make test`; each test file runs on one worker (its servers
# start once) and tests/conftest.py hands out the long files first. WORKERS=1: one process.
WORKERS ?= 2

.PHONY: run test lint format bench build setup clean

setup: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11+ is required")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(BUILT): $(STAMP) $(SOURCES)
	$(PY) -m app build
	touch $@

build: $(BUILT)

run: $(BUILT)
	$(PY) -m streamlit run streamlit_app.py

test: $(BUILT)
	$(PY) -m pytest $(if $(filter 1,$(WORKERS)),,-n $(WORKERS) --dist loadfile --no-loadscope-reorder)

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(STAMP)
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

bench: $(BUILT)
	$(PY) -m bench

clean:
	rm -rf data/parquet $(VENV)
