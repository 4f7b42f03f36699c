"""Django admin limited to superusers: staff flags alone must not open it (everyone else works in the app)."""

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest, HttpResponse
from django.urls import reverse


class SakipAdminSite(AdminSite):
    site_header = "Administrasi SAKIP"
    site_title = "Administrasi SAKIP"
    index_title = "Data master"

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_superuser)

    def login(self, request: HttpRequest, extra_context: object = None) -> HttpResponse:
        # The admin's own login form asks only for the password: send everyone through the app's login, which asks
        # for the second factor (sakip.akun).
        from django.contrib.auth.views import redirect_to_login  # not at import: the admin config loads first

        return redirect_to_login(request.GET.get("next") or reverse("admin:index", current_app=self.name))


class SakipAdminConfig(AdminConfig):
    default_site = "config.admin.SakipAdminSite"
