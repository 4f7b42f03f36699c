"""PDF through LibreOffice: the demo's LKjIP converts, and its table of contents is filled in."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document

from sakip.pelaporan.lkjip import bangun_lkjip
from sakip.pelaporan.render import docx as render_docx
from sakip.pelaporan.render import pdf as render_pdf
from sakip.pelaporan.tests import pdfteks, periksa_dokumen
from sakip.pelaporan.tests.test_laporan import pimpinan, renstra_setda

pytestmark = pdfteks.tanpa_soffice()


def _teks(pdf: bytes) -> list[str]:
    return pdfteks.halaman(pdf)


@pytest.fixture(scope="module")
def demo_pdf(_demo_module, django_db_blocker) -> periksa_dokumen.Dokumen:
    """The demo's LKjIP built, written to Word and converted to PDF once for the module."""
    with django_db_blocker.unblock():
        laporan = bangun_lkjip(renstra_setda(), 2024, pimpinan())
        docx = render_docx.tulis(laporan)
    isi = render_pdf.dari_docx(docx)
    return periksa_dokumen.Dokumen(laporan, docx, isi, _teks(isi))


def test_demo_lkjip_converts_to_pdf_with_every_chapter_and_its_page_in_the_table_of_contents(demo_pdf, db):
    periksa_dokumen.daftar_isi_dan_huruf(demo_pdf, halaman_minimal=10)


def test_generated_documents_name_only_fonts_with_a_metric_compatible_substitute(demo_pdf, db):
    """python-docx's template names Calibri, Cambria, Symbol and Courier; every one is rewritten (render/huruf.py)."""
    periksa_dokumen.bahasa_dan_properti(demo_pdf, penulis="Sekretariat Daerah Provinsi Kalimantan Timur")


# --- document checks (issue #16): what a coordinator sees before signing --------------------------------------------


def test_every_figure_of_every_table_stays_on_one_line_of_the_pdf(demo_pdf, db):
    periksa_dokumen.angka_utuh(demo_pdf, minimal=50)


def test_no_page_is_blank_and_the_cover_has_no_number_and_the_front_matter_is_roman(demo_pdf, db):
    periksa_dokumen.tanpa_halaman_kosong(demo_pdf)


def test_daftar_tabel_and_daftar_gambar_give_each_caption_with_its_page(demo_pdf, db):
    periksa_dokumen.daftar_tabel_dan_gambar(demo_pdf, minimal=30)


def test_lists_restart_at_one_and_headings_and_captions_keep_with_the_next_paragraph(demo_pdf, db):
    # the demo has several lists (legal bases, functions, strategic issues)
    periksa_dokumen.daftar_mulai_satu_dan_judul_menempel(demo_pdf, daftar_minimal=3)


def _docx_kecil() -> bytes:
    doc = Document()
    doc.add_heading("DAFTAR ISI", level=1)
    render_docx._field(doc.add_paragraph(), 'TOC \\o "1-3" \\h \\z \\u', "Update Field")
    doc.add_heading("BAB I PENDAHULUAN", level=1)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_without_the_macro_the_plain_conversion_still_gives_a_pdf(monkeypatch, caplog):
    monkeypatch.setattr(render_pdf, "_MODUL", "bukan modul Basic")
    isi = render_pdf.dari_docx(_docx_kecil())
    assert isi.startswith(b"%PDF")
    assert "konversi biasa dipakai" in caplog.text


def test_small_document_gets_its_table_of_contents_too():
    halaman = _teks(render_pdf.dari_docx(_docx_kecil()))
    assert re.search(r"^\s*BAB I PENDAHULUAN\s*\.*\s*1\s*$", halaman[0], re.M)
    assert "Update Field" not in halaman[0]


def test_missing_soffice_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(render_pdf.shutil, "which", lambda name: None)
    assert not render_pdf.tersedia()
    with pytest.raises(render_pdf.PdfError, match="LibreOffice"):
        render_pdf.dari_docx(b"PK")
