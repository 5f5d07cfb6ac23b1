# Shotline — developer and operator entry points.
#   make run    set up everything, load demo data, serve on http://127.0.0.1:8000
#   make test   run the whole test suite

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
PYTEST_ARGS ?= -n 2

.PHONY: setup run serve test test-py test-pg test-web e2e lint typecheck format openapi bench clean

setup: $(VENV)/.installed web-build

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Shotline needs Python >= 3.11" if sys.version_info < (3, 11) else 0)'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# The web app is built when web/package.json exists (Node >= 20).
.PHONY: web-build
web-build:
	@if [ -f web/package.json ]; then \
	  command -v npm >/dev/null || { echo "The web app needs Node >= 20 and npm"; exit 1; }; \
	  if [ ! -f web/node_modules/.installed ] || [ web/package-lock.json -nt web/node_modules/.installed ]; then \
	    (cd web && npm ci --no-audit --no-fund) && touch web/node_modules/.installed; fi; \
	  (cd web && npm run build --silent); \
	fi

run: setup
	$(BIN)/shotline demo
	$(BIN)/shotline serve --host $(HOST) --port $(PORT)

serve: $(VENV)/.installed
	$(BIN)/shotline serve --host $(HOST) --port $(PORT)

# The whole suite: Python on SQLite, again on PostgreSQL when SHOTLINE_TEST_DATABASE_URL
# is set, then the web app's own tests.
test: setup
	@echo "== Python suite on SQLite"
	SHOTLINE_TEST_DATABASE_URL= $(BIN)/pytest -q $(PYTEST_ARGS)
	@if [ -n "$$SHOTLINE_TEST_DATABASE_URL" ]; then \
	  echo "== again on PostgreSQL ($$SHOTLINE_TEST_DATABASE_URL)"; \
	  $(BIN)/pytest -q -m 'not e2e' $(PYTEST_ARGS); fi
	@if [ -f web/package.json ]; then (cd web && npm test --silent); fi

test-py: $(VENV)/.installed
	SHOTLINE_TEST_DATABASE_URL= $(BIN)/pytest -q $(PYTEST_ARGS)

test-pg: $(VENV)/.installed
	SHOTLINE_TEST_DATABASE_URL=$${SHOTLINE_TEST_DATABASE_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/shotline_test} \
	  $(BIN)/pytest -q -m 'not e2e' $(PYTEST_ARGS)

e2e: setup
	$(BIN)/pytest -q -m e2e $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports

typecheck: $(VENV)/.installed
	$(BIN)/mypy

format: $(VENV)/.installed
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

openapi: $(VENV)/.installed
	$(BIN)/shotline openapi --output web/openapi.json
	cd web && npm run api:generate

bench: $(VENV)/.installed
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) web/node_modules web/dist .pytest_cache .mypy_cache .ruff_cache
