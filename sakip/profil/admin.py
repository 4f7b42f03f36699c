from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sakip.profil.models import ProfilOrganisasi


@admin.register(ProfilOrganisasi)
class ProfilOrganisasiAdmin(SimpleHistoryAdmin):
    """Read-only in practice: changes go through the app's pages and import, which validate every table."""

    list_display = ["unit_kerja", "tahun", "ada_standar"]
    list_filter = ["tahun", "unit_kerja__pemda"]
    list_select_related = ["unit_kerja"]
    search_fields = ["unit_kerja__nama", "unit_kerja__kode"]

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False
