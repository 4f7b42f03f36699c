"""Budget absorption (*penyerapan anggaran*).

Penyerapan is money-weighted: Σ realisasi / Σ pagu × 100, summed up the budget tree sub kegiatan → kegiatan →
program → sasaran → unit. The unweighted mean of program percentages, which some reports print (seed 004's
efficiency table does), is a different figure; it is offered here only under its own name so callers label it.

Budget codes follow Permendagri 90/2019 (nomenclature in Kepmendagri 050-5889/2021): program `X.XX.XX`,
kegiatan `X.XX.XX.X.XX`, sub kegiatan `X.XX.XX.X.XX.XXXX`, every X a digit.
"""

from __future__ import annotations

import decimal
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

__all__ = [
    "AnggaranError",
    "PosAnggaran",
    "Tingkat",
    "TotalAnggaran",
    "kode_induk",
    "penyerapan",
    "rata_rata_tidak_tertimbang",
    "rollup",
    "total",
]

# Wide enough that sums of rupiah amounts (≤ 2 decimals) are exact, so a total does not depend on the order of
# its parts; the result of a division keeps 50 significant digits until a display function rounds it.
_KONTEKS = decimal.Context(
    prec=50,
    rounding=decimal.ROUND_HALF_EVEN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
_SERATUS = Decimal(100)


class AnggaranError(ValueError):
    """Invalid budget input (negative amount, malformed code); the message is in Bahasa Indonesia."""


class Tingkat(StrEnum):
    PROGRAM = "program"
    KEGIATAN = "kegiatan"
    SUB_KEGIATAN = "sub_kegiatan"


# Number of dot-separated parts of a code at each level, and the width of each part.
_JUMLAH_BAGIAN = {Tingkat.PROGRAM: 3, Tingkat.KEGIATAN: 5, Tingkat.SUB_KEGIATAN: 6}
_LEBAR_BAGIAN = (1, 2, 2, 1, 2, 4)
_NAMA_TINGKAT = {
    Tingkat.PROGRAM: "program",
    Tingkat.KEGIATAN: "kegiatan",
    Tingkat.SUB_KEGIATAN: "sub kegiatan",
}


def _jumlah_uang(nilai: object, nama: str) -> Decimal:
    if isinstance(nilai, bool) or not isinstance(nilai, Decimal | int):
        raise AnggaranError(f"{nama} harus berupa angka Decimal, bukan {type(nilai).__name__}")
    angka = Decimal(nilai)
    if not angka.is_finite():
        raise AnggaranError(f"{nama} bukan angka yang valid: '{angka}'")
    if angka < 0:
        raise AnggaranError(f"{nama} tidak boleh negatif: {angka}")
    return angka


def _bagian_kode(kode: object) -> list[str]:
    """Split and validate a program, kegiatan or sub kegiatan code."""
    if not isinstance(kode, str):
        raise AnggaranError(f"Kode anggaran harus berupa teks, bukan {type(kode).__name__}")
    bagian = kode.split(".")
    sah = (
        len(bagian) in _JUMLAH_BAGIAN.values()
        and all(len(isi) == lebar for isi, lebar in zip(bagian, _LEBAR_BAGIAN, strict=False))
        and all(isi.isascii() and isi.isdigit() for isi in bagian)
    )
    if not sah:
        raise AnggaranError(
            f"Kode anggaran '{kode}' tidak sesuai format Permendagri 90/2019 "
            "(program X.XX.XX, kegiatan X.XX.XX.X.XX, sub kegiatan X.XX.XX.X.XX.XXXX)"
        )
    return bagian


def _tingkat(tingkat: str) -> Tingkat:
    try:
        return Tingkat(tingkat)
    except ValueError:
        pilihan = ", ".join(t.value for t in Tingkat)
        raise AnggaranError(f"Tingkat '{tingkat}' tidak dikenal; pilih salah satu: {pilihan}") from None


def kode_induk(kode: str, tingkat: Tingkat) -> str:
    """The code of the program, kegiatan or sub kegiatan a code belongs to.

    `kode_induk("4.01.02.2.01.0001", Tingkat.PROGRAM) == "4.01.02"`. Asking for a level deeper than the code
    itself (the kegiatan of a program code) raises AnggaranError.
    """
    tingkat = _tingkat(tingkat)
    bagian = _bagian_kode(kode)
    jumlah = _JUMLAH_BAGIAN[tingkat]
    if len(bagian) < jumlah:
        raise AnggaranError(
            f"Kode '{kode}' tidak memiliki tingkat {_NAMA_TINGKAT[tingkat]}: kodenya kurang rinci"
        )
    return ".".join(bagian[:jumlah])


def penyerapan(*, pagu: Decimal, realisasi: Decimal) -> Decimal | None:
    """realisasi / pagu × 100 at full precision; None when pagu is 0 (nothing to absorb, not 0% absorbed)."""
    pagu = _jumlah_uang(pagu, "Pagu")
    realisasi = _jumlah_uang(realisasi, "Realisasi")
    if pagu.is_zero():
        return None
    with decimal.localcontext(_KONTEKS):
        return realisasi * _SERATUS / pagu


@dataclass(frozen=True)
class PosAnggaran:
    """One budget line, normally a sub kegiatan; program or kegiatan lines are accepted too."""

    kode: str
    pagu: Decimal
    realisasi: Decimal

    def __post_init__(self) -> None:
        _bagian_kode(self.kode)
        object.__setattr__(self, "pagu", _jumlah_uang(self.pagu, "Pagu"))
        object.__setattr__(self, "realisasi", _jumlah_uang(self.realisasi, "Realisasi"))


@dataclass(frozen=True)
class TotalAnggaran:
    """Summed pagu and realisasi of a group of budget lines."""

    pagu: Decimal
    realisasi: Decimal

    def __post_init__(self) -> None:
        object.__setattr__(self, "pagu", _jumlah_uang(self.pagu, "Pagu"))
        object.__setattr__(self, "realisasi", _jumlah_uang(self.realisasi, "Realisasi"))

    @property
    def penyerapan(self) -> Decimal | None:
        """Σ realisasi / Σ pagu × 100 (money-weighted); None when the pagu is 0."""
        return penyerapan(pagu=self.pagu, realisasi=self.realisasi)

    @property
    def sisa(self) -> Decimal:
        """Unspent budget, pagu − realisasi; negative when spending exceeded the pagu."""
        with decimal.localcontext(_KONTEKS):
            return self.pagu - self.realisasi


def total(pos: Iterable[PosAnggaran]) -> TotalAnggaran:
    """Sum the lines; an empty group totals 0 / 0 (whose penyerapan is None)."""
    pagu = realisasi = Decimal(0)
    with decimal.localcontext(_KONTEKS):
        for baris in pos:
            pagu += baris.pagu
            realisasi += baris.realisasi
    return TotalAnggaran(pagu=pagu, realisasi=realisasi)


def rollup(pos: Iterable[PosAnggaran], tingkat: Tingkat) -> dict[str, TotalAnggaran]:
    """Totals per program, kegiatan or sub kegiatan code, ordered by code."""
    kelompok: dict[str, list[PosAnggaran]] = {}
    for baris in pos:
        kelompok.setdefault(kode_induk(baris.kode, tingkat), []).append(baris)
    return {kode: total(kelompok[kode]) for kode in sorted(kelompok)}


def rata_rata_tidak_tertimbang(persen: Iterable[Decimal | None]) -> Decimal | None:
    """The plain mean of percentages, ignoring None (no pagu); None when nothing is left.

    Not the penyerapan of the group: a small program counts as much as a large one. Callers that print it must
    label it, e.g. "rata-rata tidak tertimbang".
    """
    nilai = [p for p in persen if p is not None]
    for p in nilai:
        if isinstance(p, bool) or not isinstance(p, Decimal | int) or not Decimal(p).is_finite():
            raise AnggaranError(f"Persentase harus berupa angka Decimal, bukan {p!r}")
    if not nilai:
        return None
    with decimal.localcontext(_KONTEKS):
        return sum((Decimal(p) for p in nilai), Decimal(0)) / len(nilai)
