"""Django admin limited to superusers: staff flags alone must not open it (everyone else works in the app)."""

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest


class SakipAdminSite(AdminSite):
    site_header = "Administrasi SAKIP"
    site_title = "Administrasi SAKIP"
    index_title = "Data master"

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_superuser)


class SakipAdminConfig(AdminConfig):
    default_site = "config.admin.SakipAdminSite"
