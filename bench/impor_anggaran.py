"""Benchmark: import a 10.000-row budget realisation workbook through sakip.anggaran.excel + services.

    make bench                                                     # a fresh SQLite database in a temp dir
    scripts/with-postgres.sh .venv/bin/python bench/impor_anggaran.py   # a throw-away PostgreSQL 15

Builds one unit with 10.000 sub kegiatan, writes a workbook laid out like a financial-system export, then times
reading, matching (dry run) and writing: a first import (10.000 new lines) and a second one (10.000 changed
lines), each all-or-nothing in one transaction with the audit trail. Prints the elapsed times; asserts nothing.
"""

from __future__ import annotations

import io
import os
import sys
import time
from pathlib import Path

JUMLAH = int(os.environ.get("SAKIP_BENCH_BARIS", "10000"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import lingkungan  # noqa: E402, F401  (a fresh database and Django set up, once per process)
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from sakip.anggaran import excel, services  # noqa: E402
from sakip.anggaran.models import AnggaranSubKegiatan  # noqa: E402
from sakip.organisasi import services as organisasi_services  # noqa: E402
from sakip.organisasi.models import Pengguna, Penugasan  # noqa: E402
from sakip.perencanaan.models import Kegiatan, Program, SubKegiatan  # noqa: E402


def _kode(n: int) -> str:
    # 100 kegiatan x 100 sub kegiatan: 4.01.01.2.KK.SSSS with KK 01..99 and a wide enough SSSS.
    return f"4.01.01.2.{n // 100 % 100:02d}.{n:04d}"


def siapkan() -> Pengguna:
    pemda = organisasi_services.upsert_pemda(kode="99", nama="Provinsi Bench", jenis="provinsi")
    unit = organisasi_services.upsert_unit(
        pemda=pemda, kode="SETDA", nama="Setda Bench", jenis="perangkat_daerah"
    )
    user = Pengguna.objects.create(username="operator.bench")
    organisasi_services.assign_role(
        pengguna=user, peran=Penugasan.Peran.OPERATOR, pemda=pemda, unit_kerja=unit
    )
    program = Program.objects.create(unit_kerja=unit, kode="4.01.01", nama="Program Bench")
    kegiatan = {
        k: Kegiatan.objects.create(program=program, kode=f"4.01.01.2.{k:02d}", nama=f"Kegiatan {k}")
        for k in range(100)
    }
    SubKegiatan.objects.bulk_create(
        (
            SubKegiatan(
                kegiatan=kegiatan[n // 100 % 100],
                kode=_kode(n),
                nama=f"Sub kegiatan {n}",
                satuan_keluaran="Dokumen",
            )
            for n in range(JUMLAH)
        ),
        batch_size=1000,
    )
    return user


def buku(tambah: int) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Realisasi")
    ws.append(
        [
            "Kode",
            "Nama",
            "Pagu",
            "Realisasi",
            "Target keluaran",
            "Realisasi keluaran",
            "Satuan",
            "Jenis belanja",
        ]
    )
    for n in range(JUMLAH):
        pagu = 1_000_000 + n * 1000 + tambah
        # Every tenth row carries Indonesian-formatted text instead of numbers, as exports often do.
        if n % 10 == 0:
            ws.append(
                [
                    _kode(n),
                    f"Sub kegiatan {n}",
                    f"{pagu:,}".replace(",", "."),
                    f"{pagu // 2:,}".replace(",", "."),
                    "12",
                    "12",
                    "Dokumen",
                    "Operasi",
                ]
            )
        else:
            ws.append(
                [
                    _kode(n),
                    f"Sub kegiatan {n}",
                    pagu,
                    pagu // 2,
                    12,
                    11,
                    "Dokumen",
                    "Modal" if n % 7 == 0 else "Operasi",
                ]
            )
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def baca_saja(isi: bytes) -> float:
    """The floor: a bare openpyxl read of the same workbook (every cell, no checks, no database)."""
    from openpyxl import load_workbook

    mulai = time.perf_counter()
    wb = load_workbook(io.BytesIO(isi), read_only=True, data_only=True)
    for _ in wb.active.iter_rows(values_only=True):
        pass
    wb.close()
    return time.perf_counter() - mulai


def impor(user: Pengguna, isi: bytes, label: str) -> float:
    mulai = time.perf_counter()
    hasil = excel.baca(io.BytesIO(isi))
    t_baca = time.perf_counter()
    assert hasil.ok, hasil.kesalahan[:5]
    rencana = services.siapkan_impor(user=user, tahun=2024, hasil=hasil)
    t_cocok = time.perf_counter()
    assert rencana.ok, rencana.kesalahan[:5]
    ringkasan = services.terapkan_impor(rencana=rencana, tahun=2024, by=user)
    t_tulis = time.perf_counter()
    print(
        f"{label}: {len(hasil.baris)} baris ({ringkasan.baru} baru, {ringkasan.ubah} diubah) | "
        f"baca {t_baca - mulai:.2f} s, cocokkan {t_cocok - t_baca:.2f} s, tulis {t_tulis - t_cocok:.2f} s, "
        f"jumlah {t_tulis - mulai:.2f} s"
    )
    return t_tulis - mulai


def main() -> None:
    print(f"Database: {connection.vendor} ({connection.settings_dict['NAME']})")
    mulai = time.perf_counter()
    call_command("migrate", verbosity=0)
    user = siapkan()
    pertama, kedua = buku(0), buku(500)
    print(
        f"Persiapan (migrasi, {JUMLAH} sub kegiatan, dua buku kerja {len(pertama) / 1e6:.1f} MB): {time.perf_counter() - mulai:.2f} s"
    )
    impor(user, pertama, "Impor pertama")
    impor(user, kedua, "Impor kedua ")
    assert AnggaranSubKegiatan.objects.count() == JUMLAH
    print(f"Riwayat perubahan: {AnggaranSubKegiatan.history.count()} catatan")


if __name__ == "__main__":
    main()
