"""The urusan of a budget line, read from its Permendagri 90/2019 nomenclature code, and the budget grouped by it.

Pure: codes and amounts in, groups out, no Django. A program code is `U.BB.PP` (urusan group, bidang urusan,
program); a kegiatan code `U.BB.PP.K.KK`, a sub kegiatan code `U.BB.PP.K.KK.SSSS`. The bidang urusan is the first
two segments (`1.02` Kesehatan, `4.01` Sekretariat Daerah). The names below are those of the Permendagri's annex
(public regulation text).

A line whose program, kegiatan and sub kegiatan codes all lack that shape (the demo's codes are the row numbers of
its Tabel 2.5) takes the urusan of its unit's SIPD SKPD code (`4.01.0.00.0.00.01.0007`: the SKPD's first urusan),
else the bidang of the other programs of the same unit when they name exactly one; otherwise it stays under
"kode urusan tidak dikenali". The table says how many lines each rule placed, so nothing is hidden in a total.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

NOL = Decimal(0)

KELOMPOK = {
    "1": "Urusan Pemerintahan Wajib yang Berkaitan dengan Pelayanan Dasar",
    "2": "Urusan Pemerintahan Wajib yang Tidak Berkaitan dengan Pelayanan Dasar",
    "3": "Urusan Pemerintahan Pilihan",
    "4": "Unsur Pendukung Urusan Pemerintahan",
    "5": "Unsur Penunjang Urusan Pemerintahan",
    "6": "Unsur Pengawasan Urusan Pemerintahan",
    "7": "Unsur Kewilayahan",
    "8": "Unsur Pemerintahan Umum",
}

BIDANG = {
    "1.01": "Pendidikan",
    "1.02": "Kesehatan",
    "1.03": "Pekerjaan Umum dan Penataan Ruang",
    "1.04": "Perumahan Rakyat dan Kawasan Permukiman",
    "1.05": "Ketenteraman dan Ketertiban Umum serta Pelindungan Masyarakat",
    "1.06": "Sosial",
    "2.07": "Tenaga Kerja",
    "2.08": "Pemberdayaan Perempuan dan Pelindungan Anak",
    "2.09": "Pangan",
    "2.10": "Pertanahan",
    "2.11": "Lingkungan Hidup",
    "2.12": "Administrasi Kependudukan dan Pencatatan Sipil",
    "2.13": "Pemberdayaan Masyarakat dan Desa",
    "2.14": "Pengendalian Penduduk dan Keluarga Berencana",
    "2.15": "Perhubungan",
    "2.16": "Komunikasi dan Informatika",
    "2.17": "Koperasi, Usaha Kecil, dan Menengah",
    "2.18": "Penanaman Modal",
    "2.19": "Kepemudaan dan Olahraga",
    "2.20": "Statistik",
    "2.21": "Persandian",
    "2.22": "Kebudayaan",
    "2.23": "Perpustakaan",
    "2.24": "Kearsipan",
    "3.25": "Kelautan dan Perikanan",
    "3.26": "Pariwisata",
    "3.27": "Pertanian",
    "3.28": "Kehutanan",
    "3.29": "Energi dan Sumber Daya Mineral",
    "3.30": "Perdagangan",
    "3.31": "Perindustrian",
    "3.32": "Transmigrasi",
    "4.01": "Sekretariat Daerah",
    "4.02": "Sekretariat DPRD",
    "5.01": "Perencanaan",
    "5.02": "Keuangan",
    "5.03": "Kepegawaian",
    "5.04": "Pendidikan dan Pelatihan",
    "5.05": "Penelitian dan Pengembangan",
    "5.06": "Pengelolaan Perbatasan",
    "6.01": "Inspektorat Daerah",
    "7.01": "Kecamatan",
    "8.01": "Kesatuan Bangsa dan Politik",
}

TIDAK_DIKENALI = "–"

_KODE = re.compile(r"^([1-8])\.(\d{2})\.\d{2}(\.\d\.\d{2}(\.\d{4})?)?$")


_KODE_SKPD = re.compile(r"^([1-8])\.(\d{2})\.\d")


def bidang_dari_kode_skpd(kode: str) -> str | None:
    """`4.01` for the SIPD SKPD code `4.01.0.00.0.00.01.0000`; None when it does not start with a known bidang."""
    m = _KODE_SKPD.match(kode.strip())
    if m is None:
        return None
    bidang = f"{m.group(1)}.{m.group(2)}"
    return bidang if bidang in BIDANG else None


def bidang_dari_kode(kode: str) -> str | None:
    """`1.02` for `1.02.02`, `1.02.02.2.01` or `1.02.02.2.01.0001`; None when the code is no Permendagri code."""
    m = _KODE.match(kode.strip())
    if m is None:
        return None
    bidang = f"{m.group(1)}.{m.group(2)}"
    return bidang if bidang in BIDANG else None


@dataclass(frozen=True)
class Baris:
    """One budget line (a sub kegiatan of a unit in the year) with the codes above it."""

    unit_id: int
    program_id: int
    kode_program: str
    kode_kegiatan: str
    kode_sub_kegiatan: str
    pagu: Decimal
    realisasi: Decimal


@dataclass
class Kelompok:
    """The budget of one bidang urusan (or of an urusan group, or of the lines whose urusan is not known)."""

    kode: str
    nama: str
    pagu: Decimal = NOL
    realisasi: Decimal = NOL
    unit: set[int] = field(default_factory=set)
    program: set[int] = field(default_factory=set)
    baris: int = 0
    dari_skpd: int = 0  # lines placed by their unit's SIPD SKPD code (their own codes carry no urusan)
    dari_unit: int = 0  # lines placed by the unit's other programs

    def tambah(self, b: Baris, *, dari_skpd: bool = False, dari_unit: bool = False) -> None:
        self.pagu += b.pagu
        self.realisasi += b.realisasi
        self.unit.add(b.unit_id)
        self.program.add(b.program_id)
        self.baris += 1
        self.dari_skpd += int(dari_skpd)
        self.dari_unit += int(dari_unit)


@dataclass
class PerUrusan:
    kelompok: list[tuple[Kelompok, list[Kelompok]]]  # urusan group with its bidang, in code order
    tidak_dikenali: Kelompok
    total: Kelompok

    @property
    def dari_skpd(self) -> int:
        return sum(b.dari_skpd for _, daftar in self.kelompok for b in daftar)

    @property
    def dari_unit(self) -> int:
        return sum(b.dari_unit for _, daftar in self.kelompok for b in daftar)


def _bidang_baris(b: Baris) -> str | None:
    for kode in (b.kode_program, b.kode_kegiatan, b.kode_sub_kegiatan):
        bidang = bidang_dari_kode(kode)
        if bidang is not None:
            return bidang
    return None


def kelompokkan(baris: list[Baris], kode_skpd: dict[int, str] | None = None) -> PerUrusan:
    """The lines grouped by bidang urusan and urusan group; totals are exact sums of the lines' amounts.
    `kode_skpd` is each unit's SIPD SKPD code, {unit id: code}."""
    skpd = {u: bidang_dari_kode_skpd(k) for u, k in (kode_skpd or {}).items()}
    dikenal = [(b, _bidang_baris(b)) for b in baris]
    per_unit: dict[int, set[str]] = defaultdict(set)
    for b, bidang in dikenal:
        if bidang is not None:
            per_unit[b.unit_id].add(bidang)
    bidang_kel: dict[str, Kelompok] = {}
    tidak = Kelompok(TIDAK_DIKENALI, "Kode urusan tidak dikenali")
    total = Kelompok("", "Jumlah")
    for b, bidang in dikenal:
        dari_skpd = dari_unit = False
        if bidang is None and skpd.get(b.unit_id):
            bidang, dari_skpd = skpd[b.unit_id], True
        elif bidang is None and len(per_unit.get(b.unit_id, ())) == 1:
            (bidang,) = per_unit[b.unit_id]
            dari_unit = True
        total.tambah(b)
        if bidang is None:
            tidak.tambah(b)
            continue
        kel = bidang_kel.setdefault(bidang, Kelompok(bidang, BIDANG[bidang]))
        kel.tambah(b, dari_skpd=dari_skpd, dari_unit=dari_unit)
    kelompok: list[tuple[Kelompok, list[Kelompok]]] = []
    for kode_kel, nama in KELOMPOK.items():
        daftar = [bidang_kel[k] for k in sorted(bidang_kel) if k.startswith(f"{kode_kel}.")]
        if not daftar:
            continue
        atas = Kelompok(kode_kel, nama)
        for d in daftar:
            atas.pagu += d.pagu
            atas.realisasi += d.realisasi
            atas.unit |= d.unit
            atas.program |= d.program
            atas.baris += d.baris
            atas.dari_skpd += d.dari_skpd
            atas.dari_unit += d.dari_unit
        kelompok.append((atas, daftar))
    return PerUrusan(kelompok, tidak, total)
