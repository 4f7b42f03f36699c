"""One typeface for every generated Word document, and only typefaces a server can substitute exactly.

The documents are written in Arial. On Windows, Word has it; on a Debian server LibreOffice renders the PDF with
Liberation Sans (package `fonts-liberation2`), which has the same metrics, so a line wraps at the same word in the
.docx a user opens and in the PDF they download. python-docx's default template names other fonts too: the theme's
Calibri (headings) and Cambria (body), the Symbol font of its bullets, "Courier" for the macro styles, and two
Japanese fonts in the font table. Left in place, a heading would be set in whatever the server substitutes for
Calibri, and the bullets in OpenSymbol. `seragamkan` rewrites every place a font is named so that the document names
only Arial (Liberation Sans) and Courier New (Liberation Mono), and sets the proofing language to Indonesian.
"""

from __future__ import annotations

import re

from docx.document import Document as DocumentObject
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

HURUF = "Arial"  # substituted by Liberation Sans (fonts-liberation2)
HURUF_MONO = "Courier New"  # substituted by Liberation Mono (fonts-liberation2)
BAHASA = "id-ID"

# Every font a generated document may name; tests check the .docx against this set.
DIIZINKAN = frozenset({HURUF, HURUF_MONO})

_ATRIBUT_HURUF = ("ascii", "hAnsi", "eastAsia", "cs")
_ATRIBUT_TEMA = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")
_BUTIR_SYMBOL = "\uf0b7"  # the Symbol font's bullet, a private-use code point in any other font
_BUTIR = "\u2022"

_TABEL_HURUF = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    f'<w:font w:name="{HURUF}"><w:panose1 w:val="020B0604020202020204"/><w:charset w:val="00"/>'
    '<w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
    f'<w:font w:name="{HURUF_MONO}"><w:panose1 w:val="02070309020205020404"/><w:charset w:val="00"/>'
    '<w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'
    "</w:fonts>"
)


def _nama_untuk(r_fonts: object) -> str:
    lama = {r_fonts.get(qn(f"w:{a}")) for a in _ATRIBUT_HURUF}  # type: ignore[attr-defined]
    return HURUF_MONO if any(n and "courier" in n.lower() for n in lama) else HURUF


def _tulis_r_fonts(r_fonts: object, nama: str) -> None:
    for a in (*_ATRIBUT_TEMA, "hint"):
        r_fonts.attrib.pop(qn(f"w:{a}"), None)  # type: ignore[attr-defined]
    for a in _ATRIBUT_HURUF:
        r_fonts.set(qn(f"w:{a}"), nama)  # type: ignore[attr-defined]


def _gaya(styles_el: object) -> None:
    """Every rFonts of the styles names Arial (Courier New where it named Courier); the defaults too."""
    for r_fonts in styles_el.iter(qn("w:rFonts")):  # type: ignore[attr-defined]
        _tulis_r_fonts(r_fonts, _nama_untuk(r_fonts))
    doc_defaults = styles_el.find(qn("w:docDefaults"))  # type: ignore[attr-defined]
    if doc_defaults is None:
        return
    r_pr_default = doc_defaults.find(qn("w:rPrDefault"))
    if r_pr_default is None:
        r_pr_default = OxmlElement("w:rPrDefault")
        doc_defaults.insert(0, r_pr_default)
    r_pr = r_pr_default.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = OxmlElement("w:rPr")
        r_pr_default.append(r_pr)
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, r_fonts)
    _tulis_r_fonts(r_fonts, HURUF)
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    for a in ("val", "eastAsia", "bidi"):
        lang.set(qn(f"w:{a}"), BAHASA)


def _penomoran(numbering_el: object) -> None:
    """Bullets drawn with Symbol's private-use glyph become a real bullet character in Arial."""
    for lvl in numbering_el.iter(qn("w:lvl")):  # type: ignore[attr-defined]
        teks = lvl.find(qn("w:lvlText"))
        if teks is not None and teks.get(qn("w:val")) == _BUTIR_SYMBOL:
            teks.set(qn("w:val"), _BUTIR)
        for r_fonts in lvl.iter(qn("w:rFonts")):
            _tulis_r_fonts(r_fonts, _nama_untuk(r_fonts))


_TYPEFACE = re.compile(rb'typeface="[^"]+"')
_R_FONTS = re.compile(rb"<w:rFonts\b[^>]*/>")


def _tema(blob: bytes) -> bytes:
    """The theme's heading and body fonts (and those of every script) name Arial."""
    return _TYPEFACE.sub(f'typeface="{HURUF}"'.encode(), blob)


def _gaya_lama(blob: bytes) -> bytes:
    """stylesWithEffects.xml (read by Word 2010 only) gets the same fonts as styles.xml."""

    def ganti(m: re.Match[bytes]) -> bytes:
        nama = HURUF_MONO if b"Courier" in m.group(0) else HURUF
        return f'<w:rFonts w:ascii="{nama}" w:hAnsi="{nama}" w:eastAsia="{nama}" w:cs="{nama}"/>'.encode()

    return _R_FONTS.sub(ganti, blob)


def seragamkan(doc: DocumentObject) -> None:
    """Make the document name only Arial and Courier New, in Indonesian (see the module docstring)."""
    _gaya(doc.styles.element)
    _penomoran(doc.part.numbering_part.element)
    for part in doc.part.package.iter_parts():
        nama = str(part.partname)
        if nama.startswith("/word/theme/"):
            part._blob = _tema(part.blob)  # generic part: its bytes are what is saved
        elif nama == "/word/stylesWithEffects.xml":
            part._blob = _gaya_lama(part.blob)
        elif nama == "/word/fontTable.xml":
            part._blob = _TABEL_HURUF.encode()
