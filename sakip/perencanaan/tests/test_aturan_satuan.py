"""One list of satuan per pemda: the indicator form, the Renstra import and the API accept and refuse alike, with the
same message; the admin pemda adds a satuan with its kind (page, API), others read."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework.test import APIClient

from sakip.organisasi import services as org_services
from sakip.organisasi.models import Penugasan
from sakip.organisasi.tests.factories import PenggunaFactory
from sakip.perencanaan import excel, forms, satuan, services
from sakip.perencanaan.models import SatuanPemda
from sakip.perencanaan.tests.factories import renstra_dengan_iku
from sakip.perencanaan.tests.test_excel import buku_renstra

PESAN_PBU = satuan.pesan_tidak_dikenal("PBU")


@pytest.fixture
def renstra(org, admin_pemda):
    return renstra_dengan_iku(org.setda, by=admin_pemda)


@pytest.fixture
def luar(org):
    user = PenggunaFactory(username="admin_lain")
    org_services.assign_role(pengguna=user, peran=Penugasan.Peran.ADMIN_PEMDA, pemda=org.pemda_lain)
    return user


def _api(user):
    c = APIClient()
    c.force_authenticate(user)
    return c


def _form(renstra, teks):
    data = {"satuan": teks, "kode": "IKU77", "nama": "X", "induk": f"s{renstra.sasaran.get().pk}"}
    return forms.IndikatorForm(data, renstra=renstra)


def _impor(org, teks):
    def ubah(lembar):
        lembar["Indikator"][1][3] = teks

    return [str(k) for k in excel.baca_renstra(buku_renstra(ubah), pemda=org.pemda).kesalahan]


def _api_baru(renstra, teks):
    return {
        "renstra": renstra.pk,
        "sasaran": renstra.sasaran.get().pk,
        "kode": "IKU77",
        "nama": "Indikator PBU",
        "satuan": teks,
    }


def test_pbu_is_refused_alike_by_form_import_and_api_until_the_pemda_lists_it(org, renstra, admin_pemda):
    assert PESAN_PBU.startswith("Satuan 'PBU' tidak dikenal.")
    assert _form(renstra, "PBU").errors["satuan"] == [PESAN_PBU]
    assert f"Sheet 'Indikator', baris 2, kolom 'Satuan': {PESAN_PBU}" in _impor(org, "PBU")
    response = _api(admin_pemda).post("/api/indikator/", _api_baru(renstra, "PBU"), format="json")
    assert (response.status_code, response.json()) == (400, {"satuan": [PESAN_PBU]})

    services.tambah_satuan(pemda=org.pemda, nama="PBU", jenis="jumlah", by=admin_pemda)
    assert "satuan" not in _form(renstra, "PBU").errors
    assert not any("Satuan" in k for k in _impor(org, "pbu"))
    response = _api(admin_pemda).post("/api/indikator/", _api_baru(renstra, "PBU"), format="json")
    assert response.status_code == 201, response.json()


def test_a_pemda_list_does_not_open_another_pemda(org, renstra, admin_pemda, luar):
    services.tambah_satuan(pemda=org.pemda_lain, nama="PBU", jenis="jumlah", by=luar)
    assert _form(renstra, "PBU").errors["satuan"] == [PESAN_PBU]


def test_only_the_admin_pemda_adds_and_a_duplicate_is_refused_at_the_field(org, admin_pemda, operator_a):
    with pytest.raises(PermissionDenied):
        services.tambah_satuan(pemda=org.pemda, nama="PBU", jenis="jumlah", by=operator_a)
    services.tambah_satuan(pemda=org.pemda, nama="PBU", jenis="jumlah", by=admin_pemda)
    for nama in ("pbu", "Persen"):
        with pytest.raises(ValidationError) as exc:
            services.tambah_satuan(pemda=org.pemda, nama=nama, jenis="jumlah", by=admin_pemda)
        assert "sudah ada" in exc.value.message_dict["nama"][0]
    assert SatuanPemda.history.get().history_user == admin_pemda


def test_the_page_adds_for_the_admin_and_reads_for_others(client, org, admin_pemda, pimpinan_a, luar):
    client.force_login(admin_pemda)
    response = client.post("/perencanaan/satuan/", {"pemda": org.pemda.pk, "nama": "PBU", "jenis": "jumlah"})
    assert response.status_code == 302
    assert SatuanPemda.objects.get().get_jenis_display() == "Jumlah (cacah)"
    client.force_login(pimpinan_a)
    response = client.get("/perencanaan/satuan/")
    assert b"PBU" in response.content
    assert b"Tambah satuan" not in response.content
    assert client.post("/perencanaan/satuan/", {"nama": "X", "jenis": "jumlah"}).status_code == 403
    client.force_login(luar)
    assert client.get("/perencanaan/satuan/", {"pemda": org.pemda.pk}).status_code == 404
    assert b"PBU" not in client.get("/perencanaan/satuan/").content


def test_the_api_adds_for_the_admin_and_reads_for_others(org, admin_pemda, pimpinan_a, operator_a, luar):
    isian = {"pemda": org.pemda.pk, "nama": "PBU", "jenis": "jumlah"}
    assert _api(pimpinan_a).post("/api/satuan/", isian, format="json").status_code == 403
    assert _api(operator_a).post("/api/satuan/", isian, format="json").status_code == 403
    assert _api(luar).post("/api/satuan/", isian, format="json").status_code == 404
    assert _api(admin_pemda).post("/api/satuan/", isian, format="json").status_code == 201
    assert [s["nama"] for s in _api(pimpinan_a).get("/api/satuan/").json()["results"]] == ["PBU"]
    assert _api(luar).get("/api/satuan/").json()["count"] == 0
    assert "Persen" in _api(luar).get("/api/satuan/bawaan/").json()
