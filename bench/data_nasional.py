"""Generator of a national-scale dataset for `make bench` (issue #8): P pemda × U perangkat daerah × I indicators, each
with a target and realisasi for four quarters and the year, plus budget lines.

Default 548 × 40 × 15: 328.800 indicators and 1.644.000 realisasi for one year, 131.520 budget lines. Rows are
written with bulk inserts (no audit history: this is generated data, not user changes). Deterministic (seeded).

    bangkitkan(pemda=548, unit=40, indikator=15, tahun=2026) -> Ringkasan
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from sakip.anggaran.models import AnggaranSubKegiatan
from sakip.organisasi.models import Pemda, UnitKerja
from sakip.pengukuran.models import Realisasi
from sakip.perencanaan.models import (
    Indikator,
    Kegiatan,
    Program,
    RencanaStrategis,
    Sasaran,
    SubKegiatan,
    Target,
    VariabelIndikator,
)

BATCH = 5000
SASARAN_PER_RENSTRA = 3
SUB_KEGIATAN_PER_UNIT = 6  # 1 program × 2 kegiatan × 3 sub kegiatan
PERIODE = ("TW1", "TW2", "TW3", "TW4", "TAHUN")


@dataclass
class Ringkasan:
    pemda: int
    unit: int
    indikator: int
    realisasi: int
    anggaran: int
    detik: float


def _d(rng: random.Random, lo: int, hi: int) -> Decimal:
    """A random value with two decimals in [lo, hi]."""
    return Decimal(rng.randint(lo * 100, hi * 100)) / 100


def _bulk(model, objs: list, **kw) -> list:
    return model.objects.bulk_create(objs, batch_size=BATCH, **kw)


def _salin(model, baris: list[dict[str, object]]) -> None:
    """Insert rows given as {attname: value} (other fields take their defaults): PostgreSQL's COPY, which is
    several times faster than bulk_create for the 1,6 million realisasi (no model instance per row), else
    bulk_create."""
    if connection.vendor != "postgresql":
        _bulk(model, [model(**b) for b in baris])
        return
    from psycopg.types.json import Jsonb

    sekarang = timezone.now()
    kolom = [f for f in model._meta.concrete_fields if not f.primary_key]
    bawaan = {}
    for f in kolom:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            bawaan[f.attname] = sekarang
        else:
            bawaan[f.attname] = f.get_default()
    json_kolom = {f.attname for f in kolom if f.get_internal_type() == "JSONField"}
    nama = ", ".join(f'"{f.column}"' for f in kolom)
    with connection.cursor() as cur, cur.copy(f'COPY "{model._meta.db_table}" ({nama}) FROM STDIN') as salin:
        for b in baris:
            salin.write_row(
                [
                    Jsonb(b.get(f.attname, bawaan[f.attname]))
                    if f.attname in json_kolom
                    else b.get(f.attname, bawaan[f.attname])
                    for f in kolom
                ]
            )


@transaction.atomic
def _satu_gelombang(
    rng: random.Random, mulai: int, jumlah: int, unit: int, indikator: int, tahun: int
) -> tuple[int, int]:
    """Pemda mulai..mulai+jumlah-1 with everything under them; returns (realisasi, anggaran) counts."""
    pemda = _bulk(
        Pemda,
        [
            Pemda(kode=f"N{i:04d}", nama=f"Kabupaten Bench {i:04d}", jenis=Pemda.Jenis.KABUPATEN)
            for i in range(mulai, mulai + jumlah)
        ],
    )
    units = _bulk(
        UnitKerja,
        [
            UnitKerja(
                pemda=p,
                kode=f"OPD{j:02d}",
                nama=f"Perangkat Daerah {j:02d} {p.kode}",
                jenis="perangkat_daerah",
                urutan=j,
            )
            for p in pemda
            for j in range(unit)
        ],
    )
    with connection.cursor() as cur:  # top-level units: the materialised path is "/<id>/"
        cur.execute("UPDATE organisasi_unitkerja SET jalur = '/' || CAST(id AS TEXT) || '/' WHERE jalur = ''")
    renstra = _bulk(
        RencanaStrategis,
        [
            RencanaStrategis(
                unit_kerja=u, nama=f"Renstra {u.kode}", tahun_mulai=tahun - 1, tahun_selesai=tahun + 3
            )
            for u in units
        ],
    )
    sasaran = _bulk(
        Sasaran,
        [
            Sasaran(renstra=r, kode=f"S{s + 1}", uraian=f"Sasaran {s + 1}", urutan=s)
            for r in renstra
            for s in range(SASARAN_PER_RENSTRA)
        ],
    )
    ind_objs = []
    for k, s in enumerate(sasaran):
        r_index = k // SASARAN_PER_RENSTRA
        nomor_s = k % SASARAN_PER_RENSTRA
        for n in range(
            indikator // SASARAN_PER_RENSTRA + (1 if nomor_s < indikator % SASARAN_PER_RENSTRA else 0)
        ):
            urut = nomor_s * 10 + n
            rumus = urut % 15 == 4  # about one in fifteen computed from a formula
            pol = rng.random()
            ind_objs.append(
                Indikator(
                    renstra=renstra[r_index],
                    sasaran=s,
                    kode=f"IKU{urut:02d}",
                    nama=f"Indikator {urut} sasaran {s.kode}",
                    satuan="%",
                    polaritas="positif" if pol < 0.8 else ("negatif" if pol < 0.95 else "stabil"),
                    formulasi="a / b * 100" if rumus else "",
                    is_iku=True,
                    urutan=urut,
                )
            )
    inds = _bulk(Indikator, ind_objs)
    _bulk(
        VariabelIndikator,
        [
            VariabelIndikator(indikator=i, nama=v, label=lbl, urutan=n)
            for i in inds
            if i.formulasi
            for n, (v, lbl) in enumerate((("a", "Dokumen selesai"), ("b", "Dokumen direncanakan")))
        ],
    )
    _salin(Target, [{"indikator_id": i.pk, "tahun": tahun, "nilai": _d(rng, 50, 100)} for i in inds])
    unit_of = {r.pk: r.unit_kerja_id for r in renstra}
    baris: list[dict[str, object]] = []
    for i in inds:
        for per in PERIODE:
            if i.formulasi:
                a, b = rng.randint(1, 40), rng.randint(40, 60)
                masukan = {"a": str(a), "b": str(b)}
                nilai = (Decimal(a) / Decimal(b) * 100).quantize(Decimal("0.000001"))
            else:
                masukan, nilai = {}, _d(rng, 40, 120)
            baris.append(
                {
                    "indikator_id": i.pk,
                    "unit_kerja_id": unit_of[i.renstra_id],
                    "tahun": tahun,
                    "periode": per,
                    "nilai": nilai,
                    "masukan": masukan,
                    "status": "diverifikasi" if rng.random() < 0.7 else "diajukan",
                }
            )
    _salin(Realisasi, baris)
    n_real = len(baris)

    program = _bulk(Program, [Program(unit_kerja=u, kode="1.01.01", nama=f"Program {u.kode}") for u in units])
    kegiatan = _bulk(
        Kegiatan,
        [
            Kegiatan(program=p, kode=f"1.01.01.2.0{k + 1}", nama=f"Kegiatan {k + 1}")
            for p in program
            for k in range(2)
        ],
    )
    subs = _bulk(
        SubKegiatan,
        [
            SubKegiatan(kegiatan=k, kode=f"{k.kode}.000{s + 1}", nama=f"Sub kegiatan {s + 1}")
            for k in kegiatan
            for s in range(SUB_KEGIATAN_PER_UNIT // 2)
        ],
    )
    anggaran = []
    for s in subs:
        pagu = Decimal(rng.randint(50, 5000)) * 1_000_000
        anggaran.append(
            AnggaranSubKegiatan(
                sub_kegiatan=s, tahun=tahun, pagu=pagu, realisasi=pagu * rng.randint(60, 100) / 100
            )
        )
    _bulk(AnggaranSubKegiatan, anggaran)
    return n_real, len(anggaran)


def bangkitkan(
    *, pemda: int = 548, unit: int = 40, indikator: int = 15, tahun: int = 2026, cetak=print
) -> Ringkasan:
    rng = random.Random(tahun)
    mulai = time.perf_counter()
    n_real = n_ang = 0
    gelombang = 20
    for awal in range(1, pemda + 1, gelombang):
        jumlah = min(gelombang, pemda + 1 - awal)
        r, a = _satu_gelombang(rng, awal, jumlah, unit, indikator, tahun)
        n_real += r
        n_ang += a
        cetak(
            f"  data: {awal + jumlah - 1}/{pemda} pemda, {n_real:,} realisasi ({time.perf_counter() - mulai:.0f} s)"
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    return Ringkasan(
        pemda, pemda * unit, pemda * unit * indikator, n_real, n_ang, time.perf_counter() - mulai
    )
