"""The profile as an Excel workbook: template, export and import, all from one layout.

Reading does not depend on a request: `baca(berkas, kode_unit=..., tahun=...)` takes any binary file and
returns the plain data (`sakip.profil.data`) with every problem found, each located by sheet, row and column
and worded in Bahasa Indonesia. Nothing is written here; the caller hands clean data to the service.

Totals are never read as data. The export writes the "Jumlah" column, the "Gol. P3K" column and the "Jumlah"
row as formulas; if a workbook carries typed values there instead, each must equal the sum computed from the
cells, otherwise its row is reported.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from sakip.lib import angka, xlsx, xlsx_baca
from sakip.profil import aturan
from sakip.profil import data as profil_data
from sakip.profil.models import (
    BarisNonPNS,
    BarisPegawai,
    PerbandinganStandar,
    ProfilOrganisasi,
    SaranaPrasarana,
)

BATAS_UKURAN = 5 * 1024 * 1024
# A 5 MB xlsx can expand enormously (zip bomb); a real profile workbook unpacks to well under a megabyte.
BATAS_UKURAN_TERURAI = 100 * 1024 * 1024
BATAS_BARIS = 5_000  # rows holding a value, per sheet (a unit's staff and facility tables are far shorter)
JENIS_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

SHEET_PROFIL = "Profil"
SHEET_PETUNJUK = "Petunjuk"


class BerkasDitolak(Exception):
    """The upload is not a workbook we will open at all; the message says why, in Bahasa Indonesia."""


@dataclass(frozen=True)
class Kesalahan:
    sheet: str
    baris: int | None
    kolom: str | None
    pesan: str

    def __str__(self) -> str:
        letak = f"Sheet '{self.sheet}'"
        if self.baris is not None:
            letak += f", baris {self.baris}"
        if self.kolom:
            letak += f", kolom '{self.kolom}'"
        return f"{letak}: {self.pesan}"


@dataclass
class HasilImpor:
    data: profil_data.DataProfil
    kesalahan: list[Kesalahan] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.kesalahan


# ---------------------------------------------------------------------------------------------------- layout

TEKS, BULAT, DESIMAL, TINGKAT = "teks", "bulat", "desimal", "tingkat"


@dataclass(frozen=True)
class Kolom:
    judul: str
    kunci: str | None  # None: the "No" column, informative only
    jenis: str = TEKS
    wajib: bool = False
    panjang: int | None = None
    lebar: int = 14
    # A computed column (Jumlah, Gol. P3K): optional; a typed value must equal what the cells give.
    hitung: Callable[[dict[str, Any]], int] | None = None


@dataclass(frozen=True)
class Tabel:
    sheet: str
    kunci: str  # key in the plain data
    kolom: tuple[Kolom, ...]
    baris_jumlah: bool = False  # whether a "Jumlah" row is written (and checked when present)
    butir: bool = False  # a plain list of texts (landasan hukum, fungsi, isu strategis)

    @property
    def kolom_data(self) -> tuple[Kolom, ...]:
        return tuple(k for k in self.kolom if k.kunci and k.hitung is None)


def _panjang(model: Any, nama: str) -> int | None:
    max_length: int | None = model._meta.get_field(nama).max_length
    return max_length


NO = Kolom("No", None, lebar=5)


def _butir(sheet: str, kunci: str) -> Tabel:
    return Tabel(sheet, kunci, (NO, Kolom("Uraian", "uraian", wajib=True, lebar=100)), butir=True)


def _asn_jumlah(b: dict[str, Any]) -> int:
    return int(b["pns"]) + int(b["p3k"])


def _asn_gol_p3k(b: dict[str, Any]) -> int:
    return int(b["p3k"])


def _non_pns_jumlah(b: dict[str, Any]) -> int:
    return int(b["laki_laki"]) + int(b["perempuan"])


TABEL = (
    _butir("Landasan Hukum", "landasan_hukum"),
    _butir("Fungsi", "fungsi"),
    _butir("Isu Strategis", "isu_strategis"),
    Tabel(
        "Perbandingan Standar",
        "perbandingan_standar",
        (
            NO,
            Kolom(
                "Indikator",
                "indikator",
                wajib=True,
                panjang=_panjang(PerbandinganStandar, "indikator"),
                lebar=50,
            ),
            Kolom("Satuan", "satuan", panjang=_panjang(PerbandinganStandar, "satuan")),
            Kolom("Tingkat Standar", "tingkat", TINGKAT, wajib=True, lebar=16),
            Kolom(
                "Nilai Standar",
                "nilai_standar",
                wajib=True,
                panjang=_panjang(PerbandinganStandar, "nilai_standar"),
            ),
            Kolom("Realisasi", "realisasi", wajib=True, panjang=_panjang(PerbandinganStandar, "realisasi")),
            Kolom(
                "Sumber Standar",
                "sumber_standar",
                panjang=_panjang(PerbandinganStandar, "sumber_standar"),
                lebar=40,
            ),
            Kolom("Keterangan", "keterangan", lebar=60),
        ),
    ),
    Tabel(
        "Pegawai ASN",
        "pegawai_asn",
        (
            NO,
            Kolom("Jabatan", "jabatan", wajib=True, panjang=_panjang(BarisPegawai, "jabatan"), lebar=30),
            *(
                Kolom(aturan.LABEL[k], k, BULAT, lebar=9)
                for k in aturan.KOLOM_STATUS + aturan.KOLOM_JENIS_KELAMIN
            ),
            *(Kolom(aturan.LABEL[k], k, BULAT, lebar=9) for k in aturan.KOLOM_GOLONGAN),
            Kolom("Gol. P3K", "gol_p3k", BULAT, lebar=9, hitung=_asn_gol_p3k),
            *(Kolom(aturan.LABEL[k], k, BULAT, lebar=9) for k in aturan.KOLOM_PENDIDIKAN),
            Kolom("Jumlah", "jumlah", BULAT, lebar=9, hitung=_asn_jumlah),
        ),
        baris_jumlah=True,
    ),
    Tabel(
        "Pegawai Non PNS",
        "pegawai_non_pns",
        (
            NO,
            Kolom("Jabatan", "jabatan", wajib=True, panjang=_panjang(BarisNonPNS, "jabatan"), lebar=30),
            Kolom("L", "laki_laki", BULAT, lebar=9),
            Kolom("P", "perempuan", BULAT, lebar=9),
            Kolom("Jumlah", "jumlah", BULAT, lebar=9, hitung=_non_pns_jumlah),
        ),
        baris_jumlah=True,
    ),
    Tabel(
        "Sarana Prasarana",
        "sarana",
        (
            NO,
            Kolom("Uraian", "uraian", wajib=True, panjang=_panjang(SaranaPrasarana, "uraian"), lebar=30),
            Kolom("Banyaknya", "banyaknya", DESIMAL, wajib=True, lebar=12),
            Kolom("Satuan", "satuan", wajib=True, panjang=_panjang(SaranaPrasarana, "satuan"), lebar=18),
            Kolom("Keterangan", "keterangan", panjang=_panjang(SaranaPrasarana, "keterangan"), lebar=40),
        ),
    ),
)


@dataclass(frozen=True)
class Isian:
    judul: str
    kunci: str
    panjang: int | None = None


ISIAN_KODE_UNIT = "Kode Unit Kerja"
ISIAN_NAMA_UNIT = "Nama Unit Kerja"
ISIAN_TAHUN = "Tahun"
ISIAN_ADA_STANDAR = "Ada Standar Pembanding"
ISIAN_ALASAN = "Alasan Tanpa Standar"
ISIAN_TANGGAL = "Data Pegawai per Tanggal"
ISIAN = (
    Isian("Dasar Pembentukan", "dasar_pembentukan"),
    Isian("Tugas", "tugas"),
    Isian("Uraian Struktur Organisasi", "uraian_struktur"),
    Isian("Uraian Sumber Daya Aparatur", "uraian_sdm"),
    Isian(ISIAN_TANGGAL, "sdm_per_tanggal"),
    Isian("Sumber Data Pegawai", "sumber_data_pegawai", _panjang(ProfilOrganisasi, "sumber_data_pegawai")),
    Isian("Aspek Strategis", "aspek_strategis"),
    Isian(
        "Sumber Data Sarana Prasarana", "sumber_data_sarana", _panjang(ProfilOrganisasi, "sumber_data_sarana")
    ),
    Isian(ISIAN_ADA_STANDAR, "ada_standar"),
    Isian(ISIAN_ALASAN, "alasan_tanpa_standar"),
)

PETUNJUK = [
    "Petunjuk pengisian profil organisasi (BAB I LKjIP)",
    "",
    "1. Isi setiap sheet; satu baris untuk satu butir. Urutan baris menjadi urutan nomor di laporan.",
    "2. Kolom 'No' hanya keterangan; nomor dihitung ulang oleh aplikasi.",
    "3. Sel angka diisi bilangan bulat 0 atau lebih; sel kosong atau '-' dibaca 0.",
    "4. Pegawai ASN: L + P, jumlah per pendidikan, dan Gol. IV–I + Gol. P3K harus sama dengan PNS + P3K.",
    "   Gol. IV–I dijumlahkan terhadap PNS; pegawai P3K tidak memiliki golongan PNS.",
    "5. Kolom 'Jumlah', 'Gol. P3K' dan baris 'Jumlah' dihitung oleh aplikasi (berisi rumus).",
    "   Bila diisi angka, angka itu harus sama dengan hasil penjumlahan; bila tidak, barisnya dilaporkan.",
    "6. Sheet Profil: 'Ada Standar Pembanding' diisi Ya atau Tidak. Bila Tidak, isi 'Alasan Tanpa Standar';",
    "   bila Ya, isi sheet 'Perbandingan Standar' (Tingkat Standar: Nasional atau Provinsi).",
    "7. Impor mengganti seluruh profil unit dan tahun ini, dan hanya diterapkan bila tidak ada kesalahan.",
]

# ---------------------------------------------------------------------------------------------------- writing

_TEBAL = Font(bold=True)
_JUDUL = PatternFill("solid", fgColor="E8F1FA")
_DIHITUNG = PatternFill("solid", fgColor="F2F2F2")


def _judul(ws: Worksheet, kolom: tuple[Kolom, ...]) -> None:
    for i, k in enumerate(kolom, start=1):
        sel = xlsx.isi(ws, 1, i, k.judul)
        sel.font = _TEBAL
        sel.fill = _JUDUL
        ws.column_dimensions[get_column_letter(i)].width = k.lebar
    ws.freeze_panes = "A2"


def _rumus_baris(tabel: Tabel, k: Kolom, baris: int) -> str:
    huruf = {kol.kunci: get_column_letter(i) for i, kol in enumerate(tabel.kolom, start=1)}
    if k.kunci == "gol_p3k":
        return f"={huruf['p3k']}{baris}"
    if tabel.kunci == "pegawai_asn":
        return f"={huruf['pns']}{baris}+{huruf['p3k']}{baris}"
    return f"={huruf['laki_laki']}{baris}+{huruf['perempuan']}{baris}"


def _nilai_sel(k: Kolom, nilai: Any) -> Any:
    if k.jenis == DESIMAL:
        d = Decimal(str(nilai))
        return int(d) if d == d.to_integral_value() else float(d)
    if k.jenis == TINGKAT:
        return PerbandinganStandar.Tingkat(nilai).label
    return nilai


def _tulis_tabel(ws: Worksheet, tabel: Tabel, rows: list[Any]) -> None:
    _judul(ws, tabel.kolom)
    for n, row in enumerate(rows, start=1):
        r = n + 1
        isi = {"uraian": row} if tabel.butir else row
        for c, k in enumerate(tabel.kolom, start=1):
            if k.kunci is None:
                xlsx.isi(ws, r, c, n)
            elif k.hitung is not None:
                ws.cell(row=r, column=c, value=_rumus_baris(tabel, k, r)).fill = _DIHITUNG
            else:
                sel = xlsx.isi(ws, r, c, _nilai_sel(k, isi[k.kunci]))
                if k.jenis == TEKS:
                    sel.alignment = Alignment(wrap_text=True, vertical="top")
    if tabel.baris_jumlah:
        r = len(rows) + 2
        xlsx.isi(ws, r, 2, "Jumlah").font = _TEBAL
        for c, k in enumerate(tabel.kolom, start=1):
            if k.jenis == BULAT:
                huruf = get_column_letter(c)
                awal, akhir = 2, max(len(rows) + 1, 2)
                sel = ws.cell(row=r, column=c, value=f"=SUM({huruf}{awal}:{huruf}{akhir})")
                sel.font = _TEBAL
                sel.fill = _DIHITUNG


def _nilai_isian(isian: Isian, uraian: dict[str, Any]) -> Any:
    nilai = uraian.get(isian.kunci)
    if isian.kunci == "ada_standar":
        return "Ya" if nilai else "Tidak"
    if isian.kunci == "sdm_per_tanggal":
        return datetime.date.fromisoformat(nilai) if nilai else None
    return nilai


def tulis(data: profil_data.DataProfil, *, kode_unit: str, nama_unit: str, tahun: int) -> bytes:
    """The workbook for this unit and year; with `data.kosong()` it is the blank template."""
    wb = Workbook()
    petunjuk = wb.active
    petunjuk.title = SHEET_PETUNJUK
    for i, teks in enumerate(PETUNJUK, start=1):
        xlsx.isi(petunjuk, i, 1, teks).font = _TEBAL if i == 1 else Font()
    petunjuk.column_dimensions["A"].width = 110

    ws = wb.create_sheet(SHEET_PROFIL)
    _judul(ws, (Kolom("Isian", None, lebar=32), Kolom("Nilai", None, lebar=110)))
    xlsx.tambah_baris(ws, [ISIAN_KODE_UNIT, kode_unit])
    xlsx.tambah_baris(ws, [ISIAN_NAMA_UNIT, nama_unit])
    xlsx.tambah_baris(ws, [ISIAN_TAHUN, tahun])
    for isian in ISIAN:
        xlsx.tambah_baris(ws, [isian.judul, _nilai_isian(isian, data["uraian"])])
        sel = ws.cell(row=ws.max_row, column=2)
        sel.alignment = Alignment(wrap_text=True, vertical="top")
        if isian.kunci == "sdm_per_tanggal":
            sel.number_format = "DD-MM-YYYY"
    for r in range(2, ws.max_row + 1):
        ws.cell(row=r, column=1).font = _TEBAL

    for tabel in TABEL:
        _tulis_tabel(wb.create_sheet(tabel.sheet), tabel, data[tabel.kunci])
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


# ---------------------------------------------------------------------------------------------------- reading


def _normal(teks: Any) -> str:
    return re.sub(r"[\s.]+", " ", str(teks or "")).strip().lower()


_BULAN = {nama.lower(): i for i, nama in enumerate(angka.NAMA_BULAN, start=1)}


def _kosong(nilai: Any) -> bool:
    return nilai is None or (isinstance(nilai, str) and not nilai.strip())


def _teks(nilai: Any) -> str:
    if nilai is None:
        return ""
    if isinstance(nilai, float) and nilai.is_integer():
        return str(int(nilai))
    if isinstance(nilai, datetime.datetime):
        return nilai.date().isoformat()
    return str(nilai).replace("\r\n", "\n").strip()


def _bulat(nilai: Any) -> int:
    """A non-negative integer cell; blank and '-' (as printed tables write zero) are 0."""
    if _kosong(nilai) or (isinstance(nilai, str) and nilai.strip() in {"-", "–", "—"}):
        return 0
    if isinstance(nilai, bool):
        raise ValueError(f"harus berupa bilangan bulat, bukan '{nilai}'.")
    if isinstance(nilai, int):
        hasil = nilai
    elif isinstance(nilai, float):
        if not nilai.is_integer():
            raise ValueError(f"harus berupa bilangan bulat, bukan {angka.format_angka(Decimal(str(nilai)))}.")
        hasil = int(nilai)
    elif isinstance(nilai, str):
        try:
            d = angka.parse_angka(nilai)
        except angka.AngkaError:
            raise ValueError(f"harus berupa angka, bukan '{nilai.strip()}'.") from None
        if d != d.to_integral_value():
            raise ValueError(f"harus berupa bilangan bulat, bukan '{nilai.strip()}'.")
        hasil = int(d)
    else:
        raise ValueError(f"harus berupa angka, bukan '{nilai}'.")
    if hasil < 0:
        raise ValueError(f"tidak boleh negatif ({hasil}).")
    return hasil


def _desimal(nilai: Any) -> str:
    if isinstance(nilai, bool) or _kosong(nilai):
        raise ValueError("wajib diisi angka.")
    if isinstance(nilai, int | float):
        d = Decimal(str(nilai))
    elif isinstance(nilai, str):
        try:
            d = angka.parse_angka(nilai)
        except angka.AngkaError:
            raise ValueError(f"harus berupa angka, bukan '{nilai.strip()}'.") from None
    else:
        raise ValueError(f"harus berupa angka, bukan '{nilai}'.")
    if d < 0:
        raise ValueError("tidak boleh negatif.")
    d = d.normalize()
    if not d.is_finite() or -int(d.as_tuple().exponent) > 2:
        raise ValueError("paling banyak dua angka di belakang koma.")
    return format(d, "f")


def _tingkat(nilai: Any) -> str:
    teks = _normal(nilai)
    for pilihan in PerbandinganStandar.Tingkat:
        if teks == pilihan.value:
            return str(pilihan.value)
    raise ValueError(f"isi 'Nasional' atau 'Provinsi', bukan '{_teks(nilai)}'.")


def _tanggal(nilai: Any) -> str:
    if _kosong(nilai):
        return ""
    if isinstance(nilai, datetime.datetime):
        return nilai.date().isoformat()
    if isinstance(nilai, datetime.date):
        return nilai.isoformat()
    teks = _normal(nilai)
    cocok = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", teks)
    try:
        if cocok:
            return datetime.date(int(cocok[1]), int(cocok[2]), int(cocok[3])).isoformat()
        cocok = re.fullmatch(r"(\d{1,2})[-/ ](\d{1,2}|[a-z]+)[-/ ](\d{4})", teks)
        if cocok:
            bulan = int(cocok[2]) if cocok[2].isdigit() else _BULAN[cocok[2]]
            return datetime.date(int(cocok[3]), bulan, int(cocok[1])).isoformat()
    except (ValueError, KeyError):
        pass
    raise ValueError(f"tanggal tidak valid: '{_teks(nilai)}' (contoh: 31-12-2024).")


def _ya_tidak(nilai: Any) -> bool:
    if isinstance(nilai, bool):
        return nilai
    teks = _normal(nilai)
    if teks in {"ya", "y", "ada"}:
        return True
    if teks in {"", "tidak", "t", "tidak ada"}:
        return False
    raise ValueError(f"isi 'Ya' atau 'Tidak', bukan '{_teks(nilai)}'.")


def periksa_berkas(berkas: IO[bytes]) -> bytes:
    """The upload's bytes if it is an xlsx of at most 5 MB (by content, not by name); else BerkasDitolak."""
    isi = berkas.read(BATAS_UKURAN + 1)
    if len(isi) > BATAS_UKURAN:
        raise BerkasDitolak("Ukuran berkas melebihi batas 5 MB. Kurangi isi berkas lalu unggah kembali.")
    bukan_xlsx = BerkasDitolak(
        "Berkas bukan berkas Excel .xlsx yang valid. Simpan berkas sebagai 'Excel Workbook (.xlsx)' "
        "lalu unggah kembali."
    )
    if not zipfile.is_zipfile(io.BytesIO(isi)):
        raise bukan_xlsx
    try:
        with zipfile.ZipFile(io.BytesIO(isi)) as arsip:
            nama = set(arsip.namelist())
            terurai = sum(info.file_size for info in arsip.infolist())
    except zipfile.BadZipFile:
        raise bukan_xlsx from None
    if "[Content_Types].xml" not in nama or "xl/workbook.xml" not in nama:
        raise bukan_xlsx
    if terurai > BATAS_UKURAN_TERURAI:
        raise BerkasDitolak("Isi berkas terlalu besar setelah diurai. Periksa kembali berkas Excel Anda.")
    return isi


def _baris(ws: xlsx_baca.Lembar) -> Iterator[tuple[int, tuple[Any, ...]]]:
    return iter(ws.baris)


class _Pembaca:
    def __init__(self) -> None:
        self.kesalahan: list[Kesalahan] = []

    def salah(self, sheet: str, baris: int | None, kolom: str | None, pesan: str) -> None:
        self.kesalahan.append(Kesalahan(sheet, baris, kolom, pesan))

    def sel(self, sheet: str, baris: int, k: Kolom, nilai: Any) -> Any:
        """One cell converted to its type, or None after reporting why it cannot be."""
        try:
            if k.jenis == BULAT:
                return _bulat(nilai)
            if k.jenis == DESIMAL:
                return _desimal(nilai)
            if k.jenis == TINGKAT:
                return _tingkat(nilai)
        except ValueError as exc:
            self.salah(sheet, baris, k.judul, str(exc).capitalize())
            return None
        teks = _teks(nilai)
        if k.wajib and not teks:
            self.salah(sheet, baris, k.judul, "Wajib diisi.")
            return None
        if k.panjang and len(teks) > k.panjang:
            self.salah(
                sheet, baris, k.judul, f"Terlalu panjang ({len(teks)} karakter; paling banyak {k.panjang})."
            )
            return None
        return teks

    def kepala(self, ws: xlsx_baca.Lembar, tabel: Tabel) -> dict[str, int] | None:
        """Column positions by header; reports missing and unknown headers."""
        baris = ws.baris_ke(1)
        dikenal = {_normal(k.judul): k for k in tabel.kolom}
        posisi: dict[str, int] = {}
        for i, judul in enumerate(baris):
            if _kosong(judul):
                continue
            k = dikenal.get(_normal(judul))
            if k is None:
                self.salah(tabel.sheet, 1, _teks(judul), "Kolom tidak dikenal.")
            elif k.judul in posisi:
                self.salah(tabel.sheet, 1, k.judul, "Kolom ini muncul lebih dari sekali.")
            else:
                posisi[k.judul] = i
        for k in tabel.kolom:
            if k.kunci and k.hitung is None and k.judul not in posisi:
                self.salah(tabel.sheet, 1, k.judul, "Kolom tidak ditemukan pada baris judul (baris 1).")
        return posisi if all(k.judul in posisi for k in tabel.kolom_data) else None

    def tabel(self, ws: xlsx_baca.Lembar, tabel: Tabel) -> list[Any]:
        posisi = self.kepala(ws, tabel)
        if posisi is None:
            return []
        hasil: list[dict[str, Any]] = []
        semua: list[dict[str, Any]] = []  # also rows with a broken rule, so a typed total is still checked
        jumlah_tertulis: list[tuple[int, dict[str, Any]]] = []
        kolom_rusak: set[str] = set()
        for nomor, nilai in _baris(ws):
            if nomor == 1:
                continue
            sel = {judul: nilai[i] if i < len(nilai) else None for judul, i in posisi.items()}
            if all(_kosong(v) for v in sel.values()):
                continue
            if tabel.baris_jumlah and any(
                _normal(sel.get(j)).startswith("jumlah") for j in ("No", "Jabatan")
            ):
                jumlah_tertulis.append((nomor, sel))
                continue
            baris, sah = self.satu_baris(tabel, nomor, sel, kolom_rusak)
            semua.append(baris)
            if sah:
                hasil.append(baris)
        for nomor, sel in jumlah_tertulis:
            self.periksa_baris_jumlah(tabel, nomor, sel, semua, kolom_rusak)
        if tabel.butir:
            return [b["uraian"] for b in hasil]
        return hasil

    def satu_baris(
        self, tabel: Tabel, nomor: int, sel: dict[str, Any], kolom_rusak: set[str]
    ) -> tuple[dict[str, Any], bool]:
        """The row's values, and whether it may be saved."""
        baris: dict[str, Any] = {}
        for k in tabel.kolom_data:
            nilai = self.sel(tabel.sheet, nomor, k, sel[k.judul])
            if nilai is None:
                kolom_rusak.add(k.judul)
            baris[str(k.kunci)] = nilai
        if any(v is None for v in baris.values()):
            return baris, False
        sah = True
        if tabel.kunci == "pegawai_asn":
            for p in aturan.periksa_baris_asn(baris):
                self.salah(tabel.sheet, nomor, ", ".join(aturan.LABEL[k] for k in p.kolom), p.pesan)
                sah = False
        for k in tabel.kolom:
            if k.hitung is None or _kosong(sel.get(k.judul)):
                continue
            tertulis = self.sel(tabel.sheet, nomor, k, sel[k.judul])
            dihitung = k.hitung(baris)
            if tertulis is not None and tertulis != dihitung:
                self.salah(
                    tabel.sheet,
                    nomor,
                    k.judul,
                    f"Tertulis {angka.format_angka(tertulis, 0)}, padahal hasil perhitungan dari sel "
                    f"baris ini {angka.format_angka(dihitung, 0)}.",
                )
                sah = False
        return baris, sah

    def periksa_baris_jumlah(
        self, tabel: Tabel, nomor: int, sel: dict[str, Any], rows: list[dict[str, Any]], kolom_rusak: set[str]
    ) -> None:
        for k in tabel.kolom:
            if k.jenis != BULAT or _kosong(sel.get(k.judul)) or k.judul in kolom_rusak:
                continue
            if k.hitung is not None and kolom_rusak:
                continue
            tertulis = self.sel(tabel.sheet, nomor, k, sel[k.judul])
            hitung = k.hitung
            dihitung = sum(hitung(b) if hitung else int(b[str(k.kunci)]) for b in rows)
            if tertulis is not None and tertulis != dihitung:
                self.salah(
                    tabel.sheet,
                    nomor,
                    k.judul,
                    f"Baris jumlah tertulis {angka.format_angka(tertulis, 0)}, padahal jumlah dari "
                    f"baris-baris di atasnya {angka.format_angka(dihitung, 0)}.",
                )

    def profil(
        self, ws: xlsx_baca.Lembar, kode_unit: str, tahun: int
    ) -> tuple[dict[str, Any], dict[str, int]]:
        uraian = profil_data.kosong()["uraian"]
        letak: dict[str, int] = {}
        dikenal = {_normal(i.judul): i for i in ISIAN}
        for nomor, nilai in _baris(ws):
            judul, isi = (*nilai, None, None)[:2]
            if nomor == 1 or (_kosong(judul) and _kosong(isi)):
                continue
            nama = _normal(judul)
            if nama == _normal(ISIAN_KODE_UNIT):
                if _teks(isi) and _teks(isi) != kode_unit:
                    self.salah(
                        SHEET_PROFIL,
                        nomor,
                        "Nilai",
                        f"Berkas ini untuk unit '{_teks(isi)}', bukan '{kode_unit}'.",
                    )
                continue
            if nama == _normal(ISIAN_TAHUN):
                if _teks(isi) and _teks(isi) != str(tahun):
                    self.salah(
                        SHEET_PROFIL, nomor, "Nilai", f"Berkas ini untuk tahun {_teks(isi)}, bukan {tahun}."
                    )
                continue
            if nama == _normal(ISIAN_NAMA_UNIT):
                continue
            isian = dikenal.get(nama)
            if isian is None:
                self.salah(SHEET_PROFIL, nomor, "Isian", f"Isian '{_teks(judul)}' tidak dikenal.")
                continue
            if isian.kunci in letak:
                self.salah(SHEET_PROFIL, nomor, "Isian", f"Isian '{isian.judul}' muncul lebih dari sekali.")
                continue
            letak[isian.kunci] = nomor
            try:
                if isian.kunci == "ada_standar":
                    uraian["ada_standar"] = _ya_tidak(isi)
                elif isian.kunci == "sdm_per_tanggal":
                    uraian["sdm_per_tanggal"] = _tanggal(isi)
                else:
                    teks = _teks(isi)
                    if isian.panjang and len(teks) > isian.panjang:
                        raise ValueError(
                            f"terlalu panjang ({len(teks)} karakter; paling banyak {isian.panjang})."
                        )
                    uraian[isian.kunci] = teks
            except ValueError as exc:
                self.salah(SHEET_PROFIL, nomor, "Nilai", f"{isian.judul}: {exc}")
        return uraian, letak


def baca(berkas: IO[bytes], *, kode_unit: str, tahun: int) -> HasilImpor:
    """Read and check a profile workbook for this unit and year. Raises BerkasDitolak for a non-xlsx file."""
    isi = periksa_berkas(berkas)
    try:
        buku = xlsx_baca.baca(isi, maks_baris=BATAS_BARIS)
    except xlsx_baca.WorkbookDitolak as exc:
        raise BerkasDitolak(str(exc)) from None
    pembaca = _Pembaca()
    data = profil_data.kosong()
    lembar_profil = buku.get(SHEET_PROFIL)
    if lembar_profil is not None:
        data["uraian"], letak = pembaca.profil(lembar_profil, kode_unit, tahun)
    else:
        letak = {}
        pembaca.salah(SHEET_PROFIL, None, None, "Sheet tidak ditemukan.")
    for tabel in TABEL:
        lembar = buku.get(tabel.sheet)
        if lembar is not None:
            data[tabel.kunci] = pembaca.tabel(lembar, tabel)
        else:
            pembaca.salah(tabel.sheet, None, None, "Sheet tidak ditemukan.")
    _periksa_standar(pembaca, data, letak)
    return HasilImpor(data=data, kesalahan=pembaca.kesalahan)


def _periksa_standar(pembaca: _Pembaca, data: profil_data.DataProfil, letak: dict[str, int]) -> None:
    uraian = data["uraian"]
    if uraian["ada_standar"] and not data["perbandingan_standar"]:
        pembaca.salah(
            SHEET_PROFIL,
            letak.get("ada_standar"),
            "Nilai",
            "Ada standar pembanding, tetapi sheet 'Perbandingan Standar' kosong.",
        )
    if not uraian["ada_standar"] and data["perbandingan_standar"]:
        pembaca.salah(
            SHEET_PROFIL,
            letak.get("ada_standar"),
            "Nilai",
            "Sheet 'Perbandingan Standar' diisi, tetapi 'Ada Standar Pembanding' bernilai Tidak.",
        )
    if not uraian["ada_standar"] and not uraian["alasan_tanpa_standar"]:
        pembaca.salah(
            SHEET_PROFIL,
            letak.get("alasan_tanpa_standar"),
            "Nilai",
            "Tidak ada standar pembanding: isi 'Alasan Tanpa Standar'.",
        )
