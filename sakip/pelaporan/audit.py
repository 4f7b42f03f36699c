"""Audit of the figures of a published LKjIP: recompute every derived figure from its inputs, list each mismatch.

The input is what a report prints (see `audit_excel` for the workbook it is read from): the measurement table
(target, realisasi, capaian per indicator; optionally last year's realisasi with the change, and the Renstra end
target with the tingkat kemajuan), capaian per sasaran, the efficiency table (capaian kinerja, penyerapan,
tingkat efisiensi per sasaran), the budget tables (pagu, realisasi and % per program / kegiatan / sub kegiatan,
with their published totals per unit, per sasaran and overall) and the report's overall figure ("nilai capaian
keseluruhan") with its printed category.

Every figure is recomputed with the product's own rules (`pengukuran.capaian`, `anggaran.serapan`,
`anggaran.efisiensi`) at full precision, with the pemda's measurement rules of the report's year (`AturanTahun`:
rollup method, missing-realisasi policy, cap, category scale), and compared with the published one at the
precision of its column: the number of decimals most published values of that column carry, or more when the
value itself carries more; rounding half-up. A value printed with fewer decimals than its column ("111" in a
column of "101,64") is compared at the column's precision, so a truncated 111,11 does not pass. A printed category
("Sangat Baik") is compared with the band of the recomputed figure on the year's scale. A mismatch is a `Temuan`
that says where it is, both values, the rule used in words and its kind: truncated instead of rounded, rounded up,
printed with fewer decimals than its column, another rule (the unweighted mean of percentages, say), a figure that
follows from another wrong published figure, a wrong category, swapped pagu and realisasi, or realisasi above
pagu. Nothing is stored; no Django.
"""

from __future__ import annotations

import decimal
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_UP, Decimal
from enum import StrEnum
from typing import Any

from sakip.anggaran import efisiensi as rumus_efisiensi
from sakip.anggaran import serapan
from sakip.lib import angka
from sakip.lib import skala as lib_skala
from sakip.pengukuran import capaian as rumus_capaian

__all__ = [
    "KOLOM_KESELURUHAN",
    "LABEL_JENIS",
    "NAMA_TINGKAT",
    "SHEET_ANGGARAN",
    "SHEET_EFISIENSI",
    "SHEET_KESELURUHAN",
    "SHEET_PENGUKURAN",
    "AturanTahun",
    "BarisAnggaran",
    "BarisEfisiensi",
    "BarisKeseluruhan",
    "BarisPengukuran",
    "BarisSasaran",
    "DataAudit",
    "HasilAudit",
    "Jenis",
    "Temuan",
    "TingkatAnggaran",
    "desimal_terbitan",
    "kunci_sasaran",
    "periksa",
]

SHEET_PENGUKURAN = "Pengukuran"
SHEET_EFISIENSI = "Efisiensi"
SHEET_ANGGARAN = "Anggaran"
SHEET_KESELURUHAN = "Keseluruhan"
KOLOM_KESELURUHAN = "Nilai capaian keseluruhan (%)"

_SERATUS = Decimal(100)


class Jenis(StrEnum):
    """What kind of mismatch a finding is.

    `_Pemeriksa.banding` tries, in this order: the product's rule rounded or truncated to fewer decimals than the
    column prints; the product's rule truncated; another rule (rounded or truncated) or a figure computed from
    other published figures; the product's rule rounded up; else SALAH. Categories, swapped budget columns and
    realisasi above pagu are their own kinds.
    """

    PEMOTONGAN = "pemotongan"
    PEMBULATAN_KE_ATAS = "pembulatan_ke_atas"
    KURANG_DESIMAL = "kurang_desimal"
    ATURAN_LAIN = "aturan_lain"
    TURUNAN = "turunan"
    KATEGORI = "kategori"
    TERTUKAR = "tertukar"
    MELEBIHI_PAGU = "melebihi_pagu"
    SALAH = "salah"


LABEL_JENIS: dict[Jenis, str] = {
    Jenis.PEMOTONGAN: "Dipotong, bukan dibulatkan",
    Jenis.PEMBULATAN_KE_ATAS: "Dibulatkan ke atas, bukan setengah ke atas",
    Jenis.KURANG_DESIMAL: "Dibulatkan atau dipotong ke desimal lebih sedikit dari kolomnya",
    Jenis.ATURAN_LAIN: "Memakai aturan lain",
    Jenis.TURUNAN: "Ikut salah karena angka terbitan lain",
    Jenis.KATEGORI: "Kategori tidak sesuai skala tahun laporan",
    Jenis.TERTUKAR: "Pagu dan realisasi tertukar",
    Jenis.MELEBIHI_PAGU: "Realisasi melebihi pagu",
    Jenis.SALAH: "Tidak cocok",
}


class TingkatAnggaran(StrEnum):
    TOTAL = "total"
    SASARAN = "sasaran"
    UNIT = "unit"
    PROGRAM = "program"
    KEGIATAN = "kegiatan"
    SUB_KEGIATAN = "sub_kegiatan"


NAMA_TINGKAT: dict[TingkatAnggaran, str] = {
    TingkatAnggaran.TOTAL: "total",
    TingkatAnggaran.SASARAN: "sasaran",
    TingkatAnggaran.UNIT: "unit kerja",
    TingkatAnggaran.PROGRAM: "program",
    TingkatAnggaran.KEGIATAN: "kegiatan",
    TingkatAnggaran.SUB_KEGIATAN: "sub kegiatan",
}

# Depth in a budget table: a row's children are the rows below it that are deeper, up to the next row that is not.
# Sasaran (Tabel 2.5) and unit (Tabel 3.19) rows both head a group of programs.
_KEDALAMAN: dict[TingkatAnggaran, int] = {
    TingkatAnggaran.TOTAL: 0,
    TingkatAnggaran.SASARAN: 1,
    TingkatAnggaran.UNIT: 1,
    TingkatAnggaran.PROGRAM: 2,
    TingkatAnggaran.KEGIATAN: 3,
    TingkatAnggaran.SUB_KEGIATAN: 4,
}

# Published budget tables carry no Permendagri codes; `serapan.PosAnggaran` validates one, and `serapan.total`
# ignores it, so every line is summed under this placeholder program code.
_KODE_TANPA_NOMOR = "0.00.00"


# --- input ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AturanTahun:
    """The pemda's measurement rules in force in the report's year (`pengukuran.models.pengaturan_untuk`).

    The defaults are the product's defaults: mean of the sasaran means, missing realisasi excluded, no cap, the
    LKjIP scale of seed 004."""

    metode: rumus_capaian.MetodeRollup = rumus_capaian.MetodeRollup.RATA_RATA_SASARAN
    kebijakan: rumus_capaian.KebijakanKosong = rumus_capaian.KebijakanKosong.KECUALIKAN
    batas: Decimal | None = None
    skala: lib_skala.Skala = lib_skala.LKJIP_KALTIM
    uraian: str = ""  # where they come from, e.g. "Pengaturan pengukuran Pemprov X tahun 2024"


@dataclass(frozen=True)
class BarisPengukuran:
    """One indicator row of the measurement table, as published. `capaian` etc. are published (None: not printed).

    `kategori` is a printed category word ("Sangat Baik"), from the column `kolom_kategori`."""

    sasaran: str
    indikator: str
    target: Decimal
    realisasi: Decimal | None
    capaian: Decimal | None = None
    polaritas: rumus_capaian.Polaritas = rumus_capaian.Polaritas.POSITIF
    kode: str = ""
    realisasi_lalu: Decimal | None = None
    perubahan: Decimal | None = None
    target_akhir: Decimal | None = None
    kemajuan: Decimal | None = None
    tabel: str = ""
    nomor: int | None = None
    kategori: str = ""
    kolom_kategori: str = "Kategori"


@dataclass(frozen=True)
class BarisSasaran:
    """A published capaian of a sasaran (the mean of its indicators' capaian) and/or its printed category."""

    sasaran: str
    capaian: Decimal | None
    nama: str = ""
    tabel: str = ""
    nomor: int | None = None
    kategori: str = ""
    kolom_kategori: str = "Kategori sasaran"


@dataclass(frozen=True)
class BarisKeseluruhan:
    """The report's overall figure ("nilai capaian keseluruhan") and/or its printed category."""

    nilai: Decimal | None
    kategori: str = ""
    uraian: str = "Nilai capaian keseluruhan"
    tabel: str = ""
    nomor: int | None = None
    kolom_kategori: str = "Kategori"


@dataclass(frozen=True)
class BarisEfisiensi:
    """One sasaran of the efficiency table. Without pagu/realisasi the sasaran's rows of the budget tables count."""

    sasaran: str
    nama: str = ""
    capaian: Decimal | None = None
    pagu: Decimal | None = None
    realisasi: Decimal | None = None
    penyerapan: Decimal | None = None
    efisiensi: Decimal | None = None
    metode: rumus_efisiensi.MetodeEfisiensi = rumus_efisiensi.MetodeEfisiensi.SELISIH
    tabel: str = ""
    nomor: int | None = None


@dataclass(frozen=True)
class BarisAnggaran:
    """One row of a budget table; rows of the same `tabel` form a tree by their order and `tingkat`.

    A TOTAL row is the total of the table's top-level rows wherever it stands. `sasaran` may be left empty on
    rows below a SASARAN row (they inherit it). Kinerja: the output indicator's target and realisasi and the
    published capaian.
    """

    tingkat: TingkatAnggaran
    uraian: str
    pagu: Decimal | None
    realisasi: Decimal | None
    persen: Decimal | None = None
    sasaran: str = ""
    target_kinerja: Decimal | None = None
    realisasi_kinerja: Decimal | None = None
    capaian_kinerja: Decimal | None = None
    tabel: str = ""
    nomor: int | None = None


@dataclass(frozen=True)
class DataAudit:
    """The parsed tables. Money amounts and targets are non-negative (`audit_excel` refuses others)."""

    pengukuran: Sequence[BarisPengukuran] = ()
    sasaran: Sequence[BarisSasaran] = ()
    efisiensi: Sequence[BarisEfisiensi] = ()
    anggaran: Sequence[BarisAnggaran] = ()
    keseluruhan: Sequence[BarisKeseluruhan] = ()


# --- output -----------------------------------------------------------------------------------------------------


def desimal_terbitan(nilai: Decimal) -> int:
    """The number of decimals a published value was printed with (`Decimal("101.64")` → 2, `Decimal("96")` → 0)."""
    eksponen = nilai.as_tuple().exponent
    return max(0, -eksponen) if isinstance(eksponen, int) else 0


@dataclass(frozen=True)
class Temuan:
    """A published figure that differs from the recomputed one at the precision of its column.

    A category finding carries the printed word in `teks_terbitan` and the scale's band in `teks_hitung` (its
    `terbitan` is the printed figure, if any); a swapped budget row describes both columns there.
    """

    sheet: str
    tabel: str
    baris: str
    kolom: str
    nomor: int | None
    terbitan: Decimal | None
    hitung: Decimal | None  # full precision
    aturan: str
    jenis: Jenis
    keterangan: str = ""
    aturan_terbitan: str = ""  # the rule the publication apparently used, when one was recognised
    desimal_kolom: int | None = None  # the column's convention, when more than the value's own decimals
    teks_terbitan: str = ""
    teks_hitung: str = ""

    @property
    def desimal(self) -> int:
        sendiri = desimal_terbitan(self.terbitan) if self.terbitan is not None else 0
        return max(sendiri, self.desimal_kolom or 0)

    @property
    def hitung_dibulatkan(self) -> Decimal | None:
        return None if self.hitung is None else angka.bulatkan(self.hitung, self.desimal)

    @property
    def selisih(self) -> Decimal | None:
        """Published minus recomputed, both at the column's precision (None for words)."""
        if self.teks_terbitan or self.terbitan is None or self.hitung is None:
            return None
        return self.terbitan - angka.bulatkan(self.hitung, self.desimal)

    @property
    def label_jenis(self) -> str:
        return LABEL_JENIS[self.jenis]

    @property
    def letak(self) -> str:
        bagian = [f"Sheet {self.sheet}"]
        if self.nomor is not None:
            bagian.append(f"baris {self.nomor}")
        if self.tabel:
            bagian.append(self.tabel)
        return ", ".join(bagian)


@dataclass(frozen=True)
class HasilAudit:
    temuan: tuple[Temuan, ...]
    jumlah_diperiksa: int
    catatan: tuple[str, ...] = ()

    @property
    def jumlah_cocok(self) -> int:
        return self.jumlah_diperiksa - len(self.temuan)

    @property
    def per_jenis(self) -> list[tuple[Jenis, str, int]]:
        """(kind, label, count) for every kind found, in the order of `Jenis`."""
        hitungan = dict.fromkeys(Jenis, 0)
        for t in self.temuan:
            hitungan[t.jenis] += 1
        return [(jenis, LABEL_JENIS[jenis], n) for jenis, n in hitungan.items() if n]


# --- comparing --------------------------------------------------------------------------------------------------


def _potong(nilai: Decimal, desimal: int, pembulatan: str) -> Decimal:
    with decimal.localcontext() as ctx:
        ctx.prec = max(28, nilai.adjusted() + desimal + 2)
        return nilai.quantize(Decimal(1).scaleb(-desimal), rounding=pembulatan)


def _teks(nilai: Decimal, desimal: int) -> str:
    return angka.format_angka(nilai, desimal)


def _teks_penuh(nilai: Decimal, desimal: int) -> str:
    """The value as published when exact at that precision, else with two more decimals and an ellipsis."""
    if angka.bulatkan(nilai, desimal) == nilai:
        return _teks(nilai, desimal)
    lebih = desimal + 2
    teks = angka.format_angka(nilai, lebih)
    return teks if angka.bulatkan(nilai, lebih) == nilai else f"{teks}…"


def _uraian_hasil(nilai: Decimal, desimal: int) -> str:
    dibulatkan = angka.bulatkan(nilai, desimal)
    if dibulatkan == nilai:
        return _teks(nilai, desimal)
    return f"{_teks_penuh(nilai, desimal)}, dibulatkan {_teks(dibulatkan, desimal)}"


@dataclass(frozen=True)
class _Alternatif:
    """Another way the published figure may have been obtained; `jenis` is ATURAN_LAIN, TURUNAN or TERTUKAR.

    `catatan` is added to the finding's explanation (for TURUNAN: which other figure it follows from)."""

    uraian: str
    nilai: Decimal | None
    jenis: Jenis = Jenis.ATURAN_LAIN
    catatan: str = ""


_CATATAN_TURUNAN = " Angka ini ikut salah karena angka terbitan lain pada baris yang sama tidak cocok."


@dataclass(frozen=True)
class _Lokasi:
    sheet: str
    tabel: str
    nomor: int | None
    baris: str

    def temuan(self, **isi: Any) -> Temuan:
        """A finding at this place (sheet, table, row and its number); `isi` gives the column, figures and rule."""
        return Temuan(sheet=self.sheet, tabel=self.tabel, baris=self.baris, nomor=self.nomor, **isi)


KunciKolom = tuple[str, str, str]  # (sheet, tabel, kolom)


def konvensi_kolom(contoh: Iterable[tuple[KunciKolom, Decimal | None]]) -> dict[KunciKolom, int]:
    """The number of decimals most printed values of each column carry (the larger one on a tie)."""
    hitungan: dict[KunciKolom, dict[int, int]] = {}
    for kunci, nilai in contoh:
        if nilai is None:
            continue
        per_desimal = hitungan.setdefault(kunci, {})
        d = desimal_terbitan(nilai)
        per_desimal[d] = per_desimal.get(d, 0) + 1
    return {kunci: max(n, key=lambda d: (n[d], d)) for kunci, n in hitungan.items()}


@dataclass
class _Pemeriksa:
    temuan: list[Temuan] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)
    diperiksa: int = 0
    konvensi: dict[KunciKolom, int] = field(default_factory=dict)

    def banding(
        self,
        lokasi: _Lokasi,
        *,
        kolom: str,
        terbitan: Decimal,
        hitung: Decimal,
        aturan: str,
        alternatif: Iterable[_Alternatif] = (),
    ) -> Temuan | None:
        """Compare one published figure with its recomputed value; record and return the finding, if any.

        The precision is the column's convention, or the value's own decimals when it carries more: a value
        printed with fewer decimals than its column is not let through by rounding the recomputed one as coarsely.
        """
        self.diperiksa += 1
        sendiri = desimal_terbitan(terbitan)
        d = max(sendiri, self.konvensi.get((lokasi.sheet, lokasi.tabel, kolom), sendiri))
        dibulatkan = angka.bulatkan(hitung, d)
        if dibulatkan == terbitan:
            return None
        hasil = _uraian_hasil(hitung, d)
        aturan_terbitan = ""
        if d > sendiri and terbitan in (
            angka.bulatkan(hitung, sendiri),
            _potong(hitung, sendiri, ROUND_DOWN),
        ):
            jenis = Jenis.KURANG_DESIMAL
            cara = "dibulatkan" if angka.bulatkan(hitung, sendiri) == terbitan else "dipotong"
            keterangan = (
                f"Kolom ini dicetak dengan {d} desimal, angka ini hanya {sendiri}: hasil hitung {hasil} "
                f"{cara} menjadi {_teks(terbitan, sendiri)}."
            )
            aturan_terbitan = f"aturan yang sama, {cara} ke {sendiri} desimal"
        elif _potong(hitung, d, ROUND_DOWN) == terbitan:
            jenis = Jenis.PEMOTONGAN
            keterangan = f"Hasil hitung {hasil}; terbitan memotong angka di belakang koma."
            aturan_terbitan = "aturan yang sama, dipotong (bukan dibulatkan setengah ke atas)"
        else:
            jenis, keterangan = Jenis.SALAH, f"Hasil hitung {hasil}."
            for alt in alternatif:
                if alt.nilai is None:
                    continue
                if angka.bulatkan(alt.nilai, d) == terbitan:
                    cara = _uraian_hasil(alt.nilai, d)
                    aturan_terbitan = alt.uraian
                elif _potong(alt.nilai, d, ROUND_DOWN) == terbitan:
                    cara = (
                        f"{_teks_penuh(alt.nilai, d)}, dipotong {_teks(terbitan, d)} "
                        f"(dibulatkan: {_teks(angka.bulatkan(alt.nilai, d), d)})"
                    )
                    aturan_terbitan = f"{alt.uraian}, dipotong"
                else:
                    continue
                jenis = alt.jenis
                keterangan = f"Terbitan sama dengan {alt.uraian}: {cara}. Aturan yang benar memberi {hasil}."
                if alt.catatan:
                    keterangan += alt.catatan
                elif jenis is Jenis.TURUNAN:
                    keterangan += _CATATAN_TURUNAN
                break
            else:
                # Only when no other rule explains it: rounding up is rare enough to be a coincidence otherwise.
                if _potong(hitung, d, ROUND_UP) == terbitan:
                    jenis = Jenis.PEMBULATAN_KE_ATAS
                    keterangan = f"Hasil hitung {hasil}; terbitan membulatkan ke atas."
                    aturan_terbitan = "aturan yang sama, dibulatkan ke atas"
        return self.tambah(
            lokasi.temuan(
                kolom=kolom,
                terbitan=terbitan,
                hitung=hitung,
                aturan=aturan,
                jenis=jenis,
                keterangan=keterangan,
                aturan_terbitan=aturan_terbitan,
                desimal_kolom=d if d > sendiri else None,
            )
        )

    def tambah(self, temuan: Temuan) -> Temuan:
        self.temuan.append(temuan)
        return temuan

    def kategori(
        self,
        lokasi: _Lokasi,
        *,
        kolom: str,
        kata: str,
        hitung: Decimal,
        skala: lib_skala.Skala,
        terbitan: Decimal | None = None,
        salah_terbitan: bool = False,
    ) -> Temuan | None:
        """Compare a printed category word with the band of the recomputed figure on the year's scale.

        `terbitan` is the figure printed beside it; when that figure is itself wrong (`salah_terbitan`) and the
        word is its band, the word only follows from it."""
        self.diperiksa += 1
        pita = skala.klasifikasi(hitung)
        if _kata(kata) in (_kata(pita.label), _kata(pita.kode)):
            return None
        d = skala.desimal_klasifikasi if skala.desimal_klasifikasi is not None else 2
        teks_hitung = _teks(angka.bulatkan(hitung, d), d)
        aturan = f"Kategori menurut {skala.nama}: {_daftar_pita(skala)}"
        keterangan = f"Hasil hitung {teks_hitung} termasuk '{pita.label}' ({pita.uraian()})."
        jenis = Jenis.KATEGORI
        dikenal = [p for p in skala.pita if _kata(kata) in (_kata(p.label), _kata(p.kode))]
        if not dikenal:
            keterangan += f" '{kata}' bukan kategori pada skala ini."
        elif terbitan is not None and salah_terbitan and skala.klasifikasi(terbitan) == dikenal[0]:
            jenis = Jenis.TURUNAN
            keterangan += (
                f" Kategori tercetak sesuai angka tercetak {_teks(terbitan, desimal_terbitan(terbitan))}, "
                "yang tidak cocok dengan hasil hitung."
            )
        return self.tambah(
            lokasi.temuan(
                kolom=kolom,
                terbitan=terbitan,
                hitung=hitung,
                aturan=aturan,
                jenis=jenis,
                keterangan=keterangan,
                desimal_kolom=d,
                teks_terbitan=kata,
                teks_hitung=pita.label,
            )
        )

    def catat(self, sheet: str, nomor: int | None, pesan: str) -> None:
        letak = f"Sheet {sheet}" + (f", baris {nomor}" if nomor is not None else "")
        self.catatan.append(f"{letak}: {pesan}")


def _kata(teks: str) -> str:
    return " ".join(teks.replace("-", " ").split()).casefold()


def _daftar_pita(skala: lib_skala.Skala) -> str:
    return "; ".join(f"{p.label} {p.uraian()}" for p in skala.pita)


def kunci_sasaran(sasaran: str) -> str:
    """Sasaran are matched across sheets by their number as typed: "1", "1.", " 1 " are the same."""
    return " ".join(sasaran.split()).rstrip(".").casefold()


def _label_indikator(b: BarisPengukuran) -> str:
    return f"{b.kode} {b.indikator}".strip() if b.kode else b.indikator


def _label_sasaran(sasaran: str, nama: str) -> str:
    nomor = " ".join(sasaran.split()).rstrip(".")
    return f"Sasaran {nomor}: {nama}" if nama else f"Sasaran {nomor}"


def _aturan_capaian(
    hasil: rumus_capaian.HasilCapaian, polaritas: rumus_capaian.Polaritas, nama: str = "Capaian"
) -> str:
    teks = hasil.keterangan
    if hasil.kasus is rumus_capaian.Kasus.NORMAL and polaritas is rumus_capaian.Polaritas.POSITIF:
        teks = f"{teks} (polaritas positif)"
    return teks.replace("Capaian", nama, 1) if nama != "Capaian" else teks


# --- measurement ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _CapaianSasaran:
    nilai: Decimal | None
    aturan: str
    terbitan_rerata: Decimal | None  # the mean of the indicators' published capaian


def _periksa_pengukuran(
    p: _Pemeriksa, baris: Sequence[BarisPengukuran], aturan: AturanTahun
) -> tuple[list[rumus_capaian.ItemCapaian], list[rumus_capaian.ItemCapaian]]:
    """Indicator capaian, change and tingkat kemajuan; returns the computed and the published capaian items."""
    dihitung: list[rumus_capaian.ItemCapaian] = []
    terbit: list[rumus_capaian.ItemCapaian] = []
    for b in baris:
        label = _label_indikator(b)
        lokasi = _Lokasi(SHEET_PENGUKURAN, b.tabel, b.nomor, label)
        try:
            hasil = rumus_capaian.hitung(realisasi=b.realisasi, target=b.target, polaritas=b.polaritas)
        except rumus_capaian.CapaianError as exc:
            p.catat(SHEET_PENGUKURAN, b.nomor, f"capaian {label} tidak dapat dihitung: {exc}")
            hasil = None
        if hasil is not None:
            dihitung.append(rumus_capaian.ItemCapaian(kunci_sasaran(b.sasaran), label, hasil.nilai))
            terbit.append(rumus_capaian.ItemCapaian(kunci_sasaran(b.sasaran), label, b.capaian))
            if hasil.nilai is None:
                p.catat(SHEET_PENGUKURAN, b.nomor, f"realisasi {label} kosong: capaian tidak dihitung.")
            else:
                salah = None
                if b.capaian is not None:
                    salah = p.banding(
                        lokasi,
                        kolom="Capaian (%)",
                        terbitan=b.capaian,
                        hitung=hasil.nilai,
                        aturan=_aturan_capaian(hasil, b.polaritas),
                    )
                if b.kategori:
                    p.kategori(
                        lokasi,
                        kolom=b.kolom_kategori,
                        kata=b.kategori,
                        hitung=hasil.nilai,
                        skala=aturan.skala,
                        terbitan=b.capaian,
                        salah_terbitan=salah is not None,
                    )
        if b.perubahan is not None:
            perubahan = rumus_capaian.perubahan_tahunan(b.realisasi, b.realisasi_lalu)
            if perubahan is None:
                p.catat(
                    SHEET_PENGUKURAN,
                    b.nomor,
                    f"perubahan {label} tidak diperiksa: realisasi tahun ini atau tahun lalu kosong atau 0.",
                )
            else:
                p.banding(
                    lokasi,
                    kolom="Perubahan (%)",
                    terbitan=b.perubahan,
                    hitung=perubahan,
                    aturan="Perubahan = (Realisasi tahun ini / Realisasi tahun lalu − 1) × 100",
                )
        if b.kemajuan is not None:
            if b.target_akhir is None:
                p.catat(
                    SHEET_PENGUKURAN,
                    b.nomor,
                    f"tingkat kemajuan {label} tidak diperiksa: target akhir kosong.",
                )
                continue
            try:
                kemajuan = rumus_capaian.tingkat_kemajuan(
                    realisasi=b.realisasi, target_akhir=b.target_akhir, polaritas=b.polaritas
                )
            except rumus_capaian.CapaianError as exc:
                p.catat(SHEET_PENGUKURAN, b.nomor, f"tingkat kemajuan {label} tidak dapat dihitung: {exc}")
                continue
            if kemajuan.nilai is not None:
                p.banding(
                    lokasi,
                    kolom="Tingkat kemajuan (%)",
                    terbitan=b.kemajuan,
                    hitung=kemajuan.nilai,
                    aturan=_aturan_capaian(kemajuan, b.polaritas),
                )
    return dihitung, terbit


def _capaian_sasaran(
    dihitung: list[rumus_capaian.ItemCapaian], terbit: list[rumus_capaian.ItemCapaian], aturan: AturanTahun
) -> dict[str, _CapaianSasaran]:
    """Capaian per sasaran key = mean of its indicators' recomputed capaian (the year's missing-realisasi policy
    and cap)."""
    kebijakan = aturan.kebijakan
    rollup = rumus_capaian.rollup_sasaran(dihitung, kebijakan=kebijakan, batas=aturan.batas)
    rollup_terbit = rumus_capaian.rollup_sasaran(terbit, kebijakan=kebijakan, batas=aturan.batas)
    hasil: dict[str, _CapaianSasaran] = {}
    for kunci, r in rollup.items():
        rt = rollup_terbit.get(kunci)
        lengkap = rt is not None and rt.jumlah_kosong == 0
        hasil[kunci] = _CapaianSasaran(
            nilai=r.nilai,
            aturan=(
                f"Capaian sasaran = rata-rata capaian {r.jumlah_dihitung} indikatornya, dihitung dari target "
                f"dan realisasi ({r.keterangan.lower()})"
            ),
            terbitan_rerata=rt.nilai if rt is not None and lengkap else None,
        )
    return hasil


def _banding_capaian_sasaran(
    p: _Pemeriksa,
    per_sasaran: dict[str, _CapaianSasaran],
    *,
    sheet: str,
    tabel: str,
    nomor: int | None,
    sasaran: str,
    nama: str,
    terbitan: Decimal | None,
    kolom: str,
    kata: str = "",
    kolom_kategori: str = "",
    skala: lib_skala.Skala | None = None,
) -> Temuan | None:
    """The published capaian of a sasaran and, when printed, its category word; returns the figure's finding."""
    kunci = kunci_sasaran(sasaran)
    cs = per_sasaran.get(kunci)
    if cs is None or cs.nilai is None:
        p.catat(
            sheet,
            nomor,
            f"capaian sasaran {sasaran} tidak diperiksa: sheet {SHEET_PENGUKURAN} tidak memuat indikator "
            f"sasaran {sasaran} yang realisasinya terisi.",
        )
        return None
    lokasi = _Lokasi(sheet, tabel, nomor, _label_sasaran(sasaran, nama))
    salah = None
    if terbitan is not None:
        salah = p.banding(
            lokasi,
            kolom=kolom,
            terbitan=terbitan,
            hitung=cs.nilai,
            aturan=cs.aturan,
            alternatif=[
                _Alternatif(
                    "rata-rata capaian indikator sebagaimana tercetak (angka yang sudah dibulatkan)",
                    cs.terbitan_rerata,
                )
            ],
        )
    if kata and skala is not None:
        p.kategori(
            lokasi,
            kolom=kolom_kategori,
            kata=kata,
            hitung=cs.nilai,
            skala=skala,
            terbitan=terbitan,
            salah_terbitan=salah is not None,
        )
    return salah


# --- the overall figure -----------------------------------------------------------------------------------------

_NAMA_METODE = {
    rumus_capaian.MetodeRollup.RATA_RATA_SASARAN: "rata-rata dari rata-rata capaian per sasaran",
    rumus_capaian.MetodeRollup.RATA_RATA_INDIKATOR: "rata-rata capaian seluruh indikator",
}
_NAMA_KEBIJAKAN = {
    rumus_capaian.KebijakanKosong.KECUALIKAN: "realisasi kosong dikecualikan",
    rumus_capaian.KebijakanKosong.HITUNG_NOL: "realisasi kosong dihitung 0",
}


def _periksa_keseluruhan(
    p: _Pemeriksa,
    baris: Sequence[BarisKeseluruhan],
    dihitung: list[rumus_capaian.ItemCapaian],
    aturan: AturanTahun,
) -> None:
    """The overall figure with the year's rollup method, missing policy and cap; its category on the year's scale.

    The other methods and policies are offered as the rule the report may have used instead."""
    if not baris:
        return
    unit = rumus_capaian.rollup_unit(
        dihitung, metode=aturan.metode, kebijakan=aturan.kebijakan, batas=aturan.batas
    )
    uraian_aturan = f"Nilai capaian keseluruhan = {unit.keterangan.lower()}"
    if aturan.uraian:
        uraian_aturan += f" ({aturan.uraian})"
    alternatif = []
    for metode in rumus_capaian.MetodeRollup:
        for kebijakan in rumus_capaian.KebijakanKosong:
            for batas in dict.fromkeys((aturan.batas, None)):
                if (metode, kebijakan, batas) == (aturan.metode, aturan.kebijakan, aturan.batas):
                    continue
                lain = rumus_capaian.rollup_unit(dihitung, metode=metode, kebijakan=kebijakan, batas=batas)
                teks = f"{_NAMA_METODE[metode]}, {_NAMA_KEBIJAKAN[kebijakan]}"
                if batas != aturan.batas:
                    teks += ", tanpa batas atas capaian"
                alternatif.append(_Alternatif(teks, lain.nilai))
    for b in baris:
        lokasi = _Lokasi(SHEET_KESELURUHAN, b.tabel, b.nomor, b.uraian or "Nilai capaian keseluruhan")
        if unit.nilai is None:
            p.catat(
                SHEET_KESELURUHAN,
                b.nomor,
                f"nilai capaian keseluruhan tidak diperiksa: sheet {SHEET_PENGUKURAN} tidak memuat indikator "
                "yang capaiannya dapat dihitung.",
            )
            continue
        salah = None
        if b.nilai is not None:
            salah = p.banding(
                lokasi,
                kolom=KOLOM_KESELURUHAN,
                terbitan=b.nilai,
                hitung=unit.nilai,
                aturan=uraian_aturan,
                alternatif=alternatif,
            )
        if b.kategori:
            p.kategori(
                lokasi,
                kolom=b.kolom_kategori,
                kata=b.kategori,
                hitung=unit.nilai,
                skala=aturan.skala,
                terbitan=b.nilai,
                salah_terbitan=salah is not None,
            )


# --- budget -----------------------------------------------------------------------------------------------------


@dataclass
class _Simpul:
    baris: BarisAnggaran
    sasaran: str  # key, inherited from the nearest SASARAN ancestor when the row has none
    konteks: str  # the nearest unit or sasaran above it, for the finding's label
    anak: list[_Simpul] = field(default_factory=list)
    induk: _Simpul | None = None  # the row whose sums include this one (a TOTAL row for the top rows)


def _pohon(baris: Sequence[BarisAnggaran]) -> dict[str, list[_Simpul]]:
    """Budget rows grouped by table (in order of appearance), each node with its direct children."""
    tabel: dict[str, list[_Simpul]] = {}
    tumpukan: dict[str, list[_Simpul]] = {}
    for b in baris:
        simpul_tabel = tabel.setdefault(b.tabel, [])
        tumpuk = tumpukan.setdefault(b.tabel, [])
        kedalaman = _KEDALAMAN[b.tingkat]
        if b.tingkat is TingkatAnggaran.TOTAL:
            simpul_tabel.append(_Simpul(b, kunci_sasaran(b.sasaran), ""))
            continue
        while tumpuk and _KEDALAMAN[tumpuk[-1].baris.tingkat] >= kedalaman:
            tumpuk.pop()
        induk = tumpuk[-1] if tumpuk else None
        sasaran = kunci_sasaran(b.sasaran) or (induk.sasaran if induk else "")
        if induk is None:
            konteks = ""
        elif induk.baris.tingkat in (TingkatAnggaran.UNIT, TingkatAnggaran.SASARAN):
            konteks = induk.baris.uraian
        else:
            konteks = induk.konteks
        simpul = _Simpul(b, sasaran, konteks, induk=induk)
        simpul_tabel.append(simpul)
        if induk is not None:
            induk.anak.append(simpul)
        tumpuk.append(simpul)
    for semua in tabel.values():
        puncak = [s for s in semua if s.baris.tingkat is not TingkatAnggaran.TOTAL]
        dangkal = min((_KEDALAMAN[s.baris.tingkat] for s in puncak), default=None)
        for s in semua:
            if s.baris.tingkat is TingkatAnggaran.TOTAL:
                s.anak = [a for a in puncak if _KEDALAMAN[a.baris.tingkat] == dangkal]
                for a in s.anak:
                    a.induk = a.induk or s
            elif s.anak:
                # Direct children only: with a level skipped, the shallowest rows below count.
                terdangkal = min(_KEDALAMAN[a.baris.tingkat] for a in s.anak)
                s.anak = [a for a in s.anak if _KEDALAMAN[a.baris.tingkat] == terdangkal]
    return tabel


def _label_anggaran(s: _Simpul) -> str:
    b = s.baris
    if b.tingkat is TingkatAnggaran.TOTAL:
        return f"Total: {b.uraian}" if b.uraian else "Total"
    return f"{s.konteks} › {b.uraian}" if s.konteks else b.uraian


def _total(simpul: Iterable[_Simpul]) -> serapan.TotalAnggaran:
    return serapan.total(
        serapan.PosAnggaran(
            kode=_KODE_TANPA_NOMOR, pagu=s.baris.pagu or Decimal(0), realisasi=s.baris.realisasi or Decimal(0)
        )
        for s in simpul
    )


def _persen(b: BarisAnggaran) -> Decimal | None:
    if b.pagu is None or b.realisasi is None:
        return None
    return serapan.penyerapan(pagu=b.pagu, realisasi=b.realisasi)


def _alternatif_tidak_tertimbang(anak: Sequence[_Simpul], nama: str) -> list[_Alternatif]:
    if len(anak) < 2:
        return []
    dihitung = [_persen(a.baris) for a in anak]
    tercetak = [a.baris.persen for a in anak]
    hasil = [
        _Alternatif(
            f"rata-rata tidak tertimbang persentase penyerapan {len(anak)} {nama}",
            serapan.rata_rata_tidak_tertimbang(dihitung) if all(x is not None for x in dihitung) else None,
        )
    ]
    if all(x is not None for x in tercetak):
        hasil.append(
            _Alternatif(
                f"rata-rata tidak tertimbang persentase penyerapan {len(anak)} {nama} sebagaimana tercetak",
                serapan.rata_rata_tidak_tertimbang(tercetak),
            )
        )
    return hasil


def _ada_uang(simpul: Iterable[_Simpul]) -> bool:
    return all(s.baris.pagu is not None and s.baris.realisasi is not None for s in simpul)


def _jumlah_tertukar(
    anak: Sequence[_Simpul], tertukar: dict[int, tuple[bool, bool]]
) -> serapan.TotalAnggaran:
    """The children's sums with the pagu and realisasi of the swapped ones exchanged."""
    pagu = realisasi = Decimal(0)
    for a in anak:
        ap, ar = a.baris.pagu or Decimal(0), a.baris.realisasi or Decimal(0)
        if id(a) in tertukar:
            ap, ar = ar, ap
        pagu, realisasi = pagu + ap, realisasi + ar
    return serapan.TotalAnggaran(pagu=pagu, realisasi=realisasi)


def _periksa_jumlah(
    p: _Pemeriksa, s: _Simpul, lokasi: _Lokasi, tertukar: dict[int, tuple[bool, bool]]
) -> None:
    """A parent row's pagu and realisasi against the sums of its children."""
    b, anak = s.baris, s.anak
    nama_anak = NAMA_TINGKAT[anak[0].baris.tingkat]
    jumlah = _total(anak)
    ditukar = [a for a in anak if id(a) in tertukar]
    jumlah_tukar = _jumlah_tertukar(anak, tertukar) if ditukar else None
    nama_tukar = ", ".join(a.baris.uraian for a in ditukar)
    for kolom, terbitan, nilai, bagian in (
        ("Pagu", b.pagu, jumlah.pagu, "pagu"),
        ("Realisasi", b.realisasi, jumlah.realisasi, "realisasi"),
    ):
        if terbitan is None:
            continue
        if any(getattr(a.baris, bagian) is None for a in anak):
            p.catat(
                SHEET_ANGGARAN,
                b.nomor,
                f"jumlah {bagian} {lokasi.baris} tidak diperiksa: ada {nama_anak} di bawahnya tanpa {bagian}.",
            )
            continue
        alternatif = []
        if jumlah_tukar is not None:
            alternatif.append(
                _Alternatif(
                    f"jumlah bila pagu dan realisasi {nama_tukar} ditukar",
                    getattr(jumlah_tukar, bagian),
                    Jenis.TERTUKAR,
                    f" Selisihnya berasal dari {nama_tukar}, yang pagu dan realisasinya tertukar.",
                )
            )
        p.banding(
            lokasi,
            kolom=kolom,
            terbitan=terbitan,
            hitung=nilai,
            aturan=f"{kolom} = Σ {bagian} {len(anak)} {nama_anak} di bawahnya",
            alternatif=alternatif,
        )


def _periksa_persen(p: _Pemeriksa, s: _Simpul, lokasi: _Lokasi, persen_terbit: Decimal) -> None:
    b = s.baris
    if b.pagu is None or b.realisasi is None:
        p.catat(
            SHEET_ANGGARAN, b.nomor, f"penyerapan {lokasi.baris} tidak diperiksa: pagu atau realisasi kosong."
        )
        return
    persen = serapan.penyerapan(pagu=b.pagu, realisasi=b.realisasi)
    if persen is None:
        p.catat(
            SHEET_ANGGARAN,
            b.nomor,
            f"penyerapan {lokasi.baris} tidak diperiksa: pagu 0, sehingga penyerapan tidak terdefinisi "
            f"(terbitan {_teks(persen_terbit, desimal_terbitan(persen_terbit))}).",
        )
        return
    nama_anak = NAMA_TINGKAT[s.anak[0].baris.tingkat] if s.anak else ""
    p.banding(
        lokasi,
        kolom="Penyerapan (%)",
        terbitan=persen_terbit,
        hitung=persen,
        aturan="Penyerapan = Realisasi / Pagu × 100",
        alternatif=_alternatif_tidak_tertimbang(s.anak, nama_anak),
    )


def _periksa_kinerja(p: _Pemeriksa, b: BarisAnggaran, lokasi: _Lokasi, capaian_terbit: Decimal) -> None:
    """The output indicator's capaian (target and realisasi of e.g. "12 Dokumen"), positive polarity."""
    if b.target_kinerja is None or b.realisasi_kinerja is None:
        p.catat(
            SHEET_ANGGARAN,
            b.nomor,
            f"capaian kinerja {lokasi.baris} tidak diperiksa: target atau realisasi kosong.",
        )
        return
    try:
        hasil = rumus_capaian.hitung(realisasi=b.realisasi_kinerja, target=b.target_kinerja)
    except rumus_capaian.CapaianError as exc:
        p.catat(SHEET_ANGGARAN, b.nomor, f"capaian kinerja {lokasi.baris} tidak dapat dihitung: {exc}")
        return
    if hasil.nilai is not None:
        p.banding(
            lokasi,
            kolom="Capaian kinerja (%)",
            terbitan=capaian_terbit,
            hitung=hasil.nilai,
            aturan=_aturan_capaian(hasil, rumus_capaian.Polaritas.POSITIF, "Capaian kinerja"),
        )


def _bukti_tertukar(s: _Simpul) -> tuple[list[str], bool, bool]:
    """Why a row whose realisasi exceeds its pagu has the two columns swapped: its printed % is realisasi / pagu
    with them exchanged, its parent's sums match with them exchanged, or its children's sums are its pagu and
    realisasi the other way round. Returns the reasons and whether the % and the children are among them."""
    b = s.baris
    assert b.pagu is not None
    assert b.realisasi is not None
    bukti: list[str] = []
    dari_persen = dari_anak = False
    if b.persen is not None:
        tukar = serapan.penyerapan(pagu=b.realisasi, realisasi=b.pagu)
        d = desimal_terbitan(b.persen)
        if tukar is not None and b.persen in (angka.bulatkan(tukar, d), _potong(tukar, d, ROUND_DOWN)):
            bukti.append(
                f"penyerapan tercetak {_teks(b.persen, d)}% sama dengan realisasi / pagu bila keduanya ditukar"
            )
            dari_persen = True
    induk = s.induk
    if (
        induk is not None
        and any(a is s for a in induk.anak)
        and induk.baris.pagu is not None
        and induk.baris.realisasi is not None
        and _ada_uang(induk.anak)
    ):
        jumlah = _total(induk.anak)
        tercetak = (induk.baris.pagu, induk.baris.realisasi)
        ditukar = (jumlah.pagu - b.pagu + b.realisasi, jumlah.realisasi - b.realisasi + b.pagu)
        if (jumlah.pagu, jumlah.realisasi) != tercetak and ditukar == tercetak:
            bukti.append(f"jumlah pada baris {_label_anggaran(induk)} cocok bila keduanya ditukar")
    if s.anak and _ada_uang(s.anak):
        jumlah = _total(s.anak)
        if (jumlah.pagu, jumlah.realisasi) == (b.realisasi, b.pagu):
            bukti.append("jumlah baris di bawahnya cocok bila keduanya ditukar")
            dari_anak = True
    return bukti, dari_persen, dari_anak


def _periksa_pagu(p: _Pemeriksa, s: _Simpul, lokasi: _Lokasi) -> tuple[bool, bool] | None:
    """Realisasi ≤ pagu on a row that prints both; a row above its pagu is diagnosed as swapped columns when the
    table says so. Returns, for a swapped row, whether its % and its sums are explained by the swap."""
    b = s.baris
    if b.pagu is None or b.realisasi is None:
        return None
    p.diperiksa += 1
    if b.realisasi <= b.pagu:
        return None
    bukti, dari_persen, dari_anak = _bukti_tertukar(s)
    pagu, realisasi = angka.format_rupiah(b.pagu), angka.format_rupiah(b.realisasi)
    if bukti:
        p.tambah(
            lokasi.temuan(
                kolom="Pagu dan realisasi",
                terbitan=b.pagu,
                hitung=b.realisasi,
                aturan="Realisasi ≤ Pagu",
                jenis=Jenis.TERTUKAR,
                keterangan=(
                    f"Pagu dan realisasi tertukar: tercetak pagu {pagu} dan realisasi {realisasi}; "
                    + "; ".join(bukti)
                    + "."
                ),
                aturan_terbitan="kolom pagu dan realisasi tertukar",
                teks_terbitan=f"Pagu {pagu}; realisasi {realisasi}",
                teks_hitung=f"Pagu {realisasi}; realisasi {pagu}",
            )
        )
        return dari_persen, dari_anak
    p.tambah(
        lokasi.temuan(
            kolom="Realisasi",
            terbitan=b.realisasi,
            hitung=b.pagu,
            aturan="Realisasi ≤ Pagu",
            jenis=Jenis.MELEBIHI_PAGU,
            keterangan=(
                f"Realisasi {realisasi} melebihi pagu {pagu} sebesar "
                f"{angka.format_rupiah(b.realisasi - b.pagu)}."
            ),
        )
    )
    return None


def _periksa_anggaran(p: _Pemeriksa, pohon: dict[str, list[_Simpul]]) -> None:
    for semua in pohon.values():
        lokasi = {
            id(s): _Lokasi(SHEET_ANGGARAN, s.baris.tabel, s.baris.nomor, _label_anggaran(s)) for s in semua
        }
        # First every row's realisasi ≤ pagu, so that the sums above a swapped row can say where they differ.
        tertukar: dict[int, tuple[bool, bool]] = {}
        for s in semua:
            diagnosis = _periksa_pagu(p, s, lokasi[id(s)])
            if diagnosis is not None:
                tertukar[id(s)] = diagnosis
        for s in semua:
            b = s.baris
            dari_persen, dari_anak = tertukar.get(id(s), (False, False))
            if s.anak and not dari_anak:
                _periksa_jumlah(p, s, lokasi[id(s)], tertukar)
            if b.persen is not None and not dari_persen:
                _periksa_persen(p, s, lokasi[id(s)], b.persen)
            if b.capaian_kinerja is not None:
                _periksa_kinerja(p, b, lokasi[id(s)], b.capaian_kinerja)


@dataclass(frozen=True)
class _AnggaranSasaran:
    total: serapan.TotalAnggaran
    aturan: str
    alternatif: list[_Alternatif]


def _anggaran_per_sasaran(pohon: dict[str, list[_Simpul]]) -> dict[str, _AnggaranSasaran]:
    """Per sasaran key: the budget lines of the first table that assigns lines to it (its shallowest lines), or,
    in a table with no such lines for it (a table of sasaran only), its SASARAN rows' own pagu and realisasi."""
    hasil: dict[str, _AnggaranSasaran] = {}
    for tabel, semua in pohon.items():
        kelompok: dict[str, list[_Simpul]] = {}
        kepala: dict[str, list[_Simpul]] = {}
        for s in semua:
            if s.sasaran and s.baris.tingkat not in (TingkatAnggaran.SASARAN, TingkatAnggaran.TOTAL):
                kelompok.setdefault(s.sasaran, []).append(s)
            elif s.sasaran and s.baris.tingkat is TingkatAnggaran.SASARAN:
                kepala.setdefault(s.sasaran, []).append(s)
        sumber = f" pada {tabel}" if tabel else ""
        for kunci, simpul in kelompok.items():
            if kunci in hasil:
                continue
            dangkal = min(_KEDALAMAN[s.baris.tingkat] for s in simpul)
            pos = [s for s in simpul if _KEDALAMAN[s.baris.tingkat] == dangkal]
            if not _ada_uang(pos):
                continue
            nama = NAMA_TINGKAT[pos[0].baris.tingkat]
            hasil[kunci] = _AnggaranSasaran(
                total=_total(pos),
                aturan=f"Penyerapan tertimbang = Σ realisasi / Σ pagu × 100 ({len(pos)} {nama}{sumber})",
                alternatif=_alternatif_tidak_tertimbang(pos, nama),
            )
        for kunci, simpul in kepala.items():
            if kunci in hasil or not _ada_uang(simpul):
                continue
            hasil[kunci] = _AnggaranSasaran(
                total=_total(simpul),
                aturan=f"Penyerapan = realisasi / pagu × 100 (baris sasaran{sumber})",
                alternatif=[],
            )
    return hasil


# --- efficiency -------------------------------------------------------------------------------------------------


def _efisiensi_dari_persen(
    metode: rumus_efisiensi.MetodeEfisiensi, capaian_persen: Decimal | None, serapan_persen: Decimal | None
) -> Decimal | None:
    """The efficiency from a capaian % and an absorption % instead of money.

    `rumus_efisiensi.hitung` takes pagu and realisasi; with pagu 100 and realisasi equal to the percentage, its
    penyerapan is exactly that percentage (and the savings 100 − it), so every method applies unchanged.
    """
    if capaian_persen is None or serapan_persen is None or serapan_persen < 0:
        return None
    return rumus_efisiensi.hitung(
        metode=metode, capaian=capaian_persen, pagu=_SERATUS, realisasi=serapan_persen
    ).nilai


def _periksa_efisiensi(
    p: _Pemeriksa,
    baris: Sequence[BarisEfisiensi],
    per_sasaran: dict[str, _CapaianSasaran],
    anggaran: dict[str, _AnggaranSasaran],
) -> None:
    for b in baris:
        kunci = kunci_sasaran(b.sasaran)
        label = _label_sasaran(b.sasaran, b.nama)
        lokasi = _Lokasi(SHEET_EFISIENSI, b.tabel, b.nomor, label)
        cs = per_sasaran.get(kunci)
        capaian_hitung = cs.nilai if cs is not None else None
        salah_capaian = None
        if b.capaian is not None:
            salah_capaian = _banding_capaian_sasaran(
                p,
                per_sasaran,
                sheet=SHEET_EFISIENSI,
                tabel=b.tabel,
                nomor=b.nomor,
                sasaran=b.sasaran,
                nama=b.nama,
                terbitan=b.capaian,
                kolom="Capaian kinerja (%)",
            )

        if b.pagu is not None and b.realisasi is not None:
            total: serapan.TotalAnggaran | None = serapan.TotalAnggaran(pagu=b.pagu, realisasi=b.realisasi)
            aturan_serapan = "Penyerapan = Realisasi anggaran / Pagu × 100"
            alt_serapan = anggaran[kunci].alternatif if kunci in anggaran else []
        elif kunci in anggaran:
            total = anggaran[kunci].total
            aturan_serapan = anggaran[kunci].aturan
            alt_serapan = anggaran[kunci].alternatif
        else:
            total, aturan_serapan, alt_serapan = None, "", []
        serapan_hitung = total.penyerapan if total is not None else None

        salah_serapan = None
        if b.penyerapan is not None:
            if serapan_hitung is None:
                p.catat(
                    SHEET_EFISIENSI,
                    b.nomor,
                    f"penyerapan sasaran {b.sasaran} tidak diperiksa: pagu dan realisasi tidak diisi dan sheet "
                    f"{SHEET_ANGGARAN} tidak memuat anggaran sasaran {b.sasaran} (atau pagunya 0).",
                )
            else:
                salah_serapan = p.banding(
                    lokasi,
                    kolom="Penyerapan anggaran (%)",
                    terbitan=b.penyerapan,
                    hitung=serapan_hitung,
                    aturan=aturan_serapan,
                    alternatif=alt_serapan,
                )

        if b.efisiensi is None:
            continue
        if capaian_hitung is None or total is None:
            p.catat(
                SHEET_EFISIENSI,
                b.nomor,
                f"tingkat efisiensi sasaran {b.sasaran} tidak diperiksa: capaian sasaran atau anggarannya "
                "tidak dapat dihitung dari sheet lain.",
            )
            continue
        hasil = rumus_efisiensi.hitung(
            metode=b.metode, capaian=capaian_hitung, pagu=total.pagu, realisasi=total.realisasi
        )
        if hasil.nilai is None:
            p.catat(SHEET_EFISIENSI, b.nomor, f"tingkat efisiensi sasaran {b.sasaran}: {hasil.keterangan}.")
            continue
        rumus = rumus_efisiensi.NAMA_METODE[b.metode].split(";")[0]
        alternatif = [
            _Alternatif(
                f"tingkat efisiensi yang memakai {alt.uraian}",
                _efisiensi_dari_persen(b.metode, capaian_hitung, alt.nilai),
            )
            for alt in alt_serapan
        ]
        tercetak = _Alternatif(
            "tingkat efisiensi dari kolom capaian kinerja dan penyerapan anggaran sebagaimana tercetak",
            _efisiensi_dari_persen(b.metode, b.capaian, b.penyerapan),
            Jenis.TURUNAN if (salah_capaian or salah_serapan) else Jenis.ATURAN_LAIN,
        )
        p.banding(
            lokasi,
            kolom="Tingkat efisiensi",
            terbitan=b.efisiensi,
            hitung=hasil.nilai,
            aturan=f"{rumus}; capaian sasaran dihitung dari indikatornya, penyerapan tertimbang",
            alternatif=[*alternatif, tercetak],
        )


# --- entry point ------------------------------------------------------------------------------------------------


def _contoh_kolom(data: DataAudit) -> Iterable[tuple[KunciKolom, Decimal | None]]:
    """Every printed figure that is compared, keyed by its column (for `konvensi_kolom`)."""
    for b in data.pengukuran:
        for kolom, nilai in (
            ("Capaian (%)", b.capaian),
            ("Perubahan (%)", b.perubahan),
            ("Tingkat kemajuan (%)", b.kemajuan),
        ):
            yield (SHEET_PENGUKURAN, b.tabel, kolom), nilai
    for s in data.sasaran:
        yield (SHEET_PENGUKURAN, s.tabel, "Capaian sasaran (%)"), s.capaian
    for e in data.efisiensi:
        for kolom, nilai in (
            ("Capaian kinerja (%)", e.capaian),
            ("Penyerapan anggaran (%)", e.penyerapan),
            ("Tingkat efisiensi", e.efisiensi),
        ):
            yield (SHEET_EFISIENSI, e.tabel, kolom), nilai
    for a in data.anggaran:
        for kolom, nilai in (
            ("Pagu", a.pagu),
            ("Realisasi", a.realisasi),
            ("Penyerapan (%)", a.persen),
            ("Capaian kinerja (%)", a.capaian_kinerja),
        ):
            yield (SHEET_ANGGARAN, a.tabel, kolom), nilai
    for k in data.keseluruhan:
        yield (SHEET_KESELURUHAN, k.tabel, KOLOM_KESELURUHAN), k.nilai


def periksa(data: DataAudit, aturan: AturanTahun | None = None) -> HasilAudit:
    """Recompute every derived figure of `data` with the year's rules and list the published ones that do not
    match (the product's defaults when no rules are given)."""
    aturan = aturan or AturanTahun()
    p = _Pemeriksa(konvensi=konvensi_kolom(_contoh_kolom(data)))
    dihitung, terbit = _periksa_pengukuran(p, data.pengukuran, aturan)
    per_sasaran = _capaian_sasaran(dihitung, terbit, aturan)
    for b in data.sasaran:
        _banding_capaian_sasaran(
            p,
            per_sasaran,
            sheet=SHEET_PENGUKURAN,
            tabel=b.tabel,
            nomor=b.nomor,
            sasaran=b.sasaran,
            nama=b.nama,
            terbitan=b.capaian,
            kolom="Capaian sasaran (%)",
            kata=b.kategori,
            kolom_kategori=b.kolom_kategori,
            skala=aturan.skala,
        )
    _periksa_keseluruhan(p, data.keseluruhan, dihitung, aturan)
    pohon = _pohon(data.anggaran)
    _periksa_anggaran(p, pohon)
    _periksa_efisiensi(p, data.efisiensi, per_sasaran, _anggaran_per_sasaran(pohon))
    return HasilAudit(temuan=tuple(p.temuan), jumlah_diperiksa=p.diperiksa, catatan=tuple(p.catatan))
