from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.lib import angka

# --- bulatkan ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nilai", "desimal", "hasil"),
    [
        (D("2.675"), 2, D("2.68")),  # third decimal 5 -> up (a float would give 2.67)
        (D("2.665"), 2, D("2.67")),  # half-up, not banker's rounding (which gives 2.66)
        (D("-2.675"), 2, D("-2.68")),  # half away from zero
        (D("1.005"), 2, D("1.01")),
        (D("101.6470588"), 2, D("101.65")),  # 101.647... -> third decimal 7 -> up
        (D("94.92997"), 2, D("94.93")),
        (D("0.5"), 0, D("1")),
        (D("1.4999"), 0, D("1")),
        (D("1.2345"), 3, D("1.235")),
        (D("535648948995"), 0, D("535648948995")),
    ],
)
def test_bulatkan_rounds_half_up(nilai: D, desimal: int, hasil: D) -> None:
    assert angka.bulatkan(nilai, desimal) == hasil
    assert angka.bulatkan(nilai, desimal).as_tuple().exponent == -desimal


def test_bulatkan_never_returns_negative_zero() -> None:
    # -0.001 -> 0.00 and -0.004 -> 0.00: the sign must go, or a table would print "-0,00".
    for nilai in (D("-0.001"), D("-0.004"), D("-0")):
        assert not angka.bulatkan(nilai).is_signed()


@pytest.mark.parametrize("nilai", [1.5, D("NaN"), D("Infinity"), D("-Infinity"), True, "1,5"])
def test_bulatkan_rejects_values_that_are_not_exact_numbers(nilai: object) -> None:
    with pytest.raises(angka.AngkaError):
        angka.bulatkan(nilai)  # type: ignore[arg-type]


def test_negative_decimal_places_raise_angka_error() -> None:
    with pytest.raises(angka.AngkaError, match="desimal"):
        angka.bulatkan(D("1.5"), -1)


# --- format ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nilai", "desimal", "teks"),
    [
        (D("1234567.891"), 2, "1.234.567,89"),  # third decimal 1 -> down
        (D("1234567.89"), 2, "1.234.567,89"),
        (D("535648948995"), 0, "535.648.948.995"),
        (535648948995, 2, "535.648.948.995,00"),
        (D("0"), 2, "0,00"),
        (0, 0, "0"),
        (None, 2, "\u2013"),
        (D("-1234.5"), 2, "-1.234,50"),
        (D("0.005"), 2, "0,01"),  # exactly half -> up
        (D("-0.005"), 2, "-0,01"),  # half away from zero
        (D("-0.004"), 2, "0,00"),  # rounds to zero: no minus sign
        (D("-0.0000001"), 2, "0,00"),
        (D("2.675"), 2, "2,68"),
        (D("101.6470588"), 2, "101,65"),
        (D("999.995"), 2, "1.000,00"),  # the carry creates a new thousands group
        (D("999"), 2, "999,00"),
        (D("1000"), 2, "1.000,00"),
        (D("100000"), 0, "100.000"),
        (D("1000000"), 0, "1.000.000"),
        (D("1E+3"), 2, "1.000,00"),  # exponent notation is still printed in full
        (D("12.3456"), 3, "12,346"),
        (D("-0.5"), 0, "-1"),
    ],
)
def test_format_angka_prints_indonesian_separators(nilai: D | int | None, desimal: int, teks: str) -> None:
    assert angka.format_angka(nilai, desimal) == teks


@pytest.mark.parametrize(
    ("nilai", "teks"),
    [
        (D("101.645"), "101,65"),  # half-up at the boundary
        (D("101.6470588"), "101,65"),
        (D("100"), "100,00"),
        (D("94.9299709"), "94,93"),
        (None, "\u2013"),
    ],
)
def test_format_persen_prints_two_decimals_without_percent_sign(nilai: D | None, teks: str) -> None:
    assert angka.format_persen(nilai) == teks


@pytest.mark.parametrize(
    ("nilai", "desimal", "teks"),
    [
        (D("535648948995"), 0, "Rp 535.648.948.995"),
        (535648948995, 0, "Rp 535.648.948.995"),
        (D("202978570206"), 0, "Rp 202.978.570.206"),
        (D("1500.5"), 2, "Rp 1.500,50"),
        (D("1500.5"), 0, "Rp 1.501"),  # .5 -> up
        (D("0"), 0, "Rp 0"),
        (D("-1000"), 0, "-Rp 1.000"),
        (None, 0, "\u2013"),
    ],
)
def test_format_rupiah_prefixes_rp(nilai: D | int | None, desimal: int, teks: str) -> None:
    assert angka.format_rupiah(nilai, desimal) == teks


def test_format_angka_refuses_float() -> None:
    with pytest.raises(angka.AngkaError, match="float"):
        angka.format_angka(1.5)  # type: ignore[arg-type]


# --- parse -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("teks", "nilai"),
    [
        ("1.234.567,89", D("1234567.89")),
        ("86,40", D("86.40")),
        ("100%", D("100")),
        ("100 %", D("100")),
        (" 71 ", D("71")),
        ("Rp 1.000", D("1000")),
        ("Rp1.000", D("1000")),
        ("rp 1.000", D("1000")),
        ("Rp. 535.648.948.995,-", D("535648948995")),  # as written in seed 004
        ("Rp\u00a01.000", D("1000")),  # non-breaking space pasted from a spreadsheet
        ("-5,5", D("-5.5")),
        ("\u22125,5", D("-5.5")),  # typographic minus
        ("+7", D("7")),
        ("-Rp 1.000", D("-1000")),
        ("Rp -1.000", D("-1000")),
        ("86.40", D("86.40")),  # single dot + 2 digits: unambiguous decimal point
        ("0.5", D("0.5")),  # single dot + 1 digit
        ("1234.5", D("1234.5")),
        ("1.000", D("1000")),  # dot + 3 digits is a thousands separator in Indonesian
        ("1.234.567", D("1234567")),
        ("1234,5", D("1234.5")),  # thousands separators are optional
        ("0", D("0")),
        ("-0", D("0")),
        ("0,00", D("0")),
    ],
)
def test_parse_angka_reads_indonesian_input(teks: str, nilai: D) -> None:
    hasil = angka.parse_angka(teks)
    assert isinstance(hasil, D)
    assert hasil == nilai


def test_parse_angka_of_minus_zero_is_not_negative() -> None:
    assert not angka.parse_angka("-0,00").is_signed()


@pytest.mark.parametrize(
    "teks",
    [
        "",
        "   ",
        "abc",
        "1,2,3",
        "12.34.5",
        "1.2345",  # one dot and four digits: neither a decimal point nor a thousands group
        "1.23.456",
        "1.234.56",
        "1.234,5.6",
        "1 000",
        "--5",
        "-Rp -5",
        "%",
        "Rp",
        ",5",
        "5,",
        "5.",
        "1e5",
        "\u0661\u0662",  # Arabic-Indic digits are not accepted input
    ],
)
def test_parse_angka_rejects_malformed_text_quoting_it(teks: str) -> None:
    with pytest.raises(angka.AngkaError) as info:
        angka.parse_angka(teks)
    assert f"'{teks}'" in str(info.value)
    assert "Angka tidak valid" in str(info.value)


def test_angka_error_is_a_value_error() -> None:
    assert issubclass(angka.AngkaError, ValueError)


def test_parse_angka_rejects_non_text() -> None:
    with pytest.raises(angka.AngkaError):
        angka.parse_angka(5)  # type: ignore[arg-type]


# --- properties --------------------------------------------------------------------------------------------


def _desimal(places: int) -> st.SearchStrategy[D]:
    return st.decimals(
        min_value=D("-1e15"), max_value=D("1e15"), places=places, allow_nan=False, allow_infinity=False
    )


@given(_desimal(2))
def test_format_then_parse_round_trips_two_decimal_values(nilai: D) -> None:
    assert angka.parse_angka(angka.format_angka(nilai)) == angka.bulatkan(nilai) == nilai


@given(_desimal(6))
def test_format_then_parse_gives_the_rounded_value(nilai: D) -> None:
    teks = angka.format_angka(nilai)
    assert angka.parse_angka(teks) == angka.bulatkan(nilai)
    assert not teks.startswith("-0,00")


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_rupiah_round_trips(nilai: int) -> None:
    assert angka.parse_angka(angka.format_rupiah(nilai)) == nilai


@given(st.text())
def test_parse_angka_returns_a_decimal_or_raises_angka_error(teks: str) -> None:
    try:
        hasil = angka.parse_angka(teks)
    except angka.AngkaError:
        return
    assert isinstance(hasil, D)
    assert hasil.is_finite()


def test_dates_are_written_the_indonesian_official_way():
    import datetime as dt

    assert angka.format_tanggal(dt.date(2024, 1, 5)) == "5 Januari 2024"
    assert angka.format_tanggal(dt.date(2021, 12, 31)) == "31 Desember 2021"
    assert angka.format_tanggal(None) == "–"
    assert angka.format_tanggal(None, "……………") == "……………"
