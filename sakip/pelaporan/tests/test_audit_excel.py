"""Reading the audit workbook: every malformed input gives an Indonesian message naming sheet, row and column."""

from __future__ import annotations

import datetime
import io
import zipfile
from decimal import Decimal as D

import pytest
from openpyxl import Workbook, load_workbook

from sakip.anggaran.efisiensi import MetodeEfisiensi
from sakip.pelaporan import audit, audit_excel
from sakip.pengukuran.capaian import Polaritas

JUDUL_PENGUKURAN = ["No. sasaran", "Indikator", "Target", "Realisasi", "Capaian (%)"]
JUDUL_EFISIENSI = ["No. sasaran", "Capaian kinerja (%)", "Penyerapan anggaran (%)", "Tingkat efisiensi"]
JUDUL_ANGGARAN = ["Tingkat", "Uraian", "Pagu", "Realisasi", "Penyerapan (%)"]


def _buku(
    pengukuran: list[list] | None = None,
    efisiensi: list[list] | None = None,
    anggaran: list[list] | None = None,
    *,
    tanpa: tuple[str, ...] = (),
    judul: dict[str, list[str]] | None = None,
) -> io.BytesIO:
    judul = judul or {}
    wb = Workbook()
    wb.remove(wb.active)
    for nama, kolom, isi in (
        ("Pengukuran", JUDUL_PENGUKURAN, pengukuran),
        ("Efisiensi", JUDUL_EFISIENSI, efisiensi),
        ("Anggaran", JUDUL_ANGGARAN, anggaran),
    ):
        if nama in tanpa:
            continue
        ws = wb.create_sheet(nama)
        ws.append(judul.get(nama, kolom))
        for baris in isi or []:
            ws.append(baris)
    keluaran = io.BytesIO()
    wb.save(keluaran)
    keluaran.seek(0)
    return keluaran


def _pesan(hasil: audit_excel.HasilBaca) -> list[str]:
    return [str(k) for k in hasil.kesalahan]


def _ditolak(data: bytes) -> str:
    with pytest.raises(audit_excel.BerkasDitolak) as exc:
        audit_excel.baca(io.BytesIO(data))
    return str(exc.value)


# --- the file ---------------------------------------------------------------------------------------------------


def test_an_empty_file_is_refused():
    assert _ditolak(b"") == "Berkas kosong. Unggah workbook Excel (.xlsx) yang berisi tabel LKjIP."


def test_a_file_over_10_mb_is_refused():
    assert _ditolak(b"PK\x03\x04" + b"\0" * (10 * 1024 * 1024)) == "Ukuran berkas melebihi batas 10 MB."


def test_a_legacy_xls_is_refused_with_what_to_do():
    assert "Excel lama (.xls)" in _ditolak(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)


@pytest.mark.parametrize("isi", [b"Nama;Target\nA;10\n", b"%PDF-1.4\n%%EOF\n"])
def test_a_file_that_is_not_an_xlsx_is_refused(isi):
    assert "bukan berkas Excel .xlsx" in _ditolak(isi)


def test_a_zip_that_is_not_a_workbook_is_refused():
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as arsip:
        arsip.writestr("isi.txt", "bukan workbook")
    assert "bukan berkas Excel .xlsx" in _ditolak(data.getvalue())


def test_a_workbook_declaring_a_dtd_is_refused():
    asli = _buku([["1", "A", 10, 10, "100,00"]]).getvalue()
    keluaran = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(asli)) as masuk, zipfile.ZipFile(keluaran, "w") as keluar:
        for info in masuk.infolist():
            isi = masuk.read(info)
            if info.filename == "xl/workbook.xml":
                isi = b'<!DOCTYPE x [<!ENTITY a "aaaa">]>' + isi.split(b"?>", 1)[-1]
            keluar.writestr(info, isi)
    assert (
        _ditolak(keluaran.getvalue()) == "Berkas memuat deklarasi XML yang tidak diizinkan; berkas ditolak."
    )


def test_a_damaged_workbook_is_refused():
    asli = _buku([["1", "A", 10, 10, "100,00"]]).getvalue()
    keluaran = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(asli)) as masuk, zipfile.ZipFile(keluaran, "w") as keluar:
        for info in masuk.infolist():
            isi = masuk.read(info)
            keluar.writestr(info, b"<bukan xml" if info.filename == "xl/workbook.xml" else isi)
    assert "tidak dapat dibaca" in _ditolak(keluaran.getvalue())


# --- sheets and columns -----------------------------------------------------------------------------------------


def test_a_missing_sheet_is_named():
    hasil = audit_excel.baca(_buku([["1", "A", 10, 10, "100,00"]], tanpa=("Efisiensi",)))
    assert hasil.data is None
    assert _pesan(hasil) == [
        "Sheet 'Efisiensi': Sheet 'Efisiensi' tidak ditemukan. Gunakan templat yang dapat diunduh dari halaman audit."
    ]


def test_sheet_names_match_whatever_their_case():
    wb = load_workbook(_buku([["1", "A", 10, 10, "100,00"]]))
    wb["Pengukuran"].title = "PENGUKURAN "
    data = io.BytesIO()
    wb.save(data)
    data.seek(0)
    assert audit_excel.baca(data).ok


def test_a_missing_required_column_is_named_with_its_sheet():
    judul = {"Pengukuran": ["No. sasaran", "Indikator", "Realisasi"]}
    hasil = audit_excel.baca(_buku([["1", "A", 10]], judul=judul))
    assert _pesan(hasil) == [
        "Sheet 'Pengukuran', baris 1: Kolom wajib tidak ditemukan pada baris judul: 'Target' (lihat templat)."
    ]


def test_a_sheet_without_a_header_row_is_reported():
    judul = {"Anggaran": ["apa", "ini"]}
    hasil = audit_excel.baca(_buku(anggaran=[["x", "y"]], judul=judul))
    assert _pesan(hasil) == [
        "Sheet 'Anggaran': Baris judul kolom tidak ditemukan: harus ada kolom 'Tingkat', 'Uraian', 'Pagu', "
        "'Realisasi' (lihat templat)."
    ]


def test_a_workbook_without_data_rows_is_reported():
    hasil = audit_excel.baca(_buku())
    assert _pesan(hasil) == [
        "Berkas tidak berisi data: isi sheet Pengukuran, Efisiensi, Anggaran atau Keseluruhan di bawah baris judul."
    ]


def test_the_header_may_follow_a_title_row_and_columns_come_in_any_order():
    wb = Workbook()
    wb.remove(wb.active)
    ws = wb.create_sheet("Pengukuran")
    ws.append(["Tabel 3.3 Pengukuran Kinerja Tahun 2024"])
    ws.append(["Capaian (%)", "Target", "Realisasi", "Indikator", "No. sasaran"])
    ws.append(["101,64", "85", "86,40", "IKM", "3."])
    wb.create_sheet("Efisiensi").append(JUDUL_EFISIENSI)
    wb.create_sheet("Anggaran").append(JUDUL_ANGGARAN)
    data = io.BytesIO()
    wb.save(data)
    data.seek(0)
    hasil = audit_excel.baca(data)
    assert hasil.ok
    (baris,) = hasil.data.pengukuran
    assert (baris.sasaran, baris.target, baris.realisasi, baris.capaian, baris.nomor) == (
        "3.",
        D(85),
        D("86.40"),
        D("101.64"),
        3,
    )


def test_too_many_rows_are_refused():
    baris = [["1", f"I{i}", 10, 10, "100,00"] for i in range(audit_excel.BATAS_BARIS + 1)]
    assert "lebih dari 10.000 baris" in _ditolak(_buku(baris).getvalue())


# --- cells ------------------------------------------------------------------------------------------------------


def test_text_in_a_number_cell_names_sheet_row_and_column():
    hasil = audit_excel.baca(_buku([["1", "A", "sepuluh", 10, "100,00"]]))
    assert _pesan(hasil) == [
        "Sheet 'Pengukuran', baris 2, kolom 'Target': 'sepuluh' bukan angka. Contoh penulisan: 1.234.567 atau "
        "86,40 atau 30,00%."
    ]


def test_every_problem_is_reported_not_only_the_first():
    hasil = audit_excel.baca(
        _buku(
            [["", "A", 10, 10, "1,2,3"]],
            anggaran=[["Subkegiatan", "S", "-5", 1, None], ["Seksi", "T", 1, 1, None]],
        )
    )
    assert _pesan(hasil) == [
        "Sheet 'Pengukuran', baris 2, kolom 'No. sasaran': Wajib diisi.",
        "Sheet 'Pengukuran', baris 2, kolom 'Capaian (%)': '1,2,3' bukan angka. Contoh penulisan: 1.234.567 atau "
        "86,40 atau 30,00%.",
        "Sheet 'Anggaran', baris 2, kolom 'Pagu': tidak boleh negatif (-Rp 5).",
        "Sheet 'Anggaran', baris 3, kolom 'Tingkat': 'Seksi' tidak dikenal; pilih salah satu: Total, Sasaran, "
        "Unit, Program, Kegiatan, Sub kegiatan.",
    ]


def test_a_date_in_a_number_cell_is_explained():
    hasil = audit_excel.baca(_buku([["1", "A", datetime.datetime(2024, 1, 12), 10, None]]))
    assert "berisi tanggal, bukan angka" in _pesan(hasil)[0]


def test_unknown_polarity_and_method_list_the_choices():
    judul = {
        "Pengukuran": [*JUDUL_PENGUKURAN, "Polaritas"],
        "Efisiensi": [*JUDUL_EFISIENSI, "Metode"],
    }
    hasil = audit_excel.baca(
        _buku([["1", "A", 10, 10, None, "Naik"]], [["1", None, None, None, "Rasio"]], judul=judul)
    )
    assert _pesan(hasil) == [
        "Sheet 'Pengukuran', baris 2, kolom 'Polaritas': 'Naik' tidak dikenal; pilih salah satu: Positif, "
        "Negatif, Stabil.",
        "Sheet 'Efisiensi', baris 2, kolom 'Metode': 'Rasio' tidak dikenal; pilih salah satu: Selisih, "
        "Penghematan, Indeks.",
    ]


def test_pagu_without_realisasi_in_the_efficiency_sheet_is_refused():
    judul = {"Efisiensi": [*JUDUL_EFISIENSI, "Pagu", "Realisasi anggaran"]}
    hasil = audit_excel.baca(_buku(efisiensi=[["1", None, None, None, 1000, None]], judul=judul))
    assert _pesan(hasil) == [
        "Sheet 'Efisiensi', baris 2, kolom 'Realisasi anggaran': Isi Pagu dan Realisasi anggaran bersama-sama, "
        "atau kosongkan keduanya."
    ]


def test_program_rows_need_money_heading_rows_do_not():
    hasil = audit_excel.baca(
        _buku(anggaran=[["Sasaran", "Sasaran 1", None, None, None], ["Program", "P", None, 5]])
    )
    assert _pesan(hasil) == ["Sheet 'Anggaran', baris 3, kolom 'Pagu': Wajib diisi."]


def test_numbers_keep_their_published_precision():
    judul = {"Pengukuran": [*JUDUL_PENGUKURAN, "Polaritas", "Tabel"]}
    hasil = audit_excel.baca(
        _buku(
            [
                [
                    "1",
                    "A",
                    85,
                    86.4,
                    101.6,
                    "negatif",
                    "Tabel 3.3",
                ],  # numbers: compared at two decimals at least
                ["1", "B", "1.234,5", "Rp 1.000", "96", None, None],  # text: exactly the decimals typed
                ["1", "C", 3, 1, 33.333, "", None],  # a number with more decimals keeps them
            ],
            judul=judul,
        )
    )
    assert hasil.ok, _pesan(hasil)
    a, b, c = hasil.data.pengukuran
    assert (a.realisasi, str(a.capaian), a.polaritas, a.tabel) == (
        D("86.4"),
        "101.60",
        Polaritas.NEGATIF,
        "Tabel 3.3",
    )
    assert (b.target, b.realisasi, str(b.capaian), b.polaritas) == (
        D("1234.5"),
        D(1000),
        "96",
        Polaritas.POSITIF,
    )
    assert str(c.capaian) == "33.333"


def test_output_values_may_carry_their_unit():
    judul = {
        "Anggaran": [*JUDUL_ANGGARAN, "Target kinerja", "Realisasi kinerja", "Capaian kinerja (%)", "Tabel"]
    }
    hasil = audit_excel.baca(
        _buku(
            anggaran=[
                [
                    "Sub kegiatan",
                    "S1",
                    "1.000",
                    "900",
                    "90,00",
                    "2.340 Laporan",
                    "12Laporan",
                    "100",
                    "Tabel 3.19",
                ],
                ["Sub kegiatan", "S2", 1000, 900, None, "85%", 1, "1 Orang/Bulan", None],
            ],
            judul=judul,
        )
    )
    assert _pesan(hasil) == [
        "Sheet 'Anggaran', baris 3, kolom 'Capaian kinerja (%)': '1 Orang/Bulan' bukan angka. Contoh penulisan: "
        "1.234.567 atau 86,40 atau 30,00%."
    ]
    judul["Anggaran"][7] = "Capaian kinerja (%)"
    hasil = audit_excel.baca(
        _buku(
            anggaran=[["Sub kegiatan", "S1", "1.000", "900", "90,00", "2.340 Laporan", "12Laporan", "1"]],
            judul=judul,
        )
    )
    (b,) = hasil.data.anggaran
    assert (b.tingkat, b.pagu, b.target_kinerja, b.realisasi_kinerja) == (
        audit.TingkatAnggaran.SUB_KEGIATAN,
        D(1000),
        D(2340),
        D(12),
    )


def test_the_efficiency_method_and_the_sasaran_capaian_column_are_read():
    judul = {
        "Pengukuran": [*JUDUL_PENGUKURAN, "Capaian sasaran (%)"],
        "Efisiensi": [*JUDUL_EFISIENSI, "Metode"],
    }
    hasil = audit_excel.baca(
        _buku(
            [["4", "A", 70, "81,80", "116,86", "167,69"], ["4", "B", 85, "86,41", "101,66", "167,69"]],
            [["4", "167,69", "97,43", "70,26", "Indeks"]],
            judul=judul,
        )
    )
    assert hasil.ok
    (sasaran,) = hasil.data.sasaran  # printed in a merged cell on both rows: checked once
    assert (sasaran.sasaran, sasaran.capaian, sasaran.nomor) == ("4", D("167.69"), 2)
    assert hasil.data.efisiensi[0].metode is MetodeEfisiensi.INDEKS


# --- template and export ----------------------------------------------------------------------------------------


def test_the_template_documents_every_column_and_reads_back_empty():
    data = audit_excel.buat_templat()
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Petunjuk", "Pengukuran", "Efisiensi", "Anggaran", "Keseluruhan"]
    semua = audit_excel.LEMBAR | audit_excel.LEMBAR_OPSIONAL
    for nama, kolom in semua.items():
        assert [c.value for c in wb[nama][1]] == [k.judul for k in kolom]
    # The overall figure has its row in the template, named, its figure and category left to fill.
    assert [c.value for c in wb["Keseluruhan"][2]][:2] == [None, "Nilai capaian keseluruhan"]
    petunjuk = "\n".join(str(c.value) for baris in wb["Petunjuk"].iter_rows() for c in baris if c.value)
    for kolom in semua.values():
        for k in kolom:
            assert k.keterangan in petunjuk
    hasil = audit_excel.baca(io.BytesIO(data))
    assert _pesan(hasil) == [
        "Berkas tidak berisi data: isi sheet Pengukuran, Efisiensi, Anggaran atau Keseluruhan di bawah baris judul."
    ]


def test_the_findings_export_neutralises_formulas():
    temuan = audit.Temuan(
        sheet="Pengukuran",
        tabel='=HYPERLINK("http://contoh")',
        baris="+cmd|' /C calc'!A0",
        kolom="Capaian (%)",
        nomor=2,
        terbitan=D("101.64"),
        hitung=D("86.40") / D(85) * 100,
        aturan="Capaian = realisasi / target × 100 (polaritas positif)",
        jenis=audit.Jenis.PEMOTONGAN,
        keterangan="-1 dipotong",
    )
    hasil = audit.HasilAudit(temuan=(temuan,), jumlah_diperiksa=3, catatan=("@catatan",))
    wb = load_workbook(io.BytesIO(audit_excel.tulis_temuan(hasil, nama_berkas="=lkjip.xlsx")))
    sel = [c for baris in wb.active.iter_rows() for c in baris if c.value is not None]
    nilai = [c.value for c in sel]
    teks = [v for v in nilai if isinstance(v, str)]
    assert all(c.data_type != "f" for c in sel)
    assert all(
        c.quotePrefix for c in sel if isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@"))
    )
    assert "+cmd|' /C calc'!A0" in teks
    assert "@catatan" in teks
    assert "3 angka terbitan diperiksa: 2 cocok, 1 tidak cocok." in teks
    assert 101.64 in nilai
    assert 101.65 in nilai
