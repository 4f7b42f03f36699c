"""The content of the LKjIP (PermenPANRB 53/2014; seed 004 is the model) as plain data.

`bangun_lkjip(renstra, tahun, user)` reads every figure from the apps that own it (measurement, planning, budget,
profile, evaluation) and returns dataclasses: chapters of sections of blocks (paragraphs, tables, charts, images).
Table cells are already formatted as Indonesian strings; the raw values stay beside them (`Tabel.nilai`) for tests
and for other renderers. Renderers (`render/docx.py`, `render/pdf.py`, `render/xlsx.py`) only lay the content out.

The number of queries is fixed: it depends neither on the number of indicators (their history is read in one
query) nor on the number of budget lines (the budget tables are summed in the database by `sakip.anggaran.queries`)
nor on the number of survey responses (one aggregate query for every survey of the unit's subtree).

Where things are:

| module | what |
|---|---|
| `model.py` | the document model: `LaporanLKjIP`, `Bab`, `Bagian`, `Paragraf`, `Narasi` (rich text), `Tabel`, `Grafik`, `Gambar` |
| `susun.py` | `bangun_lkjip`: front matter (kata pengantar, ikhtisar eksekutif) and the order of the chapters |
| `bab1.py` | BAB I Pendahuluan (profile of the organisation, staff, org chart, strategic issues) |
| `bab2.py` | BAB II Perencanaan Kinerja (Renstra, IKU, PK, budget for the strategic goals) |
| `bab3.py` | BAB III Akuntabilitas Kinerja (LHE, measurement, analysis per sasaran, efficiency, budget) |
| `survei.py` | the IKM survey results inside BAB III |
| `bab4.py` | BAB IV Penutup |
| `pk.py` | the Perjanjian Kinerja (lampiran, and a document of its own) |
| `bantu.py` | helpers shared by the chapters |
| `pemda.py` | the LKjIP of the pemda itself, from its RPJMD (`bangun_lkjip_pemda`; issue #25) |
| `urusan.py` | the urusan of a budget line from its nomenclature code, and the budget grouped by it (pure) |
"""

from sakip.pelaporan.lkjip.bantu import pk_berlaku
from sakip.pelaporan.lkjip.model import (
    Bab,
    Bagian,
    Blok,
    Gambar,
    Grafik,
    Identitas,
    Ikhtisar,
    LaporanLKjIP,
    Narasi,
    Paragraf,
    Tabel,
)
from sakip.pelaporan.lkjip.pk import DokumenPK, Pihak, bangun_pk
from sakip.pelaporan.lkjip.susun import bangun_lkjip

__all__ = [
    "Bab",
    "Bagian",
    "Blok",
    "DokumenPK",
    "Gambar",
    "Grafik",
    "Identitas",
    "Ikhtisar",
    "LaporanLKjIP",
    "Narasi",
    "Paragraf",
    "Pihak",
    "Tabel",
    "bangun_lkjip",
    "bangun_pk",
    "pk_berlaku",
]
