"""The shared Excel writer: number formats from printed numbers, formula neutralising, sheet names."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from sakip.lib import angka, xlsx


def sama(sel: object, nilai: D) -> bool:
    """A number read back from a workbook equals the raw Decimal (openpyxl writes 16 significant digits)."""
    return (
        isinstance(sel, int | float) and not isinstance(sel, bool) and abs(D(repr(sel)) - nilai) < D("1e-9")
    )


def teks_aman(wb: object, teks: str) -> bool:
    """The text is in the workbook unchanged, as a string with Excel's quote prefix, and no cell is a formula."""
    sel = [c for ws in wb.worksheets for r in ws.iter_rows() for c in r]  # type: ignore[attr-defined]
    cocok = [c for c in sel if c.value == teks]
    return (
        bool(cocok)
        and all(c.data_type == "s" and c.quotePrefix for c in cocok)
        and all(c.data_type != "f" for c in sel)
    )


@pytest.mark.parametrize(
    ("teks", "format_angka"),
    [
        ("86,42", "#,##0.00"),
        ("3,460", "#,##0.000"),
        ("86,4", "#,##0.0"),
        ("127", "#,##0"),
        ("1200", "#,##0"),
        ("1.234.567,89", "#,##0.00"),
        ("-5,07", "#,##0.00"),
        ("Rp 535.648.948.995", xlsx.RUPIAH),
        ("-Rp 1.000", xlsx.RUPIAH),
        ("B", None),
        ("1/9 (eksak)", None),
        ("0,111 (dibulatkan)", None),
        (angka.KOSONG, None),
        ("", None),
        ("85,00 – 90,00", None),
    ],
)
def test_number_format_follows_the_printed_number(teks, format_angka):
    assert xlsx.format_dari_teks(teks) == format_angka


@pytest.mark.parametrize("teks", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_text_that_would_run_as_a_formula_gets_a_quote(teks):
    assert xlsx.netral(teks) == "'" + teks


def test_numbers_and_plain_text_are_left_alone():
    assert xlsx.netral(D("-5")) == D("-5")
    assert xlsx.netral("Biro Umum") == "Biro Umum"
    assert xlsx.netral(None) is None


def test_sheet_names_are_valid_and_unique():
    terpakai: set[str] = set()
    assert xlsx.nama_sheet("3.3", terpakai) == "3.3"
    assert xlsx.nama_sheet("3.3", terpakai) == "3.3 (2)"
    assert xlsx.nama_sheet("a/b:c*d?e[f]", terpakai) == "a-b-c-d-e-f-"
    panjang = xlsx.nama_sheet("x" * 40, terpakai)
    assert len(panjang) == 31
    assert len(xlsx.nama_sheet("x" * 40, terpakai)) == 31


def test_workbook_round_trip_keeps_numbers_as_numbers_and_text_inert():
    isi = xlsx.tulis(
        [
            xlsx.Lembar(
                nama="Uji",
                judul="=judul",
                kolom=["Nama", "Nilai", "Jumlah"],
                nomor_kolom=["(1)", "(2)", "(3=2*10)"],
                baris=[
                    ['=HYPERLINK("http://x")', xlsx.Sel(D("86.41833"), "#,##0.000"), 3],
                    ["Baris dua", D("101.6470588235294117647058824"), None],
                ],
                tebal=[False, True],
                catatan=["-catatan"],
            ),
            xlsx.Lembar(nama="Uji", judul="Kedua", kolom=["A"]),
        ]
    )
    wb = load_workbook(io.BytesIO(isi))
    assert wb.sheetnames == ["Uji", "Uji (2)"]
    ws = wb["Uji"]
    nilai = [list(r) for r in ws.iter_rows(values_only=True)]
    assert nilai[0][0] == "=judul"
    assert nilai[2] == ["Nama", "Nilai", "Jumlah"]
    assert nilai[3] == ["(1)", "(2)", "(3=2*10)"]
    assert nilai[4] == ['=HYPERLINK("http://x")', 86.41833, 3]
    assert ws["B5"].number_format == "#,##0.000"
    assert ws["C5"].number_format == xlsx.BILANGAN_BULAT
    assert ws["B6"].number_format == xlsx.DUA_DESIMAL
    assert abs(D(repr(ws["B6"].value)) - D("101.6470588235294117647058824")) < D("1e-12")
    assert ws["A6"].font.bold
    assert nilai[-1][0] == "-catatan"
    for sel in (ws["A1"], ws["A5"], ws.cell(row=ws.max_row, column=1)):
        assert sel.data_type == "s"
        assert sel.quotePrefix  # Excel shows it as typed and never runs it, even after the cell is edited
    assert not ws["A6"].quotePrefix
    assert all(c.data_type != "f" for r in ws.iter_rows() for c in r)
    with zipfile.ZipFile(io.BytesIO(isi)) as arsip:
        assert not any(b"<f>" in arsip.read(n) for n in arsip.namelist() if n.startswith("xl/worksheets/"))
