import datetime
import io
import time
import tracemalloc
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from sakip.lib import xlsx_baca, zip_aman
from sakip.lib.tests import bom_xlsx


def _ditolak(data: bytes, **kw) -> str:
    kw.setdefault("maks_baris", 10_000)
    with pytest.raises(xlsx_baca.WorkbookDitolak) as exc:
        xlsx_baca.baca(data, **kw)
    return str(exc.value)


def _buku_openpyxl(isi_sel: dict[str, object], judul: str = "Data") -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = judul
    for ref, nilai in isi_sel.items():
        ws[ref] = nilai
    ws["C9"].number_format = "0.00"  # a styled cell without a value
    kedua = wb.create_sheet("Kedua")
    kedua["B2"] = "di sheet kedua"
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


ISI = {
    "A1": "Kode",
    "B1": "Nilai",
    "C1": "Tanggal",
    "A2": "1.01",
    "B2": 1234567,
    "C2": datetime.datetime(2024, 12, 31),
    "D2": True,
    "A4": "  ",
    "B4": 85.5,
    "E4": "=SUM(B2:B4)",
    "A5": "=teks",
    "F5": datetime.time(7, 30),
}


def test_values_are_those_openpyxl_reads_and_only_rows_holding_a_value_come_back():
    data = _buku_openpyxl(ISI)
    buku = xlsx_baca.baca(data, maks_baris=100)
    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    for lembar, ws in zip(buku.lembar, wb.worksheets, strict=True):
        assert lembar.nama == ws.title
        harapan = [
            (n, tuple(r))
            for n, r in enumerate(ws.iter_rows(values_only=True), start=1)
            if any(not xlsx_baca.kosong(v) for v in r)
        ]
        lebar = max(len(r) for _, r in lembar.baris)
        assert lembar.baris == [(n, r[:lebar]) for n, r in harapan]
    assert buku.get("Data").baris_ke(2)[:4] == ("1.01", 1234567, datetime.datetime(2024, 12, 31), True)


def test_formulas_come_back_as_formulas_when_asked():
    buku = xlsx_baca.baca(_buku_openpyxl(ISI), maks_baris=100, rumus=True)
    baris = dict(buku.get("Data").baris)
    assert baris[4][4] == xlsx_baca.Rumus("=SUM(B2:B4)")
    assert baris[5][0] == xlsx_baca.Rumus("=teks")


def test_the_dimension_bomb_is_refused_by_the_column_of_its_one_cell_without_padding():
    mulai = time.thread_time()
    tracemalloc.start()
    try:
        pesan = _ditolak(bom_xlsx.bom_dimensi())
        _, puncak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert pesan == (
        "Sheet 'Sheet1' memuat isian di kolom XFD baris 1048576, di luar batas 100 kolom; "
        "hapus isian itu lalu unggah kembali."
    )
    assert time.thread_time() - mulai < 2
    assert puncak < 20 * 1024 * 1024


def test_a_cell_far_down_is_read_without_walking_the_rows_between():
    sheet = (
        bom_xlsx._AWAL_SHEET + '<dimension ref="A1:B1048576"/><sheetData>'
        '<row r="1048576"><c r="B1048576"><v>7</v></c></row></sheetData></worksheet>'
    ).encode()
    buku = xlsx_baca.baca(bom_xlsx.dengan_xml(sheet=sheet), maks_baris=10)
    assert buku.lembar[0].baris == [(1_048_576, (None, 7))]


def test_styled_empty_cells_beyond_the_column_limit_are_ignored():
    sheet = (
        bom_xlsx._AWAL_SHEET + '<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="XFD1" s="1"/></row>'
        '<row r="2"><c r="ZZ2" s="3"><v></v></c></row></sheetData></worksheet>'
    ).encode()
    buku = xlsx_baca.baca(bom_xlsx.dengan_xml(sheet=sheet), maks_baris=10, maks_kolom=3)
    assert buku.lembar[0].baris == [(1, (1,))]


def test_rows_beyond_the_limit_stop_the_stream_at_the_first_row_too_many():
    data = bom_xlsx.sejuta_baris(baris=50)
    assert _ditolak(data, maks_baris=20, baris_judul=1) == (
        "Sheet 'Sheet1' memuat lebih dari 20 baris; berkas ditolak."
    )
    assert len(xlsx_baca.baca(data, maks_baris=49, baris_judul=1).lembar[0].baris) == 50


def test_a_million_rows_are_refused_quickly_and_in_little_memory():
    data = bom_xlsx.sejuta_baris()
    with zipfile.ZipFile(io.BytesIO(data)) as arsip:
        info = arsip.getinfo("xl/worksheets/sheet1.xml")
    assert info.file_size > 50 * 1024 * 1024  # really a million rows, within the zip checks
    mulai = time.thread_time()
    tracemalloc.start()
    try:
        pesan = _ditolak(data)
        _, puncak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert pesan == "Sheet 'Sheet1' memuat lebih dari 10.000 baris; berkas ditolak."
    assert time.thread_time() - mulai < 2
    assert puncak < 50 * 1024 * 1024


def test_a_document_type_declaration_is_refused_before_any_entity_is_expanded():
    assert _ditolak(bom_xlsx.dengan_xml(sheet=bom_xlsx.DOCTYPE)) == xlsx_baca.PESAN_DTD
    workbook = b'<?xml version="1.0"?><!DOCTYPE x SYSTEM "http://contoh.invalid/x.dtd"><workbook/>'
    assert _ditolak(bom_xlsx.dengan_xml(workbook=workbook)) == xlsx_baca.PESAN_DTD


@pytest.mark.parametrize(
    "sheet",
    [bom_xlsx.TERPOTONG, b"", b"<bukan xml", b'<worksheet><sheetData><row r="x"/></sheetData></worksheet>'],
    ids=["truncated", "empty", "not-xml", "bad-row-number"],
)
def test_malformed_xml_is_refused_with_a_message(sheet):
    assert _ditolak(bom_xlsx.dengan_xml(sheet=sheet)) == xlsx_baca.PESAN_RUSAK


def test_a_zip_without_a_workbook_or_sheets_is_refused():
    keluaran = io.BytesIO()
    with zipfile.ZipFile(keluaran, "w") as arsip:
        arsip.writestr("xl/workbook.xml", "<workbook/>")
    assert _ditolak(keluaran.getvalue()) == xlsx_baca.PESAN_RUSAK
    assert _ditolak(b"PK\x03\x04 bukan zip") == xlsx_baca.PESAN_RUSAK


def test_a_member_inflating_beyond_what_it_declares_is_refused():
    data = bom_xlsx.ukuran_terdeklarasi(bom_xlsx.dengan_xml(), "xl/worksheets/sheet1.xml", 10)
    with zipfile.ZipFile(io.BytesIO(data)) as arsip:
        assert arsip.getinfo("xl/worksheets/sheet1.xml").file_size == 10
    assert _ditolak(data) == xlsx_baca.PESAN_RUSAK


def test_a_zip_bomb_is_refused_from_its_directory():
    keluaran = io.BytesIO()
    with zipfile.ZipFile(keluaran, "w", zipfile.ZIP_DEFLATED) as arsip:
        arsip.writestr("[Content_Types].xml", "<Types/>")
        arsip.writestr("xl/workbook.xml", b" " * (5 * 1024 * 1024))  # ratio ≈ 1.000
    assert _ditolak(keluaran.getvalue()) == zip_aman.PESAN_TERLALU_BESAR


def test_too_many_cells_even_empty_ones_are_refused(monkeypatch):
    monkeypatch.setattr(xlsx_baca, "MAKS_ELEMEN", 1_000)
    sheet = (
        bom_xlsx._AWAL_SHEET
        + "<sheetData>"
        + "".join(f'<row r="{n}"><c r="A{n}" s="1"/></row>' for n in range(1, 600))
        + "</sheetData></worksheet>"
    ).encode()
    assert "lebih dari 1.000 sel" in _ditolak(bom_xlsx.dengan_xml(sheet=sheet))


def test_a_read_over_its_time_budget_is_refused():
    assert _ditolak(bom_xlsx.dengan_xml(), batas_waktu=0) == (
        "Berkas terlalu berat untuk diproses (melewati batas waktu 0 detik); bagi menjadi beberapa berkas."
    )


def test_the_dimension_bomb_as_openpyxl_writes_it_is_refused_too():
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "Kode"
    ws["XFD1048576"] = "x"
    keluaran = io.BytesIO()
    wb.save(keluaran)
    data = keluaran.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as arsip:
        assert b'<dimension ref="A1:XFD1048576"/>' in arsip.read("xl/worksheets/sheet1.xml")
    assert len(data) < 10_000
    assert "di kolom XFD baris 1048576, di luar batas 100 kolom" in _ditolak(data)
