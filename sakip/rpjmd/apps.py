from django.apps import AppConfig


class RpjmdConfig(AppConfig):
    name = "sakip.rpjmd"
    verbose_name = "RPJMD dan Cascading Kinerja"
