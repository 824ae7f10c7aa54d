# Two commands: `make run` serves the demo campaign, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
PORT ?= 5000
# The default public address (BASE_URL) follows PORT, so mailed and calendar links lead where
# `make run` serves; CAMPAIGN_BASE_URL or instance/config.py still set it on purpose.
export PORT
# Two test processes; the browser journeys share one of them (pytest.ini: --dist loadgroup).
PYTEST_ARGS ?= -n 2
# One stamp per requirements file, so switching between `make run` and `make test` installs
# only what is missing (requirements-dev.txt includes requirements.txt).
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
COMPILE_CATALOGS = $(BIN)/pybabel -q compile -d campaign/translations

.PHONY: run test setup setup-dev test-tools catalogs messages db demo screenshots bench drills clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# What the app needs to run: a production install gets no pytest, Playwright or Hypothesis.
$(RUN_STAMP): requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

# The same plus the tools for tests, drills, screenshots and benchmarks.
$(DEV_STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(RUN_STAMP)
	$(COMPILE_CATALOGS)

setup-dev: $(DEV_STAMP)
	$(COMPILE_CATALOGS)

# axe-core for the browser tests' accessibility checks (skipped, with the reason, without npm).
test-tools:
	@if [ ! -f node_modules/axe-core/axe.min.js ] && command -v npm >/dev/null; then \
		npm ci --no-audit --no-fund --silent || echo "npm ci failed: accessibility checks will be skipped"; fi

catalogs: $(RUN_STAMP)
	$(COMPILE_CATALOGS)

messages: $(RUN_STAMP)  ## re-extract UI strings into the catalogs (then translate ru and pl)
	$(BIN)/pybabel -q extract -F babel.cfg --no-location --sort-output -k _l -k lazy_gettext -k ngettext:1,2 -k _plural_forms:1,2 -o campaign/translations/messages.pot .
	$(BIN)/pybabel -q update -N -i campaign/translations/messages.pot -d campaign/translations

db: setup
	$(FLASK) db upgrade

demo: db
	$(FLASK) campaign is-empty && $(FLASK) campaign demo || true

run: demo
	@echo "Serving on http://127.0.0.1:$(PORT)/  (Ctrl-C stops)"
	@bash scripts/serve.sh $(PORT)

test: setup-dev test-tools
	$(BIN)/python -m pytest $(PYTEST_ARGS)

screenshots: setup-dev test-tools  ## regenerate docs/screenshots/ from the browser journeys
	SCREENSHOT_DIR=docs/screenshots $(BIN)/python -m pytest -q -m screenshots tests/e2e

bench: setup-dev
	$(BIN)/pip install --quiet -r bench/requirements.txt
	$(BIN)/python -m bench

# The load and fault drills, each 15 s or more (minutes in all; PostgreSQL and Redis when they
# answer). `make test` skips them (pytest.ini: -m "not drill").
drills: setup-dev
	$(BIN)/python -m pytest -m drill -v tests/drills $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache
