from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sakip.cadangan import ekspor
from sakip.cadangan.arsip import ArsipError
from sakip.organisasi.models import Pemda


class Command(BaseCommand):
    help = (
        "Mencadangkan seluruh data satu pemda (termasuk riwayat perubahan, pengguna yang berperan di pemda itu "
        "dan berkas data dukung) ke satu arsip zip."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--pemda", required=True, help="Kode wilayah pemda, mis. 64")
        parser.add_argument(
            "--keluar", required=True, type=Path, help="Berkas arsip yang ditulis, mis. kaltim.zip"
        )
        parser.add_argument("--timpa", action="store_true", help="Timpa berkas keluaran bila sudah ada")

    def handle(self, *args: Any, **options: Any) -> None:
        kode: str = options["pemda"]
        keluar: Path = options["keluar"]
        pemda = Pemda.objects.filter(kode=kode).first()
        if pemda is None:
            raise CommandError(f"Pemda dengan kode {kode} tidak ditemukan.")
        if keluar.exists() and not options["timpa"]:
            raise CommandError(f"Berkas {keluar} sudah ada. Pilih nama lain atau tambahkan --timpa.")
        if not keluar.parent.is_dir():
            raise CommandError(f"Direktori {keluar.parent} tidak ada.")
        try:
            ringkasan = ekspor.cadangkan(pemda, keluar)
        except ArsipError as exc:
            raise CommandError(str(exc)) from exc
        for pesan in ringkasan.peringatan:
            self.stderr.write(self.style.WARNING(f"Peringatan: {pesan}"))
        self.stdout.write(
            self.style.SUCCESS(
                f"Cadangan pemda {ringkasan.kode} ({ringkasan.nama}) ditulis ke {keluar}: "
                f"{sum(ringkasan.jumlah_baris.values())} baris, {ringkasan.jumlah_berkas} berkas."
            )
        )
