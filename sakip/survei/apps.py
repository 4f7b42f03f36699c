from django.apps import AppConfig


class SurveiConfig(AppConfig):
    name = "sakip.survei"
    verbose_name = "Survei Kepuasan Masyarakat"
