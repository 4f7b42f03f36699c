"""Running queue workers from tests: in this process (`kerjakan_antrean`) or as real processes (`proses_pekerja`)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from django.db import connection
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

ROOT = Path(__file__).resolve().parents[3]

# A worker process that first registers the test job kinds (and may patch something, given as `persiapan`).
SKRIP = """
import sys
import django
django.setup()
from sakip.antrean.tests import jenis_uji
jenis_uji.daftarkan()
{persiapan}
from django.core.management import call_command
call_command("pekerja", worker_id=sys.argv[1], interval=0.1)
"""


def kerjakan_antrean() -> None:
    """Run every ready job here, until none is ready, with the worker's own claim and run steps (its loop also
    closes the database connection between tasks, which would end a test's transaction)."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="uji",
        excluded_queue_names=[],
    )
    while True:
        with exclusive_transaction():
            tugas = DBTaskResult.objects.ready().get_locked()
            if tugas is not None:
                tugas.claim(worker.worker_id)
        if tugas is None:
            return
        worker.run_task(tugas)


def proses_pekerja(
    nama: str, log: Path, *, persiapan: str = "", env: dict[str, str] | None = None
) -> subprocess.Popen[str]:
    """A worker as a separate process on the test database (PostgreSQL: SQLite's test database is in memory);
    its output goes to `log`."""
    lingkungan = {
        **os.environ,
        "SAKIP_DEBUG": "1",
        "SAKIP_DB_NAME": connection.settings_dict["NAME"],
        **(env or {}),
    }
    return subprocess.Popen(  # noqa: S603 (this interpreter, fixed code)
        [sys.executable, "-c", SKRIP.format(persiapan=persiapan), nama],
        cwd=ROOT,
        env=lingkungan,
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
        text=True,
    )


@contextlib.contextmanager
def pekerja_di_utas() -> Iterator[None]:
    """A worker loop in a thread of this process, for tests whose server runs here too (live_server; the
    test's database must be committed: a transactional test)."""
    worker = Worker(
        queue_names=["default"],
        interval=0.1,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="utas-uji",
        excluded_queue_names=[],
    )

    def jalan() -> None:
        try:
            worker.run()
        finally:
            connection.close()

    utas = threading.Thread(target=jalan, name="pekerja-uji", daemon=True)
    utas.start()
    try:
        yield
    finally:
        worker.running = False
        utas.join(120)
