from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_save, pre_save


class ApiConfig(AppConfig):
    name = "sakip.api"
    verbose_name = "API"

    def ready(self) -> None:
        from sakip.api import sinyal

        pre_save.connect(
            sinyal.catat_sandi_lama, sender=settings.AUTH_USER_MODEL, dispatch_uid="api_sandi_lama"
        )
        post_save.connect(sinyal.cabut_token, sender=settings.AUTH_USER_MODEL, dispatch_uid="api_cabut_token")
