"""Rich narrative text: HTML pasted from Word/LibreOffice, reduced to a safe allow-list (pure; no Django).

`bersihkan(html)` is what is stored: paragraphs, line breaks, bold/italic/underline, bullet and numbered lists,
simple tables (colspan/rowspan), small headings and images carried as data: URIs (PNG/JPEG only, size-capped).
Word's clipboard HTML writes its lists as paragraphs (`<p style="mso-list:l0 level1 lfo1">` with the marker in a
`<span style="mso-list:Ignore">`); they are turned into real `<ul>`/`<ol>` before the allow-list is applied.

Existing narratives are plain text (a paragraph per line, "- " and "1. " lines as list items): `adalah_html` tells
them apart, `ke_html` renders either as safe HTML, and `simpan` keeps plain text as plain text (so data typed
without the editor is unchanged).
"""

from __future__ import annotations

import html as html_lib
import re

import lxml.html  # type: ignore[import-untyped]
import nh3
from lxml import etree

TAG = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "sub",
    "sup",
    "ul",
    "ol",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "img",
    "h3",
    "h4",
}
ATRIBUT = {"td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}, "img": {"src", "alt"}}
# Word's clipboard carries a document head, conditional comments and XML islands: their text is not content.
BUANG_ISI = {"script", "style", "head", "title", "xml", "template", "noscript", "iframe", "object"}
UKURAN_GAMBAR_MAKS = (
    1024 * 1024
)  # bytes of one image (its data: URI is about 4/3 of that; a POST is capped at 2,5 MB)
_DATA_URI = re.compile(r"^data:image/(png|jpeg);base64,[A-Za-z0-9+/=\s]+$")
_TANDA_HTML = re.compile(
    r"<(p|br|ul|ol|li|table|tr|td|strong|em|b|i|u|h[1-6]|img|div|span)(\s[^<>]*)?/?>", re.I
)
_MSO_LIST = re.compile(r"mso-list\s*:\s*(l\d+)\s+level(\d+)", re.I)
_PENANDA_NOMOR = re.compile(r"^\(?[0-9a-zA-Z]{1,5}[.)]$")


def adalah_html(teks: str) -> bool:
    """Whether a stored narrative is HTML (from the editor) rather than legacy plain text."""
    return bool(teks and _TANDA_HTML.search(teks))


def _saring_atribut(tag: str, atribut: str, nilai: str) -> str | None:
    if tag == "img" and atribut == "src":
        nilai = nilai.strip()
        if not _DATA_URI.match(nilai) or len(nilai) > UKURAN_GAMBAR_MAKS * 4 // 3 + 64:
            return None
        return re.sub(r"\s+", "", nilai)
    if atribut in {"colspan", "rowspan"}:
        return nilai if nilai.isdigit() and 1 <= int(nilai) <= 50 else None
    return nilai


def _gaya(el: etree._Element) -> str:
    return (el.get("style") or "").lower()


def _lepas(el: etree._Element) -> None:
    """Remove an element, keeping its tail text in place."""
    induk = el.getparent()
    if induk is None:
        return
    if el.tail:
        sebelum = el.getprevious()
        if sebelum is not None:
            sebelum.tail = (sebelum.tail or "") + el.tail
        else:
            induk.text = (induk.text or "") + el.tail
    induk.remove(el)


def _daftar_word(body: etree._Element) -> None:
    """Turn Word's list paragraphs (mso-list) into nested <ul>/<ol> elements, one list per run of paragraphs."""
    for induk in list(body.iter()):
        anak = list(induk)
        i = 0
        while i < len(anak):
            el = anak[i]
            if not _adalah_butir_word(el):
                i += 1
                continue
            # a run of consecutive list paragraphs of the same Word list
            run = [el]
            while i + len(run) < len(anak) and _adalah_butir_word(anak[i + len(run)]):
                run.append(anak[i + len(run)])
            _ganti_dengan_daftar(induk, run)
            i += len(run)


def _adalah_butir_word(el: etree._Element) -> bool:
    return (
        isinstance(el.tag, str)
        and el.tag in {"p", "h1", "h2", "h3", "h4"}
        and bool(_MSO_LIST.search(_gaya(el)))
    )


def _penanda(el: etree._Element) -> str:
    """Take the list marker ("1.", "·", "a)") out of a Word list paragraph and return it."""
    for span in el.iter("span"):
        if "mso-list:ignore" in _gaya(span).replace(" ", ""):
            teks = str(span.text_content()).replace("\xa0", " ").strip()
            _lepas(span)
            return teks
    return ""


def _ganti_dengan_daftar(induk: etree._Element, run: list[etree._Element]) -> None:
    tumpukan: list[tuple[int, str, etree._Element]] = []  # (level, list id, <ul>/<ol>)
    for p in run:
        cocok = _MSO_LIST.search(_gaya(p))
        assert cocok is not None
        id_daftar, level = cocok.group(1), int(cocok.group(2))
        penanda = _penanda(p)
        jenis = "ol" if _PENANDA_NOMOR.match(penanda) else "ul"
        while tumpukan and (
            tumpukan[-1][0] > level or (tumpukan[-1][0] == level and tumpukan[-1][1] != id_daftar)
        ):
            tumpukan.pop()
        if not tumpukan or tumpukan[-1][0] < level:
            daftar = etree.Element(jenis)
            if tumpukan:
                butir_terakhir = tumpukan[-1][2][-1]
                butir_terakhir.append(daftar)
            else:
                induk.insert(induk.index(p), daftar)
            tumpukan.append((level, id_daftar, daftar))
        li = etree.SubElement(tumpukan[-1][2], "li")
        li.text = p.text
        for anak in list(p):
            li.append(anak)
        li.tail = None
        induk.remove(p)


def _gaya_ke_tag(body: etree._Element) -> None:
    """Bold/italic/underline written as CSS on spans (Google Docs, LibreOffice) become tags."""
    for span in list(body.iter("span", "font")):
        gaya = _gaya(span).replace(" ", "")
        bungkus = []
        if re.search(r"font-weight:(bold|[6-9]00)", gaya):
            bungkus.append("strong")
        if "font-style:italic" in gaya:
            bungkus.append("em")
        if "text-decoration:underline" in gaya or "text-decoration-line:underline" in gaya:
            bungkus.append("u")
        for tag in bungkus:
            dalam = etree.Element(tag)
            dalam.text, span.text = span.text, None
            for anak in list(span):
                dalam.append(anak)
            span.append(dalam)


def _siapkan(html: str) -> str:
    """Word/LibreOffice clipboard HTML with its lists as real lists; the body's inner HTML."""
    try:
        doc = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return html
    body = doc.find("body")
    if body is None:
        body = doc
    for el in list(body.iter(etree.Comment, etree.ProcessingInstruction)):
        _lepas(el)
    _daftar_word(body)
    _gaya_ke_tag(body)
    bagian = [html_lib.escape(body.text or "", quote=False)]
    bagian += [lxml.html.tostring(anak, encoding="unicode") for anak in body]
    return "".join(bagian)


def bersihkan(html: str) -> str:
    """The safe HTML of a pasted or typed narrative (empty when nothing visible is left)."""
    if not html or not html.strip():
        return ""
    bersih = nh3.clean(
        _siapkan(html),
        tags=TAG,
        attributes=ATRIBUT,
        attribute_filter=_saring_atribut,
        clean_content_tags=BUANG_ISI,
        strip_comments=True,
        link_rel=None,
        url_schemes={"data"},
    )
    bersih = re.sub(r"<img(?![^>]*\ssrc=)[^>]*>", "", bersih)  # an image whose source was refused
    terlihat = re.sub(r"<[^>]+>|&nbsp;|\s", "", bersih)
    if not terlihat and "<img" not in bersih and "<table" not in bersih:
        return ""
    return bersih.strip()


def simpan(teks: str) -> str:
    """What a narrative field stores: sanitised HTML from the editor, or plain text as typed without it."""
    if not adalah_html(teks):
        return (teks or "").strip()
    return bersihkan(teks)


_BUTIR_TEKS = re.compile(r"^[-–•*·]\s+(.*)$")
_NOMOR_TEKS = re.compile(r"^\d{1,2}[.)]\s+(.*)$")


def _teks_ke_html(teks: str) -> str:
    """Plain text as HTML: each line a paragraph ("- " lines a bullet list, "1. " lines a numbered list)."""
    keluar: list[str] = []
    daftar: tuple[str, list[str]] | None = None

    def tutup() -> None:
        nonlocal daftar
        if daftar is not None:
            jenis, butir = daftar
            keluar.append(f"<{jenis}>" + "".join(f"<li>{b}</li>" for b in butir) + f"</{jenis}>")
            daftar = None

    for baris in teks.replace("\r\n", "\n").split("\n"):
        isi = " ".join(baris.split())
        if not isi:
            tutup()
            continue
        cocok = _BUTIR_TEKS.match(isi) or _NOMOR_TEKS.match(isi)
        if cocok is None:
            tutup()
            keluar.append(f"<p>{html_lib.escape(isi)}</p>")
            continue
        jenis = "ul" if _BUTIR_TEKS.match(isi) else "ol"
        if daftar is None or daftar[0] != jenis:
            tutup()
            daftar = (jenis, [])
        daftar[1].append(html_lib.escape(cocok.group(1)))
    tutup()
    return "".join(keluar)


def ke_html(teks: str) -> str:
    """Safe HTML for display: stored HTML sanitised again; plain text (older rows, typed without the editor) with
    each line a paragraph and its "- " / "1. " lines as lists, instead of one paragraph with manual line breaks."""
    if not teks:
        return ""
    if adalah_html(teks):
        return bersihkan(teks)
    return _teks_ke_html(teks)


def ke_teks(teks: str) -> str:
    """The plain text of a narrative: blocks (paragraphs, list items, table rows) separated by blank lines."""
    aman = ke_html(teks)
    if not aman:
        return ""
    akar = lxml.html.fragment_fromstring(aman, create_parent="div")
    blok = []
    for el in akar.iter("p", "li", "tr", "h3", "h4"):
        if el.tag != "tr" and any(a.tag in {"td", "th"} for a in el.iterancestors()):
            continue  # a cell's paragraphs are part of its row
        if el.tag == "tr":
            isi = " | ".join(" ".join(td.text_content().split()) for td in el if td.tag in {"td", "th"})
        elif el.find(".//p") is not None or el.find(".//li") is not None:
            continue  # a container: its inner blocks are listed themselves
        else:
            isi = " ".join(el.text_content().split())
        if isi:
            blok.append(isi)
    return "\n\n".join(blok)
