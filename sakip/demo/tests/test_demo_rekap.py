"""The set-based rekap equals the dashboard tables on the demo data (see sakip/pengukuran/tests/test_rekap.py)."""

from decimal import Decimal

from sakip.pengukuran import queries, rekap
from sakip.pengukuran.tests.test_rekap import _sama
from sakip.perencanaan.models import RencanaStrategis

D = Decimal


def test_demo_rekap_equals_the_dashboard_tables_every_year(demo):
    renstra = list(RencanaStrategis.objects.select_related("unit_kerja__pemda"))
    assert renstra
    for tahun in range(2021, 2026):
        berlaku = [r for r in renstra if r.tahun_mulai <= tahun <= r.tahun_selesai]
        assert _sama(queries.tabel_capaian_banyak(berlaku, tahun), rekap.rekap_banyak(berlaku, tahun)) == []
    setda = next(r for r in renstra if r.unit_kerja.kode == "SETDA" and r.unit_kerja.pemda.kode == "64")
    [hasil] = rekap.rekap_banyak([setda], 2024)
    assert hasil.unit.nilai.quantize(D("0.01")) == D("106.24")  # the demo pemda dashboard's figure
