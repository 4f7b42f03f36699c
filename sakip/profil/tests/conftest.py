from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from sakip.profil import services

DEMO = Path(__file__).resolve().parents[1] / "demo" / "setda_kaltim_2024.json"


@pytest.fixture
def data_seed() -> dict:
    """Seed 004's chapter I in the plain shape (the demo file)."""
    return json.loads(DEMO.read_text(encoding="utf-8"))


def data_kecil(baris_pegawai: int = 2) -> dict:
    """A small, valid profile with `baris_pegawai` ASN rows."""
    asn = [
        {
            "jabatan": f"Jabatan {i}", "pns": 3, "p3k": 1, "laki_laki": 2, "perempuan": 2,
            "gol_iv": 1, "gol_iii": 2, "gol_ii": 0, "gol_i": 0,
            "s3": 0, "s2": 1, "s1": 2, "diploma": 1, "slta": 0, "sltp": 0, "sd": 0,
        }
        for i in range(1, baris_pegawai + 1)
    ]  # fmt: skip
    return copy.deepcopy(
        {
            "uraian": {
                "dasar_pembentukan": "Dibentuk dengan Peraturan Daerah Nomor 1.",
                "tugas": "Membantu kepala daerah.",
                "uraian_struktur": "",
                "uraian_sdm": "",
                "sdm_per_tanggal": "2024-12-31",
                "sumber_data_pegawai": "data kepegawaian",
                "aspek_strategis": "Koordinasi.",
                "sumber_data_sarana": "",
                "ada_standar": False,
                "alasan_tanpa_standar": "Indikator unit tidak sama dengan indikator provinsi.",
            },
            "landasan_hukum": ["Perpres 29/2014;", "PermenPANRB 53/2014."],
            "fungsi": ["Fungsi satu;", "Fungsi dua."],
            "isu_strategis": ["Isu satu."],
            "perbandingan_standar": [],
            "pegawai_asn": asn,
            "pegawai_non_pns": [{"jabatan": "Tenaga Honor", "laki_laki": 2, "perempuan": 1}],
            "sarana": [
                {"uraian": "Gedung", "banyaknya": "2", "satuan": "Unit", "keterangan": ""},
                {"uraian": "Gedung", "banyaknya": "2048.5", "satuan": "m2", "keterangan": "dua lantai"},
            ],
        }
    )


@pytest.fixture
def profil_a(org):
    """A profile of Biro A for 2024."""
    return services.simpan_profil(unit_kerja=org.biro_a, tahun=2024, data=data_kecil(), by=None)
