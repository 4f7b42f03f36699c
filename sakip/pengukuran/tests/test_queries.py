from decimal import ROUND_HALF_UP, Decimal

import pytest

from sakip.pengukuran import queries, services
from sakip.pengukuran.models import PengaturanPengukuran
from sakip.perencanaan import services as perencanaan
from sakip.perencanaan.models import Indikator

D = Decimal

# Seed 004, Tabel 3.3 (LKjIP 2024 Setda Prov. Kaltim): (target, realisasi) per indicator, per sasaran.
TABEL_3_3 = {
    "S1": [(100, 100)] * 5,
    "S2": [(100, 100), (90, 90), (71, "86.69"), (90, "95.20")],
    "S3": [(70, "81.08"), (85, "86.40")],
    "S4": [(70, "81.80"), (85, "86.41")],
}


def r2(x: Decimal) -> Decimal:
    return x.quantize(D("0.01"), rounding=ROUND_HALF_UP)


@pytest.fixture
def setda(org, admin_pemda):
    renstra = perencanaan.create_renstra(
        unit_kerja=org.setda, nama="Renstra Setda", tahun_mulai=2024, tahun_selesai=2026
    )
    tujuan = perencanaan.add_tujuan(renstra=renstra, kode="T1", uraian="Tujuan")
    n = 0
    for kode, rows in TABEL_3_3.items():
        sasaran = perencanaan.add_sasaran(renstra=renstra, tujuan=tujuan, kode=kode, uraian=f"Sasaran {kode}")
        for target, realisasi in rows:
            n += 1
            ind = Indikator(
                renstra=renstra,
                sasaran=sasaran,
                kode=f"IKU{n:02d}",
                nama=f"Indikator {n}",
                satuan="Persen",
                jenis="indeks",
            )
            perencanaan.save_indikator(indikator=ind, target={2024: perencanaan.NilaiTarget(nilai=D(target))})
            services.save_realisasi(
                indikator=ind, tahun=2024, periode="TAHUN", by=admin_pemda, nilai=D(realisasi)
            )
    return renstra


def test_seed_004_measurement_table_recomputed_rounds_half_up(setda):
    tabel = queries.tabel_capaian(setda, 2024)
    per_kode = {b.indikator.kode: r2(b.hasil.nilai) for b in tabel.baris}
    assert per_kode["IKU08"] == D("122.10")  # 86,69 / 71
    assert per_kode["IKU09"] == D("105.78")  # 95,20 / 90
    assert per_kode["IKU10"] == D("115.83")  # 81,08 / 70
    assert per_kode["IKU11"] == D("101.65")  # 86,40 / 85 = 101,647…: the report truncates to 101,64
    assert per_kode["IKU12"] == D("116.86")
    assert per_kode["IKU13"] == D("101.66")
    assert [r2(s.rollup.nilai) for s in tabel.sasaran] == [D("100.00"), D("106.97"), D("108.74"), D("109.26")]
    assert [s.kategori.label for s in tabel.sasaran] == ["Sangat Baik", "Memuaskan", "Memuaskan", "Memuaskan"]
    # (100 + 106,97… + 108,74… + 109,26…) / 4, at full precision
    assert r2(tabel.unit.nilai) == D("106.24")
    assert "rata-rata capaian per sasaran" in tabel.unit.keterangan.lower()


def test_unit_rollup_follows_the_pemda_method(setda, org):
    PengaturanPengukuran.objects.create(pemda=org.pemda, metode_rollup="rata_rata_indikator")
    tabel = queries.tabel_capaian(setda, 2024)
    # mean of all 13 indicator capaian: (500 + 100 + 100 + 122,098… + 105,777… + 115,828… + 101,647… + 116,857…
    # + 101,658…) / 13 = 104,914…
    assert r2(tabel.unit.nilai) == D("104.91")
    assert "seluruh indikator" in tabel.unit.keterangan.lower()


def test_cap_applies_to_display_and_rollup_only_when_set(setda, org):
    PengaturanPengukuran.objects.create(pemda=org.pemda, batas_capaian=D(110))
    tabel = queries.tabel_capaian(setda, 2024)
    baris = {b.indikator.kode: b for b in tabel.baris}
    assert r2(baris["IKU08"].hasil.nilai) == D("122.10")  # stored raw
    assert baris["IKU08"].ditampilkan == D(110)
    assert r2(tabel.sasaran[1].rollup.nilai) == D("103.94")  # (100 + 100 + 110 + 105,777…) / 4


def test_pk_target_is_preferred_over_the_renstra_target(setda, org, admin_pemda):
    pk = perencanaan.create_pk(unit_kerja=org.setda, renstra=setda, tahun=2024)
    line = pk.indikator.get(indikator__kode="IKU08")
    perencanaan.set_pk_target(line=line, target=D(80))
    baris = {b.indikator.kode: b for b in queries.tabel_capaian(setda, 2024).baris}
    assert baris["IKU08"].target.sumber == "PK"
    assert r2(baris["IKU08"].hasil.nilai) == D("108.36")  # 86,69 / 80


def test_missing_realisasi_is_shown_as_missing_and_excluded_by_default(setda, org):
    ind = setda.indikator.get(kode="IKU10")
    ind.realisasi.all().delete()
    tabel = queries.tabel_capaian(setda, 2024)
    baris = {b.indikator.kode: b for b in tabel.baris}
    assert baris["IKU10"].hasil.nilai is None
    assert baris["IKU10"].realisasi_teks == "–"
    assert r2(tabel.sasaran[2].rollup.nilai) == D("101.65")  # only IKU11 counts
    PengaturanPengukuran.objects.create(pemda=org.pemda, kebijakan_kosong="hitung_nol")
    assert r2(queries.tabel_capaian(setda, 2024).sasaran[2].rollup.nilai) == D("50.82")  # (0 + 101,647…) / 2


def test_quarters_aggregate_to_the_year_by_the_indicator_rule(iku_nilai, operator_a):
    for tw, v in (("TW1", 10), ("TW2", 20), ("TW3", 30), ("TW4", 25)):
        services.save_realisasi(indikator=iku_nilai, tahun=2024, periode=tw, by=operator_a, nilai=D(v))
    rows = list(iku_nilai.realisasi.all())
    for aturan, diharapkan in (("kumulatif", D(85)), ("rata_rata", D("21.25")), ("nilai_akhir", D(25))):
        iku_nilai.agregasi = aturan
        assert queries.realisasi_tahunan(iku_nilai, rows)[0] == diharapkan
    services.save_realisasi(indikator=iku_nilai, tahun=2024, periode="TAHUN", by=operator_a, nilai=D(99))
    assert queries.realisasi_tahunan(iku_nilai, list(iku_nilai.realisasi.all()))[0] == D(99)


def test_history_gives_five_years_and_the_change_vs_the_previous_year(iku_nilai, operator_a):
    for tahun, v in ((2021, "85"), (2022, "90"), (2023, "95"), (2024, "100")):
        services.save_realisasi(indikator=iku_nilai, tahun=tahun, periode="TAHUN", by=operator_a, nilai=D(v))
    riwayat = queries.riwayat_indikator(iku_nilai, 2024)
    assert [t.tahun for t in riwayat] == [2020, 2021, 2022, 2023, 2024]
    assert riwayat[0].realisasi is None
    assert r2(riwayat[-1].perubahan) == D("5.26")  # (100 / 95 − 1) × 100, seed 004 Tabel 3.5


def test_table_query_count_does_not_grow_with_indicators(org, admin_pemda, django_assert_num_queries):
    from sakip.perencanaan.tests.factories import renstra_dengan_iku

    small = renstra_dengan_iku(org.biro_a, jumlah_indikator=2)
    large = renstra_dengan_iku(org.biro_b, jumlah_indikator=30)
    for renstra in (small, large):
        for ind in renstra.indikator.all():
            services.save_realisasi(
                indikator=ind,
                tahun=2024,
                periode="TW1",
                by=admin_pemda,
                masukan={"selesai": D(1), "usulan": D(2)},
            )
    counts = []
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for renstra in (small, large):
        renstra = type(renstra).objects.select_related("unit_kerja").get(pk=renstra.pk)
        with CaptureQueriesContext(connection) as ctx:
            queries.tabel_capaian(renstra, 2024)
        counts.append(len(ctx))
    assert counts[0] == counts[1]
