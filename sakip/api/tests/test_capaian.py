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
