"""Generating a document file in the background (an LKjIP; a Perjanjian Kinerja or an IKU decree, in Word or
PDF), with its progress in the database for the page to show.

A generation is a job on the queue (`sakip.antrean`, django-tasks' database backend): the request creates the
`PembuatanLaporan` row and enqueues job kind `pelaporan.lkjip`; a worker process (`manage.py pekerja`, beside the
web server, never inside it) builds the file and writes status, percentage and stage as it goes. The page polls
that row. The queue's heartbeat (every `pekerjaan.SELANG_DETAK` seconds, through silent stages such as the PDF
conversion) shows whether a worker still runs the job: should it die (restart, deploy, out of memory, a kill), the
job is put back in the queue within `pekerjaan.BATAS_DETAK` and another worker starts it again from the beginning
("Diulang"); after `MAKS_PERCOBAAN` dead attempts it fails ("Terhenti") and its owner may start again. An attempt
declared dead that still runs (a starved process) stops at its next report and writes nothing.

The PK and the decree are a few pages: their Word files build in well under a second, so the report page keeps a
direct Word download beside the queued build; their PDF (a LibreOffice conversion of 5–30 s that would hold a web
worker) is offered only as a job. Every kind uses the same row, page, heartbeat and retries.

Generated files live on the default storage under a random folder outside the web root and are served only to
their owner; files (and rows) older than `UMUR_BERKAS` are deleted whenever a new job starts, and by the schedule.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import slugify

from sakip.antrean import jadwal, pekerjaan
from sakip.antrean.models import Pekerjaan
from sakip.lib import xlsx
from sakip.organisasi.models import Pengguna
from sakip.pelaporan import keputusan as isi_keputusan
from sakip.pelaporan import lkjip
from sakip.pelaporan.lkjip import pemda as lkjip_pemda
from sakip.pelaporan.models import PembuatanLaporan
from sakip.pelaporan.render import docx as render_docx
from sakip.pelaporan.render import keputusan as render_keputusan
from sakip.pelaporan.render import pdf as render_pdf
from sakip.pelaporan.render import xlsx as render_xlsx
from sakip.perencanaan.models import PerjanjianKinerja, RencanaStrategis
from sakip.rpjmd.models import Rpjmd

logger = logging.getLogger(__name__)

JENIS = "pelaporan.lkjip"
MAKS_PERCOBAAN = 3
UMUR_BERKAS = timedelta(days=1)
MAKS_PER_PENGGUNA = 2
PESAN_TERHENTI = (
    "Pembuatan laporan terhenti (proses pekerja berhenti berulang kali). Silakan buat laporan lagi."
)
PESAN_GAGAL = "Laporan gagal dibuat karena kesalahan di server. Silakan coba lagi atau hubungi admin."

Status = PembuatanLaporan.Status
Format = PembuatanLaporan.Format
Dokumen = PembuatanLaporan.Dokumen
JENIS_MIME = {
    Format.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    Format.PDF: "application/pdf",
    Format.XLSX: xlsx.JENIS_MIME,
}
# Where each format's stages sit on the 0–100 bar: (after building the content, after writing Word).
_SKALA = {Format.DOCX: (30, 95), Format.PDF: (20, 45), Format.XLSX: (60, 95)}


class BatasError(Exception):
    """The user already runs as many jobs as allowed."""


class _Dihentikan(Exception):
    """The job was declared failed while its attempt still ran."""


_AKTIF = [Status.MENUNGGU, Status.BERJALAN]


def nama_berkas(renstra: RencanaStrategis, tahun: int) -> str:
    """The download name without extension, the same as the direct download's."""
    return f"LKjIP-{slugify(renstra.unit_kerja.singkatan or renstra.unit_kerja.nama)}-{tahun}"


def nama_pk(perjanjian: PerjanjianKinerja) -> str:
    """The PK's download name without extension (direct download and background build alike)."""
    unit = slugify(perjanjian.unit_kerja.singkatan or perjanjian.unit_kerja.nama)
    return f"PK-{unit}-{perjanjian.tahun}-v{perjanjian.versi}"


def nama_keputusan(renstra: RencanaStrategis) -> str:
    """The IKU decree's download name without extension."""
    unit = slugify(renstra.unit_kerja.singkatan or renstra.unit_kerja.nama)
    return f"Keputusan-IKU-{unit}-{renstra.tahun_mulai}-{renstra.tahun_selesai}"


def nama_lkjip_pemda(rpjmd: Rpjmd, tahun: int) -> str:
    """The pemda LKjIP's download name without extension (direct download and background build alike)."""
    return f"LKjIP-Pemerintah-{slugify(rpjmd.pemda.nama)}-{tahun}"


def aktif(qs: QuerySet[PembuatanLaporan]) -> QuerySet[PembuatanLaporan]:
    """Jobs still waiting in the queue or running."""
    return qs.filter(status__in=_AKTIF)


def tandai_terhenti() -> int:
    """Re-queue (or fail) the jobs whose worker stopped beating; the number handled."""
    return pekerjaan.pulihkan_yang_mati()


def segarkan(job: PembuatanLaporan) -> PembuatanLaporan:
    """The job as stored now, after dead workers' jobs were re-queued or failed."""
    job.refresh_from_db()
    if job.status in _AKTIF:
        tandai_terhenti()
        job.refresh_from_db()
    return job


def bersihkan() -> int:
    """Delete the finished jobs, and their files, older than `UMUR_BERKAS`; the number deleted."""
    lama = PembuatanLaporan.objects.filter(dibuat_pada__lt=timezone.now() - UMUR_BERKAS).exclude(
        status__in=_AKTIF
    )
    jumlah = 0
    for job in list(lama):  # read first: deleting while the SELECT is open locks the table on SQLite
        if job.berkas:
            job.berkas.delete(save=False)
        job.delete()
        jumlah += 1
    return jumlah


def mulai(
    *,
    pengguna: Pengguna,
    renstra: RencanaStrategis | None,
    tahun: int,
    format: str,
    dokumen: str = Dokumen.LKJIP,
    perjanjian: PerjanjianKinerja | None = None,
    rpjmd: Rpjmd | None = None,
) -> PembuatanLaporan:
    """Start (or reuse the identical running) job of the user; BatasError past `MAKS_PER_PENGGUNA` running jobs.

    The caller has checked the user's access to the Renstra (or to the PK, for `dokumen` pk; to the pemda's
    report, for `dokumen` lkjip_pemda, which names its `rpjmd` and no Renstra).
    """
    if dokumen == Dokumen.LKJIP_PEMDA:
        if rpjmd is None:
            raise ValueError("A pemda LKjIP job needs its Rpjmd")
        renstra, nama = None, nama_lkjip_pemda(rpjmd, tahun)
    elif dokumen == Dokumen.PK:
        if perjanjian is None:
            raise ValueError("A PK job needs its PerjanjianKinerja")
        renstra, tahun, nama = perjanjian.renstra, perjanjian.tahun, nama_pk(perjanjian)
    elif dokumen == Dokumen.KEPUTUSAN_IKU:
        tahun, nama = renstra.tahun_mulai, nama_keputusan(renstra)
    else:
        if renstra is None:
            raise ValueError("A unit's document job needs its Renstra")
        nama = nama_berkas(renstra, tahun)
    if dokumen != Dokumen.LKJIP and format == Format.XLSX:
        raise ValueError("Only the LKjIP has an Excel form")
    tandai_terhenti()
    bersihkan()
    with transaction.atomic():
        # One start at a time per user, so that two quick clicks cannot both pass the limit.
        Pengguna.objects.select_for_update().filter(pk=pengguna.pk).first()
        berjalan = aktif(PembuatanLaporan.objects.filter(pengguna=pengguna))
        sama = berjalan.filter(
            dokumen=dokumen, renstra=renstra, perjanjian=perjanjian, rpjmd=rpjmd, tahun=tahun, format=format
        ).first()
        if sama is not None:
            return sama
        if berjalan.count() >= MAKS_PER_PENGGUNA:
            raise BatasError(
                f"Anda sedang membuat {MAKS_PER_PENGGUNA} dokumen. Tunggu hingga salah satunya selesai "
                "sebelum memulai yang baru."
            )
        job = PembuatanLaporan.objects.create(
            pengguna=pengguna,
            dokumen=dokumen,
            renstra=renstra,
            perjanjian=perjanjian,
            rpjmd=rpjmd if dokumen == Dokumen.LKJIP_PEMDA else None,
            tahun=tahun,
            format=format,
            tahap="Menunggu giliran",
            nama_berkas=f"{nama}.{format}",
        )
        if di_latar():
            pekerjaan.kirim(
                JENIS, data={"job_id": job.pk}, kunci=f"laporan:{job.pk}", maks_percobaan=MAKS_PERCOBAAN
            )
    if not di_latar():
        kerjakan(job.pk)
        job.refresh_from_db()
    return job


def di_latar() -> bool:
    """Whether jobs go through the queue (always in production); unit tests run them in the request instead."""
    return bool(getattr(settings, "SAKIP_LAPORAN_LATAR", True))


def _tugas(konteks: pekerjaan.Konteks, job_id: int) -> dict[str, str]:
    """The queue's entry point for job kind `pelaporan.lkjip`."""
    kerjakan(job_id, konteks=konteks)
    return {"status": PembuatanLaporan.objects.values_list("status", flat=True).get(pk=job_id)}


def _saat_diulang(p: Pekerjaan) -> None:
    PembuatanLaporan.objects.filter(pk=p.data["job_id"], status__in=_AKTIF).update(
        status=Status.MENUNGGU,
        persen=0,
        tahap=f"Pekerja sebelumnya berhenti; menunggu giliran lagi (percobaan {p.percobaan} dari {p.maks_percobaan})",
        detak_pada=timezone.now(),
    )


def _saat_gagal(p: Pekerjaan) -> None:
    pesan = PESAN_TERHENTI if p.pesan_galat == pekerjaan.PESAN_TERHENTI else PESAN_GAGAL
    PembuatanLaporan.objects.filter(pk=p.data["job_id"], status__in=_AKTIF).update(
        status=Status.GAGAL, pesan_galat=pesan, tahap="Terhenti", selesai_pada=timezone.now()
    )


def daftarkan() -> None:
    """Register the job kinds and the hourly clean-up of old files (PelaporanConfig.ready)."""
    pekerjaan.daftarkan(
        JENIS, pekerjaan.Jenis(jalankan=_tugas, saat_diulang=_saat_diulang, saat_gagal=_saat_gagal)
    )
    pekerjaan.daftarkan("pelaporan.bersihkan", pekerjaan.Jenis(jalankan=lambda konteks: bersihkan()))
    jadwal.daftarkan(jadwal.Jadwal("bersihkan-laporan", "pelaporan.bersihkan", jadwal.setiap(60)))


def _lapor(job: PembuatanLaporan, persen: int, tahap: str) -> None:
    job.persen, job.tahap = max(job.persen, min(persen, 100)), tahap
    konteks = getattr(job, "_konteks", None)
    if konteks is not None:
        konteks.lapor(job.persen, tahap)  # raises pekerjaan.Dihentikan when this attempt lost the job
    if not PembuatanLaporan.objects.filter(pk=job.pk, status__in=_AKTIF).update(
        status=Status.BERJALAN, persen=job.persen, tahap=tahap, detak_pada=timezone.now()
    ):
        raise _Dihentikan


def kerjakan(job_id: int, *, konteks: pekerjaan.Konteks | None = None) -> None:
    """Build the report, render it in the job's format and store the file; any failure ends in status gagal."""
    job = PembuatanLaporan.objects.select_related(
        "renstra__unit_kerja__pemda", "perjanjian__unit_kerja__pemda", "rpjmd__pemda", "pengguna"
    ).get(pk=job_id)
    job._konteks = konteks  # type: ignore[attr-defined]
    if konteks is not None:  # a new attempt starts from the beginning
        job.persen = 0
    try:
        isi = _buat(job)
        job.berkas.save(job.nama_berkas, ContentFile(isi), save=False)
    except (_Dihentikan, pekerjaan.Dihentikan):
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


def _pdf(job: PembuatanLaporan, docx: bytes, persen: int) -> bytes:
    _lapor(job, persen, "Mengonversi ke PDF (LibreOffice; biasanya 10–30 detik)")
    pdf = render_pdf.dari_docx(docx)
    _lapor(job, 97, "Menyimpan PDF")
    return pdf


def _buat_dokumen(job: PembuatanLaporan) -> bytes:
    """A PK or IKU decree file: build the content, write Word, and convert it when PDF is asked."""
    _lapor(job, 5, "Menyusun isi dokumen")
    if job.dokumen == Dokumen.PK:
        docx = render_docx.tulis_pk(lkjip.bangun_pk(job.perjanjian))
    else:
        docx = render_keputusan.tulis_keputusan(isi_keputusan.bangun_keputusan(job.renstra))
    if job.format == Format.DOCX:
        _lapor(job, 90, "Menyimpan dokumen Word")
        return docx
    return _pdf(job, docx, 40)


def _buat(job: PembuatanLaporan) -> bytes:
    """The file's bytes, built with the same functions as the direct downloads, reporting each stage."""
    if job.dokumen not in (Dokumen.LKJIP, Dokumen.LKJIP_PEMDA):
        return _buat_dokumen(job)
    isi_selesai, word_selesai = _SKALA[Format(job.format)]
    _lapor(job, 2, "Menghitung capaian dan menyusun isi laporan")
    if job.dokumen == Dokumen.LKJIP_PEMDA:
        isi = lkjip_pemda.bangun_lkjip_pemda(job.rpjmd, job.tahun)
    else:
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
    return _pdf(job, docx, word_selesai + 5)
