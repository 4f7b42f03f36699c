"""The profile as plain data: the one shape the Excel import, the demo files, the edit pages and the copy
from last year all hand to `services.simpan_profil`, and the export writes back.

Values are JSON types (decimals and dates as strings) so that the shape can sit in a session between an
import preview and its confirmation, and in the demo JSON files, unchanged.

    {
      "uraian": {"dasar_pembentukan": str, "tugas": str, ..., "sdm_per_tanggal": "2024-12-31" | "",
                 "ada_standar": bool, "alasan_tanpa_standar": str},
      "landasan_hukum": [str], "fungsi": [str], "isu_strategis": [str],
      "perbandingan_standar": [{"indikator": str, "tingkat": "nasional" | "provinsi", ...}],
      "pegawai_asn": [{"jabatan": str, "pns": int, "p3k": int, "laki_laki": int, ...}],
      "pegawai_non_pns": [{"jabatan": str, "laki_laki": int, "perempuan": int}],
      "sarana": [{"uraian": str, "banyaknya": "3370", "satuan": str, "keterangan": str}],
    }
"""

from __future__ import annotations

from typing import Any

from sakip.profil import aturan
from sakip.profil.models import ProfilOrganisasi

DataProfil = dict[str, Any]

URAIAN_TEKS = (
    "dasar_pembentukan",
    "tugas",
    "uraian_struktur",
    "uraian_sdm",
    "sumber_data_pegawai",
    "aspek_strategis",
    "sumber_data_sarana",
    "alasan_tanpa_standar",
)
URAIAN = (*URAIAN_TEKS, "sdm_per_tanggal", "ada_standar")
DAFTAR_BUTIR = ("landasan_hukum", "fungsi", "isu_strategis")
KOLOM_STANDAR = (
    "indikator",
    "satuan",
    "tingkat",
    "nilai_standar",
    "realisasi",
    "sumber_standar",
    "keterangan",
)
KOLOM_ASN = ("jabatan", *aturan.KOLOM_ASN)
KOLOM_NON_PNS = ("jabatan", *aturan.KOLOM_NON_PNS)
KOLOM_SARANA = ("uraian", "banyaknya", "satuan", "keterangan")


def kosong() -> DataProfil:
    uraian: dict[str, Any] = dict.fromkeys(URAIAN_TEKS, "")
    uraian.update(sdm_per_tanggal="", ada_standar=False)
    return {
        "uraian": uraian,
        "landasan_hukum": [],
        "fungsi": [],
        "isu_strategis": [],
        "perbandingan_standar": [],
        "pegawai_asn": [],
        "pegawai_non_pns": [],
        "sarana": [],
    }


def _angka_teks(nilai: Any) -> str:
    # Decimal("3370.00") -> "3370", Decimal("12.50") -> "12.5": the shortest exact form.
    teks = format(nilai.normalize(), "f")
    return teks


def dari_profil(profil: ProfilOrganisasi | None) -> DataProfil:
    """The stored profile in the plain shape (one query per list); an absent profile gives the empty shape."""
    data = kosong()
    if profil is None:
        return data
    for nama in URAIAN_TEKS:
        data["uraian"][nama] = getattr(profil, nama)
    data["uraian"]["sdm_per_tanggal"] = profil.sdm_per_tanggal.isoformat() if profil.sdm_per_tanggal else ""
    data["uraian"]["ada_standar"] = profil.ada_standar
    for nama in DAFTAR_BUTIR:
        data[nama] = list(getattr(profil, nama).order_by("urutan").values_list("uraian", flat=True))
    data["perbandingan_standar"] = list(profil.perbandingan_standar.order_by("urutan").values(*KOLOM_STANDAR))
    data["pegawai_asn"] = list(profil.pegawai_asn.order_by("urutan").values(*KOLOM_ASN))
    data["pegawai_non_pns"] = list(profil.pegawai_non_pns.order_by("urutan").values(*KOLOM_NON_PNS))
    data["sarana"] = [
        {**baris, "banyaknya": _angka_teks(baris["banyaknya"])}
        for baris in profil.sarana.order_by("urutan").values(*KOLOM_SARANA)
    ]
    return data
