"""Data-quality rules (configured per pemda as AturanValidasi rows) evaluated on realisasi."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sakip.lib import angka, rumus
from sakip.pengukuran import queries
from sakip.pengukuran.models import TRIWULAN, AturanValidasi, Realisasi
from sakip.perencanaan.models import Indikator, JenisIndikator

BAWAAN = [
    (
        AturanValidasi.Jenis.RENTANG_PERSENTASE,
        "Persentase harus di antara 0 dan 100",
        {"min": "0", "maks": "100"},
    ),
    (AturanValidasi.Jenis.KUMULATIF_MENURUN, "Indikator kumulatif tidak boleh menurun antar triwulan", {}),
    (AturanValidasi.Jenis.PENYEBUT_NOL, "Penyebut rumus tidak boleh nol", {}),
    (AturanValidasi.Jenis.TERLAMBAT, "Realisasi triwulan wajib diisi sebelum tenggat", {}),
]


@dataclass(frozen=True)
class Pelanggaran:
    aturan: AturanValidasi
    indikator: Indikator
    tahun: int
    periode: str
    pesan: str

    @property
    def galat(self) -> bool:
        return self.aturan.tingkat == AturanValidasi.Tingkat.GALAT


def aturan_aktif(pemda_id: int) -> list[AturanValidasi]:
    """The pemda's active rules; the built-in set (as warnings) when the admin configured none."""
    rows = list(AturanValidasi.objects.filter(pemda_id=pemda_id))
    if not rows:
        rows = [AturanValidasi(pemda_id=pemda_id, jenis=j, nama=n, parameter=p) for j, n, p in BAWAAN]
    return [r for r in rows if r.aktif]


def periksa_realisasi(
    aturan: list[AturanValidasi], indikator: Indikator, rows: list[Realisasi]
) -> list[Pelanggaran]:
    """Value rules on one indicator's realisasi of one year (rows of all its periods)."""
    hasil: list[Pelanggaran] = []
    for a in aturan:
        if (
            a.jenis == AturanValidasi.Jenis.RENTANG_PERSENTASE
            and indikator.jenis == JenisIndikator.PERSENTASE
        ):
            if indikator.boleh_melebihi_100:
                continue
            bawah = Decimal(str(a.parameter.get("min", "0")))
            atas = Decimal(str(a.parameter.get("maks", "100")))
            for r in rows:
                if r.nilai is not None and not bawah <= r.nilai <= atas:
                    hasil.append(
                        Pelanggaran(
                            a,
                            indikator,
                            r.tahun,
                            r.periode,
                            f"Nilai {angka.format_angka(r.nilai)} di luar rentang "
                            f"{angka.format_angka(bawah)}–{angka.format_angka(atas)}.",
                        )
                    )
        elif a.jenis == AturanValidasi.Jenis.KUMULATIF_MENURUN and indikator.agregasi == "kumulatif":
            tw = sorted(
                (r for r in rows if r.periode in TRIWULAN and r.nilai is not None), key=lambda r: r.periode
            )
            for lalu, kini in itertools.pairwise(tw):
                if kini.nilai < lalu.nilai:  # type: ignore[operator]
                    hasil.append(
                        Pelanggaran(
                            a,
                            indikator,
                            kini.tahun,
                            kini.periode,
                            f"{kini.get_periode_display()} ({angka.format_angka(kini.nilai)}) lebih kecil "
                            f"dari {lalu.get_periode_display()} ({angka.format_angka(lalu.nilai)}).",
                        )
                    )
        elif a.jenis == AturanValidasi.Jenis.PENYEBUT_NOL and indikator.pakai_rumus:
            for r in rows:
                if not r.masukan:
                    continue
                try:
                    rumus.hitung(indikator.formulasi, {k: angka.parse_angka(v) for k, v in r.masukan.items()})
                except (rumus.RumusError, angka.AngkaError) as exc:
                    if "nol" in str(exc).lower():
                        hasil.append(Pelanggaran(a, indikator, r.tahun, r.periode, str(exc)))
    return hasil


def daftar_pelanggaran(indikator_qs: Any, tahun: int, hari_ini: dt.date) -> list[Pelanggaran]:
    """Every violation of the visible indicators for the year, including overdue quarters (fixed query count)."""
    indikator = list(
        indikator_qs.filter(sasaran__isnull=False).select_related("renstra__unit_kerja", "penanggung_jawab")
    )
    rows: dict[int, list[Realisasi]] = defaultdict(list)
    for r in Realisasi.objects.filter(indikator__in=[i.pk for i in indikator], tahun=tahun):
        rows[r.indikator_id].append(r)
    aturan_cache: dict[int, list[AturanValidasi]] = {}
    hasil: list[Pelanggaran] = []
    for ind in indikator:
        pemda_id = ind.renstra.unit_kerja.pemda_id
        if pemda_id not in aturan_cache:
            aturan_cache[pemda_id] = aturan_aktif(pemda_id)
        hasil += periksa_realisasi(aturan_cache[pemda_id], ind, rows.get(ind.pk, []))
    for pemda_id, aturan in aturan_cache.items():
        terlambat = next((a for a in aturan if a.jenis == AturanValidasi.Jenis.TERLAMBAT), None)
        if terlambat is None:
            continue
        hari = terlambat.parameter.get("hari_tenggat")
        qs = indikator_qs.filter(renstra__unit_kerja__pemda_id=pemda_id)
        for baris in queries.kelengkapan(qs, tahun, hari_ini, int(hari) if hari is not None else None):
            for sel in baris.sel:
                if sel.terlambat:
                    hasil.append(
                        Pelanggaran(
                            terlambat,
                            baris.indikator,
                            tahun,
                            sel.periode,
                            f"Belum diisi; tenggat {sel.tenggat:%d-%m-%Y} sudah lewat.",
                        )
                    )
    return hasil
