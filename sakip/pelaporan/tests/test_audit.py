"""The audit of published figures: hand cases for every rule, then seed 004's tables (the checked-in workbook).

Pure: no database. The workbook is read with `audit_excel` (openpyxl only) so that the figures are the ones
transcribed from the seed text by `data/buat_audit_xlsx.py`.
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sakip.anggaran.efisiensi import MetodeEfisiensi
from sakip.lib import skala
from sakip.pelaporan import audit, audit_excel
from sakip.pelaporan.audit import (
    BarisAnggaran,
    BarisEfisiensi,
    BarisKeseluruhan,
    BarisPengukuran,
    BarisSasaran,
    DataAudit,
    Jenis,
    TingkatAnggaran,
)
from sakip.pengukuran.capaian import KebijakanKosong, MetodeRollup, Polaritas

DATA = Path(__file__).parent / "data"
BERKAS_SEED_004 = DATA / "audit_lkjip_2024_setda_kaltim.xlsx"


def _satu(hasil: audit.HasilAudit) -> audit.Temuan:
    assert len(hasil.temuan) == 1, hasil.temuan
    return hasil.temuan[0]


def _indikator(target: str, realisasi: str | None, terbitan: str, **lain) -> BarisPengukuran:
    return BarisPengukuran(
        sasaran="1",
        indikator="Indikator uji",
        target=D(target),
        realisasi=None if realisasi is None else D(realisasi),
        capaian=D(terbitan),
        **lain,
    )


# --- capaian of an indicator ------------------------------------------------------------------------------------


def test_a_correctly_rounded_capaian_is_no_finding():
    hasil = audit.periksa(DataAudit(pengukuran=[_indikator("85", "86.40", "101.65")]))
    assert hasil.temuan == ()
    assert hasil.jumlah_diperiksa == 1
    assert hasil.jumlah_cocok == 1


def test_a_truncated_capaian_is_flagged_as_truncation_with_both_values():
    # 86,40 / 85 × 100 = 101,6470…: half-up gives 101,65; the report printed 101,64.
    t = _satu(audit.periksa(DataAudit(pengukuran=[_indikator("85", "86.40", "101.64")])))
    assert t.jenis is Jenis.PEMOTONGAN
    assert t.terbitan == D("101.64")
    assert t.hitung_dibulatkan == D("101.65")
    assert t.hitung == D("86.40") / D(85) * 100
    assert t.selisih == D("-0.01")
    assert t.aturan == "Capaian = realisasi / target × 100 (polaritas positif)"
    assert t.kolom == "Capaian (%)"
    assert "101,6471…" in t.keterangan
    assert "dipotong" in t.aturan_terbitan


def test_negative_polarity_uses_its_own_formula():
    # (2 × 10 − 12) / 10 × 100 = 80; a report that used R / T × 100 prints 120.
    baris = _indikator("10", "12", "120.00", polaritas=Polaritas.NEGATIF)
    t = _satu(audit.periksa(DataAudit(pengukuran=[baris])))
    assert t.jenis is Jenis.SALAH
    assert t.hitung == D(80)
    assert "Polaritas negatif" in t.aturan


def test_rounded_up_is_its_own_kind():
    # 88 / 72 × 100 = 122,22…; printed as 123 (no decimals).
    t = _satu(audit.periksa(DataAudit(pengukuran=[_indikator("72", "88", "123")])))
    assert t.jenis is Jenis.PEMBULATAN_KE_ATAS
    assert t.hitung_dibulatkan == D(122)


def test_the_precision_is_the_published_one():
    # 97 / 101 = 96,04…: printed as 96 it matches; printed as 96,00 it does not.
    assert audit.periksa(DataAudit(pengukuran=[_indikator("101", "97", "96")])).temuan == ()
    t = _satu(audit.periksa(DataAudit(pengukuran=[_indikator("101", "97", "96.00")])))
    assert t.hitung_dibulatkan == D("96.04")
    assert t.jenis is Jenis.SALAH  # 96,0396… cut to two decimals is 96,03, not 96,00


def test_missing_realisasi_is_noted_not_compared():
    hasil = audit.periksa(DataAudit(pengukuran=[_indikator("85", None, "0.00")]))
    assert hasil.temuan == ()
    assert hasil.jumlah_diperiksa == 0
    assert any("realisasi Indikator uji kosong" in c for c in hasil.catatan)


def test_change_and_tingkat_kemajuan_are_recomputed():
    baris = _indikator(
        "100",
        "100.00",
        "100.00",
        realisasi_lalu=D("101.59"),
        perubahan=D("-1.56"),  # (100 / 101,59 − 1) × 100 = −1,5651… → −1,57
        target_akhir=D("76"),
        kemajuan=D("131.58"),  # 100 / 76 × 100 = 131,578… → 131,58
    )
    t = _satu(audit.periksa(DataAudit(pengukuran=[baris])))
    assert (t.kolom, t.jenis, t.hitung_dibulatkan) == ("Perubahan (%)", Jenis.PEMOTONGAN, D("-1.57"))
    assert t.aturan == "Perubahan = (Realisasi tahun ini / Realisasi tahun lalu − 1) × 100"


# --- capaian of a sasaran ---------------------------------------------------------------------------------------


def test_sasaran_capaian_is_the_mean_of_its_indicators():
    indikator = [
        BarisPengukuran("4", "Nilai AKIP", D("70"), D("81.80"), D("116.86")),
        BarisPengukuran("4.", "IKM", D("85"), D("86.41"), D("101.66")),
    ]
    t = _satu(audit.periksa(DataAudit(pengukuran=indikator, sasaran=[BarisSasaran("4", D("167.69"))])))
    assert t.jenis is Jenis.SALAH
    assert t.hitung_dibulatkan == D("109.26")
    assert t.aturan.startswith("Capaian sasaran = rata-rata capaian 2 indikatornya")
    assert t.baris == "Sasaran 4"


def test_sasaran_capaian_from_the_rounded_indicator_values_is_another_rule():
    # Computed: (1/3 + 1/3) × 100 / 2 = 33,333…; printed from the rounded 33,33 and 33,34 → 33,335 → 33,34.
    indikator = [
        BarisPengukuran("1", "A", D("3"), D("1"), D("33.33")),
        BarisPengukuran("1", "B", D("3"), D("1"), D("33.34")),
    ]
    hasil = audit.periksa(DataAudit(pengukuran=indikator, sasaran=[BarisSasaran("1", D("33.34"))]))
    t = hasil.temuan[-1]
    assert t.kolom == "Capaian sasaran (%)"
    assert t.jenis is Jenis.ATURAN_LAIN
    assert "sebagaimana tercetak" in t.aturan_terbitan


def test_sasaran_without_indicators_is_noted():
    hasil = audit.periksa(DataAudit(sasaran=[BarisSasaran("9", D("100.00"))]))
    assert hasil.temuan == ()
    assert any("sasaran 9 tidak diperiksa" in c for c in hasil.catatan)


# --- budget -----------------------------------------------------------------------------------------------------


def _program(uraian: str, pagu: str, realisasi: str, persen: str | None = None, **lain) -> BarisAnggaran:
    lain.setdefault("tabel", "T")
    return BarisAnggaran(
        TingkatAnggaran.PROGRAM, uraian, D(pagu), D(realisasi), None if persen is None else D(persen), **lain
    )


def test_row_absorption_is_realisasi_over_pagu():
    t = _satu(audit.periksa(DataAudit(anggaran=[_program("P", "1032042500", "914180175", "95.45")])))
    assert t.aturan == "Penyerapan = Realisasi / Pagu × 100"
    assert t.hitung_dibulatkan == D("88.58")
    assert t.jenis is Jenis.SALAH


def test_parent_totals_are_the_sums_of_their_children():
    baris = [
        BarisAnggaran(TingkatAnggaran.UNIT, "Biro A", D(300), D(150), D("50.00"), tabel="T"),
        BarisAnggaran(TingkatAnggaran.PROGRAM, "P1", D(100), D(50), D("50.00"), tabel="T"),
        BarisAnggaran(TingkatAnggaran.KEGIATAN, "K1", D(100), D(50), tabel="T"),
        BarisAnggaran(TingkatAnggaran.SUB_KEGIATAN, "S1", D(60), D(30), tabel="T"),
        BarisAnggaran(TingkatAnggaran.SUB_KEGIATAN, "S2", D(40), D(20), tabel="T"),
        BarisAnggaran(TingkatAnggaran.PROGRAM, "P2", D(210), D(100), tabel="T"),  # the unit says 300 in all
        BarisAnggaran(TingkatAnggaran.TOTAL, "Jumlah", D(300), None, tabel="T"),
    ]
    hasil = audit.periksa(DataAudit(anggaran=baris))
    # The total adds the published unit rows (300), so only the unit row is wrong.
    t = _satu(hasil)
    assert (t.baris, t.kolom, t.hitung, t.jenis) == ("Biro A", "Pagu", D(310), Jenis.SALAH)
    assert t.aturan == "Pagu = Σ pagu 2 program di bawahnya"
    # checked: unit pagu, realisasi and %; P1 %; K1 pagu and realisasi; P1 pagu and realisasi; total pagu;
    # and realisasi ≤ pagu on the 6 rows that print both (all but the total)
    assert hasil.jumlah_diperiksa == 9 + 6


def test_absorption_of_a_group_equal_to_the_unweighted_mean_says_so():
    baris = [
        BarisAnggaran(TingkatAnggaran.SASARAN, "S", D(1100), D(1010), D("55.00"), sasaran="1", tabel="T"),
        _program("Besar", "1000", "1000", "100.00"),
        _program("Kecil", "100", "10", "10.00"),
    ]
    t = _satu(audit.periksa(DataAudit(anggaran=baris)))
    assert t.kolom == "Penyerapan (%)"
    assert t.hitung_dibulatkan == D("91.82")  # 1010 / 1100, money-weighted; (100 + 10) / 2 = 55 unweighted
    assert t.jenis is Jenis.ATURAN_LAIN
    assert t.aturan_terbitan == "rata-rata tidak tertimbang persentase penyerapan 2 program"


def test_zero_pagu_is_noted_not_compared():
    hasil = audit.periksa(DataAudit(anggaran=[_program("Aset", "0", "0", "0.00")]))
    assert hasil.temuan == ()
    assert any("pagu 0" in c for c in hasil.catatan)


def test_output_capaian_drops_the_unit_and_compares_at_its_precision():
    baris = _program("Sub", "10", "10", target_kinerja=D(1), realisasi_kinerja=D(1), capaian_kinerja=D(0))
    t = _satu(audit.periksa(DataAudit(anggaran=[baris])))
    assert (t.kolom, t.hitung, t.jenis) == ("Capaian kinerja (%)", D(100), Jenis.SALAH)


# --- efficiency -------------------------------------------------------------------------------------------------


def _sasaran_dua_program(persen_sasaran: str = "94.93") -> list[BarisAnggaran]:
    return [
        BarisAnggaran(
            TingkatAnggaran.SASARAN, "S1", D(2000), D(1100), D(persen_sasaran), sasaran="1", tabel="T"
        ),
        BarisAnggaran(TingkatAnggaran.PROGRAM, "A", D(1000), D(1000), D("100.00"), tabel="T"),
        BarisAnggaran(TingkatAnggaran.PROGRAM, "B", D(1000), D(100), D("10.00"), tabel="T"),
    ]


def test_efficiency_selisih_uses_the_weighted_absorption_and_names_the_unweighted_one():
    pengukuran = [BarisPengukuran("1", "I", D(100), D(100), D("100.00"))]
    efisiensi = [BarisEfisiensi("1", penyerapan=D("55.00"), efisiensi=D("45.00"), capaian=D("100.00"))]
    anggaran = _sasaran_dua_program("55.00")
    hasil = audit.periksa(DataAudit(pengukuran=pengukuran, efisiensi=efisiensi, anggaran=anggaran))
    assert hasil.temuan == ()  # (1000 + 100) / 2000 = 55 % weighted, 100 − 55 = 45
    efisiensi = [
        BarisEfisiensi("1", penyerapan=D("55.00"), efisiensi=D("45.00"), metode=MetodeEfisiensi.INDEKS)
    ]
    t = _satu(audit.periksa(DataAudit(pengukuran=pengukuran, efisiensi=efisiensi, anggaran=anggaran)))
    assert t.kolom == "Tingkat efisiensi"
    assert t.hitung_dibulatkan == D("1.82")  # IE = 100 / 55
    assert t.aturan.startswith("Indeks efisiensi")


def test_efficiency_with_the_row_own_pagu_and_realisasi():
    pengukuran = [BarisPengukuran("2", "I", D(100), D(90), D("90.00"))]
    efisiensi = [
        BarisEfisiensi("2", pagu=D(200), realisasi=D(150), penyerapan=D("75.00"), efisiensi=D("15.00"))
    ]
    assert audit.periksa(DataAudit(pengukuran=pengukuran, efisiensi=efisiensi)).temuan == ()


def test_efficiency_from_a_wrong_published_capaian_follows_from_it():
    pengukuran = [BarisPengukuran("1", "I", D(100), D(100), D("100.00"))]
    efisiensi = [BarisEfisiensi("1", capaian=D("150.00"), penyerapan=D("55.00"), efisiensi=D("95.00"))]
    hasil = audit.periksa(
        DataAudit(pengukuran=pengukuran, efisiensi=efisiensi, anggaran=_sasaran_dua_program())
    )
    capaian, efisiensi_t = (t for t in hasil.temuan if t.sheet == "Efisiensi")
    assert (capaian.kolom, capaian.jenis) == ("Capaian kinerja (%)", Jenis.SALAH)
    assert (efisiensi_t.kolom, efisiensi_t.jenis, efisiensi_t.hitung) == (
        "Tingkat efisiensi",
        Jenis.TURUNAN,
        D(45),
    )


def test_efficiency_without_budget_is_noted():
    pengukuran = [BarisPengukuran("1", "I", D(100), D(100), D("100.00"))]
    hasil = audit.periksa(
        DataAudit(pengukuran=pengukuran, efisiensi=[BarisEfisiensi("1", efisiensi=D("10.00"))])
    )
    assert hasil.temuan == ()
    assert any("tingkat efisiensi sasaran 1 tidak diperiksa" in c for c in hasil.catatan)


# --- seed 004 ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_004() -> audit.HasilAudit:
    with BERKAS_SEED_004.open("rb") as berkas:
        bacaan = audit_excel.baca(berkas)
    assert bacaan.kesalahan == []
    assert bacaan.data is not None
    return audit.periksa(bacaan.data)


def _ringkas(t: audit.Temuan) -> tuple[str, str, str, str, str, Jenis]:
    def teks(nilai: D) -> str:
        return f"{nilai:f}"

    return (
        t.sheet,
        t.baris.split(":")[0].split(" › ")[-1][:30].strip(),
        t.kolom,
        teks(t.terbitan),
        teks(t.hitung_dibulatkan),
        t.jenis,
    )


def _cari(hasil: audit.HasilAudit, sheet: str, baris: str, kolom: str) -> audit.Temuan:
    cocok = [t for t in hasil.temuan if t.sheet == sheet and t.baris.startswith(baris) and t.kolom == kolom]
    assert len(cocok) == 1, cocok
    return cocok[0]


def test_seed_004_sasaran_4_efficiency_capaian_167_69_is_109_26(seed_004):
    t = _cari(seed_004, "Efisiensi", "Sasaran 4", "Capaian kinerja (%)")
    assert (t.terbitan, t.hitung_dibulatkan, t.jenis) == (D("167.69"), D("109.26"), Jenis.SALAH)
    assert t.tabel == "Tabel 3.16"
    assert "rata-rata capaian 2 indikatornya" in t.aturan


def test_seed_004_sasaran_1_absorption_89_07_is_the_unweighted_mean_of_94_93(seed_004):
    t = _cari(seed_004, "Efisiensi", "Sasaran 1", "Penyerapan anggaran (%)")
    assert (t.terbitan, t.hitung_dibulatkan, t.jenis) == (D("89.07"), D("94.93"), Jenis.ATURAN_LAIN)
    assert t.aturan == "Penyerapan tertimbang = Σ realisasi / Σ pagu × 100 (3 program pada Tabel 2.5)"
    assert t.aturan_terbitan == "rata-rata tidak tertimbang persentase penyerapan 3 program"


def test_seed_004_capaian_101_64_is_truncated_101_65(seed_004):
    t = _cari(seed_004, "Pengukuran", "Indeks Kepuasan Terhadap Layanan Sekretariat Daerah", "Capaian (%)")
    assert (t.terbitan, t.hitung_dibulatkan, t.jenis) == (D("101.64"), D("101.65"), Jenis.PEMOTONGAN)
    assert t.aturan == "Capaian = realisasi / target × 100 (polaritas positif)"


SEMUA_TEMUAN_SEED_004 = [
    # Pengukuran (Tabel 3.3, 3.5/3.8/3.11/3.14, 3.6/3.9/3.12/3.15): truncated instead of rounded.
    ("Pengukuran", "Persentase rancangan produk hu", "Perubahan (%)", "-1.56", "-1.57", Jenis.PEMOTONGAN),
    ("Pengukuran", "Indeks tata kelola pengadaan b", "Perubahan (%)", "22.87", "22.88", Jenis.PEMOTONGAN),
    ("Pengukuran", "Indeks tata kelola pengadaan b", "Tingkat kemajuan (%)", "114.06", "114.07",
     Jenis.PEMOTONGAN),
    ("Pengukuran", "Indeks Kepuasan Terhadap Layan", "Capaian (%)", "101.64", "101.65", Jenis.PEMOTONGAN),
    ("Pengukuran", "Indeks Kepuasan Terhadap Layan", "Tingkat kemajuan (%)", "100.46", "100.47",
     Jenis.PEMOTONGAN),
    ("Pengukuran", "Indeks Kepuasan Masyarakat Per", "Perubahan (%)", "0.13", "0.14", Jenis.PEMOTONGAN),
    # Anggaran, Tabel 3.19: a realisasi above its pagu (Biro Umum: Rp 2.146.259.800 against Rp 1.702.086.000,
    # printed as 126,10 %, so not swapped: swapped it would be 1.702.086.000 / 2.146.259.800 = 79,30 %, and its
    # kegiatan adds up as printed), output capaian and one absorption; the total of BAB II against the biro rows.
    ("Anggaran", "Fasilitasi Kunjungan Tamu", "Realisasi", "2146259800", "1702086000", Jenis.MELEBIHI_PAGU),
    ("Anggaran", "Pemeliharaan Aset Tak Berwujud", "Capaian kinerja (%)", "0", "100", Jenis.SALAH),
    ("Anggaran", "PROGRAM PENUNJANG URUSAN PEMER", "Capaian kinerja (%)", "115", "114",
     Jenis.PEMBULATAN_KE_ATAS),  # Biro Administrasi Pembangunan: 97 / 85 Indeks
    ("Anggaran", "Administrasi Umum Perangkat Da", "Capaian kinerja (%)", "75", "76", Jenis.PEMOTONGAN),
    ("Anggaran", "PROGRAM PENATAAN ORGANISASI", "Capaian kinerja (%)", "123", "122", Jenis.PEMBULATAN_KE_ATAS),
    ("Anggaran", "PROGRAM PENUNJANG URUSAN PEMER", "Capaian kinerja (%)", "102.21", "102.38",
     Jenis.SALAH),  # Biro Umum: 86 / 84 Indeks
    ("Anggaran", "Perencanaan, Penganggaran, dan", "Penyerapan (%)", "95.45", "88.58", Jenis.SALAH),
    ("Anggaran", "Total", "Pagu", "535648948995", "546949028754", Jenis.SALAH),
    # Efisiensi, Tabel 3.16
    ("Efisiensi", "Sasaran 1", "Penyerapan anggaran (%)", "89.07", "94.93", Jenis.ATURAN_LAIN),
    ("Efisiensi", "Sasaran 1", "Tingkat efisiensi", "10.93", "5.07", Jenis.ATURAN_LAIN),
    ("Efisiensi", "Sasaran 2", "Penyerapan anggaran (%)", "72.40", "68.30", Jenis.ATURAN_LAIN),
    ("Efisiensi", "Sasaran 2", "Tingkat efisiensi", "34.57", "38.67", Jenis.ATURAN_LAIN),
    ("Efisiensi", "Sasaran 3", "Capaian kinerja (%)", "108.73", "108.74", Jenis.PEMOTONGAN),
    ("Efisiensi", "Sasaran 3", "Penyerapan anggaran (%)", "82.28", "93.32", Jenis.ATURAN_LAIN),
    ("Efisiensi", "Sasaran 3", "Tingkat efisiensi", "26.45", "15.42", Jenis.ATURAN_LAIN),
    ("Efisiensi", "Sasaran 4", "Capaian kinerja (%)", "167.69", "109.26", Jenis.SALAH),
    ("Efisiensi", "Sasaran 4", "Tingkat efisiensi", "70.26", "11.83", Jenis.TURUNAN),
]  # fmt: skip


def test_seed_004_every_mismatch_and_nothing_else(seed_004):
    assert [_ringkas(t) for t in seed_004.temuan] == SEMUA_TEMUAN_SEED_004
    # Everything else that the tables print and the product can derive matches: 883 derived figures, and
    # realisasi ≤ pagu on every budget row that prints both (no row of seed 004 is above its pagu).
    with BERKAS_SEED_004.open("rb") as berkas:
        data = audit_excel.baca(berkas).data
    assert data is not None
    dengan_uang = sum(1 for b in data.anggaran if b.pagu is not None and b.realisasi is not None)
    assert dengan_uang > 100
    assert seed_004.jumlah_diperiksa == 883 + dengan_uang
    assert seed_004.catatan == (
        "Sheet Anggaran, baris 142: penyerapan BIRO PEREKONOMIAN › Pemeliharaan Aset Tak Berwujud tidak "
        "diperiksa: pagu 0, sehingga penyerapan tidak terdefinisi (terbitan 0,00).",
    )


def test_seed_004_sasaran_3_absorption_is_the_unweighted_mean_truncated(seed_004):
    t = _cari(seed_004, "Efisiensi", "Sasaran 3", "Penyerapan anggaran (%)")
    # (70,6532… + 93,9244…) / 2 = 82,2888…: rounded 82,29, printed 82,28.
    assert t.aturan_terbitan == "rata-rata tidak tertimbang persentase penyerapan 2 program, dipotong"


def test_seed_004_sasaran_4_efficiency_follows_from_the_wrong_capaian(seed_004):
    t = _cari(seed_004, "Efisiensi", "Sasaran 4", "Tingkat efisiensi")
    # 167,69 − 97,43 = 70,26: the column arithmetic is right, its input is not.
    assert "sebagaimana tercetak" in t.aturan_terbitan
    assert t.aturan.startswith("Selisih capaian dan penyerapan")


def test_seed_004_bab_ii_total_differs_from_the_biro_rows_of_tabel_3_19(seed_004):
    t = _cari(seed_004, "Anggaran", "Total", "Pagu")
    assert t.aturan == "Pagu = Σ pagu 9 unit kerja di bawahnya"
    assert t.selisih == D("-11300079759")


def test_the_checked_in_workbook_is_what_the_script_writes():
    import importlib.util
    import io

    from openpyxl import load_workbook

    spec = importlib.util.spec_from_file_location("buat_audit_xlsx", DATA / "buat_audit_xlsx.py")
    assert spec is not None
    assert spec.loader is not None
    modul = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modul)

    def isi(data: bytes) -> dict[str, list[tuple]]:
        wb = load_workbook(io.BytesIO(data), read_only=True)
        try:
            return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}
        finally:
            wb.close()

    assert isi(modul.buat()) == isi(BERKAS_SEED_004.read_bytes())


# --- robustness -------------------------------------------------------------------------------------------------

_persen = st.decimals(min_value=0, max_value=1000, places=2)
_uang = st.decimals(min_value=0, max_value=10**13, places=0)
_kunci = st.sampled_from(["1", "2", "3."])
_kata = st.sampled_from(["", "Baik", "Sangat Tinggi", "hijau", "x"])


@settings(max_examples=150, deadline=None)
@given(
    pengukuran=st.lists(
        st.builds(
            BarisPengukuran,
            sasaran=_kunci,
            indikator=st.text(max_size=5),
            target=st.decimals(min_value=0, max_value=10**6, places=2),
            realisasi=st.none() | st.decimals(min_value=-100, max_value=10**6, places=2),
            capaian=st.none() | _persen,
            polaritas=st.sampled_from(Polaritas),
            realisasi_lalu=st.none() | st.decimals(min_value=0, max_value=10**6, places=2),
            perubahan=st.none() | _persen,
            target_akhir=st.none() | st.decimals(min_value=0, max_value=10**6, places=2),
            kemajuan=st.none() | _persen,
            kategori=_kata,
        ),
        max_size=6,
    ),
    keseluruhan=st.lists(
        st.builds(
            BarisKeseluruhan, nilai=st.none() | _persen, kategori=_kata, tabel=st.sampled_from(["A", "B"])
        ),
        max_size=2,
    ),
    aturan=st.builds(
        audit.AturanTahun,
        metode=st.sampled_from(MetodeRollup),
        kebijakan=st.sampled_from(KebijakanKosong),
        batas=st.none() | st.sampled_from([D(100), D(110), D(120)]),
        skala=st.sampled_from(list(skala.SKALA_BAWAAN.values())),
    ),
    efisiensi=st.lists(
        st.builds(
            BarisEfisiensi,
            sasaran=_kunci,
            capaian=st.none() | _persen,
            penyerapan=st.none() | _persen,
            efisiensi=st.none() | _persen,
            metode=st.sampled_from(MetodeEfisiensi),
        ),
        max_size=3,
    ),
    anggaran=st.lists(
        st.builds(
            BarisAnggaran,
            tingkat=st.sampled_from(TingkatAnggaran),
            uraian=st.text(max_size=5),
            pagu=st.none() | _uang,
            realisasi=st.none() | _uang,
            persen=st.none() | _persen,
            sasaran=st.sampled_from(["", "1", "2"]),
            target_kinerja=st.none() | _persen,
            realisasi_kinerja=st.none() | _persen,
            capaian_kinerja=st.none() | _persen,
            tabel=st.sampled_from(["A", "B"]),
        ),
        max_size=12,
    ),
)
def test_any_input_gives_findings_never_an_exception(pengukuran, efisiensi, anggaran, keseluruhan, aturan):
    data = DataAudit(pengukuran=pengukuran, efisiensi=efisiensi, anggaran=anggaran, keseluruhan=keseluruhan)
    hasil = audit.periksa(data, aturan)
    assert hasil.jumlah_cocok >= 0
    for t in hasil.temuan:
        if t.teks_terbitan:
            assert t.teks_terbitan != t.teks_hitung
        else:
            assert t.hitung_dibulatkan != t.terbitan
        assert t.aturan
