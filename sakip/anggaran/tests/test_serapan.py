from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.anggaran import serapan
from sakip.anggaran.serapan import PosAnggaran, Tingkat
from sakip.lib import angka

# Seed 004 (LKjIP 2024 Setda Prov. Kaltim), table 2.5: the three programs of sasaran 1.
# The program codes are illustrative; the amounts are the seed's.
KESRA = PosAnggaran("4.01.07", D("187715133600"), D("179432736999"))
POD = PosAnggaran("4.01.03", D("10741327106"), D("9487940821"))
HUKUM = PosAnggaran("4.01.04", D("4522109500"), D("3766819726"))

# --- penyerapan --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pagu", "realisasi", "persen"),
    [
        (D(100), D(50), D(50)),  # 50 / 100 × 100
        (D(200), D(0), D(0)),  # nothing spent is 0 %, unlike no pagu
        (D(80), D(100), D(125)),  # overspending shows above 100: 100 / 80 × 100
        (D("1000.50"), D("1000.50"), D(100)),
        (D(8), D(1), D("12.5")),  # 1 / 8 × 100
    ],
)
def test_penyerapan_is_realisasi_over_pagu_times_100(pagu: D, realisasi: D, persen: D) -> None:
    assert serapan.penyerapan(pagu=pagu, realisasi=realisasi) == persen


@pytest.mark.parametrize("realisasi", [D(0), D(5)])
def test_penyerapan_without_pagu_is_none(realisasi: D) -> None:
    assert serapan.penyerapan(pagu=D(0), realisasi=realisasi) is None


def test_penyerapan_keeps_full_precision() -> None:
    # 1 / 3 × 100 = 33,333...: at least 28 significant digits, rounding is left to display.
    hasil = serapan.penyerapan(pagu=D(3), realisasi=D(1))
    assert hasil is not None
    assert str(hasil).startswith("33." + "3" * 26)


@pytest.mark.parametrize(
    ("pos", "persen"),
    [
        # 179.432.736.999 / 187.715.133.600: 187.715.133.600 × 0,9559 = 179.436.906.208,24, which is
        # 4.169.209,24 too much; 4.169.209,24 / 187.715.133.600 ≈ 0,0000222 -> 0,9558778 -> 95,59.
        (KESRA, D("95.59")),
        # 9.487.940.821 / 10.741.327.106: × 0,8833 = 9.487.824.232,73, short by 116.588,27;
        # 116.588,27 / 10.741.327.106 ≈ 0,0000109 -> 0,8833109 -> 88,33.
        (POD, D("88.33")),
        # 3.766.819.726 / 4.522.109.500: × 0,833 = 3.766.917.213,5, 97.487,5 too much;
        # 97.487,5 / 4.522.109.500 ≈ 0,0000216 -> 0,8329784 -> 83,30.
        (HUKUM, D("83.30")),
    ],
)
def test_program_penyerapan_matches_seed_004(pos: PosAnggaran, persen: D) -> None:
    hasil = serapan.penyerapan(pagu=pos.pagu, realisasi=pos.realisasi)
    assert hasil is not None
    assert angka.bulatkan(hasil) == persen


# --- total -------------------------------------------------------------------------------------------------


def test_sasaran_1_total_is_the_money_weighted_absorption_of_seed_004() -> None:
    jumlah = serapan.total([KESRA, POD, HUKUM])
    # 187.715.133.600 + 10.741.327.106 = 198.456.460.706; + 4.522.109.500 = 202.978.570.206
    assert jumlah.pagu == D("202978570206")
    # 179.432.736.999 + 9.487.940.821 = 188.920.677.820; + 3.766.819.726 = 192.687.497.546
    assert jumlah.realisasi == D("192687497546")
    # 202.978.570.206 − 192.687.497.546 = 10.291.072.660
    assert jumlah.sisa == D("10291072660")
    # 192.687.497.546 / 202.978.570.206: × 0,9493 = 192.687.556.696,56, 59.150,56 too much;
    # 59.150,56 / 202.978.570.206 ≈ 0,000000291 -> 0,949299709 -> 94,93 (seed table 2.5: 94,93).
    assert jumlah.penyerapan is not None
    assert angka.bulatkan(jumlah.penyerapan) == D("94.93")


def test_unweighted_mean_of_program_percentages_is_a_different_figure() -> None:
    # Seed 004 table 3.16 prints 89,07 for sasaran 1: (95,59 + 88,33 + 83,30) / 3 = 267,22 / 3 = 89,0733...
    rata_rata = serapan.rata_rata_tidak_tertimbang([D("95.59"), D("88.33"), D("83.30")])
    assert rata_rata is not None
    assert angka.bulatkan(rata_rata) == D("89.07")
    # ...while the weighted penyerapan of the same programs is 94,93: the two methods differ.
    tertimbang = serapan.total([KESRA, POD, HUKUM]).penyerapan
    assert tertimbang is not None
    assert angka.bulatkan(tertimbang) != angka.bulatkan(rata_rata)


def test_sasaran_2_weighted_and_unweighted_figures_of_seed_004() -> None:
    program = [
        PosAnggaran("4.01.05", D("13608567808"), D("6037739791")),
        PosAnggaran("4.01.08", D("8603122350"), D("6976479090")),
        PosAnggaran("4.01.06", D("9196867400"), D("8437070120")),
    ]
    jumlah = serapan.total(program)
    # 13.608.567.808 + 8.603.122.350 + 9.196.867.400 = 31.408.557.558
    # 6.037.739.791 + 6.976.479.090 + 8.437.070.120 = 21.451.289.001
    assert (jumlah.pagu, jumlah.realisasi) == (D("31408557558"), D("21451289001"))
    # 21.451.289.001 / 31.408.557.558: × 0,683 = 21.452.044.812,1, 755.811,1 too much;
    # 755.811,1 / 31.408.557.558 ≈ 0,0000241 -> 0,6829759 -> 68,30 (table 2.5: 68,30).
    assert jumlah.penyerapan is not None
    assert angka.bulatkan(jumlah.penyerapan) == D("68.30")
    # Table 3.16 prints 72,40 = (44,37 + 81,09 + 91,74) / 3 = 217,20 / 3.
    assert serapan.rata_rata_tidak_tertimbang([D("44.37"), D("81.09"), D("91.74")]) == D("72.40")


def test_unweighted_mean_rounds_half_up_where_seed_004_truncated() -> None:
    # Sasaran 3: (70,65 + 93,92) / 2 = 164,57 / 2 = 82,285 -> 82,29 half-up; table 3.16 prints 82,28.
    rata_rata = serapan.rata_rata_tidak_tertimbang([D("70.65"), D("93.92")])
    assert rata_rata == D("82.285")
    assert angka.format_persen(rata_rata) == "82,29"


def test_sasaran_4_penyerapan_of_seed_004() -> None:
    jumlah = serapan.total([PosAnggaran("4.01.01", D("28939960180"), D("28195662687"))])
    # 28.195.662.687 / 28.939.960.180: × 0,9743 = 28.196.213.203,37, 550.516,37 too much;
    # 550.516,37 / 28.939.960.180 ≈ 0,000019 -> 0,974281 -> 97,43.
    assert jumlah.penyerapan is not None
    assert angka.bulatkan(jumlah.penyerapan) == D("97.43")


def test_total_of_nothing_is_zero_with_no_penyerapan() -> None:
    jumlah = serapan.total([])
    assert (jumlah.pagu, jumlah.realisasi, jumlah.sisa) == (D(0), D(0), D(0))
    assert jumlah.penyerapan is None


def test_total_accepts_any_iterable() -> None:
    jumlah = serapan.total(p for p in [KESRA, POD])
    assert jumlah.pagu == D("198456460706")  # 187.715.133.600 + 10.741.327.106


def test_sisa_is_negative_when_spending_exceeds_pagu() -> None:
    assert serapan.TotalAnggaran(pagu=D(100), realisasi=D(120)).sisa == D(-20)


# --- rata-rata tidak tertimbang ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persen", "hasil"),
    [
        ([], None),
        ([None, None], None),
        ([D(90), None, D(80)], D(85)),  # None (no pagu) is left out: (90 + 80) / 2
        ([D(100)], D(100)),
        ([D(10), D(20), D(45)], D(25)),  # 75 / 3
    ],
)
def test_unweighted_mean_ignores_missing_percentages(persen: list[D | None], hasil: D | None) -> None:
    assert serapan.rata_rata_tidak_tertimbang(persen) == hasil


def test_unweighted_mean_rejects_float() -> None:
    with pytest.raises(serapan.AnggaranError):
        serapan.rata_rata_tidak_tertimbang([D(1), 2.5])  # type: ignore[list-item]


# --- kode ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kode", "tingkat", "induk"),
    [
        ("4.01.02.2.01.0001", Tingkat.PROGRAM, "4.01.02"),
        ("4.01.02.2.01.0001", Tingkat.KEGIATAN, "4.01.02.2.01"),
        ("4.01.02.2.01.0001", Tingkat.SUB_KEGIATAN, "4.01.02.2.01.0001"),
        ("4.01.02.2.01", Tingkat.PROGRAM, "4.01.02"),
        ("4.01.02.2.01", Tingkat.KEGIATAN, "4.01.02.2.01"),
        ("4.01.02", Tingkat.PROGRAM, "4.01.02"),
        ("4.01.02.2.01.0001", "program", "4.01.02"),  # the enum's value works as well
    ],
)
def test_kode_induk_takes_the_permendagri_90_prefix(kode: str, tingkat: Tingkat, induk: str) -> None:
    assert serapan.kode_induk(kode, tingkat) == induk


@pytest.mark.parametrize(
    "kode",
    [
        "",
        "4",
        "4.01",
        "4.1.02",
        "4.01.02.2",
        "4.01.02.2.01.001",
        "4.01.02.2.01.00001",
        "4.01.02.2.01.0001.5",
        "a.01.02",
        "X.XX.01",
        " 4.01.02",
        "4..01.02",
        "4,01,02",
        "4.01.0\u0662",  # a non-ASCII digit
    ],
)
def test_malformed_kode_raises_anggaran_error(kode: str) -> None:
    with pytest.raises(serapan.AnggaranError) as info:
        serapan.kode_induk(kode, Tingkat.PROGRAM)
    assert f"Kode anggaran '{kode}' tidak sesuai format Permendagri 90/2019" in str(info.value)


@pytest.mark.parametrize(
    ("kode", "tingkat"),
    [
        ("4.01.02", Tingkat.KEGIATAN),
        ("4.01.02", Tingkat.SUB_KEGIATAN),
        ("4.01.02.2.01", Tingkat.SUB_KEGIATAN),
    ],
)
def test_kode_induk_deeper_than_the_code_raises_anggaran_error(kode: str, tingkat: Tingkat) -> None:
    with pytest.raises(serapan.AnggaranError, match="kurang rinci"):
        serapan.kode_induk(kode, tingkat)


def test_unknown_tingkat_raises_anggaran_error_in_indonesian() -> None:
    with pytest.raises(serapan.AnggaranError, match="Tingkat 'sasaran' tidak dikenal"):
        serapan.kode_induk("4.01.02", "sasaran")  # type: ignore[arg-type]


# --- rollup ------------------------------------------------------------------------------------------------

SUB_KEGIATAN = [
    PosAnggaran("4.01.02.2.01.0002", D("300"), D("250")),
    PosAnggaran("4.01.02.2.01.0001", D("100"), D("90")),
    PosAnggaran("4.01.02.2.02.0001", D("200"), D("200")),
    PosAnggaran("4.01.03.2.01.0001", D("50"), D("0")),
]


def test_rollup_to_kegiatan_sums_sub_kegiatan_by_code_prefix() -> None:
    hasil = serapan.rollup(SUB_KEGIATAN, Tingkat.KEGIATAN)
    assert hasil == {
        "4.01.02.2.01": serapan.TotalAnggaran(pagu=D(400), realisasi=D(340)),  # 300 + 100, 250 + 90
        "4.01.02.2.02": serapan.TotalAnggaran(pagu=D(200), realisasi=D(200)),
        "4.01.03.2.01": serapan.TotalAnggaran(pagu=D(50), realisasi=D(0)),
    }
    assert list(hasil) == sorted(hasil)


def test_rollup_to_program_is_money_weighted() -> None:
    hasil = serapan.rollup(SUB_KEGIATAN, Tingkat.PROGRAM)
    # 4.01.02: pagu 300 + 100 + 200 = 600, realisasi 250 + 90 + 200 = 540 -> 540 / 600 × 100 = 90.
    assert hasil["4.01.02"] == serapan.TotalAnggaran(pagu=D(600), realisasi=D(540))
    assert hasil["4.01.02"].penyerapan == D(90)
    # The unweighted mean of its kegiatan (85 and 100) would be 92,5: not the same figure.
    assert hasil["4.01.03"].penyerapan == D(0)


def test_rollup_at_sub_kegiatan_keeps_each_line() -> None:
    hasil = serapan.rollup(SUB_KEGIATAN, Tingkat.SUB_KEGIATAN)
    assert hasil["4.01.02.2.01.0002"] == serapan.TotalAnggaran(pagu=D(300), realisasi=D(250))
    assert len(hasil) == 4


def test_rollup_of_program_lines_to_kegiatan_raises_anggaran_error() -> None:
    with pytest.raises(serapan.AnggaranError):
        serapan.rollup([KESRA], Tingkat.KEGIATAN)


# --- validation --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pagu", "realisasi", "pesan"),
    [
        (D(-1), D(0), "Pagu tidak boleh negatif: -1"),
        (D(1), D("-0.01"), "Realisasi tidak boleh negatif: -0.01"),
        (1.5, D(0), "Pagu harus berupa angka Decimal, bukan float"),
        (D(1), "100", "Realisasi harus berupa angka Decimal, bukan str"),
        (D("NaN"), D(0), "Pagu bukan angka yang valid"),
        (D("Infinity"), D(0), "Pagu bukan angka yang valid"),
    ],
)
def test_invalid_amounts_raise_anggaran_error_everywhere(pagu: D, realisasi: D, pesan: str) -> None:
    for buat in (
        lambda: serapan.penyerapan(pagu=pagu, realisasi=realisasi),
        lambda: PosAnggaran("4.01.02", pagu, realisasi),
        lambda: serapan.TotalAnggaran(pagu=pagu, realisasi=realisasi),
    ):
        with pytest.raises(serapan.AnggaranError) as info:
            buat()
        assert pesan in str(info.value)


def test_pos_anggaran_with_malformed_kode_raises_anggaran_error() -> None:
    with pytest.raises(serapan.AnggaranError, match="Permendagri 90/2019"):
        PosAnggaran("4.01.2", D(1), D(1))


def test_int_amounts_are_accepted_as_exact_decimals() -> None:
    pos = PosAnggaran("4.01.02", 1000, 250)  # type: ignore[arg-type]
    assert isinstance(pos.pagu, D)
    assert serapan.total([pos]).penyerapan == D(25)  # 250 / 1000 × 100


def test_anggaran_error_is_a_value_error() -> None:
    assert issubclass(serapan.AnggaranError, ValueError)


# --- properties --------------------------------------------------------------------------------------------

_UANG = st.decimals(min_value=0, max_value=D("1e13"), places=2, allow_nan=False, allow_infinity=False)
_KODE = st.builds(
    lambda p, k, s: f"4.01.{p:02d}.2.{k:02d}.{s:04d}",
    st.integers(1, 3),
    st.integers(1, 3),
    st.integers(1, 3),
)
_POS = st.builds(PosAnggaran, _KODE, _UANG, _UANG)


@given(st.lists(_POS, max_size=30).flatmap(lambda pos: st.tuples(st.just(pos), st.permutations(pos))))
def test_total_does_not_depend_on_order_and_equals_the_sum_of_parts(
    pasangan: tuple[list[PosAnggaran], list[PosAnggaran]],
) -> None:
    pos, diacak = pasangan
    jumlah = serapan.total(pos)
    assert serapan.total(diacak) == jumlah
    assert jumlah.pagu == sum((p.pagu for p in pos), D(0))
    assert jumlah.realisasi == sum((p.realisasi for p in pos), D(0))


@given(st.lists(_POS, max_size=30), st.sampled_from(list(Tingkat)))
def test_rollup_parts_add_up_to_the_total(pos: list[PosAnggaran], tingkat: Tingkat) -> None:
    bagian = serapan.rollup(pos, tingkat)
    keseluruhan = serapan.total(pos)
    assert sum((t.pagu for t in bagian.values()), D(0)) == keseluruhan.pagu
    assert sum((t.realisasi for t in bagian.values()), D(0)) == keseluruhan.realisasi


@given(_UANG, _UANG)
def test_penyerapan_is_between_0_and_100_when_spending_stays_within_pagu(a: D, b: D) -> None:
    pagu, realisasi = max(a, b), min(a, b)
    hasil = serapan.penyerapan(pagu=pagu, realisasi=realisasi)
    if pagu == 0:
        assert hasil is None
    else:
        assert hasil is not None
        assert 0 <= hasil <= 100
