"""Downloading the LKjIP from the report page in a real browser (Debian's Chromium driven by Playwright)."""

import pytest
from docx import Document

from sakip.conftest import buka_menu, login
from sakip.organisasi.tests.factories import PASSWORD
from sakip.perencanaan.tests.factories import renstra_dengan_iku

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pimpinan_downloads_the_lkjip_docx(browser_page, org, operator_a, pimpinan_a, tmp_path):
    renstra = renstra_dengan_iku(org.biro_a, by=operator_a)
    page = browser_page
    login(page, "pimpinan_a", PASSWORD)
    buka_menu(page, "Evaluasi & Laporan", "Laporan (LKjIP)")
    page.wait_for_url("**/laporan/")
    page.fill("#id_tahun_pilih", "2024")
    page.click("text=Tampilkan")
    page.wait_for_url("**/laporan/?tahun=2024")
    baris = page.locator(f'tr[data-renstra="{renstra.pk}"]')
    with page.expect_download() as unduhan:
        baris.get_by_role("link", name="Unduh LKjIP (.docx)").click()
    berkas = tmp_path / unduhan.value.suggested_filename
    unduhan.value.save_as(berkas)
    assert berkas.suffix == ".docx"
    doc = Document(str(berkas))
    judul = {p.text for p in doc.paragraphs if p.style.name == "Heading 1"}
    assert {
        "BAB I PENDAHULUAN",
        "BAB II PERENCANAAN KINERJA",
        "BAB III AKUNTABILITAS KINERJA",
        "BAB IV PENUTUP",
    } <= judul
    # a unit without profile, PK or evaluation still gets a complete outline, saying what is missing
    teks = [p.text for p in doc.paragraphs]
    assert any("belum diisi pada modul Profil Organisasi" in t for t in teks)


def test_pimpinan_downloads_the_perjanjian_kinerja_docx(browser_page, org, operator_a, pimpinan_a, tmp_path):
    from sakip.perencanaan import services as perencanaan

    renstra = renstra_dengan_iku(org.biro_a, by=operator_a)
    pk = perencanaan.create_pk(
        unit_kerja=org.biro_a,
        renstra=renstra,
        tahun=2024,
        by=operator_a,
        pihak_pertama_nama="Kepala Biro A",
        pihak_kedua_nama="Sekretaris Daerah",
    )
    page = browser_page
    login(page, "pimpinan_a", PASSWORD)
    buka_menu(page, "Evaluasi & Laporan", "Laporan (LKjIP)")
    page.wait_for_url("**/laporan/")
    page.fill("#id_tahun_pilih", "2024")
    page.click("text=Tampilkan")
    page.wait_for_url("**/laporan/?tahun=2024")
    baris = page.locator(f'tr[data-renstra="{renstra.pk}"]')
    with page.expect_download() as unduhan:
        baris.get_by_role("link", name="Unduh Perjanjian Kinerja (.docx)").click()
    berkas = tmp_path / unduhan.value.suggested_filename
    unduhan.value.save_as(berkas)
    assert berkas.suffix == ".docx"
    doc = Document(str(berkas))
    assert doc.paragraphs[0].text == "PERJANJIAN KINERJA TAHUN 2024"
    teks = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "Kepala Biro A" in teks
    assert "Sekretaris Daerah" in teks
    # every indicator line of the PK, with its target, in the attachment
    for line in pk.indikator.select_related("indikator"):
        assert line.indikator.nama in teks
        assert line.target_teks in teks
