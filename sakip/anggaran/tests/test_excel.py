import io
from decimal import Decimal as D

import pytest
from openpyxl import Workbook, load_workbook

from sakip.anggaran import excel

KEPALA = [
    "Kode",
    "Nama",
    "Pagu",
    "Realisasi",
    "Target keluaran",
    "Realisasi keluaran",
    "Satuan",
    "Jenis belanja",
]


def buku(*baris, kepala=KEPALA, judul_atas=()) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    for j in judul_atas:
        ws.append([j])
    ws.append(kepala)
    for b in baris:
        ws.append(list(b))
    keluaran = io.BytesIO()
    wb.save(keluaran)
    keluaran.seek(0)
    return keluaran


def test_reads_numeric_and_indonesian_text_cells():
    hasil = excel.baca(
        buku(
            ["4.01.01.2.06.0009", "Rapat", 2573225648, 2357982324, 12, 12, "Laporan", "Operasi"],
            [
                "4.01.01.2.07.0006",
                "Peralatan",
                "Rp 499.879.074",
                "492.570.000,50",
                "29 Unit",
                "29",
                "",
                "Belanja Modal",
            ],
            ["4.01.01.2.02.0001", "Gaji", 93508575334.0, None, "383 Orang/Bulan", "383", None, None],
        )
    )
    assert hasil.ok, hasil.kesalahan
    a, b, c = hasil.baris
    assert (a.nomor, a.kode, a.pagu, a.realisasi, a.target_keluaran, a.satuan, a.jenis_belanja) == (
        2,
        "4.01.01.2.06.0009",
        D(2573225648),
        D(2357982324),
        D(12),
        "Laporan",
        "operasi",
    )
    assert (b.pagu, b.realisasi, b.target_keluaran, b.satuan, b.jenis_belanja) == (
        D(499879074),
        D("492570000.50"),
        D(29),
        "Unit",
        "modal",
    )
    assert (c.pagu, c.realisasi, c.satuan, c.jenis_belanja) == (D(93508575334), D(0), "Orang/Bulan", "")


def test_header_is_found_below_title_rows_and_columns_in_any_order():
    hasil = excel.baca(
        buku(
            [100, "4.01.01.2.06.0009", 50],
            kepala=["Pagu Anggaran", "Kode Sub Kegiatan", "Realisasi Anggaran"],
            judul_atas=["LAPORAN REALISASI ANGGARAN", "Tahun 2024"],
        )
    )
    assert hasil.ok
    assert (hasil.baris[0].nomor, hasil.baris[0].pagu, hasil.baris[0].realisasi) == (4, D(100), D(50))


def test_every_bad_cell_is_reported_by_row_and_column_in_indonesian():
    hasil = excel.baca(
        buku(
            ["4.01.01.2.06.0001", "A", "seratus", 0],
            ["4.01.01.2.06.0002", "B", -5, 0],
            ["4.01.01.2.06.0003", "C", 100, "1.000.000,123"],
            ["", "D", 100, 0],
            ["4.01.01.2.06.0005", "E", None, 0],
            ["4.01.01.2.06.0006", "F", 100, 10, "dua belas"],
            ["4.01.01.2.06.0007", "G", 100, 10, None, None, None, "Hibah"],
            ["4.01.01.2.06.0008", "H", 100, 10],
            ["4.01.01.2.06.0008", "H lagi", 100, 10],
        )
    )
    pesan = [str(k) for k in hasil.kesalahan]
    assert pesan[0].startswith("Baris 2, kolom 'Pagu': 'seratus' bukan angka rupiah")
    assert pesan[1] == "Baris 3, kolom 'Pagu': Pagu tidak boleh negatif (-Rp 5)"
    assert pesan[2] == "Baris 4, kolom 'Realisasi': '1.000.000,123' memiliki lebih dari dua angka desimal"
    assert pesan[3] == "Baris 5, kolom 'Kode': kode sub kegiatan wajib diisi"
    assert pesan[4] == "Baris 6, kolom 'Pagu': pagu wajib diisi"
    assert pesan[5].startswith("Baris 7, kolom 'Target keluaran': 'dua belas' bukan angka")
    assert pesan[6] == "Baris 8, kolom 'Jenis belanja': 'Hibah' tidak dikenal; isi Operasi atau Modal"
    assert pesan[7] == "Baris 10, kolom 'Kode': kode 4.01.01.2.06.0008 sudah ada pada baris 9"
    assert [b.nomor for b in hasil.baris] == [9]


def test_a_workbook_without_the_required_headers_is_reported():
    hasil = excel.baca(buku(["x", 1], kepala=["Kode", "Jumlah"]))
    assert not hasil.ok
    assert "'Kode', 'Pagu' dan 'Realisasi'" in str(hasil.kesalahan[0])


def test_non_xlsx_content_is_refused_whatever_its_name():
    with pytest.raises(excel.BerkasDitolak, match="bukan berkas Excel"):
        excel.baca(io.BytesIO(b"Kode;Pagu;Realisasi\n4.01.01.2.06.0009;1;1\n"))
    with pytest.raises(excel.BerkasDitolak, match="bukan berkas Excel"):
        excel.baca(io.BytesIO(b"PK\x03\x04 not really a zip"))


def test_files_over_ten_megabytes_are_refused():
    with pytest.raises(excel.BerkasDitolak, match="10 MB"):
        excel.periksa_berkas(io.BytesIO(b"0" * (excel.BATAS_UKURAN + 1)))


def test_export_writes_numbers_as_numbers_and_neutralises_formulas():
    isi = excel.tulis_tabel(
        judul="Tabel uji",
        kolom=[excel.KolomEkspor("Nama"), excel.KolomEkspor("Pagu", "rupiah")],
        baris=[(['=HYPERLINK("http://x")', D("1000.50")], ""), (["+1", D(2)], ""), (["@SUM(A1)", None], "")],
        catatan=["-catatan"],
    )
    ws = load_workbook(io.BytesIO(isi)).active
    nilai = [list(r) for r in ws.iter_rows(values_only=True)]
    assert nilai[0][0] == "Tabel uji"
    assert nilai[3][0] == '=HYPERLINK("http://x")'
    assert nilai[3][1] == 1000.5
    assert nilai[4][0] == "+1"
    assert nilai[5][0] == "@SUM(A1)"
    assert nilai[-1][0] == "-catatan"
    assert all(c.data_type != "f" for r in ws.iter_rows() for c in r)
    # Stored as text with Excel's quote prefix: shown as typed, never run, also after the cell is edited.
    assert ws["A4"].data_type == "s"
    assert ws["A4"].quotePrefix


def test_template_reads_back_as_a_clean_import():
    isi = excel.tulis_templat(
        [["4.01.01.2.06.0009", "Rapat", D(1000), D(900), D(12), D(12), "Laporan", "Operasi", "SETDA.A"]]
    )
    hasil = excel.baca(io.BytesIO(isi))
    assert hasil.ok
    assert (hasil.baris[0].pagu, hasil.baris[0].kode_unit) == (D(1000), "SETDA.A")
