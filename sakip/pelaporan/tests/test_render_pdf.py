"""PDF through LibreOffice: the demo's LKjIP converts and is a PDF."""

from __future__ import annotations

import shutil

import pytest

from sakip.pelaporan.laporan import bangun_lkjip
from sakip.pelaporan.render import docx as render_docx
from sakip.pelaporan.render import pdf as render_pdf
from sakip.pelaporan.tests.test_laporan import pimpinan, renstra_setda

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")


def test_demo_lkjip_converts_to_pdf(demo):
    isi = render_pdf.dari_docx(render_docx.tulis(bangun_lkjip(renstra_setda(), 2024, pimpinan())))
    assert isi.startswith(b"%PDF")
    assert b"%%EOF" in isi[-1024:]


def test_missing_soffice_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(render_pdf.shutil, "which", lambda name: None)
    assert not render_pdf.tersedia()
    with pytest.raises(render_pdf.PdfError, match="LibreOffice"):
        render_pdf.dari_docx(b"PK")
