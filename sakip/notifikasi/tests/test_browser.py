"""The bell in a real browser (Debian's Chromium through Playwright): a returned realisasi shows as one unread
notification in the top bar; opening it leads to the indicator with the verifier's note, and the count goes away."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from sakip.conftest import login
from sakip.organisasi.tests.factories import PASSWORD
from sakip.pengukuran import services as pengukuran
from sakip.perencanaan.tests.factories import renstra_dengan_iku

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_operator_sees_the_bell_count_and_opens_the_returned_realisasi(
    browser_page, org, operator_a, pimpinan_a, tmp_path
):
    iku = renstra_dengan_iku(org.biro_a, by=operator_a).indikator.get(kode="IKU01")
    r = pengukuran.save_realisasi(
        indikator=iku,
        tahun=2024,
        periode="TW1",
        by=operator_a,
        masukan={"selesai": Decimal(4), "usulan": Decimal(5)},
    )
    r = pengukuran.submit_realisasi(r, by=operator_a)
    pengukuran.return_realisasi(r, catatan="Unggah berita acara sebagai data dukung.", by=pimpinan_a)

    page = browser_page
    login(page, "operator_a", PASSWORD)
    lonceng = page.locator("a.lonceng")
    expect(lonceng.locator(".jumlah-notifikasi")).to_have_text("1")
    page.screenshot(path=str(tmp_path / "lonceng.png"))
    lonceng.click()
    page.wait_for_url("**/notifikasi/")
    expect(page.locator(".notifikasi-daftar li")).to_have_count(1)
    expect(page.locator(".notifikasi-daftar")).to_contain_text("Catatan verifikator: Unggah berita acara")
    page.click("text=Buka")
    page.wait_for_url(f"**/pengukuran/indikator/{iku.pk}/?tahun=2024")
    expect(page.locator("body")).to_contain_text("Unggah berita acara sebagai data dukung.")
    page.wait_for_load_state("networkidle")  # the bell has asked for its count (and no request is left open)
    expect(page.locator("a.lonceng .jumlah-notifikasi")).to_be_hidden()
    expect(page.locator("a.lonceng")).to_have_attribute("title", "Notifikasi")
