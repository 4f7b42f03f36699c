"""The two-factor walk in a real browser (Debian's Chromium driven by Playwright): an admin pemda is made to enrol an
authenticator, logs in with a code, then with a recovery code; then requires it of operators."""

from __future__ import annotations

import base64
from urllib.parse import urlparse

import pytest
from django_otp.oath import totp

from sakip.akun.tests.conftest import kode_totp
from sakip.conftest import buka_akun, buka_menu
from sakip.organisasi.tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _kata_sandi(page, username: str) -> None:
    page.goto("/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")


def _keluar(page) -> None:
    buka_akun(page, "Keluar")
    page.wait_for_url("**/masuk/")


def test_enrol_then_log_in_with_a_code_and_with_a_recovery_code(browser_page, admin_pemda, operator_a):
    page = browser_page

    # The role requires a second factor: right after the password, enrolment, and nothing else opens.
    _kata_sandi(page, "admin_pemda")
    page.wait_for_url("**/akun/keamanan/")
    page.wait_for_selector("text=Peran Anda mewajibkan verifikasi dua langkah")
    buka_menu(page, "Organisasi", "Unit Kerja")
    page.wait_for_url("**/akun/keamanan/")

    page.click("button:has-text('Mulai')")
    page.wait_for_selector(".qr-otp svg")
    # What a phone does with the secret typed by hand: the code of the current 30-second step.
    rahasia = page.inner_text("#rahasia").replace(" ", "")
    kunci = base64.b32decode(rahasia + "=" * (-len(rahasia) % 8))
    page.fill("#id_kode", f"{totp(kunci):06d}")
    page.click("button:has-text('Aktifkan')")
    page.wait_for_selector("text=Simpan kode pemulihan ini sekarang")
    kode = [k.strip() for k in page.locator("#kode-pemulihan code").all_inner_texts()]
    assert len(kode) == 10
    page.click("text=Sudah saya simpan")
    page.wait_for_selector("#sisa-kode")
    assert page.inner_text("#sisa-kode") == "10"
    buka_menu(page, "Organisasi", "Unit Kerja")
    page.wait_for_url("**/organisasi/unit/")
    _keluar(page)

    # Log in with a code from the authenticator (a wrong one first).
    _kata_sandi(page, "admin_pemda")
    page.wait_for_url("**/masuk/kode/")
    benar = kode_totp(admin_pemda)
    page.fill("#id_kode", f"{(int(benar) + 1) % 1_000_000:06d}")
    page.click("button:has-text('Verifikasi')")
    page.wait_for_selector("text=Kode verifikasi salah")
    page.fill("#id_kode", kode_totp(admin_pemda))
    page.click("button:has-text('Verifikasi')")
    page.wait_for_url(lambda url: urlparse(url).path == "/")
    _keluar(page)

    # Log in with a recovery code: it works once.
    _kata_sandi(page, "admin_pemda")
    page.wait_for_url("**/masuk/kode/")
    page.fill("#id_kode", kode[0])
    page.click("button:has-text('Verifikasi')")
    page.wait_for_selector("text=Anda masuk dengan kode pemulihan")
    assert "tersisa 9" in page.inner_text(".messages")

    # The admin now requires the second factor of operators too.
    page.goto("/akun/kebijakan/")
    page.check("input[name=peran_wajib][value=operator]")
    page.click("button:has-text('Simpan')")
    page.wait_for_selector("text=Kebijakan verifikasi dua langkah Provinsi Uji P disimpan")
    _keluar(page)

    _kata_sandi(page, "admin_pemda")
    page.wait_for_url("**/masuk/kode/")
    page.fill("#id_kode", kode[0])
    page.click("button:has-text('Verifikasi')")
    page.wait_for_selector("text=Kode verifikasi salah")

    _kata_sandi(page, "operator_a")
    page.wait_for_url("**/akun/keamanan/")
    page.wait_for_selector("text=Peran Anda mewajibkan verifikasi dua langkah")
