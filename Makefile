# Careers Hub: two commands for a fresh machine (Python 3.11+, Node 20+, make).
#   make demo   build everything, load the demo city and serve it on http://127.0.0.1:8000
#   make test   run the whole test suite (SQLite; browser tests too when chromium is installed)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_SIZE ?= city
DEMO_SEED ?= 2026
export CAREERSHUB_DEMO_DB ?= var/demo.sqlite3

.PHONY: demo test assets install clean

$(BIN)/careershub: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

careershub/static/dist/careershub.css: node_modules/.package-lock.json assets/build.mjs $(wildcard assets/scss/*.scss)
	npm run --silent build

install: $(BIN)/careershub
assets: careershub/static/dist/careershub.css

demo: install assets
	CAREERSHUB_SQLITE=$(CAREERSHUB_DEMO_DB) $(BIN)/careershub migrate --no-input -v0
	CAREERSHUB_SQLITE=$(CAREERSHUB_DEMO_DB) $(BIN)/careershub demo --size $(DEMO_SIZE) --seed $(DEMO_SEED)
	CAREERSHUB_SQLITE=$(CAREERSHUB_DEMO_DB) CAREERSHUB_DEMO=1 $(BIN)/careershub runserver 127.0.0.1:8000

test: install assets
	$(BIN)/pytest -n 2 --dist loadgroup -q

clean:
	rm -rf $(VENV) node_modules careershub/static/dist var
