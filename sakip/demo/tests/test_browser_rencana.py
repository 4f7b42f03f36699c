"""Issue #20 acceptance in a real browser (Debian's Chromium driven by Playwright): the admin pemda edits a sasaran's
text and deletes an unused indicator; deleting a measured one is refused with a message. (In the demo app's tests
because it measures a realisasi, a layer above planning.)"""

from __future__ import annotations

from decimal import Decimal

import pytest

from sakip.akun.models import KebijakanDuaFaktor
from sakip.conftest import login
from sakip.organisasi.tests.factories import PASSWORD
from sakip.pengukuran import services as pengukuran_services
from sakip.perencanaan.models import Indikator, Sasaran
from sakip.perencanaan.tests.factories import renstra_dengan_iku

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_edits_a_sasaran_deletes_an_unused_indicator_and_is_refused_a_measured_one(
    browser_page, org, admin_pemda, operator_a
):
    KebijakanDuaFaktor.objects.create(pemda=org.pemda, wajib_admin_pemda=False, wajib_evaluator=False)
    renstra = renstra_dengan_iku(org.biro_a, jumlah_indikator=2)
    diukur = renstra.indikator.get(kode="IKU01")
    pengukuran_services.save_realisasi(
        indikator=diukur, tahun=2024, periode="TAHUN", by=operator_a, nilai=Decimal("93"), tanpa_rincian=True
    )
    sasaran = Sasaran.objects.get(renstra=renstra, kode="S1")
    page = browser_page
    login(page, "admin_pemda", PASSWORD)

    page.goto(f"/perencanaan/renstra/{renstra.pk}/")
    page.click(f"#sasaran-{sasaran.pk} a:has-text('Ubah')")
    page.fill("#id_uraian", "Meningkatnya akuntabilitas kinerja Biro A")
    page.fill("#id_strategi", "Pendampingan penyusunan IKU")
    page.click("button:has-text('Simpan')")
    page.wait_for_selector(f"#sasaran-{sasaran.pk} >> text=Meningkatnya akuntabilitas kinerja Biro A")
    assert "Pendampingan penyusunan IKU" in page.inner_text(f"#sasaran-{sasaran.pk}")

    page.click("text=Persentase hal 2")
    page.click("button:has-text('Hapus indikator')")
    page.wait_for_selector("text=Indikator IKU02 dihapus.")
    assert not Indikator.objects.filter(renstra=renstra, kode="IKU02").exists()

    page.click("text=Persentase hal 1")
    page.click("button:has-text('Hapus indikator')")
    page.wait_for_selector("text=tidak dapat dihapus: sudah memiliki realisasi")
    assert Indikator.objects.filter(pk=diukur.pk).exists()
