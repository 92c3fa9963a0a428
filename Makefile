VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: install demo test test-postgres lint format messages bench

$(VENV)/bin/python:
	python3 -m venv $(VENV)

install: $(VENV)/bin/python
	$(VENV)/bin/pip install -e '.[test]'

demo: $(VENV)/bin/python
	$(VENV)/bin/pip install -e . && $(VENV)/bin/jumelage demo

test: install
	$(VENV)/bin/pytest

test-postgres: install
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/jumelage $(VENV)/bin/pytest

lint:
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

format:
	$(VENV)/bin/ruff check --fix . && $(VENV)/bin/ruff format .

# Needs GNU gettext (msgfmt); the compiled catalogues are committed.
messages:
	cd jumelage && ../$(PY) ../manage.py makemessages -l fr -l zh_Hant --no-obsolete --no-location && \
		../$(PY) ../manage.py compilemessages

bench:
	$(PY) bench/web.py
