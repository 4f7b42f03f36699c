#!/usr/bin/env bash
# Runs a command against a throw-away PostgreSQL 15 cluster: initialised in a temporary directory, listening only
# on 127.0.0.1 on a free port, and always stopped and removed afterwards (also when the command fails or is
# interrupted). The command's exit code is passed through.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
if [[ ! -x "$PG_BIN/initdb" ]]; then
  echo "PostgreSQL 15 tidak ditemukan di $PG_BIN (pasang paket postgresql-15)." >&2
  exit 2
fi

workdir=$(mktemp -d /tmp/sakip-pg.XXXXXX)
chmod 755 "$workdir"
datadir="$workdir/data"

# initdb refuses to run as root: run the server as an unprivileged account when we are root.
as_pg=()
if [[ $(id -u) -eq 0 ]]; then
  pg_user=postgres
  id -u "$pg_user" >/dev/null 2>&1 || pg_user=nobody
  chown "$pg_user" "$workdir"
  as_pg=(setpriv --reuid="$pg_user" --regid="$(id -g "$pg_user")" --clear-groups)
fi

cleanup() {
  "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$datadir" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$workdir"
}
trap cleanup EXIT INT TERM

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

pg_opts="-c listen_addresses=127.0.0.1 -p $port -k $workdir -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
"${as_pg[@]}" "$PG_BIN/initdb" -D "$datadir" -U sakip --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$workdir/initdb.log" 2>&1 \
  || { cat "$workdir/initdb.log" >&2; exit 2; }
"${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$datadir" -l "$workdir/server.log" -w -t 60 \
  -o "$pg_opts" \
  start >/dev/null || { cat "$workdir/server.log" >&2; exit 2; }

# For `make bench`, which restarts the cluster in the middle of a load test.
export SAKIP_PG_DATA="$datadir" SAKIP_PG_OPTS="$pg_opts" PG_BIN SAKIP_PG_RUNAS="${pg_user:-}" SAKIP_PG_RUNAS_GID="${pg_user:+$(id -g "$pg_user")}"
export SAKIP_DB_ENGINE=postgresql SAKIP_DB_HOST=127.0.0.1 SAKIP_DB_PORT="$port" SAKIP_DB_USER=sakip SAKIP_DB_NAME=sakip
# No persistent connections: a live test server thread must not keep the test database open at teardown.
export SAKIP_DB_CONN_MAX_AGE=${SAKIP_DB_CONN_MAX_AGE:-0}
echo "PostgreSQL sementara berjalan di 127.0.0.1:$port"
set +e
"$@"
status=$?
set -e
exit $status
