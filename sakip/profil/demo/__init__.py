"""Demo profiles (seed 004's chapter I), loaded through the same service as an Excel import.

Each JSON file here holds one unit and year in the shape of `sakip.profil.data`, keyed by pemda kode and unit
kode, so loading twice updates instead of duplicating (unchanged rows are not even saved again).
"""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction

from sakip.organisasi.models import UnitKerja
from sakip.profil import services

DATA_DIR = Path(__file__).resolve().parent


@transaction.atomic
def load() -> None:
    for path in sorted(DATA_DIR.glob("*.json")):
        with path.open(encoding="utf-8") as handle:
            isi = json.load(handle)
        unit = UnitKerja.objects.get(pemda__kode=isi["pemda"], kode=isi["unit"])
        services.simpan_profil(unit_kerja=unit, tahun=isi["tahun"], data=isi, by=None)
