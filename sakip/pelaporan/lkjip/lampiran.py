"""The Lampiran of the LKjIP: the Perjanjian Kinerja of the year (the signed version; a draft says so)."""

from __future__ import annotations

from sakip.pelaporan.lkjip.model import Bab, Bagian, Paragraf
from sakip.pelaporan.lkjip.pk import bangun_pk
from sakip.perencanaan.models import PerjanjianKinerja, RencanaStrategis


def pk_lampiran(renstra: RencanaStrategis, tahun: int) -> PerjanjianKinerja | None:
    """The latest signed (final) PK of the year; without one, the latest draft."""
    semua = (
        PerjanjianKinerja.objects.filter(renstra=renstra, tahun=tahun)
        .exclude(status=PerjanjianKinerja.Status.DIGANTI)
        .select_related("unit_kerja__pemda", "renstra__unit_kerja")
        .order_by("-versi")
    )
    daftar = list(semua)
    final = [pk for pk in daftar if pk.status == PerjanjianKinerja.Status.FINAL]
    return (final or daftar or [None])[0]


def lampiran(renstra: RencanaStrategis, tahun: int) -> Bab:
    bab = Bab("", "LAMPIRAN")
    pk = pk_lampiran(renstra, tahun)
    bagian = Bagian(f"Perjanjian Kinerja Tahun {tahun}")
    bab.bagian.append(bagian)
    if pk is None:
        bagian.blok.append(Paragraf(f"Perjanjian Kinerja Tahun {tahun} belum disusun."))
        return bab
    dok = bangun_pk(pk)
    if pk.status != PerjanjianKinerja.Status.FINAL:
        bagian.judul += " (RANCANGAN)"
        bagian.blok.append(
            Paragraf(
                f"Perjanjian Kinerja versi {pk.versi} ini masih berstatus {dok.status.lower()} dan belum "
                "ditandatangani; lampiran ini bukan dokumen yang ditetapkan.",
                "tebal",
            )
        )
    elif pk.versi > 1:
        bagian.judul += f" (Perubahan, versi {pk.versi})"
    bagian.blok.append(Paragraf(dok.judul, "tebal"))
    bagian.blok += dok.pernyataan
    bagian.blok += [dok.tanda_tangan, dok.tabel_kinerja, dok.tabel_anggaran, dok.tanda_tangan]
    return bab
