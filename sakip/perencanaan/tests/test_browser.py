"""A perencana builds a Renstra in a real browser (Debian's Chromium driven by Playwright)."""

import pytest
from playwright.sync_api import expect

from sakip.conftest import buka_menu, login
from sakip.organisasi.tests.factories import PASSWORD
from sakip.perencanaan.models import Indikator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_perencana_creates_renstra_tujuan_sasaran_and_formula_iku_and_sees_it_in_pohon_kinerja(
    browser_page, org, operator_a
):
    page = browser_page
    login(page, "operator_a", PASSWORD)

    buka_menu(page, "Perencanaan", "Renstra & IKU")
    page.click("text=Buat Renstra")
    page.select_option("#id_unit_kerja", label="Biro A")
    page.fill("#id_nama", "Renstra Biro A")
    page.fill("#id_tahun_mulai", "2024")
    page.fill("#id_tahun_selesai", "2026")
    page.fill("#id_visi", "Birokrasi yang akuntabel")
    page.click("text=Simpan")
    page.wait_for_selector("h1:has-text('Renstra Biro A')")

    page.click("text=Tambah tujuan")
    page.fill("#id_kode", "T1")
    page.fill("#id_uraian", "Mewujudkan kebijakan yang berkualitas")
    page.click("text=Simpan")
    page.click("text=Tambah sasaran")
    page.select_option("#id_tujuan", index=1)
    page.fill("#id_kode", "S1")
    page.fill("#id_uraian", "Meningkatnya kualitas kebijakan kesra")
    page.click("text=Simpan")

    page.click("text=Tambah indikator")
    page.select_option("#id_induk", label="Sasaran S1: Meningkatnya kualitas kebijakan kesra")
    page.fill("#id_kode", "IKU01")
    page.fill("#id_nama", "Persentase perumusan kebijakan di bidang kesra yang difasilitasi")
    page.fill("#id_satuan", "Persen")
    page.fill("#id_formulasi", "kebijakan_difasilitasi / usulan_kebijakan × 100")
    page.fill(
        "#id_variabel_teks",
        "kebijakan_difasilitasi | Kebijakan bidang kesra yang difasilitasi\n"
        "usulan_kebijakan | Usulan fasilitasi bahan kebijakan bidang kesra",
    )
    page.fill("#id_target_2024", "100")
    page.fill("#id_target_2025", "100")
    page.fill("#id_target_2026", "100")
    page.click("text=Simpan indikator")
    page.wait_for_selector("h1:has-text('Persentase perumusan kebijakan')")

    indikator = Indikator.objects.get(kode="IKU01")
    assert [v.nama for v in indikator.variabel.all()] == ["kebijakan_difasilitasi", "usulan_kebijakan"]
    assert sorted(indikator.target.values_list("tahun", flat=True)) == [2024, 2025, 2026]

    page.click(f"text={indikator.renstra}")
    page.click("text=Pohon kinerja")
    page.wait_for_url("**/pohon-kinerja/")
    pohon = page.locator("ul.pohon")
    expect(pohon.locator("text=Mewujudkan kebijakan yang berkualitas")).to_have_count(1)
    expect(pohon.locator("text=Meningkatnya kualitas kebijakan kesra")).to_have_count(1)
    expect(
        pohon.locator("text=Persentase perumusan kebijakan di bidang kesra yang difasilitasi")
    ).to_have_count(1)
    page.screenshot(path="/tmp/sakip-pohon.png", full_page=True)
