"""Budget workbooks: reading a realisation export (one row per sub kegiatan) and writing tables.

Reading does not touch the database or a request: `baca(berkas)` takes any binary file and returns the rows as
plain values with every problem found, each located as "Baris 7, kolom 'Pagu': …" in Bahasa Indonesia.
Matching the codes to sub kegiatan, and writing, is `sakip.anggaran.services`' job.

Expected layout (the usual financial-system export): one header row, then one row per sub kegiatan.
Columns are found by their header, in any order: Kode, Nama, Pagu, Realisasi, Target keluaran, Realisasi
keluaran, Satuan, Jenis belanja, Kode unit (the last three optional). Money and output cells may be numbers or
Indonesian-formatted text (`1.234.567,89`, `Rp 1.000`).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from sakip.lib import angka, xlsx, xlsx_baca

BATAS_UKURAN = 10 * 1024 * 1024
# A 10 MB xlsx can expand enormously (zip bomb); 10.000 budget rows unpack to a few megabytes.
BATAS_UKURAN_TERURAI = 200 * 1024 * 1024
BATAS_BARIS = 50_000
_BARIS_CARI_JUDUL = 10  # the header row must be among the first rows
JENIS_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_DUA_DESIMAL = Decimal("0.01")


class BerkasDitolak(Exception):
    """The upload is not a workbook we will open at all; the message says why, in Bahasa Indonesia."""


@dataclass(frozen=True)
class Kesalahan:
    baris: int | None
    kolom: str | None
    pesan: str

    def __str__(self) -> str:
        letak = []
        if self.baris is not None:
            letak.append(f"Baris {self.baris}")
        if self.kolom:
            letak.append(f"kolom '{self.kolom}'")
        return f"{', '.join(letak)}: {self.pesan}" if letak else self.pesan


@dataclass(frozen=True)
class BarisImpor:
    """One sub kegiatan row of the workbook, as read (not yet matched to the database)."""

    nomor: int  # row number in the sheet, as Excel shows it
    kode: str
    nama: str
    pagu: Decimal
    realisasi: Decimal
    target_keluaran: Decimal | None
    realisasi_keluaran: Decimal | None
    satuan: str
    jenis_belanja: str  # "" when the column is absent or the cell empty
    kode_unit: str

    @property
    def lebih_pagu(self) -> bool:
        return self.realisasi > self.pagu


@dataclass
class HasilBaca:
    baris: list[BarisImpor] = field(default_factory=list)
    kesalahan: list[Kesalahan] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.kesalahan


# Header text (normalised: lower case, single spaces, no punctuation) → field. The first names are written by
# the template; the others are what financial-system exports are known to call the same column.
KOLOM = {
    "kode": ("kode", "kode sub kegiatan", "kode rekening", "kode subkegiatan"),
    "nama": ("nama", "nama sub kegiatan", "sub kegiatan", "uraian"),
    "pagu": ("pagu", "pagu anggaran", "anggaran", "pagu rp"),
    "realisasi": ("realisasi", "realisasi anggaran", "realisasi rp"),
    "target_keluaran": ("target keluaran", "target", "target kinerja", "target output"),
    "realisasi_keluaran": ("realisasi keluaran", "realisasi kinerja", "realisasi output"),
    "satuan": ("satuan", "satuan keluaran"),
    "jenis_belanja": ("jenis belanja",),
    "kode_unit": ("kode unit", "unit"),
}
JUDUL = {
    "kode": "Kode",
    "nama": "Nama",
    "pagu": "Pagu",
    "realisasi": "Realisasi",
    "target_keluaran": "Target keluaran",
    "realisasi_keluaran": "Realisasi keluaran",
    "satuan": "Satuan",
    "jenis_belanja": "Jenis belanja",
    "kode_unit": "Kode unit",
}
WAJIB = ("kode", "pagu", "realisasi")
JENIS_BELANJA = {
    "operasi": "operasi",
    "belanja operasi": "operasi",
    "bo": "operasi",
    "modal": "modal",
    "belanja modal": "modal",
    "bm": "modal",
}
_KELUARAN = re.compile(r"^\s*([-+]?[0-9][0-9.,]*)\s*(%|[^\d\s].*)?$")


def _normal(teks: object) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", str(teks or "").lower())).strip()


def periksa_berkas(berkas: IO[bytes]) -> bytes:
    """The upload's bytes if it is an xlsx of at most 10 MB (by content, not by name); else BerkasDitolak."""
    isi = berkas.read(BATAS_UKURAN + 1)
    if len(isi) > BATAS_UKURAN:
        raise BerkasDitolak(
            "Ukuran berkas melebihi batas 10 MB. Bagi berkas menjadi beberapa bagian lalu unggah kembali."
        )
    bukan_xlsx = BerkasDitolak(
        "Berkas bukan berkas Excel .xlsx yang valid. Simpan berkas sebagai 'Excel Workbook (.xlsx)' lalu unggah kembali."
    )
    if not zipfile.is_zipfile(io.BytesIO(isi)):
        raise bukan_xlsx
    try:
        with zipfile.ZipFile(io.BytesIO(isi)) as arsip:
            nama = set(arsip.namelist())
            terurai = sum(info.file_size for info in arsip.infolist())
    except zipfile.BadZipFile:
        raise bukan_xlsx from None
    if "[Content_Types].xml" not in nama or "xl/workbook.xml" not in nama:
        raise bukan_xlsx
    if terurai > BATAS_UKURAN_TERURAI:
        raise BerkasDitolak("Isi berkas terlalu besar setelah diurai. Periksa kembali berkas Excel Anda.")
    return isi


def _uang(nilai: Any, judul: str) -> Decimal:
    """A money cell: a number, or Indonesian text; at most two decimals. Raises ValueError(message)."""
    if isinstance(nilai, bool):
        raise ValueError(f"isi '{nilai}' bukan angka")
    if isinstance(nilai, int | Decimal):
        hasil = Decimal(nilai)
    elif isinstance(nilai, float):
        hasil = Decimal(repr(nilai))
    elif isinstance(nilai, str):
        try:
            hasil = angka.parse_angka(nilai)
        except angka.AngkaError:
            raise ValueError(
                f"'{nilai.strip()}' bukan angka rupiah (contoh: 1.234.567 atau 1.234.567,50)"
            ) from None
    else:
        raise ValueError(f"isi '{nilai}' bukan angka")
    if not hasil.is_finite():
        raise ValueError(f"isi '{nilai}' bukan angka")
    if hasil != hasil.quantize(_DUA_DESIMAL, rounding="ROUND_DOWN"):
        raise ValueError(f"'{nilai}' memiliki lebih dari dua angka desimal")
    if hasil < 0:
        raise ValueError(f"{judul} tidak boleh negatif ({angka.format_rupiah(hasil)})")
    return hasil


def _keluaran(nilai: Any) -> tuple[Decimal | None, str]:
    """An output cell: a number, or text such as `12 Dokumen` / `85%` (the unit is returned too)."""
    if nilai is None or (isinstance(nilai, str) and not nilai.strip()):
        return None, ""
    if isinstance(nilai, bool):
        raise ValueError(f"isi '{nilai}' bukan angka")
    if isinstance(nilai, int | Decimal):
        hasil, satuan = Decimal(nilai), ""
    elif isinstance(nilai, float):
        hasil, satuan = Decimal(repr(nilai)), ""
    elif isinstance(nilai, str):
        cocok = _KELUARAN.match(nilai)
        if not cocok:
            raise ValueError(f"'{nilai.strip()}' bukan angka (contoh: 12 atau 12 Dokumen)")
        try:
            hasil = angka.parse_angka(cocok.group(1))
        except angka.AngkaError:
            raise ValueError(f"'{nilai.strip()}' bukan angka (contoh: 12 atau 12 Dokumen)") from None
        satuan = (cocok.group(2) or "").strip()
    else:
        raise ValueError(f"isi '{nilai}' bukan angka")
    if not hasil.is_finite():
        raise ValueError(f"isi '{nilai}' bukan angka")
    if hasil < 0:
        raise ValueError("nilai keluaran tidak boleh negatif")
    return hasil, satuan


def _teks(nilai: Any) -> str:
    if nilai is None:
        return ""
    if isinstance(nilai, float) and nilai.is_integer():
        nilai = int(nilai)
    return str(nilai).strip()


def _cari_kepala(baris: Sequence[Any]) -> dict[str, int] | None:
    posisi: dict[str, int] = {}
    for i, sel in enumerate(baris):
        teks = _normal(sel)
        for kunci, nama in KOLOM.items():
            if teks in nama and kunci not in posisi:
                posisi[kunci] = i
                break
    return posisi if all(k in posisi for k in WAJIB) else None


def baca(berkas: IO[bytes]) -> HasilBaca:
    """Read a realisation workbook (first sheet). Raises BerkasDitolak for a file that is not an xlsx, or one
    beyond the reader's limits (rows, columns, size, time: `sakip.lib.xlsx_baca`)."""
    isi = periksa_berkas(berkas)
    try:
        buku = xlsx_baca.baca(isi, maks_baris=BATAS_BARIS, baris_judul=_BARIS_CARI_JUDUL + 1)
    except xlsx_baca.WorkbookDitolak as exc:
        raise BerkasDitolak(str(exc)) from None
    return _baca_sheet(buku.lembar[0].baris)


def _baca_sheet(rows: Iterable[tuple[int, Sequence[Any]]]) -> HasilBaca:
    hasil = HasilBaca()
    kepala: dict[str, int] | None = None
    pertama: dict[str, int] = {}  # "KODE UNIT/kode" → first row
    for nomor, nilai in rows:
        if kepala is None:
            if nomor > _BARIS_CARI_JUDUL:
                break
            kepala = _cari_kepala(nilai)
            continue
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in nilai):
            continue
        if len(hasil.baris) + len(hasil.kesalahan) > BATAS_BARIS:
            hasil.kesalahan.append(Kesalahan(nomor, None, f"Berkas melebihi {BATAS_BARIS} baris data."))
            break
        baris = _baca_baris(nomor, nilai, kepala, hasil.kesalahan)
        if baris is None:
            continue
        kunci = f"{baris.kode_unit.upper()}/{baris.kode}"
        if kunci in pertama:
            hasil.kesalahan.append(
                Kesalahan(nomor, "Kode", f"kode {baris.kode} sudah ada pada baris {pertama[kunci]}")
            )
            continue
        pertama[kunci] = nomor
        hasil.baris.append(baris)
    if kepala is None:
        hasil.kesalahan.append(
            Kesalahan(
                None,
                None,
                "Baris judul kolom tidak ditemukan: sheet pertama harus memiliki baris judul dengan kolom "
                "'Kode', 'Pagu' dan 'Realisasi' (lihat templat).",
            )
        )
    elif not hasil.baris and not hasil.kesalahan:
        hasil.kesalahan.append(Kesalahan(None, None, "Berkas tidak berisi baris data di bawah baris judul."))
    return hasil


def _baca_baris(
    nomor: int, nilai: Sequence[Any], kepala: dict[str, int], kesalahan: list[Kesalahan]
) -> BarisImpor | None:
    def sel(kunci: str) -> Any:
        i = kepala.get(kunci)
        return nilai[i] if i is not None and i < len(nilai) else None

    awal = len(kesalahan)

    def salah(kunci: str, pesan: str) -> None:
        kesalahan.append(Kesalahan(nomor, JUDUL[kunci], pesan))

    kode = _teks(sel("kode"))
    if not kode:
        salah("kode", "kode sub kegiatan wajib diisi")
    elif len(kode) > 40:
        salah("kode", "kode sub kegiatan lebih dari 40 karakter")
    uang: dict[str, Decimal] = {}
    for kunci in ("pagu", "realisasi"):
        mentah = sel(kunci)
        if mentah is None or (isinstance(mentah, str) and not mentah.strip()):
            if kunci == "pagu":
                salah(kunci, "pagu wajib diisi")
            else:
                uang[kunci] = Decimal(0)
            continue
        try:
            uang[kunci] = _uang(mentah, JUDUL[kunci])
        except (ValueError, InvalidOperation) as exc:
            salah(kunci, str(exc))
    keluaran: dict[str, Decimal | None] = {}
    satuan_teks = ""
    for kunci in ("target_keluaran", "realisasi_keluaran"):
        try:
            keluaran[kunci], satuan = _keluaran(sel(kunci))
        except (ValueError, InvalidOperation) as exc:
            salah(kunci, str(exc))
            continue
        satuan_teks = satuan_teks or satuan
    jenis = ""
    mentah_jenis = _teks(sel("jenis_belanja"))
    if mentah_jenis:
        jenis = JENIS_BELANJA.get(_normal(mentah_jenis), "")
        if not jenis:
            salah("jenis_belanja", f"'{mentah_jenis}' tidak dikenal; isi Operasi atau Modal")
    if len(kesalahan) > awal:
        return None
    return BarisImpor(
        nomor=nomor,
        kode=kode,
        nama=_teks(sel("nama")),
        pagu=uang["pagu"],
        realisasi=uang["realisasi"],
        target_keluaran=keluaran.get("target_keluaran"),
        realisasi_keluaran=keluaran.get("realisasi_keluaran"),
        satuan=_teks(sel("satuan")) or satuan_teks,
        jenis_belanja=jenis,
        kode_unit=_teks(sel("kode_unit")),
    )


# --- writing ---------------------------------------------------------------------------------------------------

_FORMAT = {"rupiah": "#,##0", "uang": "#,##0", "persen": "0.00", "angka": "#,##0.##", "teks": "@"}
_JUDUL_FILL = PatternFill("solid", fgColor="E8F1FA")


@dataclass(frozen=True)
class KolomEkspor:
    judul: str
    jenis: str = "teks"  # teks, rupiah, uang, persen, angka
    lebar: int = 16


def tulis_tabel(
    *,
    judul: str,
    subjudul: str = "",
    kolom: Sequence[KolomEkspor],
    baris: Iterable[tuple[Sequence[Any], str]],
    catatan: Sequence[str] = (),
    nama_sheet: str = "Tabel",
) -> bytes:
    """A one-sheet workbook: title, header row, rows (values with a style: "", "tebal"), then notes.

    Numbers are written as numbers (Decimal) with a number format; text is neutralised against formulas.
    """
    wb = Workbook()
    ws = wb.active
    ws.title = nama_sheet[:31]
    xlsx.tambah_baris(ws, [judul])
    ws["A1"].font = Font(bold=True, size=12)
    if subjudul:
        xlsx.tambah_baris(ws, [subjudul])
    ws.append([])
    xlsx.tambah_baris(ws, [k.judul for k in kolom])
    kepala = ws.max_row
    for i, k in enumerate(kolom, start=1):
        sel = ws.cell(row=kepala, column=i)
        sel.font = Font(bold=True)
        sel.fill = _JUDUL_FILL
        sel.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(i)].width = k.lebar
    for nilai, gaya in baris:
        xlsx.tambah_baris(ws, nilai)
        r = ws.max_row
        for i, k in enumerate(kolom, start=1):
            sel = ws.cell(row=r, column=i)
            if isinstance(sel.value, int | float | Decimal) and not isinstance(sel.value, bool):
                sel.number_format = _FORMAT.get(k.jenis, "General")
            else:
                sel.alignment = Alignment(wrap_text=True, vertical="top")
            if gaya:
                sel.font = Font(bold=True)
    if catatan:
        ws.append([])
        for teks in catatan:
            xlsx.tambah_baris(ws, [teks])
    ws.freeze_panes = ws.cell(row=kepala + 1, column=1)
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def tulis_templat(baris: Iterable[Sequence[Any]] = ()) -> bytes:
    """The import template: the header row, optionally prefilled rows (e.g. the user's sub kegiatan)."""
    kolom = [
        KolomEkspor(JUDUL["kode"], "teks", 22),
        KolomEkspor(JUDUL["nama"], "teks", 50),
        KolomEkspor(JUDUL["pagu"], "uang", 18),
        KolomEkspor(JUDUL["realisasi"], "uang", 18),
        KolomEkspor(JUDUL["target_keluaran"], "angka", 14),
        KolomEkspor(JUDUL["realisasi_keluaran"], "angka", 14),
        KolomEkspor(JUDUL["satuan"], "teks", 14),
        KolomEkspor(JUDUL["jenis_belanja"], "teks", 14),
        KolomEkspor(JUDUL["kode_unit"], "teks", 18),
    ]
    wb = Workbook()
    ws = wb.active
    ws.title = "Realisasi"
    xlsx.tambah_baris(ws, [k.judul for k in kolom])
    for i, k in enumerate(kolom, start=1):
        ws.cell(row=1, column=i).font = Font(bold=True)
        ws.cell(row=1, column=i).fill = _JUDUL_FILL
        ws.column_dimensions[get_column_letter(i)].width = k.lebar
    for nilai in baris:
        xlsx.tambah_baris(ws, nilai)
        for i, k in enumerate(kolom, start=1):
            sel = ws.cell(row=ws.max_row, column=i)
            if isinstance(sel.value, int | Decimal) and not isinstance(sel.value, bool):
                sel.number_format = _FORMAT[k.jenis]
    petunjuk = wb.create_sheet("Petunjuk")
    for teks in (
        "Satu baris per sub kegiatan. Baris pertama sheet 'Realisasi' adalah judul kolom; jangan diubah.",
        "Kode: kode sub kegiatan Permendagri 90/2019, mis. 4.01.01.2.06.0009.",
        "Pagu dan Realisasi dalam rupiah: angka, atau teks berformat Indonesia (1.234.567,50).",
        "Target/Realisasi keluaran: angka; satuan di kolom Satuan (mis. Dokumen, Orang/Bulan).",
        "Jenis belanja: Operasi atau Modal (kosong: tidak diubah; baris baru menjadi Operasi).",
        "Kode unit: isi bila kode sub kegiatan yang sama dipakai beberapa unit (mis. SETDA.UMUM).",
        "Realisasi melebihi pagu harus dikonfirmasi pada halaman pratinjau sebelum disimpan.",
    ):
        xlsx.tambah_baris(petunjuk, [teks])
    petunjuk.column_dimensions["A"].width = 110
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()
