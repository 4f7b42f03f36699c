"""The capaian dashboards as Excel workbooks: a Renstra's (`pengukuran:dasbor_renstra`) and the overview of every
unit (`pengukuran:dasbor`), with the same rows and figures as the pages and the raw values written as numbers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from sakip.lib import angka, xlsx
from sakip.pengukuran import monev, queries, rekap
from sakip.perencanaan.models import Indikator

KOLOM = [
    "No.",
    "Sasaran",
    "Kode",
    "Indikator",
    "Satuan",
    "Target",
    "Sumber Target",
    "Realisasi",
    "Capaian (%)",
    "Kategori",
]


def _angka(nilai: Decimal | None, teks: str) -> Any:
    """The raw value with the decimals the page prints, or the page's text (a predikat, a range, an en dash)."""
    format_angka = xlsx.format_dari_teks(teks)
    if nilai is None or format_angka is None:
        return teks
    return xlsx.Sel(nilai, format_angka)


def _persen(nilai: Decimal | None) -> Any:
    return angka.KOSONG if nilai is None else xlsx.Sel(nilai, xlsx.DUA_DESIMAL)


KOLOM_MONEV = [
    "Kode",
    "Indikator",
    "Satuan",
    "Triwulan",
    "Target Rencana Aksi",
    "Realisasi",
    "Capaian Triwulan (%)",
    "Target s.d. Triwulan",
    "Realisasi s.d. Triwulan",
    "Capaian s.d. Triwulan (%)",
    "Deviasi",
]
ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}


def lembar_monev(
    judul: str, indikator: Sequence[Indikator], monev_per_ind: Mapping[int, Sequence[monev.MonevTriwulan]]
) -> xlsx.Lembar:
    """The Rencana Aksi monev sheet: each quarter's target beside its realisasi, capaian per quarter and to TW-n."""
    baris: list[list[Any]] = []
    for ind in indikator:
        for m in monev_per_ind.get(ind.pk, []):
            # A monthly indicator: its months above the quarter they add up to (no target: the Rencana Aksi is
            # quarterly).
            for nama_bulan, nilai_bulan in m.bulan:
                baris.append(
                    [ind.kode, ind.nama, ind.satuan, nama_bulan, angka.KOSONG, _bilangan(nilai_bulan)]
                    + [angka.KOSONG] * 4
                    + [""]
                )
            baris.append(
                [
                    ind.kode,
                    ind.nama,
                    ind.satuan,
                    f"TW {ROMAWI[m.triwulan]}",
                    _bilangan(m.target),
                    _bilangan(m.realisasi),
                    _persen(m.capaian),
                    _bilangan(m.target_kumulatif),
                    _bilangan(m.realisasi_kumulatif),
                    _persen(m.capaian_kumulatif),
                    "Di bawah rencana" if m.deviasi else "",
                ]
            )
    return xlsx.Lembar(
        nama="Monev Rencana Aksi",
        judul=judul,
        kolom=KOLOM_MONEV,
        baris=baris,
        lebar=[10, 50, 12, 10, 14, 14, 14, 14, 14, 14, 16],
        catatan=[
            "Target per triwulan dari Rencana Aksi PK yang berlaku. s.d. Triwulan: target dan realisasi triwulan "
            "yang sudah dilaporkan digabung dengan aturan agregasi indikator (kumulatif: dijumlah; rata-rata; "
            "nilai akhir: triwulan terakhir). Indikator bulanan: baris bulan di atas triwulannya; realisasi "
            "triwulan adalah bulan-bulannya digabung dengan aturan yang sama.",
            f"Deviasi: capaian s.d. triwulan di bawah {monev.BATAS_DEVIASI}%.",
        ],
    )


def _bilangan(nilai: Decimal | None) -> Any:
    return (
        angka.KOSONG
        if nilai is None
        else xlsx.Sel(nilai, xlsx.format_dari_teks(angka.format_angka(nilai)) or xlsx.DUA_DESIMAL)
    )


def monev_xlsx(
    judul: str, indikator: Sequence[Indikator], monev_per_ind: Mapping[int, Sequence[monev.MonevTriwulan]]
) -> bytes:
    return xlsx.tulis([lembar_monev(judul, indikator, monev_per_ind)])


def capaian_xlsx(
    tabel: queries.TabelCapaian, monev_per_ind: Mapping[int, Sequence[monev.MonevTriwulan]] | None = None
) -> bytes:
    unit = tabel.renstra.unit_kerja
    batas = tabel.pengaturan.batas_capaian
    kolom = list(KOLOM)
    if batas is not None:
        kolom.insert(kolom.index("Capaian (%)") + 1, "Capaian setelah Batas (%)")
    baris: list[list[Any]] = []
    tebal: list[bool] = []
    for k, s in enumerate(tabel.sasaran, start=1):
        for j, b in enumerate(s.baris):
            isi = [
                k if j == 0 else None,
                s.sasaran.uraian if j == 0 else None,
                b.indikator.kode,
                b.indikator.nama,
                b.indikator.satuan,
                _angka(b.target.nilai if b.target.nilai_atas is None else None, b.target_teks),
                b.target.sumber,
                _angka(b.realisasi, b.realisasi_teks),
                _persen(b.hasil.nilai),
            ]
            if batas is not None:
                isi.append(_persen(b.ditampilkan))
            isi.append(b.kategori.label if b.kategori else angka.KOSONG)
            baris.append(isi)
            tebal.append(False)
        rollup = [None, None, s.sasaran.kode, f"Rata-rata capaian sasaran {s.sasaran.kode}"]
        rollup += [None] * (kolom.index("Capaian (%)") - len(rollup))
        rollup.append(_persen(s.rollup.nilai))
        if batas is not None:
            rollup.append(None)
        rollup.append(s.kategori.label if s.kategori else angka.KOSONG)
        baris.append(rollup)
        tebal.append(True)
    unit_baris = [None, None, None, "Capaian kinerja unit"]
    unit_baris += [None] * (kolom.index("Capaian (%)") - len(unit_baris))
    unit_baris.append(_persen(tabel.unit.nilai))
    if batas is not None:
        unit_baris.append(None)
    unit_baris.append(tabel.kategori_unit.label if tabel.kategori_unit else angka.KOSONG)
    baris.append(unit_baris)
    tebal.append(True)
    catatan = [
        f"Metode: {tabel.unit.keterangan}.",
        *(f"Sasaran {s.sasaran.kode}: {s.rollup.keterangan}." for s in tabel.sasaran),
        f"Skala kategori: {tabel.skala.nama}.",
        "Capaian dihitung dengan presisi penuh; angka di sel adalah nilai penuh, tampilannya dibulatkan.",
    ]
    if batas is not None:
        catatan.append(f"Batas atas capaian pemda: {angka.format_angka(batas)}.")
    lembar = xlsx.Lembar(
        nama="Capaian",
        judul=f"Capaian Kinerja {unit.nama} Tahun {tabel.tahun}",
        subjudul=f"{tabel.renstra.nama} ({tabel.renstra.tahun_mulai}–{tabel.renstra.tahun_selesai})",
        kolom=kolom,
        baris=baris,
        tebal=tebal,
        lebar=[6, 40, 10, 50, 12, 12, 10, 12, 12, *([12] if batas is not None else []), 16],
        catatan=catatan,
    )
    if monev_per_ind is None:
        return xlsx.tulis([lembar])
    judul = f"Monev Rencana Aksi {unit.nama} Tahun {tabel.tahun}"
    return xlsx.tulis([lembar, lembar_monev(judul, [b.indikator for b in tabel.baris], monev_per_ind)])


KOLOM_REKAP = [
    "No.",
    "Pemerintah Daerah",
    "Unit Kerja",
    "Renstra",
    "Sasaran",
    "Indikator",
    "Capaian Unit (%)",
    "Kategori",
    "Metode",
]


def rekap_xlsx(tabel: list[rekap.RekapRenstra], tahun: int) -> bytes:
    baris = [
        [
            n,
            t.renstra.unit_kerja.pemda.nama,
            t.renstra.unit_kerja.nama,
            t.renstra.nama,
            t.jumlah_sasaran,
            t.jumlah_indikator,
            _persen(t.unit.nilai),
            t.kategori_unit.label if t.kategori_unit else angka.KOSONG,
            t.unit.keterangan,
        ]
        for n, t in enumerate(tabel, start=1)
    ]
    lembar = xlsx.Lembar(
        nama="Capaian Unit",
        judul=f"Capaian Kinerja Unit Tahun {tahun}",
        subjudul=f"{len(tabel)} Renstra yang berlaku pada tahun {tahun}",
        kolom=KOLOM_REKAP,
        baris=baris,
        lebar=[6, 30, 40, 40, 10, 10, 14, 16, 60],
        catatan=[
            "Capaian dihitung dengan presisi penuh; angka di sel adalah nilai penuh, tampilannya dibulatkan.",
            *(["Tidak ada Renstra yang berlaku pada tahun ini dalam cakupan Anda."] if not tabel else []),
        ],
    )
    return xlsx.tulis([lembar])
