"""Acceptance of issue #22 in a real browser (Debian's Chromium driven by Playwright): the evaluator opens a round
for two units; an operator answers five criteria (two with evidence picked from the product's documents, one
uploaded) and submits; a reviewer returns one with a note; the operator fixes it; the evaluator scores; the totals
and predikat equal a hand computation from the JSON's rule; the LHE .docx and the LKE .xlsx open.

Screenshots of the pages at 1366 and 390 px are written to /tmp/shots-lke/ when SAKIP_FOTO_LKE=1.
"""

import io
import os
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import docx
import openpyxl
import pytest

from sakip.akun.models import KebijakanDuaFaktor
from sakip.conftest import login
from sakip.evaluasi import muat_lke
from sakip.evaluasi.models import (
    BuktiLembar,
    BuktiSkema,
    KomponenSkema,
    KriteriaSkema,
    LembarKerja,
    SkemaEvaluasi,
)
from sakip.organisasi.tests.factories import PASSWORD
from sakip.perencanaan import services as perencanaan_services
from sakip.perencanaan.tests.factories import renstra_dengan_iku

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOTO = Path("/tmp/shots-lke")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


def _foto(page, nama: str) -> None:
    if os.environ.get("SAKIP_FOTO_LKE") != "1":
        return
    FOTO.mkdir(parents=True, exist_ok=True)
    for lebar in (1366, 390):
        page.set_viewport_size({"width": lebar, "height": 900})
        page.screenshot(path=str(FOTO / f"{nama}-{lebar}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _masuk(page, username: str) -> None:
    page.context.clear_cookies()
    login(page, username, PASSWORD)


def _hand_computation() -> tuple[Fraction, Fraction]:
    """The JSON's rule applied by hand to the answers of this test (final tier, self-assessment).

    Pre-filled from Biro A's data: 1.a.1 "Renstra PD" Y (1 of 3 evidence items), 1.a.2 "PK ... tahun n" Y (1 of 4),
    1.b.1 "Renstra" Y (1 of 4), 2.a.1 "Renstra" Y (1 of 1). Answered by the operator: 1.b.3 Y, 1.b.5 B, 1.b.6 A (fixed
    to B after the return), 1.c.1 C, 2.b.4 Y. The evaluator's final tier changes 1.b.5 to C.
    Y = 1, A = 1, B = 0,75, C = 0,5 (scale AE). Sub-component = mean of its criteria × weight.
    """
    sub_1a = (Fraction(1, 3) + Fraction(1, 4)) / 4 * 6  # 4 criteria, weight 6 -> 7/8
    sub_1c = Fraction(1, 2) / 7 * 15  # 7 criteria, weight 15
    sub_2a = Fraction(1) / 3 * 6  # 3 criteria, weight 6
    sub_2b = Fraction(1) / 7 * 9  # 7 criteria, weight 9
    sub_1b_akhir = (
        (Fraction(1, 4) + 1 + Fraction(1, 2) + Fraction(3, 4)) / 10 * 9
    )  # 1.b.1, 1.b.3, 1.b.5 C, 1.b.6 B
    sub_1b_mandiri = (Fraction(1, 4) + 1 + Fraction(3, 4) + Fraction(3, 4)) / 10 * 9  # 1.b.5 B
    lain = sub_1a + sub_1c + sub_2a + sub_2b
    return lain + sub_1b_akhir, lain + sub_1b_mandiri


def _teks_angka(nilai: Fraction) -> str:
    """Half-up to 2 decimals, Indonesian comma."""
    d = (Decimal(nilai.numerator) / Decimal(nilai.denominator)).quantize(
        Decimal("0.01"), rounding="ROUND_HALF_UP"
    )
    return f"{d}".replace(".", ",")


@pytest.fixture
def data_biro_a(org, admin_pemda):
    # Password-only sessions for this pemda (the demo does the same): the evaluator's two-factor enrolment is
    # tested in sakip/akun.
    KebijakanDuaFaktor.objects.create(pemda=org.pemda, wajib_admin_pemda=False, wajib_evaluator=False)
    renstra = renstra_dengan_iku(org.biro_a, by=admin_pemda)
    pk = perencanaan_services.create_pk(
        unit_kerja=org.biro_a,
        renstra=renstra,
        tahun=2025,
        pihak_pertama_nama="Kepala Biro A",
        pihak_kedua_nama="Sekda",
        by=admin_pemda,
    )
    perencanaan_services.finalize_pk(perjanjian=pk, by=admin_pemda)
    return {"renstra": renstra, "pk": pk}


def test_the_lke_round_from_opening_to_scores_in_the_browser(
    browser_page, org, data_biro_a, evaluator, operator_a, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    page = browser_page
    # A browser test runs on a flushed database when another transactional test ran before it (the data migration's
    # rows are gone then): load the scheme as the `muat_lke` command does (idempotent, by kode).
    skema = muat_lke.tulis(
        SkemaEvaluasi=SkemaEvaluasi,
        KomponenSkema=KomponenSkema,
        KriteriaSkema=KriteriaSkema,
        BuktiSkema=BuktiSkema,
        data=muat_lke.baca_berkas(),
    )
    k = {
        kode: KriteriaSkema.objects.get(komponen__skema=skema, kode=kode).pk
        for kode in ("1.b.3", "1.b.5", "1.b.6", "1.c.1", "2.b.4")
    }

    # 1. The evaluator opens a round for Biro A and Biro B with two review tiers.
    _masuk(page, "evaluator")
    page.goto("/evaluasi/lke/")
    page.get_by_role("link", name="Buka putaran evaluasi").click()
    page.fill("#id_tahun", "2025")
    page.select_option("#id_skema", label=skema.nama)
    page.get_by_label("Biro A").check()
    page.get_by_label("Biro B").check()
    page.fill("#id_tingkat_reviu", "Verifikator\nPenilai")
    page.fill("#id_lembaga", "Inspektorat Provinsi Uji P")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_selector("text=Putaran dibuka untuk 2 unit kerja")
    _foto(page, "putaran-detail")
    lembar = LembarKerja.objects.get(unit_kerja=org.biro_a, putaran__tahun=2025)
    url = f"/evaluasi/lke/lembar/{lembar.pk}/"

    # 2. The operator of Biro A answers five criteria.
    _masuk(page, "operator_a")
    page.goto(url)
    assert "Terisi dari data" in page.inner_text("main")  # the pre-filled Renstra and PK answers, with links
    assert page.locator(f"a[href='/perencanaan/renstra/{data_biro_a['renstra'].pk}/']").count() >= 1
    for kode, jawaban in (("1.b.3", "Y"), ("1.b.5", "B"), ("1.b.6", "A"), ("1.c.1", "C"), ("2.b.4", "Y")):
        page.select_option(f"select[name='j-{k[kode]}']", jawaban)
    page.fill(f"textarea[name='c-{k['1.b.6']}']", "IKU ditetapkan dengan keputusan.")
    page.click("#simpan")
    page.wait_for_selector("text=Jawaban disimpan (5 berubah)")
    _foto(page, "lembar-unit")

    #    two with evidence picked from the product's documents, one uploaded.
    page.goto(f"{url}kriteria/{k['1.b.3']}/bukti/")
    page.check(f"input[value='renstra:{data_biro_a['renstra'].pk}']")
    page.get_by_role("button", name="Lampirkan yang dipilih").click()
    page.wait_for_selector("text=Bukti dukung dilampirkan")
    _foto(page, "bukti")
    page.goto(f"{url}kriteria/{k['1.b.5']}/bukti/")
    page.check(f"input[value='pk:{data_biro_a['pk'].pk}']")
    page.get_by_role("button", name="Lampirkan yang dipilih").click()
    page.wait_for_selector("text=Bukti dukung dilampirkan")
    page.goto(f"{url}kriteria/{k['1.b.6']}/bukti/")
    berkas = tmp_path / "sk-iku.pdf"
    berkas.write_bytes(PDF)
    page.set_input_files("#berkas", str(berkas))
    page.get_by_role("button", name="Unggah").click()
    page.wait_for_selector("text=Bukti dukung dilampirkan")
    assert {(b.kriteria.kode, b.sumber_jenis) for b in BuktiLembar.objects.filter(lembar=lembar)} == {
        ("1.b.3", "renstra"),
        ("1.b.5", "pk"),
        ("1.b.6", "lain"),
    }
    page.goto(url)
    page.click("#ajukan")
    page.wait_for_selector("text=Penilaian mandiri diajukan untuk direviu")
    assert page.inner_text("#status") == "Dalam reviu"

    # 3. The verifier returns 1.b.6 with a note.
    _masuk(page, "evaluator")
    page.goto(url)
    _foto(page, "lembar-evaluator")
    page.select_option("#kembali-kriteria", str(k["1.b.6"]))
    page.fill("#kembali-catatan", "SK IKU belum ditandatangani; jawaban A belum didukung.")
    page.get_by_role("button", name="Kembalikan").click()
    page.wait_for_selector("text=Lembar kerja dikembalikan ke unit dengan catatan")

    # 4. The operator sees the note and fixes the answer.
    _masuk(page, "operator_a")
    page.goto(url)
    assert "SK IKU belum ditandatangani" in page.inner_text("main")
    page.select_option(f"select[name='j-{k['1.b.6']}']", "B")
    page.click("#simpan")
    page.wait_for_selector("text=Jawaban disimpan (1 berubah)")
    page.click("#ajukan")
    page.wait_for_selector("text=Penilaian mandiri diajukan untuk direviu")

    # 5. The evaluator passes the verifier tier and, as Penilai, changes 1.b.5 to C and sets the score.
    _masuk(page, "evaluator")
    page.goto(url)
    page.click("#teruskan")
    page.wait_for_selector("text=Diteruskan ke tahap Penilai")
    page.select_option(f"select[name='j-{k['1.b.5']}']", "C")
    page.click("#simpan")
    page.wait_for_selector("text=Jawaban disimpan (1 berubah)")
    page.click("#teruskan")
    page.wait_for_selector("text=Nilai ditetapkan dan dicatat sebagai LHE unit")
    _foto(page, "lembar-dinilai")

    # 6. Totals and predikat equal the hand computation.
    akhir, mandiri = _hand_computation()
    assert _teks_angka(akhir) == "7,48"
    assert _teks_angka(mandiri) == "7,71"
    assert page.inner_text("#total-akhir").split()[0] == _teks_angka(akhir)
    assert page.inner_text("#total-mandiri").split()[0] == _teks_angka(mandiri)
    assert "D" in page.inner_text("#total-akhir")  # 7,48 <= 30: D Sangat Kurang
    lembar.refresh_from_db()
    assert lembar.evaluasi.hasil().predikat.kode == "D"
    assert abs(
        lembar.evaluasi.hasil().total - Decimal(akhir.numerator) / Decimal(akhir.denominator)
    ) < Decimal("0.00001")

    # 7. The LKE workbook and the LHE document open.
    with page.expect_download() as unduhan:
        page.click("#unduh-lke")
    wb = openpyxl.load_workbook(io.BytesIO(Path(unduhan.value.path()).read_bytes()))
    total = next(r for r in wb.active.iter_rows(values_only=True) if r[1] == "Nilai akhir")
    assert round(total[-1], 2) == 7.48
    with page.expect_download() as unduhan:
        page.click("#unduh-lhe")
    dokumen = docx.Document(io.BytesIO(Path(unduhan.value.path()).read_bytes()))
    assert "7,48" in "\n".join(p.text for p in dokumen.paragraphs)

    # The round page shows the recap with the final score to the evaluator.
    page.goto(f"/evaluasi/lke/{lembar.putaran_id}/")
    assert "7,48" in page.inner_text("main")
    _foto(page, "rekap")
