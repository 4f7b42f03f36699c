"""Realisasi through the API: the same service as the page (formula, versions, year locks, workflow, history)."""

from decimal import Decimal

from sakip.api.tests.conftest import client_for, indikator
from sakip.organisasi.models import Pemda, Pengguna
from sakip.pengukuran import services
from sakip.pengukuran.models import Realisasi

URL = "/api/realisasi/"
# IKU10 of the Setda, reported by Biro Organisasi:
# perangkat_daerah_predikat_minimal_bb / perangkat_daerah_dinilai_sakip * 100
BB, DINILAI = "perangkat_daerah_predikat_minimal_bb", "perangkat_daerah_dinilai_sakip"


def _baru(api, masukan, *, tahun=2025, user="operator.organisasi"):
    return api(user).post(
        URL,
        {"indikator": indikator("IKU10").pk, "tahun": tahun, "periode": "TAHUN", "masukan": masukan},
        format="json",
    )


def test_post_with_formula_inputs_computes_the_value_by_the_iku_formula(api):
    response = _baru(api, {BB: "30", DINILAI: "37"})
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["nilai"] == "81.081081"  # 30 / 37 × 100, kept to the column's 6 decimals
    assert body["masukan"] == {BB: "30.000000", DINILAI: "37.000000"}
    assert body["versi"] == 1
    assert body["status"] == "draft"
    assert body["unit_kode"] == "SETDA.ORGANISASI"
    assert body["diubah_oleh"] == "operator.organisasi"


def test_put_with_masukan_recomputes_and_the_history_records_who_old_and_new(api):
    pk = _baru(api, {BB: "30", DINILAI: "37"}).json()["id"]
    response = api("operator.organisasi").put(
        f"{URL}{pk}/", {"versi": 1, "masukan": {BB: "31", DINILAI: "37"}}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["nilai"] == "83.783784"
    assert response.json()["versi"] == 2

    baru, lama = Realisasi.objects.get(pk=pk).history.order_by("-history_id")[:2]
    assert baru.history_user.username == "operator.organisasi"
    assert (lama.nilai, baru.nilai) == (Decimal("81.081081"), Decimal("83.783784"))
    perubahan = {c.field: (c.old, c.new) for c in baru.diff_against(lama).changes}
    assert perubahan["nilai"] == (Decimal("81.081081"), Decimal("83.783784"))
    assert perubahan["versi"] == (1, 2)


def test_a_stale_version_is_refused_with_409_and_nothing_is_overwritten(api):
    pk = _baru(api, {BB: "30", DINILAI: "37"}).json()["id"]
    client = api("operator.organisasi")
    assert (
        client.put(
            f"{URL}{pk}/", {"versi": 1, "masukan": {BB: "31", DINILAI: "37"}}, format="json"
        ).status_code
        == 200
    )

    stale = client.put(f"{URL}{pk}/", {"versi": 1, "masukan": {BB: "1", DINILAI: "37"}}, format="json")
    assert stale.status_code == 409
    assert "sudah diubah oleh Operator Biro Organisasi (demo)" in stale.json()["detail"]
    assert "83,78" in stale.json()["detail"]  # the current value, as the page names it
    assert Realisasi.objects.get(pk=pk).nilai == Decimal("83.783784")


def test_posting_a_period_that_already_has_a_realisasi_is_a_conflict_not_an_overwrite(api):
    assert _baru(api, {BB: "30", DINILAI: "37"}).status_code == 201
    again = _baru(api, {BB: "1", DINILAI: "37"})
    assert again.status_code == 409
    assert "setelah Anda membukanya" in again.json()["detail"]


def test_a_locked_year_is_refused_with_an_indonesian_message(api):
    pk = _baru(api, {BB: "30", DINILAI: "37"}).json()["id"]
    services.lock_year(
        pemda=Pemda.objects.get(kode="64"), tahun=2025, by=Pengguna.objects.get(username="admin.kaltim")
    )
    response = api("operator.organisasi").put(
        f"{URL}{pk}/", {"versi": 1, "masukan": {BB: "31", DINILAI: "37"}}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": [
            "Realisasi IKU10 2025 TAHUN tidak dapat diubah: data tahun 2025 sudah dikunci. Perubahan hanya dapat "
            "dilakukan setelah admin pemda membuka kunci tahun itu dengan alasan yang dicatat."
        ]
    }
    assert Realisasi.objects.get(pk=pk).versi == 1


def test_an_unknown_formula_variable_is_a_400_naming_the_field_and_the_variable(api):
    response = _baru(api, {BB: "30", DINILAI: "37", "jumlah_opd": "5"})
    assert response.status_code == 400
    assert list(response.json()) == ["masukan"]
    assert "jumlah_opd" in response.json()["masukan"][0]
    assert not Realisasi.objects.filter(indikator=indikator("IKU10"), tahun=2025).exists()


def test_a_missing_input_and_a_zero_denominator_are_field_errors(api):
    kosong = _baru(api, {BB: "30"})
    assert kosong.status_code == 400
    assert kosong.json() == {"masukan": [f"Nilai belum diisi: {DINILAI}."]}
    nol = _baru(api, {BB: "30", DINILAI: "0"})
    assert nol.status_code == 400
    assert "Pembagian dengan nol" in nol.json()["masukan"][0]


def test_a_formula_result_too_large_for_the_column_is_a_400(api):
    response = _baru(api, {BB: "999999999999999999", DINILAI: "0.000001"})
    assert response.status_code == 400
    assert "masukan" in response.json() or "nilai" in response.json()


def test_a_plain_indicator_takes_nilai_and_refuses_masukan(api):
    client = api("operator.adpim")
    data = {"indikator": indikator("IKU12").pk, "tahun": 2025, "periode": "TW1"}
    assert client.post(URL, {**data, "masukan": {"a": "1"}}, format="json").status_code == 400
    response = client.post(URL, {**data, "nilai": "81.80"}, format="json")
    assert response.status_code == 201
    assert response.json()["nilai"] == "81.800000"


def test_workflow_submit_return_and_verify(api):
    pk = _baru(api, {BB: "30", DINILAI: "37"}).json()["id"]
    operator, pimpinan = api("operator.organisasi"), api("pimpinan.setda")

    assert operator.post(f"{URL}{pk}/ajukan/").json()["status"] == "diajukan"
    kosong = pimpinan.post(f"{URL}{pk}/kembalikan/", {"catatan": ""}, format="json")
    assert kosong.status_code == 400
    kembali = pimpinan.post(f"{URL}{pk}/kembalikan/", {"catatan": "Lampirkan LHE."}, format="json")
    assert kembali.status_code == 200
    assert (kembali.json()["status"], kembali.json()["catatan_verifikasi"]) == (
        "dikembalikan",
        "Lampirkan LHE.",
    )
    assert operator.post(f"{URL}{pk}/ajukan/").status_code == 200
    assert operator.post(f"{URL}{pk}/verifikasi/").status_code == 403  # an operator does not verify
    verified = pimpinan.post(f"{URL}{pk}/verifikasi/")
    assert verified.status_code == 200
    assert verified.json()["status"] == "diverifikasi"
    again = pimpinan.post(f"{URL}{pk}/verifikasi/")
    assert again.status_code == 400
    assert "tidak dapat diproses" in again.json()["non_field_errors"][0]


def test_pimpinan_and_evaluator_may_read_but_writing_is_403(api):
    realisasi = indikator("IKU10").realisasi.get(tahun=2024, periode="TAHUN")
    for user in ("pimpinan.setda", "inspektorat"):
        client = api(user)
        assert client.get(f"{URL}{realisasi.pk}/").status_code == 200
        response = client.put(
            f"{URL}{realisasi.pk}/", {"versi": realisasi.versi, "nilai": "1"}, format="json"
        )
        assert response.status_code == 403, user
        assert response.json()["detail"] == "Anda hanya memiliki hak baca."
        assert _baru(api, {BB: "1", DINILAI: "2"}, user=user).status_code == 403
    assert Realisasi.objects.get(pk=realisasi.pk).versi == realisasi.versi


def test_an_operator_of_another_unit_sees_the_realisasi_of_its_own_unit_only(api):
    theirs = indikator("IKU10").realisasi.get(tahun=2024, periode="TAHUN")
    client = api("operator.adpim")
    assert client.get(f"{URL}{theirs.pk}/").status_code == 404
    assert (
        client.put(f"{URL}{theirs.pk}/", {"versi": theirs.versi, "nilai": "1"}, format="json").status_code
        == 404
    )
    assert _baru(api, {BB: "1", DINILAI: "2"}, user="operator.adpim").status_code == 404
    units = {r["unit_kode"] for r in client.get(URL, {"page_size": 500}).json()["results"]}
    assert units == {"SETDA.ADPIM"}


def test_an_outsider_of_another_pemda_gets_404_and_an_empty_list(api, luar):
    client = client_for(luar)
    realisasi = indikator("IKU10").realisasi.get(tahun=2024, periode="TAHUN")
    assert client.get(f"{URL}{realisasi.pk}/").status_code == 404
    assert client.post(f"{URL}{realisasi.pk}/ajukan/").status_code == 404
    kaltim = set(Realisasi.objects.filter(unit_kerja__pemda__kode="64").values_list("pk", flat=True))
    seen = {r["id"] for r in client.get(URL, {"page_size": 500}).json()["results"]}
    assert kaltim
    assert not seen & kaltim


def test_list_filters_by_indicator_year_and_status(api):
    client = api("admin.kaltim")
    ind = indikator("IKU10")
    rows = client.get(URL, {"indikator": ind.pk, "status": "diverifikasi"}).json()["results"]
    assert [r["tahun"] for r in rows] == [2021, 2022, 2023, 2024]
    assert client.get(URL, {"tahun": "dua"}).status_code == 400
    assert client.get(URL, {"periode": "TW9"}).status_code == 400


def test_a_tie_between_two_clients_creating_the_same_period_is_a_409(api, monkeypatch):
    from django.db import IntegrityError

    def tie(**kwargs):
        raise IntegrityError("UNIQUE constraint failed: realisasi_unik_per_periode")

    monkeypatch.setattr(services, "save_realisasi", tie)
    response = _baru(api, {BB: "30", DINILAI: "37"})
    assert response.status_code == 409
    assert response.json() == {
        "detail": "Data yang sama baru saja disimpan pengguna lain; muat ulang lalu coba lagi."
    }
