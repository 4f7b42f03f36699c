"""Issue #25 in a real browser (Debian's Chromium driven by Playwright), on the demo: the admin pemda opens the RPJMD
from the menu, reads the pohon kinerja with capaian and colours on a laptop and on a phone, collapses and expands a
node, downloads the tree as PNG and PDF and sees the orphan warning; an operator of a Biro links an indicator of its
Renstra to an RPJMD indicator and the orphan count goes down; an admin of another pemda gets 404.
Screenshots go to /tmp/shots-rpjmd/ for a person to look at."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.management import call_command

from sakip.conftest import buka_menu, login
from sakip.demo.loader import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots-rpjmd")


def _jumlah_yatim(page) -> int:
    teks = page.inner_text("#jumlah-yatim")
    return int(re.match(r"(\d+) indikator yatim", teks).group(1))


def _keluar(page) -> None:
    page.context.clear_cookies()


def test_the_cascade_from_the_rpjmd_menu_to_a_biro_link_and_an_outsider(browser_page):
    from sakip.organisasi import services as org_services
    from sakip.organisasi.models import Pemda, Pengguna, UnitKerja
    from sakip.perencanaan.tests.factories import renstra_dengan_iku
    from sakip.rpjmd.models import Dukungan, Rpjmd

    call_command("muat_demo")
    rpjmd = Rpjmd.objects.get(pemda__kode="64", tahun_mulai=2024)
    biro = UnitKerja.objects.get(pemda__kode="64", kode="SETDA.ORGANISASI")
    renstra_biro = renstra_dengan_iku(
        biro, jumlah_indikator=1
    )  # the Biro's own Renstra: its IKU supports nothing
    luar = Pengguna.objects.create_user("admin.kalbar", password=DEMO_PASSWORD)
    org_services.assign_role(pengguna=luar, peran="admin_pemda", pemda=Pemda.objects.get(kode="61"))
    SHOTS.mkdir(exist_ok=True)
    page = browser_page

    # The admin pemda on a laptop: menu → RPJMD → pohon kinerja (it opens on 2024, the year with data).
    page.set_viewport_size({"width": 1366, "height": 900})
    login(page, "admin.kaltim", DEMO_PASSWORD)
    buka_menu(page, "Perencanaan", "RPJMD & cascading")
    page.get_by_role("link", name=rpjmd.nama, exact=True).click()
    page.get_by_role("link", name="Pohon kinerja").click()
    page.wait_for_selector("h1:has-text('capaian 2024')")
    terukur = page.locator("li.simpul[data-capaian]:not([data-capaian=''])")
    assert terukur.count() >= 10
    # a measured node carries its category's colour, not the grey of "not measured"
    warna = page.locator(
        "li.simpul-indikator_daerah[data-capaian]:not([data-capaian='']) > details > summary > .kategori"
    ).first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert warna != "rgb(217, 217, 217)"
    assert page.locator("li.simpul-orang").count() >= 3  # three persons, one under two indicators
    assert page.locator("li.simpul-orang", has_text="Plt. Kepala Biro Organisasi").count() >= 1
    page.screenshot(path=str(SHOTS / "pohon-1366.png"), full_page=True)

    # Collapse and expand a misi.
    misi = page.locator("li.simpul-misi > details").first
    anak = misi.locator(":scope > ul > li").first
    assert anak.is_visible()
    misi.locator(":scope > summary").click()
    assert not anak.is_visible()
    misi.locator(":scope > summary").click()
    assert anak.is_visible()

    # The tree as a picture for the documents.
    for tombol, awal in (("Unduh PNG", b"\x89PNG"), ("Unduh PDF", b"%PDF")):
        with page.expect_download() as unduh:
            page.get_by_role("link", name=tombol).click()
        isi = Path(unduh.value.path()).read_bytes()
        assert isi.startswith(awal), tombol
        assert unduh.value.suggested_filename.endswith("-2024." + tombol[-3:].lower())

    # The orphan warning: ID5 nobody supports, the Setda's IKU07 and the Biro's new IKU support nothing.
    yatim = page.locator("#yatim")
    assert "Indeks Reformasi Birokrasi Pemerintah Provinsi" in yatim.inner_text()
    assert "Biro Organisasi · IKU01" in yatim.inner_text()
    sebelum = _jumlah_yatim(page)

    # On a phone the tree stays inside the screen.
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(SHOTS / "pohon-390.png"), full_page=True)

    # The operator of Biro Organisasi links its IKU to ID5 on the cascading page.
    _keluar(page)
    page.set_viewport_size({"width": 1366, "height": 900})
    login(page, "operator.organisasi", DEMO_PASSWORD)
    buka_menu(page, "Perencanaan", "RPJMD & cascading")
    page.get_by_role("link", name=rpjmd.nama, exact=True).click()
    page.get_by_role("link", name="Cascading").click()
    iku = renstra_biro.indikator.get(kode="IKU01")
    page.select_option("#id_indikator", str(iku.pk))
    page.select_option("#id_indikator_daerah", str(rpjmd.indikator.get(kode="ID5").pk))
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_selector("text=Dukungan dicatat.")
    assert Dukungan.objects.filter(indikator=iku, indikator_daerah__kode="ID5").exists()
    page.screenshot(path=str(SHOTS / "dukungan-1366.png"), full_page=True)
    # Both ID5 and the Biro's IKU01 are no longer orphans (the operator sees the orphans of its own unit only).
    _keluar(page)
    login(page, "admin.kaltim", DEMO_PASSWORD)
    page.goto(f"/rpjmd/{rpjmd.pk}/pohon/")
    assert _jumlah_yatim(page) == sebelum - 2
    assert "Indeks Reformasi Birokrasi Pemerintah Provinsi" not in page.inner_text("#yatim")

    # An admin of another pemda.
    _keluar(page)
    login(page, "admin.kalbar", DEMO_PASSWORD)
    for url in (f"/rpjmd/{rpjmd.pk}/", f"/rpjmd/{rpjmd.pk}/pohon/", f"/rpjmd/{rpjmd.pk}/pohon.png"):
        assert page.request.get(url).status == 404, url
