"""The operator–pimpinan round of a realisasi in a real browser (Debian's Chromium driven by Playwright)."""

import pytest

from sakip.conftest import buka_akun, login
from sakip.organisasi.tests.factories import PASSWORD
from sakip.pengukuran.models import Realisasi
from sakip.pengukuran.tests.conftest import PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _logout(page):
    buka_akun(page, "Keluar")
    page.wait_for_url("**/masuk/")


def test_operator_enters_inputs_with_evidence_pimpinan_returns_then_verifies_and_dashboard_shows_capaian(
    browser_page, iku, operator_a, pimpinan_a, operator_b, tmp_path
):
    page = browser_page
    bukti = tmp_path / "notulen-rapat.pdf"
    bukti.write_bytes(PDF)
    url = f"/pengukuran/indikator/{iku.pk}/?tahun=2024"

    login(page, "operator_a", PASSWORD)
    page.goto(url)
    baris = page.locator("#periode-TW1")
    baris.get_by_label("Hal selesai").fill("3")
    baris.get_by_label("Usulan").fill("4")
    page.wait_for_selector("#pratinjau-TW1 .pratinjau")  # htmx preview: value and capaian before saving
    assert "75,00" in page.inner_text("#pratinjau-TW1")
    baris.get_by_role("button", name="Simpan").click()
    page.wait_for_selector("text=Realisasi Triwulan I disimpan.")
    baris = page.locator("#periode-TW1")
    baris.get_by_label("Berkas data dukung Triwulan I").set_input_files(str(bukti))
    baris.get_by_role("button", name="Unggah").click()
    page.wait_for_selector("text=Data dukung 'notulen-rapat.pdf' ditautkan.")
    page.locator("#periode-TW1").get_by_role("button", name="Ajukan").click()
    page.wait_for_selector("text=Realisasi diajukan untuk verifikasi.")
    _logout(page)

    login(page, "pimpinan_a", PASSWORD)
    page.goto(url)
    baris = page.locator("#periode-TW1")
    baris.get_by_label("Catatan pengembalian Triwulan I").fill("Usulan seharusnya 4 dari 4, periksa lagi")
    baris.get_by_role("button", name="Kembalikan").click()
    page.wait_for_selector("text=Realisasi dikembalikan kepada operator dengan catatan.")
    _logout(page)

    login(page, "operator_a", PASSWORD)
    page.goto(url)
    assert "Usulan seharusnya 4 dari 4" in page.inner_text("#periode-TW1")
    baris = page.locator("#periode-TW1")
    baris.get_by_label("Hal selesai").fill("4")
    baris.get_by_role("button", name="Simpan").click()
    page.wait_for_selector("text=Realisasi Triwulan I disimpan.")
    page.locator("#periode-TW1").get_by_role("button", name="Ajukan").click()
    page.wait_for_selector("text=Realisasi diajukan untuk verifikasi.")
    _logout(page)

    login(page, "pimpinan_a", PASSWORD)
    page.goto(url)
    page.locator("#periode-TW1").get_by_role("button", name="Verifikasi").click()
    page.wait_for_selector("text=Realisasi diverifikasi.")
    realisasi = Realisasi.objects.get(indikator=iku, tahun=2024, periode="TW1")
    assert realisasi.status == "diverifikasi"
    assert realisasi.nilai == 100

    page.goto(f"/pengukuran/renstra/{iku.renstra_id}/?tahun=2024")
    sel = page.locator("tr[data-indikator='IKU01'] td.capaian-sel")
    assert sel.inner_text().strip() == "109,89"  # 100 / 91 × 100 = 109,890…
    assert "#2e7d32" in (sel.locator(".capaian").get_attribute("style") or "")  # green light (> 90)
    assert page.locator("tr[data-indikator='IKU01']").inner_text().count("Memuaskan") == 1
    page.screenshot(path="/tmp/sakip-dasbor.png", full_page=True)
    _logout(page)

    login(page, "operator_b", PASSWORD)
    dokumen = realisasi.data_dukung.get()
    assert page.goto(url).status == 404
    assert page.request.get(f"/pengukuran/data-dukung/{dokumen.pk}/unduh/").status == 404
