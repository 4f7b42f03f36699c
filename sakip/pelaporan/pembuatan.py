"""Generating an LKjIP file in the background, with its progress in the database for the page to show.

Government offices run SAKIP on one machine, so there is no Celery or Redis: a job runs in a daemon thread of the
gunicorn worker that received the request, and writes its status, percentage and stage (`PembuatanLaporan`) as it
goes. The page polls that row. Beside the job's thread a heartbeat thread writes `detak_pada` every
`SELANG_DETAK` seconds for as long as the job runs, through silent stages too (the PDF conversion takes up to
`render.pdf.BATAS_WAKTU`). Should the worker die (restart, deploy, out of memory, a kill), both threads die with it
and the heartbeat stops: a job whose heartbeat is older than `BATAS_DETAK` (a few seconds) counts as failed
("Terhenti") and its owner may start again at once. A job declared dead stays dead: should its thread still be
alive after all (a heartbeat starved for that long), its next report finds it failed and it stops, removing its file.

Generated files live on the default storage under a random folder outside the web root and are served only to
their owner; files (and rows) older than `UMUR_BERKAS` are deleted whenever a new job starts.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import DatabaseError, connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.text import slugify

from sakip.lib import xlsx
from sakip.organisasi.models import Pengguna
from sakip.pelaporan import lkjip
from sakip.pelaporan.models import PembuatanLaporan
from sakip.pelaporan.render import docx as render_docx
from sakip.pelaporan.render import pdf as render_pdf
from sakip.pelaporan.render import xlsx as render_xlsx
from sakip.perencanaan.models import RencanaStrategis

logger = logging.getLogger(__name__)

SELANG_DETAK = 2.0  # seconds between heartbeats
BATAS_DETAK = timedelta(seconds=15)
UMUR_BERKAS = timedelta(days=1)
MAKS_PER_PENGGUNA = 2
PESAN_TERHENTI = (
    "Pembuatan laporan terhenti (server dimulai ulang atau proses berhenti). Silakan buat laporan lagi."
)
PESAN_GAGAL = "Laporan gagal dibuat karena kesalahan di server. Silakan coba lagi atau hubungi admin."

Status = PembuatanLaporan.Status
Format = PembuatanLaporan.Format
JENIS_MIME = {
    Format.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    Format.PDF: "application/pdf",
    Format.XLSX: xlsx.JENIS_MIME,
}
# Where each format's stages sit on the 0–100 bar: (after building the content, after writing Word).
_SKALA = {Format.DOCX: (30, 95), Format.PDF: (20, 45), Format.XLSX: (60, 95)}

# Threads started by this process, so that tests (and a graceful shutdown) can wait for them.
_utas: list[threading.Thread] = []


class BatasError(Exception):
    """The user already runs as many jobs as allowed."""


class _Dihentikan(Exception):
    """The job was declared dead (`tandai_terhenti`) while its thread still ran."""


_AKTIF = [Status.MENUNGGU, Status.BERJALAN]


def nama_berkas(renstra: RencanaStrategis, tahun: int) -> str:
    """The download name without extension, the same as the direct download's."""
    return f"LKjIP-{slugify(renstra.unit_kerja.singkatan or renstra.unit_kerja.nama)}-{tahun}"


def _batas_detak() -> datetime:
    return timezone.now() - BATAS_DETAK


def aktif(qs: QuerySet[PembuatanLaporan]) -> QuerySet[PembuatanLaporan]:
    """Jobs still running: waiting or running, with a recent heartbeat."""
    return qs.filter(status__in=[Status.MENUNGGU, Status.BERJALAN], detak_pada__gte=_batas_detak())


def tandai_terhenti() -> int:
    """Mark every job whose heartbeat stopped as failed; the number marked."""
    return PembuatanLaporan.objects.filter(
        status__in=[Status.MENUNGGU, Status.BERJALAN], detak_pada__lt=_batas_detak()
    ).update(status=Status.GAGAL, pesan_galat=PESAN_TERHENTI, tahap="Terhenti", selesai_pada=timezone.now())


def segarkan(job: PembuatanLaporan) -> PembuatanLaporan:
    """The job as stored now, marked failed first when its heartbeat stopped."""
    job.refresh_from_db()
    if job.status in (Status.MENUNGGU, Status.BERJALAN) and job.detak_pada < _batas_detak():
        tandai_terhenti()
        job.refresh_from_db()
    return job


def bersihkan() -> int:
    """Delete the jobs, and their files, older than `UMUR_BERKAS`; the number deleted."""
    lama = PembuatanLaporan.objects.filter(dibuat_pada__lt=timezone.now() - UMUR_BERKAS).exclude(
        Q(status__in=[Status.MENUNGGU, Status.BERJALAN]) & Q(detak_pada__gte=_batas_detak())
    )
    jumlah = 0
    for job in lama:
        if job.berkas:
            job.berkas.delete(save=False)
        job.delete()
        jumlah += 1
    return jumlah


def mulai(*, pengguna: Pengguna, renstra: RencanaStrategis, tahun: int, format: str) -> PembuatanLaporan:
    """Start (or reuse the identical running) job of the user; BatasError past `MAKS_PER_PENGGUNA` running jobs.

    The caller has checked the user's access to the Renstra.
    """
    tandai_terhenti()
    bersihkan()
    with transaction.atomic():
        # One start at a time per user, so that two quick clicks cannot both pass the limit.
        Pengguna.objects.select_for_update().filter(pk=pengguna.pk).first()
        berjalan = aktif(PembuatanLaporan.objects.filter(pengguna=pengguna))
        sama = berjalan.filter(renstra=renstra, tahun=tahun, format=format).first()
        if sama is not None:
            return sama
        if berjalan.count() >= MAKS_PER_PENGGUNA:
            raise BatasError(
                f"Anda sedang membuat {MAKS_PER_PENGGUNA} laporan. Tunggu hingga salah satunya selesai "
                "sebelum memulai yang baru."
            )
        job = PembuatanLaporan.objects.create(
            pengguna=pengguna,
            renstra=renstra,
            tahun=tahun,
            format=format,
            tahap="Menunggu giliran",
            nama_berkas=f"{nama_berkas(renstra, tahun)}.{format}",
        )
        if di_latar():
            transaction.on_commit(lambda: _mulai_utas(job.pk))
    if not di_latar():
        kerjakan(job.pk)
        job.refresh_from_db()
    return job


def di_latar() -> bool:
    """Whether jobs run in a thread (always in production); unit tests run them in the request instead."""
    return bool(getattr(settings, "SAKIP_LAPORAN_LATAR", True))


def _mulai_utas(job_id: int) -> None:
    utas = threading.Thread(target=_di_utas, args=(job_id,), name=f"laporan-{job_id}", daemon=True)
    _utas[:] = [u for u in _utas if u.is_alive()] + [utas]
    utas.start()


def _di_utas(job_id: int) -> None:
    berhenti = threading.Event()
    detak = threading.Thread(
        target=_detak, args=(job_id, berhenti), name=f"laporan-{job_id}-detak", daemon=True
    )
    detak.start()
    try:
        kerjakan(job_id)
    finally:
        berhenti.set()
        detak.join(SELANG_DETAK * 5)
        connection.close()  # the thread's own connection; nobody else would close it


def _detak(job_id: int, berhenti: threading.Event) -> None:
    """Write the job's heartbeat every `SELANG_DETAK` seconds until `berhenti` is set (or the job is no longer
    running). It dies with the process, which is the point."""
    try:
        while not berhenti.wait(SELANG_DETAK):
            try:
                hidup = PembuatanLaporan.objects.filter(pk=job_id, status__in=_AKTIF).update(
                    detak_pada=timezone.now()
                )
            except DatabaseError:  # e.g. SQLite busy for a moment: the next beat tries again
                logger.warning("Detak pembuatan laporan %s gagal ditulis", job_id, exc_info=True)
                connection.close()
                continue
            if not hidup:
                return
    finally:
        connection.close()


def tunggu_semua(detik: float = 60) -> None:
    """Wait for the threads this process started (tests, shutdown)."""
    for utas in list(_utas):
        utas.join(detik)


def _lapor(job: PembuatanLaporan, persen: int, tahap: str) -> None:
    job.persen, job.tahap = max(job.persen, min(persen, 100)), tahap
    if not PembuatanLaporan.objects.filter(pk=job.pk, status__in=_AKTIF).update(
        status=Status.BERJALAN, persen=job.persen, tahap=tahap, detak_pada=timezone.now()
    ):
        raise _Dihentikan


def kerjakan(job_id: int) -> None:
    """Build the report, render it in the job's format and store the file; any failure ends in status gagal."""
    job = PembuatanLaporan.objects.select_related("renstra__unit_kerja__pemda", "pengguna").get(pk=job_id)
    try:
        isi = _buat(job)
        job.berkas.save(job.nama_berkas, ContentFile(isi), save=False)
    except _Dihentikan:
        return
    except render_pdf.PdfError as exc:
        _gagal(job, f"PDF tidak dapat dibuat. {exc}")
    except Exception:
        logger.exception("Pembuatan laporan %s gagal", job_id)
        _gagal(job, PESAN_GAGAL)
    else:
        selesai = PembuatanLaporan.objects.filter(pk=job.pk, status__in=_AKTIF).update(
            status=Status.SELESAI,
            persen=100,
            tahap="Selesai",
            berkas=job.berkas.name,
            detak_pada=timezone.now(),
            selesai_pada=timezone.now(),
        )
        if not selesai:  # declared dead meanwhile: its owner was told so, and may have started again
            job.berkas.delete(save=False)


def _gagal(job: PembuatanLaporan, pesan: str) -> None:
    PembuatanLaporan.objects.filter(pk=job.pk, status__in=_AKTIF).update(
        status=Status.GAGAL, pesan_galat=pesan, tahap="Gagal", selesai_pada=timezone.now()
    )


def _buat(job: PembuatanLaporan) -> bytes:
    """The file's bytes, built with the same functions as the direct downloads, reporting each stage."""
    isi_selesai, word_selesai = _SKALA[Format(job.format)]
    _lapor(job, 2, "Menghitung capaian dan menyusun isi laporan")
    isi = lkjip.bangun_lkjip(job.renstra, job.tahun, job.pengguna)
    _lapor(job, isi_selesai, "Isi laporan tersusun")
    if job.format == Format.XLSX:
        _lapor(job, isi_selesai, "Menyusun tabel Excel")
        return render_xlsx.tulis(isi)

    def kemajuan(selesai: int, jumlah: int, tahap: str) -> None:
        _lapor(job, isi_selesai + (word_selesai - isi_selesai) * selesai // jumlah, tahap)

    docx = render_docx.tulis(isi, kemajuan=kemajuan)
    if job.format == Format.DOCX:
        return docx
    _lapor(job, word_selesai + 5, "Mengonversi ke PDF (LibreOffice; biasanya 10–30 detik)")
    pdf = render_pdf.dari_docx(docx)
    _lapor(job, 97, "Menyimpan PDF")
    return pdf
