"""Capaian (achievement) of performance indicators, their yearly aggregation, rollups and comparisons.

Rules are those of the domain reference, section 2. Everything is computed at full Decimal precision; rounding
is for display only and happens elsewhere. No cap is applied unless a caller asks for one (``batas``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

SERATUS = Decimal(100)
NOL = Decimal(0)


class Polaritas(StrEnum):
    POSITIF = "positif"
    NEGATIF = "negatif"
    STABIL = "stabil"


class Kasus(StrEnum):
    NORMAL = "normal"
    TARGET_NOL = "target_nol"
    RENTANG = "rentang"
    PREDIKAT = "predikat"
    KOSONG = "kosong"


class Agregasi(StrEnum):
    KUMULATIF = "kumulatif"
    RATA_RATA = "rata_rata"
    NILAI_AKHIR = "nilai_akhir"


class MetodeRollup(StrEnum):
    RATA_RATA_SASARAN = "rata_rata_sasaran"
    RATA_RATA_INDIKATOR = "rata_rata_indikator"


class KebijakanKosong(StrEnum):
    KECUALIKAN = "kecualikan"
    HITUNG_NOL = "hitung_nol"


class CapaianError(ValueError):
    """Input that cannot produce a capaian (negative target, unknown predikat, ...)."""


@dataclass(frozen=True)
class HasilCapaian:
    nilai: Decimal | None
    kasus: Kasus
    keterangan: str


_KOSONG = HasilCapaian(nilai=None, kasus=Kasus.KOSONG, keterangan="Realisasi belum diisi")

_RUMUS = {
    Polaritas.POSITIF: "Capaian = realisasi / target × 100",
    Polaritas.NEGATIF: "Polaritas negatif: capaian = (2 × target − realisasi) / target × 100",
    Polaritas.STABIL: "Polaritas stabil: capaian = 100 − |realisasi − target| / target × 100",
}


def _teks(nilai: Decimal) -> str:
    """Indonesian rendering for messages: "1.234,5" (no rounding: messages show what was entered)."""
    return f"{nilai:,f}".translate(str.maketrans(",.", ".,"))


def _angka(nilai: Decimal, nama: str) -> Decimal:
    if not nilai.is_finite():
        raise CapaianError(f"{nama} harus berupa angka terhingga, bukan {nilai}.")
    return nilai


def _target(nilai: Decimal, nama: str = "Target") -> Decimal:
    if _angka(nilai, nama) < 0:
        raise CapaianError(f"{nama} tidak boleh negatif ({_teks(nilai)}).")
    return nilai


def _terhadap(realisasi: Decimal, target: Decimal, polaritas: Polaritas) -> HasilCapaian:
    """The polarity's formula against one validated target, including the zero-target rule."""
    if target == 0:
        # Never divide by zero: a zero target is either met (100) or not (0).
        terpenuhi = {
            Polaritas.POSITIF: realisasi >= 0,
            Polaritas.NEGATIF: realisasi <= 0,
            Polaritas.STABIL: realisasi == 0,
        }[polaritas]
        if terpenuhi:
            return HasilCapaian(SERATUS, Kasus.TARGET_NOL, "Target nol: capaian 100 karena target terpenuhi")
        return HasilCapaian(NOL, Kasus.TARGET_NOL, "Target nol: capaian 0 karena target tidak terpenuhi")
    # Written as deviations from 100 so that realisasi == target gives exactly 100 at any precision.
    if polaritas is Polaritas.POSITIF:
        nilai = realisasi / target * SERATUS
    elif polaritas is Polaritas.NEGATIF:
        nilai = SERATUS - (realisasi - target) / target * SERATUS
    else:
        nilai = SERATUS - abs(realisasi - target) / target * SERATUS
    keterangan = _RUMUS[polaritas]
    if nilai < 0 and polaritas is not Polaritas.POSITIF:
        nilai, keterangan = NOL, keterangan + "; hasil di bawah 0 dicatat 0"
    return HasilCapaian(nilai, Kasus.NORMAL, keterangan)


def hitung(
    *, realisasi: Decimal | None, target: Decimal, polaritas: Polaritas = Polaritas.POSITIF
) -> HasilCapaian:
    """Capaian of a numeric indicator; missing realisasi gives nilai None (never zero)."""
    _target(target)
    if realisasi is None:
        return _KOSONG
    return _terhadap(_angka(realisasi, "Realisasi"), target, polaritas)


def hitung_rentang(
    *,
    realisasi: Decimal | None,
    target_bawah: Decimal,
    target_atas: Decimal,
    polaritas: Polaritas = Polaritas.POSITIF,
) -> HasilCapaian:
    """Capaian against a range target: 100 inside it, else the polarity's formula against the nearer bound."""
    _target(target_bawah, "Target bawah")
    _target(target_atas, "Target atas")
    if target_bawah > target_atas:
        raise CapaianError(
            f"Target bawah ({_teks(target_bawah)}) tidak boleh lebih besar "
            f"dari target atas ({_teks(target_atas)})."
        )
    if realisasi is None:
        return _KOSONG
    _angka(realisasi, "Realisasi")
    rentang = f"{_teks(target_bawah)} – {_teks(target_atas)}"
    if target_bawah <= realisasi <= target_atas:
        return HasilCapaian(SERATUS, Kasus.RENTANG, f"Realisasi dalam rentang target {rentang}: capaian 100")
    if realisasi > target_atas:
        acuan, posisi = target_atas, "di atas rentang target {}, dihitung terhadap target atas {}"
    else:
        acuan, posisi = target_bawah, "di bawah rentang target {}, dihitung terhadap target bawah {}"
    hasil = _terhadap(realisasi, acuan, polaritas)
    keterangan = f"Realisasi {posisi.format(rentang, _teks(acuan))}. {hasil.keterangan}"
    return dataclasses.replace(hasil, keterangan=keterangan)


def _normalkan(tingkat: str) -> str:
    return " ".join(tingkat.split()).casefold()


def hitung_predikat(*, realisasi: str | None, target: str, skala: Sequence[str]) -> HasilCapaian:
    """Capaian of a qualitative indicator: rank(realisasi) / rank(target) × 100, ranks from 1 at the lowest.

    ``skala`` is ordered lowest to highest. Names match case-insensitively, ignoring surrounding and repeated
    whitespace. A blank realisasi counts as missing.
    """
    if isinstance(skala, str):
        raise CapaianError("Skala predikat harus berupa daftar tingkat, bukan satu teks.")
    normal = [_normalkan(tingkat) for tingkat in skala]
    if not normal or not all(normal):
        raise CapaianError("Skala predikat harus berisi tingkat yang tidak kosong.")
    if len(set(normal)) != len(normal):
        raise CapaianError("Skala predikat memuat tingkat yang sama lebih dari sekali.")

    def peringkat(tingkat: str, nama: str) -> int:
        try:
            return normal.index(_normalkan(tingkat)) + 1
        except ValueError:
            pilihan = ", ".join(skala)
            raise CapaianError(
                f"Predikat {nama} '{tingkat}' tidak dikenal; pilihan yang sah: {pilihan}."
            ) from None

    peringkat_target = peringkat(target, "target")
    if realisasi is None or not realisasi.strip():
        return _KOSONG
    peringkat_realisasi = peringkat(realisasi, "realisasi")
    nilai = Decimal(peringkat_realisasi) / Decimal(peringkat_target) * SERATUS
    keterangan = (
        f"Predikat: capaian = peringkat realisasi '{realisasi.strip()}' ({peringkat_realisasi}) / "
        f"peringkat target '{target.strip()}' ({peringkat_target}) × 100"
    )
    return HasilCapaian(nilai, Kasus.PREDIKAT, keterangan)


def terapkan_batas(nilai: Decimal | None, batas: Decimal | None) -> Decimal | None:
    """Cap a capaian (some pemda cap at 110 or 120); regulations set none, so None means no cap."""
    if nilai is None or batas is None:
        return nilai
    if _angka(batas, "Batas atas capaian") <= 0:
        raise CapaianError(f"Batas atas capaian harus lebih dari 0 ({_teks(batas)}).")
    return min(nilai, batas)


def _agregasi(dilaporkan: list[Decimal], aturan: Agregasi) -> Decimal | None:
    if not dilaporkan:
        return None
    if aturan is Agregasi.NILAI_AKHIR:
        return dilaporkan[-1]
    jumlah = _jumlah(dilaporkan)
    return jumlah if aturan is Agregasi.KUMULATIF else jumlah / len(dilaporkan)


def agregasi_tahunan(nilai_triwulan: Mapping[int, Decimal | None], aturan: Agregasi) -> Decimal | None:
    """Aggregate quarterly (TW I–IV) values of one indicator to the year; unreported quarters are skipped."""
    salah = sorted(str(k) for k in nilai_triwulan if k not in (1, 2, 3, 4))
    if salah:
        raise CapaianError(f"Triwulan harus 1 sampai 4, bukan {', '.join(salah)}.")
    dilaporkan = [
        _angka(nilai, f"Nilai triwulan {tw}")
        for tw, nilai in sorted(nilai_triwulan.items())
        if nilai is not None
    ]
    return _agregasi(dilaporkan, aturan)


def agregasi_bulanan(nilai_bulan: Mapping[int, Decimal | None], aturan: Agregasi) -> dict[int, Decimal]:
    """Aggregate monthly values (1–12) of one indicator to its quarters (1–4) by the same rule that takes the quarters
    to the year: kumulatif sums a quarter's months, rata-rata averages those reported, nilai akhir takes the last one
    reported. Unreported months are skipped; a quarter with none is left out. The year is then
    `agregasi_tahunan` of these quarters (months → quarter → year), which with every month reported equals the sum,
    the mean or the last of the twelve months."""
    salah = sorted(str(k) for k in nilai_bulan if k not in range(1, 13))
    if salah:
        raise CapaianError(f"Bulan harus 1 sampai 12, bukan {', '.join(salah)}.")
    hasil: dict[int, Decimal] = {}
    for tw in (1, 2, 3, 4):
        dilaporkan = [
            _angka(nilai, f"Nilai bulan {b}")
            for b in range(tw * 3 - 2, tw * 3 + 1)
            if (nilai := nilai_bulan.get(b)) is not None
        ]
        nilai_tw = _agregasi(dilaporkan, aturan)
        if nilai_tw is not None:
            hasil[tw] = nilai_tw
    return hasil


def _jumlah(nilai: Iterable[Decimal]) -> Decimal:
    # Decimal addition rounds at the context precision, so add in a fixed order to make the result
    # independent of the order of the input.
    return sum(sorted(nilai), NOL)


@dataclass(frozen=True)
class ItemCapaian:
    sasaran: str
    indikator: str
    capaian: Decimal | None


@dataclass(frozen=True)
class HasilRollup:
    """A mean of capaian values.

    ``jumlah_dihitung`` counts the values in the denominator; ``jumlah_kosong`` those without a value
    (excluded under KECUALIKAN, counted as 0, hence also in ``jumlah_dihitung``, under HITUNG_NOL).
    For the per-sasaran unit method both count sasaran; a sasaran is kosong when none of its indicators
    has a value.
    """

    nilai: Decimal | None
    jumlah_dihitung: int
    jumlah_kosong: int
    kebijakan: KebijakanKosong
    metode: MetodeRollup | None
    batas: Decimal | None

    @property
    def keterangan(self) -> str:
        metode = {
            None: "Rata-rata capaian",
            MetodeRollup.RATA_RATA_SASARAN: "Rata-rata dari rata-rata capaian per sasaran",
            MetodeRollup.RATA_RATA_INDIKATOR: "Rata-rata capaian seluruh indikator",
        }[self.metode]
        kebijakan = {
            KebijakanKosong.KECUALIKAN: "realisasi kosong dikecualikan",
            KebijakanKosong.HITUNG_NOL: "realisasi kosong dihitung 0",
        }[self.kebijakan]
        batas = (
            "tanpa batas atas"
            if self.batas is None
            else f"capaian indikator dibatasi paling tinggi {_teks(self.batas)}"
        )
        return f"{metode}; {kebijakan}; {batas}"


def rata_rata(
    nilai: Iterable[Decimal | None], *, kebijakan: KebijakanKosong, batas: Decimal | None = None
) -> HasilRollup:
    """Mean of capaian values, each capped at ``batas`` first; missing values follow ``kebijakan``."""
    semua = [terapkan_batas(None if n is None else _angka(n, "Capaian"), batas) for n in nilai]
    kosong = sum(1 for n in semua if n is None)
    if kebijakan is KebijakanKosong.HITUNG_NOL:
        dihitung = [NOL if n is None else n for n in semua]
    else:
        dihitung = [n for n in semua if n is not None]
    hasil = _jumlah(dihitung) / len(dihitung) if dihitung else None
    return HasilRollup(hasil, len(dihitung), kosong, kebijakan, None, batas)


def _per_sasaran(items: Iterable[ItemCapaian]) -> dict[str, list[Decimal | None]]:
    kelompok: dict[str, list[Decimal | None]] = {}
    for item in items:
        kelompok.setdefault(item.sasaran, []).append(item.capaian)
    return kelompok


def rollup_sasaran(
    items: Iterable[ItemCapaian], *, kebijakan: KebijakanKosong, batas: Decimal | None = None
) -> dict[str, HasilRollup]:
    """Capaian of each sasaran = mean of its indicators' capaian, in order of first appearance."""
    return {
        sasaran: rata_rata(nilai, kebijakan=kebijakan, batas=batas)
        for sasaran, nilai in _per_sasaran(items).items()
    }


def rollup_unit(
    items: Iterable[ItemCapaian],
    *,
    metode: MetodeRollup,
    kebijakan: KebijakanKosong,
    batas: Decimal | None = None,
) -> HasilRollup:
    """Capaian of a unit: mean over sasaran (of unrounded sasaran means) or over all indicators."""
    items = list(items)
    if metode is MetodeRollup.RATA_RATA_INDIKATOR:
        hasil = rata_rata((item.capaian for item in items), kebijakan=kebijakan, batas=batas)
        return dataclasses.replace(hasil, metode=metode)
    kelompok = _per_sasaran(items)
    rerata = [rata_rata(nilai, kebijakan=kebijakan, batas=batas).nilai for nilai in kelompok.values()]
    # Under HITUNG_NOL an all-missing sasaran has mean 0 and is kept; under KECUALIKAN its mean is None.
    dihitung = [n for n in rerata if n is not None]
    kosong = sum(1 for nilai in kelompok.values() if all(n is None for n in nilai))
    hasil_unit = _jumlah(dihitung) / len(dihitung) if dihitung else None
    return HasilRollup(hasil_unit, len(dihitung), kosong, kebijakan, metode, batas)


def perubahan_tahunan(sekarang: Decimal | None, sebelumnya: Decimal | None) -> Decimal | None:
    """Change of realisasi versus last year, (R_t / R_{t−1} − 1) × 100; None when it cannot be computed."""
    if sekarang is None or sebelumnya is None or sebelumnya == 0:
        return None
    # (R_t − R_{t−1}) / R_{t−1} equals R_t / R_{t−1} − 1 without losing digits to the subtraction of 1.
    return (_angka(sekarang, "Realisasi") - _angka(sebelumnya, "Realisasi tahun lalu")) / sebelumnya * SERATUS


def tingkat_kemajuan(
    *, realisasi: Decimal | None, target_akhir: Decimal, polaritas: Polaritas = Polaritas.POSITIF
) -> HasilCapaian:
    """Realisasi against the Renstra end target (tingkat kemajuan), with the same rules as ``hitung``."""
    hasil = hitung(realisasi=realisasi, target=target_akhir, polaritas=polaritas)
    if hasil.kasus is Kasus.KOSONG:
        return hasil
    return dataclasses.replace(
        hasil, keterangan=f"Tingkat kemajuan terhadap target akhir Renstra. {hasil.keterangan}"
    )
