"""Indonesian number display and parsing.

Indonesian writes `1.234.567,89`: a dot groups thousands and a comma starts the decimals. Everything in
SAKIP is computed with full `Decimal` precision; the functions here are the only place a value is rounded,
and they round half-up, the way officials round by hand and published LKjIP tables are expected to.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

__all__ = [
    "KOSONG",
    "AngkaError",
    "bulatkan",
    "format_angka",
    "format_persen",
    "format_rupiah",
    "parse_angka",
]

#: What a missing value (None) prints as: an en dash, as in the LKjIP tables, never "0".
KOSONG = "\u2013"


class AngkaError(ValueError):
    """A number that cannot be rounded, formatted or parsed; the message is in Bahasa Indonesia."""


def _sebagai_decimal(nilai: object) -> Decimal:
    # bool is an int subclass but never a meaningful amount; float is refused because it is not exact.
    if isinstance(nilai, bool) or not isinstance(nilai, Decimal | int):
        raise AngkaError(f"Nilai harus berupa Decimal atau bilangan bulat, bukan {type(nilai).__name__}")
    angka = Decimal(nilai)
    if not angka.is_finite():
        raise AngkaError(f"Nilai '{angka}' bukan angka yang valid")
    return angka


def bulatkan(nilai: Decimal, desimal: int = 2) -> Decimal:
    """Round half-up to `desimal` places; a result that rounds to zero is +0, never -0."""
    angka = _sebagai_decimal(nilai)
    if isinstance(desimal, bool) or not isinstance(desimal, int) or desimal < 0:
        raise AngkaError(f"Jumlah desimal harus bilangan bulat 0 atau lebih, bukan {desimal!r}")
    kuantum = Decimal(1).scaleb(-desimal)
    with localcontext() as ctx:
        # Enough digits for the integer part plus the decimals, so quantize never fails on large amounts.
        ctx.prec = max(28, angka.adjusted() + desimal + 2)
        ctx.rounding = ROUND_HALF_UP
        try:
            hasil = angka.quantize(kuantum)
        except InvalidOperation as exc:  # pragma: no cover - prec above always suffices
            raise AngkaError(f"Nilai '{angka}' tidak dapat dibulatkan") from exc
    return hasil.copy_abs() if hasil.is_zero() else hasil


def _kelompokkan_ribuan(digit: str) -> str:
    kelompok = []
    while len(digit) > 3:
        kelompok.append(digit[-3:])
        digit = digit[:-3]
    kelompok.append(digit)
    return ".".join(reversed(kelompok))


def format_angka(nilai: Decimal | int | None, desimal: int = 2) -> str:
    """`1234567.891` -> `"1.234.567,89"`; None -> en dash; rounds half-up and never prints `-0,00`."""
    if nilai is None:
        return KOSONG
    dibulatkan = bulatkan(_sebagai_decimal(nilai), desimal)
    bulat, _, pecahan = f"{dibulatkan.copy_abs():f}".partition(".")
    teks = _kelompokkan_ribuan(bulat)
    if desimal > 0:
        teks = f"{teks},{pecahan}"
    return f"-{teks}" if dibulatkan < 0 else teks


def format_persen(nilai: Decimal | None, desimal: int = 2) -> str:
    """A percentage for a table cell: `101.645` -> `"101,65"`; the column header carries the % sign."""
    return format_angka(nilai, desimal)


def format_rupiah(nilai: Decimal | int | None, desimal: int = 0) -> str:
    """`535648948995` -> `"Rp 535.648.948.995"`; a negative amount prints as `"-Rp 1.000"`."""
    if nilai is None:
        return KOSONG
    teks = format_angka(nilai, desimal)
    if teks.startswith("-"):
        return f"-Rp {teks[1:]}"
    return f"Rp {teks}"


NAMA_BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def format_tanggal(tanggal: date | None, kosong: str = KOSONG) -> str:
    """`date(2024, 1, 5)` -> `"5 Januari 2024"`, as dates are written in Indonesian official documents."""
    if tanggal is None:
        return kosong
    return f"{tanggal.day} {NAMA_BULAN[tanggal.month - 1]} {tanggal.year}"


# Sign, optional "Rp"/"Rp." (before or after the sign), the number, an optional "%" or the ",-" that closes a
# rupiah amount in letters and reports ("Rp. 535.648.948.995,-").
_POLA_TEKS = re.compile(
    r"""
    (?P<tanda1>[-+\u2212]?)\s*
    (?:[Rr][Pp]\.?\s*)?
    (?P<tanda2>[-+\u2212]?)\s*
    (?P<angka>[0-9][0-9.,]*)
    \s*(?:%|,-)?
    """,
    re.VERBOSE,
)
# Indonesian: digits, or digits grouped by dots in threes, then optionally a comma and the decimals.
_POLA_INDONESIA = re.compile(r"(?:[0-9]+|[0-9]{1,3}(?:\.[0-9]{3})+)(?:,[0-9]+)?", re.ASCII)
# A decimal point is only accepted where it cannot be a thousands dot: one dot, then one or two digits.
_POLA_TITIK_DESIMAL = re.compile(r"[0-9]+\.[0-9]{1,2}", re.ASCII)


def parse_angka(teks: str) -> Decimal:
    """Read a number as an Indonesian operator types it.

    Accepts `"1.234.567,89"`, `"86,40"`, `"100%"`, `" 71 "`, `"Rp 1.000"`, `"Rp. 1.000,-"`, `"-5,5"`, and
    a plain `"86.40"` only when it cannot be a thousands separator (one dot followed by one or two digits, no
    comma); `"1.000"` is therefore one thousand. Raises AngkaError quoting the text otherwise.
    """
    if not isinstance(teks, str):
        raise AngkaError(f"Angka harus berupa teks, bukan {type(teks).__name__}")
    cocok = _POLA_TEKS.fullmatch(teks.strip())
    if cocok is None:
        raise AngkaError(_pesan_tidak_valid(teks))
    tanda1, tanda2 = cocok["tanda1"], cocok["tanda2"]
    if tanda1 and tanda2:
        raise AngkaError(_pesan_tidak_valid(teks))
    badan = cocok["angka"]
    if _POLA_INDONESIA.fullmatch(badan):
        kanonik = badan.replace(".", "").replace(",", ".")
    elif _POLA_TITIK_DESIMAL.fullmatch(badan):
        kanonik = badan
    else:
        raise AngkaError(_pesan_tidak_valid(teks))
    negatif = (tanda1 or tanda2) in ("-", "\u2212")
    angka = Decimal(kanonik)
    return -angka if negatif and not angka.is_zero() else angka


def _pesan_tidak_valid(teks: str) -> str:
    if not teks.strip():
        return f"Angka tidak valid: '{teks}' (kosong)"
    return f"Angka tidak valid: '{teks}'. Contoh penulisan yang benar: 1.234.567,89 atau 86,40"
