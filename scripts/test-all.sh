#!/usr/bin/env bash
# The whole suite on SQLite, then on a throw-away PostgreSQL 15. Non-zero if either fails.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export SAKIP_DEBUG=1
# scripts/ensure-system-packages.sh has run (make test): a tool the tests need that is still missing fails them
export SAKIP_ALAT_WAJIB=1
# One pytest worker per core (2 on these machines); set SAKIP_TEST_WORKERS=0 to run in one process.
WORKERS=(-n "${SAKIP_TEST_WORKERS:-$(nproc)}")

echo "== Tes pada SQLite =="
"$PY" -m pytest "${WORKERS[@]}" "$@"
sqlite_status=$?

echo "== Tes pada PostgreSQL 15 =="
scripts/with-postgres.sh "$PY" -m pytest "${WORKERS[@]}" "$@"
postgres_status=$?

echo "SQLite: $([[ $sqlite_status -eq 0 ]] && echo lulus || echo GAGAL), PostgreSQL: $([[ $postgres_status -eq 0 ]] && echo lulus || echo GAGAL)"
[[ $sqlite_status -eq 0 && $postgres_status -eq 0 ]]
