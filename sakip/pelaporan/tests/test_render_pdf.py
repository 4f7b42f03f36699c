"""PDF through LibreOffice: the demo's LKjIP converts, and its table of contents is filled in."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass

import pytest
from docx import Document
from docx.oxml.ns import qn
from fontTools.ttLib import TTFont

from sakip.pelaporan.lkjip import LaporanLKjIP, Paragraf, Tabel, bangun_lkjip
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


@dataclass
class _Demo:
    laporan: LaporanLKjIP
    docx: bytes
    pdf: bytes
    halaman: list[str]  # -layout text per page

    def halaman_isi(self) -> int:
        """The index of the page numbered 1 (BAB I): the cover and the roman front matter come before it."""
        return next(k for k, h in enumerate(self.halaman) if re.search(r"^\s*BAB I PENDAHULUAN\s*$", h, re.M))


@pytest.fixture(scope="module")
def demo_pdf(_demo_module, django_db_blocker) -> _Demo:
    """The demo's LKjIP built, written to Word and converted to PDF once for the module."""
    with django_db_blocker.unblock():
        laporan = bangun_lkjip(renstra_setda(), 2024, pimpinan())
        docx = render_docx.tulis(laporan)
    isi = render_pdf.dari_docx(docx)
    return _Demo(laporan, docx, isi, _teks(isi))


def test_demo_lkjip_converts_to_pdf_with_every_chapter_and_its_page_in_the_table_of_contents(demo_pdf, db):
    isi, halaman = demo_pdf.pdf, demo_pdf.halaman
    assert isi.startswith(b"%PDF")
    assert b"%%EOF" in isi[-1024:]
    daftar_isi = next(k for k, h in enumerate(halaman) if re.search(r"^\s*DAFTAR ISI\s*$", h, re.M))
    assert "Update Field" not in halaman[daftar_isi]  # the placeholder of the unfilled field is gone
    satu = demo_pdf.halaman_isi()
    sebelumnya = 0
    for bab in BAB:
        baris = re.search(rf"^\s*{re.escape(bab)}\s*\.*\s*(\d+)\s*$", "\f".join(halaman[daftar_isi:]), re.M)
        assert baris, f"{bab} is not in the table of contents"
        nomor = int(baris.group(1))
        # the number printed in the TOC is the page number printed on the page the chapter heading is on
        assert re.search(rf"^\s*{re.escape(bab)}\s*$", halaman[satu + nomor - 1], re.M), (bab, nomor)
        assert _nomor_halaman(halaman[satu + nomor - 1]) == str(nomor)
        assert nomor > sebelumnya
        sebelumnya = nomor
    assert nomor > 10  # the chapters are spread over the report, not all on one page

    # The body is set in Liberation Sans, Arial's metric twin (fonts-liberation2), as the .docx asks. Another font
    # may appear only for characters Liberation Sans has no glyph for (the seed's narrative uses "➤").
    dipakai = pdfteks.huruf(isi)
    assert {"LiberationSans", "LiberationSans-Bold"} <= dipakai, dipakai
    liberation = _berkas_huruf("Arial")
    assert "LiberationSans" in liberation, f"Arial resolves to {liberation}: fonts-liberation2 is missing"
    peta = TTFont(liberation).getBestCmap()
    tanpa_glyph = {c for c in _teks_docx(demo_pdf.docx) if not c.isspace() and ord(c) not in peta}
    lain = {h for h in dipakai if not h.startswith("LiberationSans")}
    assert not lain or tanpa_glyph, f"{lain} used although Liberation Sans covers every character"


def test_generated_documents_name_only_fonts_with_a_metric_compatible_substitute(demo_pdf, db):
    """python-docx's template names Calibri, Cambria, Symbol and Courier; every one is rewritten (render/huruf.py)."""
    nama = set()
    with zipfile.ZipFile(io.BytesIO(demo_pdf.docx)) as z:
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
        inti = z.read("docProps/core.xml").decode()
    assert nama == set(huruf.DIIZINKAN), nama
    assert re.search(r'<w:lang w:val="id-ID"', bahasa)
    assert "<dc:creator>Sekretariat Daerah Provinsi Kalimantan Timur</dc:creator>" in inti
    assert "python-docx" not in inti
    assert "2013" not in inti


# --- document checks (issue #16): what a coordinator sees before signing --------------------------------------------


def _nomor_halaman(teks: str) -> str:
    baris = [b.strip() for b in teks.splitlines() if b.strip()]
    return baris[-1] if baris else ""


# a figure as the tables print it: a number with Indonesian separators, an amount, a percentage
_ANGKA = re.compile(r"^-?(Rp\s)?-?\d{1,3}(\.\d{3})*(,\d+)?%?$")


def _kemunculan(token: str, teks: str) -> int:
    return len(re.findall(rf"(?<![\d.,]){re.escape(token)}(?![\d,]|\.\d)", teks))


def test_every_figure_of_every_table_stays_on_one_line_of_the_pdf(demo_pdf, db):
    """A figure broken across lines ("Rp 187.715.133." / "600") is no longer found whole in the PDF's text: each
    figure must occur in the PDF at least as often as the tables and paragraphs of the report hold it."""
    lap = demo_pdf.laporan
    sel = [c for b in lap.semua_blok() if isinstance(b, Tabel) for baris in b.baris for c in baris]
    paragraf = " ".join(b.teks for b in lap.semua_blok() if isinstance(b, Paragraf))
    angka_sel = {
        c.replace("\u00a0", " ").removeprefix("Rp ") for c in sel if _ANGKA.match(c.replace("\u00a0", " "))
    }
    angka_sel = {
        a for a in angka_sel if len(a) >= 5
    }  # short numbers collide with page numbers and list items
    assert len(angka_sel) > 50
    pdf = " \n".join(demo_pdf.halaman).replace("\u00a0", " ")
    model = " \n".join([*sel, paragraf])
    patah = {a: (_kemunculan(a, pdf), _kemunculan(a, model)) for a in angka_sel}
    patah = {a: n for a, n in patah.items() if n[0] < n[1]}
    assert not patah, f"figures broken across lines (found in PDF, expected): {patah}"


def test_no_page_is_blank_and_the_cover_has_no_number_and_the_front_matter_is_roman(demo_pdf, db):
    halaman = [h for h in demo_pdf.halaman if h.strip()]
    for k, h in enumerate(halaman, start=1):
        isi = [b for b in h.splitlines() if b.strip() and not re.fullmatch(r"\s*([ivxl]+|\d+)\s*", b)]
        assert isi, f"page {k} has no body text"
    assert "LAPORAN KINERJA INSTANSI PEMERINTAH" in halaman[0]
    assert not re.search(r"^\s*\d+\s*$", halaman[0], re.M)  # no page number on the cover
    satu = demo_pdf.halaman_isi()
    assert [_nomor_halaman(h) for h in halaman[1:satu]] == ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"][
        : satu - 1
    ]
    assert _nomor_halaman(halaman[satu]) == "1"


def test_daftar_tabel_and_daftar_gambar_give_each_caption_with_its_page(demo_pdf, db):
    halaman = demo_pdf.halaman
    satu = demo_pdf.halaman_isi()
    depan = "\f".join(halaman[:satu])
    diperiksa = 0
    for t in demo_pdf.laporan.daftar_tabel:
        m = re.search(rf"^\s*Tabel {re.escape(t.nomor)} .*?\.{{3,}}\s*(\d+)\s*$", depan, re.M)
        assert m, f"Tabel {t.nomor} is not in the Daftar Tabel with a page number"
        assert len(re.findall(rf"^\s*Tabel {re.escape(t.nomor)} ", depan, re.M)) == 1, (
            f"Tabel {t.nomor} twice"
        )
        di = halaman[satu + int(m.group(1)) - 1]
        assert re.search(rf"^\s*Tabel {re.escape(t.nomor)} ", di, re.M), (t.nomor, m.group(1))
        diperiksa += 1
    for g in demo_pdf.laporan.daftar_gambar:
        m = re.search(rf"^\s*Gambar {re.escape(g.nomor)} .*?\.{{3,}}\s*(\d+)\s*$", depan, re.M)
        assert m, f"Gambar {g.nomor} is not in the Daftar Gambar with a page number"
        di = halaman[satu + int(m.group(1)) - 1]
        assert re.search(rf"^\s*Gambar {re.escape(g.nomor)} ", di, re.M), (g.nomor, m.group(1))
        diperiksa += 1
    assert diperiksa == len(demo_pdf.laporan.daftar_tabel) + len(demo_pdf.laporan.daftar_gambar) > 30


def test_lists_restart_at_one_and_headings_and_captions_keep_with_the_next_paragraph(demo_pdf, db):
    doc = Document(io.BytesIO(demo_pdf.docx))
    numbering = doc.part.numbering_part.element
    mulai = {
        n.get(qn("w:numId")): n.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}")
        for n in numbering.findall(qn("w:num"))
    }
    runtun: list[str] = []  # the numId of each run of numbered paragraphs, in document order
    sebelumnya = None
    for p in doc.paragraphs:
        num = p._p.pPr.numPr.numId.val if p._p.pPr is not None and p._p.pPr.numPr is not None else None
        if num is not None and num != sebelumnya:
            runtun.append(str(num))
        sebelumnya = num
    assert len(runtun) >= 3  # the demo has several lists (legal bases, functions, strategic issues)
    assert len(runtun) == len(set(runtun)), "a numbering instance continues in a later list"
    for num in runtun:
        assert mulai[num] is not None, num
        assert mulai[num].get(qn("w:val")) == "1", num
    for nama in ("Heading 1", "Heading 2", "Heading 3", render_docx.GAYA_JUDUL_TABEL):
        assert doc.styles[nama].paragraph_format.keep_with_next or all(
            p.paragraph_format.keep_with_next for p in doc.paragraphs if p.style.name == nama
        ), nama
    # no justified paragraph holds a manual line break (Word and LibreOffice stretch the line before it)
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    patah = [
        p.text[:60]
        for p in doc.paragraphs
        if p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        and any(br.get(qn("w:type")) in (None, "textWrapping") for br in p._p.iter(qn("w:br")))
    ]
    assert not patah, patah
    # in the PDF, each numbered (decimal) list's first item is "1."
    abstrak = {
        a.get(qn("w:abstractNumId")): a.find(f"{qn('w:lvl')}/{qn('w:numFmt')}").get(qn("w:val"))
        for a in numbering.findall(qn("w:abstractNum"))
    }
    format_num = {
        n.get(qn("w:numId")): abstrak.get(str(n.abstractNumId.val)) for n in numbering.findall(qn("w:num"))
    }
    desimal = [num for num in runtun if format_num.get(num) == "decimal"]
    assert len(desimal) >= 3
    assert len(re.findall(r"^\s*1\.\s+\S", "\n".join(demo_pdf.halaman), re.M)) >= len(desimal)


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
