"""Smoke test of the Word renderer: write the demo's LKjIP, reopen it with python-docx, compare with the sources."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT

from sakip.anggaran import queries as anggaran
from sakip.lib import angka
from sakip.pelaporan.lkjip import bangun_lkjip
from sakip.pelaporan.render import docx as render_docx
from sakip.pelaporan.tests.test_laporan import pimpinan, renstra_setda
from sakip.pengukuran import queries as pengukuran


@pytest.fixture
def dokumen(demo):
    isi = render_docx.tulis(bangun_lkjip(renstra_setda(), 2024, pimpinan()))
    assert isi[:2] == b"PK"
    return Document(io.BytesIO(isi))


def _tabel_setelah(doc, judul: str):
    """The table whose caption paragraph (the paragraph just before it) is `judul`."""
    body = doc.element.body
    for tbl in doc.tables:
        prev = tbl._tbl.getprevious()
        teks = "".join(t.text or "" for t in prev.iter() if t.tag.endswith("}t")) if prev is not None else ""
        if teks == judul:
            return tbl
    raise AssertionError(f"no table captioned {judul!r} in {body}")


def test_every_chapter_heading_has_a_heading_style(dokumen):
    heading = {p.text: p.style.name for p in dokumen.paragraphs if p.style.name.startswith("Heading")}
    for judul in (
        "KATA PENGANTAR",
        "IKHTISAR EKSEKUTIF",
        "BAB I PENDAHULUAN",
        "BAB II PERENCANAAN KINERJA",
        "BAB III AKUNTABILITAS KINERJA",
        "BAB IV PENUTUP",
    ):
        assert heading.get(judul) == "Heading 1", judul
    assert heading["B. Pengukuran Kinerja"] == "Heading 2"
    assert heading["2. Alokasi Anggaran per Sasaran Strategis"] == "Heading 3"
    xml = dokumen.element.xml
    assert 'TOC \\o "1-3"' in xml


def test_measurement_table_equals_tabel_capaian(dokumen):
    tabel = pengukuran.tabel_capaian(renstra_setda(), 2024)
    t = _tabel_setelah(dokumen, "Tabel 3.3 Pengukuran Kinerja Tahun 2024")
    kolom = [c.text for c in t.rows[0].cells]
    assert t.rows[1].cells[kolom.index("Capaian (%)")].text == "(7=6/5*100)"
    baris = {r.cells[2].text: [c.text for c in r.cells] for r in t.rows[2:]}
    for b in tabel.baris:
        r = baris[b.indikator.nama]
        assert r[kolom.index("Target")] == b.target_teks
        assert r[kolom.index("Realisasi")] == b.realisasi_teks
        assert r[kolom.index("Capaian (%)")] == angka.format_persen(b.hasil.nilai)
    assert ["85,00", "86,40", "101,65"] in [r[4:7] for r in baris.values()]
    # the header rows repeat on every page
    assert t.rows[0]._tr.trPr.xpath("./w:tblHeader")


def test_budget_table_totals_equal_the_budget_queries(dokumen):
    data = anggaran.anggaran_per_sasaran(user=pimpinan(), renstra=renstra_setda(), tahun=2024)
    t = _tabel_setelah(dokumen, "Tabel 2.5 Anggaran per Sasaran Strategis Tahun 2024")
    teks = [[c.text.replace("\u00a0", " ") for c in r.cells] for r in t.rows]  # amounts hold a no-break space
    assert teks[-1][1] == "Jumlah"
    assert teks[-1][2] == angka.format_rupiah(data.total.pagu)
    assert teks[-1][3] == angka.format_rupiah(data.total.realisasi)
    assert teks[-1][4] == angka.format_persen(data.total.penyerapan)
    assert ["Sasaran 1", "Rp 202.978.570.206", "Rp 192.687.497.546", "94,93"] in [
        [r[0], r[2], r[3], r[4]] for r in teks
    ]


def test_ikhtisar_states_capaian_category_and_method(dokumen):
    tabel = pengukuran.tabel_capaian(renstra_setda(), 2024)
    tabel_ringkas = next(t for t in dokumen.tables if t.rows[0].cells[0].text == "Jumlah sasaran strategis")
    ringkas = {r.cells[0].text: r.cells[1].text for r in tabel_ringkas.rows}
    assert ringkas["Capaian kinerja"] == f"{angka.format_persen(tabel.unit.nilai)}%"
    assert ringkas["Kategori"] == tabel.kategori_unit.label
    assert ringkas["Metode perhitungan"] == tabel.unit.keterangan


def test_layout_a4_with_landscape_sections_and_charts(dokumen):
    orientasi = {s.orientation for s in dokumen.sections}
    assert orientasi == {WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE}
    for s in dokumen.sections:
        assert {round(s.page_width.cm, 1), round(s.page_height.cm, 1)} == {21.0, 29.7}
    terlebar = max(s.page_width - s.left_margin - s.right_margin for s in dokumen.sections)
    for t in dokumen.tables[1:]:
        assert sum(c.width for c in t.rows[0].cells) <= terlebar
    assert len(dokumen.inline_shapes) >= 2  # charts: capaian per sasaran, budget absorption


def test_table_cells_keep_markup_characters_line_breaks_and_drop_xml_illegal_ones():
    """Cells are written as raw XML: text that looks like markup stays text, nothing a user typed breaks the file."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from sakip.pelaporan.lkjip import Tabel

    t = Tabel("9.9", "Uji", ["Uraian", "Nilai"], angka=[False, True], nomor_kolom=["(1)", "(2)"])
    t.tambah(["<w:b/> & \"kutip\" 'x'", "1.234,56"])
    t.tambah(["baris satu\nbaris\tdua\x01\x1f", "7"], gaya="total")
    doc = Document()
    render_docx._siapkan(doc)  # the styles the report uses (captions)
    render_docx._tabel(doc, t)
    buf = io.BytesIO()
    doc.save(buf)
    tabel = Document(io.BytesIO(buf.getvalue())).tables[0]
    assert [c.text for c in tabel.rows[0].cells] == ["Uraian", "Nilai"]
    assert all(r._tr.trPr.xpath("./w:tblHeader") for r in tabel.rows[:2])
    assert tabel.rows[2].cells[0].text == "<w:b/> & \"kutip\" 'x'"
    assert tabel.rows[3].cells[0].text == "baris satu\nbaris\tdua"
    assert tabel.rows[2].cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert not tabel.rows[2].cells[0].paragraphs[0].runs[0].bold
    assert tabel.rows[3].cells[0].paragraphs[0].runs[0].bold  # the total row
    assert tabel.rows[0].cells[0].paragraphs[0].runs[0].font.size.pt == 8
