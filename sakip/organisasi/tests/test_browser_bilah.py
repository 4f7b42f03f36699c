"""The top bar in a real browser: one row on a 1366 px screen whatever the user's name, the account menu with its
three entries, and the whole bar behind the "Menu" button on a phone."""

from __future__ import annotations

import pytest

from sakip.conftest import buka_akun, login
from sakip.organisasi.tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_bar_is_one_row_at_1366_and_the_account_menu_logs_out(
    browser_page, admin_pemda, tanpa_dua_faktor
):
    # A long name (an operator of a Biro with its whole title) must not push the menu onto a second row.
    admin_pemda.first_name = "Operator Biro Administrasi Pimpinan Sekretariat Daerah"
    admin_pemda.save()
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 800})
    login(page, admin_pemda.username, PASSWORD)
    tinggi = page.evaluate("document.querySelector('.topbar').getBoundingClientRect().height")
    atas = page.evaluate(
        "[...document.querySelectorAll('#menu-utama > a, #menu-utama > details > summary')]"
        ".map(e => e.getBoundingClientRect().top)"
    )
    assert len(atas) == 7
    assert (
        max(atas) - min(atas) < 10
    )  # one row (the current page's entry is bold and underlined: a pixel or two)
    assert tinggi < 60
    akun = page.locator("details.menu-akun")
    akun.locator("summary").click()
    assert akun.locator(".menu-isi").get_by_role("link").all_inner_texts() == ["Keamanan akun", "Ganti sandi"]
    # Escape closes it; the menu then logs out.
    page.keyboard.press("Escape")
    assert not akun.evaluate("d => d.open")
    buka_akun(page, "Keluar")
    page.wait_for_url("**/masuk/**")


def test_on_a_phone_the_account_menu_is_behind_the_menu_button(browser_page, admin_pemda, tanpa_dua_faktor):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, admin_pemda.username, PASSWORD)
    assert not page.locator("details.menu-akun summary").is_visible()
    buka_akun(page, "Ganti sandi")
    page.wait_for_url("**/ganti-sandi/**")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
