"""Every table of the LKjIP content (`sakip.pelaporan.lkjip`) as a sheet of one Excel workbook.

A sheet per table, named by its number ("3.3"); the unnumbered ones take the number of the table before them
with a letter ("2.4a", "3.15a") and the summary of the Ikhtisar Eksekutif is "Ikhtisar". Each sheet has the title
row, the header row, the column-number row with its formula (`(6=5/4*100)`), then the rows. A cell the report
prints as a number is written from the raw value in `Tabel.nilai` (not the rounded text; the file keeps 16
significant digits) with a number format that shows the printed decimals; every other cell is the printed text,
neutralised against formulas.
"""

from __future__ import annotations

import string
from typing import Any

from sakip.lib import xlsx
from sakip.pelaporan.lkjip import LaporanLKjIP, Tabel

NAMA_IKHTISAR = "Ikhtisar"
NAMA_DAFTAR = "Daftar Tabel"


def sel(teks: str, nilai: Any) -> Any:
    """One cell: the raw number where the report prints a number, else the printed text (None when empty)."""
    if xlsx.is_angka(nilai):
        format_angka = xlsx.format_dari_teks(teks)
        if format_angka is not None:
            return xlsx.Sel(nilai, format_angka)
    return teks or None


def nama_lembar(lap: LaporanLKjIP) -> list[tuple[str, Tabel]]:
    """Every table of the report in reading order, with the name of its sheet."""
    hasil: list[tuple[str, Tabel]] = []
    sebelumnya, huruf = "", 0
    for blok in lap.semua_blok(lampiran=False):  # the Lampiran repeats the PK of table 2.4
        if not isinstance(blok, Tabel):
            continue
        if blok is lap.ikhtisar.tabel:
            nama = NAMA_IKHTISAR
        elif blok.nomor:
            nama, sebelumnya, huruf = blok.nomor, blok.nomor, 0
        else:
            nama = f"{sebelumnya or NAMA_IKHTISAR}{string.ascii_lowercase[huruf % 26]}"
            huruf += 1
        hasil.append((nama, blok))
    return hasil


def _lembar(nama: str, t: Tabel, subjudul: str) -> xlsx.Lembar:
    baris = [
        [sel(teks, nilai) for teks, nilai in zip(isi, raw, strict=False)]
        for isi, raw in zip(t.baris, t.nilai, strict=True)
    ]
    bobot = t.bobot if len(t.bobot) == len(t.kolom) else [16] * len(t.kolom)
    skala = 110 / (sum(bobot) or 1)  # the report's relative widths, over about 110 characters
    return xlsx.Lembar(
        nama=nama,
        judul=t.judul_lengkap,
        subjudul=subjudul,
        kolom=t.kolom,
        nomor_kolom=t.nomor_kolom,
        baris=baris,
        tebal=[g in {"unit", "program", "total"} for g in t.gaya],
        lebar=[max(6, round(b * skala)) for b in bobot],
        catatan=t.catatan,
    )


def tulis(lap: LaporanLKjIP) -> bytes:
    """The .xlsx bytes: a list of the tables, then one sheet per table."""
    i = lap.identitas
    subjudul = f"{i.unit} – LKjIP Tahun {i.tahun}"
    daftar = nama_lembar(lap)
    isi = xlsx.Lembar(
        nama=NAMA_DAFTAR,
        judul=f"Daftar Tabel LKjIP {i.unit} Tahun {i.tahun}",
        subjudul=i.pemda,
        kolom=["Lembar", "Tabel"],
        baris=[[nama, t.judul_lengkap] for nama, t in daftar],
        lebar=[12, 100],
    )
    return xlsx.tulis([isi, *(_lembar(nama, t, subjudul) for nama, t in daftar)])
