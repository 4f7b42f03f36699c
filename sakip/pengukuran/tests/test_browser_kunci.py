"""Issue #17, acceptance (d), on a laptop (1366×900) and on a phone (390×844): the admin pemda locks Triwulan I from
the menu, the operator sees it locked on the entry page and cannot save it, neither by the page nor by the API; no page
scrolls sideways."""

import pytest

from sakip.akun.models import KebijakanDuaFaktor
from sakip.conftest import buka_akun, buka_menu, login
from sakip.organisasi.tests.factories import PASSWORD
from sakip.pengukuran.models import KunciPeriode, Realisasi

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _tanpa_geser(page):
    lebar = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert lebar[0] <= lebar[1], f"{page.url}: {lebar[0]} px wide in a {lebar[1]} px window"


def _buka_menu(page):
    # On a phone the menu is collapsed behind its button; on a laptop it is always shown.
    tombol = page.get_by_role("button", name="Menu")
    if tombol.is_visible():
        tombol.click()


@pytest.mark.parametrize(
    "layar",
    [
        pytest.param({"width": 1366, "height": 900}, id="laptop"),
        pytest.param({"width": 390, "height": 844}, id="ponsel"),
    ],
)
def test_admin_locks_the_first_quarter_from_the_menu_and_the_operator_cannot_save_it(
    browser_page, layar, org, iku, admin_pemda, operator_a
):
    # A password-only pemda, as the demo's: the admin's two-factor enrolment is not what this walk is about.
    KebijakanDuaFaktor.objects.create(pemda=org.pemda, wajib_admin_pemda=False, wajib_evaluator=False)
    page = browser_page
    page.set_viewport_size(layar)
    login(page, "admin_pemda", PASSWORD)
    _tanpa_geser(page)
    buka_menu(page, "Pengaturan", "Kunci Data")
    page.wait_for_url("**/pengukuran/kunci/**")
    _tanpa_geser(page)
    page.fill("#id_tahun", "2024")
    page.select_option("#id_periode", "TW1")
    page.get_by_role("button", name="Kunci", exact=True).click()
    page.wait_for_selector("text=Dikunci: Triwulan I 2024")
    assert "Triwulan I 2024: terkunci" in page.inner_text("#status-kunci")
    _tanpa_geser(page)
    _buka_menu(page)
    buka_akun(page, "Keluar")
    page.wait_for_url("**/masuk/")

    login(page, "operator_a", PASSWORD)
    _tanpa_geser(page)
    page.goto(f"/pengukuran/indikator/{iku.pk}/?tahun=2024")
    assert "Periode Triwulan I tahun 2024 dikunci oleh admin pemda" in page.inner_text(".banner-kunci")
    tw1, tw2 = page.locator("#periode-TW1"), page.locator("#periode-TW2")
    assert tw1.locator(".status-terkunci").inner_text() == "Terkunci"
    assert tw1.locator("input").count() == 0  # read-only: no field, no Simpan
    assert tw2.get_by_role("button", name="Simpan").count() == 1
    _tanpa_geser(page)
    page.screenshot(path=f"/tmp/shots-tampilan/kunci-operator-{layar['width']}.png", full_page=True)

    # The page refuses a save posted anyway (a form kept open in another tab) ...
    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    response = page.request.post(
        f"/pengukuran/indikator/{iku.pk}/simpan/?tahun=2024",
        form={
            "prefix": "TW1",
            "TW1-periode": "TW1",
            "TW1-in_selesai": "3",
            "TW1-in_usulan": "4",
            "TW1-versi": "0",
        },
        headers={"X-CSRFToken": csrf},
    )
    assert "sudah dikunci" in response.text()
    # ... and so does the API.
    token = page.request.post("/api/token/", form={"username": "operator_a", "password": PASSWORD}).json()[
        "token"
    ]
    response = page.request.post(
        "/api/realisasi/",
        data={
            "indikator": iku.pk,
            "tahun": 2024,
            "periode": "TW1",
            "masukan": {"selesai": "3", "usulan": "4"},
        },
        headers={"Authorization": f"Token {token}"},
    )
    assert response.status == 400
    assert "sudah dikunci" in response.text()
    assert not Realisasi.objects.filter(periode="TW1").exists()
    assert KunciPeriode.objects.get().terkunci
