from django.apps import AppConfig


class PublikasiConfig(AppConfig):
    name = "sakip.publikasi"
    verbose_name = "Arsip dan publikasi dokumen"
