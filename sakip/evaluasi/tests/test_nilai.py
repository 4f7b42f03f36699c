"""sakip.evaluasi.nilai: pure, no database. Every expected value is computed by hand in the comments."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.evaluasi import nilai
from sakip.evaluasi.nilai import Komponen
from sakip.lib.angka import bulatkan

D = Decimal

# Seed 004 table 3.1: a five-component pemda scheme whose source prints no weights.
SEED_004 = [
    Komponen("PERENCANAAN", "Perencanaan Kinerja", None),
    Komponen("PENGUKURAN", "Pengukuran Kinerja", None),
    Komponen("PELAPORAN", "Pelaporan Kinerja", None),
    Komponen("EVALUASI", "Evaluasi Akuntabilitas Kinerja Internal", None),
    Komponen("CAPAIAN", "Capaian Kinerja", None),
]
TABEL_3_1 = {
    2019: ("22.40", "15.94", "10.07", "6.27", "12.55"),
    2020: ("20.39", "13.75", "9.88", "3.84", "11.28"),
    2021: ("23.75", "15.00", "11.22", "6.85", "11.12"),
    2022: ("22.20", "14.80", "7.70", "14.00", "15.20"),
    2023: ("30.00", "15.40", "8.00", "14.80", "13.60"),
}


def _skor(tahun: int) -> dict[str, Decimal]:
    return {k.kode: D(v) for k, v in zip(SEED_004, TABEL_3_1[tahun], strict=True)}


def _skema_88() -> list[Komponen]:
    komponen = []
    for kode, nama, bobot in (
        ("PERENCANAAN", "Perencanaan Kinerja", D(30)),
        ("PENGUKURAN", "Pengukuran Kinerja", D(30)),
        ("PELAPORAN", "Pelaporan Kinerja", D(15)),
        ("EVALUASI", "Evaluasi Akuntabilitas Kinerja Internal", D(25)),
    ):
        komponen.append(Komponen(kode, nama, bobot))
        for sub, porsi in (("PEMENUHAN", D("0.2")), ("KUALITAS", D("0.3")), ("PEMANFAATAN", D("0.5"))):
            komponen.append(Komponen(f"{kode}.{sub}", f"{nama}: {sub}", bobot * porsi, induk=kode))
    return komponen


@pytest.mark.parametrize(
    ("tahun", "total", "predikat"),
    [
        (2019, "67.23", "B"),  # 22,40 + 15,94 + 10,07 + 6,27 + 12,55 = 67,23; > 60 -> B
        (2020, "59.14", "CC"),  # 20,39 + 13,75 + 9,88 + 3,84 + 11,28 = 59,14; > 50 -> CC
        (2021, "67.94", "B"),  # 23,75 + 15,00 + 11,22 + 6,85 + 11,12 = 67,94 (seed prints 67,93)
        (2022, "73.90", "BB"),  # 22,20 + 14,80 + 7,70 + 14,00 + 15,20 = 73,90; > 70 -> BB
        (2023, "81.80", "A"),  # 30,00 + 15,40 + 8,00 + 14,80 + 13,60 = 81,80; > 80 -> A
    ],
)
def test_seed_004_totals_and_grades(tahun, total, predikat):
    hasil = nilai.hitung(SEED_004, _skor(tahun))
    assert hasil.total == D(total)
    assert hasil.predikat is not None
    assert hasil.predikat.kode == predikat


def test_seed_004_change_2022_to_2023_per_component_and_total():
    tabel = nilai.riwayat({t: (SEED_004, _skor(t)) for t in TABEL_3_1})
    perubahan = {b.kode: b.perubahan for b in tabel.baris}
    # 30,00 - 22,20 = 7,80; 15,40 - 14,80 = 0,60; 8,00 - 7,70 = 0,30; 14,80 - 14,00 = 0,80
    # 13,60 - 15,20 = -1,60 (the seed prints -1,57: a typing slip)
    assert perubahan == {
        "PERENCANAAN": D("7.80"),
        "PENGUKURAN": D("0.60"),
        "PELAPORAN": D("0.30"),
        "EVALUASI": D("0.80"),
        "CAPAIAN": D("-1.60"),
    }
    assert tabel.perubahan_total == D("7.90")  # 81,80 - 73,90
    assert tabel.tahun == (2019, 2020, 2021, 2022, 2023)
    assert [p.kode for p in tabel.predikat if p] == ["B", "CC", "B", "BB", "A"]


@pytest.mark.parametrize(
    ("total", "predikat"),
    [
        ("100", "AA"),
        ("90.01", "AA"),
        ("90.005", "AA"),  # rounds half-up to 90,01
        ("90.00", "A"),  # the lower bound of AA is exclusive
        ("90", "A"),
        ("90.004", "A"),  # prints as 90,00, so it is graded as 90,00
        ("80.01", "A"),
        ("80.00", "BB"),
        ("70.00", "B"),
        ("70.01", "BB"),
        ("60.00", "CC"),
        ("60.004", "CC"),
        ("50.00", "C"),
        ("50.01", "CC"),
        ("30.00", "D"),
        ("30.01", "C"),
        ("0", "D"),
    ],
)
def test_grade_boundaries_are_exclusive_lower_bounds_after_rounding(total, predikat):
    assert nilai.predikat(D(total)).kode == predikat


def test_total_of_exactly_90_grades_a_and_90_01_grades_aa_from_component_scores():
    skema = [Komponen("A", "A", D(50)), Komponen("B", "B", D(50))]
    # 45,00 + 45,00 = 90,00 -> A (Memuaskan)
    hasil = nilai.hitung(skema, {"A": D("45.00"), "B": D("45.00")})
    assert (hasil.total, hasil.predikat and hasil.predikat.kode) == (D("90.00"), "A")
    # 45,00 + 45,01 = 90,01 -> AA (Sangat Memuaskan)
    hasil = nilai.hitung(skema, {"A": D("45.00"), "B": D("45.01")})
    assert (hasil.total, hasil.predikat and hasil.predikat.kode) == (D("90.01"), "AA")
    # 45,002 + 45,002 = 90,004, printed 90,00 -> A
    hasil = nilai.hitung(skema, {"A": D("45.002"), "B": D("45.002")})
    assert hasil.total == D("90.004")
    assert hasil.predikat is not None
    assert hasil.predikat.kode == "A"


def test_total_keeps_full_precision():
    # 33,333 + 33,333 + 33,334 = 100,000 exactly; no intermediate rounding
    assert nilai.total([D("33.333"), D("33.333"), D("33.334")]) == D("100.000")
    assert nilai.total([]) == D(0)


def test_components_88_2021_scored_by_sub_component_sum_to_the_component():
    skema = _skema_88()
    skor = {
        # Perencanaan: 5,10 + 7,20 + 12,00 = 24,30
        "PERENCANAAN.PEMENUHAN": D("5.10"),
        "PERENCANAAN.KUALITAS": D("7.20"),
        "PERENCANAAN.PEMANFAATAN": D("12.00"),
        # the other components are scored as a whole
        "PENGUKURAN": D("22.50"),
        "PELAPORAN": D("11.25"),
        "EVALUASI": D("17.00"),
    }
    hasil = nilai.hitung(skema, skor)
    assert hasil.nilai["PERENCANAAN"] == D("24.30")
    # 24,30 + 22,50 + 11,25 + 17,00 = 75,05 -> BB
    assert hasil.total == D("75.05")
    assert hasil.predikat is not None
    assert hasil.predikat.kode == "BB"


def test_missing_component_leaves_total_and_grade_empty():
    skor = _skor(2023)
    del skor["CAPAIAN"]
    hasil = nilai.hitung(SEED_004, skor)
    assert hasil.nilai["CAPAIAN"] is None
    assert (hasil.total, hasil.predikat, hasil.lengkap) == (None, None, False)


def test_component_with_some_sub_scores_missing_is_not_summed():
    skor = {"PERENCANAAN.PEMENUHAN": D(6), "PENGUKURAN": D(30), "PELAPORAN": D(15), "EVALUASI": D(25)}
    hasil = nilai.hitung(_skema_88(), skor)
    assert hasil.nilai["PERENCANAAN"] is None
    assert hasil.total is None


def test_change_is_none_when_a_year_is_missing():
    assert nilai.perubahan(None, D(1)) is None
    assert nilai.perubahan(D(1), None) is None
    assert nilai.perubahan(D("15.20"), D("13.60")) == D("-1.60")


def test_weights_of_88_2021_and_seed_scheme_are_valid():
    assert nilai.validasi_bobot(_skema_88()) == []
    assert nilai.validasi_bobot(SEED_004) == []  # no weights stated: nothing to add up


def test_weights_not_summing_to_100_are_reported():
    skema = [Komponen("A", "Perencanaan", D(30)), Komponen("B", "Pengukuran", D(65))]
    assert nilai.validasi_bobot(skema) == ["Jumlah bobot komponen utama 95, seharusnya 100."]


def test_sub_weights_not_summing_to_their_parent_are_reported():
    skema = [
        Komponen("A", "Perencanaan", D(30)),
        Komponen("A.1", "Pemenuhan", D(6), induk="A"),
        Komponen("A.2", "Kualitas", D(9), induk="A"),
        Komponen("A.3", "Pemanfaatan", D(14), induk="A"),
        Komponen("B", "Pengukuran", D(70)),
    ]
    # 6 + 9 + 14 = 29, not 30
    assert nilai.validasi_bobot(skema) == ["Jumlah bobot sub-komponen Perencanaan 29, seharusnya 30."]


def test_scheme_structure_errors_are_reported():
    assert nilai.validasi_bobot([]) == ["Skema harus memiliki paling sedikit satu komponen."]
    mixed = [Komponen("A", "A", D(100)), Komponen("B", "B", None)]
    assert nilai.validasi_bobot(mixed) == [
        "Jumlah bobot komponen utama: bobot harus diisi semua atau dikosongkan semua (kosong: B)."
    ]
    pesan = nilai.validasi_bobot(
        [
            Komponen("A", "A", D(100)),
            Komponen("A", "A lagi", D(0), induk="X"),
            Komponen("C", "C", D(-1), induk="A"),
        ]
    )
    assert "Kode komponen ganda: A." in pesan
    assert "Induk 'X' dari komponen A lagi tidak ada di skema." in pesan
    assert "Bobot C tidak boleh negatif." in pesan


def test_grandchildren_are_refused():
    skema = [
        Komponen("A", "A", D(100)),
        Komponen("A.1", "A1", D(100), induk="A"),
        Komponen("A.1.1", "A11", D(100), induk="A.1"),
    ]
    assert "Sub-komponen A11 hanya boleh satu tingkat di bawah komponen utama." in nilai.validasi_bobot(skema)


@pytest.mark.parametrize(("skor", "ok"), [("0", True), ("30", True), ("30.0001", False), ("-0.01", False)])
def test_score_must_lie_between_zero_and_the_weight(skor, ok):
    komponen = Komponen("A", "Perencanaan Kinerja", D(30))
    if ok:
        nilai.validasi_nilai(komponen, D(skor))
    else:
        with pytest.raises(nilai.NilaiError):
            nilai.validasi_nilai(komponen, D(skor))


def test_score_above_weight_message_is_indonesian():
    with pytest.raises(
        nilai.NilaiError, match=r"Perencanaan Kinerja \(30,5\) melebihi bobot komponen \(30\)"
    ):
        nilai.validasi_nilai(Komponen("A", "Perencanaan Kinerja", D(30)), D("30.5"))


def test_score_without_weight_is_checked_against_100():
    komponen = Komponen("A", "Capaian Kinerja", None)
    nilai.validasi_nilai(komponen, D(100))
    with pytest.raises(nilai.NilaiError):
        nilai.validasi_nilai(komponen, D("100.01"))
    with pytest.raises(nilai.NilaiError):
        nilai.validasi_nilai(komponen, D("NaN"))


def test_component_and_sub_component_scores_must_agree():
    skema = _skema_88()
    skor = {
        "PERENCANAAN": D(25),
        "PERENCANAAN.PEMENUHAN": D(6),
        "PERENCANAAN.KUALITAS": D(9),
        "PERENCANAAN.PEMANFAATAN": D(11),
    }
    # 6 + 9 + 11 = 26, not 25
    assert nilai.validasi_sub_komponen(skema, skor) == [
        "Nilai Perencanaan Kinerja (25) tidak sama dengan jumlah nilai sub-komponennya (26)."
    ]
    skor["PERENCANAAN.PEMANFAATAN"] = D(10)
    assert nilai.validasi_sub_komponen(skema, skor) == []


def test_history_across_schemes_keeps_rows_of_older_schemes():
    skema_12 = [
        Komponen("PERENCANAAN", "Perencanaan Kinerja", D(30)),
        Komponen("PENGUKURAN", "Pengukuran Kinerja", D(25)),
        Komponen("PELAPORAN", "Pelaporan Kinerja", D(15)),
        Komponen("EVALUASI", "Evaluasi Internal", D(10)),
        Komponen("CAPAIAN", "Capaian Kinerja", D(20)),
    ]
    skema_88 = _skema_88()
    tabel = nilai.riwayat(
        {
            2021: (
                skema_12,
                {
                    "PERENCANAAN": D(20),
                    "PENGUKURAN": D(15),
                    "PELAPORAN": D(10),
                    "EVALUASI": D(5),
                    "CAPAIAN": D(10),
                },
            ),
            2022: (
                skema_88,
                {"PERENCANAAN": D(24), "PENGUKURAN": D(20), "PELAPORAN": D(10), "EVALUASI": D(16)},
            ),
        }
    )
    # Rows follow the latest scheme (88/2021), then Capaian Kinerja of 12/2015.
    assert [b.kode for b in tabel.baris] == ["PERENCANAAN", "PENGUKURAN", "PELAPORAN", "EVALUASI", "CAPAIAN"]
    assert tabel.baris[3].nama == "Evaluasi Akuntabilitas Kinerja Internal"
    assert tabel.baris[4].nilai == (D(10), None)
    assert tabel.baris[4].perubahan is None
    # 2021: 20 + 15 + 10 + 5 + 10 = 60 -> CC (60 is not > 60); 2022: 24 + 20 + 10 + 16 = 70 -> B
    assert tabel.total == (D(60), D(70))
    assert [p.kode for p in tabel.predikat if p] == ["CC", "B"]
    assert tabel.perubahan_total == D(10)


def test_history_of_one_year_has_no_change():
    tabel = nilai.riwayat({2023: (SEED_004, _skor(2023))})
    assert tabel.perubahan_total is None
    assert all(b.perubahan is None for b in tabel.baris)


def test_empty_history():
    tabel = nilai.riwayat({})
    assert (tabel.tahun, tabel.baris, tabel.total) == ((), (), ())


@given(st.lists(st.decimals(min_value=0, max_value=20, places=3), min_size=5, max_size=5))
def test_grade_of_a_total_is_the_grade_of_its_printed_value(skor):
    skema = [Komponen(str(i), str(i), D(20)) for i in range(5)]
    hasil = nilai.hitung(skema, {str(i): s for i, s in enumerate(skor)})
    assert hasil.total == sum(skor, D(0))
    assert hasil.predikat == nilai.predikat(bulatkan(hasil.total, 2))
