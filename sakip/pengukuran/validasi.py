"""Data-quality rules (configured per pemda as AturanValidasi rows) evaluated on realisasi."""

from __future__ import annotations

import datetime as dt
import itertools
import operator
from collections import defaultdict
from collections.abc import Callable
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


OPERATOR: dict[str, Callable[[Decimal, Decimal], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    "≤": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "≥": operator.ge,
    "=": operator.eq,
    "==": operator.eq,
    "!=": operator.ne,
}


def berlaku_untuk(a: AturanValidasi, indikator: Indikator) -> bool:
    return a.indikator_id is None or a.indikator_id == indikator.pk


def _teks(nilai: Decimal | None) -> str:
    """A figure in a rule's message as people type it: 250, 2,5, 88,31 (at most two decimals)."""
    if nilai is None or nilai != nilai.to_integral_value():
        return angka.format_angka(nilai)
    return angka.format_angka(nilai, 0)


def langgar_nilai(
    a: AturanValidasi,
    indikator: Indikator,
    nilai: Decimal | None,
    target: Decimal | None,
    masukan: dict[str, Any] | None = None,
) -> str | None:
    """The message when one value breaks a value rule (None when it keeps it or the rule does not apply)."""
    if nilai is None:
        return None
    p = a.parameter or {}
    if a.jenis == AturanValidasi.Jenis.RENTANG_PERSENTASE:
        if indikator.jenis != JenisIndikator.PERSENTASE or indikator.boleh_melebihi_100:
            return None
        bawah, atas = Decimal(str(p.get("min", "0"))), Decimal(str(p.get("maks", "100")))
        if not bawah <= nilai <= atas:
            return a.pesan or f"Nilai {_teks(nilai)} di luar rentang {_teks(bawah)}–{_teks(atas)}."
    elif a.jenis == AturanValidasi.Jenis.RENTANG_NILAI:
        bawah = None if p.get("min") in (None, "") else Decimal(str(p["min"]))
        atas = None if p.get("maks") in (None, "") else Decimal(str(p["maks"]))
        if (bawah is not None and nilai < bawah) or (atas is not None and nilai > atas):
            return a.pesan or f"Nilai {_teks(nilai)} di luar rentang {_teks(bawah)}–{_teks(atas)}."
    elif a.jenis == AturanValidasi.Jenis.MAKS_TARGET:
        if target is None:
            return None
        k = Decimal(str(p.get("k", "1")))
        if nilai > target * k:
            return a.pesan or (
                f"Nilai {_teks(nilai)} melebihi {_teks(k)} × target ({_teks(target)}) = {_teks(target * k)}."
            )
    elif a.jenis == AturanValidasi.Jenis.PERBANDINGAN:
        nama = {"realisasi": nilai, **({"target": target} if target is not None else {})}
        for k, v in (masukan or {}).items():
            nama[k] = Decimal(str(v))
        try:
            kiri = rumus.hitung(str(p.get("kiri", "realisasi")), nama)
            kanan = rumus.hitung(str(p.get("kanan", "0")), nama)
        except rumus.RumusError:
            return None  # e.g. no target yet: the rule cannot be evaluated, so it is not broken
        op = str(p.get("operator", "<="))
        if op in OPERATOR and not OPERATOR[op](kiri, kanan):
            return a.pesan or (
                f"Syarat {p.get('kiri', 'realisasi')} {op} {p.get('kanan', '0')} tidak terpenuhi "
                f"({_teks(kiri)} {op} {_teks(kanan)})."
            )
    return None


def _menurun(a: AturanValidasi, kini: Realisasi, lalu: Realisasi) -> str:
    return a.pesan or (
        f"{kini.get_periode_display()} ({_teks(kini.nilai)}) lebih kecil "
        f"dari {lalu.get_periode_display()} ({_teks(lalu.nilai)})."
    )


def aturan_pagu(pemda_id: int) -> AturanValidasi | None:
    """The pemda's active "realisasi ≤ pagu" rule for budget lines (an error-level one over a warning), or None:
    then budget entry keeps its own confirmation of realisasi above pagu."""
    aturan = list(
        AturanValidasi.objects.filter(
            pemda_id=pemda_id, aktif=True, jenis=AturanValidasi.Jenis.REALISASI_MAKS_PAGU
        ).order_by("pk")
    )
    return next(
        (a for a in aturan if a.tingkat == AturanValidasi.Tingkat.GALAT), aturan[0] if aturan else None
    )


def langgar_pagu(a: AturanValidasi, *, pagu: Decimal, realisasi: Decimal) -> str | None:
    """The message when a budget line's realisasi is above its pagu under rule `a` (None when it is not)."""
    if realisasi <= pagu:
        return None
    return a.pesan or (
        f"Realisasi ({angka.format_rupiah(realisasi)}) melebihi pagu ({angka.format_rupiah(pagu)})."
    )


def periksa_realisasi(
    aturan: list[AturanValidasi],
    indikator: Indikator,
    rows: list[Realisasi],
    target: Decimal | None = None,
) -> list[Pelanggaran]:
    """Value rules on one indicator's realisasi of one year (rows of all its periods)."""
    hasil: list[Pelanggaran] = []
    for a in aturan:
        if not berlaku_untuk(a, indikator):
            continue
        if a.jenis == AturanValidasi.Jenis.KUMULATIF_MENURUN and indikator.agregasi == "kumulatif":
            tw = sorted(
                (r for r in rows if r.periode in TRIWULAN and r.nilai is not None), key=lambda r: r.periode
            )
            for lalu, kini in itertools.pairwise(tw):
                if kini.nilai < lalu.nilai:  # type: ignore[operator]
                    hasil.append(Pelanggaran(a, indikator, kini.tahun, kini.periode, _menurun(a, kini, lalu)))
        elif a.jenis == AturanValidasi.Jenis.PENYEBUT_NOL and indikator.pakai_rumus:
            for r in rows:
                if not r.masukan:
                    continue
                try:
                    rumus.hitung(indikator.formulasi, {k: angka.parse_angka(v) for k, v in r.masukan.items()})
                except (rumus.RumusError, angka.AngkaError) as exc:
                    if "nol" in str(exc).lower():
                        hasil.append(Pelanggaran(a, indikator, r.tahun, r.periode, str(exc)))
        else:
            for r in rows:
                pesan = langgar_nilai(a, indikator, r.nilai, target, r.masukan)
                if pesan:
                    hasil.append(Pelanggaran(a, indikator, r.tahun, r.periode, pesan))
    return hasil


def periksa_entri(
    *,
    indikator: Indikator,
    pemda_id: int,
    tahun: int,
    periode: str,
    nilai: Decimal | None,
    masukan: dict[str, Any] | None = None,
) -> list[Pelanggaran]:
    """The rules the pemda saved, checked on a value being entered (before it is stored): its breaches, errors and
    warnings. The built-in set shown on the data-quality page is not enforced at entry."""
    aturan = [
        a
        for a in AturanValidasi.objects.filter(pemda_id=pemda_id, aktif=True)
        if berlaku_untuk(a, indikator) and a.jenis != AturanValidasi.Jenis.TERLAMBAT
    ]
    if not aturan or nilai is None:
        return []
    target = (
        queries.target_tahun_indikator([indikator.pk], tahun).get(indikator.pk, queries.TargetTahun()).nilai
    )
    lain = [r for r in Realisasi.objects.filter(indikator=indikator, tahun=tahun) if r.periode != periode]
    baru = Realisasi(indikator=indikator, tahun=tahun, periode=periode, nilai=nilai, masukan=masukan or {})
    hasil = []
    for p in periksa_realisasi(aturan, indikator, [*lain, baru], target):
        if p.periode == periode:
            hasil.append(p)
        elif p.aturan.jenis == AturanValidasi.Jenis.KUMULATIF_MENURUN and periode in TRIWULAN:
            hasil.append(p)  # a quarter entered above a later one: the later one now falls
    return hasil


def daftar_pelanggaran(indikator_qs: Any, tahun: int, hari_ini: dt.date) -> list[Pelanggaran]:
    """Every violation of the visible indicators for the year, including overdue quarters (fixed query count)."""
    indikator = list(
        indikator_qs.filter(sasaran__isnull=False).select_related("renstra__unit_kerja", "penanggung_jawab")
    )
    target = queries.target_tahun_indikator([i.pk for i in indikator], tahun)
    rows: dict[int, list[Realisasi]] = defaultdict(list)
    for r in Realisasi.objects.filter(indikator__in=[i.pk for i in indikator], tahun=tahun):
        rows[r.indikator_id].append(r)
    aturan_cache: dict[int, list[AturanValidasi]] = {}
    hasil: list[Pelanggaran] = []
    for ind in indikator:
        pemda_id = ind.renstra.unit_kerja.pemda_id
        if pemda_id not in aturan_cache:
            aturan_cache[pemda_id] = aturan_aktif(pemda_id)
        hasil += periksa_realisasi(
            aturan_cache[pemda_id], ind, rows.get(ind.pk, []), target.get(ind.pk, queries.TargetTahun()).nilai
        )
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
