"""The LKjIP as plain data: chapters of sections of blocks (paragraphs, tables, charts, images)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sakip.lib import angka, html_aman

KOSONG = angka.KOSONG
RIWAYAT_TAHUN = 4  # realisasi of the report year and the three before it (seed 004: 2021–2024)
RIWAYAT_LHE = 5

# --- content blocks -------------------------------------------------------------------------------------------------


@dataclass
class Paragraf:
    teks: str
    gaya: str = ""  # "", "daftar" (numbered item), "catatan" (small), "tebal"


@dataclass
class Tabel:
    nomor: str
    judul: str
    kolom: list[str]
    baris: list[list[str]] = field(default_factory=list)
    nilai: list[list[Any]] = field(default_factory=list)  # raw values parallel to `baris`
    gaya: list[str] = field(default_factory=list)  # per row: "", "sasaran", "program", "total", ...
    nomor_kolom: list[str] = field(default_factory=list)  # "(1)", "(6=5/4*100)"
    angka: list[bool] = field(default_factory=list)  # per column: right-aligned figure
    catatan: list[str] = field(default_factory=list)
    lebar: bool = False  # wide table: the renderer puts it in a landscape section
    bobot: list[int] = field(default_factory=list)  # relative column widths
    sumber: str = ""  # printed under the table: "Sumber: Renstra Setda Prov. Kaltim Tahun 2024–2026"

    @property
    def judul_lengkap(self) -> str:
        return f"Tabel {self.nomor} {self.judul}" if self.nomor else self.judul

    def tambah(self, sel: list[Any], nilai: list[Any] | None = None, gaya: str = "") -> None:
        self.baris.append([teks_sel(s) for s in sel])
        self.nilai.append(list(nilai if nilai is not None else sel))
        self.gaya.append(gaya)

    def kolom_ke(self, judul: str) -> int:
        return self.kolom.index(judul)


@dataclass
class Grafik:
    """A bar chart drawn by the renderer: categories × series of raw values."""

    nomor: str
    judul: str
    label: list[str]
    seri: dict[str, list[Decimal | None]]
    satuan: str = "%"


@dataclass
class Gambar:
    nomor: str
    judul: str
    png: bytes


@dataclass
class Narasi:
    """Text the unit wrote: sanitised HTML from the editor or legacy plain text (`sakip.lib.html_aman`).

    The Word renderer writes it as paragraphs, lists, tables and images; renderers without rich text (Excel) skip it.
    """

    html: str

    @property
    def teks(self) -> str:
        """The plain text, paragraphs separated by blank lines (for tests and plain renderers)."""
        return html_aman.ke_teks(self.html)


@dataclass
class TandaTangan:
    """A signature block: "Samarinda, Februari 2025 / SEKRETARIS DAERAH, / (space) / NAME / pangkat / NIP"."""

    tempat_tanggal: str
    jabatan: str
    nama: str
    pangkat: str = ""
    nip: str = ""


@dataclass
class TandaTanganGanda:
    """Two signature blocks side by side, without borders (the PK: pihak kedua left, pihak pertama right)."""

    kiri: TandaTangan
    kanan: TandaTangan
    peran_kiri: str = ""  # "PIHAK KEDUA"
    peran_kanan: str = ""


Blok = Paragraf | Tabel | Grafik | Gambar | Narasi | TandaTanganGanda


@dataclass
class Bagian:
    judul: str
    blok: list[Blok] = field(default_factory=list)
    sub: list[Bagian] = field(default_factory=list)


@dataclass
class Bab:
    nomor: str  # "I"
    judul: str  # "PENDAHULUAN"
    pengantar: list[Blok] = field(default_factory=list)
    bagian: list[Bagian] = field(default_factory=list)

    @property
    def judul_lengkap(self) -> str:
        return f"BAB {self.nomor} {self.judul}" if self.nomor else self.judul


@dataclass
class Identitas:
    unit: str
    pemda: str
    tahun: int
    renstra: str
    periode_renstra: str
    unit_id: int
    renstra_id: int
    logo: bytes | None = None  # the pemda's logo (PNG) for the cover


@dataclass
class Ikhtisar:
    jumlah_sasaran: int
    jumlah_indikator: int
    jumlah_iku: int
    capaian: Decimal | None
    capaian_teks: str
    kategori: str
    metode: str
    pagu: Decimal
    realisasi: Decimal
    penyerapan: Decimal | None
    pagu_teks: str
    realisasi_teks: str
    penyerapan_teks: str
    pagu_unit_teks: str  # the whole budget of the unit (Tabel 3.19), programs without a sasaran included
    realisasi_unit_teks: str
    paragraf: list[Paragraf]
    tabel: Tabel
    # The summary grid's (label, value) rows when a report needs other ones than a unit's (the pemda's LKjIP).
    ringkasan: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class LaporanLKjIP:
    identitas: Identitas
    kata_pengantar: list[Paragraf | Narasi]
    ikhtisar: Ikhtisar
    bab: list[Bab]  # BAB I–IV, then the Lampiran (a `Bab` without a number)
    tanda_tangan: TandaTangan | None = None  # under the kata pengantar

    def semua_blok(self, *, lampiran: bool = True) -> list[Blok]:
        """Every block in reading order; `lampiran=False` leaves out the Lampiran (the PK repeated)."""
        hasil: list[Blok] = [*list(self.ikhtisar.paragraf), self.ikhtisar.tabel]

        def turun(b: Bagian) -> None:
            hasil.extend(b.blok)
            for s in b.sub:
                turun(s)

        for bab in self.bab:
            if not bab.nomor and not lampiran:
                continue
            hasil.extend(bab.pengantar)
            for bagian in bab.bagian:
                turun(bagian)
        return hasil

    def tabel(self, nomor: str) -> Tabel:
        for b in self.semua_blok():
            if isinstance(b, Tabel) and b.nomor == nomor:
                return b
        raise KeyError(nomor)

    @property
    def daftar_tabel(self) -> list[Tabel]:
        return [b for b in self.semua_blok() if isinstance(b, Tabel) and b.nomor]

    @property
    def daftar_gambar(self) -> list[Grafik | Gambar]:
        return [b for b in self.semua_blok() if isinstance(b, Grafik | Gambar) and b.nomor]


def teks_sel(nilai: Any) -> str:
    if nilai is None:
        return KOSONG
    if isinstance(nilai, Decimal):
        return angka.format_angka(nilai)
    return str(nilai)
