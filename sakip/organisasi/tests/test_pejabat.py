"""Issue #20 point 1: the roster of officials (pejabat), kept apart from user accounts, kept by the admin pemda."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sakip.organisasi import services
from sakip.organisasi.models import Pejabat, Pengguna, Penugasan
from sakip.organisasi.tests.factories import PenggunaFactory

NIP = "197001011990031001"


def _klien(user):
    c = Client()
    c.force_login(user)
    return c


def _data(org, **lain):
    return {
        "pemda": org.pemda.pk,
        "unit_kerja": org.biro_a.pk,
        "nama": "Dr. Hj. Siti Aminah, M.Si.",
        "nip": NIP,
        "jabatan": "Kepala Biro A",
        "pangkat_golongan": "Pembina Tingkat I (IV/b)",
        "sifat": "plt",
        "mulai": "2024-01-02",
        **lain,
    }


def test_the_admin_pemda_records_an_official_without_creating_a_user_account(org, admin_pemda):
    akun = Pengguna.objects.count()
    r = _klien(admin_pemda).post(reverse("organisasi:pejabat_create"), _data(org))
    assert r.status_code == 302
    pejabat = Pejabat.objects.get()
    assert (pejabat.nip, pejabat.unit_kerja, pejabat.nama_jabatan) == (NIP, org.biro_a, "Plt. Kepala Biro A")
    assert Pengguna.objects.count() == akun
    assert pejabat.history.get().history_user == admin_pemda
    daftar = _klien(admin_pemda).get(reverse("organisasi:pejabat_list")).content.decode()
    assert "Plt. Kepala Biro A" in daftar


def test_a_bad_nip_or_an_end_before_the_start_is_refused_at_its_field(org, admin_pemda):
    r = _klien(admin_pemda).post(reverse("organisasi:pejabat_create"), _data(org, nip="1970-01"))
    assert "NIP terdiri atas 18 angka." in r.content.decode()
    r = _klien(admin_pemda).post(reverse("organisasi:pejabat_create"), _data(org, selesai="2023-12-31"))
    assert "Tanggal berakhir harus sesudah tanggal mulai menjabat." in r.content.decode()
    assert not Pejabat.objects.exists()


def test_an_official_of_another_pemdas_unit_is_refused(org, admin_pemda):
    r = _klien(admin_pemda).post(
        reverse("organisasi:pejabat_create"), _data(org, unit_kerja=org.setda_lain.pk)
    )
    assert r.status_code == 200
    assert not Pejabat.objects.exists()


def test_ending_a_term_keeps_the_official_on_record_and_out_of_the_current_list(org, admin_pemda):
    pejabat = services.simpan_pejabat(
        pemda=org.pemda, unit_kerja=org.biro_a, nama="Budi", jabatan="Kepala Biro A",
        mulai=datetime.date(2024, 1, 2), nip=NIP, by=admin_pemda,
    )  # fmt: skip
    hari_ini = timezone.localdate()
    r = _klien(admin_pemda).post(
        reverse("organisasi:pejabat_end", args=[pejabat.pk]), {"selesai": hari_ini.isoformat()}
    )
    assert r.status_code == 302
    pejabat.refresh_from_db()
    assert pejabat.selesai == hari_ini
    assert not Pejabat.objects.berlaku().exists()
    assert "Budi" not in _klien(admin_pemda).get(reverse("organisasi:pejabat_list")).content.decode()
    assert "Budi" in _klien(admin_pemda).get(reverse("organisasi:pejabat_list") + "?semua=1").content.decode()
    assert [h.selesai for h in pejabat.history.order_by("history_date")] == [None, hari_ini]


def test_only_the_admin_pemda_keeps_the_roster_and_another_pemdas_admin_gets_404(
    org, admin_pemda, operator_a, pimpinan_a, evaluator
):
    pejabat = services.simpan_pejabat(
        pemda=org.pemda, nama="Budi", jabatan="Gubernur", mulai=datetime.date(2024, 1, 2), by=admin_pemda
    )
    halaman = [
        ("get", reverse("organisasi:pejabat_list")),
        ("get", reverse("organisasi:pejabat_create")),
        ("get", reverse("organisasi:pejabat_update", args=[pejabat.pk])),
        ("post", reverse("organisasi:pejabat_end", args=[pejabat.pk])),
    ]
    for user in (operator_a, pimpinan_a, evaluator):
        for metode, url in halaman:
            assert getattr(_klien(user), metode)(url).status_code == 403, url
    admin_lain = PenggunaFactory(username="admin_lain")
    services.assign_role(pengguna=admin_lain, peran=Penugasan.Peran.ADMIN_PEMDA, pemda=org.pemda_lain)
    assert _klien(admin_lain).get(halaman[2][1]).status_code == 404
    assert _klien(admin_lain).post(halaman[3][1], {"selesai": "2025-01-01"}).status_code == 404
    assert "Budi" not in _klien(admin_lain).get(halaman[0][1]).content.decode()
    pejabat.refresh_from_db()
    assert pejabat.selesai is None


@pytest.mark.parametrize("sifat", ["definitif", "plh"])
def test_the_post_printed_above_a_signature_names_a_temporary_holder(org, sifat):
    pejabat = Pejabat(
        pemda=org.pemda, nama="X", jabatan="Kepala Biro A", sifat=sifat, mulai=datetime.date(2024, 1, 1)
    )
    assert pejabat.nama_jabatan == {"definitif": "Kepala Biro A", "plh": "Plh. Kepala Biro A"}[sifat]
