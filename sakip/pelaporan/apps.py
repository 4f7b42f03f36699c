from django.apps import AppConfig


class PelaporanConfig(AppConfig):
    name = "sakip.pelaporan"
    verbose_name = "Pelaporan"

    def ready(self) -> None:
        from sakip.pelaporan import aturan_anggaran, bukti_lke, capaian, pembuatan

        capaian.register()
        pembuatan.daftarkan()
        bukti_lke.register()
        aturan_anggaran.register()
