from django.apps import AppConfig


class PengukuranConfig(AppConfig):
    name = "sakip.pengukuran"
    verbose_name = "Pengukuran Kinerja"

    def ready(self) -> None:
        from sakip.organisasi import panel
        from sakip.pengukuran import kini, kunci, views_tugas

        kunci.register()
        kini.hubungkan()
        panel.daftarkan(views_tugas.panel_beranda)
