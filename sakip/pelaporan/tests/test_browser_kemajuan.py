"""Generating the LKjIP in the background from the report page in a real browser (Debian's Chromium driven by
Playwright): the job runs on a real queue worker (a thread of this process, beside the live server), the page shows its progress and then downloads it."""

import pytest
from django.db import connection
from docx import Document
from playwright.sync_api import expect

from sakip.antrean.tests.pekerja import pekerja_di_utas
from sakip.conftest import buka_menu, login
from sakip.organisasi.tests.factories import PASSWORD
from sakip.pelaporan.tests import pdfteks
from sakip.perencanaan.tests.factories import renstra_dengan_iku

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # The queue's worker thread and the live server write the same test database at once. SQLite's test database
    # is one shared-cache memory database that answers "table is locked" instead of waiting, which failed this walk
    # at random in CI; PostgreSQL runs it as production does (several writers).
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="concurrent writers need a shared database (PostgreSQL)"
    ),
]


@pytest.fixture
def halaman_laporan(browser_page, org, operator_a, pimpinan_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    renstra = renstra_dengan_iku(org.biro_a, by=operator_a)
    page = browser_page
    login(page, "pimpinan_a", PASSWORD)
    buka_menu(page, "Evaluasi & Laporan", "Laporan (LKjIP)")
    page.wait_for_url("**/laporan/")
    page.fill("#id_tahun_pilih", "2024")
    page.click("text=Tampilkan")
    page.wait_for_url("**/laporan/?tahun=2024")
    with pekerja_di_utas():  # stopped before the test's database goes
        yield page.locator(f'tr[data-renstra="{renstra.pk}"]')


def test_pimpinan_builds_the_lkjip_docx_with_progress_in_the_page(halaman_laporan, tmp_path):
    baris = halaman_laporan
    page = baris.page
    with page.expect_download() as unduhan:
        baris.get_by_role("button", name="Buat LKjIP (.docx)").click()
        expect(baris.locator(".pembuatan-kemajuan progress")).to_be_visible()
    berkas = tmp_path / unduhan.value.suggested_filename
    unduhan.value.save_as(berkas)
    expect(baris.locator(".pembuatan-tahap")).to_have_text("Selesai — 100%")
    expect(baris.locator(".pembuatan-kemajuan progress")).to_have_attribute("value", "100")
    expect(baris.get_by_role("link", name=f"Unduh {berkas.name}")).to_be_visible()
    assert page.url.endswith("/laporan/?tahun=2024")  # the page stayed
    assert berkas.suffix == ".docx"
    judul = {p.text for p in Document(str(berkas)).paragraphs if p.style.name == "Heading 1"}
    assert {"BAB I PENDAHULUAN", "BAB III AKUNTABILITAS KINERJA", "BAB IV PENUTUP"} <= judul


@pdfteks.tanpa_soffice()
def test_pimpinan_sees_the_pdf_conversion_stage_then_gets_the_pdf(halaman_laporan, tmp_path):
    baris = halaman_laporan
    page = baris.page
    with page.expect_download(timeout=150_000) as unduhan:
        baris.get_by_role("button", name="Buat LKjIP (.pdf)").click()
        expect(baris.locator(".pembuatan-tahap")).to_contain_text("Mengonversi ke PDF", timeout=60_000)
        expect(baris.get_by_role("button", name="Buat LKjIP (.pdf)")).to_be_disabled()
    berkas = tmp_path / unduhan.value.suggested_filename
    unduhan.value.save_as(berkas)
    assert berkas.suffix == ".pdf"
    assert berkas.read_bytes().startswith(b"%PDF")
    expect(baris.locator(".pembuatan-tahap")).to_have_text("Selesai — 100%")
