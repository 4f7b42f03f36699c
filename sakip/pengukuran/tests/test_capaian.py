from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.pengukuran import capaian
from sakip.pengukuran.capaian import (
    Agregasi,
    CapaianError,
    ItemCapaian,
    Kasus,
    KebijakanKosong,
    MetodeRollup,
    Polaritas,
)

D = Decimal
KECUALIKAN = KebijakanKosong.KECUALIKAN
HITUNG_NOL = KebijakanKosong.HITUNG_NOL
PER_SASARAN = MetodeRollup.RATA_RATA_SASARAN
PER_INDIKATOR = MetodeRollup.RATA_RATA_INDIKATOR
PREDIKAT_LPPD = ["Rendah", "Sedang", "Tinggi", "Sangat Tinggi"]
PREDIKAT_SAKIP = ["D", "C", "CC", "B", "BB", "A", "AA"]


def dua_desimal(nilai: Decimal | None) -> Decimal:
    assert nilai is not None
    return nilai.quantize(D("0.01"), rounding=ROUND_HALF_UP)


# Seed 004, Tabel 3.3 (LKjIP 2024 Setda Prov. Kaltim): (sasaran, target, realisasi) per indicator.
TABEL_3_3 = [
    *[("1", "100", "100")] * 5,
    ("2", "100", "100"),
    ("2", "90", "90"),
    ("2", "71", "86.69"),
    ("2", "90", "95.20"),
    ("3", "70", "81.08"),
    ("3", "85", "86.40"),
    ("4", "70", "81.80"),
    ("4", "85", "86.41"),
]


def _items_tabel_3_3() -> list[ItemCapaian]:
    return [
        ItemCapaian(
            sasaran=sasaran,
            indikator=f"indikator {nomor}",
            capaian=capaian.hitung(realisasi=D(realisasi), target=D(target)).nilai,
        )
        for nomor, (sasaran, target, realisasi) in enumerate(TABEL_3_3, start=1)
    ]


# --- hitung -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "realisasi", "diharapkan"),
    [
        ("100", "100", "100.00"),
        ("90", "90", "100.00"),
        ("71", "86.69", "122.10"),  # 86.69 / 71 = 1.2209859... → 122.10
        ("90", "95.20", "105.78"),  # 95.20 / 90 = 1.0577777... → 105.78
        ("70", "81.08", "115.83"),  # 81.08 / 70 = 1.1582857... → 115.83
        ("85", "86.40", "101.65"),  # 86.40 / 85 = 1.0164705... → 101.65 (the report truncates to 101,64)
        ("70", "81.80", "116.86"),  # 81.80 / 70 = 1.1685714... → 116.86
        ("85", "86.41", "101.66"),  # 86.41 / 85 = 1.0165882... → 101.66
    ],
)
def test_positive_polarity_reproduces_seed_table_3_3(target: str, realisasi: str, diharapkan: str) -> None:
    hasil = capaian.hitung(realisasi=D(realisasi), target=D(target))
    assert dua_desimal(hasil.nilai) == D(diharapkan)
    assert hasil.kasus is Kasus.NORMAL
    assert hasil.keterangan == "Capaian = realisasi / target × 100"


def test_capaian_above_100_is_not_capped() -> None:
    # 150 / 100 × 100 = 150: no cap unless a caller asks for one.
    assert capaian.hitung(realisasi=D(150), target=D(100)).nilai == D(150)


def test_positive_polarity_is_not_floored_for_negative_realisasi() -> None:
    # A growth rate can be negative: −2 / 4 × 100 = −50.
    assert capaian.hitung(realisasi=D(-2), target=D(4)).nilai == D(-50)


@pytest.mark.parametrize(
    ("target", "realisasi", "diharapkan"),
    [
        ("7", "6.5", "107.14"),  # (2×7 − 6.5) / 7 × 100 = 7.5 / 7 × 100 = 107.142857... → 107.14
        ("8", "9", "87.50"),  # (16 − 9) / 8 × 100 = 87.5
        ("8", "8", "100.00"),
        ("10", "20", "0.00"),  # (20 − 20) / 10 × 100 = 0, exactly at the floor
    ],
)
def test_negative_polarity_rewards_a_lower_realisasi(target: str, realisasi: str, diharapkan: str) -> None:
    hasil = capaian.hitung(realisasi=D(realisasi), target=D(target), polaritas=Polaritas.NEGATIF)
    assert dua_desimal(hasil.nilai) == D(diharapkan)
    assert hasil.kasus is Kasus.NORMAL


def test_negative_polarity_floors_at_zero() -> None:
    # (2×5 − 11) / 5 × 100 = −20 → 0
    hasil = capaian.hitung(realisasi=D(11), target=D(5), polaritas=Polaritas.NEGATIF)
    assert hasil.nilai == D(0)
    assert hasil.keterangan.endswith("hasil di bawah 0 dicatat 0")


@pytest.mark.parametrize(
    ("target", "realisasi", "diharapkan"),
    [
        ("80", "80", "100"),
        ("80", "90", "87.5"),  # 100 − 10 / 80 × 100 = 87.5
        ("80", "70", "87.5"),  # 100 − |−10| / 80 × 100 = 87.5
        ("10", "0", "0"),  # 100 − 10 / 10 × 100 = 0
        ("10", "25", "0"),  # 100 − 15 / 10 × 100 = −50 → 0
    ],
)
def test_stable_polarity_rewards_closeness_to_target(target: str, realisasi: str, diharapkan: str) -> None:
    hasil = capaian.hitung(realisasi=D(realisasi), target=D(target), polaritas=Polaritas.STABIL)
    assert hasil.nilai == D(diharapkan)
    assert hasil.keterangan.startswith("Polaritas stabil")


@pytest.mark.parametrize(
    ("polaritas", "realisasi", "diharapkan"),
    [
        (Polaritas.POSITIF, "0", 100),
        (Polaritas.POSITIF, "5", 100),
        (Polaritas.POSITIF, "-1", 0),
        (Polaritas.NEGATIF, "0", 100),
        (Polaritas.NEGATIF, "-1", 100),
        (Polaritas.NEGATIF, "2", 0),
        (Polaritas.STABIL, "0", 100),
        (Polaritas.STABIL, "1", 0),
        (Polaritas.STABIL, "-1", 0),
    ],
)
def test_zero_target_gives_100_when_met_and_0_otherwise(
    polaritas: Polaritas, realisasi: str, diharapkan: int
) -> None:
    hasil = capaian.hitung(realisasi=D(realisasi), target=D(0), polaritas=polaritas)
    assert hasil.nilai == D(diharapkan)
    assert hasil.kasus is Kasus.TARGET_NOL
    status = "terpenuhi" if diharapkan == 100 else "tidak terpenuhi"
    assert hasil.keterangan == f"Target nol: capaian {diharapkan} karena target {status}"


@pytest.mark.parametrize("polaritas", list(Polaritas))
def test_missing_realisasi_is_empty_not_zero(polaritas: Polaritas) -> None:
    hasil = capaian.hitung(realisasi=None, target=D(100), polaritas=polaritas)
    assert hasil == capaian.HasilCapaian(nilai=None, kasus=Kasus.KOSONG, keterangan="Realisasi belum diisi")


def test_negative_target_is_refused_even_without_realisasi() -> None:
    with pytest.raises(CapaianError, match="Target tidak boleh negatif"):
        capaian.hitung(realisasi=None, target=D(-1))


@pytest.mark.parametrize(("realisasi", "target"), [("NaN", "100"), ("Infinity", "100"), ("10", "Infinity")])
def test_non_finite_numbers_are_refused(realisasi: str, target: str) -> None:
    with pytest.raises(CapaianError, match="angka terhingga"):
        capaian.hitung(realisasi=D(realisasi), target=D(target))


# --- hitung_rentang -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("polaritas", "realisasi", "diharapkan", "kasus"),
    [
        (Polaritas.POSITIF, "70", "100", Kasus.RENTANG),
        (Polaritas.POSITIF, "77", "100", Kasus.RENTANG),
        (Polaritas.POSITIF, "85", "100", Kasus.RENTANG),
        (Polaritas.NEGATIF, "85", "100", Kasus.RENTANG),
        (Polaritas.POSITIF, "102", "120", Kasus.NORMAL),  # above: 102 / 85 × 100 = 120
        (Polaritas.POSITIF, "56", "80", Kasus.NORMAL),  # below: 56 / 70 × 100 = 80
        (Polaritas.NEGATIF, "102", "80", Kasus.NORMAL),  # above: (170 − 102) / 85 × 100 = 80
        (Polaritas.NEGATIF, "56", "120", Kasus.NORMAL),  # below: (140 − 56) / 70 × 100 = 120
        (Polaritas.STABIL, "102", "80", Kasus.NORMAL),  # above: 100 − 17 / 85 × 100 = 80
        (Polaritas.STABIL, "56", "80", Kasus.NORMAL),  # below: 100 − 14 / 70 × 100 = 80
    ],
)
def test_range_target_70_to_85(polaritas: Polaritas, realisasi: str, diharapkan: str, kasus: Kasus) -> None:
    hasil = capaian.hitung_rentang(
        realisasi=D(realisasi), target_bawah=D(70), target_atas=D(85), polaritas=polaritas
    )
    assert hasil.nilai == D(diharapkan)
    assert hasil.kasus is kasus


def test_range_explains_which_bound_was_used() -> None:
    atas = capaian.hitung_rentang(realisasi=D(102), target_bawah=D(70), target_atas=D(85))
    bawah = capaian.hitung_rentang(realisasi=D("56.5"), target_bawah=D(70), target_atas=D(85))
    dalam = capaian.hitung_rentang(realisasi=D(80), target_bawah=D("70.5"), target_atas=D(85))
    assert atas.keterangan == (
        "Realisasi di atas rentang target 70 – 85, dihitung terhadap target atas 85. "
        "Capaian = realisasi / target × 100"
    )
    assert bawah.keterangan.startswith(
        "Realisasi di bawah rentang target 70 – 85, dihitung terhadap target bawah 70."
    )
    assert dalam.keterangan == "Realisasi dalam rentang target 70,5 – 85: capaian 100"


@pytest.mark.parametrize(
    ("polaritas", "realisasi", "diharapkan"),
    [
        (Polaritas.NEGATIF, "-1", 100),  # below a lower bound of 0, negative polarity: target met
        (Polaritas.POSITIF, "-1", 0),  # below a lower bound of 0, positive polarity: target missed
    ],
)
def test_range_uses_the_zero_target_rule_when_the_bound_is_zero(
    polaritas: Polaritas, realisasi: str, diharapkan: int
) -> None:
    hasil = capaian.hitung_rentang(
        realisasi=D(realisasi), target_bawah=D(0), target_atas=D(5), polaritas=polaritas
    )
    assert hasil.nilai == D(diharapkan)
    assert hasil.kasus is Kasus.TARGET_NOL


def test_range_of_a_single_point_is_accepted() -> None:
    hasil = capaian.hitung_rentang(realisasi=D(50), target_bawah=D(50), target_atas=D(50))
    assert (hasil.nilai, hasil.kasus) == (D(100), Kasus.RENTANG)


def test_range_without_realisasi_is_empty() -> None:
    hasil = capaian.hitung_rentang(realisasi=None, target_bawah=D(70), target_atas=D(85))
    assert (hasil.nilai, hasil.kasus) == (None, Kasus.KOSONG)


@pytest.mark.parametrize(
    ("bawah", "atas", "pesan"),
    [
        ("85", "70", "Target bawah \\(85\\) tidak boleh lebih besar dari target atas \\(70\\)"),
        ("-5", "70", "Target bawah tidak boleh negatif"),
        ("5", "-1", "Target atas tidak boleh negatif"),
    ],
)
def test_invalid_range_is_refused(bawah: str, atas: str, pesan: str) -> None:
    with pytest.raises(CapaianError, match=pesan):
        capaian.hitung_rentang(realisasi=D(10), target_bawah=D(bawah), target_atas=D(atas))


# --- hitung_predikat ----------------------------------------------------------------------------------


def test_predikat_tinggi_against_sangat_tinggi_is_75() -> None:
    # rank 3 / rank 4 × 100 = 75
    hasil = capaian.hitung_predikat(realisasi="Tinggi", target="Sangat Tinggi", skala=PREDIKAT_LPPD)
    assert hasil.nilai == D(75)
    assert hasil.kasus is Kasus.PREDIKAT
    assert "'Tinggi' (3)" in hasil.keterangan
    assert "'Sangat Tinggi' (4)" in hasil.keterangan


def test_sakip_grade_bb_against_a_is_five_sixths() -> None:
    # BB is rank 5, A is rank 6: 5 / 6 × 100 = 83.333..., at the default 28 significant digits.
    hasil = capaian.hitung_predikat(realisasi="BB", target="A", skala=PREDIKAT_SAKIP)
    assert hasil.nilai == D("83.33333333333333333333333333")
    assert dua_desimal(hasil.nilai) == D("83.33")


@pytest.mark.parametrize(
    ("realisasi", "target", "skala", "diharapkan"),
    [
        ("AA", "BB", PREDIKAT_SAKIP, "140"),  # 7 / 5 × 100
        ("D", "AA", PREDIKAT_SAKIP, "14.29"),  # 1 / 7 × 100 = 14.2857... → 14.29
        ("WDP", "WTP", ["TW", "WDP", "WTP"], "66.67"),  # 2 / 3 × 100 = 66.666... → 66.67
        ("  sangat   TINGGI ", "Sangat Tinggi", PREDIKAT_LPPD, "100"),
        ("b", "a", ["D", "C", "B", "A"], "75"),  # IKM mutu: 3 / 4 × 100
    ],
)
def test_predikat_ranks_count_from_one_at_the_lowest_level(
    realisasi: str, target: str, skala: list[str], diharapkan: str
) -> None:
    hasil = capaian.hitung_predikat(realisasi=realisasi, target=target, skala=skala)
    assert dua_desimal(hasil.nilai) == D(diharapkan)


@pytest.mark.parametrize("realisasi", [None, "", "   "])
def test_predikat_without_realisasi_is_empty(realisasi: str | None) -> None:
    hasil = capaian.hitung_predikat(realisasi=realisasi, target="Tinggi", skala=PREDIKAT_LPPD)
    assert (hasil.nilai, hasil.kasus) == (None, Kasus.KOSONG)


def test_unknown_predikat_names_the_level_and_the_valid_ones() -> None:
    with pytest.raises(CapaianError) as info:
        capaian.hitung_predikat(realisasi="Baik Sekali", target="Tinggi", skala=PREDIKAT_LPPD)
    assert str(info.value) == (
        "Predikat realisasi 'Baik Sekali' tidak dikenal; "
        "pilihan yang sah: Rendah, Sedang, Tinggi, Sangat Tinggi."
    )


def test_unknown_target_level_is_refused_even_without_realisasi() -> None:
    with pytest.raises(CapaianError, match="Predikat target 'Istimewa' tidak dikenal"):
        capaian.hitung_predikat(realisasi=None, target="Istimewa", skala=PREDIKAT_LPPD)


@pytest.mark.parametrize(
    ("skala", "pesan"),
    [
        ([], "tidak kosong"),
        (["Rendah", " "], "tidak kosong"),
        (["Rendah", "Tinggi", "tinggi"], "lebih dari sekali"),
        ("Rendah", "daftar tingkat"),
    ],
)
def test_invalid_predikat_scale_is_refused(skala: list[str], pesan: str) -> None:
    with pytest.raises(CapaianError, match=pesan):
        capaian.hitung_predikat(realisasi="Rendah", target="Rendah", skala=skala)


# --- terapkan_batas -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nilai", "batas", "diharapkan"),
    [
        (None, "110", None),
        ("122.1", None, "122.1"),
        ("122.1", "110", "110"),
        ("122.1", "120", "120"),
        ("105", "110", "105"),
    ],
)
def test_cap_is_applied_only_when_asked(nilai: str | None, batas: str | None, diharapkan: str | None) -> None:
    hasil = capaian.terapkan_batas(None if nilai is None else D(nilai), None if batas is None else D(batas))
    assert hasil == (None if diharapkan is None else D(diharapkan))


@pytest.mark.parametrize("batas", ["0", "-10", "NaN"])
def test_non_positive_cap_is_refused(batas: str) -> None:
    with pytest.raises(CapaianError, match="Batas atas capaian"):
        capaian.terapkan_batas(D(100), D(batas))


# --- agregasi_tahunan ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("aturan", "diharapkan"),
    [
        (Agregasi.KUMULATIF, "60"),  # 10 + 20 + 30 (TW III not reported)
        (Agregasi.RATA_RATA, "20"),  # 60 / 3
        (Agregasi.NILAI_AKHIR, "30"),  # TW IV
    ],
)
def test_quarterly_aggregation_skips_unreported_quarters(aturan: Agregasi, diharapkan: str) -> None:
    nilai = {1: D(10), 2: D(20), 3: None, 4: D(30)}
    assert capaian.agregasi_tahunan(nilai, aturan) == D(diharapkan)


@pytest.mark.parametrize(
    ("aturan", "diharapkan"),
    [(Agregasi.KUMULATIF, "35"), (Agregasi.RATA_RATA, "17.5"), (Agregasi.NILAI_AKHIR, "25")],
)
def test_final_value_is_the_latest_reported_quarter(aturan: Agregasi, diharapkan: str) -> None:
    # TW IV missing: the latest reported is TW II (25); 10 + 25 = 35; 35 / 2 = 17.5.
    assert capaian.agregasi_tahunan({2: D(25), 1: D(10), 4: None}, aturan) == D(diharapkan)


@pytest.mark.parametrize("aturan", list(Agregasi))
@pytest.mark.parametrize("nilai", [{}, {1: None, 2: None}])
def test_nothing_reported_aggregates_to_none(aturan: Agregasi, nilai: dict[int, Decimal | None]) -> None:
    assert capaian.agregasi_tahunan(nilai, aturan) is None


@pytest.mark.parametrize("triwulan", [0, 5, -1])
def test_quarter_outside_1_to_4_is_refused(triwulan: int) -> None:
    with pytest.raises(CapaianError, match=f"Triwulan harus 1 sampai 4, bukan {triwulan}"):
        capaian.agregasi_tahunan({1: D(1), triwulan: D(2)}, Agregasi.KUMULATIF)


# --- rollups ------------------------------------------------------------------------------------------


def test_seed_table_3_3_sasaran_means_at_full_precision() -> None:
    hasil = capaian.rollup_sasaran(_items_tabel_3_3(), kebijakan=KECUALIKAN)
    # Sasaran 2: (100 + 100 + 122.0985915... + 105.7777...) / 4 = 427.8763693... / 4 = 106.969... → 106.97
    # Sasaran 3: (115.8285714... + 101.6470588...) / 2 = 217.4756302... / 2 = 108.737... → 108.74
    # Sasaran 4: (116.8571428... + 101.6588235...) / 2 = 218.5159663... / 2 = 109.257... → 109.26
    assert {sasaran: dua_desimal(h.nilai) for sasaran, h in hasil.items()} == {
        "1": D("100.00"),
        "2": D("106.97"),
        "3": D("108.74"),
        "4": D("109.26"),
    }
    assert list(hasil) == ["1", "2", "3", "4"]
    assert [(h.jumlah_dihitung, h.jumlah_kosong) for h in hasil.values()] == [(5, 0), (4, 0), (2, 0), (2, 0)]


def test_seed_table_3_3_unit_capaian_by_both_methods() -> None:
    items = _items_tabel_3_3()
    per_sasaran = capaian.rollup_unit(items, metode=PER_SASARAN, kebijakan=KECUALIKAN)
    per_indikator = capaian.rollup_unit(items, metode=PER_INDIKATOR, kebijakan=KECUALIKAN)
    # (100 + 106.9690923... + 108.7378151... + 109.2579831...) / 4 = 424.9648906... / 4 = 106.2412... → 106.24
    assert dua_desimal(per_sasaran.nilai) == D("106.24")
    assert (per_sasaran.jumlah_dihitung, per_sasaran.jumlah_kosong) == (4, 0)
    # (500 + 427.8763693... + 217.4756302... + 218.5159663...) / 13 = 1363.8679659... / 13
    #   = 104.9129... → 104.91
    assert dua_desimal(per_indikator.nilai) == D("104.91")
    assert (per_indikator.jumlah_dihitung, per_indikator.jumlah_kosong) == (13, 0)


def test_sasaran_means_are_not_rounded_before_the_unit_mean() -> None:
    # Sasaran A: (100 + 100.005) / 2 = 100.0025; sasaran B: 100.0025 likewise. Unit: 100.0025 exactly.
    # Rounding the sasaran means first would give 100.00.
    items = [
        ItemCapaian("A", "a1", D(100)),
        ItemCapaian("A", "a2", D("100.005")),
        ItemCapaian("B", "b1", D(100)),
        ItemCapaian("B", "b2", D("100.005")),
    ]
    assert capaian.rollup_unit(items, metode=PER_SASARAN, kebijakan=KECUALIKAN).nilai == D("100.0025")


def test_both_rollup_methods_differ_on_an_unbalanced_unit() -> None:
    items = [
        ItemCapaian("A", "a1", D(100)),
        ItemCapaian("A", "a2", D(120)),
        ItemCapaian("B", "b1", D(80)),
    ]
    # per sasaran: A = 110, B = 80, unit = (110 + 80) / 2 = 95; per indikator: (100 + 120 + 80) / 3 = 100
    assert capaian.rollup_unit(items, metode=PER_SASARAN, kebijakan=KECUALIKAN).nilai == D(95)
    assert capaian.rollup_unit(items, metode=PER_INDIKATOR, kebijakan=KECUALIKAN).nilai == D(100)


ITEMS_DENGAN_KOSONG = [
    ItemCapaian("A", "a1", D(100)),
    ItemCapaian("A", "a2", None),
    ItemCapaian("B", "b1", None),
    ItemCapaian("B", "b2", None),
    ItemCapaian("C", "c1", D(90)),
    ItemCapaian("C", "c2", D(30)),
    ItemCapaian("C", "c3", D(60)),
]


def test_missing_values_excluded_per_sasaran() -> None:
    hasil = capaian.rollup_sasaran(ITEMS_DENGAN_KOSONG, kebijakan=KECUALIKAN)
    # A: 100 / 1; B: nothing reported; C: (90 + 30 + 60) / 3 = 60
    assert {s: (h.nilai, h.jumlah_dihitung, h.jumlah_kosong) for s, h in hasil.items()} == {
        "A": (D(100), 1, 1),
        "B": (None, 0, 2),
        "C": (D(60), 3, 0),
    }


def test_missing_values_counted_as_zero_per_sasaran() -> None:
    hasil = capaian.rollup_sasaran(ITEMS_DENGAN_KOSONG, kebijakan=HITUNG_NOL)
    # A: (100 + 0) / 2 = 50; B: (0 + 0) / 2 = 0; C: 60
    assert {s: (h.nilai, h.jumlah_dihitung, h.jumlah_kosong) for s, h in hasil.items()} == {
        "A": (D(50), 2, 1),
        "B": (D(0), 2, 2),
        "C": (D(60), 3, 0),
    }


@pytest.mark.parametrize(
    ("metode", "kebijakan", "diharapkan", "dihitung", "kosong"),
    [
        # B has no value at all and is excluded: (100 + 60) / 2 = 80; one sasaran kosong
        (PER_SASARAN, KECUALIKAN, "80", 2, 1),
        # (50 + 0 + 60) / 3 = 36.666... → 36.67; B counts as 0 and is still reported kosong
        (PER_SASARAN, HITUNG_NOL, "36.67", 3, 1),
        # (100 + 90 + 30 + 60) / 4 = 70; three indicators kosong
        (PER_INDIKATOR, KECUALIKAN, "70", 4, 3),
        # (100 + 0 + 0 + 0 + 90 + 30 + 60) / 7 = 280 / 7 = 40
        (PER_INDIKATOR, HITUNG_NOL, "40", 7, 3),
    ],
)
def test_unit_rollup_with_missing_values_under_both_policies(
    metode: MetodeRollup, kebijakan: KebijakanKosong, diharapkan: str, dihitung: int, kosong: int
) -> None:
    hasil = capaian.rollup_unit(ITEMS_DENGAN_KOSONG, metode=metode, kebijakan=kebijakan)
    assert dua_desimal(hasil.nilai) == D(diharapkan)
    assert (hasil.jumlah_dihitung, hasil.jumlah_kosong) == (dihitung, kosong)
    assert (hasil.metode, hasil.kebijakan, hasil.batas) == (metode, kebijakan, None)


def test_cap_applies_to_each_indicator_before_averaging() -> None:
    items = [ItemCapaian("2", "ITKP", D("122.1")), ItemCapaian("2", "realisasi pembangunan", D(100))]
    # capped: (110 + 100) / 2 = 105; uncapped: (122.1 + 100) / 2 = 111.05
    assert capaian.rollup_unit(items, metode=PER_INDIKATOR, kebijakan=KECUALIKAN, batas=D(110)).nilai == D(
        105
    )
    assert capaian.rollup_unit(items, metode=PER_SASARAN, kebijakan=KECUALIKAN, batas=D(110)).nilai == D(105)
    assert capaian.rollup_unit(items, metode=PER_SASARAN, kebijakan=KECUALIKAN).nilai == D("111.05")


def test_unit_without_any_value_has_no_capaian() -> None:
    items = [ItemCapaian("A", "a1", None)]
    for metode in MetodeRollup:
        hasil = capaian.rollup_unit(items, metode=metode, kebijakan=KECUALIKAN)
        assert (hasil.nilai, hasil.jumlah_dihitung, hasil.jumlah_kosong) == (None, 0, 1)
    assert capaian.rollup_unit([], metode=PER_SASARAN, kebijakan=HITUNG_NOL).nilai is None


def test_plain_mean_of_nothing_is_none() -> None:
    hasil = capaian.rata_rata([], kebijakan=HITUNG_NOL)
    assert (hasil.nilai, hasil.jumlah_dihitung, hasil.jumlah_kosong, hasil.metode) == (None, 0, 0, None)


@pytest.mark.parametrize(
    ("metode", "kebijakan", "batas", "keterangan"),
    [
        (
            PER_SASARAN,
            KECUALIKAN,
            None,
            "Rata-rata dari rata-rata capaian per sasaran; realisasi kosong dikecualikan; tanpa batas atas",
        ),
        (
            PER_INDIKATOR,
            HITUNG_NOL,
            D("120.5"),
            "Rata-rata capaian seluruh indikator; realisasi kosong dihitung 0; "
            "capaian indikator dibatasi paling tinggi 120,5",
        ),
    ],
)
def test_rollup_states_method_policy_and_cap(
    metode: MetodeRollup, kebijakan: KebijakanKosong, batas: Decimal | None, keterangan: str
) -> None:
    hasil = capaian.rollup_unit(ITEMS_DENGAN_KOSONG, metode=metode, kebijakan=kebijakan, batas=batas)
    assert hasil.keterangan == keterangan


def test_plain_mean_states_its_policy() -> None:
    hasil = capaian.rata_rata([D(1), None], kebijakan=KECUALIKAN, batas=D(110))
    assert hasil.keterangan == (
        "Rata-rata capaian; realisasi kosong dikecualikan; capaian indikator dibatasi paling tinggi 110"
    )


# --- comparisons --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sekarang", "sebelumnya", "diharapkan"),
    [
        ("100", "100", "0.00"),  # seed 004 Tabel 3.5 row 1
        ("100", "95", "5.26"),  # (100 / 95 − 1) × 100 = 5.263... (row 4)
        ("100", "101.59", "-1.57"),  # (100 / 101.59 − 1) × 100 = −1.5651...; the report truncates to −1,56
        ("90", "120", "-25.00"),
    ],
)
def test_yearly_change_of_realisasi(sekarang: str, sebelumnya: str, diharapkan: str) -> None:
    assert dua_desimal(capaian.perubahan_tahunan(D(sekarang), D(sebelumnya))) == D(diharapkan)


@pytest.mark.parametrize(
    ("sekarang", "sebelumnya"), [(None, "95"), ("100", None), (None, None), ("100", "0")]
)
def test_yearly_change_is_none_when_it_cannot_be_computed(
    sekarang: str | None, sebelumnya: str | None
) -> None:
    assert (
        capaian.perubahan_tahunan(
            None if sekarang is None else D(sekarang), None if sebelumnya is None else D(sebelumnya)
        )
        is None
    )


@pytest.mark.parametrize(
    ("target_akhir", "realisasi", "diharapkan"),
    [
        # Seed 004, "Perbandingan Realisasi Kinerja Tahun 2024 dengan Target RENSTRA" tables:
        ("100", "90", "90.00"),
        ("76", "86.69", "114.07"),  # 86.69 / 76 = 1.1406578...; the report truncates to 114,06
        ("92", "95.20", "103.48"),  # 95.20 / 92 = 1.0347826...
        ("86", "86.40", "100.47"),  # 86.40 / 86 = 1.0046511...; the report truncates to 100,46
        ("72", "81.80", "113.61"),  # 81.80 / 72 = 1.1361111...
        ("86", "86.41", "100.48"),  # 86.41 / 86 = 1.0047674...
    ],
)
def test_progress_against_renstra_end_target(target_akhir: str, realisasi: str, diharapkan: str) -> None:
    hasil = capaian.tingkat_kemajuan(realisasi=D(realisasi), target_akhir=D(target_akhir))
    assert dua_desimal(hasil.nilai) == D(diharapkan)
    assert hasil.keterangan.startswith("Tingkat kemajuan terhadap target akhir Renstra.")


def test_progress_follows_polarity_zero_target_and_missing_rules() -> None:
    # (2×10 − 8) / 10 × 100 = 120
    assert capaian.tingkat_kemajuan(
        realisasi=D(8), target_akhir=D(10), polaritas=Polaritas.NEGATIF
    ).nilai == D(120)
    assert capaian.tingkat_kemajuan(realisasi=D(0), target_akhir=D(0)).kasus is Kasus.TARGET_NOL
    kosong = capaian.tingkat_kemajuan(realisasi=None, target_akhir=D(10))
    assert (kosong.nilai, kosong.kasus, kosong.keterangan) == (None, Kasus.KOSONG, "Realisasi belum diisi")
    with pytest.raises(CapaianError, match="Target tidak boleh negatif"):
        capaian.tingkat_kemajuan(realisasi=D(1), target_akhir=D(-1))


# --- properties ---------------------------------------------------------------------------------------

angka_wajar = st.decimals(min_value=-1000, max_value=100_000, places=4, allow_nan=False, allow_infinity=False)
target_wajar = st.decimals(min_value=0, max_value=100_000, places=4, allow_nan=False, allow_infinity=False)


@given(
    target=st.decimals(min_value=0, allow_nan=False, allow_infinity=False),
    polaritas=st.sampled_from(Polaritas),
)
def test_realisasi_equal_to_target_gives_exactly_100(target: Decimal, polaritas: Polaritas) -> None:
    assert capaian.hitung(realisasi=target, target=target, polaritas=polaritas).nilai == 100


@given(realisasi=angka_wajar, target=target_wajar, polaritas=st.sampled_from(Polaritas))
def test_capaian_is_never_negative_except_positive_polarity(
    realisasi: Decimal, target: Decimal, polaritas: Polaritas
) -> None:
    nilai = capaian.hitung(realisasi=realisasi, target=target, polaritas=polaritas).nilai
    assert nilai is not None
    if polaritas is not Polaritas.POSITIF or realisasi >= 0:
        assert nilai >= 0
    if polaritas is Polaritas.STABIL:
        assert nilai <= 100


item_capaian = st.builds(
    ItemCapaian,
    sasaran=st.sampled_from(["S1", "S2", "S3"]),
    indikator=st.text(max_size=3),
    capaian=st.none() | st.decimals(min_value=0, max_value=200, places=6),
)


@given(data=st.data(), items=st.lists(item_capaian, max_size=12))
def test_rollups_do_not_depend_on_input_order(data: st.DataObject, items: list[ItemCapaian]) -> None:
    acak = data.draw(st.permutations(items))
    batas = data.draw(st.none() | st.sampled_from([D(110), D(120)]))
    for kebijakan in KebijakanKosong:
        assert capaian.rollup_sasaran(items, kebijakan=kebijakan, batas=batas) == capaian.rollup_sasaran(
            acak, kebijakan=kebijakan, batas=batas
        )
        for metode in MetodeRollup:
            assert capaian.rollup_unit(
                items, metode=metode, kebijakan=kebijakan, batas=batas
            ) == capaian.rollup_unit(acak, metode=metode, kebijakan=kebijakan, batas=batas)


@given(
    data=st.data(),
    nilai=st.dictionaries(
        st.integers(min_value=1, max_value=4),
        st.none() | st.decimals(min_value=-1000, max_value=1000, allow_nan=False, allow_infinity=False),
    ),
)
def test_quarterly_aggregation_does_not_depend_on_insertion_order(
    data: st.DataObject, nilai: dict[int, Decimal | None]
) -> None:
    acak = dict(data.draw(st.permutations(list(nilai.items()))))
    for aturan in Agregasi:
        assert capaian.agregasi_tahunan(nilai, aturan) == capaian.agregasi_tahunan(acak, aturan)
