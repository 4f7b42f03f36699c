"""Acceptance of issue #18 (first point): a pemda whose rules differ from the demo on every setting, set up through
the settings pages in a real browser, gets the figures and categories computed by hand below on the dashboard, in
the LKjIP's measurement table and ikhtisar, and in the API; a change of 2025 leaves 2024 as it was.

Data (targets and realisasi the same in 2024 and 2025):
    S1: IKU01 target 80, realisasi 100 → 125 %, shown capped at 110; IKU02 target 100, realisasi 70 → 70 %
    S2: IKU03 target 50, realisasi 45 → 90 %;  IKU04 target 100, no realisasi
The pemda's 2024 rules: mean over all indicators, missing realisasi counted as 0, cap 110, its own five-band scale
(a copy of the shipped five-band scale with "Tinggi" from 67 instead of 76), quarterly deadline 10 days.
    unit 2024 = (110 + 70 + 90 + 0) / 4 = 67,50 → "Tinggi" (67 – < 91) on the pemda's scale ("Sedang" on the template)
    S1 = (110 + 70) / 2 = 90,00 → "Tinggi";  S2 = (90 + 0) / 2 = 45,00 → "Sangat Rendah" (≤ 50)
The demo's rules would give (per sasaran, missing excluded, no cap, Kaltim scale): ((125 + 70) / 2 + 90) / 2 = 93,75.
2025 then changes to "missing excluded": unit 2025 = (110 + 70 + 90) / 3 = 90,00 → "Tinggi"; 2024 stays 67,50.
"""

from decimal import Decimal

import pytest

from sakip.akun import services as akun_services
from sakip.conftest import login
from sakip.organisasi.tests.factories import PASSWORD
from sakip.pelaporan import lkjip
from sakip.pengukuran import services
from sakip.pengukuran.models import PengaturanPengukuran
from sakip.perencanaan import services as perencanaan
from sakip.perencanaan.models import Indikator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

D = Decimal
SHOTS = "/tmp/shots-aturan"


@pytest.fixture
def renstra(org, admin_pemda):
    # This pemda lets its admin in with a password only (the test is about measurement, not two-factor login).
    akun_services.simpan_kebijakan(pemda=org.pemda, peran_wajib=set(), by=None)
    renstra = perencanaan.create_renstra(
        unit_kerja=org.setda, nama="Renstra Setda", tahun_mulai=2024, tahun_selesai=2026
    )
    tujuan = perencanaan.add_tujuan(renstra=renstra, kode="T1", uraian="Tujuan")
    data = {"S1": [("IKU01", 80, 100), ("IKU02", 100, 70)], "S2": [("IKU03", 50, 45), ("IKU04", 100, None)]}
    for kode_s, baris in data.items():
        sasaran = perencanaan.add_sasaran(
            renstra=renstra, tujuan=tujuan, kode=kode_s, uraian=f"Sasaran {kode_s}"
        )
        for kode, target, realisasi in baris:
            ind = Indikator(
                renstra=renstra, sasaran=sasaran, kode=kode, nama=kode, satuan="Persen", jenis="indeks"
            )
            perencanaan.save_indikator(
                indikator=ind, target={t: perencanaan.NilaiTarget(nilai=D(target)) for t in (2024, 2025)}
            )
            if realisasi is not None:
                for tahun in (2024, 2025):
                    services.save_realisasi(
                        indikator=ind, tahun=tahun, periode="TAHUN", by=admin_pemda, nilai=D(realisasi)
                    )
    return renstra


def _atur(page, pemda, tahun, kosong):
    page.goto(f"/pengukuran/pengaturan/?pemda={pemda.pk}&tahun={tahun}")
    page.select_option("#id_metode_rollup", "rata_rata_indikator")
    page.select_option("#id_kebijakan_kosong", kosong)
    page.fill("#id_batas_capaian", "110")
    page.select_option("#id_skala_kategori", "lima-pemda")
    page.fill("#id_hari_tenggat", "10")
    page.get_by_role("button", name=f"Simpan pengaturan {tahun}").click()
    page.wait_for_selector(f"text=Pengaturan pengukuran {pemda} mulai tahun {tahun} disimpan.")


def _ringkasan(page, renstra, tahun):
    page.goto(f"/pengukuran/renstra/{renstra.pk}/?tahun={tahun}")
    return page.inner_text(".ringkasan")


def _lkjip(renstra, tahun, user):
    laporan = lkjip.bangun_lkjip(renstra, tahun, user)
    tabel = next(
        b
        for b in laporan.semua_blok()
        if isinstance(b, lkjip.Tabel) and any(len(r) > 2 and r[2] == "Capaian kinerja unit" for r in b.baris)
    )
    unit = next((r[-2], r[-1]) for r in tabel.baris if r[2] == "Capaian kinerja unit")
    sasaran = [(r[-2], r[-1]) for r in tabel.baris if r[2].startswith("Rata-rata capaian sasaran")]
    return laporan.ikhtisar, unit, sasaran, tabel.catatan


def test_a_pemda_with_its_own_rules_gets_its_figures_everywhere_and_2025_leaves_2024_alone(
    browser_page, renstra, org, admin_pemda
):
    page = browser_page
    login(page, "admin_pemda", PASSWORD)

    # Its own five-band scale: a copy of the shipped template, "Tinggi" from 67 (and "Sedang" up to 67).
    page.goto(f"/pengukuran/skala/?pemda={org.pemda.pk}")
    page.select_option("#id_sumber", "lkjip_lima_pita")
    page.fill("#id_kode", "lima-pemda")
    page.fill("#id_nama", "Skala lima pita pemda")
    page.get_by_role("button", name="Salin").click()
    page.wait_for_selector("text=sesuaikan pitanya")
    page.fill("#id_pita-1-bawah", "67")  # Tinggi
    page.fill("#id_pita-2-atas", "66,5")  # Sedang: first a mistake, refused at Tinggi's lower bound
    page.get_by_role("button", name="Simpan skala").click()
    page.wait_for_selector("#pita-1 .error")
    assert "ada celah antara pita 'Sedang' (66 – < 66,5) dan 'Tinggi'" in page.inner_text("#pita-1")
    page.fill("#id_pita-2-atas", "67")
    page.get_by_role("button", name="Simpan skala").click()
    page.wait_for_selector("text=Skala 'Skala lima pita pemda' disimpan.")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.screenshot(path=f"{SHOTS}/skala-detail-1366.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=f"{SHOTS}/skala-detail-390.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    # The demo's rules first: the figure the pemda would get without its own settings.
    assert "93,75" in _ringkasan(page, renstra, 2024)

    _atur(page, org.pemda, 2024, "hitung_nol")
    page.screenshot(path=f"{SHOTS}/pengaturan-diisi-1280.png", full_page=True)

    ringkasan = _ringkasan(page, renstra, 2024)
    assert "67,50" in ringkasan
    assert "Tinggi" in ringkasan
    assert "realisasi kosong dihitung 0" in ringkasan
    assert "Skala lima pita pemda" in ringkasan
    kategori = {s: page.inner_text(f"tr[data-sasaran='{s}']") for s in ("S1", "S2")}
    assert "90,00" in kategori["S1"]
    assert "Tinggi" in kategori["S1"]
    assert "45,00" in kategori["S2"]
    assert "Sangat Rendah" in kategori["S2"]
    assert "(110,00" in page.inner_text("tr[data-indikator='IKU01']")  # 125 shown after the cap

    ikhtisar, unit, sasaran, catatan = _lkjip(renstra, 2024, admin_pemda)
    assert (ikhtisar.capaian_teks, ikhtisar.kategori) == ("67,50", "Tinggi")
    assert unit == ("67,50", "Tinggi")
    assert sasaran == [("90,00", "Tinggi"), ("45,00", "Sangat Rendah")]
    assert any("realisasi kosong dihitung 0" in c for c in catatan)
    assert any("Batas atas capaian pemda: 110" in c for c in catatan)

    api = page.request.get(f"/api/renstra/{renstra.pk}/capaian/?tahun=2024").json()
    assert D(str(api["unit"]["nilai"])) == D("67.5")
    assert api["unit"]["kategori"]["label"] == "Tinggi"

    page.goto("/pengukuran/kelengkapan/?tahun=2024")
    # Since h-kuartal each indicator's periods are list items in one cell, the deadline in their title.
    tw1 = page.locator("li[data-periode='TW1'][title='Tenggat 10-04-2024']")
    assert tw1.count() == 4  # TW1 ends 31 March, + 10 days

    # 2025 changes to "missing excluded": 2025 moves, 2024 keeps its figure everywhere.
    _atur(page, org.pemda, 2025, "kecualikan")
    ringkasan_2025 = _ringkasan(page, renstra, 2025)
    assert "90,00" in ringkasan_2025
    assert "realisasi kosong dikecualikan" in ringkasan_2025
    assert "67,50" in _ringkasan(page, renstra, 2024)
    assert _lkjip(renstra, 2024, admin_pemda)[0].capaian_teks == "67,50"
    assert _lkjip(renstra, 2025, admin_pemda)[0].capaian_teks == "90,00"
    assert D(
        str(page.request.get(f"/api/renstra/{renstra.pk}/capaian/?tahun=2024").json()["unit"]["nilai"])
    ) == D("67.5")
    assert PengaturanPengukuran.history.filter(pemda_id=org.pemda.pk, history_user=admin_pemda).count() == 2
