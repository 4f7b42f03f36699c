"""Load one version of the program nomenclature: `manage.py muat_nomenklatur SUMBER --keputusan 900.1-861/2026
--tahun 2026`, where SUMBER is the decree's Excel annex (sheets Program, Kegiatan, Sub Kegiatan) or a folder with
program.csv, kegiatan.csv and sub_kegiatan.csv (e.g. ../shared/domain/nomenklatur/)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sakip.perencanaan import nomenklatur


class Command(BaseCommand):
    help = "Memuat satu versi nomenklatur program/kegiatan/sub kegiatan (Kepmendagri)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("sumber")
        parser.add_argument("--keputusan", required=True)
        parser.add_argument("--tahun", type=int, required=True, help="tahun mulai berlaku")

    def handle(self, *args: Any, **opsi: Any) -> None:
        sumber = Path(opsi["sumber"])
        try:
            baris = (
                nomenklatur.baca_folder_csv(sumber)
                if sumber.is_dir()
                else nomenklatur.baca_xlsx(sumber.read_bytes())
            )
            versi = nomenklatur.simpan_versi(
                keputusan=opsi["keputusan"], tahun_berlaku=opsi["tahun"], baris=baris
            )
        except (OSError, ValidationError) as exc:
            raise CommandError(str(exc)) from exc
        jumlah = {j: versi.kode.filter(jenis=j).count() for j in nomenklatur.JENIS.values}
        self.stdout.write(f"{versi}: " + ", ".join(f"{n} {j}" for j, n in jumlah.items()))
