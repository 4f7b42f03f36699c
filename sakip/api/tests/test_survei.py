"""Survey results (IKM) through the API: the same figures as the result page, in one query for a list."""

from decimal import Decimal

from sakip.api.tests.conftest import client_for
from sakip.survei import queries
from sakip.survei.models import Survei


def _survei(periode: str) -> Survei:
    return Survei.objects.get(
        unit_kerja__pemda__kode="64", unit_kerja__kode="SETDA.ADPIM", tahun=2024, periode=periode
    )


def test_the_list_gives_each_survey_its_official_ikm(api):
    rows = api("pimpinan.adpim").get("/api/survei/", {"tahun": 2024}).json()["results"]
    by_periode = {r["periode"]: r for r in rows}
    assert by_periode["S1"]["jumlah_respons"] == 50
    assert Decimal(by_periode["S1"]["ikm_unit"]) == Decimal("86.358")
    assert by_periode["S2"]["jumlah_respons"] == 127
    assert by_periode["S2"]["ikm_unit_dibulatkan"] == "86.42"
    assert (by_periode["S2"]["kode_mutu"], by_periode["S2"]["kinerja"]) == ("B", "Baik")


def test_the_detail_gives_nrr_per_unsur_and_both_weights(api):
    survei = _survei("S2")
    hasil = queries.hasil_survei(survei)
    body = api("operator.adpim").get(f"/api/survei/{survei.pk}/").json()
    assert body["eksak"]["ikm_unit_dibulatkan"] == "86.50"
    assert body["dibulatkan"]["ikm_unit_dibulatkan"] == "86.42"
    assert [Decimal(u["nrr"]) for u in body["dibulatkan"]["unsur"]] == [u.nrr for u in hasil.dibulatkan.unsur]
    assert len(body["eksak"]["unsur"]) == 9


def test_other_units_and_pemda_do_not_see_the_survey(api, luar):
    survei = _survei("S1")
    assert api("operator.organisasi").get(f"/api/survei/{survei.pk}/").status_code == 404
    assert client_for(luar).get(f"/api/survei/{survei.pk}/").status_code == 404
    assert api("operator.organisasi").get("/api/survei/").json()["count"] == 0
