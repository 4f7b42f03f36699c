import pickle
from collections.abc import Mapping
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.lib import rumus

# --- evaluation --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("teks", "nilai", "hasil"),
    [
        # Seed formulas (IKU "persentase ... yang difasilitasi"): 4 / 4 × 100 = 100.
        (
            "kebijakan_difasilitasi / usulan_kebijakan × 100",
            {"kebijakan_difasilitasi": D(4), "usulan_kebijakan": D(4)},
            D(100),
        ),
        # 3 / 4 = 0,75; × 100 = 75.
        (
            "kebijakan_difasilitasi / usulan_kebijakan × 100",
            {"kebijakan_difasilitasi": D(3), "usulan_kebijakan": D(4)},
            D(75),
        ),
        # 45 / 48 = 0,9375; × 100 = 93,75.
        (
            "produk_hukum_diharmonisasi / rancangan_produk_hukum * 100",
            {"produk_hukum_diharmonisasi": D(45), "rancangan_produk_hukum": D(48)},
            D("93.75"),
        ),
        # (1 + 2) / 4 × 100 = 3 / 4 × 100 = 75.
        ("(a + b) / c * 100", {"a": D(1), "b": D(2), "c": D(4)}, D(75)),
        # The letter x is a variable: 1 / 4 × 100 = 25.
        ("x / y * 100", {"x": D(1), "y": D(4)}, D(25)),
        # 202.978.570.206 − 192.687.497.546 = 10.291.072.660 (full-size rupiah amounts stay exact).
        ("pagu - realisasi", {"pagu": D(202978570206), "realisasi": D(192687497546)}, D(10291072660)),
        # 0,1 × 3 = 0,3 exactly (Decimal, not binary float).
        ("a * b", {"a": D("0.1"), "b": D(3)}, D("0.3")),
        # Only the formula's own names matter; extra entries, even empty ones, are ignored.
        ("a + 1", {"a": D(1), "tidak_dipakai": None}, D(2)),
        # Variables are case-sensitive: 2 − 1 = 1.
        ("Nilai - nilai", {"Nilai": D(2), "nilai": D(1)}, D(1)),
        # int values are exact too: 7 + 5 = 12.
        ("a + b", {"a": 7, "b": D(5)}, D(12)),
        # Whitespace of any kind is ignored: 6 / 3 = 2.
        ("  a\t/\nb ", {"a": D(6), "b": D(3)}, D(2)),
    ],
)
def test_formula_evaluates_to_the_hand_computed_value(
    teks: str, nilai: Mapping[str, D | None], hasil: D
) -> None:
    assert rumus.hitung(teks, nilai) == hasil


@pytest.mark.parametrize(
    ("teks", "hasil"),
    [
        ("2 + 3 * 4", D(14)),  # * before +: 2 + 12
        ("(2 + 3) * 4", D(20)),  # 5 * 4
        ("10 - 4 - 3", D(3)),  # left-associative: (10 − 4) − 3
        ("100 / 10 / 5", D(2)),  # (100 / 10) / 5
        ("2 * 3 / 4", D("1.5")),  # 6 / 4
        ("8 / 2 * 4", D(16)),  # (8 / 2) * 4, not 8 / 8
        ("-2 * 3", D(-6)),
        ("-(2 + 3)", D(-5)),
        ("2 - -3", D(5)),  # binary minus then unary minus
        ("2 * -3", D(-6)),
        ("+5", D(5)),
        ("--5", D(5)),
        ("- - -5", D(-5)),
        ("-3 + 10", D(7)),  # unary binds tighter than +
        ("0,5 * 4", D(2)),  # decimal comma
        ("0.5 * 4", D(2)),  # decimal point
        ("1,25 + 1.75", D(3)),
        ("6 ÷ 4", D("1.5")),  # U+00F7
        ("2 × 3", D(6)),  # U+00D7
        ("7 \u2212 2", D(5)),  # typographic minus U+2212
        ("((((1))))", D(1)),
        ("100", D(100)),
        ("007", D(7)),
        ("1 - 1", D(0)),
    ],
)
def test_operator_precedence_and_number_forms(teks: str, hasil: D) -> None:
    assert rumus.hitung(teks, {}) == hasil


def test_division_keeps_at_least_28_significant_digits() -> None:
    # 1 / 3 = 0,333...: at least 28 threes must survive (no rounding until display).
    assert str(rumus.hitung("1 / 3", {})).startswith("0." + "3" * 28)


def test_zero_result_is_not_negative_zero() -> None:
    assert not rumus.hitung("-0 * 5", {}).is_signed()


def test_parsed_formula_can_be_evaluated_many_times() -> None:
    r = rumus.parse("a / b * 100")
    assert r.hitung({"a": D(1), "b": D(2)}) == D(50)  # 1 / 2 × 100
    assert r.hitung({"a": D(3), "b": D(2)}) == D(150)  # 3 / 2 × 100
    assert r.teks == "a / b * 100"
    assert r.variabel == ("a", "b")
    assert r == rumus.parse("a / b * 100")


# --- variables ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("teks", "nama"),
    [
        ("kebijakan_difasilitasi / usulan_kebijakan × 100", ("kebijakan_difasilitasi", "usulan_kebijakan")),
        ("b + a * b / c_1", ("b", "a", "c_1")),
        ("(a + b) / a", ("a", "b")),
        ("x / y", ("x", "y")),
        ("A + a", ("A", "a")),
        ("100", ()),
        ("_x2 * 3", ("_x2",)),
    ],
)
def test_variabel_lists_distinct_names_in_order_of_first_appearance(teks: str, nama: tuple[str, ...]) -> None:
    assert rumus.variabel(teks) == nama


@pytest.mark.parametrize("nama", ["usulan_kebijakan", "_a", "a1", "X", "x", "Jumlah_OPD_2024"])
def test_valid_variable_names_pass(nama: str) -> None:
    rumus.validasi_nama(nama)


@pytest.mark.parametrize(
    ("nama", "pesan"),
    [
        ("", "Nama variabel kosong"),
        ("1a", "Nama variabel '1a' tidak boleh diawali angka"),
        ("usulan kebijakan", "karakter ' ' pada posisi ke-7"),
        ("kebijakan-difasilitasi", "karakter '-' pada posisi ke-10"),
        ("jumlah%", "karakter '%' pada posisi ke-7"),
        ("kepuasan_é", "karakter 'é' pada posisi ke-10"),
    ],
)
def test_invalid_variable_names_raise_rumus_error(nama: str, pesan: str) -> None:
    with pytest.raises(rumus.RumusError) as info:
        rumus.validasi_nama(nama)
    assert pesan in str(info.value)


# --- syntax errors -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("teks", "pesan", "posisi"),
    [
        ("", "Rumus kosong", None),
        ("   ", "Rumus kosong", None),
        ("a +", "Operan hilang setelah '+' pada posisi ke-3", 2),
        ("a / (", "Kurung buka '(' pada posisi ke-5 tidak ditutup", 4),
        ("(a + )", "Operan hilang setelah '+' pada posisi ke-4", 3),
        ("* a", "Operan hilang sebelum '*' pada posisi ke-1", 0),
        ("a * / b", "Operan hilang sebelum '/' pada posisi ke-5", 4),
        ("(a + b", "Kurung buka '(' pada posisi ke-1 tidak ditutup", 0),
        ("((a + b)", "Kurung buka '(' pada posisi ke-1 tidak ditutup", 0),
        ("a + b)", "Kurung tutup ')' pada posisi ke-6 tidak memiliki pasangan kurung buka", 5),
        (")", "Operan hilang sebelum ')' pada posisi ke-1", 0),
        ("()", "Kurung kosong '()' pada posisi ke-1", 0),
        ("a $ b", "Karakter '$' tidak dikenal pada posisi ke-3", 2),
        ("a ^ 2", "Karakter '^' tidak dikenal pada posisi ke-3", 2),
        ("a / b × 100%", "Karakter '%' tidak dikenal pada posisi ke-12", 11),
        ("a \x00 b", "Karakter 'U+0000' tidak dikenal pada posisi ke-3", 2),
        ("kepuasan_é", "Karakter 'é' tidak dikenal pada posisi ke-10", 9),
        (
            "a x b",
            "Operator hilang sebelum 'x' pada posisi ke-3 "
            "(untuk perkalian gunakan '*' atau '×', bukan huruf 'x')",
            2,
        ),
        ("a b", "Operator hilang sebelum 'b' pada posisi ke-3", 2),
        ("2 (a)", "Operator hilang sebelum '(' pada posisi ke-3", 2),
        ("(a)(b)", "Operator hilang sebelum '(' pada posisi ke-4", 3),
        ("(a b)", "Operator hilang sebelum 'b' pada posisi ke-4", 3),
        ("2a", "Nama variabel tidak boleh diawali angka: '2a' pada posisi ke-1", 0),
        ("1 + 2usulan", "Nama variabel tidak boleh diawali angka: '2usulan' pada posisi ke-5", 4),
        ("1,2,3", "Angka '1,2,3' pada posisi ke-1 tidak valid", 0),
        ("1.000.000 * a", "Angka '1.000.000' pada posisi ke-1 tidak valid", 0),
        ("5.", "Angka '5.' pada posisi ke-1 tidak valid", 0),
        ("a * 1,", "Angka '1,' pada posisi ke-5 tidak valid", 4),
        (".5", "Karakter '.' tidak dikenal pada posisi ke-1", 0),
    ],
)
def test_syntax_errors_raise_rumus_error_with_indonesian_message(
    teks: str, pesan: str, posisi: int | None
) -> None:
    with pytest.raises(rumus.RumusError) as info:
        rumus.parse(teks)
    assert pesan in str(info.value)
    assert info.value.posisi == posisi


def test_formula_longer_than_1000_characters_is_refused() -> None:
    teks = "a+" * 500 + "a"  # 1001 characters
    with pytest.raises(rumus.RumusError, match="Rumus terlalu panjang: 1001 karakter"):
        rumus.parse(teks)


def test_formula_of_exactly_1000_characters_is_accepted() -> None:
    teks = "1+" * 499 + "10"  # 998 + 2 = 1000 characters; 499 ones + 10 = 509
    assert len(teks) == 1000
    assert rumus.hitung(teks, {}) == D(509)


def test_fifty_nested_parentheses_are_accepted() -> None:
    assert rumus.hitung("(" * 50 + "a" + ")" * 50, {"a": D(7)}) == D(7)


def test_more_than_fifty_nested_parentheses_raise_rumus_error() -> None:
    with pytest.raises(rumus.RumusError, match="Rumus terlalu dalam") as info:
        rumus.parse("(" * 51 + "1" + ")" * 51)
    assert info.value.posisi == 50  # the 51st "("


def test_deep_nesting_within_the_length_limit_never_escapes_as_recursion_error() -> None:
    with pytest.raises(rumus.RumusError, match="Rumus terlalu dalam"):
        rumus.parse("(" * 500 + "1" + ")" * 499)


def test_long_chains_of_operators_and_signs_evaluate_without_deep_recursion() -> None:
    # 999 minus signs (odd) negate once; 500 terms of 1 summed give 500.
    assert rumus.hitung("-" * 999 + "1", {}) == D(-1)
    assert rumus.hitung("+".join(["1"] * 500), {}) == D(500)


def test_non_text_formula_raises_rumus_error() -> None:
    with pytest.raises(rumus.RumusError, match="Rumus harus berupa teks"):
        rumus.parse(None)  # type: ignore[arg-type]


# --- evaluation errors -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("teks", "nilai", "pesan", "posisi"),
    [
        ("a / b", {"a": D(1)}, "Variabel 'b' tidak dikenal / belum diisi", 4),
        ("A + a", {"a": D(1)}, "Variabel 'A' tidak dikenal / belum diisi", 0),
        (
            "kebijakan_difasilitasi / usulan_kebijakan × 100",
            {"kebijakan_difasilitasi": D(4), "usulan_kebijakan": None},
            "Nilai 'usulan_kebijakan' belum diisi",
            25,
        ),
        # The first gap in reading order is reported.
        ("b / a", {}, "Variabel 'b' tidak dikenal / belum diisi", 0),
        (
            "kebijakan_difasilitasi / usulan_kebijakan × 100",
            {"kebijakan_difasilitasi": D(4), "usulan_kebijakan": D(0)},
            "Pembagian dengan nol: nilai 'usulan_kebijakan' bernilai 0",
            25,
        ),
        ("a / (b)", {"a": D(1), "b": D("0.00")}, "Pembagian dengan nol: nilai 'b' bernilai 0", 4),
        (
            "a / (b - c)",
            {"a": D(1), "b": D(2), "c": D(2)},
            "Pembagian dengan nol: penyebut '(b - c)' bernilai 0",
            4,
        ),
        ("a / -b", {"a": D(1), "b": D(0)}, "Pembagian dengan nol: penyebut '-b' bernilai 0", 4),
        ("a / 0", {"a": D(1)}, "Pembagian dengan nol: penyebut '0' bernilai 0", 4),
        ("a / b", {"a": D(1), "b": 1.5}, "Nilai 'b' harus berupa angka Decimal, bukan float", 4),
        ("a / b", {"a": D(1), "b": "2"}, "Nilai 'b' harus berupa angka Decimal, bukan str", 4),
        ("a / b", {"a": D(1), "b": True}, "Nilai 'b' harus berupa angka Decimal, bukan bool", 4),
        ("a + 1", {"a": D("NaN")}, "Nilai 'a' bukan angka yang valid", 0),
        ("a + 1", {"a": D("sNaN")}, "Nilai 'a' bukan angka yang valid", 0),
        ("a + 1", {"a": D("-Infinity")}, "Nilai 'a' bukan angka yang valid", 0),
    ],
)
def test_evaluation_errors_raise_rumus_error_with_indonesian_message(
    teks: str, nilai: Mapping[str, D | None], pesan: str, posisi: int
) -> None:
    with pytest.raises(rumus.RumusError) as info:
        rumus.hitung(teks, nilai)
    assert pesan in str(info.value)
    assert info.value.posisi == posisi


def test_zero_denominator_raises_rumus_error_not_zero_division_error() -> None:
    with pytest.raises(rumus.RumusError) as info:
        rumus.hitung("a / b", {"a": D(0), "b": D(0)})
    assert not isinstance(info.value, ZeroDivisionError)


@pytest.mark.parametrize(
    ("teks", "nilai"),
    [
        ("a * a", {"a": D("9E+999999")}),  # overflows any decimal context
        ("a * a * a", {"a": D("1E+400000")}),
        ("a / b", {"a": D("1E+999999"), "b": D("1E-999999")}),
    ],
)
def test_huge_numbers_raise_rumus_error(teks: str, nilai: Mapping[str, D | None]) -> None:
    with pytest.raises(rumus.RumusError, match="terlalu besar"):
        rumus.hitung(teks, nilai)


def test_values_that_are_not_a_mapping_raise_rumus_error() -> None:
    with pytest.raises(rumus.RumusError, match="pemetaan"):
        rumus.hitung("a", None)  # type: ignore[arg-type]


def test_rumus_error_is_a_value_error_whose_text_is_the_message() -> None:
    with pytest.raises(ValueError, match="Pembagian dengan nol") as info:
        rumus.hitung("a / b", {"a": D(1), "b": D(0)})
    exc = info.value
    assert isinstance(exc, rumus.RumusError)
    assert str(exc) == exc.pesan == "Pembagian dengan nol: nilai 'b' bernilai 0"
    assert exc.posisi == 4


def test_rumus_error_survives_pickling_with_its_position() -> None:
    # Errors may cross process boundaries (task queues); the position must not be lost.
    salinan = pickle.loads(pickle.dumps(rumus.RumusError("Rumus kosong", 3)))  # noqa: S301 - our own bytes
    assert (salinan.pesan, salinan.posisi) == ("Rumus kosong", 3)


# --- properties --------------------------------------------------------------------------------------------

_NAMA = ("a", "b", "c", "ab", "x")
_TEKS_RUMUS = st.text(alphabet="abcx_019.,+-*/()×÷\u2212 %", max_size=60)
_ISI = st.one_of(
    st.none(),
    st.decimals(),  # includes NaN, sNaN, ±Infinity and huge exponents
    st.integers(),
    st.floats(),
    st.text(max_size=3),
)
_PETA = st.dictionaries(st.one_of(st.sampled_from(_NAMA), st.text(max_size=5)), _ISI, max_size=6)


@given(st.one_of(st.text(), _TEKS_RUMUS), _PETA)
def test_hitung_returns_a_decimal_or_raises_rumus_error_for_any_input(
    teks: str, nilai: dict[str, D | None]
) -> None:
    try:
        hasil = rumus.hitung(teks, nilai)
    except Exception as exc:  # the point: nothing but RumusError may escape
        if type(exc) is not rumus.RumusError:
            pytest.fail(f"{type(exc).__name__} escaped for {teks!r}: {exc}")
        return
    assert isinstance(hasil, D)
    assert hasil.is_finite()


@st.composite
def _ekspresi_bulat(draw: st.DrawFn, nilai: Mapping[str, int]) -> tuple[str, int]:
    """A fully parenthesised + − × expression together with its exact integer value (the oracle)."""
    daun = st.one_of(
        st.integers(min_value=0, max_value=1000).map(lambda n: (str(n), n)),
        st.sampled_from(sorted(nilai)).map(lambda v: (v, nilai[v])),
    )

    def gabung(anak: st.SearchStrategy[tuple[str, int]]) -> st.SearchStrategy[tuple[str, int]]:
        def biner(kiri: tuple[str, int], op: str, kanan: tuple[str, int], spasi: str) -> tuple[str, int]:
            hasil = {"+": kiri[1] + kanan[1], "-": kiri[1] - kanan[1], "*": kiri[1] * kanan[1]}[op[0]]
            return f"({kiri[0]}{spasi}{op[1]}{spasi}{kanan[0]})", hasil

        operator = st.sampled_from([("+", "+"), ("-", "-"), ("-", "\u2212"), ("*", "*"), ("*", "×")])
        return st.one_of(
            st.builds(biner, anak, operator, anak, st.sampled_from(["", " ", "  "])),
            anak.map(lambda e: (f"-{e[0]}", -e[1])),
        )

    # ≤ 10 leaves of |n| ≤ 1000 keep every product below 10^30, inside 34 digits, so the oracle is exact.
    return draw(st.recursive(daun, gabung, max_leaves=10))


@given(st.data(), st.dictionaries(st.sampled_from(_NAMA), st.integers(-1000, 1000), min_size=1))
def test_generated_integer_expressions_match_exact_arithmetic(
    data: st.DataObject, nilai: dict[str, int]
) -> None:
    teks, diharapkan = data.draw(_ekspresi_bulat(nilai))
    assert rumus.hitung(teks, {k: D(v) for k, v in nilai.items()}) == diharapkan


@given(
    st.lists(
        st.tuples(st.sampled_from(["+", "-", "*"]), st.integers(min_value=0, max_value=99)),
        min_size=1,
        max_size=12,
    ),
    st.integers(min_value=0, max_value=99),
)
def test_unparenthesised_chains_follow_school_precedence(suku: list[tuple[str, int]], pertama: int) -> None:
    # Oracle: fold products first, then add the resulting terms, as taught in school.
    teks = str(pertama) + "".join(f" {op} {n}" for op, n in suku)
    jumlah: list[int] = [pertama]
    for op, n in suku:
        if op == "*":
            jumlah[-1] *= n
        else:
            jumlah.append(n if op == "+" else -n)
    assert rumus.hitung(teks, {}) == sum(jumlah)


@st.composite
def _ekspresi_dengan_pembagian(draw: st.DrawFn) -> str:
    """Expressions whose divisors are nonzero variables or positive literals: division is always defined."""
    daun = st.one_of(st.sampled_from(["a", "b", "c"]), st.decimals("0", "1000", places=2).map(str))
    penyebut = st.one_of(st.sampled_from(["a", "b", "c"]), st.integers(1, 999).map(str))

    def gabung(anak: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            st.builds(lambda k, op, n: f"({k} {op} {n})", anak, st.sampled_from(["+", "-", "*", "×"]), anak),
            st.builds(lambda k, op, n: f"{k} {op} {n}", anak, st.sampled_from(["/", "÷"]), penyebut),
        )

    return draw(st.recursive(daun, gabung, max_leaves=12))


_BUKAN_NOL = st.decimals(min_value=D("-1e6"), max_value=D("1e6"), places=3).filter(lambda d: not d.is_zero())


@given(_ekspresi_dengan_pembagian(), _BUKAN_NOL, _BUKAN_NOL, _BUKAN_NOL)
def test_generated_expressions_with_nonzero_divisors_evaluate(teks: str, a: D, b: D, c: D) -> None:
    hasil = rumus.hitung(teks, {"a": a, "b": b, "c": c})
    assert isinstance(hasil, D)
    assert hasil.is_finite()


@given(st.integers(min_value=1, max_value=60))
def test_nesting_is_accepted_up_to_fifty_and_refused_beyond(kedalaman: int) -> None:
    teks = "(" * kedalaman + "1" + ")" * kedalaman
    if kedalaman <= rumus.KEDALAMAN_MAKSIMAL:
        assert rumus.hitung(teks, {}) == 1
    else:
        with pytest.raises(rumus.RumusError):
            rumus.parse(teks)
