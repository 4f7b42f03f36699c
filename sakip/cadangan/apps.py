from django.apps import AppConfig


class CadanganConfig(AppConfig):
    name = "sakip.cadangan"
    verbose_name = "Cadangan dan pemulihan"
