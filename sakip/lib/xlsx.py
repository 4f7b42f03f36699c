"""Excel workbooks of data tables, shared by every app's export: numbers stay numbers, text is never a formula.

A workbook is a list of `Lembar` (sheets): a title row, optional subtitle, the header row, the column-number row
of the LKjIP (`(6=5/4*100)`), the rows and the notes. Numbers (`Decimal`, `int`) are written as numbers (16
significant digits, more than Excel shows) with a number format; Excel uses the separators of the user's locale,
so an Indonesian installation reads `1.234,56` (a format code is always written with `,` for thousands and `.`
for decimals).
Text that a spreadsheet would run as a formula (starting with = + - @, or a tab/return) is stored as a string with
Excel's quote prefix (`tulis_teks`): shown as typed, never evaluated, also after the cell is edited, and read back
unchanged. Every workbook writer of the app puts values into cells through `tulis_nilai` / `isi` / `tambah_baris`
(a test reads each export back and finds no formula made of user text). `netral` is the older way: a visible
leading apostrophe.

No Django here: openpyxl only.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter


@dataclass(frozen=True)
class Kesalahan:
    """One problem of an imported workbook, located as precisely as possible (rows numbered as in Excel)."""

    sheet: str
    baris: int | None
    kolom: str
    pesan: str

    def __str__(self) -> str:
        letak = []
        if self.sheet:
            letak.append(f"Sheet '{self.sheet}'")
        if self.baris:
            letak.append(f"baris {self.baris}")
        if self.kolom:
            letak.append(f"kolom '{self.kolom}'")
        return f"{', '.join(letak)}: {self.pesan}" if letak else self.pesan


JENIS_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_AWAL = ("=", "+", "-", "@", "\t", "\r")
BILANGAN_BULAT = "#,##0"
DUA_DESIMAL = "#,##0.00"
RUPIAH = '"Rp "#,##0;-"Rp "#,##0'
_ISI_JUDUL = PatternFill("solid", fgColor="E8F1FA")
_SHEET_TERLARANG = re.compile(r"[\[\]:*?/\\]")
# A number as `sakip.lib.angka` prints it: "1.234.567,89", "86,42", "-5", "Rp 535.648.948.995", "-Rp 1.000".
_ANGKA_TERCETAK = re.compile(r"^-?(?P<rp>Rp ?)?(\d{1,3}(\.\d{3})+|\d+)(,(?P<desimal>\d+))?$")


def netral(nilai: Any) -> Any:
    """A cell value that Excel will not run as a formula: text starting with = + - @ gets a leading quote (the
    budget exports' way; the shared writer uses `tulis_teks`, which leaves the text unchanged)."""
    if isinstance(nilai, str) and nilai.startswith(FORMULA_AWAL):
        return "'" + nilai
    return nilai


def tulis_teks(cell: Any, teks: str) -> None:
    """Write text into a cell so that no spreadsheet runs it as a formula, without changing it."""
    teks = ILLEGAL_CHARACTERS_RE.sub("", teks)
    cell.value = teks
    if teks.startswith(FORMULA_AWAL):
        # String type (not formula) plus Excel's quote prefix: shown as typed, never evaluated, also after the
        # cell is edited. The value itself is unchanged, so the round trip stays lossless.
        cell.data_type = "s"
        cell.quotePrefix = True


def is_angka(nilai: Any) -> bool:
    return isinstance(nilai, int | Decimal | float) and not isinstance(nilai, bool)


def format_desimal(desimal: int) -> str:
    """`#,##0` for whole numbers, `#,##0.00` for two decimals, …"""
    return BILANGAN_BULAT + ("." + "0" * desimal if desimal > 0 else "")


def format_dari_teks(teks: str) -> str | None:
    """The number format that shows a value the way the page printed it (same decimals, `Rp` prefix), or None when
    the printed text is not a plain number (a predikat, "1/9 (eksak)", an en dash)."""
    cocok = _ANGKA_TERCETAK.match(teks.strip())
    if cocok is None:
        return None
    if cocok["rp"]:
        return RUPIAH
    return format_desimal(len(cocok["desimal"] or ""))


@dataclass(frozen=True)
class Sel:
    """A cell with its own number format (otherwise the column's, else one chosen from the value)."""

    nilai: Any
    format: str = ""


@dataclass
class Lembar:
    nama: str
    judul: str
    kolom: Sequence[str]
    baris: Sequence[Sequence[Any]] = ()
    subjudul: str = ""
    nomor_kolom: Sequence[str] = ()
    format_kolom: Sequence[str] = ()  # per column; "" lets the value decide
    tebal: Sequence[bool] = ()  # per row
    lebar: Sequence[int] = ()  # per column, in characters
    catatan: Sequence[str] = ()


def nama_sheet(nama: str, terpakai: set[str]) -> str:
    """A valid, unique sheet name: no [ ] : * ? / \\, at most 31 characters."""
    dasar = _SHEET_TERLARANG.sub("-", nama).strip("'") or "Tabel"
    hasil, n = dasar[:31], 2
    while hasil.lower() in terpakai:
        akhiran = f" ({n})"
        hasil, n = dasar[: 31 - len(akhiran)] + akhiran, n + 1
    terpakai.add(hasil.lower())
    return hasil


def tulis_nilai(sel: Any, nilai: Any) -> Any:
    """Write one value into a cell: a number, boolean or date as itself, anything else as inert text (never a
    formula, whatever it starts with). The one way every workbook writer puts data into a cell; a formula the
    app means (a total) is assigned to `cell.value` explicitly. Returns the cell."""
    if nilai is None or is_angka(nilai) or isinstance(nilai, bool | datetime.date | datetime.time):
        sel.value = nilai
    else:
        tulis_teks(sel, str(nilai))
    return sel


def isi(ws: Any, baris: int, kolom: int, nilai: Any) -> Any:
    """`tulis_nilai` into the cell at (baris, kolom) of `ws`; returns the cell."""
    return tulis_nilai(ws.cell(row=baris, column=kolom), nilai)


def tambah_baris(ws: Any, nilai: Iterable[Any]) -> None:
    """`ws.append(nilai)`, each value written through `tulis_nilai`."""
    ws.append([tulis_nilai(Cell(ws), satu) for satu in nilai])


def _format_otomatis(nilai: Any) -> str:
    return BILANGAN_BULAT if isinstance(nilai, int) else DUA_DESIMAL


def _tulis_lembar(ws: Any, lembar: Lembar) -> None:
    isi(ws, 1, 1, lembar.judul).font = Font(bold=True, size=12)
    baris = 2
    if lembar.subjudul:
        isi(ws, baris, 1, lembar.subjudul)
        baris += 1
    baris += 1  # an empty row before the table
    for k, judul in enumerate(lembar.kolom, start=1):
        sel = isi(ws, baris, k, judul)
        sel.font = Font(bold=True)
        sel.fill = _ISI_JUDUL
        sel.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        if k <= len(lembar.lebar):
            ws.column_dimensions[get_column_letter(k)].width = lembar.lebar[k - 1]
    if lembar.nomor_kolom:
        baris += 1
        for k, teks in enumerate(lembar.nomor_kolom, start=1):
            sel = isi(ws, baris, k, teks or None)
            sel.fill = _ISI_JUDUL
            sel.alignment = Alignment(horizontal="center")
    ws.freeze_panes = ws.cell(row=baris + 1, column=1)
    for r, isi_baris in enumerate(lembar.baris):
        baris += 1
        tebal = r < len(lembar.tebal) and lembar.tebal[r]
        for k, nilai in enumerate(isi_baris, start=1):
            format_sel = ""
            if isinstance(nilai, Sel):
                nilai, format_sel = nilai.nilai, nilai.format
            sel = isi(ws, baris, k, nilai)
            if is_angka(nilai):
                kolom = lembar.format_kolom[k - 1] if k <= len(lembar.format_kolom) else ""
                sel.number_format = format_sel or kolom or _format_otomatis(nilai)
            elif nilai is not None:
                sel.alignment = Alignment(wrap_text=True, vertical="top")
            if tebal:
                sel.font = Font(bold=True)
    if lembar.catatan:
        baris += 1
        for teks in lembar.catatan:
            baris += 1
            isi(ws, baris, 1, teks)


def tulis(daftar: Iterable[Lembar]) -> bytes:
    """The .xlsx bytes of the sheets, in order (sheet names made valid and unique)."""
    wb = Workbook()
    terpakai: set[str] = set()
    pertama = True
    for lembar in daftar:
        ws = wb.active if pertama else wb.create_sheet()
        pertama = False
        ws.title = nama_sheet(lembar.nama, terpakai)
        _tulis_lembar(ws, lembar)
    if pertama:
        wb.active.title = "Kosong"
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()
