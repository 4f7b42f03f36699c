"""The set-based rekap (pemda and national overviews) equals the reference path, `tabel_capaian_banyak`.

On PostgreSQL `rekap_banyak` computes plain indicators in SQL and the rest in Python; on SQLite it delegates to the
reference path, so the comparisons here are meaningful on the PostgreSQL run of `make test` (both runs execute them).
"""

from __future__ import annotations

import gc
import random
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sakip.organisasi.models import UnitKerja
from sakip.pengukuran import queries, rekap
from sakip.pengukuran.models import PengaturanPengukuran, Realisasi
from sakip.perencanaan.models import (
    Indikator,
    PerjanjianKinerja,
    PKIndikator,
    RencanaStrategis,
    Sasaran,
    Target,
)

D = Decimal
Q12 = D("1e-12")


def _sama(tabel: list[queries.TabelCapaian], hasil: list[rekap.RekapRenstra]) -> list[str]:
    beda = []
    assert [t.renstra.pk for t in tabel] == [h.renstra.pk for h in hasil]
    for t, h in zip(tabel, hasil, strict=True):
        a, b = t.unit, h.unit
        nilai_sama = (a.nilai is None and b.nilai is None) or (
            a.nilai is not None and b.nilai is not None and a.nilai.quantize(Q12) == b.nilai.quantize(Q12)
        )
        if not nilai_sama or (
            a.jumlah_dihitung,
            a.jumlah_kosong,
            a.keterangan,
            len(t.sasaran),
            len(t.baris),
            t.kategori_unit,
        ) != (
            b.jumlah_dihitung,
            b.jumlah_kosong,
            b.keterangan,
            h.jumlah_sasaran,
            h.jumlah_indikator,
            h.kategori_unit,
        ):
            beda.append(
                f"{t.renstra}: {a.nilai} {a.jumlah_dihitung} {a.jumlah_kosong} / {b.nilai} {b.jumlah_dihitung} {b.jumlah_kosong} {len(t.baris)}/{h.jumlah_indikator}"
            )
    return beda


def _acak(org, jumlah_renstra: int, seed: int) -> list[RencanaStrategis]:
    """Renstra covering every case the rekap distinguishes: each polarity, zero and missing targets, quarters only
    (each aggregation rule), PK targets over Renstra targets, range targets, formula and predikat indicators,
    missing realisasi."""
    rng = random.Random(seed)
    hasil = []
    for n in range(jumlah_renstra):
        unit = UnitKerja.objects.create(
            pemda=org.pemda, kode=f"ACAK{seed}.{n}", nama=f"Unit {n}", jenis="biro"
        )
        rs = RencanaStrategis.objects.create(
            unit_kerja=unit, nama=f"R{n}", tahun_mulai=2025, tahun_selesai=2027
        )
        pk = PerjanjianKinerja.objects.create(unit_kerja=unit, renstra=rs, tahun=2026, status="final")
        for s in range(rng.randint(1, 3)):
            sas = Sasaran.objects.create(renstra=rs, kode=f"S{s}", uraian="s", urutan=s)
            for k in range(rng.randint(1, 5)):
                jenis = rng.choice(["indeks"] * 6 + ["predikat", "rumus"])
                ind = Indikator.objects.create(
                    renstra=rs,
                    sasaran=sas,
                    kode=f"I{s}{k}",
                    nama="i",
                    satuan="%",
                    jenis="predikat" if jenis == "predikat" else "indeks",
                    skala_predikat=["C", "B", "A"] if jenis == "predikat" else [],
                    polaritas=rng.choice(["positif", "positif", "negatif", "stabil"]),
                    agregasi=rng.choice(["kumulatif", "rata_rata", "nilai_akhir"]),
                    formulasi="a / b * 100" if jenis == "rumus" else "",
                )
                t = rng.random()
                rentang = jenis != "predikat" and 0.2 <= t < 0.3
                if jenis == "predikat":
                    Target.objects.create(indikator=ind, tahun=2026, predikat=rng.choice("ABC"))
                elif t < 0.1:
                    pass  # no target
                elif t < 0.2:
                    Target.objects.create(indikator=ind, tahun=2026, nilai=D(0))
                elif t < 0.3:
                    Target.objects.create(indikator=ind, tahun=2026, nilai=D(60), nilai_atas=D(80))
                else:
                    Target.objects.create(indikator=ind, tahun=2026, nilai=D(rng.randint(100, 9999)) / 100)
                if jenis != "predikat" and not rentang and rng.random() < 0.3:
                    PKIndikator.objects.create(
                        perjanjian=pk, indikator=ind, target=D(rng.randint(1, 9999)) / 100, urutan=k
                    )
                cara = rng.random()
                # Quarters with gaps, so the last reported one is not always TW4.
                kuartal = rng.choice([["TW1", "TW2", "TW4"], ["TW1", "TW3"], ["TW2"]])
                periode = ["TAHUN"] if cara < 0.5 else (kuartal if cara < 0.85 else [])
                for per in periode:
                    if jenis == "predikat":
                        Realisasi.objects.create(
                            indikator=ind,
                            unit_kerja=unit,
                            tahun=2026,
                            periode=per,
                            nilai_predikat=rng.choice("ABC"),
                        )
                    elif jenis == "rumus":
                        a, b = rng.randint(0, 50), rng.randint(1, 70)
                        Realisasi.objects.create(
                            indikator=ind,
                            unit_kerja=unit,
                            tahun=2026,
                            periode=per,
                            nilai=(D(a) / D(b) * 100).quantize(D("0.000001")),
                            masukan={"a": str(a), "b": str(b)},
                        )
                    else:
                        nilai = D(rng.choice([0, rng.randint(1, 15000)])) / 100
                        Realisasi.objects.create(
                            indikator=ind, unit_kerja=unit, tahun=2026, periode=per, nilai=nilai
                        )
        hasil.append(rs)
    return list(
        RencanaStrategis.objects.filter(pk__in=[r.pk for r in hasil]).select_related("unit_kerja__pemda")
    )


@pytest.mark.parametrize(
    ("metode", "kosong", "batas"),
    [
        ("rata_rata_sasaran", "kecualikan", None),
        ("rata_rata_sasaran", "hitung_nol", D("120")),
        ("rata_rata_indikator", "kecualikan", D("110")),
        ("rata_rata_indikator", "hitung_nol", None),
    ],
)
def test_generated_cases_equal_the_reference_under_every_setting(org, metode, kosong, batas):
    PengaturanPengukuran.objects.update_or_create(
        pemda=org.pemda,
        defaults={"metode_rollup": metode, "kebijakan_kosong": kosong, "batas_capaian": batas},
    )
    renstra = _acak(org, 12, seed=len(metode) + len(kosong))
    tabel = queries.tabel_capaian_banyak(renstra, 2026)
    hasil = rekap.rekap_banyak(renstra, 2026)
    assert _sama(tabel, hasil) == []
    assert any(t.unit.nilai is not None for t in tabel)  # the cases are not all empty


def test_query_count_does_not_grow_with_units_or_indicators(org):
    kecil = _acak(org, 2, seed=1)
    besar = _acak(org, 10, seed=2)
    with CaptureQueriesContext(connection) as satu:
        rekap.rekap_banyak(kecil, 2026)
    with CaptureQueriesContext(connection) as banyak:
        rekap.rekap_banyak(kecil + besar, 2026)
    assert len(banyak) == len(satu)


def test_parallel_plan_settings_give_the_same_result(org, monkeypatch):
    """At national scale the statement runs with parallel workers; forced on a small set, the result is the same."""
    PengaturanPengukuran.objects.update_or_create(pemda=org.pemda, defaults={"batas_capaian": D("105")})
    renstra = _acak(org, 8, seed=7)
    monkeypatch.setattr(rekap, "_BESAR", 1)
    assert _sama(queries.tabel_capaian_banyak(renstra, 2026), rekap.rekap_banyak(renstra, 2026)) == []
    assert gc.isenabled()  # the collector paused for a large rekap is running again


def test_caps_follow_each_renstras_pemda(org):
    """Two pemda with different caps in one call: each Renstra is capped by its own pemda's setting."""
    lain = org.pemda_lain
    PengaturanPengukuran.objects.update_or_create(pemda=org.pemda, defaults={"batas_capaian": D("100")})
    PengaturanPengukuran.objects.create(pemda=lain, batas_capaian=None)
    renstra = []
    for pemda in (org.pemda, lain):
        unit = UnitKerja.objects.create(pemda=pemda, kode="BATAS", nama="Unit", jenis="biro")
        rs = RencanaStrategis.objects.create(unit_kerja=unit, nama="R", tahun_mulai=2026, tahun_selesai=2026)
        sas = Sasaran.objects.create(renstra=rs, kode="S", uraian="s", urutan=1)
        ind = Indikator.objects.create(
            renstra=rs, sasaran=sas, kode="I", nama="i", satuan="%", jenis="indeks"
        )
        Target.objects.create(indikator=ind, tahun=2026, nilai=D(80))
        Realisasi.objects.create(indikator=ind, unit_kerja=unit, tahun=2026, periode="TAHUN", nilai=D(100))
        renstra.append(rs)
    berlaku = list(
        RencanaStrategis.objects.filter(pk__in=[r.pk for r in renstra]).select_related("unit_kerja__pemda")
    )
    hasil = {h.renstra.unit_kerja.pemda_id: h.unit.nilai for h in rekap.rekap_banyak(berlaku, 2026)}
    assert hasil == {org.pemda.pk: D(100), lain.pk: D(125)}
