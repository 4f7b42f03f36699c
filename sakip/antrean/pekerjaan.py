"""Background jobs: enqueue, run with a heartbeat, retry, and re-queue the jobs of dead workers.

The queue itself is django-tasks' database backend (`django_tasks_db`): a worker claims a row with
`SELECT ... FOR UPDATE SKIP LOCKED` (PostgreSQL) or an exclusive transaction (SQLite), so two workers never start the
same queue row. The backend knows nothing of a worker that dies mid-task (its row stays "RUNNING" for ever), so each
job also has a `Pekerjaan` row of ours:

- `kirim()` creates the row and enqueues `jalankan(pekerjaan_id, percobaan)` in the same transaction.
- `jalankan` claims the row for its attempt (status menunggu and the same `percobaan`, under a row lock), then runs the
  job's handler while a heartbeat thread writes `detak_pada` every `SELANG_DETAK` seconds.
- `pulihkan_yang_mati()` (every worker runs it every few seconds; pages that show a job call it too) finds running jobs
  whose heartbeat is older than `BATAS_DETAK`: a job with attempts left is put back in the queue as the next attempt,
  the others fail with an Indonesian message. Every write of an attempt is guarded by its `percobaan`, so an attempt
  declared dead that still runs after all (a starved process) changes nothing and stops at its next report.

A job kind is registered by its app (`daftarkan`) in `AppConfig.ready()`, so this app imports no domain app.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django_tasks import TaskContext, task

from sakip.antrean.models import Pekerjaan

logger = logging.getLogger(__name__)

Status = Pekerjaan.Status
SELANG_DETAK = 2.0  # seconds between heartbeats
BATAS_DETAK = timedelta(seconds=10)
JEDA_ULANG = timedelta(seconds=5)  # first retry after an error; doubles with each attempt
PESAN_TERHENTI = "Pekerjaan terhenti karena proses pekerja berhenti berkali-kali. Silakan coba lagi."
PESAN_GAGAL = "Pekerjaan gagal karena kesalahan di server. Silakan coba lagi atau hubungi admin."


class GagalPermanen(Exception):
    """A failure that another attempt cannot fix; its message (Indonesian) is shown to the user."""


class Dihentikan(Exception):
    """This attempt no longer owns its job (declared dead, or the job was finished elsewhere)."""


@dataclass(frozen=True)
class Jenis:
    """A kind of job: the function that does it and what to do when an attempt dies or the job fails for good."""

    jalankan: Callable[..., Any]  # (konteks, **data) -> JSON-able result
    aman_diulang: bool = True  # may an error (not a dead worker) be retried?
    saat_diulang: Callable[[Pekerjaan], None] | None = None
    saat_gagal: Callable[[Pekerjaan], None] | None = None


_jenis: dict[str, Jenis] = {}


def daftarkan(nama: str, jenis: Jenis) -> None:
    """Register a job kind (from an AppConfig.ready())."""
    _jenis[nama] = jenis


def jenis_terdaftar(nama: str) -> Jenis:
    return _jenis[nama]


@dataclass
class Konteks:
    """What a running job sees of itself: its row, and a way to report progress."""

    pekerjaan: Pekerjaan

    def lapor(self, persen: int, tahap: str) -> None:
        """Record progress; raises `Dihentikan` when this attempt no longer owns the job."""
        p = self.pekerjaan
        p.persen, p.tahap = max(p.persen, min(persen, 100)), tahap
        if not _milik_percobaan(p).update(persen=p.persen, tahap=tahap, detak_pada=timezone.now()):
            raise Dihentikan


def _milik_percobaan(p: Pekerjaan):
    return Pekerjaan.objects.filter(pk=p.pk, percobaan=p.percobaan, status=Status.BERJALAN)


def sinkron() -> bool:
    """Whether jobs run at once in the caller (unit tests of single-process code), not through the queue."""
    return bool(getattr(settings, "SAKIP_ANTREAN_SINKRON", False))


def kirim(
    jenis: str, *, data: dict[str, Any], kunci: str = "", maks_percobaan: int = 3, prioritas: int = 0
) -> Pekerjaan:
    """Create a job and put its first attempt in the queue (in the caller's transaction)."""
    if jenis not in _jenis:
        raise KeyError(f"Jenis pekerjaan tidak terdaftar: {jenis}")
    with transaction.atomic():
        p = Pekerjaan.objects.create(
            jenis=jenis, data=data, kunci=kunci, maks_percobaan=maks_percobaan, tahap="Menunggu giliran"
        )
        if sinkron():
            _jalankan(p.pk, 1, "sinkron", detak=False)
        else:
            _antrekan(p, prioritas=prioritas)
    p.refresh_from_db()
    return p


def _antrekan(p: Pekerjaan, *, prioritas: int = 0, tunda: timedelta | None = None) -> None:
    t = jalankan.using(priority=prioritas, run_after=timezone.now() + tunda if tunda else None)
    hasil = t.enqueue(p.pk, p.percobaan)
    Pekerjaan.objects.filter(pk=p.pk).update(id_tugas=str(hasil.id))


@task(takes_context=True)
def jalankan(context: TaskContext, pekerjaan_id: int, percobaan: int) -> None:
    """The queue's one task: run attempt `percobaan` of a job."""
    pekerja = (context.task_result.worker_ids or ["?"])[-1]
    _jalankan(pekerjaan_id, percobaan, pekerja, detak=True)


def _klaim(pekerjaan_id: int, percobaan: int, pekerja: str) -> Pekerjaan | None:
    with transaction.atomic():
        p = (
            Pekerjaan.objects.select_for_update()
            .filter(pk=pekerjaan_id, percobaan=percobaan, status=Status.MENUNGGU)
            .first()
        )
        if p is None:  # finished, failed, or superseded by a later attempt
            return None
        sekarang = timezone.now()
        p.status, p.pekerja, p.mulai_pada, p.detak_pada = Status.BERJALAN, pekerja, sekarang, sekarang
        p.save(update_fields=["status", "pekerja", "mulai_pada", "detak_pada"])
        return p


def _jalankan(pekerjaan_id: int, percobaan: int, pekerja: str, *, detak: bool) -> None:
    p = _klaim(pekerjaan_id, percobaan, pekerja)
    if p is None:
        logger.info(
            "Pekerjaan %s percobaan %s tidak dijalankan (sudah diambil alih)", pekerjaan_id, percobaan
        )
        return
    jenis = _jenis[p.jenis]
    berhenti = threading.Event()
    utas = None
    if detak:
        utas = threading.Thread(target=_detak, args=(p.pk, p.percobaan, berhenti), daemon=True)
        utas.start()
    try:
        hasil = jenis.jalankan(Konteks(p), **p.data)
    except Dihentikan:
        return
    except GagalPermanen as exc:
        _gagal(p, str(exc), jenis)
    except Exception:
        logger.exception("Pekerjaan %s (%s) percobaan %s gagal", p.pk, p.jenis, p.percobaan)
        if jenis.aman_diulang and p.percobaan < p.maks_percobaan and not sinkron():
            _ulang(p, jenis, tunda=JEDA_ULANG * 2 ** (p.percobaan - 1))
        else:
            _gagal(p, PESAN_GAGAL, jenis)
    else:
        _milik_percobaan(p).update(
            status=Status.SELESAI,
            persen=100,
            tahap="Selesai",
            hasil=hasil,
            detak_pada=timezone.now(),
            selesai_pada=timezone.now(),
        )
    finally:
        berhenti.set()
        if utas is not None:
            utas.join(SELANG_DETAK * 5)


def _detak(pekerjaan_id: int, percobaan: int, berhenti: threading.Event) -> None:
    """The attempt's heartbeat, until `berhenti` is set or the attempt no longer owns its job. It dies with the
    process, which is the point."""
    try:
        while not berhenti.wait(SELANG_DETAK):
            try:
                hidup = Pekerjaan.objects.filter(
                    pk=pekerjaan_id, percobaan=percobaan, status=Status.BERJALAN
                ).update(detak_pada=timezone.now())
            except DatabaseError:  # e.g. SQLite busy for a moment: the next beat tries again
                logger.warning("Detak pekerjaan %s gagal ditulis", pekerjaan_id, exc_info=True)
                connection.close()
                continue
            if not hidup:
                return
    finally:
        connection.close()


def _gagal(p: Pekerjaan, pesan: str, jenis: Jenis) -> None:
    with transaction.atomic():
        if _milik_percobaan(p).update(
            status=Status.GAGAL, pesan_galat=pesan, tahap="Gagal", selesai_pada=timezone.now()
        ):
            p.refresh_from_db()
            if jenis.saat_gagal:
                jenis.saat_gagal(p)


def _ulang(p: Pekerjaan, jenis: Jenis, *, tunda: timedelta | None = None) -> bool:
    """Put the job back in the queue as its next attempt, if this attempt still owns it."""
    with transaction.atomic():
        if not _milik_percobaan(p).update(
            status=Status.MENUNGGU,
            percobaan=p.percobaan + 1,
            persen=0,
            tahap=f"Diulang (percobaan {p.percobaan + 1} dari {p.maks_percobaan})",
            pekerja="",
        ):
            return False
        p.refresh_from_db()
        _antrekan(p, tunda=tunda)
        if jenis.saat_diulang:
            jenis.saat_diulang(p)
        return True


def pulihkan_yang_mati() -> int:
    """Re-queue (or fail, when out of attempts) every running job whose heartbeat stopped; the number handled."""
    batas = timezone.now() - BATAS_DETAK
    jumlah = 0
    ids = list(
        Pekerjaan.objects.filter(status=Status.BERJALAN, detak_pada__lt=batas).values_list("pk", flat=True)[
            :100
        ]
    )
    for pk in ids:
        with transaction.atomic():
            p = (
                Pekerjaan.objects.select_for_update(
                    skip_locked=connection.features.has_select_for_update_skip_locked
                )
                .filter(pk=pk, status=Status.BERJALAN, detak_pada__lt=batas)
                .first()
            )
            if p is None:
                continue
            _tandai_tugas_gagal(p.id_tugas)
            jenis = _jenis.get(p.jenis)
            if jenis is None:
                continue
            logger.warning("Pekerjaan %s (%s): pekerja %s berhenti berdetak", p.pk, p.jenis, p.pekerja)
            if p.percobaan < p.maks_percobaan:
                _ulang(p, jenis)
            else:
                _gagal(p, PESAN_TERHENTI, jenis)
            jumlah += 1
    return jumlah


def _tandai_tugas_gagal(id_tugas: str) -> None:
    """The queue row of a dead attempt would show "RUNNING" for ever: record it as failed."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    if id_tugas:
        DBTaskResult.objects.filter(id=id_tugas, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED,
            finished_at=timezone.now(),
            exception_class_path="sakip.antrean.pekerjaan.Dihentikan",
            traceback="Pekerja berhenti berdetak; pekerjaan diulang atau digagalkan oleh sakip.antrean.",
        )


def bersihkan(umur: timedelta = timedelta(days=7)) -> int:
    """Delete finished jobs (and their queue rows) older than `umur`; the number of jobs deleted."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    batas = timezone.now() - umur
    DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED], finished_at__lt=batas
    ).delete()
    jumlah, _ = Pekerjaan.objects.filter(
        status__in=[Status.SELESAI, Status.GAGAL], dibuat_pada__lt=batas
    ).delete()
    return jumlah
