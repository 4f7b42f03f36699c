"""Validation rules enforced at entry (page, API, service): an error-level rule refuses the value with its message at
the field, a warning-level one saves it with the operator's note, which the verifier sees; rule pages and API."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from sakip.organisasi import services as org_services
from sakip.organisasi.models import Penugasan
from sakip.organisasi.tests.factories import PenggunaFactory
from sakip.pengukuran import services
from sakip.pengukuran.models import AturanValidasi, Realisasi
from sakip.perencanaan import services as perencanaan
from sakip.perencanaan.models import Indikator

D = Decimal
GALAT, PERINGATAN = AturanValidasi.Tingkat.GALAT, AturanValidasi.Tingkat.PERINGATAN
PESAN_TARGET = "Nilai 250 melebihi 2 × target (100) = 200."


@pytest.fixture
def ind(org, admin_pemda):
    """A cumulative index with target 100 in 2025, reported by Biro A (operator_a enters, pimpinan_a verifies)."""
    renstra = perencanaan.create_renstra(
        unit_kerja=org.setda, nama="Renstra", tahun_mulai=2024, tahun_selesai=2026
    )
    tujuan = perencanaan.add_tujuan(renstra=renstra, kode="T1", uraian="Tujuan")
    sasaran = perencanaan.add_sasaran(renstra=renstra, tujuan=tujuan, kode="S1", uraian="Sasaran")
    ind = Indikator(
        renstra=renstra,
        sasaran=sasaran,
        kode="IKU01",
        nama="Indeks layanan",
        satuan="Indeks",
        jenis="indeks",
        agregasi="kumulatif",
        penanggung_jawab=org.biro_a,
    )
    perencanaan.save_indikator(indikator=ind, target={2025: perencanaan.NilaiTarget(nilai=D(100))})
    return ind


def _aturan(org, admin_pemda, jenis, tingkat, parameter=None, pesan="", indikator=None):
    return services.simpan_aturan(
        pemda=org.pemda,
        by=admin_pemda,
        jenis=jenis,
        nama=f"Aturan {jenis}",
        tingkat=tingkat,
        parameter=parameter or {},
        pesan=pesan,
        indikator=indikator,
    )


@pytest.fixture
def luar(org):
    user = PenggunaFactory(username="admin_lain")
    org_services.assign_role(pengguna=user, peran=Penugasan.Peran.ADMIN_PEMDA, pemda=org.pemda_lain)
    return user


def _api(user):
    c = APIClient()
    c.force_authenticate(user)
    return c


def _simpan(ind, by, nilai, periode="TAHUN", **lain):
    return services.save_realisasi(indikator=ind, tahun=2025, periode=periode, by=by, nilai=D(nilai), **lain)


# --- service --------------------------------------------------------------------------------------------------------


def test_an_error_rule_refuses_the_value_at_the_field_with_its_message(ind, org, admin_pemda, operator_a):
    _aturan(org, admin_pemda, "maks_target", GALAT, {"k": "2"})
    with pytest.raises(ValidationError) as exc:
        _simpan(ind, operator_a, 250)
    assert exc.value.message_dict == {"nilai": [PESAN_TARGET]}
    assert not Realisasi.objects.exists()
    assert _simpan(ind, operator_a, 200).nilai == D(200)  # exactly target × k is allowed


@pytest.mark.parametrize(
    ("jenis", "parameter", "nilai", "pesan"),
    [
        ("rentang_nilai", {"min": "0", "maks": "150"}, "151", "Nilai 151 di luar rentang 0–150."),
        (
            "perbandingan",
            {"kiri": "realisasi", "operator": "<=", "kanan": "target + 10"},
            "111",
            "Syarat realisasi <= target + 10 tidak terpenuhi (111 <= 110).",
        ),
    ],
)
def test_range_and_custom_comparison_rules_refuse_values_outside(
    ind, org, admin_pemda, operator_a, jenis, parameter, nilai, pesan
):
    _aturan(org, admin_pemda, jenis, GALAT, parameter, indikator=ind)
    with pytest.raises(ValidationError) as exc:
        _simpan(ind, operator_a, nilai)
    assert exc.value.message_dict == {"nilai": [pesan]}


def test_a_cumulative_indicator_may_not_fall_between_quarters(ind, org, admin_pemda, operator_a):
    _aturan(org, admin_pemda, "kumulatif_menurun", GALAT)
    _simpan(ind, operator_a, 50, "TW1")
    with pytest.raises(ValidationError) as exc:
        _simpan(ind, operator_a, 40, "TW2")
    assert exc.value.message_dict == {"nilai": ["Triwulan II (40) lebih kecil dari Triwulan I (50)."]}
    _simpan(ind, operator_a, 60, "TW2")
    with pytest.raises(ValidationError):  # raising TW1 above TW2 makes TW2 fall
        _simpan(ind, operator_a, 70, "TW1", versi=1)


def test_a_rule_for_another_indicator_or_an_inactive_rule_does_not_apply(ind, org, admin_pemda, operator_a):
    aturan = _aturan(org, admin_pemda, "maks_target", GALAT, {"k": "2"})
    aturan.aktif = False
    aturan.save()
    assert _simpan(ind, operator_a, 250).nilai == D(250)


def test_a_warning_needs_a_note_then_saves_with_it(ind, org, admin_pemda, operator_a):
    _aturan(
        org, admin_pemda, "rentang_nilai", PERINGATAN, {"maks": "150"}, pesan="Di atas 150 jarang terjadi."
    )
    with pytest.raises(ValidationError) as exc:
        _simpan(ind, operator_a, 160)
    assert list(exc.value.message_dict) == ["catatan_peringatan"]
    assert "Di atas 150 jarang terjadi." in exc.value.message_dict["catatan_peringatan"][0]
    r = _simpan(ind, operator_a, 160, catatan_peringatan="Ada layanan keliling tambahan.")
    assert (r.peringatan, r.catatan_peringatan) == (
        ["Di atas 150 jarang terjadi."],
        "Ada layanan keliling tambahan.",
    )
    assert services.submit_realisasi(r, by=operator_a).status == Realisasi.Status.DIAJUKAN


def test_submit_checks_the_rules_in_force_now(ind, org, admin_pemda, operator_a):
    r = _simpan(ind, operator_a, 250)
    _aturan(org, admin_pemda, "maks_target", GALAT, {"k": "2"})
    with pytest.raises(ValidationError) as exc:
        services.submit_realisasi(r, by=operator_a)
    assert exc.value.message_dict == {"nilai": [PESAN_TARGET]}


# --- the page --------------------------------------------------------------------------------------------------------


def _post(client, ind, nilai, catatan=""):
    return client.post(
        f"/pengukuran/indikator/{ind.pk}/simpan/?tahun=2025",
        {
            "prefix": "TAHUN",
            "TAHUN-periode": "TAHUN",
            "TAHUN-nilai": nilai,
            "TAHUN-catatan_peringatan": catatan,
        },
    )


def test_the_page_refuses_an_error_with_the_same_message(client, ind, org, admin_pemda, operator_a):
    _aturan(org, admin_pemda, "maks_target", GALAT, {"k": "2"})
    client.force_login(operator_a)
    response = _post(client, ind, "250")
    # Since the forms keep their input (h-kuartal) the rule's message stands at the value field, same text.
    assert response.status_code == 200
    assert [str(m) for m in get_messages(response.wsgi_request)] == []
    galat = response.content.decode().split('id="galat-TAHUN-nilai"')[1].split("</div>")[0]
    assert PESAN_TARGET in galat
    assert not Realisasi.objects.exists()


def test_the_page_saves_a_warning_with_the_note_and_the_verifier_reads_both(
    client, ind, org, admin_pemda, operator_a, pimpinan_a
):
    _aturan(
        org, admin_pemda, "rentang_nilai", PERINGATAN, {"maks": "150"}, pesan="Di atas 150 jarang terjadi."
    )
    client.force_login(operator_a)
    _post(client, ind, "160")
    assert not Realisasi.objects.exists()
    _post(client, ind, "160", "Ada layanan keliling tambahan.")
    assert Realisasi.objects.get().catatan_peringatan == "Ada layanan keliling tambahan."
    client.force_login(pimpinan_a)
    halaman = client.get(f"/pengukuran/indikator/{ind.pk}/?tahun=2025").content.decode()
    assert "Peringatan: Di atas 150 jarang terjadi." in halaman
    assert "Catatan pengisi: Ada layanan keliling tambahan." in halaman


# --- the API ---------------------------------------------------------------------------------------------------------


def test_the_api_refuses_an_error_with_the_same_message_and_saves_a_warning_with_its_note(
    ind, org, admin_pemda, operator_a, pimpinan_a
):
    _aturan(org, admin_pemda, "maks_target", GALAT, {"k": "2"})
    _aturan(
        org, admin_pemda, "rentang_nilai", PERINGATAN, {"maks": "150"}, pesan="Di atas 150 jarang terjadi."
    )
    api = _api(operator_a)
    isian = {"indikator": ind.pk, "tahun": 2025, "periode": "TAHUN"}
    response = api.post("/api/realisasi/", {**isian, "nilai": "250"}, format="json")
    assert (response.status_code, response.json()) == (400, {"nilai": [PESAN_TARGET]})
    response = api.post("/api/realisasi/", {**isian, "nilai": "160"}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["catatan_peringatan"]
    response = api.post(
        "/api/realisasi/", {**isian, "nilai": "160", "catatan_peringatan": "Layanan keliling."}, format="json"
    )
    assert response.status_code == 201, response.json()
    dibaca = _api(pimpinan_a).get(f"/api/realisasi/{response.json()['id']}/").json()
    assert (dibaca["peringatan"], dibaca["catatan_peringatan"]) == (
        ["Di atas 150 jarang terjadi."],
        "Layanan keliling.",
    )


# --- rule pages and API ------------------------------------------------------------------------------------------------


def test_admin_adds_a_rule_on_the_page_and_a_bad_parameter_is_shown_at_its_field(
    client, ind, org, admin_pemda
):
    client.force_login(admin_pemda)
    isian = {"pemda": org.pemda.pk, "nama": "Maks 2× target", "jenis": "maks_target", "tingkat": "galat"}
    response = client.post("/pengukuran/aturan/", {**isian, "k": "0", "aktif": "on"})
    assert response.context["form"].errors["k"] == ["Isi pengali k yang lebih besar dari 0, mis. 1,5."]
    assert not AturanValidasi.objects.exists()
    response = client.post("/pengukuran/aturan/", {**isian, "k": "2", "indikator": ind.pk, "aktif": "on"})
    assert response.status_code == 302
    aturan = AturanValidasi.objects.get()
    assert (aturan.parameter, aturan.indikator, aturan.history.get().history_user) == (
        {"k": "2"},
        ind,
        admin_pemda,
    )
    halaman = client.get(f"/pengukuran/aturan/{aturan.pk}/").content.decode()
    assert "k = 2" in halaman


def test_read_only_roles_read_rules_and_cannot_change_them(
    client, ind, org, admin_pemda, pimpinan_a, operator_a
):
    aturan = _aturan(org, admin_pemda, "maks_target", GALAT, {"k": "2"})
    for user in (pimpinan_a, operator_a):
        client.force_login(user)
        response = client.get(f"/pengukuran/aturan/{aturan.pk}/")
        assert response.status_code == 200
        assert b"Simpan aturan" not in response.content
        assert b"Aturan maks_target" in client.get("/pengukuran/aturan/").content
        assert client.post(f"/pengukuran/aturan/{aturan.pk}/", {"nama": "x"}).status_code == 403
        assert client.post("/pengukuran/aturan/", {"nama": "x"}).status_code == 403
    assert AturanValidasi.objects.get().nama == "Aturan maks_target"


def test_outsider_gets_404_for_another_pemdas_rule(client, ind, org, admin_pemda, luar):
    aturan = _aturan(org, admin_pemda, "maks_target", GALAT, {"k": "2"})
    client.force_login(luar)
    assert client.get(f"/pengukuran/aturan/{aturan.pk}/").status_code == 404
    assert b"Aturan maks_target" not in client.get("/pengukuran/aturan/").content
    assert _api(luar).get(f"/api/aturan-validasi/{aturan.pk}/").status_code == 404
    assert _api(luar).get("/api/aturan-validasi/").json()["count"] == 0


def test_api_rules_admin_writes_others_read(ind, org, admin_pemda, pimpinan_a, operator_a, luar):
    isian = {
        "pemda": org.pemda.pk,
        "indikator": ind.pk,
        "jenis": "perbandingan",
        "nama": "Tidak lebih dari target + 10",
        "parameter": {"kiri": "realisasi", "operator": "<=", "kanan": "target + 10"},
        "tingkat": "galat",
    }
    assert _api(pimpinan_a).post("/api/aturan-validasi/", isian, format="json").status_code == 403
    assert _api(operator_a).post("/api/aturan-validasi/", isian, format="json").status_code == 403
    assert _api(luar).post("/api/aturan-validasi/", isian, format="json").status_code == 404
    salah = _api(admin_pemda).post(
        "/api/aturan-validasi/",
        {**isian, "parameter": {**isian["parameter"], "operator": "~"}},
        format="json",
    )
    assert salah.status_code == 400
    assert list(salah.json()) == ["operator"]
    response = _api(admin_pemda).post("/api/aturan-validasi/", isian, format="json")
    assert response.status_code == 201, response.json()
    assert (
        _api(pimpinan_a).get(f"/api/aturan-validasi/{response.json()['id']}/").json()["indikator"] == ind.pk
    )
    with pytest.raises(ValidationError):
        _simpan(ind, operator_a, 111)
