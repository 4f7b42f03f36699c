"""Large uploads checked and applied on the queue instead of inside the request.

An import page that receives a file above `batas_sinkron()` bytes (setting `SAKIP_IMPOR_LATAR_BYTE`) stores it
(`mulai`) and sends its uploader to this app's page for the upload (`views.impor`). Two jobs follow:

1. `antrean.impor_periksa` reads the file and runs the import's dry run (the kind's `periksa`), producing the
   preview (HTML rendered from the import's own template, or data for a page that renders it, `url_pratinjau`) or
   the list of errors, each at its sheet and row. Reads only, so an error is retried like any safe job.
2. After the uploader confirms on the page, `antrean.impor_terapkan` reads and checks the file again and writes it
   with the kind's `terapkan` in ONE transaction that also marks the upload done: all or nothing. An error rolls
   everything back and is not retried (it would only repeat); a worker killed mid-write leaves nothing written
   (the database rolls the transaction back) and its next attempt, re-queued by the heartbeat, starts again,
   while an attempt that finds the upload already done (the kill came after the commit) writes nothing.

Small files keep the synchronous path of each page: the queue adds a few seconds of latency that a 20-row sheet
does not need. Uploads and their rows are deleted after `UMUR` by the schedule.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from sakip.antrean import jadwal, pekerjaan
from sakip.antrean.models import ImporLatar

logger = logging.getLogger(__name__)

Status = ImporLatar.Status
PERIKSA = "antrean.impor_periksa"
TERAPKAN = "antrean.impor_terapkan"
UMUR = timedelta(days=1)
BATAS_BAWAAN = 256 * 1024  # bytes: a workbook of a few thousand rows
PESAN_GAGAL_PERIKSA = (
    "Berkas gagal diperiksa karena kesalahan di server. Silakan unggah ulang atau hubungi admin."
)
PESAN_GAGAL_SIMPAN = "Penyimpanan gagal karena kesalahan di server; tidak ada data yang diubah. Silakan coba lagi atau hubungi admin."


@dataclass(frozen=True)
class Pratinjau:
    """What the check found: the HTML to show (preview or errors), whether it may be applied, and optional data."""

    html: str
    ok: bool
    data: Any = None


@dataclass(frozen=True)
class Hasil:
    """A successful write: the message for the uploader and where to see the result."""

    pesan: str
    url: str


class Ditolak(Exception):
    """The confirm found errors (the data changed since the check): nothing was written; `html` lists them."""

    def __init__(self, html: str, pesan: str = "Impor dibatalkan; tidak ada data yang diubah.") -> None:
        super().__init__(pesan)
        self.html = html
        self.pesan = pesan


@dataclass(frozen=True)
class JenisImpor:
    """One kind of import: its title, upload page, who may use it, and its check and write steps."""

    judul: str
    url_unggah: Callable[[ImporLatar], str]
    boleh: Callable[[Any, dict[str, Any]], bool]  # (user, parameter): may the uploader still use it?
    periksa: Callable[[ImporLatar, bytes, pekerjaan.Konteks], Pratinjau]
    terapkan: Callable[[ImporLatar, bytes], Hasil] | None = None  # None: the preview page saves it itself
    medan_konfirmasi: tuple[str, ...] = ()  # form fields of the preview posted with the confirmation
    url_pratinjau: Callable[[ImporLatar], str] | None = None  # a page that shows the preview from `data`


_jenis: dict[str, JenisImpor] = {}


def daftarkan(nama: str, jenis: JenisImpor) -> None:
    """Register an import kind (from an AppConfig.ready())."""
    _jenis[nama] = jenis


def jenis_impor(nama: str) -> JenisImpor:
    return _jenis[nama]


def batas_sinkron() -> int:
    """Uploads larger than this many bytes are checked and applied on the queue."""
    return int(getattr(settings, "SAKIP_IMPOR_LATAR_BYTE", BATAS_BAWAAN))


def di_latar(ukuran: int) -> bool:
    return ukuran > batas_sinkron()


def mulai(
    *, pengguna: Any, jenis: str, isi: bytes, nama_berkas: str, parameter: dict[str, Any]
) -> ImporLatar:
    """Store the upload and queue its check; the caller has checked the user's right to import."""
    if jenis not in _jenis:
        raise KeyError(f"Jenis impor tidak terdaftar: {jenis}")
    bersihkan()
    with transaction.atomic():
        impor = ImporLatar(pengguna=pengguna, jenis=jenis, parameter=parameter, nama_berkas=nama_berkas[:255])
        impor.berkas.save(nama_berkas or "unggahan.xlsx", ContentFile(isi), save=False)
        impor.save()
        p = pekerjaan.kirim(PERIKSA, data={"impor_id": impor.pk}, kunci=f"impor:{impor.pk}")
        ImporLatar.objects.filter(pk=impor.pk).update(pekerjaan=p)
    impor.refresh_from_db()
    return impor


def konfirmasi(impor: ImporLatar, *, nilai: dict[str, str]) -> bool:
    """Queue the write of a checked upload; False when it is not waiting for confirmation (e.g. a second click)."""
    with transaction.atomic():
        if not ImporLatar.objects.filter(pk=impor.pk, status=Status.PRATINJAU).update(
            status=Status.MENYIMPAN, konfirmasi=nilai, pesan=""
        ):
            return False
        p = pekerjaan.kirim(TERAPKAN, data={"impor_id": impor.pk}, kunci=f"impor:{impor.pk}")
        ImporLatar.objects.filter(pk=impor.pk).update(pekerjaan=p)
    impor.refresh_from_db()
    return True


def segarkan(impor: ImporLatar) -> ImporLatar:
    """The upload as stored now, after dead workers' jobs were re-queued or failed."""
    if impor.status in (Status.MEMERIKSA, Status.MENYIMPAN):
        pekerjaan.pulihkan_yang_mati()
        impor.refresh_from_db()
    return impor


def _isi(impor: ImporLatar) -> bytes:
    with impor.berkas.open("rb") as f:
        return f.read()


def _periksa(konteks: pekerjaan.Konteks, impor_id: int) -> str:
    impor = ImporLatar.objects.select_related("pengguna").filter(pk=impor_id).first()
    if impor is None or impor.status != Status.MEMERIKSA:
        return "dilewati"
    jenis = _jenis[impor.jenis]
    if not jenis.boleh(impor.pengguna, impor.parameter):
        raise pekerjaan.GagalPermanen("Anda tidak lagi berhak mengimpor data ini.")
    konteks.lapor(5, "Membaca berkas")
    hasil = jenis.periksa(impor, _isi(impor), konteks)
    konteks.lapor(98, "Menyimpan pratinjau")
    ImporLatar.objects.filter(pk=impor.pk, status=Status.MEMERIKSA).update(
        status=Status.PRATINJAU if hasil.ok else Status.DITOLAK,
        pratinjau=hasil.html,
        data=hasil.data,
        pesan="" if hasil.ok else "Berkas belum dapat diimpor; tidak ada data yang disimpan.",
        selesai_pada=None if hasil.ok else timezone.now(),
    )
    return "pratinjau" if hasil.ok else "ditolak"


def _terapkan(konteks: pekerjaan.Konteks, impor_id: int) -> str:
    impor = ImporLatar.objects.select_related("pengguna").filter(pk=impor_id).first()
    if impor is None or impor.status != Status.MENYIMPAN:
        return "dilewati"  # done by an earlier attempt whose worker died after its commit
    jenis = _jenis[impor.jenis]
    if jenis.terapkan is None:
        raise pekerjaan.GagalPermanen("Impor ini disimpan dari halaman pratinjaunya.")
    if not jenis.boleh(impor.pengguna, impor.parameter):
        raise pekerjaan.GagalPermanen(
            "Anda tidak lagi berhak mengimpor data ini; tidak ada data yang diubah."
        )
    isi = _isi(impor)
    # No progress report inside the transaction: the heartbeat must keep writing the job row meanwhile.
    konteks.lapor(20, "Memeriksa ulang dan menyimpan (semua atau tidak sama sekali)")
    try:
        with transaction.atomic():
            # The lock makes a late second attempt wait for this one, then find the upload done.
            if (
                not ImporLatar.objects.select_for_update()
                .filter(pk=impor.pk, status=Status.MENYIMPAN)
                .exists()
            ):
                return "dilewati"
            hasil = jenis.terapkan(impor, isi)
            ImporLatar.objects.filter(pk=impor.pk).update(
                status=Status.SELESAI, pesan=hasil.pesan, url_hasil=hasil.url, selesai_pada=timezone.now()
            )
    except Ditolak as exc:
        ImporLatar.objects.filter(pk=impor.pk, status=Status.MENYIMPAN).update(
            status=Status.DITOLAK, pratinjau=exc.html, pesan=exc.pesan, selesai_pada=timezone.now()
        )
        return "ditolak"
    return "selesai"


def _saat_gagal(p: Any) -> None:
    impor_id = p.data["impor_id"]
    if p.jenis == PERIKSA:
        umum, aktif = PESAN_GAGAL_PERIKSA, Status.MEMERIKSA
    else:
        umum, aktif = PESAN_GAGAL_SIMPAN, Status.MENYIMPAN
    pesan = umum if p.pesan_galat in (pekerjaan.PESAN_GAGAL, pekerjaan.PESAN_TERHENTI) else p.pesan_galat
    ImporLatar.objects.filter(pk=impor_id, status=aktif).update(
        status=Status.GAGAL, pesan=pesan, selesai_pada=timezone.now()
    )


def bersihkan() -> int:
    """Delete uploads (and their files) older than `UMUR` that no job is working on; the number deleted."""
    lama = ImporLatar.objects.filter(dibuat_pada__lt=timezone.now() - UMUR).exclude(
        status__in=[Status.MEMERIKSA, Status.MENYIMPAN]
    )
    jumlah = 0
    for impor in list(lama):  # read first: deleting while the SELECT is open locks the table on SQLite
        if impor.berkas:
            impor.berkas.delete(save=False)
        impor.delete()
        jumlah += 1
    return jumlah


def daftarkan_pekerjaan() -> None:
    """Register the two job kinds and the hourly clean-up (AntreanConfig.ready)."""
    pekerjaan.daftarkan(PERIKSA, pekerjaan.Jenis(jalankan=_periksa, saat_gagal=_saat_gagal))
    pekerjaan.daftarkan(
        TERAPKAN, pekerjaan.Jenis(jalankan=_terapkan, aman_diulang=False, saat_gagal=_saat_gagal)
    )
    pekerjaan.daftarkan("antrean.impor_bersihkan", pekerjaan.Jenis(jalankan=lambda konteks: bersihkan()))
    jadwal.daftarkan(jadwal.Jadwal("bersihkan-impor", "antrean.impor_bersihkan", jadwal.setiap(60)))
