"""A queue worker: django-tasks-db's worker loop, plus a watcher thread that re-queues the jobs of dead workers
(`pekerjaan.pulihkan_yang_mati`) and, with `--jadwal`, runs the periodic entries. Start any number of them
(docs/deploy.md); `make run` starts one with `--jadwal` beside the web server."""

from __future__ import annotations

import logging
import threading

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from sakip.antrean import jadwal, pekerjaan

logger = logging.getLogger("sakip.antrean")


class Command(BaseCommand):
    help = "Menjalankan pekerja antrean (laporan, konversi PDF, notifikasi)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--jadwal", action="store_true", help="Jalankan juga pekerjaan berkala.")
        parser.add_argument("--interval", type=float, default=0.5, help="Jeda memeriksa antrean (detik).")
        parser.add_argument("--worker-id", default="", help="Nama unik pekerja ini.")
        parser.add_argument(
            "--batch", action="store_true", help="Kerjakan antrean sampai kosong, lalu berhenti."
        )

    def handle(self, *, jadwal: bool, interval: float, worker_id: str, batch: bool, **options) -> None:
        logging.getLogger("django_tasks_db").setLevel(logging.INFO)
        worker_id = worker_id or get_random_string(16)
        if not batch:
            threading.Thread(target=_awasi, args=(jadwal,), name="pengawas-antrean", daemon=True).start()
        self.stdout.write(f"Pekerja antrean {worker_id} mulai{' (dengan jadwal)' if jadwal else ''}.")
        worker = Worker(
            queue_names=["default"],
            interval=interval,
            batch=batch,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        worker.configure_signals()
        worker.run()


def _awasi(dengan_jadwal: bool) -> None:
    """Every heartbeat period: re-queue dead workers' jobs; every 30 s, when asked, run the schedule."""
    putaran = 0
    berhenti = threading.Event()
    while not berhenti.wait(pekerjaan.SELANG_DETAK):
        try:
            close_old_connections()
            pekerjaan.pulihkan_yang_mati()
            if dengan_jadwal and putaran % 15 == 0:
                jadwal.jalankan_jadwal()
        except DatabaseError:
            logger.warning("Pengawas antrean: basis data sibuk, dicoba lagi", exc_info=True)
        except Exception:
            logger.exception("Pengawas antrean gagal satu putaran")
        putaran += 1
