"""Rules of the staff tables of LKjIP chapter I (seed 004 table 1.1 and its non-PNS table). Pure: no Django.

Every jabatan row carries a headcount by status (PNS, P3K) and three breakdowns of that headcount: by sex,
by golongan and by education. Each breakdown must add up to the row's headcount. P3K staff have no PNS
golongan, so the golongan columns IV–I add up to the PNS count and the table's golongan "P3K" column is the
P3K count itself (computed, never typed). Totals are always computed from the cells.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sakip.lib.angka import format_angka

KOLOM_STATUS = ("pns", "p3k")
KOLOM_JENIS_KELAMIN = ("laki_laki", "perempuan")
KOLOM_GOLONGAN = ("gol_iv", "gol_iii", "gol_ii", "gol_i")
KOLOM_PENDIDIKAN = ("s3", "s2", "s1", "diploma", "slta", "sltp", "sd")
#: The cells of one ASN row, in the order of table 1.1.
KOLOM_ASN = KOLOM_STATUS + KOLOM_JENIS_KELAMIN + KOLOM_GOLONGAN + KOLOM_PENDIDIKAN
#: The cells of one non-PNS row (tenaga honor/PTT); its headcount is L + P.
KOLOM_NON_PNS = KOLOM_JENIS_KELAMIN

LABEL = {
    "pns": "PNS",
    "p3k": "P3K",
    "laki_laki": "L",
    "perempuan": "P",
    "gol_iv": "Gol. IV",
    "gol_iii": "Gol. III",
    "gol_ii": "Gol. II",
    "gol_i": "Gol. I",
    "gol_p3k": "Gol. P3K",
    "s3": "S3",
    "s2": "S2",
    "s1": "S1",
    "diploma": "Diploma",
    "slta": "SLTA",
    "sltp": "SLTP",
    "sd": "SD",
}


def _n(nilai: int) -> str:
    return format_angka(nilai, 0)


@dataclass(frozen=True)
class Pelanggaran:
    """A breakdown that does not add up; `kolom` names the cells involved."""

    kolom: tuple[str, ...]
    pesan: str


def periksa_baris_asn(nilai: Mapping[str, int]) -> list[Pelanggaran]:
    """Every breakdown of one ASN row that does not add up to the row's headcount."""
    pns, p3k = nilai["pns"], nilai["p3k"]
    jumlah = pns + p3k
    hasil: list[Pelanggaran] = []
    jenis_kelamin = sum(nilai[k] for k in KOLOM_JENIS_KELAMIN)
    if jenis_kelamin != jumlah:
        hasil.append(
            Pelanggaran(
                KOLOM_JENIS_KELAMIN,
                f"L + P = {_n(jenis_kelamin)} tidak sama dengan PNS + P3K = {_n(jumlah)}.",
            )
        )
    golongan = sum(nilai[k] for k in KOLOM_GOLONGAN)
    if golongan != pns:
        hasil.append(
            Pelanggaran(
                KOLOM_GOLONGAN,
                f"Gol. IV + III + II + I = {_n(golongan)} tidak sama dengan jumlah PNS = {_n(pns)} "
                "(pegawai P3K tidak memiliki golongan PNS).",
            )
        )
    pendidikan = sum(nilai[k] for k in KOLOM_PENDIDIKAN)
    if pendidikan != jumlah:
        hasil.append(
            Pelanggaran(
                KOLOM_PENDIDIKAN,
                f"S3 + S2 + S1 + Diploma + SLTA + SLTP + SD = {_n(pendidikan)} tidak sama dengan "
                f"PNS + P3K = {_n(jumlah)}.",
            )
        )
    return hasil


def jumlahkan(baris: Iterable[Mapping[str, int]], kolom: Iterable[str]) -> dict[str, int]:
    """Column sums of rows (used where rows are not in the database yet, e.g. an import preview)."""
    daftar = list(baris)
    return {k: sum(b[k] for b in daftar) for k in kolom}


@dataclass(frozen=True)
class RingkasanPegawai:
    """The totals chapter I states and charts, all computed from the cells."""

    asn: Mapping[str, int]
    non_pns: Mapping[str, int]

    @property
    def pns(self) -> int:
        return self.asn["pns"]

    @property
    def p3k(self) -> int:
        return self.asn["p3k"]

    @property
    def jumlah_asn(self) -> int:
        return self.pns + self.p3k

    @property
    def jumlah_non_pns(self) -> int:
        return self.non_pns["laki_laki"] + self.non_pns["perempuan"]

    @property
    def jumlah_seluruh(self) -> int:
        return self.jumlah_asn + self.jumlah_non_pns

    @property
    def laki_laki(self) -> int:
        return self.asn["laki_laki"] + self.non_pns["laki_laki"]

    @property
    def perempuan(self) -> int:
        return self.asn["perempuan"] + self.non_pns["perempuan"]

    @property
    def per_jenis_kelamin(self) -> dict[str, int]:
        """ASN and non-PNS together (chart 1.1 of seed 004)."""
        return {"Laki-laki": self.laki_laki, "Perempuan": self.perempuan}

    @property
    def per_golongan(self) -> dict[str, int]:
        """ASN by golongan, P3K as its own column (chart 1.2 of seed 004)."""
        data = {f"Gol. {g}": self.asn[f"gol_{g.lower()}"] for g in ("IV", "III", "II", "I")}
        data["P3K"] = self.p3k
        return data

    @property
    def per_pendidikan(self) -> dict[str, int]:
        """ASN by education; non-PNS rows carry no education breakdown."""
        return {LABEL[k]: self.asn[k] for k in KOLOM_PENDIDIKAN}

    @property
    def kosong(self) -> bool:
        return self.jumlah_seluruh == 0
