"""Rencana Aksi monev: each quarter's realisasi against its Rencana Aksi target, capaian per quarter and cumulative
to TW-n, and a deviation flag. Pure: no Django; `Decimal` in and out.

Cumulative to TW-n aggregates both the realisasi and the targets of TW I..n by the indicator's own rule (the rule
that adds the four quarters up to the year, `capaian.agregasi_tahunan`): kumulatif sums them, rata-rata averages
them, nilai akhir takes the last quarter with a realisasi. Only quarters with a realisasi count, so a cumulative
capaian compares like with like. A quarter is flagged as a deviation when its cumulative capaian is below
`BATAS_DEVIASI` (the traffic light's green band starts above 90).

A monthly indicator's quarters are its months aggregated by the same rule (`capaian.agregasi_bulanan`); each quarter
row then also carries its three months' realisasi (`bulan`), shown above it. The Rencana Aksi has quarterly targets
only, so a month has no target or capaian of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from sakip.pengukuran import capaian, jadwal

BATAS_DEVIASI = Decimal(90)


@dataclass(frozen=True)
class MonevTriwulan:
    triwulan: int
    target: Decimal | None
    realisasi: Decimal | None
    capaian: Decimal | None  # of the quarter alone
    target_kumulatif: Decimal | None
    realisasi_kumulatif: Decimal | None
    capaian_kumulatif: Decimal | None  # to TW-n
    deviasi: bool
    keterangan: str = ""
    bulan: tuple[tuple[str, Decimal | None], ...] = ()  # (month name, realisasi) of a monthly indicator


def _capaian(
    realisasi: Decimal | None, target: Decimal | None, polaritas: capaian.Polaritas
) -> Decimal | None:
    if realisasi is None or target is None:
        return None
    return capaian.hitung(realisasi=realisasi, target=target, polaritas=polaritas).nilai


def hitung(
    target: Mapping[int, Decimal | None],
    realisasi: Mapping[int, Decimal | None],
    *,
    agregasi: capaian.Agregasi,
    polaritas: capaian.Polaritas = capaian.Polaritas.POSITIF,
    bulan: Mapping[int, Decimal | None] | None = None,
) -> list[MonevTriwulan]:
    """The four quarters' monev rows from TW targets and TW realisasi (keys 1–4; missing or None = not set).
    `bulan` (keys 1–12), given for a monthly indicator, is listed under each quarter; the quarter realisasi passed
    in are already its months aggregated."""
    hasil = []
    for tw in (1, 2, 3, 4):
        t, r = target.get(tw), realisasi.get(tw)
        dilaporkan = [n for n in range(1, tw + 1) if realisasi.get(n) is not None]
        t_kum = r_kum = c_kum = None
        keterangan = ""
        if r is not None and all(target.get(n) is not None for n in dilaporkan):
            r_kum = capaian.agregasi_tahunan({n: realisasi[n] for n in dilaporkan}, agregasi)
            t_kum = capaian.agregasi_tahunan({n: target[n] for n in dilaporkan}, agregasi)
            c_kum = _capaian(r_kum, t_kum, polaritas)
        elif r is not None:
            keterangan = "Target Rencana Aksi belum lengkap"
        hasil.append(
            MonevTriwulan(
                tw,
                t,
                r,
                _capaian(r, t, polaritas),
                t_kum,
                r_kum,
                c_kum,
                c_kum is not None and c_kum < BATAS_DEVIASI,
                keterangan,
                ()
                if bulan is None
                else tuple((jadwal.NAMA_BULAN[b - 1], bulan.get(b)) for b in range(tw * 3 - 2, tw * 3 + 1)),
            )
        )
    return hasil
