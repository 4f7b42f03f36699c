"""Hostile workbooks for the importers' tests and `make bench`, built cheaply (no openpyxl for the big one).

- `bom_dimensi`: a few kilobytes declaring `A1:XFD1048576` with one cell at XFD1048576 (openpyxl's read-only
  mode pads every row to 16.384 columns: minutes of CPU before this reader).
- `sejuta_baris`: 1.048.576 rows with one value each, the sheet XML streamed into the zip (≈ 2,7 MB, ≈ 63 MB
  inflated, a compression ratio of ≈ 23 that passes the zip checks: the streaming row limit must refuse it).
- `dengan_xml`: a valid minimal workbook whose sheet (or workbook) XML is replaced, e.g. by a DOCTYPE or a
  truncated document.
"""

from __future__ import annotations

import ctypes
import gc
import io
import re
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)
_AWAL_SHEET = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)
BARIS_EXCEL = 1_048_576


def _workbook(nama_sheet: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<sheets><sheet name="{nama_sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )


def _kerangka(arsip: zipfile.ZipFile, nama_sheet: str, workbook: bytes | None = None) -> None:
    arsip.writestr("[Content_Types].xml", _CONTENT_TYPES)
    arsip.writestr("_rels/.rels", _RELS)
    arsip.writestr("xl/workbook.xml", workbook if workbook is not None else _workbook(nama_sheet))
    arsip.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)


def bom_dimensi(nama_sheet: str = "Sheet1") -> bytes:
    """The issue's dimension bomb: declared A1:XFD1048576, one cell at XFD1048576."""
    keluaran = io.BytesIO()
    with zipfile.ZipFile(keluaran, "w", zipfile.ZIP_DEFLATED) as arsip:
        _kerangka(arsip, nama_sheet)
        arsip.writestr(
            "xl/worksheets/sheet1.xml",
            _AWAL_SHEET + '<dimension ref="A1:XFD1048576"/><sheetData>'
            '<row r="1"><c r="A1" t="inlineStr"><is><t>Kode</t></is></c></row>'
            f'<row r="{BARIS_EXCEL}"><c r="XFD{BARIS_EXCEL}" t="inlineStr"><is><t>x</t></is></c></row>'
            "</sheetData></worksheet>",
        )
    return keluaran.getvalue()


def sejuta_baris(nama_sheet: str = "Sheet1", baris: int = BARIS_EXCEL) -> bytes:
    """`baris` rows, each with one text cell in column A; the sheet XML is streamed, never held whole."""
    keluaran = io.BytesIO()
    with zipfile.ZipFile(keluaran, "w", zipfile.ZIP_DEFLATED) as arsip:
        _kerangka(arsip, nama_sheet)
        with arsip.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write((_AWAL_SHEET + f'<dimension ref="A1:A{baris}"/><sheetData>').encode())
            for awal in range(1, baris + 1, 10_000):
                sheet.write(
                    "".join(
                        f'<row r="{n}"><c t="inlineStr"><is><t>x</t></is></c></row>'
                        for n in range(awal, min(awal + 10_000, baris + 1))
                    ).encode()
                )
            sheet.write(b"</sheetData></worksheet>")
    return keluaran.getvalue()


def dengan_xml(
    nama_sheet: str = "Sheet1", *, sheet: bytes | None = None, workbook: bytes | None = None
) -> bytes:
    """A minimal workbook with the given sheet XML (default: one cell) or workbook XML."""
    keluaran = io.BytesIO()
    with zipfile.ZipFile(keluaran, "w", zipfile.ZIP_DEFLATED) as arsip:
        _kerangka(arsip, nama_sheet, workbook)
        arsip.writestr(
            "xl/worksheets/sheet1.xml",
            sheet
            if sheet is not None
            else (
                _AWAL_SHEET + '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Kode</t></is></c></row>'
                "</sheetData></worksheet>"
            ).encode(),
        )
    return keluaran.getvalue()


DOCTYPE = (
    b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
    b'<c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>'
)
TERPOTONG = (
    b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Kode</t></is></c></row><row r="2"><c r="A2"'
)


def _status(kunci: str) -> int:
    cocok = re.search(kunci + r":\s+(\d+) kB", Path("/proc/self/status").read_text())
    if cocok is None:
        raise OSError(kunci)
    return int(cocok.group(1)) * 1024


def ukur(fungsi: Callable[[], object]) -> tuple[float, float, int]:
    """(CPU seconds of this thread, wall seconds, peak memory growth in bytes) of one call.

    Memory is the growth of the process's peak resident set over its size before the call (Linux: free memory
    is handed back with malloc_trim and the peak reset through /proc/self/clear_refs first), which costs nothing
    while measuring; elsewhere tracemalloc's peak (exact for Python allocations, but several times slower).
    """
    gc.collect()
    try:
        # Give freed memory back to the system first, so that the growth is not hidden by reused free space.
        ctypes.CDLL("libc.so.6").malloc_trim(0)
        Path("/proc/self/clear_refs").write_text("5")
        sebelum = _status("VmRSS")
        rss = True
    except OSError:
        tracemalloc.start()
        rss = False
    cpu, dinding = time.thread_time(), time.perf_counter()
    try:
        fungsi()
    finally:
        cpu, dinding = time.thread_time() - cpu, time.perf_counter() - dinding
        if rss:
            puncak = _status("VmHWM") - sebelum
        else:
            _, puncak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
    return cpu, dinding, puncak


def ukuran_terdeklarasi(data: bytes, nama: str, ukuran: int) -> bytes:
    """The zip with the uncompressed size of `nama` in its central directory replaced (the headers lie)."""
    hasil = bytearray(data)
    posisi = hasil.find(b"PK\x01\x02")
    while posisi >= 0:
        panjang = int.from_bytes(hasil[posisi + 28 : posisi + 30], "little")
        if hasil[posisi + 46 : posisi + 46 + panjang] == nama.encode():
            hasil[posisi + 24 : posisi + 28] = ukuran.to_bytes(4, "little")
            return bytes(hasil)
        posisi = hasil.find(b"PK\x01\x02", posisi + 4)
    raise AssertionError(nama)
