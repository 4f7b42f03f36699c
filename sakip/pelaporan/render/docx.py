"""The LKjIP content (`sakip.pelaporan.lkjip`) as a Word document.

Real heading styles (Heading 1 for the chapters, Heading 2/3 for sections) so that Word's navigation pane and the
table-of-contents field work; tables with a repeated header row; A4 portrait, with wide tables in landscape
sections; charts drawn with matplotlib and embedded as PNG.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from django.utils import timezone
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph
from matplotlib.figure import Figure
from PIL import Image

from sakip.lib import angka
from sakip.pelaporan.lkjip import (
    Bab,
    Bagian,
    Blok,
    DokumenPK,
    Gambar,
    Grafik,
    LaporanLKjIP,
    Narasi,
    Paragraf,
    Tabel,
)
from sakip.pelaporan.lkjip.model import TandaTangan, TandaTanganGanda
from sakip.pelaporan.render import html_docx, huruf, istilah, metrik

A4_LEBAR = Cm(21.0)
A4_TINGGI = Cm(29.7)
MARGIN = Cm(2.0)
WARNA_KEPALA = "D9E2F3"
TWIP = 635  # EMU


# --- low-level helpers --------------------------------------------------------------------------------------------


def _field(paragraph: Paragraph, instruksi: str, teks: str) -> None:
    """A Word field (TOC, PAGE) that Word fills when the document is opened/updated."""
    run = paragraph.add_run()
    awal = OxmlElement("w:fldChar")
    awal.set(qn("w:fldCharType"), "begin")
    awal.set(qn("w:dirty"), "true")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = instruksi
    pisah = OxmlElement("w:fldChar")
    pisah.set(qn("w:fldCharType"), "separate")
    isi = OxmlElement("w:t")
    isi.text = teks
    akhir = OxmlElement("w:fldChar")
    akhir.set(qn("w:fldCharType"), "end")
    for el in (awal, instr, pisah, isi, akhir):
        run._r.append(el)


def _ulangi_kepala(row: object) -> None:
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _arsir(cell: object, warna: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), warna)
    tc_pr.append(shd)


def _sel(cell: object, teks: str, *, tebal: bool = False, kanan: bool = False, tengah: bool = False) -> None:
    p = cell.paragraphs[0]  # type: ignore[attr-defined]
    p.paragraph_format.space_after = Pt(0)
    if kanan:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif tengah:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(teks)
    run.bold = tebal
    run.font.size = Pt(8)


def _lebar_isi(doc: Document) -> int:
    s = doc.sections[-1]
    return int(s.page_width - s.left_margin - s.right_margin)


def _seksi_baru(
    doc: Document, *, landscape: bool, format_nomor: str | None = None, mulai: int | None = None
) -> None:
    """A new section on a new page. Page numbers continue unless `mulai` is given; `format_nomor` ("lowerRoman",
    "decimal") changes how they print. The cover's different first page is not carried over."""
    body = doc.element.body
    if len(body) >= 2 and body[-2].tag == qn("w:tbl"):
        # LibreOffice gives the page on which a table ends the next section's orientation when the section break
        # follows the table directly; a paragraph between them keeps the table's last page in its own section
        doc.add_paragraph().paragraph_format.space_after = Pt(0)
    baru = doc.add_section(WD_SECTION.NEW_PAGE)
    baru.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    baru.page_width, baru.page_height = (A4_TINGGI, A4_LEBAR) if landscape else (A4_LEBAR, A4_TINGGI)
    for m in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(baru, m, MARGIN)
    sect_pr = baru._sectPr
    for el in sect_pr.findall(qn("w:titlePg")):
        sect_pr.remove(el)
    nomor = sect_pr.find(qn("w:pgNumType"))
    if nomor is None:
        nomor = OxmlElement("w:pgNumType")
        sect_pr.append(nomor)
    nomor.attrib.pop(qn("w:start"), None)
    if mulai is not None:
        nomor.set(qn("w:start"), str(mulai))
    if format_nomor is not None:
        nomor.set(qn("w:fmt"), format_nomor)


def _orientasi(doc: Document, landscape: bool) -> None:
    """Start a new section in the wanted orientation if the current one differs (page numbers continue)."""
    s = doc.sections[-1]
    sekarang = s.orientation == WD_ORIENT.LANDSCAPE
    if sekarang == landscape:
        return
    _seksi_baru(doc, landscape=landscape)


def _landscape(blok: object) -> bool:
    return isinstance(blok, Tabel) and blok.lebar


# --- blocks -------------------------------------------------------------------------------------------------------


def _nomor_daftar_baru(doc: Document) -> int:
    """A new numbering instance of the "List Number" list that starts again at 1 (w:num with a startOverride)."""
    numbering = doc.part.numbering_part.element
    gaya = doc.styles["List Number"].element
    num_id_gaya = int(gaya.pPr.numPr.numId.val)
    abstrak = next(
        n.abstractNumId.val
        for n in numbering.findall(qn("w:num"))
        if int(n.get(qn("w:numId"))) == num_id_gaya
    )
    baru = max(int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))) + 1
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{baru}"><w:abstractNumId w:val="{abstrak}"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        )
    )
    return baru


def _tulis_run(para: Paragraph, teks: str) -> None:
    """The text as runs, foreign terms in italics (`istilah`)."""
    for potongan, miring in istilah.potong(teks):
        run = para.add_run(potongan)
        if miring:
            run.italic = True


def _paragraf(doc: Document, p: Paragraf) -> None:
    if p.gaya == "daftar":
        # each run of numbered items is its own list, numbered from 1
        num_id = (
            getattr(doc, "_sakip_daftar", None) if getattr(doc, "_sakip_blok_lalu", "") == "daftar" else None
        )
        if num_id is None:
            num_id = _nomor_daftar_baru(doc)
            doc._sakip_daftar = num_id  # type: ignore[attr-defined]
        para = doc.add_paragraph(style="List Number")
        _tulis_run(para, p.teks)
        num_pr = para._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = num_id
    elif p.gaya == "catatan":
        para = doc.add_paragraph()
        run = para.add_run(p.teks)
        run.italic = True
        run.font.size = Pt(9)
    elif p.gaya == "pihak":
        # "Nama<TAB>: …" under each other, the colons on one tab stop
        para = doc.add_paragraph(p.teks)
        fmt = para.paragraph_format
        fmt.left_indent = Cm(1.0)
        fmt.space_after = Pt(0)
        fmt.tab_stops.add_tab_stop(Cm(3.5))
        fmt.keep_with_next = True
    elif p.gaya == "tebal":
        para = doc.add_paragraph()
        para.add_run(p.teks).bold = True
        para.paragraph_format.keep_with_next = True  # a sub-heading stays with what it introduces
    else:
        # one Word paragraph per line of the text: a justified line that ends in a manual break would be
        # stretched across the page ("Provinsi      Kalimantan      Timur.")
        for baris in [b.strip() for b in p.teks.split("\n") if b.strip()] or [""]:
            para = doc.add_paragraph()
            _tulis_run(para, baris)
            para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    doc._sakip_blok_lalu = p.gaya  # type: ignore[attr-defined]


GAYA_JUDUL_TABEL = "Judul Tabel"
GAYA_JUDUL_GAMBAR = "Judul Gambar"
GAYA_JUDUL_LAIN = "Judul Tabel Tanpa Nomor"  # a caption left out of the Daftar Tabel


def _judul_objek(doc: Document, teks: str, *, gaya: str = GAYA_JUDUL_TABEL) -> Paragraph:
    """A table's caption (kept with the table below it) or a figure's (below the figure, which is kept with it).

    Captions have styles of their own so that the Daftar Tabel and Daftar Gambar are TOC fields over them,
    with page numbers Word and LibreOffice fill in."""
    para = doc.add_paragraph(style=gaya)
    para.add_run(teks)
    doc._sakip_blok_lalu = "judul"  # type: ignore[attr-defined]
    return para


def _bobot_dari_isi(t: Tabel) -> list[float]:
    """Column weights from what the columns hold: long texts get room, numbers and short codes stay narrow."""
    bobot = []
    for i, judul in enumerate(t.kolom):
        isi = [baris[i] for baris in t.baris if i < len(baris)]
        rata = sum(len(x) for x in isi) / len(isi) if isi else 0
        kata = max((len(w) for x in [judul, *isi] for w in x.split()), default=4)
        bobot.append(min(40.0, max(6.0, rata, float(kata))))
    return bobot


SEL_TEPI = 2 * 108  # twips: Table Grid's left and right cell margins
SEL_LONGGAR = 1.06  # a little room for the renderers' rounding


def _tak_putus(teks: str) -> str:
    """An amount stays on one line with its currency: "Rp 1.234" -> "Rp<nbsp>1.234"."""
    return teks.replace("Rp ", "Rp\u00a0")


# where a line may break: not the no-break space, which str.split() would also split on
_SPASI = re.compile(r"[ \t\n]+")


def _kata(teks: str) -> list[str]:
    return [w for w in _SPASI.split(teks) if w]


def lebar_minimum(t: Tabel) -> list[float]:
    """Per column, the width (twips) of its longest unbreakable word at the table's 8 pt, so that no number,
    amount or word is split across lines: header words in bold, bold rows in bold."""
    tebal_baris = [g in {"unit", "program", "total"} for g in t.gaya]
    hasil = []
    for i, judul in enumerate(t.kolom):
        kata = [(w, True) for w in _kata(judul)]
        if t.nomor_kolom and i < len(t.nomor_kolom):
            kata += [(w, False) for w in _kata(t.nomor_kolom[i])]
        for baris, tebal in zip(t.baris, tebal_baris, strict=False):
            if i < len(baris):
                kata += [(w, tebal) for w in _kata(_tak_putus(baris[i]))]
        terlebar = max((metrik.lebar(w, tebal=tb) for w, tb in kata), default=0.0)
        hasil.append(terlebar * SEL_LONGGAR + SEL_TEPI)
    return hasil


def lebar_kolom(t: Tabel, tersedia: int) -> list[int]:
    """Column widths in twips summing to `tersedia`: the table's weights, but never below a column's minimum
    (`lebar_minimum`); the columns held at their minimum give their shortfall to the others."""
    n = len(t.kolom)
    bobot = t.bobot if len(t.bobot) == n else _bobot_dari_isi(t)
    minimum = lebar_minimum(t)
    if sum(minimum) >= tersedia:  # cannot be met: share the room by the minimums themselves
        jumlah = sum(minimum)
        return [int(tersedia * m / jumlah) for m in minimum]
    tetap: dict[int, float] = {}
    while True:
        bebas = [i for i in range(n) if i not in tetap]
        sisa = tersedia - sum(tetap.values())
        jumlah = sum(bobot[i] for i in bebas) or 1
        lebar = {i: sisa * bobot[i] / jumlah for i in bebas}
        kurang = [i for i in bebas if lebar[i] < minimum[i]]
        if not kurang:
            break
        for i in kurang:
            tetap[i] = minimum[i]
    semua = {**tetap, **lebar}
    return [int(semua[i]) for i in range(n)]


# Characters XML 1.0 cannot hold (a control character pasted into a text field would otherwise stop the export).
_BUKAN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _teks_xml(teks: str) -> str:
    """A cell's text as WordprocessingML runs' content: escaped, line breaks as <w:br/>, tabs as <w:tab/>."""
    bagian = []
    for i, baris in enumerate(_BUKAN_XML.sub("", teks).split("\n")):
        if i:
            bagian.append("<w:br/>")
        for j, potong in enumerate(baris.split("\t")):
            if j:
                bagian.append("<w:tab/>")
            if potong:
                bagian.append(f'<w:t xml:space="preserve">{escape(potong)}</w:t>')
    return "".join(bagian)


def _sel_xml(teks: str, lebar: int, *, tebal: bool = False, rata: str = "", arsir: str = "") -> str:
    """One table cell as XML: the same markup `_sel`/`_arsir` produce through python-docx, written in one go.

    Building a 4.000-cell report cell by cell through python-docx's object model costs seconds (every property
    set walks the element's children to find its place); the table's rows are therefore written as one XML string
    and parsed once. Widths are in twips (dxa), font size 8 pt (16 half-points).
    """
    shd = f'<w:shd w:val="clear" w:color="auto" w:fill="{arsir}"/>' if arsir else ""
    jc = f'<w:jc w:val="{rata}"/>' if rata else ""
    b = "<w:b/>" if tebal else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{lebar}" w:type="dxa"/>{shd}</w:tcPr>'
        f'<w:p><w:pPr><w:spacing w:after="0"/>{jc}</w:pPr>'
        f'<w:r><w:rPr>{b}<w:sz w:val="16"/></w:rPr>{_teks_xml(teks)}</w:r></w:p></w:tc>'
    )


def _tabel(doc: Document, t: Tabel) -> Table:
    gaya = GAYA_JUDUL_TABEL if t.nomor else GAYA_JUDUL_LAIN
    _judul_objek(doc, t.judul_lengkap, gaya=gaya).paragraph_format.keep_with_next = True
    n = len(t.kolom)
    tabel = doc.add_table(rows=0, cols=n)
    tabel.style = "Table Grid"
    tabel.alignment = WD_TABLE_ALIGNMENT.CENTER
    tabel.autofit = False
    twip = lebar_kolom(t, _lebar_isi(doc) // TWIP)
    for kolom, w in zip(tabel.columns, twip, strict=True):
        kolom.width = w * TWIP  # the grid LibreOffice reads; Word reads the cells' widths below
    angka_kolom = t.angka if len(t.angka) == n else [False] * n

    kepala = '<w:trPr><w:tblHeader w:val="true"/></w:trPr>'
    baris = [
        "<w:tr>"
        + kepala
        + "".join(
            _sel_xml(judul, w, tebal=True, rata="center", arsir=WARNA_KEPALA)
            for judul, w in zip(t.kolom, twip, strict=True)
        )
        + "</w:tr>"
    ]
    if t.nomor_kolom:
        baris.append(
            "<w:tr>"
            + kepala
            + "".join(
                _sel_xml(teks, w, rata="center", arsir=WARNA_KEPALA)
                for teks, w in zip(t.nomor_kolom, twip, strict=True)
            )
            + "</w:tr>"
        )
    for isi, gaya in zip(t.baris, t.gaya, strict=True):
        tebal = gaya in {"unit", "program", "total"}
        baris.append(
            "<w:tr>"
            + "".join(
                _sel_xml(_tak_putus(teks), w, tebal=tebal, rata="right" if kanan else "")
                for teks, w, kanan in zip(isi, twip, angka_kolom, strict=True)
            )
            + "</w:tr>"
        )
    for tr in parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(baris)}</w:tbl>"):
        tabel._tbl.append(tr)
    if t.sumber:
        _paragraf(doc, Paragraf(f"Sumber: {t.sumber}", "catatan"))
    for catatan in t.catatan:
        _paragraf(doc, Paragraf(catatan, "catatan"))
    doc._sakip_blok_lalu = "tabel"  # type: ignore[attr-defined]
    return tabel


def grafik_png(g: Grafik) -> bytes:
    """A grouped bar chart of the series, values labelled with Indonesian numbers."""
    fig = Figure(figsize=(7.0, 3.6), dpi=120)
    ax = fig.subplots()
    n_seri = max(len(g.seri), 1)
    lebar = 0.8 / n_seri
    warna = ["#9db4d6", "#0b4f8a", "#e0a526", "#5a9e4b"]
    for k, (nama, nilai) in enumerate(g.seri.items()):
        xs = [i + (k - (n_seri - 1) / 2) * lebar for i in range(len(g.label))]
        ys = [float(v) if v is not None else 0.0 for v in nilai]
        bars = ax.bar(xs, ys, lebar, label=nama, color=warna[k % len(warna)])
        for bar, v in zip(bars, nilai, strict=True):
            ax.annotate(
                angka.format_angka(v) if isinstance(v, Decimal) else angka.KOSONG,
                (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                ha="center",
                va="bottom",
                fontsize=7,
            )
    ax.set_xticks(range(len(g.label)))
    ax.set_xticklabels(g.label, fontsize=8)
    if g.satuan:
        ax.set_ylabel(g.satuan)
    ax.legend(fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def _gambar(doc: Document, judul: str, png: bytes) -> None:
    """A figure at most 16 cm wide, and never taller than the page leaves room for (a tall org chart)."""
    lebar = min(Cm(16), _lebar_isi(doc))
    with Image.open(io.BytesIO(png)) as img:
        piksel_lebar, piksel_tinggi = img.size
    s = doc.sections[-1]
    tinggi_maks = int(s.page_height - s.top_margin - s.bottom_margin - Cm(3))  # the caption and some air
    if piksel_lebar and lebar * piksel_tinggi / piksel_lebar > tinggi_maks:
        lebar = int(tinggi_maks * piksel_lebar / piksel_tinggi)
    doc.add_picture(io.BytesIO(png), width=lebar)
    gambar = doc.paragraphs[-1]
    gambar.alignment = WD_ALIGN_PARAGRAPH.CENTER
    gambar.paragraph_format.keep_with_next = True  # the caption below stays on the figure's page
    _judul_objek(doc, judul, gaya=GAYA_JUDUL_GAMBAR)


def _blok(doc: Document, b: Blok) -> None:
    if isinstance(b, Paragraf):
        _paragraf(doc, b)
    elif isinstance(b, Tabel):
        _tabel(doc, b)
    elif isinstance(b, Grafik):
        _gambar(doc, f"Gambar {b.nomor} {b.judul}" if b.nomor else b.judul, grafik_png(b))
    elif isinstance(b, Gambar):
        _gambar(doc, f"Gambar {b.nomor} {b.judul}" if b.nomor else b.judul, b.png)
    elif isinstance(b, Narasi):
        html_docx.tulis(doc, b.html, _lebar_isi(doc))
        doc._sakip_blok_lalu = "narasi"  # type: ignore[attr-defined]  # a later numbered item starts a new list
    elif isinstance(b, TandaTanganGanda):
        doc.add_paragraph()
        blok_tanda_tangan_ganda(doc, b)
        doc._sakip_blok_lalu = "ttd"  # type: ignore[attr-defined]


def _blok_pertama(b: Bagian) -> Blok | None:
    if b.blok:
        return b.blok[0]
    return _blok_pertama(b.sub[0]) if b.sub else None


def _blok_berurutan(doc: Document, daftar: list[Blok]) -> None:
    """Blocks in order, each in the orientation it needs: a wide table on a landscape page, the rest portrait.
    A bold sub-heading takes the orientation of what it introduces, so it never stays behind on the page
    before a landscape section."""
    for i, blok in enumerate(daftar):
        penentu: object = blok
        if isinstance(blok, Paragraf) and blok.gaya == "tebal" and i + 1 < len(daftar):
            penentu = daftar[i + 1]
        _orientasi(doc, _landscape(penentu))
        _blok(doc, blok)


def _judul(doc: Document, teks: str, level: int, *, halaman_baru: bool = False) -> Paragraph:
    h = doc.add_heading(teks, level=level)
    h.paragraph_format.keep_with_next = True
    if halaman_baru:
        h.paragraph_format.page_break_before = True
    doc._sakip_blok_lalu = "judul"  # type: ignore[attr-defined]
    return h


def _bagian(doc: Document, b: Bagian, tingkat: int) -> None:
    _orientasi(doc, _landscape(_blok_pertama(b)))
    _judul(doc, b.judul, min(tingkat, 9))
    _blok_berurutan(doc, b.blok)
    for sub in b.sub:
        _bagian(doc, sub, tingkat + 1)


def _bab(doc: Document, bab: Bab) -> None:
    pertama = bab.pengantar[0] if bab.pengantar else (_blok_pertama(bab.bagian[0]) if bab.bagian else None)
    _orientasi(doc, _landscape(pertama))
    _judul(doc, bab.judul_lengkap, 1, halaman_baru=True)
    _blok_berurutan(doc, list(bab.pengantar))
    for bagian in bab.bagian:
        _bagian(doc, bagian, 2)


# --- document -----------------------------------------------------------------------------------------------------


def _siapkan(doc: Document) -> None:
    s = doc.sections[0]
    s.orientation = WD_ORIENT.PORTRAIT
    s.page_width, s.page_height = A4_LEBAR, A4_TINGGI
    for m in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(s, m, MARGIN)
    huruf.seragamkan(doc)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(11)
    for nama in ("Heading 1", "Heading 2", "Heading 3", "Heading 4"):
        gaya = doc.styles[nama]
        gaya.font.color.rgb = RGBColor(0, 0, 0)
        gaya.paragraph_format.keep_with_next = True
    for nama in (GAYA_JUDUL_TABEL, GAYA_JUDUL_GAMBAR, GAYA_JUDUL_LAIN):
        gaya = doc.styles.add_style(nama, WD_STYLE_TYPE.PARAGRAPH)
        gaya.base_style = doc.styles["Normal"]
        gaya.font.bold = True
        gaya.font.size = Pt(10)
        gaya.font.color.rgb = RGBColor(0, 0, 0)
        gaya.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        gaya.paragraph_format.space_before = Pt(6)
        gaya.paragraph_format.space_after = Pt(6)
    footer = s.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(footer, "PAGE", "1")


def _properti(doc: Document, *, judul: str, penulis: str) -> None:
    """Document properties a reader sees in Word (File > Info): not python-docx's defaults of 2013."""
    sekarang = timezone.now().replace(microsecond=0)
    cp = doc.core_properties
    cp.title = judul
    cp.author = penulis
    cp.last_modified_by = penulis
    cp.language = huruf.BAHASA
    cp.created = sekarang
    cp.modified = sekarang
    cp.revision = 1
    cp.comments = "Dibuat dengan SAKIP"
    cp.keywords = ""
    cp.subject = ""


def logo(paragraph: Paragraph, png: bytes, *, sisi: float = 3.5) -> None:
    """The pemda's logo in the paragraph, its longest side `sisi` cm (portrait shields and wide logos alike)."""
    with Image.open(io.BytesIO(png)) as gambar:
        lebar, tinggi = gambar.size
    if lebar >= tinggi:
        paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(sisi))
    else:
        paragraph.add_run().add_picture(io.BytesIO(png), height=Cm(sisi))


def blok_tanda_tangan(doc: Document, ttd: TandaTangan) -> Table:
    """A signature block on the right half of the page: place and date, JABATAN, room to sign, the name bold and
    underlined, pangkat and NIP when known. It never splits across pages and keeps with the text above it."""
    tabel = doc.add_table(rows=1, cols=2)
    _tanpa_garis(tabel)
    _isi_tanda_tangan(tabel.rows[0].cells[1], ttd, jabatan_kapital=True)
    w = _lebar_isi(doc)
    for kolom, bagian in zip(tabel.columns, (0.45, 0.55), strict=True):
        for c in kolom.cells:
            c.width = int(w * bagian)
    tak_terpisah(tabel)
    return tabel


def _isi_tanda_tangan(
    cell: object, ttd: TandaTangan, *, peran: str = "", jabatan_kapital: bool = False
) -> None:
    """One signature block in a table cell, centred: place and date (a blank line keeps two blocks level),
    the party's role, the jabatan, room to sign, the name bold and underlined, pangkat and NIP when known. A block
    with nothing in it (the kepala daerah signs alone) leaves the cell empty."""
    if not (ttd.tempat_tanggal or ttd.jabatan or ttd.nama or peran):
        return
    baris: list[tuple[str, bool, bool]] = [(ttd.tempat_tanggal, False, False)]
    if peran:
        baris.append((f"{peran},", True, False))
    jabatan = ttd.jabatan.upper() if jabatan_kapital else ttd.jabatan
    baris += [(f"{jabatan}{'' if peran else ','}", not peran, False), ("", False, False), ("", False, False)]
    baris += [("", False, False), (ttd.nama, True, True)]
    if ttd.pangkat:
        baris.append((ttd.pangkat, False, False))
    if ttd.nip:
        baris.append((f"NIP {ttd.nip}", False, False))
    for k, (teks, tebal, garis) in enumerate(baris):
        p = cell.paragraphs[0] if k == 0 else cell.add_paragraph()  # type: ignore[attr-defined]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        run = p.add_run(teks)
        run.bold = tebal
        run.underline = garis


def blok_tanda_tangan_ganda(doc: Document, ttd: TandaTanganGanda) -> Table:
    """Two signature blocks side by side without borders (the PK's parties), never split across pages."""
    tabel = doc.add_table(rows=1, cols=2)
    _tanpa_garis(tabel)
    _isi_tanda_tangan(tabel.rows[0].cells[0], ttd.kiri, peran=ttd.peran_kiri)
    _isi_tanda_tangan(tabel.rows[0].cells[1], ttd.kanan, peran=ttd.peran_kanan)
    tak_terpisah(tabel)
    return tabel


def _sampul(doc: Document, lap: LaporanLKjIP) -> None:
    i = lap.identitas
    if i.logo:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_before = Pt(36)
        logo(p, i.logo, sisi=4.0)
    for teks, ukuran in (
        ("LAPORAN KINERJA INSTANSI PEMERINTAH", 20),
        ("(LKjIP)", 16),
        (f"TAHUN {i.tahun}", 16),
        ("", 12),
        (i.unit.upper(), 16),
        (i.pemda.upper(), 14),
    ):
        if not teks and ukuran == 14:  # the pemda's own report names no pemda under the unit
            continue
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_before = Pt(24)
        run = p.add_run(teks)
        run.bold = True
        run.font.size = Pt(ukuran)


def _ikhtisar(doc: Document, lap: LaporanLKjIP) -> None:
    _judul(doc, "IKHTISAR EKSEKUTIF", 1, halaman_baru=True)
    ik = lap.ikhtisar
    for p in ik.paragraf:
        _paragraf(doc, p)
    ringkas = doc.add_table(rows=0, cols=2)
    ringkas.style = "Table Grid"
    for label, nilai in [(label, _tak_putus(nilai)) for label, nilai in ik.ringkasan] or (
        ("Jumlah sasaran strategis", str(ik.jumlah_sasaran)),
        ("Jumlah indikator kinerja (IKU)", f"{ik.jumlah_indikator} ({ik.jumlah_iku})"),
        ("Capaian kinerja", f"{ik.capaian_teks}%"),
        ("Kategori", ik.kategori),
        ("Metode perhitungan", ik.metode),
        ("Pagu program pendukung sasaran strategis", _tak_putus(ik.pagu_teks)),
        ("Realisasi program pendukung sasaran strategis", _tak_putus(ik.realisasi_teks)),
        ("Penyerapan anggaran", f"{ik.penyerapan_teks}%"),
        ("Pagu seluruh program (Tabel 3.19)", _tak_putus(ik.pagu_unit_teks)),
        ("Realisasi seluruh program (Tabel 3.19)", _tak_putus(ik.realisasi_unit_teks)),
    ):
        row = ringkas.add_row()
        _sel(row.cells[0], label, tebal=True)
        _sel(row.cells[1], nilai)
    doc.add_paragraph()
    _tabel(doc, ik.tabel)


def _daftar_objek(doc: Document, judul: str, gaya: str) -> None:
    """Daftar Tabel / Daftar Gambar: a TOC field over the captions' style, so each entry gets its page number
    (Word fills it on opening, the PDF conversion updates it)."""
    _judul(doc, judul, 1, halaman_baru=True)
    _field(
        doc.add_paragraph(),
        f'TOC \\h \\z \\t "{gaya},1"',
        "Klik kanan lalu pilih Update Field untuk memperbarui.",
    )


def tulis(lap: LaporanLKjIP, kemajuan: Callable[[int, int, str], None] | None = None) -> bytes:
    """The .docx bytes of the report; `kemajuan(selesai, jumlah, tahap)` hears of each chapter as it starts.

    Three kinds of page numbers, as the seed has them: none on the cover, roman numerals on the front matter
    (kata pengantar to daftar gambar), arabic from BAB I on."""
    langkah = len(lap.bab) + 2  # front matter, the chapters, saving
    doc = Document()
    _siapkan(doc)
    _properti(
        doc, judul=f"LKjIP {lap.identitas.unit} Tahun {lap.identitas.tahun}", penulis=lap.identitas.unit
    )
    if kemajuan:
        kemajuan(0, langkah, "Menyusun sampul, kata pengantar dan ikhtisar")
    doc.sections[0].different_first_page_header_footer = True  # the cover has no page number
    _sampul(doc, lap)

    _seksi_baru(doc, landscape=False, format_nomor="lowerRoman", mulai=1)
    _judul(doc, "KATA PENGANTAR", 1)
    for p in lap.kata_pengantar:
        _blok(doc, p)
    if lap.tanda_tangan:
        doc.add_paragraph()
        blok_tanda_tangan(doc, lap.tanda_tangan)

    _ikhtisar(doc, lap)

    _orientasi(doc, False)
    _judul(doc, "DAFTAR ISI", 1, halaman_baru=True)
    _field(
        doc.add_paragraph(),
        'TOC \\o "1-3" \\h \\z \\u',
        "Klik kanan lalu pilih Update Field untuk memperbarui.",
    )
    _daftar_objek(doc, "DAFTAR TABEL", GAYA_JUDUL_TABEL)
    _daftar_objek(doc, "DAFTAR GAMBAR", GAYA_JUDUL_GAMBAR)

    for i, bab in enumerate(lap.bab, 1):
        if kemajuan:
            kemajuan(i, langkah, f"Menyusun BAB {bab.nomor}" if bab.nomor else "Menyusun lampiran")
        if i == 1:
            _seksi_baru(
                doc,
                landscape=_landscape(bab.pengantar[0] if bab.pengantar else None),
                format_nomor="decimal",
                mulai=1,
            )
        _bab(doc, bab)
    if kemajuan:
        kemajuan(langkah - 1, langkah, "Menyimpan dokumen Word")

    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


# --- Perjanjian Kinerja -------------------------------------------------------------------------------------------


def _tanpa_garis(tabel: Table) -> None:
    tbl_pr = tabel._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for sisi in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{sisi}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def tak_terpisah(tabel: Table) -> None:
    """A signature block never splits across pages: rows that cannot break, every paragraph kept with the next,
    and the paragraph before the table kept with it."""
    for row in tabel.rows:
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        for cell in row.cells:
            for p in cell.paragraphs:
                p.paragraph_format.keep_with_next = True
    sebelum = tabel._tbl.getprevious()
    if sebelum is not None and sebelum.tag == qn("w:p"):
        Paragraph(sebelum, tabel._parent).paragraph_format.keep_with_next = True


def tanda_draf(doc: Document, teks: str = "DRAF — belum ditandatangani") -> None:
    """A draft says so at the top of every page (the header of each section)."""
    for seksi in doc.sections:
        p = seksi.header.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = p.add_run(teks)
        run.bold = True
        run.font.size = Pt(10)
        run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)


def tulis_pk(pk: DokumenPK) -> bytes:
    """The .docx bytes of a Perjanjian Kinerja: the logo, the statement with the parties' Nama/Jabatan/NIP, both
    signature blocks, and the attachment (targets, programs and budget) signed again."""
    doc = Document()
    _siapkan(doc)
    _properti(doc, judul=f"Perjanjian Kinerja {pk.unit} Tahun {pk.tahun}", penulis=pk.unit)
    if pk.logo:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        logo(p, pk.logo, sisi=2.5)
    doc.add_heading(pk.judul, level=1).alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub = doc.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub.add_run(f"{pk.unit.upper()}\n{pk.pemda.upper()}").bold = True
    for p in pk.pernyataan:
        _paragraf(doc, p)
    doc.add_paragraph()
    blok_tanda_tangan_ganda(doc, pk.tanda_tangan)
    _judul(doc, f"LAMPIRAN PERJANJIAN KINERJA TAHUN {pk.tahun}", 1, halaman_baru=True)
    sub = doc.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub.add_run(f"{pk.unit.upper()}\n{pk.pemda.upper()}").bold = True
    _tabel(doc, pk.tabel_kinerja)
    doc.add_paragraph()
    _tabel(doc, pk.tabel_anggaran)
    doc.add_paragraph()
    blok_tanda_tangan_ganda(doc, pk.tanda_tangan)
    if pk.draf:
        tanda_draf(doc)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def tulis_lhe(lhe: Any) -> bytes:
    """The .docx bytes of an LHE AKIP (sakip.pelaporan.lhe.DokumenLHE): title, opening, score table, findings,
    recommendations; the same page set-up and fonts as the LKjIP."""
    doc = Document()
    _siapkan(doc)
    _properti(doc, judul=f"{lhe.judul} {lhe.unit}", penulis=lhe.unit)
    doc.add_heading(lhe.judul, level=1).alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub = doc.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub.add_run(f"{lhe.unit.upper()}\n{lhe.pemda.upper()}").bold = True
    for p in lhe.pembuka:
        _paragraf(doc, p)
    for tabel in (lhe.nilai, lhe.temuan, lhe.rekomendasi):
        if tabel is not None:
            _judul_objek(doc, tabel.judul_lengkap)
            if tabel.baris:
                _tabel(doc, tabel)
            else:
                _paragraf(doc, Paragraf("Tidak ada.", gaya="catatan"))
    for p in lhe.penutup:
        _paragraf(doc, p)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
