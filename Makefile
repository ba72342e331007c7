# PrivacyDesk. `make run` and `make test` work on a brand-new Debian machine: they install what is missing.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Debian packages: Chromium for the browser tests, the IPAex fonts for Japanese PDFs, gettext for the
# catalogs, Pango for WeasyPrint, oathtool to read the demo TOTP codes.
SYSTEM_PACKAGES := chromium fonts-ipaexfont-mincho fonts-ipaexfont-gothic gettext libpango-1.0-0 libpangoft2-1.0-0 oathtool

# Tests. PostgreSQL only when TEST_DATABASE_URL names it: `make test` names the local server (user postgres,
# database test) when CI=true or when it answers on 127.0.0.1:5432, unless TEST_DATABASE_URL is set already
# (set it empty for SQLite). TEST_REDIS_URL (default redis://127.0.0.1:6379/15) is honoured as it is.
# TEST_JOBS pytest-xdist workers run the suite; the tests marked `serial` (real workers, servers) run after, alone;
# PYTEST_ARGS go to both passes (a pass that selects nothing is no failure unless both do).
POSTGRES_ANSWERS = $(shell timeout 1 bash -c ': </dev/tcp/127.0.0.1/5432' 2>/dev/null && echo yes)
TEST_DATABASE_URL ?= $(if $(filter true,$(CI))$(POSTGRES_ANSWERS),postgres://postgres@127.0.0.1:5432/test)
TEST_JOBS ?= 2
PYTEST_ARGS ?=
PYTEST = TEST_DATABASE_URL='$(TEST_DATABASE_URL)' $(PY) -m pytest $(PYTEST_ARGS)

.PHONY: setup setup-dev system-deps messages run test lint format makemessages bench clean backup restore

# `make run` installs requirements.txt only; `make test` and `make lint` also requirements-dev.txt.
setup: system-deps $(VENV)/.installed messages
setup-dev: system-deps $(VENV)/.installed-dev messages

system-deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(VENV)/.installed: requirements.txt
	@[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt
	@[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	@touch $@

messages: $(VENV)/.installed
	@$(PY) manage.py compilemessages -v0 --ignore=.venv

# rundesk chooses the broker first, then migrates and loads the demo data with it, then starts web, worker, beat.
run: setup
	$(PY) manage.py rundesk

test: setup-dev
	@echo "Tests on $(or $(TEST_DATABASE_URL),SQLite: the PostgreSQL tests skip (set TEST_DATABASE_URL))"
	$(PYTEST) -n $(TEST_JOBS) -m "not serial"; parallel=$$?; \
	$(PYTEST) -m serial; serial=$$?; \
	[ $$parallel$$serial != 55 ] || exit 5; \
	for status in $$parallel $$serial; do [ $$status -eq 0 ] || [ $$status -eq 5 ] || exit $$status; done

# ruff, the import contract (pyproject.toml [tool.importlinter]) and mypy; each runs, and any failure fails.
lint: $(VENV)/.installed-dev
	@status=0; \
	$(VENV)/bin/ruff check . || status=1; \
	$(VENV)/bin/ruff format --check . || status=1; \
	$(VENV)/bin/lint-imports --no-cache || status=1; \
	TEST_DATABASE_URL='$(TEST_DATABASE_URL)' $(VENV)/bin/mypy || status=1; \
	exit $$status

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix . && $(VENV)/bin/ruff format .

makemessages: $(VENV)/.installed
	$(PY) manage.py makemessages -l ja --no-obsolete --no-location --ignore=.venv --ignore=tests --ignore=bench

# Backups: the configured database (pg_dump) and the encrypted private files, see README "Backups".
backup: $(VENV)/.installed
	$(PY) manage.py backup

restore: $(VENV)/.installed
	@[ -n "$(BACKUP)" ] || { echo "Usage: make restore BACKUP=backups/<timestamp> [FORCE=1]"; exit 2; }
	$(PY) manage.py restore "$(BACKUP)" $(if $(FORCE),--force)

clean:
	rm -rf var db.sqlite3 .pytest_cache
