"""Reads of survey results: one aggregate query per survey whatever the number of responses."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django.db.models import Count, Q

from sakip.survei import ikm
from sakip.survei.models import Respons, Survei, kolom_rekap

# Age groups of the respondent profile (years, inclusive lower bound, exclusive upper bound).
KELOMPOK_UMUR: tuple[tuple[str, int, int | None], ...] = (
    ("< 20 tahun", 0, 20),
    ("20–29 tahun", 20, 30),
    ("30–39 tahun", 30, 40),
    ("40–49 tahun", 40, 50),
    ("50–59 tahun", 50, 60),
    ("≥ 60 tahun", 60, None),
)
TIDAK_DIISI = "Tidak diisi"


class DataJawaban(Protocol):
    @property
    def nilai(self) -> tuple[int | None, ...]: ...


@dataclass(frozen=True)
class Baris:
    label: str
    jumlah: int
    persen: float


@dataclass(frozen=True)
class Rincian:
    judul: str
    kunci: str
    baris: tuple[Baris, ...]


@dataclass(frozen=True)
class HasilSurvei:
    survei: Survei
    jumlah_respons: int
    resmi: ikm.HasilIKM  # with the weight the survey uses
    eksak: ikm.HasilIKM
    dibulatkan: ikm.HasilIKM
    rincian: tuple[Rincian, ...]
    per_sumber: tuple[Baris, ...]

    @property
    def kedua_bobot(self) -> tuple[ikm.HasilIKM, ikm.HasilIKM]:
        """The exact-weight and the rounded-weight result, shown side by side."""
        return (self.eksak, self.dibulatkan)


def rekap(survei: Survei, nilai: Mapping[str, Any]) -> list[ikm.RekapUnsur]:
    """Per-unsur totals from `jumlah_uN` / `jawaban_uN` values (an aggregate or an annotated survey)."""
    label = survei.label_unsur
    return [
        ikm.RekapUnsur(
            nomor=i,
            label=label[i - 1] if i - 1 < len(label) else f"Unsur {i}",
            jumlah_nilai=int(nilai.get(f"jumlah_{kolom}") or 0),
            jumlah_jawaban=int(nilai.get(f"jawaban_{kolom}") or 0),
        )
        for i, kolom in enumerate(survei.kolom_unsur, start=1)
    ]


def hitung(survei: Survei, nilai: Mapping[str, Any], bobot: str | None = None) -> ikm.HasilIKM:
    return ikm.hitung(
        rekap(survei, nilai), metode=ikm.Metode(survei.metode), bobot=ikm.Bobot(bobot or survei.bobot)
    )


def hasil_resmi(survei: Survei) -> ikm.HasilIKM:
    """The survey's result with its own weight (one query)."""
    nilai = Respons.objects.filter(survei=survei).aggregate(**kolom_rekap())
    return hitung(survei, nilai)


def _profil() -> dict[str, Any]:
    kolom: dict[str, Any] = {}
    for field, choices in (
        ("jenis_kelamin", Respons.JenisKelamin.choices),
        ("pendidikan", Respons.Pendidikan.choices),
        ("pekerjaan", Respons.Pekerjaan.choices),
        ("sumber", Respons.Sumber.choices),
    ):
        for kode, _ in choices:
            kolom[f"{field}__{kode}"] = Count("pk", filter=Q(**{field: kode}))
        kolom[f"{field}__"] = Count("pk", filter=Q(**{field: ""}))
    for i, (_, bawah, atas) in enumerate(KELOMPOK_UMUR):
        syarat = Q(umur__gte=bawah) if atas is None else Q(umur__gte=bawah, umur__lt=atas)
        kolom[f"umur__{i}"] = Count("pk", filter=syarat)
    kolom["umur__"] = Count("pk", filter=Q(umur__isnull=True))
    return kolom


def _baris(label: str, jumlah: int, total: int) -> Baris:
    return Baris(label, jumlah, (100 * jumlah / total) if total else 0.0)


def hasil_survei(survei: Survei) -> HasilSurvei:
    """Everything the result page shows, from a single aggregate query."""
    nilai = Respons.objects.filter(survei=survei).aggregate(
        jumlah_respons=Count("pk"), **kolom_rekap(), **_profil()
    )
    total = int(nilai["jumlah_respons"])
    rincian = []
    for judul, field, choices in (
        ("Jenis kelamin", "jenis_kelamin", Respons.JenisKelamin.choices),
        ("Pendidikan", "pendidikan", Respons.Pendidikan.choices),
        ("Pekerjaan", "pekerjaan", Respons.Pekerjaan.choices),
    ):
        baris = [_baris(label, nilai[f"{field}__{kode}"], total) for kode, label in choices]
        baris.append(_baris(TIDAK_DIISI, nilai[f"{field}__"], total))
        rincian.append(Rincian(judul, field, tuple(baris)))
    umur = [_baris(label, nilai[f"umur__{i}"], total) for i, (label, _, _) in enumerate(KELOMPOK_UMUR)]
    umur.append(_baris(TIDAK_DIISI, nilai["umur__"], total))
    rincian.insert(1, Rincian("Umur", "umur", tuple(umur)))
    per_sumber = tuple(
        _baris(label, nilai[f"sumber__{kode}"], total)
        for kode, label in Respons.Sumber.choices
        if nilai[f"sumber__{kode}"]
    )
    eksak = hitung(survei, nilai, ikm.Bobot.EKSAK)
    dibulatkan = hitung(survei, nilai, ikm.Bobot.DIBULATKAN)
    resmi = eksak if survei.bobot == ikm.Bobot.EKSAK else dibulatkan
    return HasilSurvei(survei, total, resmi, eksak, dibulatkan, tuple(rincian), per_sumber)


def grafik(hasil: HasilSurvei) -> dict[str, Any]:
    """Chart data for the result page (read by survei/grafik.js from a json_script element)."""
    unsur = hasil.resmi.unsur
    warna_rincian = ["#0b4f8a", "#43a047", "#f9a825", "#c62828", "#6a1b9a", "#00838f", "#8d6e63"]
    return {
        "nrr": {
            "label": [f"U{u.nomor}" for u in unsur],
            "judul": [u.label for u in unsur],
            "seri": [
                {"nama": "NRR", "data": [float(u.nrr) if u.nrr is not None else None for u in unsur]},
            ],
            "min": 1,
            "maks": 4,
        },
        "rincian": [
            {
                "id": r.kunci,
                "judul": r.judul,
                "label": [b.label for b in r.baris],
                "data": [b.jumlah for b in r.baris],
                # The last row is always "Tidak diisi": grey, whatever the number of categories.
                "warna": [*warna_rincian[: len(r.baris) - 1], "#bdbdbd"],
            }
            for r in hasil.rincian
        ],
    }


def pratinjau_impor(survei: Survei, data: Sequence[DataJawaban]) -> tuple[ikm.HasilIKM, ikm.HasilIKM, int]:
    """The survey's result now and after adding the imported rows, and how many responses it has (one query)."""
    nilai = Respons.objects.filter(survei=survei).aggregate(jumlah_respons=Count("pk"), **kolom_rekap())
    sekarang = rekap(survei, nilai)
    baru = ikm.rekap_dari_jawaban((d.nilai for d in data), metode=ikm.Metode(survei.metode))
    gabungan = [
        ikm.RekapUnsur(a.nomor, a.label, a.jumlah_nilai + b.jumlah_nilai, a.jumlah_jawaban + b.jumlah_jawaban)
        for a, b in zip(sekarang, baru, strict=True)
    ]
    metode, bobot = ikm.Metode(survei.metode), ikm.Bobot(survei.bobot)
    return (
        ikm.hitung(sekarang, metode=metode, bobot=bobot),
        ikm.hitung(gabungan, metode=metode, bobot=bobot),
        int(nilai["jumlah_respons"]),
    )
