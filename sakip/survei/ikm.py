"""Indeks Kepuasan Masyarakat from the answers of a Survei Kepuasan Masyarakat (SKM).

PermenPANRB 14/2017: nine unsur, each answer scored 1–4.
    NRR per unsur = Σ scores / number of respondents who answered that unsur
    IKM           = Σ (NRR × bobot), bobot = 1/9
    IKM unit      = IKM × 25, rounded to 2 decimals before it is classified (mutu A–D).
Many offices print the weight as 0,111, which caps the IKM unit at 99,9 and shifts every value slightly down; a
survey records which weight it uses and the result always shows both.
KepMenPAN 25/2004 (the older method some units still report): fourteen unsur, bobot 1/14 (printed 0,071), the mutu
read from the IKM on the 1–4 scale.

Pure: no Django and no I/O. Computed exactly with fractions; values leave as `Decimal`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from enum import StrEnum
from fractions import Fraction

from sakip.lib import skala

NILAI_MIN = 1
NILAI_MAKS = 4
KONVERSI_UNIT = 25
JUMLAH_TERENDAH = 3
# Digits kept when an exact fraction such as 1/9 leaves as a Decimal: far beyond anything displayed.
_PRESISI = 34


class IKMError(ValueError):
    """Answers that cannot be an SKM result; the message is in Bahasa Indonesia."""


class Metode(StrEnum):
    PERMENPANRB_14_2017 = "permenpanrb_14_2017"
    KEPMENPAN_25_2004 = "kepmenpan_25_2004"


class Bobot(StrEnum):
    EKSAK = "eksak"  # 1/9 (1/14): the regulation's formula
    DIBULATKAN = "dibulatkan"  # 0,111 (0,071): as many reports print it


@dataclass(frozen=True)
class UnsurBawaan:
    """An unsur as the regulation's sample questionnaire words it: the answers score 1, 2, 3, 4 in this order."""

    label: str
    pertanyaan: str
    pilihan: tuple[str, str, str, str]


@dataclass(frozen=True)
class AturanMetode:
    metode: Metode
    nama: str
    unsur: tuple[UnsurBawaan, ...]
    bobot_dibulatkan: Decimal
    skala: skala.Skala
    # PermenPANRB 14/2017 classifies the IKM unit (25–100); KepMenPAN 25/2004 the IKM itself (1–4).
    klasifikasi_unit: bool

    @property
    def jumlah_unsur(self) -> int:
        return len(self.unsur)

    @property
    def bobot_eksak(self) -> Fraction:
        return Fraction(1, self.jumlah_unsur)

    def bobot(self, bobot: Bobot) -> Fraction:
        return self.bobot_eksak if bobot == Bobot.EKSAK else Fraction(self.bobot_dibulatkan)


def _pita(label: str, warna: str, kode: str, bawah: str | None, atas: str | None) -> skala.Pita:
    return skala.Pita(
        label=label,
        warna=warna,
        bawah=None if bawah is None else Decimal(bawah),
        bawah_inklusif=True,
        atas=None if atas is None else Decimal(atas),
        atas_inklusif=False,
        kode=kode,
    )


# KepMenPAN 25/2004 bands on the IKM (1,00–1,75 D · 1,76–2,50 C · 2,51–3,25 B · 3,26–4,00 A), read after rounding to
# 2 decimals, so each band runs up to (not including) the next lower bound; the outer bands are open.
MUTU_IKM_2004 = skala.Skala(
    kode="mutu_ikm_2004",
    nama="Mutu pelayanan IKM (KepMenPAN 25/2004)",
    pita=(
        _pita("Sangat Baik", "#1b5e20", "A", "3.26", None),
        _pita("Baik", "#43a047", "B", "2.51", "3.26"),
        _pita("Kurang Baik", "#fbc02d", "C", "1.76", "2.51"),
        _pita("Tidak Baik", "#c62828", "D", None, "1.76"),
    ),
)

_SESUAI = ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai")

UNSUR_2017 = (
    UnsurBawaan(
        "Persyaratan",
        "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
        _SESUAI,
    ),
    UnsurBawaan(
        "Sistem, mekanisme, dan prosedur",
        "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
        ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"),
    ),
    UnsurBawaan(
        "Waktu penyelesaian",
        "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
        ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"),
    ),
    UnsurBawaan(
        "Biaya/tarif",
        "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
        ("Sangat mahal", "Cukup mahal", "Murah", "Gratis"),
    ),
    UnsurBawaan(
        "Produk spesifikasi jenis pelayanan",
        "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar "
        "pelayanan dengan hasil yang diberikan?",
        _SESUAI,
    ),
    UnsurBawaan(
        "Kompetensi pelaksana",
        "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
        ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"),
    ),
    UnsurBawaan(
        "Perilaku pelaksana",
        "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
        ("Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"),
    ),
    UnsurBawaan(
        "Penanganan pengaduan, saran dan masukan",
        "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
        ("Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"),
    ),
    UnsurBawaan(
        "Sarana dan prasarana",
        "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
        ("Buruk", "Cukup", "Baik", "Sangat baik"),
    ),
)


def _tanya(hal: str) -> str:
    return f"Bagaimana pendapat Saudara tentang {hal}?"


UNSUR_2004 = (
    UnsurBawaan(
        "Prosedur pelayanan",
        "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
        ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"),
    ),
    UnsurBawaan(
        "Persyaratan pelayanan",
        _tanya("kesesuaian persyaratan pelayanan dengan jenis pelayanannya"),
        _SESUAI,
    ),
    UnsurBawaan(
        "Kejelasan petugas pelayanan",
        _tanya("kejelasan dan kepastian petugas yang melayani"),
        ("Tidak jelas", "Kurang jelas", "Jelas", "Sangat jelas"),
    ),
    UnsurBawaan(
        "Kedisiplinan petugas pelayanan",
        _tanya("kedisiplinan petugas dalam memberikan pelayanan"),
        ("Tidak disiplin", "Kurang disiplin", "Disiplin", "Sangat disiplin"),
    ),
    UnsurBawaan(
        "Tanggung jawab petugas pelayanan",
        _tanya("tanggung jawab petugas dalam memberikan pelayanan"),
        (
            "Tidak bertanggung jawab",
            "Kurang bertanggung jawab",
            "Bertanggung jawab",
            "Sangat bertanggung jawab",
        ),
    ),
    UnsurBawaan(
        "Kemampuan petugas pelayanan",
        _tanya("kemampuan petugas dalam memberikan pelayanan"),
        ("Tidak mampu", "Kurang mampu", "Mampu", "Sangat mampu"),
    ),
    UnsurBawaan(
        "Kecepatan pelayanan",
        _tanya("kecepatan pelayanan di unit ini"),
        ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"),
    ),
    UnsurBawaan(
        "Keadilan mendapatkan pelayanan",
        _tanya("keadilan untuk mendapatkan pelayanan di unit ini"),
        ("Tidak adil", "Kurang adil", "Adil", "Sangat adil"),
    ),
    UnsurBawaan(
        "Kesopanan dan keramahan petugas",
        _tanya("kesopanan dan keramahan petugas dalam memberikan pelayanan"),
        ("Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"),
    ),
    UnsurBawaan(
        "Kewajaran biaya pelayanan",
        _tanya("kewajaran biaya untuk mendapatkan pelayanan"),
        ("Tidak wajar", "Kurang wajar", "Wajar", "Sangat wajar"),
    ),
    UnsurBawaan(
        "Kepastian biaya pelayanan",
        _tanya("kesesuaian antara biaya yang dibayarkan dengan biaya yang telah ditetapkan"),
        ("Selalu tidak sesuai", "Kadang-kadang sesuai", "Banyak sesuainya", "Selalu sesuai"),
    ),
    UnsurBawaan(
        "Kepastian jadwal pelayanan",
        _tanya("ketepatan pelaksanaan terhadap jadwal waktu pelayanan"),
        ("Selalu tidak tepat", "Kadang-kadang tepat", "Banyak tepatnya", "Selalu tepat"),
    ),
    UnsurBawaan(
        "Kenyamanan lingkungan",
        _tanya("kenyamanan di lingkungan unit pelayanan"),
        ("Tidak nyaman", "Kurang nyaman", "Nyaman", "Sangat nyaman"),
    ),
    UnsurBawaan(
        "Keamanan pelayanan",
        _tanya("keamanan pelayanan di unit ini"),
        ("Tidak aman", "Kurang aman", "Aman", "Sangat aman"),
    ),
)

ATURAN: dict[Metode, AturanMetode] = {
    Metode.PERMENPANRB_14_2017: AturanMetode(
        metode=Metode.PERMENPANRB_14_2017,
        nama="PermenPANRB 14/2017 (9 unsur)",
        unsur=UNSUR_2017,
        bobot_dibulatkan=Decimal("0.111"),
        skala=skala.MUTU_IKM,
        klasifikasi_unit=True,
    ),
    Metode.KEPMENPAN_25_2004: AturanMetode(
        metode=Metode.KEPMENPAN_25_2004,
        nama="KepMenPAN 25/2004 (14 unsur, metode lama)",
        unsur=UNSUR_2004,
        bobot_dibulatkan=Decimal("0.071"),
        skala=MUTU_IKM_2004,
        klasifikasi_unit=False,
    ),
}
MAKS_UNSUR = max(a.jumlah_unsur for a in ATURAN.values())


@dataclass(frozen=True)
class RekapUnsur:
    """The answers to one unsur: the sum of the scores and how many respondents answered it."""

    nomor: int
    label: str
    jumlah_nilai: int
    jumlah_jawaban: int


@dataclass(frozen=True)
class HasilUnsur:
    nomor: int
    label: str
    jumlah_nilai: int
    jumlah_jawaban: int
    nrr: Decimal | None  # None when nobody answered the unsur
    nrr_tertimbang: Decimal | None  # NRR × bobot


@dataclass(frozen=True)
class HasilIKM:
    metode: Metode
    bobot: Bobot
    nilai_bobot: Decimal
    unsur: tuple[HasilUnsur, ...]
    ikm: Decimal | None  # Σ NRR × bobot, on the 1–4 scale
    ikm_unit: Decimal | None  # IKM × 25, full precision
    ikm_unit_dibulatkan: Decimal | None  # 2 decimals, half-up: what is printed and classified
    ikm_dibulatkan: Decimal | None  # the 1–4 index to 2 decimals (classified by the 2004 method)
    mutu: skala.Pita | None
    terendah: tuple[HasilUnsur, ...]
    unsur_kosong: tuple[int, ...]

    @property
    def ada(self) -> bool:
        return self.ikm is not None

    @property
    def kode_mutu(self) -> str:
        return self.mutu.kode if self.mutu else ""

    @property
    def kinerja(self) -> str:
        """The kinerja unit pelayanan that goes with the mutu: A Sangat Baik, B Baik, C Kurang Baik, D Tidak Baik."""
        return self.mutu.label if self.mutu else ""


def _ke_decimal(nilai: Fraction) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = _PRESISI
        return Decimal(nilai.numerator) / Decimal(nilai.denominator)


def bulatkan_tepat(nilai: Fraction, desimal: int = 2) -> Decimal:
    """Half-up rounding of an exact value: no intermediate Decimal can push 86,444… or 88,305 across a boundary."""
    skala_bulat = 10**desimal
    terbulat = math.floor(abs(nilai) * skala_bulat + Fraction(1, 2))
    hasil = Decimal(terbulat).scaleb(-desimal)
    return -hasil if nilai < 0 and terbulat else hasil


def _periksa(rekap: Sequence[RekapUnsur], aturan: AturanMetode) -> None:
    nomor = sorted(r.nomor for r in rekap)
    if nomor != list(range(1, aturan.jumlah_unsur + 1)):
        raise IKMError(
            f"Metode {aturan.nama} membutuhkan unsur 1 sampai {aturan.jumlah_unsur}, masing-masing satu kali."
        )
    for r in rekap:
        if r.jumlah_jawaban < 0 or r.jumlah_nilai < 0:
            raise IKMError(f"Unsur {r.nomor}: jumlah tidak boleh negatif.")
        if not NILAI_MIN * r.jumlah_jawaban <= r.jumlah_nilai <= NILAI_MAKS * r.jumlah_jawaban:
            raise IKMError(
                f"Unsur {r.nomor}: jumlah nilai {r.jumlah_nilai} tidak mungkin dari {r.jumlah_jawaban} jawaban "
                f"bernilai {NILAI_MIN}–{NILAI_MAKS}."
            )


def hitung(rekap: Sequence[RekapUnsur], *, metode: Metode, bobot: Bobot) -> HasilIKM:
    """IKM, IKM unit, mutu and the lowest three unsur from the per-unsur totals.

    An unsur nobody answered has no NRR; the IKM is then not computed (it would understate the others) and the
    result lists the unsur in `unsur_kosong`.
    """
    aturan = ATURAN[metode]
    _periksa(rekap, aturan)
    w = aturan.bobot(bobot)
    nrr: dict[int, Fraction] = {
        r.nomor: Fraction(r.jumlah_nilai, r.jumlah_jawaban) for r in rekap if r.jumlah_jawaban
    }
    hasil_unsur = tuple(
        HasilUnsur(
            nomor=r.nomor,
            label=r.label,
            jumlah_nilai=r.jumlah_nilai,
            jumlah_jawaban=r.jumlah_jawaban,
            nrr=_ke_decimal(nrr[r.nomor]) if r.nomor in nrr else None,
            nrr_tertimbang=_ke_decimal(nrr[r.nomor] * w) if r.nomor in nrr else None,
        )
        for r in sorted(rekap, key=lambda r: r.nomor)
    )
    kosong = tuple(u.nomor for u in hasil_unsur if u.nrr is None)
    terendah = tuple(
        sorted((u for u in hasil_unsur if u.nomor in nrr), key=lambda u: (nrr[u.nomor], u.nomor))[
            :JUMLAH_TERENDAH
        ]
    )
    nilai_bobot = _ke_decimal(w)
    if kosong:
        return HasilIKM(
            metode, bobot, nilai_bobot, hasil_unsur, None, None, None, None, None, terendah, kosong
        )
    ikm = sum((nrr[n] * w for n in sorted(nrr)), Fraction(0))
    unit = ikm * KONVERSI_UNIT
    unit_2 = bulatkan_tepat(unit)
    ikm_2 = bulatkan_tepat(ikm)
    mutu = aturan.skala.klasifikasi(unit_2 if aturan.klasifikasi_unit else ikm_2)
    return HasilIKM(
        metode=metode,
        bobot=bobot,
        nilai_bobot=nilai_bobot,
        unsur=hasil_unsur,
        ikm=_ke_decimal(ikm),
        ikm_unit=_ke_decimal(unit),
        ikm_unit_dibulatkan=unit_2,
        ikm_dibulatkan=ikm_2,
        mutu=mutu,
        terendah=terendah,
        unsur_kosong=(),
    )


def rekap_dari_jawaban(
    jawaban: Iterable[Sequence[int | None]], *, metode: Metode, label: Sequence[str] = ()
) -> list[RekapUnsur]:
    """Per-unsur totals from individual answers (one row per respondent, None for an unanswered unsur)."""
    aturan = ATURAN[metode]
    n = aturan.jumlah_unsur
    jumlah = [0] * n
    dijawab = [0] * n
    for baris_ke, baris in enumerate(jawaban, start=1):
        if len(baris) != n:
            raise IKMError(f"Responden {baris_ke}: harus ada {n} isian unsur, ada {len(baris)}.")
        for i, nilai in enumerate(baris):
            if nilai is None:
                continue
            if isinstance(nilai, bool) or not isinstance(nilai, int) or not NILAI_MIN <= nilai <= NILAI_MAKS:
                raise IKMError(f"Responden {baris_ke}, unsur {i + 1}: nilai harus {NILAI_MIN}–{NILAI_MAKS}.")
            jumlah[i] += nilai
            dijawab[i] += 1
    nama = list(label) or [u.label for u in aturan.unsur]
    return [RekapUnsur(i + 1, nama[i], jumlah[i], dijawab[i]) for i in range(n)]
