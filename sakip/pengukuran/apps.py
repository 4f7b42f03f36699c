from django.apps import AppConfig


class PengukuranConfig(AppConfig):
    name = "sakip.pengukuran"
    verbose_name = "Pengukuran Kinerja"

    def ready(self) -> None:
        from sakip.pengukuran import kunci

        kunci.register()
