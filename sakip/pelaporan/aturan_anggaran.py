"""Feeds the pemda's "realisasi ≤ pagu" validation rule (pengukuran's `AturanValidasi`) into budget entry
(anggaran), which sits beside measurement in the layers and so cannot read the rules itself."""

from __future__ import annotations

from decimal import Decimal

from sakip.anggaran import services as anggaran
from sakip.pengukuran import validasi


def aturan_pagu(pemda_id: int) -> anggaran.AturanPagu | None:
    aturan = validasi.aturan_pagu(pemda_id)
    if aturan is None:
        return None

    def pesan(pagu: Decimal, realisasi: Decimal) -> str:
        return validasi.langgar_pagu(aturan, pagu=pagu, realisasi=realisasi) or ""

    return anggaran.AturanPagu(galat=aturan.tingkat == aturan.Tingkat.GALAT, pesan=pesan)


def register() -> None:
    anggaran.daftarkan_aturan_pagu(aturan_pagu)
