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


def ukur_tersimpan(tahun: int, ulang: int = 3) -> dict[str, float]:
    """The same unit capaian read from the kept rows (`pengukuran.kini.rekap`, what the overview now reads), and the
    national overview grouped by pemda for a superuser (first page and national aggregate), best of `ulang`."""
    from sakip.organisasi.models import Pengguna
    from sakip.pengukuran import ikhtisar, kini, queries
    from sakip.perencanaan.models import RencanaStrategis

    def baca() -> float:
        mulai = time.perf_counter()
        kini.rekap(queries.renstra_berlaku(RencanaStrategis.objects.all(), tahun), tahun)
        return time.perf_counter() - mulai

    pengguna = Pengguna.objects.filter(is_superuser=True).order_by("pk").first()

    def nasional() -> float:
        mulai = time.perf_counter()
        hasil = ikhtisar.ikhtisar(pengguna, tahun)
        list(hasil.halaman.object_list)
        return time.perf_counter() - mulai

    baca()
    nasional()
    return {
        "tersimpan_s": min(baca() for _ in range(ulang)),
        "ikhtisar_nasional_ms": min(nasional() for _ in range(ulang)) * 1000,
    }


def ukur_simpan(klien, tahun: int, n: int = 30) -> dict[str, float]:
    """(g) A realisasi save through the API, sequentially (p50), and inside it the cost of keeping the capaian
    current: marking the Renstra-year stale and recomputing its indicator -> sasaran -> unit -> pemda chain (p50 of
    the same steps run here, in a transaction as the save does)."""
    import statistics
    from decimal import Decimal

    import httpx
    from django.db import transaction

    from sakip.pengukuran import kini
    from sakip.pengukuran.models import Realisasi

    rid = next(iter(klien.baris))
    waktu = []
    with httpx.Client(
        base_url=str(klien.sesi.base_url), headers={"Authorization": f"Token {klien.token}"}, timeout=60
    ) as api:
        for i in range(n):
            nilai = Decimal(5000 + i) / 100
            t0 = time.perf_counter()
            r = api.put(f"/api/realisasi/{rid}/", json={"nilai": str(nilai), "versi": klien.baris[rid]})
            waktu.append(time.perf_counter() - t0)
            assert r.status_code == 200, r.text
            klien.baris[rid] = r.json()["versi"]
            klien.nilai_terakhir[rid] = nilai
            klien.ditulis[rid] = klien.ditulis.get(rid, 0) + 1
    renstra_id = Realisasi.objects.filter(pk=rid).values_list("indikator__renstra_id", flat=True).get()
    tambahan = []
    for _ in range(n):
        t0 = time.perf_counter()
        with transaction.atomic():
            kini.tandai_renstra([renstra_id], tahun=tahun)
        tambahan.append(time.perf_counter() - t0)
    return {
        "simpan_p50_ms": round(statistics.median(waktu) * 1000, 1),
        "tambahan_p50_ms": round(statistics.median(tambahan) * 1000, 1),
    }
