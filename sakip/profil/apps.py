from django.apps import AppConfig


class ProfilConfig(AppConfig):
    name = "sakip.profil"
    verbose_name = "Profil Organisasi"
