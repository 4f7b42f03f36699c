"""The document checks of issue #16, for any LKjIP rendered to Word and PDF (the unit's and the pemda's).

Each check takes a `Dokumen` (the report as data, its .docx and its PDF's text per page) and the minimum sizes the
caller expects of its report, and fails with what is wrong. The test modules build their report once per module
and call these (`test_render_pdf.py` for the Setda's, `test_lkjip_pemda.py` for the pemda's).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from fontTools.ttLib import TTFont

from sakip.pelaporan.lkjip import LaporanLKjIP, Paragraf, Tabel
from sakip.pelaporan.render import docx as render_docx
from sakip.pelaporan.render import huruf
from sakip.pelaporan.tests import pdfteks

BAB = ("BAB I PENDAHULUAN", "BAB II PERENCANAAN KINERJA", "BAB III AKUNTABILITAS KINERJA", "BAB IV PENUTUP")


@dataclass
class Dokumen:
    laporan: LaporanLKjIP
    docx: bytes
    pdf: bytes
    halaman: list[str]  # -layout text per page

    def halaman_isi(self) -> int:
        """The index of the page numbered 1 (BAB I): the cover and the roman front matter come before it."""
        return next(k for k, h in enumerate(self.halaman) if re.search(r"^\s*BAB I PENDAHULUAN\s*$", h, re.M))


def nomor_halaman(teks: str) -> str:
    baris = [b.strip() for b in teks.splitlines() if b.strip()]
    return baris[-1] if baris else ""


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


def daftar_isi_dan_huruf(d: Dokumen, *, halaman_minimal: int) -> None:
    """Every chapter is in the filled table of contents with the page it is printed on; the body font is
    Liberation Sans (Arial's metric twin)."""
    isi, halaman = d.pdf, d.halaman
    assert isi.startswith(b"%PDF")
    assert b"%%EOF" in isi[-1024:]
    daftar_isi = next(k for k, h in enumerate(halaman) if re.search(r"^\s*DAFTAR ISI\s*$", h, re.M))
    assert "Update Field" not in halaman[daftar_isi]  # the placeholder of the unfilled field is gone
    satu = d.halaman_isi()
    sebelumnya = nomor = 0
    for bab in BAB:
        baris = re.search(rf"^\s*{re.escape(bab)}\s*\.*\s*(\d+)\s*$", "\f".join(halaman[daftar_isi:]), re.M)
        assert baris, f"{bab} is not in the table of contents"
        nomor = int(baris.group(1))
        # the number printed in the TOC is the page number printed on the page the chapter heading is on
        assert re.search(rf"^\s*{re.escape(bab)}\s*$", halaman[satu + nomor - 1], re.M), (bab, nomor)
        assert nomor_halaman(halaman[satu + nomor - 1]) == str(nomor)
        assert nomor > sebelumnya
        sebelumnya = nomor
    assert nomor > halaman_minimal  # the chapters are spread over the report, not all on one page

    # Another font may appear only for characters Liberation Sans has no glyph for (the seed's narrative uses "➤").
    dipakai = pdfteks.huruf(isi)
    assert {"LiberationSans", "LiberationSans-Bold"} <= dipakai, dipakai
    liberation = _berkas_huruf("Arial")
    assert "LiberationSans" in liberation, f"Arial resolves to {liberation}: fonts-liberation2 is missing"
    peta = TTFont(liberation).getBestCmap()
    tanpa_glyph = {c for c in _teks_docx(d.docx) if not c.isspace() and ord(c) not in peta}
    lain = {h for h in dipakai if not h.startswith("LiberationSans")}
    assert not lain or tanpa_glyph, f"{lain} used although Liberation Sans covers every character"


def bahasa_dan_properti(d: Dokumen, *, penulis: str) -> None:
    """Only fonts with a metric-compatible substitute, language id-ID, the author and no python-docx defaults."""
    nama = set()
    with zipfile.ZipFile(io.BytesIO(d.docx)) as z:
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
    assert f"<dc:creator>{penulis}</dc:creator>" in inti
    assert "python-docx" not in inti
    assert "2013" not in inti


# a figure as the tables print it: a number with Indonesian separators, an amount, a percentage
_ANGKA = re.compile(r"^-?(Rp\s)?-?\d{1,3}(\.\d{3})*(,\d+)?%?$")


def _kemunculan(token: str, teks: str) -> int:
    return len(re.findall(rf"(?<![\d.,]){re.escape(token)}(?![\d,]|\.\d)", teks))


def angka_utuh(d: Dokumen, *, minimal: int) -> None:
    """A figure broken across lines ("Rp 187.715.133." / "600") is no longer found whole in the PDF's text: each
    figure must occur in the PDF at least as often as the tables and paragraphs of the report hold it."""
    lap = d.laporan
    sel = [c for b in lap.semua_blok() if isinstance(b, Tabel) for baris in b.baris for c in baris]
    paragraf = " ".join(b.teks for b in lap.semua_blok() if isinstance(b, Paragraf))
    angka_sel = {
        c.replace("\u00a0", " ").removeprefix("Rp ") for c in sel if _ANGKA.match(c.replace("\u00a0", " "))
    }
    # short numbers collide with page numbers and list items
    angka_sel = {a for a in angka_sel if len(a) >= 5}
    assert len(angka_sel) > minimal
    pdf = " \n".join(d.halaman).replace("\u00a0", " ")
    model = " \n".join([*sel, paragraf])
    patah = {a: (_kemunculan(a, pdf), _kemunculan(a, model)) for a in angka_sel}
    patah = {a: n for a, n in patah.items() if n[0] < n[1]}
    assert not patah, f"figures broken across lines (found in PDF, expected): {patah}"


def tanpa_halaman_kosong(d: Dokumen) -> None:
    """No page without body text; the cover has no number, the front matter is roman, BAB I is page 1."""
    halaman = [h for h in d.halaman if h.strip()]
    for k, h in enumerate(halaman, start=1):
        isi = [b for b in h.splitlines() if b.strip() and not re.fullmatch(r"\s*([ivxl]+|\d+)\s*", b)]
        assert isi, f"page {k} has no body text"
    assert "LAPORAN KINERJA INSTANSI PEMERINTAH" in halaman[0]
    assert not re.search(r"^\s*\d+\s*$", halaman[0], re.M)  # no page number on the cover
    satu = d.halaman_isi()
    assert [nomor_halaman(h) for h in halaman[1:satu]] == ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"][
        : satu - 1
    ]
    assert nomor_halaman(halaman[satu]) == "1"


def daftar_tabel_dan_gambar(d: Dokumen, *, minimal: int) -> None:
    """The Daftar Tabel and Daftar Gambar list every numbered table and figure once, with the page it is on."""
    halaman = d.halaman
    satu = d.halaman_isi()
    depan = "\f".join(halaman[:satu])
    diperiksa = 0
    for t in d.laporan.daftar_tabel:
        m = re.search(rf"^\s*Tabel {re.escape(t.nomor)} .*?\.{{3,}}\s*(\d+)\s*$", depan, re.M)
        assert m, f"Tabel {t.nomor} is not in the Daftar Tabel with a page number"
        assert len(re.findall(rf"^\s*Tabel {re.escape(t.nomor)} ", depan, re.M)) == 1, (
            f"Tabel {t.nomor} twice"
        )
        di = halaman[satu + int(m.group(1)) - 1]
        assert re.search(rf"^\s*Tabel {re.escape(t.nomor)} ", di, re.M), (t.nomor, m.group(1))
        diperiksa += 1
    for g in d.laporan.daftar_gambar:
        m = re.search(rf"^\s*Gambar {re.escape(g.nomor)} .*?\.{{3,}}\s*(\d+)\s*$", depan, re.M)
        assert m, f"Gambar {g.nomor} is not in the Daftar Gambar with a page number"
        di = halaman[satu + int(m.group(1)) - 1]
        assert re.search(rf"^\s*Gambar {re.escape(g.nomor)} ", di, re.M), (g.nomor, m.group(1))
        diperiksa += 1
    assert diperiksa == len(d.laporan.daftar_tabel) + len(d.laporan.daftar_gambar) > minimal


def daftar_mulai_satu_dan_judul_menempel(d: Dokumen, *, daftar_minimal: int) -> None:
    """Each numbered list is its own numbering instance starting at 1 (and prints "1." first in the PDF);
    headings and captions keep with the next paragraph; no justified paragraph holds a manual line break."""
    doc = Document(io.BytesIO(d.docx))
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
    assert len(runtun) >= daftar_minimal
    assert len(runtun) == len(set(runtun)), "a numbering instance continues in a later list"
    for num in runtun:
        assert mulai[num] is not None, num
        assert mulai[num].get(qn("w:val")) == "1", num
    for nama in ("Heading 1", "Heading 2", "Heading 3", render_docx.GAYA_JUDUL_TABEL):
        assert doc.styles[nama].paragraph_format.keep_with_next or all(
            p.paragraph_format.keep_with_next for p in doc.paragraphs if p.style.name == nama
        ), nama
    patah = [
        p.text[:60]
        for p in doc.paragraphs
        if p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        and any(br.get(qn("w:type")) in (None, "textWrapping") for br in p._p.iter(qn("w:br")))
    ]
    assert not patah, patah
    abstrak = {
        a.get(qn("w:abstractNumId")): a.find(f"{qn('w:lvl')}/{qn('w:numFmt')}").get(qn("w:val"))
        for a in numbering.findall(qn("w:abstractNum"))
    }
    format_num = {
        n.get(qn("w:numId")): abstrak.get(str(n.abstractNumId.val)) for n in numbering.findall(qn("w:num"))
    }
    desimal = [num for num in runtun if format_num.get(num) == "decimal"]
    assert len(desimal) >= daftar_minimal
    assert len(re.findall(r"^\s*1\.\s+\S", "\n".join(d.halaman), re.M)) >= len(desimal)
