"""The IKU decree (`sakip.pelaporan.keputusan`) as a Word document.

A4 portrait for the decree (kop, title, Menimbang, Mengingat, MEMUTUSKAN, diktum, signature), then the LAMPIRAN in
a landscape section when the IKU table is wide: the unit's identity, tugas and fungsi, and the IKU table with a
two-row header (the target years under one "Target" heading), repeated on every page, the sasaran cells merged
over their indicators, column widths fitted to the page so that the table never runs off it.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from sakip.pelaporan.keputusan import DokumenKeputusan, TabelIKU
from sakip.pelaporan.render.docx import (
    TWIP,
    WARNA_KEPALA,
    _arsir,
    _lebar_isi,
    _orientasi,
    _properti,
    _sel,
    _siapkan,
    _tanpa_garis,
    _ulangi_kepala,
    logo,
    tak_terpisah,
)

KOLOM_LEBAR = 8  # an IKU table with more columns goes to a landscape section


def _twip(nilai: float) -> int:
    return int(nilai) // TWIP * TWIP  # Word stores twips


def _lebar(tabel: Table, lebar: list[int]) -> None:
    tabel.autofit = False
    for kolom, w in zip(tabel.columns, lebar, strict=True):
        kolom.width = w  # the grid LibreOffice reads; Word reads the cells' widths below
    for row in tabel.rows:
        for cell, w in zip(row.cells, lebar, strict=True):
            cell.width = w


def _paragraf(
    doc: Document, teks: str, *, tebal: bool = False, ukuran: int = 11, tengah: bool = True
) -> Paragraph:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER if tengah else WD_ALIGN_PARAGRAPH.LEFT
    p.paragraph_format.space_after = Pt(0)
    run = p.add_run(teks)
    run.bold = tebal
    run.font.size = Pt(ukuran)
    return p


def _isi_sel(cell: _Cell, teks: str, *, tebal: bool = False, rata: bool = False, ukuran: int = 11) -> None:
    """Text in a cell, one paragraph per line."""
    for k, baris in enumerate(teks.split("\n")):
        p = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
        p.paragraph_format.space_after = Pt(2)
        if rata:
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        run = p.add_run(baris)
        run.bold = tebal
        run.font.size = Pt(ukuran)


def _garis_bawah(p: Paragraph) -> None:
    """The double rule under the kop."""
    p_pr = p._p.get_or_add_pPr()
    batas = OxmlElement("w:pBdr")
    bawah = OxmlElement("w:bottom")
    bawah.set(qn("w:val"), "thickThinSmallGap")
    bawah.set(qn("w:sz"), "18")
    bawah.set(qn("w:space"), "1")
    bawah.set(qn("w:color"), "auto")
    batas.append(bawah)
    p_pr.append(batas)


def _kop(doc: Document, dok: DokumenKeputusan) -> None:
    """PEMERINTAH …, the unit, its address, and the double rule; with the pemda's logo at the left when there is
    one (a borderless table: logo, then the text centred over the rest of the width)."""
    if not dok.logo:
        _paragraf(doc, dok.pemerintah, tebal=True, ukuran=14)
        p = _paragraf(doc, dok.kop_unit, tebal=True, ukuran=16)
        for baris in dok.alamat:
            p = _paragraf(doc, baris, ukuran=9)
        _garis_bawah(p)
        doc.add_paragraph()
        return
    tabel = doc.add_table(rows=1, cols=2)
    _tanpa_garis(tabel)
    kiri, kanan = tabel.rows[0].cells
    kiri.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    kiri.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    logo(kiri.paragraphs[0], dok.logo, sisi=2.3)
    for k, (teks, tebal, ukuran) in enumerate(
        [(dok.pemerintah, True, 14), (dok.kop_unit, True, 16), *[(b, False, 9) for b in dok.alamat]]
    ):
        p = kanan.paragraphs[0] if k == 0 else kanan.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        run = p.add_run(teks)
        run.bold = tebal
        run.font.size = Pt(ukuran)
    w = _lebar_isi(doc)
    _lebar(tabel, [_twip(Cm(2.8)), _twip(w - Cm(2.8))])
    garis = doc.add_paragraph()
    garis.paragraph_format.space_after = Pt(0)
    _garis_bawah(garis)
    doc.add_paragraph()


def _judul(doc: Document, dok: DokumenKeputusan) -> None:
    for teks in (dok.judul, f"NOMOR {dok.nomor}", "", "TENTANG", "", dok.tentang, ""):
        _paragraf(doc, teks, tebal=True)
    _paragraf(doc, f"{dok.jabatan.upper()},", tebal=True)
    doc.add_paragraph()


def _daftar_bertingkat(doc: Document, judul: str, butir: list[tuple[str, str]]) -> Table:
    """'Menimbang : a. …' as a borderless table: title, colon, item label, item text."""
    tabel = doc.add_table(rows=0, cols=4)
    _tanpa_garis(tabel)
    for k, (label, teks) in enumerate(butir):
        row = tabel.add_row()
        _isi_sel(row.cells[0], judul if k == 0 else "")
        _isi_sel(row.cells[1], ":" if k == 0 else "")
        _isi_sel(row.cells[2], label)
        _isi_sel(row.cells[3], teks, rata=True)
    w = _lebar_isi(doc)
    _lebar(tabel, [_twip(Cm(3.2)), _twip(Cm(0.5)), _twip(Cm(0.8)), _twip(w - Cm(4.5))])
    doc.add_paragraph().paragraph_format.space_after = Pt(0)
    return tabel


def _diktum(doc: Document, dok: DokumenKeputusan) -> Table:
    tabel = doc.add_table(rows=0, cols=3)
    _tanpa_garis(tabel)
    for label, teks, tebal in [("Menetapkan", dok.menetapkan, True)] + [
        (d.label, d.teks, False) for d in dok.diktum
    ]:
        row = tabel.add_row()
        _isi_sel(row.cells[0], label, tebal=label != "Menetapkan")
        _isi_sel(row.cells[1], ":")
        _isi_sel(row.cells[2], teks, tebal=tebal, rata=True)
    w = _lebar_isi(doc)
    _lebar(tabel, [_twip(Cm(3.2)), _twip(Cm(0.5)), _twip(w - Cm(3.7))])
    doc.add_paragraph()
    return tabel


def _tanda_tangan(doc: Document, dok: DokumenKeputusan, *, ditetapkan: bool) -> Table:
    """The signature block on the right half: place and date (on the decree), jabatan, name, pangkat, NIP."""
    tabel = doc.add_table(rows=1, cols=2)
    _tanpa_garis(tabel)
    cell = tabel.rows[0].cells[1]
    ttd = dok.penandatangan
    baris: list[tuple[str, bool]] = []
    if ditetapkan:
        baris += [
            (f"Ditetapkan di : {dok.tempat}", False),
            (f"pada tanggal : {dok.tanggal}", False),
            ("", False),
        ]
    baris += [(f"{ttd.jabatan.upper()},", True), ("", False), ("", False), ("", False), (ttd.nama, True)]
    if ttd.pangkat:
        baris.append((ttd.pangkat, False))
    baris.append((f"NIP {ttd.nip}", False))
    for k, (teks, tebal) in enumerate(baris):
        p = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
        p.paragraph_format.space_after = Pt(0)
        if teks and not teks.startswith(("Ditetapkan", "pada tanggal")):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(teks)
        run.bold = tebal
        run.underline = teks == ttd.nama
    w = _lebar_isi(doc)
    _lebar(tabel, [_twip(w * 0.45), _twip(w * 0.55)])
    tak_terpisah(tabel)
    return tabel


def _kepala_lampiran(doc: Document, dok: DokumenKeputusan) -> None:
    tabel = doc.add_table(rows=0, cols=3)
    _tanpa_garis(tabel)
    for label, teks in (
        ("LAMPIRAN", ""),
        ("", dok.judul),
        ("NOMOR", f": {dok.nomor}"),
        ("TANGGAL", f": {dok.tanggal}"),
        ("TENTANG", f": {dok.tentang}"),
    ):
        row = tabel.add_row()
        if label == "LAMPIRAN":
            _isi_sel(row.cells[1], "LAMPIRAN", ukuran=9)
            continue
        _isi_sel(row.cells[1], label, ukuran=9)
        _isi_sel(row.cells[2], teks, ukuran=9)
    w = _lebar_isi(doc)
    _lebar(tabel, [_twip(w * 0.5), _twip(Cm(2.2)), _twip(w * 0.5 - Cm(2.2))])
    doc.add_paragraph()
    for teks in ("INDIKATOR KINERJA UTAMA", dok.unit.upper(), f"TAHUN {dok.periode}"):
        _paragraf(doc, teks, tebal=True)
    doc.add_paragraph()


def _identitas(doc: Document, dok: DokumenKeputusan) -> None:
    """1. Nama Unit Organisasi, 2. Tugas, 3. Fungsi (as the seeds list them), then the heading of the IKU table."""
    isi: list[tuple[str, str]] = [("Nama Unit Organisasi", dok.unit.upper())]
    if dok.tugas:
        isi.append(("Tugas", dok.tugas))
    if dok.fungsi:
        isi.append(("Fungsi", "\n".join(f"{chr(97 + k % 26)}. {f}" for k, f in enumerate(dok.fungsi))))
    isi.append(("Indikator Kinerja Utama", ""))
    tabel = doc.add_table(rows=0, cols=4)
    _tanpa_garis(tabel)
    for k, (label, teks) in enumerate(isi, start=1):
        row = tabel.add_row()
        _isi_sel(row.cells[0], f"{k}.", ukuran=10)
        _isi_sel(row.cells[1], label, ukuran=10)
        _isi_sel(row.cells[2], ":", ukuran=10)
        _isi_sel(row.cells[3], teks, rata=True, ukuran=10)
    w = _lebar_isi(doc)
    _lebar(tabel, [_twip(Cm(0.8)), _twip(Cm(4.5)), _twip(Cm(0.5)), _twip(w - Cm(5.8))])


def _tabel_iku(doc: Document, t: TabelIKU) -> Table:
    kolom = t.kolom()
    n = sum(max(1, len(sub)) for _, sub in kolom)
    tabel = doc.add_table(rows=2, cols=n)
    tabel.style = "Table Grid"
    tabel.alignment = WD_TABLE_ALIGNMENT.CENTER
    atas, bawah = tabel.rows
    for row in (atas, bawah):
        _ulangi_kepala(row)
    k = 0
    for judul, sub in kolom:
        if sub:
            sel = atas.cells[k].merge(atas.cells[k + len(sub) - 1]) if len(sub) > 1 else atas.cells[k]
            _sel(sel, judul, tebal=True, tengah=True)
            for j, s in enumerate(sub):
                _sel(bawah.cells[k + j], s, tebal=True, tengah=True)
            k += len(sub)
        else:
            _sel(atas.cells[k].merge(bawah.cells[k]), judul, tebal=True, tengah=True)
            k += 1
    for row in (atas, bawah):
        for cell in row.cells:
            _arsir(cell, WARNA_KEPALA)
    angka_kolom = t.angka()
    if not t.baris:
        row = tabel.add_row()
        _sel(
            row.cells[0].merge(row.cells[-1]),
            "Renstra ini belum memiliki Indikator Kinerja Utama.",
            tengah=True,
        )
    # (first row, last row) of each sasaran, to merge its No. and sasaran cells
    awal: list[tuple[int, int]] = []
    for b in t.baris:
        row = tabel.add_row()
        for cell, teks, kanan in zip(row.cells, t.sel(b), angka_kolom, strict=True):
            if not teks:
                continue  # an empty cell stays empty, so that merging it adds no blank line
            for j, baris in enumerate(teks.split("\n")):
                if j == 0:
                    _sel(cell, baris, kanan=kanan)
                else:
                    p = cell.add_paragraph()
                    p.paragraph_format.space_after = Pt(0)
                    p.add_run(baris).font.size = Pt(8)
        i = len(tabel.rows) - 1
        if b.awal_sasaran:
            awal.append((i, i))
        elif awal:
            awal[-1] = (awal[-1][0], i)
    for pertama, terakhir in awal:
        if terakhir > pertama:
            for c in (0, 1):
                tabel.cell(pertama, c).merge(tabel.cell(terakhir, c))
    bobot = t.bobot()
    jumlah = sum(bobot)
    lebar = [_twip(_lebar_isi(doc) * b / jumlah) for b in bobot]
    _lebar(tabel, lebar)
    return tabel


def tulis_keputusan(dok: DokumenKeputusan) -> bytes:
    """The .docx bytes of the IKU decree with its attachment."""
    doc = Document()
    _siapkan(doc)
    _properti(
        doc,
        judul=f"Keputusan tentang Indikator Kinerja Utama {dok.unit} Tahun {dok.periode}",
        penulis=dok.unit,
    )
    _kop(doc, dok)
    _judul(doc, dok)
    _daftar_bertingkat(doc, "Menimbang", [(b.label, b.teks) for b in dok.menimbang])
    _daftar_bertingkat(doc, "Mengingat", [(b.label, b.teks) for b in dok.mengingat])
    _paragraf(doc, "MEMUTUSKAN:", tebal=True)
    doc.add_paragraph()
    _diktum(doc, dok)
    _tanda_tangan(doc, dok, ditetapkan=True)

    if len(dok.tabel.bobot()) > KOLOM_LEBAR:
        _orientasi(doc, True)
    else:
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _kepala_lampiran(doc, dok)
    _identitas(doc, dok)
    _tabel_iku(doc, dok.tabel)
    doc.add_paragraph()
    _tanda_tangan(doc, dok, ditetapkan=False)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
