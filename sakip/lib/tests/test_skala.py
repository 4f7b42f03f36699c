from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.lib import skala
from sakip.lib.skala import Pita, Skala, SkalaError


def _pita(label: str, bawah: str | None, bawah_inklusif: bool, atas: str | None, atas_inklusif: bool) -> Pita:
    return Pita(
        label=label,
        warna="#000000",
        bawah=None if bawah is None else Decimal(bawah),
        bawah_inklusif=bawah_inklusif,
        atas=None if atas is None else Decimal(atas),
        atas_inklusif=atas_inklusif,
    )


SEMUA_SKALA = [
    skala.LKJIP_KALTIM,
    skala.LKJIP_LIMA_PITA,
    skala.LAMPU_LALU_LINTAS,
    skala.PREDIKAT_AKIP,
    skala.MUTU_IKM,
]


@pytest.mark.parametrize(
    ("nilai", "label"),
    [
        ("1000", "Memuaskan"),
        ("100.01", "Memuaskan"),
        ("100", "Sangat Baik"),
        ("100.004", "Sangat Baik"),  # rounds half-up to 100.00
        ("100.005", "Memuaskan"),  # rounds half-up to 100.01
        ("85", "Sangat Baik"),
        ("84.995", "Sangat Baik"),  # rounds to 85.00
        ("84.99", "Baik"),
        ("70", "Baik"),
        ("69.99", "Cukup"),
        ("55", "Cukup"),
        ("54.99", "Kurang Baik"),
        ("0", "Kurang Baik"),
        ("-20", "Kurang Baik"),
    ],
)
def test_lkjip_kaltim_boundaries(nilai: str, label: str) -> None:
    assert skala.LKJIP_KALTIM.klasifikasi(Decimal(nilai)).label == label


@pytest.mark.parametrize(
    ("nilai", "kode"),
    [
        ("91", "ST"),
        ("90.99", "T"),
        ("90.5", "T"),  # in the published gap between 90 and 91
        ("90", "T"),
        ("76", "T"),
        ("75.99", "S"),
        ("75.5", "S"),
        ("66", "S"),
        ("65.99", "R"),
        ("51", "R"),
        ("50.5", "R"),  # in the published gap between 50 and 51
        ("50.01", "R"),
        ("50.004", "SR"),  # rounds to 50.00
        ("50", "SR"),
        ("0", "SR"),
    ],
)
def test_five_band_scale_boundaries_with_gaps_closed(nilai: str, kode: str) -> None:
    assert skala.LKJIP_LIMA_PITA.klasifikasi(Decimal(nilai)).kode == kode


@pytest.mark.parametrize(
    ("nilai", "label"),
    [("90.01", "Hijau"), ("90", "Kuning"), ("70", "Kuning"), ("69.99", "Merah"), ("-1", "Merah")],
)
def test_traffic_light_boundaries(nilai: str, label: str) -> None:
    assert skala.LAMPU_LALU_LINTAS.klasifikasi(Decimal(nilai)).label == label


@pytest.mark.parametrize(
    ("nilai", "kode", "label"),
    [
        ("100", "AA", "Sangat Memuaskan"),
        ("90.01", "AA", "Sangat Memuaskan"),
        ("90.00", "A", "Memuaskan"),
        ("80.01", "A", "Memuaskan"),
        ("80", "BB", "Sangat Baik"),
        ("70.01", "BB", "Sangat Baik"),
        ("70", "B", "Baik"),
        ("60.01", "B", "Baik"),
        ("60", "CC", "Cukup"),
        ("50.01", "CC", "Cukup"),
        ("50", "C", "Kurang"),
        ("30.01", "C", "Kurang"),
        ("30", "D", "Sangat Kurang"),
        ("0", "D", "Sangat Kurang"),
    ],
)
def test_akip_grade_lower_bounds_are_exclusive(nilai: str, kode: str, label: str) -> None:
    pita = skala.PREDIKAT_AKIP.klasifikasi(Decimal(nilai))
    assert (pita.kode, pita.label) == (kode, label)


@pytest.mark.parametrize(
    ("nilai", "kode"),
    [
        ("100", "A"),
        ("88.31", "A"),
        ("88.305", "A"),  # rounds half-up to 88.31
        ("88.3049", "B"),  # rounds to 88.30
        ("88.30", "B"),
        ("76.61", "B"),
        ("76.60", "C"),
        ("65.00", "C"),
        ("64.995", "C"),  # rounds to 65.00
        ("64.99", "D"),
        ("25", "D"),
    ],
)
def test_ikm_quality_boundaries(nilai: str, kode: str) -> None:
    assert skala.MUTU_IKM.klasifikasi(Decimal(nilai)).kode == kode


def test_registry_holds_every_shipped_scale_by_its_code() -> None:
    assert skala.SKALA_BAWAAN == {
        "lkjip_kaltim": skala.LKJIP_KALTIM,
        "lkjip_lima_pita": skala.LKJIP_LIMA_PITA,
        "lampu": skala.LAMPU_LALU_LINTAS,
        "akip": skala.PREDIKAT_AKIP,
        "mutu_ikm": skala.MUTU_IKM,
    }


@pytest.mark.parametrize(
    ("skala_", "uraian"),
    [
        (skala.LKJIP_KALTIM, ["> 100", "85 – 100", "70 – < 85", "55 – < 70", "< 55"]),
        (skala.LKJIP_LIMA_PITA, ["≥ 91", "76 – < 91", "66 – < 76", "> 50 – < 66", "≤ 50"]),
        (
            skala.PREDIKAT_AKIP,
            ["> 90", "> 80 – 90", "> 70 – 80", "> 60 – 70", "> 50 – 60", "> 30 – 50", "≤ 30"],
        ),
        (skala.MUTU_IKM, ["≥ 88,31", "76,61 – < 88,31", "65,00 – < 76,61", "< 65,00"]),
    ],
)
def test_band_descriptions_are_human_text(skala_: Skala, uraian: list[str]) -> None:
    assert [pita.uraian() for pita in skala_.pita] == uraian


def test_single_unbounded_band_describes_every_value() -> None:
    assert _pita("Semua", None, False, None, False).uraian() == "semua nilai"


def test_band_bound_with_thousands_is_written_the_indonesian_way() -> None:
    assert _pita("Besar", "1234.5", True, None, False).uraian() == "≥ 1.234,5"


def test_raw_classification_when_no_rounding_is_asked() -> None:
    mentah = Skala(
        kode="mentah",
        nama="Tanpa pembulatan",
        pita=(_pita("Tinggi", "100", False, None, False), _pita("Rendah", None, False, "100", True)),
        desimal_klasifikasi=None,
    )
    # 100.004 is above 100 when not rounded first.
    assert mentah.klasifikasi(Decimal("100.004")).label == "Tinggi"
    assert mentah.klasifikasi(Decimal("100")).label == "Rendah"


def test_rounding_to_whole_numbers_before_classifying() -> None:
    bulat = Skala(
        kode="bulat",
        nama="Bulat",
        pita=(_pita("Tinggi", "70", True, None, False), _pita("Rendah", None, False, "70", False)),
        desimal_klasifikasi=0,
    )
    assert bulat.klasifikasi(Decimal("69.5")).label == "Tinggi"  # 69.5 rounds half-up to 70
    assert bulat.klasifikasi(Decimal("69.49")).label == "Rendah"  # 69.49 rounds to 69


@pytest.mark.parametrize(
    ("pita", "pesan"),
    [
        pytest.param((), "paling sedikit satu pita", id="no-band"),
        pytest.param(
            (_pita("Atas", "60", True, None, False), _pita("Bawah", None, False, "50", False)),
            "celah",
            id="gap-between-50-and-60",
        ),
        pytest.param(
            (_pita("Atas", "50", False, None, False), _pita("Bawah", None, False, "50", False)),
            "tidak masuk pita mana pun",
            id="gap-at-the-point-50",
        ),
        pytest.param(
            (_pita("Atas", "40", True, None, False), _pita("Bawah", None, False, "50", False)),
            "tumpang tindih",
            id="overlap-40-to-50",
        ),
        pytest.param(
            (_pita("Atas", "50", True, None, False), _pita("Bawah", None, False, "50", True)),
            "sama-sama memuat 50",
            id="overlap-at-the-point-50",
        ),
        pytest.param(
            (
                _pita("Satu", None, False, "50", False),
                _pita("Dua", None, False, "60", False),
                _pita("Atas", "60", True, None, False),
            ),
            "tumpang tindih",
            id="two-bands-open-below",
        ),
        pytest.param(
            (_pita("Atas", "50", True, "100", True), _pita("Bawah", None, False, "50", False)),
            "di atas 100",
            id="nothing-above-100",
        ),
        pytest.param((_pita("Atas", "0", True, None, False),), "di bawah 0", id="nothing-below-0"),
        pytest.param(
            (
                _pita("Atas", "50", True, None, False),
                _pita("Terbalik", "60", True, "40", False),
                _pita("Bawah", None, False, "50", False),
            ),
            "Pita 'Terbalik' kosong",
            id="inverted-band",
        ),
        pytest.param(
            (_pita("Atas", "50", False, None, False), _pita("Bawah", None, False, "Infinity", False)),
            "angka terhingga",
            id="infinite-bound",
        ),
    ],
)
def test_scale_with_gap_overlap_or_missing_coverage_is_refused(pita: tuple[Pita, ...], pesan: str) -> None:
    with pytest.raises(SkalaError, match=pesan):
        Skala(kode="uji", nama="Uji", pita=pita)


def test_negative_number_of_decimals_is_refused() -> None:
    with pytest.raises(SkalaError, match="tidak boleh negatif"):
        Skala(
            kode="uji", nama="Uji", pita=(_pita("Semua", None, False, None, False),), desimal_klasifikasi=-1
        )


def test_single_point_band_between_two_open_bands_is_accepted() -> None:
    titik = Skala(
        kode="titik",
        nama="Titik",
        pita=(
            _pita("Di atas", "100", False, None, False),
            _pita("Tepat", "100", True, "100", True),
            _pita("Di bawah", None, False, "100", False),
        ),
    )
    assert [titik.klasifikasi(Decimal(n)).label for n in ("100.01", "100", "99.99")] == [
        "Di atas",
        "Tepat",
        "Di bawah",
    ]


@pytest.mark.parametrize("nilai", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_value_cannot_be_classified(nilai: str) -> None:
    with pytest.raises(SkalaError, match="angka terhingga"):
        skala.LKJIP_KALTIM.klasifikasi(Decimal(nilai))


@pytest.mark.parametrize("skala_", SEMUA_SKALA, ids=lambda s: s.kode)
@given(nilai=st.decimals(allow_nan=False, allow_infinity=False))
def test_every_finite_value_falls_in_exactly_one_band(skala_: Skala, nilai: Decimal) -> None:
    assert sum(pita.memuat(nilai) for pita in skala_.pita) == 1
    assert skala_.klasifikasi(nilai) in skala_.pita


@pytest.mark.parametrize("skala_", SEMUA_SKALA, ids=lambda s: s.kode)
@given(nilai=st.decimals(allow_nan=False, allow_infinity=False, places=2))
def test_value_already_at_two_decimals_is_classified_into_the_band_that_holds_it(
    skala_: Skala, nilai: Decimal
) -> None:
    assert skala_.klasifikasi(nilai).memuat(nilai)
