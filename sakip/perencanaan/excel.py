"""Excel workbooks of a unit's Renstra (tujuan, sasaran, IKU with formula inputs and targets, programs), PK.

One layout serves three purposes: the empty template (`buat_templat`, `buat_templat_pk`), the import
(`baca_renstra`, `baca_pk`: every error with its sheet, row and column, in Bahasa Indonesia; nothing written)
and the export (`ekspor_renstra`, `ekspor_pk`), which re-imports to the same state. Values go through
`paket.RenstraData` / `paket.PKData`, so an import is written by `paket.apply_renstra` / `paket.apply_pk`
under the same rules as the demo data, all or nothing.

No request objects here: the caller passes the pemda and, for access, the units the user may write.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, Generic, TypeVar

import openpyxl
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, ProtectedError, Q, QuerySet
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from sakip.lib import angka, rumus, xlsx, xlsx_baca
from sakip.lib.xlsx import Kesalahan
from sakip.organisasi.models import Pemda, Pengguna, UnitKerja
from sakip.perencanaan import nomenklatur, paket, satuan
from sakip.perencanaan.models import (
    ANGKA,
    RUPIAH,
    Agregasi,
    Frekuensi,
    Indikator,
    JenisIndikator,
    Kegiatan,
    PerjanjianKinerja,
    PKIndikator,
    PKProgram,
    Polaritas,
    Program,
    RencanaStrategis,
    Sasaran,
    SubKegiatan,
    Target,
    Tujuan,
    VariabelIndikator,
    VersiNomenklatur,
    satuan_pemda,
)

JENIS_BERKAS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAKS_UKURAN = 5 * 1024 * 1024
# A 5 MB zip can inflate to gigabytes; a real workbook of this size stays far below this.
_MAKS_ISI = 100 * 1024 * 1024
_MAKS_BARIS = 10_000

T = TypeVar("T")


# --- Errors and results -------------------------------------------------------------------------------------


@dataclass
class HasilBaca(Generic[T]):
    """What a workbook holds: `data` only when `kesalahan` is empty."""

    data: T | None
    kesalahan: list[Kesalahan] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.data is not None and not self.kesalahan


# --- Layout -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kolom:
    judul: str
    lebar: int = 16
    pilihan: tuple[str, ...] = ()  # a drop-down list (data validation)
    opsional: bool = False  # the column may be missing from a file (informational or for disambiguation)


SHEET_PETUNJUK = "Petunjuk"
SHEET_DAFTAR = "Daftar"
SHEET_RENSTRA = "Renstra"
SHEET_TUJUAN = "Tujuan"
SHEET_SASARAN = "Sasaran"
SHEET_INDIKATOR = "Indikator"
SHEET_VARIABEL = "Variabel"
SHEET_TARGET = "Target"
SHEET_PROGRAM = "Program"
SHEET_KEGIATAN = "Kegiatan"
SHEET_SUB = "Sub Kegiatan"
SHEET_PK = "PK"
SHEET_TARGET_PK = "Target PK"
SHEET_PAGU = "Pagu Program"

YA, TIDAK = "Ya", "Tidak"
JENIS_LABEL = {
    JenisIndikator.PERSENTASE: "Persentase",
    JenisIndikator.JUMLAH: "Jumlah",
    JenisIndikator.INDEKS: "Indeks",
    JenisIndikator.NILAI: "Nilai",
    JenisIndikator.PREDIKAT: "Predikat",
}
POLARITAS_LABEL = {Polaritas.POSITIF: "Positif", Polaritas.NEGATIF: "Negatif", Polaritas.STABIL: "Stabil"}
FREKUENSI_LABEL = {
    Frekuensi.BULANAN: "Bulanan",
    Frekuensi.TRIWULANAN: "Triwulanan",
    Frekuensi.SEMESTERAN: "Semesteran",
    Frekuensi.TAHUNAN: "Tahunan",
}
AGREGASI_LABEL = {
    Agregasi.KUMULATIF: "Kumulatif",
    Agregasi.RATA_RATA: "Rata-rata",
    Agregasi.NILAI_AKHIR: "Nilai akhir",
}

ISIAN_RENSTRA = ("Kode unit", "Nama Renstra", "Tahun mulai", "Tahun selesai", "Visi", "Misi")
ISIAN_PK = (
    "Kode unit",
    "Tahun",
    "Tahun mulai Renstra",
    "Pihak pertama nama",
    "Pihak pertama jabatan",
    "Pihak kedua nama",
    "Pihak kedua jabatan",
    "Tempat",
)
# Rows a workbook may lack (older templates were made without them).
ISIAN_PK_OPSIONAL = ("Pihak pertama NIP", "Pihak kedua NIP")
KOLOM_ISIAN = (Kolom("Isian", 26), Kolom("Nilai", 90))
KOLOM_TUJUAN = (Kolom("Kode", 12), Kolom("Uraian", 80))
KOLOM_SASARAN = (
    Kolom("Kode", 12),
    Kolom("Kode tujuan", 14),
    Kolom("Uraian", 60),
    Kolom("Strategi", 45),
    Kolom("Kebijakan", 45),
)
KOLOM_INDIKATOR = (
    Kolom("Kode", 12),
    Kolom("Induk", 14),
    Kolom("Nama", 50),
    Kolom("Satuan", 16),
    Kolom("Jenis", 13, tuple(JENIS_LABEL.values())),
    Kolom("Skala predikat", 22),
    Kolom("Polaritas", 12, tuple(POLARITAS_LABEL.values())),
    Kolom("Agregasi", 13, tuple(AGREGASI_LABEL.values())),
    Kolom("Formulasi", 40),
    Kolom("Uraian cara perhitungan", 45),
    Kolom("Definisi", 45),
    Kolom("Alasan", 40),
    Kolom("Sumber data", 30),
    Kolom("Penanggung jawab", 18),
    Kolom("IKU", 8, (YA, TIDAK)),
    Kolom("Kondisi awal", 14),
    Kolom("Kondisi akhir", 14),
    Kolom("Mendukung", 24),
    # Optional so that workbooks made before the column existed still import (as Triwulanan).
    Kolom("Frekuensi", 14, tuple(FREKUENSI_LABEL.values()), opsional=True),
)
KOLOM_VARIABEL = (
    Kolom("Kode indikator", 16),
    Kolom("Nama variabel", 30),
    Kolom("Uraian", 50),
    Kolom("Satuan", 16),
)
KOLOM_TARGET = (Kolom("Kode indikator", 16), Kolom("Indikator (informasi)", 50, opsional=True))
KOLOM_PROGRAM = (
    Kolom("Kode unit", 14),
    Kolom("Kode program", 16),
    Kolom("Nama program", 55),
    Kolom("Sasaran", 22),
)
KOLOM_KEGIATAN = (
    Kolom("Kode program", 16),
    Kolom("Kode unit", 14),
    Kolom("Kode kegiatan", 22),
    Kolom("Nama", 55),
)
KOLOM_SUB = (
    Kolom("Kode kegiatan", 22),
    Kolom("Kode sub kegiatan", 26),
    Kolom("Nama", 55),
    Kolom("Indikator keluaran", 45),
    Kolom("Satuan keluaran", 16),
    Kolom("Kode program", 16, opsional=True),
    Kolom("Kode unit", 14, opsional=True),
)
KOLOM_TARGET_PK = (
    Kolom("Kode indikator", 16),
    Kolom("Sasaran (informasi)", 40, opsional=True),
    Kolom("Indikator (informasi)", 50, opsional=True),
    Kolom("Satuan (informasi)", 14, opsional=True),
    Kolom("Target", 16),
)
KOLOM_PAGU = (
    Kolom("Kode unit", 14),
    Kolom("Kode program", 16),
    Kolom("Nama program (informasi)", 55, opsional=True),
    Kolom("Pagu", 22),
)

_FORMAT_TAHUN = re.compile(r"^(?:target\s*)?(\d{4})$")


def _kunci(teks: str) -> str:
    """Comparison key of a header or a choice: case-folded, '_'/'-' as spaces, no '*' or ':'."""
    teks = re.sub(r"[*:]", "", teks or "")
    return re.sub(r"[\s_\-]+", " ", teks).strip().casefold()


def _peta_pilihan(choices: Iterable[tuple[str, str]], pendek: dict[str, str]) -> dict[str, str]:
    peta: dict[str, str] = {}
    for value, label in choices:
        for teks in (value, label, pendek[value]):
            peta[_kunci(teks)] = value
    return peta


PETA_JENIS = _peta_pilihan(JenisIndikator.choices, JENIS_LABEL)
PETA_POLARITAS = _peta_pilihan(Polaritas.choices, POLARITAS_LABEL)
PETA_AGREGASI = _peta_pilihan(Agregasi.choices, AGREGASI_LABEL)
PETA_FREKUENSI = _peta_pilihan(Frekuensi.choices, FREKUENSI_LABEL)


# --- Writing ------------------------------------------------------------------------------------------------

_FONT_JUDUL = Font(bold=True)
_ISI_JUDUL = PatternFill("solid", fgColor="DDEBF7")
_BUNGKUS = Alignment(wrap_text=True, vertical="top")


def _tulis(cell: Cell, nilai: object) -> None:
    """Write a value; text a spreadsheet could run as a formula (= + - @) is stored and shown as plain text."""
    if nilai is None or nilai == "":
        return
    xlsx.tulis_nilai(cell, nilai)
    if isinstance(nilai, str) and "\n" in nilai:
        cell.alignment = _BUNGKUS


def _judul(ws: Worksheet, kolom: Sequence[Kolom | str]) -> None:
    for i, k in enumerate(kolom, start=1):
        k = k if isinstance(k, Kolom) else Kolom(k)
        cell = xlsx.isi(ws, 1, i, k.judul)
        cell.font, cell.fill = _FONT_JUDUL, _ISI_JUDUL
        ws.column_dimensions[get_column_letter(i)].width = k.lebar
    ws.freeze_panes = "A2"


def _validasi(ws: Worksheet, kolom: Sequence[Kolom], jumlah_baris: int) -> None:
    akhir = max(500, jumlah_baris + 200)
    for i, k in enumerate(kolom, start=1):
        huruf = get_column_letter(i)
        if k.pilihan:
            dv = DataValidation(
                type="list",
                formula1='"' + ",".join(k.pilihan) + '"',
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=f"{k.judul} tidak sah",
                error=f"Pilih salah satu: {', '.join(k.pilihan)}.",
            )
        elif k.judul == "Satuan" and ws.title == SHEET_INDIKATOR:
            # A suggestion list: a pemda's own satuan is still allowed (warning only).
            dv = DataValidation(
                type="list",
                formula1=f"'{SHEET_DAFTAR}'!$A$2:$A${len(satuan.SATUAN) + 1}",
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="warning",
                errorTitle="Satuan di luar daftar",
                error="Satuan ini tidak ada pada daftar; impor menerimanya bila sudah dipakai di pemda Anda.",
            )
        else:
            continue
        dv.add(f"{huruf}2:{huruf}{akhir}")
        ws.add_data_validation(dv)


def _lembar_tabel(
    wb: Any, judul: str, kolom: Sequence[Kolom], baris: Sequence[Sequence[object]]
) -> Worksheet:
    ws = wb.create_sheet(judul)
    _judul(ws, kolom)
    for r, isi in enumerate(baris, start=2):
        for c, nilai in enumerate(isi, start=1):
            _tulis(ws.cell(row=r, column=c), nilai)
    _validasi(ws, kolom, len(baris))
    return ws


def _lembar_isian(wb: Any, judul: str, isian: Sequence[tuple[str, object]]) -> Worksheet:
    ws = wb.create_sheet(judul)
    _judul(ws, KOLOM_ISIAN)
    for r, (label, nilai) in enumerate(isian, start=2):
        xlsx.isi(ws, r, 1, label).font = _FONT_JUDUL
        cell = ws.cell(row=r, column=2)
        _tulis(cell, nilai)
        cell.alignment = _BUNGKUS
    return ws


def _lembar_petunjuk(wb: Any, baris: Sequence[str]) -> None:
    ws = wb.active
    ws.title = SHEET_PETUNJUK
    ws.column_dimensions["A"].width = 130
    for r, teks in enumerate(baris, start=1):
        cell = ws.cell(row=r, column=1)
        _tulis(cell, teks)
        cell.alignment = _BUNGKUS
        if r == 1 or (teks and teks.isupper()):
            cell.font = _FONT_JUDUL


def _lembar_daftar(wb: Any) -> None:
    ws = wb.create_sheet(SHEET_DAFTAR)
    xlsx.isi(ws, 1, 1, "Satuan yang dikenal").font = _FONT_JUDUL
    for r, s in enumerate(satuan.SATUAN, start=2):
        _tulis(ws.cell(row=r, column=1), s)
    ws.sheet_state = "hidden"


def _simpan(wb: Any) -> bytes:
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def _judul_target(tahun: Iterable[int]) -> list[Kolom]:
    return [*KOLOM_TARGET, *(Kolom(f"Target {t}", 14) for t in tahun)]


PETUNJUK_RENSTRA = (
    "PETUNJUK PENGISIAN TEMPLAT RENSTRA, IKU DAN TARGET",
    "Isi setiap sheet mulai baris 2; baris 1 adalah judul kolom dan jangan diubah. Baris kosong "
    "diabaikan. Jangan memakai rumus Excel (=...): tulis nilainya. Ukuran berkas maksimal 5 MB, format "
    ".xlsx.",
    "Impor bersifat semua-atau-tidak-sama-sekali: bila ada satu kesalahan, tidak ada data yang disimpan "
    "dan semua kesalahan ditampilkan dengan nama sheet, nomor baris dan kolomnya. Sebelum disimpan, Anda "
    "melihat pratinjau.",
    "Renstra unit yang sama dengan tahun mulai yang sama akan DIPERBARUI: tujuan, sasaran dan indikator "
    "yang tidak ada pada berkas akan dihapus; program, kegiatan dan sub kegiatan pada berkas ditambahkan "
    "atau diperbarui.",
    "",
    "SHEET RENSTRA",
    "Kolom A berisi nama isian, kolom B nilainya. Kode unit: kode unit kerja (mis. SETDA.A). Tahun mulai "
    "dan tahun selesai: angka tahun. Misi: satu misi per baris dalam satu sel (Alt+Enter untuk baris "
    "baru).",
    "",
    "SHEET TUJUAN dan SASARAN",
    "Kode wajib dan tidak boleh ganda. Kode tujuan pada sheet Sasaran boleh kosong (sasaran tanpa "
    "tujuan), bila diisi harus ada pada sheet Tujuan. Strategi dan Kebijakan: satu per baris dalam sel.",
    "",
    "SHEET INDIKATOR",
    "Kode: kode indikator, tidak boleh ganda. Induk: kode tujuan atau kode sasaran pemilik indikator "
    "(bila kode tujuan dan sasaran sama, tulis 'Tujuan: T1' atau 'Sasaran: S1').",
    "Satuan: pilih dari daftar (mis. Persen, Indeks, Nilai, Predikat, Dokumen) atau satuan yang sudah "
    "dipakai indikator lain di pemda Anda.",
    f"Jenis: {', '.join(JENIS_LABEL.values())}. Polaritas: {', '.join(POLARITAS_LABEL.values())}. "
    f"Agregasi (triwulan ke tahunan): {', '.join(AGREGASI_LABEL.values())}. IKU: Ya atau Tidak.",
    f"Frekuensi pelaporan: {', '.join(FREKUENSI_LABEL.values())}; kosong = Triwulanan. Bulanan dilaporkan "
    "per bulan (digabung menjadi triwulan dan tahun), semesteran pada Triwulan II dan IV, tahunan pada periode "
    "Tahunan.",
    "Skala predikat (hanya untuk jenis Predikat): tingkatan dari terendah ke tertinggi dipisah koma, mis."
    " D, C, CC, B, BB, A, AA.",
    "Formulasi: rumus atas variabel masukan, mis. 'difasilitasi / usulan × 100' (operator + - * / × ÷ dan"
    " kurung). Setiap nama variabel dalam rumus harus dicantumkan pada sheet Variabel untuk indikator "
    "itu. Kosongkan bila nilai indikator diisi langsung.",
    "Penanggung jawab: kode unit kerja. Kondisi awal / akhir: angka (mis. 85,5) atau teks (mis. BB).",
    "Mendukung: indikator unit induk yang didukung, ditulis KODEUNIT/TAHUNMULAI/KODEINDIKATOR, mis. SETDA/2024/IKU01 "
    "(tahun mulai Renstra unit induk; tanpa tahun hanya diterima bila kode itu ada pada satu Renstra saja).",
    "",
    "SHEET VARIABEL",
    "Satu baris per variabel masukan rumus: kode indikator, nama variabel (huruf, angka dan garis bawah, "
    "tanpa spasi, tidak diawali angka, mis. kebijakan_difasilitasi), uraian dan satuan.",
    "",
    "SHEET TARGET",
    "Satu baris per indikator; satu kolom per tahun periode dengan judul 'Target 2025', 'Target 2026', "
    "dst. Sesuaikan tahun pada judul kolom dengan periode Renstra; kolom tahun yang tidak terpakai "
    "biarkan kosong atau hapus. Penulisan target: 100, 85,5, 1.234,5, 86 (Baik), 80–90 (rentang), atau "
    "tingkatan predikat mis. BB. Sel kosong berarti tidak ada target tahun itu. Kolom 'Indikator "
    "(informasi)' tidak dibaca.",
    "",
    "SHEET PROGRAM, KEGIATAN, SUB KEGIATAN",
    "Program: kode unit pelaksana (unit Renstra atau sub-unitnya), kode dan nama program (Permendagri "
    "90/2019), Sasaran: kode sasaran yang didukung dipisah koma. Kegiatan: kode program dan kode unit "
    "programnya, kode dan nama kegiatan. Sub Kegiatan: kode kegiatan, kode dan nama sub kegiatan, "
    "indikator dan satuan keluaran; kolom Kode program dan Kode unit diisi bila kode kegiatan yang sama "
    "dipakai lebih dari satu program.",
)

PETUNJUK_PK = (
    "PETUNJUK PENGISIAN TEMPLAT PERJANJIAN KINERJA (PK)",
    "Isi setiap sheet mulai baris 2; baris 1 adalah judul kolom dan jangan diubah. Jangan memakai rumus "
    "Excel. Ukuran berkas maksimal 5 MB, format .xlsx. Impor bersifat semua-atau-tidak-sama-sekali.",
    "",
    "SHEET PK",
    "Kode unit, Tahun PK, Tahun mulai Renstra (Renstra unit itu harus sudah ada dan tahun PK berada dalam"
    " periodenya), nama dan jabatan pihak pertama dan pihak kedua, tempat penandatanganan.",
    "Bila PK tahun itu belum ada, PK draf dibuat dari indikator sasaran Renstra; bila sudah ada dan masih"
    " draf, diperbarui. PK yang sudah final hanya dapat diubah melalui PK Perubahan di aplikasi.",
    "",
    "SHEET TARGET PK",
    "Kode indikator (indikator sasaran pada Renstra) dan target tahun PK: angka (mis. 85,5) atau "
    "tingkatan predikat (mis. BB). Sel target kosong berarti target tidak diubah. Kolom bertanda "
    "(informasi) tidak dibaca.",
    "",
    "SHEET PAGU PROGRAM",
    "Kode unit dan kode program (program unit itu atau sub-unitnya) dan pagu dalam rupiah, mis. "
    "1.250.000.000.",
)


def buat_templat(
    *, tahun_mulai: int | None = None, tahun_selesai: int | None = None, kode_unit: str = ""
) -> bytes:
    """An empty Renstra workbook with instructions, headers and drop-down lists; the Target sheet has one
    column per year of the period (by default five years from the current one)."""
    if tahun_mulai is None:
        tahun_mulai = datetime.date.today().year
    if tahun_selesai is None or tahun_selesai < tahun_mulai:
        tahun_selesai = tahun_mulai + 4
    return _buku_renstra(
        [
            ("Kode unit", kode_unit),
            ("Nama Renstra", ""),
            ("Tahun mulai", tahun_mulai),
            ("Tahun selesai", tahun_selesai),
            ("Visi", ""),
            ("Misi", ""),
        ],
        tahun=range(tahun_mulai, tahun_selesai + 1),
    )


def buat_templat_pk(*, kode_unit: str = "", tahun: int | None = None) -> bytes:
    """An empty PK workbook."""
    return _buku_pk(
        [
            ("Kode unit", kode_unit),
            ("Tahun", tahun),
            ("Tahun mulai Renstra", None),
            ("Pihak pertama nama", ""),
            ("Pihak pertama jabatan", ""),
            ("Pihak pertama NIP", ""),
            ("Pihak kedua nama", ""),
            ("Pihak kedua jabatan", ""),
            ("Pihak kedua NIP", ""),
            ("Tempat", ""),
        ],
    )


def _buku_renstra(
    isian: Sequence[tuple[str, object]],
    *,
    tahun: Iterable[int],
    tujuan: Sequence[Sequence[object]] = (),
    sasaran: Sequence[Sequence[object]] = (),
    indikator: Sequence[Sequence[object]] = (),
    variabel: Sequence[Sequence[object]] = (),
    target: Sequence[Sequence[object]] = (),
    program: Sequence[Sequence[object]] = (),
    kegiatan: Sequence[Sequence[object]] = (),
    sub_kegiatan: Sequence[Sequence[object]] = (),
) -> bytes:
    wb = openpyxl.Workbook()
    _lembar_petunjuk(wb, PETUNJUK_RENSTRA)
    _lembar_isian(wb, SHEET_RENSTRA, isian)
    _lembar_tabel(wb, SHEET_TUJUAN, KOLOM_TUJUAN, tujuan)
    _lembar_tabel(wb, SHEET_SASARAN, KOLOM_SASARAN, sasaran)
    _lembar_tabel(wb, SHEET_INDIKATOR, KOLOM_INDIKATOR, indikator)
    _lembar_tabel(wb, SHEET_VARIABEL, KOLOM_VARIABEL, variabel)
    _lembar_tabel(wb, SHEET_TARGET, _judul_target(tahun), target)
    _lembar_tabel(wb, SHEET_PROGRAM, KOLOM_PROGRAM, program)
    _lembar_tabel(wb, SHEET_KEGIATAN, KOLOM_KEGIATAN, kegiatan)
    _lembar_tabel(wb, SHEET_SUB, KOLOM_SUB, sub_kegiatan)
    _lembar_daftar(wb)
    return _simpan(wb)


def _buku_pk(
    isian: Sequence[tuple[str, object]],
    *,
    target: Sequence[Sequence[object]] = (),
    pagu: Sequence[Sequence[object]] = (),
) -> bytes:
    wb = openpyxl.Workbook()
    _lembar_petunjuk(wb, PETUNJUK_PK)
    _lembar_isian(wb, SHEET_PK, isian)
    _lembar_tabel(wb, SHEET_TARGET_PK, KOLOM_TARGET_PK, target)
    _lembar_tabel(wb, SHEET_PAGU, KOLOM_PAGU, pagu)
    return _simpan(wb)


# --- Export -------------------------------------------------------------------------------------------------


_LABEL_BERSPASI = re.compile(r"^[A-Za-z][A-Za-z ]{0,20}$")


def _teks_target(t: Target) -> str:
    nilai = paket.services.NilaiTarget(t.nilai, t.nilai_atas, t.predikat, t.keterangan)
    if " " in t.keterangan and not t.predikat and _LABEL_BERSPASI.match(t.keterangan):
        # paket.parse_target drops the spaces of a label in brackets ("89,5 (Sangat Baik)" -> "SangatBaik"), so a
        # label with spaces is written in the other form it reads, "Sangat Baik = 89,5", which keeps them.
        return f"{t.keterangan} = {paket.format_target(replace(nilai, keterangan=''))}"
    return paket.format_target(nilai)


def _teks_kondisi(nilai: Decimal | None, teks: str) -> str:
    return teks or paket._angka_mentah(nilai)


def _kode_induk(kode: str, jenis: str, bentrok: set[str]) -> str:
    return f"{jenis}: {kode}" if kode in bentrok else kode


def ekspor_renstra(renstra: RencanaStrategis) -> bytes:
    """The Renstra in the template layout; importing it gives the same data. A fixed number of queries."""
    unit = renstra.unit_kerja
    tujuan = list(renstra.tujuan.all())
    sasaran = list(renstra.sasaran.all())
    indikator = list(
        Indikator.objects.filter(renstra=renstra)
        .select_related("penanggung_jawab", "mendukung__renstra__unit_kerja")
        .prefetch_related(Prefetch("target", queryset=Target.objects.order_by("tahun")), "variabel")
        .order_by("urutan", "kode")
    )
    program_ids = Program.objects.filter(
        Q(sasaran__renstra=renstra) | Q(unit_kerja=unit, sasaran__isnull=True)
    ).values("pk")
    programs = list(
        Program.objects.filter(pk__in=program_ids)
        .select_related("unit_kerja")
        .prefetch_related(
            Prefetch("sasaran", queryset=Sasaran.objects.filter(renstra=renstra).order_by("urutan", "kode")),
            "kegiatan__sub_kegiatan",
        )
        .order_by("unit_kerja__jalur", "kode")
    )

    # Same order as paket.RenstraData: sasaran grouped under their tujuan, then those without one; indicators
    # of tujuan first, then those of sasaran. apply_renstra numbers them in this order; a re-import keeps it.
    # The sorts are stable, so the stored order (urutan) holds within each group.
    urut_tujuan = {t.pk: i for i, t in enumerate(tujuan)}
    sasaran.sort(key=lambda s: (0, urut_tujuan[s.tujuan_id]) if s.tujuan_id else (1, 0))
    urut_sasaran = {s.pk: i for i, s in enumerate(sasaran)}
    indikator.sort(
        key=lambda i: (0, urut_tujuan[i.tujuan_id]) if i.tujuan_id else (1, urut_sasaran[i.sasaran_id])
    )
    bentrok = {t.kode for t in tujuan} & {s.kode for s in sasaran}
    kode_tujuan = {t.pk: t.kode for t in tujuan}
    kode_sasaran = {s.pk: s.kode for s in sasaran}

    baris_indikator, baris_variabel, baris_target = [], [], []
    for i in indikator:
        induk = (
            _kode_induk(kode_tujuan[i.tujuan_id], "Tujuan", bentrok)
            if i.tujuan_id
            else _kode_induk(kode_sasaran[i.sasaran_id], "Sasaran", bentrok)
        )
        mendukung = paket.kunci_mendukung(i.mendukung) if i.mendukung else ""
        baris_indikator.append(
            [
                i.kode,
                induk,
                i.nama,
                i.satuan,
                JENIS_LABEL.get(i.jenis, i.jenis),
                ", ".join(i.skala_predikat),
                POLARITAS_LABEL.get(i.polaritas, i.polaritas),
                AGREGASI_LABEL.get(i.agregasi, i.agregasi),
                i.formulasi,
                i.formulasi_uraian,
                i.definisi,
                i.alasan,
                i.sumber_data,
                i.penanggung_jawab.kode if i.penanggung_jawab else "",
                YA if i.is_iku else TIDAK,
                _teks_kondisi(i.kondisi_awal, i.kondisi_awal_teks),
                _teks_kondisi(i.kondisi_akhir, i.kondisi_akhir_teks),
                mendukung,
                FREKUENSI_LABEL.get(i.frekuensi, i.frekuensi),
            ]
        )
        baris_variabel += [[i.kode, v.nama, v.label, v.satuan] for v in i.variabel.all()]
        per_tahun = {t.tahun: _teks_target(t) for t in i.target.all()}
        baris_target.append([i.kode, i.nama, *(per_tahun.get(t, "") for t in renstra.tahun)])

    baris_program, baris_kegiatan, baris_sub = [], [], []
    for p in programs:
        baris_program.append([p.unit_kerja.kode, p.kode, p.nama, ", ".join(s.kode for s in p.sasaran.all())])
        for k in p.kegiatan.all():
            baris_kegiatan.append([p.kode, p.unit_kerja.kode, k.kode, k.nama])
            baris_sub += [
                [k.kode, s.kode, s.nama, s.indikator_keluaran, s.satuan_keluaran, p.kode, p.unit_kerja.kode]
                for s in k.sub_kegiatan.all()
            ]

    return _buku_renstra(
        [
            ("Kode unit", unit.kode),
            ("Nama Renstra", renstra.nama),
            ("Tahun mulai", renstra.tahun_mulai),
            ("Tahun selesai", renstra.tahun_selesai),
            ("Visi", renstra.visi),
            ("Misi", "\n".join(renstra.daftar_misi)),
        ],
        tahun=renstra.tahun,
        tujuan=[[t.kode, t.uraian] for t in tujuan],
        sasaran=[
            [s.kode, kode_tujuan.get(s.tujuan_id, ""), s.uraian, s.strategi, s.kebijakan] for s in sasaran
        ],
        indikator=baris_indikator,
        variabel=baris_variabel,
        target=baris_target,
        program=baris_program,
        kegiatan=baris_kegiatan,
        sub_kegiatan=baris_sub,
    )


def _sel_rupiah(nilai: Decimal) -> object:
    # Whole rupiah as a real number (Excel can sum it); anything else as exact text.
    if nilai == nilai.to_integral_value() and abs(nilai) < Decimal(10) ** 15:
        return int(nilai)
    return paket._angka_mentah(nilai)


def ekspor_pk(pk: PerjanjianKinerja) -> bytes:
    """The PK in the template layout; importing the result gives the same targets and budgets."""
    lines = list(
        PKIndikator.objects.filter(perjanjian=pk)
        .select_related("indikator__sasaran")
        .order_by("urutan", "pk")
    )
    programs = list(
        PKProgram.objects.filter(perjanjian=pk)
        .select_related("program__unit_kerja")
        .order_by("program__unit_kerja__jalur", "program__kode")
    )
    target = [
        [
            line.indikator.kode,
            line.indikator.sasaran.uraian if line.indikator.sasaran else "",
            line.indikator.nama,
            line.indikator.satuan,
            line.target_predikat or (paket._angka_mentah(line.target) if line.target is not None else ""),
        ]
        for line in lines
    ]
    pagu = [
        [p.program.unit_kerja.kode, p.program.kode, p.program.nama, _sel_rupiah(p.pagu)] for p in programs
    ]
    return _buku_pk(
        [
            ("Kode unit", pk.unit_kerja.kode),
            ("Tahun", pk.tahun),
            ("Tahun mulai Renstra", pk.renstra.tahun_mulai),
            ("Pihak pertama nama", pk.pihak_pertama_nama),
            ("Pihak pertama jabatan", pk.pihak_pertama_jabatan),
            ("Pihak pertama NIP", pk.pihak_pertama_nip),
            ("Pihak kedua nama", pk.pihak_kedua_nama),
            ("Pihak kedua jabatan", pk.pihak_kedua_jabatan),
            ("Pihak kedua NIP", pk.pihak_kedua_nip),
            ("Tempat", pk.tempat),
            ("Status (informasi)", f"{pk.get_status_display()}, versi {pk.versi}"),
        ],
        target=target,
        pagu=pagu,
    )


# --- Reading: the workbook ----------------------------------------------------------------------------------


def _periksa_berkas(data: bytes) -> str | None:
    """Why `data` is not an acceptable .xlsx, or None. Checked before any XML is parsed."""
    if len(data) > MAKS_UKURAN:
        return f"Berkas terlalu besar ({len(data) / 1024 / 1024:.1f} MB); ukuran maksimal 5 MB."
    if not data:
        return "Berkas kosong."
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "Berkas berformat Excel lama (.xls). Simpan ulang sebagai Excel Workbook (.xlsx), lalu unggah."
    if not data.startswith(b"PK\x03\x04"):
        return "Berkas bukan workbook Excel (.xlsx). Gunakan templat yang dapat diunduh dari halaman impor."
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as arsip:
            anggota = arsip.infolist()
            if "xl/workbook.xml" not in {a.filename for a in anggota}:
                return "Berkas ZIP ini bukan workbook Excel (.xlsx)."
            if sum(a.file_size for a in anggota) > _MAKS_ISI:
                return "Isi berkas terlalu besar setelah diekstrak; berkas ditolak."
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, NotImplementedError, EOFError):
        return "Berkas rusak atau bukan workbook Excel (.xlsx)."
    return None


def _buka(data: bytes) -> tuple[dict[str, list[tuple[int, list[Any]]]] | None, str | None]:
    """Every non-empty row of every sheet as (Excel row number, values), or why the file cannot be read."""
    alasan = _periksa_berkas(data)
    if alasan:
        return None, alasan
    try:
        buku = xlsx_baca.baca(data, maks_baris=_MAKS_BARIS, rumus=True)
    except xlsx_baca.WorkbookDitolak as exc:
        return None, str(exc)
    lembar = {satu.nama: [(nomor, list(nilai)) for nomor, nilai in satu.baris] for satu in buku.lembar}
    return lembar, None


def _teks(nilai: object) -> str:
    """A cell as text: numbers as typed, dates as dd-mm-yyyy, an anti-formula apostrophe removed."""
    if nilai is None:
        return ""
    if isinstance(nilai, bool):
        return YA if nilai else TIDAK
    if isinstance(nilai, int):
        return str(nilai)
    if isinstance(nilai, float):
        return str(int(nilai)) if nilai.is_integer() else repr(nilai)
    if isinstance(nilai, datetime.datetime | datetime.date):
        return nilai.strftime("%d-%m-%Y")
    teks = str(nilai).strip()
    if len(teks) > 1 and teks[0] == "'" and teks[1] in "=+-@":
        teks = teks[1:]  # a visible apostrophe put by other tools to stop formula injection
    return teks


def _desimal(nilai: object) -> Decimal:
    """A number cell: a real number, or Indonesian text (`85,5`, `1.234,5`). Raises angka.AngkaError."""
    if isinstance(nilai, bool):
        raise angka.AngkaError("Berisi nilai benar/salah, bukan angka.")
    if isinstance(nilai, int):
        return Decimal(nilai)
    if isinstance(nilai, float):
        return Decimal(repr(nilai))  # the shortest text of the binary value: 85.5, not 85.5000000000000001
    if isinstance(nilai, datetime.datetime | datetime.date | datetime.time):
        raise angka.AngkaError(
            "Berisi tanggal, bukan angka (Excel mengubah isian menjadi tanggal; format sel sebagai teks)."
        )
    teks = _teks(nilai)
    try:
        return angka.parse_angka(teks)
    except angka.AngkaError as exc:
        raise angka.AngkaError(f"'{teks}' bukan angka. Contoh penulisan: 85,5 atau 1.234.567.") from exc


def _teks_angka(nilai: object) -> str:
    """A number cell as the Indonesian text paket parses (targets, conditions)."""
    if isinstance(nilai, int | float) and not isinstance(nilai, bool):
        return paket._angka_mentah(_desimal(nilai))
    return _teks(nilai)


def _maks(model: Any, nama: str) -> int:
    return int(model._meta.get_field(nama).max_length)


_PRESISI_ANGKA = {"digit": ANGKA["max_digits"], "desimal": ANGKA["decimal_places"]}
_PRESISI_RUPIAH = {"digit": RUPIAH["max_digits"], "desimal": RUPIAH["decimal_places"]}


def _cek_presisi(nilai: Decimal, *, digit: int, desimal: int) -> str | None:
    tanda = nilai.normalize().as_tuple()
    exp = int(tanda.exponent)
    di_belakang = max(0, -exp)
    di_depan = max(0, len(tanda.digits) + exp)
    if di_belakang > desimal:
        return f"Paling banyak {desimal} angka di belakang koma."
    if di_depan > digit - desimal:
        return f"Angka terlalu besar (paling banyak {digit - desimal} digit sebelum koma)."
    return None


@dataclass
class _Baris:
    nomor: int
    nilai: dict[str, Any]


class _Tabel:
    """A sheet with a header row: rows as {canonical header: value}."""

    def __init__(self, nama: str, judul: list[str], baris: list[_Baris]) -> None:
        self.nama, self.judul, self.baris = nama, judul, baris


class _Pembaca:
    """Collects every error while reading values out of the workbook."""

    def __init__(self, lembar: dict[str, list[tuple[int, list[Any]]]]) -> None:
        self.lembar = {nama.strip().casefold(): (nama, baris) for nama, baris in lembar.items()}
        self.kesalahan: list[Kesalahan] = []

    def salah(self, sheet: str, baris: int | None, kolom: str, pesan: str) -> None:
        self.kesalahan.append(Kesalahan(sheet, baris, kolom, pesan))

    def _ambil(self, nama: str) -> list[tuple[int, list[Any]]] | None:
        ada = self.lembar.get(nama.casefold())
        if ada is None:
            self.salah(nama, None, "", f"Sheet '{nama}' tidak ditemukan. Gunakan templat dari aplikasi.")
            return None
        return ada[1]

    def tabel(self, nama: str, kolom: Sequence[Kolom], *, kolom_lain: bool = False) -> _Tabel | None:
        """The sheet's rows under their canonical headers; missing required columns are reported."""
        baris = self._ambil(nama)
        if baris is None:
            return None
        if not baris or baris[0][0] != 1:
            self.salah(nama, 1, "", "Baris judul kolom (baris 1) kosong.")
            return None
        dikenal = {_kunci(k.judul): k.judul for k in kolom}
        posisi: dict[str, int] = {}
        judul_lain: list[str] = []
        for i, sel in enumerate(baris[0][1]):
            teks = _teks(sel) if not isinstance(sel, xlsx_baca.Rumus) else ""
            if not teks:
                continue
            judul = dikenal.get(_kunci(teks))
            if judul is None:
                if kolom_lain:
                    judul = teks
                    judul_lain.append(teks)
                else:
                    continue  # an extra column of the user's own: ignored
            if judul in posisi:
                self.salah(nama, 1, teks, f"Judul kolom '{teks}' muncul lebih dari sekali.")
                continue
            posisi[judul] = i
        hilang = [k.judul for k in kolom if not k.opsional and k.judul not in posisi]
        for judul in hilang:
            self.salah(nama, 1, judul, f"Kolom '{judul}' tidak ditemukan pada baris judul.")
        if hilang:
            return None
        hasil = []
        for nomor, nilai in baris[1:]:
            isi = {judul: nilai[i] if i < len(nilai) else None for judul, i in posisi.items()}
            if any(isinstance(v, xlsx_baca.Rumus) or _teks(v) for v in isi.values()):
                hasil.append(_Baris(nomor, isi))
        return _Tabel(nama, judul_lain, hasil)

    def isian(
        self, nama: str, label: Sequence[str], opsional: Sequence[str] = ()
    ) -> dict[str, _Baris] | None:
        """A key/value sheet (label in column A, value in column B) as {label: row}; missing labels reported
        (except the `opsional` ones)."""
        baris = self._ambil(nama)
        if baris is None:
            return None
        dikenal = {_kunci(x): x for x in (*label, *opsional)}
        hasil: dict[str, _Baris] = {}
        for nomor, nilai in baris:
            kunci = _kunci(_teks(nilai[0])) if nilai and not isinstance(nilai[0], xlsx_baca.Rumus) else ""
            if kunci not in dikenal:
                continue
            judul = dikenal[kunci]
            if judul in hasil:
                self.salah(
                    nama,
                    nomor,
                    judul,
                    f"Isian '{judul}' muncul lebih dari sekali (pertama pada baris {hasil[judul].nomor}).",
                )
                continue
            hasil[judul] = _Baris(nomor, {judul: nilai[1] if len(nilai) > 1 else None})
        for judul in label:
            if judul not in hasil:
                self.salah(nama, None, judul, f"Isian '{judul}' tidak ditemukan pada kolom A.")
        return hasil

    # Values of a row. Every getter reports its own error and returns an empty value, so reading goes on.

    def _mentah(self, sheet: str, b: _Baris, kolom: str) -> object:
        nilai = b.nilai.get(kolom)
        if isinstance(nilai, xlsx_baca.Rumus):
            self.salah(
                sheet,
                b.nomor,
                kolom,
                f"Sel berisi rumus Excel ({nilai.teks[:40]}); tulis nilainya "
                "(salin lalu tempel sebagai nilai).",
            )
            return None
        return nilai

    def teks(self, sheet: str, b: _Baris, kolom: str, *, wajib: bool = False, maks: int | None = None) -> str:
        teks = _teks(self._mentah(sheet, b, kolom))
        if wajib and not teks:
            self.salah(sheet, b.nomor, kolom, "Wajib diisi.")
        elif maks and len(teks) > maks:
            self.salah(sheet, b.nomor, kolom, f"Terlalu panjang ({len(teks)} karakter; maksimal {maks}).")
            return teks[:maks]
        return teks

    def bulat(
        self, sheet: str, b: _Baris, kolom: str, *, minimal: int = 2000, maksimal: int = 2100
    ) -> int | None:
        nilai = self._mentah(sheet, b, kolom)
        if _teks(nilai) == "":
            self.salah(sheet, b.nomor, kolom, "Wajib diisi.")
            return None
        try:
            d = _desimal(nilai)
        except angka.AngkaError as exc:
            self.salah(sheet, b.nomor, kolom, f"Harus berupa angka tahun: {exc}")
            return None
        if d != d.to_integral_value() or not minimal <= d <= maksimal:
            self.salah(
                sheet, b.nomor, kolom, f"Tahun '{_teks(nilai)}' tidak sah (antara {minimal} dan {maksimal})."
            )
            return None
        return int(d)

    def pilihan(
        self, sheet: str, b: _Baris, kolom: str, peta: dict[str, str], label: Iterable[str]
    ) -> str | None:
        teks = self.teks(sheet, b, kolom, wajib=True)
        if not teks:
            return None
        nilai = peta.get(_kunci(teks))
        if nilai is None:
            self.salah(
                sheet, b.nomor, kolom, f"Nilai '{teks}' tidak dikenal; pilih salah satu: {', '.join(label)}."
            )
        return nilai

    def ya_tidak(self, sheet: str, b: _Baris, kolom: str) -> bool:
        nilai = self._mentah(sheet, b, kolom)
        if isinstance(nilai, bool):
            return nilai
        teks = _kunci(_teks(nilai))
        if teks in {"ya", "y", "1", "benar", "true"}:
            return True
        if teks in {"tidak", "t", "n", "0", "salah", "false", "bukan"}:
            return False
        self.salah(
            sheet,
            b.nomor,
            kolom,
            "Isi 'Ya' atau 'Tidak'." if not teks else f"'{_teks(nilai)}' bukan Ya/Tidak.",
        )
        return False

    def ganda(
        self, sheet: str, b: _Baris, kolom: str, kunci: object, sudah: dict[Any, int], uraian: str
    ) -> bool:
        """Record `kunci` as seen; report (and return True) when an earlier row already had it."""
        if kunci in sudah:
            self.salah(sheet, b.nomor, kolom, f"{uraian} ganda: sudah dipakai pada baris {sudah[kunci]}.")
            return True
        sudah[kunci] = b.nomor
        return False


def _pisah(teks: str) -> list[str]:
    return [x.strip() for x in re.split(r"[,;\n]", teks) if x.strip()]


def _dalam_pemda(
    pemda: Pemda, unit_boleh: QuerySet[UnitKerja] | None
) -> tuple[dict[str, UnitKerja], set[str]]:
    units = {u.kode: u for u in UnitKerja.objects.filter(pemda=pemda)}
    if unit_boleh is None:
        return units, set(units)
    return units, set(unit_boleh.filter(pemda=pemda).values_list("kode", flat=True))


def _unit_tidak_ada(kode: str, pemda: Pemda) -> str:
    # The same words for a unit that does not exist and one outside the user's rights: an outsider learns nothing.
    return f"Unit kerja dengan kode '{kode}' tidak ditemukan di {pemda}."


# --- Reading: Renstra ---------------------------------------------------------------------------------------


@dataclass
class _IndikatorBaca:
    data: paket.IndikatorData
    nomor: int
    jenis_sah: bool
    variabel_rumus: tuple[str, ...] | None  # None: no formula or a formula that did not parse
    variabel_ada: dict[str, int] = field(default_factory=dict)


def baca_renstra(
    data: bytes, *, pemda: Pemda, unit_boleh: QuerySet[UnitKerja] | None = None
) -> HasilBaca[paket.RenstraData]:
    """Read a Renstra workbook, reporting every error. `unit_boleh`: units the importer may write (default:
    all of the pemda); a unit outside it is reported exactly like one that does not exist."""
    lembar, alasan = _buka(data)
    if lembar is None:
        return HasilBaca(None, [Kesalahan("", None, "", alasan or "Berkas tidak dapat dibaca.")])
    p = _Pembaca(lembar)
    units, boleh = _dalam_pemda(pemda, unit_boleh)

    # Sheet Renstra
    unit: UnitKerja | None = None
    nama = visi = ""
    misi: list[str] = []
    tahun_mulai = tahun_selesai = None
    isian = p.isian(SHEET_RENSTRA, ISIAN_RENSTRA)
    if isian is not None:
        s = SHEET_RENSTRA
        if b := isian.get("Kode unit"):
            kode = p.teks(s, b, "Kode unit", wajib=True)
            if kode and kode not in boleh:
                p.salah(s, b.nomor, "Kode unit", _unit_tidak_ada(kode, pemda))
            elif kode:
                unit = units[kode]
        if b := isian.get("Nama Renstra"):
            nama = p.teks(s, b, "Nama Renstra", wajib=True, maks=_maks(RencanaStrategis, "nama"))
        if b := isian.get("Tahun mulai"):
            tahun_mulai = p.bulat(s, b, "Tahun mulai")
        if b := isian.get("Tahun selesai"):
            tahun_selesai = p.bulat(s, b, "Tahun selesai")
            if tahun_mulai and tahun_selesai and tahun_selesai < tahun_mulai:
                p.salah(s, b.nomor, "Tahun selesai", "Tahun selesai tidak boleh sebelum tahun mulai.")
                tahun_selesai = None
        if b := isian.get("Visi"):
            visi = p.teks(s, b, "Visi")
        if b := isian.get("Misi"):
            misi = [m.strip() for m in p.teks(s, b, "Misi").splitlines() if m.strip()]

    # Sheet Tujuan
    tujuan: dict[str, paket.TujuanData] = {}
    if tabel := p.tabel(SHEET_TUJUAN, KOLOM_TUJUAN):
        sudah: dict[Any, int] = {}
        for b in tabel.baris:
            kode = p.teks(tabel.nama, b, "Kode", wajib=True, maks=_maks(Tujuan, "kode"))
            uraian = p.teks(tabel.nama, b, "Uraian", wajib=True)
            if kode and not p.ganda(tabel.nama, b, "Kode", kode, sudah, f"Kode tujuan '{kode}'"):
                tujuan[kode] = paket.TujuanData(kode=kode, uraian=uraian)

    # Sheet Sasaran
    sasaran: dict[str, paket.SasaranData] = {}
    sasaran_tanpa_tujuan: list[paket.SasaranData] = []
    if tabel := p.tabel(SHEET_SASARAN, KOLOM_SASARAN):
        sudah = {}
        for b in tabel.baris:
            kode = p.teks(tabel.nama, b, "Kode", wajib=True, maks=_maks(Sasaran, "kode"))
            kode_tujuan = p.teks(tabel.nama, b, "Kode tujuan")
            obj = paket.SasaranData(
                kode=kode,
                uraian=p.teks(tabel.nama, b, "Uraian", wajib=True),
                strategi=p.teks(tabel.nama, b, "Strategi"),
                kebijakan=p.teks(tabel.nama, b, "Kebijakan"),
            )
            if kode_tujuan and kode_tujuan not in tujuan:
                p.salah(
                    tabel.nama,
                    b.nomor,
                    "Kode tujuan",
                    f"Tujuan '{kode_tujuan}' tidak ada pada sheet 'Tujuan'.",
                )
            if not kode or p.ganda(tabel.nama, b, "Kode", kode, sudah, f"Kode sasaran '{kode}'"):
                continue
            sasaran[kode] = obj
            if kode_tujuan in tujuan:
                tujuan[kode_tujuan].sasaran.append(obj)
            elif not kode_tujuan:
                sasaran_tanpa_tujuan.append(obj)

    # Sheet Indikator
    indikator: dict[str, _IndikatorBaca] = {}
    tambahan_satuan = set(satuan_pemda(pemda.pk))
    mendukung: list[tuple[_Baris, str, str]] = []
    mendukung_data: dict[int, paket.IndikatorData] = {}
    if tabel := p.tabel(SHEET_INDIKATOR, KOLOM_INDIKATOR):
        s = tabel.nama
        sudah = {}
        for b in tabel.baris:
            kode = p.teks(s, b, "Kode", wajib=True, maks=_maks(Indikator, "kode"))
            induk_teks = p.teks(s, b, "Induk", wajib=True)
            nama_ind = p.teks(s, b, "Nama", wajib=True)
            satuan_teks = p.teks(s, b, "Satuan", wajib=True, maks=_maks(Indikator, "satuan"))
            if satuan_teks and not satuan.dikenal(satuan_teks, tambahan_satuan):
                p.salah(s, b.nomor, "Satuan", satuan.pesan_tidak_dikenal(satuan_teks, tambahan_satuan))
            jenis = p.pilihan(s, b, "Jenis", PETA_JENIS, JENIS_LABEL.values())
            skala = _pisah(p.teks(s, b, "Skala predikat"))
            polaritas = p.pilihan(s, b, "Polaritas", PETA_POLARITAS, POLARITAS_LABEL.values())
            agregasi = p.pilihan(s, b, "Agregasi", PETA_AGREGASI, AGREGASI_LABEL.values())
            frekuensi = (
                p.pilihan(s, b, "Frekuensi", PETA_FREKUENSI, FREKUENSI_LABEL.values())
                if p.teks(s, b, "Frekuensi")
                else None
            )
            formulasi = p.teks(s, b, "Formulasi", maks=_maks(Indikator, "formulasi"))
            penanggung_jawab = p.teks(s, b, "Penanggung jawab")
            if penanggung_jawab and penanggung_jawab not in units:
                p.salah(s, b.nomor, "Penanggung jawab", _unit_tidak_ada(penanggung_jawab, pemda))
            iku = p.ya_tidak(s, b, "IKU")
            kondisi = {}
            for kolom in ("Kondisi awal", "Kondisi akhir"):
                kondisi[kolom] = _teks_angka(p._mentah(s, b, kolom))
                pesan = _periksa_kondisi(kondisi[kolom], predikat=jenis == JenisIndikator.PREDIKAT)
                if pesan:
                    p.salah(s, b.nomor, kolom, pesan)
            dukung = p.teks(s, b, "Mendukung")
            if dukung:
                bagian = paket.pisah_mendukung(dukung)
                if bagian is None:
                    p.salah(
                        s,
                        b.nomor,
                        "Mendukung",
                        f"'{dukung}' harus ditulis KODEUNIT/TAHUNMULAI/KODEINDIKATOR, mis. SETDA/2024/IKU01.",
                    )
                else:
                    mendukung.append((b, bagian[0], dukung))
            variabel_rumus: tuple[str, ...] | None = None
            if jenis == JenisIndikator.PREDIKAT:
                if len(skala) < 2:
                    p.salah(
                        s,
                        b.nomor,
                        "Skala predikat",
                        "Indikator predikat membutuhkan skala dengan minimal dua "
                        "tingkatan, mis. C, B, BB, A.",
                    )
                if formulasi:
                    p.salah(
                        s,
                        b.nomor,
                        "Formulasi",
                        "Indikator predikat tidak memakai rumus; kosongkan Formulasi.",
                    )
            elif formulasi:
                try:
                    variabel_rumus = rumus.parse(formulasi).variabel
                except rumus.RumusError as exc:
                    p.salah(s, b.nomor, "Formulasi", f"Rumus tidak dapat dibaca: {exc}.")
            obj = paket.IndikatorData(
                kode=kode,
                nama=nama_ind,
                satuan=satuan_teks,
                jenis=jenis or JenisIndikator.PERSENTASE,
                polaritas=polaritas or Polaritas.POSITIF,
                agregasi=agregasi or Agregasi.NILAI_AKHIR,
                frekuensi=frekuensi or Frekuensi.TRIWULANAN,
                formulasi=formulasi,
                formulasi_uraian=p.teks(s, b, "Uraian cara perhitungan"),
                definisi=p.teks(s, b, "Definisi"),
                alasan=p.teks(s, b, "Alasan"),
                sumber_data=p.teks(s, b, "Sumber data"),
                penanggung_jawab=penanggung_jawab,
                iku=iku,
                skala_predikat=skala,
                kondisi_awal=kondisi["Kondisi awal"],
                kondisi_akhir=kondisi["Kondisi akhir"],
                mendukung=dukung,
            )
            if dukung:
                mendukung_data[b.nomor] = obj
            _pasang_induk(p, s, b, induk_teks, obj, tujuan, sasaran)
            if kode and not p.ganda(s, b, "Kode", kode, sudah, f"Kode indikator '{kode}'"):
                indikator[kode] = _IndikatorBaca(obj, b.nomor, jenis is not None, variabel_rumus)
    _periksa_mendukung(p, pemda, mendukung, mendukung_data, units, unit)

    # Sheet Variabel
    tabel = p.tabel(SHEET_VARIABEL, KOLOM_VARIABEL)
    variabel_terbaca = tabel is not None
    if tabel:
        s = tabel.nama
        for b in tabel.baris:
            kode = p.teks(s, b, "Kode indikator", wajib=True)
            nama_var = p.teks(s, b, "Nama variabel", wajib=True, maks=_maks(VariabelIndikator, "nama"))
            label = p.teks(s, b, "Uraian", maks=_maks(VariabelIndikator, "label")) or nama_var.replace(
                "_", " "
            )
            satuan_var = p.teks(s, b, "Satuan", maks=_maks(VariabelIndikator, "satuan"))
            if nama_var:
                try:
                    rumus.validasi_nama(nama_var)
                except rumus.RumusError as exc:
                    p.salah(s, b.nomor, "Nama variabel", f"{exc}.")
                    nama_var = ""
            ind = indikator.get(kode)
            if kode and ind is None:
                p.salah(s, b.nomor, "Kode indikator", f"Indikator '{kode}' tidak ada pada sheet 'Indikator'.")
            if ind is None or not nama_var:
                continue
            if not p.ganda(
                s, b, "Nama variabel", nama_var, ind.variabel_ada, f"Variabel '{nama_var}' indikator {kode}"
            ):
                ind.data.variabel.append(paket.VariabelData(nama=nama_var, label=label, satuan=satuan_var))
    for ind in indikator.values():
        hilang = [v for v in ind.variabel_rumus or () if v not in ind.variabel_ada]
        if hilang and variabel_terbaca:
            p.salah(
                SHEET_INDIKATOR,
                ind.nomor,
                "Formulasi",
                f"Rumus memakai variabel yang tidak ada pada sheet 'Variabel' untuk indikator "
                f"{ind.data.kode}: {', '.join(hilang)}.",
            )

    # Sheet Target
    periode = range(tahun_mulai, tahun_selesai + 1) if tahun_mulai and tahun_selesai else None
    if tabel := p.tabel(SHEET_TARGET, KOLOM_TARGET, kolom_lain=True):
        _baca_target(p, tabel, indikator, periode)

    # Sheets Program, Kegiatan, Sub Kegiatan
    versi = None
    if unit is not None and tahun_mulai is not None:
        ada = RencanaStrategis.objects.filter(unit_kerja=unit, tahun_mulai=tahun_mulai).first()
        versi = nomenklatur.versi_renstra(ada, tahun_mulai=tahun_mulai)
    program = _baca_program(p, pemda, units, boleh, unit, sasaran, versi)

    if p.kesalahan or unit is None or tahun_mulai is None or tahun_selesai is None:
        return HasilBaca(None, p.kesalahan)
    return HasilBaca(
        paket.RenstraData(
            unit=unit.kode,
            nama=nama,
            tahun_mulai=tahun_mulai,
            tahun_selesai=tahun_selesai,
            visi=visi,
            misi=misi,
            tujuan=list(tujuan.values()),
            sasaran_tanpa_tujuan=sasaran_tanpa_tujuan,
            program=program,
        ),
        [],
    )


def _periksa_kondisi(teks: str, *, predikat: bool) -> str | None:
    if len(teks) > (maks := _maks(Indikator, "kondisi_awal_teks")):
        return f"Terlalu panjang ({len(teks)} karakter; maksimal {maks})."
    nilai, _ = paket._kondisi(teks, predikat=predikat)
    if nilai is not None:
        return _cek_presisi(nilai, **_PRESISI_ANGKA)
    return None


_INDUK_BERJENIS = re.compile(r"^(tujuan|sasaran)(?:\s*:\s*|\s+)(.+)$", re.IGNORECASE)


def _pasang_induk(
    p: _Pembaca,
    s: str,
    b: _Baris,
    teks: str,
    obj: paket.IndikatorData,
    tujuan: dict[str, paket.TujuanData],
    sasaran: dict[str, paket.SasaranData],
) -> None:
    if not teks:
        return
    di_tujuan, di_sasaran = teks in tujuan, teks in sasaran
    if di_tujuan and di_sasaran:
        p.salah(
            s,
            b.nomor,
            "Induk",
            f"Kode '{teks}' dipakai oleh tujuan dan sasaran; tulis 'Tujuan: {teks}' atau 'Sasaran: {teks}'.",
        )
        return
    if di_tujuan:
        tujuan[teks].indikator.append(obj)
        return
    if di_sasaran:
        sasaran[teks].indikator.append(obj)
        return
    if m := _INDUK_BERJENIS.match(teks):
        jenis, kode = m.group(1).lower(), m.group(2).strip()
        if jenis == "tujuan" and kode in tujuan:
            tujuan[kode].indikator.append(obj)
            return
        if jenis == "sasaran" and kode in sasaran:
            sasaran[kode].indikator.append(obj)
            return
    p.salah(
        s, b.nomor, "Induk", f"Tujuan atau sasaran '{teks}' tidak ada pada sheet 'Tujuan' maupun 'Sasaran'."
    )


def _periksa_mendukung(
    p: _Pembaca,
    pemda: Pemda,
    mendukung: list[tuple[_Baris, str, str]],
    data: dict[int, paket.IndikatorData],
    units: dict[str, UnitKerja],
    unit: UnitKerja | None,
) -> None:
    """Resolve each "mendukung" key to one indicator of one Renstra; the row keeps the qualified key, so the
    import links exactly the indicator that was checked. An unqualified key held by two Renstra is refused."""
    for b, kode_unit, teks in mendukung:
        u = units.get(kode_unit)
        if u is None:
            p.salah(SHEET_INDIKATOR, b.nomor, "Mendukung", f"Unit kerja '{kode_unit}' tidak ditemukan.")
            continue
        if unit is not None and (u.pk == unit.pk or not unit.jalur.startswith(u.jalur)):
            p.salah(
                SHEET_INDIKATOR,
                b.nomor,
                "Mendukung",
                f"Unit '{kode_unit}' bukan unit induk dari {unit.kode}; "
                "indikator hanya dapat mendukung indikator unit induknya.",
            )
            continue
        induk, alasan = paket.cari_mendukung(pemda, teks)
        if induk is None:
            p.salah(SHEET_INDIKATOR, b.nomor, "Mendukung", alasan or "")
        elif b.nomor in data:
            data[b.nomor].mendukung = paket.kunci_mendukung(induk)


def _baca_target(
    p: _Pembaca, tabel: _Tabel, indikator: dict[str, _IndikatorBaca], periode: range | None
) -> None:
    s = tabel.nama
    kolom_tahun: list[tuple[str, int | None]] = []
    for judul in tabel.judul:
        if m := _FORMAT_TAHUN.match(_kunci(judul)):
            kolom_tahun.append((judul, int(m.group(1))))
        elif _kunci(judul).startswith("target"):
            kolom_tahun.append((judul, None))
    if not kolom_tahun:
        p.salah(s, 1, "", "Tidak ada kolom target; beri judul kolom 'Target 2025', 'Target 2026', dst.")
    sudah: dict[Any, int] = {}
    for b in tabel.baris:
        kode = p.teks(s, b, "Kode indikator", wajib=True)
        ind = indikator.get(kode)
        if kode and ind is None:
            p.salah(s, b.nomor, "Kode indikator", f"Indikator '{kode}' tidak ada pada sheet 'Indikator'.")
        if kode and p.ganda(s, b, "Kode indikator", kode, sudah, f"Indikator '{kode}'"):
            ind = None
        for judul, tahun in kolom_tahun:
            teks = _teks_angka(p._mentah(s, b, judul))
            if not teks:
                continue
            if tahun is None:
                p.salah(
                    s, b.nomor, judul, f"Judul kolom '{judul}' tidak memuat tahun; tulis mis. 'Target 2025'."
                )
                continue
            if periode is not None and tahun not in periode:
                p.salah(
                    s,
                    b.nomor,
                    judul,
                    f"Tahun {tahun} di luar periode Renstra {periode.start}–{periode.stop - 1}.",
                )
                continue
            if ind is None or not ind.jenis_sah:
                continue
            predikat = ind.data.jenis == JenisIndikator.PREDIKAT
            try:
                nilai = paket.parse_target(teks, predikat=predikat, skala=ind.data.skala_predikat)
            except paket.PaketError as exc:
                p.salah(s, b.nomor, judul, str(exc) + ("" if predikat else " Contoh: 85,5 atau 86 (Baik)."))
                continue
            pesan = _periksa_nilai_target(nilai)
            if pesan:
                p.salah(s, b.nomor, judul, pesan)
                continue
            ind.data.target[tahun] = teks


def _periksa_nilai_target(nilai: paket.services.NilaiTarget) -> str | None:
    if nilai.predikat:
        return None
    for d in (nilai.nilai, nilai.nilai_atas):
        if d is not None and (pesan := _cek_presisi(d, **_PRESISI_ANGKA)):
            return pesan
    if nilai.nilai is not None and nilai.nilai < 0:
        return "Target tidak boleh negatif."
    if nilai.nilai_atas is not None and nilai.nilai is not None and nilai.nilai_atas < nilai.nilai:
        return "Batas atas rentang tidak boleh lebih kecil dari batas bawah."
    if len(nilai.keterangan) > _maks(Target, "keterangan"):
        return f"Keterangan target terlalu panjang (maksimal {_maks(Target, 'keterangan')} karakter)."
    return None


def _baca_program(
    p: _Pembaca,
    pemda: Pemda,
    units: dict[str, UnitKerja],
    boleh: set[str],
    unit: UnitKerja | None,
    sasaran: dict[str, paket.SasaranData],
    versi: VersiNomenklatur | None = None,
) -> list[paket.ProgramData]:
    program: dict[tuple[str, str], paket.ProgramData] = {}
    # The codes of the nomenclature version the Renstra is checked against (none loaded: not checked).
    master = (
        {j: dict(versi.kode.filter(jenis=j).values_list("kode", "nama")) for j in nomenklatur.JENIS.values}
        if versi
        else {}
    )

    def cek(sheet: str, b: _Baris, kolom: str, jenis: str, kode: str) -> None:
        if kode and (pesan := nomenklatur.periksa(versi, jenis, kode, daftar=master.get(jenis))):
            p.salah(sheet, b.nomor, kolom, pesan)

    if tabel := p.tabel(SHEET_PROGRAM, KOLOM_PROGRAM):
        s = tabel.nama
        sudah: dict[Any, int] = {}
        for b in tabel.baris:
            kode_unit = p.teks(s, b, "Kode unit", wajib=True)
            kode = p.teks(s, b, "Kode program", wajib=True, maks=_maks(Program, "kode"))
            cek(s, b, "Kode program", nomenklatur.JENIS.PROGRAM, kode)
            nama = p.teks(s, b, "Nama program", wajib=True, maks=_maks(Program, "nama"))
            daftar = _pisah(p.teks(s, b, "Sasaran"))
            if kode_unit and kode_unit not in boleh:
                p.salah(s, b.nomor, "Kode unit", _unit_tidak_ada(kode_unit, pemda))
            elif kode_unit and unit is not None and not units[kode_unit].jalur.startswith(unit.jalur):
                p.salah(
                    s,
                    b.nomor,
                    "Kode unit",
                    f"Unit '{kode_unit}' bukan {unit.kode} atau sub-unitnya; program "
                    "Renstra dilaksanakan oleh unit Renstra itu sendiri atau sub-unitnya.",
                )
            for k in daftar:
                if k not in sasaran:
                    p.salah(s, b.nomor, "Sasaran", f"Sasaran '{k}' tidak ada pada sheet 'Sasaran'.")
            if not (kode_unit and kode):
                continue
            if not p.ganda(
                s, b, "Kode program", (kode_unit, kode), sudah, f"Program '{kode}' unit {kode_unit}"
            ):
                program[(kode_unit, kode)] = paket.ProgramData(
                    unit=kode_unit, kode=kode, nama=nama, sasaran=daftar
                )

    kegiatan: list[tuple[str, str, paket.KegiatanData]] = []  # (unit, program, kegiatan)
    if tabel := p.tabel(SHEET_KEGIATAN, KOLOM_KEGIATAN):
        s = tabel.nama
        sudah = {}
        for b in tabel.baris:
            kode_program = p.teks(s, b, "Kode program", wajib=True)
            kode_unit = p.teks(s, b, "Kode unit", wajib=True)
            kode = p.teks(s, b, "Kode kegiatan", wajib=True, maks=_maks(Kegiatan, "kode"))
            cek(s, b, "Kode kegiatan", nomenklatur.JENIS.KEGIATAN, kode)
            nama = p.teks(s, b, "Nama", wajib=True, maks=_maks(Kegiatan, "nama"))
            prog = program.get((kode_unit, kode_program))
            if kode_program and kode_unit and prog is None:
                p.salah(
                    s,
                    b.nomor,
                    "Kode program",
                    f"Program '{kode_program}' unit {kode_unit} tidak ada pada sheet 'Program'.",
                )
            if prog is None or not kode:
                continue
            if not p.ganda(
                s, b, "Kode kegiatan", (kode_unit, kode_program, kode), sudah, f"Kegiatan '{kode}'"
            ):
                obj = paket.KegiatanData(kode=kode, nama=nama)
                prog.kegiatan.append(obj)
                kegiatan.append((kode_unit, kode_program, obj))

    if tabel := p.tabel(SHEET_SUB, KOLOM_SUB):
        s = tabel.nama
        sudah = {}
        for b in tabel.baris:
            kode_kegiatan = p.teks(s, b, "Kode kegiatan", wajib=True)
            kode = p.teks(s, b, "Kode sub kegiatan", wajib=True, maks=_maks(SubKegiatan, "kode"))
            cek(s, b, "Kode sub kegiatan", nomenklatur.JENIS.SUB_KEGIATAN, kode)
            nama = p.teks(s, b, "Nama", wajib=True, maks=_maks(SubKegiatan, "nama"))
            keluaran = p.teks(s, b, "Indikator keluaran")
            satuan_keluaran = p.teks(s, b, "Satuan keluaran", maks=_maks(SubKegiatan, "satuan_keluaran"))
            kode_program = p.teks(s, b, "Kode program")
            kode_unit = p.teks(s, b, "Kode unit")
            if not kode_kegiatan:
                continue
            calon = [
                (u, pr, k)
                for u, pr, k in kegiatan
                if k.kode == kode_kegiatan
                and (not kode_program or pr == kode_program)
                and (not kode_unit or u == kode_unit)
            ]
            if not calon:
                p.salah(
                    s,
                    b.nomor,
                    "Kode kegiatan",
                    f"Kegiatan '{kode_kegiatan}' tidak ada pada sheet 'Kegiatan'.",
                )
                continue
            if len(calon) > 1:
                p.salah(
                    s,
                    b.nomor,
                    "Kode kegiatan",
                    f"Kegiatan '{kode_kegiatan}' ada pada lebih dari satu program; "
                    "isi kolom 'Kode program' dan 'Kode unit'.",
                )
                continue
            u, pr, keg = calon[0]
            if kode and not p.ganda(
                s, b, "Kode sub kegiatan", (u, pr, keg.kode, kode), sudah, f"Sub kegiatan '{kode}'"
            ):
                keg.sub_kegiatan.append(
                    paket.SubKegiatanData(
                        kode=kode, nama=nama, indikator_keluaran=keluaran, satuan_keluaran=satuan_keluaran
                    )
                )
    return list(program.values())


# --- Reading: PK --------------------------------------------------------------------------------------------


def baca_pk(
    data: bytes, *, pemda: Pemda, unit_boleh: QuerySet[UnitKerja] | None = None
) -> HasilBaca[paket.PKData]:
    """Read a PK workbook against the unit's Renstra (and its PK of the year); every error reported."""

    lembar, alasan = _buka(data)
    if lembar is None:
        return HasilBaca(None, [Kesalahan("", None, "", alasan or "Berkas tidak dapat dibaca.")])
    p = _Pembaca(lembar)
    units, boleh = _dalam_pemda(pemda, unit_boleh)
    s = SHEET_PK
    unit: UnitKerja | None = None
    renstra: RencanaStrategis | None = None
    tahun = tahun_mulai = None
    teks: dict[str, str] = {}
    isian = p.isian(s, ISIAN_PK, ISIAN_PK_OPSIONAL)
    if isian is not None:
        if b := isian.get("Kode unit"):
            kode = p.teks(s, b, "Kode unit", wajib=True)
            if kode and kode not in boleh:
                p.salah(s, b.nomor, "Kode unit", _unit_tidak_ada(kode, pemda))
            elif kode:
                unit = units[kode]
        if b := isian.get("Tahun"):
            tahun = p.bulat(s, b, "Tahun")
        if b := isian.get("Tahun mulai Renstra"):
            tahun_mulai = p.bulat(s, b, "Tahun mulai Renstra")
            if unit and tahun_mulai:
                renstra = RencanaStrategis.objects.filter(unit_kerja=unit, tahun_mulai=tahun_mulai).first()
                if renstra is None:
                    p.salah(
                        s,
                        b.nomor,
                        "Tahun mulai Renstra",
                        f"Renstra {unit.kode} dengan tahun mulai {tahun_mulai} "
                        "belum ada; impor Renstra terlebih dahulu.",
                    )
        if renstra and tahun and not renstra.tahun_mulai <= tahun <= renstra.tahun_selesai:
            p.salah(
                s,
                isian["Tahun"].nomor,
                "Tahun",
                f"Tahun {tahun} di luar periode Renstra {renstra.tahun_mulai}–{renstra.tahun_selesai}.",
            )
        for label, kolom in (
            ("Pihak pertama nama", "pihak_pertama_nama"),
            ("Pihak pertama jabatan", "pihak_pertama_jabatan"),
            ("Pihak pertama NIP", "pihak_pertama_nip"),
            ("Pihak kedua nama", "pihak_kedua_nama"),
            ("Pihak kedua jabatan", "pihak_kedua_jabatan"),
            ("Pihak kedua NIP", "pihak_kedua_nip"),
            ("Tempat", "tempat"),
        ):
            if b := isian.get(label):
                teks[label] = p.teks(s, b, label, maks=_maks(PerjanjianKinerja, kolom))

    indikator_sah: dict[str, Indikator] | None = None
    program_sah: set[str] | None = None
    if renstra is not None and unit is not None and tahun is not None:
        pk = (
            PerjanjianKinerja.objects.filter(unit_kerja=unit, tahun=tahun)
            .exclude(status=PerjanjianKinerja.Status.DIGANTI)
            .first()
        )
        if pk is not None:
            indikator_sah = {
                line.indikator.kode: line.indikator for line in pk.indikator.select_related("indikator")
            }
            program_sah = {
                f"{x.program.unit_kerja.kode}/{x.program.kode}"
                for x in pk.program.select_related("program__unit_kerja")
            }
        else:
            indikator_sah = {
                i.kode: i for i in Indikator.objects.filter(renstra=renstra, sasaran__isnull=False)
            }
            program_sah = {
                f"{x.unit_kerja.kode}/{x.kode}"
                for x in Program.objects.filter(unit_kerja__jalur__startswith=unit.jalur).select_related(
                    "unit_kerja"
                )
            }

    target: dict[str, str] = {}
    if tabel := p.tabel(SHEET_TARGET_PK, KOLOM_TARGET_PK):
        s = tabel.nama
        sudah: dict[Any, int] = {}
        for b in tabel.baris:
            kode = p.teks(s, b, "Kode indikator", wajib=True)
            nilai_teks = _teks_angka(p._mentah(s, b, "Target"))
            if not kode or p.ganda(s, b, "Kode indikator", kode, sudah, f"Indikator '{kode}'"):
                continue
            if indikator_sah is None:
                continue  # the PK sheet already has an error
            ind = indikator_sah.get(kode)
            if ind is None:
                p.salah(
                    s,
                    b.nomor,
                    "Kode indikator",
                    f"Indikator '{kode}' bukan indikator sasaran Renstra unit ini.",
                )
                continue
            if not nilai_teks:
                continue
            try:
                nilai = paket.parse_target(nilai_teks, predikat=ind.is_predikat, skala=ind.skala_predikat)
            except paket.PaketError as exc:
                p.salah(s, b.nomor, "Target", str(exc))
                continue
            if nilai.nilai_atas is not None:
                p.salah(s, b.nomor, "Target", "Target PK berupa satu angka, bukan rentang.")
                continue
            if pesan := _periksa_nilai_target(nilai):
                p.salah(s, b.nomor, "Target", pesan)
                continue
            target[kode] = nilai_teks

    pagu: dict[str, str] = {}
    if tabel := p.tabel(SHEET_PAGU, KOLOM_PAGU):
        s = tabel.nama
        sudah = {}
        for b in tabel.baris:
            kode_unit = p.teks(s, b, "Kode unit", wajib=True)
            kode = p.teks(s, b, "Kode program", wajib=True)
            mentah = p._mentah(s, b, "Pagu")
            kunci = f"{kode_unit}/{kode}"
            if not (kode_unit and kode) or p.ganda(
                s, b, "Kode program", kunci, sudah, f"Program '{kode}' unit {kode_unit}"
            ):
                continue
            if program_sah is not None and kunci not in program_sah:
                p.salah(
                    s, b.nomor, "Kode program", f"Program '{kode}' unit {kode_unit} bukan program unit ini."
                )
                continue
            if _teks(mentah) == "":
                continue
            try:
                jumlah = _desimal(mentah)
            except angka.AngkaError as exc:
                p.salah(s, b.nomor, "Pagu", str(exc))
                continue
            if pesan := _cek_presisi(jumlah, **_PRESISI_RUPIAH):
                p.salah(s, b.nomor, "Pagu", pesan)
            elif jumlah < 0:
                p.salah(s, b.nomor, "Pagu", "Pagu tidak boleh negatif.")
            else:
                pagu[kunci] = paket._angka_mentah(jumlah)

    if p.kesalahan or unit is None or tahun is None or tahun_mulai is None:
        return HasilBaca(None, p.kesalahan)
    return HasilBaca(
        paket.PKData(
            unit=unit.kode,
            tahun=tahun,
            renstra_tahun_mulai=tahun_mulai,
            pihak_pertama_nama=teks.get("Pihak pertama nama", ""),
            pihak_pertama_jabatan=teks.get("Pihak pertama jabatan", ""),
            pihak_pertama_nip=teks.get("Pihak pertama NIP", ""),
            pihak_kedua_nama=teks.get("Pihak kedua nama", ""),
            pihak_kedua_jabatan=teks.get("Pihak kedua jabatan", ""),
            pihak_kedua_nip=teks.get("Pihak kedua NIP", ""),
            tempat=teks.get("Tempat", ""),
            target=target,
            pagu=pagu,
        ),
        [],
    )


# --- Preview and apply --------------------------------------------------------------------------------------


@dataclass
class Ringkasan:
    """What an import will write, for the confirmation page."""

    judul: str
    baru: bool
    jumlah: list[tuple[str, int]] = field(default_factory=list)
    diperbarui: list[str] = field(default_factory=list)
    dihapus: list[str] = field(default_factory=list)
    baris: list[tuple[str, str, str, str]] = field(
        default_factory=list
    )  # PK: kode, indikator, target lama, baru


def ringkas_renstra(data: paket.RenstraData, *, pemda: Pemda) -> Ringkasan:
    renstra = RencanaStrategis.objects.filter(
        unit_kerja__pemda=pemda, unit_kerja__kode=data.unit, tahun_mulai=data.tahun_mulai
    ).first()
    semua = data.semua_indikator()
    ringkasan = Ringkasan(
        judul=f"Renstra {data.unit} {data.tahun_mulai}–{data.tahun_selesai}: {data.nama}",
        baru=renstra is None,
        jumlah=[
            ("Tujuan", len(data.tujuan)),
            ("Sasaran", len(data.semua_sasaran())),
            ("Indikator", len(semua)),
            ("di antaranya IKU", sum(1 for i in semua if i.iku)),
            ("Variabel rumus", sum(len(i.variabel) for i in semua)),
            ("Target tahunan", sum(len(i.target) for i in semua)),
            ("Program", len(data.program)),
            ("Kegiatan", sum(len(p.kegiatan) for p in data.program)),
            ("Sub kegiatan", sum(len(k.sub_kegiatan) for p in data.program for k in p.kegiatan)),
        ],
    )
    if renstra is not None:
        dalam_berkas = {i.kode for i in semua}
        for kode, nama in renstra.indikator.order_by("urutan", "kode").values_list("kode", "nama"):
            (ringkasan.diperbarui if kode in dalam_berkas else ringkasan.dihapus).append(f"{kode} – {nama}")
        kode_sasaran = {s.kode for _, s in data.semua_sasaran()}
        kode_tujuan = {t.kode for t in data.tujuan}
        ringkasan.dihapus += [
            f"Sasaran {k} – {u}"
            for k, u in renstra.sasaran.exclude(kode__in=kode_sasaran).values_list("kode", "uraian")
        ]
        ringkasan.dihapus += [
            f"Tujuan {k} – {u}"
            for k, u in renstra.tujuan.exclude(kode__in=kode_tujuan).values_list("kode", "uraian")
        ]
    return ringkasan


def ringkas_pk(data: paket.PKData, *, pemda: Pemda) -> Ringkasan:
    pk = (
        PerjanjianKinerja.objects.filter(
            unit_kerja__pemda=pemda, unit_kerja__kode=data.unit, tahun=data.tahun
        )
        .exclude(status=PerjanjianKinerja.Status.DIGANTI)
        .first()
    )
    ringkasan = Ringkasan(
        judul=f"Perjanjian Kinerja {data.unit} {data.tahun}",
        baru=pk is None,
        jumlah=[("Target indikator", len(data.target)), ("Pagu program", len(data.pagu))],
    )
    if pk is not None:
        lama = {
            line.indikator.kode: (
                line.indikator.nama,
                line.target_teks if line.target is not None or line.target_predikat else "–",
            )
            for line in pk.indikator.select_related("indikator")
        }
    else:
        nama = dict(
            Indikator.objects.filter(
                renstra__unit_kerja__pemda=pemda,
                renstra__unit_kerja__kode=data.unit,
                renstra__tahun_mulai=data.renstra_tahun_mulai,
                kode__in=list(data.target),
            ).values_list("kode", "nama")
        )
        lama = {k: (nama.get(k, ""), "–") for k in data.target}
    ringkasan.baris = [(k, *lama.get(k, ("", "–")), v) for k, v in data.target.items()]
    return ringkasan


class _Uji(Exception):
    """Raised at the end of a dry run to roll it back."""


def _jalankan(fungsi: Callable[[], T], *, uji: bool) -> tuple[T | None, list[Kesalahan]]:
    try:
        with transaction.atomic():
            hasil = fungsi()
            if uji:
                raise _Uji
            return hasil, []
    except _Uji:
        return None, []
    except ValidationError as exc:
        return None, [Kesalahan("", None, "", m) for m in exc.messages]
    except ProtectedError as exc:
        dipakai = sorted({str(o) for o in list(exc.protected_objects)[:5]})
        return None, [
            Kesalahan(
                "",
                None,
                "",
                "Data lama tidak dapat dihapus karena masih dipakai oleh: "
                + "; ".join(dipakai)
                + ". Sertakan kembali data tersebut pada berkas, atau "
                "ubah dulu data yang memakainya (mis. Perjanjian Kinerja).",
            )
        ]
    except IntegrityError:
        return None, [
            Kesalahan(
                "",
                None,
                "",
                "Data pada berkas bertentangan dengan data yang sudah ada "
                "(mis. kode ganda); tidak ada yang disimpan.",
            )
        ]
    except paket.PaketError as exc:
        return None, [Kesalahan("", None, "", str(exc))]


def uji_renstra(data: paket.RenstraData, *, pemda: Pemda, by: Pengguna | None = None) -> list[Kesalahan]:
    """Run the whole write and roll it back: errors only the database can tell (e.g. a row still in use)."""

    return _jalankan(lambda: paket.apply_renstra(pemda=pemda, data=data, by=by), uji=True)[1]


def uji_pk(data: paket.PKData, *, pemda: Pemda, by: Pengguna | None = None) -> list[Kesalahan]:
    return _jalankan(lambda: paket.apply_pk(pemda=pemda, data=data, by=by), uji=True)[1]


def terapkan_renstra(
    data: paket.RenstraData, *, pemda: Pemda, by: Pengguna | None = None
) -> tuple[RencanaStrategis | None, list[Kesalahan]]:
    """Write the Renstra, all or nothing; errors instead of exceptions."""
    return _jalankan(lambda: paket.apply_renstra(pemda=pemda, data=data, by=by), uji=False)


def terapkan_pk(
    data: paket.PKData, *, pemda: Pemda, by: Pengguna | None = None
) -> tuple[PerjanjianKinerja | None, list[Kesalahan]]:
    return _jalankan(lambda: paket.apply_pk(pemda=pemda, data=data, by=by), uji=False)
