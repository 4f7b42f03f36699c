from django.apps import AppConfig


class LibConfig(AppConfig):
    name = "sakip.lib"
    verbose_name = "Pustaka bersama"
