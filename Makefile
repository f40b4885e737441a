# Two commands for a fresh Linux machine with Python 3.11+:
#   make maps   set up .venv and build output/ (the atlas pages, data/*.geojson, slides/)
#   make test   set up .venv with the test tools and run every test, ruff and mypy
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: maps test check lint bench land clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

maps: $(VENV)/.installed
	$(PY) build_maps.py
	$(PY) build_maps.py slides

check: $(VENV)/.installed
	$(PY) build_maps.py check

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

test: $(VENV)/.installed lint
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
	rm -rf $(VENV) output/*.html output/*.md output/*.csv output/data output/slides
