"""Issue #20 point 3 in a real browser (Debian's Chromium driven by Playwright): the operator adds a program under
the Renstra, a kegiatan and a sub kegiatan by their nomenclature codes; an unlisted code is refused with the nearest
listed ones, a listed one is created with the master's name and output indicator."""

from __future__ import annotations

import pytest

from sakip.conftest import login
from sakip.organisasi.tests.factories import PASSWORD
from sakip.perencanaan.models import Program, SubKegiatan
from sakip.perencanaan.tests.factories import renstra_dengan_iku
from sakip.perencanaan.tests.test_program import _versi

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_operator_adds_a_program_kegiatan_and_sub_kegiatan_and_an_unlisted_code_is_refused_with_a_suggestion(
    browser_page, org, operator_a, tanpa_dua_faktor
):
    _versi()
    renstra_dengan_iku(org.biro_a, jumlah_indikator=1)
    page = browser_page
    login(page, "operator_a", PASSWORD)

    page.goto("/perencanaan/program/")
    page.click("#tambah-program a")
    page.fill("#id_kode", "4.01.02")
    page.check("input[name=sasaran]")
    page.click("button:has-text('Simpan')")
    page.wait_for_selector("h1:has-text('4.01.02 PROGRAM PEMERINTAHAN DAN KESEJAHTERAAN RAKYAT')")
    assert "S1 Sasaran satu" in page.inner_text("#sasaran-program")

    page.click("text=Tambah kegiatan")
    page.fill("#id_kode", "4.01.02.2.01")
    page.click("button:has-text('Simpan')")
    page.wait_for_selector("#tabel-kegiatan >> text=Administrasi Tata Pemerintahan")

    page.click("#tabel-kegiatan >> text=Tambah sub kegiatan")
    page.fill("#id_kode", "4.01.02.2.01.0009")
    page.fill("#id_nama", "Sub kegiatan karangan")
    page.click("button:has-text('Simpan')")
    page.wait_for_selector("text=tidak ada pada nomenklatur Kepmendagri 050-5889/2021")
    pesan = page.inner_text(".errorlist")
    assert "Yang terdekat:" in pesan
    assert "4.01.02.2.01.0002 Pengelolaan Administrasi Kewilayahan" in pesan
    assert not SubKegiatan.objects.exists()

    page.fill("#id_kode", "4.01.02.2.01.0001")
    page.fill("#id_nama", "")
    page.fill("#id_target_2025", "4")
    page.click("button:has-text('Simpan')")
    baris = page.wait_for_selector("#tabel-kegiatan tr:has-text('4.01.02.2.01.0001')")
    assert "Penataan Administrasi Pemerintahan" in baris.inner_text()
    assert "Jumlah Dokumen Hasil Penataan Administrasi Pemerintahan" in baris.inner_text()
    sub = SubKegiatan.objects.get()
    assert sub.target_keluaran.get().tahun == 2025
    assert Program.objects.get().history.get().history_user == operator_a
