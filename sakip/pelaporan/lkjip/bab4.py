"""BAB IV PENUTUP."""

from __future__ import annotations

from sakip.pelaporan.lkjip.model import Bab, Identitas, Ikhtisar, Paragraf
from sakip.pengukuran import queries as pengukuran

# --- BAB IV ---------------------------------------------------------------------------------------------------------


def bab_4(i: Identitas, capaian: pengukuran.TabelCapaian, ikhtisar: Ikhtisar) -> Bab:
    bab = Bab("IV", "PENUTUP")
    tercapai = sum(1 for s in capaian.sasaran if s.rollup.nilai is not None and s.rollup.nilai >= 100)
    bab.pengantar = [
        Paragraf(
            f"Laporan Kinerja Instansi Pemerintah (LKjIP) {i.unit} Tahun {i.tahun} disusun berdasarkan "
            f"{i.renstra} ({i.periode_renstra}) dan menyajikan tingkat pencapaian sasaran strategis."
        ),
        Paragraf(
            f"Capaian kinerja {i.unit} Tahun {i.tahun} sebesar {ikhtisar.capaian_teks}% dengan kategori "
            f"{ikhtisar.kategori}; {tercapai} dari {ikhtisar.jumlah_sasaran} sasaran strategis mencapai atau "
            f"melampaui target. Penyerapan anggaran program pendukung sasaran strategis {ikhtisar.penyerapan_teks}% "
            f"({ikhtisar.realisasi_teks} dari {ikhtisar.pagu_teks})."
        ),
        Paragraf(
            "Permasalahan dan solusi yang diuraikan pada BAB III menjadi bahan perbaikan perencanaan dan "
            "pelaksanaan kinerja tahun berikutnya."
        ),
    ]
    return bab
