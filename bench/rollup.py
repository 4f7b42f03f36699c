"""Benchmark (a): all unit capaian of one year through the product (`sakip.pengukuran.rekap.rekap_banyak`, the
pemda/national overview) versus one hand-written SQL aggregate over the same rows: the practical floor."""

from __future__ import annotations

import time

from django.db import connection

# The floor: the same rows (every realisasi of the year), the yearly value (the yearly entry, else the last
# quarter), the Renstra target, capaian by polarity, mean per sasaran, mean per Renstra. It skips what the product
# adds (PK targets, aggregation rules, zero/range targets, formulas, predikat, caps, missing-value policy, labels).
SQL_DASAR = """
SELECT s.renstra_id, avg(s.capaian)
FROM (
    SELECT i.renstra_id, i.sasaran_id,
           avg(CASE i.polaritas
                   WHEN 'positif' THEN v.nilai / t.nilai * 100
                   WHEN 'negatif' THEN GREATEST(100 - (v.nilai - t.nilai) / t.nilai * 100, 0)
                   ELSE GREATEST(100 - abs(v.nilai - t.nilai) / t.nilai * 100, 0)
               END) AS capaian
    FROM (
        SELECT r.indikator_id,
               COALESCE(max(r.nilai) FILTER (WHERE r.periode = 'TAHUN'),
                        (array_agg(r.nilai ORDER BY r.periode DESC) FILTER (WHERE r.periode <> 'TAHUN'))[1]) AS nilai
        FROM pengukuran_realisasi r WHERE r.tahun = %s GROUP BY r.indikator_id
    ) v
    JOIN perencanaan_indikator i ON i.id = v.indikator_id
    JOIN perencanaan_target t ON t.indikator_id = i.id AND t.tahun = %s AND t.nilai > 0
    WHERE i.sasaran_id IS NOT NULL
    GROUP BY i.renstra_id, i.sasaran_id
) s
GROUP BY s.renstra_id
"""


def dasar(tahun: int) -> tuple[float, int]:
    mulai = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute(SQL_DASAR, [tahun, tahun])
        n = len(cur.fetchall())
    return time.perf_counter() - mulai, n


def produk(tahun: int) -> tuple[float, int]:
    from sakip.pengukuran import queries, rekap
    from sakip.perencanaan.models import RencanaStrategis

    mulai = time.perf_counter()
    hasil = rekap.rekap_banyak(queries.renstra_berlaku(RencanaStrategis.objects.all(), tahun), tahun)
    return time.perf_counter() - mulai, len(hasil)


def ukur(tahun: int, ulang: int = 3) -> dict[str, float]:
    """Best of `ulang` runs of each (after one warm-up of each), so that both read from a warm cache."""
    dasar(tahun)
    produk(tahun)
    t_dasar = min(dasar(tahun)[0] for _ in range(ulang))
    t_produk, n = min(produk(tahun) for _ in range(ulang))
    return {"renstra": n, "produk_s": t_produk, "sql_dasar_s": t_dasar, "rasio": t_produk / t_dasar}
