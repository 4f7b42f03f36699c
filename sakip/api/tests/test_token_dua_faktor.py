"""The token endpoint and two-factor login: the password alone gives no token where the web login asks for more."""

from __future__ import annotations

from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from sakip.akun import services
from sakip.akun.models import KunciKode
from sakip.akun.tests.conftest import daftarkan, kode_totp
from sakip.organisasi.tests.factories import PASSWORD

URL = "/api/token/"


def _minta(username: str, alamat: str = "127.0.0.1", **extra):
    return APIClient().post(
        URL, {"username": username, "password": PASSWORD, **extra}, format="json", REMOTE_ADDR=alamat
    )


def test_a_user_with_an_authenticator_gets_a_token_only_with_a_code(operator_a):
    daftarkan(operator_a)
    response = _minta("operator_a")
    assert response.status_code == 400
    assert "kirim juga `kode`" in response.json()["detail"]
    assert not Token.objects.filter(user=operator_a).exists()
    assert (
        KunciKode.objects.filter(pengguna=operator_a, gagal__gt=0).count() == 0
    )  # no code, no guess counted

    response = _minta("operator_a", kode="000000" if kode_totp(operator_a) != "000000" else "111111")
    assert response.status_code == 400
    assert response.json()["detail"] == "Kode verifikasi salah."
    assert KunciKode.objects.get(pengguna=operator_a).gagal == 1

    response = _minta("operator_a", kode=kode_totp(operator_a))
    assert response.status_code == 200
    assert response.json()["token"] == Token.objects.get(user=operator_a).key


def test_a_recovery_code_also_gets_a_token_and_is_used_up(operator_a):
    kode = daftarkan(operator_a)
    assert _minta("operator_a", kode=kode[0]).status_code == 200
    assert services.sisa_kode_pemulihan(operator_a) == 9


def test_the_token_endpoint_shares_the_per_user_code_lock(operator_a):
    daftarkan(operator_a)
    for i in range(
        services.BATAS_GAGAL
    ):  # from five addresses, so that the address lockout (axes) is not reached
        _minta("operator_a", alamat=f"10.3.0.{i}", kode="abcdefghjkmnpqrs")
    response = _minta("operator_a", alamat="10.3.0.99", kode=kode_totp(operator_a))
    assert response.status_code == 429
    assert "dikunci sampai" in response.json()["detail"]


def test_a_user_whose_role_requires_a_second_factor_gets_no_token_before_enrolling(admin_pemda):
    response = _minta("admin_pemda")
    assert response.status_code == 403
    assert "Keamanan akun" in response.json()["detail"]
    assert not Token.objects.filter(user=admin_pemda).exists()
    daftarkan(admin_pemda)
    assert _minta("admin_pemda", kode=kode_totp(admin_pemda)).status_code == 200


def test_a_token_already_issued_keeps_working_unchanged(operator_a):
    token = Token.objects.create(user=operator_a)
    daftarkan(operator_a)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get("/api/renstra/").status_code == 200
