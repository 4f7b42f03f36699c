"""Issue #20 point 5: the admin pemda's accounts and roles, programs with kegiatan and sub kegiatan, and the
officials over the API: writers write, readers read, read-only roles get 403, outsiders 404 or nothing."""

import datetime

import pytest
from rest_framework.test import APIClient

from sakip.organisasi import services as org_services
from sakip.organisasi.models import Pejabat, Pengguna, Penugasan
from sakip.organisasi.tests.factories import PenggunaFactory
from sakip.perencanaan import nomenklatur
from sakip.perencanaan.models import Program, SubKegiatan
from sakip.perencanaan.tests.factories import renstra_dengan_iku


def _api(user):
    c = APIClient()
    c.force_authenticate(user)
    return c


@pytest.fixture
def admin_lain(org):
    user = PenggunaFactory(username="admin_lain")
    org_services.assign_role(pengguna=user, peran=Penugasan.Peran.ADMIN_PEMDA, pemda=org.pemda_lain)
    return user


# --- accounts and roles ---------------------------------------------------------------------------------------------


def test_the_admin_creates_a_user_gives_a_dated_role_withdraws_it_and_deactivates_the_account(
    org, admin_pemda, operator_a
):
    c = _api(admin_pemda)
    r = c.post("/api/pengguna/", {"username": "budi", "nama_depan": "Budi", "nip": "1"}, format="json")
    assert r.status_code == 201, r.json()
    budi = Pengguna.objects.get(username="budi")
    assert budi.check_password(r.json()["sandi_sementara"])
    assert r["Cache-Control"] == "no-store"
    r = c.post(
        "/api/penugasan/",
        {"pengguna": budi.pk, "peran": "operator", "pemda": org.pemda.pk, "unit_kerja": org.biro_b.pk,
         "mulai": "2024-01-02"},
        format="json",
    )  # fmt: skip
    assert r.status_code == 201, r.json()
    assert (r.json()["status"], r.json()["mulai"]) == ("Berlaku", "2024-01-02")
    daftar = {u["username"]: u for u in c.get("/api/pengguna/").json()["results"]}
    assert [p["unit_kerja"] for p in daftar["budi"]["peran"]] == [org.biro_b.pk]
    r = c.post(f"/api/penugasan/{r.json()['id']}/cabut/", {}, format="json")
    assert r.status_code == 200
    assert r.json()["status"] == "Berakhir"
    assert not Penugasan.objects.berlaku().filter(pengguna=budi).exists()
    assert c.post(f"/api/pengguna/{budi.pk}/nonaktifkan/").json()["aktif"] is False
    budi.refresh_from_db()
    assert not budi.is_active
    assert Penugasan.history.filter(pengguna_id=budi.pk, history_user=admin_pemda).count() == 2
    assert budi.history.latest().history_user == admin_pemda


def test_a_role_in_another_pemda_or_for_its_accounts_is_refused(org, admin_pemda, admin_lain):
    c = _api(admin_pemda)
    r = c.post(
        "/api/penugasan/",
        {"pengguna": admin_lain.pk, "peran": "operator", "pemda": org.pemda.pk, "unit_kerja": org.biro_a.pk},
        format="json",
    )
    assert r.status_code == 400
    assert "pengguna" in r.json()
    r = c.post(
        "/api/penugasan/",
        {"pengguna": PenggunaFactory(username="baru").pk, "peran": "admin_pemda", "pemda": org.pemda_lain.pk},
        format="json",
    )
    assert r.status_code == 400
    assert "pemda" in r.json()


def test_users_and_roles_are_the_admins_only_and_another_pemdas_admin_gets_404(
    org, admin_pemda, operator_a, pimpinan_a, evaluator, admin_lain
):
    peran = Penugasan.objects.get(pengguna=operator_a)
    for user in (operator_a, pimpinan_a, evaluator):
        c = _api(user)
        assert c.get("/api/pengguna/").status_code == 403
        assert c.get("/api/penugasan/").status_code == 403
        assert c.post("/api/pengguna/", {"username": "x", "nama_depan": "X"}).status_code == 403
        assert c.post(f"/api/penugasan/{peran.pk}/cabut/").status_code == 403
        assert c.post(f"/api/pengguna/{operator_a.pk}/nonaktifkan/").status_code == 403
    c = _api(admin_lain)
    assert operator_a.username not in [u["username"] for u in c.get("/api/pengguna/").json()["results"]]
    assert c.get(f"/api/pengguna/{operator_a.pk}/").status_code == 404
    assert c.post(f"/api/penugasan/{peran.pk}/cabut/").status_code == 404
    assert c.post(f"/api/pengguna/{operator_a.pk}/nonaktifkan/").status_code == 404
    assert Penugasan.objects.berlaku().filter(pk=peran.pk).exists()
    operator_a.refresh_from_db()
    assert operator_a.is_active


# --- programs, kegiatan and sub kegiatan ---------------------------------------------------------------------------


@pytest.fixture
def rencana(org):
    nomenklatur.simpan_versi(
        keputusan="050-5889/2021",
        tahun_berlaku=2021,
        baris={
            "program": [{"kode": "4.01.02", "nama": "PROGRAM PEMERINTAHAN DAN KESEJAHTERAAN RAKYAT"}],
            "kegiatan": [{"kode": "4.01.02.2.01", "nama": "Administrasi Tata Pemerintahan"}],
            "sub_kegiatan": [
                {
                    "kode": "4.01.02.2.01.0001",
                    "nama": "Penataan Administrasi Pemerintahan",
                    "satuan": "Dokumen",
                }
            ],
        },
    )
    return renstra_dengan_iku(org.biro_a, jumlah_indikator=1)


def test_the_operator_writes_a_program_kegiatan_and_sub_kegiatan_with_codes_checked(rencana, org, operator_a):
    c = _api(operator_a)
    sasaran = rencana.sasaran.get()
    r = c.post(
        "/api/program/",
        {"unit_kerja": org.biro_a.pk, "kode": "4.01.02", "sasaran": [sasaran.pk]},
        format="json",
    )
    assert r.status_code == 201, r.json()
    assert (r.json()["nama"], r.json()["sasaran"]) == (
        "PROGRAM PEMERINTAHAN DAN KESEJAHTERAAN RAKYAT",
        [sasaran.pk],
    )
    program = r.json()["id"]
    r = c.post("/api/kegiatan/", {"program": program, "kode": "4.01.02.2.01", "nama": "Adm"}, format="json")
    assert r.status_code == 201, r.json()
    kegiatan = r.json()["id"]
    r = c.post(
        "/api/sub-kegiatan/",
        {"kegiatan": kegiatan, "kode": "4.01.02.2.01.0001", "target": {"2025": "4"}},
        format="json",
    )
    assert r.status_code == 201, r.json()
    assert (r.json()["nama"], r.json()["satuan_keluaran"]) == (
        "Penataan Administrasi Pemerintahan",
        "Dokumen",
    )
    assert r.json()["target_keluaran"] == {"2025": "4.000000"}
    r = c.post(
        "/api/sub-kegiatan/", {"kegiatan": kegiatan, "kode": "4.01.02.2.01.0009", "nama": "X"}, format="json"
    )
    assert r.status_code == 400
    assert "Yang terdekat: 4.01.02.2.01.0001 Penataan Administrasi Pemerintahan" in r.json()["kode"][0]
    sub = SubKegiatan.objects.get()
    r = c.patch(f"/api/sub-kegiatan/{sub.pk}/", {"target": {"2025": None, "2026": "5"}}, format="json")
    assert r.json()["target_keluaran"] == {"2026": "5.000000"}
    assert c.delete(f"/api/program/{program}/").status_code == 204
    assert not Program.objects.exists()
    assert Program.history.filter(history_type="-", history_user=operator_a).exists()


def test_program_writes_are_403_for_read_only_roles_and_404_for_outsiders(
    rencana, org, operator_a, pimpinan_a, evaluator, operator_b
):
    c = _api(operator_a)
    program = c.post("/api/program/", {"unit_kerja": org.biro_a.pk, "kode": "4.01.02"}, format="json").json()[
        "id"
    ]
    kegiatan = c.post("/api/kegiatan/", {"program": program, "kode": "4.01.02.2.01", "nama": "K"}).json()[
        "id"
    ]
    sub = c.post("/api/sub-kegiatan/", {"kegiatan": kegiatan, "kode": "4.01.02.2.01.0001"}).json()["id"]
    for user in (pimpinan_a, evaluator):
        c = _api(user)
        assert c.get(f"/api/program/{program}/").status_code == 200
        assert c.get(f"/api/sub-kegiatan/{sub}/").status_code == 200
        assert c.patch(f"/api/program/{program}/", {"nama": "X"}).status_code == 403
        assert c.delete(f"/api/kegiatan/{kegiatan}/").status_code == 403
        assert (
            c.post("/api/sub-kegiatan/", {"kegiatan": kegiatan, "kode": "4.01.02.2.01.0001"}).status_code
            == 403
        )
    c = _api(operator_b)
    assert c.get(f"/api/program/{program}/").status_code == 404
    assert c.get("/api/kegiatan/").json()["results"] == []
    assert c.get(f"/api/sub-kegiatan/{sub}/").status_code == 404
    assert c.patch(f"/api/kegiatan/{kegiatan}/", {"nama": "X"}).status_code == 404
    assert c.delete(f"/api/sub-kegiatan/{sub}/").status_code == 404
    assert (
        c.post("/api/kegiatan/", {"program": program, "kode": "4.01.02.2.01", "nama": "K"}).status_code == 404
    )
    assert c.post("/api/program/", {"unit_kerja": org.biro_a.pk, "kode": "4.01.02"}).status_code == 404
    assert SubKegiatan.objects.filter(pk=sub).exists()


# --- officials -----------------------------------------------------------------------------------------------------


def test_the_admin_keeps_the_officials_the_pemdas_roles_read_them_and_outsiders_see_none(
    org, admin_pemda, operator_a, operator_b, admin_lain
):
    data = {
        "pemda": org.pemda.pk,
        "unit_kerja": org.biro_a.pk,
        "nama": "Siti",
        "nip": "197001011990031001",
        "jabatan": "Kepala Biro A",
        "sifat": "plt",
        "mulai": "2024-01-02",
    }
    r = _api(admin_pemda).post("/api/pejabat/", data, format="json")
    assert r.status_code == 201, r.json()
    assert r.json()["nama_jabatan"] == "Plt. Kepala Biro A"
    pejabat = r.json()["id"]
    assert _api(admin_pemda).patch(f"/api/pejabat/{pejabat}/", {"selesai": "2025-01-01"}).status_code == 200
    assert Pejabat.objects.get().selesai == datetime.date(2025, 1, 1)
    assert Pejabat.history.filter(history_user=admin_pemda).count() == 2
    for user in (operator_a, operator_b):
        c = _api(user)
        assert [p["nama"] for p in c.get("/api/pejabat/").json()["results"]] == ["Siti"]
        assert c.post("/api/pejabat/", data, format="json").status_code == 403
        assert c.patch(f"/api/pejabat/{pejabat}/", {"nama": "X"}).status_code == 403
    c = _api(admin_lain)
    assert c.get("/api/pejabat/").json()["results"] == []
    assert c.get(f"/api/pejabat/{pejabat}/").status_code == 404
    assert c.patch(f"/api/pejabat/{pejabat}/", {"nama": "X"}).status_code == 404
    r = c.post("/api/pejabat/", data, format="json")
    assert r.status_code == 404  # another pemda's roster
    assert Pejabat.objects.get().nama == "Siti"
