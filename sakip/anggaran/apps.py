from django.apps import AppConfig


class AnggaranConfig(AppConfig):
    name = "sakip.anggaran"
    verbose_name = "Anggaran"

    def ready(self) -> None:
        from sakip.anggaran import impor_latar

        impor_latar.daftarkan()
