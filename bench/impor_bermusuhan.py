"""Benchmark step: every importer against the hostile workbooks (issue 19): time and peak memory per importer.

    .venv/bin/python bench/impor_bermusuhan.py    # alone, on a fresh SQLite database in a temp dir

The dimension bomb (A1:XFD1048576, one cell at XFD1048576) and a 1.048.576-row workbook (built by streaming the
sheet XML into the zip) go to each importer; each must refuse them (the test
`sakip/pelaporan/tests/test_impor_mahal.py` asserts under 2 s and 200 MB). Prints CPU and wall seconds and the
growth of the peak resident memory per importer; asserts nothing.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import lingkungan  # noqa: F401  (a fresh database and Django set up, once per process)

from sakip.anggaran import excel as excel_anggaran
from sakip.lib.tests import bom_xlsx
from sakip.organisasi.models import Pemda
from sakip.pelaporan import audit_excel
from sakip.perencanaan import excel as excel_perencanaan
from sakip.profil import excel as excel_profil
from sakip.survei import excel as excel_survei
from sakip.survei.models import Survei


def _pesan(fungsi: Callable[[], object]) -> str:
    try:
        hasil = fungsi()
    except (excel_anggaran.BerkasDitolak, excel_profil.BerkasDitolak, audit_excel.BerkasDitolak) as exc:
        return str(exc)
    kesalahan = getattr(hasil, "kesalahan", [])
    return str(kesalahan[0]) if kesalahan else "DITERIMA"


IMPORTIR: dict[str, Callable[[bytes], object]] = {
    "anggaran": lambda d: excel_anggaran.baca(io.BytesIO(d)),
    "profil": lambda d: excel_profil.baca(io.BytesIO(d), kode_unit="A", tahun=2024),
    "audit LKjIP": lambda d: audit_excel.baca(io.BytesIO(d)),
    "survei": lambda d: excel_survei.baca(Survei(), d),
    "Renstra": lambda d: excel_perencanaan.baca_renstra(d, pemda=Pemda()),
    "PK": lambda d: excel_perencanaan.baca_pk(d, pemda=Pemda()),
}


def ukur() -> dict[str, dict[str, dict[str, object]]]:
    buku = {"bom dimensi": bom_xlsx.bom_dimensi(), "1.048.576 baris": bom_xlsx.sejuta_baris()}
    hasil: dict[str, dict[str, dict[str, object]]] = {}
    for jenis, data in buku.items():
        print(f"{jenis} ({len(data):,} byte):".replace(",", "."))
        for nama, fungsi in IMPORTIR.items():
            pesan: list[str] = []
            cpu, dinding, puncak = bom_xlsx.ukur(
                lambda f=fungsi, d=data, p=pesan: p.append(_pesan(lambda: f(d)))
            )
            hasil.setdefault(jenis, {})[nama] = {
                "cpu_s": round(cpu, 3),
                "dinding_s": round(dinding, 3),
                "memori_puncak_mb": round(puncak / 1024 / 1024, 1),
                "pesan": pesan[0],
            }
            print(
                f"  {nama:12} {cpu:6.3f} s CPU {dinding:6.3f} s  +{puncak / 1024 / 1024:6.1f} MB  {pesan[0][:70]}"
            )
    return hasil


if __name__ == "__main__":
    ukur()
