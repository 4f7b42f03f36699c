"""PDF through LibreOffice: the demo's LKjIP converts, and its table of contents is filled in."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile

import pytest
from docx import Document
from fontTools.ttLib import TTFont

from sakip.pelaporan.lkjip import bangun_lkjip
from sakip.pelaporan.render import docx as render_docx
from sakip.pelaporan.render import huruf
from sakip.pelaporan.render import pdf as render_pdf
from sakip.pelaporan.tests import pdfteks
from sakip.pelaporan.tests.test_laporan import pimpinan, renstra_setda

pytestmark = pdfteks.tanpa_soffice()

BAB = ("BAB I PENDAHULUAN", "BAB II PERENCANAAN KINERJA", "BAB III AKUNTABILITAS KINERJA", "BAB IV PENUTUP")


def _teks(pdf: bytes) -> list[str]:
    return pdfteks.halaman(pdf)


def _berkas_huruf(keluarga: str) -> str:
    """The file fontconfig would use for `keluarga` (what LibreOffice renders it with)."""
    hasil = subprocess.run(  # noqa: S603
        [shutil.which("fc-match") or "fc-match", "-f", "%{file}", keluarga], capture_output=True, check=True
    )
    return hasil.stdout.decode()


def _teks_docx(isi: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(isi)) as z:
        xml = z.read("word/document.xml").decode()
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


def test_demo_lkjip_converts_to_pdf_with_every_chapter_and_its_page_in_the_table_of_contents(demo):
    docx = render_docx.tulis(bangun_lkjip(renstra_setda(), 2024, pimpinan()))
    isi = render_pdf.dari_docx(docx)
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

    # The body is set in Liberation Sans, Arial's metric twin (fonts-liberation2), as the .docx asks. Another font
    # may appear only for characters Liberation Sans has no glyph for (the seed's narrative uses "➤").
    dipakai = pdfteks.huruf(isi)
    assert {"LiberationSans", "LiberationSans-Bold"} <= dipakai, dipakai
    liberation = _berkas_huruf("Arial")
    assert "LiberationSans" in liberation, f"Arial resolves to {liberation}: fonts-liberation2 is missing"
    peta = TTFont(liberation).getBestCmap()
    tanpa_glyph = {c for c in _teks_docx(docx) if not c.isspace() and ord(c) not in peta}
    lain = {h for h in dipakai if not h.startswith("LiberationSans")}
    assert not lain or tanpa_glyph, f"{lain} used although Liberation Sans covers every character"


def test_generated_documents_name_only_fonts_with_a_metric_compatible_substitute(demo):
    """python-docx's template names Calibri, Cambria, Symbol and Courier; every one is rewritten (render/huruf.py)."""
    docx = render_docx.tulis(bangun_lkjip(renstra_setda(), 2024, pimpinan()))
    nama = set()
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        for bagian in z.namelist():
            if not bagian.endswith(".xml"):
                continue
            xml = z.read(bagian).decode()
            assert not re.search(r"w:(ascii|hAnsi|eastAsia|cs)[Tt]heme=", xml), (
                f"{bagian} refers to a theme font"
            )
            for r_fonts in re.findall(r"<w:rFonts\b[^>]*>", xml):
                nama |= set(re.findall(r'w:(?:ascii|hAnsi|eastAsia|cs)="([^"]+)"', r_fonts))
            nama |= set(re.findall(r'<w:font w:name="([^"]+)"', xml))
            nama |= set(re.findall(r'typeface="([^"]+)"', xml))
        bahasa = z.read("word/styles.xml").decode()
    assert nama == set(huruf.DIIZINKAN), nama
    assert re.search(r'<w:lang w:val="id-ID"', bahasa)


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
