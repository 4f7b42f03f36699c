"""A citizen on a phone (390 × 844) opens the public portal, finds the Setda Kaltim 2024 LKjIP and PK and downloads
them; axe-core (vendored under tests/vendor, injected into every page) reports no serious or critical violation of
WCAG 2.1 A/AA on any portal page visited."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
JALANKAN_AXE = """async (tags) => {
  const hasil = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return {lulus: hasil.passes.map(p => p.id),
          pelanggaran: hasil.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                                  target: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))};
}"""


def _periksa_axe(page, diperiksa: dict[str, list]) -> None:
    page.wait_for_load_state("load")
    hasil = page.evaluate(JALANKAN_AXE, WCAG)
    # axe really checked the page: these rules apply to every page and passed.
    assert {"html-has-lang", "document-title", "color-contrast"} <= set(hasil["lulus"]), hasil["lulus"]
    diperiksa[page.url] = [p for p in hasil["pelanggaran"] if p["impact"] in ("serious", "critical")]
    folder = os.environ.get("SAKIP_SHOTS_DIR")  # screenshots for a person to look at, when asked for
    if folder:
        nama = page.url.rstrip("/").rsplit("/publik", 1)[-1].strip("/").replace("/", "_") or "indeks"
        lebar = page.viewport_size["width"]
        page.screenshot(path=f"{folder}/{nama}-{lebar}.png", full_page=True)


def _unduh(page, tombol: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=tombol).click()
    unduhan = info.value
    assert unduhan.suggested_filename.endswith(".docx")
    return Path(unduhan.path()).read_bytes()


def test_a_citizen_on_a_phone_finds_and_downloads_the_setda_2024_lkjip_and_pk(browser_page, live_server):
    call_command("muat_demo")
    page = browser_page
    page.add_init_script(path=str(AXE))  # before any page script: not subject to the page's CSP
    diperiksa: dict[str, list] = {}
    for lebar, tinggi in ((390, 844), (1366, 900)):
        page.set_viewport_size({"width": lebar, "height": tinggi})
        page.goto("/publik/")
        _periksa_axe(page, diperiksa)
        page.get_by_role("link", name="Provinsi Kalimantan Timur").click()
        page.wait_for_url("**/publik/provinsi-kalimantan-timur/")
        _periksa_axe(page, diperiksa)

        page.get_by_role("link", name="LKjIP 2024 Sekretariat Daerah Provinsi Kalimantan Timur").first.click()
        page.wait_for_selector("h1:has-text('LKjIP 2024')")
        _periksa_axe(page, diperiksa)
        lkjip = _unduh(page, "Unduh LKjIP")
        with zipfile.ZipFile(io.BytesIO(lkjip)) as arsip:
            assert b"LAPORAN KINERJA" in arsip.read("word/document.xml").upper()

        page.get_by_role("link", name="Dokumen lain Sekretariat Daerah Provinsi Kalimantan Timur").click()
        page.wait_for_url("**/unit/*/")
        _periksa_axe(page, diperiksa)
        page.get_by_role(
            "link", name="Perjanjian Kinerja 2024 Sekretariat Daerah Provinsi Kalimantan Timur"
        ).click()
        page.wait_for_selector("h1:has-text('Perjanjian Kinerja 2024')")
        _periksa_axe(page, diperiksa)
        pk = _unduh(page, "Unduh Perjanjian Kinerja")
        with zipfile.ZipFile(io.BytesIO(pk)) as arsip:
            assert b"PERJANJIAN KINERJA" in arsip.read("word/document.xml").upper()

        page.get_by_role("link", name="Kelengkapan dokumen").click()
        page.wait_for_url("**/kelengkapan/")
        _periksa_axe(page, diperiksa)
        if (
            lebar == 390
        ):  # the checklist table scrolls inside its box; the page itself does not scroll sideways
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert len(diperiksa) == 6  # index, pemda, LKjIP, unit, PK, checklist
    assert {url: v for url, v in diperiksa.items() if v} == {}
    assert page.context.cookies() == []  # the portal set no cookie at all
