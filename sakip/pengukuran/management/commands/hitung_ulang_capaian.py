import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sakip.organisasi.models import Pemda
from sakip.pengukuran import kini


class Command(BaseCommand):
    help = (
        "Menghitung ulang seluruh capaian tersimpan (indikator, sasaran, unit, pemda) dari realisasi, target dan "
        "pengaturan: setelah memuat data di luar layanan aplikasi (impor massal, pemulihan cadangan)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--pemda", action="append", default=[], help="Kode wilayah pemda (boleh berulang)"
        )
        parser.add_argument("--tahun", type=int, help="Hanya tahun ini")

    def handle(self, *args: Any, **options: Any) -> None:
        pemda_ids = None
        if options["pemda"]:
            pemda = dict(Pemda.objects.filter(kode__in=options["pemda"]).values_list("kode", "pk"))
            if hilang := sorted(set(options["pemda"]) - set(pemda)):
                raise CommandError(f"Pemda dengan kode {', '.join(hilang)} tidak ditemukan.")
            pemda_ids = list(pemda.values())
        tahun = options["tahun"]
        if tahun is not None and not 2000 <= tahun <= 2100:
            raise CommandError("Tahun harus antara 2000 dan 2100.")
        mulai = time.perf_counter()
        hasil = kini.hitung_ulang(pemda_ids=pemda_ids, tahun=tahun)
        if options["verbosity"] == 0:
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Capaian dihitung ulang: {hasil['unit']} Renstra-tahun, {hasil['pemda']} pemda-tahun "
                f"({time.perf_counter() - mulai:.1f} s)."
            )
        )
