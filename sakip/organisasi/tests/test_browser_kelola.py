"""Issue #20 acceptance in a real browser (Debian's Chromium driven by Playwright): the admin pemda creates a Bagian
under a Biro and a user with the operator role from a date; the user logs in and changes their password; the admin
withdraws the role and the user loses access."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.utils import timezone

from sakip.conftest import buka_akun, login
from sakip.organisasi.models import Pengguna, Penugasan, UnitKerja
from sakip.organisasi.tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _keluar(page) -> None:
    buka_akun(page, "Keluar")
    page.wait_for_url("**/masuk/")


def test_admin_builds_a_bagian_and_a_user_who_changes_password_and_loses_access_when_withdrawn(
    browser_page, org, admin_pemda
):
    # This pemda asks no second factor of its admin, so the walk is about the organisation only.
    apps.get_model("akun", "KebijakanDuaFaktor").objects.create(
        pemda=org.pemda, wajib_admin_pemda=False, wajib_evaluator=False
    )
    page = browser_page
    login(page, "admin_pemda", PASSWORD)

    # A Bagian under Biro B.
    page.goto("/organisasi/unit/")
    page.click("text=Unit kerja baru")
    page.fill("#id_kode", "SETDA.B.1")
    page.fill("#id_nama", "Bagian Tata Usaha B")
    page.select_option("#id_jenis", "bagian")
    page.select_option("#id_induk", str(org.biro_b.pk))
    page.click("button:has-text('Simpan')")
    page.wait_for_selector("h1:has-text('Bagian Tata Usaha B')")
    bagian = UnitKerja.objects.get(pemda=org.pemda, kode="SETDA.B.1")
    assert bagian.induk_id == org.biro_b.pk

    # A user, operator of that Bagian from today.
    page.goto("/organisasi/pengguna/")
    page.click("text=Pengguna baru")
    page.fill("#id_username", "sari.tu")
    page.fill("#id_nama_depan", "Sari")
    page.select_option("#id_peran", "operator")
    page.select_option("#id_unit_kerja", str(bagian.pk))
    page.fill("#id_mulai", timezone.localdate().isoformat())
    page.click("button:has-text('Buat pengguna')")
    sandi = page.inner_text("#sandi-sementara").strip()
    peran = Penugasan.objects.get(pengguna__username="sari.tu")
    assert (peran.peran, peran.unit_kerja_id, peran.mulai) == ("operator", bagian.pk, timezone.localdate())
    _keluar(page)

    # The user logs in with the temporary password, sees the Bagian, and changes the password.
    login(page, "sari.tu", sandi)
    assert page.goto(f"/organisasi/unit/{bagian.pk}/").status == 200
    buka_akun(page, "Ganti sandi")
    page.fill("#id_sandi_lama", sandi)
    page.fill("#id_sandi_baru", "Teh-Manis-Hangat-7")
    page.fill("#id_sandi_baru_ulang", "Teh-Manis-Hangat-7")
    page.click("button:has-text('Ganti kata sandi')")
    page.wait_for_selector("text=Kata sandi diganti")
    assert Pengguna.objects.get(username="sari.tu").check_password("Teh-Manis-Hangat-7")
    _keluar(page)

    # The admin withdraws the role.
    login(page, "admin_pemda", PASSWORD)
    page.goto("/organisasi/pengguna/")
    page.click("text=sari.tu")
    page.click(f"#penugasan-{peran.pk} button:has-text('Cabut hari ini')")
    page.wait_for_selector("text=dicabut")
    assert page.inner_text(f"#penugasan-{peran.pk}").count("Berakhir") == 1
    _keluar(page)

    # The user still logs in (with the new password) but no longer reaches the Bagian.
    login(page, "sari.tu", "Teh-Manis-Hangat-7")
    assert page.goto(f"/organisasi/unit/{bagian.pk}/").status == 404
    page.goto("/organisasi/unit/")
    assert page.locator("text=Bagian Tata Usaha B").count() == 0
