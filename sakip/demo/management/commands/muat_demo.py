from typing import Any

from django.core.management.base import BaseCommand

from sakip.demo import loader


class Command(BaseCommand):
    help = (
        "Memuat data demo (organisasi Setda Prov. Kaltim dan pengguna demo). Aman dijalankan berulang kali."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        loader.load_all()
        self.stdout.write(
            self.style.SUCCESS(f"Data demo dimuat. Kata sandi semua akun demo: {loader.DEMO_PASSWORD}")
        )
