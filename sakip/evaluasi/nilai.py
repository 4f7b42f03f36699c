"""Scores of an AKIP evaluation (LHE): totals, predikat, year-on-year change, weight checks (domain section 5).

Pure: no Django, no I/O, ``Decimal`` in and out. A scheme is data (a list of ``Komponen``): PermenPANRB 88/2021
with its sub-components, 12/2015, or a pemda's own table. A score is in points out of the component's weight, as
an LHE prints it (Perencanaan Kinerja 22,40 of 30), so the total is the plain sum of the top-level scores.
Values stay at full precision; the predikat scale rounds half-up to 2 decimals before classifying, as reports
print the total (90,004 prints 90,00 and is therefore A, not AA).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sakip.lib import skala

__all__ = [
    "BarisRiwayat",
    "Hasil",
    "Komponen",
    "NilaiError",
    "Riwayat",
    "hitung",
    "perubahan",
    "predikat",
    "riwayat",
    "total",
    "validasi_bobot",
    "validasi_nilai",
    "validasi_sub_komponen",
]

SERATUS = Decimal(100)
NOL = Decimal(0)


class NilaiError(ValueError):
    """An invalid score or scheme; the message is in Bahasa Indonesia."""


def _teks(nilai: Decimal) -> str:
    """Indonesian display without rounding: 22,4 -> "22,4"; 4.5 -> "4,5"."""
    return f"{nilai.normalize():f}".replace(".", ",")


@dataclass(frozen=True)
class Komponen:
    """A component of a scheme; ``induk`` is the kode of its parent for a sub-component.

    ``bobot`` is in points (Perencanaan Kinerja 30; its Pemenuhan 20 % of 30 is 6). None when the source that
    defines the scheme does not state the weight: the score is then only checked against 0-100.
    """

    kode: str
    nama: str
    bobot: Decimal | None
    induk: str | None = None


@dataclass(frozen=True)
class Hasil:
    """The result of one evaluation: the score per top-level component, the total and its predikat.

    ``total`` and ``predikat`` are None until every top-level component has a score (``lengkap``): a partial
    sum would print as a grade the unit did not get.
    """

    nilai: Mapping[str, Decimal | None]
    total: Decimal | None
    predikat: skala.Pita | None

    @property
    def lengkap(self) -> bool:
        return self.total is not None


def total(nilai: Iterable[Decimal]) -> Decimal:
    """The AKIP total: the sum of the component scores, at full precision."""
    return sum(nilai, NOL)


def predikat(nilai_total: Decimal, skala_predikat: skala.Skala = skala.PREDIKAT_AKIP) -> skala.Pita:
    """The grade of a total: lower bounds exclusive (> 90 AA, > 80 A, ...), after rounding to 2 decimals."""
    return skala_predikat.klasifikasi(nilai_total)


def perubahan(lama: Decimal | None, baru: Decimal | None) -> Decimal | None:
    """Increase (+) or decrease (-) from one year to the next; None when either year has no value."""
    if lama is None or baru is None:
        return None
    return baru - lama


def validasi_nilai(komponen: Komponen, nilai: Decimal) -> None:
    """0 <= nilai <= bobot (0-100 when the weight is unknown); raises NilaiError."""
    if not nilai.is_finite():
        raise NilaiError(f"Nilai {komponen.nama} harus berupa angka.")
    batas = SERATUS if komponen.bobot is None else komponen.bobot
    if nilai < NOL:
        raise NilaiError(f"Nilai {komponen.nama} tidak boleh negatif.")
    if nilai > batas:
        raise NilaiError(f"Nilai {komponen.nama} ({_teks(nilai)}) melebihi bobot komponen ({_teks(batas)}).")


def _anak(komponen: Sequence[Komponen]) -> dict[str, list[Komponen]]:
    anak: dict[str, list[Komponen]] = {}
    for k in komponen:
        if k.induk is not None:
            anak.setdefault(k.induk, []).append(k)
    return anak


def validasi_bobot(komponen: Sequence[Komponen]) -> list[str]:
    """Messages for a scheme whose weights do not add up; an empty list when it is valid.

    Top-level weights sum to 100 and the sub-weights of a component to its weight. A level may leave every
    weight empty (the source does not state them) but not only some of them.
    """
    pesan: list[str] = []
    kode = [k.kode for k in komponen]
    ganda = sorted({k for k in kode if kode.count(k) > 1})
    if ganda:
        pesan.append(f"Kode komponen ganda: {', '.join(ganda)}.")
    dikenal = set(kode)
    for k in komponen:
        if k.induk is not None and k.induk not in dikenal:
            pesan.append(f"Induk '{k.induk}' dari komponen {k.nama} tidak ada di skema.")
        if k.induk == k.kode:
            pesan.append(f"Komponen {k.nama} tidak boleh menjadi induk dirinya sendiri.")
        if k.bobot is not None and k.bobot < NOL:
            pesan.append(f"Bobot {k.nama} tidak boleh negatif.")
    berinduk = {k.kode: k for k in komponen}
    for k in komponen:
        if k.induk is not None and k.induk in berinduk and berinduk[k.induk].induk is not None:
            pesan.append(f"Sub-komponen {k.nama} hanya boleh satu tingkat di bawah komponen utama.")
    utama = [k for k in komponen if k.induk is None]
    if not utama:
        pesan.append("Skema harus memiliki paling sedikit satu komponen.")
    pesan.extend(_periksa_jumlah(utama, SERATUS, "Jumlah bobot komponen utama"))
    for induk_kode, anak in _anak(komponen).items():
        induk = berinduk.get(induk_kode)
        if induk is None:
            continue
        if induk.bobot is None:
            if any(a.bobot is not None for a in anak):
                pesan.append(f"Sub-komponen {induk.nama} berbobot, padahal bobot {induk.nama} kosong.")
            continue
        pesan.extend(_periksa_jumlah(anak, induk.bobot, f"Jumlah bobot sub-komponen {induk.nama}"))
    return pesan


def _periksa_jumlah(komponen: Sequence[Komponen], harus: Decimal, judul: str) -> list[str]:
    bobot = [k.bobot for k in komponen]
    if not bobot or all(b is None for b in bobot):
        return []
    if any(b is None for b in bobot):
        kosong = ", ".join(k.nama for k in komponen if k.bobot is None)
        return [f"{judul}: bobot harus diisi semua atau dikosongkan semua (kosong: {kosong})."]
    jumlah = sum((b for b in bobot if b is not None), NOL)
    if jumlah != harus:
        return [f"{judul} {_teks(jumlah)}, seharusnya {_teks(harus)}."]
    return []


def validasi_sub_komponen(komponen: Sequence[Komponen], nilai: Mapping[str, Decimal]) -> list[str]:
    """Messages for a component scored both as a whole and by all its sub-components, when the two differ."""
    pesan: list[str] = []
    for k in komponen:
        anak = [a for a in komponen if a.induk == k.kode]
        if k.kode in nilai and anak and all(a.kode in nilai for a in anak):
            jumlah = total(nilai[a.kode] for a in anak)
            if jumlah != nilai[k.kode]:
                pesan.append(
                    f"Nilai {k.nama} ({_teks(nilai[k.kode])}) tidak sama dengan jumlah nilai "
                    f"sub-komponennya ({_teks(jumlah)})."
                )
    return pesan


def hitung(
    komponen: Sequence[Komponen],
    nilai: Mapping[str, Decimal],
    skala_predikat: skala.Skala = skala.PREDIKAT_AKIP,
) -> Hasil:
    """Score per top-level component (its own score, else the sum of all its sub-component scores), total, predikat."""
    anak = _anak(komponen)
    per_komponen: dict[str, Decimal | None] = {}
    for k in komponen:
        if k.induk is not None:
            continue
        sub = anak.get(k.kode, [])
        if k.kode in nilai:
            per_komponen[k.kode] = nilai[k.kode]
        elif sub and all(a.kode in nilai for a in sub):
            per_komponen[k.kode] = total(nilai[a.kode] for a in sub)
        else:
            per_komponen[k.kode] = None
    terisi = [v for v in per_komponen.values() if v is not None]
    if not per_komponen or len(terisi) < len(per_komponen):
        return Hasil(nilai=per_komponen, total=None, predikat=None)
    jumlah = total(terisi)
    return Hasil(nilai=per_komponen, total=jumlah, predikat=predikat(jumlah, skala_predikat))


@dataclass(frozen=True)
class BarisRiwayat:
    """One component over the years, with the change between the last two years."""

    kode: str
    nama: str
    nilai: tuple[Decimal | None, ...]
    perubahan: Decimal | None


@dataclass(frozen=True)
class Riwayat:
    """Components x years, as table 3.1 of an LKjIP prints the last LHE results."""

    tahun: tuple[int, ...]
    baris: tuple[BarisRiwayat, ...]
    total: tuple[Decimal | None, ...]
    predikat: tuple[skala.Pita | None, ...]
    perubahan_total: Decimal | None


def riwayat(
    per_tahun: Mapping[int, tuple[Sequence[Komponen], Mapping[str, Decimal]]],
    skala_predikat: skala.Skala = skala.PREDIKAT_AKIP,
) -> Riwayat:
    """The history table of one unit: ``per_tahun`` maps a year to its scheme's components and its scores.

    Rows follow the latest year's scheme; a component of an older scheme is matched by its kode, and one the
    latest scheme lacks is added below (a unit evaluated under 12/2015 and then 88/2021 keeps its Capaian Kinerja
    row). The change compares the last two years shown.
    """
    tahun = tuple(sorted(per_tahun))
    hasil = {t: hitung(*per_tahun[t], skala_predikat=skala_predikat) for t in tahun}
    nama: dict[str, str] = {}
    for t in reversed(tahun):
        for k in per_tahun[t][0]:
            if k.induk is None and k.kode not in nama:
                nama[k.kode] = k.nama
    baris = []
    for kode, label in nama.items():
        deret = tuple(hasil[t].nilai.get(kode) for t in tahun)
        baris.append(
            BarisRiwayat(
                kode=kode,
                nama=label,
                nilai=deret,
                perubahan=perubahan(deret[-2], deret[-1]) if len(deret) >= 2 else None,
            )
        )
    totals = tuple(hasil[t].total for t in tahun)
    return Riwayat(
        tahun=tahun,
        baris=tuple(baris),
        total=totals,
        predikat=tuple(hasil[t].predikat for t in tahun),
        perubahan_total=perubahan(totals[-2], totals[-1]) if len(totals) >= 2 else None,
    )
