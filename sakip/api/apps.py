from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "sakip.api"
    verbose_name = "API"
