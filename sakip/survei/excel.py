"""Excel template and import of paper questionnaires of a survey.

The import reads the whole workbook and reports every error with its row and column as Excel numbers it
("Baris 7, kolom 'U3': nilai harus 1–4"); nothing is written until the user confirms the preview, and then all
rows or none (services.impor_respons).
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from sakip.lib import xlsx, xlsx_baca
from sakip.survei import services
from sakip.survei.models import Respons, Survei

JENIS_BERKAS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAKS_UKURAN = 5 * 1024 * 1024
_MAKS_ISI = 100 * 1024 * 1024  # a 5 MB zip can inflate to gigabytes
MAKS_BARIS = 10_000
SHEET = "Jawaban"
SHEET_PETUNJUK = "Petunjuk"

KOLOM_NOMOR = "No"
KOLOM_JK = "Jenis kelamin"
KOLOM_UMUR = "Umur"
KOLOM_PENDIDIKAN = "Pendidikan"
KOLOM_PEKERJAAN = "Pekerjaan"
KOLOM_LAYANAN = "Jenis layanan"
KOLOM_SARAN = "Saran"
KOLOM_PROFIL = (KOLOM_NOMOR, KOLOM_JK, KOLOM_UMUR, KOLOM_PENDIDIKAN, KOLOM_PEKERJAAN, KOLOM_LAYANAN)

# Other ways paper forms and typists write the profile answers.
_SINONIM = {
    "jenis_kelamin": {"laki": "L", "laki laki": "L", "pria": "L", "wanita": "P"},
    "pendidikan": {
        "sd": "SD",
        "sltp": "SMP",
        "slta": "SMA",
        "sma": "SMA",
        "smk": "SMA",
        "d1": "D3",
        "d2": "D3",
        "d3": "D3",
        "diploma": "D3",
        "d4": "S1",
        "sarjana": "S1",
    },
    "pekerjaan": {
        "pns": "ASN",
        "asn": "ASN",
        "tni": "TNI_POLRI",
        "polri": "TNI_POLRI",
        "swasta": "SWASTA",
        "wiraswasta": "WIRAUSAHA",
        "pelajar": "PELAJAR",
        "mahasiswa": "PELAJAR",
    },
}


@dataclass(frozen=True)
class Kesalahan:
    baris: int | None
    kolom: str
    pesan: str

    def __str__(self) -> str:
        if self.baris and self.kolom:
            return f"Baris {self.baris}, kolom '{self.kolom}': {self.pesan}"
        if self.baris:
            return f"Baris {self.baris}: {self.pesan}"
        return self.pesan


@dataclass
class HasilBaca:
    data: list[services.DataRespons] = field(default_factory=list)
    kesalahan: list[Kesalahan] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.kesalahan


def _kunci(teks: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", teks.lower()).strip()


def _peta(nama: str, choices: list[tuple[str, str]]) -> dict[str, str]:
    peta = {}
    for kode, label in choices:
        peta[_kunci(kode)] = kode
        peta[_kunci(label)] = kode
    peta.update(_SINONIM.get(nama, {}))
    return peta


_PILIHAN = {
    KOLOM_JK: ("jenis_kelamin", Respons.JenisKelamin.choices),
    KOLOM_PENDIDIKAN: ("pendidikan", Respons.Pendidikan.choices),
    KOLOM_PEKERJAAN: ("pekerjaan", Respons.Pekerjaan.choices),
}


def _judul(survei: Survei) -> list[str]:
    return [*KOLOM_PROFIL, *(f"U{i}" for i in range(1, survei.jumlah_unsur + 1)), KOLOM_SARAN]


def buat_templat(survei: Survei) -> bytes:
    """The empty workbook for a survey: one row per paper questionnaire, drop-downs for the profile."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET
    judul = _judul(survei)
    tebal, isi = Font(bold=True), PatternFill("solid", fgColor="E8F1FA")
    for kolom, teks in enumerate(judul, start=1):
        sel = xlsx.isi(ws, 1, kolom, teks)
        sel.font, sel.fill = tebal, isi
        sel.alignment = Alignment(wrap_text=True, vertical="top")
        lebar = 8 if teks.startswith("U") or teks == KOLOM_NOMOR else 18
        ws.column_dimensions[get_column_letter(kolom)].width = 40 if teks == KOLOM_SARAN else lebar
    ws.freeze_panes = "B2"
    for teks, (_, choices) in _PILIHAN.items():
        huruf = get_column_letter(judul.index(teks) + 1)
        dv = DataValidation(type="list", formula1='"' + ",".join(label for _, label in choices) + '"')
        dv.add(f"{huruf}2:{huruf}{MAKS_BARIS + 1}")
        ws.add_data_validation(dv)
    if survei.daftar_layanan and len(",".join(survei.daftar_layanan)) < 250:
        huruf = get_column_letter(judul.index(KOLOM_LAYANAN) + 1)
        dv = DataValidation(type="list", formula1='"' + ",".join(survei.daftar_layanan) + '"')
        dv.add(f"{huruf}2:{huruf}{MAKS_BARIS + 1}")
        ws.add_data_validation(dv)
    pertama, terakhir = get_column_letter(len(KOLOM_PROFIL) + 1), get_column_letter(len(judul) - 1)
    dv = DataValidation(type="whole", operator="between", formula1="1", formula2="4", allow_blank=True)
    dv.error = "Nilai harus 1–4"
    dv.add(f"{pertama}2:{terakhir}{MAKS_BARIS + 1}")
    ws.add_data_validation(dv)

    petunjuk = wb.create_sheet(SHEET_PETUNJUK)
    baris = [
        f"Impor kuesioner kertas: {survei.nama}",
        "",
        f"Isi sheet '{SHEET}' mulai baris 2, satu baris per kuesioner. Jangan ubah judul kolom di baris 1.",
        "Kolom U1 dst.: nilai jawaban 1–4 (1 = pilihan pertama/terburuk, 4 = pilihan terakhir/terbaik). "
        "Kosongkan bila responden tidak menjawab unsur tersebut.",
        "Jenis kelamin, pendidikan dan pekerjaan: pilih dari daftar; boleh dikosongkan. Umur dalam tahun.",
        "Impor bersifat semua-atau-tidak-sama-sekali: bila satu baris salah, tidak ada yang disimpan.",
        "",
        "Unsur:",
        *(f"U{i}: {u['label']} – {u['pertanyaan']}" for i, u in enumerate(survei.unsur, start=1)),
        "",
        "Pilihan jawaban per unsur (nilai 1–4):",
        *(
            f"U{i}: " + "; ".join(f"{n} = {teks}" for n, teks in enumerate(u["pilihan"], start=1))
            for i, u in enumerate(survei.unsur, start=1)
        ),
    ]
    for nomor, teks in enumerate(baris, start=1):
        xlsx.isi(petunjuk, nomor, 1, teks)
    petunjuk["A1"].font = Font(bold=True, size=13)
    petunjuk.column_dimensions["A"].width = 140
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def periksa_berkas(data: bytes) -> str | None:
    """Why `data` is not an acceptable .xlsx, or None. Checked before any XML is parsed."""
    if not data:
        return "Berkas kosong."
    if len(data) > MAKS_UKURAN:
        return f"Berkas terlalu besar ({len(data) / 1024 / 1024:.1f} MB); ukuran maksimal 5 MB."
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "Berkas berformat Excel lama (.xls). Simpan ulang sebagai Excel Workbook (.xlsx), lalu unggah."
    if not data.startswith(b"PK\x03\x04"):
        return "Berkas bukan workbook Excel (.xlsx). Gunakan templat yang dapat diunduh dari halaman impor."
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as arsip:
            anggota = arsip.infolist()
            if "xl/workbook.xml" not in {a.filename for a in anggota}:
                return "Berkas ZIP ini bukan workbook Excel (.xlsx)."
            if sum(a.file_size for a in anggota) > _MAKS_ISI:
                return "Isi berkas terlalu besar setelah diekstrak; berkas ditolak."
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, NotImplementedError, EOFError):
        return "Berkas rusak atau bukan workbook Excel (.xlsx)."
    return None


def _baris_lembar(data: bytes) -> tuple[list[tuple[int, list[Any]]] | None, str | None]:
    try:
        buku = xlsx_baca.baca(data, maks_baris=MAKS_BARIS, baris_judul=1, rumus=True)
    except xlsx_baca.WorkbookDitolak as exc:
        return None, str(exc)
    lembar = buku.get(SHEET) or buku.lembar[0]
    return [(nomor, list(nilai)) for nomor, nilai in lembar.baris], None


def _teks(nilai: Any) -> str:
    if nilai is None:
        return ""
    if isinstance(nilai, float) and nilai.is_integer():
        return str(int(nilai))
    return str(nilai).strip()


def _bulat(nilai: Any) -> int | None:
    """An integer cell (also '3' typed as text, or 3.0); None when blank. Raises ValueError otherwise."""
    if nilai is None or (isinstance(nilai, str) and not nilai.strip()):
        return None
    if isinstance(nilai, bool | datetime.date | datetime.time | xlsx_baca.Rumus):
        raise ValueError
    if isinstance(nilai, int):
        return nilai
    if isinstance(nilai, float):
        if nilai.is_integer():
            return int(nilai)
        raise ValueError
    teks = str(nilai).strip()
    if re.fullmatch(r"[0-9]{1,3}(,0+|\.0+)?", teks):
        return int(re.split(r"[.,]", teks)[0])
    raise ValueError


def baca(survei: Survei, data: bytes) -> HasilBaca:
    """Every questionnaire row of the workbook, or every error found (the data is then empty)."""
    hasil = HasilBaca()
    alasan = periksa_berkas(data)
    rows: list[tuple[int, list[Any]]] | None = None
    if alasan is None:
        rows, alasan = _baris_lembar(data)
    if alasan or rows is None:
        hasil.kesalahan.append(Kesalahan(None, "", alasan or "Berkas tidak dapat dibaca."))
        return hasil
    if not rows:
        hasil.kesalahan.append(Kesalahan(None, "", f"Sheet '{SHEET}' kosong; gunakan templat survei ini."))
        return hasil
    nomor_judul, judul_mentah = rows[0]
    judul = [_teks(v) for v in judul_mentah]
    dikenal = {_kunci(j): j for j in _judul(survei)}
    posisi: dict[str, int] = {}
    for i, teks in enumerate(judul):
        if not teks:
            continue
        nama = dikenal.get(_kunci(teks))
        if nama is None:
            hasil.kesalahan.append(
                Kesalahan(
                    nomor_judul, teks, "judul kolom tidak dikenal untuk survei ini (gunakan templatnya)."
                )
            )
        elif nama in posisi:
            hasil.kesalahan.append(Kesalahan(nomor_judul, teks, "kolom muncul lebih dari sekali."))
        else:
            posisi[nama] = i
    kurang = [f"U{i}" for i in range(1, survei.jumlah_unsur + 1) if f"U{i}" not in posisi]
    if kurang:
        hasil.kesalahan.append(
            Kesalahan(
                nomor_judul, "", f"kolom unsur {', '.join(kurang)} tidak ada (gunakan templat survei ini)."
            )
        )
    if hasil.kesalahan:
        return hasil
    if len(rows) == 1:
        hasil.kesalahan.append(Kesalahan(None, "", "Tidak ada baris kuesioner di bawah judul kolom."))
        return hasil

    peta = {kolom: _peta(nama, choices) for kolom, (nama, choices) in _PILIHAN.items()}
    for nomor, nilai in rows[1:]:

        def sel(kolom: str, nilai: list[Any] = nilai) -> Any:
            i = posisi.get(kolom)
            return nilai[i] if i is not None and i < len(nilai) else None

        salah_awal = len(hasil.kesalahan)
        for kolom in posisi:
            if isinstance(sel(kolom), xlsx_baca.Rumus):
                hasil.kesalahan.append(
                    Kesalahan(nomor, kolom, "berisi rumus Excel; tempel sebagai nilai (Paste Values).")
                )
        if len(hasil.kesalahan) > salah_awal:
            continue
        jawaban: list[int | None] = []
        for i in range(1, survei.jumlah_unsur + 1):
            kolom = f"U{i}"
            try:
                v = _bulat(sel(kolom))
            except ValueError:
                v = 0
            if v is not None and not 1 <= v <= 4:
                hasil.kesalahan.append(
                    Kesalahan(nomor, kolom, f"nilai harus 1–4, bukan '{_teks(sel(kolom))}'.")
                )
            jawaban.append(v)
        if all(v is None for v in jawaban):
            hasil.kesalahan.append(Kesalahan(nomor, "", "tidak ada unsur yang dijawab."))
        profil: dict[str, str] = {}
        for kolom, (nama, _) in _PILIHAN.items():
            teks = _teks(sel(kolom))
            kode = peta[kolom].get(_kunci(teks), None) if teks else ""
            if kode is None:
                pilihan = ", ".join(label for _, label in _PILIHAN[kolom][1])
                hasil.kesalahan.append(
                    Kesalahan(nomor, kolom, f"'{teks}' tidak dikenal; pilih salah satu: {pilihan}.")
                )
                kode = ""
            profil[nama] = kode
        try:
            umur = _bulat(sel(KOLOM_UMUR))
            if umur is not None and not 10 <= umur <= 120:
                raise ValueError
        except ValueError:
            hasil.kesalahan.append(
                Kesalahan(
                    nomor, KOLOM_UMUR, f"umur harus bilangan bulat 10–120, bukan '{_teks(sel(KOLOM_UMUR))}'."
                )
            )
            umur = None
        layanan = _teks(sel(KOLOM_LAYANAN))
        if layanan and survei.daftar_layanan and layanan not in survei.daftar_layanan:
            hasil.kesalahan.append(
                Kesalahan(nomor, KOLOM_LAYANAN, f"'{layanan}' bukan jenis layanan survei ini.")
            )
        saran, nomor_kuesioner = _teks(sel(KOLOM_SARAN)), _teks(sel(KOLOM_NOMOR))
        if len(saran) > services.MAKS_SARAN:
            hasil.kesalahan.append(
                Kesalahan(nomor, KOLOM_SARAN, f"paling panjang {services.MAKS_SARAN} karakter.")
            )
        if len(layanan) > 255 or len(nomor_kuesioner) > 30:
            hasil.kesalahan.append(Kesalahan(nomor, "", "isian jenis layanan atau nomor terlalu panjang."))
        hasil.data.append(
            services.DataRespons(
                nilai=tuple(jawaban),
                umur=umur,
                layanan=layanan,
                saran=saran,
                nomor=nomor_kuesioner,
                **profil,
            )
        )
    if hasil.kesalahan:
        hasil.data = []
    return hasil
