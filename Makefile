# SAKIP: the two commands a new machine needs are `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test test-sqlite test-postgres lint format lock demo clean help

help:
	@echo "make run    install, migrate, load demo data, serve on http://$(HOST):$(PORT) (SQLite)"
	@echo "make test   install and run the whole suite on SQLite and on a throw-away PostgreSQL 15"
	@echo "make lint   ruff, import-linter, mypy on pure modules, makemigrations --check"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-base: requirements/base.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/base.txt
	@touch $@

$(VENV)/.installed-dev: requirements/dev.txt requirements/base.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/dev.txt
	@touch $@ $(VENV)/.installed-base

run: $(VENV)/.installed-base
	scripts/ensure-system-packages.sh run
	@mkdir -p var
	SAKIP_DEBUG=1 $(BIN)/python manage.py migrate --noinput
	SAKIP_DEBUG=1 $(BIN)/python manage.py muat_demo
	@# One queue worker with the schedule beside the web server (docs/deploy.md), stopped when runserver stops.
	SAKIP_DEBUG=1 $(BIN)/python manage.py pekerja --jadwal & pekerja=$$!; \
	trap 'kill $$pekerja 2>/dev/null; wait $$pekerja' EXIT; \
	SAKIP_DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

demo: $(VENV)/.installed-base
	@mkdir -p var
	SAKIP_DEBUG=1 $(BIN)/python manage.py migrate --noinput
	SAKIP_DEBUG=1 $(BIN)/python manage.py muat_demo

test: $(VENV)/.installed-dev
	scripts/ensure-system-packages.sh
	scripts/test-all.sh

test-sqlite: $(VENV)/.installed-dev
	SAKIP_DEBUG=1 $(BIN)/python -m pytest

test-postgres: $(VENV)/.installed-dev
	scripts/with-postgres.sh $(BIN)/python -m pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy --follow-imports=silent sakip/lib/angka.py sakip/lib/skala.py sakip/lib/env.py sakip/pengukuran/capaian.py \
		sakip/lib/rumus.py sakip/anggaran/serapan.py sakip/anggaran/efisiensi.py sakip/pengukuran/berkas.py sakip/lib/zip_aman.py sakip/evaluasi/nilai.py sakip/evaluasi/lke.py sakip/survei/ikm.py \
		sakip/pelaporan/audit.py sakip/pelaporan/lkjip/analisis.py sakip/pelaporan/lkjip/urusan.py sakip/lib/html_aman.py \
		sakip/pengukuran/jadwal.py sakip/pengukuran/monev.py sakip/notifikasi/alamat.py
	@mkdir -p var
	SAKIP_DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Regenerate the pinned locks from the top-level requirements/*.in in throw-away virtualenvs.
lock:
	rm -rf /tmp/sakip-lock && $(PYTHON) -m venv /tmp/sakip-lock/base && $(PYTHON) -m venv /tmp/sakip-lock/dev
	/tmp/sakip-lock/base/bin/pip install --quiet -r requirements/base.in
	/tmp/sakip-lock/dev/bin/pip install --quiet -r requirements/dev.in
	(echo "# Pinned lock of base.in (every transitive dependency). Regenerate with 'make lock'."; /tmp/sakip-lock/base/bin/pip freeze) > requirements/base.txt
	(echo "# Pinned lock of dev.in (every transitive dependency). Regenerate with 'make lock'."; /tmp/sakip-lock/dev/bin/pip freeze) > requirements/dev.txt

clean:
	rm -rf $(VENV) var/static .pytest_cache .mypy_cache .ruff_cache

# The benchmark suite at national scale on a throw-away PostgreSQL (docs/bench.md): prints one table and writes
# bench/results.json. Smaller: SAKIP_BENCH_PEMDA=40 SAKIP_BENCH_KLIEN=8 SAKIP_BENCH_DETIK=20 make bench
.PHONY: bench
bench: $(VENV)/.installed-dev
	scripts/ensure-system-packages.sh
	scripts/with-postgres.sh $(BIN)/python bench/run.py

# Fuzzes the REST API with schemathesis against a throw-away server on loopback (fresh SQLite, demo data); fails on
# any server error. On PostgreSQL: scripts/with-postgres.sh scripts/fuzz-api.sh
.PHONY: fuzz-api
fuzz-api: $(VENV)/.installed-dev
	scripts/fuzz-api.sh
