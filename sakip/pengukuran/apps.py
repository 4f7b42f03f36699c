from django.apps import AppConfig


class PengukuranConfig(AppConfig):
    name = "sakip.pengukuran"
    verbose_name = "Pengukuran Kinerja"

    def ready(self) -> None:
        from sakip.organisasi import panel
        from sakip.pengukuran import impor_latar, kini, kunci, views_tugas

        kunci.register()
        impor_latar.daftarkan()
        kini.hubungkan()
        panel.daftarkan(views_tugas.panel_beranda)
