"""A citizen answers the public questionnaire in a real browser (Debian's Chromium driven by Playwright)."""

import pytest

from sakip.conftest import login
from sakip.organisasi.tests.factories import PASSWORD
from sakip.survei.models import Respons

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_citizen_fills_in_the_public_form_without_login_and_the_operator_sees_the_result(
    browser_page, survei_a, operator_a
):
    page = browser_page
    page.goto(f"/survei/isi/{survei_a.kode}/")
    assert "Biro A" in page.inner_text("main")
    page.get_by_label("Perempuan").check()
    page.fill("#id_umur", "29")
    page.select_option("#id_pendidikan", "S1")
    page.select_option("#id_pekerjaan", "SWASTA")
    for nomor in range(1, 9):  # unsur 9 left out on purpose
        page.locator(f"#pertanyaan-{nomor}").locator("input[value='4']").check()
    page.get_by_role("button", name="Kirim jawaban").click()
    page.wait_for_selector("#galat-isian")
    assert "Unsur 9 (Sarana dan prasarana) belum dijawab." in page.inner_text("#galat-isian")
    assert not Respons.objects.exists()

    # The form keeps what was already chosen; answer the last question and send again.
    assert page.locator("#pertanyaan-1 input[value='4']").is_checked()
    page.locator("#pertanyaan-9").get_by_label("Baik", exact=True).check()
    page.fill("#id_saran", "Ruang tunggu perlu diperluas")
    page.get_by_role("button", name="Kirim jawaban").click()
    page.wait_for_selector("#terima-kasih")

    respons = Respons.objects.get()
    assert respons.nilai == [4, 4, 4, 4, 4, 4, 4, 4, 3]
    assert (respons.jenis_kelamin, respons.umur, respons.saran) == ("P", 29, "Ruang tunggu perlu diperluas")

    login(page, "operator_a", PASSWORD)
    page.goto(f"/survei/{survei_a.pk}/")
    # NRR 4 for eight unsur and 3 for one: IKM = 35/9 = 3,888… → IKM unit 97,22, mutu A.
    assert page.inner_text("#ikm-unit") == "97,22"
    assert page.inner_text("#mutu") == "A"
    assert page.evaluate("Chart.getChart(document.getElementById('grafik-nrr')) !== undefined")
    assert "Ruang tunggu perlu diperluas" in page.inner_text("main")
