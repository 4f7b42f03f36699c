"""The one reader of uploaded workbooks: streaming, with hard limits, so that no upload can be made expensive.

openpyxl (even in read-only mode) trusts a sheet's declared dimension and pads every row to it: a 5 KB workbook
declaring `A1:XFD1048576` with one cell at XFD1048576 costs minutes of CPU. This reader opens the zip itself
(`zip_aman`: member count, declared and actual inflated sizes, compression ratio), refuses any XML carrying a
document type declaration (entity expansion) before parsing it, and streams each sheet's XML through expat,
keeping only the cells that hold something. Limits are enforced on what is really there, while streaming:

- rows holding a value (`maks_baris` per sheet), the column of any cell holding a value (`maks_kolom`),
- XML elements walked (`MAKS_ELEMEN`: empty styled cells and rows count too), shared strings (`MAKS_TEKS_BERSAMA`),
- wall-clock and CPU time for the whole read (`BATAS_WAKTU`).

Every refusal is `WorkbookDitolak` with an Indonesian message; a damaged or truncated file is one too, never an
exception from deep inside a parser. Values come back as openpyxl's read-only mode gives them (shared and inline
strings, int/float, bool, dates by the cell's number format, error codes as text); with `rumus=True` a formula
cell is a `Rumus` (its text), otherwise its cached value.

No Django here.
"""

from __future__ import annotations

import datetime
import io
import posixpath
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from xml.parsers import expat

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel, from_ISO8601

from sakip.lib import zip_aman

MAKS_KOLOM = 100  # column CV: every template of the app is far narrower
MAKS_ELEMEN = 2_000_000  # rows and cells walked in all sheets, empty ones included
MAKS_TEKS_BERSAMA = 500_000
BATAS_WAKTU = 10.0  # seconds of wall-clock time, and of CPU time, for one workbook
BATAS_ZIP = zip_aman.Batas(per_anggota=100 * 1024 * 1024, terurai=100 * 1024 * 1024, rasio=200)

PESAN_RUSAK = "Berkas Excel tidak dapat dibaca; mungkin rusak. Simpan ulang di Excel lalu unggah kembali."
PESAN_DTD = "Berkas memuat deklarasi XML yang tidak diizinkan; berkas ditolak."
PESAN_WAKTU = (
    "Berkas terlalu berat untuk diproses (melewati batas waktu {detik} detik); bagi menjadi beberapa berkas."
)

_MAKS_KOLOM_EXCEL = 16_384
_MAKS_BARIS_EXCEL = 1_048_576
_POTONGAN = 64 * 1024
_NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_JENIS_SHEET = "/worksheet"
_JENIS_TEKS = "/sharedStrings"
_JENIS_GAYA = "/styles"


class WorkbookDitolak(ValueError):
    """The workbook is refused; `str(exc)` is the Indonesian message for the user."""


@dataclass(frozen=True)
class Rumus:
    """A formula cell (read with `rumus=True`): its text, e.g. `=SUM(A1:A3)`."""

    teks: str

    def __str__(self) -> str:
        return self.teks


@dataclass
class Lembar:
    nama: str
    # Rows holding at least one value, as (Excel row number, values padded to the sheet's widest such row).
    baris: list[tuple[int, tuple[Any, ...]]] = field(default_factory=list)

    def baris_ke(self, nomor: int) -> tuple[Any, ...]:
        """The values of Excel row `nomor` (empty when the row holds nothing)."""
        for n, nilai in self.baris:
            if n == nomor:
                return nilai
            if n > nomor:
                break
        return ()


@dataclass
class Buku:
    lembar: list[Lembar]

    @property
    def nama_lembar(self) -> list[str]:
        return [lembar.nama for lembar in self.lembar]

    def get(self, nama: str) -> Lembar | None:
        return next((lembar for lembar in self.lembar if lembar.nama == nama), None)


def kosong(nilai: Any) -> bool:
    return nilai is None or (isinstance(nilai, str) and not nilai.strip())


class _Anggaran:
    """The time budget of one read: wall clock and this thread's CPU."""

    def __init__(self, detik: float) -> None:
        self.detik = detik
        self.mulai_dinding = time.monotonic()
        self.mulai_cpu = time.thread_time()

    def periksa(self) -> None:
        if (
            time.monotonic() - self.mulai_dinding > self.detik
            or time.thread_time() - self.mulai_cpu > self.detik
        ):
            raise WorkbookDitolak(PESAN_WAKTU.format(detik=f"{self.detik:g}"))


def _ribuan(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _tanpa_ns(nama: str) -> str:
    return nama.rpartition("}")[2]


def _urai(
    arsip: zipfile.ZipFile,
    nama: str,
    anggaran: _Anggaran,
    mulai: Callable[[str, dict[str, str]], None],
    selesai: Callable[[str], None] | None = None,
    teks: Callable[[str], None] | None = None,
) -> None:
    """Stream one XML member through expat (names without namespace); refuse a DTD before anything of it."""
    try:
        info = arsip.getinfo(nama)
    except KeyError:
        raise WorkbookDitolak(PESAN_RUSAK) from None
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def dtd(*_: Any) -> None:
        raise WorkbookDitolak(PESAN_DTD)

    parser.StartDoctypeDeclHandler = dtd
    parser.EntityDeclHandler = dtd
    parser.ExternalEntityRefHandler = dtd
    parser.StartElementHandler = lambda n, a: mulai(_tanpa_ns(n), a)
    if selesai is not None:
        parser.EndElementHandler = lambda n: selesai(_tanpa_ns(n))
    if teks is not None:
        parser.CharacterDataHandler = teks
    try:
        for potongan in zip_aman.baca_anggota(arsip, info, maks=BATAS_ZIP.per_anggota):
            parser.Parse(potongan, False)
            anggaran.periksa()
        parser.Parse(b"", True)
    except WorkbookDitolak:
        raise
    except zip_aman.ZipDitolak as exc:
        raise WorkbookDitolak(str(exc) if str(exc) != zip_aman.PESAN_RUSAK else PESAN_RUSAK) from None
    except Exception:  # anything else from the parser or a cell of an untrusted file: damaged, never a 500
        raise WorkbookDitolak(PESAN_RUSAK) from None


def _relasi(arsip: zipfile.ZipFile, bagian: str, anggaran: _Anggaran) -> dict[str, tuple[str, str]]:
    """Relationship id → (type, member path) of a part."""
    folder, nama = posixpath.split(bagian)
    hasil: dict[str, tuple[str, str]] = {}

    def mulai(tag: str, atribut: dict[str, str]) -> None:
        if tag == "Relationship" and atribut.get("TargetMode") != "External":
            target = atribut.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            hasil[atribut.get("Id", "")] = (atribut.get("Type", ""), posixpath.normpath(path))

    rels = posixpath.join(folder, "_rels", nama + ".rels")
    if rels in arsip.NameToInfo:
        _urai(arsip, rels, anggaran, mulai)
    return hasil


def _bagian_workbook(arsip: zipfile.ZipFile, anggaran: _Anggaran) -> str:
    hasil = "xl/workbook.xml"

    def mulai(tag: str, atribut: dict[str, str]) -> None:
        nonlocal hasil
        if tag == "Relationship" and atribut.get("Type", "").endswith("/officeDocument"):
            hasil = posixpath.normpath(atribut.get("Target", hasil).lstrip("/"))

    if "_rels/.rels" in arsip.NameToInfo:
        _urai(arsip, "_rels/.rels", anggaran, mulai)
    return hasil


def _teks_bersama(arsip: zipfile.ZipFile, nama: str, anggaran: _Anggaran) -> list[str]:
    """The shared string table; a string is its `t` runs joined (phonetic runs left out), as openpyxl does."""
    hasil: list[str] = []
    potong: list[str] = []
    keadaan = {"t": False, "rph": 0}

    def mulai(tag: str, _: dict[str, str]) -> None:
        if tag == "si":
            potong.clear()
        elif tag == "rPh":
            keadaan["rph"] += 1
        elif tag == "t" and not keadaan["rph"]:
            keadaan["t"] = True

    def selesai(tag: str) -> None:
        if tag == "si":
            hasil.append("".join(potong).replace("x005F_", ""))
            if len(hasil) > MAKS_TEKS_BERSAMA:
                raise WorkbookDitolak(
                    f"Berkas memuat lebih dari {MAKS_TEKS_BERSAMA:,} teks berbeda; berkas ditolak.".replace(
                        ",", "."
                    )
                )
        elif tag == "rPh":
            keadaan["rph"] -= 1
        elif tag == "t":
            keadaan["t"] = False

    def teks(isi: str) -> None:
        if keadaan["t"]:
            potong.append(isi)

    _urai(arsip, nama, anggaran, mulai, selesai, teks)
    return hasil


def _format_tanggal(arsip: zipfile.ZipFile, nama: str, anggaran: _Anggaran) -> tuple[set[int], set[int]]:
    """Indexes of the cell styles whose number format is a date, and of those that are a duration."""
    kustom: dict[int, str] = {}
    format_xf: list[int] = []
    dalam = {"cellXfs": False}

    def mulai(tag: str, atribut: dict[str, str]) -> None:
        if tag == "numFmt":
            kustom[int(atribut.get("numFmtId", "0"))] = atribut.get("formatCode", "")
        elif tag == "cellXfs":
            dalam["cellXfs"] = True
        elif tag == "xf" and dalam["cellXfs"]:
            format_xf.append(int(atribut.get("numFmtId", "0")))

    def selesai(tag: str) -> None:
        if tag == "cellXfs":
            dalam["cellXfs"] = False

    _urai(arsip, nama, anggaran, mulai, selesai)
    tanggal, durasi = set(), set()
    for i, nomor in enumerate(format_xf):
        kode = kustom.get(nomor, BUILTIN_FORMATS.get(nomor))
        if kode and is_date_format(kode):
            tanggal.add(i)
        if kode and is_timedelta_format(kode):
            durasi.add(i)
    return tanggal, durasi


def _kolom(ref: str) -> tuple[int, int]:
    """`AB12` → (12, 28); ValueError for anything else."""
    huruf = ref.rstrip("0123456789")
    nomor = ref[len(huruf) :]
    if not (ref.isascii() and 1 <= len(huruf) <= 3 and huruf.isalpha() and huruf.isupper() and nomor):
        raise ValueError(ref)
    kolom = 0
    for h in huruf:
        kolom = kolom * 26 + ord(h) - 64
    return int(nomor), kolom


def _angka(teks: str) -> int | float:
    if "." in teks or "E" in teks or "e" in teks:
        return float(teks)
    return int(teks)


class _PembacaSheet:
    def __init__(self, buku: _Konteks, nama: str, maks_baris: int, baris_judul: int) -> None:
        self.buku = buku
        self.lembar = Lembar(nama)
        self.maks_baris = maks_baris
        self.baris_judul = baris_judul
        self.lebar = 0
        self.nomor_baris = 0
        self.nomor_kolom = 0
        self.sel: dict[int, Any] = {}
        self.jenis = "n"
        self.gaya = 0
        self.v: list[str] | None = None
        self.f: list[str] | None = None
        self.is_: list[str] | None = None
        self.rph = 0
        self.tangkap: list[str] | None = None

    def mulai(self, tag: str, atribut: dict[str, str]) -> None:
        if tag == "c":
            self.buku.hitung()
            ref = atribut.get("r")
            if ref:
                _, self.nomor_kolom = _kolom(ref)
            else:
                self.nomor_kolom += 1
            self.jenis = atribut.get("t", "n")
            self.gaya = int(atribut.get("s") or 0)
            self.v = self.f = self.is_ = None
        elif tag == "v":
            self.v = self.tangkap = []
        elif tag == "f":
            self.f = self.tangkap = []
        elif tag == "is":
            self.is_ = []
        elif tag == "rPh":
            self.rph += 1
        elif tag == "t" and self.is_ is not None and not self.rph:
            self.tangkap = self.is_
        elif tag == "row":
            self.buku.hitung()
            r = atribut.get("r")
            self.nomor_baris = int(r) if r else self.nomor_baris + 1
            if not 0 < self.nomor_baris <= _MAKS_BARIS_EXCEL:
                raise ValueError(r)
            self.nomor_kolom = 0
            self.sel = {}

    def teks(self, isi: str) -> None:
        if self.tangkap is not None:
            self.tangkap.append(isi)

    def selesai(self, tag: str) -> None:
        if tag in ("v", "f", "t"):
            self.tangkap = None
        elif tag == "rPh":
            self.rph -= 1
        elif tag == "c":
            nilai = self._nilai()
            if nilai is not None:
                if self.nomor_kolom > self.buku.maks_kolom:
                    raise WorkbookDitolak(
                        f"Sheet '{self.lembar.nama}' memuat isian di kolom "
                        f"{get_column_letter(min(self.nomor_kolom, _MAKS_KOLOM_EXCEL))} baris {self.nomor_baris}, "
                        f"di luar batas {self.buku.maks_kolom} kolom; hapus isian itu lalu unggah kembali."
                    )
                self.sel[self.nomor_kolom] = nilai
        elif tag == "row" and any(not kosong(v) for v in self.sel.values()):
            if len(self.lembar.baris) >= self.maks_baris + self.baris_judul:
                raise WorkbookDitolak(
                    f"Sheet '{self.lembar.nama}' memuat lebih dari {_ribuan(self.maks_baris)} baris; berkas ditolak."
                )
            lebar = max(self.sel)
            self.lebar = max(self.lebar, lebar)
            nilai = tuple(self.sel.get(k) for k in range(1, lebar + 1))
            self.lembar.baris.append((self.nomor_baris, nilai))

    def _nilai(self) -> Any:
        if self.f is not None and self.buku.rumus:
            return Rumus("=" + "".join(self.f))
        if self.jenis == "inlineStr":
            return "".join(self.is_) if self.is_ is not None else None
        teks = "".join(self.v) if self.v is not None else ""
        if not teks:
            return None
        jenis = self.jenis
        if jenis == "n":
            angka = _angka(teks)
            if self.gaya in self.buku.tanggal:
                try:
                    return from_excel(angka, self.buku.epoch, timedelta=self.gaya in self.buku.durasi)
                except (OverflowError, ValueError):
                    return "#VALUE!"
            return angka
        if jenis == "s":
            return self.buku.teks_bersama[int(teks)]
        if jenis == "b":
            return bool(int(teks))
        if jenis == "d":
            return from_ISO8601(teks)
        return teks  # "str" (a formula's text result), "e" (an error code such as #N/A)

    def hasil(self) -> Lembar:
        for i, (nomor, nilai) in enumerate(self.lembar.baris):
            if len(nilai) < self.lebar:
                self.lembar.baris[i] = (nomor, nilai + (None,) * (self.lebar - len(nilai)))
        return self.lembar


@dataclass
class _Konteks:
    maks_kolom: int
    rumus: bool
    anggaran: _Anggaran
    teks_bersama: list[str] = field(default_factory=list)
    tanggal: set[int] = field(default_factory=set)
    durasi: set[int] = field(default_factory=set)
    epoch: datetime.datetime = WINDOWS_EPOCH
    elemen: int = 0

    def hitung(self) -> None:
        self.elemen += 1
        if self.elemen > MAKS_ELEMEN:
            raise WorkbookDitolak(
                f"Berkas memuat lebih dari {_ribuan(MAKS_ELEMEN)} sel (termasuk sel kosong berformat); "
                "hapus baris dan kolom yang tidak dipakai lalu unggah kembali."
            )


def buka_zip(data: bytes) -> zipfile.ZipFile:
    """The upload as a zip whose directory passed the size checks; WorkbookDitolak otherwise."""
    try:
        arsip = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise WorkbookDitolak(PESAN_RUSAK) from None
    try:
        zip_aman.periksa_direktori(arsip, BATAS_ZIP)
    except zip_aman.ZipDitolak as exc:
        arsip.close()
        raise WorkbookDitolak(str(exc)) from None
    return arsip


def baca(
    data: bytes,
    *,
    maks_baris: int,
    baris_judul: int = 0,
    maks_kolom: int = MAKS_KOLOM,
    rumus: bool = False,
    batas_waktu: float = BATAS_WAKTU,
) -> Buku:
    """Every worksheet of the workbook with its rows that hold a value; WorkbookDitolak with the reason
    otherwise. `maks_baris` counts such rows per sheet, besides `baris_judul` header rows."""
    anggaran = _Anggaran(batas_waktu)
    with buka_zip(data) as arsip:
        bagian = _bagian_workbook(arsip, anggaran)
        relasi = _relasi(arsip, bagian, anggaran)
        konteks = _Konteks(maks_kolom=maks_kolom, rumus=rumus, anggaran=anggaran)
        sheets: list[tuple[str, str]] = []

        def mulai(tag: str, atribut: dict[str, str]) -> None:
            if tag == "sheet":
                rid = atribut.get(f"{_NS_REL}}}id", "")
                jenis, path = relasi.get(rid, ("", ""))
                if jenis.endswith(_JENIS_SHEET):
                    sheets.append((atribut.get("name", ""), path))
            elif tag == "workbookPr" and atribut.get("date1904", "").lower() in ("1", "true"):
                konteks.epoch = MAC_EPOCH

        _urai(arsip, bagian, anggaran, mulai)
        if not sheets:
            raise WorkbookDitolak(PESAN_RUSAK)
        for jenis, path in relasi.values():
            if jenis.endswith(_JENIS_TEKS):
                konteks.teks_bersama = _teks_bersama(arsip, path, anggaran)
            elif jenis.endswith(_JENIS_GAYA):
                konteks.tanggal, konteks.durasi = _format_tanggal(arsip, path, anggaran)
        return Buku([_sheet(arsip, konteks, nama, path, maks_baris, baris_judul) for nama, path in sheets])


def _sheet(
    arsip: zipfile.ZipFile, konteks: _Konteks, nama: str, path: str, maks_baris: int, baris_judul: int
) -> Lembar:
    pembaca = _PembacaSheet(konteks, nama, maks_baris, baris_judul)
    _urai(arsip, path, konteks.anggaran, pembaca.mulai, pembaca.selesai, pembaca.teks)
    return pembaca.hasil()
