"""The "Keamanan akun" page: enrol an authenticator, recovery codes, replace and turn off; all audited."""

from __future__ import annotations

import hashlib
import re
from base64 import b32encode

from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from sakip.akun import services
from sakip.akun.models import KodePemulihan
from sakip.akun.tests.conftest import daftarkan, kode_totp
from sakip.organisasi.tests.factories import PASSWORD


def _kode_di_halaman(response) -> list[str]:
    return re.findall(r"<code>([A-Z0-9-]{19})</code>", response.content.decode())


def test_enrolment_shows_a_qr_code_and_the_secret_and_is_active_only_after_a_first_code(client, operator_a):
    client.force_login(operator_a)
    page = client.get(reverse("akun:keamanan")).content.decode()
    assert "Belum aktif" in page
    assert '<div class="qr-otp">' not in page  # (the top bar's bell is an svg too)

    client.post(reverse("akun:daftar"))
    device = TOTPDevice.objects.get(user=operator_a)
    assert device.confirmed is False
    page = client.get(reverse("akun:keamanan")).content.decode()
    assert re.search(
        r'<div class="qr-otp">\s*(<\?xml[^>]*>\s*)?<svg', page
    )  # inline: nothing fetched from elsewhere
    rahasia = b32encode(device.bin_key).decode().rstrip("=")
    shown = re.search(r'<code id="rahasia">([A-Z2-7 ]+)</code>', page).group(1)
    assert shown.replace(" ", "") == rahasia
    assert not services.punya_dua_faktor(operator_a)

    response = client.post(reverse("akun:konfirmasi"), {"kode": "123 456"}, follow=True)
    assert "Kode tidak cocok" in response.content.decode()
    assert not services.punya_dua_faktor(operator_a)

    response = client.post(reverse("akun:konfirmasi"), {"kode": kode_totp(operator_a)})
    kode = _kode_di_halaman(response)
    assert len(kode) == 10
    assert len(set(kode)) == 10
    assert response["Cache-Control"] == "no-store"
    assert services.punya_dua_faktor(operator_a)
    # Only the hashes are stored.
    tersimpan = set(KodePemulihan.objects.filter(pengguna=operator_a).values_list("hash", flat=True))
    assert tersimpan == {hashlib.sha256(k.replace("-", "").encode()).hexdigest() for k in kode}
    assert "Aktif" in client.get(reverse("akun:keamanan")).content.decode()


def test_the_qr_code_carries_the_authenticator_uri_with_the_issuer(client, operator_a):
    device = services.mulai_pendaftaran(pengguna=operator_a)
    assert device.config_url.startswith("otpauth://totp/SAKIP%3Aoperator_a?secret=")
    assert "issuer=SAKIP" in device.config_url


def test_new_recovery_codes_need_the_password_or_a_code_and_replace_the_old_ones(client, operator_a):
    lama = daftarkan(operator_a)
    client.force_login(operator_a)
    response = client.post(reverse("akun:kode_pemulihan"), {"konfirmasi": "salah"}, follow=True)
    assert "Kata sandi atau kode verifikasi salah" in response.content.decode()
    assert services.sisa_kode_pemulihan(operator_a) == 10

    baru = _kode_di_halaman(client.post(reverse("akun:kode_pemulihan"), {"konfirmasi": PASSWORD}))
    assert len(baru) == 10
    assert not set(baru) & set(lama)
    assert not services.periksa_kode(pengguna=operator_a, kode=lama[0]).cocok
    assert services.periksa_kode(pengguna=operator_a, kode=baru[0]).cocok

    lagi = _kode_di_halaman(
        client.post(reverse("akun:kode_pemulihan"), {"konfirmasi": kode_totp(operator_a)})
    )
    assert len(lagi) == 10


def test_turning_it_off_needs_the_password_or_a_code(client, operator_a):
    daftarkan(operator_a)
    client.force_login(operator_a)
    client.post(reverse("akun:nonaktifkan"), {"konfirmasi": "salah"})
    assert services.punya_dua_faktor(operator_a)
    response = client.post(reverse("akun:nonaktifkan"), {"konfirmasi": kode_totp(operator_a)}, follow=True)
    assert "dinonaktifkan" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=operator_a).exists()
    assert services.sisa_kode_pemulihan(operator_a) == 0


def test_a_user_whose_role_requires_it_cannot_turn_it_off(client, admin_pemda):
    daftarkan(admin_pemda)
    client.force_login(admin_pemda)
    response = client.post(reverse("akun:nonaktifkan"), {"konfirmasi": PASSWORD}, follow=True)
    assert "tidak dapat dinonaktifkan" in response.content.decode()
    assert services.punya_dua_faktor(admin_pemda)


def test_wrong_confirmations_count_toward_the_code_lock(client, operator_a):
    daftarkan(operator_a)
    client.force_login(operator_a)
    for _ in range(services.BATAS_GAGAL):
        client.post(reverse("akun:nonaktifkan"), {"konfirmasi": "salah"})
    response = client.post(reverse("akun:nonaktifkan"), {"konfirmasi": PASSWORD}, follow=True)
    assert "Terlalu banyak kode yang salah" in response.content.decode()
    assert services.punya_dua_faktor(operator_a)


def test_a_new_authenticator_replaces_the_old_one_only_once_confirmed(client, operator_a):
    daftarkan(operator_a)
    lama = services.perangkat(operator_a)
    client.force_login(operator_a)
    client.post(reverse("akun:daftar"))
    assert services.perangkat(operator_a) == lama  # the old phone still works meanwhile
    baru = services.pendaftaran_tertunda(operator_a)
    client.post(reverse("akun:konfirmasi"), {"kode": kode_totp(operator_a)})
    assert services.perangkat(operator_a).pk == baru.pk
    assert not TOTPDevice.objects.filter(pk=lama.pk).exists()


def test_enrolment_and_removal_are_in_the_audit_trail_without_the_secret(client, operator_a):
    client.force_login(operator_a)
    client.post(reverse("akun:daftar"))
    client.post(reverse("akun:konfirmasi"), {"kode": kode_totp(operator_a)})
    client.post(reverse("akun:nonaktifkan"), {"konfirmasi": PASSWORD})
    riwayat = list(TOTPDevice.history.filter(user_id=operator_a.pk).order_by("history_id"))
    assert [(r.history_type, r.confirmed) for r in riwayat] == [("+", False), ("~", True), ("-", True)]
    assert {r.history_user_id for r in riwayat} == {operator_a.pk}
    assert not hasattr(riwayat[0], "key")
    assert KodePemulihan.history.filter(pengguna_id=operator_a.pk, history_type="-").count() == 10


def test_logging_in_with_a_code_adds_nothing_to_the_audit_trail(client, operator_a):
    daftarkan(operator_a)
    jumlah = TOTPDevice.history.count()
    client.post(reverse("login"), {"username": "operator_a", "password": PASSWORD})
    assert client.post(reverse("masuk_kode"), {"kode": kode_totp(operator_a)}).status_code == 302
    assert TOTPDevice.history.count() == jumlah


def test_the_account_pages_ask_an_anonymous_visitor_to_log_in(client, db):
    for name in ("akun:keamanan", "akun:kebijakan", "akun:pengguna"):
        assert client.get(reverse(name))["Location"].startswith(reverse("login"))
    for name in ("akun:daftar", "akun:konfirmasi", "akun:kode_pemulihan", "akun:nonaktifkan"):
        assert client.post(reverse(name))["Location"].startswith(reverse("login"))


def test_confirming_an_authenticator_ends_the_users_other_sessions_but_not_this_one(
    client, operator_a, operator_b
):
    from django.test import Client

    lain = Client()  # a browser logged in with the password alone, before the second factor
    lain.force_login(operator_a)
    orang_lain = Client()
    orang_lain.force_login(operator_b)
    assert lain.get(reverse("akun:keamanan")).status_code == 200

    client.force_login(operator_a)
    client.post(reverse("akun:daftar"))
    client.post(reverse("akun:konfirmasi"), {"kode": kode_totp(operator_a)})

    assert services.punya_dua_faktor(operator_a)
    assert client.get(reverse("akun:keamanan")).status_code == 200  # the enrolling browser stays in
    response = lain.get(reverse("akun:keamanan"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]
    assert orang_lain.get(reverse("akun:keamanan")).status_code == 200  # another user's session is untouched
