# Zicht — the two commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export ZICHT_DATA_DIR ?= $(CURDIR)/var
PG_URL ?= postgres://postgres@127.0.0.1:5432/zicht
REDIS_PROBE_URL ?= redis://127.0.0.1:6379/0

.PHONY: install browser run test lint typecheck migrations-check pytest pytest-postgres bench model messages clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Zicht needs Python 3.11 or newer"'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

# Debian's chromium for the Playwright browser tests (Playwright's own browser download
# is not used: it needs network access that production machines and CI do not have).
browser:
	@command -v chromium >/dev/null 2>&1 || bash scripts/install-chromium.sh

run: install
	@mkdir -p $(ZICHT_DATA_DIR)
	DEBUG=1 ZICHT_DEMO=1 $(BIN)/zicht migrate --noinput
	@if test -f $(ZICHT_DATA_DIR)/.demo-loaded; then DEBUG=1 ZICHT_DEMO=1 $(BIN)/zicht demo --logins; \
	else DEBUG=1 ZICHT_DEMO=1 $(BIN)/zicht demo && touch $(ZICHT_DATA_DIR)/.demo-loaded; fi
	DEBUG=1 ZICHT_DEMO=1 $(BIN)/zicht runserver 127.0.0.1:8000

lint: install
	$(BIN)/ruff format --check zicht tests bench scripts
	$(BIN)/ruff check zicht tests bench scripts
	DEBUG=1 $(BIN)/mypy zicht

migrations-check: install
	DEBUG=1 $(BIN)/zicht makemigrations --check --dry-run

pytest: install browser
	$(BIN)/pytest

# The same suite against a fresh PostgreSQL database (pytest-django creates test_zicht).
pytest-postgres: install browser
	@if $(BIN)/python scripts/probe.py postgres "$(PG_URL)"; then \
		echo "== PostgreSQL answers: running the suite against $(PG_URL)"; \
		DATABASE_URL="$(PG_URL)" $(BIN)/pytest -m "not browser"; \
	else \
		echo "== SKIPPED: PostgreSQL does not answer at $(PG_URL); the suite ran on SQLite only."; \
	fi

test: install browser lint migrations-check pytest pytest-postgres

bench: install
	@mkdir -p bench/results
	@for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

# Retrain the detector reproducibly; `make model FEEDBACK=feedback.jsonl` adds the examples
# exported by `zicht detect-feedback-export` to the corpus for this run.
model: install
	@if [ -n "$(FEEDBACK)" ]; then \
		tmp=$$(mktemp -d) && cp data/corpus/c*.jsonl "$$tmp"/ && cp "$(FEEDBACK)" "$$tmp"/c-feedback.jsonl && \
		$(BIN)/python -m zicht.detection.train --corpus "$$tmp"; status=$$?; rm -rf "$$tmp"; exit $$status; \
	else $(BIN)/python -m zicht.detection.train; fi

messages: install
	cd zicht && ../$(BIN)/zicht makemessages -l nl -l en --no-obsolete && ../$(BIN)/zicht compilemessages

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
