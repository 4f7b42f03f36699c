"""Login in two steps: password, then a code for users with an authenticator; enrolment forced by the policy."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from sakip.akun import services
from sakip.akun.models import KunciKode
from sakip.akun.tests.conftest import daftarkan, kode_totp
from sakip.organisasi.tests.factories import PASSWORD


def _masuk(client, username: str, password: str = PASSWORD, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def _kode(client, kode: str, **extra):
    return client.post(reverse("masuk_kode"), {"kode": kode}, **extra)


def test_a_user_without_authenticator_whose_role_requires_none_logs_in_with_the_password_alone(
    client, operator_a
):
    response = _masuk(client, "operator_a")
    assert response.status_code == 302
    assert response["Location"] == reverse("beranda")
    assert client.get(reverse("beranda")).status_code == 200


def test_a_user_with_an_authenticator_is_not_logged_in_before_the_code(client, operator_a):
    daftarkan(operator_a)
    response = _masuk(client, "operator_a")
    assert response["Location"] == reverse("masuk_kode")
    assert "_auth_user_id" not in client.session
    # Nothing but the code step is open: the home page still asks for the login.
    assert client.get(reverse("beranda"))["Location"].startswith(reverse("login"))
    page = client.get(reverse("masuk_kode"))
    assert "Verifikasi dua langkah" in page.content.decode()

    response = _kode(client, kode_totp(operator_a))
    assert response.status_code == 302
    assert response["Location"] == reverse("beranda")
    assert client.session["_auth_user_id"] == str(operator_a.pk)


def test_the_page_asked_for_before_login_is_opened_after_the_code_and_a_foreign_one_is_not(
    client, operator_a
):
    daftarkan(operator_a)
    client.post(
        reverse("login"),
        {"username": "operator_a", "password": PASSWORD, "next": reverse("organisasi:unit_list")},
    )
    assert _kode(client, kode_totp(operator_a))["Location"] == reverse("organisasi:unit_list")
    client.post(reverse("logout"))
    client.post(
        reverse("login"), {"username": "operator_a", "password": PASSWORD, "next": "https://contoh.invalid/"}
    )
    assert _kode(client, kode_totp(operator_a))["Location"] == reverse("beranda")


def test_a_wrong_code_is_refused_in_indonesian_and_does_not_log_in(client, operator_a):
    daftarkan(operator_a)
    _masuk(client, "operator_a")
    benar = kode_totp(operator_a)
    salah = f"{(int(benar) + 1) % 1_000_000:06d}"
    response = _kode(client, salah)
    assert response.status_code == 200
    assert "Kode verifikasi salah" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert KunciKode.objects.get(pengguna=operator_a).gagal == 1


def test_a_code_is_accepted_once_only(client, operator_a):
    daftarkan(operator_a)
    _masuk(client, "operator_a")
    kode = kode_totp(operator_a)
    assert _kode(client, kode).status_code == 302
    client.post(reverse("logout"))
    _masuk(client, "operator_a")
    assert "Kode verifikasi salah" in _kode(client, kode).content.decode()
    assert "_auth_user_id" not in client.session


def test_a_recovery_code_logs_in_once_and_is_then_used_up(client, operator_a):
    kode = daftarkan(operator_a)
    _masuk(client, "operator_a")
    response = _kode(
        client, kode[3].lower().replace("-", " ")
    )  # typed loosely: case and separators do not matter
    assert response.status_code == 302
    assert services.sisa_kode_pemulihan(operator_a) == 9
    client.post(reverse("logout"))
    _masuk(client, "operator_a")
    assert "Kode verifikasi salah" in _kode(client, kode[3]).content.decode()
    assert _kode(client, kode[4]).status_code == 302


def test_five_wrong_codes_lock_the_users_codes_from_any_address_then_each_failure_doubles_the_wait(
    client, operator_a, axes_bersih
):
    daftarkan(operator_a)
    mulai = timezone.now()
    with time_machine.travel(mulai, tick=False) as waktu:
        for i in range(services.BATAS_GAGAL):
            _masuk(
                client, "operator_a", REMOTE_ADDR=f"10.1.0.{i}"
            )  # a new address each time: axes does not lock
            assert (
                "Kode verifikasi salah" in _kode(client, "000000", REMOTE_ADDR=f"10.1.0.{i}").content.decode()
            )
        _masuk(client, "operator_a", REMOTE_ADDR="10.1.0.99")
        response = _kode(client, kode_totp(operator_a), REMOTE_ADDR="10.1.0.99")
        assert "Terlalu banyak kode yang salah" in response.content.decode()
        assert "_auth_user_id" not in client.session

        waktu.shift(dt.timedelta(minutes=29))
        _masuk(client, "operator_a", REMOTE_ADDR="10.1.0.98")
        assert (
            "Terlalu banyak kode yang salah"
            in _kode(client, kode_totp(operator_a), REMOTE_ADDR="10.1.0.98").content.decode()
        )

        waktu.shift(dt.timedelta(minutes=2))  # 31 minutes: one more try, and a wrong one locks for an hour
        _masuk(client, "operator_a", REMOTE_ADDR="10.1.0.97")
        _kode(client, "000000", REMOTE_ADDR="10.1.0.97")
        kunci = KunciKode.objects.get(pengguna=operator_a)
        assert kunci.terkunci_sampai == timezone.now() + dt.timedelta(minutes=60)

        waktu.shift(dt.timedelta(minutes=61))
        _masuk(client, "operator_a", REMOTE_ADDR="10.1.0.96")
        assert _kode(client, kode_totp(operator_a), REMOTE_ADDR="10.1.0.96").status_code == 302
        assert KunciKode.objects.get(pengguna=operator_a).gagal == 0


def test_wrong_codes_count_toward_the_login_lockout_of_the_address(client, operator_a, settings, axes_bersih):
    daftarkan(operator_a)
    alamat = {"REMOTE_ADDR": "10.2.0.1"}
    _masuk(client, "operator_a", "salah", **alamat)
    _masuk(client, "operator_a", "salah", **alamat)
    _masuk(client, "operator_a", **alamat)
    for _ in range(settings.AXES_FAILURE_LIMIT - 2):
        response = _kode(client, "000000", **alamat)
    assert response.status_code == 429  # the last wrong code reached the limit: axes' lockout page
    # Locked at the code step itself, even with the right code, and at the password step.
    response = _kode(client, kode_totp(operator_a), **alamat)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    response = _masuk(client, "operator_a", **alamat)
    assert response.status_code == 429
    assert "Terlalu banyak percobaan masuk" in response.content.decode()


def test_the_code_step_expires_after_five_minutes(client, operator_a):
    daftarkan(operator_a)
    with time_machine.travel(timezone.now(), tick=False) as waktu:
        _masuk(client, "operator_a")
        waktu.shift(dt.timedelta(minutes=6))
        response = _kode(client, kode_totp(operator_a))
    assert response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


def test_the_code_step_without_a_password_first_sends_to_the_login(client, db):
    assert client.get(reverse("masuk_kode"))["Location"] == reverse("login")


def test_an_admin_pemda_without_authenticator_must_enrol_before_anything_else(client, admin_pemda):
    response = _masuk(client, "admin_pemda")
    assert response["Location"] == reverse("akun:keamanan")
    assert client.session["_auth_user_id"] == str(admin_pemda.pk)
    for url in (reverse("beranda"), reverse("organisasi:unit_list"), reverse("akun:kebijakan")):
        assert client.get(url)["Location"] == reverse("akun:keamanan")
    assert client.get("/api/renstra/").status_code == 403
    assert client.get(reverse("beranda"), HTTP_HX_REQUEST="true")["HX-Redirect"] == reverse("akun:keamanan")
    page = client.get(reverse("akun:keamanan")).content.decode()
    assert "mewajibkan" in page

    client.post(reverse("akun:daftar"))
    response = client.post(reverse("akun:konfirmasi"), {"kode": kode_totp(admin_pemda)})
    assert response.status_code == 200
    assert "Simpan kode pemulihan ini sekarang" in response.content.decode()
    assert client.get(reverse("beranda")).status_code == 200


def test_a_user_who_must_enrol_may_still_log_out(client, admin_pemda):
    _masuk(client, "admin_pemda")
    assert client.post(reverse("logout"))["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


def test_an_evaluator_must_enrol_under_the_default_policy_but_not_once_the_pemda_requires_nothing(
    client, evaluator, admin_pemda, org
):
    assert _masuk(client, "evaluator")["Location"] == reverse("akun:keamanan")
    client.post(reverse("logout"))
    services.simpan_kebijakan(pemda=org.pemda, peran_wajib=set(), by=admin_pemda)
    assert _masuk(client, "evaluator")["Location"] == reverse("beranda")
    assert client.get(reverse("beranda")).status_code == 200


def test_a_role_the_policy_adds_is_asked_to_enrol_at_its_next_login(client, operator_a, admin_pemda, org):
    services.simpan_kebijakan(pemda=org.pemda, peran_wajib={"operator"}, by=admin_pemda)
    assert _masuk(client, "operator_a")["Location"] == reverse("akun:keamanan")
    assert client.get(reverse("beranda")).status_code == 302


@pytest.mark.parametrize("url", ["/admin/login/", "/admin/login/?next=/admin/organisasi/"])
def test_the_admin_login_form_is_not_a_way_around_the_second_factor(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    response = client.post(url, {"username": "x", "password": "y"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
