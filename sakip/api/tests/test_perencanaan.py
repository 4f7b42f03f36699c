"""Indicators (with their formula variables) and Renstra targets through the API."""

from decimal import Decimal

from sakip.api.tests.conftest import client_for, indikator, renstra_setda
from sakip.perencanaan.models import Indikator, Target

URL = "/api/indikator/"


def test_an_indicator_is_read_with_its_formula_variables_and_targets(api):
    ind = indikator("IKU10")
    body = api("pimpinan.setda").get(f"{URL}{ind.pk}/").json()
    assert body["formulasi"] == ind.formulasi
    assert [v["nama"] for v in body["variabel"]] == [
        "perangkat_daerah_predikat_minimal_bb",
        "perangkat_daerah_dinilai_sakip",
    ]
    assert {t["tahun"] for t in body["target"]} == {2024, 2025, 2026}
    assert body["penanggung_jawab"] == ind.penanggung_jawab_id


def _baru(**extra):
    renstra = renstra_setda()
    return {
        "renstra": renstra.pk,
        "sasaran": renstra.sasaran.first().pk,
        "kode": "IKU99",
        "nama": "Persentase rekomendasi yang ditindaklanjuti",
        "satuan": "%",
        "formulasi": "ditindaklanjuti / rekomendasi * 100",
        **extra,
    }


def test_create_with_a_formula_over_undefined_variables_is_refused_naming_the_field(api):
    response = api("admin.kaltim").post(URL, _baru(variabel=[{"nama": "ditindaklanjuti"}]), format="json")
    assert response.status_code == 400
    assert response.json() == {"formulasi": ["Rumus memakai variabel yang belum didefinisikan: rekomendasi."]}
    assert not Indikator.objects.filter(kode="IKU99").exists()


def test_create_with_variables_then_patch_records_the_author(api):
    client = api("admin.kaltim")
    variabel = [
        {"nama": "ditindaklanjuti", "label": "Rekomendasi ditindaklanjuti", "satuan": "rekomendasi"},
        {"nama": "rekomendasi"},
    ]
    response = client.post(URL, _baru(variabel=variabel), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert [(v["nama"], v["label"]) for v in body["variabel"]] == [
        ("ditindaklanjuti", "Rekomendasi ditindaklanjuti"),
        ("rekomendasi", "rekomendasi"),
    ]
    patched = client.patch(f"{URL}{body['id']}/", {"polaritas": "negatif"}, format="json")
    assert patched.status_code == 200, patched.json()
    ind = Indikator.objects.get(pk=body["id"])
    assert ind.polaritas == "negatif"
    assert ind.variabel.count() == 2  # not sent: kept
    assert ind.history.latest().history_user.username == "admin.kaltim"

    duplicate = client.post(URL, _baru(variabel=variabel), format="json")
    assert duplicate.status_code == 400


def test_a_bad_variable_name_is_reported_on_that_variable(api):
    response = api("admin.kaltim").post(
        URL, _baru(formulasi="", variabel=[{"nama": "1tindak"}]), format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "variabel": {"0": {"nama": ["Nama variabel '1tindak' tidak boleh diawali angka"]}}
    }


def test_a_sasaran_of_another_renstra_is_refused(api):
    lain = Indikator.objects.exclude(renstra=renstra_setda()).filter(sasaran__isnull=False).first()
    response = api("admin.kaltim").post(URL, _baru(sasaran=lain.sasaran_id, formulasi=""), format="json")
    assert response.status_code == 400
    assert "sasaran" in response.json()


def test_the_reporting_operator_reads_its_iku_but_may_not_change_the_setda_renstra(api, luar):
    ind = indikator("IKU12")  # Setda's IKU reported by Biro Adpim
    client = api("operator.adpim")
    assert client.get(f"{URL}{ind.pk}/").status_code == 200
    assert client.patch(f"{URL}{ind.pk}/", {"nama": "x"}, format="json").status_code == 403
    assert client.post(URL, _baru(formulasi=""), format="json").status_code == 404
    assert api("operator.organisasi").get(f"{URL}{ind.pk}/").status_code == 404
    assert client_for(luar).patch(f"{URL}{ind.pk}/", {"nama": "x"}, format="json").status_code == 404
    assert Indikator.objects.get(pk=ind.pk).nama == ind.nama


def test_set_a_target_then_change_it_with_history(api):
    client = api("admin.kaltim")
    ind = indikator("IKU10")
    Target.objects.filter(indikator=ind, tahun=2026).delete()
    created = client.post(
        "/api/target/",
        {"indikator": ind.pk, "tahun": 2026, "nilai": "80", "keterangan": "Baik"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["nilai"] == "80.000000"
    again = client.post("/api/target/", {"indikator": ind.pk, "tahun": 2026, "nilai": "82"}, format="json")
    assert again.status_code == 200
    assert again.json()["id"] == created.json()["id"]
    changed = client.patch(f"/api/target/{created.json()['id']}/", {"nilai_atas": "90"}, format="json")
    assert changed.status_code == 200
    target = Target.objects.get(pk=created.json()["id"])
    assert (target.nilai, target.nilai_atas) == (Decimal(82), Decimal(90))
    assert target.history.latest().history_user.username == "admin.kaltim"


def test_a_target_outside_the_renstra_period_or_negative_is_refused(api):
    client = api("admin.kaltim")
    ind = indikator("IKU10")
    luar_periode = client.post(
        "/api/target/", {"indikator": ind.pk, "tahun": 2030, "nilai": "80"}, format="json"
    )
    assert luar_periode.status_code == 400
    assert luar_periode.json() == {"tahun": ["Tahun 2030 di luar periode Renstra 2024–2026."]}
    negatif = client.post("/api/target/", {"indikator": ind.pk, "tahun": 2026, "nilai": "-1"}, format="json")
    assert negatif.status_code == 400
    assert negatif.json() == {"nilai": ["Target tidak boleh negatif."]}


def test_targets_are_written_by_the_renstra_unit_only(api):
    target = indikator("IKU12").target.get(tahun=2025)
    assert (
        api("operator.adpim").patch(f"/api/target/{target.pk}/", {"nilai": "1"}, format="json").status_code
        == 404
    )
    assert (
        api("pimpinan.setda").patch(f"/api/target/{target.pk}/", {"nilai": "1"}, format="json").status_code
        == 403
    )
