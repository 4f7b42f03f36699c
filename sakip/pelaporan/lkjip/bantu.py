"""Small helpers shared by the chapters: cell formatting, table numbering, the PK in force, end targets."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from sakip.anggaran import queries as anggaran
from sakip.anggaran import tabel as anggaran_tabel
from sakip.lib import angka
from sakip.pelaporan.lkjip.model import KOSONG, Blok, Narasi, Paragraf, Tabel
from sakip.perencanaan.models import PerjanjianKinerja, RencanaStrategis

# --- helpers --------------------------------------------------------------------------------------------------------


def teks_persen(nilai: Decimal | None) -> str:
    return angka.format_persen(nilai)


class Penomoran:
    """Table numbers per chapter, as the LKjIP prints them (2.1, 2.2, …; 3.1, …)."""

    def __init__(self) -> None:
        self.per_bab: dict[str, int] = defaultdict(int)

    def __call__(self, bab: int) -> str:
        self.per_bab[str(bab)] += 1
        return f"{bab}.{self.per_bab[str(bab)]}"


def dari_tabel_anggaran(t: anggaran_tabel.Tabel, nomor: str, *, lebar: bool = False) -> Tabel:
    """A budget table (`sakip.anggaran.tabel`) with its cells formatted the way the budget pages show them."""
    hasil = Tabel(
        nomor=nomor,
        judul=t.judul,
        kolom=[k.judul for k in t.kolom],
        nomor_kolom=list(t.nomor_kolom),
        angka=[k.angka or k.jenis == "keluaran" for k in t.kolom],
        catatan=list(t.catatan),
        lebar=lebar,
        bobot=[k.lebar for k in t.kolom],
    )
    for b in t.baris:
        hasil.tambah(
            [anggaran_tabel.format_sel(v, k.jenis) for v, k in zip(b.sel, t.kolom, strict=True)],
            b.sel,
            b.gaya,
        )
    return hasil


def target_akhir(ind: Any, renstra: RencanaStrategis) -> tuple[Decimal | None, str]:
    target = {t.tahun: t for t in ind.target.all()}
    akhir = target.get(renstra.tahun_selesai)
    if akhir is not None and (akhir.nilai is not None or akhir.predikat):
        return akhir.nilai, akhir.predikat or angka.format_angka(akhir.nilai)
    if ind.kondisi_akhir is not None or ind.kondisi_akhir_teks:
        return ind.kondisi_akhir, ind.kondisi_akhir_teks or angka.format_angka(ind.kondisi_akhir)
    return None, KOSONG


def pk_berlaku(renstra: RencanaStrategis, tahun: int) -> PerjanjianKinerja | None:
    """The PK of the Renstra's year in force (not replaced by a later version)."""
    return (
        PerjanjianKinerja.objects.filter(renstra=renstra, tahun=tahun)
        .exclude(status=PerjanjianKinerja.Status.DIGANTI)
        .select_related("unit_kerja__pemda", "renstra__unit_kerja")
        .order_by("-versi")
        .first()
    )


def teks_kategori(pita: Any) -> str:
    return pita.label if pita else KOSONG


def kalimat_anggaran(
    unit: str, tahun: int, per_sasaran: anggaran.AnggaranPerSasaran, pohon: anggaran.PohonAnggaran
) -> str:
    """One budget truth in words: the total of the programs that support the strategic goals (Tabel 2.5, 3.17,
    3.18) and, when it differs, the unit's whole budget (Tabel 3.19), each named for what it covers."""
    total, semua = per_sasaran.total, pohon.total
    teks = (
        f"Pagu anggaran program yang mendukung sasaran strategis sebesar {angka.format_rupiah(total.pagu)} dengan "
        f"realisasi {angka.format_rupiah(total.realisasi)} atau penyerapan {teks_persen(total.penyerapan)}% "
        "(Σ realisasi / Σ pagu × 100)."
    )
    if (semua.pagu, semua.realisasi) != (total.pagu, total.realisasi):
        teks += (
            f" Seluruh pagu anggaran {unit} Tahun {tahun}, termasuk program yang tidak dikaitkan dengan sasaran "
            f"strategis (Tabel 3.19), sebesar {angka.format_rupiah(semua.pagu)} dengan realisasi "
            f"{angka.format_rupiah(semua.realisasi)} atau penyerapan {teks_persen(semua.penyerapan)}%."
        )
    return teks


def teks_atau(ditulis: str, bawaan: str) -> list[Blok]:
    """The unit's own text (rich or plain) where written, else the generated paragraph."""
    return [Narasi(ditulis)] if ditulis.strip() else [Paragraf(bawaan)]
