"""What the product already holds for a worksheet: the records a unit can pick as evidence, and the checks that
pre-fill answers its own data proves (each with the record that proves it).

Records of the layers below (perencanaan, pengukuran) are read here. LKjIP builds and survey results live in
apps beside or above this one (survei, pelaporan); they register providers (``daftarkan_penyedia``,
``daftarkan_cek``) from their AppConfig.ready(), as anggaran.queries does for capaian.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from sakip.organisasi.models import UnitKerja


@dataclass(frozen=True)
class Sumber:
    """A record that can serve as evidence: ``kunci`` (jenis:id) is what a form posts back."""

    jenis: str
    id: int
    label: str
    url: str
    dokumen_id: int | None = None

    @property
    def kunci(self) -> str:
        return f"{self.jenis}:{self.id}"


@dataclass(frozen=True)
class Bukti:
    """The result of a pre-fill check: ``benar`` when the data proves the answer, with the proving record."""

    benar: bool
    label: str
    url: str = ""


Penyedia = Callable[[UnitKerja, int], list[Sumber]]
Cek = Callable[[UnitKerja, int], Bukti]

_PENYEDIA: list[Penyedia] = []
_CEK: dict[str, Cek] = {}


def daftarkan_penyedia(penyedia: Penyedia) -> None:
    if penyedia not in _PENYEDIA:
        _PENYEDIA.append(penyedia)


def daftarkan_cek(kode: str, cek: Cek) -> None:
    _CEK[kode] = cek


def _renstra(unit: UnitKerja, tahun: int) -> list[Sumber]:
    from sakip.perencanaan.models import KeputusanIKU, RencanaStrategis

    hasil = []
    daftar = list(
        RencanaStrategis.objects.filter(unit_kerja=unit, tahun_mulai__lte=tahun, tahun_selesai__gte=tahun)
    )
    for r in daftar:
        hasil.append(Sumber("renstra", r.pk, str(r), reverse("perencanaan:renstra_detail", args=[r.pk])))
    for k in KeputusanIKU.objects.filter(renstra__in=daftar).select_related("renstra"):
        nomor = f" nomor {k.nomor}" if k.nomor else ""
        hasil.append(
            Sumber(
                "iku",
                k.renstra_id,
                f"Keputusan IKU{nomor} ({k.renstra})",
                reverse("pelaporan:iku_docx", args=[k.renstra_id]),
            )
        )
    return hasil


def _pk(unit: UnitKerja, tahun: int) -> list[Sumber]:
    from sakip.perencanaan.models import PerjanjianKinerja

    hasil = []
    for pk in PerjanjianKinerja.objects.filter(unit_kerja=unit, tahun__in=[tahun - 1, tahun]).exclude(
        status=PerjanjianKinerja.Status.DRAFT
    ):
        url = reverse("perencanaan:pk_detail", args=[pk.pk])
        hasil.append(Sumber("pk", pk.pk, f"{pk} ({pk.get_status_display()})", url))
        hasil.append(Sumber("rencana_aksi", pk.pk, f"Rencana Aksi {pk}", url))
    return hasil


def _dokumen(unit: UnitKerja, tahun: int) -> list[Sumber]:
    from sakip.pengukuran.models import DataDukung

    return [
        Sumber("realisasi", d.pk, d.nama_asli, reverse("pengukuran:unduh", args=[d.pk]), dokumen_id=d.pk)
        for d in DataDukung.objects.filter(unit_kerja=unit).order_by("-diunggah_pada")[:200]
    ]


def sumber_untuk(unit: UnitKerja, tahun: int) -> list[Sumber]:
    """Every record of the unit that can be picked as evidence for the evaluation of ``tahun``."""
    hasil = _renstra(unit, tahun) + _pk(unit, tahun) + _dokumen(unit, tahun)
    for penyedia in _PENYEDIA:
        hasil.extend(penyedia(unit, tahun))
    return hasil


# --- pre-fill checks ------------------------------------------------------------------------------------------------


def _renstra_berlaku(unit: UnitKerja, tahun: int) -> object | None:
    from sakip.perencanaan.models import RencanaStrategis

    return RencanaStrategis.objects.filter(
        unit_kerja=unit, tahun_mulai__lte=tahun, tahun_selesai__gte=tahun
    ).first()


def cek_renstra(unit: UnitKerja, tahun: int) -> Bukti:
    r = _renstra_berlaku(unit, tahun)
    if r is None:
        return Bukti(False, f"Tidak ada Renstra yang mencakup tahun {tahun}.")
    return Bukti(True, str(r), reverse("perencanaan:renstra_detail", args=[r.pk]))  # type: ignore[attr-defined]


def cek_keputusan_iku(unit: UnitKerja, tahun: int) -> Bukti:
    from sakip.perencanaan.models import KeputusanIKU

    k = (
        KeputusanIKU.objects.filter(
            renstra__unit_kerja=unit, renstra__tahun_mulai__lte=tahun, renstra__tahun_selesai__gte=tahun
        )
        .exclude(nomor="")
        .first()
    )
    if k is None:
        return Bukti(False, "Belum ada Keputusan IKU bernomor untuk Renstra tahun ini.")
    return Bukti(True, f"Keputusan IKU nomor {k.nomor}", reverse("pelaporan:iku_docx", args=[k.renstra_id]))


def cek_iku_lengkap(unit: UnitKerja, tahun: int) -> Bukti:
    """Every IKU of the Renstra has a formula (or its description) and a data source."""
    from django.db.models import Q

    r = _renstra_berlaku(unit, tahun)
    if r is None:
        return Bukti(False, f"Tidak ada Renstra yang mencakup tahun {tahun}.")
    iku = r.indikator.filter(is_iku=True)  # type: ignore[attr-defined]
    if not iku.exists():
        return Bukti(False, "Renstra belum memiliki IKU.")
    kurang = iku.filter((Q(formulasi="") & Q(formulasi_uraian="")) | Q(sumber_data=""))
    if kurang.exists():
        return Bukti(False, f"{kurang.count()} IKU belum memiliki formula atau sumber data.")
    url = reverse("perencanaan:renstra_detail", args=[r.pk])  # type: ignore[attr-defined]
    return Bukti(True, f"Semua {iku.count()} IKU {r} memiliki formula dan sumber data", url)


def _pk_final(unit: UnitKerja, tahun: int) -> object | None:
    from sakip.perencanaan.models import PerjanjianKinerja

    return PerjanjianKinerja.objects.filter(
        unit_kerja=unit, tahun=tahun, status=PerjanjianKinerja.Status.FINAL
    ).first()


def cek_pk_final(unit: UnitKerja, tahun: int) -> Bukti:
    pk = _pk_final(unit, tahun)
    if pk is None:
        return Bukti(False, f"Belum ada PK final tahun {tahun}.")
    return Bukti(True, f"{pk} (final)", reverse("perencanaan:pk_detail", args=[pk.pk]))  # type: ignore[attr-defined]


def cek_rencana_aksi(unit: UnitKerja, tahun: int) -> Bukti:
    """The final PK of the year has targets for all four quarters on every indicator."""
    from django.db.models import Count, Q

    pk = _pk_final(unit, tahun)
    if pk is None:
        return Bukti(False, f"Belum ada PK final tahun {tahun}.")
    baris = pk.indikator.annotate(  # type: ignore[attr-defined]
        tw=Count(
            "rencana_aksi",
            filter=Q(rencana_aksi__target__isnull=False) | ~Q(rencana_aksi__target_predikat=""),
            distinct=True,
        )
    )
    if not baris.exists():
        return Bukti(False, "PK belum memiliki indikator.")
    kurang = [b for b in baris if b.tw < 4]
    if kurang:
        return Bukti(False, f"{len(kurang)} indikator PK belum memiliki target keempat triwulan.")
    url = reverse("perencanaan:pk_detail", args=[pk.pk])  # type: ignore[attr-defined]
    return Bukti(True, f"Rencana Aksi {pk}: target TW I–IV untuk {baris.count()} indikator", url)


_CEK.update(
    {
        "renstra": cek_renstra,
        "keputusan_iku": cek_keputusan_iku,
        "iku_lengkap": cek_iku_lengkap,
        "pk_final": cek_pk_final,
        "rencana_aksi": cek_rencana_aksi,
    }
)


def cek(kode: str, unit: UnitKerja, tahun: int) -> Bukti | None:
    """The result of the check named ``kode`` (None when no such check is registered)."""
    fungsi = _CEK.get(kode)
    return None if fungsi is None else fungsi(unit, tahun)
