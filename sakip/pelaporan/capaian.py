"""Feeds the product's own capaian (pengukuran) into the budget tables (anggaran), which sit beside measurement
in the layers and so cannot ask for it themselves."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sakip.pengukuran import kini
from sakip.perencanaan.models import PerjanjianKinerja, RencanaStrategis


def capaian_per_sasaran(renstra: RencanaStrategis, tahun: int, user: Any) -> dict[int, Decimal | None]:
    tabel = kini.tabel(renstra, tahun)
    return {s.sasaran.pk: s.rollup.nilai for s in tabel.sasaran}


def capaian_per_baris_pk(
    perjanjian: PerjanjianKinerja, user: Any
) -> dict[int, tuple[Decimal | None, Decimal | None]]:
    tabel = kini.tabel(perjanjian.renstra, perjanjian.tahun)
    per_indikator = {b.indikator.pk: (b.realisasi, b.hasil.nilai, b.realisasi_teks) for b in tabel.baris}
    return {
        line.pk: per_indikator.get(line.indikator_id, (None, None))
        for line in perjanjian.indikator.only("pk", "indikator_id")
    }


def register() -> None:
    from sakip.anggaran import queries as anggaran

    anggaran.daftarkan_penyedia_capaian(sasaran=capaian_per_sasaran, indikator=capaian_per_baris_pk)
