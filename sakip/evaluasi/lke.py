"""The LKE (Lembar Kerja Evaluasi) of PermenPANRB 88/2021 as data, and its scoring rule.

Pure: no Django, no I/O. ``baca`` turns the reference JSON (sakip/evaluasi/data/lke-88-2021.json, copied from
the domain folder) into plain dataclasses that the data migration and the loader service both write; ``hitung``
applies the JSON's ``rumus``:

1. criterion value (0-1) = the value of its answer; scored per evidence, the mean over its evidence answers
   (an unanswered one counts 0);
2. sub-component score = mean of its criterion values (unanswered 0) x the sub-component's weight;
3. component score = sum of its sub-components; total = sum of the components; predikat from the total.

Values stay at full precision: the arithmetic is exact (fractions; a mean of thirds stays a third) and each
result is converted to ``Decimal`` once, so 2/3 + 1/3 of a weight of 6 is exactly 6; rounding happens only for
display.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from sakip.lib import skala

__all__ = [
    "Bukti",
    "HasilLke",
    "Kriteria",
    "Skema",
    "SubKomponen",
    "baca",
    "hitung",
    "jenis_dokumen",
    "nilai_kriteria",
]

NOL = Decimal(0)

# Checks the product can answer from its own data, by (criterion kode, evidence name).
# The codes are implemented in sakip/evaluasi/otomatis.py.
CEK_BUKTI: dict[tuple[str, str], str] = {
    ("1.a.1", "Renstra PD"): "renstra",
    ("1.b.1", "Renstra"): "renstra",
    ("2.a.1", "Renstra"): "renstra",
    ("1.a.2", "IKU"): "keputusan_iku",
    ("1.b.1", "IKU"): "keputusan_iku",
    ("2.a.2", "IKU"): "iku_lengkap",
    ("1.a.2", "PK seluruh pegawai tahun n (termasuk PK Perubahan terakhir)"): "pk_final",
    ("1.a.3", "Rencana Aksi tahun n"): "rencana_aksi",
    ("3.a.1", "LKjIP Tahun n-1"): "lkjip",
}

# Keywords of an evidence name -> the kind of document (first match wins).
_JENIS = (
    ("lkjip", "lkjip"),
    ("laporan kinerja", "lkjip"),
    ("renstra", "renstra"),
    ("renaksi", "rencana_aksi"),
    ("rencana aksi", "rencana_aksi"),
    ("perjanjian kinerja", "pk"),
    ("pk ", "pk"),
    ("iku", "iku"),
    ("survei", "survei"),
    ("ikm", "survei"),
    ("realisasi", "realisasi"),
)


def jenis_dokumen(nama: str) -> str:
    """The kind of document an evidence name refers to ('lain' when no keyword matches)."""
    teks = f"{nama.lower()} "
    if teks.startswith("pk"):
        return "pk"
    for kata, jenis in _JENIS:
        if kata in teks:
            return jenis
    return "lain"


@dataclass(frozen=True)
class Bukti:
    nama: str
    jenis_dokumen: str
    cek_otomatis: str = ""


@dataclass(frozen=True)
class Kriteria:
    """A criterion; ``skala`` maps each answer to its value 0-1; ``jumlah_bukti`` > 0 when scored per evidence."""

    kode: str
    sub: str
    uraian: str = ""
    jenis_jawaban: str = "YT"
    dinilai_per: str = "kriteria"
    catatan: str = ""
    bukti: tuple[Bukti, ...] = ()
    skala: Mapping[str, Decimal] = field(default_factory=dict)

    @property
    def jumlah_bukti(self) -> int:
        return len(self.bukti) if self.dinilai_per == "bukti" else 0


@dataclass(frozen=True)
class SubKomponen:
    kode: str
    nama: str
    bobot: Decimal
    komponen: str
    uraian: str = ""


@dataclass(frozen=True)
class Skema:
    nama: str
    komponen: tuple[tuple[str, str, Decimal], ...]
    sub: tuple[SubKomponen, ...]
    kriteria: tuple[Kriteria, ...]
    skala_jawaban: Mapping[str, tuple[tuple[str, Decimal], ...]]


def _angka(nilai: Any) -> Decimal:
    return Decimal(str(nilai))


def baca(data: Mapping[str, Any]) -> Skema:
    """The scheme of the reference JSON (komponen -> subkomponen -> kriteria -> bukti_dukung)."""
    skala_jawaban = {
        jenis: tuple((str(p["jawaban"]), _angka(p["nilai"])) for p in pilihan)
        for jenis, pilihan in data["skala_jawaban"].items()
    }
    komponen = []
    sub = []
    kriteria = []
    for k in data["komponen"]:
        komponen.append((str(k["kode"]), str(k["nama"]), _angka(k["bobot"])))
        for s in k["subkomponen"]:
            sub.append(
                SubKomponen(
                    kode=str(s["kode"]),
                    nama=str(s["nama"]),
                    bobot=_angka(s["bobot"]),
                    komponen=str(k["kode"]),
                    uraian=str(s.get("uraian") or ""),
                )
            )
            for c in s["kriteria"]:
                jenis = str(c["jenis_jawaban"])
                kriteria.append(
                    Kriteria(
                        kode=str(c["kode"]),
                        sub=str(s["kode"]),
                        uraian=str(c["uraian"]),
                        jenis_jawaban=jenis,
                        dinilai_per=str(c["dinilai_per"]),
                        catatan=str(c.get("catatan") or ""),
                        bukti=tuple(
                            Bukti(
                                nama=str(b),
                                jenis_dokumen=jenis_dokumen(str(b)),
                                cek_otomatis=CEK_BUKTI.get((str(c["kode"]), str(b)), ""),
                            )
                            for b in c.get("bukti_dukung") or ()
                        ),
                        skala=dict(skala_jawaban.get(jenis, ())),
                    )
                )
    return Skema(
        nama=str(data.get("skema") or ""),
        komponen=tuple(komponen),
        sub=tuple(sub),
        kriteria=tuple(kriteria),
        skala_jawaban=skala_jawaban,
    )


def _pecahan(kriteria: Kriteria, jawaban: Mapping[int | None, str]) -> Fraction:
    if kriteria.jumlah_bukti:
        jumlah = sum(
            (Fraction(kriteria.skala.get(jawaban.get(i, ""), NOL)) for i in range(kriteria.jumlah_bukti)),
            Fraction(0),
        )
        return jumlah / kriteria.jumlah_bukti
    return Fraction(kriteria.skala.get(jawaban.get(None, ""), NOL))


def _desimal(nilai: Fraction) -> Decimal:
    return Decimal(nilai.numerator) / Decimal(nilai.denominator)


def nilai_kriteria(kriteria: Kriteria, jawaban: Mapping[int | None, str]) -> Decimal:
    """The value 0-1 of a criterion. ``jawaban`` maps None (per criterion) or an evidence index to the answer.

    An answer not on the scale, or none, counts 0. Scored per evidence without any evidence item, the criterion
    is answered as a whole.
    """
    return _desimal(_pecahan(kriteria, jawaban))


@dataclass(frozen=True)
class HasilLke:
    kriteria: Mapping[str, Decimal]
    sub: Mapping[str, Decimal]
    komponen: Mapping[str, Decimal]
    total: Decimal
    predikat: skala.Pita


def hitung(
    sub: Sequence[SubKomponen],
    kriteria: Sequence[Kriteria],
    jawaban: Mapping[str, Mapping[int | None, str]],
    skala_predikat: skala.Skala = skala.PREDIKAT_AKIP,
) -> HasilLke:
    """Scores per criterion, sub-component, component, the total and its predikat (the JSON's ``rumus``).

    ``jawaban`` maps a criterion kode to its answers (see ``nilai_kriteria``); a sub-component without criteria
    scores 0 (nothing can be shown).
    """
    per_kriteria = {k.kode: _pecahan(k, jawaban.get(k.kode, {})) for k in kriteria}
    per_sub: dict[str, Fraction] = {}
    for s in sub:
        nilai = [per_kriteria[k.kode] for k in kriteria if k.sub == s.kode]
        per_sub[s.kode] = (sum(nilai, Fraction(0)) / len(nilai) * Fraction(s.bobot)) if nilai else Fraction(0)
    per_komponen: dict[str, Fraction] = {}
    for s in sub:
        per_komponen[s.komponen] = per_komponen.get(s.komponen, Fraction(0)) + per_sub[s.kode]
    total = _desimal(sum(per_komponen.values(), Fraction(0)))
    return HasilLke(
        kriteria={k: _desimal(v) for k, v in per_kriteria.items()},
        sub={k: _desimal(v) for k, v in per_sub.items()},
        komponen={k: _desimal(v) for k, v in per_komponen.items()},
        total=total,
        predikat=skala_predikat.klasifikasi(total),
    )
