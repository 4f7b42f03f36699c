from django.apps import AppConfig


class LibConfig(AppConfig):
    name = "sakip.lib"
    verbose_name = "Pustaka bersama"

    def ready(self) -> None:
        from django.urls import register_converter

        from sakip.lib import tahun

        register_converter(tahun.Converter, "tahun")
