from django.apps import AppConfig


class PerencanaanConfig(AppConfig):
    name = "sakip.perencanaan"
    verbose_name = "Perencanaan Kinerja"

    def ready(self) -> None:
        from sakip.perencanaan import impor_latar

        impor_latar.daftarkan()
