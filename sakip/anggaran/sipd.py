"""Reading the Excel exports of SIPD (the national finance system) as operators have them.

Four layouts (../shared/domain/sipd.md), recognised by their header row, which may sit below a few title rows:

- ``dokumen``: Penatausahaan "Laporan Realisasi per Dokumen", one row per spending document. Realisasi of a sub
  kegiatan in a month = Σ (Nilai Realisasi − Nilai Setoran) of its documents dated in that month (Tanggal SP2D,
  else Tanggal Dokumen); rows whose status is DRAFT are skipped; a document repeated with the same key (sub SKPD,
  sub kegiatan, rekening, nomor dokumen, SPM, SP2D) replaces the earlier row, as SIPD's own re-exports do.
- ``apbd``: "Realisasi APBD", one row per account line and month (TAHUN, BULAN, ... TOTAL_ANGGARAN,
  TOTAL_REALISASI). A row's TOTAL_REALISASI is that month's spending; TOTAL_ANGGARAN is the account's pagu
  (repeated each month: the latest month's value counts).
- ``lra``: Laporan Realisasi Anggaran of an SKPD: KODE REKENING, URAIAN, ANGGARAN, REALISASI, ... with program,
  kegiatan and sub kegiatan rows and, below each sub kegiatan, its account rows (subtotals 5, 5.1, 5.1.02 … and
  the leaves). The SKPD code is read from the title rows ("SKPD : 4.01.0.00.0.00.01.0000 …"). Amounts of a sub
  kegiatan are the sums of its leaf account rows; no months.
- ``dpa``: DPA per sub kegiatan: code, name, pagu, output indicator, target and satuan, sumber dana, lokasi and
  the cash plan per month (Bulan 1–12 or Januari–Desember), which must add up to the pagu.

Cells are often text: ``1.234.567``, ``1.234.567,50``, ``Rp 1.000``, negatives in parentheses ``(1.234)``, ``-``
for zero. Belanja Operasi and Belanja Modal come from the account code (5.1 and 5.2); other spending (5.3 tak
terduga, 5.4 transfer) is not a sub kegiatan's and is reported as a row error.

No database here: the result is plain values with every problem located by row; matching to units and sub
kegiatan and writing is `sakip.anggaran.services`.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from sakip.anggaran import excel
from sakip.anggaran.excel import BerkasDitolak, Kesalahan
from sakip.lib import angka, xlsx_baca

NOL = Decimal(0)
_BARIS_CARI_JUDUL = 15
OPERASI, MODAL = "operasi", "modal"

FORMAT = {
    "dokumen": "Laporan Realisasi per Dokumen (Penatausahaan)",
    "apbd": "Realisasi APBD per akun dan bulan",
    "lra": "Laporan Realisasi Anggaran (LRA)",
    "dpa": "DPA per sub kegiatan (pagu, target keluaran, anggaran kas)",
}

_KODE_SKPD = re.compile(r"\b\d{1,2}\.\d{2}\.\d\.\d{2}\.\d\.\d{2}\.\d{2}\.\d{4}\b")
KODE_SKPD_PENUH = re.compile(r"\d{1,2}\.\d{2}\.\d\.\d{2}\.\d\.\d{2}\.\d{2}\.\d{4}")
_KODE_SUB = re.compile(r"^\d{1,2}\.\d{2}\.\d{2}\.\d\.\d{2}\.\d{4}$")
_KODE_SUB_AWAL = re.compile(r"^(\d{1,2}\.\d{2}\.\d{2}\.\d\.\d{2}\.\d{4})\.(\d(?:\.\d+)*)$")
# Account codes: 5, 5.1, 5.1.02, 5.1.02.01, 5.1.02.01.01, 5.1.02.01.01.0024 (the second group has one digit,
# which tells an account from a program code such as 4.01.01).
_KODE_AKUN = re.compile(r"^\d(?:\.\d(?:\.\d{2}(?:\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)?)?)?$")
_TAHUN = re.compile(r"\b(20\d{2})\b")
_BULAN_NAMA = [
    "januari",
    "februari",
    "maret",
    "april",
    "mei",
    "juni",
    "juli",
    "agustus",
    "september",
    "oktober",
    "november",
    "desember",
]


def normal(teks: object) -> str:
    """A header cell as compared: lower case, punctuation and underscores as spaces, single spaces."""
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9 ]", " ", str(teks or "").lower())).strip()


# Header names per layout: field → accepted header texts (normalised).
KOLOM: dict[str, dict[str, tuple[str, ...]]] = {
    "dokumen": {
        "kode_skpd": ("kode skpd",),
        "kode_unit": ("kode sub skpd",),
        "kode_sub": ("kode sub kegiatan",),
        "nama_sub": ("nama sub kegiatan",),
        "kode_rekening": ("kode rekening",),
        "nomor_dokumen": ("nomor dokumen",),
        "jenis_dokumen": ("jenis dokumen",),
        "tanggal_dokumen": ("tanggal dokumen",),
        "nilai_realisasi": ("nilai realisasi",),
        "nilai_setoran": ("nilai setoran",),
        "nomor_spm": ("nomor spm",),
        "nomor_sp2d": ("nomor sp2d",),
        "tanggal_sp2d": ("tanggal sp2d",),
        "status": ("status", "status dokumen"),
    },
    "apbd": {
        "tahun": ("tahun",),
        "bulan": ("bulan",),
        "kode_skpd": ("kode skpd",),
        "kode_unit": ("kode unit skpd",),
        "kode_sub": ("kode sub giat",),
        "nama_sub": ("nama sub giat",),
        "kode_akun": ("kode akun",),
        "kode_kelompok": ("kode kelompok",),
        "kode_sro": ("kode sub rincian objek sro", "kode sub rincian objek"),
        "total_anggaran": ("total anggaran",),
        "total_realisasi": ("total realisasi",),
    },
    "lra": {
        "kode_rekening": ("kode rekening",),
        "uraian": ("uraian",),
        "anggaran": ("anggaran",),
        "realisasi": ("realisasi",),
    },
    "dpa": {
        "kode_skpd": ("kode skpd",),
        "kode_unit": ("kode sub skpd", "kode unit skpd"),
        "kode_sub": ("kode sub kegiatan",),
        "nama_sub": ("nama sub kegiatan", "sub kegiatan"),
        "pagu": ("pagu", "pagu anggaran", "jumlah anggaran", "alokasi"),
        "indikator": ("indikator keluaran", "tolok ukur keluaran", "keluaran"),
        "target": ("target keluaran", "target"),
        "satuan": ("satuan", "satuan keluaran"),
        "sumber_dana": ("sumber dana",),
        "lokasi": ("lokasi",),
        **{f"bulan_{i}": (f"bulan {i}", _BULAN_NAMA[i - 1], f"kas bulan {i}") for i in range(1, 13)},
    },
}
WAJIB = {
    "dokumen": ("kode_skpd", "kode_sub", "kode_rekening", "nomor_dokumen", "nilai_realisasi"),
    "apbd": ("tahun", "bulan", "kode_skpd", "kode_sub", "kode_akun", "total_anggaran", "total_realisasi"),
    "lra": ("kode_rekening", "uraian", "anggaran", "realisasi"),
    "dpa": ("kode_sub", "pagu", "target"),
}
JUDUL_KOLOM = {
    "kode_sub": "Kode Sub Kegiatan",
    "kode_skpd": "Kode SKPD",
    "kode_rekening": "Kode Rekening",
    "kode_akun": "Kode Akun",
    "nilai_realisasi": "Nilai Realisasi",
    "nilai_setoran": "Nilai Setoran",
    "tanggal_sp2d": "Tanggal SP2D",
    "tanggal_dokumen": "Tanggal Dokumen",
    "total_anggaran": "TOTAL_ANGGARAN",
    "total_realisasi": "TOTAL_REALISASI",
    "tahun": "TAHUN",
    "bulan": "BULAN",
    "anggaran": "ANGGARAN",
    "realisasi": "REALISASI",
    "pagu": "Pagu",
    "target": "Target",
}


@dataclass
class PosSipd:
    """What a file says about one sub kegiatan (None: the layout does not carry it)."""

    kode: str
    kode_unit: str
    nama: str
    baris: list[int] = field(default_factory=list)
    pagu: Decimal | None = None
    pagu_jenis: dict[str, Decimal] | None = None
    realisasi_bulan: dict[int, dict[str, Decimal]] | None = None
    realisasi_jenis: dict[str, Decimal] | None = None
    target_keluaran: Decimal | None = None
    satuan_keluaran: str = ""
    indikator_keluaran: str = ""

    @property
    def realisasi(self) -> Decimal | None:
        if self.realisasi_bulan is not None:
            return sum((v for b in self.realisasi_bulan.values() for v in b.values()), NOL)
        if self.realisasi_jenis is not None:
            return sum(self.realisasi_jenis.values(), NOL)
        return None


@dataclass
class HasilSipd:
    format: str = ""
    kode_skpd: set[str] = field(default_factory=set)
    tahun: set[int] = field(default_factory=set)
    pos: dict[tuple[str, str], PosSipd] = field(default_factory=dict)
    kesalahan: list[Kesalahan] = field(default_factory=list)
    baris_dibaca: int = 0
    baris_draft: int = 0
    baris_diganti: int = 0

    @property
    def ok(self) -> bool:
        return not self.kesalahan

    @property
    def nama_format(self) -> str:
        return FORMAT.get(self.format, "")

    def salah(self, baris: int | None, kolom: str | None, pesan: str) -> None:
        self.kesalahan.append(Kesalahan(baris, kolom, pesan))


def uang(nilai: Any, *, negatif: bool = True) -> Decimal:
    """A money cell as SIPD exports it: a number, or text with dotted thousands, `Rp`, `(1.234)` negatives, `-`
    for zero. Raises ValueError with an Indonesian message."""
    if nilai is None or isinstance(nilai, bool):
        if nilai is None:
            return NOL
        raise ValueError(f"isi '{nilai}' bukan angka")
    if isinstance(nilai, int | Decimal):
        hasil = Decimal(nilai)
    elif isinstance(nilai, float):
        hasil = Decimal(repr(nilai))
    elif isinstance(nilai, str):
        teks = nilai.strip().replace("\u00a0", " ")
        if teks in ("", "-", "–", "—"):
            return NOL
        kurung = teks.startswith("(") and teks.endswith(")")
        if kurung:
            teks = teks[1:-1].strip()
        teks = re.sub(r"^rp\.?\s*", "", teks, flags=re.IGNORECASE).strip()
        # An English export writes 1,234,567.00; the Indonesian one 1.234.567,00. Both occur.
        if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d{1,2})?", teks):
            teks = teks.replace(",", "")
        try:
            hasil = angka.parse_angka(teks)
        except angka.AngkaError:
            raise ValueError(
                f"'{nilai.strip()}' bukan angka rupiah (contoh: 1.234.567 atau (1.234.567))"
            ) from None
        if kurung:
            hasil = -hasil
    else:
        raise ValueError(f"isi '{nilai}' bukan angka")
    if not hasil.is_finite():
        raise ValueError(f"isi '{nilai}' bukan angka")
    if hasil != hasil.quantize(Decimal("0.01"), rounding="ROUND_DOWN"):
        raise ValueError(f"'{nilai}' memiliki lebih dari dua angka desimal")
    if hasil < 0 and not negatif:
        raise ValueError(f"nilai tidak boleh negatif ({angka.format_rupiah(hasil)})")
    return hasil


def jenis_belanja(kode_rekening: str) -> str:
    """Operasi for 5.1…, Modal for 5.2…; ValueError for any other account."""
    kode = kode_rekening.strip()
    if kode == "5.1" or kode.startswith("5.1."):
        return OPERASI
    if kode == "5.2" or kode.startswith("5.2."):
        return MODAL
    raise ValueError(
        f"kode rekening {kode or '(kosong)'} bukan Belanja Operasi (5.1) atau Belanja Modal (5.2)"
    )


def tanggal(nilai: Any) -> datetime.date | None:
    if nilai is None or (isinstance(nilai, str) and not nilai.strip()):
        return None
    if isinstance(nilai, datetime.datetime):
        return nilai.date()
    if isinstance(nilai, datetime.date):
        return nilai
    teks = str(nilai).strip()
    for pola in (
        "%d/%m/%Y",
        "%d-%m-%Y",
        "%Y-%m-%d",
        "%d/%m/%Y %H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%d-%m-%Y %H:%M:%S",
    ):
        try:
            return datetime.datetime.strptime(teks, pola).date()
        except ValueError:
            continue
    raise ValueError(f"'{teks}' bukan tanggal (contoh: 15/03/2024)")


def _teks(nilai: Any) -> str:
    if nilai is None:
        return ""
    if isinstance(nilai, float) and nilai.is_integer():
        nilai = int(nilai)
    return str(nilai).strip()


def _bilangan(nilai: Any, judul: str) -> int:
    teks = _teks(nilai)
    if not re.fullmatch(r"\d{1,4}", teks):
        raise ValueError(f"'{teks}' bukan {judul}")
    return int(teks)


def _cari_kepala(baris: Sequence[Any]) -> tuple[str, dict[str, int]] | None:
    teks = [normal(sel) for sel in baris]
    for fmt in ("dokumen", "apbd", "dpa", "lra"):
        posisi: dict[str, int] = {}
        for kunci, nama in KOLOM[fmt].items():
            for i, t in enumerate(teks):
                if t in nama and i not in posisi.values():
                    posisi[kunci] = i
                    break
        if all(k in posisi for k in WAJIB[fmt]):
            return fmt, posisi
    return None


def baca(berkas: IO[bytes]) -> HasilSipd:
    """Read a SIPD export (first sheet). Raises BerkasDitolak for a file that is not an xlsx or beyond limits."""
    isi = excel.periksa_berkas(berkas)
    try:
        buku = xlsx_baca.baca(isi, maks_baris=excel.BATAS_BARIS, baris_judul=_BARIS_CARI_JUDUL + 1)
    except xlsx_baca.WorkbookDitolak as exc:
        raise BerkasDitolak(str(exc)) from None
    return baca_baris(buku.lembar[0].baris)


def baca_baris(rows: Sequence[tuple[int, Sequence[Any]]]) -> HasilSipd:
    hasil = HasilSipd()
    judul: list[str] = []
    kepala: dict[str, int] | None = None
    data: list[tuple[int, Sequence[Any]]] = []
    for nomor, nilai in rows:
        if kepala is None:
            if nomor > _BARIS_CARI_JUDUL:
                break
            cocok = _cari_kepala(nilai)
            if cocok is None:
                judul.append(" ".join(_teks(v) for v in nilai if not xlsx_baca.kosong(v)))
                continue
            hasil.format, kepala = cocok
            continue
        if all(xlsx_baca.kosong(v) for v in nilai):
            continue
        data.append((nomor, nilai))
    if kepala is None:
        hasil.salah(
            None,
            None,
            "Baris judul kolom ekspor SIPD tidak ditemukan pada 15 baris pertama. Berkas yang dikenali: "
            + "; ".join(FORMAT.values())
            + ".",
        )
        return hasil
    teks_judul = " ".join(judul)
    for kode in _KODE_SKPD.findall(teks_judul):
        hasil.kode_skpd.add(kode)
        break
    if (cocok := _TAHUN.findall(teks_judul)) and hasil.format in ("lra", "dpa"):
        hasil.tahun.add(int(cocok[-1]))
    hasil.baris_dibaca = len(data)
    {"dokumen": _dokumen, "apbd": _apbd, "lra": _lra, "dpa": _dpa}[hasil.format](hasil, kepala, data)
    if not data:
        hasil.salah(None, None, "Berkas tidak berisi baris data di bawah baris judul.")
    elif not hasil.kode_skpd:
        hasil.salah(None, None, "Kode SKPD tidak ditemukan di berkas (kolom Kode SKPD atau judul laporan).")
    hasil.kesalahan.sort(key=lambda k: (k.baris or 0, k.kolom or ""))
    return hasil


class _Sel:
    def __init__(self, kepala: dict[str, int], nilai: Sequence[Any]) -> None:
        self.kepala, self.nilai = kepala, nilai

    def __call__(self, kunci: str) -> Any:
        i = self.kepala.get(kunci)
        return self.nilai[i] if i is not None and i < len(self.nilai) else None


def _pos(hasil: HasilSipd, kode_unit: str, kode: str, nama: str, nomor: int) -> PosSipd:
    pos = hasil.pos.get((kode_unit, kode))
    if pos is None:
        pos = hasil.pos[(kode_unit, kode)] = PosSipd(kode=kode, kode_unit=kode_unit, nama=nama)
    pos.baris.append(nomor)
    return pos


def _kode_sub(hasil: HasilSipd, nomor: int, sel: _Sel) -> str | None:
    kode = _teks(sel("kode_sub"))
    if not _KODE_SUB.fullmatch(kode):
        hasil.salah(
            nomor, JUDUL_KOLOM["kode_sub"], f"'{kode}' bukan kode sub kegiatan (format X.XX.XX.X.XX.XXXX)"
        )
        return None
    return kode


def _dokumen(hasil: HasilSipd, kepala: dict[str, int], data: list[tuple[int, Sequence[Any]]]) -> None:
    # (sub SKPD, sub kegiatan, rekening, nomor dokumen, SPM, SP2D) → (row, month, jenis, amount)
    dokumen: dict[tuple[str, ...], tuple[int, int, str, Decimal, str]] = {}
    for nomor, nilai in data:
        sel = _Sel(kepala, nilai)
        awal = len(hasil.kesalahan)
        if normal(sel("status")) == "draft" or normal(sel("jenis_dokumen")) == "draft":
            hasil.baris_draft += 1
            continue
        kode_skpd = _teks(sel("kode_skpd"))
        hasil.kode_skpd.add(kode_skpd)
        kode = _kode_sub(hasil, nomor, sel)
        rekening = _teks(sel("kode_rekening"))
        try:
            jenis = jenis_belanja(rekening)
        except ValueError as exc:
            hasil.salah(nomor, JUDUL_KOLOM["kode_rekening"], str(exc))
        jumlah = NOL
        for kunci, tanda in (("nilai_realisasi", 1), ("nilai_setoran", -1)):
            try:
                jumlah += tanda * uang(sel(kunci))
            except ValueError as exc:
                hasil.salah(nomor, JUDUL_KOLOM[kunci], str(exc))
        tgl = None
        for kunci in ("tanggal_sp2d", "tanggal_dokumen"):
            try:
                tgl = tanggal(sel(kunci))
            except ValueError as exc:
                hasil.salah(nomor, JUDUL_KOLOM[kunci], str(exc))
                break
            if tgl is not None:
                break
        else:
            hasil.salah(nomor, JUDUL_KOLOM["tanggal_sp2d"], "tanggal SP2D atau tanggal dokumen wajib diisi")
        if len(hasil.kesalahan) > awal or kode is None or tgl is None:
            continue
        hasil.tahun.add(tgl.year)
        kode_unit = _teks(sel("kode_unit"))
        _pos(hasil, kode_unit, kode, _teks(sel("nama_sub")), nomor)
        kunci_dok = (
            kode_unit,
            kode,
            rekening,
            _teks(sel("nomor_dokumen")),
            _teks(sel("nomor_spm")),
            _teks(sel("nomor_sp2d")),
        )
        if kunci_dok in dokumen:
            hasil.baris_diganti += 1
        dokumen[kunci_dok] = (nomor, tgl.month, jenis, jumlah, kode_unit)
    for kunci_dok, (_, bulan, jenis, jumlah, kode_unit) in dokumen.items():
        pos = hasil.pos[(kode_unit, kunci_dok[1])]
        if pos.realisasi_bulan is None:
            pos.realisasi_bulan = {}
        per_jenis = pos.realisasi_bulan.setdefault(bulan, {})
        per_jenis[jenis] = per_jenis.get(jenis, NOL) + jumlah


def _apbd(hasil: HasilSipd, kepala: dict[str, int], data: list[tuple[int, Sequence[Any]]]) -> None:
    # account line → (month, pagu) of its latest month
    pagu_akun: dict[tuple[str, str, str], tuple[int, str, Decimal]] = {}
    for nomor, nilai in data:
        sel = _Sel(kepala, nilai)
        awal = len(hasil.kesalahan)
        hasil.kode_skpd.add(_teks(sel("kode_skpd")))
        kode = _kode_sub(hasil, nomor, sel)
        try:
            hasil.tahun.add(_bilangan(sel("tahun"), "tahun"))
        except ValueError as exc:
            hasil.salah(nomor, "TAHUN", str(exc))
        bulan = 0
        try:
            bulan = _bilangan(sel("bulan"), "bulan (1–12)")
            if not 1 <= bulan <= 12:
                raise ValueError(f"'{bulan}' bukan bulan (1–12)")
        except ValueError as exc:
            hasil.salah(nomor, "BULAN", str(exc))
        # The full account is the sub rincian objek when exported; the akun column alone is "5".
        rekening = _teks(sel("kode_sro")) or _teks(sel("kode_kelompok")) or _teks(sel("kode_akun"))
        try:
            jenis = jenis_belanja(rekening)
        except ValueError as exc:
            hasil.salah(nomor, "KODE_SUB_RINCIAN_OBJEK", str(exc))
        angka_baris: dict[str, Decimal] = {}
        for kunci in ("total_anggaran", "total_realisasi"):
            try:
                angka_baris[kunci] = uang(sel(kunci))
            except ValueError as exc:
                hasil.salah(nomor, JUDUL_KOLOM[kunci], str(exc))
        if len(hasil.kesalahan) > awal or kode is None:
            continue
        kode_unit = _teks(sel("kode_unit"))
        pos = _pos(hasil, kode_unit, kode, _teks(sel("nama_sub")), nomor)
        if pos.realisasi_bulan is None:
            pos.realisasi_bulan = {}
        per_jenis = pos.realisasi_bulan.setdefault(bulan, {})
        per_jenis[jenis] = per_jenis.get(jenis, NOL) + angka_baris["total_realisasi"]
        kunci_akun = (kode_unit, kode, rekening)
        lama = pagu_akun.get(kunci_akun)
        if lama is None or bulan >= lama[0]:
            pagu_akun[kunci_akun] = (bulan, jenis, angka_baris["total_anggaran"])
    for (kode_unit, kode, _), (_, jenis, pagu) in pagu_akun.items():
        pos = hasil.pos[(kode_unit, kode)]
        if pos.pagu_jenis is None:
            pos.pagu_jenis = {}
        pos.pagu_jenis[jenis] = pos.pagu_jenis.get(jenis, NOL) + pagu
    for pos in hasil.pos.values():
        if pos.pagu_jenis is not None:
            pos.pagu = sum(pos.pagu_jenis.values(), NOL)


def _lra(hasil: HasilSipd, kepala: dict[str, int], data: list[tuple[int, Sequence[Any]]]) -> None:
    blok: dict[str, list[tuple[int, str, Decimal, Decimal]]] = {}
    baris_sub: dict[str, tuple[int, Decimal, Decimal]] = {}
    sekarang: str | None = None
    for nomor, nilai in data:
        sel = _Sel(kepala, nilai)
        kode = _teks(sel("kode_rekening"))
        gabung = _KODE_SUB_AWAL.fullmatch(kode)
        if gabung:  # some exports print "<sub kegiatan>.<account>" in one cell
            if gabung.group(1) != sekarang:
                sekarang = gabung.group(1)
                _pos(hasil, "", sekarang, "", nomor)
                blok.setdefault(sekarang, [])
            kode = gabung.group(2)
        if not kode:
            continue
        try:
            anggaran_ = uang(sel("anggaran"))
            realisasi = uang(sel("realisasi"))
        except ValueError as exc:
            hasil.salah(nomor, "ANGGARAN/REALISASI", str(exc))
            continue
        if _KODE_SUB.fullmatch(kode):
            sekarang = kode
            _pos(hasil, "", kode, _teks(sel("uraian")), nomor)
            blok.setdefault(kode, [])
            baris_sub[kode] = (nomor, anggaran_, realisasi)
        elif _KODE_AKUN.fullmatch(kode) and sekarang is not None:
            blok[sekarang].append((nomor, kode, anggaran_, realisasi))
        elif _KODE_AKUN.fullmatch(kode):
            continue  # the SKPD's own summary rows (4 pendapatan, 5 belanja) above the first sub kegiatan
        else:
            sekarang = None  # a program or kegiatan row closes the block
    for kode, akun in blok.items():
        pos = hasil.pos[("", kode)]
        semua = {k for _, k, _, _ in akun}
        daun = [a for a in akun if not any(lain.startswith(a[1] + ".") for lain in semua)]
        pos.pagu_jenis, pos.realisasi_jenis = {}, {}
        for nomor, rekening, anggaran_, realisasi in daun:
            if not rekening.startswith("5"):
                continue  # pendapatan rows are not spending
            try:
                jenis = jenis_belanja(rekening)
            except ValueError as exc:
                hasil.salah(nomor, "KODE REKENING", str(exc))
                continue
            pos.pagu_jenis[jenis] = pos.pagu_jenis.get(jenis, NOL) + anggaran_
            pos.realisasi_jenis[jenis] = pos.realisasi_jenis.get(jenis, NOL) + realisasi
        pos.pagu = sum(pos.pagu_jenis.values(), NOL)
        if kode in baris_sub and akun:
            nomor, anggaran_, realisasi = baris_sub[kode]
            if (anggaran_, realisasi) != (pos.pagu, pos.realisasi):
                hasil.salah(
                    nomor,
                    "ANGGARAN/REALISASI",
                    f"jumlah rincian rekening sub kegiatan {kode} (anggaran {angka.format_rupiah(pos.pagu, 2)}, "
                    f"realisasi {angka.format_rupiah(pos.realisasi, 2)}) tidak sama dengan baris sub kegiatan "
                    f"(anggaran {angka.format_rupiah(anggaran_, 2)}, realisasi {angka.format_rupiah(realisasi, 2)})",
                )
        elif not akun:
            nomor, anggaran_, realisasi = baris_sub[kode]
            hasil.salah(nomor, "KODE REKENING", f"sub kegiatan {kode} tanpa baris rekening belanja (5.1/5.2)")


def _dpa(hasil: HasilSipd, kepala: dict[str, int], data: list[tuple[int, Sequence[Any]]]) -> None:
    for nomor, nilai in data:
        sel = _Sel(kepala, nilai)
        awal = len(hasil.kesalahan)
        if _teks(sel("kode_skpd")):
            hasil.kode_skpd.add(_teks(sel("kode_skpd")))
        kode = _kode_sub(hasil, nomor, sel)
        pagu = NOL
        try:
            pagu = uang(sel("pagu"), negatif=False)
        except ValueError as exc:
            hasil.salah(nomor, "Pagu", str(exc))
        target, satuan = None, ""
        try:
            target, satuan = excel._keluaran(sel("target"))
        except (ValueError, InvalidOperation) as exc:
            hasil.salah(nomor, "Target", str(exc))
        kas: dict[int, Decimal] = {}
        for i in range(1, 13):
            if f"bulan_{i}" not in kepala:
                continue
            try:
                kas[i] = uang(sel(f"bulan_{i}"), negatif=False)
            except ValueError as exc:
                hasil.salah(nomor, f"Bulan {i}", str(exc))
        if kas and len(hasil.kesalahan) == awal and sum(kas.values(), NOL) != pagu:
            hasil.salah(
                nomor,
                "Anggaran kas",
                f"jumlah anggaran kas bulan 1–12 ({angka.format_rupiah(sum(kas.values(), NOL), 2)}) tidak sama "
                f"dengan pagu ({angka.format_rupiah(pagu, 2)})",
            )
        if len(hasil.kesalahan) > awal or kode is None:
            continue
        kode_unit = _teks(sel("kode_unit"))
        if (kode_unit, kode) in hasil.pos:
            hasil.salah(
                nomor,
                "Kode Sub Kegiatan",
                f"sub kegiatan {kode} sudah ada pada baris {hasil.pos[(kode_unit, kode)].baris[0]}",
            )
            continue
        pos = _pos(hasil, kode_unit, kode, _teks(sel("nama_sub")), nomor)
        pos.pagu = pagu
        pos.target_keluaran = target
        pos.satuan_keluaran = _teks(sel("satuan")) or satuan
        pos.indikator_keluaran = _teks(sel("indikator"))
