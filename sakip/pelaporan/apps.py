from django.apps import AppConfig


class PelaporanConfig(AppConfig):
    name = "sakip.pelaporan"
    verbose_name = "Pelaporan"

    def ready(self) -> None:
        from sakip.pelaporan import bukti_lke, capaian

        capaian.register()
        bukti_lke.register()
