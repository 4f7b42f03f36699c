"""Set-up shared by the benchmarks: a fresh database (a temporary SQLite file, or a new PostgreSQL database beside
the configured one, dropped at the end) and Django configured against it. Import this module first."""

from __future__ import annotations

import atexit
import os
import secrets
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SAKIP_DEBUG", "1")
TMP = tempfile.TemporaryDirectory(prefix="sakip-bench-")
PG: dict[str, object] = {}
NAMA_DB = ""

if os.environ.get("SAKIP_BENCH_DB"):
    # A child process of the bench (e.g. the import that is killed mid-way) works in the parent's database.
    os.environ["SAKIP_DB_NAME"] = os.environ["SAKIP_BENCH_DB"]
elif os.environ.get("SAKIP_DB_ENGINE", "sqlite") == "sqlite":
    os.environ["SAKIP_DB_NAME"] = str(Path(TMP.name) / "bench.sqlite3")
else:
    import psycopg

    NAMA_DB = f"sakip_bench_{secrets.token_hex(4)}"
    PG.update(
        host=os.environ.get("SAKIP_DB_HOST", "127.0.0.1"),
        port=os.environ.get("SAKIP_DB_PORT", "5432"),
        user=os.environ.get("SAKIP_DB_USER", "sakip"),
        password=os.environ.get("SAKIP_DB_PASSWORD", ""),
    )
    with psycopg.connect(**PG, dbname="postgres", autocommit=True) as _conn:
        _conn.execute(f'CREATE DATABASE "{NAMA_DB}"')
    os.environ["SAKIP_DB_NAME"] = NAMA_DB

    def _hapus() -> None:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(**PG, dbname="postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{NAMA_DB}" WITH (FORCE)')

    atexit.register(_hapus)

os.environ.setdefault("SAKIP_MEDIA_ROOT", str(Path(TMP.name) / "media"))

import django  # noqa: E402

django.setup()
