"""IKM computation (PermenPANRB 14/2017 and KepMenPAN 25/2004), checked against sums done by hand."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.survei import ikm

D = Decimal
P2017 = ikm.Metode.PERMENPANRB_14_2017
P2004 = ikm.Metode.KEPMENPAN_25_2004
EKSAK, BULAT = ikm.Bobot.EKSAK, ikm.Bobot.DIBULATKAN


def rekap(*unsur: tuple[int, int]) -> list[ikm.RekapUnsur]:
    """(Σ scores, number of answers) per unsur, numbered from 1."""
    return [ikm.RekapUnsur(i, f"Unsur {i}", total, n) for i, (total, n) in enumerate(unsur, start=1)]


def test_all_answers_4_give_100_with_exact_weight_but_99_90_with_0_111():
    # NRR = 4 for each of 9 unsur. Exact: 9 × 4 × 1/9 = 4; × 25 = 100.
    # Rounded: 9 × 4 × 0,111 = 3,996; × 25 = 99,90 (the cap the domain reference warns about).
    data = rekap(*[(4, 1)] * 9)
    eksak = ikm.hitung(data, metode=P2017, bobot=EKSAK)
    bulat = ikm.hitung(data, metode=P2017, bobot=BULAT)
    assert eksak.ikm == D(4)
    assert eksak.ikm_unit == D(100)
    assert eksak.kode_mutu == "A"
    assert bulat.ikm == D("3.996")
    assert bulat.ikm_unit == D("99.9")
    assert bulat.ikm_unit_dibulatkan == D("99.90")


def test_seed_004_semester_i_exact_weight_against_0_111():
    # 50 respondents; NRR 3,46 3,40 3,54 3,52 3,54 3,34 3,38 3,44 3,50 → Σ scores 173 170 177 176 177 167 169 172 175.
    # Σ NRR = 31,12.
    # Rounded weight: 31,12 × 0,111 = 3,45432; × 25 = 86,358 (the published IKM) → 86,36, mutu B.
    # Exact weight:  31,12 / 9 = 3,45777…; × 25 = 86,4444… → 86,44, mutu B. The difference is 0,086.
    data = rekap(*[(t, 50) for t in (173, 170, 177, 176, 177, 167, 169, 172, 175)])
    bulat = ikm.hitung(data, metode=P2017, bobot=BULAT)
    eksak = ikm.hitung(data, metode=P2017, bobot=EKSAK)
    assert bulat.ikm == D("3.45432")
    assert bulat.ikm_unit == D("86.358")
    assert bulat.ikm_unit_dibulatkan == D("86.36")
    assert eksak.ikm_unit_dibulatkan == D("86.44")
    assert str(eksak.ikm_unit).startswith("86.44444444")
    assert eksak.ikm_unit - bulat.ikm_unit > D("0.086")
    assert (bulat.kode_mutu, bulat.kinerja, eksak.kode_mutu) == ("B", "Baik", "B")
    assert bulat.nilai_bobot == D("0.111")
    assert str(eksak.nilai_bobot).startswith("0.11111111111")


def test_seed_004_semester_ii_127_respondents():
    # Σ of all scores 3.955 over 127 respondents: Σ NRR = 3.955/127 = 31,14173…
    # × 0,111 × 25 = 86,41831 → 86,42; / 9 × 25 = 86,50481 → 86,50.
    data = rekap(*[(t, 127) for t in (440, 432, 450, 447, 450, 424, 429, 437, 446)])
    bulat = ikm.hitung(data, metode=P2017, bobot=BULAT)
    eksak = ikm.hitung(data, metode=P2017, bobot=EKSAK)
    assert ikm.bulatkan_tepat(Fraction(bulat.ikm_unit), 3) == D("86.418")
    assert bulat.ikm_unit_dibulatkan == D("86.42")
    assert eksak.ikm_unit_dibulatkan == D("86.50")
    assert [u.nomor for u in bulat.terendah] == [6, 7, 2]


def test_unsur_with_fewer_answers_is_averaged_over_its_own_answers():
    # Respondent A answers 3 everywhere; respondent B answers 4 everywhere but leaves unsur 1 blank.
    # NRR U1 = 3 / 1 = 3 (not 3 / 2); NRR U2..U9 = (3 + 4) / 2 = 3,5.
    # Σ NRR = 3 + 8 × 3,5 = 31; IKM = 31 / 9 = 3,4444…; IKM unit = 86,111… → 86,11 (B).
    jawaban = [[3] * 9, [None] + [4] * 8]
    data = ikm.rekap_dari_jawaban(jawaban, metode=P2017)
    assert (data[0].jumlah_nilai, data[0].jumlah_jawaban) == (3, 1)
    assert (data[1].jumlah_nilai, data[1].jumlah_jawaban) == (7, 2)
    hasil = ikm.hitung(data, metode=P2017, bobot=EKSAK)
    assert hasil.unsur[0].nrr == D(3)
    assert hasil.unsur[1].nrr == D("3.5")
    assert hasil.ikm_unit_dibulatkan == D("86.11")
    assert hasil.kode_mutu == "B"


def _unit_tepat(nilai: str) -> list[ikm.RekapUnsur]:
    """Answers whose exact IKM unit (exact weight) is `nilai`.

    IKM unit = Σ NRR × 25 / 9, so Σ NRR = unit × 0,36. Eight unsur share NRR b (the first of 4; 3,5; 3; … that
    fits) and the ninth closes the sum: NRR9 = unit × 0,36 − 8b, written as Σ scores / answers in lowest terms.
    """
    total = Fraction(D(nilai)) * Fraction(9, 25)
    for b in (Fraction(x, 2) for x in range(8, 1, -1)):
        nrr9 = total - 8 * b
        if 1 <= nrr9 <= 4:
            return rekap(*[(b.numerator, b.denominator)] * 8, (nrr9.numerator, nrr9.denominator))
    raise AssertionError(nilai)


@pytest.mark.parametrize(
    ("unit", "mutu", "kinerja"),
    [
        ("100", "A", "Sangat Baik"),
        # 88,31: Σ NRR = 31,7916 = 8 × 3,5 + 3,7916 → NRR9 = 9479/2500.
        ("88.31", "A", "Sangat Baik"),
        ("88.305", "A", "Sangat Baik"),  # rounds half-up to 88,31 before classifying
        ("88.3049", "B", "Baik"),
        # 88,30: Σ NRR = 31,788 = 8 × 3,5 + 3,788 → NRR9 = 947/250.
        ("88.30", "B", "Baik"),
        # 76,61: Σ NRR = 27,5796 = 8 × 3 + 3,5796 → NRR9 = 8949/2500.
        ("76.61", "B", "Baik"),
        ("76.605", "B", "Baik"),  # 76,605 rounds half-up to 76,61
        ("76.6049", "C", "Kurang Baik"),
        # 76,60: Σ NRR = 27,576 = 8 × 3 + 3,576 → NRR9 = 447/125 (125 answers summing to 447).
        ("76.60", "C", "Kurang Baik"),
        ("65.00", "C", "Kurang Baik"),
        ("64.995", "C", "Kurang Baik"),
        ("64.99", "D", "Tidak Baik"),
        ("25", "D", "Tidak Baik"),
    ],
)
def test_mutu_boundaries(unit, mutu, kinerja):
    hasil = ikm.hitung(_unit_tepat(unit), metode=P2017, bobot=EKSAK)
    assert hasil.ikm_unit == D(unit)
    assert (hasil.kode_mutu, hasil.kinerja) == (mutu, kinerja)


def test_the_76_60_case_is_447_over_125():
    data = _unit_tepat("76.60")
    assert (data[0].jumlah_nilai, data[0].jumlah_jawaban) == (3, 1)
    assert (data[8].jumlah_nilai, data[8].jumlah_jawaban) == (447, 125)


def test_mutu_boundaries_apply_to_the_rounded_weight_too():
    # With 0,111: IKM unit = Σ NRR × 2,775. Σ NRR = 27,6 → 76,59 (C); Σ NRR = 27,61 → 76,61775 → 76,62 (B).
    # Eight unsur at NRR 3 (24) and NRR9 = 3,6 or 3,61.
    c = ikm.hitung(rekap(*[(3, 1)] * 8, (18, 5)), metode=P2017, bobot=BULAT)
    b = ikm.hitung(rekap(*[(3, 1)] * 8, (361, 100)), metode=P2017, bobot=BULAT)
    assert (c.ikm_unit, c.kode_mutu) == (D("76.59"), "C")
    assert (b.ikm_unit_dibulatkan, b.kode_mutu) == (D("76.62"), "B")


def test_lowest_three_unsur_break_ties_by_number():
    # NRR: U1 3, U2 2, U3 3, U4 2, U5..U9 4 → lowest U2, U4 (both 2), then U1 (3, before U3).
    data = rekap((3, 1), (2, 1), (3, 1), (2, 1), *[(4, 1)] * 5)
    hasil = ikm.hitung(data, metode=P2017, bobot=EKSAK)
    assert [u.nomor for u in hasil.terendah] == [2, 4, 1]


def test_unsur_without_answers_leaves_ikm_uncomputed():
    data = rekap(*[(3, 1)] * 8, (0, 0))
    hasil = ikm.hitung(data, metode=P2017, bobot=EKSAK)
    assert not hasil.ada
    assert hasil.ikm is None
    assert hasil.mutu is None
    assert hasil.unsur_kosong == (9,)
    assert hasil.unsur[8].nrr is None
    assert len(hasil.terendah) == 3


def test_no_answers_at_all():
    hasil = ikm.hitung(rekap(*[(0, 0)] * 9), metode=P2017, bobot=EKSAK)
    assert not hasil.ada
    assert hasil.terendah == ()
    assert hasil.unsur_kosong == tuple(range(1, 10))


def test_legacy_14_unsur_all_3_is_75_and_b():
    # Exact: 14 × 3 / 14 = 3,00 → B (2,51–3,25); × 25 = 75.
    # Rounded: 14 × 3 × 0,071 = 2,982 → B; × 25 = 74,55.
    data = rekap(*[(3, 1)] * 14)
    eksak = ikm.hitung(data, metode=P2004, bobot=EKSAK)
    bulat = ikm.hitung(data, metode=P2004, bobot=BULAT)
    assert (eksak.ikm, eksak.ikm_unit, eksak.kode_mutu) == (D(3), D(75), "B")
    assert (bulat.ikm, bulat.ikm_unit, bulat.kode_mutu) == (D("2.982"), D("74.55"), "B")


def test_legacy_all_4_is_capped_at_99_40_with_0_071():
    data = rekap(*[(4, 1)] * 14)
    assert ikm.hitung(data, metode=P2004, bobot=BULAT).ikm_unit == D("99.4")  # 56 × 0,071 × 25
    assert ikm.hitung(data, metode=P2004, bobot=EKSAK).ikm_unit == D(100)


@pytest.mark.parametrize(
    ("indeks", "mutu"),
    [
        ("3.26", "A"),
        ("3.25", "B"),
        ("2.51", "B"),
        ("2.50", "C"),
        ("1.76", "C"),
        ("1.75", "D"),
        ("3.255", "A"),  # 3,255 → 3,26
        ("1.00", "D"),
    ],
)
def test_legacy_bands_on_the_1_to_4_index(indeks, mutu):
    # Thirteen unsur at NRR 3 (39) and NRR14 = 14 × indeks − 39 ... only when that lies in 1–4;
    # otherwise all fourteen unsur share the same NRR (= the index).
    target = Fraction(D(indeks))
    nrr14 = target * 14 - 39
    if 1 <= nrr14 <= 4:
        data = rekap(*[(3, 1)] * 13, (nrr14.numerator, nrr14.denominator))
    else:
        data = rekap(*[(target.numerator, target.denominator)] * 14)
    hasil = ikm.hitung(data, metode=P2004, bobot=EKSAK)
    assert hasil.ikm == D(indeks)
    assert hasil.kode_mutu == mutu


def test_wrong_number_of_unsur_is_refused():
    with pytest.raises(ikm.IKMError, match="unsur 1 sampai 9"):
        ikm.hitung(rekap(*[(3, 1)] * 8), metode=P2017, bobot=EKSAK)


def test_impossible_totals_are_refused():
    with pytest.raises(ikm.IKMError, match="tidak mungkin"):
        ikm.hitung(rekap(*[(3, 1)] * 8, (9, 2)), metode=P2017, bobot=EKSAK)  # 2 answers cannot sum to 9


@pytest.mark.parametrize("nilai", [0, 5, True, 2.5])
def test_answers_outside_1_to_4_are_refused(nilai):
    with pytest.raises(ikm.IKMError, match="nilai harus 1–4"):
        ikm.rekap_dari_jawaban([[3] * 8 + [nilai]], metode=P2017)


def test_answer_rows_of_the_wrong_length_are_refused():
    with pytest.raises(ikm.IKMError, match="harus ada 9 isian"):
        ikm.rekap_dari_jawaban([[3] * 14], metode=P2017)


@pytest.mark.parametrize(
    ("nilai", "hasil"),
    [
        (Fraction(88305, 1000), D("88.31")),
        (Fraction(7660499999, 10**8), D("76.60")),
        (Fraction(778, 9), D("86.44")),  # 86,444…
        (Fraction(-1, 200), D("-0.01")),
        (Fraction(0), D("0.00")),
    ],
)
def test_exact_half_up_rounding(nilai, hasil):
    assert ikm.bulatkan_tepat(nilai) == hasil


@given(
    st.lists(
        st.lists(st.one_of(st.none(), st.integers(1, 4)), min_size=9, max_size=9), min_size=1, max_size=30
    )
)
def test_ikm_unit_stays_within_25_and_100_and_exact_weight_is_never_below_rounded(jawaban):
    data = ikm.rekap_dari_jawaban(jawaban, metode=P2017)
    eksak = ikm.hitung(data, metode=P2017, bobot=EKSAK)
    bulat = ikm.hitung(data, metode=P2017, bobot=BULAT)
    if eksak.ada:
        assert D(25) <= eksak.ikm_unit <= D(100)
        assert eksak.ikm_unit > bulat.ikm_unit
        assert eksak.mutu is not None
    else:
        assert eksak.unsur_kosong
