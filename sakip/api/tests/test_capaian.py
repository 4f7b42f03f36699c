"""The capaian rollup: indicator → sasaran → unit, the same numbers the dashboard shows."""

from decimal import Decimal

from sakip.api.tests.conftest import client_for, renstra_setda
from sakip.lib.angka import format_angka
from sakip.pengukuran import queries


def test_setda_kaltim_2024_equals_the_dashboard_query(api):
    renstra = renstra_setda()
    body = api("pimpinan.setda").get(f"/api/renstra/{renstra.pk}/capaian/", {"tahun": 2024}).json()
    tabel = queries.tabel_capaian(renstra, 2024)

    assert format_angka(Decimal(body["unit"]["nilai"])) == "106,24"
    assert Decimal(body["unit"]["nilai"]) == tabel.unit.nilai  # full precision, not rounded
    assert body["unit"]["keterangan"] == tabel.unit.keterangan
    assert {s["kode"]: format_angka(Decimal(s["rollup"]["nilai"])) for s in body["sasaran"]} == {
        "S1": "100,00",
        "S2": "106,97",
        "S3": "108,74",
        "S4": "109,26",
    }
    baris = {b["kode"]: b for s in body["sasaran"] for b in s["indikator"]}
    assert set(baris) == {b.indikator.kode for b in tabel.baris}
    for b in tabel.baris:
        row = baris[b.indikator.kode]
        assert Decimal(row["capaian"]) == b.hasil.nilai
        assert Decimal(row["realisasi"]) == b.realisasi
        assert Decimal(row["target"]) == b.target.nilai
        assert row["target_sumber"] == "PK"
    assert format_angka(Decimal(baris["IKU11"]["capaian"])) == "101,65"
    assert baris["IKU08"]["kategori"]["label"] == "Memuaskan"


def test_a_biro_sees_no_setda_rollup_and_an_outsider_gets_404(api, luar):
    renstra = renstra_setda()
    assert api("operator.adpim").get(f"/api/renstra/{renstra.pk}/capaian/").status_code == 404
    assert client_for(luar).get(f"/api/renstra/{renstra.pk}/capaian/", {"tahun": 2024}).status_code == 404
    assert api("admin.kaltim").get(f"/api/renstra/{renstra.pk}/capaian/", {"tahun": 1900}).status_code == 400


def test_the_api_reads_the_kept_capaian_and_follows_a_realisasi_edit(api, django_capture_on_commit_callbacks):
    from sakip.api.views import capaian_sebagai_data
    from sakip.pengukuran.tests import demo_orang

    renstra = renstra_setda()
    klien = api("pimpinan.setda")
    url = f"/api/renstra/{renstra.pk}/capaian/"

    def iku10(body):
        return next(b for s in body["sasaran"] for b in s["indikator"] if b["kode"] == "IKU10")

    sebelum = iku10(klien.get(url, {"tahun": 2025}).json())  # the first read keeps the year's rows
    ind = renstra.indikator.get(kode="IKU10")
    with django_capture_on_commit_callbacks(execute=True):  # recomputed at commit, as deployed
        demo_orang.isi(ind, 2025, "TW1", demo_orang.pengguna("operator.organisasi"), "9", "10")
    body = klien.get(url, {"tahun": 2025}).json()
    rujukan = capaian_sebagai_data(queries.tabel_capaian(renstra, 2025))
    assert iku10(body)["realisasi"] != sebelum["realisasi"]
    assert Decimal(iku10(body)["realisasi"]) == Decimal(90)
    assert Decimal(iku10(body)["capaian"]) == next(
        b["capaian"] for s in rujukan["sasaran"] for b in s["indikator"] if b["kode"] == "IKU10"
    )
    assert (body["unit"]["nilai"] is None and rujukan["unit"]["nilai"] is None) or Decimal(
        body["unit"]["nilai"]
    ) == rujukan["unit"]["nilai"]
    # The figure comes from the kept row (what the dashboards read), not from a recomputation on each request.
    from sakip.pengukuran.tersimpan import CapaianIndikator

    assert (
        CapaianIndikator.objects.filter(indikator=ind, tahun=2025).update(keterangan="dari baris tersimpan")
        == 1
    )
    assert iku10(klien.get(url, {"tahun": 2025}).json())["keterangan"] == "dari baris tersimpan"
