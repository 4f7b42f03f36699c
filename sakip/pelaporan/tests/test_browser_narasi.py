"""The narrative editor in a real browser (Debian's Chromium driven by Playwright): typing with the toolbar and
pasting Word's clipboard HTML, saving, and finding it kept (issue #16 item 2)."""

import io
import os
from pathlib import Path

import pytest
from PIL import Image

from sakip.conftest import login
from sakip.organisasi.tests.factories import PASSWORD
from sakip.pelaporan.models import TeksLaporan
from sakip.pengukuran.models import Narasi
from sakip.perencanaan.tests.factories import renstra_dengan_iku

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORD = (Path(__file__).parents[2] / "lib" / "tests" / "data" / "tempel_word.html").read_text(encoding="utf-8")

# A paste as the browser delivers it: a ClipboardEvent whose DataTransfer carries Word's text/html.
TEMPEL = """([el, html]) => {
  const dt = new DataTransfer();
  dt.setData("text/html", html);
  dt.setData("text/plain", "teks biasa");
  el.focus();
  el.dispatchEvent(new ClipboardEvent("paste", {clipboardData: dt, bubbles: true, cancelable: true}));
}"""


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (120, 60), "green").save(buf, format="PNG")
    return buf.getvalue()


def _tangkap(page, nama: str) -> None:
    """Screenshots at desktop and phone width when SAKIP_TANGKAPAN names a folder (for looking at the layout)."""
    folder = os.environ.get("SAKIP_TANGKAPAN")
    if not folder:
        return
    for lebar in (1366, 390):
        page.set_viewport_size({"width": lebar, "height": 900})
        page.screenshot(path=f"{folder}/{nama}-{lebar}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_operator_types_and_pastes_a_narrative_from_word_and_it_is_kept(browser_page, org, operator_a):
    renstra = renstra_dengan_iku(org.biro_a, by=operator_a)
    indikator = renstra.indikator.order_by("kode").first()
    page = browser_page
    login(page, "operator_a", PASSWORD)
    page.goto(f"/pengukuran/indikator/{indikator.pk}/?tahun=2024")
    analisis = page.locator("#id_analisis_editor")
    assert page.locator("#id_analisis").is_hidden()  # the textarea stays in the form, hidden

    # typing with the toolbar: a sentence with a bold word, then Word's clipboard pasted after it
    analisis.click()
    page.keyboard.type("Pengantar ")
    page.locator(".editor-narasi").first.get_by_role("button", name="Tebal (Ctrl+B)").click()
    page.keyboard.type("penting")
    page.locator(".editor-narasi").first.get_by_role("button", name="Tebal (Ctrl+B)").click()
    page.keyboard.type(".")
    page.keyboard.press("Enter")
    page.evaluate(TEMPEL, [analisis.element_handle(), WORD])
    # Word's list paragraphs show as real lists at once, without their typed markers
    assert analisis.locator("ul > li").all_inner_texts() == [
        "Rapat koordinasi triwulanan",
        "Pemantauan melalui e-monev",
    ]
    assert analisis.locator("ol > li").count() == 5
    assert "·" not in analisis.inner_text()
    # a numbered list made with the toolbar in another field
    solusi = page.locator("#id_solusi_editor")
    solusi.click()
    page.locator(".editor-narasi").nth(4).get_by_role("button", name="Daftar bernomor").click()
    page.keyboard.type("Langkah satu")
    page.keyboard.press("Enter")
    page.keyboard.type("Langkah dua")
    _tangkap(page, "indikator-editor")
    page.get_by_role("button", name="Simpan narasi").click()
    page.wait_for_selector("text=Narasi disimpan.")

    narasi = Narasi.objects.get(indikator=indikator, tahun=2024)
    assert "<b>penting</b>" in narasi.analisis
    assert (
        "<ol><li>Menyusun rencana aksi</li><li>Melaksanakan monitoring</li><li>Mengevaluasi hasil</li></ol>"
        in (narasi.analisis)
    )
    assert "<ul><li>Rapat koordinasi triwulanan</li>" in narasi.analisis
    assert narasi.analisis.count("<td>") == 9
    assert "mso-" not in narasi.analisis
    assert "<script" not in narasi.analisis
    assert "<ol><li>Langkah satu</li><li>Langkah dua</li></ol>" in narasi.solusi

    # after the reload the editor shows what was saved: the list, the table, the bold word
    assert page.locator("#id_analisis_editor ol").first.locator("li").all_inner_texts() == [
        "Menyusun rencana aksi",
        "Melaksanakan monitoring",
        "Mengevaluasi hasil",
    ]
    assert page.locator("#id_analisis_editor table td").count() == 9
    assert page.locator("#id_analisis_editor b").first.inner_text() == "penting"
    assert page.locator("#id_solusi_editor ol li").all_inner_texts() == ["Langkah satu", "Langkah dua"]
    _tangkap(page, "indikator-tersimpan")


def test_report_texts_page_keeps_a_pasted_list_in_its_section(browser_page, org, operator_a):
    renstra = renstra_dengan_iku(org.biro_a, by=operator_a)
    page = browser_page
    login(page, "operator_a", PASSWORD)
    page.goto(f"/laporan/teks/{renstra.unit_kerja_id}/2024/")
    assert page.locator(".editor-narasi").count() == 9
    area = page.locator("#id_pengantar_iku_editor")
    page.evaluate(TEMPEL, [area.element_handle(), WORD])
    # an image from the toolbar's file picker, into another section
    page.locator("#id_rencana_anggaran_editor").click()
    page.keyboard.type("Bagan anggaran:")
    bungkus = page.locator(".editor-narasi").nth(4)
    with page.expect_file_chooser() as pilih:
        bungkus.get_by_role("button", name="Sisipkan gambar PNG/JPEG (maks. 1 MB)").click()
    pilih.value.set_files(files=[{"name": "bagan.png", "mimeType": "image/png", "buffer": _png()}])
    page.wait_for_selector("#id_rencana_anggaran_editor img")
    _tangkap(page, "teks-laporan")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url("**/laporan/?tahun=2024")
    teks = TeksLaporan.objects.get(unit_kerja=renstra.unit_kerja, tahun=2024)
    assert "<ol><li>Menyusun rencana aksi</li>" in teks.pengantar_iku
    assert teks.pengantar_renstra == ""  # untouched editors store nothing: the generated text stays
    assert teks.rencana_anggaran.startswith("<p>Bagan anggaran:")
    assert '<img src="data:image/png;base64,' in teks.rencana_anggaran
    page.goto(f"/laporan/teks/{renstra.unit_kerja_id}/2024/")
    assert page.locator("#id_pengantar_iku_editor ul li").all_inner_texts() == [
        "Rapat koordinasi triwulanan",
        "Pemantauan melalui e-monev",
    ]
