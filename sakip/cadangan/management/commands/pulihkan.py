from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sakip.cadangan import impor
from sakip.cadangan.arsip import ArsipError


class Command(BaseCommand):
    help = (
        "Memulihkan arsip cadangan satu pemda (dibuat dengan `cadangkan`) ke basis data yang belum memuat pemda "
        "tersebut. Semua atau tidak sama sekali."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("arsip", type=Path, help="Berkas arsip zip")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            ringkasan = impor.pulihkan(options["arsip"])
        except ArsipError as exc:
            raise CommandError(str(exc)) from exc
        for pesan in ringkasan.peringatan:
            self.stderr.write(self.style.WARNING(f"Peringatan: {pesan}"))
        dipakai = sum(ringkasan.bersama_dipakai.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Pemda {ringkasan.kode} ({ringkasan.nama}) dipulihkan: {sum(ringkasan.jumlah_baris.values())} "
                f"baris, {ringkasan.jumlah_berkas} berkas"
                + (f"; {dipakai} baris bersama (mis. pengguna) sudah ada dan dipakai." if dipakai else ".")
            )
        )
