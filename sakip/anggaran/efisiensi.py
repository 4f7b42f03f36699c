"""Efficiency of resource use per sasaran (*tingkat efisiensi*).

Three methods are in use among pemda; which one a table uses is a per-pemda setting and must be printed
with the table (`NAMA_METODE`):

- SELISIH (seed 004, table 3.16): capaian kinerja % − penyerapan anggaran %, in percentage points.
  Efficient only when strictly positive: equal percentages mean the money bought exactly the performance it
  was meant to, which is not *more* efficient.
- PENGHEMATAN: (pagu − realisasi) / pagu × 100, counted only when the target is met (capaian ≥ 100); otherwise
  the value is 0 and the result is not efficient, because savings on an unmet target are under-spending.
  Efficient when the savings are strictly positive.
- INDEKS: IE = capaian % / penyerapan %; efficient when IE ≥ 1.

The penyerapan used is always the money-weighted one (`serapan.penyerapan`). Missing capaian, a pagu of 0 or
(for INDEKS) nothing spent give `nilai=None, efisien=None` with a keterangan saying why.
"""

from __future__ import annotations

import decimal
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from sakip.anggaran import serapan

__all__ = ["NAMA_METODE", "HasilEfisiensi", "MetodeEfisiensi", "hitung"]

_KONTEKS = decimal.Context(
    prec=50,
    rounding=decimal.ROUND_HALF_EVEN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
_SERATUS = Decimal(100)


class MetodeEfisiensi(StrEnum):
    SELISIH = "selisih"
    PENGHEMATAN = "penghematan"
    INDEKS = "indeks"


# Printed under a table so readers know how its efficiency column was computed.
NAMA_METODE: dict[MetodeEfisiensi, str] = {
    MetodeEfisiensi.SELISIH: (
        "Selisih capaian dan penyerapan: tingkat efisiensi = capaian kinerja (%) − penyerapan anggaran (%), "
        "dalam poin persen; efisien bila hasilnya lebih dari 0"
    ),
    MetodeEfisiensi.PENGHEMATAN: (
        "Penghematan anggaran: tingkat efisiensi = (pagu − realisasi) / pagu × 100, "
        "dihitung hanya bila target kinerja tercapai (capaian ≥ 100%); efisien bila hasilnya lebih dari 0"
    ),
    MetodeEfisiensi.INDEKS: (
        "Indeks efisiensi: IE = capaian kinerja (%) / penyerapan anggaran (%); efisien bila IE ≥ 1"
    ),
}

_RUMUS = {
    MetodeEfisiensi.SELISIH: "Tingkat efisiensi = capaian kinerja (%) − penyerapan anggaran (%)",
    MetodeEfisiensi.PENGHEMATAN: "Tingkat efisiensi = (pagu − realisasi) / pagu × 100",
    MetodeEfisiensi.INDEKS: "IE = capaian kinerja (%) / penyerapan anggaran (%)",
}


@dataclass(frozen=True)
class HasilEfisiensi:
    """`nilai` at full precision (round with `lib.angka` to display); `keterangan` says how it was found."""

    nilai: Decimal | None
    metode: MetodeEfisiensi
    efisien: bool | None
    keterangan: str


def _metode(metode: str) -> MetodeEfisiensi:
    try:
        return MetodeEfisiensi(metode)
    except ValueError:
        pilihan = ", ".join(m.value for m in MetodeEfisiensi)
        raise serapan.AnggaranError(
            f"Metode efisiensi '{metode}' tidak dikenal; pilih salah satu: {pilihan}"
        ) from None


def hitung(
    *, metode: MetodeEfisiensi, capaian: Decimal | None, pagu: Decimal, realisasi: Decimal
) -> HasilEfisiensi:
    """The efficiency of one sasaran from its capaian (%) and its total pagu and realisasi."""
    metode = _metode(metode)
    persen_serapan = serapan.penyerapan(pagu=pagu, realisasi=realisasi)
    rumus = _RUMUS[metode]

    def tidak_dapat_dihitung(alasan: str) -> HasilEfisiensi:
        return HasilEfisiensi(None, metode, None, f"{rumus}. Tidak dapat dihitung: {alasan}")

    if capaian is None:
        return tidak_dapat_dihitung("capaian kinerja belum ada")
    if (
        isinstance(capaian, bool)
        or not isinstance(capaian, Decimal | int)
        or not Decimal(capaian).is_finite()
    ):
        raise serapan.AnggaranError(f"Capaian harus berupa angka Decimal, bukan {capaian!r}")
    capaian = Decimal(capaian)
    if persen_serapan is None:
        return tidak_dapat_dihitung("pagu anggaran bernilai 0")

    with decimal.localcontext(_KONTEKS):
        if metode is MetodeEfisiensi.SELISIH:
            selisih = capaian - persen_serapan
            return HasilEfisiensi(
                selisih, metode, selisih > 0, f"{rumus}; efisien bila hasilnya lebih dari 0"
            )
        if metode is MetodeEfisiensi.PENGHEMATAN:
            if capaian < _SERATUS:
                return HasilEfisiensi(
                    Decimal(0),
                    metode,
                    False,
                    f"{rumus}. Penghematan tidak dihitung (nilai 0) karena target kinerja belum tercapai "
                    "(capaian kurang dari 100%)",
                )
            hemat = (pagu - realisasi) * _SERATUS / pagu
            return HasilEfisiensi(hemat, metode, hemat > 0, f"{rumus}; efisien bila hasilnya lebih dari 0")
        if persen_serapan.is_zero():
            return tidak_dapat_dihitung("realisasi anggaran bernilai 0 sehingga penyerapan 0%")
        indeks = capaian / persen_serapan
        return HasilEfisiensi(indeks, metode, indeks >= 1, f"{rumus}; efisien bila IE ≥ 1")
