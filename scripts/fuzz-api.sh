#!/usr/bin/env bash
# Fuzzes the REST API with schemathesis against a live server on loopback, built from scratch and thrown away:
# a fresh SQLite database in a temporary folder (or the PostgreSQL of scripts/with-postgres.sh when run under it),
# the demo data, a token of admin.kaltim, gunicorn with production settings on a free 127.0.0.1 port.
# Every request generated from the OpenAPI schema must be answered without a server error (5xx); the exit code is
# schemathesis' (non-zero on any failure), and the server's tracebacks are printed when there are any.
#
#   scripts/fuzz-api.sh                              SQLite
#   scripts/with-postgres.sh scripts/fuzz-api.sh     PostgreSQL 15
#   FUZZ_MAX_EXAMPLES=100 FUZZ_MAX_TIME=900 scripts/fuzz-api.sh
#   scripts/fuzz-api.sh --include-path /api/realisasi/ --report har --report-dir /tmp/fuzz   (extra schemathesis options)
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
workdir=$(mktemp -d /tmp/sakip-fuzz.XXXXXX)
server_pid=""
pg_created=""

pg_database() {  # create or drop ($1) the throw-away PostgreSQL database named by SAKIP_DB_NAME
  "$PY" - "$1" <<'PY'
import os
import sys

import psycopg
from psycopg import sql

env = os.environ
with psycopg.connect(
    dbname="postgres", user=env.get("SAKIP_DB_USER", "sakip"), password=env.get("SAKIP_DB_PASSWORD", ""),
    host=env.get("SAKIP_DB_HOST", "127.0.0.1"), port=env.get("SAKIP_DB_PORT", "5432"), autocommit=True,
) as conn:
    command = "CREATE DATABASE {}" if sys.argv[1] == "create" else "DROP DATABASE IF EXISTS {} WITH (FORCE)"
    conn.execute(sql.SQL(command).format(sql.Identifier(env["SAKIP_DB_NAME"])))
PY
}

cleanup() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [[ -n "$pg_created" ]]; then
    pg_database drop || true
  fi
  rm -rf "$workdir"
}
trap cleanup EXIT INT TERM

# Production settings (DEBUG off), isolated from the developer's database and files.
export SAKIP_DEBUG=0
SAKIP_SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')
export SAKIP_SECRET_KEY
export SAKIP_MEDIA_ROOT="$workdir/media" SAKIP_CACHE_DIR="$workdir/cache"
if [[ "${SAKIP_DB_ENGINE:-sqlite}" == "sqlite" ]]; then
  export SAKIP_DB_ENGINE=sqlite SAKIP_DB_NAME="$workdir/fuzz.sqlite3"
else
  # A database of its own (never the one SAKIP_DB_NAME names), dropped afterwards.
  export SAKIP_DB_NAME="sakip_fuzz_$$" SAKIP_DB_CONN_MAX_AGE=0
  pg_database create
  pg_created=1
fi
# The fuzzer is one very busy client: keep the throttles out of its way (they are tested on their own).
export SAKIP_API_RATE_USER=1000000/hour SAKIP_API_RATE_ANON=1000000/hour

echo "== Basis data baru dan data demo ($SAKIP_DB_ENGINE) =="
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py muat_demo
# The token of admin.kaltim, and a schemathesis configuration that points every operation with an id at a real
# Kaltim object (random ids would only ever reach the 404 of the lookup): a Renstra, a formula IKU, a draft
# realisasi, an evidence file, a budget line, a survey.
export FUZZ_WORKDIR="$workdir"
token=$("$PY" manage.py shell -v 0 <<'PY'
import os

from rest_framework.authtoken.models import Token

from sakip.anggaran.models import AnggaranSubKegiatan
from sakip.organisasi.models import Pengguna
from sakip.pengukuran import services
from sakip.perencanaan.models import RencanaStrategis
from sakip.survei.models import Survei

admin = Pengguna.objects.get(username="admin.kaltim")
renstra = RencanaStrategis.objects.get(unit_kerja__pemda__kode="64", unit_kerja__kode="SETDA", tahun_mulai=2024)
iku10, iku12 = renstra.indikator.get(kode="IKU10"), renstra.indikator.get(kode="IKU12")
draf = services.save_realisasi(indikator=iku12, tahun=2025, periode="TW1", nilai=80, by=admin)
dokumen = services.upload_data_dukung(unit=draf.unit_kerja, nama="bukti.pdf", isi=b"%PDF-1.4\n%%EOF\n", by=admin)
anggaran = AnggaranSubKegiatan.objects.filter(sub_kegiatan__kegiatan__program__unit_kerja__pemda__kode="64").first()
survei = Survei.objects.filter(unit_kerja__pemda__kode="64").first()
path_ids = {
    "renstra": renstra.pk,
    "indikator": iku10.pk,
    "target": iku10.target.get(tahun=2025).pk,
    "realisasi": draf.pk,
    "data-dukung": dokumen.pk,
    "anggaran": anggaran.pk,
    "survei": survei.pk,
}
body_ids = {
    "indikator": ("renstra", renstra.pk),
    "target": ("indikator", iku10.pk),
    "realisasi": ("indikator", iku12.pk),
    "anggaran": ("sub_kegiatan", anggaran.sub_kegiatan_id),
}
with open(os.path.join(os.environ["FUZZ_WORKDIR"], "schemathesis.toml"), "w") as toml:
    toml.write("[cache]\nenabled = false\n\n")  # no .schemathesis/ left in the checkout
    for name, pk in path_ids.items():
        toml.write(f"[[operations]]\ninclude-path-regex = '^/api/{name}/[{{]id[}}]/'\n")
        toml.write(f"parameters = {{ 'path.id' = {pk} }}\n\n")
    for name, (field, pk) in body_ids.items():
        toml.write(f"[[operations]]\ninclude-path = '/api/{name}/'\ninclude-method = 'POST'\n")
        toml.write(f"parameters = {{ 'body.{field}' = {pk} }}\n\n")
print(Token.objects.get_or_create(user=admin)[0].key)
PY
)

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
base="http://127.0.0.1:$port"
echo "== Server uji di $base =="
.venv/bin/gunicorn config.wsgi:application --bind "127.0.0.1:$port" --workers 2 --timeout 60 \
  --error-logfile "$workdir/server.log" --capture-output --log-level warning &
server_pid=$!
for _ in $(seq 1 60); do
  curl -fsS -o /dev/null "$base/api/schema/" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$workdir/server.log" >&2; exit 2; }
  sleep 0.5
done

echo "== schemathesis =="
# One worker: with two threads, CPython 3.11's ast.parse (used by hypothesis to describe filters) can fail with
# "AST constructor recursion depth mismatch", a crash of the fuzzer rather than of the API.
set +e
.venv/bin/schemathesis --no-color --config-file "$workdir/schemathesis.toml" run "$base/api/schema/" \
  --header "Authorization: Token $token" \
  --checks "${FUZZ_CHECKS:-not_a_server_error,response_schema_conformance}" \
  --phases examples,coverage,fuzzing \
  --max-examples "${FUZZ_MAX_EXAMPLES:-30}" \
  --max-time "${FUZZ_MAX_TIME:-600}" \
  --seed "${FUZZ_SEED:-8}" \
  --workers 1 \
  --request-timeout 60 \
  --generation-database none \
  --suppress-health-check all \
  "$@"
status=$?
set -e

if grep -q "Traceback" "$workdir/server.log"; then
  echo "== Galat server (5xx) =="
  grep -B2 -A40 "Traceback" "$workdir/server.log" | head -400
  [[ $status -ne 0 ]] || status=1
fi
exit "$status"
