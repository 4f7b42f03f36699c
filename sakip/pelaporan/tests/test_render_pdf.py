"""PDF through LibreOffice: the demo's LKjIP converts, and its table of contents is filled in."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from docx import Document

from sakip.pelaporan.laporan import bangun_lkjip
from sakip.pelaporan.render import docx as render_docx
from sakip.pelaporan.render import pdf as render_pdf
from sakip.pelaporan.tests.test_laporan import pimpinan, renstra_setda

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")

BAB = ("BAB I PENDAHULUAN", "BAB II PERENCANAAN KINERJA", "BAB III AKUNTABILITAS KINERJA", "BAB IV PENUTUP")


def _teks(pdf: bytes) -> list[str]:
    """The text of each page (pdftotext from poppler-utils)."""
    program = shutil.which("pdftotext")
    if program is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    hasil = subprocess.run([program, "-layout", "-", "-"], input=pdf, capture_output=True, check=True)  # noqa: S603
    return hasil.stdout.decode().split("\f")


def test_demo_lkjip_converts_to_pdf_with_every_chapter_and_its_page_in_the_table_of_contents(demo):
    isi = render_pdf.dari_docx(render_docx.tulis(bangun_lkjip(renstra_setda(), 2024, pimpinan())))
    assert isi.startswith(b"%PDF")
    assert b"%%EOF" in isi[-1024:]
    halaman = _teks(isi)
    daftar_isi = next(k for k, h in enumerate(halaman) if re.search(r"^\s*DAFTAR ISI\s*$", h, re.M))
    assert "Update Field" not in halaman[daftar_isi]  # the placeholder of the unfilled field is gone
    sebelumnya = daftar_isi + 1
    for bab in BAB:
        baris = re.search(rf"^\s*{re.escape(bab)}\s*\.*\s*(\d+)\s*$", "\f".join(halaman[daftar_isi:]), re.M)
        assert baris, f"{bab} is not in the table of contents"
        nomor = int(baris.group(1))
        # the number printed in the TOC is the page the chapter heading is on (pages count from the cover)
        assert re.search(rf"^\s*{re.escape(bab)}\s*$", halaman[nomor - 1], re.M), (bab, nomor)
        assert nomor > sebelumnya
        sebelumnya = nomor


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
