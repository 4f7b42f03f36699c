"""The Excel template of one unit's period of realisasi, and its reading back into the entry grid's form data.

One row per value to enter: a plain indicator's value, a predikat, or each input of a formula indicator. The title
names the period and year (`Realisasi Januari 2025 — unit`): a template of another period (twelve monthly files look
alike) is refused rather than entered into the wrong month.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sakip.lib import angka, xlsx, xlsx_baca
from sakip.pengukuran import jadwal
from sakip.pengukuran.models import Realisasi
from sakip.perencanaan.models import Indikator

LEMBAR = "Realisasi"
KOLOM = [
    "Kode indikator",
    "Indikator (informasi)",
    "Isian",
    "Uraian isian (informasi)",
    "Satuan (informasi)",
    "Nilai",
]
MAKS_BARIS = 2000


@dataclass
class Kesalahan:
    baris: int | None
    kode: str
    pesan: str


@dataclass
class HasilImpor:
    data_form: dict[str, str] = field(default_factory=dict)
    kesalahan: list[Kesalahan] = field(default_factory=list)
    kesalahan_buku: list[Kesalahan] = field(default_factory=list)
    nomor_baris: dict[tuple[int, str], int] = field(default_factory=dict)


def _isian(ind: Indikator) -> list[tuple[str, str, str, str]]:
    """(isian code, form field, description, unit) of each value an indicator takes."""
    if ind.pakai_rumus:
        return [(v.nama, f"in_{v.nama}", v.label, v.satuan) for v in ind.variabel.all()]
    if ind.is_predikat:
        return [("predikat", "predikat", f"Predikat ({', '.join(ind.skala_predikat)})", "")]
    return [("nilai", "nilai", "Realisasi", ind.satuan)]


def templat(unit: Any, tahun: int, periode: str, baris: list[tuple[Indikator, Realisasi | None]]) -> bytes:
    isi: list[list[Any]] = []
    for ind, r in baris:
        for kode, _medan, uraian, satuan in _isian(ind):
            if r is None:
                nilai: Any = None
            elif ind.pakai_rumus:
                nilai = Decimal(r.masukan[kode]) if kode in r.masukan else None
            elif ind.is_predikat:
                nilai = r.nilai_predikat or None
            else:
                nilai = r.nilai
            isi.append([ind.kode, ind.nama, kode, uraian, satuan, nilai])
    return xlsx.tulis(
        [
            xlsx.Lembar(
                nama=LEMBAR,
                judul=_judul(unit.nama, tahun, periode),
                kolom=KOLOM,
                baris=isi,
                lebar=[14, 50, 30, 40, 14, 16],
                catatan=[
                    "Isi kolom Nilai saja; jangan mengubah kolom Kode indikator dan Isian. Angka boleh ditulis "
                    "cara Indonesia (1.234,5). Indikator berumus: isi setiap masukannya; realisasi dihitung sistem.",
                    "Unggah kembali berkas ini pada halaman isian massal: pratinjau ditampilkan dulu, tidak ada yang "
                    "disimpan sebelum Anda menyimpan isian.",
                ],
            )
        ]
    )


def _teks_nilai(nilai: Any) -> str:
    if isinstance(nilai, bool):
        return str(nilai)
    if isinstance(nilai, int | float):
        return angka.format_angka(Decimal(str(nilai)), 6).rstrip("0").rstrip(",")
    return str(nilai).strip()


def _judul(unit_nama: str, tahun: int, periode: str) -> str:
    return f"Realisasi {jadwal.label(periode)} {tahun} — {unit_nama}"


def _periode_judul(teks: str) -> tuple[str, int] | None:
    """(period, year) named by a template's title, or None when the title is not one of ours."""
    for kode, label in jadwal.LABEL_PERIODE.items():
        awal = f"Realisasi {label} "
        if teks.startswith(awal):
            tahun = teks[len(awal) :].split(" ", 1)[0]
            if tahun.isdigit():
                return kode, int(tahun)
    return None


def baca(data: bytes, indikator: list[Indikator], periode: str, tahun: int | None = None) -> HasilImpor:
    """The grid's form data from a filled template; every row that cannot be used is listed with its number. A
    template whose title names another period (or, when `tahun` is given, another year) is refused as a whole."""
    hasil = HasilImpor()
    try:
        buku = xlsx_baca.baca(data, maks_baris=MAKS_BARIS, baris_judul=5)
    except xlsx_baca.WorkbookDitolak as exc:
        hasil.kesalahan_buku.append(Kesalahan(None, "", str(exc)))
        return hasil
    lembar = buku.get(LEMBAR) or (buku.lembar[0] if buku.lembar else None)
    judul = None
    if lembar is not None:
        judul = next((n for n, nilai in lembar.baris if nilai and str(nilai[0]).strip() == KOLOM[0]), None)
    if lembar is None or judul is None:
        hasil.kesalahan_buku.append(
            Kesalahan(
                None,
                "",
                f"Sheet '{LEMBAR}' dengan judul kolom '{KOLOM[0]}' tidak ditemukan; pakai templat dari halaman ini.",
            )
        )
        return hasil
    judul_buku = next((str(nilai[0]) for n, nilai in lembar.baris if n < judul and nilai and nilai[0]), "")
    dari_judul = _periode_judul(judul_buku)
    if dari_judul is not None and (
        dari_judul[0] != periode or (tahun is not None and dari_judul[1] != tahun)
    ):
        hasil.kesalahan_buku.append(
            Kesalahan(
                None,
                "",
                f"Berkas ini templat {jadwal.label(dari_judul[0])} {dari_judul[1]}, bukan "
                f"{jadwal.label(periode)}{f' {tahun}' if tahun is not None else ''}; tidak ada yang dibaca. Pilih "
                "periode itu di halaman ini, atau unduh templat periode yang benar.",
            )
        )
        return hasil
    per_kode = {i.kode: i for i in indikator}
    sudah: dict[tuple[int, str], int] = {}
    for nomor, nilai in lembar.baris:
        if nomor <= judul:
            continue
        sel = list(nilai) + [None] * len(KOLOM)
        kode, isian, isi = _teks_nilai(sel[0] or ""), _teks_nilai(sel[2] or ""), sel[5]
        if xlsx_baca.kosong(isi):
            continue
        if isinstance(isi, xlsx_baca.Rumus):
            hasil.kesalahan.append(Kesalahan(nomor, kode, "Sel Nilai berisi rumus Excel; tulis nilainya."))
            continue
        ind = per_kode.get(kode)
        if ind is None:
            hasil.kesalahan.append(
                Kesalahan(
                    nomor, kode, f"Indikator '{kode}' tidak dilaporkan unit ini pada {jadwal.label(periode)}."
                )
            )
            continue
        medan = next((m for k, m, _u, _s in _isian(ind) if k == isian), None)
        if medan is None:
            boleh = ", ".join(k for k, *_ in _isian(ind))
            hasil.kesalahan.append(
                Kesalahan(nomor, kode, f"Isian '{isian}' tidak dikenal untuk {kode}; pilih: {boleh}.")
            )
            continue
        if (ind.pk, medan) in sudah:
            hasil.kesalahan.append(
                Kesalahan(nomor, kode, f"Isian '{isian}' sudah ada pada baris {sudah[(ind.pk, medan)]}.")
            )
            continue
        sudah[(ind.pk, medan)] = nomor
        hasil.nomor_baris[(ind.pk, medan)] = nomor
        hasil.nomor_baris.setdefault((ind.pk, ""), nomor)
        hasil.data_form[f"i{ind.pk}-{medan}"] = _teks_nilai(isi)
    if not hasil.data_form and not hasil.kesalahan:
        hasil.kesalahan.append(Kesalahan(None, "", "Tidak ada nilai yang diisi pada berkas."))
    return hasil
