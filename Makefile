# Two commands for a fresh Linux machine with Python 3.11+:
#   make maps   set up .venv and build output/ (the atlas pages, data/*.geojson, slides/)
#   make test   set up .venv with the test tools and run every test, ruff and mypy
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: maps test check lint bench land clean

# The page script's lint (eslint, pinned in package-lock.json) and unit tests (Node's own runner).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

# make maps EVENTS=ders/ (STOPS=ders/tours/ders.yaml): your own lecture folder and tour too.
maps: $(VENV)/.installed
	$(PY) build_maps.py $(if $(EVENTS),--events $(EVENTS)) $(if $(STOPS),--stops $(STOPS))
	$(PY) build_maps.py slides $(if $(EVENTS),--events $(EVENTS)) $(if $(STOPS),--stops $(STOPS))

check: $(VENV)/.installed
	$(PY) build_maps.py check $(if $(EVENTS),--events $(EVENTS)) $(if $(STOPS),--stops $(STOPS))

lint: $(VENV)/.installed node_modules/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	node_modules/.bin/eslint mmatlas/render/atlas/static/js tests/js eslint.config.js

test: $(VENV)/.installed lint
	node --test tests/js/
	$(VENV)/bin/pytest

bench: $(VENV)/.installed
	$(PY) benchmarks/build.py
	$(PY) benchmarks/geocode.py
	$(PY) benchmarks/atlas.py
	$(PY) benchmarks/export.py
	$(PY) benchmarks/control.py

# Maintainers only: regenerate the Natural Earth land layer (needs npm).
land: $(VENV)/.installed
	$(PY) scripts/make_land.py

clean:
	rm -rf $(VENV) node_modules output/*.html output/*.md output/*.csv output/data output/slides
