"""Issue #18, part 3: the audit workbook with a row for every printed form, each classified by hand; the same
printed overall figure checked under two years' settings; the findings workbook's numbers as numbers.

The workbook is built here with openpyxl, every figure typed as text exactly as a report prints it.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from simple_history.utils import get_history_model_for_model

from sakip.lib import skala
from sakip.pelaporan import audit, audit_excel
from sakip.pelaporan.audit import Jenis
from sakip.pengukuran import services as pengukuran_services
from sakip.pengukuran.capaian import KebijakanKosong
from sakip.pengukuran.models import PengaturanPengukuran

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

JUDUL_PENGUKURAN = [
    "Tabel", "No. sasaran", "Indikator", "Target", "Realisasi", "Capaian (%)", "Kategori",
    "Realisasi tahun lalu", "Perubahan (%)",
]  # fmt: skip
# Hand computations (capaian = realisasi / target × 100, positive polarity):
#   A: 100 / 90 × 100 = 111,1111…  printed "111" in a column that prints two decimals (3 of its 4 numbers)
#      → at two decimals 111,11 ≠ 111: rounded to fewer decimals than its column (KURANG_DESIMAL).
#      Perubahan (100 / 125 − 1) × 100 = −20,00, printed "(20,01)" = −20,01 → SALAH, selisih −0,01.
#   B: 86,40 / 85 × 100 = 101,6470… → 101,65 as printed; > 100 is "Memuaskan" on the LKjIP scale, as printed.
#      Realisasi tahun lalu and perubahan printed "—": no value, not checked.
#   C: 80 / 100 × 100 = 80,00 as printed; 70 ≤ 80 < 85 is "Baik", printed "Sangat Baik" → KATEGORI.
#   D: realisasi "-", capaian "–": no value (noted, not compared).
#   E: 95 / 100 × 100 = 95: the capaian column prints "Sangat Tinggi", a word of the five-band scale; on the
#      LKjIP scale 95 is "Sangat Baik" and "Sangat Tinggi" is no band of it → KATEGORI. On the five-band scale
#      (≥ 91 "Sangat Tinggi") it passes.
#   F: 72,65 / 100 × 100 = 72,65 as printed; perubahan (72,65 / 100 − 1) × 100 = −27,35, printed "(27,35)".
PENGUKURAN = [
    ["Tabel 3.3", "1", "A", "90", "100", "111", "", "125", "(20,01)"],
    ["Tabel 3.3", "1", "B", "85", "86,40", "101,65", "Memuaskan", "—", "—"],
    ["Tabel 3.3", "1", "C", "100", "80", "80,00", "Sangat Baik", "", ""],
    ["Tabel 3.3", "2", "D", "100", "-", "–", "", "", ""],
    ["Tabel 3.3", "2", "E", "100", "95", "Sangat Tinggi", "", "", ""],
    ["Tabel 3.3", "2", "F", "100", "72,65", "72,65", "", "100", "(27,35)"],
]

# The overall figure, mean of the sasaran means:
#   sasaran 1 = (111,1111… + 101,6470… + 80) / 3 = 292,7581… / 3 = 97,5860…
#   sasaran 2, missing excluded = (95 + 72,65) / 2 = 83,825;  missing as 0 = (0 + 95 + 72,65) / 3 = 55,8833…
#   overall, missing excluded = (97,5860… + 83,825) / 2 = 90,7055… → 90,71 ("Sangat Baik": 85 ≤ x ≤ 100)
#   overall, missing as 0     = (97,5860… + 55,8833…) / 2 = 76,7346… → 76,73 (five bands: 76 ≤ x < 91 "Tinggi")
KESELURUHAN = [["Ikhtisar Eksekutif", "Nilai capaian keseluruhan", "90,71", "Sangat Baik"]]

JUDUL_ANGGARAN = ["Tabel", "Tingkat", "No. sasaran", "Uraian", "Pagu", "Realisasi", "Penyerapan (%)"]
# Tabel 2.5: program B prints pagu 800.000 and realisasi 1.000.000 (above its pagu) with 80,00 %, which is
#   800.000 / 1.000.000: the columns are swapped. Its sasaran prints 2.000.000 / 1.700.000: the programs add
#   up to 1.000.000 + 800.000 = 1.800.000 and 900.000 + 1.000.000 = 1.900.000 as printed, and to exactly
#   2.000.000 and 1.700.000 with B's columns exchanged → both sums are explained by the swap (TERTUKAR).
#   85,00 % = 1.700.000 / 2.000.000 as printed.
# Tabel 3.17 prints sasaran rows only: sasaran 2 has 300.000 / 400.000 = 75,00 %; the efficiency table's 76,00
#   is checked against it (SALAH), its efficiency 83,825 − 75 = 8,825 → 8,83 matches.
# Tabel 3.19: program C 550.000 against a pagu of 500.000, printed 110,00 % = 550.000 / 500.000: no sign of a swap
#   (swapped it would be 90,91 %) → realisasi above pagu (MELEBIHI_PAGU), Rp 50.000 over.
ANGGARAN = [
    ["Tabel 2.5", "Sasaran", "1", "Sasaran 1", "Rp 2.000.000", "Rp 1.700.000", "85,00"],
    ["Tabel 2.5", "Program", "", "Program A", "1.000.000", "900.000", "90,00"],
    ["Tabel 2.5", "Program", "", "Program B", "800.000", "1.000.000", "80,00"],
    ["Tabel 3.17", "Sasaran", "2", "Sasaran 2", "400.000", "300.000", "75,00"],
    ["Tabel 3.19", "Program", "", "Program C", "500.000", "550.000", "110,00"],
]
JUDUL_EFISIENSI = [
    "Tabel",
    "No. sasaran",
    "Capaian kinerja (%)",
    "Penyerapan anggaran (%)",
    "Tingkat efisiensi",
]
EFISIENSI = [["Tabel 3.16", "2", "83,83", "76,00", "8,83"]]


def buku() -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for nama, judul, baris in (
        ("Pengukuran", JUDUL_PENGUKURAN, PENGUKURAN),
        ("Efisiensi", JUDUL_EFISIENSI, EFISIENSI),
        ("Anggaran", JUDUL_ANGGARAN, ANGGARAN),
        ("Keseluruhan", ["Tabel", "Uraian", "Nilai capaian keseluruhan (%)", "Kategori"], KESELURUHAN),
    ):
        ws = wb.create_sheet(nama)
        ws.append(judul)
        for b in baris:
            ws.append(b)
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def _baca() -> audit.DataAudit:
    hasil = audit_excel.baca(io.BytesIO(buku()))
    assert hasil.kesalahan == []
    assert hasil.data is not None
    return hasil.data


def _ringkas(t: audit.Temuan) -> tuple:
    return (t.sheet, t.tabel, t.baris, t.kolom, t.jenis)


# --- reading the printed forms ----------------------------------------------------------------------------------


def test_printed_dashes_and_empty_cells_are_no_value_and_parentheses_are_negative():
    data = _baca()
    a, b, c, d, _, f = data.pengukuran
    assert (a.capaian, a.perubahan, a.realisasi_lalu) == (D("111"), D("-20.01"), D(125))
    assert (b.realisasi_lalu, b.perubahan) == (None, None)  # "—"
    assert (c.realisasi_lalu, c.perubahan) == (None, None)  # empty
    assert (d.realisasi, d.capaian) == (None, None)  # "-" and "–"
    assert f.perubahan == D("-27.35")  # "(27,35)"


def test_category_words_are_read_as_categories_not_numbers():
    data = _baca()
    _, b, c, _, e, _ = data.pengukuran
    assert (b.kategori, b.kolom_kategori) == ("Memuaskan", "Kategori")
    assert (c.kategori, c.kolom_kategori) == ("Sangat Baik", "Kategori")
    assert (e.capaian, e.kategori, e.kolom_kategori) == (None, "Sangat Tinggi", "Capaian (%)")
    (k,) = data.keseluruhan
    assert (k.nilai, k.kategori, k.tabel) == (D("90.71"), "Sangat Baik", "Ikhtisar Eksekutif")


# --- classification under the product's defaults (the LKjIP scale, missing excluded) -----------------------------


@pytest.fixture(scope="module")
def hasil_bawaan() -> audit.HasilAudit:
    return audit.periksa(_baca())


def test_every_printed_form_is_classified_as_the_issue_says(hasil_bawaan):
    assert [_ringkas(t) for t in hasil_bawaan.temuan] == [
        ("Pengukuran", "Tabel 3.3", "A", "Capaian (%)", Jenis.KURANG_DESIMAL),
        ("Pengukuran", "Tabel 3.3", "A", "Perubahan (%)", Jenis.SALAH),
        ("Pengukuran", "Tabel 3.3", "C", "Kategori", Jenis.KATEGORI),
        ("Pengukuran", "Tabel 3.3", "E", "Capaian (%)", Jenis.KATEGORI),
        ("Anggaran", "Tabel 2.5", "Sasaran 1 › Program B", "Pagu dan realisasi", Jenis.TERTUKAR),
        ("Anggaran", "Tabel 2.5", "Sasaran 1", "Pagu", Jenis.TERTUKAR),
        ("Anggaran", "Tabel 2.5", "Sasaran 1", "Realisasi", Jenis.TERTUKAR),
        ("Anggaran", "Tabel 3.19", "Program C", "Realisasi", Jenis.MELEBIHI_PAGU),
        ("Efisiensi", "Tabel 3.16", "Sasaran 2", "Penyerapan anggaran (%)", Jenis.SALAH),
    ]
    # D's missing realisasi is noted, not compared; nothing else is left unchecked.
    assert hasil_bawaan.catatan == ("Sheet Pengukuran, baris 5: realisasi D kosong: capaian tidak dihitung.",)


def test_a_figure_with_fewer_decimals_than_its_column_is_not_passed(hasil_bawaan):
    t = hasil_bawaan.temuan[0]
    assert (t.terbitan, t.hitung_dibulatkan, t.desimal, t.selisih) == (D(111), D("111.11"), 2, D("-0.11"))
    assert t.label_jenis == "Dibulatkan atau dipotong ke desimal lebih sedikit dari kolomnya"
    assert "Kolom ini dicetak dengan 2 desimal, angka ini hanya 0" in t.keterangan


def test_the_same_figure_alone_in_its_column_is_compared_at_its_own_precision():
    # Column convention only: a column printing whole numbers passes 111 for 111,11.
    baris = audit.BarisPengukuran("1", "A", D(90), D(100), D(111), tabel="T")
    assert audit.periksa(audit.DataAudit(pengukuran=[baris])).temuan == ()


def test_a_negative_in_parentheses_is_compared_as_a_negative(hasil_bawaan):
    t = hasil_bawaan.temuan[1]
    assert (t.terbitan, t.hitung_dibulatkan, t.selisih) == (D("-20.01"), D("-20.00"), D("-0.01"))
    # F's "(27,35)" matches −27,35 and gives no finding (the list above has none for F).


def test_a_printed_category_is_compared_with_the_band_of_the_recomputed_figure(hasil_bawaan):
    c, e = hasil_bawaan.temuan[2], hasil_bawaan.temuan[3]
    assert (c.teks_terbitan, c.teks_hitung, c.selisih) == ("Sangat Baik", "Baik", None)
    assert "Hasil hitung 80,00 termasuk 'Baik' (70 – < 85)" in c.keterangan
    assert (e.teks_terbitan, e.teks_hitung) == ("Sangat Tinggi", "Sangat Baik")
    assert "'Sangat Tinggi' bukan kategori pada skala ini" in e.keterangan
    assert c.aturan.startswith("Kategori menurut Skala LKjIP Setda Prov. Kalimantan Timur")


def test_swapped_pagu_and_realisasi_are_diagnosed_as_such(hasil_bawaan):
    tukar, pagu, realisasi = hasil_bawaan.temuan[4:7]
    assert tukar.label_jenis == "Pagu dan realisasi tertukar"
    assert "penyerapan tercetak 80,00% sama dengan realisasi / pagu bila keduanya ditukar" in tukar.keterangan
    assert "jumlah pada baris Sasaran 1 cocok bila keduanya ditukar" in tukar.keterangan
    assert (pagu.terbitan, pagu.hitung) == (D(2000000), D(1800000))
    assert (realisasi.terbitan, realisasi.hitung) == (D(1700000), D(1900000))
    assert "pagu dan realisasinya tertukar" in pagu.keterangan


def test_realisasi_above_pagu_without_a_swap_is_flagged(hasil_bawaan):
    t = hasil_bawaan.temuan[7]
    assert (t.terbitan, t.hitung, t.aturan) == (D(550000), D(500000), "Realisasi ≤ Pagu")
    assert "melebihi pagu Rp 500.000 sebesar Rp 50.000" in t.keterangan


def test_sasaran_level_budget_rows_feed_the_efficiency_check(hasil_bawaan):
    t = hasil_bawaan.temuan[8]
    assert (t.terbitan, t.hitung_dibulatkan) == (D("76.00"), D("75.00"))
    assert t.aturan == "Penyerapan = realisasi / pagu × 100 (baris sasaran pada Tabel 3.17)"
    # Its efficiency, 83,825 − 75 = 8,825 → 8,83, was checked (no finding, no note).
    assert not any("efisiensi sasaran 2" in c for c in hasil_bawaan.catatan)


def test_the_overall_figure_and_its_category_pass_under_the_defaults(hasil_bawaan):
    assert not [t for t in hasil_bawaan.temuan if t.sheet == "Keseluruhan"]


# --- the rules of the year --------------------------------------------------------------------------------------


def test_the_overall_figure_follows_the_rules_given():
    aturan = audit.AturanTahun(kebijakan=KebijakanKosong.HITUNG_NOL, skala=skala.LKJIP_LIMA_PITA)
    hasil = audit.periksa(_baca(), aturan)
    nilai, kategori = (t for t in hasil.temuan if t.sheet == "Keseluruhan")
    assert (nilai.kolom, nilai.hitung_dibulatkan, nilai.jenis) == (
        "Nilai capaian keseluruhan (%)",
        D("76.73"),
        Jenis.ATURAN_LAIN,
    )
    assert (
        nilai.aturan_terbitan == "rata-rata dari rata-rata capaian per sasaran, realisasi kosong dikecualikan"
    )
    assert nilai.aturan.startswith(
        "Nilai capaian keseluruhan = rata-rata dari rata-rata capaian per sasaran; realisasi kosong dihitung 0"
    )
    assert (kategori.teks_terbitan, kategori.teks_hitung, kategori.jenis) == (
        "Sangat Baik",
        "Tinggi",
        Jenis.KATEGORI,
    )
    # E's "Sangat Tinggi" is a band of the five-band scale, 95 ≥ 91: no finding for E any more.
    assert not [t for t in hasil.temuan if t.baris == "E"]


# --- the page: the pemda's settings per year ----------------------------------------------------------------------


def _unggah() -> SimpleUploadedFile:
    return SimpleUploadedFile("lkjip.xlsx", buku(), content_type=XLSX)


def test_the_same_printed_overall_figure_passes_in_one_year_and_fails_in_another(client, admin_pemda, org):
    # 2025 onwards: missing realisasi counted as 0 and the five-band scale; 2024 keeps the defaults.
    pengukuran_services.simpan_pengaturan(
        pemda=org.pemda,
        tahun=2025,
        by=admin_pemda,
        metode_rollup=PengaturanPengukuran.Metode.RATA_RATA_SASARAN,
        kebijakan_kosong=PengaturanPengukuran.Kosong.HITUNG_NOL,
        batas_capaian=None,
        skala_kategori="lkjip_lima_pita",
        hari_tenggat=15,
    )
    riwayat = get_history_model_for_model(PengaturanPengukuran).objects.get(berlaku_mulai=2025)
    assert riwayat.history_user == admin_pemda
    client.force_login(admin_pemda)

    def keseluruhan(tahun: int) -> list[audit.Temuan]:
        response = client.post(reverse("pelaporan:audit"), {"tahun": tahun, "berkas": _unggah()})
        assert response.status_code == 200
        return [t for t in response.context["hasil"].temuan if t.sheet == "Keseluruhan"]

    assert keseluruhan(2024) == []  # 90,71 "Sangat Baik": missing excluded, LKjIP scale
    nilai, kategori = keseluruhan(2025)  # 76,73 "Tinggi"
    assert (nilai.hitung_dibulatkan, kategori.teks_hitung) == (D("76.73"), "Tinggi")
    response = client.post(reverse("pelaporan:audit"), {"tahun": 2025, "berkas": _unggah()})
    body = response.content.decode()
    assert "realisasi kosong dihitung 0" in body
    assert "Skala lima pita LKjIP" in body
    assert "Sangat Tinggi" in body


def test_a_year_outside_the_range_is_refused_at_the_field(client, operator_a):
    client.force_login(operator_a)
    response = client.post(reverse("pelaporan:audit"), {"tahun": "1990", "berkas": _unggah()})
    assert response.status_code == 200
    assert response.context["form"].errors["tahun"] == ["Tahun paling awal 2000."]
    assert "hasil" not in response.context


def test_a_pemda_the_user_holds_no_role_in_is_refused(client, operator_a, org):
    client.force_login(operator_a)
    response = client.post(
        reverse("pelaporan:audit"), {"tahun": 2024, "pemda": org.pemda_lain.pk, "berkas": _unggah()}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["pemda"] == ["Pemda tidak ditemukan."]


# --- the findings workbook --------------------------------------------------------------------------------------


def test_the_findings_workbook_writes_numbers_and_negatives_as_numbers(hasil_bawaan):
    wb = load_workbook(io.BytesIO(audit_excel.tulis_temuan(hasil_bawaan, nama_berkas="lkjip.xlsx")))
    ws = wb.active
    kepala = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == "No")
    judul = [c.value for c in ws[kepala]]
    kolom = {
        nama: judul.index(nama) + 1
        for nama in ("Terbitan", "Hasil hitung", "Hasil hitung (presisi penuh)", "Selisih")
    }
    # Row of A's perubahan: −20,01 printed, −20,00 computed, selisih −0,01.
    r = kepala + 2
    terbitan = ws.cell(row=r, column=kolom["Terbitan"])
    selisih = ws.cell(row=r, column=kolom["Selisih"])
    penuh = ws.cell(row=r, column=kolom["Hasil hitung (presisi penuh)"])
    assert (terbitan.data_type, terbitan.value, terbitan.number_format) == ("n", -20.01, "#,##0.00")
    assert (selisih.data_type, selisih.value, selisih.number_format) == ("n", -0.01, "#,##0.00")
    assert (penuh.data_type, penuh.value, penuh.number_format) == ("n", -20, "#,##0.000000")
    # A money figure at no decimals; a category's words as text, with no selisih.
    pagu = ws.cell(row=kepala + 6, column=kolom["Terbitan"])
    assert (pagu.value, pagu.number_format) == (2000000, "#,##0")
    kategori = ws.cell(row=kepala + 3, column=kolom["Terbitan"])
    assert (kategori.value, kategori.data_type) == ("Sangat Baik", "s")
    assert ws.cell(row=kepala + 3, column=kolom["Selisih"]).value is None
    # No number anywhere is stored as text.
    for baris in ws.iter_rows(min_row=kepala + 1, max_row=kepala + len(hasil_bawaan.temuan)):
        for sel in baris:
            if isinstance(sel.value, str):
                assert not re.fullmatch(r"[-−]?[\d.,]+…?", sel.value), sel.value
