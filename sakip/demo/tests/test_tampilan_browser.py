"""The main pages of the demo on a phone (390×844) and on a laptop (1366 wide), in a real Chromium: the menu
collapses behind a button, tables scroll in their own box and the page never scrolls sideways (issue #17 point 10).
Screenshots of every page at both widths go to /tmp/shots-tampilan/ for a person to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from sakip.conftest import login
from sakip.demo.loader import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots-tampilan")

# What sticks out of the viewport, for the failure message: the widest elements whose right edge passes it.
_PELEBAR = """() => {
  const w = document.documentElement.clientWidth;
  return [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > w + 1)
    .slice(0, 5)
    .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));
}"""


def _halaman() -> dict[str, str]:
    from sakip.anggaran.models import AnggaranSubKegiatan
    from sakip.evaluasi.models import EvaluasiAkip
    from sakip.perencanaan.models import PerjanjianKinerja, RencanaStrategis
    from sakip.survei.models import Survei

    renstra = RencanaStrategis.objects.get(
        unit_kerja__pemda__kode="64", unit_kerja__kode="SETDA", tahun_mulai=2024
    )
    indikator = renstra.indikator.get(kode="IKU01")
    pk = PerjanjianKinerja.objects.filter(unit_kerja=renstra.unit_kerja, tahun=2024).first()
    survei = Survei.objects.filter(unit_kerja__pemda__kode="64").first()
    evaluasi = EvaluasiAkip.objects.filter(unit_kerja=renstra.unit_kerja).first()
    anggaran = AnggaranSubKegiatan.objects.filter(
        sub_kegiatan__kegiatan__program__unit_kerja__pemda__kode="64", tahun=2024
    ).first()
    return {
        "beranda": reverse("beranda"),
        "unit": reverse("organisasi:unit_detail", args=[renstra.unit_kerja_id]),
        "dasbor": reverse("pengukuran:dasbor_renstra", args=[renstra.pk]) + "?tahun=2024",
        "renstra": reverse("perencanaan:renstra_detail", args=[renstra.pk]),
        "indikator": reverse("perencanaan:indikator_detail", args=[indikator.pk]),
        "realisasi": reverse("pengukuran:indikator", args=[indikator.pk]) + "?tahun=2024",
        "kelengkapan": reverse("pengukuran:kelengkapan") + "?tahun=2024",
        "pk": reverse("perencanaan:pk_detail", args=[pk.pk]),
        "lkjip": reverse("pelaporan:daftar") + "?tahun=2024",
        "survei": reverse("survei:detail", args=[survei.pk]),
        "evaluasi": reverse("evaluasi:detail", args=[evaluasi.pk]),
        "anggaran": reverse("anggaran:pohon") + "?tahun=2024",
        "anggaran_detail": reverse("anggaran:anggaran_detail", args=[anggaran.sub_kegiatan_id, 2024]),
        "kunci": reverse("pengukuran:kunci"),
        "daftar_renstra": reverse("perencanaan:renstra_list"),
        "daftar_pk": reverse("perencanaan:pk_list"),
        "daftar_evaluasi": reverse("evaluasi:daftar"),
        "tabel_3_18": reverse("anggaran:tabel_3_18") + "?tahun=2024",
    }


def test_main_pages_of_the_demo_fit_a_phone_and_the_menu_collapses(browser_page):
    call_command("muat_demo")
    halaman = _halaman()
    page = browser_page
    SHOTS.mkdir(exist_ok=True)
    login(page, "admin.kaltim", DEMO_PASSWORD)

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")
    menu = page.locator("#menu-utama")
    assert not menu.is_visible()  # collapsed behind the button
    page.get_by_role("button", name="Menu").click()
    assert menu.is_visible()
    assert page.get_by_role("button", name="Menu").get_attribute("aria-expanded") == "true"
    menu.locator("summary", has_text="Perencanaan").click()
    menu.get_by_role("link", name="Renstra & IKU").click()
    page.wait_for_url("**/perencanaan/")

    lebar: dict[str, list[str]] = {}
    for nama, alamat in halaman.items():
        for w, h in [(390, 844), (1366, 900)]:
            page.set_viewport_size({"width": w, "height": h})
            response = page.goto(alamat)
            assert response is not None
            assert response.status == 200, (nama, alamat)
            page.screenshot(path=str(SHOTS / f"{nama}-{w}.png"), full_page=True, timeout=60_000)
            if w == 390 and page.evaluate("document.documentElement.scrollWidth") > 390:
                lebar[nama] = page.evaluate(_PELEBAR)
    assert lebar == {}
