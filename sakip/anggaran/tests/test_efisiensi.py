from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.anggaran import efisiensi, serapan
from sakip.anggaran.efisiensi import MetodeEfisiensi
from sakip.lib import angka

SELISIH = MetodeEfisiensi.SELISIH
PENGHEMATAN = MetodeEfisiensi.PENGHEMATAN
INDEKS = MetodeEfisiensi.INDEKS


def test_seed_004_sasaran_1_selisih_uses_the_weighted_penyerapan() -> None:
    # Penyerapan 192.687.497.546 / 202.978.570.206 × 100 = 94,92997... (see test_serapan);
    # 100 − 94,92997... = 5,07002... -> 5,07. Table 3.16 prints 10,93 because it subtracts the unweighted
    # mean 89,07 instead.
    hasil = efisiensi.hitung(
        metode=SELISIH, capaian=D(100), pagu=D("202978570206"), realisasi=D("192687497546")
    )
    assert hasil.nilai is not None
    assert angka.bulatkan(hasil.nilai) == D("5.07")
    assert hasil.efisien is True
    assert hasil.metode is SELISIH
    assert hasil.keterangan.startswith("Tingkat efisiensi = capaian kinerja (%) − penyerapan anggaran (%)")


@pytest.mark.parametrize(
    ("metode", "capaian", "pagu", "realisasi", "nilai", "efisien"),
    [
        # SELISIH: capaian − realisasi / pagu × 100.
        (SELISIH, D(110), D(1000), D(900), D(20), True),  # 110 − 90
        (SELISIH, D(90), D(1000), D(900), D(0), False),  # 90 − 90: equal is not more efficient
        (SELISIH, D(80), D(1000), D(900), D(-10), False),  # 80 − 90
        (SELISIH, D("116.86"), D(1000), D("974.3"), D("19.43"), True),  # 116,86 − 97,43
        # PENGHEMATAN: (pagu − realisasi) / pagu × 100 when capaian ≥ 100.
        (PENGHEMATAN, D(100), D(1000), D(900), D(10), True),  # 100 / 1000 × 100
        (PENGHEMATAN, D(125), D(800), D(600), D(25), True),  # 200 / 800 × 100
        (PENGHEMATAN, D(120), D(1000), D(1000), D(0), False),  # nothing saved
        (PENGHEMATAN, D(100), D(1000), D(1100), D(-10), False),  # overspent: −100 / 1000 × 100
        (PENGHEMATAN, D("99.99"), D(1000), D(500), D(0), False),  # target missed: savings not counted
        # INDEKS: IE = capaian / penyerapan.
        (INDEKS, D(110), D(1000), D(880), D("1.25"), True),  # 110 / 88
        (INDEKS, D(90), D(1000), D(900), D(1), True),  # 90 / 90 = 1: the boundary is efficient
        (INDEKS, D(45), D(1000), D(900), D("0.5"), False),  # 45 / 90
        (INDEKS, D(0), D(1000), D(900), D(0), False),  # 0 / 90
    ],
)
def test_each_method_gives_the_hand_computed_value(
    metode: MetodeEfisiensi, capaian: D, pagu: D, realisasi: D, nilai: D, efisien: bool
) -> None:
    hasil = efisiensi.hitung(metode=metode, capaian=capaian, pagu=pagu, realisasi=realisasi)
    assert hasil == efisiensi.HasilEfisiensi(nilai, metode, efisien, hasil.keterangan)
    assert hasil.keterangan


def test_index_just_below_one_is_not_efficient() -> None:
    # 89,99 / 90 = 0,99988... < 1.
    hasil = efisiensi.hitung(metode=INDEKS, capaian=D("89.99"), pagu=D(1000), realisasi=D(900))
    assert hasil.nilai is not None
    assert hasil.nilai < 1
    assert hasil.efisien is False


def test_penghematan_on_a_missed_target_explains_why_it_is_zero() -> None:
    hasil = efisiensi.hitung(metode=PENGHEMATAN, capaian=D(95), pagu=D(1000), realisasi=D(500))
    assert (hasil.nilai, hasil.efisien) == (D(0), False)
    assert "target kinerja belum tercapai" in hasil.keterangan
    assert hasil.keterangan.startswith("Tingkat efisiensi = (pagu − realisasi) / pagu × 100")


@pytest.mark.parametrize("metode", list(MetodeEfisiensi))
def test_missing_capaian_gives_no_value_and_says_why(metode: MetodeEfisiensi) -> None:
    hasil = efisiensi.hitung(metode=metode, capaian=None, pagu=D(1000), realisasi=D(900))
    assert (hasil.nilai, hasil.efisien) == (None, None)
    assert "capaian kinerja belum ada" in hasil.keterangan


@pytest.mark.parametrize("metode", list(MetodeEfisiensi))
def test_zero_pagu_gives_no_value_and_says_why(metode: MetodeEfisiensi) -> None:
    hasil = efisiensi.hitung(metode=metode, capaian=D(100), pagu=D(0), realisasi=D(0))
    assert (hasil.nilai, hasil.efisien) == (None, None)
    assert "pagu anggaran bernilai 0" in hasil.keterangan


def test_index_with_nothing_spent_gives_no_value() -> None:
    # capaian / 0 % is undefined, not "infinitely efficient".
    hasil = efisiensi.hitung(metode=INDEKS, capaian=D(100), pagu=D(1000), realisasi=D(0))
    assert (hasil.nilai, hasil.efisien) == (None, None)
    assert "penyerapan 0%" in hasil.keterangan


@pytest.mark.parametrize(
    ("metode", "awal"),
    [
        (SELISIH, "Tingkat efisiensi = capaian kinerja (%) − penyerapan anggaran (%)"),
        (PENGHEMATAN, "Tingkat efisiensi = (pagu − realisasi) / pagu × 100"),
        (INDEKS, "IE = capaian kinerja (%) / penyerapan anggaran (%)"),
    ],
)
def test_keterangan_states_the_method(metode: MetodeEfisiensi, awal: str) -> None:
    hasil = efisiensi.hitung(metode=metode, capaian=D(100), pagu=D(1000), realisasi=D(900))
    assert hasil.keterangan.startswith(awal)


def test_every_method_has_a_printable_name() -> None:
    assert set(efisiensi.NAMA_METODE) == set(MetodeEfisiensi)
    assert "capaian kinerja (%) − penyerapan anggaran (%)" in efisiensi.NAMA_METODE[SELISIH]
    assert "capaian ≥ 100%" in efisiensi.NAMA_METODE[PENGHEMATAN]
    assert "IE ≥ 1" in efisiensi.NAMA_METODE[INDEKS]


def test_method_may_be_given_as_its_stored_value() -> None:
    hasil = efisiensi.hitung(metode="indeks", capaian=D(90), pagu=D(1000), realisasi=D(900))  # type: ignore[arg-type]
    assert hasil.metode is INDEKS
    assert hasil.nilai == 1  # 90 / 90


def test_unknown_method_raises_anggaran_error_in_indonesian() -> None:
    with pytest.raises(serapan.AnggaranError, match="Metode efisiensi 'rasio' tidak dikenal"):
        efisiensi.hitung(metode="rasio", capaian=D(90), pagu=D(1000), realisasi=D(900))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("capaian", "pagu", "realisasi", "pesan"),
    [
        (D(100), D(-1), D(0), "Pagu tidak boleh negatif"),
        (D(100), D(1000), D(-5), "Realisasi tidak boleh negatif"),
        (100.0, D(1000), D(900), "Capaian harus berupa angka Decimal"),
        (D("NaN"), D(1000), D(900), "Capaian harus berupa angka Decimal"),
    ],
)
def test_invalid_input_raises_anggaran_error(capaian: D, pagu: D, realisasi: D, pesan: str) -> None:
    with pytest.raises(serapan.AnggaranError, match=pesan):
        efisiensi.hitung(metode=SELISIH, capaian=capaian, pagu=pagu, realisasi=realisasi)


# --- properties --------------------------------------------------------------------------------------------

_PERSEN = st.decimals(min_value=0, max_value=200, places=2)
_UANG = st.decimals(min_value=0, max_value=D("1e13"), places=2)


@given(st.sampled_from(list(MetodeEfisiensi)), st.one_of(st.none(), _PERSEN), _UANG, _UANG)
def test_value_and_verdict_are_consistent(
    metode: MetodeEfisiensi, capaian: D | None, pagu: D, realisasi: D
) -> None:
    hasil = efisiensi.hitung(metode=metode, capaian=capaian, pagu=pagu, realisasi=realisasi)
    assert hasil.metode is metode
    assert hasil.keterangan
    if hasil.nilai is None:
        assert hasil.efisien is None
        assert capaian is None or pagu == 0 or (metode is INDEKS and realisasi == 0)
        return
    batas = 1 if metode is INDEKS else 0
    assert hasil.efisien == (hasil.nilai >= batas if metode is INDEKS else hasil.nilai > batas)
    if metode is PENGHEMATAN and capaian is not None and capaian < 100:
        assert hasil.nilai == 0


@given(_PERSEN, _UANG.filter(lambda d: d > 0), _UANG)
def test_selisih_plus_penyerapan_gives_back_capaian(capaian: D, pagu: D, realisasi: D) -> None:
    hasil = efisiensi.hitung(metode=SELISIH, capaian=capaian, pagu=pagu, realisasi=realisasi)
    persen = serapan.penyerapan(pagu=pagu, realisasi=realisasi)
    assert hasil.nilai is not None
    assert persen is not None
    # Displayed to 2 decimals, capaian = selisih + penyerapan holds exactly.
    assert angka.bulatkan(hasil.nilai + persen) == angka.bulatkan(capaian)
