from django.apps import AppConfig


class PelaporanConfig(AppConfig):
    name = "sakip.pelaporan"
    verbose_name = "Pelaporan"
