"""Rich narratives end to end: Word's clipboard HTML saved through the pages, printed as Word lists and tables;
the report's text slots and the Lampiran (issue #16 items 2 and 3)."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import pytest
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from PIL import Image

from sakip.lib import html_aman
from sakip.pelaporan.models import TeksLaporan
from sakip.pelaporan.render import html_docx
from sakip.pengukuran.models import Narasi
from sakip.perencanaan import services as perencanaan
from sakip.perencanaan.tests.factories import renstra_dengan_iku

WORD = (Path(__file__).parents[2] / "lib" / "tests" / "data" / "tempel_word.html").read_text(encoding="utf-8")

# What LibreOffice Writer puts on the clipboard: real lists, each item a <p> with its own class and style.
LIBREOFFICE = """<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0 Transitional//EN"><html><head>
<meta http-equiv="content-type" content="text/html; charset=utf-8"/><title></title>
<meta name="generator" content="LibreOffice 7.4.7.2 (Linux)"/>
<style type="text/css">@page { size: 21cm 29.7cm; margin: 2cm } p { line-height: 115%; margin-bottom: 0.25cm }</style>
</head><body lang="id-ID" dir="ltr">
<p style="line-height: 100%; margin-bottom: 0cm">Pengantar <i>output</i>.</p>
<ul><li><p style="margin-bottom: 0cm">Butir A</p></li><li><p style="margin-bottom: 0cm">Butir B</p></li></ul>
<ol><li><p style="margin-bottom: 0cm">Nomor satu</p></li><li><p style="margin-bottom: 0cm">Nomor dua</p></li></ol>
<ol><li><p>Lagi satu</p></li></ol>
<table width="100%" cellpadding="4" cellspacing="0"><col width="85*"/><col width="85*"/><col width="85*"/>
<tr valign="top"><td style="border: 1px solid #000000"><p>a</p></td><td><p>b</p></td><td><p>c</p></td></tr>
<tr valign="top"><td><p>d</p></td><td><p>e</p></td><td><p>f</p></td></tr>
<tr valign="top"><td><p>g</p></td><td><p>h</p></td><td><p>i</p></td></tr>
</table></body></html>"""

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _png(lebar: int, tinggi: int) -> str:
    buf = io.BytesIO()
    Image.new("RGB", (lebar, tinggi), "blue").save(buf, format="PNG", dpi=(96, 96))
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def _docx(*html: str) -> Document:
    doc = Document()
    lebar = int(doc.sections[0].page_width - doc.sections[0].left_margin - doc.sections[0].right_margin)
    for h in html:
        html_docx.tulis(doc, html_aman.bersihkan(h), lebar)
    buf = io.BytesIO()
    doc.save(buf)
    return Document(io.BytesIO(buf.getvalue()))


def _daftar(doc: Document) -> list[tuple[str, int, int]]:
    """(text, numId, ilvl) of every numbered paragraph, in order."""
    hasil = []
    for p in doc.paragraphs:
        num_pr = p._p.pPr.numPr if p._p.pPr is not None else None
        if num_pr is not None:
            hasil.append((p.text, int(num_pr.numId.val), int(num_pr.ilvl.val)))
    return hasil


def _mulai_dan_format(doc: Document, num_id: int, ilvl: int) -> tuple[int, str]:
    """Where a numbering instance starts on a level and its number format (bullet, decimal, ...)."""
    numbering = doc.part.numbering_part.element
    num = next(n for n in numbering.findall(qn("w:num")) if int(n.get(qn("w:numId"))) == num_id)
    abstrak_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstrak = next(
        a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstrak_id
    )
    lvl = next(lv for lv in abstrak.findall(qn("w:lvl")) if lv.get(qn("w:ilvl")) == str(ilvl))
    fmt = lvl.find(qn("w:numFmt")).get(qn("w:val"))
    override = [o for o in num.findall(qn("w:lvlOverride")) if o.get(qn("w:ilvl")) == str(ilvl)]
    if override and override[0].find(qn("w:startOverride")) is not None:
        return int(override[0].find(qn("w:startOverride")).get(qn("w:val"))), fmt
    return int(lvl.find(qn("w:start")).get(qn("w:val"))), fmt


def _tabel_3x3(doc: Document) -> list[list[str]]:
    tabel = [t for t in doc.tables if len(t.rows) == 3 and len(t.columns) == 3]
    assert len(tabel) == 1
    tbl = tabel[0]._tbl
    assert tbl.tag == f"{W}tbl"
    assert [len(tr.findall(f"{W}tc")) for tr in tbl.findall(f"{W}tr")] == [3, 3, 3]
    return [[c.text for c in r.cells] for r in tabel[0].rows]


# --- sanitiser + renderer -----------------------------------------------------------------------------------------


def test_word_clipboard_html_becomes_word_lists_each_restarting_at_one_and_a_word_table():
    doc = _docx(WORD)
    daftar = _daftar(doc)
    assert [t for t, _, _ in daftar] == [
        "Rapat koordinasi triwulanan",
        "Pemantauan melalui e-monev",
        "Menyusun rencana aksi",
        "Melaksanakan monitoring",
        "Mengevaluasi hasil",
        "Langkah lanjutan pertama",
        "Langkah lanjutan kedua",
    ]
    butir, nomor1, nomor2 = daftar[0][1], daftar[2][1], daftar[5][1]
    assert {d[1] for d in daftar[:2]} == {butir}
    assert {d[1] for d in daftar[2:5]} == {nomor1}
    assert {d[1] for d in daftar[5:]} == {nomor2}
    assert len({butir, nomor1, nomor2}) == 3  # three lists, three numbering instances
    assert _mulai_dan_format(doc, butir, 0)[1] == "bullet"
    assert _mulai_dan_format(doc, nomor1, 0) == (1, "decimal")
    assert _mulai_dan_format(doc, nomor2, 0) == (1, "decimal")  # the second numbered list starts again at 1
    assert all(
        p.style.name == "List Paragraph" for p in doc.paragraphs if p.text in {t for t, _, _ in daftar}
    )
    # no marker typed into the text
    assert not any(p.text.startswith(("·", "1.", "2.")) for p in doc.paragraphs)
    assert _tabel_3x3(doc) == [
        ["Indikator", "Target", "Realisasi"],
        ["IKM", "85", "87,5"],
        ["Nilai SAKIP", "70", "72,1"],
    ]
    kalimat = doc.paragraphs[0]
    assert [(r.text, r.bold, r.italic) for r in kalimat.runs if r.bold or r.italic] == [
        ("koordinasi", True, None),
        ("dashboard", None, True),
    ]


def test_libreoffice_clipboard_html_gives_the_same_lists_and_table():
    doc = _docx(LIBREOFFICE)
    daftar = _daftar(doc)
    assert [t for t, _, _ in daftar] == ["Butir A", "Butir B", "Nomor satu", "Nomor dua", "Lagi satu"]
    assert len({n for _, n, _ in daftar}) == 3
    assert _mulai_dan_format(doc, daftar[4][1], 0) == (1, "decimal")
    assert _tabel_3x3(doc) == [["a", "b", "c"], ["d", "e", "f"], ["g", "h", "i"]]


def test_nested_list_takes_the_next_level_and_its_own_count():
    html = "<ol><li>Satu<ol><li>Satu-a</li><li>Satu-b</li></ol></li><li>Dua<ol><li>Dua-a</li></ol></li></ol>"
    daftar = _daftar(_docx(html))
    assert [(t, lvl) for t, _, lvl in daftar] == [
        ("Satu", 0),
        ("Satu-a", 1),
        ("Satu-b", 1),
        ("Dua", 0),
        ("Dua-a", 1),
    ]
    assert daftar[1][1] != daftar[4][1]  # "Dua-a" counts from 1 again: a numbering instance of its own


def test_header_row_merged_cells_and_images_no_wider_than_the_text():
    html = (
        "<table><thead><tr><th colspan='2'>Kepala</th></tr></thead>"
        "<tbody><tr><td rowspan='2'>x</td><td>y</td></tr><tr><td>z</td></tr></tbody></table>"
        f"<p><img src='{_png(3000, 600)}'></p><p>Kecil <img src='{_png(50, 20)}'></p>"
    )
    doc = _docx(html)
    tabel = doc.tables[0]
    assert len(tabel.rows) == 3
    assert len(tabel.columns) == 2
    assert tabel.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert tabel.cell(0, 0)._tc is tabel.cell(0, 1)._tc  # colspan merged
    assert tabel.cell(1, 0)._tc.tcPr.find(qn("w:vMerge")) is not None  # rowspan merged
    assert tabel.rows[0].cells[0].paragraphs[0].runs[0].bold is True
    teks = doc.sections[0].page_width - doc.sections[0].left_margin - doc.sections[0].right_margin
    gambar = doc.inline_shapes
    assert len(gambar) == 2
    assert gambar[0].width <= teks
    assert abs(gambar[0].height / gambar[0].width - 600 / 3000) < 0.01  # the aspect ratio kept
    assert gambar[1].width < teks


def test_plain_text_narrative_prints_a_paragraph_per_line_and_its_dash_lines_as_a_word_list():
    doc = _docx()
    lebar = int(doc.sections[0].page_width - doc.sections[0].left_margin - doc.sections[0].right_margin)
    html_docx.tulis(doc, "Baris satu: a < b.\n- butir satu;\n- butir dua.\n\nParagraf dua.", lebar)
    assert [p.text for p in doc.paragraphs] == [
        "Baris satu: a < b.",
        "butir satu;",
        "butir dua.",
        "Paragraf dua.",
    ]
    assert [t for t, _, _ in _daftar(doc)] == ["butir satu;", "butir dua."]
    assert not doc.element.body.findall(f".//{W}br")  # no manual line breaks
    assert doc.paragraphs[0].alignment == 3  # WD_ALIGN_PARAGRAPH.JUSTIFY, as before


@pytest.mark.parametrize(
    "html",
    [
        "<table><tr><td><table><tr><td>dalam</td></tr></table></td><td><ul><li>butir</li></ul></td></tr></table>",
        "<li>butir tanpa daftar</li><p>lalu</p>",
        "<ul></ul><ol><li></li></ol><table></table><table><tr></tr></table>",
        "<table><tr><td colspan='9' rowspan='9'>a</td></tr><tr><td>b</td><td>c</td></tr></table>",
        "<ul><li><p>satu</p><p>dua</p><table><tr><td>t</td></tr></table></li></ul>",
        "<p><img src='data:image/png;base64,AAAA'>rusak</p><h3>Judul</h3><p>a<br>b</p>",
        "teks lepas <b>tebal</b><p>paragraf</p> ekor",
    ],
)
def test_odd_but_sanitised_html_never_stops_the_report(html):
    doc = _docx(html)
    teks = " ".join(t.text or "" for t in doc.element.body.iter(f"{W}t"))  # also inside nested tables
    for kata in re.findall(r">([a-z]+)", html):  # every word of the input is somewhere in the document
        assert kata in teks, kata


# --- through the pages and the LKjIP ------------------------------------------------------------------------------


@pytest.fixture
def renstra(org, operator_a, pimpinan_a, operator_b):
    return renstra_dengan_iku(org.biro_a, by=operator_a)


def _unduh_lkjip(client, renstra) -> Document:
    response = client.get(reverse("pelaporan:lkjip_docx", args=[renstra.pk, 2024]))
    assert response.status_code == 200
    return Document(io.BytesIO(response.content))


def _url_narasi(indikator) -> str:
    return reverse("pengukuran:simpan_narasi", args=[indikator.pk]) + "?tahun=2024"


def test_narrative_pasted_from_word_is_stored_sanitised_and_printed_as_lists_and_a_table(
    client, renstra, operator_a
):
    indikator = renstra.indikator.order_by("kode").first()
    client.force_login(operator_a)
    response = client.post(_url_narasi(indikator), {"analisis": WORD, "solusi": "Teks biasa\n- butir"})
    assert response.status_code == 302
    narasi = Narasi.objects.get(indikator=indikator, tahun=2024)
    assert narasi.analisis == html_aman.bersihkan(WORD)
    assert "<script" not in narasi.analisis
    assert "mso-" not in narasi.analisis
    assert narasi.solusi == "Teks biasa\n- butir"  # plain text typed without the editor stays plain

    doc = _unduh_lkjip(client, renstra)
    daftar = _daftar(doc)
    assert [t for t, _, _ in daftar if t.startswith(("Menyusun", "Melaksanakan", "Mengevaluasi"))] == [
        "Menyusun rencana aksi",
        "Melaksanakan monitoring",
        "Mengevaluasi hasil",
    ]
    nomor = next(n for t, n, _ in daftar if t == "Menyusun rencana aksi")
    assert _mulai_dan_format(doc, nomor, 0) == (1, "decimal")
    assert _tabel_3x3(doc)[2] == ["Nilai SAKIP", "70", "72,1"]
    teks = [p.text for p in doc.paragraphs]
    assert "(… tidak disalin)" not in "\n".join(teks)
    i = teks.index("Solusi / upaya")
    assert teks[i + 1 : i + 3] == ["Teks biasa", "butir"]
    assert doc.paragraphs[teks.index("butir")]._p.pPr.numPr is not None


def test_indicator_page_shows_the_editor_to_the_operator_and_the_rendered_narrative_to_the_reader(
    client, renstra, operator_a, pimpinan_a
):
    indikator = renstra.indikator.order_by("kode").first()
    client.force_login(operator_a)
    client.post(_url_narasi(indikator), {"analisis": WORD})
    url = reverse("pengukuran:indikator", args=[indikator.pk]) + "?tahun=2024"
    body = client.get(url).content.decode()
    assert "data-editor-narasi" in body
    assert "js/editor-narasi.js" in body
    client.force_login(pimpinan_a)
    body = client.get(url).content.decode()
    assert "data-editor-narasi" not in body
    assert '<div class="narasi"><p>Capaian' in body
    assert "<ol><li>Menyusun rencana aksi</li>" in body
    assert "alert" not in body


def test_report_text_slots_replace_the_generated_sections_in_the_lkjip(client, renstra, operator_a):
    client.force_login(operator_a)
    url = reverse("pelaporan:teks", args=[renstra.unit_kerja_id, 2024])
    body = client.get(url).content.decode()
    for label in ("II.A", "II.B", "II.C.1", "III.A", "provinsi/nasional", "keberhasilan/kegagalan"):
        assert label in body
    isian = dict.fromkeys(("kata_pengantar", "pendahuluan", "penutup", "analisis_program"), "")
    isian |= {
        "pengantar_renstra": "<p>Pengantar <em>Renstra</em> kami.</p>",
        "pengantar_iku": "<ul><li>IKU pertama</li><li>IKU kedua</li></ul>",
        "rencana_anggaran": "<p>DPA kami Rp 10.</p>",
        "penutup_lhe": "<p>Tindak lanjut rutin.</p><script>alert(1)</script>",
        "perbandingan_kinerja": "Tidak dapat dibandingkan.",
        "versi": "",
    }
    assert client.post(url, isian).status_code == 302
    teks = TeksLaporan.objects.get(unit_kerja=renstra.unit_kerja, tahun=2024)
    assert teks.penutup_lhe == "<p>Tindak lanjut rutin.</p>"
    # the audit trail keeps the version and its author
    jejak = teks.history.get()
    assert jejak.history_user == operator_a
    assert jejak.pengantar_iku == "<ul><li>IKU pertama</li><li>IKU kedua</li></ul>"

    doc = _unduh_lkjip(client, renstra)
    paragraf = [(p.text, p.style.name) for p in doc.paragraphs]
    teks_saja = [t for t, _ in paragraf]

    def setelah(judul: str) -> str:
        return teks_saja[teks_saja.index(judul) + 1]

    assert setelah("A. Rencana Strategis") == "Pengantar Renstra kami."
    assert setelah("B. Indikator Kinerja Utama") == "IKU pertama"
    assert setelah("1. Rencana Anggaran Tahun 2024") == "DPA kami Rp 10."
    judul_banding = next(t for t in teks_saja if t.startswith("4. Analisis Perbandingan Realisasi Kinerja"))
    assert setelah(judul_banding) == "Tidak dapat dibandingkan."
    assert "Tindak lanjut rutin." in teks_saja
    assert "alert(1)" not in "\n".join(teks_saja)
    # the one slot left empty keeps its generated text
    assert any(t.startswith("Program yang menunjang keberhasilan") for t in teks_saja)


def test_generated_defaults_fill_every_section_when_no_text_is_written(client, renstra, operator_a):
    client.force_login(operator_a)
    doc = _unduh_lkjip(client, renstra)
    teks = [p.text for p in doc.paragraphs]
    # BAB II and III in the order and numbering of seed 004's outline
    judul = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    bab2 = judul[judul.index("BAB II PERENCANAAN KINERJA") + 1 : judul.index("BAB III AKUNTABILITAS KINERJA")]
    assert bab2 == [
        "A. Rencana Strategis",
        "B. Indikator Kinerja Utama",
        "C. Perjanjian Kinerja",
        "1. Rencana Anggaran Tahun 2024",
        "2. Alokasi Anggaran per Sasaran Strategis",
    ]
    bab3 = judul[judul.index("BAB III AKUNTABILITAS KINERJA") + 1 : judul.index("BAB IV PENUTUP")]
    assert [j.split(" (")[0] for j in bab3 if not j.startswith(("A. ", "B. "))] == [
        "C. Analisis Capaian Kinerja",
        "1. Sasaran 1: Sasaran satu",
        "2. Analisis atas Efisiensi Penggunaan Sumber Daya",
        "3. Analisis Program yang Menunjang Keberhasilan/Kegagalan Pencapaian Pernyataan Kinerja",
        f"4. Analisis Perbandingan Realisasi Kinerja dengan Realisasi Kinerja {renstra.unit_kerja.pemda.nama}",
        "D. Realisasi Anggaran",
    ]
    assert teks[teks.index("A. Rencana Strategis") + 1].startswith("Rencana Strategis ")
    assert teks[teks.index("B. Indikator Kinerja Utama") + 1].startswith("Tingkat capaian kinerja ")
    # the factory unit has no budget lines: the text says so instead of printing Rp 0
    assert teks[teks.index("1. Rencana Anggaran Tahun 2024") + 1] == (
        f"Data anggaran {renstra.unit_kerja.nama} Tahun 2024 belum tersedia."
    )
    assert "2. Alokasi Anggaran per Sasaran Strategis" in teks
    assert "Perjanjian Kinerja Tahun 2024 belum disusun." in teks


def test_lampiran_prints_the_signed_pk_and_labels_a_draft(client, renstra, org, operator_a, admin_pemda):
    pk = perencanaan.create_pk(
        unit_kerja=org.biro_a,
        renstra=renstra,
        tahun=2024,
        by=operator_a,
        pihak_pertama_nama="Kepala Biro A",
        pihak_pertama_jabatan="Kepala Biro",
        pihak_kedua_nama="Sekretaris Daerah",
        pihak_kedua_jabatan="Sekda",
    )
    client.force_login(operator_a)
    doc = _unduh_lkjip(client, renstra)
    judul = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert judul[-2:] == ["LAMPIRAN", "Perjanjian Kinerja Tahun 2024 (RANCANGAN)"]
    teks = [p.text for p in doc.paragraphs]
    assert any("belum ditandatangani" in t for t in teks)

    perencanaan.finalize_pk(perjanjian=pk, by=admin_pemda)
    doc = _unduh_lkjip(client, renstra)
    judul = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert judul[-2:] == ["LAMPIRAN", "Perjanjian Kinerja Tahun 2024"]
    teks = [p.text for p in doc.paragraphs]
    assert not any("belum ditandatangani" in t for t in teks)
    i = teks.index("LAMPIRAN")
    assert "PERJANJIAN KINERJA TAHUN 2024" in teks[i:]
    sel = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert any("Kepala Biro A" in s for s in sel)
    assert any("Sekretaris Daerah" in s for s in sel)
    # the Excel export lists the report's tables, not the Lampiran's repetition of table 2.4
    response = client.get(reverse("pelaporan:lkjip_xlsx", args=[renstra.pk, 2024]))
    judul = [ws["A1"].value for ws in load_workbook(io.BytesIO(response.content)).worksheets]
    assert "Tanda Tangan" not in judul
    assert sum(1 for j in judul if j and j.startswith("Lampiran Perjanjian Kinerja")) == 0
    assert any(j and j.startswith("Tabel 2.") and "Perjanjian Kinerja Tahun 2024" in j for j in judul)


# --- access -------------------------------------------------------------------------------------------------------


def test_report_texts_page_outsider_404_read_only_403(client, renstra, operator_b, pimpinan_a):
    url = reverse("pelaporan:teks", args=[renstra.unit_kerja_id, 2024])
    client.force_login(operator_b)
    assert client.get(url).status_code == 404
    assert client.post(url, {"pengantar_renstra": "<p>x</p>"}).status_code == 404
    client.force_login(pimpinan_a)
    assert client.get(url).status_code == 403
    assert client.post(url, {"pengantar_renstra": "<p>x</p>"}).status_code == 403
    assert not TeksLaporan.objects.exists()


def test_indicator_narrative_outsider_404_read_only_403(client, renstra, operator_b, pimpinan_a):
    indikator = renstra.indikator.order_by("kode").first()
    halaman = reverse("pengukuran:indikator", args=[indikator.pk]) + "?tahun=2024"
    client.force_login(operator_b)
    assert client.get(halaman).status_code == 404
    assert client.post(_url_narasi(indikator), {"analisis": WORD}).status_code == 404
    client.force_login(pimpinan_a)
    assert client.get(halaman).status_code == 200
    assert client.post(_url_narasi(indikator), {"analisis": WORD}).status_code == 403
    assert not Narasi.objects.exists()


def test_an_oversized_narrative_is_refused_with_a_message_and_nothing_saved(client, renstra, operator_a):
    indikator = renstra.indikator.order_by("kode").first()
    client.force_login(operator_a)
    besar = "<p>" + "x" * 2_400_001 + "</p>"
    response = client.post(_url_narasi(indikator), {"analisis": besar}, follow=True)
    assert response.status_code == 200
    assert "Narasi terlalu besar" in response.content.decode()
    assert not Narasi.objects.exists()
