"""The budget's efficiency table uses the product's own capaian (measurement) and absorption (budget)."""

from django.urls import reverse

from sakip.organisasi.models import Pengguna


def test_efficiency_table_of_the_demo_uses_the_products_own_capaian(demo, client):
    client.force_login(Pengguna.objects.get(username="pimpinan.setda"))
    body = client.get(reverse("anggaran:tabel_3_16"), {"tahun": 2024}).content.decode()
    # capaian (measurement, full precision) − penyerapan (Σ realisasi / Σ pagu × 100), rounded half-up:
    # S1 100 − 94,929970… = 5,07; S2 106,969092… − 68,297593… = 38,67;
    # S3 108,737815… − 93,321682… = 15,42; S4 109,257983… − 97,428132… = 11,83.
    for nilai in ("5,07", "38,67", "15,42", "11,83"):
        assert f'<td class="angka">{nilai}</td>' in body
    assert "capaian kinerja (%) − penyerapan anggaran (%)" in body
