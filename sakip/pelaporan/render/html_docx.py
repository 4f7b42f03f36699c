"""A sanitised narrative (`sakip.lib.html_aman`) written into a Word document with python-docx.

Paragraphs and headings become Word paragraphs with runs (bold/italic/underline/sub/superscript, line breaks);
`<ul>`/`<ol>` become real Word lists: every list gets its own numbering instance (a `w:num` over one of two
abstract definitions created here, with a `startOverride`), so each numbered list starts again at 1 and nested
lists take the next level; tables become Word tables with borders, a shaded repeated header row (a `<thead>` or a
first row of `<th>`), merged cells for colspan/rowspan; images (data: URIs) are embedded no wider than the text.
"""

from __future__ import annotations

import base64
import io
import re
from typing import Any

import lxml.html
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu, Pt
from docx.text.paragraph import Paragraph
from lxml import etree

from sakip.lib import html_aman

WARNA_KEPALA = "D9E2F3"
INDEN_LEVEL = 360  # twips per list level
_BLOK = {"p", "h3", "h4", "ul", "ol", "table", "img"}
_SPASI = re.compile(r"[ \t\r\n\f]+")
_DATA_URI = re.compile(r"^data:image/(png|jpeg);base64,(.*)$", re.S)
_FORMAT_NOMOR = ["decimal", "lowerLetter", "lowerRoman"] * 3
_TEKS_NOMOR = ["%{n}.", "%{n}.", "%{n}."]
_BULET = ["\u2022", "\u2013", "\u25e6"] * 3


# --- numbering ----------------------------------------------------------------------------------------------------


def _abstrak(doc: Any, jenis: str) -> int:
    """The id of this document's abstract numbering for bullets ("ul") or numbers ("ol"), created on first use."""
    cache = doc.__dict__.setdefault("_sakip_abstrak", {})
    if jenis in cache:
        return cache[jenis]
    numbering = doc.part.numbering_part.element
    ada = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    nomor = max(ada, default=0) + 1
    lvl = []
    for i in range(9):
        kiri = 720 + i * INDEN_LEVEL * 2
        if jenis == "ol":
            fmt, teks, rpr = _FORMAT_NOMOR[i], f"%{i + 1}.", ""
        else:
            fmt, teks = "bullet", _BULET[i]
            rpr = '<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/></w:rPr>'
        lvl.append(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{teks}"/>'
            f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{kiri}" w:hanging="{INDEN_LEVEL}"/></w:pPr>{rpr}</w:lvl>'
        )
    el = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{nomor}">'
        f'<w:multiLevelType w:val="hybridMultilevel"/>{"".join(lvl)}</w:abstractNum>'
    )
    pertama_num = numbering.find(qn("w:num"))
    if pertama_num is not None:
        pertama_num.addprevious(el)  # every abstractNum precedes every num in the schema
    else:
        numbering.append(el)
    cache[jenis] = nomor
    return nomor


def _instansi_daftar(doc: Any, jenis: str, level: int) -> int:
    """A new numbering instance of the abstract list: a list of its own, starting at 1 on its level."""
    abstrak = _abstrak(doc, jenis)
    numbering = doc.part.numbering_part.element
    ada = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    nomor = max(ada, default=0) + 1
    num = parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{nomor}"><w:abstractNumId w:val="{abstrak}"/>'
        f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    )
    semua = numbering.findall(qn("w:num"))
    if semua:
        semua[-1].addnext(num)  # nums stay together, before a trailing w:numIdMacAtCleanup
    else:
        numbering.append(num)
    return nomor


def _beri_nomor(paragraph: Paragraph, num_id: int, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    num = OxmlElement("w:numId")
    num.set(qn("w:val"), str(num_id))
    num_pr.append(ilvl)
    num_pr.append(num)
    ppr.insert_element_before(
        num_pr,
        *(
            "w:suppressLineNumbers",
            "w:pBdr",
            "w:shd",
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:spacing",
            "w:ind",
            "w:jc",
            "w:rPr",
        ),
    )


# --- writer -------------------------------------------------------------------------------------------------------


class _Penulis:
    def __init__(self, doc: Any, lebar: int, ukuran: Pt | None = None) -> None:
        self.doc = doc
        self.lebar = lebar  # EMU available for images and tables
        self.ukuran = ukuran

    # blocks

    def blok(self, wadah: Any, induk: etree._Element, rata: bool = True) -> None:
        """Write the children of `induk` into `wadah` (the document body or a table cell)."""
        sebaris: list[Any] = []  # loose inline content between blocks
        if induk.text and induk.text.strip():
            sebaris.append(induk.text)
        for el in induk:
            tag = el.tag if isinstance(el.tag, str) else ""
            if tag in _BLOK:
                self._paragraf_sebaris(wadah, sebaris, rata)
                sebaris = []
                self._satu_blok(wadah, el, rata)
                if el.tail and el.tail.strip():
                    sebaris.append(el.tail)
            else:
                sebaris.append(el)
        self._paragraf_sebaris(wadah, sebaris, rata)

    def _satu_blok(self, wadah: Any, el: etree._Element, rata: bool) -> None:
        tag = el.tag
        if tag in {"p", "h3", "h4"}:
            if not _ada_isi(el):
                return
            p = self._paragraf_baru(wadah)
            if tag == "p" and rata:
                p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            self.sebaris(p, el, tebal=tag in {"h3", "h4"})
            _rapikan_spasi(p)
        elif tag in {"ul", "ol"}:
            self.daftar(wadah, el, 0)
        elif tag == "table":
            self.tabel(wadah, el)
        elif tag == "img":
            p = self._paragraf_baru(wadah)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            self.gambar(p, el)

    def _paragraf_baru(self, wadah: Any, style: str | None = None) -> Paragraph:
        # a new cell holds one empty paragraph: use it for the cell's first block
        ps = getattr(wadah, "paragraphs", None)
        if ps is not None and not hasattr(wadah, "sections") and len(ps) == 1 and not ps[0].runs:
            p = ps[0]
            if len(wadah._tc.xpath("./w:tbl")) == 0 and p._p.pPr is None:
                if style:
                    p.style = style
                return p
        return wadah.add_paragraph(style=style)

    def _paragraf_sebaris(self, wadah: Any, isi: list[Any], rata: bool) -> None:
        if not any((x.strip() if isinstance(x, str) else _ada_isi(x)) for x in isi):
            return
        p = self._paragraf_baru(wadah)
        if rata:
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        for x in isi:
            if isinstance(x, str):
                self._teks(p, x, set())
            else:
                self._inline(p, x, set())
                if x.tail:
                    self._teks(p, x.tail, set())
        _rapikan_spasi(p)

    def daftar(self, wadah: Any, el: etree._Element, level: int) -> None:
        num_id = _instansi_daftar(self.doc, el.tag, min(level, 8))
        p = None
        for li in el:
            if not isinstance(li.tag, str):
                continue
            if li.tag in {"ul", "ol"}:  # a list directly inside a list (LibreOffice writes these)
                self.daftar(wadah, li, level + 1)
                continue
            p = self._paragraf_baru(wadah, "List Paragraph")
            _beri_nomor(p, num_id, min(level, 8))
            kosong = True
            if li.text and li.text.strip():
                self._teks(p, li.text, set())
                kosong = False
            for anak in li:
                tag = anak.tag if isinstance(anak.tag, str) else ""
                if tag in {"ul", "ol"}:
                    self.daftar(wadah, anak, level + 1)
                elif tag in {"p", "h3", "h4"} and kosong:
                    self.sebaris(p, anak)
                    kosong = False
                elif tag in {"p", "h3", "h4"}:
                    lanjut = self._paragraf_baru(wadah, "List Paragraph")
                    self.sebaris(lanjut, anak)
                    _rapikan_spasi(lanjut)
                elif tag == "table":
                    self.tabel(wadah, anak)
                else:
                    self._inline(p, anak, set())
                    kosong = False
                if anak.tail and anak.tail.strip():
                    self._teks(p, anak.tail, set())
            _rapikan_spasi(p)
        if p is not None and level == 0:
            # a list ends with a paragraph's space, also before another list (List Paragraph's contextual spacing
            # would otherwise run two lists together)
            akhir = wadah.paragraphs[-1]
            akhir.paragraph_format.space_after = Pt(6)
            tanpa = OxmlElement("w:contextualSpacing")
            tanpa.set(qn("w:val"), "0")
            akhir._p.get_or_add_pPr().insert_element_before(
                tanpa, "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:rPr"
            )

    def tabel(self, wadah: Any, el: etree._Element) -> None:
        baris: list[tuple[etree._Element, bool]] = []
        for bagian in el:
            if not isinstance(bagian.tag, str):
                continue
            if bagian.tag == "tr":
                baris.append((bagian, False))
            elif bagian.tag in {"thead", "tbody", "tfoot"}:
                baris += [(tr, bagian.tag == "thead") for tr in bagian if tr.tag == "tr"]
        baris = [(tr, kepala) for tr, kepala in baris if any(td.tag in {"td", "th"} for td in tr)]
        if not baris:
            return
        # the grid: each cell's (row, col, rowspan, colspan), with rowspans occupying the rows below
        terisi: set[tuple[int, int]] = set()
        sel: list[tuple[int, int, int, int, etree._Element]] = []
        for r, (tr, _) in enumerate(baris):
            c = 0
            for td in tr:
                if td.tag not in {"td", "th"}:
                    continue
                while (r, c) in terisi:
                    c += 1
                rs = max(1, min(int(td.get("rowspan", "1") or 1), len(baris) - r))
                cs = max(1, int(td.get("colspan", "1") or 1))
                for dr in range(rs):
                    for dc in range(cs):
                        terisi.add((r + dr, c + dc))
                sel.append((r, c, rs, cs, td))
                c += cs
        n_kolom = max(c for _, c in terisi) + 1
        tabel = wadah.add_table(rows=len(baris), cols=n_kolom)
        tabel.style = self.doc.styles["Table Grid"]
        tabel.alignment = WD_TABLE_ALIGNMENT.CENTER
        lebar = self.lebar // n_kolom
        for kolom in tabel.columns:
            kolom.width = lebar
        for row in tabel.rows:
            for cell in row.cells:
                cell.width = lebar
        kepala_baris = {r for r, (tr, kepala) in enumerate(baris) if kepala}
        if not kepala_baris and all(td.tag == "th" for td in baris[0][0] if isinstance(td.tag, str)):
            kepala_baris = {0}
        for r in sorted(kepala_baris):
            if r == 0 or r - 1 in kepala_baris:
                tr_pr = tabel.rows[r]._tr.get_or_add_trPr()
                h = OxmlElement("w:tblHeader")
                h.set(qn("w:val"), "true")
                tr_pr.append(h)
        anak = _Penulis(self.doc, lebar, Pt(9))
        for r, c, rs, cs, td in sel:
            cell = tabel.cell(r, c)
            if rs > 1 or cs > 1:
                cell = cell.merge(tabel.cell(r + rs - 1, c + cs - 1))
            if r in kepala_baris or td.tag == "th":
                _arsir(cell)
            anak.blok(cell, td, rata=False)
            if r in kepala_baris or td.tag == "th":
                for p in cell.paragraphs:
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    for run in p.runs:
                        run.bold = True
            for p in cell.paragraphs:
                p.paragraph_format.space_after = Pt(0)
        if not hasattr(wadah, "sections"):
            return
        self.doc.add_paragraph().paragraph_format.space_after = Pt(0)  # keeps two pasted tables apart

    # inline content

    def sebaris(self, p: Paragraph, el: etree._Element, tebal: bool = False) -> None:
        gaya = {"b"} if tebal else set()
        if el.text:
            self._teks(p, el.text, gaya)
        for anak in el:
            self._inline(p, anak, gaya)
            if anak.tail:
                self._teks(p, anak.tail, gaya)

    def _inline(self, p: Paragraph, el: etree._Element, gaya: set[str]) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "br":
            p.add_run().add_break()
        elif tag == "img":
            self.gambar(p, el)
        else:
            baru = set(gaya)
            baru |= {
                "strong": {"b"},
                "b": {"b"},
                "em": {"i"},
                "i": {"i"},
                "u": {"u"},
                "sub": {"sub"},
                "sup": {"sup"},
            }.get(tag, set())
            if el.text:
                self._teks(p, el.text, baru)
            for anak in el:
                self._inline(p, anak, baru)
                if anak.tail:
                    self._teks(p, anak.tail, baru)

    def _teks(self, p: Paragraph, teks: str, gaya: set[str]) -> None:
        teks = _SPASI.sub(" ", teks)
        if not teks:
            return
        run = p.add_run(teks)
        run.bold = "b" in gaya or None
        run.italic = "i" in gaya or None
        run.underline = "u" in gaya or None
        if "sub" in gaya:
            run.font.subscript = True
        if "sup" in gaya:
            run.font.superscript = True
        if self.ukuran:
            run.font.size = self.ukuran

    def gambar(self, p: Paragraph, el: etree._Element) -> None:
        cocok = _DATA_URI.match(el.get("src") or "")
        if not cocok:
            return
        try:
            data = base64.b64decode(cocok.group(2), validate=False)
            run = p.add_run()
            bentuk = run.add_picture(io.BytesIO(data))
        except Exception:
            return
        if bentuk.width > self.lebar:
            skala = self.lebar / bentuk.width
            bentuk.width = Emu(self.lebar)
            bentuk.height = Emu(int(bentuk.height * skala))


def _ada_isi(el: etree._Element) -> bool:
    teks = el.text_content().replace("\xa0", "").strip() if hasattr(el, "text_content") else ""
    return bool(teks) or el.find(".//img") is not None or el.tag == "img"


def _rapikan_spasi(p: Paragraph) -> None:
    """HTML collapses leading/trailing white space of a block: so does Word's paragraph here."""
    runs = [r for r in p.runs if r.text]
    if runs:
        runs[0].text = runs[0].text.lstrip()
        runs[-1].text = runs[-1].text.rstrip()


def _arsir(cell: Any) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), WARNA_KEPALA)
    tc_pr.append(shd)


def tulis(doc: Any, html: str, lebar: int) -> None:
    """Append a narrative (stored HTML or legacy plain text) to the document; `lebar` is the text width in EMU."""
    aman = html_aman.ke_html(html)
    if not aman:
        return
    akar = lxml.html.fragment_fromstring(aman, create_parent="div")
    _Penulis(doc, lebar).blok(doc, akar)
