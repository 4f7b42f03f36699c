"""Monthly realisasi in a real browser, on a laptop (1366×900) and on a phone (390×844): the operator enters a month
through the grid and on the indicator's page, sees the month under its quarter in the monev, and no page scrolls
sideways. Screenshots of both pages at both widths go to /tmp/shots-tampilan/ for a person to look at."""

from decimal import Decimal as D

import pytest

from sakip.conftest import login
from sakip.organisasi.tests.factories import PASSWORD
from sakip.pengukuran.models import Realisasi
from sakip.perencanaan import services as perencanaan
from sakip.perencanaan.models import Indikator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "/tmp/shots-tampilan"


def _tanpa_geser(page):
    lebar = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert lebar[0] <= lebar[1], f"{page.url}: {lebar[0]} px wide in a {lebar[1]} px window"


@pytest.fixture
def bulanan(org, admin_pemda):
    renstra = perencanaan.create_renstra(
        unit_kerja=org.setda, nama="Renstra Setda", tahun_mulai=2024, tahun_selesai=2026
    )
    sasaran = perencanaan.add_sasaran(renstra=renstra, tujuan=None, kode="S1", uraian="Sasaran")
    hasil = {}
    for kode, nama in (
        ("IKU07", "Jumlah pengaduan masyarakat yang ditindaklanjuti dalam waktu kurang dari lima hari kerja"),
        ("IKU08", "Jumlah dokumen kebijakan daerah yang difasilitasi"),
    ):
        ind = Indikator(
            renstra=renstra,
            sasaran=sasaran,
            kode=kode,
            nama=nama,
            satuan="Dokumen",
            jenis="jumlah",
            agregasi="kumulatif",
            frekuensi="bulanan",
            penanggung_jawab=org.biro_a,
        )
        perencanaan.save_indikator(indikator=ind, target={2024: perencanaan.NilaiTarget(nilai=D(150))})
        hasil[kode] = ind
    pk = perencanaan.create_pk(unit_kerja=org.setda, renstra=renstra, tahun=2024, by=admin_pemda)
    perencanaan.set_rencana_aksi(
        line=pk.indikator.get(indikator=hasil["IKU07"]),
        target_tw={1: D(20), 2: D(30), 3: D(40), 4: D(60)},
        by=admin_pemda,
    )
    return hasil


@pytest.mark.parametrize(
    "layar",
    [
        pytest.param({"width": 1366, "height": 900}, id="laptop"),
        pytest.param({"width": 390, "height": 844}, id="ponsel"),
    ],
)
def test_the_operator_enters_a_month_through_the_grid_and_on_the_indicator_page(
    browser_page, layar, org, operator_a, bulanan
):
    page = browser_page
    page.set_viewport_size(layar)
    lebar = layar["width"]
    login(page, "operator_a", PASSWORD)
    page.goto(f"/pengukuran/unit/{org.biro_a.pk}/isian/?tahun=2024")
    page.select_option("#id_periode_pilih", "B02")
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_url("**periode=B02**")
    assert page.locator("h1").inner_text() == "Isian realisasi Februari 2024"
    page.locator('#isian-massal tr[data-indikator="IKU07"]').get_by_label("Realisasi (Dokumen)").fill("8")
    page.locator('#isian-massal tr[data-indikator="IKU08"]').get_by_label("Realisasi (Dokumen)").fill("3")
    _tanpa_geser(page)
    page.screenshot(path=f"{SHOTS}/bulanan-isian-{lebar}.png", full_page=True)
    with page.expect_navigation():
        page.click("#form-isian-massal button[type=submit]")
    page.wait_for_selector("text=2 realisasi Februari 2024 disimpan.")
    _tanpa_geser(page)
    assert dict(Realisasi.objects.filter(periode="B02").values_list("indikator__kode", "nilai")) == {
        "IKU07": D(8),
        "IKU08": D(3),
    }

    page.goto(f"/pengukuran/indikator/{bulanan['IKU07'].pk}/?tahun=2024")
    januari = page.locator("#periode-B01")
    januari.get_by_label("Realisasi (Dokumen)").fill("6")
    januari.get_by_role("button", name="Simpan").click()
    page.wait_for_selector("text=Realisasi Januari disimpan.")
    _tanpa_geser(page)
    # The monev: January 6 and February 8 under Triwulan I, whose realisasi is their sum 14 against 20 (70 %).
    monev = page.locator("#monev-IKU07")
    assert monev.locator('tr[data-bulan="Februari"]').inner_text().split() == ["Februari", "–", "8,00"]
    tw1 = monev.locator('tr[data-triwulan="1"]').inner_text()
    assert "14,00" in tw1
    assert "70,00" in tw1
    assert "Februari" in page.locator("#periode-B02").inner_text()
    page.screenshot(path=f"{SHOTS}/bulanan-indikator-{lebar}.png", full_page=True)
