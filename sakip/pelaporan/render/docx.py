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
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph
from matplotlib.figure import Figure

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
from sakip.pelaporan.render import html_docx, huruf

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


def _orientasi(doc: Document, landscape: bool) -> None:
    """Start a new section in the wanted orientation if the current one differs."""
    s = doc.sections[-1]
    sekarang = s.orientation == WD_ORIENT.LANDSCAPE
    if sekarang == landscape:
        return
    baru = doc.add_section(WD_SECTION.NEW_PAGE)
    baru.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    baru.page_width, baru.page_height = (A4_TINGGI, A4_LEBAR) if landscape else (A4_LEBAR, A4_TINGGI)
    for m in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(baru, m, MARGIN)


# --- blocks -------------------------------------------------------------------------------------------------------


def _paragraf(doc: Document, p: Paragraf) -> None:
    if p.gaya == "daftar":
        para = doc.add_paragraph(p.teks, style="List Number")
    elif p.gaya == "catatan":
        para = doc.add_paragraph()
        run = para.add_run(p.teks)
        run.italic = True
        run.font.size = Pt(9)
    elif p.gaya == "tebal":
        para = doc.add_paragraph()
        para.add_run(p.teks).bold = True
    else:
        para = doc.add_paragraph(p.teks)
        para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _judul_objek(doc: Document, teks: str) -> None:
    para = doc.add_paragraph(style="Caption")
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para.add_run(teks).bold = True


def _bobot_dari_isi(t: Tabel) -> list[float]:
    """Column weights from what the columns hold: long texts get room, numbers and short codes stay narrow."""
    bobot = []
    for i, judul in enumerate(t.kolom):
        isi = [baris[i] for baris in t.baris if i < len(baris)]
        rata = sum(len(x) for x in isi) / len(isi) if isi else 0
        kata = max((len(w) for x in [judul, *isi] for w in x.split()), default=4)
        bobot.append(min(40.0, max(6.0, rata, float(kata))))
    return bobot


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
    if t.lebar:
        _orientasi(doc, True)
    _judul_objek(doc, t.judul_lengkap)
    n = len(t.kolom)
    tabel = doc.add_table(rows=0, cols=n)
    tabel.style = "Table Grid"
    tabel.alignment = WD_TABLE_ALIGNMENT.CENTER
    tabel.autofit = False
    bobot = t.bobot if len(t.bobot) == n else _bobot_dari_isi(t)
    jumlah = sum(bobot) or 1
    lebar = [int(_lebar_isi(doc) * b / jumlah) // TWIP * TWIP for b in bobot]  # Word stores twips
    for kolom, w in zip(tabel.columns, lebar, strict=True):
        kolom.width = w  # the grid LibreOffice reads; Word reads the cells' widths below
    twip = [w // TWIP for w in lebar]
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
                _sel_xml(teks, w, tebal=tebal, rata="right" if kanan else "")
                for teks, w, kanan in zip(isi, twip, angka_kolom, strict=True)
            )
            + "</w:tr>"
        )
    for tr in parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(baris)}</w:tbl>"):
        tabel._tbl.append(tr)
    for catatan in t.catatan:
        _paragraf(doc, Paragraf(catatan, "catatan"))
    if t.lebar:
        _orientasi(doc, False)
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
    doc.add_picture(io.BytesIO(png), width=min(Cm(16), _lebar_isi(doc)))
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _judul_objek(doc, judul)


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


def _bagian(doc: Document, b: Bagian, tingkat: int) -> None:
    doc.add_heading(b.judul, level=min(tingkat, 9))
    for blok in b.blok:
        _blok(doc, blok)
    for sub in b.sub:
        _bagian(doc, sub, tingkat + 1)


def _halaman_baru(doc: Document) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _bab(doc: Document, bab: Bab) -> None:
    _halaman_baru(doc)
    doc.add_heading(bab.judul_lengkap, level=1)
    for blok in bab.pengantar:
        _blok(doc, blok)
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
    for nama in ("Heading 1", "Heading 2", "Heading 3"):
        doc.styles[nama].font.color.rgb = RGBColor(0, 0, 0)
    footer = s.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(footer, "PAGE", "1")


def _sampul(doc: Document, lap: LaporanLKjIP) -> None:
    i = lap.identitas
    for teks, ukuran in (
        ("LAPORAN KINERJA INSTANSI PEMERINTAH", 20),
        ("(LKjIP)", 16),
        (f"TAHUN {i.tahun}", 16),
        ("", 12),
        (i.unit.upper(), 16),
        (i.pemda.upper(), 14),
    ):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_before = Pt(24)
        run = p.add_run(teks)
        run.bold = True
        run.font.size = Pt(ukuran)


def _ikhtisar(doc: Document, lap: LaporanLKjIP) -> None:
    _halaman_baru(doc)
    doc.add_heading("IKHTISAR EKSEKUTIF", level=1)
    ik = lap.ikhtisar
    for p in ik.paragraf:
        _paragraf(doc, p)
    ringkas = doc.add_table(rows=0, cols=2)
    ringkas.style = "Table Grid"
    for label, nilai in (
        ("Jumlah sasaran strategis", str(ik.jumlah_sasaran)),
        ("Jumlah indikator kinerja (IKU)", f"{ik.jumlah_indikator} ({ik.jumlah_iku})"),
        ("Capaian kinerja", f"{ik.capaian_teks}%"),
        ("Kategori", ik.kategori),
        ("Metode perhitungan", ik.metode),
        ("Pagu anggaran", ik.pagu_teks),
        ("Realisasi anggaran", ik.realisasi_teks),
        ("Penyerapan anggaran", f"{ik.penyerapan_teks}%"),
    ):
        row = ringkas.add_row()
        _sel(row.cells[0], label, tebal=True)
        _sel(row.cells[1], nilai)
    doc.add_paragraph()
    _tabel(doc, ik.tabel)


def tulis(lap: LaporanLKjIP, kemajuan: Callable[[int, int, str], None] | None = None) -> bytes:
    """The .docx bytes of the report; `kemajuan(selesai, jumlah, tahap)` hears of each chapter as it starts."""
    langkah = len(lap.bab) + 2  # front matter, the chapters, saving
    doc = Document()
    _siapkan(doc)
    doc.core_properties.title = f"LKjIP {lap.identitas.unit} Tahun {lap.identitas.tahun}"
    doc.core_properties.language = "id-ID"
    if kemajuan:
        kemajuan(0, langkah, "Menyusun sampul, kata pengantar dan ikhtisar")
    _sampul(doc, lap)

    _halaman_baru(doc)
    doc.add_heading("KATA PENGANTAR", level=1)
    for p in lap.kata_pengantar:
        _blok(doc, p)

    _ikhtisar(doc, lap)

    _halaman_baru(doc)
    doc.add_heading("DAFTAR ISI", level=1)
    _field(
        doc.add_paragraph(),
        'TOC \\o "1-3" \\h \\z \\u',
        "Klik kanan lalu pilih Update Field untuk memperbarui.",
    )
    doc.add_heading("DAFTAR TABEL", level=2)
    for t in lap.daftar_tabel:
        doc.add_paragraph(t.judul_lengkap)
    doc.add_heading("DAFTAR GAMBAR", level=2)
    for g in lap.daftar_gambar:
        doc.add_paragraph(f"Gambar {g.nomor} {g.judul}")

    for i, bab in enumerate(lap.bab, 1):
        if kemajuan:
            kemajuan(i, langkah, f"Menyusun BAB {bab.nomor}" if bab.nomor else "Menyusun lampiran")
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


def _tanda_tangan(doc: Document, pk: DokumenPK) -> Table:
    """Two signature blocks side by side: pihak kedua on the left, pihak pertama (with place and date) right."""
    tabel = doc.add_table(rows=1, cols=2)
    _tanpa_garis(tabel)
    for cell, pihak, atas in (
        (tabel.rows[0].cells[0], pk.pihak_kedua, ""),
        (tabel.rows[0].cells[1], pk.pihak_pertama, pk.tempat_tanggal),
    ):
        p = cell.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(atas)
        for teks, tebal in (
            (f"{pihak.peran},", True),
            (pihak.jabatan, False),
            ("\n\n\n", False),
            (pihak.nama, True),
        ):
            q = cell.add_paragraph()
            q.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = q.add_run(teks)
            run.bold = tebal
            if teks == pihak.nama:
                run.underline = True
    return tabel


def tulis_pk(pk: DokumenPK) -> bytes:
    """The .docx bytes of a Perjanjian Kinerja: the statement, signature blocks and the attachment."""
    doc = Document()
    _siapkan(doc)
    doc.core_properties.title = f"Perjanjian Kinerja {pk.unit} Tahun {pk.tahun}"
    doc.add_heading(pk.judul, level=1).alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub = doc.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub.add_run(f"{pk.unit.upper()}\n{pk.pemda.upper()}").bold = True
    for p in pk.pernyataan:
        _paragraf(doc, p)
    _tanda_tangan(doc, pk)
    _halaman_baru(doc)
    doc.add_heading(f"LAMPIRAN PERJANJIAN KINERJA TAHUN {pk.tahun}", level=1)
    _tabel(doc, pk.tabel_kinerja)
    doc.add_paragraph()
    _tabel(doc, pk.tabel_anggaran)
    _tanda_tangan(doc, pk)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
