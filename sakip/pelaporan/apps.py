from django.apps import AppConfig


class PelaporanConfig(AppConfig):
    name = "sakip.pelaporan"
    verbose_name = "Pelaporan"

    def ready(self) -> None:
        from sakip.pelaporan import bukti_lke, capaian, pembuatan

        capaian.register()
        pembuatan.daftarkan()
        bukti_lke.register()
