"""Unit capaian of many Renstra at once (the pemda and national overviews), at a cost that does not grow in Python
with the number of indicators.

`tabel_capaian_banyak` builds every indicator row as objects: right for one unit's dashboard and the report, too slow
for a ministry looking at 20.000 units (1,6 million realisasi). `rekap_banyak` returns only what an overview shows:
per Renstra the number of sasaran and indicators, the unit capaian with its method, and its category.

On PostgreSQL the plain indicators (numeric, no formula, a single target, non-negative values) are computed inside the
database in one statement: the year's value (the yearly entry, else the quarters by the indicator's rule), the
capaian by polarity with the zero-target rule, the pemda's cap, and per sasaran the sum, count and missing count. The
database's `numeric` is exact for sums and keeps 28 decimals in the divisions. A formula indicator whose yearly entry
has its inputs comes back as scalars (formula, inputs, target, polarity): Python evaluates the formula exactly (the
stored value keeps 6 decimals) and applies the same capaian function, without loading any model. Every other indicator
(predikat, range target, negative values, monthly values without a yearly entry) is computed in Python by the
reference functions (`hitung_baris`), and all are merged per sasaran before the means are taken in Python with
`Decimal`. On SQLite (whose arithmetic on decimals is
floating point) everything goes through the reference path.

The result equals `tabel_capaian_banyak` (tests compare both on the demo and on generated data).
"""

from __future__ import annotations

import contextlib
import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction

from sakip.lib import rumus, skala
from sakip.pengukuran import capaian
from sakip.pengukuran import queries as q
from sakip.pengukuran.models import PengaturanPengukuran, Realisasi, pengaturan_banyak
from sakip.perencanaan.models import Indikator, PerjanjianKinerja, RencanaStrategis

NOL = Decimal(0)


@dataclass
class RekapRenstra:
    renstra: RencanaStrategis
    tahun: int
    jumlah_sasaran: int
    jumlah_indikator: int
    unit: capaian.HasilRollup
    kategori_unit: skala.Pita | None


class _Sasaran:
    """Capped capaian of a sasaran's indicators: the sum and count of those with a value computed by the database,
    the count without a value, and the values computed in Python (kept apart for ordered summing)."""

    __slots__ = ("dihitung", "jumlah", "kosong", "nilai")

    def __init__(self, jumlah: Decimal = NOL, dihitung: int = 0, kosong: int = 0) -> None:
        self.jumlah, self.dihitung, self.kosong = jumlah, dihitung, kosong
        self.nilai: list[Decimal] = []

    def tambah(self, nilai: Decimal | None) -> None:
        if nilai is None:
            self.kosong += 1
        else:
            self.nilai.append(nilai)

    def total(self) -> tuple[Decimal, int]:
        if not self.nilai:
            return self.jumlah, self.dihitung
        return self.jumlah + capaian._jumlah(self.nilai), self.dihitung + len(self.nilai)


@dataclass(frozen=True)
class _Aturan:
    """A pemda's settings as the rollup reads them, converted once per pemda rather than once per Renstra."""

    pengaturan: PengaturanPengukuran
    skala: skala.Skala
    kebijakan: capaian.KebijakanKosong
    metode: capaian.MetodeRollup

    @classmethod
    def dari(cls, atur: PengaturanPengukuran) -> _Aturan:
        return cls(
            atur,
            q._skala(atur),
            capaian.KebijakanKosong(atur.kebijakan_kosong),
            capaian.MetodeRollup(atur.metode_rollup),
        )


def _pengaturan(pemda: set[int], tahun: int) -> dict[int, PengaturanPengukuran]:
    # One settings object per pemda (the one in effect in the year), not one per Renstra.
    return pengaturan_banyak(pemda, tahun)


# One statement: the year's value and target of every plain indicator, its capaian, capped, summed per sasaran.
# Parameters: tahun, the Renstra ids and, in the same order, each one's cap (its pemda's `batas_capaian`, or NULL).
# Status 'diganti' PK are replaced versions. Shaped for speed at national scale (1,6 million realisasi):
# - the realisasi are aggregated per indicator with `max` only, which PostgreSQL computes in parallel workers and
#   combines cheaply (`array_agg` has no combine function before PostgreSQL 16; `sum`'s numeric state is serialised
#   between processes): the unique constraint allows one row per (indicator, year, period), so the max of a period
#   is its value, and the quarters' sum, count and last value follow from the four;
# - the per-indicator row is computed once in a subquery kept apart by `OFFSET 0` (otherwise the planner copies the
#   capaian expression into every aggregate that reads it and evaluates it four times);
# - each Renstra's cap comes in as an array beside its id, instead of joining Renstra, unit and settings.
_SQL_POLOS = r"""
WITH pk AS (
    SELECT DISTINCT ON (l.indikator_id) l.indikator_id, l.target
    FROM perencanaan_pkindikator l JOIN perencanaan_perjanjiankinerja p ON p.id = l.perjanjian_id
    WHERE p.tahun = %(tahun)s AND p.status <> %(diganti)s AND p.renstra_id = ANY(%(renstra)s)
    ORDER BY l.indikator_id, p.versi DESC, l.id DESC
),
n AS (
    SELECT r.indikator_id,
           max(r.nilai) FILTER (WHERE r.periode = 'TAHUN') AS tahunan,
           -- Each quarter's value (at most one row per quarter): its sum, count and last value follow from them.
           max(r.nilai) FILTER (WHERE r.periode = 'TW1') AS tw1,
           max(r.nilai) FILTER (WHERE r.periode = 'TW2') AS tw2,
           max(r.nilai) FILTER (WHERE r.periode = 'TW3') AS tw3,
           max(r.nilai) FILTER (WHERE r.periode = 'TW4') AS tw4,
           -- Any monthly value (B01–B12): the quarters come from the months, computed by the reference path.
           max(r.periode) FILTER (WHERE left(r.periode, 1) = 'B') AS bulan,
           -- The yearly entry's formula inputs: a formula indicator's exact value is computed in Python.
           max(CAST(r.masukan AS text)) FILTER (
               WHERE r.periode = 'TAHUN' AND r.nilai IS NOT NULL
                     AND jsonb_typeof(r.masukan) = 'object' AND r.masukan <> '{}'::jsonb
           ) AS masukan
    FROM pengukuran_realisasi r
    WHERE r.tahun = %(tahun)s
      AND r.indikator_id IN (SELECT ri.id FROM perencanaan_indikator ri WHERE ri.renstra_id = ANY(%(renstra)s))
    GROUP BY r.indikator_id
),
b AS (SELECT * FROM unnest(CAST(%(renstra)s AS bigint[]), CAST(%(batas)s AS numeric[])) AS b(renstra_id, batas))
-- Per sasaran: the capped sum, count and missing count of the plain indicators (kelas 0), the ids of those the
-- reference functions compute (kelas 1: predikat, range targets, negative values, monthly values without a yearly
-- entry), and the scalars of the formula
-- indicators whose yearly value Python evaluates (kelas 2).
-- (LEAST ignores NULLs in PostgreSQL: a missing capaian must stay missing, not become the cap.)
SELECT renstra_id, sasaran_id,
       sum(CASE WHEN capaian IS NOT NULL THEN LEAST(capaian, COALESCE(batas, capaian)) END) FILTER (WHERE kelas = 0),
       count(capaian) FILTER (WHERE kelas = 0),
       count(*) FILTER (WHERE kelas = 0 AND capaian IS NULL),
       array_agg(id) FILTER (WHERE kelas = 1),
       json_agg(rumus) FILTER (WHERE kelas = 2)
FROM (
    SELECT i.id, i.renstra_id, i.sasaran_id, b.batas, k.kelas,
           CASE WHEN k.kelas = 2 THEN
               json_build_array(i.formulasi, CAST(n.masukan AS json), CAST(v.target AS text), i.polaritas)
           END AS rumus,
           CASE
               WHEN k.kelas <> 0 OR v.target IS NULL OR v.nilai IS NULL THEN NULL
               WHEN v.target = 0 THEN
                   CASE WHEN (i.polaritas = 'positif' AND v.nilai >= 0) OR (i.polaritas = 'negatif' AND v.nilai <= 0)
                             OR (i.polaritas = 'stabil' AND v.nilai = 0) THEN 100 ELSE 0 END
               WHEN i.polaritas = 'positif' THEN CAST(v.nilai AS numeric(60, 28)) / v.target * 100
               WHEN i.polaritas = 'negatif' THEN
                   GREATEST(100 - CAST(v.nilai - v.target AS numeric(60, 28)) / v.target * 100, 0)
               ELSE GREATEST(100 - CAST(abs(v.nilai - v.target) AS numeric(60, 28)) / v.target * 100, 0)
           END AS capaian
    FROM perencanaan_indikator i
    LEFT JOIN b ON b.renstra_id = i.renstra_id  -- (LEFT: an inner join with a function result is estimated at 1 row)
    LEFT JOIN perencanaan_target t ON t.indikator_id = i.id AND t.tahun = %(tahun)s
    LEFT JOIN pk ON pk.indikator_id = i.id
    LEFT JOIN n ON n.indikator_id = i.id
    CROSS JOIN LATERAL (
        SELECT COALESCE(n.tw1, 0) + COALESCE(n.tw2, 0) + COALESCE(n.tw3, 0) + COALESCE(n.tw4, 0) AS jumlah,
               CAST(n.tw1 IS NOT NULL AS int) + CAST(n.tw2 IS NOT NULL AS int) + CAST(n.tw3 IS NOT NULL AS int)
                   + CAST(n.tw4 IS NOT NULL AS int) AS banyak
    ) tw
    CROSS JOIN LATERAL (
        SELECT CASE WHEN pk.indikator_id IS NOT NULL THEN pk.target ELSE t.nilai END AS target,
               CASE
                   WHEN n.tahunan IS NOT NULL THEN n.tahunan
                   WHEN tw.banyak = 0 THEN NULL
                   WHEN i.agregasi = 'nilai_akhir' THEN COALESCE(n.tw4, n.tw3, n.tw2, n.tw1)
                   WHEN i.agregasi = 'kumulatif' THEN tw.jumlah
                   ELSE CAST(tw.jumlah AS numeric(60, 28)) / tw.banyak
               END AS nilai
    ) v
    CROSS JOIN LATERAL (
        -- (v.target < 0 is NULL when there is no target: CASE treats that as false, as it should.)
        SELECT CASE
                   WHEN i.jenis = 'predikat' OR v.target < 0 OR v.nilai < 0
                        OR (t.nilai_atas IS NOT NULL AND v.target IS NOT NULL)
                        OR (n.bulan IS NOT NULL AND n.tahunan IS NULL) THEN 1
                   WHEN n.masukan IS NOT NULL AND i.formulasi !~ '^\s*$' THEN 2
                   ELSE 0
               END AS kelas
    ) k
    WHERE i.renstra_id = ANY(%(renstra)s) AND i.sasaran_id IS NOT NULL
    OFFSET 0
) hasil
GROUP BY renstra_id, sasaran_id
"""

# From this many Renstra on (several provinces' worth; the overview pages show 100) the statement is worth parallel
# workers, the realisasi aggregation being split between them, and the garbage collector is paused (`_gc_ditunda`).
# Below it starting workers costs more than it saves.
_BESAR = 1000
_PARALEL = (
    "SET LOCAL parallel_setup_cost = 0",
    "SET LOCAL parallel_tuple_cost = 0",
    "SET LOCAL min_parallel_table_scan_size = 0",
    "SET LOCAL min_parallel_index_scan_size = 0",
)


def rekap_banyak(renstra_list: list[RencanaStrategis], tahun: int) -> list[RekapRenstra]:
    """Unit capaian of each Renstra for the year; the Renstra need `unit_kerja` selected (see `renstra_berlaku`)."""
    if not renstra_list:
        return []
    if connection.vendor != "postgresql":
        return [_dari_tabel(t) for t in q.tabel_capaian_banyak(renstra_list, tahun)]
    if len(renstra_list) < _BESAR:
        return _rekap(renstra_list, tahun)
    with _gc_ditunda():
        return _rekap(renstra_list, tahun)


@contextlib.contextmanager
def _gc_ditunda() -> Iterator[None]:
    """Python's cyclic garbage collector paused for a national-scale rekap. Its full collections scan every live
    object, the 20.000 Renstra (with their units and pemda) passed in included, each time enough new rows and
    results have been allocated: measured 0,25 s of 2,8 s, for objects none of which can be garbage (the rekap
    builds no reference cycles). Reference counting still frees everything; the collector is resumed afterwards,
    and only if it was running (another thread may have paused it)."""
    aktif = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if aktif:
            gc.enable()


def _rekap(renstra_list: list[RencanaStrategis], tahun: int) -> list[RekapRenstra]:
    ids = [r.pk for r in renstra_list]
    pemda_renstra = [r.unit_kerja.pemda_id for r in renstra_list]
    pengaturan = _pengaturan(set(pemda_renstra), tahun)
    per_renstra: dict[int, dict[int, _Sasaran]] = defaultdict(dict)
    jumlah_indikator: dict[int, int] = defaultdict(int)
    with transaction.atomic(), connection.cursor() as cur:
        # The sorts and hashes of a national rekap (300.000 indicators) spill to disk at the default 4 MB, and
        # PostgreSQL's JIT compiler spends seconds optimising this statement (measured: 6,7 of 16 s) to save none.
        cur.execute("SET LOCAL work_mem = '64MB'")
        cur.execute("SET LOCAL jit = off")
        if len(ids) >= _BESAR:
            # The planner's default costs keep this statement serial; the aggregation halves with two workers.
            for pengaturan_pg in _PARALEL:
                cur.execute(pengaturan_pg)
        batas_renstra = [pengaturan[pemda_id].batas_capaian for pemda_id in pemda_renstra]
        cur.execute(
            _SQL_POLOS,
            {
                "renstra": ids,
                "batas": batas_renstra,
                "tahun": tahun,
                "diganti": PerjanjianKinerja.Status.DIGANTI,
            },
        )
        rumit: list[int] = []
        batas = dict(zip(ids, batas_renstra, strict=True))
        for renstra_id, sasaran_id, jumlah, dihitung, kosong, ids_rumit, rumus_tahunan in cur.fetchall():
            # One row per (Renstra, sasaran): the indicators computed in Python are added to it below.
            s = _Sasaran(jumlah or NOL, dihitung, kosong)
            per_renstra[renstra_id][sasaran_id] = s
            jumlah_indikator[renstra_id] += dihitung + kosong
            if ids_rumit:
                rumit.extend(ids_rumit)
            if rumus_tahunan:
                for formulasi, masukan, target, polaritas in rumus_tahunan:
                    s.tambah(_capaian_rumus(formulasi, masukan, target, polaritas, batas[renstra_id]))
                jumlah_indikator[renstra_id] += len(rumus_tahunan)

    if rumit:
        _tambah_rumit(rumit, tahun, pengaturan, per_renstra, jumlah_indikator)

    aturan = {pemda_id: _Aturan.dari(atur) for pemda_id, atur in pengaturan.items()}
    kosong: dict[int, _Sasaran] = {}
    hasil = []
    for renstra, pemda_id in zip(renstra_list, pemda_renstra, strict=True):
        atur = aturan[pemda_id]
        sasaran = per_renstra.get(renstra.pk, kosong)
        unit = _rollup_unit(sasaran.values(), atur)
        hasil.append(
            RekapRenstra(
                renstra,
                tahun,
                len(sasaran),
                jumlah_indikator.get(renstra.pk, 0),
                unit,
                q._klasifikasi(atur.skala, unit.nilai),
            )
        )
    return hasil


_POLARITAS = {p.value: p for p in capaian.Polaritas}


def _capaian_rumus(
    formulasi: str, masukan: dict[str, str], target: str | None, polaritas: str, batas: Decimal | None
) -> Decimal | None:
    """Capped capaian of a formula indicator whose yearly entry has its inputs: the value exactly as
    `queries.nilai_tepat` computes it (the stored column keeps 6 decimals), then `hitung_baris`'s numeric branch.
    The SQL has already sent predikat, range, negative and target-less-but-ranged cases to the reference path."""
    if target is None:
        return None
    nilai = rumus.hitung(formulasi, {k: Decimal(v) for k, v in masukan.items()})
    hasil = capaian.hitung(realisasi=nilai, target=Decimal(target), polaritas=_POLARITAS[polaritas])
    return capaian.terapkan_batas(hasil.nilai, batas)


class _Baris:
    """The fields of a realisasi the reference functions read (`realisasi_tahunan`, `nilai_tepat`), without the
    cost of a model instance: the national rekap may pass 100.000 of them."""

    __slots__ = ("masukan", "nilai", "nilai_predikat", "periode")

    def __init__(
        self, periode: str, nilai: Decimal | None, nilai_predikat: str, masukan: dict[str, str]
    ) -> None:
        self.periode, self.nilai, self.nilai_predikat, self.masukan = periode, nilai, nilai_predikat, masukan

    @property
    def terisi(self) -> bool:
        return self.nilai is not None or bool(self.nilai_predikat)


def _tambah_rumit(
    rumit: list[int],
    tahun: int,
    pengaturan_pemda: dict[int, PengaturanPengukuran],
    per_renstra: dict[int, dict[int, _Sasaran]],
    jumlah_indikator: dict[int, int],
) -> None:
    """The indicators the SQL does not compute, through the reference functions (`realisasi_tahunan`,
    `hitung_baris`)."""
    kolom = (
        "pk",
        "renstra_id",
        "sasaran_id",
        "jenis",
        "polaritas",
        "agregasi",
        "formulasi",
        "skala_predikat",
        "frekuensi",
    )
    indikator = [
        (pemda_id, Indikator(**dict(zip(kolom, baris, strict=True))))
        for *baris, pemda_id in Indikator.objects.filter(pk__in=rumit).values_list(
            *kolom, "renstra__unit_kerja__pemda_id"
        )
    ]
    target = q.target_tahun_indikator(rumit, tahun)
    realisasi: dict[int, list[_Baris]] = defaultdict(list)
    for ind_id, *baris in Realisasi.objects.filter(indikator_id__in=rumit, tahun=tahun).values_list(
        "indikator_id", "periode", "nilai", "nilai_predikat", "masukan"
    ):
        realisasi[ind_id].append(_Baris(*baris))
    kosong = q.TargetTahun()
    for pemda_id, ind in indikator:
        atur = pengaturan_pemda[pemda_id]
        nilai, predikat, _ = q.realisasi_tahunan(ind, realisasi.get(ind.pk, []))  # type: ignore[arg-type]
        hasil, _ = q.hitung_baris(ind, target.get(ind.pk, kosong), nilai, predikat, atur)
        s = per_renstra[ind.renstra_id].setdefault(ind.sasaran_id, _Sasaran())
        s.tambah(capaian.terapkan_batas(hasil.nilai, atur.batas_capaian))
        jumlah_indikator[ind.renstra_id] += 1


def _rollup_unit(sasaran: Iterable[_Sasaran], aturan: _Aturan) -> capaian.HasilRollup:
    """`capaian.rollup_unit` on per-sasaran sums: the same means, counts and labels."""
    kebijakan, metode, batas = aturan.kebijakan, aturan.metode, aturan.pengaturan.batas_capaian
    nol = kebijakan is capaian.KebijakanKosong.HITUNG_NOL
    if metode is capaian.MetodeRollup.RATA_RATA_INDIKATOR:
        jumlah = NOL
        dihitung = kosong = 0
        for s in sasaran:
            j, d = s.total()
            jumlah += j
            dihitung += d + (s.kosong if nol else 0)
            kosong += s.kosong
        nilai = jumlah / dihitung if dihitung else None
        return capaian.HasilRollup(nilai, dihitung, kosong, kebijakan, metode, batas)
    rerata: list[Decimal] = []
    kosong = 0
    for s in sasaran:
        j, d = s.total()
        n = d + (s.kosong if nol else 0)
        if d == 0:
            kosong += 1
        if n:
            rerata.append(j / n)
    nilai = capaian._jumlah(rerata) / len(rerata) if rerata else None
    return capaian.HasilRollup(nilai, len(rerata), kosong, kebijakan, metode, batas)


def _dari_tabel(t: q.TabelCapaian) -> RekapRenstra:
    return RekapRenstra(t.renstra, t.tahun, len(t.sasaran), len(t.baris), t.unit, t.kategori_unit)
