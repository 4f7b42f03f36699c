"""Category scales as data: ordered bands with labels and colours (domain reference section 2).

A scale is chosen per pemda, so it is data rather than code. Every scale must cover the whole real line
without gaps or overlaps, so that any value falls into exactly one band.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Context, Decimal


class SkalaError(ValueError):
    """An invalid scale definition or an unclassifiable value.

    ``indeks`` (position of the band in the definition as given) and ``isian`` ("bawah", "atas", "label") say where
    a form should show the message; None when it concerns the scale as a whole."""

    def __init__(self, pesan: str, *, indeks: int | None = None, isian: str | None = None) -> None:
        super().__init__(pesan)
        self.indeks = indeks
        self.isian = isian


def _teks_angka(nilai: Decimal) -> str:
    """Indonesian display of a bound, as written (no rounding): "88,31", "100", "1.000"."""
    return f"{nilai:,f}".translate(str.maketrans(",.", ".,"))


@dataclass(frozen=True)
class Pita:
    """One band of a scale. A bound of None means unbounded on that side (its inclusive flag is ignored)."""

    label: str
    warna: str
    bawah: Decimal | None
    bawah_inklusif: bool
    atas: Decimal | None
    atas_inklusif: bool
    kode: str = ""

    def memuat(self, nilai: Decimal) -> bool:
        di_atas_bawah = (
            self.bawah is None or nilai > self.bawah or (nilai == self.bawah and self.bawah_inklusif)
        )
        di_bawah_atas = self.atas is None or nilai < self.atas or (nilai == self.atas and self.atas_inklusif)
        return di_atas_bawah and di_bawah_atas

    def uraian(self) -> str:
        """Human text of the band, e.g. "70 – < 85", "85 – 100", "> 100", "≤ 50"."""
        if self.bawah is None and self.atas is None:
            return "semua nilai"
        if self.bawah is None:
            assert self.atas is not None
            return f"{'≤' if self.atas_inklusif else '<'} {_teks_angka(self.atas)}"
        if self.atas is None:
            return f"{'≥' if self.bawah_inklusif else '>'} {_teks_angka(self.bawah)}"
        bawah = ("" if self.bawah_inklusif else "> ") + _teks_angka(self.bawah)
        atas = ("" if self.atas_inklusif else "< ") + _teks_angka(self.atas)
        return f"{bawah} – {atas}"

    def _kosong(self) -> bool:
        if self.bawah is None or self.atas is None:
            return False
        if self.bawah == self.atas:
            return not (self.bawah_inklusif and self.atas_inklusif)
        return self.bawah > self.atas


def _urutan(pita: Pita) -> tuple[int, Decimal, int]:
    # Unbounded-below first; at an equal lower bound an inclusive one starts "earlier" than an exclusive one.
    if pita.bawah is None:
        return (0, Decimal(0), 0)
    return (1, pita.bawah, 0 if pita.bawah_inklusif else 1)


@dataclass(frozen=True)
class Skala:
    """An ordered set of bands covering the whole real line.

    Values are rounded half-up to ``desimal_klasifikasi`` decimals before classifying, as reports print them
    (None classifies the raw value).
    """

    kode: str
    nama: str
    pita: tuple[Pita, ...]
    desimal_klasifikasi: int | None = 2

    def __post_init__(self) -> None:
        object.__setattr__(self, "pita", tuple(self.pita))
        if not self.pita:
            raise SkalaError(f"Skala '{self.nama}' harus memiliki paling sedikit satu pita.")
        if self.desimal_klasifikasi is not None and self.desimal_klasifikasi < 0:
            raise SkalaError("Jumlah desimal klasifikasi tidak boleh negatif.")
        for i, pita in enumerate(self.pita):
            for isian, batas in (("bawah", pita.bawah), ("atas", pita.atas)):
                if batas is not None and not batas.is_finite():
                    raise SkalaError(
                        f"Batas pita '{pita.label}' harus berupa angka terhingga.", indeks=i, isian=isian
                    )
            if pita._kosong():
                raise SkalaError(
                    f"Pita '{pita.label}' kosong: batas bawah harus lebih kecil dari batas atas.",
                    indeks=i,
                    isian="atas",
                )
        urut = sorted(self.pita, key=_urutan)
        if urut[0].bawah is not None:
            raise SkalaError(
                f"Skala '{self.nama}' tidak mencakup nilai di bawah {_teks_angka(urut[0].bawah)}.",
                indeks=self._indeks(urut[0]),
                isian="bawah",
            )
        if urut[-1].atas is not None:
            raise SkalaError(
                f"Skala '{self.nama}' tidak mencakup nilai di atas {_teks_angka(urut[-1].atas)}.",
                indeks=self._indeks(urut[-1]),
                isian="atas",
            )
        for kiri, kanan in itertools.pairwise(urut):
            self._periksa_sambungan(kiri, kanan)

    def _indeks(self, pita: Pita) -> int:
        return next(i for i, p in enumerate(self.pita) if p is pita)

    def _periksa_sambungan(self, kiri: Pita, kanan: Pita) -> None:
        nama = f"pita '{kiri.label}' ({kiri.uraian()}) dan '{kanan.label}' ({kanan.uraian()})"
        i = self._indeks(kanan)  # shown at the lower bound of the upper band
        if kiri.atas is None or kanan.bawah is None or kiri.atas > kanan.bawah:
            raise SkalaError(f"Skala '{self.nama}': {nama} tumpang tindih.", indeks=i, isian="bawah")
        if kiri.atas < kanan.bawah:
            raise SkalaError(f"Skala '{self.nama}': ada celah antara {nama}.", indeks=i, isian="bawah")
        if kiri.atas_inklusif and kanan.bawah_inklusif:
            raise SkalaError(
                f"Skala '{self.nama}': {nama} sama-sama memuat {_teks_angka(kiri.atas)}.",
                indeks=i,
                isian="bawah",
            )
        if not kiri.atas_inklusif and not kanan.bawah_inklusif:
            raise SkalaError(
                f"Skala '{self.nama}': nilai {_teks_angka(kiri.atas)} tidak masuk pita mana pun.",
                indeks=i,
                isian="bawah",
            )

    def klasifikasi(self, nilai: Decimal) -> Pita:
        if not nilai.is_finite():
            raise SkalaError("Nilai yang diklasifikasikan harus berupa angka terhingga.")
        nilai = _bulatkan(nilai, self.desimal_klasifikasi)
        for pita in self.pita:
            if pita.memuat(nilai):
                return pita
        raise SkalaError(f"Nilai {_teks_angka(nilai)} tidak masuk pita mana pun pada skala '{self.nama}'.")


def _bulatkan(nilai: Decimal, desimal: int | None) -> Decimal:
    """Half-up rounding that never raises, whatever the number of digits or the exponent of ``nilai``."""
    if desimal is None:
        return nilai
    tupel = nilai.as_tuple()
    assert isinstance(tupel.exponent, int)  # finite values only
    if tupel.exponent >= -desimal:
        return nilai
    # The rounded coefficient has at most one digit more than the original.
    konteks = Context(prec=len(tupel.digits) + 2, rounding=ROUND_HALF_UP, Emax=MAX_EMAX, Emin=MIN_EMIN)
    return nilai.quantize(Decimal(1).scaleb(-desimal), context=konteks)


def _pita(
    label: str,
    warna: str,
    kode: str,
    *,
    bawah: str | None = None,
    bawah_inklusif: bool = False,
    atas: str | None = None,
    atas_inklusif: bool = False,
) -> Pita:
    return Pita(
        label=label,
        warna=warna,
        bawah=None if bawah is None else Decimal(bawah),
        bawah_inklusif=bawah_inklusif,
        atas=None if atas is None else Decimal(atas),
        atas_inklusif=atas_inklusif,
        kode=kode,
    )


# Scale used by the LKjIP 2024 of Setda Prov. Kalimantan Timur (seed 004).
LKJIP_KALTIM = Skala(
    kode="lkjip_kaltim",
    nama="Skala LKjIP Setda Prov. Kalimantan Timur",
    pita=(
        _pita("Memuaskan", "#1b5e20", "M", bawah="100"),
        _pita(
            "Sangat Baik", "#43a047", "SB", bawah="85", bawah_inklusif=True, atas="100", atas_inklusif=True
        ),
        _pita("Baik", "#9ccc65", "B", bawah="70", bawah_inklusif=True, atas="85"),
        _pita("Cukup", "#fbc02d", "C", bawah="55", bawah_inklusif=True, atas="70"),
        _pita("Kurang Baik", "#c62828", "KB", atas="55"),
    ),
)

# The published five-band scale (>= 91, 76-90, 66-75, 51-65, <= 50) leaves gaps between integers such as
# 90 < x < 91. We close them by letting each band run up to, but not including, the next band's lower bound,
# so 90.5 is "Tinggi" and 50.5 is "Rendah".
LKJIP_LIMA_PITA = Skala(
    kode="lkjip_lima_pita",
    nama="Skala lima pita LKjIP",
    pita=(
        _pita("Sangat Tinggi", "#1b5e20", "ST", bawah="91", bawah_inklusif=True),
        _pita("Tinggi", "#43a047", "T", bawah="76", bawah_inklusif=True, atas="91"),
        _pita("Sedang", "#fbc02d", "S", bawah="66", bawah_inklusif=True, atas="76"),
        _pita("Rendah", "#ef6c00", "R", bawah="50", atas="66"),
        _pita("Sangat Rendah", "#c62828", "SR", atas="50", atas_inklusif=True),
    ),
)

LAMPU_LALU_LINTAS = Skala(
    kode="lampu",
    nama="Lampu lalu lintas",
    pita=(
        _pita("Hijau", "#2e7d32", "hijau", bawah="90"),
        _pita("Kuning", "#f9a825", "kuning", bawah="70", bawah_inklusif=True, atas="90", atas_inklusif=True),
        _pita("Merah", "#c62828", "merah", atas="70"),
    ),
)

# PermenPANRB 88/2021: every lower bound is exclusive; D (0-30) is open below so the scale covers any value.
PREDIKAT_AKIP = Skala(
    kode="akip",
    nama="Predikat Evaluasi AKIP (PermenPANRB 88/2021)",
    pita=(
        _pita("Sangat Memuaskan", "#1b5e20", "AA", bawah="90"),
        _pita("Memuaskan", "#2e7d32", "A", bawah="80", atas="90", atas_inklusif=True),
        _pita("Sangat Baik", "#43a047", "BB", bawah="70", atas="80", atas_inklusif=True),
        _pita("Baik", "#9ccc65", "B", bawah="60", atas="70", atas_inklusif=True),
        _pita("Cukup", "#fbc02d", "CC", bawah="50", atas="60", atas_inklusif=True),
        _pita("Kurang", "#ef6c00", "C", bawah="30", atas="50", atas_inklusif=True),
        _pita("Sangat Kurang", "#c62828", "D", atas="30", atas_inklusif=True),
    ),
)

# PermenPANRB 14/2017 on the IKM unit (25-100). Values are rounded to 2 decimals before classifying, so the
# published bands (88,31-100 / 76,61-88,30 / 65,00-76,60 / 25,00-64,99) become half-open intervals; the
# outer bands are left open so that every value is classified.
MUTU_IKM = Skala(
    kode="mutu_ikm",
    nama="Mutu pelayanan IKM (PermenPANRB 14/2017)",
    pita=(
        _pita("Sangat Baik", "#1b5e20", "A", bawah="88.31", bawah_inklusif=True),
        _pita("Baik", "#43a047", "B", bawah="76.61", bawah_inklusif=True, atas="88.31"),
        _pita("Kurang Baik", "#fbc02d", "C", bawah="65.00", bawah_inklusif=True, atas="76.61"),
        _pita("Tidak Baik", "#c62828", "D", atas="65.00"),
    ),
)

SKALA_BAWAAN: dict[str, Skala] = {
    skala.kode: skala for skala in (LKJIP_KALTIM, LKJIP_LIMA_PITA, LAMPU_LALU_LINTAS, PREDIKAT_AKIP, MUTU_IKM)
}
