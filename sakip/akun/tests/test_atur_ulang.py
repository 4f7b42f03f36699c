"""An admin pemda resets the two-factor login of a user of their pemda (a lost phone), audited."""

from __future__ import annotations

from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from sakip.akun import services
from sakip.akun.tests.conftest import daftarkan
from sakip.organisasi import services as org_services
from sakip.organisasi.tests.factories import PASSWORD, PenggunaFactory


def test_the_admin_pemda_resets_a_users_second_factor_and_it_is_audited(client, admin_pemda, operator_a):
    daftarkan(operator_a)
    services.simpan_kebijakan(pemda=operator_a.penugasan.first().pemda, peran_wajib=set(), by=admin_pemda)
    client.force_login(admin_pemda)
    page = client.get(reverse("akun:pengguna")).content.decode()
    assert "operator_a" in page
    assert "Atur ulang" in page
    response = client.post(reverse("akun:atur_ulang", args=[operator_a.pk]), follow=True)
    assert "diatur ulang" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=operator_a).exists()
    assert services.sisa_kode_pemulihan(operator_a) == 0
    hapus = TOTPDevice.history.get(user_id=operator_a.pk, history_type="-")
    assert hapus.history_user == admin_pemda
    # The user logs in with the password again (their role requires no second factor here).
    client.post(reverse("logout"))
    assert client.post(reverse("login"), {"username": "operator_a", "password": PASSWORD})["Location"] == "/"


def test_the_users_page_lists_only_the_admins_pemda(client, admin_pemda, operator_a, org):
    luar = PenggunaFactory(username="operator_q")
    org_services.assign_role(pengguna=luar, peran="operator", pemda=org.pemda_lain, unit_kerja=org.setda_lain)
    client.force_login(admin_pemda)
    page = client.get(reverse("akun:pengguna")).content.decode()
    assert "operator_a" in page
    assert "operator_q" not in page


def test_an_admin_of_another_pemda_gets_404_and_nothing_is_reset(client, operator_a, org):
    daftarkan(operator_a)
    luar = PenggunaFactory(username="admin_q")
    org_services.assign_role(pengguna=luar, peran="admin_pemda", pemda=org.pemda_lain)
    client.force_login(luar)
    assert client.post(reverse("akun:atur_ulang", args=[operator_a.pk])).status_code == 404
    assert services.punya_dua_faktor(operator_a)


def test_other_roles_get_403(client, operator_a, evaluator, pimpinan_a):
    daftarkan(operator_a)
    for user in (evaluator, pimpinan_a, operator_a):
        client.force_login(user)
        assert client.get(reverse("akun:pengguna")).status_code == 403
        assert client.post(reverse("akun:atur_ulang", args=[operator_a.pk])).status_code == 403
    assert services.punya_dua_faktor(operator_a)


def test_an_admin_pemda_cannot_reset_a_superuser(client, admin_pemda, admin_user, org):
    org_services.assign_role(pengguna=admin_user, peran="operator", pemda=org.pemda, unit_kerja=org.biro_a)
    daftarkan(admin_user)
    client.force_login(admin_pemda)
    assert client.post(reverse("akun:atur_ulang", args=[admin_user.pk])).status_code == 404
    assert services.punya_dua_faktor(admin_user)


def test_only_get_and_post_are_answered(client, admin_pemda, operator_a):
    client.force_login(admin_pemda)
    assert client.get(reverse("akun:atur_ulang", args=[operator_a.pk])).status_code == 405


def test_a_reset_ends_the_users_open_sessions(client, admin_pemda, operator_a):
    from django.test import Client

    daftarkan(operator_a)
    ponsel_hilang = Client()  # the browser on the lost phone, still logged in
    ponsel_hilang.force_login(operator_a)
    assert ponsel_hilang.get(reverse("akun:keamanan")).status_code == 200
    client.force_login(admin_pemda)
    client.post(reverse("akun:atur_ulang", args=[operator_a.pk]))
    response = ponsel_hilang.get(reverse("akun:keamanan"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]
    assert client.get(reverse("akun:pengguna")).status_code == 200  # the admin's own session is untouched
