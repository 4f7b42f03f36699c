"""An operator's quarter, start to finish, in a real browser (issue #17 acceptance a–c), on the demo's Setda Kaltim.

(a) The Biro Organisasi operator logs in, sees their to-do, opens their workspace, enters the quarter for every
indicator they report through the grid with one evidence file, and submits; (b) the admin verifies two and returns one
from the inbox; (c) the operator sees the return on the home page, fixes it from there and submits again.
Each walk runs on a laptop (1366×900) and on a phone (390×844), where the menu opens behind its button; on every page
visited the document is no wider than the window (no horizontal scroll).

Set SAKIP_SHOTS=/some/folder to also save screenshots of the pages at 1366 and 390 px wide.
"""

import datetime as dt
import os
from pathlib import Path

import pytest
import time_machine

from sakip.conftest import buka_akun, login
from sakip.demo import loader
from sakip.lib import rumus
from sakip.organisasi.models import Pengguna
from sakip.pengukuran import services
from sakip.pengukuran.models import Realisasi
from sakip.pengukuran.tests import demo_orang
from sakip.pengukuran.tests.conftest import PDF
from sakip.perencanaan.models import Indikator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# 20 April 2025: TW I 2025 ended on 31 March and its deadline (15 April) has passed.
HARI = dt.datetime(2025, 4, 20, 8, tzinfo=dt.UTC)
SANDI = loader.DEMO_PASSWORD


@pytest.fixture
def demo_kaltim(settings, tmp_path):
    """The demo's organisation, plans and measurements (what the walk needs), evidence files in a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    loader.load_organisasi()
    loader.load_kebijakan_dua_faktor()
    loader.load_perencanaan()
    loader.load_pengukuran()


@pytest.fixture
def hari():
    with time_machine.travel(HARI, tick=True):
        yield


def _iku(kode):
    return Indikator.objects.get(renstra__unit_kerja__pemda__kode="64", renstra__tahun_mulai=2024, kode=kode)


def _foto(page, nama):
    folder = os.environ.get("SAKIP_SHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    ukuran = page.viewport_size
    for lebar, tinggi in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": lebar, "height": tinggi})
        page.screenshot(path=f"{folder}/{nama}-{lebar}.png", full_page=True)
    page.set_viewport_size(ukuran)


LAYAR = [
    pytest.param({"width": 1366, "height": 900}, id="laptop"),
    pytest.param({"width": 390, "height": 844}, id="ponsel"),
]


@pytest.fixture(params=LAYAR)
def layar(request, browser_page):
    browser_page.set_viewport_size(request.param)
    return request.param


def _tanpa_geser(page):
    """The page does not scroll sideways: the document is no wider than the window."""
    lebar = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert lebar[0] <= lebar[1], f"{page.url}: {lebar[0]} px wide in a {lebar[1]} px window"


def _menu(page, nama):
    """Follow a link of the main menu, opening it first on a phone (where it is collapsed behind a button)."""
    tombol = page.locator("button.menu-tombol")
    if tombol.is_visible():
        tombol.click()
    page.locator("nav.mainnav").get_by_role("link", name=nama, exact=True).click()


def _keluar(page):
    tombol = page.locator("button.menu-tombol")
    if tombol.is_visible():
        tombol.click()
    buka_akun(page, "Keluar")
    page.wait_for_url("**/masuk/")


def test_a_biro_operator_enters_the_quarter_through_the_grid_with_one_file_and_submits(
    browser_page, layar, demo_kaltim, hari, tmp_path
):
    page = browser_page
    bukti = tmp_path / "sk-evaluasi-sakip.pdf"
    bukti.write_bytes(PDF)
    login(page, "operator.organisasi", SANDI)
    _tanpa_geser(page)
    tugas = page.locator("#tugas-terlambat")
    assert "IKU10" in tugas.inner_text()
    assert "Triwulan I 2025" in tugas.inner_text()
    _foto(page, "beranda-operator")
    _menu(page, "Ruang Kerja")
    page.wait_for_url("**/pengukuran/unit/*/?tahun=2025")
    _tanpa_geser(page)
    assert page.locator("#ruang-kerja tr[data-indikator]").count() == 1
    _foto(page, "ruang-kerja")
    page.click("text=Isi realisasi sekaligus")
    page.wait_for_url("**/isian/?tahun=2025")
    _tanpa_geser(page)
    baris = page.locator("#isian-massal tr[data-indikator]")
    dilaporkan = Indikator.objects.filter(
        penanggung_jawab__kode="SETDA.ORGANISASI", renstra__tahun_mulai=2024
    )
    assert baris.count() == dilaporkan.count() == 1
    for ind in dilaporkan:
        row = page.locator(f'#isian-massal tr[data-indikator="{ind.kode}"]')
        nama = rumus.parse(ind.formulasi).variabel
        for i, v in enumerate(ind.variabel.filter(nama__in=nama)):
            row.get_by_label(v.label).fill("28" if i == 0 else "35")
    page.set_input_files("#id_berkas", str(bukti))
    page.check("input[name=ajukan]")
    _tanpa_geser(page)
    _foto(page, "isian-massal")
    with page.expect_navigation(timeout=60_000):
        page.click("#form-isian-massal button[type=submit]")
    page.wait_for_selector("text=1 realisasi Triwulan I 2025 disimpan dan diajukan untuk verifikasi.")
    _tanpa_geser(page)
    r = Realisasi.objects.get(indikator=_iku("IKU10"), tahun=2025, periode="TW1")
    assert r.status == "diajukan"
    assert [d.nama_asli for d in r.data_dukung.all()] == ["sk-evaluasi-sakip.pdf"]
    assert str(r.nilai) == "80.000000"  # 28 / 35 × 100
    assert "Diajukan" in page.locator('#ruang-kerja tr[data-indikator="IKU10"]').inner_text()
    page.goto("/")
    _tanpa_geser(page)
    assert page.locator("#tugas-terlambat").count() == 0
    if os.environ.get("SAKIP_SHOTS"):
        page.goto("/pengukuran/kelengkapan/?tahun=2025")
        _foto(page, "kelengkapan")
        page.goto(f"/pengukuran/unit/{r.unit_kerja_id}/dasbor/?tahun=2024")
        _foto(page, "dasbor-unit")


def _ajukan_tiga():
    org = demo_orang.pengguna("operator.organisasi")
    adpim = demo_orang.pengguna("operator.adpim")
    return {
        kode: services.submit_realisasi(demo_orang.isi(_iku(kode), 2025, "TW1", user), by=user)
        for kode, user in (("IKU10", org), ("IKU12", adpim), ("IKU13", adpim))
    }


def test_b_the_admin_verifies_two_and_returns_one_from_the_inbox(browser_page, layar, demo_kaltim, hari):
    diajukan = _ajukan_tiga()
    page = browser_page
    login(page, "admin.kaltim", SANDI)
    _tanpa_geser(page)
    assert "3" in page.locator("#tugas-verifikasi .jumlah").inner_text()
    _foto(page, "beranda-admin")
    page.click("text=Buka kotak verifikasi")
    page.wait_for_url("**/pengukuran/verifikasi/")
    _tanpa_geser(page)
    _foto(page, "kotak-verifikasi")
    for kode in ("IKU12", "IKU13"):
        page.check(f"#realisasi-{diajukan[kode].pk} input[type=checkbox]")
    page.click("button[value=verifikasi]")
    page.wait_for_selector("text=2 realisasi diverifikasi.")
    _tanpa_geser(page)
    page.check(f"#realisasi-{diajukan['IKU10'].pk} input[type=checkbox]")
    page.fill("#id_catatan", "Jumlah perangkat daerah yang dinilai tidak sesuai LHE")
    page.click("button[value=kembalikan]")
    page.wait_for_selector("text=1 realisasi dikembalikan kepada operator dengan catatan.")
    _tanpa_geser(page)
    status = dict(
        Realisasi.objects.filter(tahun=2025, periode="TW1").values_list("indikator__kode", "status")
    )
    assert status == {"IKU10": "dikembalikan", "IKU12": "diverifikasi", "IKU13": "diverifikasi"}
    assert page.locator("#kotak-verifikasi").count() == 0  # the inbox is empty


def test_c_the_operator_sees_the_return_on_the_home_page_fixes_it_from_there_and_resubmits(
    browser_page, layar, demo_kaltim, hari
):
    r = _ajukan_tiga()["IKU10"]
    services.return_realisasi(
        r, catatan="Jumlah yang dinilai seharusnya 40", by=Pengguna.objects.get(username="admin.kaltim")
    )
    page = browser_page
    login(page, "operator.organisasi", SANDI)
    _tanpa_geser(page)
    kembali = page.locator("#tugas-dikembalikan")
    assert "Jumlah yang dinilai seharusnya 40" in kembali.inner_text()
    _foto(page, "beranda-dikembalikan")
    kembali.get_by_role("link").first.click()
    page.wait_for_url("**/pengukuran/indikator/*/?tahun=2025#periode-TW1")
    _tanpa_geser(page)
    baris = page.locator("#periode-TW1")
    assert "Dikembalikan" in baris.inner_text()
    ind = _iku("IKU10")
    penyebut = ind.variabel.get(nama=rumus.parse(ind.formulasi).variabel[1])
    baris.get_by_label(penyebut.label).fill("40")
    baris.get_by_role("button", name="Simpan").click()
    page.wait_for_selector("text=Realisasi Triwulan I disimpan.")
    _tanpa_geser(page)
    page.locator("#periode-TW1").get_by_role("button", name="Ajukan").click()
    page.wait_for_selector("text=Realisasi diajukan untuk verifikasi.")
    _tanpa_geser(page)
    r.refresh_from_db()
    assert r.status == "diajukan"
    assert r.masukan[penyebut.nama] == "40"
    assert "Sudah diajukan dan menunggu verifikasi" in page.locator("#periode-TW1").inner_text()
    _foto(page, "indikator")
    page.goto("/")
    _tanpa_geser(page)
    assert page.locator("#tugas-dikembalikan").count() == 0
