"""The audit workbook: reading the tables of a published LKjIP, the template, and the findings as Excel.

One workbook, three sheets ("Pengukuran", "Efisiensi", "Anggaran") and an optional fourth ("Keseluruhan": the
report's overall figure and its category), each with a header row (its columns found by header text, in any
order) and one row per table row of the report. Published figures are best typed as text exactly as printed
("101,64", "30,00%", "Rp 1.234.567"): the audit compares at the number of decimals its column shows. A number
typed as a number is taken with two decimals, or more when it carries more. Printed forms are accepted as printed:
"-", "–", "—" or nothing for no value, "(27,35)" for −27,35, and a category word ("Sangat Baik") where a capaian is
printed as its category.

Reading (`baca`) touches no database and no request; it returns the parsed tables (`audit.DataAudit`) or every
problem found, each located by sheet, row and column, in Bahasa Indonesia. The file checks (size, zip bomb, not an
xlsx) are those of the budget import (`anggaran.excel.periksa_berkas`).
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from sakip.anggaran import efisiensi as rumus_efisiensi
from sakip.anggaran import excel as excel_anggaran
from sakip.lib import angka, xlsx, xlsx_baca
from sakip.lib.xlsx import Kesalahan
from sakip.pelaporan import audit
from sakip.pengukuran import capaian as rumus_capaian

JENIS_MIME = excel_anggaran.JENIS_MIME
BATAS_UKURAN = excel_anggaran.BATAS_UKURAN
BATAS_BARIS = 10_000
_BARIS_CARI_JUDUL = 10
_MAKS_TEKS = 2000

SHEET_PETUNJUK = "Petunjuk"


class BerkasDitolak(Exception):
    """The upload is not a workbook we will open; the message says why, in Bahasa Indonesia."""


@dataclass
class HasilBaca:
    data: audit.DataAudit | None
    kesalahan: list[Kesalahan] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.data is not None and not self.kesalahan


# --- layout -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kolom:
    kunci: str
    judul: str
    keterangan: str
    wajib: bool = False  # the column must be present (its cells may still be optional)
    lebar: int = 16
    alias: tuple[str, ...] = ()


KOLOM_PENGUKURAN = (
    Kolom("tabel", "Tabel", "Nama tabel sumber di laporan, mis. 'Tabel 3.3' (bebas, untuk letak temuan).", lebar=14),
    Kolom("sasaran", "No. sasaran", "Nomor sasaran (wajib), mis. 1; dipakai mencocokkan antar-sheet.", True, 10),
    Kolom("nama_sasaran", "Sasaran", "Nama sasaran (boleh kosong).", lebar=40),
    Kolom("kode", "Kode indikator", "Kode indikator bila dicetak, mis. IKU01 (boleh kosong).", lebar=12),
    Kolom("indikator", "Indikator", "Nama indikator (wajib).", True, 50, ("indikator sasaran", "indikator kinerja")),
    Kolom("satuan", "Satuan", "Satuan (tidak dihitung).", lebar=12),
    Kolom("polaritas", "Polaritas", "Positif, Negatif atau Stabil; kosong berarti Positif.", lebar=11),
    Kolom("target", "Target", "Target tahun ini (wajib, angka).", True, 11),
    Kolom("realisasi", "Realisasi", "Realisasi tahun ini (angka; kosong berarti belum ada).", True, 11),
    Kolom("capaian", "Capaian (%)", "Capaian terbitan; diperiksa = Realisasi / Target × 100 menurut polaritas.",
          lebar=12, alias=("capaian", "% capaian", "capaian %")),
    Kolom("capaian_sasaran", "Capaian sasaran (%)",
          "Capaian sasaran terbitan bila dicetak; diperiksa = rata-rata capaian indikator sasaran itu.", lebar=12),
    Kolom("kategori", "Kategori", "Kategori capaian indikator terbitan, mis. 'Sangat Baik'; diperiksa menurut skala "
          "tahun laporan.", lebar=14, alias=("predikat", "kategori capaian")),
    Kolom("kategori_sasaran", "Kategori sasaran",
          "Kategori capaian sasaran terbitan; diperiksa menurut skala tahun laporan.", lebar=14),
    Kolom("realisasi_lalu", "Realisasi tahun lalu", "Realisasi tahun sebelumnya (angka, boleh kosong).", lebar=12),
    Kolom("perubahan", "Perubahan (%)",
          "Peningkatan/penurunan terbitan; diperiksa = (Realisasi / Realisasi tahun lalu − 1) × 100.", lebar=12),
    Kolom("target_akhir", "Target akhir Renstra", "Target akhir periode Renstra (angka, boleh kosong).", lebar=12),
    Kolom("kemajuan", "Tingkat kemajuan (%)",
          "Tingkat kemajuan terbitan; diperiksa = Realisasi / Target akhir Renstra × 100.", lebar=12),
)  # fmt: skip

KOLOM_EFISIENSI = (
    Kolom("tabel", "Tabel", "Nama tabel sumber, mis. 'Tabel 3.16'.", lebar=12),
    Kolom("sasaran", "No. sasaran", "Nomor sasaran (wajib), sama dengan sheet Pengukuran dan Anggaran.", True, 10),
    Kolom("nama_sasaran", "Sasaran", "Nama sasaran (boleh kosong).", lebar=40),
    Kolom("capaian", "Capaian kinerja (%)",
          "Capaian sasaran terbitan; diperiksa = rata-rata capaian indikatornya (sheet Pengukuran).", lebar=12),
    Kolom("pagu", "Pagu", "Pagu sasaran (boleh kosong: dijumlah dari sheet Anggaran).", lebar=18),
    Kolom("realisasi", "Realisasi anggaran", "Realisasi anggaran sasaran (boleh kosong, seperti Pagu).", lebar=18),
    Kolom("penyerapan", "Penyerapan anggaran (%)",
          "Penyerapan terbitan; diperiksa = Σ realisasi / Σ pagu × 100 (tertimbang).", lebar=12),
    Kolom("efisiensi", "Tingkat efisiensi", "Tingkat efisiensi terbitan; diperiksa menurut kolom Metode.", lebar=12),
    Kolom("metode", "Metode",
          "Selisih (capaian − penyerapan), Penghematan atau Indeks (capaian / penyerapan); kosong berarti Selisih.",
          lebar=12),
)  # fmt: skip

KOLOM_ANGGARAN = (
    Kolom("tabel", "Tabel", "Nama tabel sumber, mis. 'Tabel 2.5'. Baris satu tabel membentuk satu pohon.", lebar=12),
    Kolom("tingkat", "Tingkat",
          "Total, Sasaran, Unit, Program, Kegiatan atau Sub kegiatan (wajib). Urutan baris menentukan induknya.",
          True, 13),
    Kolom("sasaran", "No. sasaran",
          "Nomor sasaran pada baris Sasaran atau program (baris di bawah baris Sasaran mewarisinya).", lebar=10),
    Kolom("uraian", "Uraian", "Nama sasaran, unit, program, kegiatan atau sub kegiatan (wajib).", True, 50,
          ("program kegiatan sub kegiatan", "program", "sasaran strategis program")),
    Kolom("pagu", "Pagu", "Pagu dalam rupiah (angka).", True, 18, ("pagu anggaran",)),
    Kolom("realisasi", "Realisasi", "Realisasi dalam rupiah (angka).", True, 18, ("realisasi anggaran",)),
    Kolom("persen", "Penyerapan (%)", "Persentase terbitan; diperiksa = Realisasi / Pagu × 100.", lebar=12,
          alias=("capaian anggaran", "%")),
    Kolom("target_kinerja", "Target kinerja", "Target keluaran, mis. '12 Dokumen' atau '85%'.", lebar=14),
    Kolom("realisasi_kinerja", "Realisasi kinerja", "Realisasi keluaran, mis. '12 Dokumen'.", lebar=14),
    Kolom("capaian_kinerja", "Capaian kinerja (%)",
          "Capaian keluaran terbitan; diperiksa = Realisasi kinerja / Target kinerja × 100.", lebar=12),
)  # fmt: skip

KOLOM_KESELURUHAN = (
    Kolom("tabel", "Tabel", "Letak di laporan, mis. 'Ikhtisar Eksekutif' atau 'Tabel 3.2'.", lebar=18),
    Kolom("uraian", "Uraian", "Nama angka, mis. 'Nilai capaian keseluruhan'.", lebar=40),
    Kolom("nilai", audit.KOLOM_KESELURUHAN,
          "Nilai capaian keseluruhan terbitan; diperiksa menurut metode, kebijakan realisasi kosong dan batas "
          "capaian pengaturan pengukuran tahun laporan.", True, 16, ("nilai capaian keseluruhan", "nilai capaian")),
    Kolom("kategori", "Kategori", "Kategori terbitan, mis. 'Sangat Baik'; diperiksa menurut skala tahun laporan.",
          lebar=18, alias=("predikat",)),
)  # fmt: skip

LEMBAR: dict[str, tuple[Kolom, ...]] = {
    audit.SHEET_PENGUKURAN: KOLOM_PENGUKURAN,
    audit.SHEET_EFISIENSI: KOLOM_EFISIENSI,
    audit.SHEET_ANGGARAN: KOLOM_ANGGARAN,
}
# Sheets a workbook may leave out (older templates have none of them).
LEMBAR_OPSIONAL: dict[str, tuple[Kolom, ...]] = {audit.SHEET_KESELURUHAN: KOLOM_KESELURUHAN}

POLARITAS = {
    "positif": rumus_capaian.Polaritas.POSITIF,
    "negatif": rumus_capaian.Polaritas.NEGATIF,
    "stabil": rumus_capaian.Polaritas.STABIL,
}
METODE = {
    "selisih": rumus_efisiensi.MetodeEfisiensi.SELISIH,
    "penghematan": rumus_efisiensi.MetodeEfisiensi.PENGHEMATAN,
    "indeks": rumus_efisiensi.MetodeEfisiensi.INDEKS,
}
TINGKAT = {
    "total": audit.TingkatAnggaran.TOTAL,
    "jumlah": audit.TingkatAnggaran.TOTAL,
    "sasaran": audit.TingkatAnggaran.SASARAN,
    "unit": audit.TingkatAnggaran.UNIT,
    "unit kerja": audit.TingkatAnggaran.UNIT,
    "perangkat daerah": audit.TingkatAnggaran.UNIT,
    "biro": audit.TingkatAnggaran.UNIT,
    "program": audit.TingkatAnggaran.PROGRAM,
    "kegiatan": audit.TingkatAnggaran.KEGIATAN,
    "sub kegiatan": audit.TingkatAnggaran.SUB_KEGIATAN,
    "subkegiatan": audit.TingkatAnggaran.SUB_KEGIATAN,
}

PETUNJUK = (
    "Audit angka terbitan LKjIP: isi tabel laporan yang sudah terbit, aplikasi menghitung ulang setiap angka "
    "turunan dari masukannya dan menampilkan setiap perbedaan. Tidak ada data yang disimpan.",
    "Baris 1 setiap sheet adalah judul kolom; jangan diubah. Kolom dapat berurutan bebas; kolom opsional boleh "
    "dihapus. Isi mulai baris 2, satu baris per baris tabel laporan. Sheet yang tidak dipakai biarkan kosong.",
    "Ketik angka terbitan persis seperti tercetak, sebagai teks berformat Indonesia (101,64; 30,00%; "
    "Rp 1.234.567): angka dibandingkan pada jumlah desimal yang dipakai sebagian besar angka kolomnya "
    "(pembulatan setengah ke atas), sehingga angka yang dicetak dengan desimal lebih sedikit dari kolomnya "
    "(111 di kolom 101,64) ditandai bila hasil hitungnya tidak bulat. Angka yang diketik sebagai bilangan "
    "dianggap memiliki dua desimal. Jangan memakai rumus Excel: yang diperiksa adalah angka yang tercetak.",
    "Bentuk cetakan diterima apa adanya: '-', '–', '—' atau sel kosong berarti tidak ada nilai; '(27,35)' "
    "berarti −27,35; kategori seperti 'Sangat Baik' pada kolom capaian dibandingkan dengan kategori hasil hitung "
    "menurut skala tahun laporan, bukan dibaca sebagai angka.",
    "Sheet Pengukuran: satu baris per indikator. Capaian sasaran dihitung sebagai rata-rata capaian indikator "
    "dengan No. sasaran yang sama.",
    "Sheet Efisiensi: satu baris per sasaran. Bila Pagu dan Realisasi anggaran kosong, anggaran sasaran diambil "
    "dari sheet Anggaran: baris-baris dengan No. sasaran itu pada tabel pertama yang memuatnya.",
    "Sheet Anggaran: baris satu tabel (kolom Tabel) disusun seperti di laporan; induk setiap baris ditentukan oleh "
    "urutan dan Tingkat (Sasaran/Unit → Program → Kegiatan → Sub kegiatan). Pagu dan realisasi baris induk "
    "diperiksa terhadap jumlah baris anaknya. Baris Total (di mana pun letaknya) diperiksa terhadap jumlah baris "
    "teratas tabel yang sama.",
    "Target dan realisasi kinerja boleh berisi satuan (12 Dokumen, 85%); hanya angkanya yang dihitung. Baris "
    "dengan realisasi melebihi pagu ditandai; bila tabel menunjukkan keduanya tertukar (persentase atau jumlah "
    "induknya cocok bila ditukar), temuannya 'Pagu dan realisasi tertukar'.",
    "Sheet Keseluruhan (boleh tidak dipakai): nilai capaian keseluruhan dan kategorinya sebagaimana tercetak, "
    "diperiksa dengan metode, kebijakan realisasi kosong, batas capaian dan skala kategori pengaturan pengukuran "
    "pemda untuk tahun laporan yang dipilih saat mengunggah.",
    f"Ukuran berkas paling besar {BATAS_UKURAN // (1024 * 1024)} MB dan {BATAS_BARIS:,} baris per sheet.".replace(
        ",", "."
    ),
)


def _normal(teks: object) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s%]", " ", str(teks or "").lower())).strip()


# --- reading: the file ------------------------------------------------------------------------------------------


def periksa_berkas(berkas: IO[bytes]) -> bytes:
    """The upload's bytes if it is an xlsx we will open (the budget import's limits); else BerkasDitolak."""
    isi = berkas.read(BATAS_UKURAN + 1)
    if not isi:
        raise BerkasDitolak("Berkas kosong. Unggah workbook Excel (.xlsx) yang berisi tabel LKjIP.")
    if len(isi) > BATAS_UKURAN:
        raise BerkasDitolak(f"Ukuran berkas melebihi batas {BATAS_UKURAN // (1024 * 1024)} MB.")
    if isi.startswith(b"\xd0\xcf\x11\xe0"):
        raise BerkasDitolak(
            "Berkas berformat Excel lama (.xls). Simpan ulang sebagai Excel Workbook (.xlsx), lalu unggah kembali."
        )
    try:
        excel_anggaran.periksa_berkas(io.BytesIO(isi))
    except excel_anggaran.BerkasDitolak as exc:
        raise BerkasDitolak(str(exc)) from None
    return isi


def _buka(isi: bytes) -> dict[str, list[tuple[int, tuple[Any, ...]]]]:
    """Every sheet's non-empty rows as (Excel row number, values), keyed by the sheet's normalised title."""
    try:
        buku = xlsx_baca.baca(isi, maks_baris=BATAS_BARIS, baris_judul=1)
    except xlsx_baca.WorkbookDitolak as exc:
        raise BerkasDitolak(str(exc)) from None
    lembar: dict[str, list[tuple[int, tuple[Any, ...]]]] = {}
    for satu in buku.lembar:
        lembar.setdefault(_normal(satu.nama), satu.baris)
    return lembar


# --- reading: cells ---------------------------------------------------------------------------------------------


class _Salah(ValueError):
    """A cell that cannot be read; the message is in Bahasa Indonesia."""


# Printed for "no value": a hyphen, an en dash, an em dash (tables centre one in an empty cell).
_TANDA_KOSONG = frozenset({"-", "–", "—", "--"})


def _kosong(nilai: Any) -> bool:
    return nilai is None or (isinstance(nilai, str) and (not nilai.strip() or nilai.strip() in _TANDA_KOSONG))


def _teks(nilai: Any) -> str:
    if nilai is None:
        return ""
    if isinstance(nilai, float) and nilai.is_integer():
        nilai = int(nilai)
    teks = " ".join(str(nilai).split())
    if len(teks) > 1 and teks[0] == "'" and teks[1] in "=+-@":
        teks = teks[1:]  # the apostrophe other tools put to stop formula injection
    if len(teks) > _MAKS_TEKS:
        raise _Salah(f"teks terlalu panjang ({len(teks)} karakter; paling banyak {_MAKS_TEKS}).")
    return teks


def _angka(nilai: Any, *, terbitan: bool = False) -> Decimal:
    """A number cell: a real number, or Indonesian text (`1.234,56`, `86,40`, `30,00%`, `Rp 1.000`).

    A published figure typed as a number is given at least two decimals (Excel drops trailing zeros);
    text keeps exactly the decimals typed.
    """
    if isinstance(nilai, bool):
        raise _Salah("berisi nilai benar/salah, bukan angka.")
    if isinstance(nilai, datetime.datetime | datetime.date | datetime.time):
        raise _Salah(
            "berisi tanggal, bukan angka (Excel mengubah isian menjadi tanggal; format sel sebagai teks)."
        )
    if isinstance(nilai, int | float | Decimal):
        hasil = Decimal(repr(nilai)) if isinstance(nilai, float) else Decimal(nilai)
        if not hasil.is_finite():
            raise _Salah(f"'{nilai}' bukan angka.")
        if terbitan and audit.desimal_terbitan(hasil) < 2:
            hasil = hasil.quantize(Decimal("0.01"))
        return hasil
    teks = _teks(nilai)
    kurung = _KURUNG.fullmatch(teks)
    try:
        if kurung is None:
            return angka.parse_angka(teks)
        # Accounting notation: "(27,35)" is −27,35.
        isi = angka.parse_angka(kurung["isi"] + (kurung["persen"] or ""))
    except angka.AngkaError:
        raise _Salah(f"'{teks}' bukan angka. Contoh penulisan: 1.234.567 atau 86,40 atau 30,00%.") from None
    if isi < 0:
        raise _Salah(f"'{teks}' bukan angka: tanda minus di dalam kurung.")
    return -isi


_KURUNG = re.compile(r"\(\s*(?P<isi>[^()]*?)\s*\)\s*(?P<persen>%)?")
_HURUF = re.compile(r"[^\W\d_]")


def _terbitan_atau_kata(nilai: Any) -> Decimal | str:
    """A published figure, or the category word printed in its place ("Sangat Baik"): words, no digits."""
    if isinstance(nilai, str):
        teks = _teks(nilai)
        if _HURUF.search(teks) and not any(c.isdigit() for c in teks):
            return teks
    return _terbitan(nilai)


_KELUARAN = re.compile(r"^\s*([-+]?[0-9][0-9.,]*)\s*(%|[^\d\s].*)?$")


def _keluaran(nilai: Any) -> Decimal:
    """An output cell: a number, or text such as `12 Dokumen`, `85%`, `2.340 Laporan`; the unit is dropped."""
    if isinstance(nilai, str):
        teks = _teks(nilai)
        cocok = _KELUARAN.match(teks)
        if cocok is None:
            raise _Salah(f"'{teks}' bukan angka (contoh: 12, 12 Dokumen atau 85%).")
        try:
            return angka.parse_angka(cocok.group(1))
        except angka.AngkaError:
            raise _Salah(f"'{teks}' bukan angka (contoh: 12, 12 Dokumen atau 85%).") from None
    return _angka(nilai)


def _pilihan(nilai: Any, peta: dict[str, Any], label: Iterable[str]) -> Any:
    teks = _teks(nilai)
    try:
        return peta[_normal(teks)]
    except KeyError:
        raise _Salah(f"'{teks}' tidak dikenal; pilih salah satu: {', '.join(label)}.") from None


@dataclass
class _Baris:
    nomor: int
    sel: dict[str, Any]


class _Pembaca:
    """Collects every problem of every sheet instead of stopping at the first."""

    def __init__(self) -> None:
        self.kesalahan: list[Kesalahan] = []

    def salah(self, sheet: str, baris: int | None, kolom: str, pesan: str) -> None:
        self.kesalahan.append(Kesalahan(sheet, baris, kolom, pesan))

    def tabel(
        self, sheet: str, kolom: Sequence[Kolom], isi: list[tuple[int, tuple[Any, ...]]]
    ) -> list[_Baris]:
        """The sheet's data rows as {column key: cell}; a missing header row or column is reported."""
        dikenal: dict[str, Kolom] = {}
        for k in kolom:
            for nama in (k.judul, *k.alias):
                dikenal.setdefault(_normal(nama), k)
        for urut, (nomor, nilai) in enumerate(isi[:_BARIS_CARI_JUDUL]):
            posisi: dict[str, int] = {}
            for i, sel in enumerate(nilai):
                k = dikenal.get(_normal(sel))
                if k is not None and k.kunci not in posisi:
                    posisi[k.kunci] = i
            if not posisi:
                continue
            kurang = [k.judul for k in kolom if k.wajib and k.kunci not in posisi]
            if kurang:
                daftar = ", ".join(f"'{j}'" for j in kurang)
                self.salah(
                    sheet,
                    nomor,
                    "",
                    f"Kolom wajib tidak ditemukan pada baris judul: {daftar} (lihat templat).",
                )
                return []
            return [
                _Baris(n, {kunci: (v[i] if i < len(v) else None) for kunci, i in posisi.items()})
                for n, v in isi[urut + 1 :]
            ]
        if isi:
            wajib = ", ".join(f"'{k.judul}'" for k in kolom if k.wajib)
            self.salah(
                sheet,
                None,
                "",
                f"Baris judul kolom tidak ditemukan: harus ada kolom {wajib} (lihat templat).",
            )
        return []

    def baca(
        self, sheet: str, b: _Baris, kolom: Kolom, ubah: Callable[[Any], Any], *, wajib: bool = False
    ) -> Any:
        """One cell through `ubah`; None when empty (reported when `wajib`) or unreadable (reported)."""
        nilai = b.sel.get(kolom.kunci)
        if _kosong(nilai):
            if wajib:
                self.salah(sheet, b.nomor, kolom.judul, "Wajib diisi.")
            return None
        try:
            return ubah(nilai)
        except _Salah as exc:
            self.salah(sheet, b.nomor, kolom.judul, str(exc))
            return None


def _kolom(daftar: Sequence[Kolom]) -> dict[str, Kolom]:
    return {k.kunci: k for k in daftar}


def _terbitan(nilai: Any) -> Decimal:
    return _angka(nilai, terbitan=True)


def _uang(nilai: Any) -> Decimal:
    hasil = _angka(nilai)
    if hasil < 0:
        raise _Salah(f"tidak boleh negatif ({angka.format_rupiah(hasil)}).")
    return hasil


def _target(nilai: Any) -> Decimal:
    hasil = _angka(nilai)
    if hasil < 0:
        raise _Salah("target tidak boleh negatif.")
    return hasil


def _keluaran_positif(nilai: Any) -> Decimal:
    hasil = _keluaran(nilai)
    if hasil < 0:
        raise _Salah("nilai kinerja tidak boleh negatif.")
    return hasil


def _baca_pengukuran(
    p: _Pembaca, baris: list[_Baris]
) -> tuple[list[audit.BarisPengukuran], list[audit.BarisSasaran]]:
    s, k = audit.SHEET_PENGUKURAN, _kolom(KOLOM_PENGUKURAN)
    pengukuran: list[audit.BarisPengukuran] = []
    per_sasaran: dict[tuple[str, Decimal | None, str], audit.BarisSasaran] = {}
    for b in baris:
        awal = len(p.kesalahan)
        sasaran = p.baca(s, b, k["sasaran"], _teks, wajib=True)
        indikator = p.baca(s, b, k["indikator"], _teks, wajib=True)
        target = p.baca(s, b, k["target"], _target, wajib=True)
        polaritas = p.baca(
            s, b, k["polaritas"], lambda v: _pilihan(v, POLARITAS, ("Positif", "Negatif", "Stabil"))
        )
        nilai = {
            kunci: p.baca(s, b, k[kunci], fungsi)
            for kunci, fungsi in (
                ("realisasi", _angka),
                ("capaian", _terbitan_atau_kata),
                ("capaian_sasaran", _terbitan_atau_kata),
                ("realisasi_lalu", _angka),
                ("perubahan", _terbitan),
                ("target_akhir", _target),
                ("kemajuan", _terbitan),
            )
        }
        teks = {
            kunci: p.baca(s, b, k[kunci], _teks) or ""
            for kunci in ("tabel", "nama_sasaran", "kode", "kategori", "kategori_sasaran")
        }
        # A category printed in the capaian column itself is checked as a category.
        kategori = {}
        for kunci_angka, kunci_kata in (("capaian", "kategori"), ("capaian_sasaran", "kategori_sasaran")):
            kata, kolom_kata = teks[kunci_kata], k[kunci_kata].judul
            if isinstance(nilai[kunci_angka], str):
                if kata and _normal(kata) != _normal(nilai[kunci_angka]):
                    p.salah(
                        s,
                        b.nomor,
                        k[kunci_angka].judul,
                        f"berisi kategori '{nilai[kunci_angka]}', berbeda dengan kolom '{kolom_kata}' "
                        f"('{kata}'); isi salah satu.",
                    )
                kata, kolom_kata = nilai[kunci_angka], k[kunci_angka].judul
                nilai[kunci_angka] = None
            kategori[kunci_kata] = (kata, kolom_kata)
        if len(p.kesalahan) > awal:
            continue
        pengukuran.append(
            audit.BarisPengukuran(
                sasaran=sasaran,
                indikator=indikator,
                target=target,
                realisasi=nilai["realisasi"],
                capaian=nilai["capaian"],
                polaritas=polaritas or rumus_capaian.Polaritas.POSITIF,
                kode=teks["kode"],
                realisasi_lalu=nilai["realisasi_lalu"],
                perubahan=nilai["perubahan"],
                target_akhir=nilai["target_akhir"],
                kemajuan=nilai["kemajuan"],
                tabel=teks["tabel"],
                nomor=b.nomor,
                kategori=kategori["kategori"][0],
                kolom_kategori=kategori["kategori"][1],
            )
        )
        kata_sasaran, kolom_sasaran = kategori["kategori_sasaran"]
        if nilai["capaian_sasaran"] is not None or kata_sasaran:
            # Printed in a merged cell, the value may be repeated on every row of the sasaran: check it once.
            kunci_sasaran = (audit.kunci_sasaran(sasaran), nilai["capaian_sasaran"], _normal(kata_sasaran))
            per_sasaran.setdefault(
                kunci_sasaran,
                audit.BarisSasaran(
                    sasaran=sasaran,
                    capaian=nilai["capaian_sasaran"],
                    nama=teks["nama_sasaran"],
                    tabel=teks["tabel"],
                    nomor=b.nomor,
                    kategori=kata_sasaran,
                    kolom_kategori=kolom_sasaran,
                ),
            )
    return pengukuran, list(per_sasaran.values())


def _baca_efisiensi(p: _Pembaca, baris: list[_Baris]) -> list[audit.BarisEfisiensi]:
    s, k = audit.SHEET_EFISIENSI, _kolom(KOLOM_EFISIENSI)
    hasil: list[audit.BarisEfisiensi] = []
    for b in baris:
        awal = len(p.kesalahan)
        sasaran = p.baca(s, b, k["sasaran"], _teks, wajib=True)
        metode = p.baca(
            s, b, k["metode"], lambda v: _pilihan(v, METODE, ("Selisih", "Penghematan", "Indeks"))
        )
        capaian = p.baca(s, b, k["capaian"], _terbitan)
        pagu = p.baca(s, b, k["pagu"], _uang)
        realisasi = p.baca(s, b, k["realisasi"], _uang)
        penyerapan = p.baca(s, b, k["penyerapan"], _terbitan)
        efisiensi = p.baca(s, b, k["efisiensi"], _terbitan)
        tabel = p.baca(s, b, k["tabel"], _teks) or ""
        nama = p.baca(s, b, k["nama_sasaran"], _teks) or ""
        if (pagu is None) != (realisasi is None) and len(p.kesalahan) == awal:
            kosong = k["realisasi"] if realisasi is None else k["pagu"]
            p.salah(
                s,
                b.nomor,
                kosong.judul,
                "Isi Pagu dan Realisasi anggaran bersama-sama, atau kosongkan keduanya.",
            )
        if len(p.kesalahan) > awal:
            continue
        hasil.append(
            audit.BarisEfisiensi(
                sasaran=sasaran,
                nama=nama,
                capaian=capaian,
                pagu=pagu,
                realisasi=realisasi,
                penyerapan=penyerapan,
                efisiensi=efisiensi,
                metode=metode or rumus_efisiensi.MetodeEfisiensi.SELISIH,
                tabel=tabel,
                nomor=b.nomor,
            )
        )
    return hasil


_BERUANG = (audit.TingkatAnggaran.PROGRAM, audit.TingkatAnggaran.KEGIATAN, audit.TingkatAnggaran.SUB_KEGIATAN)


def _baca_anggaran(p: _Pembaca, baris: list[_Baris]) -> list[audit.BarisAnggaran]:
    s, k = audit.SHEET_ANGGARAN, _kolom(KOLOM_ANGGARAN)
    label_tingkat = ("Total", "Sasaran", "Unit", "Program", "Kegiatan", "Sub kegiatan")
    hasil: list[audit.BarisAnggaran] = []
    for b in baris:
        awal = len(p.kesalahan)
        tingkat = p.baca(s, b, k["tingkat"], lambda v: _pilihan(v, TINGKAT, label_tingkat), wajib=True)
        uraian = p.baca(s, b, k["uraian"], _teks, wajib=True)
        # Program, kegiatan and sub kegiatan rows carry money; heading rows (Tabel 3.17's sasaran) may not.
        wajib_uang = tingkat in _BERUANG
        pagu = p.baca(s, b, k["pagu"], _uang, wajib=wajib_uang)
        realisasi = p.baca(s, b, k["realisasi"], _uang, wajib=wajib_uang)
        nilai = {
            "persen": p.baca(s, b, k["persen"], _terbitan),
            "target_kinerja": p.baca(s, b, k["target_kinerja"], _keluaran_positif),
            "realisasi_kinerja": p.baca(s, b, k["realisasi_kinerja"], _keluaran_positif),
            "capaian_kinerja": p.baca(s, b, k["capaian_kinerja"], _terbitan),
        }
        teks = {kunci: p.baca(s, b, k[kunci], _teks) or "" for kunci in ("tabel", "sasaran")}
        if len(p.kesalahan) > awal:
            continue
        hasil.append(
            audit.BarisAnggaran(
                tingkat=tingkat,
                uraian=uraian,
                pagu=pagu,
                realisasi=realisasi,
                persen=nilai["persen"],
                sasaran=teks["sasaran"],
                target_kinerja=nilai["target_kinerja"],
                realisasi_kinerja=nilai["realisasi_kinerja"],
                capaian_kinerja=nilai["capaian_kinerja"],
                tabel=teks["tabel"],
                nomor=b.nomor,
            )
        )
    return hasil


def _baca_keseluruhan(p: _Pembaca, baris: list[_Baris]) -> list[audit.BarisKeseluruhan]:
    s, k = audit.SHEET_KESELURUHAN, _kolom(KOLOM_KESELURUHAN)
    hasil: list[audit.BarisKeseluruhan] = []
    for b in baris:
        awal = len(p.kesalahan)
        nilai = p.baca(s, b, k["nilai"], _terbitan_atau_kata)
        kategori = p.baca(s, b, k["kategori"], _teks) or ""
        teks = {kunci: p.baca(s, b, k[kunci], _teks) or "" for kunci in ("tabel", "uraian")}
        if len(p.kesalahan) > awal or (nilai is None and not kategori):
            continue  # the template's row left empty
        kolom_kategori = k["kategori"].judul
        if isinstance(nilai, str):
            if kategori and _normal(kategori) != _normal(nilai):
                p.salah(
                    s,
                    b.nomor,
                    k["nilai"].judul,
                    f"berisi kategori '{nilai}', berbeda dengan kolom 'Kategori' ('{kategori}'); isi salah satu.",
                )
                continue
            kategori, kolom_kategori, nilai = nilai, k["nilai"].judul, None
        hasil.append(
            audit.BarisKeseluruhan(
                nilai=nilai,
                kategori=kategori,
                uraian=teks["uraian"] or "Nilai capaian keseluruhan",
                tabel=teks["tabel"],
                nomor=b.nomor,
                kolom_kategori=kolom_kategori,
            )
        )
    return hasil


def baca(berkas: IO[bytes]) -> HasilBaca:
    """Read an audit workbook. Raises BerkasDitolak for a file that is not an xlsx we will open."""
    lembar = _buka(periksa_berkas(berkas))
    p = _Pembaca()
    tabel: dict[str, list[_Baris]] = {}
    for nama, kolom in LEMBAR.items():
        isi = lembar.get(_normal(nama))
        if isi is None:
            p.salah(
                nama,
                None,
                "",
                f"Sheet '{nama}' tidak ditemukan. Gunakan templat yang dapat diunduh dari halaman audit.",
            )
            continue
        tabel[nama] = p.tabel(nama, kolom, isi)
    for nama, kolom in LEMBAR_OPSIONAL.items():
        isi = lembar.get(_normal(nama))
        tabel[nama] = p.tabel(nama, kolom, isi) if isi is not None else []
    if p.kesalahan:
        return HasilBaca(None, p.kesalahan)
    pengukuran, sasaran = _baca_pengukuran(p, tabel[audit.SHEET_PENGUKURAN])
    efisiensi = _baca_efisiensi(p, tabel[audit.SHEET_EFISIENSI])
    anggaran = _baca_anggaran(p, tabel[audit.SHEET_ANGGARAN])
    keseluruhan = _baca_keseluruhan(p, tabel[audit.SHEET_KESELURUHAN])
    if p.kesalahan:
        return HasilBaca(None, p.kesalahan)
    if not (pengukuran or efisiensi or anggaran or keseluruhan):
        p.salah(
            "",
            None,
            "",
            "Berkas tidak berisi data: isi sheet Pengukuran, Efisiensi, Anggaran atau Keseluruhan di bawah baris "
            "judul.",
        )
        return HasilBaca(None, p.kesalahan)
    return HasilBaca(audit.DataAudit(pengukuran, sasaran, efisiensi, anggaran, keseluruhan))


# --- writing ----------------------------------------------------------------------------------------------------

_JUDUL_FILL = PatternFill("solid", fgColor="E8F1FA")


def buat_templat() -> bytes:
    """The empty audit workbook: instructions, then the sheets with their header rows; the Keseluruhan sheet has
    its one row named, to be filled with the printed figure and category."""
    wb = Workbook()
    petunjuk = wb.active
    petunjuk.title = SHEET_PETUNJUK
    xlsx.tambah_baris(petunjuk, ["Petunjuk pengisian audit angka terbitan LKjIP"])
    petunjuk["A1"].font = Font(bold=True, size=12)
    for teks in PETUNJUK:
        xlsx.tambah_baris(petunjuk, [teks])
    xlsx.tambah_baris(petunjuk, [])
    xlsx.tambah_baris(petunjuk, ["Sheet", "Kolom", "Wajib", "Keterangan"])
    for sel in petunjuk[petunjuk.max_row]:
        sel.font = Font(bold=True)
        sel.fill = _JUDUL_FILL
    for nama, kolom in (LEMBAR | LEMBAR_OPSIONAL).items():
        for k in kolom:
            xlsx.tambah_baris(petunjuk, [nama, k.judul, "Ya" if k.wajib else "", k.keterangan])
    for huruf, lebar in zip("ABCD", (14, 24, 8, 110), strict=True):
        petunjuk.column_dimensions[huruf].width = lebar
    for baris in petunjuk.iter_rows():
        for sel in baris:
            sel.alignment = Alignment(wrap_text=True, vertical="top")
    for nama, kolom in (LEMBAR | LEMBAR_OPSIONAL).items():
        ws = wb.create_sheet(nama)
        xlsx.tambah_baris(ws, [k.judul for k in kolom])
        if nama == audit.SHEET_KESELURUHAN:
            xlsx.tambah_baris(ws, ["", "Nilai capaian keseluruhan", "", ""])
        for i, k in enumerate(kolom, start=1):
            sel = ws.cell(row=1, column=i)
            sel.font = Font(bold=True)
            sel.fill = _JUDUL_FILL
            sel.alignment = Alignment(wrap_text=True, vertical="center")
            ws.column_dimensions[get_column_letter(i)].width = k.lebar
            # Text format, so that "101,64" stays as typed and "1.000" is not read as a date or a decimal.
            ws.column_dimensions[get_column_letter(i)].number_format = "@"
        ws.freeze_panes = "A2"
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def _bersih(teks: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", teks)


def _format_desimal(desimal: int) -> str:
    return "#,##0" + ("." + "0" * desimal if desimal else "")


def tulis_temuan(hasil: audit.HasilAudit, *, nama_berkas: str = "", aturan: str = "") -> bytes:
    """The findings as a one-sheet workbook. Figures are numeric cells (negatives included) formatted at the
    finding's precision; words (a category, a swapped row) are text; text is neutralised against formulas."""
    kolom = [
        excel_anggaran.KolomEkspor("No", "angka", 6),
        excel_anggaran.KolomEkspor("Letak", "teks", 26),
        excel_anggaran.KolomEkspor("Baris", "teks", 50),
        excel_anggaran.KolomEkspor("Kolom", "teks", 20),
        excel_anggaran.KolomEkspor("Terbitan", "angka", 18),
        excel_anggaran.KolomEkspor("Hasil hitung", "angka", 18),
        excel_anggaran.KolomEkspor("Hasil hitung (presisi penuh)", "angka", 26),
        excel_anggaran.KolomEkspor("Selisih", "angka", 14),
        excel_anggaran.KolomEkspor("Aturan", "teks", 50),
        excel_anggaran.KolomEkspor("Jenis", "teks", 24),
        excel_anggaran.KolomEkspor("Keterangan", "teks", 60),
    ]
    baris = [
        (
            [
                i,
                _bersih(t.letak),
                _bersih(t.baris),
                t.kolom,
                _bersih(t.teks_terbitan) if t.teks_terbitan else t.terbitan,
                _bersih(t.teks_hitung) if t.teks_hitung else t.hitung_dibulatkan,
                t.hitung,
                t.selisih,
                _bersih(t.aturan),
                t.label_jenis,
                _bersih(t.keterangan),
            ],
            "",
        )
        for i, t in enumerate(hasil.temuan, start=1)
    ]
    ringkasan = [
        f"{hasil.jumlah_diperiksa} angka terbitan diperiksa: {hasil.jumlah_cocok} cocok, "
        f"{len(hasil.temuan)} tidak cocok."
    ]
    if aturan:
        ringkasan.append(_bersih(aturan))
    ringkasan += [f"{label}: {n}" for _, label, n in hasil.per_jenis]
    ringkasan += [_bersih(c) for c in hasil.catatan]
    isi = excel_anggaran.tulis_tabel(
        judul="Audit angka terbitan LKjIP",
        subjudul=_bersih(f"Berkas: {nama_berkas}") if nama_berkas else "",
        kolom=kolom,
        baris=baris,
        catatan=ringkasan,
        nama_sheet="Temuan",
    )
    # Each finding's figures at its own precision (101,64 at two decimals, a pagu at none; the full-precision
    # value at six), so that Excel shows them as the report printed them and still computes with them.
    wb = load_workbook(io.BytesIO(isi))
    ws = wb.active
    pertama = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == "No") + 1
    for r, t in enumerate(hasil.temuan, start=pertama):
        for c, desimal in ((5, t.desimal), (6, t.desimal), (7, max(t.desimal + 4, 6)), (8, t.desimal)):
            sel = ws.cell(row=r, column=c)
            if isinstance(sel.value, int | float | Decimal):
                sel.number_format = _format_desimal(desimal)
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()
